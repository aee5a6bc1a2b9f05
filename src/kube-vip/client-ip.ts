import type { ClusterConfig } from '../config/schema';
import { formatPath } from '../core/problem';
import { DeployedService } from '../load-balancer/deployed';
import { parseVersion } from '../semver';
import { EffectiveTraefik, effectiveTraefik, traefikSettingsWithoutLease } from '../traefik/effective';
import type { Entrypoint } from '../traefik/entrypoints';
import { sharedLeaseNames, VipService } from './shared-lease';
import { kubeVipRules } from './versions';

type Path = ReadonlyArray<string | number>;

/** Traefik's Service as kube-vip sees it (K3s' chart names it after the release, in kube-system). */
export const TRAEFIK_SERVICE_ID = 'kube-system/traefik';

/**
 * Whether kube-vip gives a Service of Traefik's chart a VIP: its watcher acts on Services of type LoadBalancer only
 * (https://kube-vip.io/docs/usage/kubernetes-services/). An additional Service may be a ClusterIP, for the cluster's
 * own clients; traefik/rules.ts refuses the other types.
 */
export const carriesVip = (service: DeployedService): boolean => service.type.value === 'LoadBalancer';

/**
 * The Services of the chart an entrypoint is exposed on (Entrypoint.services: `default` for Traefik's own, else an
 * additional Service's name) as modelled: `traefik`, `traefik-<name>`, with their `-udp` halves, in kube-system.
 */
export function entrypointServices(entry: Entrypoint, services: readonly DeployedService[]): Map<string, DeployedService[]> {
  return new Map(
    entry.services.map((name) => {
      const id = name === 'default' ? TRAEFIK_SERVICE_ID : `${TRAEFIK_SERVICE_ID}-${name}`;
      return [name, services.filter((s) => [id, `${id}-udp`].includes(`${s.namespace}/${s.name}`))];
    }),
  );
}

/**
 * The Services on the VIP of those an entrypoint is exposed on: the one reading of "reachable on the VIP" the Ingress
 * and redirect rules share. A block with no model (its annotations refused where they stand) is judged there alone.
 */
export function vipServicesOf(entry: Entrypoint, services: readonly DeployedService[]): string[] {
  return [...entrypointServices(entry, services)].flatMap(([name, own]) => (!own.length || own.some(carriesVip) ? [name] : []));
}

/** A LoadBalancer Service of the cluster config, with where its settings are written. */
export interface ClusterVipService extends VipService {
  /** `Traefik`, `Service databases/postgres`. */
  readonly label: string;
  /** Where its VIP list is (or would be) written. */
  readonly ipsPath: Path;
  /** Where each of `ips` is written (a `traefik.values` annotation holds them all in one key). */
  readonly ipPaths: readonly Path[];
  readonly policy: 'Cluster' | 'Local';
  /** Where its traffic policy is (or would be) written. */
  readonly policyPath: Path;
  /** One of the Services of Traefik's chart, whose pods this tool places. */
  readonly traefik: boolean;
  /** Whether this tool writes its shared lease name: not on the chart's additional Services, whose annotations are the user's. */
  readonly writesLease: boolean;
  /** Its `kube-vip.io/leaseName` as the user wrote it (additional Services). */
  readonly leaseName?: unknown;
}

/**
 * Traefik as the config deploys it, before the lease names (which follow from the Services it finds).
 * Cached per config: the rules and the documents ask for it many times.
 */
const traefikModels = new WeakMap<ClusterConfig, EffectiveTraefik>();
export function traefikModel(config: ClusterConfig): EffectiveTraefik {
  let model = traefikModels.get(config);
  if (!model) traefikModels.set(config, (model = effectiveTraefik(traefikSettingsWithoutLease(config))));
  return model;
}

/**
 * Every LoadBalancer Service kube-vip will serve, whichever key made it: Traefik's own, those of the
 * chart's `service.additionalServices` (VIPs and policies from `traefik.values` included), and every
 * `loadBalancers` entry, in that order.
 */
export function clusterVipServices(config: ClusterConfig): ClusterVipService[] {
  const traefik = traefikModel(config)
    .services.filter(carriesVip)
    .map((service) => vipService(service, ['traefik', 'externalTrafficPolicy']));
  return [
    ...traefik,
    ...config.loadBalancers.map((lb, i) => ({
      id: `${lb.namespace}/${lb.name}`,
      label: `Service ${lb.namespace}/${lb.name}`,
      namespace: lb.namespace,
      ips: lb.ips ?? [],
      ipsPath: ['loadBalancers', i, 'ips'],
      ipPaths: (lb.ips ?? []).map((_, j) => ['loadBalancers', i, 'ips', j]),
      policy: lb.externalTrafficPolicy ?? 'Cluster',
      policyPath: ['loadBalancers', i, 'externalTrafficPolicy'],
      traefik: false,
      writesLease: true,
    })),
  ];
}

/** One of the Services of Traefik's chart as kube-vip sees it. */
export function vipService(service: DeployedService, defaultPolicyPath: Path): ClusterVipService {
  const policy = service.externalTrafficPolicy;
  const id = `${service.namespace}/${service.name}`;
  return {
    id,
    label: service.label,
    namespace: service.namespace,
    ips: service.ips.map((vip) => vip.text),
    ipsPath: service.path,
    ipPaths: service.ips.map((vip) => vip.path),
    policy: policy?.value === 'Local' ? 'Local' : 'Cluster',
    policyPath: policy?.path ?? defaultPolicyPath,
    traefik: true,
    writesLease: id === TRAEFIK_SERVICE_ID,
    ...(service.leaseName !== undefined && { leaseName: service.leaseName }),
  };
}

/** Where a Service's `index`-th VIP is written. */
export function vipPath(service: ClusterVipService, index: number): Path {
  return service.ipPaths[index] ?? [...service.ipsPath, index];
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
  return formatPath(path);
}
