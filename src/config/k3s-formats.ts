import { parseCidr, parseIp, reservedUse } from '../net/ip';
import { parseK3sVersion } from '../semver';
import { FormatCheck, oddSpellingProblem, onePerFamily } from './formats';

/** Format rules of the K3s node inventory: release tags and node addresses (the token file: token-file.ts). */

/** `v1.33.5+k3s1`, as K3s tags its releases (github.com/k3s-io/k3s/releases). */
export const k3sVersion: FormatCheck = (value) =>
  parseK3sVersion(value) ? undefined : `${JSON.stringify(value)} is not a K3s release: expected a tag such as "v1.33.5+k3s1"`;

/** A node's own address (K3s node-ip): one unicast address, in its one spelling. */
export const nodeAddress: FormatCheck = (value) => {
  const odd = oddSpellingProblem(value, value);
  if (odd) return odd;
  const ip = parseIp(value);
  if (!ip) {
    const bare = value.split('/')[0];
    return parseCidr(value)
      ? `${JSON.stringify(value)} has a prefix length: write the node's address alone, "${bare}"`
      : `${JSON.stringify(value)} is not an IP address: expected the node's own address, e.g. "192.168.0.11"`;
  }
  const reserved = reservedUse(ip);
  return reserved ? `${JSON.stringify(value)} is ${reserved}; a node address is its unicast address on the LAN` : undefined;
};

/** K3s `node-ip`: one address, or in a dual-stack cluster one per IP family, comma-separated. */
export const nodeAddresses = onePerFamily(nodeAddress, (part) => parseIp(part)?.family, '192.168.0.11,fd00::11');
