/**
 * Round 70 (70a-9, 70a-10): private and secret keys in keystores whose bytes are no DER, written as base64, and the
 * ssh.com (SecSH) private key armour.
 *
 * - A Java keystore (openjdk/jdk src/java.base/share/classes/sun/security/provider/JavaKeyStore.java engineLoad: magic
 *   0xFEEDFEED, version, entry count, then each entry's tag: 1 a private key, 2 a trusted certificate) or a JCEKS one
 *   (com/sun/crypto/provider/JceKeyStore.java: magic 0xCECECECE, tag 3 a secret key). The store's password guards only
 *   its integrity, and is often the default `changeit`: an entry of tag 1 or 3 is a key. A truststore (tag 2 entries
 *   only) or an empty store is none. Each certificate entry is skipped by its lengths (alias, date, type, certificate).
 * - An OpenPGP transferable secret key (RFC 9580 §5.5.3: a Secret-Key packet, tag 5, or a Secret-Subkey, tag 7, first),
 *   `gpg --export-secret-keys | base64`: the packet's header (old format 0x94-0x96 / 0x9C-0x9E, new 0xC5 / 0xC7), a key
 *   version 3 to 6, a creation time and a public-key algorithm of RFC 9580 §9.1. A public key (tag 6) is none.
 * - The SecSH private key armour (`---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----`, PuTTY's `puttygen -O private-sshcom`,
 *   also with cipher `none`; putty import.c sshcom_write), or its base64 body alone, which starts with the format's
 *   magic 0x3F6FF9EB (import.c SSHCOM_MAGIC_NUMBER). `---- BEGIN SSH2 PUBLIC KEY ----` (RFC 4716) is none.
 * Round 71 (71a-2), as base64 too:
 * - Microsoft's PRIVATEKEYBLOB (a strong-name `.snk`, `sn -k`): BLOBHEADER bType 7, bVersion 2, then `RSA2` or `DSS2`
 *   (learn.microsoft.com windows/win32/seccrypto/base-provider-key-blobs); a PUBLICKEYBLOB (bType 6, `RSA1`) is none;
 *   and a `.pvk` file holding one, its magic 0xB0B5F11E (openssl/openssl crypto/pem/pvkfmt.c MS_PVKMAGIC);
 * - a Kerberos keytab (MIT krb5 doc/formats/keytab_file_format.rst: version 0x0502, then entries of a size, a component
 *   count, a realm as a counted string, …, a key): every entry holds a service's long-term key;
 * - a Tor onion service's `hs_ed25519_secret_key` (torproject/tor src/lib/crypt_ops/crypto_format.c: the tag
 *   `== ed25519v1-secret: type0 ==` padded to 32 bytes, then the 64-byte expanded key); `…-public: type0 ==` is none.
 */

/** Base64 runs that start as such a store or packet does, line-wrapped or not. */
const BASE64_STORE =
  /(?<![A-Za-z0-9+/])(?:\/u3\+7Q|zs7Ozg|l[A-Za-z0-9+/]{3}|x[QRSTcdef][A-Za-z0-9+/]{2}|P2\/56|BwIA|HvG1sA|BQI[A-Za-z0-9+/]|PT0gZWQy)[A-Za-z0-9+/]{36,}={0,2}(?:[ \t]*\r?\n[ \t]*[A-Za-z0-9+/]+={0,2}(?![^\r\n]))*/g;
/** The most decoded of a run: a config file's bound (1 MiB, config/yaml-input.ts), as key-containers.ts's. */
const MAX_BASE64 = 1536 * 1024;
const SSHCOM_ARMOUR =
  /---- BEGIN SSH2 (?:ENCRYPTED )?PRIVATE KEY ----(?:[^-]|-(?!---))*(?:---- END SSH2 (?:ENCRYPTED )?PRIVATE KEY ----)?/g;

/** Whether a Java keystore's entries (from `at`) hold a private key (tag 1) or a secret key (tag 3 of JCEKS). */
function javaStoreHoldsKey(bytes: Buffer, jceks: boolean): boolean {
  let at = 12;
  for (let entry = 0; entry < bytes.readUInt32BE(8) && at + 4 <= bytes.length; entry++) {
    const tag = bytes.readUInt32BE(at);
    if (tag === 1 || (jceks && tag === 3)) return true;
    if (tag !== 2 || at + 6 > bytes.length) return false;
    at += 6 + bytes.readUInt16BE(at + 4) + 8; // the tag, the alias, the date
    if (at + 2 > bytes.length) return false;
    at += 2 + bytes.readUInt16BE(at); // the certificate's type (`X.509`)
    if (at + 4 > bytes.length) return false;
    at += 4 + bytes.readUInt32BE(at);
  }
  return false;
}

/** RFC 9580 §9.1's public-key algorithms (RSA 1-3, Elgamal 16, DSA 17, ECDH 18, ECDSA 19, EdDSA 22, X/Ed25519/448 25-28). */
const PGP_ALGORITHMS = new Set([1, 2, 3, 16, 17, 18, 19, 22, 25, 26, 27, 28]);

/** Whether bytes start with an OpenPGP Secret-Key or Secret-Subkey packet whole. */
function isPgpSecretKey(bytes: Buffer): boolean {
  const head = bytes[0];
  let body: number;
  let length: number;
  if (head === 0x94 || head === 0x9c) [body, length] = [2, bytes[1]];
  else if (head === 0x95 || head === 0x9d) [body, length] = [3, bytes.length >= 3 ? bytes.readUInt16BE(1) : 0];
  else if (head === 0xc5 || head === 0xc7) {
    const first = bytes[1];
    if (first < 192) [body, length] = [2, first];
    else if (first < 224 && bytes.length >= 3) [body, length] = [3, ((first - 192) << 8) + bytes[2] + 192];
    else return false;
  } else return false;
  const version = bytes[body];
  if (version < 3 || version > 6 || length < 12 || body + length > bytes.length || !PGP_ALGORITHMS.has(bytes[body + 5])) return false;
  // What gpg writes after it (RFC 9580 §10.2): nothing, or a packet of a user ID (13), a signature (2), trust (12), a subkey (7).
  const next = bytes[body + length];
  return next === undefined || ((next & 0x80) !== 0 && [2, 7, 12, 13, 17].includes(next & 0x40 ? next & 0x3f : (next >> 2) & 0x0f));
}

/** Whether bytes are a Windows PRIVATEKEYBLOB, or a .pvk file holding one (its 24-byte header first). */
function isWindowsPrivateKey(bytes: Buffer): boolean {
  const blob = bytes.length >= 36 && bytes.readUInt32LE(0) === 0xb0b5f11e ? bytes.subarray(24) : bytes;
  return blob.length >= 16 && blob[0] === 7 && blob[1] === 2 && ['RSA2', 'DSS2'].includes(blob.toString('latin1', 8, 12));
}

/** Whether bytes start as a keytab does: version 0x0502, an entry's size, 1 to 16 components, a printable realm. */
function isKeytab(bytes: Buffer): boolean {
  if (bytes.length < 12 || bytes[0] !== 5 || bytes[1] !== 2) return false;
  const [size, components, realm] = [bytes.readInt32BE(2), bytes.readUInt16BE(6), bytes.readUInt16BE(8)];
  return size > 0 && components >= 1 && components <= 16 && realm > 0 && /^[\x21-\x7e]+$/.test(bytes.toString('latin1', 10, 10 + realm));
}

const isTorSecretKey = (bytes: Buffer): boolean => /^== ed25519v1-secret: type\d ==/.test(bytes.toString('latin1', 0, 32));

/**
 * Whether bytes are a keystore or packet holding a key (see above), whole: also how hex or base32 of one is judged
 * (binary-payloads.ts hands such bytes back as base64, which binaryKeystoreSpans reads: 72b-3).
 */
export function isStoredKey(bytes: Buffer): boolean {
  if (bytes.length < 12) return false;
  const magic = bytes.readUInt32BE(0);
  if (magic === 0x3f6ff9eb || isWindowsPrivateKey(bytes) || isTorSecretKey(bytes)) return true;
  if (bytes[0] === 5 && bytes[1] === 2) return isKeytab(bytes);
  if (magic === 0xfeedfeed || magic === 0xcececece) return bytes.length >= 16 && javaStoreHoldsKey(bytes, magic === 0xcececece);
  return isPgpSecretKey(bytes);
}

/** Whether a base64 run's bytes are a keystore holding a key, from its first bytes, then whole. */
function isKeyStore(run: string): boolean {
  const head = Buffer.from(run.slice(0, 96).replace(/\s/g, '').slice(0, 64), 'base64');
  const magic = head.readUInt32BE(0);
  if (magic === 0x3f6ff9eb || isWindowsPrivateKey(head) || isTorSecretKey(head)) return true;
  const mayBeStore = (head[0] === 5 && head[1] === 2) || magic === 0xfeedfeed || magic === 0xcececece;
  if (!mayBeStore && ![0x94, 0x95, 0x9c, 0x9d, 0xc5, 0xc7].includes(head[0])) return false;
  return isStoredKey(Buffer.from(run.slice(0, MAX_BASE64).replace(/\s/g, ''), 'base64'));
}

/** Spans of `text` that are a key in a Java keystore, an OpenPGP secret key's packets or an ssh.com private key. */
export function binaryKeystoreSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (text.includes('---- BEGIN SSH2 '))
    for (const { index, 0: key } of text.matchAll(SSHCOM_ARMOUR)) spans.push([index, index + key.length]);
  for (const { index, 0: run } of text.matchAll(BASE64_STORE)) if (isKeyStore(run)) spans.push([index, index + run.length]);
  return spans;
}

/** What a finding of binaryKeystoreSpans is called (secrets-formats.ts FORMAT_FINDERS). */
export const KEYSTORE_KEY =
  'a private key (a Java keystore with a key entry, an OpenPGP secret key, an ssh.com `BEGIN SSH2 ENCRYPTED PRIVATE KEY`, a Windows PRIVATEKEYBLOB or .pvk, a Kerberos keytab or a Tor onion service secret key)';
