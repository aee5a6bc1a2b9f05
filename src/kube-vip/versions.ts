import { KUBE_VIP_VERSION } from '../pins';
import { parseVersion, rulesFor, Version } from '../semver';

/** kube-vip's own LoadBalancer class (default of `lb_class_name`, kube-vip/kube-vip cmd/kube-vip.go), in every version. */
export const KUBE_VIP_CLASS = 'kube-vip.io/kube-vip-class';

/**
 * 73a-6: a Service that asks kube-vip for a VIP (Traefik's, `loadBalancers[].ips`, a kube-vip.io/loadbalancerIPs
 * annotation) with a `spec.loadBalancerClass` other than kube-vip's is one kube-vip ignores: with the default
 * `lb_class_legacy_handling`, a Service whose class is set and differs from `lb_class_name` is skipped
 * (kube-vip/kube-vip pkg/manager/watch_services.go `lbClassFilterLegacy`, v1.2.3), and the DaemonSet this tool writes
 * sets neither. `whose` names the Service (`Traefik`, `Service default/db`); `value` is the class as shown.
 */
export function foreignClassMessage(value: string, whose: string, fix = 'remove the key'): string {
  return `is ${value}, not kube-vip's class (${KUBE_VIP_CLASS}), so kube-vip never gives ${whose} its VIP: ${fix}`;
}

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
  readonly lease: LeaseTimings;
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
  /**
   * Under per-Service election (`svc_election`, read from v0.5.0) a `Local` Service's endpoints are
   * watched, so a node joins or leaves its election as its pods come and go (v0.5.5+,
   * `pkg/manager/watch_endpoints.go`); v0.5.0 looks for a local pod only when the Service itself changes.
   */
  readonly localEndpointWatch: boolean;
  /**
   * Service elections ignore `vip_leaseduration` & co. and run on fixed timings: the one services
   * leader on 10/5/1 s (`pkg/manager/manager_arp.go`), a per-Service leader on 60/15/5 s
   * (`pkg/manager/servicesLeader.go`); null from v0.5.6 (commit a4b11e6 "Fixes all leaderElection code to use config").
   */
  readonly fixedServiceLeases: { readonly global: LeaseTimings; readonly perService: LeaseTimings } | null;
  /**
   * In BGP mode without election a `Local` Service is announced only from nodes with a local endpoint,
   * and withdrawn when the last one goes (v0.7.0+, commit fa1b2c9 "No-leader-election mode for BGP").
   */
  readonly bgpFollowsLocalEndpoints: boolean;
  /**
   * The Service annotation `kube-vip.io/leaseName` (several Services share one per-Service lease):
   * none before v1.0.1; from v1.0.1 a bare name in the Service's own namespace (`pkg/lease/lease.go`
   * GetName); from v1.1.0 also `namespace/name` (ServiceName, PR #1426). Refused unless the policy is
   * `Cluster` (`pkg/services/processor.go`, every tag from v1.0.1).
   */
  readonly leaseNameAnnotation: 'none' | 'same-namespace' | 'any-namespace';
  /**
   * The Service annotation `kube-vip.io/serviceInterface` (the interface a Service's VIP is bound to): none before v0.8.0
   * (PR #816, commit 5c515f0, pkg/manager/instance.go); from v0.8.5 also `auto`, the interface whose network holds the
   * VIP (commit 73e6ade, `svcInterface == kubevip.Auto`). An empty value is as if unset.
   */
  readonly serviceInterfaceAnnotation: 'none' | 'name' | 'name-or-auto';
}

/** Leader-election timings in whole seconds, as kube-vip reads them. */
export interface LeaseTimings {
  readonly duration: number;
  readonly renewDeadline: number;
  readonly retryPeriod: number;
}

/**
 * Version table. Sources, in kube-vip/kube-vip read at every tag from v0.5.0 to v1.2.3: the generator
 * `pkg/kubevip/config_generator.go`, the env names in `pkg/kubevip/config_envvar.go` (`svc_election`
 * and the three `vip_*` timings in every supported tag), the annotations in `pkg/kubevip/annotations.go`,
 * the Service elections in `pkg/manager/servicesLeader.go` (to v0.9.x) and `pkg/services/` (v1.0.0+), and
 * the common control-plane/services lease of v1.1.0 (PR #1426; https://kube-vip.io/docs/usage/services/).
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
    localEndpointWatch: false,
    fixedServiceLeases: {
      global: { duration: 10, renewDeadline: 5, retryPeriod: 1 },
      perService: { duration: 60, renewDeadline: 15, retryPeriod: 5 },
    },
    bgpFollowsLocalEndpoints: false,
    leaseNameAnnotation: 'none',
    serviceInterfaceAnnotation: 'none',
  },
  { since: 'v0.5.5', localEndpointWatch: true }, // watch_endpoints.go first in v0.5.5 (no tag between v0.5.0 and v0.5.5)
  { since: 'v0.5.6', fixedServiceLeases: null }, // commit a4b11e6
  { since: 'v0.5.8', ipv6BgpPeers: true }, // commit b83a993
  { since: 'v0.5.12', loadBalancerIPsAnnotation: true }, // kube-vip PR #528
  { since: 'v0.6.1', vipLeaseNameEnv: true },
  { since: 'v0.6.3', svcLeaseNameEnv: true },
  // PRs #687, #722; commit fa1b2c9 (pkg/manager/watch_endpoints.go)
  { since: 'v0.7.0', dnsModeEnv: true, emitsDdnsOff: false, multipleServiceIPs: true, bgpFollowsLocalEndpoints: true },
  // vip_nodename (pkg/kubevip/config_envvar.go); before, elections and endpoint matching use os.Hostname().
  { since: 'v0.8.0', nodeNameEnv: true, imagePullPolicy: 'IfNotPresent', serviceInterfaceAnnotation: 'name' },
  { since: 'v0.8.5', serviceInterfaceAnnotation: 'name-or-auto' }, // commit 73e6ade
  { since: 'v0.8.10', dropCapabilities: ['ALL'] },
  { since: 'v0.9.0', maskEnv: 'vip_subnet' }, // "Breaking: Remove vip_cidr in favor of vip_subnet"
  { since: 'v1.0.1', leaseNameAnnotation: 'same-namespace' }, // pkg/kubevip/annotations.go ServiceLease, pkg/lease/lease.go GetName
  // PR #1426 (pkg/lease/lease.go ServiceName splits `namespace/name`)
  { since: 'v1.1.0', lease: { duration: 15, renewDeadline: 10, retryPeriod: 2 }, commonLease: true, leaseNameAnnotation: 'any-namespace' },
];

export const OLDEST_SUPPORTED = parseVersion('v0.5.0');
/** Newest release whose output was checked; newer ones get its rules and a warning. */
export const NEWEST_KNOWN = parseVersion(KUBE_VIP_VERSION);

export function kubeVipRules(version: Version): KubeVipRules {
  return rulesFor<KubeVipRules>(KUBE_VIP_TABLE, version);
}
