import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster, KubeVipChart, LoadBalancerService, TraefikHelmChartConfig } from '../src/index';
import { chart, configErrors, devConfig, refusalOf, withChanges } from './helpers';

/**
 * Round 55a, findings 2-7 and 15: the same verdict in every door. A config (YAML), K3sVipCluster and the lower-level
 * construct that has the props refuse the same thing with the same words (each runs one rule function), and an
 * HTTPRoute sharing a host with an Ingress is told which of the two Traefik ranks first.
 */

const bgpKubeVip = (peers: object[]) => ({
  version: 'v1.2.3',
  interface: 'eth0',
  mode: 'bgp',
  controlPlane: { address: '192.168.0.40' },
  bgp: { as: 65000, peers },
});
const db = { name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }], ips: ['192.168.0.50'] };
const config = (patch: object) => withChanges(devConfig(), patch);
const cluster = (patch: object) => refusalOf(() => new K3sVipCluster(new App(), 'c', config(patch)));
const yaml = (patch: object) => configErrors(config(patch)).join('\n');
const kubeVipChart = (props: object) =>
  refusalOf(() => new KubeVipChart(new App(), 'k', { version: 'v1.2.3', controlPlaneAddress: '192.168.0.40', ...props }));
const lbService = (props: object) => refusalOf(() => new LoadBalancerService(chart(), 's', { ...db, ...props }));
const traefikChart = (props: object) => refusalOf(() => new TraefikHelmChartConfig(chart(), 't', props));

/** [finding, what, config patch (undefined: no config row), construct refusal, key in the config, key in the construct, words]. */
const rows: ReadonlyArray<[string, string, object | undefined, () => string, string, string, string]> = [
  [
    '3',
    'an empty selector',
    { loadBalancers: [{ ...db, selector: {} }] },
    () => lbService({ selector: {} }),
    'loadBalancers[0].selector',
    'selector',
    'selects no pods and gets no endpoints',
  ],
  [
    '4',
    'a BGP peer that is the control-plane VIP',
    { kubeVip: bgpKubeVip([{ address: '192.168.0.40', as: 65001 }]) },
    () => kubeVipChart({ bgp: { as: 65000, peers: [{ address: '192.168.0.40', as: 65001 }] } }),
    'kubeVip.bgp.peers[0].address',
    'bgp.peers[0].address',
    '"192.168.0.40" is also a VIP',
  ],
  [
    '5',
    'the control-plane VIP shared under per-Service election',
    undefined,
    () => kubeVipChart({ shareControlPlaneVip: true, servicesElection: true }),
    '',
    'shareControlPlaneVip',
    "with per-Service election (servicesElection is true) each Service elects its own leader apart from the API server's",
  ],
  [
    '6',
    'a Traefik VIP listed twice',
    { traefik: { loadBalancerIPs: ['192.168.0.41', '192.168.0.41'] } },
    () => traefikChart({ loadBalancerIPs: ['192.168.0.41', '192.168.0.41'] }),
    'traefik.loadBalancerIPs[1]',
    'loadBalancerIPs[1]',
    '"192.168.0.41" is listed twice (first at',
  ],
  [
    '6+',
    'a loadBalancers VIP listed twice',
    { loadBalancers: [{ ...db, ips: ['192.168.0.50', '192.168.0.50'] }] },
    () => lbService({ ips: ['192.168.0.50', '192.168.0.50'] }),
    'loadBalancers[0].ips[1]',
    'ips[1]',
    '"192.168.0.50" is listed twice (first at',
  ],
  [
    '7',
    'a Service named kube-system/traefik',
    { loadBalancers: [{ ...db, name: 'traefik', namespace: 'kube-system' }] },
    () => lbService({ name: 'traefik', namespace: 'kube-system' }),
    'loadBalancers[0].name',
    'name',
    "kube-system/traefik is the Service of K3s' Traefik chart",
  ],
  [
    '15',
    'one BGP peer address listed twice',
    {
      kubeVip: bgpKubeVip([
        { address: '192.168.0.1', as: 65001 },
        { address: '192.168.0.1', as: 65002 },
      ]),
    },
    () =>
      kubeVipChart({
        bgp: {
          as: 65000,
          peers: [
            { address: '192.168.0.1', as: 65001 },
            { address: '192.168.0.1', as: 65002 },
          ],
        },
      }),
    'kubeVip.bgp.peers[1].address',
    'bgp.peers[1].address',
    "can't overwrite the existing peer",
  ],
  [
    '15',
    'one IPv6 BGP peer in two spellings',
    {
      kubeVip: bgpKubeVip([
        { address: 'fd00::1', as: 65001 },
        { address: 'fd00:0::1', as: 65001 },
      ]),
    },
    () =>
      kubeVipChart({
        bgp: {
          as: 65000,
          peers: [
            { address: 'fd00::1', as: 65001 },
            { address: 'fd00:0::1', as: 65001 },
          ],
        },
      }),
    'kubeVip.bgp.peers[1].address',
    'bgp.peers[1].address',
    'list each router once',
  ],
];

describe('55a: the same refusal in every door', () => {
  test.each(rows)('%s: %s', (_finding, _what, patch, construct, configKey, propKey, words) => {
    if (patch) {
      for (const errors of [yaml(patch), cluster(patch)]) {
        const line = errors.split('\n').find((l) => l.includes(`${configKey}: `)) ?? `(nothing at ${configKey} in: ${errors})`;
        expect(line).toContain(words);
      }
    }
    const refusal = construct();
    const line = refusal.split('\n').find((l) => l.includes(`${propKey}: `)) ?? `(nothing at ${propKey} in: ${refusal})`;
    expect(line).toContain(words);
  });

  test('5: the config door names the same rule (Traefik Local shares the control-plane VIP)', () => {
    const errors = yaml({ traefik: { loadBalancerIPs: ['192.168.0.40'], externalTrafficPolicy: 'Local' } });
    expect(errors).toContain("each Service elects its own leader apart from the API server's, so two nodes could announce it");
  });

  test('controls: distinct peers, a selector with labels, one VIP each, other names are accepted', () => {
    const peers = [
      { address: '192.168.0.1', as: 65001 },
      { address: '192.168.0.2', as: 65001 },
    ];
    expect(yaml({ kubeVip: bgpKubeVip(peers) })).toBe('');
    expect(kubeVipChart({ bgp: { as: 65000, peers } })).toBe('');
    expect(kubeVipChart({ shareControlPlaneVip: true })).toBe('');
    expect(yaml({ loadBalancers: [db] })).toBe('');
    expect(lbService({})).toBe('');
    expect(lbService({ name: 'traefik', namespace: 'default' })).toBe('');
    expect(traefikChart({ loadBalancerIPs: ['192.168.0.41'] })).toBe('');
  });
});

describe('55a-2: an HTTPRoute and an Ingress on one host: the warning names the one Traefik ranks first', () => {
  /** The YAML door's warnings, after checking that K3sVipCluster gives the same one at the same key. */
  const warnings = (path: string) => {
    const given = config({
      traefik: { gateway: {} },
      httpRoutes: [{ name: 'x', host: 'a.example.org', path, service: 's', port: 80 }],
      ingresses: [{ name: 'y', host: 'a.example.org', service: 't', port: 80 }],
    });
    const loaded = parseConfigText('config/t.yaml', stringify(given));
    expect(loaded.errors).toEqual([]);
    const said = loaded.warnings.map((d) => formatDiagnostic({ ...d, line: undefined })).join('\n');
    const construct = new K3sVipCluster(new App(), 'c', given).warnings.find((w) => w.path.join('.') === 'httpRoutes.0.host');
    expect(said).toContain(`httpRoutes[0].host: ${construct?.message}`);
    return said;
  };
  test('path "/": the Gateway route is ranked 1 plus its host length, so the Ingress wins', () => {
    const said = warnings('/');
    expect(said).toContain('httpRoutes[0].host: "a.example.org" is also routed by ingresses[0]');
    expect(said).toContain('so the Ingress answers every request its path matches');
  });
  test('any other path: the Gateway route (10000 and up) wins', () => {
    const said = warnings('/api');
    expect(said).toContain('so the HTTPRoute answers every request its path matches');
  });
});
