import { ApiObject, App, Chart } from 'cdk8s';
import { parseConfigText } from '../src/config/load';
import { GatewayApiChart, K3sVipCluster, KubeVipChart, LoadBalancerService } from '../src/index';
import { clusterProps, configErrors, devConfig, refusalOf, withChanges } from './helpers';

/**
 * Round 73 (mend73a): 73a-1 a Gateway's cert-manager.io/cluster-issuer naming no ClusterIssuer, at every door; 73a-4
 * a file provider router's problems at its own line; 73a-6 a kube-vip VIP on a Service of another loadBalancerClass,
 * at every door; 73a-8 the control-plane VIP's env path and a chart's label; 73a-9 a BigInt or a throwing getter in
 * an app object named by its key path; 73a-12 a CRD kind of a *.k8s.io group Kubernetes does not serve is no built-in.
 */
type Props = Record<string, any>;
const base = (): Props => clusterProps() as Props;
const withIssuer = (): Props => ({ ...base(), certManager: { issuers: { le: { email: 'ops@code-place-dev.site' } } } });
const withGateway = (): Props => {
  const p = withIssuer();
  p.traefik.gateway = {};
  return p;
};
/** The refusal of `app.synth()` with a K3sVipCluster of `props` and `beside` in a chart of its App, or ''. */
const besideRefusal = (props: Props | undefined, beside: (chart: Chart, app: App) => void) =>
  refusalOf(() => {
    const app = new App({ outdir: '/tmp/mend73a-test-out' });
    if (props) new K3sVipCluster(app, 'dev', props as never);
    beside(new Chart(app, 'extra'), app);
    app.synthYaml();
  });
const gatewayObject = (issuer: string, hostname = 'a.example.org', protocol = 'HTTPS') => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'gw2', namespace: 'default', annotations: { 'cert-manager.io/cluster-issuer': issuer } },
  spec: {
    gatewayClassName: 'traefik',
    listeners: [{ name: 'https', port: 8443, protocol, hostname, tls: { mode: 'Terminate', certificateRefs: [{ name: 'x-tls' }] } }],
  },
});
const UNDEFINED_ISSUER = /cert-manager\.io\/cluster-issuer"\] "nope" is not defined: certManager\.issuers has "le"/;

describe('73a-1: a Gateway naming a ClusterIssuer is judged as an Ingress is', () => {
  test.each([
    ['beside, undefined issuer', 'nope', 'a.example.org', UNDEFINED_ISSUER],
    ['beside, defined issuer', 'le', 'a.example.org', undefined],
    ['beside, HTTP-01 issuer and a wildcard', 'le', '*.example.org', /is a wildcard, but issuer "le" uses HTTP-01/],
  ])('%s', (_, issuer, hostname, expected) => {
    const refusal = besideRefusal(withGateway(), (chart) => new ApiObject(chart, 'gw', gatewayObject(issuer, hostname)));
    if (expected) expect(refusal).toMatch(expected);
    else expect(refusal).toBe('');
  });

  test.each([
    ['GatewayApiChart clusterIssuer undefined', 'nope', UNDEFINED_ISSUER],
    ['GatewayApiChart clusterIssuer defined', 'le', undefined],
  ])('%s', (_, clusterIssuer, expected) => {
    const refusal = besideRefusal(withGateway(), (_chart, app) => {
      new GatewayApiChart(app, 'gw2', { gateway: { name: 'edge', httpsHosts: ['a.code-place-dev.site'], clusterIssuer } } as never);
    });
    if (expected) expect(refusal).toMatch(expected);
    else expect(refusal).toBe('');
  });

  test.each([
    [
      'extraObjects, undefined issuer',
      'nope',
      'traefik.values.extraObjects[0].metadata.annotations["cert-manager.io/cluster-issuer"]: "nope" is not defined',
    ],
    ['extraObjects, defined issuer', 'le', undefined],
  ])('%s', (_, issuer, expected) => {
    const config = withChanges(devConfig(), {
      certManager: { issuers: { le: { email: 'ops@code-place-dev.site' } } },
      traefik: { values: { extraObjects: [gatewayObject(issuer)] } },
    });
    const errors = configErrors(config).join('\n');
    if (expected) expect(errors).toContain(expected);
    else expect(errors).not.toMatch(/cluster-issuer/);
  });
});

const FILE_PROVIDER = `kubeVip:
  version: v1.2.3
  interface: eth0
  controlPlane:
    address: 192.168.0.40
traefik:
  loadBalancerIPs: [192.168.0.41]
  values:
    providers:
      file:
        enabled: true
        content: |
          http:
            routers:
              catch:
                rule: Host(\`k3s.code-place-dev.site\`) && PathPrefix(\`/.well-known\`)
                priority: 100000
                service: s1
                entryPoints: [web, nosuch3]
            services:
              s1:
                loadBalancer:
                  servers:
                    - url: http://10.0.0.1
          tcp:
            routers:
              all:
                rule: HostSNI(\`*\`)
                entryPoints: [web]
                service: t1
            services:
              t1:
                loadBalancer:
                  servers:
                    - address: 10.0.0.1:80
certManager:
  issuers:
    le:
      email: ops@code-place-dev.site
ingresses:
  - name: web
    host: k3s.code-place-dev.site
    service: web
    port: 80
    tls:
      issuer: le
k3s:
  servers:
    - name: k3s-1
      address: 192.168.0.11
`;

describe("73a-4: a file provider router's problems stand at its own line", () => {
  const { errors } = parseConfigText('config/dev.yaml', FILE_PROVIDER);
  // Warnings are said once the errors are gone: the same text with a router that takes nothing.
  const quiet = FILE_PROVIDER.replace('PathPrefix(`/.well-known`)', 'PathPrefix(`/x`)').replace(/ {10}tcp:[\s\S]*?(?=certManager:)/, '');
  const entryWarnings = parseConfigText('config/dev.yaml', quiet).warnings;
  const lineOf = (all: typeof errors, text: string) => all.find((d) => d.message.includes(text))?.line;
  test.each([
    ['an HTTP router catching the HTTP-01 challenge', () => lineOf(errors, 'http.routers.catch.rule matches host'), 16],
    ['a TCP router taking every connection', () => lineOf(errors, 'tcp.routers.all.rule'), 28],
    ['an entrypoint warning', () => lineOf(entryWarnings, 'http.routers.catch.entryPoints[1]'), 19],
    ['not the content line', () => [...errors, ...entryWarnings].filter((d) => d.line === 12).length, 0],
  ])('%s', (_, line, expected) => {
    expect(line()).toBe(expected);
  });
});

const lbService = (annotations: Record<string, string>, loadBalancerClass?: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'db', namespace: 'default', annotations },
  spec: { type: 'LoadBalancer', ...(loadBalancerClass && { loadBalancerClass }), selector: { app: 'db' }, ports: [{ port: 5432 }] },
});
const NOT_KUBE_VIPS =
  /is "other", not kube-vip's class \(kube-vip\.io\/kube-vip-class\), so kube-vip never gives Service default\/db its VIP/;
const KUBE_VIP_CLASS = 'kube-vip.io/kube-vip-class';

describe('73a-6: a VIP asked of kube-vip on a Service of another class is refused at every door', () => {
  const entry = (loadBalancerClass: string | undefined, ips?: string[]) => ({
    name: 'db',
    selector: { app: 'db' },
    ports: [{ port: 5432 }],
    ...(ips && { ips }),
    ...(loadBalancerClass && { loadBalancerClass }),
  });
  test.each([
    ['loadBalancers[] with ips, class other', 'other', ['192.168.0.50'], NOT_KUBE_VIPS],
    ["loadBalancers[] with ips, kube-vip's class", KUBE_VIP_CLASS, ['192.168.0.50'], undefined],
    ['loadBalancers[] with ips, no class', undefined, ['192.168.0.50'], undefined],
  ])('%s', (_, cls, ips, expected) => {
    const props = { ...base(), loadBalancers: [entry(cls, ips)] };
    const refusal = refusalOf(() => new K3sVipCluster(new App(), 'dev', props as never));
    if (expected) expect(refusal).toMatch(expected);
    else expect(refusal).toBe('');
  });

  test('loadBalancers[] without ips, class other: left to that controller (a warning, no error)', () => {
    const config = withChanges(devConfig(), { loadBalancers: [entry('other')] });
    expect(configErrors(config).join('\n')).not.toMatch(/loadBalancerClass/);
  });

  test.each([
    ['LoadBalancerService with ips, class other', 'other', ['192.168.0.50'], NOT_KUBE_VIPS],
    ['LoadBalancerService with ips, class example.com/My_Class', 'example.com/My_Class', ['192.168.0.50'], /not kube-vip's class/],
    ["LoadBalancerService with ips, kube-vip's class", KUBE_VIP_CLASS, ['192.168.0.50'], undefined],
    ['LoadBalancerService without ips, class other', 'other', undefined, undefined],
  ])('%s', (_, cls, ips, expected) => {
    const refusal = refusalOf(() => new LoadBalancerService(new Chart(new App(), 'c'), 't', entry(cls, ips) as never));
    if (expected) expect(refusal).toMatch(expected);
    else expect(refusal).toBe('');
  });

  test.each([
    ['beside Service with the VIP annotation, class other', { 'kube-vip.io/loadbalancerIPs': '192.168.0.50' }, 'other', NOT_KUBE_VIPS],
    [
      'beside Service with the VIP annotation, class kubernetes.io/other',
      { 'kube-vip.io/loadbalancerIPs': '192.168.0.50' },
      'kubernetes.io/other',
      /not kube-vip's class/,
    ],
    [
      "beside Service with the VIP annotation, kube-vip's class",
      { 'kube-vip.io/loadbalancerIPs': '192.168.0.50' },
      KUBE_VIP_CLASS,
      undefined,
    ],
    ['beside Service with no VIP, class other', {}, 'other', undefined],
  ])('%s', (_, annotations, cls, expected) => {
    const refusal = besideRefusal(base(), (chart) => new ApiObject(chart, 's', lbService(annotations, cls)));
    if (expected) expect(refusal).toMatch(expected);
    else expect(refusal).toBe('');
  });

  test("Traefik's Service keeps its refusal", () => {
    const config = withChanges(devConfig(), { traefik: { values: { service: { spec: { loadBalancerClass: 'other' } } } } });
    expect(configErrors(config).join('\n')).toContain(
      "not kube-vip's class (kube-vip.io/kube-vip-class), so kube-vip never gives Traefik its VIP",
    );
  });
});

describe('73a-8: app-rule lines name real paths under the right label', () => {
  const onVip = (app: App) =>
    new ApiObject(new Chart(app, 'vips'), 's', {
      ...lbService({ 'kube-vip.io/loadbalancerIPs': '192.168.0.40' }),
      spec: { type: 'LoadBalancer', selector: { app: 'b' }, ports: [{ port: 6443 }] },
    });
  const kvRefusal = () =>
    refusalOf(() => {
      const app = new App({ outdir: '/tmp/mend73a-test-out' });
      new KubeVipChart(app, 'kv', { version: 'v1.2.3', interface: 'eth0', controlPlaneAddress: '192.168.0.40' } as never);
      onVip(app);
      app.synthYaml();
    });
  test.each([
    ['the env path is the item of the list', () => kvRefusal(), /containers\[0\]\.env\[\d+\]\.value\)/],
    ['not the path the DaemonSet does not have', () => kvRefusal(), /^(?![\s\S]*env\.address)/],
    ['a KubeVipChart labels its lines with itself', () => kvRefusal(), /^\s*\[kv\] vips\.yaml/m],
    ['not with a part of it', () => kvRefusal(), /^(?![\s\S]*\[kv\/Rbac\])/],
    [
      'under a K3sVipCluster, the same path',
      () => besideRefusal(base(), (_chart, app) => onVip(app)),
      /kube-vip-ds\.spec\.template\.spec\.containers\[0\]\.env\[\d+\]\.value\)/,
    ],
  ])('%s', (_, refusal, expected) => {
    expect(refusal()).toMatch(expected);
  });

  test('a GatewayApiChart labels its lines with itself', () => {
    const refusal = besideRefusal(withGateway(), (_chart, app) => {
      new GatewayApiChart(app, 'g2', {
        gateway: { name: 'edge', httpPort: 80, httpsPort: 443, httpsHosts: ['a.code-place-dev.site'] },
      } as never);
    });
    expect(refusal).toMatch(/^\s*\[g2\] g2\.yaml: Gateway\/kube-system\/edge/m);
    expect(refusal).not.toContain('[g2/Gateway]');
  });
});

describe('73a-9: a value cdk8s cannot render beside the cluster is named by its key path', () => {
  const deployment = (spec: Record<string, unknown>) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', namespace: 'default' },
    spec,
  });
  const podSpec = () => ({
    selector: { matchLabels: { a: 'b' } },
    template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
  });
  const throwing = () => {
    const spec: Record<string, unknown> = podSpec();
    Object.defineProperty(spec, 'replicas', {
      get() {
        throw new Error('boom');
      },
      enumerable: true,
    });
    return spec;
  };
  test.each([
    [
      'a BigInt',
      () => ({ ...podSpec(), replicas: BigInt(2) }),
      'extra/d: spec.replicas is a BigInt, which YAML cannot hold: write a number',
    ],
    [
      'a BigInt deeper',
      () => ({ ...podSpec(), template: { ...podSpec().template, metadata: { labels: { a: 'b' }, x: [BigInt(1)] } } }),
      'spec.template.metadata.x[0] is a BigInt',
    ],
    ['a getter that throws', throwing, 'extra/d: spec.replicas is a getter that throws when read'],
    ['a plain number', () => ({ ...podSpec(), replicas: 2 }), undefined],
  ])('%s', (_, spec, expected) => {
    const refusal = besideRefusal(base(), (chart) => new ApiObject(chart, 'd', deployment(spec())));
    if (expected) {
      expect(refusal).toContain(expected);
      expect(refusal).not.toMatch(/patch or value in it cannot be applied/);
    } else expect(refusal).toBe('');
  });
});

describe('73a-12: a CRD kind of a *.k8s.io group Kubernetes does not serve is judged as a third-party kind', () => {
  const object = (apiVersion: string, kind: string) => ({
    apiVersion,
    kind,
    metadata: { name: 'other', namespace: 'default' },
    spec: { targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'other' } },
  });
  test.each([
    ['VerticalPodAutoscaler (autoscaling.k8s.io)', 'autoscaling.k8s.io/v1', 'VerticalPodAutoscaler', undefined],
    ['VolumeSnapshot (snapshot.storage.k8s.io)', 'snapshot.storage.k8s.io/v1', 'VolumeSnapshot', undefined],
    [
      'a misspelt built-in kind still refused',
      'apps/v1',
      'Daemonset',
      /kind is "Daemonset", which "apps\/v1" does not have in Kubernetes 1\.27/,
    ],
    ['a kind networking.k8s.io does not have still refused', 'networking.k8s.io/v1', 'Ingres', /does not have in Kubernetes 1\.27/],
    ['a kind storage.k8s.io does not have still refused', 'storage.k8s.io/v1', 'VolumeSnapshot', /does not have in Kubernetes 1\.27/],
  ])('%s', (_, apiVersion, kind, expected) => {
    const refusal = besideRefusal(base(), (chart) => new ApiObject(chart, 'o', object(apiVersion, kind)));
    if (expected) expect(refusal).toMatch(expected);
    else expect(refusal).toBe('');
  });
});
