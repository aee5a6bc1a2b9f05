import type { IConstruct } from 'constructs';
import type { DeployedService } from '../load-balancer/deployed';

/**
 * The Services a construct deploys that its rendered objects do not show as Services: a TraefikHelmChartConfig's
 * (Traefik's own and its additional ones, which the chart renders from the values text). Each construct notes them
 * here from its props' model; the gate's app rules (construct-app-rules.ts) judge them beside the Services the app
 * renders. A patch of the values text is refused (traefik/values-patch.ts), so the props' model is what is deployed.
 */
const deployed = new WeakMap<IConstruct, readonly DeployedService[]>();

/** Notes the Services `construct` deploys (its props' model). */
export function notesServices(construct: IConstruct, services: readonly DeployedService[]): void {
  deployed.set(construct, services);
}

/** The Services `construct` noted, or none. */
export function notedServices(construct: IConstruct): readonly DeployedService[] {
  return deployed.get(construct) ?? [];
}

/** A cluster IP a construct's values ask for (traefik/values-cluster-ips.ts), with where. */
export interface NotedClusterIp {
  readonly key: string;
  readonly text: string;
  /** `values.service.spec.clusterIP`. */
  readonly at: string;
}

const clusterIpsOf = new WeakMap<IConstruct, readonly NotedClusterIp[]>();

/** Notes the cluster IPs `construct`'s chart values ask for (the Services its rendered objects do not show). */
export function notesClusterIps(construct: IConstruct, ips: readonly NotedClusterIp[]): void {
  clusterIpsOf.set(construct, ips);
}

/** The cluster IPs `construct` noted, or none. */
export function notedClusterIps(construct: IConstruct): readonly NotedClusterIp[] {
  return clusterIpsOf.get(construct) ?? [];
}

/** What a TraefikHelmChartConfig deploys, for the app-wide Traefik rules (construct-traefik-parity.ts): chart version, user values. */
export interface NotedTraefikRelease {
  readonly chartVersion: string;
  readonly values: Readonly<Record<string, unknown>>;
}

const releasesOf = new WeakMap<IConstruct, NotedTraefikRelease>();

/** Notes the chart version and values `construct` deploys Traefik with (its checked props). */
export function notesTraefikRelease(construct: IConstruct, release: NotedTraefikRelease): void {
  releasesOf.set(construct, release);
}

/** The Traefik release `construct` noted, or none. */
export function notedTraefikRelease(construct: IConstruct): NotedTraefikRelease | undefined {
  return releasesOf.get(construct);
}
