import { Report } from '../core/problem';
import { IpCidr, parseCidr, spansOverlap } from '../net/ip';
import type { ClusterConfig } from '../config/schema';

export interface NamedCidr {
  readonly key: string;
  readonly cidr: IpCidr;
  readonly what: string;
}

/** K3s' pod and Service networks (`internal`) and k3s.nodeCidr, as parsed once for every check. */
export interface Cidrs {
  readonly internal: NamedCidr[];
  readonly node?: NamedCidr;
}

/** Parses K3s' networks and k3s.nodeCidr once for every check; overlapping networks are errors. */
export function checkK3sNetworks(config: ClusterConfig, error: Report): Cidrs {
  const named = (key: 'clusterCidr' | 'serviceCidr' | 'nodeCidr', what: string): NamedCidr | undefined => {
    const text = config.k3s[key];
    const cidr = text === undefined ? undefined : parseCidr(text);
    return cidr && { key, cidr, what };
  };
  const cluster = named('clusterCidr', 'the K3s pod network (cluster-cidr)');
  const service = named('serviceCidr', 'the K3s Service network (service-cidr)');
  const node = named('nodeCidr', "the nodes' LAN");
  const internal = [cluster, service].filter((c): c is NamedCidr => !!c);
  if (cluster && service && spansOverlap(cluster.cidr, service.cidr)) {
    error(['k3s', 'serviceCidr'], `${service.cidr.text} overlaps clusterCidr ${cluster.cidr.text}: K3s needs two separate blocks`);
  }
  for (const c of internal) {
    if (node && spansOverlap(node.cidr, c.cidr)) {
      error(['k3s', 'nodeCidr'], `${node.cidr.text} overlaps ${c.key} ${c.cidr.text}: the LAN must not share addresses with ${c.what}`);
    }
  }
  return { internal, node };
}
