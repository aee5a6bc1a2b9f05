import { isIPv4, isIPv6 } from 'node:net';

/** An IPv4 or IPv6 address as a number, so ranges and prefixes are plain arithmetic. */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
  /** The address as written in canonical form (IPv6 compressed, lower-case). */
  readonly text: string;
}

/** A network prefix such as 10.42.0.0/16. */
export interface IpCidr {
  readonly family: 4 | 6;
  /** First address of the block (the network address). */
  readonly first: bigint;
  /** Last address of the block (the broadcast address for IPv4). */
  readonly last: bigint;
  readonly prefix: number;
  readonly text: string;
}

const BITS = { 4: 32, 6: 128 } as const;

/**
 * `isIPv6`, skipped for text without a colon, which no IPv6 spelling lacks: the first match of
 * Node's IPv6 pattern compiles a large regular expression (15 to 40 ms measured), which a config
 * without IPv6 need not pay on every synth.
 */
function isIpv6Text(text: string): boolean {
  return text.includes(':') && isIPv6(text);
}

/** `net.isIP(text) !== 0` (zone ids such as `fe80::1%eth0` included), at IPv4 cost for text without a colon. */
export function isIpAddress(text: string): boolean {
  return isIPv4(text) || isIpv6Text(text);
}

/** Parses a bare IP address (no prefix length). Returns undefined when it is not one. */
export function parseIp(text: string): IpAddress | undefined {
  if (isIPv4(text)) {
    const value = text.split('.').reduce((acc, octet) => (acc << 8n) + BigInt(Number(octet)), 0n);
    return { family: 4, value, text: formatIp(4, value) };
  }
  if (isIpv6Text(text) && !text.includes('%')) {
    const value = ipv6ToBigInt(text);
    return { family: 6, value, text: formatIp(6, value) };
  }
  return undefined;
}

/** Parses `address/prefix`. Returns undefined when it is not a CIDR block. */
export function parseCidr(text: string): IpCidr | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!match) return undefined;
  const ip = parseIp(match[1]);
  const prefix = Number(match[2]);
  if (!ip || prefix > BITS[ip.family]) return undefined;
  const hostBits = BigInt(BITS[ip.family] - prefix);
  const first = (ip.value >> hostBits) << hostBits;
  const last = first + (1n << hostBits) - 1n;
  return { family: ip.family, first, last, prefix, text: `${formatIp(ip.family, first)}/${prefix}` };
}

/** True when the CIDR was written with host bits set (10.42.0.1/16 instead of 10.42.0.0/16). */
export function hasHostBits(text: string): boolean {
  const cidr = parseCidr(text);
  const ip = parseIp(text.split('/')[0]);
  return !!cidr && !!ip && ip.value !== cidr.first;
}

export function cidrContains(cidr: IpCidr, ip: IpAddress): boolean {
  return cidr.family === ip.family && ip.value >= cidr.first && ip.value <= cidr.last;
}

/** Inclusive address span, used for CIDRs and `a-b` ranges alike. */
export interface IpSpan {
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
}

export function spansOverlap(a: IpSpan, b: IpSpan): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

export function spanContains(span: IpSpan, ip: IpAddress): boolean {
  return span.family === ip.family && ip.value >= span.first && ip.value <= span.last;
}

/** An address as text: IPv4 dotted, IPv6 compressed (RFC 5952). */
export function formatIp(family: 4 | 6, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - i * 16)) & 0xffffn));
  // Compress the longest run of two or more zero groups (RFC 5952).
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function ipv6ToBigInt(text: string): bigint {
  let address = text.toLowerCase();
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (v4) {
    const n = parseIp(v4[1])!.value;
    address = `${address.slice(0, v4.index)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}

// Parsed on first use, by an IPv6 address (see isIpv6Text).
let ipv4Spellings: { mapped: IpCidr; compatible: IpCidr } | undefined;

/**
 * An IPv6 spelling of an IPv4 address: IPv4-mapped (`::ffff:192.168.0.41`, RFC 4291 §2.5.5.2) or
 * the deprecated IPv4-compatible form (`::192.168.0.41`, §2.5.5.1; `::` and `::1` are not). Hosts
 * treat them as IPv4, so each address gets one spelling: the IPv4 one.
 */
export function embeddedIpv4(ip: IpAddress): { kind: 'IPv4-mapped' | 'IPv4-compatible'; ipv4: string } | undefined {
  if (ip.family !== 6 || ip.value <= 1n) return undefined;
  ipv4Spellings ??= { mapped: parseCidr('::ffff:0:0/96')!, compatible: parseCidr('::/96')! };
  const { mapped, compatible } = ipv4Spellings;
  const kind = cidrContains(mapped, ip) ? 'IPv4-mapped' : cidrContains(compatible, ip) ? 'IPv4-compatible' : undefined;
  return kind && { kind, ipv4: formatIp(4, ip.value & 0xffffffffn) };
}

/**
 * The canonical text of a dotted IPv4 address written with leading zeros (`192.168.000.041`), which
 * Node and Go refuse and some C libraries read as octal; undefined for anything else.
 */
export function zeroPaddedIpv4(text: string): string | undefined {
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)?.slice(1).map(Number);
  return octets && octets.every((o) => o <= 255) && !isIPv4(text) ? octets.join('.') : undefined;
}

/** Address blocks no virtual IP may use: nothing on a LAN can answer ARP/NDP for them. */
const RESERVED: ReadonlyArray<readonly [string, string]> = [
  ['0.0.0.0/8', 'the "this network" block'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved (class E) or broadcast'],
  ['::/128', 'the unspecified address'],
  ['::1/128', 'loopback'],
  ['fe80::/10', 'link-local'],
  ['ff00::/8', 'multicast'],
];
// Parsed per family on first use, so IPv4 addresses never parse the IPv6 blocks (see isIpv6Text).
const reservedBlocks = new Map<4 | 6, ReadonlyArray<{ cidr: IpCidr; what: string }>>();

/** Says why an address cannot be a virtual IP, or undefined when it can. */
export function reservedUse(ip: IpAddress): string | undefined {
  let blocks = reservedBlocks.get(ip.family);
  if (!blocks) {
    blocks = RESERVED.filter(([text]) => text.includes(':') === (ip.family === 6)).map(([text, what]) => ({
      cidr: parseCidr(text)!,
      what,
    }));
    reservedBlocks.set(ip.family, blocks);
  }
  return blocks.find(({ cidr }) => cidrContains(cidr, ip))?.what;
}

/** True when two texts name the same address (fd00::40 and fd00:0::40 do). */
export function sameIp(a: string, b: string): boolean {
  const x = parseIp(a);
  const y = parseIp(b);
  return !!x && !!y && x.family === y.family && x.value === y.value;
}

/**
 * `network` or `broadcast` when `ip` is the first or last address of an IPv4 block that has host
 * addresses besides them (prefix below /31, RFC 3021); undefined otherwise.
 */
export function ipv4EdgeAddress(cidr: IpCidr, ip: IpAddress): 'network' | 'broadcast' | undefined {
  if (ip.family !== 4 || cidr.family !== 4 || cidr.prefix >= 31) return undefined;
  return ip.value === cidr.first ? 'network' : ip.value === cidr.last ? 'broadcast' : undefined;
}

/** An address as the host of a URL or an scp target: IPv6 in brackets (RFC 3986 §3.2.2), IPv4 as is. */
export function urlHost(address: string): string {
  return parseIp(address)?.family === 6 ? `[${address}]` : address;
}
