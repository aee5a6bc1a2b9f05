import { checkInventory } from './inventory-rules';
import { checkHaRules } from './ha-rules';
import { nodeInventory } from '../k3s/inventory';
import { ClusterConfig, PoolEntry } from './schema';
import { KubeVipRules, kubeVipRules, NEWEST_KNOWN, OLDEST_SUPPORTED } from '../kube-vip/versions';
import { cidrContains, IpAddress, IpCidr, IpSpan, ipv4EdgeAddress, parseCidr, parseIp, spanContains, spansOverlap } from '../net/ip';
import { typoHint } from '../net/ip-typo';
import { compareVersions, parseVersion, Version } from '../semver';
import { NEWEST_KNOWN_CHART, OLDEST_CHART, upstreamChartVersion } from '../traefik/chart-versions';

/** One finding about a config file, located by its key path. */
export interface Problem {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

export interface RuleResult {
  readonly errors: Problem[];
  readonly warnings: Problem[];
}

type Path = Problem['path'];

interface LocatedIp {
  readonly path: Path;
  readonly ip: IpAddress;
}

/** A Service that gets VIPs: Traefik's or one of `loadBalancers`. */
interface ServiceVips {
  /** `traefik`, `loadBalancers[2]`: where its VIP list lives. */
  readonly path: Path;
  readonly label: string;
  readonly namespace: string;
  readonly ips: readonly LocatedIp[];
  /** Ports as `port/protocol`. */
  readonly ports: readonly string[];
}

interface Pool {
  readonly path: Path;
  readonly namespace?: string;
  readonly spans: ReadonlyArray<IpSpan & { text: string; path: Path }>;
}

/** kube-vip's own LoadBalancer class (default of `lb_class_name` / `--lbClassName`, kube-vip/kube-vip cmd/kube-vip.go). */
const KUBE_VIP_CLASS = 'kube-vip.io/kube-vip-class';

/**
 * Rules that relate several values of one cluster config to each other (the schema has already
 * checked each value on its own).
 */
export function checkClusterRules(config: ClusterConfig): RuleResult {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const error = (path: Path, message: string) => errors.push({ path, message });
  const warn = (path: Path, message: string) => warnings.push({ path, message });

  const version = parseVersion(config.kubeVip.version);
  const support = kubeVipVersionSupport(config.kubeVip.version);
  if (support.warning) warn(['kubeVip', 'version'], support.warning);
  if (support.error) error(['kubeVip', 'version'], support.error);
  // Too old: the other checks still run, on the oldest rules, so every problem shows at once.
  const rules = kubeVipRules(support.error ? OLDEST_SUPPORTED : version);
  checkChartVersion(config, error, warn);
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

  const cidrs = checkK3sCidrs(config, error);
  const controlPlane = locate(['kubeVip', 'controlPlane', 'address'], config.kubeVip.controlPlane?.address);
  const services = serviceVips(config);
  const pools = checkPools(config, cidrs, error);

  // In BGP mode VIPs are routed, not answered by ARP on the LAN: the LAN checks do not apply.
  const lanChecks = config.kubeVip.mode === 'arp';
  for (const vip of [controlPlane, ...services.flatMap((s) => s.ips)]) {
    if (vip) checkVipPlacement(vip, cidrs, pools, lanChecks, error);
  }
  if (lanChecks && config.kubeVip.interface === 'lo') {
    error(
      ['kubeVip', 'interface'],
      '"lo" cannot answer ARP on the LAN: in ARP mode name the NIC of the nodes\' LAN (or omit it); `lo` is for mode: bgp',
    );
  }
  // With k3s.servers the servers' addresses settle the LAN (checkInventory), not the /24 guess.
  if (lanChecks && !config.k3s.servers) checkGuessedLan(cidrs, controlPlane, services, warn);
  for (const service of services) checkServiceVips(service, version, rules, pools, error);
  checkSharedVips(services, controlPlane, version, rules, error);
  checkBgpPeers(config, [controlPlane, ...services.flatMap((s) => s.ips)], pools, version, rules, error);
  checkLoadBalancers(config, warn, error);
  checkIngresses(config, warn, error);
  const fixedVips = [controlPlane, ...services.flatMap((s) => s.ips)].filter((vip): vip is LocatedIp => !!vip);
  checkInventory(
    config,
    fixedVips,
    pools.flatMap((p) => p.spans),
    cidrs,
    error,
    warn,
  );
  checkHaRules(config, error, warn, nodeInventory(config));
  return { errors, warnings };
}

/** Whether this tool supports a kube-vip release tag (already of valid format): too old is an error, too new a warning. */
export function kubeVipVersionSupport(text: string): VersionSupport {
  const version = parseVersion(text);
  if (compareVersions(version, OLDEST_SUPPORTED) < 0) {
    return {
      error: `"${text}" is older than the oldest supported kube-vip ${OLDEST_SUPPORTED.tag}: use ${OLDEST_SUPPORTED.tag} or newer (newest known: ${NEWEST_KNOWN.tag})`,
    };
  }
  if (compareVersions(version, NEWEST_KNOWN) > 0) {
    return {
      warning: `"${text}" is newer than the newest kube-vip this tool knows (${NEWEST_KNOWN.tag}); the output follows ${NEWEST_KNOWN.tag}'s rules: compare it with \`kube-vip manifest daemonset\` of that release`,
    };
  }
  return {};
}

/** Whether this tool supports a Traefik chart version (already of valid format). */
export function chartVersionSupport(text: string): VersionSupport {
  const chart = parseVersion(upstreamChartVersion(text));
  if (compareVersions(chart, OLDEST_CHART) < 0) {
    return { error: `"${text}" is older than the oldest supported Traefik chart ${OLDEST_CHART.tag.slice(1)} (K3s v1.27+): upgrade K3s` };
  }
  if (compareVersions(chart, NEWEST_KNOWN_CHART) > 0) {
    return {
      warning: `"${text}" is newer than the newest Traefik chart this tool knows (${NEWEST_KNOWN_CHART.tag.slice(1)}); values follow that chart's keys: check the chart's changelog`,
    };
  }
  return {};
}

export interface VersionSupport {
  readonly error?: string;
  readonly warning?: string;
}

function checkChartVersion(config: ClusterConfig, error: (p: Path, m: string) => void, warn: (p: Path, m: string) => void) {
  const support = chartVersionSupport(config.traefik.chartVersion);
  if (support.error) error(['traefik', 'chartVersion'], support.error);
  if (support.warning) warn(['traefik', 'chartVersion'], support.warning);
}

function checkMode(config: ClusterConfig, error: (p: Path, m: string) => void) {
  const { mode, bgp } = config.kubeVip;
  if (mode === 'bgp' && !bgp) error(['kubeVip', 'mode'], 'is bgp, but kubeVip.bgp is missing: give the local AS (`as`) and the `peers`');
  if (mode === 'arp' && bgp)
    error(['kubeVip', 'bgp'], 'is set, but kubeVip.mode is arp, so it would be ignored: set `mode: bgp` or remove the block');
}

function locate(path: Path, text: string | undefined): LocatedIp | undefined {
  const ip = text === undefined ? undefined : parseIp(text);
  return ip && { path, ip };
}

function serviceVips(config: ClusterConfig): ServiceVips[] {
  const ipsAt = (path: Path, ips: readonly string[] | undefined) =>
    (ips ?? []).map((text, i) => locate([...path, i], text)).filter((ip): ip is LocatedIp => !!ip);
  return [
    {
      path: ['traefik', 'loadBalancerIPs'],
      label: 'Traefik',
      namespace: 'kube-system',
      ips: ipsAt(['traefik', 'loadBalancerIPs'], config.traefik.loadBalancerIPs),
      ports: ['80/TCP', '443/TCP'],
    },
    ...config.loadBalancers.map((lb, i) => ({
      path: ['loadBalancers', i, 'ips'],
      label: `Service ${lb.namespace}/${lb.name}`,
      namespace: lb.namespace,
      ips: ipsAt(['loadBalancers', i, 'ips'], lb.ips),
      ports: lb.ports.map((p) => `${p.port}/${p.protocol}`),
    })),
  ];
}

export interface NamedCidr {
  readonly key: string;
  readonly cidr: IpCidr;
  readonly what: string;
}

/** K3s' pod and Service networks (`internal`) and k3s.nodeCidr, as parsed once for every check. */
export interface Cidrs {
  readonly internal: NamedCidr[];
  readonly node?: NamedCidr;
}

function checkK3sCidrs(config: ClusterConfig, error: (p: Path, m: string) => void): Cidrs {
  const named = (key: 'clusterCidr' | 'serviceCidr' | 'nodeCidr', what: string): NamedCidr | undefined => {
    const text = config.k3s[key];
    const cidr = text === undefined ? undefined : parseCidr(text);
    return cidr && { key, cidr, what };
  };
  const cluster = named('clusterCidr', 'the K3s pod network (cluster-cidr)');
  const service = named('serviceCidr', 'the K3s Service network (service-cidr)');
  const node = named('nodeCidr', "the nodes' LAN");
  const internal = [cluster, service].filter((c): c is NamedCidr => !!c);
  if (cluster && service && spansOverlap(cluster.cidr, service.cidr)) {
    error(['k3s', 'serviceCidr'], `${service.cidr.text} overlaps clusterCidr ${cluster.cidr.text}: K3s needs two separate blocks`);
  }
  for (const c of internal) {
    if (node && spansOverlap(node.cidr, c.cidr)) {
      error(['k3s', 'nodeCidr'], `${node.cidr.text} overlaps ${c.key} ${c.cidr.text}: the LAN must not share addresses with ${c.what}`);
    }
  }
  return { internal, node };
}

/** Parses the pools, checks each against the K3s networks and the others. */
function checkPools(config: ClusterConfig, cidrs: Cidrs, error: (p: Path, m: string) => void): Pool[] {
  const pool = config.kubeVip.services.ipPool;
  if (!pool) return [];
  const entries: Array<[Path, PoolEntry, string | undefined]> = [
    ...(pool.global ? [[['kubeVip', 'services', 'ipPool', 'global'], pool.global, undefined] as [Path, PoolEntry, undefined]] : []),
    ...Object.entries(pool.namespaces).map(
      ([ns, entry]) => [['kubeVip', 'services', 'ipPool', 'namespaces', ns], entry, ns] as [Path, PoolEntry, string],
    ),
  ];
  if (!entries.length)
    error(['kubeVip', 'services', 'ipPool'], 'has no pool: give `global` or `namespaces.<namespace>` a `cidr` or a `range`');
  const pools = entries.map(([path, entry, namespace]): Pool => {
    if (entry.cidr && entry.range)
      error(path, 'has both `cidr` and `range`; kube-vip-cloud-provider would use the cidr and ignore the range: keep one');
    if (!entry.cidr && !entry.range) error(path, 'has neither `cidr` nor `range`: give the addresses to hand out');
    const list = (key: 'cidr' | 'range') => {
      const value = entry[key];
      return value === undefined
        ? []
        : (Array.isArray(value) ? value : [value]).map((text, i) => ({
            text,
            path: Array.isArray(value) ? [...path, key, i] : [...path, key],
          }));
    };
    const spans = [
      ...list('cidr').map(({ text, path: p }) => ({ ...parseCidr(text)!, text, path: p })),
      ...list('range').map(({ text, path: p }) => {
        const [first, last] = text.split('-').map((t) => parseIp(t)!);
        return { family: first.family, first: first.value, last: last.value, text, path: p };
      }),
    ];
    return { path, namespace, spans };
  });
  if ('global' in pool.namespaces) {
    error(
      ['kubeVip', 'services', 'ipPool', 'namespaces', 'global'],
      'would write the ConfigMap keys of the global pool (`cidr-global`, `range-global`): use kubeVip.services.ipPool.global instead',
    );
  }
  // The provider looks up cidr-<ns>, cidr-global, range-<ns>, range-global, in that order
  // (pkg/provider/loadBalancer.go @ v0.0.12): a global cidr hides every namespace range.
  if (pool.global?.cidr) {
    for (const [ns, entry] of Object.entries(pool.namespaces)) {
      if (entry.range && !entry.cidr) {
        error(
          ['kubeVip', 'services', 'ipPool', 'namespaces', ns, 'range'],
          `would never be used: kube-vip-cloud-provider takes cidr-global before range-${ns}. Give namespace ${ns} a \`cidr\`, or the global pool a \`range\``,
        );
      }
    }
  }
  const all = pools.flatMap((p) => p.spans);
  all.forEach((span, i) => {
    const inside = cidrs.internal.find((c) => spansOverlap(c.cidr, span));
    if (inside)
      error(span.path, `${span.text} overlaps ${inside.what} ${inside.cidr.text}: Service VIPs must be free addresses on the nodes' LAN`);
    const other = all.slice(0, i).find((o) => spansOverlap(o, span));
    if (other)
      error(
        span.path,
        `${span.text} overlaps ${other.text} (${formatPath(other.path)}): one address could be handed to two Services; make the pools disjoint`,
      );
  });
  return pools;
}

function checkVipPlacement(vip: LocatedIp, cidrs: Cidrs, pools: readonly Pool[], lanChecks: boolean, error: (p: Path, m: string) => void) {
  const text = `"${vip.ip.text}"`;
  const inside = cidrs.internal.find((c) => cidrContains(c.cidr, vip.ip));
  if (inside) {
    error(
      vip.path,
      `${text} lies inside ${inside.what} ${inside.cidr.text}; nodes route that block into the cluster, so clients on the LAN could not reach the VIP: pick a free address on the nodes' LAN`,
    );
    return;
  }
  const pooled = pools.flatMap((p) => p.spans).find((span) => spanContains(span, vip.ip));
  if (pooled) {
    error(
      vip.path,
      `${text} lies inside the IP pool ${pooled.text} (${formatPath(pooled.path)}), which may hand it to another Service: pick an address outside the pools`,
    );
  }
  if (!lanChecks) return;
  const lan = cidrs.node?.cidr;
  if (lan && lan.family === vip.ip.family) {
    if (!cidrContains(lan, vip.ip)) {
      error(
        vip.path,
        `${text} is outside k3s.nodeCidr ${lan.text}: kube-vip announces VIPs by ARP/NDP on the nodes' LAN, so pick a free address inside it${typoHint(vip.ip, lan)}`,
      );
    } else if (ipv4EdgeAddress(lan, vip.ip)) {
      error(vip.path, `${text} is the ${ipv4EdgeAddress(lan, vip.ip)} address of k3s.nodeCidr ${lan.text}: pick a host address inside it`);
    }
  } else if (vip.ip.family === 4) {
    // No IPv4 LAN given (none, or an IPv6 nodeCidr): assume the usual /24.
    const edge = ipv4EdgeAddress(parseCidr(`${vip.ip.text}/24`)!, vip.ip);
    if (edge) {
      error(
        vip.path,
        `${text} is the ${edge} address of a /24 LAN: pick a host address, or set k3s.nodeCidr if your LAN is larger than a /24`,
      );
    }
  }
}

/**
 * The /24 guess cannot tell whether a Traefik VIP in another /24 than the control-plane VIP is on
 * the nodes' LAN too; k3s.nodeCidr can.
 */
function checkGuessedLan(
  cidrs: Cidrs,
  controlPlane: LocatedIp | undefined,
  services: readonly ServiceVips[],
  warn: (p: Path, m: string) => void,
) {
  if (!controlPlane || controlPlane.ip.family !== 4 || cidrs.node?.cidr.family === 4) return;
  const subnet = (ip: IpAddress) => ip.value >> 8n;
  for (const vip of services[0].ips) {
    if (vip.ip.family !== 4 || subnet(vip.ip) === subnet(controlPlane.ip)) continue;
    // The smallest block holding both, as a hint when it could be a LAN (a /16 or smaller).
    let prefix = 24;
    while (prefix > 16 && vip.ip.value >> BigInt(32 - prefix) !== controlPlane.ip.value >> BigInt(32 - prefix)) prefix--;
    const both =
      vip.ip.value >> BigInt(32 - prefix) === controlPlane.ip.value >> BigInt(32 - prefix)
        ? ` (both lie in ${parseCidr(`${vip.ip.text}/${prefix}`)!.text})`
        : '';
    warn(
      vip.path,
      `"${vip.ip.text}" is in another /24 than the control-plane VIP ${controlPlane.ip.text}; without k3s.nodeCidr this tool ` +
        `assumes a /24 LAN and cannot check that both are on the nodes' LAN: set k3s.nodeCidr to the LAN's block${both}`,
    );
  }
}

/**
 * More VIPs than one Service can have: several before kube-vip reads more than one, else two of one IP
 * family. A listed-twice address is not counted (it has its own message).
 */
function serviceVipCountProblem(ips: readonly IpAddress[], version: Version, rules: KubeVipRules): string | undefined {
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

/** One Service's VIP list: duplicates, families, versions, and a pool when it has none. */
function checkServiceVips(
  service: ServiceVips,
  version: Version,
  rules: KubeVipRules,
  pools: readonly Pool[],
  error: (p: Path, m: string) => void,
) {
  const seen = new Map<string, LocatedIp>();
  for (const vip of service.ips) {
    const first = seen.get(vip.ip.text);
    if (first) error(vip.path, `"${vip.ip.text}" is listed twice (first at ${formatPath(first.path)}): list each VIP once`);
    seen.set(vip.ip.text, vip);
  }
  const tooMany = serviceVipCountProblem(
    service.ips.map((vip) => vip.ip),
    version,
    rules,
  );
  if (tooMany) error(service.path, tooMany);
  if (!service.ips.length && !pools.some((p) => p.namespace === undefined || p.namespace === service.namespace)) {
    error(
      service.path,
      `is missing and no IP pool serves namespace ${service.namespace}, so ${service.label} would stay <pending>: give fixed addresses, or add kubeVip.services.ipPool.global (or namespaces.${service.namespace})`,
    );
  }
}

/** A VIP used twice: by the control plane and a Service (lease rules), or by Services on one port. */
function checkSharedVips(
  services: readonly ServiceVips[],
  controlPlane: LocatedIp | undefined,
  version: Version,
  rules: KubeVipRules,
  error: (p: Path, m: string) => void,
) {
  const owners = new Map<string, Array<{ service: ServiceVips; vip: LocatedIp }>>();
  if (controlPlane) {
    const apiServer: ServiceVips = {
      path: controlPlane.path,
      label: 'the API server',
      namespace: 'kube-system',
      ips: [controlPlane],
      ports: ['6443/TCP'],
    };
    owners.set(controlPlane.ip.text, [{ service: apiServer, vip: controlPlane }]);
  }
  for (const service of services) {
    for (const vip of service.ips) {
      if (controlPlane && vip.ip.value === controlPlane.ip.value && vip.ip.family === controlPlane.ip.family && !rules.commonLease) {
        error(
          vip.path,
          `"${vip.ip.text}" is also the control-plane VIP; kube-vip ${version.tag} elects separate leaders for the API server and for Services, so two nodes would announce it (split brain, kube-vip issues #464, #665): use another address, or kube-vip v1.1.0 or newer, which shares one lease`,
        );
      }
      const earlier = owners.get(vip.ip.text) ?? [];
      for (const other of earlier.filter((o) => o.service !== service)) {
        const clash = service.ports.filter((p) => other.service.ports.includes(p));
        if (clash.length) {
          error(
            vip.path,
            `"${vip.ip.text}" is also the VIP of ${other.service.label} (${formatPath(other.vip.path)}) and both use port ${clash.join(', ')}: use another address or other ports`,
          );
        }
      }
      owners.set(vip.ip.text, [...earlier, { service, vip }]);
    }
  }
}

/** A BGP peer is a router the VIPs are announced to: never one of the VIPs, and IPv6 only where kube-vip parses it. */
function checkBgpPeers(
  config: ClusterConfig,
  vips: ReadonlyArray<LocatedIp | undefined>,
  pools: readonly Pool[],
  version: Version,
  rules: KubeVipRules,
  error: (p: Path, m: string) => void,
) {
  const ownAddress = "give the router's own address";
  config.kubeVip.bgp?.peers.forEach((peer, i) => {
    const path = ['kubeVip', 'bgp', 'peers', i, 'address'];
    const ip = parseIp(peer.address);
    if (!ip) return;
    const vip = vips.find((v) => v && v.ip.family === ip.family && v.ip.value === ip.value);
    if (vip) {
      error(
        path,
        `"${ip.text}" is also a VIP (${formatPath(vip.path)}); a peer is the router kube-vip announces the VIPs to: ${ownAddress}`,
      );
    }
    const pooled = pools.flatMap((p) => p.spans).find((span) => spanContains(span, ip));
    if (pooled) {
      error(
        path,
        `"${ip.text}" lies inside the IP pool ${pooled.text} (${formatPath(pooled.path)}), which may hand it to a Service: ` +
          `${ownAddress}, outside the pools`,
      );
    }
    if (ip.family === 6 && !rules.ipv6BgpPeers) {
      error(
        path,
        `"${ip.text}" is IPv6, but kube-vip ${version.tag} splits each bgp_peers entry at every ":" and cannot read it: ` +
          "use the peer's IPv4 address, or kube-vip v0.5.8 or newer",
      );
    }
  });
}

function checkLoadBalancers(config: ClusterConfig, warn: (p: Path, m: string) => void, error: (p: Path, m: string) => void) {
  const names = new Map<string, number>();
  config.loadBalancers.forEach((lb, i) => {
    const id = `${lb.namespace}/${lb.name}`;
    if (names.has(id))
      error(
        ['loadBalancers', i, 'name'],
        `"${lb.name}" in namespace "${lb.namespace}" is already used by loadBalancers[${names.get(id)}]: each Service needs its own name`,
      );
    else names.set(id, i);
    if (lb.namespace === 'kube-system' && lb.name === 'traefik') {
      error(
        ['loadBalancers', i, 'name'],
        "kube-system/traefik is the Service of K3s' Traefik chart: configure it under `traefik`, not here",
      );
    }
    const seen = new Set<string>();
    lb.ports.forEach((port, j) => {
      const key = `${port.port}/${port.protocol}`;
      if (seen.has(key)) error(['loadBalancers', i, 'ports', j, 'port'], `${key} is listed twice: each port once`);
      seen.add(key);
      if (lb.ports.length > 1 && !port.name)
        error(
          ['loadBalancers', i, 'ports', j],
          'has no name; the API server requires a name on every port of a Service with several ports: add `name`',
        );
    });
    if (lb.loadBalancerClass && !lb.ips && config.kubeVip.services.ipPool) {
      warn(
        ['loadBalancers', i, 'loadBalancerClass'],
        'is set and the Service has no fixed ips: kube-vip-cloud-provider skips Services with a class unless started with KUBEVIP_ENABLE_LOADBALANCERCLASS=true, so it may stay <pending>: give fixed ips, or drop the class',
      );
    }
    if (lb.loadBalancerClass && lb.loadBalancerClass !== KUBE_VIP_CLASS) {
      warn(
        ['loadBalancers', i, 'loadBalancerClass'],
        `"${lb.loadBalancerClass}" is not kube-vip's class (${KUBE_VIP_CLASS}), so kube-vip leaves this Service to another controller`,
      );
    }
    if (lb.externalTrafficPolicy === 'Local' && config.kubeVip.mode === 'arp') {
      warn(
        ['loadBalancers', i, 'externalTrafficPolicy'],
        'is Local: in ARP mode the VIP sits on the kube-vip leader, and traffic is dropped unless that node runs a ready pod of this Service (kube-vip issues #608, #790)',
      );
    }
  });
}

function checkIngresses(config: ClusterConfig, warn: (p: Path, m: string) => void, error: (p: Path, m: string) => void) {
  const names = new Map<string, number>();
  const routes = new Map<string, number>();
  const resolvers = new Set([...Object.keys(config.traefik.certResolvers), ...config.traefik.externalCertResolvers]);
  for (const name of config.traefik.externalCertResolvers) {
    if (name in config.traefik.certResolvers) {
      error(['traefik', 'externalCertResolvers'], `"${name}" is also defined in traefik.certResolvers: list it in one place`);
    }
  }
  config.ingresses.forEach((ingress, i) => {
    const name = `${ingress.namespace}/${ingress.name}`;
    // pathType Prefix matches /api and /api/ alike.
    const route = `${ingress.host}${ingress.path.replace(/\/+$/, '')}/`;
    const sameName = names.get(name);
    if (sameName !== undefined) {
      error(
        ['ingresses', i, 'name'],
        `"${ingress.name}" in namespace "${ingress.namespace}" is already used by ingresses[${sameName}]: each Ingress needs its own name`,
      );
    }
    const sameRoute = routes.get(route);
    if (sameRoute !== undefined) {
      error(
        ['ingresses', i, 'path'],
        `host "${ingress.host}" with path "${ingress.path}" is already routed by ingresses[${sameRoute}]; only one of the two would get the traffic: change the host or the path`,
      );
    }
    const resolver = ingress.tls?.certResolver;
    if (resolver && ingress.host.startsWith('*.') && resolver in config.traefik.certResolvers) {
      error(
        ['ingresses', i, 'host'],
        `"${ingress.host}" is a wildcard, but resolver "${resolver}" uses the ${config.traefik.certResolvers[resolver].challenge.toUpperCase()} challenge, which cannot issue wildcard certificates (only DNS-01 can): list the host names, or use a DNS-01 resolver configured outside this project (traefik.externalCertResolvers)`,
      );
    }
    if (resolver && !resolvers.has(resolver)) {
      error(
        ['ingresses', i, 'tls', 'certResolver'],
        `"${resolver}" is not defined: Traefik would serve its self-signed default certificate. Define it under traefik.certResolvers, or list it in traefik.externalCertResolvers if it is configured elsewhere`,
      );
    }
    // A TLS Ingress gets a router on HTTPS only (router.tls), so Traefik answers http:// with 404.
    if (ingress.tls && !config.traefik.redirectToHttps) {
      warn(
        ['ingresses', i, 'tls'],
        `serves "${ingress.host}" on HTTPS only while traefik.redirectToHttps is false, ` +
          `so http://${ingress.host}${ingress.path} answers 404: set traefik.redirectToHttps: true`,
      );
    }
    names.set(name, names.get(name) ?? i);
    routes.set(route, routes.get(route) ?? i);
  });
}

/** `kubeVip.controlPlane.address`, `ingresses[0].host`: the key path as a user reads it. */
export function formatPath(path: Path): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
}
