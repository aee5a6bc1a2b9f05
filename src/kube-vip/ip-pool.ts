import { PoolEntry } from '../config/schema';

/** The pools, as the config gives them. */
export interface IpPoolSettings {
  readonly global?: PoolEntry;
  readonly namespaces: Readonly<Record<string, PoolEntry>>;
}

/**
 * `data` of the `kubevip` ConfigMap kube-vip-cloud-provider reads (kube-vip/kube-vip-cloud-provider
 * `pkg/config/config.go` @ v0.0.12). Every value is a string: the API server rejects booleans.
 */
export function ipPoolConfigMapData(pool: IpPoolSettings): Record<string, string> {
  const data: Record<string, string> = {};
  const add = (scope: string, entry: PoolEntry) => {
    const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]).join(',');
    if (entry.cidr) data[`cidr-${scope}`] = list(entry.cidr);
    if (entry.range) data[`range-${scope}`] = list(entry.range);
    data[`allow-share-${scope}`] = String(entry.allowShare);
  };
  if (pool.global) add('global', pool.global);
  for (const [namespace, entry] of Object.entries(pool.namespaces).sort(([a], [b]) => a.localeCompare(b))) add(namespace, entry);
  // Never hand out a CIDR's network and broadcast addresses.
  if (Object.keys(data).some((key) => key.startsWith('cidr-'))) data['skip-end-ips-in-cidr'] = 'true';
  return data;
}
