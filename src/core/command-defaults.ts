import { namesSecretValue } from './secrets-keys';
import { setsSecret } from './secrets-text';

/**
 * 66a-8: a placeholder's default (or alternate) that runs a command writing a literal, `${DB_PASSWORD-$(echo x)}`,
 * `${DB_PASSWORD:=$(printf '%s' x)}`, `${DB_PASSWORD+`echo x`}`: the shell expands the command, whose output `x` is the
 * value wherever the variable is unset (`-`, `=`, with or without `:`) or set (`+`), POSIX Shell Command Language 2.6.2
 * "Parameter Expansion". A command that reads (`$(cat f)`) or refers (`$(echo "$X")`) writes no literal.
 */
// Linear: the name, the operator, `$(`/backtick, the command and its one word are disjoint at each boundary.
const COMMAND_DEFAULT =
  /\$\{([A-Za-z_][\w.]{0,127})(:?[-=+])"?(?:\$\(|`)[ \t]*(?:echo(?:[ \t]+-[neE]+)?|printf(?:[ \t]+(?:'%s\\?n?'|"%s\\?n?"|%s))?)[ \t]+("[^"$`()\n]{1,256}"|'[^'()\n]{1,256}'|[^\s"'$`(){}]{1,256})[ \t]*(?:\)|`)"?\}/g;
/** The key a placeholder is assigned to, just before it (`DB_PASSWORD="`, `password: `). */
const KEY_BEFORE = /([A-Za-z_][\w.-]{0,127})["']?[ \t]*(?::|=>?)[ \t]*["']?$/;

/** Spans of the literals such commands write, where the placeholder or the key it is assigned to names a secret. */
export function commandDefaultSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!text.includes('${') || !/echo|printf/.test(text)) return spans;
  for (const match of text.matchAll(COMMAND_DEFAULT)) {
    const [whole, name, , word] = match;
    const key = KEY_BEFORE.exec(text.slice(Math.max(0, match.index - 160), match.index))?.[1];
    const secretName = [name, key].find((n) => n !== undefined && namesSecretValue(n));
    const quoted = /^["']/.test(word);
    const value = quoted ? word.slice(1, -1) : word;
    if (secretName === undefined || !value.trim() || !setsSecret(secretName, value)) continue;
    const start = match.index + whole.lastIndexOf(word) + (quoted ? 1 : 0);
    spans.push([start, start + value.length]);
  }
  return spans;
}

const COMMAND_DEFAULT_AT = new RegExp(`"?${COMMAND_DEFAULT.source}"?`, 'y');

/**
 * 67a-10: a command default at `at` (`"${X-$(echo x)}"`, quoted or not) as a word an `echo` writes into a file
 * (secret-file-writes.ts): where the word ends and where its literal `x` stands; undefined where none starts there.
 */
export function commandDefaultAt(text: string, at: number): { end: number; literal: [number, number] } | undefined {
  COMMAND_DEFAULT_AT.lastIndex = at;
  const match = COMMAND_DEFAULT_AT.exec(text);
  if (!match || (match[0].startsWith('"') && !match[0].endsWith('}"'))) return undefined;
  const word = match[3];
  const quoted = /^["']/.test(word);
  const start = at + match[0].lastIndexOf(word) + (quoted ? 1 : 0);
  return { end: at + match[0].length, literal: [start, start + word.length - (quoted ? 2 : 0)] };
}

export const COMMAND_DEFAULT_VALUE =
  'a literal a command writes as the default of a placeholder that reads a secret (a default that runs `echo` or `printf`: its output is the password wherever the variable is unset; write `${DB_PASSWORD}` alone)';
