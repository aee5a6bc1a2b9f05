// Round 68 (attack68b 4, 5, 12): every LoadBalancer Service of an App holding this library's constructs is judged as the
// config judges `loadBalancers[].ips` and `traefik.values` Services: a sibling's VIP in the pod network, on a node,
// on the LAN's network or broadcast address, of a family the Service network lacks, off the servers' LAN, an empty
// list item, a VIP shared with a Local Service (68b-4); the annotation on a kube-vip that does not read it, or a near
// miss of its name (68b-5); and the lower-level constructs judged for the kube-vip the app's KubeVipChart deploys
// (68b-12). Refused rows name the finding's words; must-pass rows are the nearby valid inputs.
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { K3sVipCluster, KubeVipChart, LoadBalancerService, TraefikHelmChartConfig } from '../src';

type Values = Record<string, unknown>;
const SERVERS = [
  { name: 'k3s-1', address: '192.168.0.11' },
  { name: 'k3s-2', address: '192.168.0.12' },
  { name: 'k3s-3', address: '192.168.0.13' },
];
const INGRESS = { name: 'fe', namespace: 'default', host: 'a.example.com', path: '/', service: 'frontend', port: 80 };

const lb = (vip: string | undefined, extra: { key?: string; port?: number; policy?: string; ip?: string } = {}): Values => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    name: 'lb0',
    namespace: 'default',
    ...(vip !== undefined && { annotations: { [extra.key ?? 'kube-vip.io/loadbalancerIPs']: vip } }),
  },
  spec: {
    type: 'LoadBalancer',
    selector: { app: 'x' },
    ports: [{ port: extra.port ?? 5432, protocol: 'TCP' }],
    ...(extra.policy && { externalTrafficPolicy: extra.policy }),
    ...(extra.ip && { loadBalancerIP: extra.ip }),
  },
});

function clusterApp(sibling: Values, kubeVipVersion = 'v1.2.3', k3s: Values = {}): App {
  const app = Testing.app();
  new K3sVipCluster(app, 'dev', {
    kubeVip: { version: kubeVipVersion, interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
    traefik: { loadBalancerIPs: ['192.168.0.41'] },
    k3s: { servers: SERVERS, ...k3s },
    ingresses: [INGRESS],
  } as never);
  new ApiObject(new Chart(app, 'extra'), 's0', sibling as never);
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

describe('68b-4 and 68b-5: a sibling LoadBalancer Service gets the VIP rules of loadBalancers[].ips', () => {
  const refused: Array<[string, () => App, RegExp]> = [
    ['pod network', () => clusterApp(lb('10.42.0.9')), /"10\.42\.0\.9" lies inside the K3s pod network/],
    [
      'pod network as spec.loadBalancerIP',
      () => clusterApp(lb(undefined, { ip: '10.42.0.9' })),
      /spec\.loadBalancerIP "10\.42\.0\.9" lies inside the K3s pod network/,
    ],
    ['a node address', () => clusterApp(lb('192.168.0.11')), /"192\.168\.0\.11" is the address of node k3s-1/],
    ['broadcast of the /24', () => clusterApp(lb('192.168.0.255')), /"192\.168\.0\.255" is the broadcast address of a \/24 LAN/],
    ['network of the /24', () => clusterApp(lb('192.168.0.0')), /"192\.168\.0\.0" is the network address of a \/24 LAN/],
    [
      'broadcast of nodeCidr',
      () => clusterApp(lb('192.168.1.255'), 'v1.2.3', { nodeCidr: '192.168.0.0/23' }),
      /broadcast address of k3s\.nodeCidr/,
    ],
    [
      'IPv6 on a single-stack cluster',
      () => clusterApp(lb('fd00::5')),
      /"fd00::5" is IPv6, but k3s\.serviceCidr "10\.43\.0\.0\/16" is IPv4 only/,
    ],
    ['dual-stack VIPs on a single-stack cluster', () => clusterApp(lb('192.168.0.42,fd00::42')), /has an IPv4 and an IPv6 VIP/],
    ["off the servers' LAN", () => clusterApp(lb('172.16.5.5')), /"172\.16\.5\.5" is not in the servers' 192\.168\.0\.0\/24/],
    ['empty list item', () => clusterApp(lb('192.168.0.42,')), /"" is not an IP address/],
    [
      "Local on Traefik's VIP",
      () => clusterApp(lb('192.168.0.41', { policy: 'Local' })),
      /"192\.168\.0\.41" is also the VIP of Traefik .*is Local: kube-vip then elects a leader per Service/,
    ],
    ['annotation on kube-vip v0.5.11', () => clusterApp(lb('192.168.0.42'), 'v0.5.11'), /kube-vip v0\.5\.11 does not read this annotation/],
    [
      'near miss of the annotation name',
      () => clusterApp(lb('192.168.0.42', { key: 'kube-vip.io/loadBalancerIPs' })),
      /is not an annotation kube-vip reads .*did you mean kube-vip\.io\/loadbalancerIPs/,
    ],
  ];
  test.each(refused)('refuses a sibling VIP: %s', (_, build, expected) => {
    expect(verdict(build)).toMatch(expected);
  });

  const passing: Array<[string, () => App]> = [
    ['a free host address on the LAN', () => clusterApp(lb('192.168.0.42'))],
    ['a free host address as spec.loadBalancerIP', () => clusterApp(lb(undefined, { ip: '192.168.0.42' }))],
    ['the last host address of the /24', () => clusterApp(lb('192.168.0.254'))],
    ['inside a given nodeCidr beyond the /24', () => clusterApp(lb('192.168.1.20'), 'v1.2.3', { nodeCidr: '192.168.0.0/23' })],
    ["Cluster on Traefik's VIP, another port", () => clusterApp(lb('192.168.0.41', { policy: 'Cluster' }))],
    // Local on a VIP of its own needs per-Service election, which this cluster's kube-vip runs only for a Local
    // loadBalancers[] entry (69b-2: test/attack69-svc69.test.ts has both sides).
    ['spec.loadBalancerIP on kube-vip v0.5.11', () => clusterApp(lb(undefined, { ip: '192.168.0.42' }), 'v0.5.11')],
    ['the annotation on kube-vip v0.5.12', () => clusterApp(lb('192.168.0.42'), 'v0.5.12')],
    // With a VIP of its own: a Service with none and no pool stays <pending> (69b-14).
    ['an unrelated annotation', () => clusterApp(lb('192.168.0.42', { key: 'example.com/owner', ip: '192.168.0.43' }))],
  ];
  test.each(passing)('passes a sibling VIP: %s', (_, build) => {
    expect(verdict(build)).toBeUndefined();
  });
});

const DUAL = { clusterCidr: '10.42.0.0/16,fd42::/56', serviceCidr: '10.43.0.0/16,fd43::/112' };

/** The lower-level constructs of docs/typescript.md: a KubeVipChart, a TraefikHelmChartConfig, a LoadBalancerService. */
function composedApp(version: string, traefik: Values, lbIps?: string[], kubeVip: Values = {}): App {
  const app = Testing.app();
  new KubeVipChart(app, 'kube-vip', { version, interface: 'eth0', controlPlaneAddress: '192.168.0.40', ...kubeVip } as never);
  new TraefikHelmChartConfig(new Chart(app, 'traefik-config'), 'traefik', traefik as never);
  if (lbIps)
    new LoadBalancerService(new Chart(app, 'lbs'), 'pg', {
      name: 'pg',
      selector: { app: 'pg' },
      ports: [{ port: 5432 }],
      ips: lbIps,
    } as never);
  return app;
}

describe('68b-12: composed constructs are judged for the kube-vip the app deploys', () => {
  const refused: Array<[string, () => App, RegExp]> = [
    [
      'Traefik annotation on v0.5.11',
      () => composedApp('v0.5.11', { loadBalancerIPs: ['192.168.0.41'] }),
      /kube-vip v0\.5\.11 does not read this annotation/,
    ],
    [
      'LoadBalancerService annotation on v0.5.11',
      () => composedApp('v0.5.11', { loadBalancerIPs: ['192.168.0.41'], kubeVipVersion: 'v0.5.11' }, ['192.168.0.42']),
      /kube-vip v0\.5\.11 does not read this annotation/,
    ],
    [
      'two Traefik VIPs on v0.6.4',
      () => composedApp('v0.6.4', { loadBalancerIPs: ['192.168.0.41', 'fd00::41'], networks: DUAL }),
      /kube-vip v0\.6\.4 reads one Service VIP/,
    ],
  ];
  test.each(refused)('refuses: %s', (_, build, expected) => {
    expect(verdict(build)).toMatch(expected);
  });
  const passing: Array<[string, () => App]> = [
    [
      'Traefik on v0.5.11 with its kubeVipVersion',
      () => composedApp('v0.5.11', { loadBalancerIPs: ['192.168.0.41'], kubeVipVersion: 'v0.5.11' }),
    ],
    ['one Traefik VIP on v0.6.4', () => composedApp('v0.6.4', { loadBalancerIPs: ['192.168.0.41'] })],
    [
      'two Traefik VIPs on v1.2.3',
      () => composedApp('v1.2.3', { loadBalancerIPs: ['192.168.0.41', 'fd00::41'], networks: DUAL }, ['192.168.0.42']),
    ],
  ];
  test.each(passing)('passes: %s', (_, build) => {
    expect(verdict(build)).toBeUndefined();
  });
});

const ingress = (host: string, path: string, extra: Values = {}): Values => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'dup', namespace: 'default' },
  spec: {
    ingressClassName: 'traefik',
    rules: [{ host, http: { paths: [{ path, pathType: 'Prefix', backend: { service: { name: 'other', port: { number: 80 } } } }] } }],
    ...extra,
  },
});

describe("68b-14: a sibling Ingress on a generated Ingress's host and path", () => {
  const refused: Array<[string, Values, RegExp]> = [
    [
      'same host and path',
      ingress('a.example.com', '/'),
      /spec\.rules\[0\]\.http\.paths\[0\]\.path host "a\.example\.com" with path "\/" is already routed by Ingress\/default\/fe/,
    ],
    ['host in another case, trailing dot', ingress('A.Example.com.', '/'), /is already routed by Ingress\/default\/fe/],
  ];
  test.each(refused)('refuses: %s', (_, sibling, expected) => {
    expect(verdict(() => clusterApp(sibling))).toMatch(expected);
  });
  const passing: Array<[string, Values]> = [
    ['another path', ingress('a.example.com', '/api')],
    ['another host', ingress('b.example.com', '/')],
    ['another ingress class', ingress('a.example.com', '/', { ingressClassName: 'nginx' })],
  ];
  test.each(passing)('passes: %s', (_, sibling) => {
    expect(verdict(() => clusterApp(sibling))).toBeUndefined();
  });
});
