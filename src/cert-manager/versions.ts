import { parseVersion, rulesFor, Version } from '../semver';

/** What changes in the cert-manager Helm chart from one release to the next, for the values this project sets. */
export interface CertManagerChartRules {
  /**
   * How the chart is told to install its CRDs (cert-manager/cert-manager deploy/charts/cert-manager/values.yaml):
   * `installCRDs: true` up to v1.14; from v1.15.0 `crds.enabled` (+ `crds.keep`), `installCRDs` only deprecated.
   */
  readonly crdValues: 'installCRDs' | 'crds';
}

const TABLE: ReadonlyArray<{ since: string } & Partial<CertManagerChartRules>> = [
  { since: 'v1.12.0', crdValues: 'installCRDs' },
  { since: 'v1.15.0', crdValues: 'crds' },
];

/**
 * Oldest cert-manager release supported: v1.12.0 added `http01.ingress.ingressClassName` (commit 6458ed1),
 * the solver field the ClusterIssuers use.
 */
export const OLDEST_CERT_MANAGER = parseVersion('v1.12.0');
/** Newest release whose chart values and ClusterIssuer CRD (crds/clusterissuer.yaml) were read. */
export const NEWEST_KNOWN_CERT_MANAGER = parseVersion('v1.21.1');
export const DEFAULT_CERT_MANAGER_VERSION = NEWEST_KNOWN_CERT_MANAGER.tag;

export function certManagerChartRules(version: Version): CertManagerChartRules {
  return rulesFor<CertManagerChartRules>(TABLE, version);
}
