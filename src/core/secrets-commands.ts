import { clientWordsUnwrapped } from './client-word-wrappers';
import { entrypointImage } from './entrypoint-image';
import { execFormWords } from './exec-form-lists';
import { listsOnOneLine } from './list-lines';
import { pipesOnOneLine } from './pipe-lines';
import { REDIS_CLUE, RESP_CLUE, isRedisCommand, redisCommandPassword, respAsCommands } from './redis-commands';
import { isCommandReference, isPathReference, shellWords } from './secret-arguments';
import { rulePassword } from './command-rules';
import { type ClientState, positionalPassword } from './secrets-positional';
import { lftpScriptIndent, mayHoldLftpScript, type Script, scriptClient, scriptLogonPassword, scriptOf } from './client-scripts';
import { isRedirection } from './shell-redirections';
import { type Inherited, lifted, readerCall, readerInput, scriptInput } from './stdin-wrappers';
import { withTextReads } from './c-scripts';
import { fedInCode } from './code-input';
import { withoutXargsItems, xargsFound } from './xargs-command';
import { STDIN_CLIENT, isStdinReader, printfFilled, stdinPasswords, stdinReading, type StdinReading } from './stdin-passwords';

/**
 * Passwords in fixed places no key names (attack round 34a-9): the password options of command-line clients whose
 * option is no secret word (`-u user:password`, `-p<pw>`, `-a <pw>`); `.pgpass` lines and BIND keys are in
 * fixed-place-secrets.ts. Each reader gives the value's span in the text (secret-shapes.ts FINDERS: every door sees them).
 */

/** What it is called in findings (`FoundSecret.what`). */
export const COMMAND_SECRET = 'a password on a command line';
/**
 * The finding of a command line's password, naming the client and option that set it, never the value (36a-12). A
 * placeholder (`openssl passwd <password>`) is said after the command, which a message's redaction would otherwise read
 * as one setting the password `<password>` (40a-8b): `openssl passwd, its password word` (the last placeholder's name).
 */
export function commandSecret(option: string): string {
  const secret = /<([^<>]+)>[^<]*$/.exec(option)?.[1];
  return secret ? `${COMMAND_SECRET} (${option.replace(/\s*<[^<>]+>/g, '')}, its ${secret} word)` : `${COMMAND_SECRET} (${option})`;
}

/** A client whose password option is read below, as a word of a command line (a path before it too: `/usr/bin/curl`). */
const CLIENT =
  /(?<![\w.-])(?:curl|mysql\w*|mariadb[\w-]*|redis-cli|valkey-cli|keydb-cli|redis-benchmark|sshpass|passwd|docker|nerdctl|podman|helm|buildah|oras|crane|skopeo|az|ldap\w+|mongosh|mongo|sqlcmd|smbclient|smbpasswd|openssl|keytool|jarsigner|certutil|htpasswd|mosquitto_\w+|zip|unzip|zipcloak|7z[ar]?|ssh-keygen|rabbitmqctl|vault|mc|rclone|rabbitmqadmin|lftp|ipmitool|snmp\w+|etcdctl|nmcli|(?:wl|[wx])freerdp\d*|sdl-freerdp\d*|cqlsh|sqlplus|sql|rman|expdp|impdp|exp|imp|sqlldr|mongo(?:dump|restore|export|import|stat|top|files)|rdesktop|wpa_passphrase|chpasswd|aws|user(?:add|mod)|mkpasswd|dgmgrl|dbv|net|ansible-vault|bcp|i?u?sql|https?(?!:)|tsql|freebcp|osql|psexec(?:64)?|winrs|ncftp(?:get|put|ls)?|(?:un)?rar|pdftk|xhs?|curlie|rpcclient|smbcacls|smbcquotas|smbtree|smbget|wmic|kadmin|ipa-client-install|vsql|beeline|hdbsql|security|neo4j-admin|wpa_cli|evil-winrm|nxc|netexec|crackmapexec|racadm|schtasks|jenkins-cli(?:\.jar)?|ab|hey|ftp|swaks|sendemail|influx|samba-tool|mega-login|ngrok|cloudflared)(?:\.exe)?(?![\w.-])/i;
/**
 * Text that may hold a command line's password: a client's name (a `${VAR:-default}`'s too), a reader of standard
 * input's, or a Redis command (redis-commands.ts).
 */
export const mayHoldCommand = (text: string): boolean =>
  CLIENT.test(text) || STDIN_CLIENT.test(text) || REDIS_CLUE.test(text) || (text.includes('${') && CLIENT.test(clientWordsUnwrapped(text)));
/** Words that end a command in a shell (shellWords with its operators gives `&&` as two `&`). */
const SEPARATOR = /^(?:;|&&?|\|\|?|\(|\)|`)$/;
/** REDIS_CLUE in any letter case (a line fed to Redis). */
const REDIS_CLUE_ANY_CASE = new RegExp(REDIS_CLUE.source, 'i');
/** A here-doc's start (`<<EOF`, `<<-'EOF'`) on a line that feeds it to Redis: redis-cli, or a netcat-like on a Redis port. */
const HERE_DOC = /(?<!<)<<(?!<)-?[ \t]*(['"]?)([\w.-]+)\1/;
const NETCAT = /(?<![\w.-])(?:nc|ncat|netcat|socat|telnet)(?![\w.-])/;
const REDIS_PORT = /(?<![\w.-])2?6379(?!\w)/;
const feedsRedis = (line: string): boolean =>
  /(?<![\w.-])(?:redis|valkey|keydb)-cli(?![\w.-])/.test(line) || (NETCAT.test(line) && REDIS_PORT.test(line));
/** A here-doc given to a command that reads standard input (stdin-passwords.ts): how it reads it, and its delimiter. */
interface HereDoc {
  end: string;
  /** How its lines are read: as standard input (stdin-passwords.ts), or as the client's own commands (client-scripts.ts). */
  reading?: StdinReading;
  script?: Script;
  option: string;
  /** `password`: its first line has been read. */
  read?: boolean;
  /** sqlplus, sql: its first line may be the logon, not read yet (client-scripts.ts scriptLogonPassword). */
  logonFirst?: boolean;
}
function hereDocAt(line: string): HereDoc | undefined {
  const start = line.includes('<<') ? HERE_DOC.exec(line) : null;
  if (!start) return undefined;
  if (feedsRedis(line)) return { end: start[2], reading: 'redis', option: 'input' };
  const words = shellWords(line, true);
  // Each reader's name once a command: its options are read to the command's end once (a line of `docker docker …`);
  // another reader after it is read too (`sudo passwd --stdin <<EOF`). A script's client: each client word (40a-2:
  // `docker exec -i db sqlplus -s /nolog <<EOF`).
  const tried = new Set<string>();
  for (let k = 0; k < words.length; k++) {
    const name = commandName(words[k]);
    if (SEPARATOR.test(words[k])) tried.clear();
    if (isStdinReader(name) && !tried.has(name)) {
      tried.add(name);
      const stdin = stdinReading(name, words, k);
      if (stdin) return { end: start[2], reading: stdin.reading, option: `${name} ${stdin.name}` };
    }
    if (CLIENT.exec(name)?.[0] !== name) continue;
    // A script's client (`sql` only where it starts a command: `run sql <<EOF` is prose).
    const script = COMMON_WORD.test(name) && k > 0 && !SEPARATOR.test(words[k - 1]) ? undefined : scriptOf(name);
    if (script) return { end: start[2], script, option: `${name} script`, logonFirst: /^sql(?:plus)?$/.test(name) };
  }
  return undefined;
}
/**
 * A word's command name: `/usr/bin/curl`, `--cmd=curl` (a flag's value), `curl.exe`, `CMD=curl` (a variable's value:
 * `BACKUP_CMD="mysqldump -p…"`, `alias db='mysql -p…'` are command lines, 40a-3).
 */
const commandName = (word: string): string =>
  word
    .replace(/^(?:--?[\w.-]+|[A-Za-z_]\w*)=/, '')
    .replace(/^.*[/\\]/s, '')
    .replace(/\.exe$/i, '')
    .toLowerCase();
/** How deep a command line's words are read again as command lines (`sh -c "bash -c 'curl …'"`). */
const MAX_NESTING = 3;

/** A password an option sets, and how a message names the option. */
interface Option {
  value: string;
  option: string;
  user?: boolean;
  /** The option names its protocol's command whole: no client before it in a message (redis-commands.ts saslAuth). */
  whole?: boolean;
}

/** Clients whose name is also a common word (`run sql queries/reports`, `hey`): read only where they start a command. */
const COMMON_WORD = /^(?:sql|exp|imp|passwd|net|security|ab|hey|ftp)$/;
/** Windows' and Samba's `net` where its next word is `user` (or Samba's `rpc|ads|sam`): read wherever it stands (40a-5). */
const NET_USER = /^(?:user|rpc|ads|sam)$/i;

/** A client a command names, read from its name on: its name, what its words have shown, whether its options ended. */
interface Reader {
  client: string;
  state: ClientState;
  stopped?: boolean;
  /** `docker run --entrypoint <client> … IMAGE`: the image word, up to which the words are docker's (41a-4). */
  image?: number;
}
/** How many clients of one command are read at once (the last named): a wrapper's, the client's it runs, and more. */
const MAX_READERS = 4;

/**
 * Whether word `i` (its command name `name`) names a client read from there on. Every client word is one, not only a
 * command's first (40a-2: `docker exec db mysql -p…`, `docker run --rm redis:7 redis-cli -a …`, `kubectl -n mysql exec
 * r -- redis-cli -a …`): the wrapper's client and the one it runs are both read. A common word only where it starts a
 * command (or follows `sudo`; `net user` anywhere); a client named after another only where it is no option's value
 * (`docker run --name mysql -p3306:3306 …`, `sudo -u mysql redis-cli`): not after a word that is an option, but `--`
 * and `--entrypoint` (docker/podman/nerdctl run: its value is the command); an option's glued value is (`--entrypoint=mysql`).
 */
function startsClient(name: string, words: readonly string[], i: number, after: boolean): boolean {
  if (CLIENT.exec(name)?.[0] !== name) return false;
  const before = i > 0 ? words[i - 1] : undefined;
  const start = before === undefined || SEPARATOR.test(before);
  if (COMMON_WORD.test(name) && !start && before !== 'sudo' && !(name === 'net' && NET_USER.test(words[i + 1] ?? ''))) return false;
  return !after || start || !before!.startsWith('-') || /^--(?:entrypoint)?$/.test(before!) || words[i].startsWith('-');
}
/** redis-cli and its forks (valkey.io valkey-cli, docs.keydb.dev keydb-cli: the same options and commands). */
const REDIS_CLI = /^(?:redis|valkey|keydb)-cli$/;
/** A printf format's conversion alone (`printf "AUTH %s\\r\\n" "$PW"`: the format's word is filled by a reference, 38a-10). */
const CONVERSION = /^%[-+ #0-9.]*[a-zA-Z]$/;

const freshState = (): ClientState => ({ login: false, batch: false, noFile: false, positional: 0 });

/**
 * htpasswd's batch mode takes the password on the command line: `htpasswd -b[c] file user password`, `htpasswd -nb user
 * password` (httpd.apache.org docs/current/programs/htpasswd.html); so does `mosquitto_passwd -b file user password`
 * (mosquitto_passwd(1), 37a-6). The value of `-C cost` (htpasswd), `-H hash` and `-I iterations` is no place.
 */
function htpasswdPassword(word: string, before: string | undefined, state: ClientState): Option | undefined {
  if (before !== undefined && /^-[A-Za-z]*[CHI]$/.test(before)) return undefined;
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
 * - the rows of command-rules.ts (mysql's `-p<password>`, zip's `-P`, a registry login's `-p`…);
 * - redis-cli `-a <password>` (redis.io/docs/latest/develop/tools/cli; glued too), before its command, and the command's own
 *   (redis-commands.ts: `redis-cli CONFIG SET requirepass <pw>`); its forks valkey-cli and keydb-cli alike (38a-3);
 * - sshpass `-p <password>` (sshpass(1)), before the command it runs (whose own `-p` is a port).
 * 'redis': the Redis command starts at this word.
 */
function clientPassword(client: string, words: readonly string[], i: number, state: ClientState): Option | 'stop' | 'redis' | undefined {
  const word = words[i];
  const next = words[i + 1];
  if (word === 'login') state.login = true;
  if (client === 'htpasswd' || client === 'mosquitto_passwd') return htpasswdPassword(word, words[i - 1], state);
  if (client === 'curl' || client === 'curlie') {
    const long = /^--(?:proxy-)?user(?:=(.*))?$/s.exec(word);
    if (long) return { value: long[1] ?? next ?? '', user: true, option: '--user' };
    const short = /^-[A-Za-z]*?[uU](.*)$/s.exec(word);
    if (short && !word.startsWith('--')) return { value: short[1] || (next ?? ''), user: true, option: '-u' };
    return rulePassword(client, word, next, state);
  }
  const redisCli = REDIS_CLI.test(client);
  if (!redisCli && client !== 'sshpass') return rulePassword(client, word, next, state) ?? positionalPassword(client, words, i, state);
  const [flag, takesValue] = redisCli ? ['-a', /^-[hpsaurnidD]$/] : ['-p', /^-[pfdP]$/];
  if (word === flag) return { value: next ?? '', option: flag };
  // Glued (`sshpass -pX`; redis-cli's own parser wants `-a X`, but `-aX` is the same password written down, 37a-1).
  if (word.startsWith(flag) && word.length > 2) return { value: word.slice(2), option: flag };
  // Options end at the first word that is none (and no option's value): the command's own options follow.
  if (!word.startsWith('-') && !(i > 0 && takesValue.test(words[i - 1]))) return redisCli ? 'redis' : 'stop';
  return undefined;
}

/** A password a command line's words set: the word that holds it (`index`; the whole word where read nested). */
interface CommandPassword {
  index: number;
  password: string;
  user: boolean;
  nested: boolean;
  option: string;
  /** Which of the passwords one input holds alike this is (`(echo pw; echo pw) | smbpasswd -s`: both are redacted). */
  nth?: number;
  /** Fed what a script inherits: `index` is a word of this depth's (stdin-wrappers.ts lifted). */
  from?: number;
}

/** Where a nested word is read (`bash -c "…"`, `printf "AUTH pw\r\n"`): its escaped line breaks end commands too. */
const nestedWords = (word: string): string[] => shellWords(word.replace(/\\[rn]|\r|\n/g, ' ; '), true);

/**
 * The passwords the command `client` at word `i` reads on standard input (stdin-passwords.ts): an `echo`/`printf`
 * piped into it or a here-string, read as Redis commands in any case, as `user:password` lines, as a password, or as
 * the client's own script (client-scripts.ts: `echo "CONNECT u/pw@db" | sqlplus /nolog`).
 */
function stdinFed(client: string, words: readonly string[], i: number, depth: number, inherited?: Inherited): CommandPassword[] {
  // What a wrapper, a group or a script that runs it is fed (stdin-wrappers.ts, 42a-1; group-input.ts, 44a-2).
  const call = readerCall(words, i);
  const stdin = stdinReading(client, call.words, call.i);
  const script = stdin ? undefined : scriptOf(client);
  const input = (stdin || script) && readerInput(words, call.from, inherited);
  if (!input) return [];
  const { text, at } = input;
  const from = input === inherited ? inherited.from : undefined;
  if (!stdin || stdin.reading === 'redis')
    return commandPasswords(nestedWords(text), depth + 1, !!stdin, script).map((inner) => ({ ...inner, index: at, nested: true, from }));
  const option = `${client} ${stdin.name}`;
  const seen = new Map<string, number>();
  return stdinPasswords(stdin.reading, text).map((password) => {
    const nth = seen.get(password) ?? 0;
    seen.set(password, nth + 1);
    return { index: at, password, user: false, nested: true, option, nth, from };
  });
}

/**
 * The passwords `words` (one command line, or a pod's exec-form `command` and `args`) set with a client's option. A
 * word holding blanks and a client (`bash -c "curl -u …"`, `$(curl …)` quoted) is read as a command line itself when
 * `nested` (in a list, each item is judged as text on its own). A Redis command starting a command (a here-doc's
 * line, a `printf` string) is read too: in capitals, and AUTH's word not prose's (redis-commands.ts PROSE_WORD); in
 * any case and with any word where the text is `fedToRedis` (37a-2).
 */
export function commandPasswords(
  words: readonly string[],
  depth: number,
  fedToRedis = false,
  script?: Script,
  inherited?: Inherited,
): CommandPassword[] {
  const found: CommandPassword[] = [];
  // The clients this command names, each read on (40a-2: `docker exec db mysql -p…`, `sudo -u mysql redis-cli -a …`).
  let readers: Reader[] = [];
  // The readers of standard input read in this command: each name once (its options are read to the command's end).
  const stdinReaders = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const commandStart = i === 0 || SEPARATOR.test(words[i - 1]);
    const name = commandName(word);
    // lftp runs the commands of `-c`/`-e` (lftp(1)): `lftp -c "open -u bob,pw ftp://h; user bob pw"` is a script of its
    // own (38a-3, 39a-2: client-scripts.ts).
    const lftpCommands = readers.some(({ client }) => client === 'lftp') && /^-[ce]$/.test(words[i - 1] ?? '');
    // A printf's format is read filled by its arguments (`printf "AUTH %s\r\n" "$PW" | nc redis 6379`, 38a-10).
    const nested = words[i - 1] === 'printf' && /%/.test(word) ? printfFilled(words, i - 1) : word;
    if (
      depth > 0 &&
      depth < MAX_NESTING &&
      /[\s;&|()]/.test(word) &&
      (lftpCommands || mayHoldCommand(word) || (fedToRedis && REDIS_CLUE_ANY_CASE.test(word)))
    )
      found.push(
        ...commandPasswords(
          nestedWords(nested),
          depth + 1,
          fedToRedis,
          lftpCommands ? 'lftp' : undefined,
          scriptInput(words, i, depth, inherited),
        ).map((inner) => lifted(inner, depth, i)),
      );
    else if (SEPARATOR.test(word)) readers = [];
    else {
      // A redirection and its target are no argument (`openssl passwd -stdin < /run/secrets/pw`, 41a-9).
      const redirection = isRedirection(words, i);
      for (const reader of readers)
        if (reader.client !== 'redis' && !redirection && i > (reader.image ?? -1))
          readOption(reader, i, clientPassword(reader.client, words, i, reader.state));
      readers = readers.filter(({ stopped }) => !stopped);
      // A script's command that logs in (client-scripts.ts: lftp's `user`, Oracle's `CONNECT`).
      if (readers.length === 0 && commandStart && script && scriptClient(script, word))
        readers = [{ client: scriptClient(script, word)!, state: freshState() }];
      else if (readers.length === 0 && commandStart && isRedisCommand(word, fedToRedis))
        readers = [{ client: 'redis', state: { ...freshState(), redis: i } }];
      else if (startsClient(name, words, i, readers.length > 0)) {
        // The last named of a name is read (`docker exec mysql mysql -p…`: the container's name, then the client).
        readers = [
          ...readers.filter(({ client }) => client !== name).slice(1 - MAX_READERS),
          { client: name, state: freshState(), image: entrypointImage(words, i) },
        ];
        // A script's client fed on standard input (client-scripts.ts), once a command; a stdin reader is read below.
        if (depth < MAX_NESTING && scriptOf(name) && !stdinReaders.has(name)) {
          stdinReaders.add(name);
          found.push(...stdinFed(name, words, i, depth, inherited));
        }
      }
    }
    if (depth < MAX_NESTING) found.push(...xargsFound(words, i, (run) => commandPasswords(run, depth, fedToRedis), inherited));
    if (SEPARATOR.test(word)) stdinReaders.clear();
    // A reader of standard input wherever it stands (after `RUN`, a prompt, `sudo`, another client's words: 39a-1).
    else if (depth < MAX_NESTING && isStdinReader(name) && !stdinReaders.has(name)) {
      stdinReaders.add(name);
      found.push(...stdinFed(name, words, i, depth, inherited));
    }
    for (const reader of readers) {
      const { client, state } = reader;
      if (client !== 'redis' || state.redis === undefined || i <= state.redis) continue;
      const last = i + 1 >= words.length || SEPARATOR.test(words[i + 1]);
      readOption(reader, i, redisCommandPassword(words, state.redis, i, last, fedToRedis || REDIS_CLI.test(state.sub ?? '')));
    }
  }

  /** What a reader's word `i` gave: a password, its Redis command's start, or the end of its options (then it stops). */
  function readOption(reader: Reader, i: number, option: Option | 'stop' | 'redis' | undefined): void {
    const { client, state } = reader;
    if (option === 'redis') [reader.client, reader.state] = ['redis', { ...freshState(), redis: i, sub: client }];
    else if (option === 'stop') reader.stopped = true;
    else if (option) {
      const colon = option.user ? option.value.indexOf(':') : -1;
      const password = option.user ? (colon > 0 ? option.value.slice(colon + 1) : '') : option.value;
      const named = option.whole
        ? option.option
        : client === 'redis'
          ? `${state.sub ?? 'Redis'} ${option.option}`
          : `${client} ${option.option}`;
      const reference = isCommandReference(password) || (client === 'az' && isPathReference(password));
      if (password && !reference && !SEPARATOR.test(password) && !CONVERSION.test(password))
        found.push({ index: i, password, user: !!option.user, nested: false, option: named.slice(0, 60) });
    }
  }
  // A password read twice (an `echo "AUTH pw"` piped into redis-cli is a nested Redis command too) is one.
  const seen = new Set<string>();
  const key = ({ index, password, nth }: CommandPassword): string => `${index}\0${password}\0${nth ?? 0}`;
  return withoutXargsItems(words, found).filter((one) => !seen.has(key(one)) && !!seen.add(key(one)));
}

/**
 * Where the command lines of `text` set a password with a client's option: the password's span, and how the first
 * is named. A line ends at a newline not escaped (a backslash-newline continues it), and at a shell's control
 * operators (shellWords). A text is fed to Redis where it holds RESP framing (all of it), and on the lines of a
 * here-doc given to redis-cli (or a fork), or to a netcat-like on a Redis port (6379, 26379), up to its delimiter; a
 * here-doc given to another command that reads a password on standard input is read as it reads it (38a-2).
 */
function commandPasswordsIn(written: string): { spans: Array<[number, number]>; option?: string } {
  const resp = RESP_CLUE.test(written);
  // An lftp script of its own (client-scripts.ts): its lines outside a here-doc are read as lftp's commands.
  const lftpScript = mayHoldLftpScript(written);
  let lftpIndent: string | undefined;
  if (!resp && !lftpScript && !mayHoldCommand(written) && !(written.includes('<<') && feedsRedis(written))) return { spans: [] };
  // RESP framing read as commands, each character where it stood (the spans below are the written text's).
  // A list of strings over several lines on one (list-lines.ts), each character where it stood too.
  const text = resp ? respAsCommands(written) : pipesOnOneLine(listsOnOneLine(written));
  const spans: Array<[number, number]> = [];
  let first: string | undefined;
  let at = 0;
  let hereDoc: HereDoc | undefined;
  for (const line of text.split(/(?<!\\)\n/)) {
    // A here-doc fed to Redis (redis-cli, or nc and the like on a Redis port): each line is a command, any case.
    const fedToRedis = resp || hereDoc?.reading === 'redis';
    const input = hereDoc;
    if (lftpScript) lftpIndent = lftpScriptIndent(line, lftpIndent);
    // Its end: the delimiter alone on a line, indented too (a script inside YAML, where the write gate reads it).
    if (hereDoc && line.trim() === hereDoc.end) hereDoc = undefined;
    else if (!hereDoc) hereDoc = hereDocAt(line);
    const logon = input?.logonFirst && hereDoc === input && line.trim() ? scriptLogonPassword(line) : undefined;
    if (input?.logonFirst && line.trim()) input.logonFirst = false;
    if (logon && !isCommandReference(logon.password)) {
      first ??= `${input!.option} logon`;
      spans.push([at + logon.start, at + logon.start + logon.password.length]);
    }
    if (input?.reading && input.reading !== 'redis' && hereDoc === input) {
      // A password line (the first only, for `--password-stdin`; each, for `smbpasswd -s`), or a `user:password` line.
      const [password] = input.read ? [] : stdinPasswords(input.reading, line);
      input.read = input.reading === 'password';
      const start = password === undefined ? -1 : line.lastIndexOf(password);
      if (start >= 0) {
        first ??= input.option;
        spans.push([at + start, at + start + password.length]);
      }
    } else if (
      (fedToRedis ? mayHoldCommand(line) || REDIS_CLUE_ANY_CASE.test(line) : mayHoldCommand(line)) ||
      (input?.script && hereDoc === input) ||
      (lftpIndent !== undefined && !input)
    ) {
      // A list of strings on it (`test: ["CMD", "mysqladmin", …]`) is a command of its own, one word per item (40a-3).
      // A client word reached through `$(which …)` or `${VAR:-…}` is that word (41a-7).
      const unwrapped = clientWordsUnwrapped(line);
      const words = execFormWords(unwrapped, (part) => shellWords(part, true)) ?? shellWords(unwrapped, true);
      const script = input ? (hereDoc === input ? input.script : undefined) : lftpIndent !== undefined ? 'lftp' : undefined;
      // Words stand in order: each search goes on from the last password's end, so a line is scanned about once.
      let from = 0;
      for (const { index, password, user, nested, option: named } of commandPasswords(words, 1, fedToRedis, script)) {
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
  (lastRead = lastRead?.text === text ? lastRead : { text, found: withTextReads(fedInCode(commandPasswordsIn))(text) }).found;

export const commandPasswordSpans = (text: string): Array<[number, number]> => commandPasswordsOnce(text).spans;
/** How a finding of commandPasswordSpans is named: the first password's client and option (36a-12). */
export const commandSecretIn = (text: string): string => commandSecret(commandPasswordsOnce(text).option ?? 'a client');
