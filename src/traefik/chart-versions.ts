import { parseVersion, rulesFor, Version } from '../semver';

/** Where the Traefik Helm chart reads each value we set, by upstream chart version. */
export interface TraefikChartRules {
  /** `service.type` up to v39; v40 moved it into the free-form `service.spec` (commit b9f3ed34). */
  readonly serviceTypeKey: 'service.type' | 'service.spec.type';
}

/** Source: ../shared/reference/k3s-traefik.md §4.1 (traefik/traefik-helm-chart tags v20 to v41.3.0). */
const TABLE: ReadonlyArray<{ since: string } & Partial<TraefikChartRules>> = [
  { since: '20.0.0', serviceTypeKey: 'service.type' },
  { since: '40.0.0', serviceTypeKey: 'service.spec.type' },
];

export const OLDEST_CHART = parseVersion('20.0.0');
/** Newest upstream chart whose keys were compared (traefik-helm-chart v41.3.0). */
export const NEWEST_KNOWN_CHART = parseVersion('41.3.0');
/**
 * Newest chart K3s is verified to package (k3s-io/k3s-charts 39.0.701+up39.0.7). Its output stays
 * harmless on the 40.x chart of K3s v1.36.2+ (`service.type` is ignored there and LoadBalancer is
 * the default), while 40.x output on a 39.x chart would render `type` twice into the Service.
 */
export const DEFAULT_CHART_VERSION = '39.0.7';

export function traefikChartRules(version: Version): TraefikChartRules {
  return rulesFor<TraefikChartRules>(TABLE, version);
}

/** K3s packages charts as `39.0.701+up39.0.7`: the part after `+up` is the upstream version. */
export function upstreamChartVersion(value: string): string {
  return /\+up(.+)$/.exec(value)?.[1] ?? value;
}
