import type { PropsKeys } from '../config/props-validator';
import { KUBE_VIP_IMAGE_REPOSITORY } from '../pins';
import { LeaderElectionSettings, leaseTimings } from './election';
import { KubeVipRules, kubeVipRules } from './versions';
import { parseIp } from '../net/ip';
import { parseVersion } from '../semver';

/**
 * The port of kube-vip's Prometheus endpoint (`prometheus_server`), which it opens on the node itself: the DaemonSet
 * runs with hostNetwork on every control-plane node.
 */
export const KUBE_VIP_METRICS_PORT = 2112;

/** One container env var: a literal, a downward-API field, or a Secret key (never in plain text). */
export type EnvVar =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly fieldPath: string }
  | { readonly name: string; readonly secret: { readonly name: string; readonly key: string } };

/** Everything version- and config-dependent in the kube-vip DaemonSet, as plain data. */
export interface KubeVipModel {
  readonly version: string;
  readonly image: string;
  readonly imagePullPolicy: KubeVipRules['imagePullPolicy'];
  readonly env: readonly EnvVar[];
  readonly capabilities: { readonly add: readonly string[]; readonly drop: readonly string[] };
}

export interface KubeVipSettings {
  /** kube-vip release tag, e.g. v1.2.3 (v0.5.0 or newer). */
  readonly version: string;
  /**
   * NIC that carries the VIPs.
   * @default - kube-vip uses the NIC of the default route
   */
  readonly interface?: string;
  /**
   * API-server VIP (port 6443).
   * @default - no control-plane VIP: kube-vip for Services only
   */
  readonly controlPlaneAddress?: string;
  /**
   * A Service VIP equals the control-plane VIP, so both must follow one leader (kube-vip v1.1.0+).
   * @default false
   */
  readonly shareControlPlaneVip?: boolean;
  /**
   * BGP instead of ARP: routes to these peers from every control-plane node.
   * @default - ARP mode with leader election
   */
  readonly bgp?: BgpSettings;
  /**
   * Leader election per Service (`svc_election`, ARP mode): only nodes with a ready local endpoint of a
   * Service with `externalTrafficPolicy: Local` take part in its election, so its VIP lands where a pod runs.
   * @default false
   */
  readonly servicesElection?: boolean;
  /**
   * Leader-election timings in whole seconds (ARP mode); failover takes up to leaseDuration + retryPeriod.
   * @default - the release's defaults: 5/3/1 up to v1.0.x, 15/10/2 from v1.1.0
   */
  readonly leaderElection?: LeaderElectionSettings;
}

/**
 * The node roles kube-vip runs on (`--taint`: either control-plane label, kube-vip/kube-vip
 * pkg/kubevip/config_generator.go); a pod that must sit next to kube-vip gets the same terms.
 */
export const KUBE_VIP_NODE_ROLES = ['node-role.kubernetes.io/master', 'node-role.kubernetes.io/control-plane'] as const;

/** The keys of KubeVipSettings, for the unknown-key check of the constructs that take them. */
export const KUBE_VIP_SETTINGS_KEYS = {
  version: true,
  interface: true,
  controlPlaneAddress: true,
  shareControlPlaneVip: true,
  bgp: { as: true, peers: { address: true, as: true, multihop: true }, passwordSecret: { name: true, key: true } },
  servicesElection: true,
  leaderElection: { leaseDuration: true, renewDeadline: true, retryPeriod: true },
} as const satisfies PropsKeys<KubeVipSettings>;

export interface BgpSettings {
  /** Local AS of every control-plane node. */
  readonly as: number;
  /** At least one router the VIPs are announced to. */
  readonly peers: readonly BgpPeer[];
  /**
   * Secret (kube-system) and key holding the peers' password.
   * @default - no password
   */
  readonly passwordSecret?: {
    /** Secret name in kube-system. */
    readonly name: string;
    /** Key in the Secret whose value is the password. */
    readonly key: string;
  };
}

export interface BgpPeer {
  /** IPv4 or IPv6 address of the router. */
  readonly address: string;
  /** AS of the router. */
  readonly as: number;
  /**
   * The router is more than one hop away (eBGP multihop).
   * @default false
   */
  readonly multihop?: boolean;
}

/** Env var the peer password is read into, so `bgp_peers` can reference it as $(...). */
const BGP_PASSWORD_ENV = 'BGP_PEER_PASSWORD';

/** Upstream lease names (kube-vip `pkg/kubevip/config_envvar.go` defaults, v0.6.1+). */
export const CONTROL_PLANE_LEASE = 'plndr-cp-lock';
export const SERVICES_LEASE = 'plndr-svcs-lock';

/**
 * The DaemonSet fields `kube-vip manifest daemonset --interface <if> --address <vip> --inCluster
 * --taint --controlplane --services --arp --leaderElection` (or `--bgp` instead of the last two; plus
 * `--servicesElection` and `--leaseDuration`/`--leaseRenewDuration`/`--leaseRetry` when set) prints for
 * `settings.version`, in the generator's env order (kube-vip/kube-vip `pkg/kubevip/config_generator.go`).
 */
export function kubeVipModel(settings: KubeVipSettings): KubeVipModel {
  const version = parseVersion(settings.version);
  const rules = kubeVipRules(version);
  const env: EnvVar[] = [];
  const add = (name: string, value: string | number | boolean) => env.push({ name, value: String(value) });
  const cp = settings.controlPlaneAddress;

  const bgp = settings.bgp;
  add('vip_arp', !bgp);
  add('port', 6443);
  if (rules.nodeNameEnv) env.push({ name: 'vip_nodename', fieldPath: 'spec.nodeName' });
  if (settings.interface) add('vip_interface', settings.interface);
  // The CLI derives the mask from --address: 32 per IPv4, 128 per IPv6 address.
  if (cp) add(rules.maskEnv, parseIp(cp)?.family === 6 ? 128 : 32);
  if (rules.dnsModeEnv) add('dns_mode', 'first');
  if (cp) {
    add('cp_enable', true);
    add('cp_namespace', 'kube-system');
    if (rules.emitsDdnsOff) add('vip_ddns', false);
  }
  // Always the LoadBalancer controller: with ServiceLB disabled nothing else announces Traefik's VIP.
  add('svc_enable', true);
  // v1.1.0+ "common lease": one leader for API server and Services when they share a VIP (PR #1426).
  if (rules.svcLeaseNameEnv) add('svc_leasename', settings.shareControlPlaneVip ? CONTROL_PLANE_LEASE : SERVICES_LEASE);
  // The generator's place for it: right after the services block (pkg/kubevip/config_generator.go, v0.5.0 to v1.2.3).
  if (settings.servicesElection) add('svc_election', true);
  if (bgp) {
    // Every node advertises the VIPs to its peers (ECMP), so no leader election (https://kube-vip.io/docs/modes/bgp/).
    add('bgp_enable', true);
    // Unique per node: its own address (hostNetwork, so the pod IP is the node IP).
    env.push({ name: 'bgp_routerid', fieldPath: 'status.podIP' });
    add('bgp_as', bgp.as);
    // Kubernetes expands $(NAME) from an env var defined earlier, so the password stays in its Secret.
    if (bgp.passwordSecret) env.push({ name: BGP_PASSWORD_ENV, secret: bgp.passwordSecret });
    const password = bgp.passwordSecret ? `$(${BGP_PASSWORD_ENV})` : '';
    // address:AS:password:multihop, IPv6 in brackets (the peer parser reads brackets from v0.5.8, kube-vip commit b83a993).
    add(
      'bgp_peers',
      bgp.peers
        .map(
          (peer) =>
            `${parseIp(peer.address)?.family === 6 ? `[${peer.address}]` : peer.address}:${peer.as}:${password}:${peer.multihop ?? false}`,
        )
        .join(','),
    );
  } else {
    add('vip_leaderelection', true);
    if (rules.vipLeaseNameEnv) add('vip_leasename', CONTROL_PLANE_LEASE);
    const lease = settings.leaderElection ? leaseTimings(settings.leaderElection) : rules.lease;
    add('vip_leaseduration', lease.duration);
    add('vip_renewdeadline', lease.renewDeadline);
    add('vip_retryperiod', lease.retryPeriod);
  }
  if (cp) add('address', cp);
  add('prometheus_server', `:${KUBE_VIP_METRICS_PORT}`);

  return {
    version: version.tag,
    image: `${KUBE_VIP_IMAGE_REPOSITORY}:${version.tag}`,
    imagePullPolicy: rules.imagePullPolicy,
    env,
    capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: rules.dropCapabilities },
  };
}
