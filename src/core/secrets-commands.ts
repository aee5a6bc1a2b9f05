import { shellWords } from './secret-arguments';
import { isReference } from './secrets-text';

/**
 * Passwords in fixed places no key names (attack round 34a-9): a `.pgpass` line, a BIND key's `secret "…";`, and
 * the password options of a few command-line clients whose option is no secret word (`-u user:password`, `-p<pw>`,
 * `-a <pw>`). Each reader gives the value's span in the text (secret-shapes.ts FINDERS: every door sees them).
 */

/** What each is called in findings (`FoundSecret.what`). */
export const PGPASS_SECRET = 'a .pgpass line (host:port:database:user:password)';
export const TSIG_SECRET = 'a BIND or TSIG key secret (secret "…";)';
export const COMMAND_SECRET = 'a password on a command line (curl -u user:password, mysql -p…, redis-cli -a …, sshpass -p …)';

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
const TSIG = /(?<![\w-])secret\s+"([A-Za-z0-9+/]+={0,2})"\s*;/dg;

function groupSpans(pattern: RegExp, text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(pattern)) {
    const span = match.indices?.[1];
    if (span && !isReference(match[1])) spans.push([span[0], span[1]]);
  }
  return spans;
}

export const pgpassSpans = (text: string): Array<[number, number]> => (/:\d|:\*/.test(text) ? groupSpans(PGPASS, text) : []);
export const tsigSpans = (text: string): Array<[number, number]> => (/secret\s/.test(text) ? groupSpans(TSIG, text) : []);

/** A client whose password option is read below, as a word of a command line (a path before it too: `/usr/bin/curl`). */
const CLIENT = /(?<![\w.-])(?:curl|mysql\w*|mariadb[\w-]*|redis-cli|sshpass)(?![\w.-])/;
/** Words that end a command in a shell. */
const SEPARATOR = /^(?:;|&&|\|\||\||&)$/;
/**
 * Per client, its password option (`value`: the password, or `user:password` for curl), glued or as the next word:
 * - curl `-u`/`--user`/`-U`/`--proxy-user` `user:password` (curl.se/docs/manpage.html), also after short switches (`-su`);
 * - mysql and mariadb clients `-p<password>` glued only (a bare `-p` prompts; dev.mysql.com command-options);
 * - redis-cli `-a <password>` (redis.io/docs/latest/develop/tools/cli), before its command;
 * - sshpass `-p <password>` (sshpass(1)), before the command it runs (whose own `-p` is a port).
 */
function clientPassword(client: string, words: readonly string[], i: number): { value: string; user?: boolean } | 'stop' | undefined {
  const word = words[i];
  const next = words[i + 1];
  if (client === 'curl') {
    const long = /^--(?:proxy-)?user(?:=(.*))?$/s.exec(word);
    if (long) return { value: long[1] ?? next ?? '', user: true };
    const short = /^-[A-Za-z]*?[uU](.*)$/s.exec(word);
    return short && !word.startsWith('--') ? { value: short[1] || (next ?? ''), user: true } : undefined;
  }
  if (/^(?:mysql|mariadb)/.test(client)) {
    const glued = /^-p(.+)$/s.exec(word);
    return glued ? { value: glued[1] } : undefined;
  }
  const [flag, takesValue] = client === 'redis-cli' ? ['-a', /^-[hpsaurnidD]$/] : ['-p', /^-[pfdP]$/];
  if (word === flag) return { value: next ?? '' };
  if (client === 'sshpass' && /^-p./s.test(word)) return { value: word.slice(2) };
  // Options end at the first word that is none (and no option's value): the command's own options follow.
  if (!word.startsWith('-') && !(i > 0 && takesValue.test(words[i - 1]))) return 'stop';
  return undefined;
}

/** Where the command lines of `text` (line by line) set a password with a client's option: the password's span. */
export function commandPasswordSpans(text: string): Array<[number, number]> {
  if (!CLIENT.test(text)) return [];
  const spans: Array<[number, number]> = [];
  let at = 0;
  for (const line of text.split('\n')) {
    if (CLIENT.test(line)) {
      const words = shellWords(line);
      let client: string | undefined;
      for (let i = 0; i < words.length; i++) {
        // `/usr/bin/curl`, `--cmd=curl` (a flag's value).
        const name = words[i].replace(/^--?[\w.-]+=/, '').replace(/^.*\//s, '');
        if (SEPARATOR.test(words[i])) client = undefined;
        else if (CLIENT.test(name) && CLIENT.exec(name)![0] === name && client === undefined) client = name;
        else if (client !== undefined) {
          const found = clientPassword(client, words, i);
          if (found === 'stop') client = undefined;
          else if (found) {
            const colon = found.user ? found.value.indexOf(':') : -1;
            const password = found.user ? (colon > 0 ? found.value.slice(colon + 1) : '') : found.value;
            if (password && !isReference(password)) {
              // After the option as written (a user name may hold the password's text); the whole line where quoted apart.
              const option = Math.max(0, line.indexOf(words[i]));
              const start = found.user ? line.indexOf(`:${password}`, option) + 1 : line.indexOf(password, option + 2);
              spans.push(start <= 0 ? [at, at + line.length] : [at + start, at + start + password.length]);
            }
          }
        }
      }
    }
    at += line.length + 1;
  }
  return spans;
}
