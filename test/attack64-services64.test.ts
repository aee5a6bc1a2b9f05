// Round 64 (attack64b 3, 8, 10): one cluster IP in two spellings (64b-3), the backends of IngressRouteUDP and
// TraefikService objects and every backend's namespace (64b-8), and a Service network wider than the kube-apiserver of
// `k3s.version` takes (64b-10). Each refused row is refused at every door that reads it, naming the key; each must-pass
// neighbour is accepted there.
import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { DUAL_STACK_NETWORKS, devConfig, refusalOf, withChanges } from './helpers';

const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');

/** The config's errors, K3sVipCluster's and TraefikHelmChartConfig's refusals, for `traefik.values` and `k3s` keys. */
function doors(values: object, k3s: Record<string, string> = {}) {
  const config = withChanges(devConfig(), { traefik: { values }, ...(Object.keys(k3s).length && { k3s }) });
  const parsed = parseConfigText('config/t.yaml', stringify(config));
  return {
    errors: parsed.errors.map(line),
    cluster: refusalOf(() => new K3sVipCluster(new App(), 'c', config)),
    chart: refusalOf(
      () =>
        new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', {
          loadBalancerIPs: ['192.168.0.41'],
          values: values as Record<string, unknown>,
          ...(k3s.serviceCidr && { networks: { serviceCidr: k3s.serviceCidr, clusterCidr: k3s.clusterCidr } }),
        }),
    ),
  };
}

const svc = (name: string, spec: object) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { selector: { a: 'b' }, ports: [{ port: 80 }], ...spec },
});
const v6 = (name: string, clusterIP: string) => svc(name, { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'], clusterIP });
const ALLOCATED = 'provided IP is already allocated';

const CLUSTER_IPS: Array<[string, object, string]> = [
  ['fd00:43::50 and fd00:43:0::50', { extraObjects: [v6('x', 'fd00:43::50'), v6('y', 'fd00:43:0::50')] }, 'extraObjects[1].spec.clusterIP'],
  [
    'fd00:43::50 and FD00:0043::0050',
    { extraObjects: [v6('x', 'fd00:43::50'), v6('y', 'FD00:0043::0050')] },
    'extraObjects[1].spec.clusterIP',
  ],
  [
    "Traefik's clusterIPs and fd00:43:0:0::70 (ad1)",
    {
      service: { spec: { ipFamilyPolicy: 'PreferDualStack', clusterIPs: ['10.43.0.70', 'fd00:43::70'] } },
      extraObjects: [v6('y', 'fd00:43:0:0::70')],
    },
    'extraObjects[0].spec.clusterIP',
  ],
  [
    'an additional Service with the long spelling',
    {
      ports: { web: { expose: { int: true } } },
      service: {
        spec: { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'], clusterIP: 'fd00:43::71' },
        additionalServices: {
          int: { type: 'ClusterIP', spec: { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'], clusterIP: 'fd00:43:0:0:0:0:0:71' } },
        },
      },
    },
    'service.additionalServices.int.spec.clusterIP',
  ],
];

const NET = { ...DUAL_STACK_NETWORKS };

describe('64b-3: one cluster IP in two spellings', () => {
  test.each(CLUSTER_IPS)('refuses %s', (_, values, key) => {
    const d = doors(values, NET);
    expect(d.errors.find((l) => l.includes(key) && l.includes(ALLOCATED))).toContain('the same address');
    expect(d.cluster).toContain(key);
    expect(d.cluster).toContain(ALLOCATED);
    expect(d.chart).toContain(key);
    expect(d.chart).toContain(ALLOCATED);
  });

  test.each([
    ['fd00:43::50 and fd00:43::51', { extraObjects: [v6('x', 'fd00:43::50'), v6('y', 'fd00:43::51')] }],
    ['fd00:43::50 and fd00:43:1::50 (another address)', { extraObjects: [v6('x', 'fd00:43::50'), v6('y', 'fd00:43::1:50')] }],
  ])('accepts %s', (_, values) => {
    const d = doors(values, NET);
    expect(d.errors.filter((l) => l.includes(ALLOCATED))).toEqual([]);
    expect(d.cluster).not.toContain(ALLOCATED);
    expect(d.chart).not.toContain(ALLOCATED);
  });
});

const object = (kind: string, spec: object) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind,
  metadata: { name: 'r', namespace: 'default' },
  spec,
});
// 67b-3: on an entrypoint the values do not make TCP (websecure is TCP, where a UDP route never serves).
const udp = (service: object) => object('IngressRouteUDP', { entryPoints: ['dns'], routes: [{ services: [service] }] });
const route = (kind: string, more: object) =>
  object(kind, {
    entryPoints: ['websecure'],
    routes: [{ match: kind === 'IngressRoute' ? 'Host(`a.example.com`)' : 'HostSNI(`*`)', ...more }],
  });
const NAME = 'is not a valid Service name';
const PORT = 'is not a Service port';
const NS = 'no namespace has such a name';

const BACKENDS: Array<[string, object, string, string]> = [
  ['an IngressRouteUDP service name (ir2)', udp({ name: 'Bad_Name', port: 53 }), 'extraObjects[0].spec.routes[0].services[0].name', NAME],
  [
    'an IngressRouteUDP service port 70000 (ir2)',
    udp({ name: 'dns', port: 70000 }),
    'extraObjects[0].spec.routes[0].services[0].port',
    PORT,
  ],
  [
    'an IngressRouteUDP service namespace',
    udp({ name: 'dns', namespace: 'Kube_System', port: 53 }),
    'extraObjects[0].spec.routes[0].services[0].namespace',
    NS,
  ],
  [
    'TraefikService weighted name (ir3)',
    object('TraefikService', { weighted: { services: [{ name: 'Bad_Name', port: 80 }] } }),
    'extraObjects[0].spec.weighted.services[0].name',
    NAME,
  ],
  [
    'TraefikService weighted port 0 (ir3)',
    object('TraefikService', { weighted: { services: [{ name: 's', port: 0 }] } }),
    'extraObjects[0].spec.weighted.services[0].port',
    PORT,
  ],
  [
    'TraefikService mirroring name',
    object('TraefikService', { mirroring: { name: 'Bad_Name', port: 80 } }),
    'extraObjects[0].spec.mirroring.name',
    NAME,
  ],
  [
    'TraefikService mirroring namespace',
    object('TraefikService', { mirroring: { name: 's', namespace: 'a.b', port: 80 } }),
    'extraObjects[0].spec.mirroring.namespace',
    NS,
  ],
  [
    'TraefikService mirrors port',
    object('TraefikService', { mirroring: { name: 's', port: 80, mirrors: [{ name: 'm', port: 65536, percent: 10 }] } }),
    'extraObjects[0].spec.mirroring.mirrors[0].port',
    PORT,
  ],
  [
    'an IngressRoute service namespace (ir7)',
    route('IngressRoute', { services: [{ name: 's', namespace: 'Bad_NS', port: 80 }] }),
    'extraObjects[0].spec.routes[0].services[0].namespace',
    NS,
  ],
  [
    'an IngressRouteTCP service namespace',
    route('IngressRouteTCP', { services: [{ name: 's', namespace: '-ns', port: 80 }] }),
    'extraObjects[0].spec.routes[0].services[0].namespace',
    NS,
  ],
  [
    'a TraefikService backend namespace',
    route('IngressRoute', { services: [{ name: 'wrr', kind: 'TraefikService', namespace: 'Apps' }] }),
    'extraObjects[0].spec.routes[0].services[0].namespace',
    NS,
  ],
  [
    'a middleware namespace',
    route('IngressRoute', { services: [{ name: 's', port: 80 }], middlewares: [{ name: 'm', namespace: 'Bad_NS' }] }),
    'extraObjects[0].spec.routes[0].middlewares[0].namespace',
    NS,
  ],
];

describe('64b-8: backends of every Traefik CRD', () => {
  test.each(BACKENDS)('refuses %s', (_, item, key, what) => {
    const d = doors({ extraObjects: [item] });
    expect(d.errors.find((l) => l.includes(key))).toContain(what);
    expect(d.cluster).toContain(key);
    expect(d.chart).toContain(key);
    expect(d.chart).toContain(what);
  });

  test.each([
    // 66b-12: a reference in the object's own namespace (another is refused while allowCrossNamespace is off).
    ['an IngressRouteUDP service', udp({ name: 'dns', namespace: 'default', port: 53 })],
    ['an IngressRouteUDP service by port name', udp({ name: 'dns', port: 'dns' })],
    [
      'a TraefikService weighted over a Service and a TraefikService',
      object('TraefikService', {
        weighted: {
          services: [
            { name: 's1', namespace: 'default', port: 80, weight: 1 },
            { name: 'wrr2', kind: 'TraefikService', weight: 1 },
          ],
        },
      }),
    ],
    [
      'a TraefikService mirroring with mirrors',
      object('TraefikService', { mirroring: { name: 's1', port: 80, mirrors: [{ name: 's2', port: 'http', percent: 10 }] } }),
    ],
    [
      'a mirroring of another provider’s service',
      object('TraefikService', { mirroring: { name: 'api@file', kind: 'TraefikService', mirrors: [{ name: 's2', port: 80 }] } }),
    ],
    [
      'an IngressRoute backend and middleware in a namespace',
      route('IngressRoute', {
        services: [{ name: 's', namespace: 'default', port: 80 }],
        middlewares: [{ name: 'm', namespace: 'default' }],
      }),
    ],
  ])('accepts %s', (_, item) => {
    const d = doors({ extraObjects: [item] });
    expect(d.errors).toEqual([]);
    expect(d.cluster).toBe('');
    expect(d.chart).toBe('');
  });
});

const TOO_LARGE = 'specified --service-cluster-ip-range is too large';
const WIDE: Array<[string, Record<string, string>]> = [
  ['100.0.0.0/10 on K3s v1.30.5 (cidr7)', { version: 'v1.30.5+k3s1', serviceCidr: '100.0.0.0/10' }],
  ['10.0.0.0/11 on K3s v1.33.4 (last release with the limit)', { version: 'v1.33.4+k3s1', serviceCidr: '10.0.0.0/11' }],
  ['fd00:43::/64 on K3s v1.33.4 (cidr2, pinned)', { version: 'v1.33.4+k3s1', serviceCidr: 'fd00:43::/64', clusterCidr: 'fd00:42::/56' }],
  [
    'a dual-stack second block fd00:43::/107 on K3s v1.27.3',
    { version: 'v1.27.3+k3s1', serviceCidr: '10.43.0.0/16,fd00:43::/107', clusterCidr: DUAL_STACK_NETWORKS.clusterCidr },
  ],
];

describe('64b-10: a Service network the kube-apiserver of k3s.version refuses', () => {
  test.each(WIDE)('refuses %s', (_, k3s) => {
    const d = doors({}, k3s);
    const error = d.errors.find((l) => l.startsWith('k3s.serviceCidr'));
    expect(error).toContain(TOO_LARGE);
    expect(error).toContain(k3s.version);
    expect(error).toMatch(/use \/1(2|08) or narrower/);
    expect(d.cluster).toContain('k3s.serviceCidr');
    expect(d.cluster).toContain(TOO_LARGE);
  });

  test.each([
    ['10.32.0.0/12 on K3s v1.33.4 (the widest it takes)', { version: 'v1.33.4+k3s1', serviceCidr: '10.32.0.0/12' }],
    ['fd00:43::/108 on K3s v1.33.4', { version: 'v1.33.4+k3s1', serviceCidr: 'fd00:43::/108', clusterCidr: 'fd00:42::/56' }],
    ['100.0.0.0/10 on K3s v1.34.1 (first release without the limit)', { version: 'v1.34.1+k3s1', serviceCidr: '100.0.0.0/10' }],
    ['fd00:43::/64 on K3s v1.35.3', { version: 'v1.35.3+k3s1', serviceCidr: 'fd00:43::/64', clusterCidr: 'fd00:42::/56' }],
    ['100.0.0.0/10 without k3s.version (K3s current release)', { serviceCidr: '100.0.0.0/10' }],
  ])('accepts %s', (_, k3s) => {
    const d = doors({}, k3s);
    expect(d.errors.filter((l) => l.includes(TOO_LARGE))).toEqual([]);
    expect(d.cluster).not.toContain(TOO_LARGE);
  });
});
