import { IpAddress, IpCidr, parseCidr, parseIp } from '../net/ip';

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
