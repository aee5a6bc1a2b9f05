import { parse } from 'yaml';
import { FILE, TRAEFIK } from './bad-configs';
import { devConfig, synthFiles, withChanges } from './helpers';
import * as format from '../src/config/formats';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { clusterReadme } from '../src/docs/cluster-readme';
import { kubeVipRules } from '../src/kube-vip/versions';
import { parseVersion } from '../src/semver';

const errorsOf = (text: string) => parseConfigText(FILE, text).errors.map(formatDiagnostic);
const warningsOf = (text: string) => parseConfigText(FILE, text).warnings.map(formatDiagnostic);
const bgp = (peers: string, version = 'v1.2.3') =>
  `kubeVip:\n  version: ${version}\n  mode: bgp\n  controlPlane:\n    address: 192.168.0.40\n  bgp:\n    as: 65010\n    peers: ${peers}\n`;

describe('one spelling per IP address: IPv6 forms of IPv4 and leading zeros are refused, naming the IPv4 form', () => {
  test.each<[string, string, string[]]>([
    [
      'IPv4-mapped VIP, dotted',
      'traefik:\n  loadBalancerIPs: ["::ffff:192.168.0.41"]\n',
      [
        `${FILE}:2:21: traefik.loadBalancerIPs[0]: "::ffff:192.168.0.41" is an IPv4-mapped IPv6 address, which hosts treat as IPv4: write "192.168.0.41"`,
      ],
    ],
    [
      'IPv4-mapped VIP, hex',
      'traefik:\n  loadBalancerIPs: ["::ffff:c0a8:29"]\n',
      [
        `${FILE}:2:21: traefik.loadBalancerIPs[0]: "::ffff:c0a8:29" is an IPv4-mapped IPv6 address, which hosts treat as IPv4: write "192.168.0.41"`,
      ],
    ],
    [
      'IPv4-mapped loopback does not slip past the loopback check',
      'traefik:\n  loadBalancerIPs: ["::ffff:127.0.0.1"]\n',
      [
        `${FILE}:2:21: traefik.loadBalancerIPs[0]: "::ffff:127.0.0.1" is an IPv4-mapped IPv6 address, which hosts treat as IPv4: write "127.0.0.1"`,
      ],
    ],
    [
      'IPv4-compatible control-plane VIP',
      `kubeVip:\n  controlPlane:\n    address: "::192.168.0.40"\n${TRAEFIK}`,
      [
        `${FILE}:3:14: kubeVip.controlPlane.address: "::192.168.0.40" is an IPv4-compatible IPv6 address, which hosts treat as IPv4: write "192.168.0.40"`,
      ],
    ],
    [
      'IPv4-compatible VIP in hex',
      'traefik:\n  loadBalancerIPs: ["::c0a8:29"]\n',
      [
        `${FILE}:2:21: traefik.loadBalancerIPs[0]: "::c0a8:29" is an IPv4-compatible IPv6 address, which hosts treat as IPv4: write "192.168.0.41"`,
      ],
    ],
    [
      '"::1" stays loopback (not an IPv4-compatible form)',
      'traefik:\n  loadBalancerIPs: ["::1"]\n',
      [`${FILE}:2:21: traefik.loadBalancerIPs[0]: "::1" is loopback; a virtual IP must be a unicast address on the nodes' LAN`],
    ],
    [
      '"::" stays the unspecified address',
      'traefik:\n  loadBalancerIPs: ["::"]\n',
      [
        `${FILE}:2:21: traefik.loadBalancerIPs[0]: "::" is the unspecified address; a virtual IP must be a unicast address on the nodes' LAN`,
      ],
    ],
    [
      'leading zeros in an IPv4 VIP',
      'traefik:\n  loadBalancerIPs: [192.168.000.041]\n',
      [`${FILE}:2:21: traefik.loadBalancerIPs[0]: "192.168.000.041" has leading zeros: write "192.168.0.41"`],
    ],
    [
      'leading zeros in a Service VIP',
      `${TRAEFIK}loadBalancers:\n  - {name: db, selector: {app: db}, ports: [{port: 5432}], ips: [192.168.0.042]}\n`,
      [`${FILE}:4:66: loadBalancers[0].ips[0]: "192.168.0.042" has leading zeros: write "192.168.0.42"`],
    ],
    [
      'IPv4-mapped nodeCidr',
      `${TRAEFIK}k3s:\n  nodeCidr: "::ffff:192.168.0.0/120"\n`,
      [
        `${FILE}:4:13: k3s.nodeCidr: "::ffff:192.168.0.0/120" is an IPv4-mapped IPv6 address, which hosts treat as IPv4: write "192.168.0.0/24"`,
      ],
    ],
    [
      'IPv4-mapped cluster CIDR',
      `${TRAEFIK}k3s:\n  clusterCidr: "::ffff:10.42.0.0/112"\n`,
      [
        `${FILE}:4:16: k3s.clusterCidr: "::ffff:10.42.0.0/112" is an IPv4-mapped IPv6 address, which hosts treat as IPv4: write "10.42.0.0/16"`,
      ],
    ],
    [
      'leading zeros in a pool CIDR',
      'kubeVip:\n  services:\n    ipPool:\n      global:\n        cidr: 192.168.0.0224/28\ntraefik: {}\n',
      [
        `${FILE}:5:15: kubeVip.services.ipPool.global.cidr: "192.168.0.0224/28" is not a CIDR block: expected an address with a prefix length, e.g. "10.42.0.0/16"`,
      ],
    ],
    [
      'leading zeros in a pool CIDR octet',
      'kubeVip:\n  services:\n    ipPool:\n      global:\n        cidr: 192.168.000.224/28\ntraefik: {}\n',
      [`${FILE}:5:15: kubeVip.services.ipPool.global.cidr: "192.168.000.224/28" has leading zeros: write "192.168.0.224/28"`],
    ],
    [
      'IPv4-mapped end of a pool range',
      'kubeVip:\n  services:\n    ipPool:\n      global:\n        range: "192.168.0.200-::ffff:192.168.0.220"\ntraefik: {}\n',
      [
        `${FILE}:5:16: kubeVip.services.ipPool.global.range: "192.168.0.200-::ffff:192.168.0.220": "::ffff:192.168.0.220" is an IPv4-mapped IPv6 address, which hosts treat as IPv4: write "192.168.0.200-192.168.0.220"`,
      ],
    ],
    [
      'IPv4-mapped BGP peer',
      bgp('[{address: "::ffff:192.168.0.1", as: 65000}]') + TRAEFIK,
      [
        `${FILE}:8:23: kubeVip.bgp.peers[0].address: "::ffff:192.168.0.1" is an IPv4-mapped IPv6 address, which hosts treat as IPv4: write "192.168.0.1"`,
      ],
    ],
    [
      'leading zeros in a BGP peer',
      bgp('[{address: 192.168.0.01, as: 65000}]') + TRAEFIK,
      [`${FILE}:8:23: kubeVip.bgp.peers[0].address: "192.168.0.01" has leading zeros: write "192.168.0.1"`],
    ],
    [
      'upper-case and zero-group IPv6 spellings are compared as addresses',
      // IPv6 VIPs need a Service network with IPv6.
      'traefik:\n  loadBalancerIPs: ["FD00::41", "fd00:0:0::41"]\nk3s: {clusterCidr: "10.42.0.0/16,fd00:42::/56", serviceCidr: "10.43.0.0/16,fd00:43::/112"}\n',
      // Quoted as written, with the first spelling (56b-13).
      [
        `${FILE}:2:33: traefik.loadBalancerIPs[1]: "fd00:0:0::41" is listed twice (first at traefik.loadBalancerIPs[0], as "FD00::41"): list each VIP once`,
      ],
    ],
  ])('%s', (_, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });

  test.each(['fd00::41', 'FD00::41', '2001:db8::ffff:c0a8:29', '64:ff9b::c0a8:29', '192.168.0.41'])('%s is accepted', (address) => {
    expect(format.virtualIp(address)).toBeUndefined();
  });

  test('an IPv6 block wider than /96 around ::ffff:0:0/96 is a plain IPv6 block', () => {
    expect(format.cidr('::/64')).toBeUndefined();
  });
});

describe("ingress paths (pathType Prefix): the API server's rules, RFC 3986 characters and a length bound", () => {
  const allowed = 'letters, digits, "-._~!$&\'()*+,;=:@/" and percent-escapes such as "%20"';
  test.each<[string, string | undefined]>([
    ['/', undefined],
    ['/api/', undefined],
    ['/.well-known/acme-challenge', undefined],
    ["/a%20b/~user/@x:y;v=1,2/(a)*+$!&'", undefined],
    [`/${'a'.repeat(1023)}`, undefined],
    [`/${'a'.repeat(1024)}`, `"/${'a'.repeat(59)}"... (1025 characters) is 1025 characters, at most 1024`],
    ['api', '"api" does not start with "/": write "/api"'],
    ['/a b', `"/a b" contains " ": a path may hold ${allowed}`],
    ['/a\nb', `"/a\\nb" contains "\\n": a path may hold ${allowed}`],
    ['/{id}', `"/{id}" contains "{": a path may hold ${allowed}`],
    ['/a|b', `"/a|b" contains "|": a path may hold ${allowed}`],
    ['/a?b=1', `"/a?b=1" contains "?": a path may hold ${allowed}`],
    ['/a#b', `"/a#b" contains "#": a path may hold ${allowed}`],
    ['/`x`', `"/\`x\`" contains "\`": a path may hold ${allowed}`],
    ['/ü', `"/ü" contains "ü": a path may hold ${allowed}`],
    ['/a%zz', '"/a%zz" contains "%zz", which is not a percent-escape: write "%" as "%25"'],
    ['/100%', '"/100%" contains "%", which is not a percent-escape: write "%" as "%25"'],
    ['/a//b', '"/a//b" contains "//", which the API server refuses in a Prefix path: remove it'],
    ['/a/./b', '"/a/./b" contains "/./", which the API server refuses in a Prefix path: remove it'],
    ['/a/../b', '"/a/../b" contains "/../", which the API server refuses in a Prefix path: remove it'],
    ['/a%2fb', '"/a%2fb" contains "%2f", which the API server refuses in a Prefix path: remove it'],
    ['/a%2Fb', '"/a%2Fb" contains "%2F", which the API server refuses in a Prefix path: remove it'],
    ['/a/..', '"/a/.." ends with "/..", which the API server refuses in a Prefix path: remove it'],
    ['/a/.', '"/a/." ends with "/.", which the API server refuses in a Prefix path: remove it'],
  ])('%j', (path, expected) => {
    expect(format.ingressPath(path)).toBe(expected);
  });

  test('located in the config file', () => {
    expect(errorsOf(`${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, path: "/api/../admin", service: s, port: 80}\n`)).toEqual([
      `${FILE}:4:42: ingresses[0].path: "/api/../admin" contains "/../", which the API server refuses in a Prefix path: remove it`,
    ]);
  });
});

describe('values that land in a container env: "$(" is refused (Kubernetes expands $(NAME) there)', () => {
  test.each<[string, string | undefined]>([
    [
      'eth$(HOSTNAME)',
      '"eth$(HOSTNAME)" contains "$(", which Kubernetes expands as a variable reference in kube-vip\'s env (vip_interface): rename the interface',
    ],
    [
      '$(x',
      '"$(x" contains "$(", which Kubernetes expands as a variable reference in kube-vip\'s env (vip_interface): rename the interface',
    ],
    // The interface format refuses "$" and "(" anyway (test/inventory-attack.test.ts).
    [
      'eth$0',
      `"eth$0" contains "$": an interface name may hold letters, digits, ".", "_", "@" and "-", starting with a letter or digit (e.g. "eth0", "enp1s0", "bond0.100")`,
    ],
    [
      'br-lan(1)',
      `"br-lan(1)" contains "(": an interface name may hold letters, digits, ".", "_", "@" and "-", starting with a letter or digit (e.g. "eth0", "enp1s0", "bond0.100")`,
    ],
  ])('interface %j', (value, expected) => {
    expect(format.interfaceName(value)).toBe(expected);
  });

  test('located in the config file', () => {
    expect(errorsOf(`kubeVip:\n  interface: "e$(X)"\n${TRAEFIK}`)).toEqual([
      `${FILE}:2:14: kubeVip.interface: "e$(X)" contains "$(", which Kubernetes expands as a variable reference in kube-vip's env (vip_interface): rename the interface`,
    ]);
  });
});

describe("Secret keys: the API server's IsConfigMapKey", () => {
  // The value is never quoted (a password is pasted there by mistake), and a generated-looking one is refused (42a-8).
  const hidden = '(the value is not shown: a password may have been pasted here)';
  const chars = `is not a valid Secret key ${hidden}: use letters, digits, '-', '_' and '.'`;
  const dots = `is not a valid Secret key ${hidden}: it must not be "." or "..", nor start with ".."`;
  const generated = `looks generated (12 or more letters and digits mixed), as a password does, not chosen as a Secret's key is ${hidden}: write the Secret's key (e.g. "password"), never the password itself`;
  test.each<[string, string | undefined]>([
    ['password', undefined],
    ['.password', undefined],
    ['a..b', undefined],
    ['MD5_pass-1.txt', undefined],
    ['k'.repeat(23), undefined],
    ['k'.repeat(253), generated],
    ['Zq9pW7vLm2Xy8kq1', generated],
    ['k'.repeat(254), `is 254 characters, at most 253 for a key of a Secret ${hidden}`],
    ['', chars],
    ['a/b', chars],
    ['pass word', chars],
    ['.', dots],
    ['..', dots],
    ['..data', dots],
  ])('%j', (key, expected) => {
    expect(format.secretKey(key)).toBe(expected);
  });
});

describe('version shapes: no leading zeros, every number at most 9999', () => {
  const notVersion = (v: string) => `"${v}" is not a version: expected a release tag such as "v1.2.3"`;
  const notChart = (v: string) =>
    `"${v}" is not a chart version: expected the upstream version such as "39.0.7" (K3s' "39.0.701+up39.0.7" also works)`;
  test.each<[string, string | undefined]>([
    ['v1.2.3', undefined],
    ['1.2.3', undefined],
    ['v0.5.0', undefined],
    ['v9999.9999.9999', undefined],
    ['v10000.0.0', '"v10000.0.0" has a number above 9999, which no release uses: check for a typo'],
    ['v1.2.99999999999999999999', '"v1.2.99999999999999999999" has a number above 9999, which no release uses: check for a typo'],
    ['v01.2.3', '"v01.2.3" has a leading zero: write "v1.2.3"'],
    ['1.02.003', '"1.02.003" has a leading zero: write "1.2.3"'],
    ['v1.2', notVersion('v1.2')],
    ['v1.2.3-rc1', notVersion('v1.2.3-rc1')],
    ['V1.2.3', notVersion('V1.2.3')],
  ])('kube-vip %j', (value, expected) => {
    expect(format.version(value)).toBe(expected);
  });

  test.each<[string, string | undefined]>([
    ['39.0.7', undefined],
    ['39.0.701+up39.0.7', undefined],
    ['39.0.07', '"39.0.07" has a leading zero: write "39.0.7"'],
    ['39.0.701+up039.0.7', '"39.0.701+up039.0.7" has a leading zero: write "39.0.701+up39.0.7"'],
    ['39.0.99999', '"39.0.99999" has a number above 9999, which no release uses: check for a typo'],
    ['latest+up39.0.7', notChart('latest+up39.0.7')],
    ['39.0.7+up39.0.7+up39.0.7', notChart('39.0.7+up39.0.7+up39.0.7')],
  ])('Traefik chart %j', (value, expected) => {
    expect(format.chartVersion(value)).toBe(expected);
  });

  test('located in the config file', () => {
    expect(errorsOf(`kubeVip:\n  version: v1.2.99999999999999999999\n${TRAEFIK}`)).toEqual([
      `${FILE}:2:12: kubeVip.version: "v1.2.99999999999999999999" has a number above 9999, which no release uses: check for a typo`,
    ]);
  });

  test('"1.2.3" becomes "v1.2.3": the parsed config, image tag, version label and README agree', () => {
    expect(parseConfigText(FILE, `kubeVip:\n  version: 1.2.3\n${TRAEFIK}`).config?.kubeVip.version).toBe('v1.2.3');
    const files = synthFiles(withChanges(devConfig(), { kubeVip: { version: '1.2.3' } }));
    const daemonSet = parse(
      files
        .get('kube-vip.yaml')!
        .split('\n---\n')
        .find((doc) => doc.includes('kind: DaemonSet'))!,
    );
    expect(daemonSet.spec.template.spec.containers[0].image).toBe('ghcr.io/kube-vip/kube-vip:v1.2.3');
    expect(daemonSet.metadata.labels['app.kubernetes.io/version']).toBe('v1.2.3');
    expect(files.get('README.md')).toContain('| kube-vip v1.2.3, ARP from the leader |');
    expect(files.get('README.md')).not.toContain('kube-vip 1.2.3');
  });
});

describe('BGP peers: never a VIP or a pool address; IPv6 only from kube-vip v0.5.8', () => {
  const router = "a peer is the router kube-vip announces the VIPs to: give the router's own address";
  test.each<[string, string, string[]]>([
    [
      'peer is the control-plane VIP',
      bgp('[{address: 192.168.0.40, as: 65000}]') + TRAEFIK,
      [`${FILE}:8:23: kubeVip.bgp.peers[0].address: "192.168.0.40" is also a VIP (kubeVip.controlPlane.address); ${router}`],
    ],
    [
      'peer is the Traefik VIP',
      bgp('[{address: 192.168.0.1, as: 65000}, {address: 192.168.0.41, as: 65000}]') + TRAEFIK,
      [`${FILE}:8:58: kubeVip.bgp.peers[1].address: "192.168.0.41" is also a VIP (traefik.loadBalancerIPs[0]); ${router}`],
    ],
    [
      'peer is a Service VIP, spelt differently',
      bgp('[{address: "FD00::42", as: 65000}]') +
        TRAEFIK +
        'loadBalancers:\n  - {name: db, selector: {app: db}, ports: [{port: 5432}], ips: ["fd00::42"]}\n' +
        'k3s: {clusterCidr: "10.42.0.0/16,fd00:42::/56", serviceCidr: "10.43.0.0/16,fd00:43::/112"}\n',
      [`${FILE}:8:23: kubeVip.bgp.peers[0].address: "fd00::42" is also a VIP (loadBalancers[0].ips[0]); ${router}`],
    ],
    [
      'peer inside a pool',
      `${bgp('[{address: 192.168.0.205, as: 65000}]')}  services:\n    ipPool:\n      global:\n        range: 192.168.0.200-192.168.0.220\n${TRAEFIK}`,
      [
        `${FILE}:8:23: kubeVip.bgp.peers[0].address: "192.168.0.205" lies inside the IP pool 192.168.0.200-192.168.0.220 (kubeVip.services.ipPool.global.range), which may hand it to a Service: give the router's own address, outside the pools`,
      ],
    ],
    [
      'IPv6 peer on v0.5.7',
      bgp('[{address: "fd00::1", as: 65000}]', 'v0.5.7') + TRAEFIK,
      [
        `${FILE}:8:23: kubeVip.bgp.peers[0].address: "fd00::1" is IPv6, but kube-vip v0.5.7 splits each bgp_peers entry at every ":" and cannot read it: use the peer's IPv4 address, or kube-vip v0.5.8 or newer`,
      ],
    ],
    ['IPv6 peer on v0.5.8', bgp('[{address: "fd00::1", as: 65000}]', 'v0.5.8') + TRAEFIK, []],
    ['IPv4 peer on v0.5.7', bgp('[{address: 192.168.0.1, as: 65000}]', 'v0.5.7') + TRAEFIK, []],
  ])('%s', (_, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });

  test.each([
    ['v0.5.7', false],
    ['v0.5.8', true],
  ])('version table: ipv6BgpPeers on %s is %s', (version, expected) => {
    expect(kubeVipRules(parseVersion(version)).ipv6BgpPeers).toBe(expected);
  });
});

describe("address-family checks follow k3s.nodeCidr's family", () => {
  // VIPs of both families need dual-stack networks.
  const DUAL_STACK_K3S = '  clusterCidr: 10.42.0.0/16,fd00:42::/56\n  serviceCidr: 10.43.0.0/16,fd00:43::/112\n';
  test.each<[string, string, string[]]>([
    [
      'IPv6 nodeCidr keeps the /24 guess for an IPv4 broadcast address',
      'traefik:\n  loadBalancerIPs: [192.168.0.255]\nk3s:\n  nodeCidr: "fd00::/64"\n',
      [
        `${FILE}:2:21: traefik.loadBalancerIPs[0]: "192.168.0.255" is the broadcast address of a /24 LAN: pick a host address, or set k3s.nodeCidr if your LAN is larger than a /24`,
      ],
    ],
    [
      'IPv6 nodeCidr keeps the /24 guess for an IPv4 network address',
      'traefik:\n  loadBalancerIPs: [192.168.0.0, "fd00::41"]\nk3s:\n  nodeCidr: "fd00::/64"\n' + DUAL_STACK_K3S,
      [
        `${FILE}:2:21: traefik.loadBalancerIPs[0]: "192.168.0.0" is the network address of a /24 LAN: pick a host address, or set k3s.nodeCidr if your LAN is larger than a /24`,
      ],
    ],
    [
      'IPv6 nodeCidr still bounds IPv6 VIPs',
      'traefik:\n  loadBalancerIPs: [192.168.0.41, "fd01::41"]\nk3s:\n  nodeCidr: "fd00::/64"\n' + DUAL_STACK_K3S,
      [
        `${FILE}:2:35: traefik.loadBalancerIPs[1]: "fd01::41" is outside k3s.nodeCidr fd00::/64: kube-vip announces VIPs by ARP/NDP on the nodes' LAN, so pick a free address inside it (a typo for fd00::41?)`,
      ],
    ],
    [
      'IPv4 nodeCidr puts no guess on IPv6 VIPs',
      'traefik:\n  loadBalancerIPs: [192.168.0.41, "fd00::ff"]\nk3s:\n  nodeCidr: 192.168.0.0/24\n' + DUAL_STACK_K3S,
      [],
    ],
    ['IPv4 nodeCidr replaces the /24 guess', 'traefik:\n  loadBalancerIPs: [192.168.0.255]\nk3s:\n  nodeCidr: 192.168.0.0/23\n', []],
  ])('%s', (_, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });
});

describe('warnings where the cluster would surprise', () => {
  const cp = (address: string) => `kubeVip:\n  controlPlane:\n    address: ${address}\n`;
  const otherLan = `${FILE}:5:21: traefik.loadBalancerIPs[0]: "192.168.1.41" is in another /24 than the control-plane VIP 192.168.0.40; without k3s.nodeCidr this tool assumes a /24 LAN and cannot check that both are on the nodes' LAN: set k3s.nodeCidr to the LAN's block (both lie in 192.168.0.0/23)`;
  const tls = (traefik: string) =>
    `${TRAEFIK}${traefik}  externalCertResolvers: [le]\ningresses:\n  - {name: a, host: a.example.com, path: /app, service: s, port: 80, tls: {certResolver: le}}\n`;
  test.each<[string, string, string[]]>([
    [
      'Traefik VIP in another /24 than the control-plane VIP, no nodeCidr',
      `${cp('192.168.0.40')}traefik:\n  loadBalancerIPs: [192.168.1.41]\n`,
      [otherLan],
    ],
    [
      '... and an IPv6 nodeCidr says nothing about IPv4',
      `${cp('192.168.0.40')}traefik:\n  loadBalancerIPs: [192.168.1.41]\nk3s:\n  nodeCidr: "fd00::/64"\n`,
      [otherLan],
    ],
    [
      'VIPs far apart: no block to suggest',
      `${cp('10.0.0.40')}traefik:\n  loadBalancerIPs: [192.168.1.41]\n`,
      [
        `${FILE}:5:21: traefik.loadBalancerIPs[0]: "192.168.1.41" is in another /24 than the control-plane VIP 10.0.0.40; without k3s.nodeCidr this tool assumes a /24 LAN and cannot check that both are on the nodes' LAN: set k3s.nodeCidr to the LAN's block`,
      ],
    ],
    ['same /24: no warning', `${cp('192.168.0.40')}${TRAEFIK}`, []],
    [
      'an IPv4 nodeCidr decides instead',
      `${cp('192.168.0.40')}traefik:\n  loadBalancerIPs: [192.168.1.41]\nk3s:\n  nodeCidr: 192.168.0.0/23\n`,
      [],
    ],
    [
      'BGP mode routes VIPs, no LAN to guess',
      `${bgp('[{address: 192.168.0.1, as: 65000}]')}traefik:\n  loadBalancerIPs: [192.168.1.41]\n`,
      [],
    ],
    [
      'TLS Ingress without the HTTP redirect',
      tls(''),
      [
        `${FILE}:5:75: ingresses[0].tls: serves "a.example.com" on HTTPS only while traefik.redirectToHttps is false, so http://a.example.com/app answers 404: set traefik.redirectToHttps: true`,
      ],
    ],
    ['TLS Ingress with the redirect: no warning', tls('  redirectToHttps: true\n'), []],
    [
      // Only router.tls.certresolver makes a TLS router; a cert-manager Ingress is also served on http:// (no 404).
      'cert-manager TLS Ingress without the redirect: no warning',
      `${TRAEFIK}certManager:\n  issuers:\n    le: {email: ops@example.com, server: production, solver: http01}\n` +
        'ingresses:\n  - {name: a, host: a.example.com, service: s, port: 80, tls: {issuer: le}}\n',
      [],
    ],
    ['plain HTTP Ingress: no warning', `${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, service: s, port: 80}\n`, []],
  ])('%s', (_, text, expected) => {
    expect(errorsOf(text)).toEqual([]);
    expect(warningsOf(text)).toEqual(expected);
  });
});

describe('cluster README: every value is escaped for its Markdown table cell and Mermaid label', () => {
  const readme = (path: string) => {
    const config = parseConfigText(
      FILE,
      `${TRAEFIK}  redirectToHttps: true\n  externalCertResolvers: [le]\n` +
        'ingresses:\n  - {name: a, host: a.example.com, service: s, port: 80, tls: {certResolver: le}}\n',
    ).config!;
    return clusterReadme({ name: 't', source: FILE, manifests: [], config: { ...config, ingresses: [{ ...config.ingresses[0], path }] } });
  };
  const routeRow = (text: string) => text.split('\n').find((line) => line.startsWith('| `a.example.com`'))!;
  const edge = (text: string) => text.split('\n').find((line) => line.startsWith('  traefik -->|'))!;
  /** Cells of a table row, split at pipes that are not backslash-escaped. */
  const cells = (row: string) => row.slice(2, -2).split(/ (?<!\\)\| /);

  test('a path the validator accepts, full of Markdown punctuation, stays in its cell and label', () => {
    const path = "/*a*_b_~c~!d$e&f'g(h)i+j,k;l=m:n@o%7C";
    expect(format.ingressPath(path)).toBeUndefined();
    const text = readme(path);
    expect(cells(routeRow(text))).toEqual(['`a.example.com`', `\`${path}\``, 'default/s:80', 'cert resolver `le`', 'default/a']);
    expect(edge(text)).toBe('  traefik -->|"a.example.com/*a*_b_~c~!d$e#38;f\'g(h)i+j,k;l=m:n@o%7C (HTTPS)"| ing0["Ingress default/a"]');
  });

  test('characters the validator refuses are escaped anyway', () => {
    const text = readme('/a|b`c]d"e<f>g#h\ni');
    expect(cells(routeRow(text))).toEqual([
      '`a.example.com`',
      '``/a\\|b`c]d"e<f>g#h i``',
      'default/s:80',
      'cert resolver `le`',
      'default/a',
    ]);
    expect(edge(text)).toBe('  traefik -->|"a.example.com/a#124;b#96;c#93;d#34;e#60;f#62;g#35;h i (HTTPS)"| ing0["Ingress default/a"]');
  });

  test('a value with backticks at its ends gets a padded, longer fence', () => {
    expect(cells(routeRow(readme('`/x``')))[1]).toBe('``` `/x`` ```');
  });
});
