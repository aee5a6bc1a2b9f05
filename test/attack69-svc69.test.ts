// Round 69 (attack69b 2, 5, 14, 16, 22, 23, 26): LoadBalancer Services beside a K3sVipCluster in one cdk8s App, plain
// `Service` objects and this library's LoadBalancerService alike, get the VIP rules of `loadBalancers[]`: per-Service
// election for Local, an address at all, outside the pool, of a family the Service has, a shared VIP's common lease;
// and a VIP annotation the kube-vip the app deploys cannot read is refused also when a bare KubeVipDaemonSet deploys it.
// Refused rows name the finding's words; must-pass rows are the nearby valid inputs.
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { K3sVipCluster, KubeVipDaemonSet, KubeVipRbac, LoadBalancerService, TraefikHelmChartConfig } from '../src';

type Values = Record<string, unknown>;
const SERVERS = [
  { name: 'k3s-1', address: '192.168.0.11' },
  { name: 'k3s-2', address: '192.168.0.12' },
  { name: 'k3s-3', address: '192.168.0.13' },
];
const INGRESS = { name: 'fe', namespace: 'default', host: 'a.example.com', path: '/', service: 'frontend', port: 80 };
const DUAL = { clusterCidr: '10.42.0.0/16,fd00:42::/56', serviceCidr: '10.43.0.0/16,fd00:43::/112' };
const POOL = { ipPool: { global: { range: '192.168.0.100-192.168.0.120' } } };
const LOCAL_MQ = [{ name: 'mq', selector: { app: 'mq' }, ports: [{ port: 1883 }], ips: ['192.168.0.60'], externalTrafficPolicy: 'Local' }];

interface Svc {
  vip?: string;
  name?: string;
  namespace?: string;
  port?: number;
  policy?: string;
  lease?: string;
  spec?: Values;
  ip?: string;
}
const svc = (o: Svc = {}): Values => {
  const annotations = {
    ...(o.vip !== undefined && { 'kube-vip.io/loadbalancerIPs': o.vip }),
    ...(o.lease !== undefined && { 'kube-vip.io/leaseName': o.lease }),
  };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: o.name ?? 'db', namespace: o.namespace ?? 'default', ...(Object.keys(annotations).length && { annotations }) },
    spec: {
      type: 'LoadBalancer',
      selector: { app: 'db' },
      ports: [{ port: o.port ?? 5432, protocol: 'TCP' }],
      ...(o.policy && { externalTrafficPolicy: o.policy }),
      ...(o.ip && { loadBalancerIP: o.ip }),
      ...o.spec,
    },
  };
};

interface Cluster {
  kubeVip?: Values;
  k3s?: Values;
  loadBalancers?: unknown[];
  servers?: unknown[];
  traefikIps?: string[];
}
function cluster(app: App, o: Cluster = {}): void {
  new K3sVipCluster(app, 'dev', {
    kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' }, ...o.kubeVip },
    traefik: { loadBalancerIPs: o.traefikIps ?? ['192.168.0.41'] },
    k3s: { servers: o.servers ?? SERVERS, ...o.k3s },
    ingresses: [INGRESS],
    ...(o.loadBalancers && { loadBalancers: o.loadBalancers }),
  } as never);
}

/** A cluster and plain Services in a sibling chart. */
const plain =
  (o: Cluster, ...services: Values[]) =>
  (): App => {
    const app = Testing.app();
    cluster(app, o);
    const chart = new Chart(app, 'extra');
    services.forEach((s, i) => new ApiObject(chart, `s${i}`, s as never));
    return app;
  };

/** A cluster and a LoadBalancerService in a sibling chart. */
const construct = (o: Cluster, props: Values) => (): App => {
  const app = Testing.app();
  cluster(app, o);
  new LoadBalancerService(new Chart(app, 'extra'), 'lbs', {
    name: 'db',
    selector: { app: 'db' },
    ports: [{ port: 5432 }],
    ...props,
  } as never);
  return app;
};

/** kube-vip from a bare KubeVipDaemonSet, with a TraefikHelmChartConfig or a plain Service beside it. */
const composed = (kubeVip: Values, traefik?: Values, service?: Values) => (): App => {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  new KubeVipRbac(chart, 'rbac');
  new KubeVipDaemonSet(chart, 'ds', { serviceAccountName: 'kube-vip', ...kubeVip } as never);
  if (traefik) new TraefikHelmChartConfig(chart, 'tr', traefik as never);
  if (service) new ApiObject(chart, 's', service as never);
  return app;
};

function verdict(build: () => App): string | undefined {
  try {
    build().synthYaml();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

const dual = { k3s: DUAL, servers: SERVERS.map((s, i) => ({ ...s, address: `${s.address},fd00::1${i + 1}` })) };

describe('69b: Services beside a K3sVipCluster get the rules of loadBalancers[]', () => {
  const refused: Array<[string, () => App, RegExp]> = [
    // 69b-16: the library's LoadBalancerService as a plain Service
    [
      '16 LoadBalancerService on a node address',
      construct({}, { ips: ['192.168.0.11'] }),
      /"192\.168\.0\.11" is the address of node k3s-1/,
    ],
    ["16 LoadBalancerService off the servers' LAN", construct({}, { ips: ['172.16.0.5'] }), /"172\.16\.0\.5" is not in the servers'/],
    ['16 LoadBalancerService Local on Traefik VIP', construct({}, { ips: ['192.168.0.41'], externalTrafficPolicy: 'Local' }), /is Local/],
    [
      '16 LoadBalancerService Local on Traefik VIP under election',
      construct({ loadBalancers: LOCAL_MQ }, { ips: ['192.168.0.41'], externalTrafficPolicy: 'Local' }),
      /is also the VIP of Traefik.*is Local: kube-vip then elects a leader per Service/,
    ],
    // 69b-22: inside the pool
    [
      '22 plain VIP inside the pool',
      plain({ kubeVip: { services: POOL } }, svc({ vip: '192.168.0.105' })),
      /lies inside the IP pool 192\.168\.0\.100-192\.168\.0\.120/,
    ],
    [
      '22 LoadBalancerService inside the pool',
      construct({ kubeVip: { services: POOL } }, { ips: ['192.168.0.105'] }),
      /lies inside the IP pool/,
    ],
    ['22 pool edge 120', plain({ kubeVip: { services: POOL } }, svc({ vip: '192.168.0.120' })), /lies inside the IP pool/],
    // 69b-14: no VIP and no pool
    ['14 plain no VIP no pool', plain({}, svc()), /no IP pool serves namespace default, so Service default\/db would stay <pending>/],
    ['14 LoadBalancerService no ips no pool', construct({}, {}), /would stay <pending>/],
    [
      '14 pool for another namespace only',
      plain({ kubeVip: { services: { ipPool: { namespaces: { other: { range: '192.168.0.100-192.168.0.120' } } } } } }, svc()),
      /would stay <pending>/,
    ],
    // 69b-2: Local without per-Service election
    [
      '2 plain Local, no election',
      plain({}, svc({ vip: '192.168.0.42', policy: 'Local' })),
      /runs in ARP mode without per-Service election/,
    ],
    [
      '2 LoadBalancerService Local, no election',
      construct({}, { ips: ['192.168.0.42'], externalTrafficPolicy: 'Local' }),
      /without per-Service election/,
    ],
    [
      '2 KubeVipDaemonSet servicesElection false, Traefik Local',
      composed(
        { version: 'v1.2.3', servicesElection: false },
        { kubeVipVersion: 'v1.2.3', loadBalancerIPs: ['192.168.0.41'], externalTrafficPolicy: 'Local' },
      ),
      /without per-Service election/,
    ],
    [
      '2 KubeVipDaemonSet no election, plain Local Service',
      composed({ version: 'v1.2.3' }, undefined, svc({ vip: '192.168.0.42', policy: 'Local' })),
      /without per-Service election/,
    ],
    // 69b-23: family the Service will not have
    [
      '23 plain IPv6 VIP, no family policy',
      plain(dual, svc({ vip: 'fd00::50' })),
      /"fd00::50" is IPv6, but Service default\/db has no ipFamilyPolicy \(SingleStack\).*in its spec/,
    ],
    ['23 plain dual VIPs, no family policy', plain(dual, svc({ vip: '192.168.0.50,fd00::50' })), /"fd00::50" is IPv6/],
    [
      '23 plain dual VIPs, SingleStack',
      plain(dual, svc({ vip: '192.168.0.50,fd00::50', spec: { ipFamilyPolicy: 'SingleStack' } })),
      /"fd00::50" is IPv6/,
    ],
    // 69b-26: a shared VIP under per-Service election needs one lease
    [
      '26 plain on Traefik VIP, no lease',
      plain({ loadBalancers: LOCAL_MQ }, svc({ vip: '192.168.0.41' })),
      /must share one lease, but Traefik names none/,
    ],
    ['26 LoadBalancerService on Traefik VIP', construct({ loadBalancers: LOCAL_MQ }, { ips: ['192.168.0.41'] }), /must share one lease/],
    [
      '26 two plain Services on one VIP, no lease',
      plain({ loadBalancers: LOCAL_MQ }, svc({ vip: '192.168.0.50' }), svc({ vip: '192.168.0.50', name: 'b', port: 6379 })),
      /must share one lease/,
    ],
    [
      '26 two plain Services, one lease differs',
      plain(
        { loadBalancers: LOCAL_MQ },
        svc({ vip: '192.168.0.50', lease: 'kube-system/x' }),
        svc({ vip: '192.168.0.50', name: 'b', port: 6379, lease: 'kube-system/y' }),
      ),
      /add "kube-vip\.io\/leaseName: kube-system\/(x|y)"/,
    ],
    // 69b-5: the kube-vip a bare KubeVipDaemonSet deploys
    [
      '5 KubeVipDaemonSet v0.5.0, plain annotation',
      composed({ version: 'v0.5.0' }, undefined, svc({ vip: '192.168.0.42' })),
      /kube-vip v0\.5\.0 does not read this annotation/,
    ],
    [
      '5 KubeVipDaemonSet v0.5.0, Traefik written for v1.2.3',
      composed({ version: 'v0.5.0' }, { kubeVipVersion: 'v1.2.3', loadBalancerIPs: ['192.168.0.41'] }),
      /v0\.5\.0 does not read this annotation/,
    ],
    [
      '5 KubeVipDaemonSet v0.5.0, misspelt annotation',
      composed({ version: 'v0.5.0' }, undefined, {
        ...svc(),
        metadata: { name: 'db', namespace: 'default', annotations: { 'kube-vip.io/loadBalancerIPs': '192.168.0.42' } },
      }),
      /kube-vip/,
    ],
  ];
  test.each(refused)('refused: %s', (_name, build, words) => {
    expect(verdict(build)).toMatch(words);
  });

  const passes: Array<[string, () => App]> = [
    ['16 LoadBalancerService on a free LAN address', construct({}, { ips: ['192.168.0.42'] })],
    ['16 plain Service on a free LAN address', plain({}, svc({ vip: '192.168.0.42' }))],
    ['22 plain VIP just past the pool', plain({ kubeVip: { services: POOL } }, svc({ vip: '192.168.0.121' }))],
    ['22 LoadBalancerService just below the pool', construct({ kubeVip: { services: POOL } }, { ips: ['192.168.0.99'] })],
    ['14 plain no VIP with a global pool', plain({ kubeVip: { services: POOL } }, svc())],
    ['14 LoadBalancerService no ips with a global pool', construct({ kubeVip: { services: POOL } }, {})],
    [
      '14 pool for its namespace',
      plain({ kubeVip: { services: { ipPool: { namespaces: { default: { range: '192.168.0.100-192.168.0.120' } } } } } }, svc()),
    ],
    ['14 spec.loadBalancerIP is a VIP', plain({}, svc({ ip: '192.168.0.42' }))],
    ['2 plain Cluster, no election', plain({}, svc({ vip: '192.168.0.42' }))],
    ['2 plain Local under election', plain({ loadBalancers: LOCAL_MQ }, svc({ vip: '192.168.0.42', policy: 'Local' }))],
    [
      '2 LoadBalancerService Local under election',
      construct({ loadBalancers: LOCAL_MQ }, { ips: ['192.168.0.42'], externalTrafficPolicy: 'Local' }),
    ],
    [
      '2 KubeVipDaemonSet with election, Traefik Local',
      composed(
        { version: 'v1.2.3', servicesElection: true },
        { kubeVipVersion: 'v1.2.3', loadBalancerIPs: ['192.168.0.41'], externalTrafficPolicy: 'Local' },
      ),
    ],
    [
      '23 plain IPv6 VIP with ipFamilies IPv6',
      plain(dual, svc({ vip: 'fd00::50', spec: { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'] } })),
    ],
    [
      '23 plain dual VIPs, RequireDualStack',
      plain(dual, svc({ vip: '192.168.0.50,fd00::50', spec: { ipFamilyPolicy: 'RequireDualStack' } })),
    ],
    ['23 plain IPv4 VIP on dual stack', plain(dual, svc({ vip: '192.168.0.50' }))],
    ['23 LoadBalancerService IPv6 VIP on dual stack', construct(dual, { ips: ['fd00::50'], networks: DUAL })],
    ['26 plain on its own VIP under election', plain({ loadBalancers: LOCAL_MQ }, svc({ vip: '192.168.0.42' }))],
    [
      '26 two plain Services on one VIP, one lease',
      plain(
        { loadBalancers: LOCAL_MQ },
        svc({ vip: '192.168.0.50', lease: 'kube-system/x' }),
        svc({ vip: '192.168.0.50', name: 'b', port: 6379, lease: 'kube-system/x' }),
      ),
    ],
    [
      '26 two plain Services on one VIP, no election',
      plain({}, svc({ vip: '192.168.0.50' }), svc({ vip: '192.168.0.50', name: 'b', port: 6379 })),
    ],
    ['5 KubeVipDaemonSet v1.2.3, plain annotation', composed({ version: 'v1.2.3' }, undefined, svc({ vip: '192.168.0.42' }))],
    ['5 KubeVipDaemonSet v0.5.0, spec.loadBalancerIP', composed({ version: 'v0.5.0' }, undefined, svc({ ip: '192.168.0.42' }))],
    [
      '5 KubeVipDaemonSet v0.5.0, Traefik written for it',
      composed({ version: 'v0.5.0' }, { kubeVipVersion: 'v0.5.0', loadBalancerIPs: ['192.168.0.41'] }),
    ],
  ];
  test.each(passes)('passes: %s', (_name, build) => {
    expect(verdict(build)).toBeUndefined();
  });
});
