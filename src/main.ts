import { App } from 'cdk8s';
import { LoadedCluster } from './config/load';
import { IngressChart } from './ingress/chart';
import { KubeVipChart } from './kube-vip/chart';
import { KubeVipCloudProviderChart } from './kube-vip/cloud-provider-chart';
import { kubeVipModel } from './kube-vip/model';
import { serviceVipFields } from './kube-vip/service-vip';
import { LoadBalancerChart } from './load-balancer/chart';
import { sameIp } from './net/ip';
import { clusterReadme } from './docs/cluster-readme';
import { GitOpsChart } from './gitops/chart';
import { k3sServerConfig } from './k3s/server-config';
import { ClusterWiring, generatedHeader, runSynth } from './synth';
import { TraefikChart } from './traefik/chart';

/** Wires one cluster's config to its charts; each chart becomes one file in dist/<cluster>/. */
export function addClusterCharts(app: App, { config }: LoadedCluster): void {
  const { kubeVip, traefik } = config;
  const controlPlaneAddress = kubeVip.controlPlane?.address;
  const serviceIps = [...(traefik.loadBalancerIPs ?? []), ...config.loadBalancers.flatMap((lb) => lb.ips ?? [])];
  new KubeVipChart(app, 'kube-vip', {
    model: kubeVipModel({
      version: kubeVip.version,
      interface: kubeVip.interface,
      controlPlaneAddress,
      shareControlPlaneVip: !!controlPlaneAddress && serviceIps.some((ip) => sameIp(ip, controlPlaneAddress)),
      bgp: kubeVip.mode === 'bgp' ? kubeVip.bgp : undefined,
    }),
  });
  if (kubeVip.services.ipPool) {
    new KubeVipCloudProviderChart(app, 'kube-vip-cloud-provider', { pool: kubeVip.services.ipPool });
  }
  new TraefikChart(app, 'traefik-config', {
    chartVersion: traefik.chartVersion,
    kubeVipVersion: kubeVip.version,
    loadBalancerIPs: traefik.loadBalancerIPs,
    redirectToHttps: traefik.redirectToHttps,
    certResolvers: traefik.certResolvers,
  });
  if (config.loadBalancers.length) {
    new LoadBalancerChart(app, 'load-balancers', {
      services: config.loadBalancers.map((lb) => ({
        name: lb.name,
        namespace: lb.namespace,
        selector: lb.selector,
        ports: lb.ports,
        vip: serviceVipFields(kubeVip.version, lb.ips ?? []),
        loadBalancerClass: lb.loadBalancerClass,
        externalTrafficPolicy: lb.externalTrafficPolicy,
      })),
    });
  }
  if (config.ingresses.length) {
    new IngressChart(app, 'ingresses', {
      ingresses: config.ingresses.map((ingress) => ({
        name: ingress.name,
        namespace: ingress.namespace,
        host: ingress.host,
        path: ingress.path,
        serviceName: ingress.service,
        servicePort: ingress.port,
        certResolver: ingress.tls?.certResolver,
      })),
    });
  }
}

/** The GitOps object(s) that deploy the cluster's folder, when the config asks for them. */
export function addGitOpsCharts(app: App, { name, config }: LoadedCluster): void {
  if (!config.gitops) return;
  const { engine, repoURL, revision, path } = config.gitops;
  new GitOpsChart(app, engine, { engine, repoURL, revision, path: path ?? `dist/${name}`, name: `k3s-vip-${name}` });
}

/** Files beside the manifests: K3s server settings and the reviewer's README. */
export function clusterDocuments(cluster: LoadedCluster, source: string, manifests: readonly string[]): Array<[string, string]> {
  const { config } = cluster;
  return [
    ['k3s/config.yaml', generatedHeader(source) + k3sServerConfig({
      controlPlaneAddress: config.kubeVip.controlPlane?.address,
      clusterCidr: config.k3s.clusterCidr,
      serviceCidr: config.k3s.serviceCidr,
    })],
    ['README.md', clusterReadme({ name: cluster.name, source, config, manifests })],
  ];
}

export const wiring: ClusterWiring = { addClusterCharts, addGitOpsCharts, clusterDocuments };

/** Entry point of `cdk8s synth` (through scripts/app.js). */
export function main(): void {
  process.exitCode = runSynth({
    configDir: process.env.K3S_VIP_CONFIG_DIR ?? 'config',
    distDir: process.env.K3S_VIP_DIST_DIR ?? 'dist',
    stagingDir: process.env.CDK8S_OUTDIR,
    wiring,
  });
}
