import type { IConstruct } from 'constructs';
import type { DeployedService } from '../load-balancer/deployed';
import type { ClusterConfig } from '../config/schema';
import type { AcmeResolver } from '../traefik/acme-challenges';

/**
 * The Services a construct deploys that its rendered objects do not show as Services: a TraefikHelmChartConfig's
 * (Traefik's own and its additional ones, which the chart renders from the values text). Each construct notes them
 * here from its props' model; the gate's app rules (construct-app-rules.ts) judge them beside the Services the app
 * renders. A patch of the values text is refused (traefik/values-patch.ts), so the props' model is what is deployed.
 */
/** A note one kind of construct leaves for the app rules: a setter and a getter over constructs, held weakly. */
function constructNote<T>(): [(construct: IConstruct, note: T) => void, (construct: IConstruct) => T | undefined] {
  const notes = new WeakMap<IConstruct, T>();
  return [(construct, note) => void notes.set(construct, note), (construct) => notes.get(construct)];
}

const [noteServices, servicesOf] = constructNote<readonly DeployedService[]>();
/** Notes the Services `construct` deploys (its props' model). */
export const notesServices = noteServices;
/** The Services `construct` noted, or none. */
export const notedServices = (construct: IConstruct): readonly DeployedService[] => servicesOf(construct) ?? [];

/** A cluster IP a construct's values ask for (traefik/values-cluster-ips.ts), with where. */
export interface NotedClusterIp {
  readonly key: string;
  readonly text: string;
  /** `values.service.spec.clusterIP`. */
  readonly at: string;
}

const [noteClusterIps, clusterIpsOf] = constructNote<readonly NotedClusterIp[]>();
/** Notes the cluster IPs `construct`'s chart values ask for (the Services its rendered objects do not show). */
export const notesClusterIps = noteClusterIps;
/** The cluster IPs `construct` noted, or none. */
export const notedClusterIps = (construct: IConstruct): readonly NotedClusterIp[] => clusterIpsOf(construct) ?? [];

/** What a TraefikHelmChartConfig deploys, for the app-wide Traefik rules (construct-traefik-parity.ts): chart version, user values. */
export interface NotedTraefikRelease {
  readonly chartVersion: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** The resolvers Traefik will have (its props' and values'), and those listed as configured elsewhere (67b-2). */
  readonly resolvers?: readonly string[];
  /** The ACME resolvers Traefik will have (props, values and flags), with their challenge, for the wildcard rule (70b-5). */
  readonly acmeResolvers?: readonly AcmeResolver[];
  /** The kube-vip version its Services are written for (the kubeVipVersion prop, 68b-12). */
  readonly kubeVipVersion?: string;
  /** Whether its gateway prop turns on Traefik's Gateway API provider (69b-17). */
  readonly gateway?: boolean;
}

const [noteTraefikRelease, traefikReleaseOf] = constructNote<NotedTraefikRelease>();
/** Notes the chart version and values `construct` deploys Traefik with (its checked props). */
export const notesTraefikRelease = noteTraefikRelease;
/** The Traefik release `construct` noted, or none. */
export const notedTraefikRelease = traefikReleaseOf;

const [noteClusterConfig, clusterConfigOf] = constructNote<ClusterConfig>();
/** Notes the validated config a K3sVipCluster deploys, for the app-wide VIP rules on its siblings (68b-4). */
export const notesClusterConfig = noteClusterConfig;
/** The config `construct` noted (a K3sVipCluster's), or none. */
export const notedClusterConfig = clusterConfigOf;
