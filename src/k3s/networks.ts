import { Report } from '../core/problem';
import { IpAddress, IpCidr, parseCidr, parseIp, spansOverlap } from '../net/ip';
import type { ClusterConfig } from '../config/schema';
import { parseK3sVersion } from '../semver';
import { firstK3sWith, k3sRules } from './versions';

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

/** Parses K3s' networks and k3s.nodeCidr once for every check; overlapping networks are errors. */
export function checkK3sNetworks(
  config: { readonly k3s: Pick<ClusterConfig['k3s'], 'clusterCidr' | 'serviceCidr' | 'nodeCidr'> & { readonly version?: string } },
  error: Report,
): Cidrs {
  // Dual-stack networks hold one block per family.
  const named = (key: 'clusterCidr' | 'serviceCidr' | 'nodeCidr', what: string): NamedCidr[] =>
    networkBlocks(config.k3s[key]).map((cidr) => ({ key, cidr, what }));
  const cluster = named('clusterCidr', 'the K3s pod network (cluster-cidr)');
  const service = named('serviceCidr', 'the K3s Service network (service-cidr)');
  const [node] = named('nodeCidr', "the nodes' LAN");
  const internal = [...cluster, ...service];
  for (const s of service) {
    for (const c of cluster.filter((c) => spansOverlap(c.cidr, s.cidr))) {
      error(['k3s', 'serviceCidr'], `${s.cidr.text} overlaps clusterCidr ${c.cidr.text}: K3s needs two separate blocks`);
    }
  }
  // K3s' default --cluster-dns is the tenth address of each Service block (k3s-io/k3s pkg/cli/server/server.go:
  // `utilsnet.GetIndexedIP(svcCIDR, 10)`, else "cannot configure default cluster-dns address"): 11 addresses at least.
  for (const s of service.filter((s) => s.cidr.last - s.cidr.first < 10n)) {
    const widest = s.cidr.family === 4 ? 28 : 124;
    error(
      ['k3s', 'serviceCidr'],
      `${s.cidr.text} holds ${s.cidr.last - s.cidr.first + 1n} addresses, but K3s gives CoreDNS the tenth one (the --cluster-dns default) and does not start without it: use /${widest} or wider${s.cidr.family === 4 ? " (/16 is K3s' default size)" : ''}`,
    );
  }
  // 64b-10: a Service block wider than the API server of `k3s.version` takes (K3sRules.wideServiceCidr): it does not start.
  // Without k3s.version the runbook installs K3s' current release, which takes it.
  const version = config.k3s.version === undefined ? undefined : parseK3sVersion(config.k3s.version);
  if (version && !k3sRules(version).wideServiceCidr)
    for (const s of service.filter((s) => s.cidr.prefix < (s.cidr.family === 4 ? 12 : 108))) {
      const narrowest = s.cidr.family === 4 ? 12 : 108;
      error(
        ['k3s', 'serviceCidr'],
        `${s.cidr.text} is wider than /${narrowest}, which the kube-apiserver of K3s ${config.k3s.version} refuses ("specified --service-cluster-ip-range is too large"), so K3s does not start: use /${narrowest} or narrower${s.cidr.family === 4 ? " (/16 is K3s' default size)" : ''}, or a K3s ${firstK3sWith('wideServiceCidr').replace(/\.0\+k3s1$/, '')} release or newer`,
      );
    }
  for (const c of internal) {
    if (node && spansOverlap(node.cidr, c.cidr)) {
      error(['k3s', 'nodeCidr'], `${node.cidr.text} overlaps ${c.key} ${c.cidr.text}: the LAN must not share addresses with ${c.what}`);
    }
  }
  return { internal, node };
}

/**
 * K3s' comma-separated value lists: `cluster-cidr`, `service-cidr` and `node-ip` take one entry per IP family,
 * the first one the primary family (k3s-io/k3s `pkg/cli/server/server.go`: "set ClusterIPRange to the first
 * address (first defined IPFamily is preferred)"). The values have passed their format rules; an entry that
 * does not parse is left out.
 */
export function networkBlocks(text: string | undefined): IpCidr[] {
  return (text ?? '')
    .split(',')
    .map((part) => parseCidr(part))
    .filter((cidr): cidr is IpCidr => !!cidr);
}

/** A node's addresses, its `node-ip` entries in order. */
export function nodeIps(text: string): IpAddress[] {
  return text
    .split(',')
    .map((part) => parseIp(part))
    .filter((ip): ip is IpAddress => !!ip);
}

/** The families of a list, in order: `[4]`, `[4, 6]`, `[6, 4]`. */
export function familiesOf(entries: ReadonlyArray<{ readonly family: 4 | 6 }>): Array<4 | 6> {
  return entries.map((entry) => entry.family);
}

/** "IPv4", "IPv4 and IPv6" (the primary family first). */
export function describeFamilies(families: ReadonlyArray<4 | 6>): string {
  return families.map((family) => `IPv${family}`).join(' and ');
}
