/**
 * Flags named like a secret that take no value, so the word after them is not one (attack round 42a-10), and the
 * line breaks that end a command line (a flag's value is never on the next line).
 * - A switch that only asks for the secret, or says none is given: Ansible's `--ask-pass`, `--ask-become-pass`,
 *   `--ask-vault-pass` (docs.ansible.com ansible-playbook: "ask for connection password"), `--prompt-password`,
 *   `--password-prompt`, psql's `--no-password` (`-w`: "never issue a password prompt").
 * - `--password` of the PostgreSQL and MySQL/MariaDB clients: psql's `-W, --password` "Force psql to prompt for a
 *   password" (postgresql.org/docs/current/app-psql.html, and pg_dump, createdb... alike); mysql's `--password` with
 *   no `=value` prompts (dev.mysql.com/doc/refman/8.0/en/connection-options.html#option_general_password), the word
 *   after it is the next argument.
 * - A flag followed by another option (a one-letter `-h`: `psql --password -h db`) or a shell operator (`<`, `>`, `|`,
 *   `;`, `&`: `gh auth login --with-token < /run/secrets/gh` reads the token from the file).
 */

/** A flag's name whose first word asks for the secret or says there is none, or whose last word is `prompt`. */
export const isPromptSwitch = (flag: string): boolean => /^(?:ask|prompt|no)[-_]|[-_]prompt$/i.test(flag);

/** The PostgreSQL and MySQL/MariaDB command-line clients, by a word's base name. */
const PROMPTING_CLIENT =
  /^(?:psql|pg_(?:dump|dumpall|restore|basebackup|receivewal|recvlogical|isready)|createdb|dropdb|createuser|dropuser|vacuumdb|reindexdb|clusterdb|mysql\w*|mariadb[\w-]*)(?:\.exe)?$/;

const baseName = (word: string): string => word.slice(word.lastIndexOf('/') + 1);

/**
 * Whether the bare flag `flag` at `words[i]` takes no value, so `words[i + 1]` is not its value: a prompt switch, a
 * prompting client's `--password` (the client named before it in its command: `clientBefore`, by default among the
 * 32 words before it, as in an exec-form list; a text's reader gives promptedAfter's, found once), or a next word
 * that is a line break, a one-letter option or starts with a shell operator.
 */
export function takesNoValue(
  words: readonly unknown[],
  i: number,
  flag: string,
  clientBefore = (at: number) => words.slice(Math.max(0, at - 32), at).some(isPromptingClient),
): boolean {
  if (isPromptSwitch(flag)) return true;
  const next = words[i + 1];
  if (typeof next === 'string' && (next === LINE_BREAK || /^(?:-[A-Za-z]$|\d*[<>]|[|;&])/.test(next))) return true;
  return /^password$/i.test(flag) && clientBefore(i);
}

const isPromptingClient = (word: unknown): boolean => typeof word === 'string' && PROMPTING_CLIENT.test(baseName(word));

/**
 * For each word of `words`, whether a prompting client (PROMPTING_CLIENT) is named before it in its command: since the
 * last line break, `|`, `;` or `&` (one pass).
 */
export function promptedAfter(words: readonly unknown[]): boolean[] {
  let client = false;
  return words.map((word) => {
    const before = client;
    if (typeof word !== 'string') return before;
    if (word === LINE_BREAK || /[|;&]$/.test(word)) client = false;
    else if (isPromptingClient(word)) client = true;
    return before;
  });
}

/** The word a line break between two words is read as (shellWords, wordsAsWritten): a command line ends there. */
export const LINE_BREAK = '\n';

/**
 * The words of a text split at blanks as written, each line break that ends a command line (not after `\` of a POSIX
 * shell, a backtick of PowerShell or `^` of cmd, which go on on the next line) a LINE_BREAK word of its own: a flag's
 * value is on its line, the next line's first word is another command's (a rendered manifest's `kind:` after a script
 * line ending in `--ask-pass`, which the write gate reads as one text).
 */
export function wordsAsWritten(text: string): string[] {
  const words = text.match(/[^\s]+|(?<![\\`^]\r?)\n\s*/g) ?? [];
  return words.map((word) => (word.startsWith('\n') ? LINE_BREAK : word));
}
