import { isAuthModeParameter } from './auth-modes';
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
 * After such a flag a password is one whatever it looks like (not a reference, a placeholder, a mode's path, URL or DN:
 * `--auth htpasswd:/etc/htpasswd`, `--auth ldap:dc=example,dc=org` (60a-13), nor a group where the flag takes one: see
 * USER_GROUP); alone, only a generated one is (`redis:6379`, `0.0.0.0:8080`, `image:tag`, `sha256:<hex>`, an id such
 * as `tenant:<uuid>`, `urn:uuid:…`, Grafana's `prometheus:P1809F7CD0C75ACF3` are none: review60-3, 60a-14). Also the
 * text `tool --auth admin:Zq8v…`.
 */

export const LOGIN_ARGUMENT = "a login's user:password given as a client's argument (-u, --user, --auth)";

/** The flags whose next argument is `user:password` (curl, wget, httpie, most HTTP clients). */
const LOGIN_FLAG = /^(?:-u|-U|--user|--auth|--basic-auth|--basicauth|--proxy-user|--http-user|--credentials?|--creds|--userpass)$/;
/** `user:password`: a user without `/`, `@` or `.` (not an image, a host, an address), then a password without blanks. */
const USER_PASSWORD = /^([A-Za-z_][\w+-]{0,63}):([^\s]{1,256})$/;

/** A UUID (RFC 9562) and an algorithm's digest: ids, no password (as secret-word-lines.ts generatedValue strips them). */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const DIGEST = /(?:sha(?:1|224|256|384|512)|md5|blake2b|blake3)[:=-]?[0-9a-f]{16,}/gi;
/** Hex, maybe after one letter (a Grafana datasource's uid `P1809F7CD0C75ACF3`): as random as `openssl rand -hex`, an id. */
const HEX_ID = /^[A-Za-z]?[0-9a-f]+$/i;
const isGeneratedPassword = (password: string): boolean =>
  password.length >= 8 &&
  !HEX_ID.test(password) &&
  looksGenerated(password) &&
  looksGenerated(password.replace(UUID, ' ').replace(DIGEST, ' '));
/** A password, not a stand-in, a reference, an option or a hash (`chpasswd -e` takes `user:<crypt hash>`). */
const isValue = (password: string): boolean =>
  !isPlaceholder(password) &&
  !isReference(password) &&
  !password.startsWith('-') &&
  !CRYPT_PREFIX.test(password) &&
  !isAnyPasswordHash(password);
/** crypt(5)'s `$id$` prefix (sha512-crypt, bcrypt, yescrypt, ...): a hash whatever follows. */
const CRYPT_PREFIX = /^\$(?:1|2[abxy]?|5|6|7|y|gy|argon2(?:id|i|d)|md5|sha1)\$/;
/**
 * review60-2: only `-u`/`--user` may take `user:group`: docker's `--user <name|uid>[:<group|gid>]`
 * (docs.docker.com/reference/cli/docker/container/run/#user; podman, nerdctl, buildah alike); curl's `-u, --user <user:password>` (curl.se/docs/manpage.html#-u) takes a password there. So a
 * group is waived only where it cannot be a password: an id (`-u app:1000`), the user's own group (`app:app`), a system
 * group (`nobody:nogroup`), or after such a tool in the same list. `--auth`, `--proxy-user` (curl's `-U`), `--http-user`,
 * `--basic-auth`, `--credentials` never take a group.
 */
const USER_FLAG = /^(?:-u|--user)$/;
const SYSTEM_GROUP =
  /^(?:\d{1,10}|nogroup|nobody|nogroups|root|wheel|users|staff|daemon|adm|sys|bin|www-data|www|nginx|apache|docker|node|app|nonroot|postgres|mysql|redis|traefik)$/;
/** The container runtimes whose `run`/`exec` take `--user user:group` (gosu's, su-exec's `user:group` take no flag). */
const USER_GROUP_TOOL = /(?:^|\/)(?:docker|podman|nerdctl|buildah)$/;
function isGroup(list: readonly unknown[], i: number, user: string, group: string, flag: string): boolean {
  if (!USER_FLAG.test(flag) || !/^(?:[a-z_][a-z0-9_-]{0,31}|\d{1,10})$/.test(group)) return false;
  return (
    group === user || SYSTEM_GROUP.test(group) || list.slice(0, i).some((item) => typeof item === 'string' && USER_GROUP_TOOL.test(item))
  );
}
/** `--auth=admin:…`: a login flag and its value in one item. */
const FLAG_IS_VALUE = /^(--[a-z-]{2,16})=(.*)$/s;

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
  const joined = FLAG_IS_VALUE.exec(item);
  const [flag, login] = joined && LOGIN_FLAG.test(joined[1]) ? [joined[1], joined[2]] : [i > 0 ? list[i - 1] : undefined, item];
  const [, user, password] = USER_PASSWORD.exec(login) ?? [];
  if (password === undefined || !isValue(password)) return false;
  const alone = key === undefined || (typeof key === 'string' && ARGUMENT_LIST.test(key));
  if (typeof flag === 'string' && LOGIN_FLAG.test(flag)) return !isAuthModeParameter(password) && !isGroup(list, i, user, password, flag);
  return alone && isGeneratedPassword(password);
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
