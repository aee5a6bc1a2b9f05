/**
 * Round 69 (69a-25): bearer credentials in non-JWT formats, and a Kerberos key as klist prints it:
 * - a PASETO, `v1`…`v4` then `local` or `public`, its base64url payload and an optional footer (github.com/paseto-standard/
 *   paseto-spec, docs/01-Protocol-Versions: "version.purpose.payload[.footer]"): like a JWT, whoever holds it is let in;
 * - a macaroon in libmacaroons' v1 serialization, base64 (or base64url) of packets `00XXlocation …` (github.com/rescrv/
 *   libmacaroons, macaroons.c: each packet a 4-hex length then `key value\n`, the first `location`);
 * - `klist -k -K` (MIT klist(1): "-K display the value of the encryption key"): a keytab entry's key after its enctype,
 *   `(aes256-cts-hmac-sha1-96)  (0x…)`, the service principal's long-term key (it decrypts its tickets).
 */
export const BEARER_TOKEN = 'a bearer token (a PASETO or a macaroon) or a Kerberos key from `klist -K`';

const PASETO = /(?<![\w.-])v[1-4]\.(?:local|public)\.[A-Za-z0-9_-]{40,}(?:\.[A-Za-z0-9_-]+)?/g;
/** "00", a length's last 2 hex digits, "location " in base64: `MDA` + 5 characters, then `Y2F0aW9uI` (`cation `). */
const MACAROON_V1 = /(?<![A-Za-z0-9+/_-])MDA[A-Za-z0-9+/_-]{5}Y2F0aW9uI[A-Za-z0-9+/_-]{40,}={0,2}/g;
const KLIST_KEY =
  /\((?:aes\d{3}-cts[\w-]*|camellia\d{3}-cts[\w-]*|arcfour-hmac[\w-]*|rc4-hmac[\w-]*|des3-cbc-[\w-]*|des-cbc-[\w-]*|DEPRECATED:[\w-]+)\)[ \t]+\(0x([0-9a-fA-F]{16,})\)/dg;

export function bearerTokenSpans(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  if (/v[1-4]\.(?:local|public)\./.test(text))
    for (const match of text.matchAll(PASETO)) found.push([match.index, match.index + match[0].length]);
  if (text.includes('Y2F0aW9uI')) for (const match of text.matchAll(MACAROON_V1)) found.push([match.index, match.index + match[0].length]);
  if (text.includes('(0x')) for (const match of text.matchAll(KLIST_KEY)) found.push(match.indices![1]!);
  return found;
}
