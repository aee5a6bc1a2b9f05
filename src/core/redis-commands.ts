/**
 * Passwords a Redis command sets (attack round 36a-3): the same settings as redis.conf's `requirepass`/`masterauth`
 * and an ACL file's `>pw`, given as commands (redis.io/docs/latest/commands): after `redis-cli`'s options, as a line of a
 * here-doc, or in a `printf "AUTH pw\r\n" | nc` string (secrets-commands.ts reads the words).
 */

/** A Redis command's name that may set a password, as a shell command's first word (written in capitals there). */
export const REDIS_COMMAND = /^(?:AUTH|CONFIG|ACL|SENTINEL|HELLO|MIGRATE)$/;
/** Text that may hold such a command (a line's, or a quoted string's, first word): the cheap test before reading words. */
export const REDIS_CLUE = /(?<![\w-])(?:AUTH|CONFIG|ACL|SENTINEL|HELLO|MIGRATE)[ \t]/;

/** `CONFIG SET <param> <pw>`, `SENTINEL SET <master> auth-pass <pw>`, `SENTINEL CONFIG SET sentinel-pass <pw>`. */
const PASSWORD_PARAMETER = /^(?:requirepass|masterauth|auth-pass|sentinel-pass)$/i;

/**
 * The password the word `i` of a Redis command (its name at `start`) sets, and how the command is named in a message
 * (never the value); `last`: the word ends the command.
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
): { value: string; option: string } | undefined {
  const k = i - start;
  const command = words[start].toUpperCase();
  const word = words[i];
  const [before, beforeThat] = [words[i - 1]?.toUpperCase(), k >= 2 ? words[i - 2].toUpperCase() : undefined];
  if (command === 'AUTH') return last && (k === 1 || k === 2) ? { value: word, option: 'AUTH' } : undefined;
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
