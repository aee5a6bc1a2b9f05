import { formatPath, Path, Report } from '../core/problem';
import type { ClusterConfig, PoolEntry } from '../config/schema';
import type { Cidrs } from '../k3s/networks';
import { IpSpan, parseCidr, parseIp, spansOverlap } from '../net/ip';

/** One pool block of kubeVip.services.ipPool, parsed: the global pool has no namespace. */
export interface Pool {
  readonly path: Path;
  readonly namespace?: string;
  readonly spans: ReadonlyArray<IpSpan & { text: string; path: Path }>;
}

/** Parses the pools, checks each against the K3s networks and the others. */
export function checkPools(config: ClusterConfig, cidrs: Cidrs, error: Report): Pool[] {
  const pool = config.kubeVip.services.ipPool;
  if (!pool) return [];
  const entries: Array<[Path, PoolEntry, string | undefined]> = [
    ...(pool.global ? [[['kubeVip', 'services', 'ipPool', 'global'], pool.global, undefined] as [Path, PoolEntry, undefined]] : []),
    ...Object.entries(pool.namespaces).map(
      ([ns, entry]) => [['kubeVip', 'services', 'ipPool', 'namespaces', ns], entry, ns] as [Path, PoolEntry, string],
    ),
  ];
  if (!entries.length)
    error(['kubeVip', 'services', 'ipPool'], 'has no pool: give `global` or `namespaces.<namespace>` a `cidr` or a `range`');
  const pools = entries.map(([path, entry, namespace]): Pool => {
    if (entry.cidr && entry.range)
      error(path, 'has both `cidr` and `range`; kube-vip-cloud-provider would use the cidr and ignore the range: keep one');
    if (!entry.cidr && !entry.range) error(path, 'has neither `cidr` nor `range`: give the addresses to hand out');
    const list = (key: 'cidr' | 'range') => {
      const value = entry[key];
      return value === undefined
        ? []
        : (Array.isArray(value) ? value : [value]).map((text, i) => ({
            text,
            path: Array.isArray(value) ? [...path, key, i] : [...path, key],
          }));
    };
    const spans = [
      ...list('cidr').map(({ text, path: p }) => ({ ...parseCidr(text)!, text, path: p })),
      ...list('range').map(({ text, path: p }) => {
        const [first, last] = text.split('-').map((t) => parseIp(t)!);
        return { family: first.family, first: first.value, last: last.value, text, path: p };
      }),
    ];
    return { path, namespace, spans };
  });
  if (Object.hasOwn(pool.namespaces, 'global')) {
    error(
      ['kubeVip', 'services', 'ipPool', 'namespaces', 'global'],
      'would write the ConfigMap keys of the global pool (`cidr-global`, `range-global`): use kubeVip.services.ipPool.global instead',
    );
  }
  // The provider looks up cidr-<ns>, cidr-global, range-<ns>, range-global, in that order
  // (pkg/provider/loadBalancer.go @ v0.0.12): a global cidr hides every namespace range.
  if (pool.global?.cidr) {
    for (const [ns, entry] of Object.entries(pool.namespaces)) {
      if (entry.range && !entry.cidr) {
        error(
          ['kubeVip', 'services', 'ipPool', 'namespaces', ns, 'range'],
          `would never be used: kube-vip-cloud-provider takes cidr-global before range-${ns}. Give namespace ${ns} a \`cidr\`, or the global pool a \`range\``,
        );
      }
    }
  }
  const all = pools.flatMap((p) => p.spans);
  all.forEach((span, i) => {
    const inside = cidrs.internal.find((c) => spansOverlap(c.cidr, span));
    if (inside)
      error(span.path, `${span.text} overlaps ${inside.what} ${inside.cidr.text}: Service VIPs must be free addresses on the nodes' LAN`);
    const other = all.slice(0, i).find((o) => spansOverlap(o, span));
    if (other)
      error(
        span.path,
        `${span.text} overlaps ${other.text} (${formatPath(other.path)}): one address could be handed to two Services; make the pools disjoint`,
      );
  });
  return pools;
}
