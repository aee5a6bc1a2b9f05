import { ApiObject, App, Chart } from 'cdk8s';
import { K3sVipCluster, KubeVipChart, KubeVipCloudProvider, KubeVipDaemonSet, TraefikHelmChartConfig } from '../src/index';
import { refusalOf } from './helpers';

/**
 * Round 71 (vips71): the VIP and network rules every door applies, now at the doors that skipped them. Beside a
 * K3sVipCluster: a LoadBalancer Service's kube-vip.io/leaseName (71b-13), spec.loadBalancerIP next to the VIP annotation
 * (71b-14), a VIP listed twice (71d-8), an unreadable annotation said once (71d-9), and the extraObjects rules on host
 * ports, nodePorts, IP families and wildcard domains (71b-11). Alone: KubeVipDaemonSet's control-plane VIP and
 * KubeVipCloudProvider's pools against K3s' networks (71b-2), TraefikHelmChartConfig's trusted pod network (71b-3).
 * Each refused row has a nearby row that must pass.
 */
type Props = Record<string, any>;
const base = (kubeVip: object = {}, traefik: object = {}): Props => ({
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' }, ...kubeVip },
  traefik: { loadBalancerIPs: ['192.168.0.41'], ...traefik },
});
const V = 'kube-vip.io/loadbalancerIPs';
const L = 'kube-vip.io/leaseName';
const lb = (annotations: Record<string, string>, spec: object = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'pg', namespace: 'db', annotations },
  spec: { type: 'LoadBalancer', selector: { a: 'b' }, ports: [{ port: 5432 }], ...spec },
});
const nodePortService = (nodePort: number, spec: object = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'np', namespace: 'default' },
  spec: { type: 'NodePort', selector: { a: 'b' }, ports: [{ port: 80, nodePort }], ...spec },
});
const daemonSet = (port: number, hostNetwork: boolean) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'x', namespace: 'default' },
  spec: {
    selector: { matchLabels: { a: 'x' } },
    template: {
      metadata: { labels: { a: 'x' } },
      spec: { hostNetwork, containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: port, hostPort: port }] }] },
    },
  },
});
const route = (domain: string) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRoute',
  metadata: { name: 'r', namespace: 'default' },
  spec: {
    entryPoints: ['websecure'],
    routes: [{ match: 'Host(`a.example.org`)', kind: 'Rule', services: [{ name: 's', port: 80 }] }],
    tls: { certResolver: 'le', domains: [{ main: domain }] },
  },
});
const tls = (challenge: string) => base({}, { certResolvers: { le: { email: 'a@example.org', challenge } } });

// [case, cluster props, the object beside it, refusal expected (undefined: accepted)]
const BESIDE: Array<[string, () => Props, object, RegExp | undefined]> = [
  // 71b-13: the lease annotation, for the kube-vip the cluster deploys
  [
    '13 lease on kube-vip v0.8.0',
    () => base({ version: 'v0.8.0' }),
    lb({ [V]: '192.168.0.50', [L]: 'x' }),
    /leaseName"\] is set, but kube-vip v0\.8\.0 does not read/,
  ],
  ['13 neighbour: lease on v1.0.1', () => base({ version: 'v1.0.1' }), lb({ [V]: '192.168.0.50', [L]: 'x' }), undefined],
  [
    '13 lease on a Local Service',
    () => base({}, { externalTrafficPolicy: 'Local' }),
    lb({ [V]: '192.168.0.50', [L]: 'x' }, { externalTrafficPolicy: 'Local' }),
    /leaseName"\] is set on a Service with externalTrafficPolicy Local/,
  ],
  [
    '13 neighbour: Local without a lease',
    () => base({}, { externalTrafficPolicy: 'Local' }),
    lb({ [V]: '192.168.0.50' }, { externalTrafficPolicy: 'Local' }),
    undefined,
  ],
  [
    '13 namespace/name on v1.0.1',
    () => base({ version: 'v1.0.1' }),
    lb({ [V]: '192.168.0.50', [L]: 'default/x' }),
    /"default\/x" names a namespace, but kube-vip v1\.0\.1/,
  ],
  ['13 neighbour: namespace/name on v1.1.0', () => base({ version: 'v1.1.0' }), lb({ [V]: '192.168.0.50', [L]: 'default/x' }), undefined],
  ['13 invalid lease name', () => base(), lb({ [V]: '192.168.0.50', [L]: 'Bad_Name' }), /leaseName"\] "Bad_Name" is not a valid name/],
  ['13 neighbour: valid lease name', () => base(), lb({ [V]: '192.168.0.50', [L]: 'bad-name' }), undefined],
  // 71b-14: two VIP sources
  [
    '14 annotation and a different spec.loadBalancerIP',
    () => base(),
    lb({ [V]: '192.168.0.50' }, { loadBalancerIP: '192.168.0.51' }),
    /spec\.loadBalancerIP is a second VIP source next to metadata\.annotations/,
  ],
  [
    '14 annotation and spec.loadBalancerIP in the Service network',
    () => base(),
    lb({ [V]: '192.168.0.50' }, { loadBalancerIP: '10.43.0.7' }),
    /second VIP source/,
  ],
  ['14 neighbour: spec.loadBalancerIP alone', () => base(), lb({}, { loadBalancerIP: '192.168.0.51' }), undefined],
  ['14 neighbour: annotation alone', () => base(), lb({ [V]: '192.168.0.50' }), undefined],
  // 71d-8: a VIP twice in the annotation
  [
    'd8 one VIP twice',
    () => base(),
    lb({ [V]: '192.168.0.60,192.168.0.60' }),
    /"192\.168\.0\.60" is listed twice \(items 1 and 2 of its comma-separated list\)/,
  ],
  ['d8 neighbour: one VIP once', () => base(), lb({ [V]: '192.168.0.60' }), undefined],
  // 71b-11: the extraObjects rules
  ['11 host network 6443', () => base(), daemonSet(6443, true), /opens host port 6443, which is the K3s API server's port/],
  ['11 host network 2112', () => base(), daemonSet(2112, true), /opens host port 2112, which is kube-vip's metrics port/],
  ['11 neighbour: host port 2113', () => base(), daemonSet(2113, true), undefined],
  [
    '11 nodePort 20000',
    () => base(),
    nodePortService(20000),
    /spec\.ports\[0\]\.nodePort is 20000, the nodePort of Service default\/np, where the API server takes only 30000 to 32767/,
  ],
  ['11 nodePort 32768', () => base(), nodePortService(32768), /nodePort is 32768/],
  ['11 neighbour: nodePort 30000', () => base(), nodePortService(30000), undefined],
  ['11 neighbour: nodePort 32767', () => base(), nodePortService(32767), undefined],
  [
    '11 ipFamilies IPv6 on IPv4 only',
    () => base(),
    nodePortService(30001, { ipFamilies: ['IPv6'] }),
    /spec\.ipFamilies\[0\] is IPv6, but k3s\.serviceCidr "10\.43\.0\.0\/16" is IPv4 only/,
  ],
  [
    '11 RequireDualStack on IPv4 only',
    () => base(),
    nodePortService(30001, { ipFamilyPolicy: 'RequireDualStack' }),
    /spec\.ipFamilyPolicy is RequireDualStack/,
  ],
  ['11 neighbour: ipFamilies IPv4', () => base(), nodePortService(30001, { ipFamilies: ['IPv4'] }), undefined],
  [
    '11 wildcard on a TLS-challenge resolver',
    () => tls('tls'),
    route('*.example.org'),
    /spec\.tls\.domains\[0\]\.main asks resolver "le" for the wildcard "\*\.example\.org", but it uses the TLS challenge/,
  ],
  ['11 wildcard on an HTTP-challenge resolver', () => tls('http'), route('*.example.org'), /uses the HTTP challenge/],
  ['11 neighbour: a host name on a TLS-challenge resolver', () => tls('tls'), route('a.example.org'), undefined],
];

describe('round 71: a Service, workload or route beside a K3sVipCluster meets the config door rules (vips71)', () => {
  test.each(BESIDE)('%s', (_name, props, object, expected) => {
    const message = refusalOf(() => {
      const app = new App();
      new K3sVipCluster(app, 'dev', props() as never);
      new ApiObject(new Chart(app, 'mine'), 'o', object as never);
      app.synthYaml();
    });
    if (expected) expect(message).toMatch(expected);
    else expect(message).toBe('');
  });
});

// 71d-9: an annotation kube-vip cannot read is said once, as such, never as a missing annotation.
describe('round 71: an unreadable VIP annotation beside a K3sVipCluster is said once (71d-9)', () => {
  test.each([
    ['leading zeros', { [V]: '192.168.0.041' }, {}, /has leading zeros: write "192\.168\.0\.41"/],
    ['empty', { [V]: '' }, {}, /loadbalancerIPs/],
    ['not an address', { [V]: '0xC0.168.0.41' }, {}, /loadbalancerIPs/],
    ['leading zeros beside spec.loadBalancerIP', { [V]: '192.168.0.041' }, { loadBalancerIP: '192.168.0.60' }, /leading zeros/],
  ])('%s', (_name, annotations, spec, expected) => {
    const message = refusalOf(() => {
      const app = new App();
      new K3sVipCluster(app, 'dev', base() as never);
      new ApiObject(new Chart(app, 'mine'), 'o', lb(annotations as Record<string, string>, spec) as never);
      app.synthYaml();
    });
    expect(message).toMatch(expected);
    expect(message).not.toMatch(/has no kube-vip\.io\/loadbalancerIPs annotation|would stay <pending>/);
  });
  test('neighbour: a Service with no VIP and no pool is still said to stay pending', () => {
    const message = refusalOf(() => {
      const app = new App();
      new K3sVipCluster(app, 'dev', base() as never);
      new ApiObject(new Chart(app, 'mine'), 'o', lb({}) as never);
      app.synthYaml();
    });
    expect(message).toMatch(/has no kube-vip\.io\/loadbalancerIPs annotation and no IP pool serves namespace db/);
  });
});

// 71b-2, 71b-3: constructs alone, [case, build, refusal expected (undefined: accepted)]
const daemon =
  (address: string, extra: object = {}) =>
  (chart: Chart) =>
    new KubeVipDaemonSet(chart, 'kv', {
      version: 'v1.2.3',
      serviceAccountName: 'kube-vip',
      controlPlaneAddress: address,
      ...extra,
    } as never);
const provider =
  (pool: object, extra: object = {}) =>
  (chart: Chart) =>
    new KubeVipCloudProvider(chart, 'cp', { pool, ...extra } as never);
const traefik = (props: object) => (chart: Chart) =>
  new TraefikHelmChartConfig(chart, 'tr', { loadBalancerIPs: ['192.168.0.41'], ...props } as never);
const BGP = { bgp: { as: 65000, peers: [{ address: '192.168.0.1', as: 65001 }] } };
const ALONE: Array<[string, (chart: Chart) => unknown, RegExp | undefined]> = [
  [
    '2 control-plane VIP: /24 broadcast',
    daemon('192.168.0.255'),
    /controlPlaneAddress "192\.168\.0\.255" is the broadcast address of a \/24 LAN/,
  ],
  ['2 control-plane VIP: /24 network', daemon('192.168.0.0'), /controlPlaneAddress "192\.168\.0\.0" is the network address of a \/24 LAN/],
  ['2 control-plane VIP: Service network', daemon('10.43.0.5'), /controlPlaneAddress "10\.43\.0\.5" lies inside the K3s Service network/],
  ['2 control-plane VIP: pod network', daemon('10.42.1.1'), /lies inside the K3s pod network/],
  [
    '2 control-plane VIP: KubeVipChart, Service network',
    (c) => new KubeVipChart(c, 'k', { version: 'v1.2.3', controlPlaneAddress: '10.43.0.5' }),
    /KubeVipChart: controlPlaneAddress "10\.43\.0\.5" lies inside/,
  ],
  ['2 neighbour: a host address of the LAN', daemon('192.168.0.40'), undefined],
  ['2 neighbour: .0 in a larger LAN', daemon('192.168.1.0', { networks: { nodeCidr: '192.168.0.0/23' } }), undefined],
  [
    '2 neighbour: 10.43.0.5 with another Service network',
    daemon('10.43.0.5', { networks: { serviceCidr: '10.96.0.0/16', nodeCidr: '10.43.0.0/24' } }),
    undefined,
  ],
  ['2 neighbour: .255 under BGP', daemon('192.168.0.255', BGP), undefined],
  [
    '2 neighbour: KubeVipChart on the LAN',
    (c) => new KubeVipChart(c, 'k', { version: 'v1.2.3', controlPlaneAddress: '192.168.0.40' }),
    undefined,
  ],
  [
    '2 pool in the Service network',
    provider({ global: { cidr: '10.43.0.0/24' } }),
    /pool\.global\.cidr 10\.43\.0\.0\/24 overlaps the K3s Service network/,
  ],
  ['2 pool of every address', provider({ global: { cidr: '0.0.0.0/0' } }), /pool\.global\.cidr 0\.0\.0\.0\/0 overlaps the K3s pod network/],
  [
    '2 namespace range in the pod network',
    provider({ namespaces: { db: { range: '10.42.0.10-10.42.0.20' } } }),
    /pool\.namespaces\.db\.range .* overlaps the K3s pod network/,
  ],
  ['2 neighbour: a pool on the LAN', provider({ global: { cidr: '192.168.0.64/28' } }), undefined],
  [
    '2 neighbour: 10.43 pool with another Service network',
    provider({ global: { cidr: '10.43.0.0/24' } }, { networks: { serviceCidr: '10.96.0.0/16' } }),
    undefined,
  ],
  ['2 unreadable networks', provider({ global: { cidr: '192.168.0.64/28' } }, { networks: { serviceCidr: 'x' } }), /networks\.serviceCidr/],
  [
    '3 trustedProxies: the pod network under Cluster',
    traefik({ trustedProxies: ['10.42.0.0/16'] }),
    /trustedProxies\[0\] "10\.42\.0\.0\/16" covers the K3s pod network 10\.42\.0\.0\/16; with externalTrafficPolicy Cluster/,
  ],
  [
    '3 values trustedIPs: the pod network',
    traefik({ values: { ports: { web: { forwardedHeaders: { trustedIPs: ['10.42.0.0/16'] } } } } }),
    /values\.ports\.web\.forwardedHeaders\.trustedIPs\[0\] "10\.42\.0\.0\/16" covers the K3s pod network/,
  ],
  [
    '3 flag: the pod network',
    traefik({ values: { additionalArguments: ['--entrypoints.web.forwardedHeaders.trustedIPs=10.42.0.0/16'] } }),
    /covers the K3s pod network/,
  ],
  ['3 a /8 covering the pod network', traefik({ trustedProxies: ['10.0.0.0/8'] }), /covers the K3s pod network/],
  [
    "3 the props' own pod network",
    traefik({ trustedProxies: ['10.52.0.0/16'], networks: { clusterCidr: '10.52.0.0/16' } }),
    /covers the K3s pod network 10\.52\.0\.0\/16/,
  ],
  ['3 neighbour: the pod network under Local', traefik({ trustedProxies: ['10.42.0.0/16'], externalTrafficPolicy: 'Local' }), undefined],
  ['3 neighbour: a proxy outside the pod network', traefik({ trustedProxies: ['192.168.0.5'] }), undefined],
  [
    '3 neighbour: 10.42 with another pod network',
    traefik({ trustedProxies: ['10.42.0.0/16'], networks: { clusterCidr: '10.52.0.0/16' } }),
    undefined,
  ],
];

describe('round 71: the VIP and trust constructs alone apply the network rules of the other doors (71b-2, 71b-3)', () => {
  test.each(ALONE)('%s', (_name, build, expected) => {
    const message = refusalOf(() => {
      const app = new App();
      build(new Chart(app, 'c'));
      app.synthYaml();
    });
    if (expected) expect(message).toMatch(expected);
    else expect(message).toBe('');
  });
});
