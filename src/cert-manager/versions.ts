import { CERT_MANAGER_VERSION } from '../pins';
import type { VersionSupport } from '../core/problem';
import { compareVersions, parseVersion, rulesFor, Version } from '../semver';

/** What changes in the cert-manager Helm chart from one release to the next, for the values this project sets. */
export interface CertManagerChartRules {
  /**
   * How the chart is told to install its CRDs and keep them (cert-manager/cert-manager
   * `deploy/charts/cert-manager/values.yaml`): from v1.15.0 `crds.enabled` with `crds.keep`, which adds
   * `helm.sh/resource-policy: keep` to every CRD; `installCRDs` stays only as a deprecated alias.
   */
  readonly crdValues: 'crds';
  /**
   * How the gateway-shim (Certificates for annotated Gateways) is turned on, in the controller's config
   * file (chart value `config`, a ControllerConfiguration): `enableGatewayAPI` from v1.15, which made Gateway
   * API support beta (feature gate ExperimentalGatewayAPISupport on by default;
   * pkg/apis/config/controller/v1alpha1/types.go); v1.21.0 deprecates it for `gatewayAPI.enabled`, still
   * reading the old key (internal/apis/config/controller/v1alpha1/defaults.go).
   */
  readonly gatewayShim: 'enableGatewayAPI' | 'gatewayAPI.enabled';
}

/**
 * One row per chart release that changed a value this project sets. There is no row before v1.15.0: those
 * charts render their CRDs (`installCRDs`) without `helm.sh/resource-policy: keep` (v1.14.5
 * `deploy/crds/crd-clusterissuers.yaml`), so they are not supported (see OLDEST_CERT_MANAGER).
 */
const TABLE: ReadonlyArray<{ since: string } & Partial<CertManagerChartRules>> = [
  { since: 'v1.15.0', crdValues: 'crds', gatewayShim: 'enableGatewayAPI' },
  { since: 'v1.21.0', gatewayShim: 'gatewayAPI.enabled' },
];

/**
 * Oldest cert-manager release supported: v1.15.0, the first chart with `crds.keep`. K3s' helm-controller
 * installs the chart with the HelmChart's default `failurePolicy: reinstall` (k3s-io/klipper-helm `entry`: a
 * failed release is uninstalled, then installed again), and it uninstalls the release when the HelmChart is
 * deleted; without the keep policy either would delete the CRDs, and with them every Certificate, Issuer and
 * ClusterIssuer. (v1.12.0 added `http01.ingress.ingressClassName`, which the ClusterIssuers use: older still.)
 */
export const OLDEST_CERT_MANAGER = parseVersion('v1.15.0');
/** Newest release whose chart values and ClusterIssuer CRD (crds/clusterissuer.yaml) were read. */
export const NEWEST_KNOWN_CERT_MANAGER = parseVersion(CERT_MANAGER_VERSION);

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
        `"${tag}" is older than the oldest supported cert-manager ${OLDEST_CERT_MANAGER.tag}: older charts install their CRDs ` +
        "without helm.sh/resource-policy: keep (crds.keep), and K3s' helm-controller uninstalls a release after a failed " +
        'upgrade (failurePolicy reinstall) or when the HelmChart is deleted, which would delete every Certificate and Issuer ' +
        `with the CRDs: use ${OLDEST_CERT_MANAGER.tag} or newer (newest known: ${NEWEST_KNOWN_CERT_MANAGER.tag})`,
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
