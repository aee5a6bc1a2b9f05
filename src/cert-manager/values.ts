import { yaml } from '../core/yaml';
import { certManagerChartRules } from './versions';
import { parseVersion } from '../semver';

/**
 * Helm values for the cert-manager chart: its CRDs, kept on uninstall, and the "High Availability"
 * settings of https://cert-manager.io/docs/installation/best-practice/ (keys unchanged from v1.12 to v1.21).
 */
export function certManagerValues(version: string): Record<string, unknown> {
  const rules = certManagerChartRules(parseVersion(version));
  const pdb = () => ({ enabled: true, minAvailable: 1 });
  return {
    // keep: K3s' HelmChart failurePolicy `reinstall` uninstalls after a failed upgrade; without it that
    // would delete the CRDs and with them every Certificate and ClusterIssuer. `installCRDs` implies keep.
    ...(rules.crdValues === 'crds' ? { crds: { enabled: true, keep: true } } : { installCRDs: true }),
    // The controller and cainjector elect a leader, so a second replica is a warm standby; the webhook
    // serves every cert-manager write (failurePolicy Fail), so it runs three.
    replicaCount: 2,
    podDisruptionBudget: pdb(),
    webhook: { replicaCount: 3, podDisruptionBudget: pdb() },
    cainjector: { replicaCount: 2, podDisruptionBudget: pdb() },
  };
}

export function certManagerValuesContent(version: string): string {
  return yaml.stringify(certManagerValues(version), { lineWidth: 0, sortMapEntries: true });
}
