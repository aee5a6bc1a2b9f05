import { type CodeWord, codeLiteralRuns, wordSpan } from './code-literal-runs';
import { isSecretFlagItem, secretArgument } from './secret-arguments';
import { commandPasswords, commandSecret, mayHoldCommand } from './secrets-commands';

/**
 * Argument lists written in code for any command (round 55, after k3s54's "not fixed"): `["vault", "login", "--token",
 * "…"]` in a program, `exec.Command("mysql", "-u", "root", "-p…")` over several lines, `new ProcessBuilder("app",
 * "--api-key", "…")`, C#'s `new[] { … }`, a list built first (`args := []string{"--db-password", "…"}`). Each run of
 * literals (code-literal-runs.ts) is read as a pod's `command`/`args` list is (exec-commands.ts, secrets.ts): one word
 * per literal, so a client's password option (secrets-commands.ts commandPasswords) and a flag named like a secret with
 * its next item, or its `=value` (secret-arguments.ts isSecretFlagItem, secretArgument), are found. A list of words that
 * sets none (`["--token-file", "/path"]`, `["docker", "build", "-t", "tag"]`) is none, as the same list in data is.
 */

/** What a finding is called where no client names it. */
export const CODE_LIST_SECRET = "a secret option's value in an argument list written in code (one word per string literal)";

/** A literal that starts with a dash (an option), or Ruby's `%w[…]`: a text without one holds no option in a run. */
const OPTION_LITERAL = /["'`][ \t]*-|%[wW][[({]/;

interface Found {
  span: [number, number];
  option?: string;
}

/** Where `value` stands in `word` (its last place: an option's glued value ends the word), as a span of the code. */
function valueSpan(word: CodeWord, value: string): [number, number] {
  const at = word.word.lastIndexOf(value);
  return at < 0 ? wordSpan(word, 0, word.word.length) : wordSpan(word, at, at + value.length);
}

/** A run's first word that names a client alone (`"mysql"`, `"/usr/bin/redis-cli"`): the list may be built apart. */
const clientOf = (run: readonly CodeWord[]): string | undefined =>
  !/\s/.test(run[0].word) && mayHoldCommand(run[0].word) ? run[0].word : undefined;
/** Words of letters with blanks between (`(see "redis-cli", "-a", "the docs")`): prose in quotes, not one password. */
const PROSE = /^[A-Za-z]+(?:[ \t]+[A-Za-z]+)+[.,;:!?]?$/;
/** How many clients named in one text read the runs that name none. */
const MAX_CLIENTS = 4;

/**
 * The secrets one run sets: its clients' password options (with `client` before it where the run names none: a list
 * built apart, `args := []string{"-u", "root", "-p…"}` then `exec.Command("mysql", args...)`), then its secret flags' values.
 */
function runSecrets(run: readonly CodeWord[], client?: string): Found[] {
  const words = run.map(({ word }) => word);
  const found: Found[] = [];
  const read = client === undefined ? words : [client, ...words];
  const shift = read.length - words.length;
  if (client !== undefined || words.some((word) => mayHoldCommand(word)))
    for (const { index, password, option } of commandPasswords(read, 0)) {
      if (index < shift || PROSE.test(password)) continue;
      // The option's own word (`-pPW`, `--user=bob:PW`), or the next one (`-p`, `PW`).
      const k = words[index - shift].includes(password) || index - shift + 1 >= words.length ? index - shift : index - shift + 1;
      found.push({ span: valueSpan(run[k], password), option });
    }
  if (client !== undefined) return found;
  for (let i = 0; i < words.length; i++) {
    if (isSecretFlagItem(words, i) && !PROSE.test(words[i])) found.push({ span: wordSpan(run[i], 0, words[i].length) });
    const glued = words[i].includes('-') ? secretArgument(words[i]) : undefined;
    if (glued !== undefined) found.push({ span: valueSpan(run[i], glued) });
  }
  return found;
}

/** The secrets of `text`'s argument lists in code, read once per text (a shape's finder, then its name). */
let lastRead: { text: string; found: Found[] } | undefined;
function codeListSecrets(text: string): Found[] {
  if (lastRead?.text === text) return lastRead.found;
  const runs = OPTION_LITERAL.test(text) || mayHoldCommand(text) ? codeLiteralRuns(text) : [];
  const clients = [...new Set(runs.map(clientOf).filter((client) => client !== undefined))].slice(0, MAX_CLIENTS);
  const found = runs.flatMap((run) => [
    ...runSecrets(run),
    ...(clientOf(run) || !run.some(({ word }) => word.startsWith('-')) ? [] : clients.flatMap((client) => runSecrets(run, client))),
  ]);
  lastRead = { text, found };
  return found;
}

export const codeListSecretSpans = (text: string): Array<[number, number]> => codeListSecrets(text).map(({ span }) => span);
/** How a finding is named: the client and its option (`mysql -p`), where a client's option set it. */
export function codeListSecretIn(text: string): string {
  const option = codeListSecrets(text).find((one) => one.option)?.option;
  return option ? commandSecret(option) : CODE_LIST_SECRET;
}
