import { App } from 'cdk8s';
import { LoadedCluster } from './config/load';
import { IngressChart } from './ingress/chart';
import { KubeVipChart } from './kube-vip/chart';
import { kubeVipModel } from './kube-vip/model';
import { runSynth } from './synth';
import { TraefikChart } from './traefik/chart';

/** Wires one cluster's config to its charts; each chart becomes one file in dist/<cluster>/. */
export function addClusterCharts(app: App, { config }: LoadedCluster): void {
  const { kubeVip, traefik } = config;
  new KubeVipChart(app, 'kube-vip', {
    model: kubeVipModel({
      version: kubeVip.version,
      interface: kubeVip.interface,
      controlPlaneAddress: kubeVip.controlPlane?.address,
      services: kubeVip.services.enabled,
      shareControlPlaneVip: !!kubeVip.controlPlane && traefik.loadBalancerIPs.includes(kubeVip.controlPlane.address),
    }),
  });
  new TraefikChart(app, 'traefik-config', {
    chartVersion: traefik.chartVersion,
    kubeVipVersion: kubeVip.version,
    loadBalancerIPs: traefik.loadBalancerIPs,
  });
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

/** Entry point of `cdk8s synth` (through scripts/app.js). */
export function main(): void {
  process.exitCode = runSynth({
    configDir: process.env.K3S_VIP_CONFIG_DIR ?? 'config',
    distDir: process.env.K3S_VIP_DIST_DIR ?? 'dist',
    stagingDir: process.env.CDK8S_OUTDIR,
    addClusterCharts,
  });
}
