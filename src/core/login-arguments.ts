import { looksGenerated } from './generated-runs';
import { isAnyPasswordHash } from './password-hashes';
import { isPlaceholder } from './placeholders';
import { isReference } from './secrets-text';

/**
 * A login `user:password` given to a client as its own argument (59a-22): `args: ["--auth", "admin:Zq8v…"]`, curl's
 * `-u`/`--user` (curl.se/docs/manpage.html "-u, --user <user:password>") through an image's entrypoint
 * (`args: ["-u", "admin:…"]`), `--auth`, `--basic-auth`, `--proxy-user`, `--http-user`, `--credentials`; and
 * `admin:Zq8v…` alone as an item of a list (`args`), as the same text alone under any key is read (a BasicAuth
 * entry's password in plain text). One verdict with `--auth=admin:…` and the env value `admin:…`, which are refused.
 * After such a flag a password is one whatever it looks like (not a reference, a placeholder, nor a group's name or id:
 * `--user nobody:nogroup`); alone, only a generated
 * one is (`redis:6379`, `0.0.0.0:8080`, `image:tag`, `sha256:<hex>` are none). Also the text `tool --auth admin:Zq8v…`.
 */

export const LOGIN_ARGUMENT = "a login's user:password given as a client's argument (-u, --user, --auth)";

/** The flags whose next argument is `user:password` (curl, wget, httpie, most HTTP clients). */
const LOGIN_FLAG = /^(?:-u|-U|--user|--auth|--basic-auth|--basicauth|--proxy-user|--http-user|--credentials?|--creds|--userpass)$/;
/** `user:password`: a user without `/`, `@` or `.` (not an image, a host, an address), then a password without blanks. */
const USER_PASSWORD = /^[A-Za-z_][\w+-]{0,63}:([^\s]{1,256})$/;

const isGeneratedPassword = (password: string): boolean =>
  password.length >= 8 && !/^[0-9a-f]+$/i.test(password) && looksGenerated(password);
/** A password, not a stand-in, a reference, an option or a hash (`chpasswd -e` takes `user:<crypt hash>`). */
const isValue = (password: string): boolean =>
  !isPlaceholder(password) &&
  !isReference(password) &&
  !password.startsWith('-') &&
  !CRYPT_PREFIX.test(password) &&
  !isAnyPasswordHash(password);
/** crypt(5)'s `$id$` prefix (sha512-crypt, bcrypt, yescrypt, ...): a hash whatever follows. */
const CRYPT_PREFIX = /^\$(?:1|2[abxy]?|5|6|7|y|gy|argon2(?:id|i|d)|md5|sha1)\$/;
/** A group's name or id (`--user nobody:nogroup`, `-u app:1000`: docker's, gosu's `user:group`), no password. */
const GROUP = /^(?:[a-z_][a-z0-9_-]{0,31}|\d{1,10})$/;

/**
 * The keys of a list of a command's arguments (a pod's `command`/`args`, a chart's `additionalArguments`/`extraArgs`):
 * only there is `user:<generated>` alone read as a login. A Traefik Middleware's `users` holds `user:hash` entries,
 * judged by their own readers (auth-user-entries.ts), and a digestAuth entry is `user:realm:hash`.
 */
const ARGUMENT_LIST = /^(?:args|command|arguments|additionalArguments|extraArgs|cmd|entrypoint)$/i;

/** Whether item `i` of `list` is a login's `user:password`; `key` is the list's own key, where it has one. */
export function isLoginItem(list: readonly unknown[], i: number, key?: string | number): boolean {
  const item = list[i];
  if (typeof item !== 'string') return false;
  const password = USER_PASSWORD.exec(item)?.[1];
  if (password === undefined || !isValue(password)) return false;
  const flag = i > 0 ? list[i - 1] : undefined;
  const alone = key === undefined || (typeof key === 'string' && ARGUMENT_LIST.test(key));
  return (typeof flag === 'string' && LOGIN_FLAG.test(flag) && !GROUP.test(password)) || (alone && isGeneratedPassword(password));
}

/** The text form: such a flag, blanks, then `user:<generated>` (linear: each part is one class, and the flag a fixed word). */
const LOGIN_IN_TEXT =
  /(?<![\w-])(?:-u|-U|--user|--auth|--basic-auth|--basicauth|--proxy-user|--http-user|--credentials?|--creds|--userpass)[ \t]+["']?[A-Za-z_][\w+-]{0,63}:([^\s"']{8,256})/dg;

/** Where a text gives such a flag a `user:<generated>`: the password's span. */
export function loginArgumentSpans(text: string): Array<[number, number]> {
  if (!text.includes('-')) return [];
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(LOGIN_IN_TEXT)) {
    const [start, end] = match.indices?.[1] ?? [0, 0];
    if (isGeneratedPassword(match[1]) && isValue(match[1])) spans.push([start, end]);
  }
  return spans;
}
