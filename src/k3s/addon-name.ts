import { dns1123Label } from '../config/formats';

/**
 * K3s applies every `<name>.yaml` of its manifests folder as the AddOn `<name>` (k3s-io/k3s
 * `pkg/deploy/controller.go` at commit 0301210: one AddOn per file, named after the file name up to its first dot). A chart id
 * becomes such a file name, so the rule binds at synth and at install alike.
 */

/**
 * AddOn names of K3s' packaged components: K3s rewrites their files at every start, and
 * `--disable <name>` (servicelb is disabled for kube-vip) deletes any file of that name.
 */
const K3S_ADDONS = new Set([
  'ccm',
  'coredns',
  'gateway-api-crd',
  'local-storage',
  'metrics-server',
  'rolebindings',
  'runtimes',
  'servicelb',
  'traefik',
]);

/** K3s' AddOn name of a file: the part of its name before the first dot. */
export function addonName(fileName: string): string {
  return fileName.split('.')[0];
}

/** Why `name` cannot be installed into K3s' manifests folder, or undefined when it is a valid `<AddOn name>.yaml`. */
export function addonFileNameProblem(name: string): string | undefined {
  if (!name.endsWith('.yaml')) return `${JSON.stringify(name)} is not a <name>.yaml file name`;
  const stem = name.slice(0, -'.yaml'.length);
  if (stem.includes('.')) {
    return `K3s names the AddOn after the part before the first dot (${JSON.stringify(addonName(name))}): use a name with one dot, <name>.yaml`;
  }
  const bad = dns1123Label(stem);
  if (bad) return `K3s uses the name before .yaml as AddOn name, and ${bad}`;
  if (K3S_ADDONS.has(stem)) {
    return `${JSON.stringify(stem)} is the AddOn of a K3s packaged component, which K3s rewrites or deletes: rename the chart`;
  }
  return undefined;
}
