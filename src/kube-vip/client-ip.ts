import type { ClusterConfig } from '../config/schema';
import { parseVersion } from '../semver';
import { sharedLeaseNames, VipService } from './shared-lease';
import { kubeVipRules } from './versions';

type Path = ReadonlyArray<string | number>;

/** Traefik's Service as kube-vip sees it (K3s' chart names it after the release, in kube-system). */
export const TRAEFIK_SERVICE_ID = 'kube-system/traefik';

/** A LoadBalancer Service of the cluster config, with where its settings are written. */
export interface ClusterVipService extends VipService {
  /** `Traefik`, `Service databases/postgres`. */
  readonly label: string;
  /** Where its VIP list is (or would be) written. */
  readonly ipsPath: Path;
  readonly policy: 'Cluster' | 'Local';
  /** Where its traffic policy is (or would be) written. */
  readonly policyPath: Path;
}

/** Traefik's Service and every `loadBalancers` entry, in config order. */
export function clusterVipServices(config: ClusterConfig): ClusterVipService[] {
  return [
    {
      id: TRAEFIK_SERVICE_ID,
      label: 'Traefik',
      namespace: 'kube-system',
      ips: config.traefik.loadBalancerIPs ?? [],
      ipsPath: ['traefik', 'loadBalancerIPs'],
      policy: config.traefik.externalTrafficPolicy,
      policyPath: ['traefik', 'externalTrafficPolicy'],
    },
    ...config.loadBalancers.map((lb, i) => ({
      id: `${lb.namespace}/${lb.name}`,
      label: `Service ${lb.namespace}/${lb.name}`,
      namespace: lb.namespace,
      ips: lb.ips ?? [],
      ipsPath: ['loadBalancers', i, 'ips'],
      policy: lb.externalTrafficPolicy ?? 'Cluster',
      policyPath: ['loadBalancers', i, 'externalTrafficPolicy'],
    })),
  ];
}

/**
 * kube-vip runs per-Service election (`svc_election`) when a Service keeps client IPs in ARP mode: only
 * then are just the nodes with a local pod candidates for its VIP (https://kube-vip.io/docs/usage/kubernetes-services/,
 * "External traffic policy"). In BGP mode every node with a local endpoint announces it without election.
 */
export function usesServicesElection(config: ClusterConfig): boolean {
  return config.kubeVip.mode === 'arp' && clusterVipServices(config).some((service) => service.policy === 'Local');
}

/** `kube-vip.io/leaseName` per Service id: Services sharing a VIP under per-Service election share one lease. */
export function clusterLeaseNames(config: ClusterConfig): Map<string, string> {
  if (!usesServicesElection(config)) return new Map();
  return sharedLeaseNames(clusterVipServices(config), kubeVipRules(parseVersion(config.kubeVip.version)));
}

/**
 * `traefik.externalTrafficPolicy`, `loadBalancers[0].ips`: a key path as the config's readers write it
 * (the same form as the config rules' messages).
 */
export function keyPath(path: Path): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
}
