import { isReference } from './secrets-text';
import { NO_PASSWORD } from './shadow-plain-passwords';

/**
 * Round 65 (attack 65a-11): an /etc/passwd line whose password field holds a password in clear, as the /etc/shadow
 * form does (shadow-plain-passwords.ts). passwd(5): seven fields `name:password:UID:GID:GECOS:directory:shell`; the
 * password field is `x` (the password is in /etc/shadow), `*` or `!`-prefixed (locked), empty, or a crypt(3) hash, the
 * same values shadow(5) allows (NO_PASSWORD). `root:x:0:0:root:/root:/bin/bash` is no secret; `root:Hunt3r2xQ:0:0:…` is.
 */
export const PASSWD_PLAIN_PASSWORD =
  'a password in clear in an /etc/passwd line (its second field is `x`, a lock or a hash, never the password itself)';

// Linear: each field is a run of non-`:` characters ended by `:`, and the line's start is anchored.
const LINE = /^[ \t]*[A-Za-z_][\w.-]{0,31}\$?:([^:\n]*):\d{1,10}:\d{1,10}:[^:\n]*:\/[^:\n]*:[^:\n]*$/dgm;

export function passwdPlainPasswordSpans(text: string): Array<[number, number]> {
  if (!/:\d{1,10}:\d{1,10}:/.test(text)) return [];
  const found: Array<[number, number]> = [];
  for (const match of text.matchAll(LINE)) {
    const field = match[1].trim();
    if (!NO_PASSWORD.test(field) && !isReference(field) && !/^<[^<>]*>$/.test(field)) found.push(match.indices![1]!);
  }
  return found;
}
