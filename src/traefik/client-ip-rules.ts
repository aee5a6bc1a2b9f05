import type { ClusterConfig } from '../config/schema';
import { trustedNetwork, version as versionProblem } from '../config/formats';
import { formatPath, Path, Report, shownValue } from '../core/problem';
import { clusterVipServices, keyPath, usesServicesElection } from '../kube-vip/client-ip';
import { cidrContains, IpCidr, parseCidr, parseIp, spansOverlap } from '../net/ip';
import type { EffectiveTraefik } from './effective';
import type { TrustList } from './trust';
import { goTruthy } from './go-truth';
import { renderedInteger } from './yaml-number';
import { isMap } from '../core/is-map';
import { LEASE_NAME_ANNOTATION, leaseNameProblem } from '../kube-vip/shared-lease';
import { kubeVipRules } from '../kube-vip/versions';
import { joinedAnnotations } from './service-facts';
import { parseVersion } from '../semver';

/**
 * Traefik's side of the client IP: with `Local` its pods must fit on the control-plane nodes, one per
 * node; and every network it trusts forwarded headers from (from `trustedProxies`, `values` or a flag)
 * is checked the same way.
 */
export function checkTraefikClientIp(config: ClusterConfig, traefik: EffectiveTraefik, error: Report, warn: Report): void {
  const servers = config.k3s.servers?.length;
  const { replicas, kind, autoscaling } = traefik;
  // Under the chart's HPA the Deployment's own count is not rendered: the autoscaler's maximum is the pod count,
  // printed unquoted by hpa.yaml, so a text YAML reads as a whole number counts as that number.
  const max = renderedInteger(autoscaling?.maxReplicas);
  const pods = autoscaling
    ? max !== undefined && { value: max, path: ['traefik', 'values', 'autoscaling', 'maxReplicas'] }
    : { value: replicas.value, path: replicas.path };
  if (
    config.traefik.externalTrafficPolicy === 'Local' &&
    servers !== undefined &&
    kind.value !== 'DaemonSet' &&
    pods &&
    typeof pods.value === 'number' &&
    pods.value > servers
  ) {
    error(
      pods.path,
      `is ${pods.value}, but with externalTrafficPolicy Local Traefik runs only on the ${servers} control-plane node(s), where kube-vip runs, ` +
        `one pod each, so ${pods.value - servers} would stay Pending: use at most ${servers}`,
    );
  }
  if (usesServicesElection(config)) {
    const local = clusterVipServices(config).find((s) => s.policy === 'Local')!;
    checkUdpService(traefik, ['traefik'], `on because ${keyPath(local.policyPath)} is Local`, config.kubeVip.version, error);
  }
  const lists = checkTraefikTrust(traefik, ['traefik'], error);
  if (config.traefik.externalTrafficPolicy === 'Cluster') checkBehindSourceNat(config, lists, error, warn);
}

/**
 * With `service.single: false` the chart puts UDP ports (a UDP entrypoint, or HTTP/3) into a second
 * Service `<fullname>-udp` with the same annotations, so on the same VIP (traefik/templates/service.yaml,
 * v20.1.1 to v41.3.0). Under per-Service election (`why` says why it is on) the two would elect their leaders apart,
 * unless both carry one `kube-vip.io/leaseName` that kube-vip `kubeVipVersion` reads (70b-17; kube-vip/versions.ts).
 */
export function checkUdpService(traefik: EffectiveTraefik, prefix: Path, why: string, kubeVipVersion: string, error: Report): void {
  const { values } = traefik;
  const service = values.service;
  // service.yaml (v27.0.2:58): `and $exposedPorts (and $udpPorts (not $service.single))`: any Go-false value given
  // (false, 0, "", or null, which Helm drops along with the chart's default true) splits the UDP ports out.
  if (!isMap(service) || !Object.hasOwn(service, 'single') || goTruthy(service.single)) return;
  const ports = isMap(values.ports) ? Object.values(values.ports).filter(isMap) : [];
  if (!ports.some((port) => port.protocol === 'UDP' || (isMap(port.http3) && goTruthy(port.http3.enabled)))) return;
  // kube-vip refuses a shared lease on a Local Service (shared-lease.ts leaseNameProblem): no lease advice then.
  const own = traefik.services.find((s) => s.namespace === 'kube-system' && s.name === 'traefik');
  const policy = own?.externalTrafficPolicy?.value === 'Local' ? 'Local' : undefined;
  const readsLease =
    !versionProblem(kubeVipVersion) && kubeVipRules(parseVersion(kubeVipVersion)).leaseNameAnnotation !== 'none' && !policy;
  if (readsLease && sharesOneLease(service, kubeVipVersion)) return;
  error(
    [...prefix, 'values', 'service', 'single'],
    "is false, so Traefik's UDP ports get a Service of their own (traefik-udp) on the same VIP; with per-Service election " +
      `(${why}) the two elect their leaders apart, so two nodes could announce it: ` +
      'keep service.single: true (one Service for TCP and UDP)' +
      (readsLease ? `, or give both one lease with service.annotations."${LEASE_NAME_ANNOTATION}"` : ''),
  );
}

/**
 * Traefik's TCP and UDP Services carry one lease name (`annotations`, with annotationsTCP or annotationsUDP over it:
 * service-facts.ts joinedAnnotations), valid for kube-vip `version` (shared-lease.ts leaseNameProblem).
 */
function sharesOneLease(service: Record<string, unknown>, version: string): boolean {
  const tcp = joinedAnnotations(service, 'annotationsTCP').map[LEASE_NAME_ANNOTATION];
  const udp = joinedAnnotations(service, 'annotationsUDP').map[LEASE_NAME_ANNOTATION];
  if (typeof tcp !== 'string' || tcp !== udp) return false;
  return leaseNameProblem(tcp, undefined, version, kubeVipRules(parseVersion(version))) === undefined;
}

/**
 * No entrypoint believes forwarded headers or the PROXY protocol from everyone, and every trusted network,
 * wherever written, is an address or CIDR block that is not every address, listed once. Gives the lists.
 */
export function checkTraefikTrust(traefik: EffectiveTraefik, prefix: Path, error: Report): readonly TrustList[] {
  for (const insecure of traefik.trust.insecure) {
    const what = insecure.flag
      ? `turns on ${insecure.flag}`
      : insecure.value === true
        ? 'is true'
        : `is ${shownValue(insecure.value)}, which the chart's template takes as true (Go's if), so it writes the insecure flag`;
    const instead =
      insecure.header === 'X-Forwarded-*'
        ? `list your proxies in ${formatPath([...prefix, 'trustedProxies'])} instead`
        : 'list your proxies in trustedIPs instead';
    error(
      insecure.path,
      `${what}: Traefik then believes ${insecure.header} headers from every client, so anyone can pose as any address: ${instead}`,
    );
  }
  const { lists } = traefik.trust;
  for (const list of lists) {
    checkEntries(list, error);
    for (const family of FAMILIES) checkUnion([list], family, error);
  }
  // Traefik joins the lists of one entrypoint and header into one (see TrustList.entrypoints): judged together too,
  // unless one of them already trusts everyone alone (reported above).
  const reported = new Set<string>();
  for (const [entrypoint, group] of mergedLists(lists)) {
    for (const family of FAMILIES) {
      if (group.length < 2 || group.some((list) => coverAll([list], family))) continue;
      checkUnion(group, family, error, entrypoint, reported);
    }
  }
  return lists;
}

const FAMILIES = [4, 6] as const;
type Family = (typeof FAMILIES)[number];
const ALL = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n } as const;

/** The lists for each entrypoint (in lower case) and header that Traefik joins, keyed by the entrypoint's name. */
function mergedLists(lists: readonly TrustList[]): Array<[string, TrustList[]]> {
  const groups = new Map<string, { entrypoint: string; lists: TrustList[] }>();
  for (const list of lists) {
    for (const entrypoint of list.entrypoints) {
      const key = `${entrypoint}\n${list.header}`;
      const group = groups.get(key) ?? { entrypoint, lists: [] };
      group.lists.push(list);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map((group) => [group.entrypoint, group.lists]);
}

/** The blocks of `family` in `lists`, in order, when together they cover every address of it (and are more than one). */
function coverAll(lists: readonly TrustList[], family: Family): Array<IpCidr & { list: TrustList }> | undefined {
  const spans = lists
    .flatMap((list) =>
      list.entries.flatMap(({ value }) => {
        const block = typeof value === 'string' && !trustedNetwork(value) ? asCidr(value) : undefined;
        return block && block.family === family ? [{ ...block, list }] : [];
      }),
    )
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  let next = 0n;
  for (const span of spans) {
    if (span.first > next) break;
    if (span.last + 1n > next) next = span.last + 1n;
  }
  return spans.length >= 2 && next > ALL[family] ? spans : undefined;
}

/**
 * Blocks that together cover every address of a family (`0.0.0.0/1` and `128.0.0.0/1`) trust everyone just
 * as `0.0.0.0/0` does, which each entry's own check refuses. Several lists (one entrypoint's) are named together.
 */
function checkUnion(lists: readonly TrustList[], family: Family, error: Report, entrypoint?: string, reported?: Set<string>) {
  const spans = coverAll(lists, family);
  if (!spans) return;
  const [first, ...others] = lists.filter((list) => spans.some((span) => span.list === list));
  const key = `${family} ${[first, ...others].map((list) => formatPath(list.path)).join(' ')}`;
  if (reported?.has(key)) return;
  reported?.add(key);
  const merged = others.length
    ? `with ${others.map((list) => formatPath(list.path)).join(', ')}, which Traefik joins into one list of ` +
      `entrypoint ${entrypoint}'s trusted ${first.header} sources, `
    : '';
  error(
    first.path,
    `${merged}together (${spans.map((span) => span.text).join(', ')}) trust every IPv${family} address, so any client could forge its ` +
      "forwarded address and pose as anyone: list only your proxies' addresses",
  );
}

/** Each entry an address or CIDR block that is not every address, each once (values entries: the schema checked first-class ones). */
function checkEntries(list: TrustList, error: Report) {
  const seen = new Map<string, number>();
  list.entries.forEach((entry, i) => {
    if (typeof entry.value !== 'string') return; // the chart's values schema reports the type
    // The items of one flag (`--...trustedIPs=a,b`) share its path: each is its own piece of it, each problem said (78b-10).
    const piece = entry.path === list.path ? { textPart: String(i) } : undefined;
    if (list.fromValues) {
      const problem = trustedNetwork(entry.value);
      if (problem) {
        error(entry.path, problem, piece);
        return;
      }
    }
    const key = canonical(entry.value);
    const first = seen.get(key);
    if (first !== undefined) error(entry.path, `"${entry.value}" is listed twice (first at index ${first}): list each network once`, piece);
    else seen.set(key, i);
  });
}

/**
 * With `Cluster`, kube-proxy source-NATs every request to Traefik: it comes from a node, or from the pod
 * network, never from the proxy. A trusted network that covers those trusts every client; any other
 * is never matched. Also TraefikHelmChartConfig's (71b-3), which knows the pod network and no nodes; `policyKey`
 * names the key that sets the policy.
 */
export function checkBehindSourceNat(
  config: { readonly k3s: Pick<ClusterConfig['k3s'], 'clusterCidr' | 'servers' | 'agents'> },
  lists: readonly TrustList[],
  error: Report,
  warn: Report,
  policyKey = 'traefik.externalTrafficPolicy',
) {
  const podNetwork = parseCidr(config.k3s.clusterCidr);
  const nodes = [...(config.k3s.servers ?? []), ...(config.k3s.agents ?? [])];
  for (const list of lists) {
    let covering = false;
    list.entries.forEach(({ value: entry, path }) => {
      const network = typeof entry === 'string' && !trustedNetwork(entry) ? asCidr(entry) : undefined;
      if (!network) return;
      const node = nodes.find((n) => {
        const ip = parseIp(n.address);
        return !!ip && cidrContains(network, ip);
      });
      const what =
        podNetwork && spansOverlap(network, podNetwork)
          ? `the K3s pod network ${podNetwork.text}`
          : node && `node ${node.name} (${node.address})`;
      if (!what) return;
      covering = true;
      error(
        path,
        `"${entry}" covers ${what}; with ${policyKey} Cluster every request reaches Traefik from there after source NAT, ` +
          `so Traefik would believe every client's ${list.header} headers: set ${policyKey}: Local`,
      );
    });
    if (!covering && list.entries.length) {
      warn(
        list.path,
        `is set while ${policyKey} is Cluster: requests reach Traefik from a node after source NAT, never from your proxy, ` +
          `so Traefik ignores its ${list.header} headers: set ${policyKey}: Local`,
      );
    }
  }
}

function asCidr(entry: string): IpCidr | undefined {
  if (entry.includes('/')) return parseCidr(entry);
  const ip = parseIp(entry);
  return ip && parseCidr(`${ip.text}/${ip.family === 4 ? 32 : 128}`);
}

function canonical(entry: string): string {
  return asCidr(entry)?.text ?? entry;
}
