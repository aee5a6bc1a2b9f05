import { isPlainlyNotSecret } from './secrets-keys';
import { isReference } from './secrets-text';

/**
 * Passwords in fixed places no key names (attack round 34a-9): a `.pgpass` line and a BIND key's `secret "…";`. Each
 * reader gives the value's span in the text (secret-shapes.ts FINDERS: every door sees them).
 */

/** What each is called in findings (`FoundSecret.what`). */
export const PGPASS_SECRET = 'a .pgpass line (host:port:database:user:password)';
export const TSIG_SECRET = 'a BIND or TSIG key secret (secret "…";)';

/**
 * A `.pgpass` line: `hostname:port:database:username:password` (postgresql.org/docs/current/libpq-pgpass.html), each of
 * the first four a value or `*`, `\:` an escaped colon. The host is a name (starting with a letter), an IPv4 address or
 * `*`, and the port digits or `*`, so a time (`10:30:00:00:00`) or a MAC address is none. It starts a line or follows
 * a blank or `=` (`--x=host:…`); a host holds neither, so the starts' scans do not overlap, and each field excludes the
 * colon that ends it (no backtracking). The password is the rest of the line, blanks and colons included (libpq's
 * passwordFromFile reads it so), up to trailing blanks.
 */
const PGPASS =
  /(?<=^|[\s=])(?:[A-Za-z*][\w.*-]*|\d{1,3}(?:\.\d{1,3}){3}):(?:\d{1,5}|\*):(?:[^\s:\\]|\\.)+:(?:[^\s:\\]|\\.)+:((?:[^\s\\]|\\.)(?:[ \t]*(?:[^\s\\]|\\.))*)[ \t]*\r?$/dgm;
/** BIND's `key "name" { algorithm hmac-sha256; secret "base64"; };` (named.conf(5); `tsig-keygen`, `rndc-confgen`). */
// A key's base64 is 16 characters or more (hmac-md5's 128 bits: 24; `tsig-keygen` hmac-sha256: 44): `secret "name";` is prose.
const TSIG = /(?<![\w-])secret\s+"([A-Za-z0-9+/]{16,}={0,2})"\s*;/dg;

function groupSpans(pattern: RegExp, text: string, holds: (match: RegExpMatchArray) => boolean = () => true): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(pattern)) {
    const span = match.indices?.[1];
    if (span && !isReference(match[1]) && holds(match)) spans.push([span[0], span[1]]);
  }
  return spans;
}

/**
 * A `.pgpass` line's database, user and password are no path (`/var/www`), no number (`backend:80:up:100:200`, a status
 * line) and the password (its first word) no switch's word (`srv:22:root:admin:enabled`) and longer than two
 * (`node1:8080:eth0:vlan1:up`).
 */
function isPgpassLine(line: string): boolean {
  const [, , database, user, rest] = line.trim().split(/(?<!\\):/);
  const [password, ...more] = rest.split(/[ \t]+/);
  // Words after it: a password with blanks, or prose after a status (`srv:80:state:ok:all systems go`): a word mixing
  // letters with digits or signs reads as generated (`*:*:*:app:my Zq7w3 pass`).
  const prose = more.length > 0 && ![password, ...more].some((word) => /[A-Za-z]/.test(word) && /[^A-Za-z]/.test(word));
  const plain =
    prose || (more.length ? rest.trim() : password).length <= 2 || /^\d+$/.test(password) || isPlainlyNotSecret(password, 'pgpass');
  return !database.startsWith('/') && !/^\d+$/.test(user) && !plain;
}

export const pgpassSpans = (text: string): Array<[number, number]> =>
  /:\d|:\*/.test(text) ? groupSpans(PGPASS, text, (match) => isPgpassLine(match[0])) : [];
export const tsigSpans = (text: string): Array<[number, number]> => (/secret\s/.test(text) ? groupSpans(TSIG, text) : []);
