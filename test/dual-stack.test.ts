import { parse, stringify } from 'yaml';
import { FILE } from './bad-configs';
import { devConfig, DUAL_STACK_NETWORKS, find, synth, synthFiles, withChanges } from './helpers';
import { clusterNetworks } from '../src/config/formats';
import { formatDiagnostic, parseConfigText } from '../src/config/load';

/**
 * Dual-stack as K3s reads it. Sources (k3s-io/k3s, current master as stored in the code index):
 * - `pkg/cli/server/server.go`: cluster-cidr and service-cidr are split at "," (`util.SplitStringSlice`), each part
 *   parsed with net.ParseCIDR; the first entry is the primary family ("first defined IPFamily is preferred").
 * - `pkg/agent/run.go` (PR #5492, v1.23+): "cluster-cidr ... and service-cidr ..., must share the same IP version
 *   (IPv4, IPv6 or dual-stack)" (compares the primary families and dual-ness), and "cluster-cidr ... and node-ip ...,
 *   must share the same IP version" (a dual-stack cluster needs a dual-stack node-ip).
 * - k3s-io/docs `docs/networking/basic-network-options.md`: dual-stack `--cluster-cidr=10.42.0.0/16,2001:db8:42::/56
 *   --service-cidr=10.43.0.0/16,2001:db8:43::/112`; node-ip in the primary family first.
 */

const reference = () => withChanges(devConfig(), { traefik: { redirectToHttps: true } });
const load = (config: unknown) => parseConfigText(FILE, stringify(config));
const bare = (lines: string[]) => lines.map((line) => line.replace(/^[^ ]+ /, ''));
const errorsOf = (config: unknown) => bare(load(config).errors.map(formatDiagnostic));
const warningsOf = (config: unknown) => bare(load(config).warnings.map(formatDiagnostic));
const DUAL_SERVERS = [
  { name: 'k3s-1', address: '192.168.0.11,fd00::11' },
  { name: 'k3s-2', address: '192.168.0.12,fd00::12' },
  { name: 'k3s-3', address: '192.168.0.13,fd00::13' },
];
/** The reference setup made dual-stack: networks, nodes and Traefik VIPs of both families. */
const dualStack = (k3s: object = {}, patch: object = {}) =>
  withChanges(reference(), {
    traefik: { loadBalancerIPs: ['192.168.0.41', 'fd00::41'] },
    k3s: { ...DUAL_STACK_NETWORKS, servers: DUAL_SERVERS, ...k3s },
    ...patch,
  });

describe('k3s.clusterCidr / k3s.serviceCidr: one block per IP family, comma-separated as K3s splits them', () => {
  test.each<[string, string | undefined]>([
    ['10.42.0.0/16', undefined],
    ['10.42.0.0/16,fd00:42::/56', undefined],
    ['fd00:42::/56,10.42.0.0/16', undefined],
    ['fd00:42::/56', undefined],
    [
      '10.42.0.0/16, fd00:42::/56',
      '"10.42.0.0/16, fd00:42::/56" contains a space; K3s splits the list at "," only and would not parse the parts: write "10.42.0.0/16,fd00:42::/56"',
    ],
    ['10.42.0.0/16,', '"10.42.0.0/16," has an empty entry: write one value per IP family, e.g. "10.42.0.0/16,fd00:42::/56"'],
    [
      '10.42.0.0/16,10.52.0.0/16',
      '"10.42.0.0/16,10.52.0.0/16" has two IPv4 entries; K3s takes one per IP family, e.g. "10.42.0.0/16,fd00:42::/56": keep one',
    ],
    [
      '10.42.0.0/16,fd00:42::/56,10.52.0.0/16',
      '"10.42.0.0/16,fd00:42::/56,10.52.0.0/16" has 3 entries; K3s takes one per IP family, at most an IPv4 and an IPv6 one, e.g. "10.42.0.0/16,fd00:42::/56"',
    ],
    ['10.42.0.0/16,fd00:42::1/56', '"10.42.0.0/16,fd00:42::1/56": "fd00:42::1/56" has host bits set: the block starts at "fd00:42::/56"'],
    // A single block keeps the single-block messages.
    ['10.42.0.1/16', '"10.42.0.1/16" has host bits set: the block starts at "10.42.0.0/16"'],
  ])('%j', (value, expected) => {
    expect(clusterNetworks(value)).toBe(expected);
  });

  test('in a config the problem names the key, the file position and the value', () => {
    expect(errorsOf(withChanges(reference(), { k3s: { clusterCidr: '10.42.0.0/16;fd00:42::/56' } }))).toEqual([
      'k3s.clusterCidr: "10.42.0.0/16;fd00:42::/56" is not a CIDR block: expected an address with a prefix length, e.g. "10.42.0.0/16"',
    ]);
  });

  test.each<[string, object, string]>([
    [
      'dual-stack pods, single-stack Services',
      { clusterCidr: '10.42.0.0/16,fd00:42::/56' },
      'k3s.serviceCidr: "10.43.0.0/16" is IPv4, but k3s.clusterCidr "10.42.0.0/16,fd00:42::/56" is IPv4 and IPv6: K3s refuses ' +
        'to start unless both list the same IP families in the same order (cluster-cidr and service-cidr "must share the same ' +
        'IP version"): e.g. "10.43.0.0/16,fd00:43::/112"',
    ],
    [
      'the families in another order',
      { clusterCidr: '10.42.0.0/16,fd00:42::/56', serviceCidr: 'fd00:43::/112,10.43.0.0/16' },
      'k3s.serviceCidr: "fd00:43::/112,10.43.0.0/16" is IPv6 and IPv4, but k3s.clusterCidr "10.42.0.0/16,fd00:42::/56" is IPv4 ' +
        'and IPv6: K3s refuses to start unless both list the same IP families in the same order (cluster-cidr and service-cidr ' +
        '"must share the same IP version"): e.g. "10.43.0.0/16,fd00:43::/112"',
    ],
    [
      'IPv6 pods, IPv4 Services',
      { clusterCidr: 'fd00:42::/56' },
      'k3s.serviceCidr: "10.43.0.0/16" is IPv4, but k3s.clusterCidr "fd00:42::/56" is IPv6: K3s refuses to start unless both ' +
        'list the same IP families in the same order (cluster-cidr and service-cidr "must share the same IP version"): e.g. ' +
        '"fd00:43::/112"',
    ],
  ])('pod and Service networks of other families are refused: %s', (_, k3s, expected) => {
    expect(errorsOf(withChanges(reference(), { k3s }))).toEqual([expected]);
  });

  test('a VIP inside the IPv6 block of a dual-stack network is refused like one inside the IPv4 block', () => {
    const config = withChanges(reference(), { traefik: { loadBalancerIPs: ['192.168.0.41', 'fd00:43::41'] }, k3s: DUAL_STACK_NETWORKS });
    expect(errorsOf(config)).toEqual([
      'traefik.loadBalancerIPs[1]: "fd00:43::41" lies inside the K3s Service network (service-cidr) fd00:43::/112; nodes route ' +
        "that block into the cluster, so clients on the LAN could not reach the VIP: pick a free address on the nodes' LAN",
    ]);
  });

  test('the two IPv6 blocks must not overlap either', () => {
    const k3s = { clusterCidr: '10.42.0.0/16,fd00:42::/56', serviceCidr: '10.43.0.0/16,fd00:42::/112' };
    expect(errorsOf(withChanges(reference(), { k3s }))).toEqual([
      'k3s.serviceCidr: fd00:42::/112 overlaps clusterCidr fd00:42::/56: K3s needs two separate blocks',
    ]);
  });
});

describe('dual-stack VIPs need dual-stack networks (the API server rejects RequireDualStack on a single-stack cluster)', () => {
  const fix =
    'make the cluster dual-stack with k3s.clusterCidr "10.42.0.0/16,fd00:42::/56" and k3s.serviceCidr "10.43.0.0/16,fd00:43::/112" ' +
    '(if it already is, write its own networks there), or keep one VIP';

  test('Traefik VIPs of both families on the default (IPv4) networks: refused, naming the fix', () => {
    const config = withChanges(reference(), { traefik: { loadBalancerIPs: ['192.168.0.41', 'fd00::41'] } });
    expect(errorsOf(config)).toEqual([
      'traefik.loadBalancerIPs: has an IPv4 and an IPv6 VIP, so the Service requires both families (ipFamilyPolicy: ' +
        'RequireDualStack), but k3s.serviceCidr "10.43.0.0/16" is IPv4 only and the API server rejects such a Service: ' +
        fix,
    ]);
  });

  test('the fix keeps networks that were changed', () => {
    const config = withChanges(reference(), {
      traefik: { loadBalancerIPs: ['192.168.0.41', 'fd00::41'] },
      k3s: { clusterCidr: '10.52.0.0/16', serviceCidr: '10.53.0.0/16' },
    });
    expect(errorsOf(config)[0]).toContain(
      'with k3s.clusterCidr "10.52.0.0/16,fd00:42::/56" and k3s.serviceCidr "10.53.0.0/16,fd00:43::/112"',
    );
  });

  test('a LoadBalancer Service with VIPs of both families: the same', () => {
    const db = { name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }], ips: ['192.168.0.42', 'fd00::42'] };
    expect(errorsOf(withChanges(reference(), { loadBalancers: [db] }))).toEqual([
      'loadBalancers[0].ips: has an IPv4 and an IPv6 VIP, so the Service requires both families (ipFamilyPolicy: ' +
        'RequireDualStack), but k3s.serviceCidr "10.43.0.0/16" is IPv4 only and the API server rejects such a Service: ' +
        fix,
    ]);
  });

  test('with dual-stack networks the same VIPs are accepted and the Service requires both families', () => {
    const config = withChanges(reference(), { traefik: { loadBalancerIPs: ['192.168.0.41', 'fd00::41'] }, k3s: DUAL_STACK_NETWORKS });
    expect([...errorsOf(config), ...warningsOf(config)]).toEqual([]);
    const values = parse(find(synth(config).get('traefik-config.yaml')!, 'HelmChartConfig', 'traefik').spec.valuesContent);
    expect(values.service.ipFamilyPolicy).toBe('RequireDualStack');
    expect(values.service.annotations).toEqual({ 'kube-vip.io/loadbalancerIPs': '192.168.0.41,fd00::41' });
  });

  test('single-family VIPs need no dual-stack networks', () => {
    expect(errorsOf(withChanges(reference(), { traefik: { loadBalancerIPs: ['192.168.0.41'] } }))).toEqual([]);
  });
});

describe('the files K3s reads carry both families', () => {
  test('every node file: node-ip with both addresses, both networks, byte for byte the same networks on every server', () => {
    const files = synthFiles(dualStack({ agents: [{ name: 'worker-1', address: '192.168.0.21,fd00::21' }] }));
    for (const [name, ip] of [
      ['k3s-1', '192.168.0.11,fd00::11'],
      ['k3s-2', '192.168.0.12,fd00::12'],
      ['k3s-3', '192.168.0.13,fd00::13'],
    ]) {
      const body = parse(files.get(`k3s/${name}.yaml`)!);
      expect(body['node-ip']).toBe(ip);
      expect(body['cluster-cidr']).toBe('10.42.0.0/16,fd00:42::/56');
      expect(body['service-cidr']).toBe('10.43.0.0/16,fd00:43::/112');
    }
    expect(parse(files.get('k3s/worker-1.yaml')!)['node-ip']).toBe('192.168.0.21,fd00::21');
  });

  test('without an inventory the drop-in carries both networks (plain keys: they replace, they do not append)', () => {
    const config = withChanges(reference(), { traefik: { loadBalancerIPs: ['192.168.0.41', 'fd00::41'] }, k3s: DUAL_STACK_NETWORKS });
    const text = synthFiles(config).get('k3s/config.yaml')!;
    expect(parse(text)).toEqual({
      'tls-san+': ['192.168.0.40'],
      'disable+': ['servicelb'],
      'cluster-cidr': '10.42.0.0/16,fd00:42::/56',
      'service-cidr': '10.43.0.0/16,fd00:43::/112',
    });
    expect(text).toContain('# A joining server compares whether ServiceLB is disabled and the networks with the cluster');
  });

  test('the runbook and the node table name both addresses; ssh and scp use the primary one', () => {
    const readme = synthFiles(dualStack()).get('README.md')!;
    expect(readme).toContain('### 2. `k3s-2` (192.168.0.12, fd00::12): server, joins through the control-plane VIP 192.168.0.40');
    expect(readme).toContain('scp k3s/k3s-2.yaml 192.168.0.12:\n');
    expect(readme).toContain('| `k3s-2` | 192.168.0.12, fd00::12 | server | `k3s/k3s-2.yaml` |');
  });

  test('the dual-stack reference config is accepted without a word', () => {
    expect([...errorsOf(dualStack()), ...warningsOf(dualStack())]).toEqual([]);
  });
});

describe('node addresses per family (K3s node-ip)', () => {
  test.each<[string, string]>([
    ['192.168.0.11,192.168.0.12', 'has two IPv4 entries; K3s takes one per IP family, e.g. "192.168.0.11,fd00::11": keep one'],
    ['192.168.0.11,fd00::11/64', '"fd00::11/64" has a prefix length: write the node\'s address alone, "fd00::11"'],
    ['192.168.0.11, fd00::11', 'contains a space; K3s splits the list at "," only'],
  ])('%j is refused', (address, expected) => {
    const servers = [{ ...DUAL_SERVERS[0], address }, ...DUAL_SERVERS.slice(1)];
    const errors = errorsOf(dualStack({ servers }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('k3s.servers[0].address: ');
    expect(errors[0]).toContain(expected);
  });

  test('a node without its IPv6 address in a dual-stack cluster is refused: K3s does not start it', () => {
    const servers = [DUAL_SERVERS[0], { name: 'k3s-2', address: '192.168.0.12' }, DUAL_SERVERS[2]];
    expect(errorsOf(dualStack({ servers }))).toEqual([
      'k3s.servers[1].address: "192.168.0.12" has no IPv6 address, but k3s.clusterCidr "10.42.0.0/16,fd00:42::/56" is IPv4 ' +
        'and IPv6: K3s refuses to start a node whose node-ip lacks a family of cluster-cidr ("must share the same IP version"): ' +
        'list both, the IPv4 address first, e.g. "192.168.0.12,<its IPv6 address>"',
    ]);
  });

  test('an agent is held to the same rule', () => {
    const errors = errorsOf(dualStack({ agents: [{ name: 'worker-1', address: 'fd00::21' }] }));
    expect(errors).toEqual([expect.stringMatching(/^k3s\.agents\[0\]\.address: "fd00::21" has no IPv4 address/)]);
  });

  test('a node listing the other family first: a warning (the kubelet takes the first address as its own)', () => {
    const servers = [DUAL_SERVERS[0], { name: 'k3s-2', address: 'fd00::12,192.168.0.12' }, DUAL_SERVERS[2]];
    expect(errorsOf(dualStack({ servers }))).toEqual([]);
    expect(warningsOf(dualStack({ servers }))).toEqual([
      'k3s.servers[1].address: "fd00::12,192.168.0.12" lists IPv6 first, but the primary family of k3s.clusterCidr ' +
        '"10.42.0.0/16,fd00:42::/56" is IPv4; K3s asks for node-ip in the cluster\'s primary family first (the kubelet takes ' +
        'the first address as the node\'s own): write "192.168.0.12,fd00::12"',
    ]);
  });

  test('a second family on a node of a single-stack cluster: a warning, the cluster would not use it', () => {
    const config = withChanges(reference(), {
      k3s: {
        servers: [
          { name: 'k3s-1', address: '192.168.0.11,fd00::11' },
          { name: 'k3s-2', address: '192.168.0.12' },
          { name: 'k3s-3', address: '192.168.0.13' },
        ],
      },
    });
    expect(errorsOf(config)).toEqual([]);
    expect(warningsOf(config)).toEqual([
      'k3s.servers[0].address: "192.168.0.11,fd00::11" has an IPv6 address, but k3s.clusterCidr "10.42.0.0/16" is IPv4 only, ' +
        'so the cluster gives pods and Services no IPv6: make the cluster dual-stack with k3s.clusterCidr ' +
        '"10.42.0.0/16,fd00:42::/56" and k3s.serviceCidr "10.43.0.0/16,fd00:43::/112", or give only the IPv4 address',
    ]);
  });

  test("every address of a node is held to the node rules: a VIP on a node's IPv6 address is refused", () => {
    const config = dualStack({}, { traefik: { loadBalancerIPs: ['192.168.0.41', 'fd00::12'] } });
    expect(errorsOf(config)).toEqual([
      'traefik.loadBalancerIPs[1]: "fd00::12" is the address of node k3s-2 (k3s.servers[1].address): the node and kube-vip ' +
        'would both answer ARP for it; pick a free address',
    ]);
  });

  test('and two nodes sharing an IPv6 address are refused once, the name not counted twice', () => {
    const servers = [DUAL_SERVERS[0], { name: 'k3s-2', address: '192.168.0.12,fd00::11' }, DUAL_SERVERS[2]];
    expect(errorsOf(dualStack({ servers }))).toEqual([
      'k3s.servers[1].address: "fd00::11" is already the address of k3s-1 (k3s.servers[0].address): each node has its own',
    ]);
  });

  test("in ARP mode the IPv6 VIP must share the servers' IPv6 LAN (their /64 without nodeCidr)", () => {
    const config = dualStack({}, { traefik: { loadBalancerIPs: ['192.168.0.41', 'fd01::41'] } });
    expect(errorsOf(config)).toEqual([
      'traefik.loadBalancerIPs[1]: "fd01::41" is not in the servers\' fd00::/64, and ARP reaches only their LAN (a typo for fd00::41?); without ' +
        "k3s.nodeCidr only the servers' /64 fd00::/64 is known to be one LAN: set k3s.nodeCidr to the LAN holding all servers and VIPs",
    ]);
  });
});
