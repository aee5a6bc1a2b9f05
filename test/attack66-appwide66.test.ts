// Round 66 (attack66b 5 to 11): the constructs' app-wide rules judge the app's objects as `traefik.values.extraObjects`
// items are judged: a Traefik CRD object by the deployed chart's CRDs (66b-5), an object Traefik's chart renders itself,
// a disruption budget or autoscaler over Traefik's pods (66b-6), a second Traefik release through an Argo CD path or a
// Flux chartRef (66b-7), the items of a `List` (66b-8), `externalIPs` on the control-plane VIP, or any under a
// construct (66b-9), IPv4-mapped spellings of a VIP (66b-10), and a Service on the control-plane VIP by the kube-vip
// version, lease and port rules (66b-11). Each refused row names file, object and field; each must-pass row is ordinary.
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { K3sVipCluster, KubeVipChart, TraefikHelmChartConfig } from '../src';

type Values = Record<string, unknown>;
const KUBE_VIP = { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } };

const ts = (spec: Values): Values => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'TraefikService',
  metadata: { name: 'ts1', namespace: 'default' },
  spec,
});
const ir = (services: unknown[]): Values => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRoute',
  metadata: { name: 'r', namespace: 'default' },
  spec: { entryPoints: ['websecure'], routes: [{ match: 'Host(`a.example.com`)', kind: 'Rule', services }] },
});
const svc = (name: string, spec: Values, annotations?: Values): Values => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default', ...(annotations && { annotations }) },
  spec: { ports: [{ port: 443 }], ...spec },
});
const deploy = (name: string, namespace?: string): Values => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, ...(namespace && { namespace }) },
  spec: {
    selector: { matchLabels: { a: 'b' } },
    template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
  },
});

/** A K3sVipCluster (Traefik chart `chartVersion`, VIP `traefikVip`), with `under` in a chart under it and `sibling` beside it. */
function clusterApp(sibling: readonly Values[], under: readonly Values[] = [], chartVersion = '41.3.0', traefikVip = '192.168.0.41'): App {
  const app = Testing.app();
  const cluster = new K3sVipCluster(app, 'dev', { kubeVip: KUBE_VIP, traefik: { loadBalancerIPs: [traefikVip], chartVersion } } as never);
  sibling.forEach((o, i) => new ApiObject(new Chart(app, `x${i}`), 'o', o as never));
  under.forEach((o, i) => new ApiObject(new Chart(cluster, `u${i}`), 'o', o as never));
  return app;
}

/** KubeVipChart and TraefikHelmChartConfig side by side, Traefik on `vip`. */
function sharedApp(version: string, share: boolean | undefined, values: Values = {}): App {
  const app = Testing.app();
  new KubeVipChart(app, 'kv', {
    version,
    controlPlaneAddress: '192.168.0.40',
    ...(share !== undefined && { shareControlPlaneVip: share }),
  });
  new TraefikHelmChartConfig(new Chart(app, 't'), 't', { loadBalancerIPs: ['192.168.0.40'], kubeVipVersion: version, values });
  return app;
}

function verdict(build: () => App): string | undefined {
  try {
    build().synthYaml();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

const backend = { name: 'a', port: 80, bogus: 1 };

describe('66b-5 to 66b-11: the app-wide rules as extraObjects are judged', () => {
  const refused: Array<[string, () => App, readonly string[]]> = [
    // 66b-5
    [
      'sibling TraefikService field too new for chart 27.0.2',
      () => clusterApp([ts({ highestRandomWeight: { services: [{ name: 'a', port: 80 }] } })], [], '27.0.2'),
      ['x0.yaml', 'TraefikService/default/ts1', 'spec.highestRandomWeight', 'v27.0.2'],
    ],
    [
      'TraefikService under the cluster with an unknown backend field',
      () => clusterApp([], [ts({ weighted: { services: [backend] } })]),
      ['dev/u0.yaml', 'spec.weighted.services[0].bogus', 'is not a field'],
    ],
    [
      'sibling IngressRoute backend port 0',
      () => clusterApp([ir([{ name: 'Bad_Name', port: 0 }])]),
      ['x0.yaml', 'IngressRoute/default/r', 'spec.routes[0].services[0]'],
    ],
    // 66b-6
    [
      'sibling IngressClass traefik',
      () =>
        clusterApp([
          {
            apiVersion: 'networking.k8s.io/v1',
            kind: 'IngressClass',
            metadata: { name: 'traefik' },
            spec: { controller: 'example.com/other' },
          },
        ]),
      ['x0.yaml', 'IngressClass/traefik', 'renders that object itself', 'ingressClass'],
    ],
    [
      'sibling Deployment kube-system/traefik',
      () => clusterApp([deploy('traefik', 'kube-system')]),
      ['Deployment/kube-system/traefik', 'renders that object itself'],
    ],
    [
      'sibling ServiceAccount kube-system/traefik',
      () => clusterApp([{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'traefik', namespace: 'kube-system' } }]),
      ['ServiceAccount/kube-system/traefik', 'renders that object itself'],
    ],
    [
      'sibling PDB over Traefik pods with no eviction',
      () =>
        clusterApp([
          {
            apiVersion: 'policy/v1',
            kind: 'PodDisruptionBudget',
            metadata: { name: 'p', namespace: 'kube-system' },
            spec: { maxUnavailable: 0, selector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } } },
          },
        ]),
      ['PodDisruptionBudget/kube-system/p', "Traefik's pods", 'podDisruptionBudget'],
    ],
    [
      'sibling HPA of Deployment traefik',
      () =>
        clusterApp([
          {
            apiVersion: 'autoscaling/v2',
            kind: 'HorizontalPodAutoscaler',
            metadata: { name: 'h', namespace: 'kube-system' },
            spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'traefik' }, minReplicas: 1, maxReplicas: 3 },
          },
        ]),
      ['HorizontalPodAutoscaler/kube-system/h', 'autoscaling'],
    ],
    // 66b-7
    [
      'Argo CD Application from traefik-helm-chart path traefik',
      () =>
        clusterApp([
          {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'Application',
            metadata: { name: 'edge', namespace: 'argocd' },
            spec: {
              project: 'default',
              source: { repoURL: 'https://github.com/traefik/traefik-helm-chart', path: 'traefik', targetRevision: 'v27.0.2' },
              destination: { server: 'https://kubernetes.default.svc', namespace: 'edge' },
            },
          },
        ]),
      ['Application/argocd/edge', 'release of Traefik'],
    ],
    [
      'Flux HelmRelease chartRef to an OCIRepository of Traefik',
      () =>
        clusterApp([
          {
            apiVersion: 'helm.toolkit.fluxcd.io/v2',
            kind: 'HelmRelease',
            metadata: { name: 'edge', namespace: 'flux-system' },
            spec: { interval: '10m', chartRef: { kind: 'OCIRepository', name: 'edge-chart' } },
          },
          {
            apiVersion: 'source.toolkit.fluxcd.io/v1beta2',
            kind: 'OCIRepository',
            metadata: { name: 'edge-chart', namespace: 'flux-system' },
            spec: { interval: '10m', url: 'oci://ghcr.io/traefik/helm/traefik', ref: { tag: '27.0.2' } },
          },
        ]),
      ['HelmRelease/flux-system/edge', 'release of Traefik'],
    ],
    // 66b-8
    [
      'a sibling v1 List hides a second Traefik and a VIP takeover',
      () =>
        clusterApp([
          {
            apiVersion: 'v1',
            kind: 'List',
            metadata: {},
            items: [
              svc('s', { externalIPs: ['192.168.0.41'] }),
              {
                apiVersion: 'helm.cattle.io/v1',
                kind: 'HelmChart',
                metadata: { name: 'traefik2', namespace: 'kube-system' },
                spec: { chart: 'traefik' },
              },
            ],
          },
        ]),
      ['items[0]', 'spec.externalIPs[0]', 'items[1]', 'HelmChart/kube-system/traefik2'],
    ],
    [
      'a sibling ServiceList',
      () => clusterApp([{ apiVersion: 'v1', kind: 'ServiceList', items: [deploy('traefik', 'kube-system')] }]),
      ['items[0]', 'renders that object itself'],
    ],
    // 66b-9
    [
      'sibling externalIPs on the control-plane VIP',
      () => clusterApp([svc('s', { externalIPs: ['192.168.0.40'], ports: [{ port: 6443 }] })]),
      ['x0.yaml', 'spec.externalIPs[0]', 'the API server'],
    ],
    [
      'any externalIPs under the cluster',
      () => clusterApp([], [svc('s', { externalIPs: ['192.168.0.77'] })]),
      ['dev/u0.yaml', 'Service/default/s', 'spec.externalIPs', 'kube-proxy'],
    ],
    // 66b-10
    [
      'IPv4-mapped externalIP on Traefik VIP',
      () => clusterApp([svc('s', { externalIPs: ['::ffff:192.168.0.41'] })]),
      ['spec.externalIPs[0]', 'VIP of Traefik'],
    ],
    [
      'hex IPv4-mapped externalIP on Traefik VIP',
      () => clusterApp([svc('s', { externalIPs: ['::ffff:c0a8:29'] })]),
      ['spec.externalIPs[0]', 'VIP of Traefik'],
    ],
    [
      'IPv4-mapped kube-vip annotation on Traefik VIP and port',
      () => clusterApp([svc('s', { type: 'LoadBalancer' }, { 'kube-vip.io/loadbalancerIPs': '::ffff:192.168.0.41' })]),
      ['Service/default/s', 'both use port 443/TCP'],
    ],
    // 66b-11
    ['shared CP VIP on kube-vip v0.8.0', () => sharedApp('v0.8.0', undefined), ['loadBalancerIPs[0]', 'split brain', 'v1.1.0']],
    [
      'shared CP VIP without the common lease',
      () => sharedApp('v1.2.3', undefined),
      ['loadBalancerIPs[0]', 'plndr-svcs-lock', 'shareControlPlaneVip'],
    ],
    [
      'websecure on the shared CP VIP at 6443',
      () => sharedApp('v1.2.3', true, { ports: { websecure: { exposedPort: 6443 } } }),
      ['loadBalancerIPs[0]', 'the API server', '6443/TCP'],
    ],
    [
      'sibling LoadBalancer on the CP VIP at 6443',
      () => clusterApp([svc('s', { type: 'LoadBalancer', loadBalancerIP: '192.168.0.40', ports: [{ port: 6443 }] })]),
      ['x0.yaml', 'spec.loadBalancerIP', '6443/TCP'],
    ],
    [
      'sibling LoadBalancer on the CP VIP at 80',
      () => clusterApp([svc('s', { type: 'LoadBalancer', loadBalancerIP: '192.168.0.40', ports: [{ port: 80 }] })]),
      ['x0.yaml', 'plndr-svcs-lock', 'K3sVipCluster'],
    ],
  ];
  it.each(refused)('refuses %s', (_name, build, says) => {
    const message = verdict(build);
    expect(message).toBeDefined();
    for (const part of says) expect(message).toContain(part);
  });

  const accepted: Array<[string, () => App]> = [
    [
      'ordinary sibling Traefik objects',
      () => clusterApp([ir([{ name: 's', port: 80 }]), ts({ weighted: { services: [{ name: 's', port: 80, weight: 1 }] } })]),
    ],
    ['highestRandomWeight on chart 41.3.0', () => clusterApp([ts({ highestRandomWeight: { services: [{ name: 'a', port: 80 }] } })])],
    ['a Deployment traefik in default', () => clusterApp([deploy('traefik')])],
    [
      'a PDB of another app',
      () =>
        clusterApp([
          {
            apiVersion: 'policy/v1',
            kind: 'PodDisruptionBudget',
            metadata: { name: 'p', namespace: 'kube-system' },
            spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } },
          },
        ]),
    ],
    [
      'an Argo CD Application of another app',
      () =>
        clusterApp([
          {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'Application',
            metadata: { name: 'web', namespace: 'argocd' },
            spec: {
              project: 'default',
              source: { repoURL: 'https://github.com/me/apps', path: 'web' },
              destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
            },
          },
        ]),
    ],
    [
      'a sibling List of a ConfigMap',
      () =>
        clusterApp([
          {
            apiVersion: 'v1',
            kind: 'List',
            items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { a: 'b' } }],
          },
        ]),
    ],
    ['sibling externalIPs off every VIP', () => clusterApp([svc('e', { externalIPs: ['192.168.0.77'] })])],
    ['Traefik on the CP VIP through K3sVipCluster', () => clusterApp([], [], '41.3.0', '192.168.0.40')],
    ['KubeVipChart shareControlPlaneVip with Traefik on the CP VIP', () => sharedApp('v1.2.3', true)],
    [
      'a sibling LoadBalancer on another VIP at 6443',
      () => clusterApp([svc('lb', { type: 'LoadBalancer', ports: [{ port: 6443 }] }, { 'kube-vip.io/loadbalancerIPs': '192.168.0.42' })]),
    ],
  ];
  it.each(accepted)('accepts %s', (_name, build) => {
    expect(verdict(build)).toBeUndefined();
  });
});
