import { isReference } from './secrets-text';

/**
 * Round 59 (attack 59a-7): an /etc/shadow line whose password field holds a password in clear, as `useradd -p <plain>`
 * leaves it (useradd(8): `-p` takes the encrypted password; a plain one is written as is). shadow(5): nine fields
 * `name:password:lastchg:min:max:warn:inactive:expire:reserved`, the last seven numbers or empty; the password field is
 * empty, `*`, `!`-prefixed (locked), `x`, or a crypt(3) hash; fewer than four characters are read as a lock too: `$id$…` (crypt(5)), DES's 13 characters of
 * `[./0-9A-Za-z]`, BSDi's `_` and 19 more. Solaris' `*LK*`, `NP` and the like (upper-case words) are locks too.
 */
export const SHADOW_PLAIN_PASSWORD =
  'a password in clear in an /etc/shadow line (its second field holds no hash: `useradd -p` takes a hash)';

const LINE = /^[ \t]*[A-Za-z_][\w.-]{0,31}\$?:([^:\n]*):\d*:\d*:\d*:\d*:\d*:\d*:\d*[ \t]*\r?$/dgm;
export const NO_PASSWORD = /^(?:.{0,3}|\*.*|!.*|[A-Z]{1,4}|\$.*|[./0-9A-Za-z]{13}|_[./0-9A-Za-z]{19})$/;

export function shadowPlainPasswordSpans(text: string): Array<[number, number]> {
  if (!/:\d*:\d*:\d*:\d*:\d*:\d*:\d*/.test(text)) return [];
  const found: Array<[number, number]> = [];
  for (const match of text.matchAll(LINE))
    if (!NO_PASSWORD.test(match[1]) && !isReference(match[1]) && !/^<[^<>]*>$/.test(match[1])) found.push(match.indices![1]!);
  return found;
}
