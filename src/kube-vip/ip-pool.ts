import type { PropsKeys } from '../config/props-validator';

/** One address pool: a `cidr` or a `range`. */
export interface IpPool {
  /**
   * CIDR block(s) to hand out (their first and last addresses are skipped).
   * @default - none: give `range`
   */
  readonly cidr?: string | readonly string[];
  /**
   * Address range(s) `first-last` to hand out, e.g. `192.168.0.200-192.168.0.220`.
   * @default - none: give `cidr`
   */
  readonly range?: string | readonly string[];
  /**
   * Services with different ports may share one IPv4 address.
   * @default false
   */
  readonly allowShare?: boolean;
}

/** The pools kube-vip-cloud-provider hands Service VIPs out of. */
export interface IpPoolSettings {
  /**
   * Pool for Services of every namespace without a pool of its own.
   * @default - none
   */
  readonly global?: IpPool;
  /**
   * Pools for Services of one namespace; they win over the global pool.
   * @default - none
   */
  readonly namespaces?: Readonly<Record<string, IpPool>>;
}

const IP_POOL_KEYS = { cidr: true, range: true, allowShare: true } as const satisfies PropsKeys<IpPool>;
/** The keys of IpPoolSettings, for the unknown-key check of the constructs that take a pool. */
export const IP_POOL_SETTINGS_KEYS = {
  global: IP_POOL_KEYS,
  namespaces: { '*': IP_POOL_KEYS },
} as const satisfies PropsKeys<IpPoolSettings>;

/** A pool's CIDR or range list as one array. */
export function poolList(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/**
 * `data` of the `kubevip` ConfigMap kube-vip-cloud-provider reads (kube-vip/kube-vip-cloud-provider
 * `pkg/config/config.go` @ v0.0.12). Every value is a string: the API server rejects booleans.
 */
export function ipPoolConfigMapData(pool: IpPoolSettings): Record<string, string> {
  const data: Record<string, string> = {};
  const add = (scope: string, entry: IpPool) => {
    if (entry.cidr) data[`cidr-${scope}`] = poolList(entry.cidr).join(',');
    if (entry.range) data[`range-${scope}`] = poolList(entry.range).join(',');
    data[`allow-share-${scope}`] = String(entry.allowShare ?? false);
  };
  if (pool.global) add('global', pool.global);
  for (const [namespace, entry] of Object.entries(pool.namespaces ?? {}).sort(([a], [b]) => a.localeCompare(b))) add(namespace, entry);
  // Never hand out a CIDR's network and broadcast addresses.
  if (Object.keys(data).some((key) => key.startsWith('cidr-'))) data['skip-end-ips-in-cidr'] = 'true';
  return data;
}
