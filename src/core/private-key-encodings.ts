import { createHash } from 'node:crypto';

/**
 * Round 69 (69a-4): private keys in encodings other than PEM, DER and JWK:
 * - .NET's `RSA.ToXmlString(true)` (learn.microsoft.com dotnet/api/system.security.cryptography.rsa.toxmlstring): an
 *   `<RSAKeyValue>` holding `<P>`, `<Q>`, `<DP>`, `<DQ>`, `<InverseQ>` or `<D>` (the public form has only `<Modulus>` and
 *   `<Exponent>`), and a `<DSAKeyValue>` holding `<X>`;
 * - a Nostr secret key, `nsec1` and 58 bech32 characters (github.com/nostr-protocol/nips 19.md);
 * - Bitcoin's WIF (en.bitcoin.it/wiki/Wallet_import_format: base58check of 0x80, the key and an optional 0x01) and BIP32
 *   extended private keys `xprv`/`tprv`… (github.com/bitcoin/bips bip-0032.mediawiki, "Serialization format"), each
 *   taken only where its base58check checksum holds, so a random word of the same shape passes.
 */
export const ENCODED_PRIVATE_KEY = 'a private key (.NET XML, Nostr nsec, Bitcoin WIF or an extended private key)';

const XML_OPEN = /<(RSAKeyValue|DSAKeyValue)>/g;
const XML_PRIVATE = /<(?:P|Q|DP|DQ|InverseQ|D|X)>\s*([A-Za-z0-9+/=]{8,})\s*<\//dg;
const NSEC = /(?<![A-Za-z0-9])nsec1[02-9ac-hj-np-z]{58}(?![A-Za-z0-9])/g;
const BASE58 = /(?<![A-Za-z0-9])(?:[5KLc9][1-9A-HJ-NP-Za-km-z]{50,51}|[xyzt]prv[1-9A-HJ-NP-Za-km-z]{107})(?![A-Za-z0-9])/g;
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58check: the bytes with their 4-byte checksum (double SHA-256) verified, or none. */
function base58Check(word: string): Buffer | undefined {
  let n = 0n;
  for (const char of word) n = n * 58n + BigInt(ALPHABET.indexOf(char));
  const hex = n.toString(16);
  const bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  if (bytes.length < 5) return undefined;
  const body = bytes.subarray(0, -4);
  const sum = createHash('sha256').update(createHash('sha256').update(body).digest()).digest();
  return sum.subarray(0, 4).equals(bytes.subarray(-4)) ? body : undefined;
}

/** A WIF key (0x80 or testnet 0xef, 32 bytes, maybe 0x01) or an extended private key (78 bytes, its key after 0x00). */
function isBase58PrivateKey(word: string): boolean {
  const body = base58Check(word);
  if (!body) return false;
  if (/^[xyzt]prv/.test(word)) return body.length === 78 && body[45] === 0;
  return (body[0] === 0x80 || body[0] === 0xef) && (body.length === 33 || (body.length === 34 && body[33] === 1));
}

/** Each `<RSAKeyValue>`/`<DSAKeyValue>` element read once, up to its end tag (or the text's): its private parts' spans. */
function xmlPrivateSpans(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  XML_OPEN.lastIndex = 0;
  for (let open = XML_OPEN.exec(text); open; open = XML_OPEN.exec(text)) {
    const end = text.indexOf(`</${open[1]}>`, XML_OPEN.lastIndex);
    const body = text.slice(XML_OPEN.lastIndex, end < 0 ? text.length : end);
    for (const match of body.matchAll(XML_PRIVATE))
      found.push([XML_OPEN.lastIndex + match.indices![1]![0], XML_OPEN.lastIndex + match.indices![1]![1]]);
    XML_OPEN.lastIndex = end < 0 ? text.length : end;
  }
  return found;
}

export function encodedPrivateKeySpans(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  if (/KeyValue>/.test(text)) found.push(...xmlPrivateSpans(text));
  if (text.includes('nsec1')) for (const match of text.matchAll(NSEC)) found.push([match.index, match.index + match[0].length]);
  for (const match of text.matchAll(BASE58)) if (isBase58PrivateKey(match[0])) found.push([match.index, match.index + match[0].length]);
  return found;
}
