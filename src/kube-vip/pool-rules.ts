import { formatPath, Path, Report } from '../core/problem';
import type { ClusterConfig } from '../config/schema';
import type { Cidrs } from '../k3s/networks';
import { IpSpan, parseCidr, parseIp, spansOverlap } from '../net/ip';

/** One pool block of kubeVip.services.ipPool, parsed: the global pool has no namespace. */
export interface Pool {
  readonly path: Path;
  readonly namespace?: string;
  readonly spans: ReadonlyArray<IpSpan & { text: string; path: Path }>;
}

/** One pool block as the config and KubeVipCloudProvider take it: a `cidr` or a `range`, one or a list. */
export interface PoolSpans {
  readonly cidr?: string | readonly string[];
  readonly range?: string | readonly string[];
}

/** The pools of the config (kubeVip.services.ipPool) or of KubeVipCloudProvider (pool). */
export interface PoolBlocks {
  readonly global?: PoolSpans;
  readonly namespaces?: Readonly<Record<string, PoolSpans>>;
}

/** Parses the pools, checks each against the K3s networks and the others. */
export function checkPools(config: ClusterConfig, cidrs: Cidrs, error: Report): Pool[] {
  const pool = config.kubeVip.services.ipPool;
  if (!pool) return [];
  return poolProblems(pool, ['kubeVip', 'services', 'ipPool'], error, poolInNetworkCheck(cidrs, error));
}

/** A pool span must lie outside K3s' networks: for the config's pools and a KubeVipCloudProvider's beside a K3sVipCluster. */
export function poolInNetworkCheck(cidrs: Cidrs, error: Report): (span: Pool['spans'][number]) => void {
  return (span) => {
    const inside = cidrs.internal.find((c) => spansOverlap(c.cidr, span));
    if (inside)
      error(span.path, `${span.text} overlaps ${inside.what} ${inside.cidr.text}: Service VIPs must be free addresses on the nodes' LAN`);
  };
}

/**
 * The rules of kube-vip-cloud-provider's pools among themselves, written once for both front doors (the
 * config at `kubeVip.services.ipPool`, KubeVipCloudProvider at `pool`): one of `cidr` and `range` per block,
 * no `global` namespace, no namespace range hidden by a global cidr, no address in two pools. Every text
 * must already be a valid CIDR or range. `eachSpan` adds a check of the caller's, run on each span first.
 */
export function poolProblems(pool: PoolBlocks, base: Path, error: Report, eachSpan?: (span: Pool['spans'][number]) => void): Pool[] {
  const namespaces = pool.namespaces ?? {};
  const entries: Array<[Path, PoolSpans, string | undefined]> = [
    ...(pool.global ? [[[...base, 'global'], pool.global, undefined] as [Path, PoolSpans, undefined]] : []),
    ...Object.entries(namespaces).map(([ns, entry]) => [[...base, 'namespaces', ns], entry, ns] as [Path, PoolSpans, string]),
  ];
  if (!entries.length) error(base, 'has no pool: give `global` or `namespaces.<namespace>` a `cidr` or a `range`');
  const pools = entries.map(([path, entry, namespace]): Pool => {
    if (entry.cidr && entry.range)
      error(path, 'has both `cidr` and `range`; kube-vip-cloud-provider would use the cidr and ignore the range: keep one');
    if (!entry.cidr && !entry.range) error(path, 'has neither `cidr` nor `range`: give the addresses to hand out');
    const list = (key: 'cidr' | 'range') => {
      const value = entry[key];
      if (value === undefined) return [];
      return typeof value === 'string'
        ? [{ text: value, path: [...path, key] }]
        : value.map((text, i) => ({ text, path: [...path, key, i] }));
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
  if (Object.hasOwn(namespaces, 'global')) {
    error(
      [...base, 'namespaces', 'global'],
      `would write the ConfigMap keys of the global pool (\`cidr-global\`, \`range-global\`): use ${formatPath([...base, 'global'])} instead`,
    );
  }
  // The provider looks up cidr-<ns>, cidr-global, range-<ns>, range-global, in that order
  // (pkg/provider/loadBalancer.go @ v0.0.12): a global cidr hides every namespace range.
  if (pool.global?.cidr) {
    for (const [ns, entry] of Object.entries(namespaces)) {
      if (entry.range && !entry.cidr) {
        error(
          [...base, 'namespaces', ns, 'range'],
          `would never be used: kube-vip-cloud-provider takes cidr-global before range-${ns}. Give namespace ${ns} a \`cidr\`, or the global pool a \`range\``,
        );
      }
    }
  }
  const all = pools.flatMap((p) => p.spans);
  all.forEach((span, i) => {
    eachSpan?.(span);
    const other = all.slice(0, i).find((o) => spansOverlap(o, span));
    if (other)
      error(
        span.path,
        `${span.text} overlaps ${other.text} (${formatPath(other.path)}): one address could be handed to two Services; make the pools disjoint`,
      );
  });
  return pools;
}
