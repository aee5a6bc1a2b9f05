import { formatPath, Path, Report, VersionSupport } from '../core/problem';
import { describeValue } from '../core/snapshot';
import type { ClusterConfig } from '../config/schema';
import type { LocatedIp } from '../load-balancer/deployed';
import { IpAddress, parseIp, spanContains } from '../net/ip';
import { compareVersions, parseVersion, Version } from '../semver';
import type { Pool } from './pool-rules';
import { kubeVipReleaseProblem } from './releases';
import { KubeVipRules, kubeVipRules, NEWEST_KNOWN, OLDEST_SUPPORTED } from './versions';

/**
 * kube-vip's own rules: a release this tool knows, a mode with its settings, an interface that can answer
 * ARP, BGP peers that are routers. Returns the version rules in force, for the Service checks.
 */
export function checkKubeVip(
  config: ClusterConfig,
  vips: ReadonlyArray<LocatedIp>,
  pools: readonly Pool[],
  error: Report,
  warn: Report,
): KubeVipRules {
  const support = kubeVipVersionSupport(config.kubeVip.version);
  if (support.warning) warn(['kubeVip', 'version'], support.warning);
  if (support.error) error(['kubeVip', 'version'], support.error);
  // Too old: the other checks still run, on the oldest rules, so every problem shows at once.
  const given = parseVersion(config.kubeVip.version);
  const version = compareVersions(given, OLDEST_SUPPORTED) < 0 ? OLDEST_SUPPORTED : given;
  const rules = kubeVipRules(version);
  checkMode(config, error);
  const servicesEnabled = config.kubeVip.services.enabled;
  if (servicesEnabled === false) {
    error(
      ['kubeVip', 'services', 'enabled'],
      'is false, but Traefik needs kube-vip as LoadBalancer controller (with ServiceLB disabled nothing else announces its VIP, and it stays <pending>): remove the key',
    );
  } else if (servicesEnabled === true) {
    warn(['kubeVip', 'services', 'enabled'], 'is deprecated: kube-vip always acts as the LoadBalancer controller; remove the key');
  }
  checkLoopback(config, error);
  checkBgpPeers(config, vips, pools, parseVersion(config.kubeVip.version), rules, error);
  return rules;
}

/** A flag prop given as anything but a boolean (`'no'` would read as true): the problem, else undefined. */
export function booleanProblem(value: unknown): string | undefined {
  return value === undefined || typeof value === 'boolean' ? undefined : `${describeValue(value)}: expected true or false`;
}

/**
 * Why a Service VIP may not be the control-plane VIP `vip` on kube-vip `version`, or undefined: before the
 * common lease (v1.1.0, PR #1426) the API server and the Services elect separate leaders, so two nodes would
 * announce the one address. The config's shared-VIP check and KubeVipDaemonSet's `shareControlPlaneVip` ask this.
 */
export function sharedControlPlaneVipProblem(vip: string, version: Version, rules: KubeVipRules): string | undefined {
  if (rules.commonLease) return undefined;
  return (
    `"${vip}" is also the control-plane VIP; kube-vip ${version.tag} elects separate leaders for the API server and for Services, ` +
    'so two nodes would announce it (split brain, kube-vip issues #464, #665): use another address, or kube-vip v1.1.0 or newer, which shares one lease'
  );
}

/**
 * Why a Service VIP may not be the control-plane VIP `vip` under per-Service election (`why` says why it is on), on a
 * kube-vip with the common lease (before it sharedControlPlaneVipProblem refuses it already): each Service elects its
 * own leader, apart from the API server's. The config's client-IP rules and KubeVipDaemonSet's `shareControlPlaneVip` ask this.
 */
export function electedControlPlaneVipProblem(vip: string, why: string): string {
  return (
    `"${vip}" is also the control-plane VIP; with per-Service election (${why}) each Service ` +
    "elects its own leader apart from the API server's, so two nodes could announce it: use another address"
  );
}

/** Interfaces K3s, its CNI or a container runtime makes on every node: none is the NIC of the nodes' LAN. */
const VIRTUAL_INTERFACE = /^(cni0|flannel.*|kube-ipvs0|docker0|veth.*|cali.*|cilium.*|vxlan.*)$/;

/**
 * Why kube-vip in ARP mode cannot announce VIPs on `name`, or undefined: `lo` answers no ARP, and the
 * container network's virtual interfaces (cni0, flannel.1, kube-ipvs0, docker0, veth*, cali*, cilium*,
 * vxlan*) do not reach the LAN.
 */
export function arpInterfaceProblem(name: string): string | undefined {
  const fix = "in ARP mode name the NIC of the nodes' LAN (or omit it)";
  if (name === 'lo') return `"lo" cannot answer ARP on the LAN: ${fix}; \`lo\` is for mode: bgp`;
  if (VIRTUAL_INTERFACE.test(name)) {
    return `${JSON.stringify(name)} is a virtual interface of the container network, which does not reach the LAN, so ARP for a VIP there finds no one: ${fix}`;
  }
  return undefined;
}

/** kube-vip's interface in ARP mode (kubeVip.interface or a server's) must be the LAN's NIC. */
function checkLoopback(config: ClusterConfig, error: Report) {
  if (config.kubeVip.mode !== 'arp') return;
  const check = (path: Path, name: string | undefined) => {
    const problem = name === undefined ? undefined : arpInterfaceProblem(name);
    if (problem) error(path, problem);
  };
  check(['kubeVip', 'interface'], config.kubeVip.interface);
  (config.k3s.servers ?? []).forEach((server, i) => check(['k3s', 'servers', i, 'interface'], server.interface));
}

/** Whether this tool supports a kube-vip release tag (already of valid format): too old is an error, too new a warning. */
export function kubeVipVersionSupport(text: string): VersionSupport {
  const version = parseVersion(text);
  if (compareVersions(version, OLDEST_SUPPORTED) < 0) {
    return {
      error: `"${text}" is older than the oldest supported kube-vip ${OLDEST_SUPPORTED.tag}: use ${OLDEST_SUPPORTED.tag} or newer (newest known: ${NEWEST_KNOWN.tag})`,
    };
  }
  const notReleased = kubeVipReleaseProblem(version);
  if (notReleased) return { error: notReleased };
  if (compareVersions(version, NEWEST_KNOWN) > 0) {
    return {
      warning: `"${text}" is newer than the newest kube-vip this tool knows (${NEWEST_KNOWN.tag}); the output follows ${NEWEST_KNOWN.tag}'s rules: compare it with \`kube-vip manifest daemonset\` of that release`,
    };
  }
  return {};
}

function checkMode(config: ClusterConfig, error: Report) {
  const { mode, bgp } = config.kubeVip;
  if (mode === 'bgp' && !bgp) error(['kubeVip', 'mode'], 'is bgp, but kubeVip.bgp is missing: give the local AS (`as`) and the `peers`');
  if (mode === 'arp' && bgp)
    error(['kubeVip', 'bgp'], 'is set, but kubeVip.mode is arp, so it would be ignored: set `mode: bgp` or remove the block');
}

/**
 * More VIPs than one Service can have: several before kube-vip reads more than one, else two of one IP
 * family. A listed-twice address is not counted (it has its own message).
 */
export function serviceVipCountProblem(ips: readonly IpAddress[], version: Version, rules: KubeVipRules): string | undefined {
  const distinct = new Set(ips.map((ip) => ip.text));
  const families = new Set(ips.map((ip) => ip.family));
  if (!rules.multipleServiceIPs && ips.length > 1) {
    return `has ${ips.length} addresses, but kube-vip ${version.tag} reads one Service VIP (several, and dual-stack, need v0.7.0 or newer): keep one address or upgrade kube-vip`;
  }
  if (families.size < ips.length && distinct.size === ips.length) {
    return 'has two addresses of the same IP family; a Service gets at most one IPv4 and one IPv6 VIP: keep one per family';
  }
  return undefined;
}

/** serviceVipCountProblem for a construct's props, whose version and addresses have passed their format checks. */
export function serviceVipTextCountProblem(kubeVipVersion: string, ips: readonly string[]): string | undefined {
  const version = parseVersion(kubeVipVersion);
  const parsed = ips.map(parseIp).filter((ip): ip is IpAddress => !!ip);
  return serviceVipCountProblem(parsed, version, kubeVipRules(version));
}

/** A BGP peer is a router the VIPs are announced to, outside the pools; the rest of its rules are bgpPeerProblems'. */
function checkBgpPeers(
  config: ClusterConfig,
  vips: ReadonlyArray<LocatedIp>,
  pools: readonly Pool[],
  version: Version,
  rules: KubeVipRules,
  error: Report,
) {
  const peers = config.kubeVip.bgp?.peers ?? [];
  const named = vips.map((vip) => ({ ip: vip.ip, where: formatPath(vip.path) }));
  const peersPath = ['kubeVip', 'bgp', 'peers'];
  for (const problem of bgpPeerProblems(peers, peersPath, named, version, rules)) error(problem.path, problem.message);
  peers.forEach((peer, i) => {
    const ip = parseIp(peer.address);
    const pooled = ip && pools.flatMap((p) => p.spans).find((span) => spanContains(span, ip));
    if (ip && pooled) {
      error(
        [...peersPath, i, 'address'],
        `"${ip.text}" lies inside the IP pool ${pooled.text} (${formatPath(pooled.path)}), which may hand it to a Service: ` +
          `${OWN_ADDRESS}, outside the pools`,
      );
    }
  });
}

const OWN_ADDRESS = "give the router's own address";

/**
 * The rules on BGP peer addresses that need only kube-vip's own settings, for the config and KubeVipDaemonSet alike:
 * - a peer is never one of the VIPs (`vips`, each with where it is set);
 * - each address once: kube-vip adds every peer with GoBGP's AddPeer and stops at the first error (kube-vip/kube-vip
 *   v1.2.3 pkg/bgp/server.go `Start`, pkg/bgp/peers.go `AddPeer`), GoBGP refuses a second neighbor of one address
 *   (osrg/gobgp pkg/server/server.go `addNeighbor`: "can't overwrite the existing peer"), and the BGP worker then fails
 *   (pkg/manager/worker/bgp.go "starting BGP server"), so no VIP is announced;
 * - IPv6 only from the release whose bgp_peers parser reads brackets.
 * Addresses that do not parse are left to their format check.
 */
export function bgpPeerProblems(
  peers: ReadonlyArray<{ readonly address?: unknown }>,
  peersPath: Path,
  vips: ReadonlyArray<{ readonly ip: IpAddress; readonly where: string }>,
  version: Version,
  rules: KubeVipRules,
): Array<{ path: Path; message: string }> {
  const problems: Array<{ path: Path; message: string }> = [];
  const seen: Array<{ ip: IpAddress; index: number; text: string }> = [];
  peers.forEach((peer, i) => {
    const path = [...peersPath, i, 'address'];
    const ip = typeof peer?.address === 'string' ? parseIp(peer.address) : undefined;
    if (!ip || typeof peer?.address !== 'string') return;
    const same = (other: IpAddress) => other.family === ip.family && other.value === ip.value;
    const vip = vips.find((v) => same(v.ip));
    if (vip) {
      problems.push({
        path,
        message: `"${ip.text}" is also a VIP (${vip.where}); a peer is the router kube-vip announces the VIPs to: ${OWN_ADDRESS}`,
      });
    }
    const first = seen.find((s) => same(s.ip));
    if (first) {
      problems.push({
        path,
        message:
          `${written(peer.address)} is listed twice (first at ${formatPath([...peersPath, first.index, 'address'])}${sameText(first.text, peer.address)}): kube-vip hands each peer to GoBGP, ` +
          'which refuses a second neighbor of one address ("can\'t overwrite the existing peer"), so kube-vip\'s BGP server does not start: ' +
          'list each router once',
      });
    } else seen.push({ ip, index: i, text: peer.address });
    if (ip.family === 6 && !rules.ipv6BgpPeers) {
      problems.push({
        path,
        message:
          `"${ip.text}" is IPv6, but kube-vip ${version.tag} splits each bgp_peers entry at every ":" and cannot read it: ` +
          "use the peer's IPv4 address, or kube-vip v0.5.8 or newer",
      });
    }
  });
  return problems;
}

/** A peer's address as the user wrote it, for a message (56b-13: not its canonical form). */
const written = (text: string) => JSON.stringify(text);

/** ", as \"fd00::1\"" when the first listing spells the address otherwise. */
const sameText = (first: string, text: string) => (first === text ? '' : `, as ${written(first)}`);
