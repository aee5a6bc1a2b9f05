import { stringify } from 'yaml';
import { certManagerChartRules } from './versions';
import { parseVersion } from '../semver';

/**
 * Helm values for the cert-manager chart: its CRDs, kept on uninstall, and the "High Availability"
 * settings of https://cert-manager.io/docs/installation/best-practice/ (keys unchanged from v1.15 to v1.21).
 */
export function certManagerValues(version: string): Record<string, unknown> {
  const rules = certManagerChartRules(parseVersion(version));
  const pdb = () => ({ enabled: true, minAvailable: 1 });
  return {
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

export function certManagerValuesContent(version: string): string {
  return stringify(certManagerValues(version), { lineWidth: 0, sortMapEntries: true });
}
