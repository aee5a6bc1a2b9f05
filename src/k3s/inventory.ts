import type { ClusterConfig } from '../config/schema';
import { urlHost } from '../net/ip';

/**
 * What is known about the cluster's nodes (from the inventory, when the config has one).
 * Without it the checks that need node counts are skipped.
 */
export interface NodeInventory {
  /** K3s servers (etcd members). */
  readonly servers: number;
  /** Nodes Traefik can run on (servers and agents without a taint that keeps it off). */
  readonly traefikNodes: number;
}

/** Where the runbook creates the shared token when the config names no `k3s.tokenFile`. */
const DEFAULT_TOKEN_FILE = '/etc/rancher/k3s/cluster-token';

/** One node of the cluster, in bootstrap order. */
export interface K3sNode {
  readonly name: string;
  /** The node's primary address (the first of `addresses`): ssh, scp and the first server's join URL use it. */
  readonly address: string;
  /** Every address of the node (K3s `node-ip`), one per IP family, the primary first. */
  readonly addresses: readonly string[];
  readonly role: 'server' | 'agent';
  /** The first server: starts with `cluster-init` and brings up the control-plane VIP. */
  readonly initialises: boolean;
  /** This node's NIC for the VIPs (servers only). */
  readonly interface?: string;
  /** `k3s.servers[0]`: where the node is written in the config. */
  readonly path: ReadonlyArray<string | number>;
}

/** The cluster's nodes and how they find each other; undefined without `k3s.servers`. */
export interface K3sInventory {
  readonly nodes: readonly K3sNode[];
  readonly servers: readonly K3sNode[];
  readonly agents: readonly K3sNode[];
  /**
   * Where joining nodes register, `https://<VIP>:6443`: the control-plane VIP, else the first
   * server (registration uses it once; afterwards agents balance over all servers themselves).
   */
  readonly joinUrl: string;
  /** What `joinUrl` points at, for people: "the control-plane VIP 192.168.0.40" or "k3s-1". */
  readonly joinTarget: string;
  readonly controlPlaneAddress?: string;
  readonly tokenFile: string;
  readonly version?: string;
}

export function k3sInventory(config: ClusterConfig): K3sInventory | undefined {
  const { servers = [], agents = [] } = config.k3s;
  if (!servers.length) return undefined;
  const serverNodes = servers.map((s, i): K3sNode => ({
    name: s.name,
    ...addressesOf(s.address),
    role: 'server',
    initialises: i === 0,
    interface: s.interface,
    path: ['k3s', 'servers', i],
  }));
  const agentNodes = agents.map((a, i): K3sNode => ({
    name: a.name,
    ...addressesOf(a.address),
    role: 'agent',
    initialises: false,
    path: ['k3s', 'agents', i],
  }));
  const controlPlaneAddress = config.kubeVip.controlPlane?.address;
  const joinHost = controlPlaneAddress ?? serverNodes[0].address;
  return {
    nodes: [...serverNodes, ...agentNodes],
    servers: serverNodes,
    agents: agentNodes,
    joinUrl: `https://${urlHost(joinHost)}:6443`,
    joinTarget: controlPlaneAddress ? `the control-plane VIP ${controlPlaneAddress}` : `${servers[0].name} (no control-plane VIP)`,
    controlPlaneAddress,
    tokenFile: config.k3s.tokenFile ?? DEFAULT_TOKEN_FILE,
    version: config.k3s.version,
  };
}

/** `k3s.servers[].address` as K3s' node-ip reads it: comma-separated, one per IP family, the primary first. */
function addressesOf(text: string): { address: string; addresses: string[] } {
  const addresses = text.split(',');
  return { address: addresses[0], addresses };
}

/**
 * kube-vip's `vip_interface`: `kubeVip.interface`, else the one NIC every server names. A DaemonSet
 * carries one value for all nodes, so servers naming different NICs leave it unset (kube-vip then
 * takes each node's default-route NIC).
 */
export function vipInterface(config: ClusterConfig): string | undefined {
  if (config.kubeVip.interface) return config.kubeVip.interface;
  const servers = config.k3s.servers ?? [];
  const named = new Set(servers.map((s) => s.interface));
  return servers.length && named.size === 1 ? [...named][0] : undefined;
}

/**
 * The node counts the HA checks and the failure table need; undefined without `k3s.servers`.
 * Traefik can run on every node: K3s taints no server by default.
 */
export function nodeInventory(config: ClusterConfig): NodeInventory | undefined {
  const { servers = [], agents = [] } = config.k3s;
  return servers.length ? { servers: servers.length, traefikNodes: servers.length + agents.length } : undefined;
}

/** etcd's quorum for `servers` members: more than half (docs.k3s.io/datastore/ha-embedded). */
export function etcdQuorum(servers: number): number {
  return Math.floor(servers / 2) + 1;
}
