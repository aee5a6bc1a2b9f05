/**
 * Bytes for the secret readers' binary rows (keystores in hex, base32, ...): deterministic stand-ins for a key's
 * random bytes and the encodings the rows write them in.
 */

/** Deterministic bytes standing for a key's random ones. */
export const filler = (length: number, seed = 7): Buffer => Buffer.from(Array.from({ length }, (_, i) => (i * 37 + seed * 11 + 5) % 251));
/** Bytes from hex digits, blanks ignored. */
export const hex = (text: string): Buffer => Buffer.from(text.replace(/\s/g, ''), 'hex');
/** A Java modified-UTF-8 string: a 2-byte length, then the text (JKS aliases). */
export const counted = (text: string): Buffer => Buffer.concat([Buffer.from([text.length >> 8, text.length & 0xff]), Buffer.from(text)]);

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** RFC 4648 base32, padded, as coreutils `base32 -w0` writes it. */
export function base32(bytes: Buffer): string {
  let [out, bits, value] = ['', 0, 0];
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    for (; bits >= 5; bits -= 5) out += BASE32[(value >> (bits - 5)) & 31];
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out.padEnd(Math.ceil(out.length / 8) * 8, '=');
}

/** A PFX (RFC 7292 §4) of certificate safe bytes, then a pkcs8ShroudedKeyBag last, as OpenSSL orders them (attack60). */
const PFX_HEAD = hex('308400000000 020103 308400000000 06092a864886f70d010701');
export const PFX = Buffer.concat([PFX_HEAD, filler(600, 9), hex('060b2a864886f70d010c0a0102'), filler(64, 1)]);
/** The same with certificate bags only (1.2.840.113549.1.12.10.1.3): a truststore. */
export const PFX_TRUSTSTORE = Buffer.concat([PFX_HEAD, filler(600, 9), hex('060b2a864886f70d010c0a0103'), filler(64, 1)]);
