import { setsSecret } from './secrets-text';

/**
 * Round 69 (69a-18): a Debian/Ubuntu preseed line whose debconf type is `password`: `d-i passwd/root-password password
 * X`, `d-i passwd/user-password-again password X`, `d-i grub-installer/password password X`. A preseed line is
 * `<owner> <question> <type> <value>`, the value the rest of the line (debian.org/releases/stable/amd64/apbs03, "B.3
 * Creating a preconfiguration file"); the `password` type says the value is one. What sets no secret under a password's
 * name passes (setsSecret: empty, a reference, a placeholder), and so does the crypt hash of a `…-crypted` question.
 */
export const PRESEED_PASSWORD = 'a password in a Debian preseed line (`d-i passwd/root-password password …`)';

/** owner, question (holding a `/`), the type `password`, then the value: the line's rest. */
const LINE = /^[ \t]*[a-z0-9][\w.+-]{0,63}[ \t]+([\w.+-]{1,64}\/[\w./+-]{1,128})[ \t]+password[ \t]+(\S[^\n]*?)[ \t]*\r?$/dgm;
/** A crypt(3) hash (crypt(5): `$id$…`), what a `…-crypted` question takes. */
const CRYPT_HASH = /^\$[\w.-]+\$\S+$/;

export function preseedPasswordSpans(text: string): Array<[number, number]> {
  if (!/[ \t]password[ \t]/.test(text)) return [];
  const found: Array<[number, number]> = [];
  for (const match of text.matchAll(LINE)) {
    const value = match[2];
    if (/-crypted$/.test(match[1]) && CRYPT_HASH.test(value)) continue;
    if (setsSecret('password', value)) found.push(match.indices![2]!);
  }
  return found;
}
