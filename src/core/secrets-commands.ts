import { shellWords } from './secret-arguments';
import type { Path } from './problem';
import { isPlainlyNotSecret } from './secrets-keys';
import { isReference } from './secrets-text';

/**
 * Passwords in fixed places no key names (attack round 34a-9): a `.pgpass` line, a BIND key's `secret "…";`, and
 * the password options of a few command-line clients whose option is no secret word (`-u user:password`, `-p<pw>`,
 * `-a <pw>`). Each reader gives the value's span in the text (secret-shapes.ts FINDERS: every door sees them).
 */

/** What each is called in findings (`FoundSecret.what`). */
export const PGPASS_SECRET = 'a .pgpass line (host:port:database:user:password)';
export const TSIG_SECRET = 'a BIND or TSIG key secret (secret "…";)';
export const COMMAND_SECRET =
  'a password on a command line (curl -u user:password, mysql -p…, redis-cli -a …, sshpass -p …, docker login -p …, ldapsearch -w …)';

/**
 * A `.pgpass` line: `hostname:port:database:username:password` (postgresql.org/docs/current/libpq-pgpass.html), each of
 * the first four a value or `*`, `\:` an escaped colon. The host is a name (starting with a letter), an IPv4 address or
 * `*`, and the port digits or `*`, so a time (`10:30:00:00:00`) or a MAC address is none. It starts a line or follows
 * a blank or `=` (`--x=host:…`); a host holds neither, so the starts' scans do not overlap, and each field excludes the
 * colon that ends it (no backtracking).
 */
const PGPASS =
  /(?<=^|[\s=])(?:[A-Za-z*][\w.*-]*|\d{1,3}(?:\.\d{1,3}){3}):(?:\d{1,5}|\*):(?:[^\s:\\]|\\.)+:(?:[^\s:\\]|\\.)+:((?:[^\s:\\]|\\.)+)[ \t]*\r?$/dgm;
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
 * line) and the password no switch's word (`srv:22:root:admin:enabled`) and longer than two (`node1:8080:eth0:vlan1:up`).
 */
function isPgpassLine(line: string): boolean {
  const [, , database, user, password] = line.trim().split(/(?<!\\):/);
  const plain = password.length <= 2 || /^\d+$/.test(password) || isPlainlyNotSecret(password, 'pgpass');
  return !database.startsWith('/') && !/^\d+$/.test(user) && !plain;
}

export const pgpassSpans = (text: string): Array<[number, number]> =>
  /:\d|:\*/.test(text) ? groupSpans(PGPASS, text, (match) => isPgpassLine(match[0])) : [];
export const tsigSpans = (text: string): Array<[number, number]> => (/secret\s/.test(text) ? groupSpans(TSIG, text) : []);

/** A client whose password option is read below, as a word of a command line (a path before it too: `/usr/bin/curl`). */
const CLIENT =
  /(?<![\w.-])(?:curl|mysql\w*|mariadb[\w-]*|redis-cli|sshpass|docker|nerdctl|podman|helm|ldap\w+|mongosh|mongo|sqlcmd|smbclient|openssl|keytool|htpasswd|mosquitto_\w+)(?:\.exe)?(?![\w.-])/i;
/** Words that end a command in a shell (shellWords with its operators gives `&&` as two `&`). */
const SEPARATOR = /^(?:;|&&?|\|\|?|\(|\)|`)$/;
/** How deep a command line's words are read again as command lines (`sh -c "bash -c 'curl …'"`). */
const MAX_NESTING = 3;

/**
 * Other clients' password options, one row each: the client, the option that takes the next word, the option with the
 * value glued or after `=` (group 1), and the form the password has in the value (group 1 of `form`; none: the value):
 * - `docker`/`nerdctl`/`podman login -p|--password`, `helm registry login -p|--password` (only after `login`:
 *   `docker run -p 8080:80` is a port; docs.docker.com reference/cli/docker/login, helm.sh docs/helm/helm_registry_login);
 * - OpenLDAP clients `-w <pw>` (ldapsearch(1): `-W` prompts);
 * - `mongosh`/`mongo -p|--password` (mongodb.com docs/mongodb-shell/reference/options), not an option after it (it prompts);
 * - `sqlcmd -P` (learn.microsoft.com sql/tools/sqlcmd/sqlcmd-utility);
 * - `smbclient -U|--user user%password` (smbclient(1));
 * - `openssl -k <pw>`, `-pass|-passin|-passout pass:<pw>` (openssl-passphrase-options(1); `env:`/`file:` refer);
 * - `keytool -storepass|-keypass|-srcstorepass|-deststorepass|-srckeypass|-destkeypass` (keytool docs; `:env`/`:file` refer);
 * - `mosquitto_pub`/`_sub`/`_rr -P|--pw` (mosquitto_pub(1)).
 */
const RULES: ReadonlyArray<{ client: RegExp; next: RegExp; glued?: RegExp; form?: RegExp; login?: boolean }> = [
  { client: /^(?:docker|nerdctl|podman|helm)$/, next: /^(?:-p|--password)$/, glued: /^--password=(.+)$/s, login: true },
  { client: /^ldap\w+$/, next: /^-w$/, glued: /^-w(.+)$/s },
  { client: /^mongo(?:sh)?$/, next: /^(?:-p|--password)$/, glued: /^--password=(.+)$/s, form: /^([^-].*)$/s },
  { client: /^sqlcmd$/, next: /^-P$/, glued: /^-P(.+)$/s },
  { client: /^smbclient$/, next: /^(?:-U|--user)$/, glued: /^(?:--user=|-U)(.+)$/s, form: /^[^%]*%(.+)$/s },
  { client: /^openssl$/, next: /^-k$/ },
  { client: /^openssl$/, next: /^-pass(?:in|out)?$/, form: /^pass:(.+)$/s },
  { client: /^keytool$/, next: /^-(?:src|dest)?(?:store|key)pass$/ },
  { client: /^mosquitto_\w+$/, next: /^(?:-P|--pw)$/ },
];

/** What a command line's client has shown so far: `login` seen, htpasswd's switches and its words that are no option. */
interface ClientState {
  login: boolean;
  batch: boolean;
  noFile: boolean;
  positional: number;
}

/** The password a row of RULES reads at `word` (with `next` after it), or none. */
function rulePassword(client: string, word: string, next: string | undefined, state: ClientState): string | undefined {
  for (const rule of RULES) {
    if (!rule.client.test(client) || (rule.login && !state.login)) continue;
    const value = rule.next.test(word) ? next : rule.glued?.exec(word)?.[1];
    const password = value === undefined ? undefined : rule.form ? rule.form.exec(value)?.[1] : value;
    if (password) return password;
  }
  return undefined;
}

/**
 * htpasswd's batch mode takes the password on the command line: `htpasswd -b[c] file user password`, `htpasswd -nb user
 * password` (httpd.apache.org docs/current/programs/htpasswd.html).
 */
function htpasswdPassword(word: string, state: ClientState): string | undefined {
  if (word.startsWith('-') && word.length > 1) {
    state.batch ||= word.includes('b');
    state.noFile ||= word.includes('n');
    return undefined;
  }
  state.positional++;
  return state.batch && state.positional === (state.noFile ? 2 : 3) ? word : undefined;
}

/**
 * Per client, its password option (`value`: the password, or `user:password` for curl), glued or as the next word:
 * - curl `-u`/`--user`/`-U`/`--proxy-user` `user:password` (curl.se/docs/manpage.html), also after short switches (`-su`);
 * - mysql and mariadb clients `-p<password>` glued only (a bare `-p` prompts; dev.mysql.com command-options), not
 *   all digits (a port: `ssh -p2222` later on the line);
 * - redis-cli `-a <password>` (redis.io/docs/latest/develop/tools/cli), before its command;
 * - sshpass `-p <password>` (sshpass(1)), before the command it runs (whose own `-p` is a port).
 */
function clientPassword(
  client: string,
  words: readonly string[],
  i: number,
  state: ClientState,
): { value: string; user?: boolean } | 'stop' | undefined {
  const word = words[i];
  const next = words[i + 1];
  if (word === 'login') state.login = true;
  if (client === 'htpasswd') {
    const password = htpasswdPassword(word, state);
    return password === undefined ? undefined : { value: password };
  }
  if (client === 'curl') {
    const long = /^--(?:proxy-)?user(?:=(.*))?$/s.exec(word);
    if (long) return { value: long[1] ?? next ?? '', user: true };
    const short = /^-[A-Za-z]*?[uU](.*)$/s.exec(word);
    return short && !word.startsWith('--') ? { value: short[1] || (next ?? ''), user: true } : undefined;
  }
  if (/^(?:mysql|mariadb)/.test(client)) {
    const glued = /^-p(.+)$/s.exec(word);
    return glued && !/^\d+$/.test(glued[1]) ? { value: glued[1] } : undefined;
  }
  if (client !== 'redis-cli' && client !== 'sshpass') {
    const password = rulePassword(client, word, next, state);
    return password === undefined ? undefined : { value: password };
  }
  const [flag, takesValue] = client === 'redis-cli' ? ['-a', /^-[hpsaurnidD]$/] : ['-p', /^-[pfdP]$/];
  if (word === flag) return { value: next ?? '' };
  if (client === 'sshpass' && /^-p./s.test(word)) return { value: word.slice(2) };
  // Options end at the first word that is none (and no option's value): the command's own options follow.
  if (!word.startsWith('-') && !(i > 0 && takesValue.test(words[i - 1]))) return 'stop';
  return undefined;
}

/** A password a command line's words set: the word that holds it (`index`; the whole word where read nested). */
interface CommandPassword {
  index: number;
  password: string;
  user: boolean;
  nested: boolean;
}

/**
 * The passwords `words` (one command line, or a pod's exec-form `command` and `args`) set with a client's option. A
 * word holding blanks and a client (`bash -c "curl -u …"`, `$(curl …)` quoted) is read as a command line itself when
 * `nested` (in a list, each item is judged as text on its own).
 */
function commandPasswords(words: readonly string[], depth: number): CommandPassword[] {
  const found: CommandPassword[] = [];
  let client: string | undefined;
  let state: ClientState = { login: false, batch: false, noFile: false, positional: 0 };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    // `/usr/bin/curl`, `--cmd=curl` (a flag's value), `curl.exe`.
    const name = word
      .replace(/^--?[\w.-]+=/, '')
      .replace(/^.*[/\\]/s, '')
      .replace(/\.exe$/i, '')
      .toLowerCase();
    if (depth > 0 && depth < MAX_NESTING && /\s/.test(word) && CLIENT.test(word))
      found.push(...commandPasswords(shellWords(word, true), depth + 1).map((inner) => ({ ...inner, index: i, nested: true })));
    else if (SEPARATOR.test(word)) client = undefined;
    else if (client === undefined && CLIENT.exec(name)?.[0] === name) {
      client = name;
      state = { login: false, batch: false, noFile: false, positional: 0 };
    } else if (client !== undefined) {
      const option = clientPassword(client, words, i, state);
      if (option === 'stop') client = undefined;
      else if (option) {
        const colon = option.user ? option.value.indexOf(':') : -1;
        const password = option.user ? (colon > 0 ? option.value.slice(colon + 1) : '') : option.value;
        if (password && !isReference(password)) found.push({ index: i, password, user: !!option.user, nested: false });
      }
    }
  }
  return found;
}

/**
 * Where the command lines of `text` set a password with a client's option: the password's span. A line ends at a
 * newline not escaped (a backslash-newline continues it), and at a shell's control operators (shellWords).
 */
export function commandPasswordSpans(text: string): Array<[number, number]> {
  if (!CLIENT.test(text)) return [];
  const spans: Array<[number, number]> = [];
  let at = 0;
  for (const line of text.split(/(?<!\\)\n/)) {
    if (CLIENT.test(line)) {
      const words = shellWords(line, true);
      // Words stand in order: each search goes on from the last password's end, so a line is scanned about once.
      let from = 0;
      for (const { index, password, user, nested } of commandPasswords(words, 1)) {
        // After the option as written (a user name may hold the password's text); the whole line where quoted apart.
        const found = line.indexOf(words[index], from);
        const option = found < 0 ? from : found;
        const after = option + (!nested && words[index] !== password && words[index].startsWith('-') ? 1 : 0);
        const start = user ? line.indexOf(`:${password}`, option) + 1 : line.indexOf(password, after);
        if (start <= 0) {
          spans.push([at, at + line.length]);
          break;
        }
        spans.push([at + start, at + start + password.length]);
        from = start + password.length;
      }
    }
    at += line.length + 1;
  }
  return spans;
}

/**
 * The passwords an exec-form command sets (Kubernetes' `command: [curl, -u, "bob:pw", …]` with its `args`, a probe's or
 * a hook's `exec.command`): one finding per list item that holds one. Each item is one word, as the kubelet passes it.
 */
export function execCommandPasswords(record: Record<string, unknown>, at: Path): Array<{ path: Path; value: string; what: string }> {
  const lists = (['command', 'args'] as const).map((key) => (Array.isArray(record[key]) ? (record[key] as unknown[]) : []));
  const items = [...lists[0].map((item, i) => ['command', i, item] as const), ...lists[1].map((item, i) => ['args', i, item] as const)];
  if (!items.some(([, , item]) => typeof item === 'string' && CLIENT.test(item))) return [];
  const words = items.map(([, , item]) => (typeof item === 'string' ? item : ';'));
  return commandPasswords(words, 0).map(({ index, password }) => {
    // The option's own item (`-pPW`, `--user=bob:PW`), or the next one (`-u`, `bob:PW`).
    const [key, i, item] = items[words[index].includes(password) ? index : index + 1];
    return { path: [...at, key, i], value: String(item), what: COMMAND_SECRET };
  });
}
