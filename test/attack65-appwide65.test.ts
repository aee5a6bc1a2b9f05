// Round 65 (attack65b 3, 4): the constructs' cross-object rules hold across the whole cdk8s app, not only over a
// K3sVipCluster's own objects: a sibling chart (`new Chart(app, 'x')`) beside a construct of this library is judged
// with it (one identity, default namespace included; one cluster IP, compared parsed, Traefik's values' too; no release
// of Traefik, cert-manager or kube-vip; no second kube-vip; no externalIPs on a VIP). Per-object rules (an apiVersion
// `V1`, a port name `Bad_Name`) are not applied to a user's own objects: the API server says those itself, and they
// touch none of this tool's objects. Each refused row names the file, object and field; each must-pass row is ordinary.
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { K3sVipCluster, LoadBalancerService, TraefikHelmChartConfig } from '../src';

const CLUSTER = {
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
  traefik: { loadBalancerIPs: ['192.168.0.41'] },
  loadBalancers: [{ name: 'pg', namespace: 'db', selector: { app: 'pg' }, ports: [{ port: 5432 }], ips: ['192.168.0.42'] }],
};
type Values = Record<string, unknown>;

const service = (name: string, spec: Values, namespace: string | null = 'd'): Values => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, ...(namespace !== null && { namespace }) },
  spec: { selector: { a: 'b' }, ports: [{ port: 1 }], ...spec },
});
const helmRelease = (chart: string): Values => ({
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
  metadata: { name: 'edge', namespace: 'web' },
  spec: { chart: { spec: { chart, sourceRef: { kind: 'HelmRepository', name: 'charts' } } } },
});
const kubeVipDs: Values = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'kube-vip-2', namespace: 'kube-system' },
  spec: {
    selector: { matchLabels: { a: 'b' } },
    template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'kube-vip', image: 'ghcr.io/kube-vip/kube-vip:v1.2.3' }] } },
  },
};

/** An app with `library` (this library's construct) and sibling charts `x`, `y` holding `objects`. */
function app(library: (app: App) => void, x: readonly Values[], y: readonly Values[] = []): App {
  const built = Testing.app();
  library(built);
  [x, y].forEach((objects, c) => {
    const chart = new Chart(built, c === 0 ? 'x' : 'y');
    objects.forEach((object, i) => new ApiObject(chart, `o${i}`, object as never));
  });
  return built;
}
const cluster =
  (props: Values = {}) =>
  (a: App) =>
    new K3sVipCluster(a, 'dev', { ...CLUSTER, ...props } as never);
const traefikOnly = (a: App) => new TraefikHelmChartConfig(new Chart(a, 't'), 'h', { loadBalancerIPs: ['192.168.0.41'] });
const lbOnly = (namespace?: string) => (a: App) =>
  new LoadBalancerService(new Chart(a, 'lb'), 'pg', {
    name: 'pg',
    ...(namespace !== undefined && { namespace }),
    selector: { app: 'pg' },
    ports: [{ port: 5432 }],
    ips: ['192.168.0.42'],
  });

function verdict(build: () => App): string | undefined {
  try {
    build().synthYaml();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('65b-3/65b-4: cross-object rules over every object of the app', () => {
  const refused: Array<[string, () => App, readonly string[]]> = [
    [
      'two siblings ask one cluster IP',
      () => app(cluster(), [service('a', { clusterIP: '10.43.0.50' })], [service('b', { clusterIP: '10.43.0.50' })]),
      ['y.yaml', 'Service/d/b', 'spec.clusterIP', '10.43.0.50', 'Service/d/a in x.yaml'],
    ],
    [
      'one cluster IP in two IPv6 spellings',
      () => app(cluster(), [service('a', { clusterIP: 'fd00:43::50' }), service('b', { clusterIP: 'fd00:43:0:0::50' })]),
      ['x.yaml', 'Service/d/b', 'spec.clusterIP', 'already asks for it'],
    ],
    [
      "a sibling on the cluster IP of Traefik's values",
      () =>
        app(cluster({ traefik: { ...CLUSTER.traefik, values: { service: { spec: { clusterIP: '10.43.0.50' } } } } }), [
          service('a', { clusterIP: '10.43.0.50' }),
        ]),
      ['x.yaml', 'Service/d/a', 'values.service.spec.clusterIP', 'dev/traefik-config'],
    ],
    [
      "a sibling Service of Traefik's identity",
      () => app(cluster(), [service('traefik', {}, 'kube-system')]),
      ['x.yaml', 'Service/kube-system/traefik', 'same object', "Traefik's chart"],
    ],
    [
      'a helm-controller HelmChart of Traefik',
      () =>
        app(cluster(), [
          {
            apiVersion: 'helm.cattle.io/v1',
            kind: 'HelmChart',
            metadata: { name: 'traefik', namespace: 'kube-system' },
            spec: { chart: 'traefik' },
          },
        ]),
      ['x.yaml', 'HelmChart/kube-system/traefik', 'release of Traefik'],
    ],
    [
      'a Flux HelmRelease of Traefik',
      () => app(cluster(), [helmRelease('traefik')]),
      ['x.yaml', 'HelmRelease/web/edge', 'release of Traefik'],
    ],
    [
      'a Flux HelmRelease of cert-manager beside a TraefikHelmChartConfig',
      () => app(traefikOnly, [helmRelease('cert-manager')]),
      ['x.yaml', 'HelmRelease/web/edge', 'release of Traefik, cert-manager or kube-vip'],
    ],
    [
      'a second kube-vip DaemonSet',
      () => app(cluster(), [kubeVipDs]),
      ['x.yaml', 'DaemonSet/kube-system/kube-vip-2', 'spec.template.spec.containers[0].image', 'runs kube-vip'],
    ],
    [
      'externalIPs on a loadBalancers VIP',
      () => app(cluster(), [service('z', { externalIPs: ['192.168.0.42'] })]),
      ['x.yaml', 'Service/d/z', 'spec.externalIPs[0]', 'Service db/pg', 'CVE-2020-8554'],
    ],
    [
      'externalIPs on a LoadBalancerService VIP',
      () => app(lbOnly('db'), [service('z', { externalIPs: ['192.168.0.42'] })]),
      ['x.yaml', 'Service/d/z', 'spec.externalIPs[0]'],
    ],
    ['no namespace on both is default/<name>', () => app(lbOnly(), [service('pg', {}, null)]), ['x.yaml', 'Service/pg', 'same object']],
    [
      'a sibling LoadBalancer Service on a VIP and port',
      () => app(cluster(), [service('z', { type: 'LoadBalancer', loadBalancerIP: '192.168.0.42', ports: [{ port: 5432 }] })]),
      ['x.yaml', 'Service/d/z', 'spec.loadBalancerIP'],
    ],
  ];
  it.each(refused)('refuses %s', (_name, build, says) => {
    const message = verdict(build);
    expect(message).toBeDefined();
    for (const part of says) expect(message).toContain(part);
    expect(message).not.toMatch(/\n\s+at /); // no stack trace
  });

  const accepted: Array<[string, () => App]> = [
    [
      'two unrelated charts',
      () =>
        app(
          cluster(),
          [service('a', { clusterIP: '10.43.0.50' })],
          [
            service('b', { clusterIP: '10.43.0.51' }),
            { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd' }, data: { a: '1' } },
          ],
        ),
    ],
    ['one name in two namespaces', () => app(lbOnly('db'), [service('pg', {}, null)])],
    ['externalIPs on no VIP', () => app(cluster(), [service('z', { externalIPs: ['192.168.0.99'] })])],
    ['a release of another application', () => app(cluster(), [helmRelease('grafana')])],
    ['its own kube-vip beside a LoadBalancerService alone', () => app(lbOnly('db'), [kubeVipDs])],
  ];
  it.each(accepted)('accepts %s', (_name, build) => {
    expect(verdict(build)).toBeUndefined();
  });
  // 70b-18: a sibling's per-object problems are refused too, as the lead's conformance rules find them.
  it.each([
    ['a port name Bad_Name', () => app(cluster(), [service('z', { ports: [{ port: 1, name: 'Bad_Name' }] })]), /Bad_Name/],
    ['apiVersion V1', () => app(cluster(), [{ ...service('q', {}), apiVersion: 'V1' }]), /"V1" does not have/],
  ] as Array<[string, () => App, RegExp]>)('refuses a sibling with %s', (_name, build, said) => {
    expect(verdict(build)).toMatch(said);
  });
});
