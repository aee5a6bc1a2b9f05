import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { FILE } from './bad-configs';
import { devConfig, synthesizedReference, synthFiles, withChanges } from './helpers';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { bundledTraefikChart } from '../src/k3s/bundled-traefik';
import { runInstall } from '../src/k3s/install-cli';
import { kustomizationResources } from '../src/k3s/install-plan';

const SERVERS = [
  { name: 'k3s-1', address: '192.168.0.11' },
  { name: 'k3s-2', address: '192.168.0.12' },
  { name: 'k3s-3', address: '192.168.0.13' },
];
/** The reference config (as config/dev.yaml, with its redirect) with `k3s` (and anything else) changed. */
const reference = () => withChanges(devConfig(), { traefik: { redirectToHttps: true } });
const withK3s = (k3s: object, patch: object = {}) => withChanges(reference(), { k3s, ...patch });
const load = (config: unknown) => parseConfigText(FILE, typeof config === 'string' ? config : stringify(config));
const errorsOf = (config: unknown) => load(config).errors.map(formatDiagnostic);
const warningsOf = (config: unknown) => load(config).warnings.map(formatDiagnostic);
/** Message texts without the `file:line:col: ` prefix, for configs built as objects. */
const bare = (lines: string[]) => lines.map((line) => line.replace(/^[^ ]+ /, ''));
const servers = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `k3s-${i + 1}`, address: `192.168.0.${11 + i}` }));

describe('per-node K3s configs', () => {
  const files = synthFiles(withK3s({ servers: SERVERS, agents: [{ name: 'worker-1', address: '192.168.0.21' }] }));
  const body = (name: string) => parse(files.get(`k3s/${name}.yaml`)!);
  const server = {
    'token-file': '/etc/rancher/k3s/cluster-token',
    'tls-san': ['192.168.0.40'],
    disable: ['servicelb'],
    'cluster-cidr': '10.42.0.0/16',
    'service-cidr': '10.43.0.0/16',
  };

  test.each<[string, object]>([
    ['k3s-1', { 'node-name': 'k3s-1', 'node-ip': '192.168.0.11', 'cluster-init': true, ...server }],
    ['k3s-2', { 'node-name': 'k3s-2', 'node-ip': '192.168.0.12', server: 'https://192.168.0.40:6443', ...server }],
    ['k3s-3', { 'node-name': 'k3s-3', 'node-ip': '192.168.0.13', server: 'https://192.168.0.40:6443', ...server }],
    [
      'worker-1',
      {
        'node-name': 'worker-1',
        'node-ip': '192.168.0.21',
        'token-file': '/etc/rancher/k3s/cluster-token',
        server: 'https://192.168.0.40:6443',
      },
    ],
  ])('%s', (name, expected) => {
    expect(body(name)).toEqual(expected);
  });

  test('one file per node and no shared drop-in', () => {
    expect([...files.keys()].filter((f) => f.startsWith('k3s/')).sort()).toEqual([
      'k3s/k3s-1.yaml',
      'k3s/k3s-2.yaml',
      'k3s/k3s-3.yaml',
      'k3s/worker-1.yaml',
    ]);
  });

  test('the critical values are byte for byte the same on every server', () => {
    const critical = (name: string) =>
      files
        .get(`k3s/${name}.yaml`)!
        .split('\n')
        .filter((l) => !/^(#|node-|server:|cluster-init:)/.test(l))
        .join('\n');
    expect(critical('k3s-2')).toBe(critical('k3s-1'));
    expect(critical('k3s-3')).toBe(critical('k3s-1'));
  });

  test('a changed network and token file reach every server', () => {
    const changed = synthFiles(withK3s({ servers: SERVERS, clusterCidr: '10.52.0.0/16', tokenFile: '/root/k3s-token' }));
    for (const name of ['k3s-1', 'k3s-2', 'k3s-3']) {
      expect(parse(changed.get(`k3s/${name}.yaml`)!)).toMatchObject({ 'cluster-cidr': '10.52.0.0/16', 'token-file': '/root/k3s-token' });
    }
  });

  test('without a control-plane VIP the nodes join through the first server, and no tls-san is written', () => {
    const changed = synthFiles(withK3s({ servers: SERVERS }, { kubeVip: { controlPlane: undefined } }));
    expect(parse(changed.get('k3s/k3s-2.yaml')!)).toMatchObject({ server: 'https://192.168.0.11:6443' });
    expect(parse(changed.get('k3s/k3s-2.yaml')!)['tls-san']).toBeUndefined();
  });

  test('without servers the single drop-in stays', () => {
    const plain = synthFiles(devConfig());
    expect([...plain.keys()].filter((f) => f.startsWith('k3s/'))).toEqual(['k3s/config.yaml']);
    expect(parse(plain.get('k3s/config.yaml')!)).toEqual({ 'disable+': ['servicelb'], 'tls-san+': ['192.168.0.40'] });
  });
});

describe('server count: etcd quorum', () => {
  test.each<[number, string[], string[]]>([
    [
      1,
      [],
      [
        'k3s.servers: has 1 server: the control-plane VIP 192.168.0.40 has no other node to move to, so there is no failover; use 3 servers for HA',
      ],
    ],
    [
      2,
      [
        'k3s.servers: has 2 servers: embedded etcd needs 2 of 2 for quorum, so losing either server stops the cluster (2 fail twice as often as 1): use 3 servers, or 1',
      ],
      [],
    ],
    [3, [], []],
    [4, [], ["k3s.servers: has 4 servers: etcd's quorum is 3, so they survive 1 failure(s), as 3 servers would: use an odd number"]],
    [5, [], []],
    [6, [], ["k3s.servers: has 6 servers: etcd's quorum is 4, so they survive 2 failure(s), as 5 servers would: use an odd number"]],
  ])('%i servers', (count, errors, warnings) => {
    const config = withK3s({ servers: servers(count) });
    expect(bare(errorsOf(config))).toEqual(errors);
    expect(bare(warningsOf(config))).toEqual(warnings);
  });

  test('1 server without a control-plane VIP is no warning (nothing to fail over)', () => {
    expect(warningsOf(withK3s({ servers: servers(1) }, { kubeVip: { controlPlane: undefined } }))).toEqual([]);
  });
});

describe('node checks', () => {
  test.each<[string, object, object, string[]]>([
    [
      'duplicate name across servers and agents',
      { servers: SERVERS, agents: [{ name: 'k3s-2', address: '192.168.0.21' }] },
      {},
      ['k3s.agents[0].name: "k3s-2" is already the name of k3s.servers[1]: node names must be unique'],
    ],
    [
      'duplicate address',
      { servers: [...SERVERS.slice(0, 2), { name: 'k3s-3', address: '192.168.0.11' }] },
      {},
      ['k3s.servers[2].address: "192.168.0.11" is already the address of k3s-1 (k3s.servers[0].address): each node has its own'],
    ],
    [
      'address with a prefix',
      { servers: [{ name: 'k3s-1', address: '192.168.0.11/24' }] },
      {},
      ['k3s.servers[0].address: "192.168.0.11/24" has a prefix length: write the node\'s address alone, "192.168.0.11"'],
    ],
    [
      'loopback address',
      { servers: [{ name: 'k3s-1', address: '127.0.0.1' }] },
      {},
      ['k3s.servers[0].address: "127.0.0.1" is loopback; a node address is its unicast address on the LAN'],
    ],
    [
      'bad node name',
      { servers: [{ name: 'K3s_1', address: '192.168.0.11' }] },
      {},
      [
        'k3s.servers[0].name: "K3s_1" is not a valid name: use lower-case letters, digits and \'-\', starting and ending with a letter or digit (upper-case letters are not allowed: "k3s-1")',
      ],
    ],
    [
      'agents without servers',
      { agents: [{ name: 'worker-1', address: '192.168.0.21' }] },
      {},
      [
        'k3s.agents: are listed without k3s.servers: agents join through a server, so list the servers (the first one initialises the cluster)',
      ],
    ],
    [
      'control-plane VIP is a node address',
      { servers: SERVERS },
      { kubeVip: { controlPlane: { address: '192.168.0.12' } } },
      [
        'kubeVip.controlPlane.address: "192.168.0.12" is the address of node k3s-2 (k3s.servers[1].address): the node and kube-vip would both answer ARP for it; pick a free address',
      ],
    ],
    [
      'Traefik VIP is an agent address',
      { servers: SERVERS, agents: [{ name: 'worker-1', address: '192.168.0.41' }] },
      {},
      [
        'traefik.loadBalancerIPs[0]: "192.168.0.41" is the address of node worker-1 (k3s.agents[0].address): the node and kube-vip would both answer ARP for it; pick a free address',
      ],
    ],
    [
      'loadBalancers VIP is a node address',
      { servers: SERVERS },
      { loadBalancers: [{ name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }], ips: ['192.168.0.13'] }] },
      [
        'loadBalancers[0].ips[0]: "192.168.0.13" is the address of node k3s-3 (k3s.servers[2].address): the node and kube-vip would both answer ARP for it; pick a free address',
      ],
    ],
    [
      'pool contains a node address',
      { servers: SERVERS },
      { kubeVip: { services: { ipPool: { global: { range: '192.168.0.10-192.168.0.20' } } } } },
      [
        'kubeVip.services.ipPool.global.range: 192.168.0.10-192.168.0.20 contains 192.168.0.11, the address of node k3s-1 (k3s.servers[0].address): kube-vip-cloud-provider could hand it to a Service; keep node addresses out of the pools',
      ],
    ],
  ])('%s', (_, k3s, patch, expected) => {
    expect(bare(errorsOf(withK3s(k3s, patch)))).toEqual(expected);
  });
});

describe('ARP: every VIP and every server on one LAN', () => {
  const other = [...SERVERS.slice(0, 2), { name: 'k3s-3', address: '192.168.1.13' }];
  const fix =
    "without k3s.nodeCidr only the servers' /24 192.168.0.0/24 is known to be one LAN: set k3s.nodeCidr to the LAN holding all servers and VIPs";
  test.each<[string, object, object, string[]]>([
    ["all in the servers' /24", { servers: SERVERS }, {}, []],
    [
      'a server in another /24',
      { servers: other },
      {},
      [`k3s.servers[2].address: "192.168.1.13" is not in 192.168.0.0/24 of k3s-1; ${fix}`],
    ],
    [
      'a VIP in another /24',
      { servers: SERVERS },
      { traefik: { loadBalancerIPs: ['192.168.1.41'] } },
      [
        `traefik.loadBalancerIPs[0]: "192.168.1.41" is not in the servers' 192.168.0.0/24, and ARP reaches only their LAN (a typo for 192.168.0.41?); ${fix}`,
      ],
    ],
    [
      'a pool in another /24',
      { servers: SERVERS },
      { kubeVip: { services: { ipPool: { global: { cidr: '192.168.1.0/28' } } } } },
      [
        `kubeVip.services.ipPool.global.cidr: 192.168.1.0/28 is not inside the servers' 192.168.0.0/24, and ARP reaches only their LAN; ${fix}`,
      ],
    ],
    ['nodeCidr holds them all', { servers: other, nodeCidr: '192.168.0.0/23' }, { traefik: { loadBalancerIPs: ['192.168.1.41'] } }, []],
    [
      'a server outside nodeCidr',
      { servers: other, nodeCidr: '192.168.0.0/24' },
      {},
      [
        'k3s.servers[2].address: "192.168.1.13" is outside k3s.nodeCidr 192.168.0.0/24: every server must be on the LAN where the VIPs are announced, or the VIP cannot move to it',
      ],
    ],
    ['an agent elsewhere is fine', { servers: SERVERS, agents: [{ name: 'worker-1', address: '10.0.5.21' }] }, {}, []],
    [
      'BGP is exempt',
      { servers: other },
      { kubeVip: { mode: 'bgp', interface: 'lo', bgp: { as: 65010, peers: [{ address: '192.168.0.1', as: 65000 }] } } },
      [],
    ],
  ])('%s', (_, k3s, patch, expected) => {
    expect(bare(errorsOf(withK3s(k3s, patch)))).toEqual(expected);
  });

  test("with servers the /24 guess warning gives way to the servers' LAN error", () => {
    expect(warningsOf(withK3s({ servers: SERVERS }, { traefik: { loadBalancerIPs: ['192.168.1.41'] } }))).toEqual([]);
  });
});

describe('kube-vip interface', () => {
  const daemonSetEnv = (config: object) => {
    const ds = parseAllDocuments(synthFiles(config).get('kube-vip.yaml')!)
      .map((d) => d.toJS())
      .find((o) => o.kind === 'DaemonSet');
    return Object.fromEntries(ds.spec.template.spec.containers[0].env.map((e: { name: string; value?: string }) => [e.name, e.value]));
  };
  const named = (...nics: Array<string | undefined>) => SERVERS.map((s, i) => ({ ...s, ...(nics[i] ? { interface: nics[i] } : {}) }));
  const noShared = { kubeVip: { interface: undefined } };

  test('a server interface that contradicts kubeVip.interface is refused', () => {
    expect(bare(errorsOf(withK3s({ servers: named('eth0', 'enp1s0') })))).toEqual([
      'k3s.servers[1].interface: "enp1s0" contradicts kubeVip.interface "eth0", which kube-vip uses on every server and would exit with "Link not found" here: remove kubeVip.interface (kube-vip then takes each node\'s default-route NIC) or fix the name',
    ]);
  });

  test('different server interfaces: a warning, and vip_interface stays unset', () => {
    const config = withK3s({ servers: named('eth0', 'enp1s0', 'eth0') }, noShared);
    expect(bare(warningsOf(config))).toEqual([
      "k3s.servers: name different interfaces (eth0 on k3s-1, enp1s0 on k3s-2, eth0 on k3s-3); one DaemonSet cannot give each node its own, so vip_interface stays unset and kube-vip uses each node's default-route NIC: make sure it is the NIC on the VIPs' LAN",
    ]);
    expect(daemonSetEnv(config).vip_interface).toBeUndefined();
  });

  test.each<[string, Array<string | undefined>, string | undefined, string[]]>([
    ['every server names the same NIC: it becomes vip_interface', ['enp1s0', 'enp1s0', 'enp1s0'], 'enp1s0', []],
    [
      'a server without a name: unset, with a warning',
      ['enp1s0', 'enp1s0', undefined],
      undefined,
      [
        "k3s.servers: name interface enp1s0 on k3s-1, k3s-2 but none on k3s-3; one DaemonSet carries one value, so vip_interface stays unset and kube-vip uses each node's default-route NIC: name it on every server, or set kubeVip.interface",
      ],
    ],
  ])('%s', (_, nics, expected, warnings) => {
    const config = withK3s({ servers: named(...nics) }, noShared);
    expect(bare(warningsOf(config))).toEqual(warnings);
    expect(daemonSetEnv(config).vip_interface).toBe(expected);
  });
});

describe('the token stays out of the repository', () => {
  const token = `K10${'ab'.repeat(32)}::server:s3cr3t`;
  const base = 'traefik:\n  loadBalancerIPs: [192.168.0.41]\n';
  const never = 'a K3s token must never enter the repository: keep it in a file on every node and name that file in k3s.tokenFile';
  test.each<[string, string, string[]]>([
    [
      'relative tokenFile',
      `${base}k3s:\n  tokenFile: cluster-token\n`,
      [
        `${FILE}:4:14: k3s.tokenFile: is not an absolute path: name the file that holds the token on every node, e.g. "/etc/rancher/k3s/cluster-token"`,
      ],
    ],
    [
      'a short token written as tokenFile is not echoed',
      `${base}k3s:\n  tokenFile: hunter2hunter2\n`,
      [
        `${FILE}:4:14: k3s.tokenFile: is not an absolute path: name the file that holds the token on every node, e.g. "/etc/rancher/k3s/cluster-token"`,
      ],
    ],
    [
      'tokenFile with a space',
      `${base}k3s:\n  tokenFile: "/etc/k3s token"\n`,
      [
        `${FILE}:4:14: k3s.tokenFile: may hold only letters, digits, ".", "_", "-" and "/" (no ".." parts): e.g. "/etc/rancher/k3s/cluster-token"`,
      ],
    ],
    [
      'tokenFile with ..',
      `${base}k3s:\n  tokenFile: /etc/../token\n`,
      [
        `${FILE}:4:14: k3s.tokenFile: may hold only letters, digits, ".", "_", "-" and "/" (no ".." parts): e.g. "/etc/rancher/k3s/cluster-token"`,
      ],
    ],
    ['token key under k3s', `${base}k3s:\n  token: hunter2\n`, [`${FILE}:4:3: k3s.token: is a literal token; ${never}`]],
    ['agent-token key at the top', `${base}agent-token: hunter2\n`, [`${FILE}:3:1: agent-token: is a literal token; ${never}`]],
    ['K3S_TOKEN key under kubeVip', `${base}kubeVip:\n  K3S_TOKEN: x\n`, [`${FILE}:4:3: kubeVip.K3S_TOKEN: is a literal token; ${never}`]],
    ['secure token in a comment', `${base}# join with ${token}\n`, [`${FILE}:3:13: holds a K3s token (K10…::…); ${never}`]],
    [
      'secure token as the tokenFile value',
      `${base}k3s:\n  tokenFile: ${token}\n`,
      // The message about the pasted token, beside the one about its shape (51a-13: one run says both).
      [
        `${FILE}:4:14: k3s.tokenFile: is not an absolute path: name the file that holds the token on every node, e.g. "/etc/rancher/k3s/cluster-token"`,
        `${FILE}:4:14: k3s.tokenFile: holds a K3s token (K10…::…); ${never}`,
      ],
    ],
    [
      'token key next to another error: all at once',
      `traefik:\n  loadBalancerIPs: [192.168.0.300]\nk3s:\n  token: x\n`,
      [
        `${FILE}:2:21: traefik.loadBalancerIPs[0]: "192.168.0.300" is not an IP address: expected an IPv4 address such as "192.168.0.40" or an IPv6 address such as "fd00::40"`,
        `${FILE}:4:3: k3s.token: is a literal token; ${never}`,
      ],
    ],
  ])('%s', (_, text, expected) => {
    const errors = errorsOf(text);
    expect(errors).toEqual(expected);
    expect(errors.join('\n')).not.toMatch(/hunter2|s3cr3t|abab/);
  });

  test('an absolute tokenFile is accepted', () => {
    expect(errorsOf(`${base}k3s:\n  tokenFile: /etc/rancher/k3s/cluster-token\n`)).toEqual([]);
  });
});

describe('k3s.version picks the bundled Traefik chart', () => {
  test.each<[string, string | undefined]>([
    ['v1.32.0+k3s1', '27.0.2'],
    ['v1.32.1+k3s1', undefined],
    ['v1.32.2+k3s1', '34.2.0'],
    ['v1.32.9+k3s1', '34.2.0'],
    ['v1.32.10+k3s1', '37.1.0'],
    ['v1.33.4+k3s1', '34.2.0'],
    ['v1.33.5+k3s1', undefined],
    ['v1.35.3+k3s1', '39.0.5'],
    ['v1.35.6+k3s1', undefined],
    ['v1.35.7+k3s1', '40.1.0'],
    ['v1.36.1+k3s1', undefined],
    ['v1.36.2+k3s1', undefined],
    ['v1.36.3+k3s1', '40.1.0'],
    ['v1.36.4+k3s1', '40.1.0'],
    ['v1.36.4+k3s2', undefined],
    ['v1.36.5+k3s1', undefined],
  ])('%s -> %s', (version, chart) => {
    expect(bundledTraefikChart(version)).toBe(chart);
  });

  const traefikValues = (config: object) => {
    const hcc = parse(
      synthFiles(config)
        .get('traefik-config.yaml')!
        .replace(/^#.*\n/, ''),
    );
    return parse(hcc.spec.valuesContent);
  };

  test('without traefik.chartVersion the bundled chart decides the keys (v40: service.spec.type)', () => {
    const config = withK3s({ servers: SERVERS, version: 'v1.36.3+k3s1' });
    expect(warningsOf(config)).toEqual([]);
    expect(load(config).config!.traefik.chartVersion).toBe('40.1.0');
    expect(traefikValues(config).service.spec).toMatchObject({ type: 'LoadBalancer' });
  });

  test.each<[string, object, object, string[]]>([
    [
      'explicit chart differs from the bundled one',
      { version: 'v1.36.3+k3s1' },
      { traefik: { chartVersion: '39.0.7' } },
      [
        'traefik.chartVersion: "39.0.7" is not the Traefik chart K3s v1.36.3+k3s1 bundles (40.1.0), and the values follow "39.0.7": remove traefik.chartVersion to follow k3s.version, or check with `kubectl -n kube-system get helmchart traefik -o jsonpath=\'{.spec.chart}\'`',
      ],
    ],
    [
      "explicit chart equals the bundled one, in K3s' spelling",
      { version: 'v1.36.3+k3s1' },
      { traefik: { chartVersion: '40.1.7+up40.1.0' } },
      [],
    ],
    [
      'unknown release, no chart',
      { version: 'v1.36.1+k3s1' },
      {},
      [
        "k3s.version: this tool does not know which Traefik chart K3s v1.36.1+k3s1 bundles, so the Traefik values follow the default chart 39.0.7: set traefik.chartVersion to what `kubectl -n kube-system get helmchart traefik -o jsonpath='{.spec.chart}'` shows",
      ],
    ],
    ['unknown release, explicit chart', { version: 'v1.36.1+k3s1' }, { traefik: { chartVersion: '39.0.7' } }, []],
  ])('%s', (_, k3s, patch, expected) => {
    expect(bare(warningsOf(withK3s(k3s, patch)))).toEqual(expected);
  });

  test.each(['1.33.5', 'v1.33.5', 'v1.33.5+k3s0', 'v1.33.5-rc1+k3s1'])('%s is not a K3s release', (version) => {
    expect(bare(errorsOf(withK3s({ version })))).toEqual([
      `k3s.version: "${version}" is not a K3s release: expected a tag such as "v1.33.5+k3s1"`,
    ]);
  });

  test('the runbook pins the release', () => {
    const readme = synthFiles(withK3s({ servers: SERVERS, version: 'v1.36.3+k3s1' })).get('README.md')!;
    expect(readme).toContain('curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION=v1.36.3+k3s1 INSTALL_K3S_EXEC=server sh -');
  });
});

describe('dist/dev: the reference setup, as a synth writes it', () => {
  const dist = join(synthesizedReference(), 'dev');
  const readme = readFileSync(join(dist, 'README.md'), 'utf8');

  test('one K3s config per node of the reference config', () => {
    expect(readdirSync(join(dist, 'k3s')).sort()).toEqual(['k3s-1.yaml', 'k3s-2.yaml', 'k3s-3.yaml']);
  });

  test('the runbook reads in bootstrap order: manifests and token before the first install, the VIP before the next node', () => {
    const order = [
      'scp k3s/k3s-1.yaml kube-vip.yaml 192.168.0.11:',
      'sudo mkdir -p /var/lib/rancher/k3s/server/manifests',
      'sudo install -m 600 kube-vip.yaml /var/lib/rancher/k3s/server/manifests/kube-vip.yaml',
      'openssl rand -hex 32 > /etc/rancher/k3s/cluster-token',
      'INSTALL_K3S_EXEC=server sh -',
      'until curl -ksf https://192.168.0.40:6443/ping; do sleep 5; done',
      'scp k3s/k3s-2.yaml 192.168.0.12:',
      'shows 2 servers `Ready`',
      'scp k3s/k3s-3.yaml 192.168.0.13:',
      'shows 3 servers `Ready`',
      '### 4. kubectl on your workstation',
      'ssh -t 192.168.0.11 \'sudo install -m 600 -o "$(id -u)" /etc/rancher/k3s/k3s.yaml k3s-dev.yaml\'',
      '### 5. The manifests',
      'sudo npm run k3s:install -- --cluster dev',
      'Check: `kubectl -n kube-system get svc traefik` shows its VIP under `EXTERNAL-IP`',
    ];
    const positions = order.map((text) => readme.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  test('the diagram and the VIP table show the nodes', () => {
    expect(readme).toContain('node0["k3s-1 192.168.0.11 (server, cluster-init)"]');
    expect(readme).toContain(
      '| 192.168.0.40 | 6443 | Kubernetes API server | kube-vip v1.2.3, ARP from the leader (one of k3s-1, k3s-2, k3s-3) |',
    );
  });

  test("k3s:install installs the kustomization's manifests and never a node config", () => {
    const target = mkdtempSync(join(tmpdir(), 'k3s-vip-inventory-'));
    try {
      const code = runInstall({
        cluster: 'dev',
        distDir: synthesizedReference(),
        manifestsDir: target,
        dryRun: false,
        out: () => {},
        err: () => {},
      });
      expect(code).toBe(0);
      const listed = kustomizationResources('kustomization.yaml', readFileSync(join(dist, 'kustomization.yaml'), 'utf8')).names;
      const installed = readdirSync(target, { recursive: true })
        .map(String)
        .filter((f) => !f.startsWith('.'));
      expect(installed.sort()).toEqual([...listed].sort());
      expect(installed).not.toEqual(expect.arrayContaining([expect.stringMatching(/^(k3s|config\.yaml$|k3s-\d)/)]));
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  });
});
