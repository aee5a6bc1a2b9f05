/**
 * Round 59 (59a-6): private keys in containers whose first bytes look like no key's DER, written as base64.
 *
 * - A PKCS#12 keystore (`.p12`/`.pfx`, RFC 7292 §4: PFX ::= SEQUENCE { version INTEGER v3, authSafe ContentInfo, macData
 *   OPTIONAL }) whose authSafe is pkcs7-data (1.2.840.113549.1.7.1) and holds a keyBag or pkcs8ShroudedKeyBag
 *   (1.2.840.113549.1.12.10.1.1 and .2, RFC 7292 §4.2): the key is there, read by `openssl pkcs12 -nodes` with an empty
 *   or a guessed password. Recognised by those OIDs, not by `MII` (every long DER starts so). A truststore (certificate
 *   bags only: 1.2.840.113549.1.12.10.1.3) is no key; nor is one whose bags are all inside an encrypted content (their
 *   types cannot be read): OpenSSL and Java's keytool put a key's bag in a pkcs7-data content (openssl/openssl
 *   crypto/pkcs12/p12_crt.c PKCS12_create, the key's safe added with PKCS12_add_safe(…, -1 …) as data).
 * - A minisign or signify secret key file (jedisct1/minisign src/minisign.c: `untrusted comment: minisign encrypted
 *   secret key`, then base64 of `Ed` and the KDF's `Sc` or `\0\0`; openbsd signify.c: `untrusted comment: signify
 *   secret key`, base64 of `EdBK`): the comment line naming a secret key and the base64 line after it; or that base64
 *   line alone where it starts as a minisign secret key does (`RWRTY0Iy`, `RWQAAEIy`) and is as long as one (212), or
 *   (60a-4) decodes to signify's secret key layout (openbsd src/usr.bin/signify/signify.c struct enckey: pkalg `Ed`,
 *   kdfalg `BK`, kdfrounds as a big-endian uint32 (0 with -n, else 42), salt 16, checksum 8, keynum 8, seckey 64: 104
 *   bytes, 140 characters). A signify public key (42 bytes) or signature (74) is shorter.
 */

/** A base64 run that may be a PFX: `MI` (a SEQUENCE of a long length, or of an indefinite one), line-wrapped or not. */
const BASE64_DER = /(?<![A-Za-z0-9+/])MI[A-Za-z0-9+/]{42,}={0,2}(?:[ \t]*\r?\n[ \t]*[A-Za-z0-9+/]+={0,2})*/g;
/**
 * How much of a run is decoded: all of it up to a config file's own bound (1 MiB, config/yaml-input.ts), as the bag
 * holding the key may come last (review60-6: OpenSSL's PKCS12_create adds the certificates' safe first and the key's
 * after it, openssl/openssl crypto/pkcs12/p12_crt.c; `openssl pkcs12 -info` lists the Certificate bags, then the
 * Shrouded Keybag). Buffer.from is linear in the run.
 */
const MAX_BASE64 = 1536 * 1024;
const PKCS7_DATA = Buffer.from('06092a864886f70d010701', 'hex');
const KEY_BAGS = ['060b2a864886f70d010c0a0101', '060b2a864886f70d010c0a0102'].map((hex) => Buffer.from(hex, 'hex'));

/** Where the content of the DER or BER element at `at` starts (after its tag and length), or undefined. */
function contentStart(bytes: Buffer, at: number): number | undefined {
  const first = bytes[at + 1];
  if (first === undefined) return undefined;
  if (first <= 0x80) return at + 2; // a short length, or BER's indefinite one (0x80)
  const count = first & 0x7f;
  return count > 4 ? undefined : at + 2 + count;
}

/** Whether bytes start as a PKCS#12 PFX does: a SEQUENCE, version 3, an authSafe ContentInfo of pkcs7-data (32 bytes tell). */
function isPfxHead(bytes: Buffer): boolean {
  const version = bytes[0] === 0x30 ? contentStart(bytes, 0) : undefined;
  if (version === undefined || version + 3 > bytes.length || bytes.readUIntBE(version, 3) !== 0x020103) return false;
  const authSafe = bytes[version + 3] === 0x30 ? contentStart(bytes, version + 3) : undefined;
  return authSafe !== undefined && bytes.subarray(authSafe, authSafe + PKCS7_DATA.length).equals(PKCS7_DATA);
}

/** Whether bytes are a PKCS#12 PFX holding a key bag a reader sees without its password. */
export const isPkcs12WithKey = (bytes: Buffer): boolean => isPfxHead(bytes) && KEY_BAGS.some((bag) => bytes.includes(bag));

/** Base64 runs of `text` that are a PKCS#12 keystore holding a key. */
function pkcs12Spans(text: string): Array<[number, number]> {
  if (!text.includes('MI')) return [];
  const spans: Array<[number, number]> = [];
  for (const { index, 0: run } of text.matchAll(BASE64_DER)) {
    // Only a run whose first 32 bytes are a PFX's head is decoded whole.
    if (!isPfxHead(Buffer.from(run.slice(0, 128).replace(/\s/g, '').slice(0, 44), 'base64'))) continue;
    const bytes = Buffer.from(run.slice(0, MAX_BASE64).replace(/\s/g, ''), 'base64');
    if (bytes.length >= 16 && isPkcs12WithKey(bytes)) spans.push([index, index + run.length]);
  }
  return spans;
}

/** A minisign or signify secret key: its comment line naming a secret key, then the key's base64 line. */
const SIGNING_KEY_FILE = /untrusted comment:([^\n]{0,200})\r?\n[ \t]*(RW[A-Za-z0-9+/]{40,}={0,2})/g;
/** A minisign secret key's base64 alone: `Ed`, the KDF (`Sc` scrypt, or none), `B2` (BLAKE2b), 158 bytes in all. */
const MINISIGN_KEY = /(?<![A-Za-z0-9+/])(?:RWRTY0Iy|RWQAAEIy)[A-Za-z0-9+/]{196,}={0,2}/g;
/** A signify secret key's base64 alone: `EdBK` and the rounds' first bytes (`RWRCSwAAA`), then the rest of 140. */
const SIGNIFY_KEY = /(?<![A-Za-z0-9+/])RWRCSwAAA[A-Za-z0-9+/]{127,131}={0,2}(?![A-Za-z0-9+/=])/g;
const SIGNIFY_KEY_BYTES = 104;

/** Spans of `text` that are a private key held in a PKCS#12 keystore or a minisign or signify secret key file. */
export function keyContainerSpans(text: string): Array<[number, number]> {
  const spans = pkcs12Spans(text);
  if (!text.includes('RW')) return spans;
  for (const m of text.matchAll(SIGNING_KEY_FILE)) {
    if (!/\bsecret key\b/i.test(m[1])) continue; // a public key's comment says `public key`
    const start = m.index + m[0].length - m[2].length;
    spans.push([start, start + m[2].length]);
  }
  for (const { index, 0: run } of text.matchAll(MINISIGN_KEY)) spans.push([index, index + run.length]);
  for (const { index, 0: run } of text.matchAll(SIGNIFY_KEY)) {
    const bytes = Buffer.from(run, 'base64');
    if (bytes.length === SIGNIFY_KEY_BYTES && bytes.toString('latin1', 0, 4) === 'EdBK') spans.push([index, index + run.length]);
  }
  return spans;
}

/** What a finding of keyContainerSpans is called (secrets-formats.ts FORMAT_FINDERS). */
export const CONTAINED_KEY = 'a private key (a PKCS#12 keystore holding a key bag, or a minisign or signify secret key)';
