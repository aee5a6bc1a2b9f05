import { Document, isMap, isPair, isScalar, isSeq, Node } from 'yaml';
import type { FormatCheck } from './formats';
import type { Problem } from './rules';
import type { ClusterConfig } from './schema';
import { etcdQuorum, k3sInventory, K3sNode } from '../k3s/inventory';
import { parseK3sVersion } from '../k3s/bundled-traefik';
import { cidrContains, IpAddress, IpSpan, parseCidr, parseIp, reservedUse, spanContains } from '../net/ip';

type Path = Problem['path'];
type Report = (path: Path, message: string) => void;

/** `v1.33.5+k3s1`, as K3s tags its releases (github.com/k3s-io/k3s/releases). */
export const k3sVersion: FormatCheck = (value) =>
  parseK3sVersion(value) ? undefined : `${JSON.stringify(value)} is not a K3s release: expected a tag such as "v1.33.5+k3s1"`;

/** An absolute path the runbook can put into shell commands unquoted. The value is never echoed: it may be a pasted token. */
export const tokenFilePath: FormatCheck = (value) => {
  if (!value.startsWith('/')) {
    return 'is not an absolute path: name the file that holds the token on every node, e.g. "/etc/rancher/k3s/cluster-token"';
  }
  if (!/^[A-Za-z0-9._/-]+$/.test(value) || value.split('/').some((part) => part === '..')) {
    return 'may hold only letters, digits, ".", "_", "-" and "/" (no ".." parts): e.g. "/etc/rancher/k3s/cluster-token"';
  }
  return undefined;
};

/** A node's own address (K3s node-ip): one unicast address. */
export const nodeAddress: FormatCheck = (value) => {
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
          problems.push({ path: [...path, key], unknownKey: key, message: `is a literal token; ${NEVER_IN_REPO}` });
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
    TOKEN_KEY.test(key)
      ? [{ path: [...path, key], message: `is a literal token; ${NEVER_IN_REPO}` }]
      : literalTokensInData(value, [...path, key]),
  );
}

type PoolSpan = IpSpan & { readonly text: string; readonly path: Path };

interface LocatedVip {
  readonly path: Path;
  readonly ip: IpAddress;
}

/**
 * Checks of `k3s.servers` / `k3s.agents` against each other and the VIPs (`vips`: every fixed VIP,
 * `pools`: every pool block): etcd quorum, unique nodes, no VIP on a node, one LAN, one interface.
 */
export function checkInventory(
  config: ClusterConfig,
  vips: readonly LocatedVip[],
  pools: readonly PoolSpan[],
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
    );
  checkInterfaces(config, inventory.servers, error, warn);
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
 * or without it the /24 (IPv4) or /64 (IPv6) of the first server. A VIP of a family no server has is
 * not checked here (k3s.nodeCidr holds one family).
 */
function checkOneLan(
  config: ClusterConfig,
  servers: readonly AddressedNode[],
  vips: readonly LocatedVip[],
  pools: readonly PoolSpan[],
  error: Report,
) {
  const given = config.k3s.nodeCidr ? parseCidr(config.k3s.nodeCidr) : undefined;
  for (const family of [4, 6] as const) {
    const members = servers.filter(({ ip }) => ip.family === family);
    if (!members.length) continue;
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
      error(vip.path, `"${vip.ip.text}" is not in the servers' ${lan.text}, and ARP reaches only their LAN; ${fix}`);
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
