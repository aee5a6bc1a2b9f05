import type { ClusterConfig } from '../config/schema';
import { trustedNetwork } from '../config/formats';
import { clusterVipServices, keyPath, usesServicesElection } from '../kube-vip/client-ip';
import { cidrContains, IpCidr, parseCidr, parseIp, spansOverlap } from '../net/ip';
import { TRUSTED_PROXY_ENTRYPOINTS } from './values';

type Path = ReadonlyArray<string | number>;
type Report = (path: Path, message: string) => void;

/** One list of networks Traefik trusts, wherever it was written. */
interface TrustList {
  readonly path: Path;
  readonly entries: readonly unknown[];
  /** What Traefik believes from them. */
  readonly header: 'X-Forwarded-*' | 'PROXY protocol';
}

/**
 * Traefik's side of the client IP: with `Local` its pods must fit on the control-plane nodes, one per
 * node; and every network it trusts forwarded headers from (from `trustedProxies` or `values`) is
 * checked the same way.
 */
export function checkTraefikClientIp(config: ClusterConfig, error: Report, warn: Report): void {
  const { traefik } = config;
  const servers = config.k3s.servers?.length;
  if (traefik.externalTrafficPolicy === 'Local' && servers !== undefined && traefik.replicas > servers) {
    error(
      ['traefik', 'replicas'],
      `is ${traefik.replicas}, but with externalTrafficPolicy Local Traefik runs only on the ${servers} control-plane node(s), where kube-vip runs, ` +
        `one pod each, so ${traefik.replicas - servers} would stay Pending: use at most ${servers}`,
    );
  }
  checkUdpService(config, error);
  const lists = trustLists(config, error);
  for (const list of lists) checkEntries(list, error);
  if (traefik.externalTrafficPolicy === 'Cluster') checkBehindSourceNat(config, lists, error, warn);
}

/**
 * With `service.single: false` the chart puts UDP ports (a UDP entrypoint, or HTTP/3) into a second
 * Service `<fullname>-udp` with the same annotations, so on the same VIP (traefik/templates/service.yaml,
 * v20.1.1 to v41.3.0). Under per-Service election the two would elect their leaders apart.
 */
function checkUdpService(config: ClusterConfig, error: Report) {
  const { values } = config.traefik;
  const service = values.service;
  if (!isMap(service) || service.single !== false || !usesServicesElection(config)) return;
  const ports = isMap(values.ports) ? Object.values(values.ports).filter(isMap) : [];
  if (!ports.some((port) => port.protocol === 'UDP' || (isMap(port.http3) && port.http3.enabled === true))) return;
  const local = clusterVipServices(config).find((s) => s.policy === 'Local')!;
  error(
    ['traefik', 'values', 'service', 'single'],
    "is false, so Traefik's UDP ports get a Service of their own (traefik-udp) on the same VIP; with per-Service election " +
      `(on because ${keyPath(local.policyPath)} is Local) the two elect their leaders apart, so two nodes could announce it: ` +
      'keep service.single: true (one Service for TCP and UDP)',
  );
}

/** `traefik.trustedProxies`, and every `trustedIPs` list and `insecure` flag under `traefik.values.ports`. */
function trustLists(config: ClusterConfig, error: Report): TrustList[] {
  const { trustedProxies, values } = config.traefik;
  const lists: TrustList[] = trustedProxies.length
    ? [{ path: ['traefik', 'trustedProxies'], entries: trustedProxies, header: 'X-Forwarded-*' }]
    : [];
  const ports = values.ports;
  if (!isMap(ports)) return lists;
  for (const [name, port] of Object.entries(ports)) {
    if (!isMap(port)) continue;
    for (const [key, header] of [
      ['forwardedHeaders', 'X-Forwarded-*'],
      ['proxyProtocol', 'PROXY protocol'],
    ] as const) {
      const block = port[key];
      if (!isMap(block)) continue;
      const path = ['traefik', 'values', 'ports', name, key];
      if (block.insecure === true) {
        error(
          [...path, 'insecure'],
          `is true: Traefik then believes ${header} headers from every client, so anyone can pose as any address: ` +
            (header === 'X-Forwarded-*'
              ? 'list your proxies in traefik.trustedProxies instead'
              : 'list your proxies in trustedIPs instead'),
        );
      }
      // The generator writes trustedProxies there; a different list is a conflict, reported by the values check.
      const generated = key === 'forwardedHeaders' && trustedProxies.length && TRUSTED_PROXY_ENTRYPOINTS.includes(name);
      if (Array.isArray(block.trustedIPs) && !generated) lists.push({ path: [...path, 'trustedIPs'], entries: block.trustedIPs, header });
    }
  }
  return lists;
}

/** Each entry an address or CIDR block that is not every address, each once (values entries: the schema checked first-class ones). */
function checkEntries(list: TrustList, error: Report) {
  const seen = new Map<string, number>();
  list.entries.forEach((entry, i) => {
    if (typeof entry !== 'string') return; // the chart's values schema reports the type
    if (list.path[1] === 'values') {
      const problem = trustedNetwork(entry);
      if (problem) {
        error([...list.path, i], problem);
        return;
      }
    }
    const key = canonical(entry);
    const first = seen.get(key);
    if (first !== undefined) error([...list.path, i], `"${entry}" is listed twice (first at index ${first}): list each network once`);
    else seen.set(key, i);
  });
}

/**
 * With `Cluster`, kube-proxy source-NATs every request to Traefik: it comes from a node, or from the pod
 * network, never from the proxy. A trusted network that covers those trusts every client; any other
 * is never matched.
 */
function checkBehindSourceNat(config: ClusterConfig, lists: readonly TrustList[], error: Report, warn: Report) {
  const podNetwork = parseCidr(config.k3s.clusterCidr);
  const nodes = [...(config.k3s.servers ?? []), ...(config.k3s.agents ?? [])];
  for (const list of lists) {
    let covering = false;
    list.entries.forEach((entry, i) => {
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
        [...list.path, i],
        `"${entry}" covers ${what}; with traefik.externalTrafficPolicy Cluster every request reaches Traefik from there after source NAT, ` +
          `so Traefik would believe every client's ${list.header} headers: set traefik.externalTrafficPolicy: Local`,
      );
    });
    if (!covering && list.entries.length) {
      warn(
        list.path,
        'is set while traefik.externalTrafficPolicy is Cluster: requests reach Traefik from a node after source NAT, never from your proxy, ' +
          `so Traefik ignores its ${list.header} headers: set traefik.externalTrafficPolicy: Local`,
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

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
