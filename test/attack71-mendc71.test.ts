import { ApiObject, App, Chart } from 'cdk8s';
import { K3sVipCluster, KubeVipChart, KubeVipCloudProvider } from '../src/index';
import { certificateIssuerProblems } from '../src/cert-manager/issuer-objects';
import { checkGatewayProvider } from '../src/gateway/provider-rules';
import { refusalOf, synthFiles } from './helpers';

/**
 * Round 71 (mendc71): a K3sVipCluster hands its config's networks to the kube-vip charts that judge them (valid
 * configs were refused against K3s' default networks); a KubeVipChart under `bgp` skips the LAN check when its
 * `networks` omit the mode; an Ingress the app adds under a K3sVipCluster meets the never-read rules and the warnings
 * (only the cluster's own ingresses chart is skipped), and the warnings know the app's ClusterIssuers; an empty
 * issuerRef group is cert-manager's; the Gateway provider is read as every Kubernetes provider (provider-watch.ts).
 */
type Props = Record<string, any>;
const vip = (controlPlane: string, k3s: object, extra: Props = {}, traefikIp?: string): Props => ({
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: controlPlane }, ...extra },
  ...(traefikIp && { traefik: { loadBalancerIPs: [traefikIp] } }),
  k3s,
});
const pool = (cidr: string) => ({ services: { ipPool: { global: { cidr } } } });
const moved = { clusterCidr: '10.100.0.0/16', serviceCidr: '10.101.0.0/16' };

// [case, cluster props, refusal expected (undefined: accepted)]
const CLUSTERS: Array<[string, Props, RegExp | undefined]> = [
  ['1a VIP in K3s default pod network, pods moved', vip('10.42.0.40', { ...moved, nodeCidr: '10.42.0.0/16' }, {}, '10.42.0.41'), undefined],
  ['1a VIP in the moved pod network', vip('10.100.0.40', { ...moved, nodeCidr: '10.100.0.0/15' }, {}, '10.101.0.41'), /pod network/],
  ['1b VIP .0 of a /24 inside a /16 LAN', vip('192.168.1.0', { nodeCidr: '192.168.0.0/16' }, {}, '192.168.1.41'), undefined],
  ['1b VIP the /16 LAN network address', vip('192.168.0.0', { nodeCidr: '192.168.0.0/16' }, {}, '192.168.1.41'), /network address/],
  ['1b VIP .0 without nodeCidr', vip('192.168.1.0', {}, {}, '192.168.1.41'), /network address/],
  [
    '1c pool in K3s default Service network, services moved',
    vip('10.40.0.40', { ...moved, nodeCidr: '10.40.0.0/14' }, pool('10.43.5.0/24')),
    undefined,
  ],
  [
    '1c pool in the moved Service network',
    vip('10.40.0.40', { ...moved, nodeCidr: '10.40.0.0/14' }, pool('10.101.5.0/24')),
    /Service network/,
  ],
  [
    '1c pool in the default Service network, not moved',
    vip('10.40.0.40', { nodeCidr: '10.40.0.0/14' }, pool('10.43.5.0/24')),
    /Service network/,
  ],
];

const bgp = { as: 65000, peers: [{ address: '192.168.0.1', as: 65001 }] };
const kubeVipChart = (props: Props) => () => new KubeVipChart(new App(), 'kv', { version: 'v1.2.3', interface: 'lo', ...props } as never);
const CHARTS: Array<[string, () => unknown, RegExp | undefined]> = [
  [
    '2 bgp, networks without mode, VIP .0',
    kubeVipChart({ controlPlaneAddress: '10.9.0.0', bgp, networks: { clusterCidr: '10.100.0.0/16' } }),
    undefined,
  ],
  ['2 bgp, no networks, VIP .0', kubeVipChart({ controlPlaneAddress: '10.9.0.0', bgp }), undefined],
  ['2 bgp, networks say arp, VIP .0', kubeVipChart({ controlPlaneAddress: '10.9.0.0', bgp, networks: { mode: 'arp' } }), /network address/],
  [
    '2 bgp, VIP in the given pod network',
    kubeVipChart({ controlPlaneAddress: '10.100.0.9', bgp, networks: { clusterCidr: '10.100.0.0/16' } }),
    /pod network/,
  ],
  [
    '2 arp, networks without mode, VIP .0',
    kubeVipChart({ interface: 'eth0', controlPlaneAddress: '10.9.0.0', networks: {} }),
    /network address/,
  ],
  ['2 bgp, networks a string', kubeVipChart({ controlPlaneAddress: '10.9.0.1', bgp, networks: 'x' }), /networks/],
  [
    '7 pool networks: unknown key refused',
    () =>
      new KubeVipCloudProvider(new Chart(new App(), 'c'), 'p', {
        pool: { global: { cidr: '10.43.5.0/24' } },
        networks: { nodeCidr: '10.0.0.0/8' },
      } as never),
    /nodeCidr/,
  ],
  [
    '7 pool networks: Service network moved',
    () =>
      new KubeVipCloudProvider(new Chart(new App(), 'c'), 'p', {
        pool: { global: { cidr: '10.43.5.0/24' } },
        networks: { serviceCidr: '10.96.0.0/12' },
      }),
    undefined,
  ],
];

const ingressObject = (namespace: string, host: string, annotations: Record<string, string> = {}, tls = false) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'i', namespace, annotations },
  spec: {
    ingressClassName: 'traefik',
    rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }] } }],
    ...(tls && { tls: [{ hosts: [host], secretName: 'i-tls' }] }),
  },
});
const watched = (extra: Props = {}): Props => ({
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
  traefik: { loadBalancerIPs: ['192.168.0.41'], values: { providers: { kubernetesIngress: { namespaces: ['default'] } } } },
  k3s: { nodeCidr: '192.168.0.0/24' },
  ...extra,
});
const ownIngress = { ingresses: [{ name: 'own', host: 'own.code-place.dev', service: 'web', namespace: 'default', port: 80 }] };
type Where = 'app' | 'cluster' | 'cluster chart named ingresses';
const place = (app: App, cluster: K3sVipCluster, where: Where) =>
  new Chart(where === 'app' ? app : cluster, where === 'cluster chart named ingresses' ? 'ingresses' : 'apps');
// [case, cluster props, where the user's chart sits, its Ingress, refusal expected]
const NEVER_READ: Array<[string, Props, Where, object, RegExp | undefined]> = [
  ['3 beside, unwatched namespace', watched(), 'app', ingressObject('shop', 'shop.code-place.dev'), /is never read/],
  ['3 under the cluster, unwatched namespace', watched(), 'cluster', ingressObject('shop', 'shop.code-place.dev'), /is never read/],
  [
    '3 under the cluster, chart named ingresses (no own)',
    watched(),
    'cluster chart named ingresses',
    ingressObject('shop', 'shop.code-place.dev'),
    /is never read/,
  ],
  ['3 under the cluster, watched namespace', watched(), 'cluster', ingressObject('default', 'shop.code-place.dev'), undefined],
  [
    '3 cluster with own ingresses, user one unwatched',
    watched(ownIngress),
    'cluster',
    ingressObject('shop', 'shop.code-place.dev'),
    /is never read/,
  ],
  [
    '3 cluster with own ingresses, user one watched',
    watched(ownIngress),
    'cluster',
    ingressObject('default', 'shop.code-place.dev'),
    undefined,
  ],
];

const issuerObject = (name: string, server: string) => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'ClusterIssuer',
  metadata: { name },
  spec: {
    acme: {
      email: 'ops@code-place.dev',
      server,
      privateKeySecretRef: { name: `${name}-key` },
      solvers: [{ dns01: { webhook: { groupName: 'x', solverName: 'y' } } }],
    },
  },
});
const LE = 'https://acme-v02.api.letsencrypt.org/directory';
// [case, where the Ingress sits, its host, extra app objects, warning expected (undefined: none)]
const WARNINGS: Array<[string, Where, string, Record<string, string>, object[], RegExp | undefined]> = [
  [
    '3 under the cluster, single-label host to a resolver',
    'cluster',
    'printer',
    { 'traefik.ingress.kubernetes.io/router.tls.certresolver': 'le' },
    [],
    /printer/,
  ],
  [
    '3 under the cluster, full host to a resolver',
    'cluster',
    'printer.code-place.dev',
    { 'traefik.ingress.kubernetes.io/router.tls.certresolver': 'le' },
    [],
    undefined,
  ],
  [
    '4 app LE issuer, reserved name',
    'app',
    'a.example.local',
    { 'cert-manager.io/cluster-issuer': 'app-le' },
    [issuerObject('app-le', LE)],
    /reserved|\.local/,
  ],
  [
    '4 app non-LE issuer, reserved name',
    'app',
    'a.example.local',
    { 'cert-manager.io/cluster-issuer': 'app-own' },
    [issuerObject('app-own', 'https://acme.code-place.dev/dir')],
    undefined,
  ],
  [
    '4 app issuer, single-label host',
    'cluster',
    'printer',
    { 'cert-manager.io/cluster-issuer': 'app-own' },
    [issuerObject('app-own', 'https://acme.code-place.dev/dir')],
    /printer/,
  ],
];

const certificate = (group: unknown) => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'c', namespace: 'default' },
  spec: {
    secretName: 'c',
    dnsNames: ['a.code-place.dev'],
    issuerRef: { kind: 'ClusterIssuer', name: 'nowhere', ...(group !== undefined && { group }) },
  },
});
const GROUPS: Array<[string, unknown, boolean]> = [
  ['5 empty group is cert-manager', '', true],
  ['5 absent group is cert-manager', undefined, true],
  ['5 cert-manager.io group', 'cert-manager.io', true],
  ['5 external group not judged', 'awspca.cert-manager.io', false],
];

const gatewayProblems = (values: Props, chartVersion = '37.0.0') => {
  const found: string[] = [];
  const merged = {
    ...values,
    providers: { ...values.providers, kubernetesGateway: { ...values.providers?.kubernetesGateway, enabled: true } },
  };
  checkGatewayProvider(
    { values, merged, chartVersion, gateway: true, gatewayKey: 'traefik.gateway', turnOn: 'add gateway' },
    ['traefik'],
    (path, message) => found.push(`${path.join('.')} ${message}`),
  );
  return found.join('\n');
};
const GATEWAY: Array<[string, Props, RegExp | undefined]> = [
  ['6 labelselector (pre-v38 key)', { providers: { kubernetesGateway: { labelselector: 'team=web' } } }, /labelselector/],
  ['6 labelSelector', { providers: { kubernetesGateway: { labelSelector: 'team=web' } } }, /labelSelector/],
  ['6 namespaces without the Gateway', { providers: { kubernetesGateway: { namespaces: ['default'] } } }, /watch only namespace/],
  // The chart joins an empty-name list to its release namespace (_helpers.tpl), where the Gateway lives.
  ['6 namespaces of empty names: the release namespace alone', { providers: { kubernetesGateway: { namespaces: [''] } } }, undefined],
  ['6 flag turns it off', { additionalArguments: ['--providers.kubernetesgateway=false'] }, /off/],
  ['6 nothing narrowed', { providers: { kubernetesGateway: {} } }, undefined],
];

describe('attack71 mendc71', () => {
  test.each(CLUSTERS)('%s', (_name, props, expected) => {
    const message = refusalOf(() => new K3sVipCluster(new App(), 'c', props));
    if (expected) expect(message).toMatch(expected);
    else expect(message).toBe('');
  });

  // The same configs through synth's pipeline (renderClusters, as `npm run synth`): the config door and the charts agree.
  test.each(CLUSTERS)('synth: %s', (_name, props, expected) => {
    const message = refusalOf(() => synthFiles(props));
    if (expected) expect(message).toMatch(expected);
    else expect(message).toBe('');
  });

  test.each(CHARTS)('%s', (_name, make, expected) => {
    const message = refusalOf(make);
    if (expected) expect(message).toMatch(expected);
    else expect(message).toBe('');
  });

  test.each(NEVER_READ)('%s', (_name, props, where, object, expected) => {
    const app = new App();
    const message = refusalOf(() => {
      const cluster = new K3sVipCluster(app, 'c', props);
      new ApiObject(place(app, cluster, where), 'ing', object as never);
      app.synthYaml();
    });
    if (expected) expect(message).toMatch(expected);
    else expect(message).toBe('');
  });

  test.each(WARNINGS)('%s', (_name, where, host, annotations, objects, expected) => {
    const app = new App();
    const cluster = new K3sVipCluster(app, 'c', {
      ...watched(),
      traefik: { loadBalancerIPs: ['192.168.0.41'], externalCertResolvers: ['le'] },
    });
    const chart = place(app, cluster, where);
    new ApiObject(chart, 'ing', ingressObject('default', host, annotations, true) as never);
    objects.forEach((object, i) => new ApiObject(new Chart(app, `issuers${i}`), 'o', object as never));
    const said = cluster.warnings.map((w) => w.message).join('\n');
    if (expected) expect(said).toMatch(expected);
    else expect(said).toBe('');
  });

  test.each(GROUPS)('%s', (_name, group, judged) => {
    expect(certificateIssuerProblems(certificate(group), {}).length > 0).toBe(judged);
  });

  test.each(GATEWAY)('%s', (_name, values, expected) => {
    const said = gatewayProblems(values);
    if (expected) expect(said).toMatch(expected);
    else expect(said).toBe('');
  });
});
