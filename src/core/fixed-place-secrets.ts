import { isCommandReference } from './secret-arguments';
import { isPlainlyNotSecret } from './secrets-keys';
import { isReference } from './secrets-text';

/**
 * Passwords in fixed places no key names (attack round 34a-9): a `.pgpass` line and a BIND key's `secret "…";`. Each
 * reader gives the value's span in the text (secret-shapes.ts FINDERS: every door sees them).
 */

/** What each is called in findings (`FoundSecret.what`). */
export const PGPASS_SECRET = 'a .pgpass line (host:port:database:user:password)';
export const TSIG_SECRET = 'a BIND or TSIG key secret (secret "…";)';
export const SESSION_LOGIN_SECRET =
  'a password given where a session or credentials file takes it (NickServ IDENTIFY, ZooKeeper addauth digest, a davfs2 secrets line)';

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
 * line) and the password no switch's word (`srv:22:root:admin:enabled`) and longer than two
 * (`node1:8080:eth0:vlan1:up`); a password of several words holds one that reads as generated.
 */
function isPgpassLine(line: string): boolean {
  const [, , database, user, rest] = line.trim().split(/(?<!\\):/);
  const [password, ...more] = rest.split(/[ \t]+/);
  // Words after it: a password with blanks, or prose after a status (`srv:80:state:ok:all systems go`): a word mixing
  // letters with digits or signs (any of them: `my Zx9pQ7 pass`, round 41a-6) reads as generated.
  const generated = (word: string) => /[A-Za-z]/.test(word) && /[^A-Za-z]/.test(word);
  const plain = more.length
    ? ![password, ...more].some(generated)
    : password.length <= 2 || /^\d+$/.test(password) || isPlainlyNotSecret(password, 'pgpass');
  return !database.startsWith('/') && !/^\d+$/.test(user) && !plain;
}

export const pgpassSpans = (text: string): Array<[number, number]> =>
  /:\d|:\*/.test(text) ? groupSpans(PGPASS, text, (match) => isPgpassLine(match[0])) : [];
export const tsigSpans = (text: string): Array<[number, number]> => (/secret\s/.test(text) ? groupSpans(TSIG, text) : []);

/**
 * (73b-1) Passwords a client's session or a credentials file takes at a fixed place, no key naming them:
 * - IRC services' `/msg NickServ IDENTIFY [account] <password>` (`/ns`, `/nickserv`, raw `PRIVMSG NickServ :IDENTIFY`;
 *   Atheme's and Anope's help for IDENTIFY), one or two words ending the line (`IDENTIFY with your password` is prose);
 * - ZooKeeper's `addauth digest <user>:<password>` (zookeeper.apache.org/doc/current/zookeeperCLI.html, "addauth");
 * - a davfs2 secrets line `<url or mount point> <user> <password>` (davfs2.conf(5), "secrets"), in a text naming davfs2.
 */
const NICKSERV =
  /(?:\/(?:msg[ \t]+nickserv|ns|nickserv)[ \t]+|privmsg[ \t]+nickserv[ \t]+(?::[ \t]*)?)identify[ \t]+(?:\S+[ \t]+)?(\S+)[ \t]*\r?$/dgim;
const ZOOKEEPER_DIGEST = /(?<![\w-])addauth[ \t]+digest[ \t]+[^\s:]+:(\S+)/dg;
const DAVFS2_LINE = /^[ \t]*(?:https?:\/\/|\/)\S*[ \t]+\S+[ \t]+(\S+)[ \t]*\r?$/dgm;

/** A value there that is a password: no reference (`$ZK_PW`) and no placeholder (`<password>`, `password`). */
const isTypedPassword = (match: RegExpMatchArray): boolean =>
  !isCommandReference(match[1]) && !isPlainlyNotSecret(match[1].replace(/^(["'])(.*)\1$/s, '$2'), 'password');

export const sessionLoginSpans = (text: string): Array<[number, number]> => [
  ...(/nickserv|\/ns[ \t]/i.test(text) ? groupSpans(NICKSERV, text, isTypedPassword) : []),
  ...(text.includes('addauth') ? groupSpans(ZOOKEEPER_DIGEST, text, isTypedPassword) : []),
  ...(text.includes('davfs2') ? groupSpans(DAVFS2_LINE, text, isTypedPassword) : []),
];
