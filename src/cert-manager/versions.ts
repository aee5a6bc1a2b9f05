import { CERT_MANAGER_VERSION } from '../pins';
import type { VersionSupport } from '../config/rules';
import { compareVersions, parseVersion, rulesFor, Version } from '../semver';

/** What changes in the cert-manager Helm chart from one release to the next, for the values this project sets. */
export interface CertManagerChartRules {
  /**
   * How the chart is told to install its CRDs (cert-manager/cert-manager deploy/charts/cert-manager/values.yaml):
   * `installCRDs: true` up to v1.14; from v1.15.0 `crds.enabled` (+ `crds.keep`), `installCRDs` only deprecated.
   */
  readonly crdValues: 'installCRDs' | 'crds';
  /**
   * How the gateway-shim (Certificates for annotated Gateways) is turned on, in the controller's config
   * file (chart value `config`, a ControllerConfiguration): not at all before v1.15, which made Gateway
   * API support beta (feature gate ExperimentalGatewayAPISupport on by default) and added
   * `enableGatewayAPI` (pkg/apis/config/controller/v1alpha1/types.go); v1.21.0 deprecates it for
   * `gatewayAPI.enabled`, still reading the old key (internal/apis/config/controller/v1alpha1/defaults.go).
   */
  readonly gatewayShim: 'none' | 'enableGatewayAPI' | 'gatewayAPI.enabled';
}

const TABLE: ReadonlyArray<{ since: string } & Partial<CertManagerChartRules>> = [
  { since: 'v1.12.0', crdValues: 'installCRDs', gatewayShim: 'none' },
  { since: 'v1.15.0', crdValues: 'crds', gatewayShim: 'enableGatewayAPI' },
  { since: 'v1.21.0', gatewayShim: 'gatewayAPI.enabled' },
];

/** The first cert-manager release whose gateway-shim this project can turn on. */
export const OLDEST_GATEWAY_SHIM = parseVersion('v1.15.0');

/**
 * Oldest cert-manager release supported: v1.12.0 added `http01.ingress.ingressClassName` (commit 6458ed1),
 * the solver field the ClusterIssuers use.
 */
const OLDEST_CERT_MANAGER = parseVersion('v1.12.0');
/** Newest release whose chart values and ClusterIssuer CRD (crds/clusterissuer.yaml) were read. */
const NEWEST_KNOWN_CERT_MANAGER = parseVersion(CERT_MANAGER_VERSION);

export function certManagerChartRules(version: Version): CertManagerChartRules {
  return rulesFor<CertManagerChartRules>(TABLE, version);
}

/** Whether this library supports a cert-manager release tag (already of valid format): too old is an error, too new a warning. */
export function certManagerVersionSupport(text: string): VersionSupport {
  const version = parseVersion(text);
  const { tag } = version;
  if (compareVersions(version, OLDEST_CERT_MANAGER) < 0) {
    return {
      error:
        `"${tag}" is older than the oldest supported cert-manager ${OLDEST_CERT_MANAGER.tag} (the first with ` +
        `http01.ingress.ingressClassName): use ${OLDEST_CERT_MANAGER.tag} or newer (newest known: ${NEWEST_KNOWN_CERT_MANAGER.tag})`,
    };
  }
  if (compareVersions(version, NEWEST_KNOWN_CERT_MANAGER) > 0) {
    return {
      warning:
        `"${tag}" is newer than the newest cert-manager this tool knows (${NEWEST_KNOWN_CERT_MANAGER.tag}); its chart values ` +
        'and ClusterIssuer fields follow that release: check the release notes',
    };
  }
  return {};
}

/** Why a cert-manager release (a valid tag) cannot run the gateway-shim, else undefined; `versionKey` names its setting. */
export function gatewayShimVersionProblem(text: string, versionKey: string): string | undefined {
  if (compareVersions(parseVersion(text), OLDEST_GATEWAY_SHIM) >= 0) return undefined;
  return (
    `needs cert-manager ${OLDEST_GATEWAY_SHIM.tag} or newer, the first whose controller config turns the gateway-shim on ` +
    `(enableGatewayAPI), but ${versionKey} is "${parseVersion(text).tag}": raise ${versionKey}`
  );
}
