import { compareK3sVersions, K3sVersion, parseK3sVersion } from '../semver';

/** What a K3s release reads of the files and objects this tool writes, where releases differ. */
export interface K3sRules {
  /** `/etc/rancher/k3s/config.yaml`, the node files of the inventory (v1.19.1+k3s1). */
  readonly configFile: boolean;
  /** `/etc/rancher/k3s/config.yaml.d/*.yaml` drop-ins, such as `k3s/config.yaml` (v1.21.0+k3s1). */
  readonly dropIns: boolean;
  /** `key+:` in a config file appends to the lists read before it; older loaders pass `--tls-san+` on as an unknown flag. */
  readonly appendKeys: boolean;
  /** The bundled helm-controller (v0.15.0+) reads HelmChart `spec.createNamespace`, which cert-manager.yaml sets. */
  readonly helmChartCreateNamespace: boolean;
  /**
   * kube-apiserver takes a Service network wider than /12 (IPv4) or /108 (IPv6): its size check runs unless both
   * MultiCIDRServiceAllocator and DisableAllocatorDualWrite are on (kubernetes cmd/kube-apiserver/app/options/validation.go
   * `validateClusterIPFlags`, maxCIDRBits 20, "specified --service-cluster-ip-range is too large"), which they are by
   * default from Kubernetes 1.34 (kubernetes/website feature-gates/MultiCIDRServiceAllocator.md: default true from 1.33;
   * DisableAllocatorDualWrite.md: default false up to 1.33, true from 1.34). K3s keeps the upstream defaults.
   */
  readonly wideServiceCidr: boolean;
}

/**
 * Version table, by K3s release tag. Sources: the config file's version gate (k3s-io/docs
 * `docs/installation/configuration.md`, "Available as of v1.19.1+k3s1"); the drop-in folder, "added in 1.21.0"
 * (k3s-io/k3s issue #3207, PR #3162); `key+` appends (k3s-io/k3s PR #3229, merged after v1.21.0+k3s1 was tagged,
 * `pkg/configfilearg/parser.go`: `isAppend := strings.HasSuffix(k, "+")`); helm-controller v0.15.0 with
 * createNamespace (k3s-io/helm-controller tag v0.15.0 `pkg/apis/helm.cattle.io/v1/types.go`), first in K3s
 * v1.27.3+k3s1 on the 1.27 line (k3s-io/k3s issue #7699, PR #7716; backported to older lines, which are not
 * supported).
 */
export const K3S_TABLE: ReadonlyArray<{ since: string } & Partial<K3sRules>> = [
  // Baseline: none of it.
  {
    since: 'v0.0.0+k3s1',
    configFile: false,
    dropIns: false,
    appendKeys: false,
    helmChartCreateNamespace: false,
    wideServiceCidr: false,
  },
  { since: 'v1.19.1+k3s1', configFile: true },
  { since: 'v1.21.0+k3s1', dropIns: true },
  { since: 'v1.21.1+k3s1', appendKeys: true },
  { since: 'v1.27.3+k3s1', helmChartCreateNamespace: true },
  { since: 'v1.34.0+k3s1', wideServiceCidr: true },
];

/**
 * Oldest K3s release supported: v1.27.0+k3s1. Every generated object is checked against the Kubernetes 1.27 API
 * (cdk8s-plus-27 and the 1.27 OpenAPI schemas of kubernetes-models), and nothing older; the K3s docs also name
 * 1.27 as the first release whose kubelet keeps a dual-stack node's IPv6 address when the cluster traffic is not
 * on the primary NIC (k3s-io/docs `docs/networking/basic-network-options.md`, kubernetes/kubernetes#111695).
 * Everything the config loader must read (config.yaml, drop-ins, `key+`) is older than that; cert-manager's
 * HelmChart needs v1.27.3+k3s1 (K3S_TABLE).
 */
export const OLDEST_SUPPORTED_K3S: K3sVersion = parseK3sVersion('v1.27.0+k3s1')!;

export function k3sRules(version: K3sVersion): K3sRules {
  let rules = {} as K3sRules;
  for (const { since, ...changes } of K3S_TABLE) {
    if (compareK3sVersions(parseK3sVersion(since)!, version) > 0) break;
    rules = { ...rules, ...changes };
  }
  return rules;
}

/** The first release of the table with `key` on. */
export function firstK3sWith(key: keyof K3sRules): string {
  return K3S_TABLE.find((row) => row[key] === true)!.since;
}
