import { formatPath, Path, Report } from '../core/problem';
import type { ClusterConfig } from '../config/schema';
import type { LocatedIp } from '../load-balancer/deployed';
import { cidrContains, IpAddress, IpSpan, ipv4EdgeAddress, parseCidr, parseIp, spanContains } from '../net/ip';
import { typoHint } from '../net/ip-typo';
import { etcdQuorum, k3sInventory, K3sNode } from './inventory';
import type { Cidrs } from './networks';

type PoolSpan = IpSpan & { readonly text: string; readonly path: Path };

/**
 * Checks of `k3s.servers` / `k3s.agents` against each other, the VIPs (`vips`: every fixed VIP,
 * `pools`: every pool block) and K3s' networks: etcd quorum, unique nodes, node addresses on the LAN,
 * one IP family, no VIP on a node, one LAN, one interface.
 */
export function checkInventory(
  config: ClusterConfig,
  vips: readonly LocatedIp[],
  pools: readonly PoolSpan[],
  cidrs: Cidrs,
  error: Report,
  warn: Report,
  /** VIPs kube-vip binds to another NIC than the servers' (load-balancer/rules.ts onOtherNic): not held to their LAN. */
  otherNic: ReadonlySet<LocatedIp> = new Set(),
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
  // One entry per address: a dual-stack node takes part in every check once per family.
  const nodes = inventory.nodes.flatMap((node) => node.addresses.map((address) => ({ node, ip: parseIp(address)! })));
  checkUniqueNodes(nodes, error);
  checkNodePlacement(nodes, cidrs, error);
  for (const vip of vips) {
    const owner = nodes.find(({ ip }) => sameAddress(ip, vip.ip));
    if (owner) {
      error(
        vip.path,
        `"${vip.ip.text}" is the address of node ${owner.node.name} (${where(owner.node)}): the node and kube-vip would both ` +
          'answer ARP for it; pick a free address',
        vip,
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
      vips.filter((vip) => !otherNic.has(vip)),
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
    const earlier = nodes.slice(0, i);
    // A dual-stack node has one entry per address: its name is judged at its first.
    const sameName = earlier.some((other) => other.node === node) ? undefined : earlier.find((other) => other.node.name === node.name);
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
  vips: readonly LocatedIp[],
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
  // 82a-11: a Traefik Service's kube-vip.io/serviceInterface is not held to the servers' `interface`: the annotation exists
  // to put a Service VIP on another NIC or VLAN than the one the node address and control-plane VIP use (kube-vip docs,
  // "Services on a separate interface"), and a server's `interface` says nothing of the NICs it has besides.
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
  const path = formatPath(node.path);
  return withAddress ? `${path}.address` : path;
}
