/**
 * Passwords a Redis command sets (attack round 36a-3): the same settings as redis.conf's `requirepass`/`masterauth`
 * and an ACL file's `>pw`, given as commands (redis.io/docs/latest/commands): after `redis-cli`'s options, as a line of a
 * here-doc, or in a `printf "AUTH pw\r\n" | nc` string (secrets-commands.ts reads the words).
 */

/**
 * A Redis command's name that may set a password, as a shell command's first word: in capitals in any text; in any
 * letter case where the text is fed to Redis (`anyCase`: a here-doc read by redis-cli, RESP framing; 37a-2).
 */
const REDIS_COMMAND = /^(?:AUTH|CONFIG|ACL|SENTINEL|HELLO|MIGRATE)$/;
export const isRedisCommand = (word: string, anyCase: boolean): boolean => REDIS_COMMAND.test(anyCase ? word.toUpperCase() : word);
/** Text that may hold such a command (a line's, or a quoted string's, first word): the cheap test before reading words. */
export const REDIS_CLUE = /(?<![\w-])(?:AUTH|CONFIG|ACL|SENTINEL|HELLO|MIGRATE)[ \t]/;

/**
 * Where a text is not known to be fed to Redis, AUTH's word is a password only where it looks like none of prose's or
 * another protocol's: not a word of letters (`echo 'AUTH required'`, `AUTH Failed`) nor a SASL mechanism's name in
 * capitals (SMTP's and IMAP's `AUTH LOGIN`, `PLAIN`, `XOAUTH2`, `CRAM-MD5`; 37a-8). Fed to Redis, every word is one.
 */
const PROSE_WORD = /^(?:[A-Za-z][a-z]*|[A-Z][A-Z0-9-]*)$/;
/** A format's field, maybe with the quote that ends the format and the code after it: `%s",`, `%s,`, `{}'.format(pw)`. */
const FORMAT_FIELD = /^(?:%[-+ #0-9.]*[sqv]|\{\w{0,32}\}|%\(\w{1,32}\)s)(?:\\r\\n|\\n)?(?:[^\w\s\\]\S*)?$/;

/** RESP framing (redis.io/docs/latest/develop/reference/protocol-spec): `*<n>` and `$<length>`, each ended by CRLF. */
const RESP_FRAME = /\*\d{1,9}(?:\\r\\n|\r\n)|\$\d{1,9}(?:\\r\\n|\r\n)|\\r\\n|\r\n/g;
/** Text holding a RESP array's header and its first bulk string's, escaped (`*2\r\n$4\r\n` in a printf string) or raw. */
export const RESP_CLUE = /\*\d{1,9}(?:\\r\\n|\r\n)\$\d{1,9}(?:\\r\\n|\r\n)/;

/**
 * `text` with its RESP framing (`*2\r\n$4\r\nAUTH\r\n$2\r\npw\r\n`, escaped or raw) read as commands of words, each
 * character where it stood: an array's header is a `;` (a command starts), a bulk string's header and each CRLF
 * blanks. The reading of `text` is then the reading of commands in a text fed to Redis.
 */
export const respAsCommands = (text: string): string =>
  text.replace(RESP_FRAME, (frame) => (frame.startsWith('*') ? ';'.padEnd(frame.length) : ' '.repeat(frame.length)));

/**
 * 73b-8: SMTP's and POP3's `AUTH <mechanism> <initial response>` (RFC 4954 section 4, RFC 5034 section 4), the
 * response being the credentials in base64: named as that protocol's command, not Redis' (`whole`: no client before it).
 */
const SASL_MECHANISM = /^(?:PLAIN|LOGIN|XOAUTH2|OAUTHBEARER|CRAM-MD5|DIGEST-MD5|SCRAM-SHA-1|SCRAM-SHA-256|NTLM)$/;
const saslAuth = (mechanism: string | undefined, value: string, k: number, fedToRedis: boolean) =>
  k === 2 && !fedToRedis && SASL_MECHANISM.test(mechanism ?? '')
    ? { value, option: `SMTP or POP3 AUTH ${mechanism}`, whole: true }
    : undefined;

/** `CONFIG SET <param> <pw>`, `SENTINEL SET <master> auth-pass <pw>`, `SENTINEL CONFIG SET sentinel-pass <pw>`. */
const PASSWORD_PARAMETER = /^(?:requirepass|masterauth|auth-pass|sentinel-pass)$/i;

/**
 * The password the word `i` of a Redis command (its name at `start`) sets, and how the command is named in a message
 * (never the value); `last`: the word ends the command; `fedToRedis`: the text is (PROSE_WORD).
 * - `AUTH [username] <password>` (one or two arguments: the last);
 * - `CONFIG SET requirepass|masterauth <pw>`, `SENTINEL SET <master> auth-pass <pw>`, `SENTINEL CONFIG SET sentinel-pass <pw>`;
 * - `ACL SETUSER <user> … >pw` (or `<pw`, which removes one: the password is still written);
 * - `HELLO <protover> AUTH <username> <pw>`; `MIGRATE … AUTH <pw>` or `AUTH2 <username> <pw>`.
 */
export function redisCommandPassword(
  words: readonly string[],
  start: number,
  i: number,
  last: boolean,
  fedToRedis: boolean,
): { value: string; option: string; whole?: boolean } | undefined {
  const k = i - start;
  const command = words[start].toUpperCase();
  const word = words[i];
  const [before, beforeThat] = [words[i - 1]?.toUpperCase(), k >= 2 ? words[i - 2].toUpperCase() : undefined];
  // A format's field (`"AUTH %s", pw`, `"AUTH {}"`) is filled by code: its argument is judged (redis-client-calls.ts, 53a-9).
  if (command === 'AUTH')
    return last && (k === 1 || k === 2) && (fedToRedis || !PROSE_WORD.test(word)) && !FORMAT_FIELD.test(word)
      ? (saslAuth(words[start + 1], word, k, fedToRedis) ?? { value: word, option: 'AUTH' })
      : undefined;
  const sub = words[start + 1]?.toUpperCase();
  const sets = (command === 'CONFIG' && sub === 'SET') || (command === 'SENTINEL' && (sub === 'SET' || sub === 'CONFIG'));
  if (sets && k >= 3 && PASSWORD_PARAMETER.test(words[i - 1]))
    return { value: word, option: `${command} SET ${words[i - 1].toLowerCase()}` };
  if (command === 'ACL' && k >= 3 && words[start + 1].toUpperCase() === 'SETUSER' && /^[<>]./s.test(word))
    return { value: word.slice(1), option: 'ACL SETUSER >' };
  if (command === 'HELLO' && k >= 4 && beforeThat === 'AUTH') return { value: word, option: 'HELLO AUTH' };
  if (command === 'MIGRATE' && ((k >= 2 && before === 'AUTH') || beforeThat === 'AUTH2')) return { value: word, option: 'MIGRATE AUTH' };
  return undefined;
}
