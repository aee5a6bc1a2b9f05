import { formatIp, IpAddress, IpCidr } from './ip';

/** How many characters may differ between an address as typed and the one meant: one slip, or two swapped digits. */
const MAX_TYPO = 2;

/**
 * The address of `lan` that a VIP outside it most likely meant: the LAN's network part with the
 * VIP's host part (`192.168.1.41` in `192.168.0.0/24` -> `192.168.0.41`), when the two differ by a
 * typo's worth of characters and it is a usable host address; else undefined (a different network).
 */
export function likelyTypo(ip: IpAddress, lan: IpCidr): string | undefined {
  if (ip.family !== lan.family) return undefined;
  const hostBits = BigInt((ip.family === 4 ? 32 : 128) - lan.prefix);
  const hostPart = ip.value & ((1n << hostBits) - 1n);
  const meant = lan.first | hostPart;
  // Not the network or broadcast address of an IPv4 LAN.
  if (ip.family === 4 && lan.prefix < 31 && (meant === lan.first || meant === lan.last)) return undefined;
  const text = formatIp(ip.family, meant);
  return text !== ip.text && editDistance(text, ip.text) <= MAX_TYPO ? text : undefined;
}

/** Levenshtein distance, counting a swap of two neighbours as one change. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** `: a typo for 192.168.0.41?` after a VIP-outside-the-LAN message, or nothing. */
export function typoHint(ip: IpAddress, lan: IpCidr): string {
  const meant = likelyTypo(ip, lan);
  return meant ? ` (a typo for ${meant}?)` : '';
}
