import { typoDistance } from '../core/closest';
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
  return text !== ip.text && typoDistance(text, ip.text) <= MAX_TYPO ? text : undefined;
}

/** `: a typo for 192.168.0.41?` after a VIP-outside-the-LAN message, or nothing. */
export function typoHint(ip: IpAddress, lan: IpCidr): string {
  const meant = likelyTypo(ip, lan);
  return meant ? ` (a typo for ${meant}?)` : '';
}
