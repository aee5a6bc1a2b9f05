import { isReference } from './secrets-text';

/**
 * Password lines of servers' and clients' config files that name no secret word, beside secrets-formats.ts
 * CONFIG_LINES (attack round 36a-3, 36a-4, 36a-5). Each pattern starts only at a line's start, a `;` or a header's name,
 * and each blank run is taken whole (`(?=(…*))\N` never gives it back), so a text is scanned once: linear.
 */

/** What such a line's password is called in findings (`FoundSecret.what`). */
export const CONFIG_FILE_SECRET =
  'a password of a config file (.curlrc user, ODBC PWD=, haproxy insecure-password or stats auth, Redis Sentinel auth-pass, an Authorization: Bearer header)';

/**
 * - curl's config file takes `=`, `:` or blanks between an option and its value (curl.se/docs/manpage.html `-K`):
 *   `user: bob:pw`, `user "bob:pw"`, `proxy-user bob:pw` (the `=` form is CONFIG_LINES'). The same words are a
 *   compose file's or a Dockerfile's `user: uid:gid` / `USER name:group`: a password that can be a group's name (POSIX
 *   portable letters, digits, `.`, `_`, `-`, lower case; or digits) is taken for one.
 * - ODBC's `PWD=` (learn.microsoft.com sql/odbc/reference/syntax/sqldriverconnect: `PWD=<password>`, `{…}` quoted), in
 *   a connection string (after `;`) or an odbc.ini line; a shell's `PWD=/app` is a folder: a value that starts with
 *   `/`, `~`, `.` or `$` is none.
 * - haproxy `user <name> insecure-password <pw>` in a userlist, and `stats auth <user>:<pw>`
 *   (docs.haproxy.org configuration.html 3.4 Userlists, 4.2 stats auth; `password` takes a hash).
 * - Redis Sentinel `sentinel auth-pass <master> <pw>` and `sentinel sentinel-pass <pw>` (redis.io/docs/latest/operate/
 *   oss_and_stack/management/sentinel), the Sentinel's masterauth and requirepass.
 */
const LINES = [
  String.raw`^[ \t]*(?:proxy-)?user(?=([ \t]*))\1(:?)(?=([ \t]*))\3"?[^\s":]+:([^\s"]+)"?[ \t]*\r?$`,
  String.raw`(?:^|;)[ \t]*PWD[ \t]*=[ \t]*(?:\{([^}\n]+)\}|([^;\s{][^;\s]*))`,
  String.raw`^[ \t]*(?:user[ \t]+\S+[ \t]+insecure-password|stats[ \t]+auth[ \t]+[^\s:]+:|sentinel[ \t]+(?:auth-pass[ \t]+\S+|sentinel-pass))(?=([ \t]*))\7(\S+)`,
];
const LINE = new RegExp(LINES.join('|'), 'dgim');
/** A password of the first form that can be a group's name or a gid (`nobody:nogroup`, `1000:1000`, `app:app`). */
const GROUP_LIKE = /^(?:\d+|[a-z_][a-z0-9_.-]*)$/;

/**
 * An `Authorization` header whose credential is a bearer token: `Authorization: Bearer x` (an HTTP header line),
 * nginx `proxy_set_header Authorization "Bearer x";` / `add_header …`, any quoting; README: "a header
 * `Authorization`". A variable (`$token`, `${TOKEN}`) or a word in lower-case letters only (`Bearer token`, a
 * placeholder) is none.
 */
const BEARER = /(?<![\w-])Authorization["']?(?=([ \t:]*))\1["']?Bearer(?=([ \t]+))\2([A-Za-z0-9._~+/=-]+)/dgi;

/** Where a text holds a password line of LINES or a bearer token of an `Authorization` header: the secret's span. */
export function configFileSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (/user|pwd|stats|sentinel/i.test(text)) {
    for (const match of text.matchAll(LINE)) {
      const group = [4, 5, 6, 8].find((n) => match[n] !== undefined)!;
      const value = match[group];
      // The first form: blanks or a colon after `user` (`username:x` is no option), a password that is no group's name.
      if (group === 4 && ((match[1] === '' && match[2] === '' && match[3] === '') || GROUP_LIKE.test(value))) continue;
      if (group === 6 && /^[/~.$]/.test(value)) continue;
      const [start, end] = match.indices![group];
      // A quoted value (Redis takes `"pw"`) is the text inside its quotes.
      const quoted = group === 8 && /^(["']).+\1$/.test(value) ? 1 : 0;
      if (!isReference(value) && value.length > 2 * quoted) spans.push([start + quoted, end - quoted]);
    }
  }
  if (/authorization/i.test(text)) {
    for (const match of text.matchAll(BEARER)) {
      const token = match[3];
      if (!/^[a-z]+$/.test(token)) spans.push(match.indices![3]);
    }
  }
  return spans;
}
