import { REDIS_CLUE, REDIS_COMMAND, redisCommandPassword } from './redis-commands';
import { isCommandReference, isPathReference, shellWords } from './secret-arguments';
import type { Path } from './problem';
import { isPlainlyNotSecret } from './secrets-keys';
import { isReference } from './secrets-text';
import { type ClientState, positionalPassword } from './secrets-positional';

/**
 * Passwords in fixed places no key names (attack round 34a-9): a `.pgpass` line, a BIND key's `secret "…";`, and
 * the password options of a few command-line clients whose option is no secret word (`-u user:password`, `-p<pw>`,
 * `-a <pw>`). Each reader gives the value's span in the text (secret-shapes.ts FINDERS: every door sees them).
 */

/** What each is called in findings (`FoundSecret.what`). */
export const PGPASS_SECRET = 'a .pgpass line (host:port:database:user:password)';
export const TSIG_SECRET = 'a BIND or TSIG key secret (secret "…";)';
export const COMMAND_SECRET = 'a password on a command line';
/** The finding of a command line's password, naming the client and option that set it, never the value (36a-12). */
const commandSecret = (option: string): string => `${COMMAND_SECRET} (${option})`;

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
  /(?<![\w.-])(?:curl|mysql\w*|mariadb[\w-]*|redis-cli|redis-benchmark|sshpass|docker|nerdctl|podman|helm|buildah|oras|crane|skopeo|az|ldap\w+|mongosh|mongo|sqlcmd|smbclient|openssl|keytool|htpasswd|mosquitto_\w+|zip|unzip|zipcloak|7z[ar]?|ssh-keygen|rabbitmqctl|vault|mc|rclone)(?:\.exe)?(?![\w.-])/i;
/** Text that may hold a command line's password: a client's name, or a Redis command (redis-commands.ts). */
const mayHoldCommand = (text: string): boolean => CLIENT.test(text) || REDIS_CLUE.test(text);
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
 * - `mosquitto_pub`/`_sub`/`_rr -P|--pw` (mosquitto_pub(1));
 * - (36a-2) `buildah`/`oras`/`skopeo login -p`, `crane auth login -p`, `az login -p` (as docker's); `zip`/`unzip -P
 *   <pw>` (zip(1), unzip(1)); 7-Zip `-p<pw>`, glued only (a bare `-p` prompts; 7-Zip's -p switch docs);
 *   `ssh-keygen -N|-P <passphrase>` (ssh-keygen(1)); `redis-benchmark -a <pw>` (as redis-cli's);
 * - (36a-1) curl `-E|--cert|--proxy-cert <file>:<password>` (curl.se/docs/manpage.html#-E; a Windows drive's colon
 *   and a `pkcs11:` URI are none).
 * `option`: how a message names the option (never its value).
 */
const RULES: ReadonlyArray<{ client: RegExp; option: string; next?: RegExp; glued?: RegExp; form?: RegExp; login?: boolean }> = [
  {
    client: /^(?:docker|nerdctl|podman|helm|buildah|oras|crane|skopeo|az)$/,
    option: 'login -p',
    next: /^(?:-p|--password)$/,
    glued: /^--password=(.+)$/s,
    login: true,
  },
  { client: /^ldap\w+$/, option: '-w', next: /^-w$/, glued: /^-w(.+)$/s },
  { client: /^mongo(?:sh)?$/, option: '-p', next: /^(?:-p|--password)$/, glued: /^--password=(.+)$/s, form: /^([^-].*)$/s },
  { client: /^sqlcmd$/, option: '-P', next: /^-P$/, glued: /^-P(.+)$/s },
  { client: /^smbclient$/, option: '-U', next: /^(?:-U|--user)$/, glued: /^(?:--user=|-U)(.+)$/s, form: /^[^%]*%(.+)$/s },
  { client: /^openssl$/, option: '-k', next: /^-k$/ },
  { client: /^openssl$/, option: '-pass pass:', next: /^-pass(?:in|out)?$/, form: /^pass:(.+)$/s },
  { client: /^keytool$/, option: '-storepass', next: /^-(?:src|dest)?(?:store|key)pass$/ },
  { client: /^mosquitto_\w+$/, option: '-P', next: /^(?:-P|--pw)$/ },
  { client: /^(?:zip|unzip|zipcloak)$/, option: '-P', next: /^(?:-P|--password)$/ },
  { client: /^7z[ar]?$/, option: '-p', glued: /^-p(.+)$/s },
  { client: /^ssh-keygen$/, option: '-N', next: /^-[NP]$/, glued: /^-[NP](.+)$/s },
  { client: /^redis-benchmark$/, option: '-a', next: /^-a$/ },
  {
    client: /^curl$/,
    option: '--cert file:password',
    next: /^(?:-E|--(?:proxy-)?cert)$/,
    glued: /^-E(.+)$/s,
    form: /^(?!pkcs11:)(?:[A-Za-z]:[\\/]|(?![A-Za-z]:[\\/]))(?:[^:\\]|\\.)*:(.+)$/s,
  },
];

/** A password an option sets, and how a message names the option. */
interface Option {
  value: string;
  option: string;
  user?: boolean;
}

const freshState = (): ClientState => ({ login: false, batch: false, noFile: false, positional: 0 });

/** The password a row of RULES reads at `word` (with `next` after it), or none. */
function rulePassword(client: string, word: string, next: string | undefined, state: ClientState): Option | undefined {
  for (const rule of RULES) {
    if (!rule.client.test(client) || (rule.login && !state.login)) continue;
    const value = rule.next?.test(word) ? next : rule.glued?.exec(word)?.[1];
    const password = value === undefined ? undefined : rule.form ? rule.form.exec(value)?.[1] : value;
    if (password) return { value: password, option: rule.option };
  }
  return undefined;
}

/**
 * htpasswd's batch mode takes the password on the command line: `htpasswd -b[c] file user password`, `htpasswd -nb user
 * password` (httpd.apache.org docs/current/programs/htpasswd.html).
 */
function htpasswdPassword(word: string, state: ClientState): Option | undefined {
  if (word.startsWith('-') && word.length > 1) {
    state.batch ||= word.includes('b');
    state.noFile ||= word.includes('n');
    return undefined;
  }
  state.positional++;
  return state.batch && state.positional === (state.noFile ? 2 : 3) ? { value: word, option: '-b' } : undefined;
}

/**
 * Per client, its password option (`value`: the password, or `user:password` for curl), glued or as the next word:
 * - curl `-u`/`--user`/`-U`/`--proxy-user` `user:password` (curl.se/docs/manpage.html), also after short switches (`-su`);
 * - mysql and mariadb clients `-p<password>` glued only (a bare `-p` prompts; dev.mysql.com command-options), not
 *   all digits (a port: `ssh -p2222` later on the line);
 * - redis-cli `-a <password>` (redis.io/docs/latest/develop/tools/cli), before its command, and the command's own
 *   (redis-commands.ts: `redis-cli CONFIG SET requirepass <pw>`);
 * - sshpass `-p <password>` (sshpass(1)), before the command it runs (whose own `-p` is a port).
 * 'redis': the Redis command starts at this word.
 */
function clientPassword(client: string, words: readonly string[], i: number, state: ClientState): Option | 'stop' | 'redis' | undefined {
  const word = words[i];
  const next = words[i + 1];
  if (word === 'login') state.login = true;
  if (client === 'htpasswd') return htpasswdPassword(word, state);
  if (client === 'curl') {
    const long = /^--(?:proxy-)?user(?:=(.*))?$/s.exec(word);
    if (long) return { value: long[1] ?? next ?? '', user: true, option: '--user' };
    const short = /^-[A-Za-z]*?[uU](.*)$/s.exec(word);
    if (short && !word.startsWith('--')) return { value: short[1] || (next ?? ''), user: true, option: '-u' };
    return rulePassword(client, word, next, state);
  }
  if (/^(?:mysql|mariadb)/.test(client)) {
    const glued = /^-p(.+)$/s.exec(word);
    return glued && !/^\d+$/.test(glued[1]) ? { value: glued[1], option: '-p' } : undefined;
  }
  if (client !== 'redis-cli' && client !== 'sshpass')
    return rulePassword(client, word, next, state) ?? positionalPassword(client, words, i, state);
  const [flag, takesValue] = client === 'redis-cli' ? ['-a', /^-[hpsaurnidD]$/] : ['-p', /^-[pfdP]$/];
  if (word === flag) return { value: next ?? '', option: flag };
  if (client === 'sshpass' && /^-p./s.test(word)) return { value: word.slice(2), option: '-p' };
  // Options end at the first word that is none (and no option's value): the command's own options follow.
  if (!word.startsWith('-') && !(i > 0 && takesValue.test(words[i - 1]))) return client === 'redis-cli' ? 'redis' : 'stop';
  return undefined;
}

/** A password a command line's words set: the word that holds it (`index`; the whole word where read nested). */
interface CommandPassword {
  index: number;
  password: string;
  user: boolean;
  nested: boolean;
  option: string;
}

/** Where a nested word is read (`bash -c "…"`, `printf "AUTH pw\r\n"`): its escaped line breaks end commands too. */
const nestedWords = (word: string): string[] => shellWords(word.replace(/\\[rn]|\r|\n/g, ' ; '), true);

/**
 * The passwords `words` (one command line, or a pod's exec-form `command` and `args`) set with a client's option. A
 * word holding blanks and a client (`bash -c "curl -u …"`, `$(curl …)` quoted) is read as a command line itself when
 * `nested` (in a list, each item is judged as text on its own). A Redis command in capitals starting a command
 * (a here-doc's line, a `printf` string) is read too.
 */
function commandPasswords(words: readonly string[], depth: number): CommandPassword[] {
  const found: CommandPassword[] = [];
  let client: string | undefined;
  let state = freshState();
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const commandStart = i === 0 || SEPARATOR.test(words[i - 1]);
    // `/usr/bin/curl`, `--cmd=curl` (a flag's value), `curl.exe`.
    const name = word
      .replace(/^--?[\w.-]+=/, '')
      .replace(/^.*[/\\]/s, '')
      .replace(/\.exe$/i, '')
      .toLowerCase();
    let option: Option | 'stop' | 'redis' | undefined;
    if (depth > 0 && depth < MAX_NESTING && /\s/.test(word) && mayHoldCommand(word))
      found.push(...commandPasswords(nestedWords(word), depth + 1).map((inner) => ({ ...inner, index: i, nested: true })));
    else if (SEPARATOR.test(word)) client = undefined;
    else if (client === undefined && commandStart && REDIS_COMMAND.test(word)) [client, state] = ['redis', { ...freshState(), redis: i }];
    else if (client === undefined && CLIENT.exec(name)?.[0] === name) [client, state] = [name, freshState()];
    else if (client !== undefined && client !== 'redis') option = clientPassword(client, words, i, state);
    if (option === 'redis') [client, state] = ['redis', { ...freshState(), redis: i, sub: 'redis-cli' }];
    else if (client === 'redis' && state.redis !== undefined && i > state.redis) {
      const last = i + 1 >= words.length || SEPARATOR.test(words[i + 1]);
      option = redisCommandPassword(words, state.redis, i, last);
    }
    if (option === 'stop') client = undefined;
    else if (option && option !== 'redis') {
      const colon = option.user ? option.value.indexOf(':') : -1;
      const password = option.user ? (colon > 0 ? option.value.slice(colon + 1) : '') : option.value;
      const named = client === 'redis' ? `${state.sub ?? 'Redis'} ${option.option}` : `${client} ${option.option}`;
      if (password && !isCommandReference(password) && !(client === 'az' && isPathReference(password)) && !SEPARATOR.test(password))
        found.push({ index: i, password, user: !!option.user, nested: false, option: named.slice(0, 60) });
    }
  }
  return found;
}

/**
 * Where the command lines of `text` set a password with a client's option: the password's span, and how the first
 * is named. A line ends at a newline not escaped (a backslash-newline continues it), and at a shell's control
 * operators (shellWords).
 */
function commandPasswordsIn(text: string): { spans: Array<[number, number]>; option?: string } {
  if (!mayHoldCommand(text)) return { spans: [] };
  const spans: Array<[number, number]> = [];
  let first: string | undefined;
  let at = 0;
  for (const line of text.split(/(?<!\\)\n/)) {
    if (mayHoldCommand(line)) {
      const words = shellWords(line, true);
      // Words stand in order: each search goes on from the last password's end, so a line is scanned about once.
      let from = 0;
      for (const { index, password, user, nested, option: named } of commandPasswords(words, 1)) {
        first ??= named;
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
  return { spans, option: first };
}

/** The last text read and what was found (a shape's finder, then its name, read the same text one after the other). */
let lastRead: { text: string; found: ReturnType<typeof commandPasswordsIn> } | undefined;
const commandPasswordsOnce = (text: string): ReturnType<typeof commandPasswordsIn> =>
  (lastRead = lastRead?.text === text ? lastRead : { text, found: commandPasswordsIn(text) }).found;

export const commandPasswordSpans = (text: string): Array<[number, number]> => commandPasswordsOnce(text).spans;
/** How a finding of commandPasswordSpans is named: the first password's client and option (36a-12). */
export const commandSecretIn = (text: string): string => commandSecret(commandPasswordsOnce(text).option ?? 'a client');

/**
 * The passwords an exec-form command sets (Kubernetes' `command: [curl, -u, "bob:pw", …]` with its `args`, a probe's or
 * a hook's `exec.command`): one finding per list item that holds one. Each item is one word, as the kubelet passes it.
 */
export function execCommandPasswords(record: Record<string, unknown>, at: Path): Array<{ path: Path; value: string; what: string }> {
  const lists = (['command', 'args'] as const).map((key) => (Array.isArray(record[key]) ? (record[key] as unknown[]) : []));
  const items = [...lists[0].map((item, i) => ['command', i, item] as const), ...lists[1].map((item, i) => ['args', i, item] as const)];
  if (!items.some(([, , item]) => typeof item === 'string' && mayHoldCommand(item))) return [];
  const words = items.map(([, , item]) => (typeof item === 'string' ? item : ';'));
  return commandPasswords(words, 0).map(({ index, password, option }) => {
    // The option's own item (`-pPW`, `--user=bob:PW`), or the next one (`-u`, `bob:PW`).
    const [key, i, item] = items[words[index].includes(password) ? index : index + 1];
    return { path: [...at, key, i], value: String(item), what: commandSecret(option) };
  });
}
