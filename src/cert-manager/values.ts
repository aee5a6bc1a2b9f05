import { stringifyForGo } from '../core/yaml';
import { CertManagerChartRules, certManagerChartRules } from './versions';
import { parseVersion } from '../semver';

/**
 * Helm values for the cert-manager chart: its CRDs, kept on uninstall, and the "High Availability"
 * settings of https://cert-manager.io/docs/installation/best-practice/ (keys unchanged from v1.15 to v1.21);
 * with `gatewayApi`, the gateway-shim that issues the certificates of annotated Gateways.
 */
export function certManagerValues(version: string, options: { readonly gatewayApi?: boolean } = {}): Record<string, unknown> {
  const rules = certManagerChartRules(parseVersion(version));
  const pdb = () => ({ enabled: true, minAvailable: 1 });
  return {
    ...(options.gatewayApi ? { config: gatewayShimConfig(rules.gatewayShim) } : {}),
    // keep: K3s' helm-controller uninstalls the release after a failed install or upgrade (the HelmChart's default
    // failurePolicy `reinstall`) and when the HelmChart is deleted; `crds.keep` adds helm.sh/resource-policy: keep to the
    // CRDs, so Helm leaves them, and every Certificate and ClusterIssuer with them. (`installCRDs`, the only switch
    // before v1.15.0, renders the CRDs without that policy.)
    ...(rules.crdValues === 'crds' ? { crds: { enabled: true, keep: true } } : {}),
    // The controller and cainjector elect a leader, so a second replica is a warm standby; the webhook
    // serves every cert-manager write (failurePolicy Fail), so it runs three.
    replicaCount: 2,
    podDisruptionBudget: pdb(),
    webhook: { replicaCount: 3, podDisruptionBudget: pdb() },
    cainjector: { replicaCount: 2, podDisruptionBudget: pdb() },
  };
}

/**
 * The controller's config file with the gateway-shim on. `apiVersion` and `kind` are required up to
 * v1.20 (deploy/charts/cert-manager/templates/controller-config.yaml fails without them) and defaulted
 * from v1.21. With the shim on, the controller exits at start-up while the Gateway API CRDs are missing
 * and is restarted until they exist (pkg/controller/context.go: "will cause cert-manager to crashloopbackoff").
 */
function gatewayShimConfig(shim: CertManagerChartRules['gatewayShim']): Record<string, unknown> {
  return {
    apiVersion: 'controller.config.cert-manager.io/v1alpha1',
    kind: 'ControllerConfiguration',
    ...(shim === 'enableGatewayAPI' ? { enableGatewayAPI: true } : { gatewayAPI: { enabled: true } }),
  };
}

export function certManagerValuesContent(version: string, options: { readonly gatewayApi?: boolean } = {}): string {
  return stringifyForGo(certManagerValues(version, options), { sortMapEntries: true });
}
