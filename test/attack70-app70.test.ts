import { ApiObject, App, Chart } from 'cdk8s';
import { K3sVipCluster, KubeVipCloudProvider, TraefikHelmChartConfig, TraefikIngress } from '../src/index';
import { refusalOf } from './helpers';

/**
 * Round 70 (app70): objects beside a K3sVipCluster, in sibling charts of its App, get the rules the same objects meet
 * in a config or in `traefik.values.extraObjects`: 70b-5 a wildcard Ingress on a TLS/HTTP-challenge resolver; 70b-6 a
 * KubeVipCloudProvider pool holding the cluster's VIPs or the Service network; 70b-7 an Ingress Traefik never reads;
 * 70b-15 a Gateway listener on no entrypoint's port and a field outside the Gateway API schema; 70b-18 a cluster IP
 * outside the Service network, a port over 65535, a `CAP_` capability; 70b-24 an undefined ClusterIssuer.
 */
type Props = Record<string, any>;
const base = (): Props => ({
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
  traefik: { loadBalancerIPs: ['192.168.0.41'] },
  ingresses: [{ name: 'shop', host: 'shop.example.com', service: 'shop', port: 80 }],
});
const appRefusal = (props: Props, siblings: (chart: Chart) => void) =>
  refusalOf(() => {
    const app = new App();
    new K3sVipCluster(app, 'dev', props as never);
    siblings(new Chart(app, 'mine'));
    app.synthYaml();
  });
const ingressObject = (host: string, annotations: Record<string, string> = {}, namespace = 'default', tls = false) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'blog', namespace, annotations },
  spec: {
    ingressClassName: 'traefik',
    ...(tls && { tls: [{ hosts: [host], secretName: 'blog-tls' }] }),
    rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'x', port: { number: 80 } } } }] } }],
  },
});
const RESOLVER = 'traefik.ingress.kubernetes.io/router.tls.certresolver';
const ISSUER = 'cert-manager.io/cluster-issuer';
const withResolver = (challenge?: string) => {
  const p = base();
  p.traefik.certResolvers = { le: { email: 'ops@example.com', ...(challenge && { challenge }) } };
  p.traefik.redirectToHttps = true;
  return p;
};
const withIssuer = () => ({ ...base(), certManager: { issuers: { le: { email: 'ops@example.com', solver: 'http01' } } } });
const watching = (values: object) => {
  const p = base();
  p.traefik.values = values;
  return p;
};
const gatewayProps = () => {
  const p = base();
  p.traefik.gateway = { routeNamespaces: 'All' };
  p.k3s = { version: 'v1.35.3+k3s1' };
  return p;
};
const gateway = (port: number) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'gw2', namespace: 'default' },
  spec: { gatewayClassName: 'traefik', listeners: [{ name: 'http', port, protocol: 'HTTP' }] },
});
const httpRoute = (rule: object) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'r', namespace: 'default' },
  spec: { parentRefs: [{ name: 'traefik', namespace: 'kube-system' }], hostnames: ['a.example.com'], rules: [rule] },
});
const service = (spec: object) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'c', namespace: 'default' },
  spec: { selector: { a: 'b' }, ports: [{ port: 80 }], ...spec },
});
const deployment = (capability: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', namespace: 'default' },
  spec: {
    selector: { matchLabels: { a: 'b' } },
    template: {
      metadata: { labels: { a: 'b' } },
      spec: { containers: [{ name: 'c', image: 'nginx', securityContext: { capabilities: { add: [capability] } } }] },
    },
  },
});
const network = () => ({ ...base(), k3s: { serviceCidr: '10.100.0.0/16', clusterCidr: '10.99.0.0/16' } });
const put = (object: object) => (chart: Chart) => void new ApiObject(chart, 'o', object as never);

// [finding and case, cluster props, sibling chart's contents, refusal expected (undefined: accepted)]
const ROWS: Array<[string, () => Props, (chart: Chart) => void, RegExp | undefined]> = [
  // 70b-5
  [
    '5 wildcard Ingress on a TLS-challenge resolver',
    () => withResolver(),
    put(ingressObject('*.example.org', { [RESOLVER]: 'le' })),
    /"\*\.example\.org" is a wildcard, but resolver "le" uses the TLS challenge/,
  ],
  [
    '5 wildcard Ingress on an HTTP-challenge resolver',
    () => withResolver('http'),
    put(ingressObject('*.example.org', { [RESOLVER]: 'le' })),
    /uses the HTTP challenge/,
  ],
  [
    '5 TraefikIngress wildcard on the TLS resolver',
    () => withResolver(),
    (c) => void new TraefikIngress(c, 'ti', { name: 'wiki', host: '*.example.com', service: 'x', port: 80, certResolver: 'le' }),
    /is a wildcard, but resolver "le"/,
  ],
  [
    '5 neighbour: a plain host on the resolver',
    () => withResolver(),
    put(ingressObject('blog.example.org', { [RESOLVER]: 'le' })),
    undefined,
  ],
  ['5 neighbour: a wildcard without a resolver', () => withResolver(), put(ingressObject('*.example.org')), undefined],
  [
    '5 neighbour: a wildcard on an external resolver',
    () => ({ ...withResolver(), traefik: { ...withResolver().traefik, externalCertResolvers: ['dns'] } }),
    put(ingressObject('*.example.org', { [RESOLVER]: 'dns' })),
    undefined,
  ],
  // 70b-6
  [
    '6 pool holding the API server and Traefik VIPs',
    base,
    (c) => void new KubeVipCloudProvider(c, 'cp', { pool: { global: { cidr: '192.168.0.40/29' } } }),
    /"192\.168\.0\.40" lies inside the IP pool 192\.168\.0\.40\/29 \(data\.cidr-global/,
  ],
  [
    '6 pool range holding Traefik VIP',
    base,
    (c) => void new KubeVipCloudProvider(c, 'cp', { pool: { global: { range: '192.168.0.41-192.168.0.42' } } }),
    /traefik\.loadBalancerIPs\[0\]: "192\.168\.0\.41" lies inside the IP pool/,
  ],
  [
    '6 namespace pool in the Service network',
    base,
    (c) => void new KubeVipCloudProvider(c, 'cp', { pool: { namespaces: { default: { cidr: '10.43.0.0/24' } } } }),
    // Round 71 (71b-2): the construct itself refuses it now, by the same rule.
    /KubeVipCloudProvider: pool\.namespaces\.default\.cidr 10\.43\.0\.0\/24 overlaps the K3s Service network/,
  ],
  [
    '6 plain kubevip ConfigMap in the pod network',
    base,
    put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kubevip', namespace: 'kube-system' },
      data: { 'cidr-global': '10.42.5.0/24' },
    }),
    /overlaps the K3s pod network|overlaps .*10\.42\.0\.0\/16/,
  ],
  [
    '6 neighbour: a pool beside the VIPs',
    base,
    (c) => void new KubeVipCloudProvider(c, 'cp', { pool: { global: { cidr: '192.168.0.48/29' } } }),
    undefined,
  ],
  [
    '6 neighbour: a ConfigMap of another name',
    base,
    put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'other', namespace: 'kube-system' },
      data: { 'cidr-global': '192.168.0.40/29' },
    }),
    undefined,
  ],
  // 70b-7
  [
    '7 Ingress in an unwatched namespace',
    () => watching({ providers: { kubernetesIngress: { namespaces: ['default'] } } }),
    put(ingressObject('blog.example.com', {}, 'blog')),
    /watch only namespace\(s\) default, so it ignores the Ingresses in blog/,
  ],
  [
    '7 TraefikIngress in an unwatched namespace (flag)',
    () => watching({ additionalArguments: ['--providers.kubernetesingress.namespaces=default,kube-system'] }),
    (c) => void new TraefikIngress(c, 'ti', { name: 'wiki', namespace: 'wiki', host: 'wiki.example.com', service: 'x', port: 80 }),
    /ignores the Ingresses in wiki/,
  ],
  [
    '7 neighbour: Ingress in a watched namespace',
    () => watching({ providers: { kubernetesIngress: { namespaces: ['default', 'blog'] } } }),
    put(ingressObject('blog.example.com', {}, 'blog')),
    undefined,
  ],
  [
    '7 neighbour: Ingress of another class in an unwatched namespace',
    () => watching({ providers: { kubernetesIngress: { namespaces: ['default'] } } }),
    put({
      ...ingressObject('blog.example.com', {}, 'blog'),
      spec: { ...ingressObject('blog.example.com').spec, ingressClassName: 'nginx' },
    }),
    undefined,
  ],
  // 70b-15
  [
    '15 Gateway of Traefik class on port 80',
    gatewayProps,
    put(gateway(80)),
    /spec\.listeners\[0\]\.port is 80, which is no Traefik entrypoint's container port/,
  ],
  ['15 neighbour: Gateway on port 8000', gatewayProps, put(gateway(8000)), undefined],
  [
    '15 neighbour: Gateway of another class on port 80',
    gatewayProps,
    put({ ...gateway(80), spec: { ...gateway(80).spec, gatewayClassName: 'other' } }),
    undefined,
  ],
  [
    '15 HTTPRoute with an experimental field',
    gatewayProps,
    put(httpRoute({ sessionPersistence: { sessionName: 'x' }, backendRefs: [{ name: 'x', port: 80 }] })),
    /sessionPersistence is not a field of the HTTPRoute schema/,
  ],
  ['15 neighbour: HTTPRoute of standard fields', gatewayProps, put(httpRoute({ backendRefs: [{ name: 'x', port: 80 }] })), undefined],
  // 70b-18
  [
    '18 cluster IP outside the Service network',
    network,
    put(service({ clusterIP: '10.43.0.10' })),
    /spec\.clusterIP lies outside the Service network k3s\.serviceCidr "10\.100\.0\.0\/16"/,
  ],
  ["18 CoreDNS's cluster IP", network, put(service({ clusterIP: '10.100.0.10' })), /the tenth address/],
  ['18 neighbour: a free cluster IP', network, put(service({ clusterIP: '10.100.0.50' })), undefined],
  ['18 port 70000', base, put(service({ ports: [{ port: 70000 }] })), /port is 70000/],
  ['18 neighbour: port 65535', base, put(service({ ports: [{ port: 65535 }] })), undefined],
  ['18 CAP_ capability', base, put(deployment('CAP_NET_ADMIN')), /have no CAP_ prefix/],
  ['18 neighbour: NET_ADMIN', base, put(deployment('NET_ADMIN')), undefined],
  // 70b-24
  [
    '24 TraefikIngress naming an undefined ClusterIssuer',
    withIssuer,
    (c) => void new TraefikIngress(c, 'ti', { name: 'wiki', host: 'wiki.example.com', service: 'x', port: 80, clusterIssuer: 'nope' }),
    /cluster-issuer"\] "nope" is not defined: certManager\.issuers has "le"/,
  ],
  [
    '24 Ingress: HTTP-01 issuer for a wildcard',
    withIssuer,
    put(ingressObject('*.example.com', { [ISSUER]: 'le' }, 'default', true)),
    /is a wildcard, but issuer "le" uses HTTP-01/,
  ],
  [
    '24 neighbour: the defined issuer',
    withIssuer,
    (c) => void new TraefikIngress(c, 'ti', { name: 'wiki', host: 'wiki.example.com', service: 'x', port: 80, clusterIssuer: 'le' }),
    undefined,
  ],
  [
    '24 neighbour: an issuer the app defines itself',
    withIssuer,
    (c) => {
      new ApiObject(c, 'ci', {
        apiVersion: 'cert-manager.io/v1',
        kind: 'ClusterIssuer',
        metadata: { name: 'mine' },
        spec: { selfSigned: {} },
      } as never);
      new TraefikIngress(c, 'ti', { name: 'wiki', host: 'wiki.example.com', service: 'x', port: 80, clusterIssuer: 'mine' });
    },
    undefined,
  ],
];

describe('objects beside a K3sVipCluster meet its rules (70b-5, 6, 7, 15, 18, 24)', () => {
  test.each(ROWS)('%s', (_, props, siblings, refused) => {
    const refusal = appRefusal(props(), siblings);
    if (refused) expect(refusal).toMatch(refused);
    else expect(refusal).toBe('');
  });

  test('70b-5 with a TraefikHelmChartConfig alone: a wildcard on its TLS resolver is refused, a plain host passes', () => {
    const make = (host: string) =>
      refusalOf(() => {
        const app = new App();
        const chart = new Chart(app, 'tr');
        new TraefikHelmChartConfig(chart, 'hcc', {
          loadBalancerIPs: ['192.168.0.41'],
          certResolvers: { le: { email: 'ops@example.com' } },
        });
        new TraefikIngress(chart, 'ing', { name: 'blog', host, service: 'x', port: 80, certResolver: 'le' });
        app.synthYaml();
      });
    expect(make('*.example.com')).toMatch(/is a wildcard, but resolver "le" uses the TLS challenge/);
    expect(make('blog.example.com')).toBe('');
  });
});
