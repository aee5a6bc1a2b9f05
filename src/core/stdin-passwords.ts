import { isCommandReference } from './secret-arguments';

/**
 * Passwords fed on standard input to a command that reads one there (attack round 38a-1, 38a-2): the text of an
 * `echo`/`printf` piped into it, of a here-string (`<<< "…"`) or of a here-doc given to it. One table says which
 * commands read what; secrets-commands.ts finds the text and reads it so.
 */

/**
 * What a command reads from standard input: Redis commands (`redis`, any letter case), `user:password` lines
 * (`users`), or a password (`password`, its first line).
 */
export type StdinReading = 'redis' | 'users' | 'password';

/**
 * The commands that read a password (or commands that set one) from standard input, one row each; `option`: only
 * where a word of the command is that option:
 * - redis-cli and its forks valkey-cli, keydb-cli read commands from standard input (redis.io/docs/latest/develop/tools/cli);
 * - chpasswd reads `user:password` lines (chpasswd(8));
 * - a registry login's `--password-stdin` (docs.docker.com reference/cli/docker/login; nerdctl, podman, helm registry
 *   login, buildah, oras, crane, skopeo alike);
 * - `passwd --stdin` (Red Hat's passwd(1)); htpasswd `-i` (httpd.apache.org docs/current/programs/htpasswd.html).
 */
const STDIN_RULES: ReadonlyArray<{ client: RegExp; option?: RegExp; reading: StdinReading; name: string }> = [
  { client: /^(?:redis|valkey|keydb)-cli$/, reading: 'redis', name: 'input' },
  { client: /^chpasswd$/, reading: 'users', name: 'input' },
  {
    client: /^(?:docker|nerdctl|podman|helm|buildah|oras|crane|skopeo)$/,
    option: /^--password-stdin$/,
    reading: 'password',
    name: '--password-stdin',
  },
  { client: /^passwd$/, option: /^--stdin$/, reading: 'password', name: '--stdin' },
  { client: /^htpasswd$/, option: /^-[A-Za-z]*i[A-Za-z]*$/, reading: 'password', name: '-i' },
  // rdesktop(1): "-p <password>: … use -p - to make rdesktop request a password at startup (from standard input)" (39a-2).
  { client: /^rdesktop$/, option: /^-p-?$/, reading: 'password', name: '-p -' },
];

/** Words that end a command in a shell (shellWords with its operators gives `&&` as two `&`). */
const SEPARATOR = /^(?:;|&&?|\|\|?|\(|\)|`)$/;

/** How the command whose name `client` is word `i` of `words` reads standard input, and how a message names it. */
export function stdinReading(client: string, words: readonly string[], i: number): { reading: StdinReading; name: string } | undefined {
  for (const rule of STDIN_RULES) {
    if (!rule.client.test(client)) continue;
    if (!rule.option) return rule;
    for (let k = i + 1; k < words.length && !SEPARATOR.test(words[k]); k++) if (rule.option.test(words[k])) return rule;
  }
  return undefined;
}

/** A printf format's conversion (`%s`, `%-10b`), filled by the words after the format. */
const CONVERSION = /%[-+ #0-9.]*[a-zA-Z]/;

/**
 * The format of a `printf` at word `i` (its first argument) with its `%s` and `%b` conversions filled by the words after
 * it up to `end` (the command's end), as printf fills them: `printf 'AUTH %s\r\n' "$PW"` is `AUTH $PW\r\n` (a
 * reference), `printf '%s' pw` is `pw` (38a-2, 38a-10). Where no word is left a conversion is empty.
 */
export function printfFilled(words: readonly string[], i: number, end = words.length): string {
  let k = i + 2;
  return words[i + 1].replace(/%[-+ #0-9.]*[sb]/g, () => (k < end && !SEPARATOR.test(words[k]) ? words[k++] : ''));
}

/**
 * The text the command at word `i` reads on standard input, and the word that holds it (`at`): an `echo`'s words
 * (not its `-n`/`-e` switches) or a `printf`'s format filled by its arguments (printfFilled) piped into it (`sudo` and its options between), or a here-string after it (`<<< "…"`, `<<<…`).
 */
export function stdinInput(words: readonly string[], i: number): { text: string; at: number } | undefined {
  let end = i + 1;
  while (end < words.length && !SEPARATOR.test(words[end])) end++;
  for (let k = i + 1; k < end; k++) {
    if (words[k] === '<<<' && k + 1 < end) return { text: words[k + 1], at: k + 1 };
    if (words[k].startsWith('<<<') && words[k].length > 3) return { text: words[k].slice(3), at: k };
  }
  let pipe = i - 1;
  while (pipe > 0 && (words[pipe] === 'sudo' || words[pipe].startsWith('-'))) pipe--;
  if (words[pipe] !== '|') return undefined;
  let start = pipe;
  while (start > 0 && !SEPARATOR.test(words[start - 1])) start--;
  if (words[start] === 'echo') {
    let first = start + 1;
    while (first < pipe && /^-[neE]+$/.test(words[first])) first++;
    return first < pipe ? { text: words.slice(first, pipe).join(' '), at: first } : undefined;
  }
  if (words[start] !== 'printf' || start + 1 >= pipe) return undefined;
  // The format's word, or its argument's where the format is only a conversion (`printf '%s' pw`: the span's word).
  const at = /^%[-+ #0-9.]*[sb](?:\\n)?$/.test(words[start + 1]) && start + 2 < pipe ? start + 2 : start + 1;
  return { text: printfFilled(words, start, pipe), at };
}

/** A `user:password` line (chpasswd's input): the password, or none (a reference, a format's `%s`). */
export function userLinePassword(line: string): string | undefined {
  const user = /^[ \t]*[^\s:-][^\s:]*:([^\n]+)$/.exec(line);
  const password = user?.[1].replace(/[ \t\r]+$/, '');
  return password && !CONVERSION.test(password) && !isCommandReference(password) ? password : undefined;
}

/** A password line (`--password-stdin`'s input): its text, or none (a reference, blank). */
export function linePassword(line: string): string | undefined {
  const password = line.trim();
  return password && !isCommandReference(password) && !CONVERSION.test(password) ? password : undefined;
}

/** The passwords `text` (read on standard input as `reading` says, not Redis's) holds: the first line, or each user's. */
export function stdinPasswords(reading: 'users' | 'password', text: string): string[] {
  const lines = text.split(/\\n|\r?\n/);
  if (reading === 'password') {
    const password = linePassword(lines[0]);
    return password ? [password] : [];
  }
  return lines.map(userLinePassword).filter((password): password is string => password !== undefined);
}
