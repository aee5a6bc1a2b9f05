/**
 * Round 55 (attack 53a-2): a secret's name spelled in leetspeak (`Passw0rd`, `pa$$word`, `p@ssword`, `pa55word`, `s3cret`,
 * `t0ken`) is read as the name. Only a whole word (between characters that are neither letters, digits, `@` nor `$`)
 * that holds a digit or sign AND reads, once those are letters, as one of a few long names is rewritten: an ordinary word
 * holds no digit, and `h4x0r`, `$HOME`, `p4ss`, `l33t` read as no name.
 */

/** Digits and signs that stand for a letter (`1` for `i` or `l`: each is tried). */
const LEET: Readonly<Record<string, string>> = { '0': 'o', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };
/** Names long enough that a leet spelling of them is no accident (`pw`, `pin` are not: `p1n`, `pvv`). */
const LEET_NAME = /^(?:password|passwd|passphrase|passcode|secret|token|credentials?|creds)s?$/;
/** A whole word of letters, digits, `@` and `$` with a digit or sign and two letters. */
const CANDIDATE = /(?<![A-Za-z0-9@$])(?=[A-Za-z0-9@$]*[0-9@$])(?=[0-9@$]*[A-Za-z][0-9@$]*[A-Za-z])[A-Za-z0-9@$]{5,12}(?![A-Za-z0-9@$])/g;

/** Cheap test that a text may hold such a spelling (for a reader's prefilter). */
export const LEET_CLUE = String.raw`p[a@4][s$5]{2}|[s$5][e3]cr[e3][t7]|[t7][o0]k[e3]n|cr[e3]d[e3]n[t7]`;

/** `text` with each leet spelling of a secret's name written in lower-case letters (the same length: spans keep). */
export function unleet(text: string): string {
  if (!/[0-9@$]/.test(text)) return text;
  return text.replace(CANDIDATE, (word) => {
    const lower = word.toLowerCase();
    for (const one of ['i', 'l']) {
      const plain = [...lower].map((c) => (c === '1' ? one : (LEET[c] ?? c))).join('');
      if (LEET_NAME.test(plain)) return plain;
    }
    return word;
  });
}
