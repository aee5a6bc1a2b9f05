// Round 67 (attack67b 2 and 5): a sibling chart of an App holding this library's constructs gets the route and VIP rules
// `traefik.values.extraObjects` and `loadBalancers[].ips` get: an IngressRoute naming an undefined certResolver, a
// catch-all with a priority that takes an Ingress' traffic, an IngressRouteTCP HostSNI(`*`) on web (67b-2); a
// LoadBalancer VIP inside the Service network, or spelt so kube-vip cannot read it (67b-5). Refused rows name file,
// object and field; must-pass rows are ordinary neighbours.
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src';

type Values = Record<string, unknown>;
const KUBE_VIP = { version: 'v1.2.3', controlPlane: { address: '192.168.0.40' } };
const INGRESS = { name: 'fe', namespace: 'default', host: 'a.example.com', path: '/', service: 'frontend', port: 80 };

const route = (spec: Values, kind = 'IngressRoute'): Values => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind,
  metadata: { name: 'r', namespace: 'default' },
  spec,
});
const http = (match: string, extra: Values = {}, top: Values = {}): Values =>
  route({ entryPoints: ['web'], routes: [{ match, kind: 'Rule', services: [{ name: 'svc', port: 80 }], ...extra }], ...top });
// A HostSNI naming a host needs `tls` to serve at all (68b-15): the rows about which routes it shadows give it one.
const tcp = (match: string, entryPoints = ['web']): Values =>
  route(
    { entryPoints, routes: [{ match, services: [{ name: 'svc', port: 80 }] }], ...(/HostSNI\(`(?!\*)/.test(match) && { tls: {} }) },
    'IngressRouteTCP',
  );
const lb = (ip: string | undefined, annotation?: string, port = 443): Values => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 's', namespace: 'default', ...(annotation && { annotations: { 'kube-vip.io/loadbalancerIPs': annotation } }) },
  spec: { type: 'LoadBalancer', ...(ip && { loadBalancerIP: ip }), ports: [{ port }], selector: { app: 's' } },
});

/** A K3sVipCluster with one Ingress (`traefik` and `k3s` props added), with `sibling` in a chart beside it. */
function clusterApp(sibling: readonly Values[], traefik: Values = {}, k3s?: Values): App {
  const app = Testing.app();
  new K3sVipCluster(app, 'dev', {
    kubeVip: KUBE_VIP,
    traefik: { loadBalancerIPs: ['192.168.0.41'], chartVersion: '39.0.7', ...traefik },
    ingresses: [INGRESS],
    ...(k3s && { k3s }),
  } as never);
  sibling.forEach((o, i) => new ApiObject(new Chart(app, `extra${i}`), 'o', o as never));
  return app;
}

/** A TraefikHelmChartConfig alone, with `sibling` in a chart beside it. */
function traefikApp(sibling: readonly Values[], props: Values = {}): App {
  const app = Testing.app();
  new TraefikHelmChartConfig(new Chart(app, 't'), 't', { loadBalancerIPs: ['192.168.0.41'], ...props } as never);
  sibling.forEach((o, i) => new ApiObject(new Chart(app, `extra${i}`), 'o', o as never));
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

describe('67b-2 and 67b-5: sibling charts get the extraObjects route and VIP rules', () => {
  const refused: Array<[string, () => App, readonly string[]]> = [
    // 67b-2
    [
      'IngressRoute certResolver nosuch',
      () => clusterApp([http('Host(`b.example.com`)', {}, { tls: { certResolver: 'nosuch' } })]),
      ['extra0.yaml', 'IngressRoute/default/r', 'spec.tls.certResolver', '"nosuch" is not defined', 'certResolvers'],
    ],
    [
      'IngressRoute certResolver not among the defined le',
      () =>
        clusterApp([http('Host(`b.example.com`)', {}, { tls: { certResolver: 'le2' } })], {
          certResolvers: { le: { email: 'ops@example.com' } },
        }),
      ['extra0.yaml', 'spec.tls.certResolver', '"le2"'],
    ],
    [
      'IngressRoute beside a TraefikHelmChartConfig, certResolver undefined',
      () => traefikApp([http('Host(`b.example.com`)', {}, { tls: { certResolver: 'nosuch' } })]),
      ['extra0.yaml', 'IngressRoute/default/r', 'spec.tls.certResolver'],
    ],
    [
      'catch-all PathPrefix(`/`) with priority 100000',
      () => clusterApp([http('PathPrefix(`/`)', { priority: 100000 })]),
      ['extra0.yaml', 'IngressRoute/default/r', 'spec.routes[0].match', 'Ingress/default/fe', 'only one of the two gets the traffic'],
    ],
    [
      'route on the Ingress host and path',
      () => clusterApp([http('Host(`a.example.com`) && PathPrefix(`/`)')]),
      ['extra0.yaml', 'IngressRoute/default/r', 'Ingress/default/fe'],
    ],
    [
      'IngressRouteTCP HostSNI(`*`) on web',
      () => clusterApp([tcp('HostSNI(`*`)')]),
      ['extra0.yaml', 'IngressRouteTCP/default/r', 'spec.routes[0].match', 'takes every connection', 'Ingress/default/fe'],
    ],
    // 67b-5
    [
      'annotation VIP inside the default Service network',
      () => clusterApp([lb(undefined, '10.43.0.5')]),
      ['extra0.yaml', 'Service/default/s', 'kube-vip.io/loadbalancerIPs', 'Service network', '10.43.0.0/16'],
    ],
    [
      'spec.loadBalancerIP inside the default Service network',
      () => clusterApp([lb('10.43.0.6')]),
      ['extra0.yaml', 'Service/default/s', 'spec.loadBalancerIP', 'Service network'],
    ],
    [
      'annotation VIP inside a custom serviceCidr',
      () => clusterApp([lb(undefined, '10.96.0.9')], {}, { serviceCidr: '10.96.0.0/12' }),
      ['extra0.yaml', 'Service/default/s', 'Service network', '10.96.0.0/12'],
    ],
    [
      'the second address of an annotation list in the Service network',
      () => clusterApp([lb(undefined, '192.168.0.50, 10.43.1.1')]),
      ['extra0.yaml', '"10.43.1.1"', 'Service network'],
    ],
    [
      'leading zeros on the Traefik VIP',
      () => clusterApp([lb(undefined, '192.168.000.041')]),
      ['extra0.yaml', 'Service/default/s', 'kube-vip.io/loadbalancerIPs', 'leading zeros', 'write "192.168.0.41"'],
    ],
    [
      'leading zeros in spec.loadBalancerIP',
      () => clusterApp([lb('192.168.0.050')]),
      ['extra0.yaml', 'spec.loadBalancerIP', 'leading zeros', 'write "192.168.0.50"'],
    ],
    [
      'octal-looking annotation',
      () => clusterApp([lb(undefined, '0300.0250.0.051')]),
      ['extra0.yaml', 'Service/default/s', 'kube-vip.io/loadbalancerIPs', 'not an IP address'],
    ],
    [
      'leading zeros beside a TraefikHelmChartConfig',
      () => traefikApp([lb(undefined, '192.168.0.077')]),
      ['extra0.yaml', 'Service/default/s', 'leading zeros'],
    ],
  ];
  it.each(refused)('refuses %s', (_name, build, needles) => {
    const message = verdict(build);
    expect(message).toBeDefined();
    for (const needle of needles) expect(message).toContain(needle);
  });

  const accepted: Array<[string, () => App]> = [
    [
      'an unrelated sibling chart',
      () => clusterApp([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { a: 'b' } }]),
    ],
    ['IngressRoute on another host', () => clusterApp([http('Host(`b.example.com`)')])],
    [
      'IngressRoute naming the defined resolver le',
      () =>
        clusterApp([http('Host(`b.example.com`)', {}, { tls: { certResolver: 'le' } })], {
          certResolvers: { le: { email: 'ops@example.com' } },
        }),
    ],
    [
      'IngressRoute naming an external resolver',
      () => traefikApp([http('Host(`b.example.com`)', {}, { tls: { certResolver: 'ext' } })], { externalCertResolvers: ['ext'] }),
    ],
    ['catch-all without priority (below the Ingress)', () => clusterApp([http('PathPrefix(`/`)')])],
    ['IngressRouteTCP HostSNI on a host of its own, websecure', () => clusterApp([tcp('HostSNI(`db.example.com`)', ['websecure'])])],
    ['LoadBalancer on a LAN VIP', () => clusterApp([lb(undefined, '192.168.0.42')])],
    ['spec.loadBalancerIP on a LAN VIP', () => clusterApp([lb('192.168.0.43')])],
    ['10.43.0.5 outside a custom serviceCidr', () => clusterApp([lb(undefined, '10.43.0.5')], {}, { serviceCidr: '10.96.0.0/12' })],
    [
      'a ClusterIP Service with a padded-looking annotation',
      () => clusterApp([{ ...lb(undefined, '192.168.000.041'), spec: { ports: [{ port: 80 }] } }]),
    ],
  ];
  it.each(accepted)('accepts %s', (_name, build) => {
    expect(verdict(build)).toBeUndefined();
  });
});
