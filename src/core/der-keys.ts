/** Whether decoded bytes are a private key's DER or an OpenSSH key's body (secret-shapes.ts, hex-runs.ts, text-decodings.ts). */

/** The DER element at `at`: its tag, where its content starts and how long it is; undefined where the bytes run out. */
export function derElement(bytes: Buffer, at: number): { tag: number; start: number; length: number } | undefined {
  if (at + 2 > bytes.length) return undefined;
  const [tag, first] = [bytes[at], bytes[at + 1]];
  if (first < 0x80) return { tag, start: at + 2, length: first };
  const count = first & 0x7f;
  if (count === 0 || count > 3 || at + 2 + count > bytes.length) return undefined;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[at + 2 + i];
  return { tag, start: at + 2 + count, length };
}

/** OIDs of password-based encryption: PKCS#5 (1.2.840.113549.1.5, PBES2 among them) and PKCS#12's (1.2.840.113549.1.12.1). */
const PASSWORD_ENCRYPTION_OIDS = [Buffer.from('2a864886f70d0105', 'hex'), Buffer.from('2a864886f70d010c01', 'hex')];

/**
 * Whether bytes (a run decoded from base64 or hex) are a private key's DER, by its ASN.1 structure rather than a few prefixes:
 * - a SEQUENCE whose first element is a version INTEGER 0 or 1 and whose second is a SEQUENCE that starts with an OID
 *   (PKCS#8's algorithm, RFC 5958), an INTEGER (PKCS#1 RSA's modulus, RFC 8017 A.1.2; OpenSSL's DSA key) or an OCTET STRING (SEC1 EC's
 *   key, RFC 5915);
 * - a SEQUENCE starting with a password-based encryption's AlgorithmIdentifier (an encrypted PKCS#8 key, RFC 5958 §3).
 * A certificate, CSR or CRL starts with a SEQUENCE that holds no OID first, a public key (SubjectPublicKeyInfo) with
 * a key algorithm's OID, a PKCS#12 bundle with version 3: none is taken.
 */
export function isDerKey(bytes: Buffer): boolean {
  const outer = derElement(bytes, 0);
  const first = outer?.tag === 0x30 ? derElement(bytes, outer.start) : undefined;
  if (!first) return false;
  if (first.tag === 0x02 && first.length === 1 && bytes[first.start] <= 1) {
    const second = derElement(bytes, first.start + first.length);
    // 70a-13: PKCS#8's second element is an AlgorithmIdentifier, so an OID first; a CSR's CertificationRequestInfo
    // (RFC 2986 section 4.1: version 0, then the subject, a Name: a SET or nothing) is no key.
    if (second?.tag === 0x30) return bytes[second.start] === 0x06;
    return second?.tag === 0x02 || second?.tag === 0x04;
  }
  const oid = first.tag === 0x30 ? derElement(bytes, first.start) : undefined;
  if (oid?.tag !== 0x06) return false;
  const value = bytes.subarray(oid.start, oid.start + oid.length);
  return PASSWORD_ENCRYPTION_OIDS.some((prefix) => value.subarray(0, prefix.length).equals(prefix));
}

// The first 48 bytes tell; a wrapped run's first line holds 24 at least (base64) or 30 (hex).
export const isBase64DerKey = (run: string): boolean =>
  run.startsWith('b3BlbnNzaC1rZXktdjEA') || isDerKey(Buffer.from(run.slice(0, 256).replace(/\s/g, '').slice(0, 64), 'base64'));
export const isHexDerKey = (run: string): boolean =>
  /^6f70656e7373682d6b65792d763100/i.test(run) || isDerKey(Buffer.from(run.slice(0, 256).replace(/\s/g, '').slice(0, 96), 'hex'));

/**
 * A key's DER as raw bytes, which a decoding gives (`\x30\x77…`, `%30%77…`, `&#x30;&#x77;…`, `\u0030\u0077…` undone):
 * a SEQUENCE then a version INTEGER 0 or 1 or a SEQUENCE with an OID (judged by isDerKey), or an OpenSSH body.
 */
// eslint-disable-next-line no-control-regex -- a DER's tag and length bytes are control characters
const RAW_DER_CLUE = /0(?:[\x00-\x7f]|\x81[\s\S]|\x82[\s\S]{2})(?:\x02\x01[\x00\x01]|0[\s\S]{1,3}\x06)|openssh-key-v1\x00/g;
export function rawDerKeys(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (const { index, 0: clue } of text.matchAll(RAW_DER_CLUE)) {
    const bytes = Buffer.from(text.slice(index, index + 4096), 'latin1');
    const outer = derElement(bytes, 0);
    if (clue.startsWith('openssh')) found.push([index, text.length]);
    else if (outer && isDerKey(bytes)) found.push([index, Math.min(text.length, index + outer.start + outer.length)]);
  }
  return found;
}
