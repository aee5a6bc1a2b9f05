import type { ClusterConfig } from '../config/schema';
import { compareK3sVersions, parseK3sVersion } from '../semver';
import { traefikImageMajorProblem, traefikMajorProblem } from './bundled-traefik';
import { firstK3sWith, K3sRules, k3sRules, OLDEST_SUPPORTED_K3S } from './versions';

type Report = (path: ReadonlyArray<string | number>, message: string) => void;

/**
 * `k3s.version` against what this config makes K3s read: the node files (with `k3s.servers`) or the drop-in
 * `k3s/config.yaml` with its `key+:` appends (without), and cert-manager's HelmChart. A release below the oldest
 * supported is refused, naming whatever of this config it cannot read; one whose helm-controller ignores the
 * HelmChart's createNamespace is a warning (the namespace may exist already, e.g. for a DNS-01 token Secret).
 */
export function checkK3sVersion(config: ClusterConfig, error: Report, warn: Report): void {
  const text = config.k3s.version;
  const version = text === undefined ? undefined : parseK3sVersion(text);
  if (!version) return;
  const rules = k3sRules(version);
  const path = ['k3s', 'version'];
  const unreadable = unreadableFiles(config, rules);
  if (compareK3sVersions(version, OLDEST_SUPPORTED_K3S) < 0) {
    error(
      path,
      `"${text}" is older than the oldest supported K3s ${OLDEST_SUPPORTED_K3S.tag} (every generated object is checked ` +
        `against the Kubernetes 1.27 API)${unreadable ? `, and it cannot read ${unreadable}` : ''}: ` +
        `use ${OLDEST_SUPPORTED_K3S.tag} or newer`,
    );
    return;
  }
  const major = traefikMajorProblem(text, config.traefik.chartVersion);
  if (major) error(['traefik', 'chartVersion'], major);
  const image = traefikImageMajorProblem(text, config.traefik.values ?? {});
  if (image) error(['traefik', 'values', 'image', 'tag'], image);
  if (config.certManager && !rules.helmChartCreateNamespace) {
    warn(
      path,
      `"${text}" bundles a helm-controller older than v0.15.0, which ignores the HelmChart's createNamespace, so ` +
        "cert-manager's Helm job fails until namespace cert-manager exists: create it first " +
        `(\`kubectl create namespace cert-manager\`), or use ${firstK3sWith('helmChartCreateNamespace')} or newer`,
    );
  }
}

/** What of this config's K3s files a release's config loader cannot read: the node files, or the drop-in and its appends. */
function unreadableFiles(config: ClusterConfig, rules: K3sRules): string | undefined {
  if (config.k3s.servers) {
    return rules.configFile
      ? undefined
      : `the node files k3s/<node>.yaml (/etc/rancher/k3s/config.yaml, from ${firstK3sWith('configFile')})`;
  }
  if (!rules.dropIns) return `the drop-in k3s/config.yaml (/etc/rancher/k3s/config.yaml.d/, from ${firstK3sWith('dropIns')})`;
  if (!rules.appendKeys) {
    return (
      `the drop-in's \`tls-san+\`/\`disable+\` appends (its config loader passes them on as unknown flags and K3s stops; ` +
      `from ${firstK3sWith('appendKeys')})`
    );
  }
  return undefined;
}
