/**
 * Round 71 (71a-1, 71a-2): private keys in the text files their tools write, none PEM, DER or JWK:
 * - a GnuPG agent's key file (`private-keys-v1.d/<keygrip>.key`): an S-expression `(private-key (<algo> … (d #…#)))`,
 *   `(protected-private-key …)` where a passphrase guards it, in the extended key format (`Key: (private-key …`) or the
 *   canonical one (`(11:private-key(3:rsa…`) (gnupg agent/keyformat.txt, "Unprotected Private Key Format"). A
 *   `(public-key …)` and a `(shadowed-private-key …)` (the key is on a smartcard: only its public part and the card's
 *   serial are there) are none. The secret part copied out alone is the key too
 *   (72b-4): `(d #…#)` (RSA's private exponent, ECC's scalar) or `(x #…#)` (DSA's, Elgamal's), 16 bytes of hex at
 *   least; a public part (`(q #…#)`, `(n #…#)`, `(e #010001#)`) is none;
 * - a Solana CLI keypair (`solana-keygen new -o id.json`): a JSON array of 64 byte values, the ed25519 secret seed then
 *   its public key (solana-labs/solana sdk/src/signer/keypair.rs write_keypair). An array of 32 (a public key) is none;
 * - a ZeroTier `identity.secret`: `<10-hex address>:0:<128-hex public>:<128-hex private>` (zerotier/ZeroTierOne
 *   node/Identity.cpp toString with includePrivate); `identity.public` stops before the private part.
 */
export const KEY_FILE_TEXT = 'a private key (a GnuPG `(private-key …)` key file, a Solana keypair array or a ZeroTier identity.secret)';

const GNUPG_KEY = /\((?:(?:11:)?private-key|(?:21:)?protected-private-key)(?=\s*\()/g;
/** The most of an S-expression read for its closing parenthesis (an RSA 4096 key file is under 8 kB). */
const MAX_SEXP = 64 * 1024;
/** A GnuPG key's secret part, `(d #<hex>#)` or `(x #<hex>#)`, in the extended format's hex (keyformat.txt). */
const GNUPG_SECRET_PART = /\([dx]\s+#([0-9A-Fa-f]{32,})#\s*\)/dg;
const SOLANA_KEYPAIR = /\[\s*(?:\d{1,3}\s*,\s*){63}\d{1,3}\s*\]/g;
const ZEROTIER_SECRET = /(?<![0-9a-fA-F])[0-9a-fA-F]{10}:0:[0-9a-fA-F]{128}:([0-9a-fA-F]{128})(?![0-9a-fA-F])/dg;

/** Where the S-expression opened at `at` closes (after its `)`), or the text's end or MAX_SEXP past it: one pass. */
function sexpEnd(text: string, at: number): number {
  const last = Math.min(text.length, at + MAX_SEXP);
  let depth = 0;
  for (let i = at; i < last; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return last;
}

export function keyFileTextSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (text.includes('private-key')) {
    GNUPG_KEY.lastIndex = 0;
    // Each match is read to its end and the search goes on from there, so nested openers cost one pass.
    for (let m = GNUPG_KEY.exec(text); m; m = GNUPG_KEY.exec(text)) {
      const end = sexpEnd(text, m.index);
      spans.push([m.index, end]);
      GNUPG_KEY.lastIndex = Math.max(end, GNUPG_KEY.lastIndex);
    }
  }
  if (text.includes('#')) for (const match of text.matchAll(GNUPG_SECRET_PART)) spans.push(match.indices![1]!);
  if (text.includes('[')) {
    for (const { index, 0: array } of text.matchAll(SOLANA_KEYPAIR))
      if (array.match(/\d+/g)!.every((byte) => Number(byte) <= 255)) spans.push([index, index + array.length]);
  }
  if (text.includes(':0:')) for (const match of text.matchAll(ZEROTIER_SECRET)) spans.push(match.indices![1]!);
  return spans;
}
