import { Document, isMap, isPair, isScalar, isSeq, Node } from 'yaml';
import { FormatCheck, oddSpellingProblem } from './formats';
import type { Cidrs, Problem } from './rules';
import type { ClusterConfig } from './schema';
import { etcdQuorum, k3sInventory, K3sNode } from '../k3s/inventory';
import { parseK3sVersion } from '../k3s/bundled-traefik';
import { cidrContains, IpAddress, IpSpan, ipv4EdgeAddress, parseCidr, parseIp, reservedUse, spanContains } from '../net/ip';
import { typoHint } from '../net/ip-typo';

type Path = Problem['path'];
type Report = (path: Path, message: string) => void;

/** `v1.33.5+k3s1`, as K3s tags its releases (github.com/k3s-io/k3s/releases). */
export const k3sVersion: FormatCheck = (value) =>
  parseK3sVersion(value) ? undefined : `${JSON.stringify(value)} is not a K3s release: expected a tag such as "v1.33.5+k3s1"`;

/** Files and folders of K3s the runbook writes or K3s reads as config or manifests: never the token file. */
const K3S_OWN_PATHS: ReadonlyArray<{ path: string; folder: boolean; why: string }> = [
  { path: '/etc/rancher/k3s/config.yaml', folder: false, why: "is the node's K3s config file, which the runbook writes" },
  { path: '/etc/rancher/k3s/config.yaml.d', folder: true, why: "lies in K3s' config drop-in folder, whose files K3s reads as config" },
  {
    path: '/var/lib/rancher/k3s/server/manifests',
    folder: true,
    why: "lies in K3s' manifests folder, whose files K3s applies to the cluster",
  },
  { path: '/var/lib/rancher/k3s/server/token', folder: false, why: "is K3s' own token file, which K3s writes itself" },
];

/**
 * An absolute path the runbook writes the token to (quoted). The value is never echoed: it may be a
 * pasted token; the messages name the rule instead.
 */
export const tokenFilePath: FormatCheck = (value) => {
  const example = 'e.g. "/etc/rancher/k3s/cluster-token"';
  if (!value.startsWith('/')) return `is not an absolute path: name the file that holds the token on every node, ${example}`;
  if (!/^[A-Za-z0-9._/-]+$/.test(value) || value.split('/').some((part) => part === '..')) {
    return `may hold only letters, digits, ".", "_", "-" and "/" (no ".." parts): ${example}`;
  }
  if (value.endsWith('/')) return `ends with "/", so it names a folder: name the file that holds the token, ${example}`;
  // `/etc//rancher/./k3s` is `/etc/rancher/k3s` to the kernel.
  const normal = `/${value
    .split('/')
    .filter((part) => part && part !== '.')
    .join('/')}`;
  const own = K3S_OWN_PATHS.find(({ path, folder }) => normal === path || (folder && normal.startsWith(`${path}/`)));
  return own && `${own.why} (${own.path}${own.folder ? '/' : ''}): the runbook writes the token there; name a file of its own, ${example}`;
};

/** A node's own address (K3s node-ip): one unicast address, in its one spelling. */
export const nodeAddress: FormatCheck = (value) => {
  const odd = oddSpellingProblem(value, value);
  if (odd) return odd;
  const ip = parseIp(value);
  if (!ip) {
    const bare = value.split('/')[0];
    return parseCidr(value)
      ? `${JSON.stringify(value)} has a prefix length: write the node's address alone, "${bare}"`
      : `${JSON.stringify(value)} is not an IP address: expected the node's own address, e.g. "192.168.0.11"`;
  }
  const reserved = reservedUse(ip);
  return reserved ? `${JSON.stringify(value)} is ${reserved}; a node address is its unicast address on the LAN` : undefined;
};

/** A literal token (key or value), found before the schema runs: `offset` locates a match in the text. */
export type TokenProblem = Problem & { readonly offset?: number; readonly unknownKey?: string };

const TOKEN_KEY = /^(k3s[_-]?)?(agent[_-]?)?token$/i;
/** K3s' secure token `K10<sha256 of the CA>::<user>:<password>` (docs.k3s.io/cli/token). */
const SECURE_TOKEN = /K10[0-9a-f]{64}::/gi;
const NEVER_IN_REPO = 'a K3s token must never enter the repository: keep it in a file on every node and name that file in k3s.tokenFile';

/** Under traefik.values a `token` is the chart's (e.g. Traefik Hub's), not K3s': the rule is the same, the reason another. */
function tokenKeyMessage(path: Path): string {
  return path[0] === 'traefik' && path[1] === 'values'
    ? 'is a literal token: dist/ is committed to Git, so no secret may be written there: put it in a Secret and give the chart its name'
    : `is a literal token; ${NEVER_IN_REPO}`;
}

/** `token:` keys at any depth, and text shaped like a K3s token anywhere (comments too). Nothing is echoed. */
export function literalTokens(doc: Document, text: string): TokenProblem[] {
  const problems: TokenProblem[] = [];
  const reported = new Set<number>();
  const visit = (node: unknown, path: Path) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (TOKEN_KEY.test(key)) {
          problems.push({ path: [...path, key], unknownKey: key, message: tokenKeyMessage(path) });
          const range = (pair.value as Node | null)?.range;
          if (range) for (let i = range[0]; i < range[1]; i++) reported.add(i);
        } else visit(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => visit(item, [...path, i]));
  };
  visit(doc.contents, []);
  for (const match of text.matchAll(SECURE_TOKEN)) {
    if (reported.has(match.index)) continue;
    problems.push({ path: [], offset: match.index, message: `holds a K3s token (K10…::…); ${NEVER_IN_REPO}` });
  }
  return problems;
}

/** The same rule on plain data, for props given in code: `token` keys at any depth and token-shaped strings. */
export function literalTokensInData(data: unknown, path: Path = []): Array<{ path: Path; message: string }> {
  if (typeof data === 'string') {
    return new RegExp(SECURE_TOKEN.source, 'i').test(data) ? [{ path, message: `holds a K3s token (K10…::…); ${NEVER_IN_REPO}` }] : [];
  }
  if (Array.isArray(data)) return data.flatMap((item, i) => literalTokensInData(item, [...path, i]));
  if (!data || typeof data !== 'object') return [];
  return Object.entries(data).flatMap(([key, value]) =>
    TOKEN_KEY.test(key) ? [{ path: [...path, key], message: tokenKeyMessage(path) }] : literalTokensInData(value, [...path, key]),
  );
}

type PoolSpan = IpSpan & { readonly text: string; readonly path: Path };

interface LocatedVip {
  readonly path: Path;
  readonly ip: IpAddress;
}

/**
 * Checks of `k3s.servers` / `k3s.agents` against each other, the VIPs (`vips`: every fixed VIP,
 * `pools`: every pool block) and K3s' networks: etcd quorum, unique nodes, node addresses on the LAN,
 * one IP family, no VIP on a node, one LAN, one interface.
 */
export function checkInventory(
  config: ClusterConfig,
  vips: readonly LocatedVip[],
  pools: readonly PoolSpan[],
  cidrs: Cidrs,
  error: Report,
  warn: Report,
): void {
  if (!config.k3s.servers && config.k3s.agents) {
    error(
      ['k3s', 'agents'],
      'are listed without k3s.servers: agents join through a server, so list the servers ' + '(the first one initialises the cluster)',
    );
  }
  const inventory = k3sInventory(config);
  if (!inventory) return;
  checkServerCount(inventory.servers.length, inventory.controlPlaneAddress, error, warn);
  const nodes = inventory.nodes.map((node) => ({ node, ip: parseIp(node.address)! }));
  checkUniqueNodes(nodes, error);
  checkNodePlacement(nodes, cidrs, error);
  checkFamilies(config, nodes, error, warn);
  for (const vip of vips) {
    const owner = nodes.find(({ ip }) => sameAddress(ip, vip.ip));
    if (owner) {
      error(
        vip.path,
        `"${vip.ip.text}" is the address of node ${owner.node.name} (${where(owner.node)}): the node and kube-vip would both ` +
          'answer ARP for it; pick a free address',
      );
    }
  }
  for (const span of pools) {
    const owner = nodes.find(({ ip }) => spanContains(span, ip));
    if (owner) {
      error(
        span.path,
        `${span.text} contains ${owner.ip.text}, the address of node ${owner.node.name} (${where(owner.node)}): ` +
          'kube-vip-cloud-provider could hand it to a Service; keep node addresses out of the pools',
      );
    }
  }
  if (config.kubeVip.mode === 'arp')
    checkOneLan(
      config,
      nodes.filter(({ node }) => node.role === 'server'),
      vips,
      pools,
      error,
      warn,
    );
  checkInterfaces(config, inventory.servers, error, warn);
}

/** A node address is a host address on the LAN: the rules a VIP follows there (checkVipPlacement in rules.ts). */
function checkNodePlacement(nodes: readonly AddressedNode[], cidrs: Cidrs, error: Report) {
  for (const { node, ip } of nodes) {
    const path = [...node.path, 'address'];
    const inside = cidrs.internal.find((c) => cidrContains(c.cidr, ip));
    if (inside) {
      error(
        path,
        `"${ip.text}" lies inside ${inside.what} ${inside.cidr.text}, which K3s routes into the cluster on every node: ` +
          `give the node's LAN address, or set k3s.${inside.key} to a block the LAN does not use`,
      );
    }
    const edge = cidrs.node && ipv4EdgeAddress(cidrs.node.cidr, ip);
    if (edge) error(path, `"${ip.text}" is the ${edge} address of k3s.nodeCidr ${cidrs.node!.cidr.text}: give the node's host address`);
  }
}

/**
 * K3s takes the family of its networks from node-ip: an IPv6-only node with the (IPv4) default
 * cluster-cidr does not start (docs.k3s.io/networking/basic-network-options#single-stack-ipv6-networking).
 */
function checkFamilies(config: ClusterConfig, nodes: readonly AddressedNode[], error: Report, warn: Report) {
  const families = new Set(nodes.map(({ ip }) => ip.family));
  if (families.size > 1) {
    const list = nodes.map(({ node, ip }) => `${node.name} IPv${ip.family}`).join(', ');
    warn(
      ['k3s'],
      `the nodes mix IPv4 and IPv6 addresses (${list}); K3s' networks are of one family here (dual-stack is not ` +
        'supported by this tool): give every node an address of the family of k3s.clusterCidr and k3s.serviceCidr',
    );
    return;
  }
  const [family] = families;
  const examples = {
    4: { clusterCidr: '10.42.0.0/16', serviceCidr: '10.43.0.0/16' },
    6: { clusterCidr: 'fd00:42::/56', serviceCidr: 'fd00:43::/112' },
  };
  for (const key of ['clusterCidr', 'serviceCidr'] as const) {
    const cidr = parseCidr(config.k3s[key] ?? '');
    if (!cidr || cidr.family === family) continue;
    error(
      ['k3s', key],
      `${cidr.text} is IPv${cidr.family}, but every node address is IPv${family}: K3s refuses to start with a ` +
        `${key === 'clusterCidr' ? 'cluster-cidr' : 'service-cidr'} of another family than node-ip (${key} defaults to IPv4); ` +
        `set k3s.${key} to an IPv${family} block, e.g. "${examples[family][key]}"`,
    );
  }
}

function checkServerCount(count: number, controlPlaneAddress: string | undefined, error: Report, warn: Report) {
  const path = ['k3s', 'servers'];
  if (count === 2) {
    error(
      path,
      'has 2 servers: embedded etcd needs 2 of 2 for quorum, so losing either server stops the cluster (2 fail twice as ' +
        'often as 1): use 3 servers, or 1',
    );
  } else if (count > 2 && count % 2 === 0) {
    warn(
      path,
      `has ${count} servers: etcd's quorum is ${etcdQuorum(count)}, so they survive ${count - etcdQuorum(count)} failure(s), ` +
        `as ${count - 1} servers would: use an odd number`,
    );
  } else if (count === 1 && controlPlaneAddress) {
    warn(
      path,
      `has 1 server: the control-plane VIP ${controlPlaneAddress} has no other node to move to, so there is no failover; ` +
        'use 3 servers for HA',
    );
  }
}

type AddressedNode = { node: K3sNode; ip: IpAddress };

function checkUniqueNodes(nodes: readonly AddressedNode[], error: Report) {
  nodes.forEach(({ node, ip }, i) => {
    const sameName = nodes.slice(0, i).find((other) => other.node.name === node.name);
    if (sameName) {
      error([...node.path, 'name'], `"${node.name}" is already the name of ${where(sameName.node, false)}: node names must be unique`);
    }
    const sameIp = nodes.slice(0, i).find((other) => sameAddress(other.ip, ip));
    if (sameIp) {
      error(
        [...node.path, 'address'],
        `"${ip.text}" is already the address of ${sameIp.node.name} (${where(sameIp.node)}): ` + 'each node has its own',
      );
    }
  });
}

/**
 * ARP answers only reach the LAN, so every VIP must share a subnet with all servers: k3s.nodeCidr,
 * or without it the /24 (IPv4) or /64 (IPv6) of the first server. A VIP of a family no server has
 * cannot be placed on their LAN: a warning.
 */
function checkOneLan(
  config: ClusterConfig,
  servers: readonly AddressedNode[],
  vips: readonly LocatedVip[],
  pools: readonly PoolSpan[],
  error: Report,
  warn: Report,
) {
  const given = config.k3s.nodeCidr ? parseCidr(config.k3s.nodeCidr) : undefined;
  for (const family of [4, 6] as const) {
    const members = servers.filter(({ ip }) => ip.family === family);
    if (!members.length) {
      const unplaced = (text: string) =>
        `${text} is IPv${family}, but no server has an IPv${family} address in k3s.servers, so this tool cannot check that ` +
        `kube-vip can announce it on the servers' LAN: give the servers their IPv${family} addresses, or use a VIP of their family`;
      for (const vip of vips.filter((v) => v.ip.family === family)) warn(vip.path, unplaced(`"${vip.ip.text}"`));
      for (const span of pools.filter((p) => p.family === family)) warn(span.path, unplaced(span.text));
      continue;
    }
    if (given?.family === family) {
      for (const { node, ip } of members.filter((m) => !cidrContains(given, m.ip))) {
        error(
          [...node.path, 'address'],
          `"${ip.text}" is outside k3s.nodeCidr ${given.text}: every server must be on the LAN where ` +
            'the VIPs are announced, or the VIP cannot move to it',
        );
      }
      continue; // The VIPs are checked against nodeCidr with the other VIP rules.
    }
    const first = members[0];
    const lan = parseCidr(`${first.ip.text}/${family === 4 ? 24 : 64}`)!;
    const fix =
      `without k3s.nodeCidr only the servers' ${family === 4 ? '/24' : '/64'} ${lan.text} is known to be one LAN: ` +
      'set k3s.nodeCidr to the LAN holding all servers and VIPs';
    for (const { node, ip } of members.filter((m) => !cidrContains(lan, m.ip))) {
      error([...node.path, 'address'], `"${ip.text}" is not in ${lan.text} of ${first.node.name}; ${fix}`);
    }
    for (const vip of vips.filter((v) => v.ip.family === family && !cidrContains(lan, v.ip))) {
      error(
        vip.path,
        `"${vip.ip.text}" is not in the servers' ${lan.text}, and ARP reaches only their LAN${typoHint(vip.ip, lan)}; ${fix}`,
      );
    }
    for (const span of pools.filter((p) => p.family === family && !(p.first >= lan.first && p.last <= lan.last))) {
      error(span.path, `${span.text} is not inside the servers' ${lan.text}, and ARP reaches only their LAN; ${fix}`);
    }
  }
}

function checkInterfaces(config: ClusterConfig, servers: readonly K3sNode[], error: Report, warn: Report) {
  const shared = config.kubeVip.interface;
  const named = servers.filter((s) => s.interface);
  if (shared) {
    for (const server of named.filter((s) => s.interface !== shared)) {
      error(
        [...server.path, 'interface'],
        `"${server.interface}" contradicts kubeVip.interface "${shared}", which kube-vip uses on every ` +
          'server and would exit with "Link not found" here: remove kubeVip.interface (kube-vip then takes each node\'s default-route NIC) ' +
          'or fix the name',
      );
    }
  } else if (named.length && named.length < servers.length && new Set(named.map((s) => s.interface)).size === 1) {
    const unnamed = servers.filter((s) => !s.interface).map((s) => s.name);
    warn(
      ['k3s', 'servers'],
      `name interface ${named[0].interface} on ${named.map((s) => s.name).join(', ')} but none on ${unnamed.join(', ')}; one ` +
        "DaemonSet carries one value, so vip_interface stays unset and kube-vip uses each node's default-route NIC: name it on " +
        'every server, or set kubeVip.interface',
    );
  } else if (new Set(named.map((s) => s.interface)).size > 1) {
    const list = named.map((s) => `${s.interface} on ${s.name}`).join(', ');
    warn(
      ['k3s', 'servers'],
      `name different interfaces (${list}); one DaemonSet cannot give each node its own, so vip_interface stays ` +
        "unset and kube-vip uses each node's default-route NIC: make sure it is the NIC on the VIPs' LAN",
    );
  }
}

function sameAddress(a: IpAddress, b: IpAddress): boolean {
  return a.family === b.family && a.value === b.value;
}

/** `k3s.servers[1].address`: where a node is written. */
function where(node: K3sNode, withAddress = true): string {
  const path = node.path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
  return withAddress ? `${path}.address` : path;
}
