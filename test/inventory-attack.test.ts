import { stringify } from 'yaml';
import { FILE } from './bad-configs';
import { devConfig, synthFiles, withChanges } from './helpers';
import { interfaceName } from '../src/config/formats';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { bootstrapRunbook, code, shellQuote } from '../src/docs/runbook';
import { k3sInventory } from '../src/k3s/inventory';

/** The findings of an adversarial round on the node inventory and the bootstrap runbook. */

const reference = () => withChanges(devConfig(), { traefik: { redirectToHttps: true } });
const withK3s = (k3s: object, patch: object = {}) => withChanges(reference(), { k3s, ...patch });
const load = (config: unknown) => parseConfigText(FILE, stringify(config));
/** Message texts without the `file:line:col: ` prefix. */
const bare = (lines: string[]) => lines.map((line) => line.replace(/^[^ ]+ /, ''));
const errorsOf = (config: unknown) => bare(load(config).errors.map(formatDiagnostic));
const warningsOf = (config: unknown) => bare(load(config).warnings.map(formatDiagnostic));
const at = (prefix: string, lines: string[]) => lines.filter((line) => line.startsWith(`${prefix}: `));
const SERVERS = [
  { name: 'k3s-1', address: '192.168.0.11' },
  { name: 'k3s-2', address: '192.168.0.12' },
  { name: 'k3s-3', address: '192.168.0.13' },
];
const server = (address: string, extra: object = {}) => [{ ...SERVERS[0], address, ...extra }, ...SERVERS.slice(1)];

describe('interface names: only what real NICs use, so no shell or Markdown reaches the runbook', () => {
  const allowed =
    'an interface name may hold letters, digits, ".", "_", "@" and "-", starting with a letter or digit (e.g. "eth0", "enp1s0", "bond0.100")';
  test.each<[string, string | undefined]>([
    ['a;reboot', `"a;reboot" contains ";": ${allowed}`],
    ['a|b', `"a|b" contains "|": ${allowed}`],
    ['a&b', `"a&b" contains "&": ${allowed}`],
    ['a`b', `"a\`b" contains "\`": ${allowed}`],
    ['eth*', `"eth*" contains "*": ${allowed}`],
    ['a<b', `"a<b" contains "<": ${allowed}`],
    ['eth[0]', `"eth[0]" contains "[": ${allowed}`],
    ['eth(0)', `"eth(0)" contains "(": ${allowed}`],
    ["eth'0", `"eth'0" contains "'": ${allowed}`],
    ['-eth0', `"-eth0" starts with "-": ${allowed}`],
    ['.eth0', `".eth0" starts with ".": ${allowed}`],
    ['_eth0', `"_eth0" starts with "_": ${allowed}`],
    ['.', '"." is not a valid Linux interface name: not "." or ".."'],
    ['..', '".." is not a valid Linux interface name: not "." or ".."'],
    ['enp0s31f6-uplink', '"enp0s31f6-uplink" is 16 characters, at most 15 in a Linux interface name'],
    ['enp0s31f6-uplin', undefined],
    ['eth0', undefined],
    ['bond0.100', undefined],
    ['wlan_1', undefined],
    ['vlan10@eth0', undefined],
    ['0eth', undefined],
  ])('%j', (value, expected) => {
    expect(interfaceName(value)).toBe(expected);
  });

  test('the reported repro is refused where it is written', () => {
    const config = withK3s({ servers: server('192.168.0.11', { interface: 'a;reboot' }) }, { kubeVip: { interface: undefined } });
    expect(errorsOf(config)).toEqual([`k3s.servers[0].interface: "a;reboot" contains ";": ${allowed}`]);
  });
});

describe('runbook quoting does not rely on the format rules', () => {
  test.each<[string, string]>([
    ['eth0', 'eth0'],
    ['/etc/rancher/k3s/cluster-token', '/etc/rancher/k3s/cluster-token'],
    ['v1.33.5+k3s1', 'v1.33.5+k3s1'],
    ['a;reboot', "'a;reboot'"],
    ["it's", "'it'\\''s'"],
    ['[fd00::11]:', "'[fd00::11]:'"],
    ['$(id)', "'$(id)'"],
    ['', "''"],
  ])('shellQuote(%j)', (word, expected) => {
    expect(shellQuote(word)).toBe(expected);
  });

  test.each<[string, string]>([
    ['eth0', '`eth0`'],
    ['a`b', '``a`b``'],
    ['`a', '`` `a ``'],
    ['a``b`', '``` a``b` ```'],
  ])('code(%j)', (text, expected) => {
    expect(code(text)).toBe(expected);
  });

  test('a value that slipped past the rules stays one quoted word in commands and one code span', () => {
    const { config } = load(withK3s({ servers: SERVERS }, { kubeVip: { interface: 'eth0' } }));
    const hostile = { ...config!, kubeVip: { ...config!.kubeVip, interface: 'a;reboot`' } };
    const lines = bootstrapRunbook({ name: 'dev', config: hostile, inventory: k3sInventory(hostile)!, manifests: ['kube-vip.yaml'] });
    expect(lines).toContain(
      'Check: ``ip -br addr show \'a;reboot`\'`` lists 192.168.0.11; kube-vip uses `` a;reboot` `` and exits with "Link not found" ' +
        'where it is missing.',
    );
  });
});

describe('k3s.tokenFile never names a file the runbook or K3s owns; the value is never echoed', () => {
  const example = 'e.g. "/etc/rancher/k3s/cluster-token"';
  const writes = `the runbook writes the token there; name a file of its own, ${example}`;
  test.each<[string, string | undefined]>([
    ['/', `ends with "/", so it names a folder: name the file that holds the token, ${example}`],
    ['/etc/rancher/k3s/', `ends with "/", so it names a folder: name the file that holds the token, ${example}`],
    ['/etc/rancher/k3s/config.yaml', `is the node's K3s config file, which the runbook writes (/etc/rancher/k3s/config.yaml): ${writes}`],
    [
      '/etc//rancher/./k3s/config.yaml',
      `is the node's K3s config file, which the runbook writes (/etc/rancher/k3s/config.yaml): ${writes}`,
    ],
    [
      '/etc/rancher/k3s/config.yaml.d/token',
      `lies in K3s' config drop-in folder, whose files K3s reads as config (/etc/rancher/k3s/config.yaml.d/): ${writes}`,
    ],
    [
      '/etc/rancher/k3s/config.yaml.d',
      `lies in K3s' config drop-in folder, whose files K3s reads as config (/etc/rancher/k3s/config.yaml.d/): ${writes}`,
    ],
    [
      '/var/lib/rancher/k3s/server/manifests/token.yaml',
      `lies in K3s' manifests folder, whose files K3s applies to the cluster (/var/lib/rancher/k3s/server/manifests/): ${writes}`,
    ],
    ['/var/lib/rancher/k3s/server/token', `is K3s' own token file, which K3s writes itself (/var/lib/rancher/k3s/server/token): ${writes}`],
    ['/etc/rancher/k3s/config.yaml.bak', undefined],
    ['/etc/rancher/k3s/config.yaml.dtoken', undefined],
    [
      '/var/lib/rancher/k3s/server/token-copy',
      'lies in K3s\' data folder, which K3s manages (/var/lib/rancher/k3s/): the runbook writes the token there; name a file of its own, e.g. "/etc/rancher/k3s/cluster-token"',
    ],
    [
      '/etc/rancher/k3s/k3s.yaml',
      'is K3s\' kubeconfig, which K3s writes itself (/etc/rancher/k3s/k3s.yaml): the runbook writes the token there; name a file of its own, e.g. "/etc/rancher/k3s/cluster-token"',
    ],
    [
      '/etc/rancher/k3s',
      'names the folder /etc/rancher/k3s/, which holds K3s\' own files (/etc/rancher/k3s/config.yaml): name a file of its own inside it, e.g. "/etc/rancher/k3s/cluster-token"',
    ],
    [
      '/etc/rancher/k3s/config.yaml/token',
      'is the node\'s K3s config file, which the runbook writes (/etc/rancher/k3s/config.yaml): the runbook writes the token there; name a file of its own, e.g. "/etc/rancher/k3s/cluster-token"',
    ],
    ['/etc/rancher/k3s/cluster-token', undefined],
  ])('%j', (tokenFile, expected) => {
    expect(errorsOf(withK3s({ servers: SERVERS, tokenFile }))).toEqual(expected ? [`k3s.tokenFile: ${expected}`] : []);
  });

  test('a token pasted under a refused folder is not echoed', () => {
    const pasted = '/etc/rancher/k3s/config.yaml.d/9f8e7d6c5b4a39281706f5e4d3c2b1a0';
    const errors = errorsOf(withK3s({ servers: SERVERS, tokenFile: pasted }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).not.toContain('9f8e7d6c');
  });
});

describe('IPv6 nodes: brackets where scp and URLs need them, K3s networks of the same family', () => {
  const ipv6 = withK3s(
    {
      servers: [
        { name: 'k3s-1', address: 'fd00::11' },
        { name: 'k3s-2', address: 'fd00::12' },
        { name: 'k3s-3', address: 'fd00::13' },
      ],
      clusterCidr: 'fd00:42::/56',
      serviceCidr: 'fd00:43::/112',
    },
    { kubeVip: { controlPlane: { address: 'fd00::40' } }, traefik: { loadBalancerIPs: ['fd00::41'] } },
  );

  test('the config is accepted as is', () => {
    expect([...errorsOf(ipv6), ...warningsOf(ipv6)]).toEqual([]);
  });

  test.each<string>([
    "scp k3s/k3s-1.yaml kube-vip.yaml '[fd00::11]:'",
    "scp k3s/k3s-2.yaml '[fd00::12]:'",
    'On k3s-1 (`ssh fd00::11`):',
    "until curl -ksf 'https://[fd00::40]:6443/ping'; do sleep 5; done; echo",
  ])('%s', (line) => {
    expect(synthFiles(ipv6).get('README.md')!.split('\n')).toContain(line);
  });

  test('the kubeconfig is fetched with a bracketed scp host and pointed at a bracketed VIP URL', () => {
    const readme = synthFiles(ipv6).get('README.md')!;
    expect(readme).toContain("mkdir -p ~/.kube && scp '[fd00::11]:k3s-test.yaml' ~/.kube/k3s-test.yaml && ssh fd00::11 rm k3s-test.yaml\n");
    expect(readme).toContain(
      "sed -i.orig -e 's#//127\\.0\\.0\\.1:6443#//[fd00::40]:6443#' -e 's#//\\[::1\\]:6443#//[fd00::40]:6443#' ~/.kube/k3s-test.yaml",
    );
  });

  test('IPv4 addresses stay bare', () => {
    const readme = synthFiles(withK3s({ servers: SERVERS })).get('README.md')!;
    expect(readme).toContain('scp k3s/k3s-2.yaml 192.168.0.12:\n');
    expect(readme).toContain("sed -i.orig -e 's#//127\\.0\\.0\\.1:6443#//192.168.0.40:6443#'");
    expect(readme).toContain('mkdir -p ~/.kube && scp 192.168.0.11:k3s-test.yaml ~/.kube/k3s-test.yaml');
  });

  test('IPv6-only nodes with the (IPv4) default networks are refused, naming what to write', () => {
    const defaults = withChanges(ipv6, { k3s: { clusterCidr: undefined, serviceCidr: undefined } });
    expect(errorsOf(defaults)).toEqual([
      // The IPv6 VIP of the IPv6 setup, on the IPv4 default Service network: the same fix.
      'traefik.loadBalancerIPs[0]: "fd00::41" is IPv6, but k3s.serviceCidr "10.43.0.0/16" is IPv4 only, so no Service has an IPv6 ' +
        'address and kube-proxy forwards no traffic to it: use an IPv4 VIP, or give k3s.serviceCidr (and k3s.clusterCidr, in the ' +
        'same order) an IPv6 block',
      'k3s.clusterCidr: 10.42.0.0/16 is IPv4, but every node address is IPv6: K3s refuses to start with a cluster-cidr of another ' +
        'family than node-ip (clusterCidr defaults to IPv4); set k3s.clusterCidr to an IPv6 block, e.g. "fd00:42::/56"',
      'k3s.serviceCidr: 10.43.0.0/16 is IPv4, but every node address is IPv6: K3s refuses to start with a service-cidr of another ' +
        'family than node-ip (serviceCidr defaults to IPv4); set k3s.serviceCidr to an IPv6 block, e.g. "fd00:43::/112"',
    ]);
  });

  test('an IPv6 node in an IPv4 cluster is refused: K3s does not start it (k3s-io/k3s pkg/agent/run.go, node-ip vs cluster-cidr)', () => {
    const mixed = withK3s({ servers: [...SERVERS.slice(0, 2), { name: 'k3s-3', address: 'fd00::13' }] });
    expect(errorsOf(mixed)).toEqual([
      'k3s.servers[2].address: "fd00::13" has no IPv4 address, but k3s.clusterCidr "10.42.0.0/16" is IPv4: K3s refuses to ' +
        'start a node whose node-ip lacks a family of cluster-cidr ("must share the same IP version"): give its IPv4 address',
    ]);
    expect(warningsOf(mixed)).toEqual([]);
  });
});

describe('node addresses follow the VIP rules', () => {
  test.each<[string, object, string[]]>([
    [
      'inside the pod network',
      { servers: server('10.42.0.11') },
      [
        'k3s.servers[0].address: "10.42.0.11" lies inside the K3s pod network (cluster-cidr) 10.42.0.0/16, which K3s routes into ' +
          "the cluster on every node: give the node's LAN address, or set k3s.clusterCidr to a block the LAN does not use",
      ],
    ],
    [
      'inside the Service network',
      { servers: server('10.43.0.11') },
      [
        'k3s.servers[0].address: "10.43.0.11" lies inside the K3s Service network (service-cidr) 10.43.0.0/16, which K3s routes ' +
          "into the cluster on every node: give the node's LAN address, or set k3s.serviceCidr to a block the LAN does not use",
      ],
    ],
    [
      'network address of nodeCidr',
      { servers: server('192.168.0.0'), nodeCidr: '192.168.0.0/24' },
      ['k3s.servers[0].address: "192.168.0.0" is the network address of k3s.nodeCidr 192.168.0.0/24: give the node\'s host address'],
    ],
    [
      'broadcast address of nodeCidr',
      { servers: server('192.168.0.255'), nodeCidr: '192.168.0.0/24' },
      ['k3s.servers[0].address: "192.168.0.255" is the broadcast address of k3s.nodeCidr 192.168.0.0/24: give the node\'s host address'],
    ],
    [
      'an agent on the broadcast address',
      { servers: SERVERS, agents: [{ name: 'worker-1', address: '192.168.1.255' }], nodeCidr: '192.168.0.0/23' },
      ['k3s.agents[0].address: "192.168.1.255" is the broadcast address of k3s.nodeCidr 192.168.0.0/23: give the node\'s host address'],
    ],
    ['a .0 host address of a /23', { servers: server('192.168.1.0'), nodeCidr: '192.168.0.0/23' }, []],
    [
      'IPv4-mapped IPv6',
      { servers: server('::ffff:192.168.0.11') },
      ['k3s.servers[0].address: "::ffff:192.168.0.11" is an IPv4-mapped IPv6 address, which hosts treat as IPv4: write "192.168.0.11"'],
    ],
    [
      'IPv4-compatible IPv6',
      { servers: server('::192.168.0.11') },
      ['k3s.servers[0].address: "::192.168.0.11" is an IPv4-compatible IPv6 address, which hosts treat as IPv4: write "192.168.0.11"'],
    ],
    [
      'leading zeros',
      { servers: server('192.168.000.011') },
      ['k3s.servers[0].address: "192.168.000.011" has leading zeros: write "192.168.0.11"'],
    ],
  ])('%s', (_, k3s, expected) => {
    const errors = errorsOf(withK3s(k3s));
    expect([...at('k3s.servers[0].address', errors), ...at('k3s.agents[0].address', errors)]).toEqual(expected);
  });

  test.each<[string, string, string[]]>([
    [
      '/30: the network address is refused',
      '192.168.0.12/30',
      ['k3s.servers[0].address: "192.168.0.12" is the network address of k3s.nodeCidr 192.168.0.12/30: give the node\'s host address'],
    ],
    ['/31: both addresses are hosts (RFC 3021)', '192.168.0.12/31', []],
  ])('nodeCidr %s', (_, nodeCidr, expected) => {
    const errors = at('k3s.servers[0].address', errorsOf(withK3s({ servers: server('192.168.0.12'), nodeCidr })));
    expect(errors).toEqual(expected);
  });
});

describe('a VIP of an IP family no server has (ARP mode)', () => {
  const dualTraefik = { traefik: { loadBalancerIPs: ['192.168.0.41', 'fd00::41'] } };

  test('is a warning naming the VIP', () => {
    expect(warningsOf(withK3s({ servers: SERVERS }, dualTraefik))).toEqual([
      'traefik.loadBalancerIPs[1]: "fd00::41" is IPv6, but no server has an IPv6 address in k3s.servers, so this tool cannot check ' +
        "that kube-vip can announce it on the servers' LAN: give the servers their IPv6 addresses, or use a VIP of their family",
    ]);
  });

  test('a pool of that family too', () => {
    const pool = { kubeVip: { services: { ipPool: { global: { cidr: 'fd00::100/120' } } } } };
    expect(warningsOf(withK3s({ servers: SERVERS }, pool))).toEqual([
      'kubeVip.services.ipPool.global.cidr: fd00::100/120 is IPv6, but no server has an IPv6 address in k3s.servers, so this tool ' +
        "cannot check that kube-vip can announce it on the servers' LAN: give the servers their IPv6 addresses, or use a VIP of their family",
    ]);
  });

  test('not in BGP mode, where VIPs are routed', () => {
    const bgp = { kubeVip: { mode: 'bgp', interface: 'lo', bgp: { as: 65010, peers: [{ address: '192.168.0.1', as: 65000 }] } } };
    expect(warningsOf(withK3s({ servers: SERVERS }, { ...dualTraefik, ...bgp }))).toEqual([]);
  });
});

describe('one server naming an interface and the others none', () => {
  const servers = server('192.168.0.11', { interface: 'enp1s0' });

  test('without kubeVip.interface: a warning, vip_interface stays unset', () => {
    expect(warningsOf(withK3s({ servers }, { kubeVip: { interface: undefined } }))).toEqual([
      "k3s.servers: name interface enp1s0 on k3s-1 but none on k3s-2, k3s-3; one DaemonSet carries one value, so vip_interface stays unset and kube-vip uses each node's default-route NIC: name it on every server, or set kubeVip.interface",
    ]);
  });

  test('with kubeVip.interface naming the same NIC: no warning', () => {
    expect(warningsOf(withK3s({ servers }, { kubeVip: { interface: 'enp1s0' } }))).toEqual([]);
  });
});

test("a token under traefik.values is the chart's: refused as a secret in dist/, not as a K3s token", () => {
  const { errors } = parseConfigText('c.yaml', 'traefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n    metrics:\n      token: abc\n');
  expect(errors.map(formatDiagnostic)).toContain(
    // Only hub.token takes a Secret's name: any other token gets the general advice (57a-13).
    'c.yaml:5:7: traefik.values.metrics.token: is a literal token, and dist/ is committed to Git, so no secret may be written there: keep it in a Kubernetes Secret and reference it (e.g. env valueFrom.secretKeyRef)',
  );
});

test('traefik.values.hub.token names the Secret that holds the Hub token (the chart values): accepted, a token there is not', () => {
  const hub = (token: string) => `traefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n    hub:\n      token: ${token}\n`;
  expect(parseConfigText('c.yaml', hub('traefik-hub-license')).errors.map(formatDiagnostic).join('\n')).not.toContain('hub.token');
  expect(
    parseConfigText('c.yaml', hub(`K10${'a'.repeat(64)}::server:abc`))
      .errors.map(formatDiagnostic)
      .join('\n'),
  ).toContain('traefik.values.hub.token: is a literal token');
});

describe('an IPv6 address next to a port is bracketed everywhere the README prints one', () => {
  const IPV6 = ['fd00::4:40', 'fd00::4:41', 'fd00::4:45', 'fd00::11', 'fd00::12', 'fd00::13'];
  const readme = synthFiles(
    withK3s(
      {
        servers: [
          { name: 'k3s-1', address: 'fd00::11' },
          { name: 'k3s-2', address: 'fd00::12' },
          { name: 'k3s-3', address: 'fd00::13' },
        ],
        clusterCidr: 'fd00:42::/56',
        serviceCidr: 'fd00:43::/112',
      },
      {
        kubeVip: { controlPlane: { address: 'fd00::4:40' } },
        traefik: { loadBalancerIPs: ['fd00::4:41'] },
        loadBalancers: [{ name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }], ips: ['fd00::4:45'] }],
      },
    ),
  ).get('README.md')!;

  test('the diagram labels the API VIP [fd00::4:40]:6443, not fd00::4:40:6443 (another address)', () => {
    expect(readme).toContain('admin([kubectl]) --> cpvip["API VIP #91;fd00::4:40#93;:6443"]');
  });

  test.each(IPV6)('%s is never followed by a colon and a port without brackets', (address) => {
    expect(readme).not.toMatch(new RegExp(`(?<![\\[\\w:]|#91;)${address.replace(/\./g, '\\.')}:\\d`));
    expect(readme).toContain(address);
  });
});
