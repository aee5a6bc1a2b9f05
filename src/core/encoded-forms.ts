/**
 * The encodings of a secret's part that a message may print where the part was pasted encoded (attack round 52a-17):
 * hex (`517a3776…` of `Qz7v…`, as `xxd -p` or Node's `Buffer.toString('hex')` write it) and base32 (RFC 4648 section 6,
 * the standard alphabet `A-Z2-7`, padded with `=` to a multiple of 8 or not, as `base32` of GNU coreutils writes it).
 * Both are of the part's UTF-8 bytes; a message is matched in any letter case (secret-copies.ts), so the lower-case
 * hex and base32 (`kf5do5su…`, a host name lower-cased) are these too. Base64 is secret-copies.ts's own.
 */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `bytes` in RFC 4648 base32, padded. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let buffer = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out + '='.repeat((8 - (out.length % 8)) % 8);
}

/** The hex (both cases) and base32 (padded, unpadded) forms of `part`'s UTF-8 bytes. */
export function encodedForms(part: string): string[] {
  const bytes = Buffer.from(part, 'utf8');
  const hex = bytes.toString('hex');
  const padded = base32(bytes);
  return [hex, hex.toUpperCase(), padded, padded.replace(/=+$/, '')];
}
