import type { Problem, Report } from '../core/problem';
import { describeValue } from '../core/snapshot';
import * as format from '../config/formats';
import { checkK3sNetworks } from '../k3s/networks';
import { DEFAULT_CLUSTER_CIDR, DEFAULT_SERVICE_CIDR } from '../pins';
import { dualStackVipsProblem } from '../k3s/dual-stack-rules';
import type { DeployedService, LocatedIp } from './deployed';
import { checkServiceFamilies } from './family-rules';
import { clusterIpValueProblems } from '../validate/cluster-ip-range';
import { checkVipPlacement } from './rules';

/** The networks a construct's VIPs are judged against, as a config's `k3s` and `kubeVip.mode` give them. */
export interface VipNetworks {
  /**
   * K3s `--cluster-cidr` (pods): one block, or one per IP family, comma-separated.
   * @default "10.42.0.0/16" (K3s' default)
   */
  readonly clusterCidr?: string;
  /**
   * K3s `--service-cidr` (ClusterIPs): one block, or one per IP family, comma-separated.
   * @default "10.43.0.0/16" (K3s' default)
   */
  readonly serviceCidr?: string;
  /**
   * The nodes' LAN: every VIP must be a host address inside it.
   * @default - a /24 is assumed for the network/broadcast check
   */
  readonly nodeCidr?: string;
  /**
   * kube-vip's mode: in BGP mode VIPs are routed, and the LAN checks (nodeCidr, the /24 guess) do not apply.
   * @default "arp"
   */
  readonly mode?: 'arp' | 'bgp';
}

/** The keys of VipNetworks, for the unknown-key check. */
export const VIP_NETWORKS_KEYS = { clusterCidr: true, serviceCidr: true, nodeCidr: true, mode: true } as const;

/**
 * The config's placement rule (load-balancer/rules.ts checkVipPlacement: not inside the pod or Service network, a host
 * address of the LAN or of the guessed /24) on a construct's VIPs, with K3s' default networks unless `networks` gives
 * them (60b-5): one rule for the YAML path and the constructs. IP pools are not known to a construct. The IP-family
 * rules too (61b-1): `services`' VIPs and family values against the Service network (family-rules.ts), and VIPs of
 * both families only on a dual-stack one (k3s/dual-stack-rules.ts), as the config's rules judge them. And the cluster IPs
 * chart `values` ask for, in that Service network (61b-5; K3s' default while `networks` is unreadable).
 */
export function vipNetworkProblems(
  networks: unknown,
  vips: readonly LocatedIp[],
  services: readonly DeployedService[] = [],
  values: Readonly<Record<string, unknown>> = {},
): Problem[] {
  const problems: Problem[] = [];
  const unread = (): Problem[] => {
    checkServiceFamilies(undefined, services, (path, message, about) => problems.push({ path, message, ...about }));
    for (const { path, message } of clusterIpValueProblems(values, [], DEFAULT_SERVICE_CIDR))
      problems.push({ path, message: asProps(message) });
    return problems;
  };
  if (networks !== undefined && (networks === null || typeof networks !== 'object' || Array.isArray(networks))) {
    // The networks are unreadable: the family values are still judged on their own.
    unread();
    return [
      { path: ['networks'], message: `${describeValue(networks)}: expected { clusterCidr?, serviceCidr?, nodeCidr?, mode? }` },
      ...problems,
    ];
  }
  const given = (networks ?? {}) as Readonly<Record<string, unknown>>;
  const k3s: { clusterCidr: string; serviceCidr: string; nodeCidr?: string } = {
    clusterCidr: DEFAULT_CLUSTER_CIDR,
    serviceCidr: DEFAULT_SERVICE_CIDR,
  };
  const formats = { clusterCidr: format.clusterNetworks, serviceCidr: format.clusterNetworks, nodeCidr: format.cidr } as const;
  for (const key of ['clusterCidr', 'serviceCidr', 'nodeCidr'] as const) {
    const value = given[key];
    if (value === undefined) continue;
    const problem =
      typeof value === 'string' ? formats[key](value) : `${describeValue(value)}: expected a CIDR block such as "10.42.0.0/16"`;
    if (problem) problems.push({ path: ['networks', key], message: problem });
    else k3s[key] = value as string;
  }
  const mode = given.mode ?? 'arp';
  if (mode !== 'arp' && mode !== 'bgp')
    problems.push({ path: ['networks', 'mode'], message: `${describeValue(mode)}: expected "arp" or "bgp"` });
  if (problems.length) return unread();
  const report: Report = (path, message, about) =>
    problems.push({ path: path[0] === 'k3s' ? ['networks', ...path.slice(1)] : path, message: asProps(message), ...about });
  const cidrs = checkK3sNetworks({ k3s }, report);
  for (const vip of vips) checkVipPlacement(vip, cidrs, [], mode === 'arp', report);
  checkServiceFamilies(k3s.serviceCidr, services, report);
  for (const service of services) {
    const problem = dualStackVipsProblem(
      service.ips.map((vip) => vip.text),
      k3s.clusterCidr,
      k3s.serviceCidr,
    );
    if (problem) report(service.path, problem);
  }
  for (const { path, message } of clusterIpValueProblems(values, [], k3s.serviceCidr)) report(path, message);
  return problems;
}

/** The config's rules name k3s.<key>: for a construct it is the props' networks.<key>. */
const asProps = (message: string): string => message.replace(/\bk3s\.(nodeCidr|clusterCidr|serviceCidr)\b/g, 'networks.$1');
