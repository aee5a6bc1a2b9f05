/**
 * Round 60 (60a-5): a K3s secure token `K10<CA hash>::<user>:<password>` (docs.k3s.io/cli/token) written so that
 * K3S_TOKEN (k3s-tokens.ts), which reads it as one run, misses it: split over a line break as a wrapped paste gives it
 * (`K10<hash>\n::server:S`, or inside the hash), blanks around `::` or after `K10`, or the `K10` left out
 * (`<64 hex>::server:S`: K3s' token parser takes the hash and credentials from the `::` split, k3s-io/k3s
 * pkg/clientaccess/token.go parseToken). The hash is the CA's SHA-256 (64 hex digits); without `K10` the `<user>:`
 * must be there too, so a digest followed by `::` alone stays a digest. Round 62 (62a-2, 62a-4): blanks around the user's
 * `:` too (`K10<hash> :: node : <pw>`); the span is the password, never the user (`server` taken as the secret blanked
 * the word in every message).
 */

/** Blanks and at most one line break. */
const GAP = String.raw`[ \t]{0,64}(?:\r?\n[ \t]{0,64})?`;
/** A user and its `:`, blanks around it (K3s' users are `server` and `node`; a bounded run, tried once per match). */
const USER = String.raw`[\w.-]{1,32}[ \t]{0,64}:[ \t]{0,64}`;
/** `K10`, a gap, the hash (a line break may split it), a gap, `::`, a gap, then `<user>:` if there, and the password. */
const WITH_PREFIX = new RegExp(
  String.raw`(?<![A-Za-z0-9])[Kk]10(${GAP}[0-9a-fA-F]{1,128}(?:\r?\n[ \t]{0,64}[0-9a-fA-F]{1,128})?${GAP})(?:::|%3[Aa]%3[Aa])${GAP}(?:${USER})?([^\s"'\`]{6,})`,
  'g',
);
/** The hash alone, a gap, `::`, a gap, `<user>:` and the password. */
const WITHOUT_PREFIX = new RegExp(String.raw`(?<![A-Za-z0-9])[0-9a-fA-F]{64}${GAP}(?:::|%3[Aa]%3[Aa])${GAP}${USER}([^\s"'\`:]{6,})`, 'g');

/**
 * The tail of an IPv6 address after a digest and `::` (61-8: `<sha256> ::ffff:10.0.0.12`, an IPv4-mapped address,
 * RFC 4291 2.5.5.2): a group of one to four hex digits, then a dotted IPv4 address. K3s' user is `server` or `node`
 * (docs.k3s.io/cli/token), never a hex group.
 */
const IPV6_TAIL = /^[0-9a-fA-F]{1,4}[ \t]*:[ \t]*\d{1,3}(?:\.\d{1,3}){3}(?![\w.])/;

/** Spans of `text` that are a K3s token's credentials written apart from their hash, or after a bare hash. */
export function k3sTokenFormSpans(text: string): Array<[number, number]> {
  if (!text.includes('::') && !/%3a%3a/i.test(text)) return [];
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(WITH_PREFIX)) {
    // A token in one run is K3S_TOKEN's; here only a split or spaced one, with a hash of any length as K3S_TOKEN takes
    // (round 61a-3: a 65-digit typo spaced around `::` was let through when 64 were asked).
    if (!/\s/.test(m[0].slice(0, m[0].length - m[2].length))) continue;
    if (/^(?:server|node):?$/i.test(m[2])) continue; // a user without its password (`K10<hash> :: server`) is no secret
    spans.push([m.index + m[0].length - m[2].length, m.index + m[0].length]);
  }
  for (const m of text.matchAll(WITHOUT_PREFIX)) {
    if (/K10\s*$/i.test(text.slice(Math.max(0, m.index - 16), m.index))) continue; // K3S_TOKEN's or the one above
    if (IPV6_TAIL.test(m[0].slice(m[0].lastIndexOf('::') + 2).trimStart())) continue;
    spans.push([m.index + m[0].length - m[1].length, m.index + m[0].length]);
  }
  return spans;
}

/** What a finding of k3sTokenFormSpans is called (secrets-formats.ts FORMAT_FINDERS). */
export const K3S_TOKEN_FORM = 'a K3s token (K10<CA hash>::<user>:<password>, split, spaced or without K10)';
