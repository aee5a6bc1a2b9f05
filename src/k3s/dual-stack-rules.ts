import type { ClusterConfig } from '../config/schema';
import { IpCidr, parseIp } from '../net/ip';
import { k3sInventory } from './inventory';
import { describeFamilies, familiesOf, networkBlocks, nodeIps } from './networks';

type Report = (path: ReadonlyArray<string | number>, message: string) => void;

/** Example blocks per family, K3s' defaults (k3s-io/k3s `pkg/cli/server/server.go`: 10.42.0.0/16 or fd00:42::/56, ...). */
const EXAMPLE_BLOCKS = {
  clusterCidr: { 4: '10.42.0.0/16', 6: 'fd00:42::/56' },
  serviceCidr: { 4: '10.43.0.0/16', 6: 'fd00:43::/112' },
} as const;

type NetworkKey = keyof typeof EXAMPLE_BLOCKS;

/**
 * Dual-stack as K3s and the API server take it: the Service network lists the same families as the pod network,
 * in the same order (k3s-io/k3s `pkg/agent/run.go`: "cluster-cidr ... and service-cidr ..., must share the same IP
 * version (IPv4, IPv6 or dual-stack)", PR #5492); a Service with VIPs of both families (`ipFamilyPolicy:
 * RequireDualStack`) needs a dual-stack Service network, or the API server rejects it; every node's node-ip holds
 * each family of the pod network (same file: "cluster-cidr ... and node-ip ..., must share the same IP version"),
 * its primary family first (k3s-io/docs `docs/networking/basic-network-options.md`, dual-stack known issue).
 */
export function checkDualStack(config: ClusterConfig, error: Report, warn: Report): void {
  const cluster = networkBlocks(config.k3s.clusterCidr);
  const service = networkBlocks(config.k3s.serviceCidr);
  if (!cluster.length || !service.length) return;
  const clusterFamilies = familiesOf(cluster);
  const serviceFamilies = familiesOf(service);
  if (clusterFamilies.join() !== serviceFamilies.join()) {
    error(
      ['k3s', 'serviceCidr'],
      `"${config.k3s.serviceCidr}" is ${describeFamilies(serviceFamilies)}, but k3s.clusterCidr "${config.k3s.clusterCidr}" is ` +
        `${describeFamilies(clusterFamilies)}: K3s refuses to start unless both list the same IP families in the same order ` +
        `(cluster-cidr and service-cidr "must share the same IP version"): e.g. "${suggest('serviceCidr', service, clusterFamilies)}"`,
    );
  }
  checkDualStackVips(config, error);
  checkNodeFamilies(config, cluster, service, error, warn);
}

/** `blocks` with one block for each of `families`, in that order: the given ones kept, an example for the others. */
function suggest(key: NetworkKey, blocks: readonly IpCidr[], families: ReadonlyArray<4 | 6>): string {
  return families.map((family) => blocks.find((b) => b.family === family)?.text ?? EXAMPLE_BLOCKS[key][family]).join(',');
}

/** Both networks as dual-stack, keeping the given blocks: the fix a message names. */
function dualStackFix(cluster: readonly IpCidr[], service: readonly IpCidr[]): string {
  const families = [...familiesOf(cluster), ...([4, 6] as const).filter((f) => !cluster.some((b) => b.family === f))];
  return `k3s.clusterCidr "${suggest('clusterCidr', cluster, families)}" and k3s.serviceCidr "${suggest('serviceCidr', service, families)}"`;
}

/** A Service with VIPs of both families asks for both (RequireDualStack): only a dual-stack Service network has them. */
function checkDualStackVips(config: ClusterConfig, error: Report) {
  const services = [
    { path: ['traefik', 'loadBalancerIPs'], ips: config.traefik.loadBalancerIPs ?? [] },
    ...config.loadBalancers.map((lb, i) => ({ path: ['loadBalancers', i, 'ips'], ips: lb.ips ?? [] })),
  ];
  for (const { path, ips } of services) {
    const problem = dualStackVipsProblem(ips, config.k3s.clusterCidr, config.k3s.serviceCidr);
    if (problem) error(path, problem);
  }
}

/**
 * The dual-stack rule on one Service's VIPs (a config's, or a construct's with its `networks`: 61b-1): VIPs of both
 * families on a single-stack Service network, which the API server rejects; undefined when the VIPs may stand.
 */
export function dualStackVipsProblem(ips: readonly string[], clusterCidr: string, serviceCidr: string): string | undefined {
  const service = networkBlocks(serviceCidr);
  if (service.length !== 1) return undefined;
  const families = new Set(ips.map((ip) => parseIp(ip)?.family));
  if (!(families.has(4) && families.has(6))) return undefined;
  const cluster = networkBlocks(clusterCidr);
  return (
    `has an IPv4 and an IPv6 VIP, so the Service requires both families (ipFamilyPolicy: RequireDualStack), but ` +
    `k3s.serviceCidr "${serviceCidr}" is ${describeFamilies(familiesOf(service))} only and the API server ` +
    `rejects such a Service: make the cluster dual-stack with ${dualStackFix(cluster, service)} (if it already is, ` +
    'write its own networks there), or keep one VIP'
  );
}

/** Each node's node-ip against the pod network's families (only with k3s.servers). */
function checkNodeFamilies(config: ClusterConfig, cluster: readonly IpCidr[], service: readonly IpCidr[], error: Report, warn: Report) {
  const inventory = k3sInventory(config);
  if (!inventory) return;
  const clusterFamilies = familiesOf(cluster);
  const nodes = inventory.nodes.map((node) => ({ node, ips: nodeIps(node.addresses.join(',')) }));
  const path = (node: (typeof nodes)[number]['node']) => [...node.path, 'address'];
  const shown = (node: (typeof nodes)[number]['node']) => `"${node.addresses.join(',')}"`;

  // Every node single-stack, all of one family the networks lack: the networks are what to change.
  const nodeFamilies = new Set(nodes.flatMap(({ ips }) => familiesOf(ips)));
  const [onlyFamily] = nodeFamilies;
  if (clusterFamilies.length === 1 && nodeFamilies.size === 1 && onlyFamily !== clusterFamilies[0]) {
    for (const [key, blocks] of [
      ['clusterCidr', cluster],
      ['serviceCidr', service],
    ] as const) {
      const [block] = blocks;
      if (block.family === onlyFamily) continue;
      error(
        ['k3s', key],
        `${block.text} is IPv${block.family}, but every node address is IPv${onlyFamily}: K3s refuses to start with a ` +
          `${key === 'clusterCidr' ? 'cluster-cidr' : 'service-cidr'} of another family than node-ip (${key} defaults to IPv4); ` +
          `set k3s.${key} to an IPv${onlyFamily} block, e.g. "${EXAMPLE_BLOCKS[key][onlyFamily]}"`,
      );
    }
    return;
  }
  const networks = `k3s.clusterCidr "${config.k3s.clusterCidr}"`;
  for (const { node, ips } of nodes) {
    const families = familiesOf(ips);
    const missing = clusterFamilies.filter((family) => !families.includes(family));
    const extra = families.filter((family) => !clusterFamilies.includes(family));
    if (missing.length) {
      const fix =
        clusterFamilies.length > 1
          ? `list both, the IPv${clusterFamilies[0]} address first, e.g. "${ips[0]?.text ?? '…'},<its IPv${missing[0]} address>"`
          : `give its IPv${missing[0]} address`;
      error(
        path(node),
        `${shown(node)} has no IPv${missing[0]} address, but ${networks} is ${describeFamilies(clusterFamilies)}: K3s refuses ` +
          `to start a node whose node-ip lacks a family of cluster-cidr ("must share the same IP version"): ${fix}`,
      );
    } else if (extra.length) {
      warn(
        path(node),
        `${shown(node)} has an IPv${extra[0]} address, but ${networks} is ${describeFamilies(clusterFamilies)} only, so the ` +
          `cluster gives pods and Services no IPv${extra[0]}: make the cluster dual-stack with ${dualStackFix(cluster, service)}, ` +
          `or give only the IPv${clusterFamilies[0]} address`,
      );
    } else if (families.join() !== clusterFamilies.join()) {
      warn(
        path(node),
        `${shown(node)} lists IPv${families[0]} first, but the primary family of ${networks} is IPv${clusterFamilies[0]}; K3s ` +
          `asks for node-ip in the cluster's primary family first (the kubelet takes the first address as the node's own): ` +
          `write "${[...ips]
            .reverse()
            .map((ip) => ip.text)
            .join(',')}"`,
      );
    }
  }
}
