import { isCommandReference } from './secret-arguments';
import { readsFile } from './shell-redirections';
import { passesOn, stageCommand } from './stdin-pipes';
import { PROMPT_STDIN_RULES } from './stdin-prompts';
import { STORE_STDIN_CLIENTS, STORE_STDIN_RULES } from './stdin-secret-stores';
import { MORE_STDIN_CLIENTS, MORE_STDIN_RULES, STDIN_FILE, type StdinReading, type StdinRule } from './stdin-readers';

export type { StdinReading } from './stdin-readers';

/**
 * Passwords fed on standard input to a command that reads one there (attack round 38a-1, 38a-2): the text of an
 * `echo`/`printf` piped into it, of a here-string (`<<< "…"`) or of a here-doc given to it. One table says which
 * commands read what; secrets-commands.ts finds the text and reads it so.
 */

/**
 * The commands that read a password (or commands that set one) from standard input, one row each; `option`: only
 * where a word of the command is that option, glued to its value or with it as the next word (`-d -` is matched as one
 * text, a blank between); `after`: only after that word (a subcommand: `vault login -`); `leading`: the command's own
 * options end at its first operand (sudo's `-S`, not the `-S` of the command it runs), `leading` naming the options
 * whose value is the next word:
 * - redis-cli and its forks valkey-cli, keydb-cli read commands from standard input (redis.io/docs/latest/develop/tools/cli);
 * - chpasswd reads `user:password` lines (chpasswd(8));
 * - a registry login's `--password-stdin` (docs.docker.com reference/cli/docker/login; nerdctl, podman, helm registry
 *   login, buildah, oras, crane, skopeo alike);
 * - `passwd --stdin` (Red Hat's passwd(1)); htpasswd `-i` (httpd.apache.org docs/current/programs/htpasswd.html).
 * Round 39a-1:
 * - `sudo -S|--stdin` "read the password from the standard input instead of using the terminal device" (sudo(8),
 *   sudo.ws/docs/man/sudo.man; getopt: flags before it in one word, `-kS`);
 * - `vault login -`: "If the argument is '-', the token is read from stdin" (developer.hashicorp.com vault/docs/commands/login);
 * - `docker secret create <name> -` (docs.docker.com reference/cli/docker/secret/create: "-" reads standard input),
 *   `podman secret create <name> -` (podman-secret-create(1));
 * - `kubectl create secret … --from-file=[key=]/dev/stdin` (kubernetes.io kubectl create secret generic: the file's
 *   content is the key's value); `kubeseal --raw --from-file=/dev/stdin` (github.com/bitnami-labs/sealed-secrets README);
 * - gpg `--passphrase-fd 0` ("If you use 0 for n, the passphrase will be read from STDIN", gpg(1)), `--passphrase-file /dev/stdin`;
 * - `smbpasswd -s` reads "its old and new passwords from standard input" (smbpasswd(8)); `pdbedit -t|--password-from-stdin`
 *   (pdbedit(8));
 * - cryptsetup's key file `-` ("If the name given is "-", then the passphrase will be read from stdin", cryptsetup(8):
 *   `--key-file=-`, `-d -`, a positional key file `-`);
 * - TigerVNC `vncpasswd -f`: "Read a plain-text password from stdin" (vncpasswd(1)).
 * Not su: su(1) (util-linux, shadow) documents no password on standard input, and shadow's su refuses one without a
 * terminal ("su: must be run from a terminal").
 * Round 40a-4: a file that is standard input (`/dev/stdin`, `/dev/fd/0`, `/proc/self/fd/0`: stdin-readers.ts STDIN_FILE)
 * where `-` or `/dev/stdin` is read; the rows of stdin-readers.ts.
 */

const STDIN_RULES: readonly StdinRule[] = [
  { client: /^(?:redis|valkey|keydb)-cli$/, reading: 'redis', name: 'input' },
  // chpasswd(8) `-e, --encrypted`: "Supplied passwords are in encrypted form" (getopt `ehm` switches in one word, 44a-12).
  { client: /^chpasswd$/, option: /^(?:-[hm]*e[hm]*|--encrypted)$/, reading: 'hashes', name: '-e input' },
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
  {
    client: /^sudo$/,
    option: /^(?:--stdin|-[AbBEeHiKklNnPSsVv]*S[A-Za-z]*)$/,
    leading: /^(?:-[CDghpRrTtUu]|--(?:close-from|chdir|group|host|prompt|chroot|role|type|command-timeout|other-user|user))$/,
    reading: 'password',
    name: '-S',
  },
  { client: /^vault$/, after: /^login$/, option: /^(?:-|token=-)$/, reading: 'password', name: 'login -' },
  {
    client: /^(?:docker|podman)$/,
    after: /^secret$/,
    option: new RegExp(`^(?:-|${STDIN_FILE})$`),
    reading: 'password',
    name: 'secret create -',
  },
  {
    client: /^kubectl$/,
    after: /^secret$/,
    option: new RegExp(`^--from-file[= ](?:[^=\\s]*=)?${STDIN_FILE}$`),
    reading: 'password',
    name: '--from-file=/dev/stdin',
  },
  {
    client: /^kubeseal$/,
    option: new RegExp(`^--from-file[= ](?:[^=\\s]*=)?${STDIN_FILE}$`),
    reading: 'password',
    name: '--from-file=/dev/stdin',
  },
  {
    client: /^gpg2?$/,
    option: new RegExp(`^--passphrase-(?:fd[= ]0|file[= ]${STDIN_FILE})$`),
    reading: 'password',
    name: '--passphrase-fd 0',
  },
  { client: /^smbpasswd$/, option: /^-[adeiLmnWx]*s[adeiLmnWx]*$/, reading: 'passwords', name: '-s' },
  { client: /^pdbedit$/, option: /^(?:-[aLvwmrxyz]*t|--password-from-stdin)$/, reading: 'passwords', name: '-t' },
  {
    client: /^cryptsetup$/,
    option: new RegExp(`^(?:-|${STDIN_FILE}|(?:--key-file[= ]|-d ?)(?:-|${STDIN_FILE}))$`),
    reading: 'password',
    name: '--key-file -',
  },
  { client: /^(?:tiger|tight)?vncpasswd$/, option: /^-f$/, reading: 'password', name: '-f' },
  ...MORE_STDIN_RULES,
  ...PROMPT_STDIN_RULES,
  ...STORE_STDIN_RULES,
];

/** Whether a command of that name reads standard input as a row of STDIN_RULES may say. */
// One pattern of every row's (each anchored): one test a word, not one a row (a line's every word is asked).
const READER = new RegExp(`^(?:${STDIN_RULES.map((rule) => rule.client.source).join('|')})`);
export const isStdinReader = (name: string): boolean => READER.test(name);
/** Text that may name a reader of STDIN_RULES that secrets-commands.ts CLIENT does not name (its prefilter). */
export const STDIN_CLIENT = new RegExp(
  String.raw`(?<![\w.-])(?:sudo|kubectl|kubeseal|gpg2?|smbpasswd|pdbedit|cryptsetup|(?:tiger|tight)?vncpasswd|ansible-vault|${MORE_STDIN_CLIENTS}|${STORE_STDIN_CLIENTS})(?![\w.-])`,
);

/** Words that end a command in a shell (shellWords with its operators gives `&&` as two `&`). */
const SEPARATOR = /^(?:;|&&?|\|\|?|\(|\)|`)$/;

/** Whether `rule` holds for the command at word `i` of `words` (its options read to the command's end once). */
function ruleHolds(rule: StdinRule, words: readonly string[], i: number): boolean {
  if (rule.holds) return rule.holds(words, i);
  if (!rule.option) return true;
  let after = !rule.after;
  for (let k = i + 1; k < words.length && !SEPARATOR.test(words[k]); k++) {
    const word = words[k];
    if (rule.leading && !word.startsWith('-') && !rule.leading.test(words[k - 1])) return false;
    if (!after) after = rule.after!.test(word);
    else if (rule.option.test(word) || (k + 1 < words.length && rule.option.test(`${word} ${words[k + 1]}`))) return true;
  }
  return false;
}

/** How the command whose name `client` is word `i` of `words` reads standard input, and how a message names it. */
export function stdinReading(client: string, words: readonly string[], i: number): { reading: StdinReading; name: string } | undefined {
  return STDIN_RULES.find((rule) => rule.client.test(client) && ruleHolds(rule, words, i));
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
 * A word a command may follow in a pipeline (`echo pw | sudo -u bob env LANG=C passwd --stdin bob`): a command that runs
 * the next one, an option, its value (after a one-letter option), an assignment, a number (`timeout 10`, `nice -n 5`).
 */
const WRAPPER = /^(?:sudo|doas|env|time|nice|nohup|stdbuf|timeout|ionice|command|exec|unbuffer)$/;
const isWrapperWord = (word: string, before: string): boolean =>
  WRAPPER.test(word) || word.startsWith('-') || /^[A-Za-z_]\w*=/.test(word) || /^\d+[smhd]?$/.test(word) || /^-[A-Za-z]$/.test(before);
/**
 * A command that writes its arguments: `echo`, `printf`, `yes` (its words, over and over), maybe by its path or as a
 * value (`command=echo`, an INI line's or a unit's `ExecStart=/bin/echo`).
 */
const FEEDER = /^(?:[\w.-]*=)?(?:\S*\/)?(echo|printf|yes)$/;
/** How many pipeline stages are read back through (stdin-pipes.ts), and how many words back a group's `(` or `{` is looked for. */
const MAX_PASSES = 8;
const MAX_GROUP = 64;

/** The start of the command whose last word is `end - 1`: after the separator before it. */
function commandStart(words: readonly string[], end: number): number {
  let start = end;
  while (start > 0 && !SEPARATOR.test(words[start - 1])) start--;
  return start;
}

/**
 * The text `echo`/`printf`/`yes` at word `k` writes, up to `end` (a pipe), and the word that holds it: an `echo`'s words
 * (not its `-n`/`-e` switches), `yes`'s, or a `printf`'s format filled by its arguments (printfFilled).
 */
function fed(words: readonly string[], k: number, end: number): { text: string; at: number } | undefined {
  const feeder = FEEDER.exec(words[k])![1];
  if (feeder !== 'printf') {
    let first = k + 1;
    while (feeder === 'echo' && first < end && /^-[neE]+$/.test(words[first])) first++;
    return first < end ? { text: words.slice(first, end).join(' '), at: first } : undefined;
  }
  if (k + 1 >= end) return undefined;
  // The format's word, or its argument's where the format is only a conversion (`printf '%s' pw`: the span's word).
  const at = /^%[-+ #0-9.]*[sb](?:\\n)?$/.test(words[k + 1]) && k + 2 < end ? k + 2 : k + 1;
  return { text: printfFilled(words, k, end), at };
}

/**
 * The text a group before the pipe at `pipe` writes (`(echo pw; echo pw) | smbpasswd -s`, `{ echo pw; echo pw; } | …`):
 * each of its commands' (the first feeder of each), a line each; the word of the first.
 */
function groupFed(words: readonly string[], pipe: number, opening: string): { text: string; at: number } | undefined {
  let open = pipe - 2;
  while (open > 0 && pipe - open < MAX_GROUP && words[open] !== opening) open--;
  if (words[open] !== opening) return undefined;
  const texts: string[] = [];
  let at: number | undefined;
  for (let start = open + 1; start < pipe;) {
    let end = start;
    while (end < pipe && !SEPARATOR.test(words[end])) end++;
    const feeder = words.slice(start, end).findIndex((word) => FEEDER.test(word));
    const input = feeder < 0 ? undefined : fed(words, start + feeder, end);
    if (input) [texts[texts.length], at] = [input.text, at ?? input.at];
    start = end + 1;
  }
  return at === undefined ? undefined : { text: texts.join('\n'), at };
}

/**
 * The `(` or `{` of a group before the pipe at `pipe` that is itself fed by a pipe and whose commands each pass their input
 * on (`echo 'root:pw' | { cat; } | chpasswd`, `| (tr -d x) |`: 48a-7), so read through as a stage is.
 */
function filtersGroup(words: readonly string[], pipe: number, opening: string): number | undefined {
  let open = pipe - 2;
  while (open > 0 && pipe - open < MAX_GROUP && words[open] !== opening) open--;
  if (words[open] !== opening || words[open - 1] !== '|') return undefined;
  let commands = 0;
  for (let start = open + 1; start < pipe - 1;) {
    let end = start;
    while (end < pipe - 1 && !SEPARATOR.test(words[end])) end++;
    if (end > start && !passesOn(words, start, end)) return undefined;
    if (end > start) commands++;
    start = end + 1;
  }
  return commands > 0 ? open : undefined;
}

/**
 * The text piped into a command from the words before the pipe at `pipe` (attack round 39a-1: wherever the command sits
 * on its line): the first `echo`, `printf` or `yes` of the command before it, whatever stands before that (`RUN `, `$ `,
 * a prompt, `time `, `LANG=C `, `then `, an INI `command = `); through the stages between that pass their input on
 * (`tee`, `head`, `sed`, `base64 -d`…: stdin-pipes.ts passesOn, 40a-4, 41a-3); or a group's (groupFed).
 */
function pipedInto(words: readonly string[], pipe: number): { text: string; at: number } | undefined {
  for (let pass = 0; pass <= MAX_PASSES; pass++) {
    const start = commandStart(words, pipe);
    const closing = start === pipe ? words[pipe - 1] : words[start] === '}' && start + 1 === pipe ? '}' : undefined;
    if (closing === ')' || closing === '}') {
      const opening = closing === ')' ? '(' : '{';
      const written = groupFed(words, pipe, opening);
      const open = written ? undefined : filtersGroup(words, pipe, opening);
      if (open === undefined) return written;
      pipe = open - 1;
      continue;
    }
    // A stage fed by a pipe is a feeder only by its command word (`… | grep -v yes | …` is a filter, 41a-3).
    const piped = words[start - 1] === '|' || (words[start - 1] === '&' && words[start - 2] === '|');
    const command = piped ? stageCommand(words, start, pipe) : undefined;
    if (command !== undefined && FEEDER.test(words[command])) return fed(words, command, pipe);
    if (!piped) for (let k = start; k < pipe; k++) if (FEEDER.test(words[k])) return fed(words, k, pipe);
    if (!passesOn(words, start, pipe)) return undefined;
    const given = redirectedInput(words, start + 1, pipe);
    if (given || !piped) return given;
    pipe = words[start - 1] === '|' ? start - 1 : start - 2;
  }
  return undefined;
}

/**
 * The text the command at word `i` reads on standard input, and the word that holds it: a here-string after it
 * (`<<< "…"`, `<<<…`), or the text piped into it (pipedInto), commands that run it and their options between
 * (`| sudo -u bob passwd --stdin`).
 */
export function stdinInput(words: readonly string[], i: number): { text: string; at: number } | undefined {
  let end = i + 1;
  while (end < words.length && !SEPARATOR.test(words[end])) end++;
  // Redirections stand anywhere in a command, before its name too (`<<<'root:pw' chpasswd`, 44a-3).
  let start = commandStart(words, i);
  // Over a process substitution given as standard input (`< <(echo pw) chpasswd`).
  for (let open = start - 2; words[start - 1] === ')' && open > 1 && start - open < MAX_GROUP; open--)
    if (words[open] === '(' && words[open - 1] === '<' && /^0?<$/.test(words[open - 2])) start = commandStart(words, open - 2);
  const given = redirectedInput(words, i + 1, end) ?? redirectedInput(words, start, i);
  // A reader whose standard input is a file (`< /run/secrets/pw`) reads no literal (41a-9).
  if (given || readsFile(words, start, end)) return given;
  let pipe = i - 1;
  while (pipe > 0 && !SEPARATOR.test(words[pipe]) && isWrapperWord(words[pipe], words[pipe - 1])) pipe--;
  // The first command of a subshell or a group the pipe feeds (`| (sudo -S x)`, `| { sudo -S x; }`), bash's `|&` (40a-4).
  if ((words[pipe] === '(' || words[pipe] === '{') && words[pipe - 1] === '|') pipe--;
  if (words[pipe] === '&' && words[pipe - 1] === '|') pipe--;
  return words[pipe] === '|' && pipe > 0 ? pipedInto(words, pipe) : undefined;
}

/**
 * The text a command's words from `from` to `end` give its standard input, and the word that holds it: a here-string
 * (`<<< "…"`, `<<<…`, with the descriptor `0<<<`), or a process substitution's `echo`/`printf` (`< <(echo pw)`, 40a-4).
 */
export function redirectedInput(words: readonly string[], from: number, end: number): { text: string; at: number } | undefined {
  for (let k = from; k < end; k++) {
    const string = /^0?<<<(.*)$/s.exec(words[k]);
    if (string?.[1]) return { text: string[1], at: k };
    if (string && k + 1 < end) return { text: words[k + 1], at: k + 1 };
    if (/^0?<$/.test(words[k]) && words[k + 1] === '<' && words[k + 2] === '(') {
      let close = k + 3;
      while (close < words.length && close - k < MAX_GROUP && words[close] !== ')') close++;
      const feeder = words.slice(k + 3, close).findIndex((word) => FEEDER.test(word));
      return feeder < 0 ? undefined : fed(words, k + 3 + feeder, close);
    }
  }
  return undefined;
}

/**
 * A `user:password` line (chpasswd's input): the password, or none (a reference, a format's `%s`; where `hashed`, a
 * crypt hash `$…` or a lock `!…`, `*`, as command-rules.ts reads `useradd -p`'s value).
 */
export function userLinePassword(line: string, hashed = false): string | undefined {
  const user = /^[ \t]*[^\s:-][^\s:]*:([^\n]+)$/.exec(line);
  const password = user?.[1].replace(/[ \t\r]+$/, '');
  const hash = hashed && /^[$!*]/.test(password ?? '');
  return password && !hash && !CONVERSION.test(password) && !isCommandReference(password) ? password : undefined;
}

/**
 * A password line (`--password-stdin`'s input): its text, or none (a reference, blank, a prompt's answer: `echo y |
 * cosign sign --key k img` answers its confirmation where COSIGN_PASSWORD is set, 41a-2).
 */
export function linePassword(line: string): string | undefined {
  const password = line.trim();
  return password && !isCommandReference(password) && !CONVERSION.test(password) && !/^(?:y|yes|n|no)$/i.test(password)
    ? password
    : undefined;
}

/** The passwords `text` (read on standard input as `reading` says, not Redis's) holds: the first line, each line, or each user's. */
export function stdinPasswords(reading: Exclude<StdinReading, 'redis'>, text: string): string[] {
  const lines = text.split(/\\n|\r?\n/);
  const read = reading === 'users' || reading === 'hashes' ? (line: string) => userLinePassword(line, reading === 'hashes') : linePassword;
  return (reading === 'password' ? lines.slice(0, 1) : lines).map(read).filter((password): password is string => password !== undefined);
}
