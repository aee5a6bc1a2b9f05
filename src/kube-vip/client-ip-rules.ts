import type { ClusterConfig } from '../config/schema';
import { compareVersions, parseVersion, Version } from '../semver';
import { checkTraefikClientIp } from '../traefik/client-ip-rules';
import type { EffectiveTraefik } from '../traefik/effective';
import {
  carriesVip,
  ClusterVipService,
  clusterVipServices,
  keyPath,
  TRAEFIK_SERVICE_ID,
  usesServicesElection,
  vipPath,
  vipService,
} from './client-ip';
import { leaderElectionProblems } from './election';
import { KUBE_VIP_NODE_ROLES } from './model';
import { sameIp } from '../net/ip';
import { LEASE_NAME_ANNOTATION, sharedLeaseName, sharedVipGroups } from './shared-lease';
import { KubeVipRules, kubeVipRules, OLDEST_SUPPORTED } from './versions';
import { electedControlPlaneVipProblem } from './rules';

type Path = ReadonlyArray<string | number>;
type Report = (path: Path, message: string) => void;

/**
 * The client's real IP, end to end: kube-vip's election timings, what `externalTrafficPolicy: Local`
 * needs from kube-vip (per-Service election, its release), VIPs shared under per-Service election, and
 * Traefik's side (placement, trusted proxies).
 */
export function checkClientIp(config: ClusterConfig, traefik: EffectiveTraefik, error: Report, warn: Report): void {
  const version = parseVersion(config.kubeVip.version);
  // An unsupported kube-vip has its own error; the checks below would only repeat it.
  if (compareVersions(version, OLDEST_SUPPORTED) >= 0) {
    const rules = kubeVipRules(version);
    checkLeaderElection(config, version, rules, error, warn);
    checkLocalServices(config, version, rules, error, warn);
    checkSharedVips(config, version, rules, error);
  }
  checkTraefikClientIp(config, traefik, error, warn);
}

function checkLeaderElection(config: ClusterConfig, version: Version, rules: KubeVipRules, error: Report, warn: Report) {
  const settings = config.kubeVip.leaderElection;
  if (!settings) return;
  const path = ['kubeVip', 'leaderElection'];
  if (config.kubeVip.mode === 'bgp') {
    error(
      path,
      'is set, but in BGP mode kube-vip elects no leader (every control-plane node announces the VIPs), so it would be ignored: remove it',
    );
    return;
  }
  for (const problem of leaderElectionProblems(settings)) error([...path, problem.key], problem.message);
  const fixed = rules.fixedServiceLeases;
  if (fixed) {
    const seconds = (lease: typeof fixed.global) => `${lease.duration}/${lease.renewDeadline}/${lease.retryPeriod} s`;
    warn(
      path,
      `applies only to the control-plane VIP on kube-vip ${version.tag}, which elects Service leaders on fixed timings ` +
        `(${seconds(fixed.global)}, per Service ${seconds(fixed.perService)}; v0.5.6 and newer follow these settings): upgrade kube-vip to tune Service failover`,
    );
  }
}

function checkLocalServices(config: ClusterConfig, version: Version, rules: KubeVipRules, error: Report, warn: Report) {
  const { mode } = config.kubeVip;
  const agents = config.k3s.agents?.length ?? 0;
  const inventory = !!config.k3s.servers;
  for (const service of clusterVipServices(config).filter((s) => s.policy === 'Local')) {
    const path = service.policyPath;
    if (mode === 'arp' && !rules.localEndpointWatch) {
      error(
        path,
        `is Local, but kube-vip ${version.tag} looks for a local pod only when the Service itself changes, not when its pods move, ` +
          'so the VIP can stay on a node without one (per-Service election follows the endpoints from v0.5.5): use kube-vip v0.5.5 or newer',
      );
    } else if (mode === 'bgp' && !rules.bgpFollowsLocalEndpoints) {
      error(
        path,
        `is Local, but in BGP mode kube-vip ${version.tag} keeps announcing the VIP from the nodes that ran a pod when the Service appeared, ` +
          'and never from nodes that get one later (v0.7.0 follows the pods, commit fa1b2c9): use kube-vip v0.7.0 or newer',
      );
    } else if (!rules.nodeNameEnv) {
      warn(
        path,
        `is Local, and kube-vip ${version.tag} matches pods to its node by host name, not by Kubernetes node name (vip_nodename came in v0.8.0): ` +
          'on a node whose host name differs from its node name it finds no local pod and never announces the VIP from there: ' +
          'keep host names equal to node names, or use kube-vip v0.8.0 or newer',
      );
    }
    // Traefik's pods are placed by this tool with traefik.externalTrafficPolicy Local (traefik/placement-values.ts); a workload's are not.
    const anyNode = !inventory || agents > 0;
    if (anyNode && service.traefik && config.traefik.externalTrafficPolicy !== 'Local') {
      warn(
        path,
        'is Local: kube-vip runs on control-plane nodes only and announces this VIP only from one running a Traefik pod, ' +
          'but with traefik.externalTrafficPolicy Cluster Traefik may run on any node: set traefik.externalTrafficPolicy: Local, which keeps its pods there',
      );
    } else if (anyNode && !service.traefik) {
      warn(
        path,
        'is Local: kube-vip runs on control-plane nodes only and announces this VIP only from one running a ready pod of the Service, ' +
          `so pods on other nodes get no traffic through it: pin the pods to control-plane nodes (required node affinity on ${KUBE_VIP_NODE_ROLES[1]})`,
      );
    }
  }
}

/**
 * VIPs shared by several Services. A `Local` one among them is refused in both modes; under per-Service
 * election they must share one lease (`kube-vip.io/leaseName`, which this tool then writes on each).
 */
function checkSharedVips(config: ClusterConfig, version: Version, rules: KubeVipRules, error: Report) {
  const services = clusterVipServices(config);
  const election = usesServicesElection(config);
  const because = () => keyPath(services.find((s) => s.policy === 'Local')!.policyPath);
  const lease = (member: ClusterVipService, name: string) =>
    `, which this tool writes on its own Services but not into traefik.values: add "${LEASE_NAME_ANNOTATION}: ${name}" to the annotations of ${member.label}`;
  const on = election ? { why: () => `on because ${because()} is Local`, lease } : undefined;
  sharedVipProblems(services, config.kubeVip.mode, on, version, rules, error);
  if (!election) return;
  const controlPlane = config.kubeVip.controlPlane?.address;
  for (const service of services) {
    const index = controlPlane === undefined ? -1 : service.ips.findIndex((ip) => sameIp(ip, controlPlane));
    // Before v1.1.0 the existing shared-VIP rule refuses this already, for every mode.
    if (index >= 0 && rules.commonLease) {
      error(vipPath(service, index), electedControlPlaneVipProblem(service.ips[index], `on because ${because()} is Local`));
    }
  }
  const pool = config.kubeVip.services.ipPool;
  const entries: Array<[Path, { allowShare: boolean } | undefined]> = [
    [['kubeVip', 'services', 'ipPool', 'global'], pool?.global],
    ...Object.entries(pool?.namespaces ?? {}).map(([ns, entry]): [Path, typeof entry] => [
      ['kubeVip', 'services', 'ipPool', 'namespaces', ns],
      entry,
    ]),
  ];
  for (const [path, entry] of entries) {
    if (entry?.allowShare) {
      error(
        [...path, 'allowShare'],
        `is true, but with per-Service election (on because ${because()} is Local) Services handed one address elect their leaders apart, ` +
          'and this tool cannot give them a common lease, so two nodes could announce it: set allowShare: false',
      );
    }
  }
}

/** Per-Service election, when on: why (for the messages), and how a member that misses the shared lease gets it. */
interface Election {
  readonly why: () => string;
  readonly lease: (member: ClusterVipService, name: string) => string;
  /** The lease a group must share, when not the one this tool would write. */
  readonly name?: (group: readonly ClusterVipService[]) => string | undefined;
}

/** The shared-VIP rule of both doors: `services` grouped by the VIPs they share, judged by `mode` and election. */
function sharedVipProblems(
  services: readonly ClusterVipService[],
  mode: 'arp' | 'bgp',
  election: Election | undefined,
  version: Version,
  rules: KubeVipRules,
  error: Report,
) {
  for (const group of sharedVipGroups(services)) {
    const [owner, sharer] = group.services.filter((s) => s.ips.some((ip) => sameIp(ip, group.ip)));
    const index = sharer.ips.findIndex((ip) => sameIp(ip, group.ip));
    const at = vipPath(sharer, index);
    const shared = `"${sharer.ips[index]}" is also the VIP of ${owner.label} (${keyPath(
      vipPath(
        owner,
        owner.ips.findIndex((ip) => sameIp(ip, group.ip)),
      ),
    )})`;
    const local = group.services.find((s) => s.policy === 'Local');
    if (local) {
      error(at, localSharedMessage(shared, local.label, mode));
    } else if (election && rules.leaseNameAnnotation === 'none') {
      error(at, leaselessSharedVipMessage(shared, election.why(), version.tag));
    } else if (election && rules.leaseNameAnnotation === 'same-namespace' && new Set(group.services.map((s) => s.namespace)).size > 1) {
      error(at, namespacedSharedVipMessage(shared, election.why(), version.tag, namespaces(group.services)));
    } else if (election) {
      // The chart's additional Services carry the user's annotations only: the lease must be written there by hand.
      const lease = election.name?.(group.services) ?? sharedLeaseName(group, rules)!;
      for (const member of group.services.filter((s) => !s.writesLease && s.leaseName !== lease)) {
        const i = member.ips.findIndex((ip) => sameIp(ip, group.ip));
        const other = group.services.find((s) => s !== member)!;
        error(vipPath(member, i), unsharedLeaseMessage(member.ips[i], other.label, election.why(), election.lease(member, lease)));
      }
    }
  }
}

/**
 * The shared-VIP rule for a TraefikHelmChartConfig (attack round 30, 30b-11): its Services (Traefik's own and the
 * chart's additional ones) on one VIP, with per-Service election on (`servicesElection`, or by default with
 * `externalTrafficPolicy: Local`) or off (BGP mode, where only a Local one sharing is refused). The construct writes no
 * lease of its own: Traefik's Service gets the `leaseName` prop, the others the annotation, one name for all.
 */
export function checkTraefikSharedVips(
  traefik: EffectiveTraefik,
  props: { readonly servicesElection?: boolean; readonly externalTrafficPolicy?: string; readonly kubeVipVersion: string },
  error: Report,
): void {
  const version = parseVersion(props.kubeVipVersion);
  const election =
    props.servicesElection === true
      ? 'on because servicesElection is true'
      : props.servicesElection === undefined && props.externalTrafficPolicy === 'Local'
        ? 'on because externalTrafficPolicy is Local'
        : undefined;
  const services = traefik.services
    .filter(carriesVip)
    .map((service) => ({ ...vipService(service, ['externalTrafficPolicy']), writesLease: false }));
  const prop = (name: string) => services.some((s) => s.id === TRAEFIK_SERVICE_ID && s.leaseName === name);
  const lease = (member: ClusterVipService, name: string) =>
    member.id === TRAEFIK_SERVICE_ID
      ? `: set the leaseName prop to "${name}"`
      : `: add "${LEASE_NAME_ANNOTATION}: ${name}" to the annotations of ${member.label}` +
        (prop(name) ? ', the lease the leaseName prop names' : ', and set the leaseName prop to the same name');
  // The lease the prop names is the one to share; without it, the name a config would get.
  const name = (group: readonly ClusterVipService[]) => {
    const own = group.find((s) => s.id === TRAEFIK_SERVICE_ID)?.leaseName;
    return typeof own === 'string' ? own : undefined;
  };
  const on = election === undefined ? undefined : { why: () => election, lease, name };
  sharedVipProblems(services, election === undefined ? 'bgp' : 'arp', on, version, kubeVipRules(version), error);
}

/**
 * `shared` (`"<vip>" is also the VIP of <Service> (<path>)`) refused because `local` is Local, with why in `mode` and what to
 * do: said of a config's Services and of an app's sibling Services alike (output/construct-sibling-vips.ts).
 */
export function localSharedMessage(shared: string, local: string, mode: 'arp' | 'bgp'): string {
  return `${shared}, and ${local} is Local: ${localSharedReason(mode)}: give ${local} a VIP of its own, or make it Cluster`;
}

/**
 * `shared` under per-Service election (`why`) on kube-vip `version`, which reads no `kube-vip.io/leaseName`
 * (kube-vip/versions.ts): said of a config's Services and of an app's sibling Services alike (70b-9).
 */
export function leaselessSharedVipMessage(shared: string, why: string, version: string): string {
  return (
    `${shared}: with per-Service election (${why}) kube-vip ${version} elects each Service's leader apart ` +
    `and cannot make them share one (${LEASE_NAME_ANNOTATION} came in v1.0.1), so two nodes could announce it: give each Service its own VIP, or use kube-vip v1.0.1 or newer`
  );
}

/**
 * `shared` by Services of several namespaces (`namespaces`) on kube-vip `version`, which looks a lease name up in each
 * Service's own namespace (v1.0.x, kube-vip/versions.ts): said of a config's Services and of sibling Services alike (70b-9).
 */
export function namespacedSharedVipMessage(shared: string, why: string, version: string, namespaces: string): string {
  return (
    `${shared}: with per-Service election (${why}) they must share one lease, but kube-vip ${version} looks ` +
    `${LEASE_NAME_ANNOTATION} up in each Service's own namespace (${namespaces}), so they would elect apart ` +
    '(the namespace/name form came in v1.1.0): put them in one namespace, give each its own VIP, or use kube-vip v1.1.0 or newer'
  );
}

/**
 * A Service on `vip`, also `other`'s, without their common lease while per-Service election is on (`why`), and how it
 * gets one (`lease`): said of a config's Services and of an app's sibling Services alike (69b-26).
 */
export function unsharedLeaseMessage(vip: string, other: string, why: string, lease: string): string {
  return (
    `"${vip}" is also the VIP of ${other}: with per-Service election (${why}) Services on one VIP ` +
    `must share one lease${lease}, or give it a VIP of its own`
  );
}

/**
 * A `Local` Service while the app's kube-vip runs in ARP mode without per-Service election (69b-2): the one services
 * leader announces every VIP, so a node without a local pod takes the traffic and drops it (docs/client-ip.md;
 * https://kube-vip.io/docs/usage/kubernetes-services/, "External traffic policy"). The config turns election on itself.
 */
export function localWithoutElectionMessage(): string {
  return (
    'is Local, but the kube-vip this app deploys runs in ARP mode without per-Service election (svc_election), so its one ' +
    'services leader announces the VIP also from a node without a local pod, which drops the traffic: declare the Service ' +
    "in K3sVipCluster's loadBalancers[] (which turns election on), set servicesElection: true on the KubeVipDaemonSet " +
    '(or KubeVipChart), or make it Cluster'
  );
}

/** Why a Local Service may share no VIP in `mode`. */
function localSharedReason(mode: 'arp' | 'bgp'): string {
  return mode === 'arp'
    ? `kube-vip then elects a leader per Service and refuses a shared lease (${LEASE_NAME_ANNOTATION}) unless the policy is Cluster, so two nodes could announce the address`
    : "in BGP mode nodes without its pod still announce the address for the other Service, and drop this one's traffic there";
}

function namespaces(services: readonly ClusterVipService[]): string {
  return [...new Set(services.map((s) => s.namespace))].join(', ');
}
