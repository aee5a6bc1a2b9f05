import { KubeVipRules } from './versions';
import { dns1123Label, dns1123Subdomain } from '../config/formats';
import { parseIp } from '../net/ip';

/** kube-vip reads a Service's per-Service lease name from this annotation from v1.0.1 (pkg/kubevip/annotations.go). */
export const LEASE_NAME_ANNOTATION = 'kube-vip.io/leaseName';

/** Where a lease of Services in different namespaces lives (`namespace/name` form, kube-vip v1.1.0+): kube-vip's own namespace. */
const CROSS_NAMESPACE_LEASE_NAMESPACE = 'kube-system';

/** A LoadBalancer Service with its VIPs, as the lease grouping needs it. */
export interface VipService {
  /** Unique key of the Service, e.g. `kube-system/traefik`. */
  readonly id: string;
  readonly namespace: string;
  readonly ips: readonly string[];
}

/** Services joined by a VIP they share (directly or through a third Service), in input order. */
export interface SharedVipGroup<S extends VipService> {
  readonly services: readonly S[];
  /** The first address shared in the group (canonical text). */
  readonly ip: string;
}

/** The groups of two or more Services that share at least one VIP (a VIP is compared in canonical form). */
export function sharedVipGroups<S extends VipService>(services: readonly S[]): Array<SharedVipGroup<S>> {
  // Union-find over the Services, joined by every address two of them list.
  const parent = services.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  const firstOwner = new Map<string, number>();
  const sharedIps: string[] = [];
  services.forEach((service, i) => {
    for (const text of service.ips) {
      const ip = parseIp(text)?.text ?? text;
      const owner = firstOwner.get(ip);
      if (owner === undefined) firstOwner.set(ip, i);
      else if (root(owner) !== root(i)) {
        parent[root(i)] = root(owner);
        if (!sharedIps.includes(ip)) sharedIps.push(ip);
      }
    }
  });
  const groups = new Map<number, S[]>();
  services.forEach((service, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), service]));
  return [...groups.values()]
    .filter((members) => members.length > 1)
    .map((members) => ({
      services: members,
      ip: sharedIps.find((ip) => members.some((m) => m.ips.some((text) => (parseIp(text)?.text ?? text) === ip)))!,
    }));
}

/**
 * The `kube-vip.io/leaseName` that makes a group elect one leader: a bare name when all its Services
 * share a namespace (kube-vip v1.0.1+ looks it up there), else `kube-system/<name>` (v1.1.0+). Undefined
 * when this kube-vip cannot share the lease (the rules refuse that case).
 */
export function sharedLeaseName(group: SharedVipGroup<VipService>, rules: KubeVipRules): string | undefined {
  const name = `kubevip-shared-${leaseSuffix(group.ip)}`;
  const namespaces = new Set(group.services.map((s) => s.namespace));
  if (rules.leaseNameAnnotation === 'none') return undefined;
  if (namespaces.size === 1) return name;
  return rules.leaseNameAnnotation === 'any-namespace' ? `${CROSS_NAMESPACE_LEASE_NAMESPACE}/${name}` : undefined;
}

/** An address as part of a Lease name (a DNS subdomain): IPv4 dotted with `-`, IPv6 as its eight full groups. */
function leaseSuffix(text: string): string {
  const ip = parseIp(text)!;
  if (ip.family === 4) return ip.text.replace(/\./g, '-');
  return Array.from({ length: 8 }, (_, i) => ((ip.value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16).padStart(4, '0')).join('-');
}

/** Lease name per Service id, for every Service of a group that can share one. */
export function sharedLeaseNames(services: readonly VipService[], rules: KubeVipRules): Map<string, string> {
  const names = new Map<string, string>();
  for (const group of sharedVipGroups(services)) {
    const name = sharedLeaseName(group, rules);
    if (name) for (const service of group.services) names.set(service.id, name);
  }
  return names;
}

/**
 * What kube-vip `version` (rules `rules`) would make of `kube-vip.io/leaseName: <name>` on a Service with
 * `policy`, when it is wrong: the format (a Lease name, optionally `namespace/` before it), the
 * release, and kube-vip's Cluster-only refusal (pkg/services/processor.go, v1.0.1+).
 */
export function leaseNameProblem(
  name: string,
  policy: 'Cluster' | 'Local' | undefined,
  version: string,
  rules: KubeVipRules,
): string | undefined {
  const parts = name.split('/');
  if (parts.length > 2) return `"${name}" is not a lease name: expected "name" or "namespace/name"`;
  const problem = parts.length === 2 ? (dns1123Label(parts[0]) ?? dns1123Subdomain(parts[1])) : dns1123Subdomain(name);
  if (problem) return problem;
  if (rules.leaseNameAnnotation === 'none') {
    return `is set, but kube-vip ${version} does not read ${LEASE_NAME_ANNOTATION} (v1.0.1 or newer does): remove it, or upgrade kube-vip`;
  }
  if (parts.length === 2 && rules.leaseNameAnnotation === 'same-namespace') {
    return `"${name}" names a namespace, but kube-vip ${version} looks a lease name up in the Service's own namespace (the namespace/name form needs v1.1.0 or newer): give a bare name, or upgrade kube-vip`;
  }
  if (policy === 'Local') {
    return `is set on a Service with externalTrafficPolicy Local, which kube-vip refuses (a shared lease needs Cluster): remove it, or use Cluster`;
  }
  return undefined;
}
