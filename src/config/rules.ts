import { ClusterConfig } from './schema';
import { kubeVipRules, NEWEST_KNOWN, OLDEST_SUPPORTED } from '../kube-vip/versions';
import { cidrContains, IpAddress, IpCidr, parseCidr, parseIp, spansOverlap } from '../net/ip';
import { compareVersions, parseVersion } from '../semver';
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

interface LocatedIp {
  readonly path: ReadonlyArray<string | number>;
  readonly ip: IpAddress;
}

/**
 * Rules that relate several values of one cluster config to each other (the schema has already
 * checked each value on its own).
 */
export function checkClusterRules(config: ClusterConfig): RuleResult {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const error = (path: Problem['path'], message: string) => errors.push({ path, message });

  const version = parseVersion(config.kubeVip.version);
  if (compareVersions(version, OLDEST_SUPPORTED) < 0) {
    error(['kubeVip', 'version'], `"${config.kubeVip.version}" is older than the oldest supported kube-vip ${OLDEST_SUPPORTED.tag}: use ${OLDEST_SUPPORTED.tag} or newer (newest known: ${NEWEST_KNOWN.tag})`);
    return { errors, warnings };
  }
  if (compareVersions(version, NEWEST_KNOWN) > 0) {
    warnings.push({
      path: ['kubeVip', 'version'],
      message: `"${config.kubeVip.version}" is newer than the newest kube-vip this tool knows (${NEWEST_KNOWN.tag}); the output follows ${NEWEST_KNOWN.tag}'s rules: compare it with \`kube-vip manifest daemonset\` of that release`,
    });
  }
  const rules = kubeVipRules(version);
  checkChartVersion(config, errors, warnings);

  if (!config.kubeVip.controlPlane && !config.kubeVip.services.enabled) {
    error(['kubeVip'], 'kube-vip has nothing to do: set kubeVip.controlPlane.address, or kubeVip.services.enabled: true');
  }
  if (!config.kubeVip.services.enabled) {
    error(['kubeVip', 'services', 'enabled'], 'is false, but traefik.loadBalancerIPs needs kube-vip as LoadBalancer controller (with ServiceLB disabled nothing else announces the VIP, and Traefik stays <pending>): set it to true');
  }

  const cidrs = checkK3sCidrs(config, error);
  const controlPlane = locate(['kubeVip', 'controlPlane', 'address'], config.kubeVip.controlPlane?.address);
  const traefikIps = config.traefik.loadBalancerIPs
    .map((text, i) => locate(['traefik', 'loadBalancerIPs', i], text))
    .filter((ip): ip is LocatedIp => !!ip);

  for (const vip of [controlPlane, ...traefikIps]) {
    if (vip) checkVipPlacement(vip, cidrs, error);
  }

  const seen = new Map<string, LocatedIp>();
  for (const vip of traefikIps) {
    const first = seen.get(vip.ip.text);
    if (first) error(vip.path, `"${vip.ip.text}" is listed twice (first at ${formatPath(first.path)}): list each VIP once`);
    seen.set(vip.ip.text, vip);
  }
  const families = new Set(traefikIps.map((vip) => vip.ip.family));
  if (!rules.multipleServiceIPs && traefikIps.length > 1) {
    error(['traefik', 'loadBalancerIPs'], `has ${traefikIps.length} addresses, but kube-vip ${version.tag} reads one Service VIP (several, and dual-stack, need v0.7.0 or newer): keep one address or upgrade kube-vip`);
  } else if (families.size < traefikIps.length && seen.size === traefikIps.length) {
    error(['traefik', 'loadBalancerIPs'], 'has two addresses of the same IP family; a Service gets at most one IPv4 and one IPv6 VIP: keep one per family');
  }
  if (controlPlane) {
    const shared = traefikIps.find((vip) => vip.ip.value === controlPlane.ip.value && vip.ip.family === controlPlane.ip.family);
    if (shared && !rules.commonLease) {
      error(shared.path, `"${shared.ip.text}" is also the control-plane VIP; kube-vip ${version.tag} elects separate leaders for the API server and for Services, so two nodes would announce it (split brain, kube-vip issues #464, #665): use another address, or kube-vip v1.1.0 or newer, which shares one lease`);
    }
  }

  checkIngresses(config, error);
  return { errors, warnings };
}

function checkChartVersion(config: ClusterConfig, errors: Problem[], warnings: Problem[]) {
  const path = ['traefik', 'chartVersion'];
  const chart = parseVersion(upstreamChartVersion(config.traefik.chartVersion));
  if (compareVersions(chart, OLDEST_CHART) < 0) {
    errors.push({ path, message: `"${config.traefik.chartVersion}" is older than the oldest supported Traefik chart ${OLDEST_CHART.tag.slice(1)} (K3s v1.27+): upgrade K3s` });
  } else if (compareVersions(chart, NEWEST_KNOWN_CHART) > 0) {
    warnings.push({ path, message: `"${config.traefik.chartVersion}" is newer than the newest Traefik chart this tool knows (${NEWEST_KNOWN_CHART.tag.slice(1)}); values follow that chart's keys: check the chart's changelog` });
  }
}

function locate(path: Problem['path'], text: string | undefined): LocatedIp | undefined {
  const ip = text === undefined ? undefined : parseIp(text);
  return ip && { path, ip };
}

interface NamedCidr {
  readonly key: string;
  readonly cidr: IpCidr;
  readonly what: string;
}

function checkK3sCidrs(config: ClusterConfig, error: (path: Problem['path'], message: string) => void) {
  const named = (key: 'clusterCidr' | 'serviceCidr' | 'nodeCidr', what: string): NamedCidr | undefined => {
    const text = config.k3s[key];
    const cidr = text === undefined ? undefined : parseCidr(text);
    return cidr && { key, cidr, what };
  };
  const cluster = named('clusterCidr', 'the K3s pod network (cluster-cidr)');
  const service = named('serviceCidr', 'the K3s Service network (service-cidr)');
  const node = named('nodeCidr', 'the nodes\' LAN');
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

function checkVipPlacement(
  vip: LocatedIp,
  cidrs: { internal: NamedCidr[]; node?: NamedCidr },
  error: (path: Problem['path'], message: string) => void,
) {
  const text = `"${vip.ip.text}"`;
  const inside = cidrs.internal.find((c) => cidrContains(c.cidr, vip.ip));
  if (inside) {
    error(vip.path, `${text} lies inside ${inside.what} ${inside.cidr.text}; nodes route that block into the cluster, so clients on the LAN could not reach the VIP: pick a free address on the nodes' LAN`);
    return;
  }
  const lan = cidrs.node?.cidr;
  if (lan && lan.family === vip.ip.family) {
    if (!cidrContains(lan, vip.ip)) {
      error(vip.path, `${text} is outside k3s.nodeCidr ${lan.text}: kube-vip announces VIPs by ARP/NDP on the nodes' LAN, so pick a free address inside it`);
    } else if (vip.ip.family === 4 && lan.prefix < 31 && (vip.ip.value === lan.first || vip.ip.value === lan.last)) {
      error(vip.path, `${text} is the ${vip.ip.value === lan.first ? 'network' : 'broadcast'} address of k3s.nodeCidr ${lan.text}: pick a host address inside it`);
    }
  } else if (!lan && vip.ip.family === 4) {
    const lastOctet = vip.ip.value & 0xffn;
    if (lastOctet === 0n || lastOctet === 255n) {
      error(vip.path, `${text} is the ${lastOctet === 0n ? 'network' : 'broadcast'} address of a /24 LAN: pick a host address, or set k3s.nodeCidr if your LAN is larger than a /24`);
    }
  }
}

function checkIngresses(config: ClusterConfig, error: (path: Problem['path'], message: string) => void) {
  const names = new Map<string, number>();
  const routes = new Map<string, number>();
  config.ingresses.forEach((ingress, i) => {
    const name = `${ingress.namespace}/${ingress.name}`;
    const route = `${ingress.host}${ingress.path}`;
    const sameName = names.get(name);
    if (sameName !== undefined) {
      error(['ingresses', i, 'name'], `"${ingress.name}" in namespace "${ingress.namespace}" is already used by ingresses[${sameName}]: each Ingress needs its own name`);
    }
    const sameRoute = routes.get(route);
    if (sameRoute !== undefined) {
      error(['ingresses', i, 'path'], `host "${ingress.host}" with path "${ingress.path}" is already routed by ingresses[${sameRoute}]; only one of the two would get the traffic: change the host or the path`);
    }
    names.set(name, names.get(name) ?? i);
    routes.set(route, routes.get(route) ?? i);
  });
}

/** `kubeVip.controlPlane.address`, `ingresses[0].host`: the key path as a user reads it. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
}
