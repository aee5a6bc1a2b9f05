import { KUBE_VIP_VERSION } from '../pins';
import { parseVersion, rulesFor, Version } from '../semver';

/** What changes in kube-vip's generated DaemonSet and runtime from one release to the next. */
export interface KubeVipRules {
  /** Env var carrying the VIP mask: `vip_cidr` up to v0.8.x, `vip_subnet` from v0.9.0. */
  readonly maskEnv: 'vip_cidr' | 'vip_subnet';
  /** The generator emits `vip_ddns: "false"` (dropped from the output in v0.7.0). */
  readonly emitsDdnsOff: boolean;
  /** `vip_leasename` is read (v0.6.1+). */
  readonly vipLeaseNameEnv: boolean;
  /** `svc_leasename` is read (v0.6.3+). */
  readonly svcLeaseNameEnv: boolean;
  /** `dns_mode` is emitted (v0.7.0+). */
  readonly dnsModeEnv: boolean;
  /** `vip_nodename` from the downward API (v0.8.0+). */
  readonly nodeNameEnv: boolean;
  readonly imagePullPolicy: 'Always' | 'IfNotPresent';
  /** Capabilities dropped before NET_ADMIN/NET_RAW are added (`drop: [ALL]` from v0.8.10). */
  readonly dropCapabilities: readonly string[];
  /** Leader-election timings in seconds: duration / renew deadline / retry period. */
  readonly lease: { readonly duration: number; readonly renewDeadline: number; readonly retryPeriod: number };
  /** Service VIPs are read from the `kube-vip.io/loadbalancerIPs` annotation (v0.5.12+). */
  readonly loadBalancerIPsAnnotation: boolean;
  /** More than one Service VIP, and IPv6 next to IPv4 (dual-stack Services, v0.7.0+). */
  readonly multipleServiceIPs: boolean;
  /** Control plane and Services can share one VIP through a common lease (v1.1.0+). */
  readonly commonLease: boolean;
  /**
   * `bgp_peers` takes IPv6 peers as `[addr]` (v0.5.8+, commit b83a993); before, ParseBGPPeerConfig
   * splits every entry at each `:` and knows no brackets (`pkg/bgp/peers.go` at v0.5.0 to v0.5.7).
   */
  readonly ipv6BgpPeers: boolean;
}

/**
 * Version table. Sources, in kube-vip/kube-vip read at every tag from v0.5.0 to v1.2.3: the generator
 * `pkg/kubevip/config_generator.go`, the annotations in `pkg/kubevip/annotations.go`, and the common
 * control-plane/services lease of v1.1.0 (PR #1426; https://kube-vip.io/docs/usage/services/).
 */
export const KUBE_VIP_TABLE: ReadonlyArray<{ since: string } & Partial<KubeVipRules>> = [
  {
    since: 'v0.5.0',
    maskEnv: 'vip_cidr',
    emitsDdnsOff: true,
    vipLeaseNameEnv: false,
    svcLeaseNameEnv: false,
    dnsModeEnv: false,
    nodeNameEnv: false,
    imagePullPolicy: 'Always',
    dropCapabilities: [],
    lease: { duration: 5, renewDeadline: 3, retryPeriod: 1 },
    loadBalancerIPsAnnotation: false,
    multipleServiceIPs: false,
    commonLease: false,
    ipv6BgpPeers: false,
  },
  { since: 'v0.5.8', ipv6BgpPeers: true }, // commit b83a993
  { since: 'v0.5.12', loadBalancerIPsAnnotation: true }, // kube-vip PR #528
  { since: 'v0.6.1', vipLeaseNameEnv: true },
  { since: 'v0.6.3', svcLeaseNameEnv: true },
  { since: 'v0.7.0', dnsModeEnv: true, emitsDdnsOff: false, multipleServiceIPs: true }, // PRs #687, #722
  { since: 'v0.8.0', nodeNameEnv: true, imagePullPolicy: 'IfNotPresent' },
  { since: 'v0.8.10', dropCapabilities: ['ALL'] },
  { since: 'v0.9.0', maskEnv: 'vip_subnet' }, // "Breaking: Remove vip_cidr in favor of vip_subnet"
  { since: 'v1.1.0', lease: { duration: 15, renewDeadline: 10, retryPeriod: 2 }, commonLease: true }, // PR #1426
];

export const OLDEST_SUPPORTED = parseVersion('v0.5.0');
/** Newest release whose output was checked; newer ones get its rules and a warning. */
export const NEWEST_KNOWN = parseVersion(KUBE_VIP_VERSION);

export function kubeVipRules(version: Version): KubeVipRules {
  return rulesFor<KubeVipRules>(KUBE_VIP_TABLE, version);
}
