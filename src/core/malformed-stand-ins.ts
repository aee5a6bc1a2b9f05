import { isSopsValue } from './encrypted-values';

/**
 * Round 56 (attack 56a-2, 56a-6): a value dressed as something that holds no secret, which it is not.
 * - A password hash with more after it (`admin:$2y$10$<53>Qm7v…`, `$apr1$salt$<22>…`, `$6$salt$<86>…`, an argon2
 *   hash whose last field is longer than a hash's own output): each crypt(3) format has its exact lengths
 *   (password-hashes.ts), so the rest is a word appended, maybe a password, wherever the hash stands (an htpasswd line,
 *   an env value, a ConfigMap's text). Argon2's output length is a parameter (PHC string format), but the libraries
 *   write 16, 24, 32, 48 or 64 bytes (argon2-cffi and node-argon2 32, the reference CLI `-l`): 22, 32, 43, 64 or 86 characters.
 * - A sops envelope `ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]` that is neither real-shaped nor an elided sample
 *   (encrypted-values.ts isSopsValue): the data field is the value it carries, a literal in an envelope's clothes.
 */

export const MALFORMED_STAND_IN =
  'a value dressed as a password hash or a sops ciphertext that is not one (a hash with more appended, an envelope of plain text)';

/** crypt(3)'s alphabet and base64's (argon2). */
const BODY = /[./0-9A-Za-z+]{0,1024}/y;
/** A hash's head (algorithm, cost, salt) and the exact length of what follows it. */
const HEADS: ReadonlyArray<[RegExp, number[]]> = [
  [/\$(?:1|apr1)\$[^$:\s]{0,8}\$/y, [22]],
  [/\$5\$(?:rounds=\d{1,9}\$)?[^$:\s]{0,16}\$/y, [43]],
  [/\$6\$(?:rounds=\d{1,9}\$)?[^$:\s]{0,16}\$/y, [86]],
  [/\$2[abxy]?\$\d{2}\$/y, [53]],
  [/\$argon2(?:id|i|d)\$(?:v=\d{1,3}\$)?m=\d{1,10},t=\d{1,10},p=\d{1,3}\$[A-Za-z0-9+/]{11,64}\$/y, [22, 32, 43, 64, 86]],
];
/** Where a hash may start: a word's start, or after `user:` (htpasswd), `=`, a quote. */
const HASH_START = /(?<![^\s:="'`,[{(])\$(?=1\$|apr1\$|5\$|6\$|2[abxy]?\$|argon2)/g;

/** Spans of hashes with more appended (4 or more letters or digits past the format's length). */
function overlongHashSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(HASH_START)) {
    const at = match.index!;
    for (const [head, lengths] of HEADS) {
      head.lastIndex = at;
      if (!head.test(text)) continue;
      const bodyAt = head.lastIndex;
      BODY.lastIndex = bodyAt;
      const run = BODY.exec(text)?.[0] ?? '';
      const hash = text.slice(at, bodyAt + run.length);
      if (run.length >= Math.min(...lengths) + 4 && !lengths.includes(run.length)) spans.push([at, at + hash.length]);
      break;
    }
  }
  return spans;
}

/** An envelope's fields stop at the next bracket: a text of many `ENC[` is read in linear time. */
const ENVELOPE = /ENC\[AES256_GCM,data:([^,[\]\s]{0,4096}),[^[\]\s]{0,4096}\]/g;

/** Spans of the data of sops envelopes that are no ciphertext nor an elided sample. */
function envelopeSpans(text: string): Array<[number, number]> {
  if (!text.includes('ENC[')) return [];
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(ENVELOPE)) {
    if (isSopsValue(match[0]) || match[1].length <= 3 || /^(?:\.{3}|…)$/.test(match[1])) continue;
    const from = match.index! + 'ENC[AES256_GCM,data:'.length;
    spans.push([from, from + match[1].length]);
  }
  return spans;
}

/** Spans of malformed stand-ins in `text` (above). */
export function malformedStandInSpans(text: string): Array<[number, number]> {
  if (text.length > 1_000_000) return [];
  return [...overlongHashSpans(text), ...envelopeSpans(text)];
}
