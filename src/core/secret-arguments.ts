import { isPlainlyNotSecret, isSecretFlag } from './secrets-keys';
import { isShellExpansion } from './scheme-expansions';
import { isReference } from './secrets-text';
import { isPromptSwitch, LINE_BREAK, promptedAfter, takesNoValue, wordsAsWritten } from './prompt-switches';
import { judgedOnce } from './secrets-memo';
import { isLoginItem } from './login-arguments';

/**
 * Flags that set a secret, as a command-line parser reads them. A flag with no `=value` that is not a switch takes
 * the next argument as its value whatever it starts with: Traefik's parser (traefik/paerser flag/flagparser.go,
 * `value, f.args = f.args[0], f.args[1:]`), Go's flag package and spf13/pflag alike, so `--x.token -abc` sets the
 * token `-abc`. Traefik has no switch (boolean flag) named like a secret: such a flag always takes a value.
 */

/** `--api.token=abc` (the whole rest is the value), or a flag and its value anywhere in a command line. */
const FLAG_AT_START = /^--?([\w.-]+?)=(.+)$/s;
const FLAG = /^--?([\w.-]+)(?:=(.*))?$/s;

/**
 * Whether `value`, given to the secret flag `flag`, is a secret: not a `$(VAR)` reference, not a switch's `true`, not
 * a lone `-` (standard input; in YAML text a list item's dash, where the line and data readings pair the items).
 */
/** Tailscale's `--authkey=file:<path>` reads the key from the file (tailscale.com/kb/1241/tailscale-up, 38a-11). */
const isAuthKeyFile = (value: string, flag: string): boolean => /auth-?key$/i.test(flag) && /^file:[^\s:]+$/.test(value);

const isSecretFlagValue = (value: string, flag: string): boolean =>
  value !== '-' && !isCommandReference(value) && !isPlainlyNotSecret(value, flag) && !isAuthKeyFile(value, flag);

/**
 * A quoted substitution that reads a file (`"$(cat /run/pw)"`, `"$(< /run/pw)"`, `"$(cat -- '/run/pw')"`), maybe over a
 * line break where YAML folds its line: its output is kept there.
 */
const FILE_READ =
  /"\$\((?:[ \t]*cat(?:[ \t]+|[ \t]*\r?\n[ \t]*)(?:--?[ \t]+)?|[ \t]*<[ \t]*(?:\r?\n[ \t]*)?)(?:[\w./@~%+:,${}-]+|'[^'\n]*')[ \t]*\)"/g;
/** A substitution that only writes one literal word (`$(echo x)`, `"$(printf '%s' x)"`): the word it writes. */
const ECHOED =
  /"?\$\([ \t]*(?:echo(?:[ \t]+-[neE]+)?|printf(?:[ \t]+(?:'%s'|"%s"|%s))?)[ \t]+("[^"$`()\n]*"|'[^'()\n]*'|[^\s"'$`()]+)[ \t]*\)"?/g;
/** One cut at the text's end, where YAML folds its line (`--token "$(cat` then the path on the next line). */
const CUT_FILE_READ = /"\$\((?:[ \t]*cat|[ \t]*<)[ \t]*$/;
/** A command's output (`$(cat /run/pw)`, split at its blank as written; `(` or a backtick: what shellWords leaves of it). */
const COMMAND_SUBSTITUTION = /^(?:\$\(|`|\($)/;
/** A command line's word that refers to a secret kept elsewhere: isReference's, or a shell's expansion (`"$PW"`, 36a-9). */
// Both halves of `user:password` expansions (`--creds "$U:$P"`, `"${REG_USER}:${REG_PASS}"`, 37a-8) refer too. `$$` is
// Compose's and make's escaped `$` (a healthcheck's `-p$$MYSQL_ROOT_PASSWORD` is the shell's `-p$MYSQL_ROOT_PASSWORD`).
export const isCommandReference = (value: string): boolean => {
  // A quoted substitution split at its blanks as written (`--new-token "$(openssl rand -hex 32)"`: `"$(openssl`, 66a-18)
  // runs a command as much as the whole word does.
  const word = (/^"[^"]*"$/.test(value) ? value.slice(1, -1) : value.replace(/^"(?=\$\()/, '')).replace(/\$\$(?=[A-Za-z_{(])/g, '$');
  const halves = word.split(':');
  return (
    isReference(word) ||
    isShellExpansion(word) ||
    COMMAND_SUBSTITUTION.test(word) ||
    (halves.length === 2 && halves.every((half) => isShellExpansion(half)))
  );
};
/**
 * A file's path, where a client's password option also takes one: `az login --service-principal -p /certs/sp.pem` (a
 * PEM file, learn.microsoft.com cli/azure/reference-index#az-login). Elsewhere a path given as a password is one.
 */
export const isPathReference = (value: string): boolean => /^\/[\w.@-]+(?:\/[\w.@-]*)+$|^~?\.{0,2}\/[\w.@/-]+$/.test(value);

/**
 * A long option named like a secret: isSecretFlag's names, a bearer token's (`curl --oauth2-bearer`, attack round
 * 36a-1), whose value is the token, and an auth key's (`tailscale up --authkey|--auth-key`, 37a-6).
 */
// Judged once per name (secrets-memo.ts): a long command line names one flag many times.
const isSecretOption = judgedOnce(
  (flag: string): boolean => (isSecretFlag(flag) || /(?:^|[-_.])(?:bearer|auth-?key)$/i.test(flag)) && !isPromptSwitch(flag),
  1_000_000,
);

const C_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v' };

/** The text of a `$'…'` word from `from` (after its quote), its escapes undone (bash(1) QUOTING), and where it ends. */
function ansiCQuoted(text: string, from: number): [string, number] {
  let quoted = '';
  let i = from;
  for (; i < text.length && text[i] !== "'"; i++) {
    if (text[i] !== '\\' || i + 1 >= text.length) {
      quoted += text[i];
      continue;
    }
    const escape = /^(?:x([0-9a-fA-F]{1,2})|u([0-9a-fA-F]{1,4})|U([0-9a-fA-F]{1,8})|([0-7]{1,3})|c(.)|(.))/s.exec(
      text.slice(i + 1, i + 11),
    )!;
    const code = escape[1] ?? escape[2] ?? escape[3];
    quoted += code
      ? String.fromCodePoint(Math.min(parseInt(code, 16), 0x10ffff))
      : escape[4]
        ? String.fromCharCode(parseInt(escape[4], 8) & 0xff)
        : escape[5]
          ? String.fromCharCode(escape[5].charCodeAt(0) & 0x1f)
          : (C_ESCAPES[escape[6]] ?? escape[6]);
    i += escape[0].length;
  }
  return [quoted, i];
}

/**
 * The words of a command line as a POSIX shell splits them, without their quotes: `--token='a b'` is the one word
 * `--token=a b`, `'--token=abc'` the word `--token=abc`. A quote left open runs to the end of the text. With
 * `operators`, a shell's control operators and substitutions outside quotes (`;`, `&`, `|`, `(`, `)`, `$(`, a
 * backtick) end a word and are words of their own: `set -e;curl` is `set`, `-e`, `;`, `curl`. With `lineBreaks`, a line
 * break outside quotes (not `\`-continued) is the word LINE_BREAK: a command line ends there.
 */
export function shellWords(text: string, operators = false, lineBreaks = false): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (/\s/.test(char) || (operators && /[;&|()`]/.test(char)) || (operators && char === '$' && text[i + 1] === '(')) {
      if (word !== undefined) words.push(word);
      word = undefined;
      if (lineBreaks && char === '\n' && words[words.length - 1] !== LINE_BREAK) words.push(LINE_BREAK);
      if (/[;&|()`$]/.test(char) && operators) words.push(char === '$' ? text[++i] : char);
    } else if (char === '\\' && text[i + 1] === '\n') i++;
    else if (char === '$' && text[i + 1] === "'") {
      // bash's ANSI-C quoting `$'…'`, read as bash reads it (37a-6: `sshpass -p $'pw'`).
      const [quoted, end] = ansiCQuoted(text, i + 2);
      word = (word ?? '') + quoted;
      i = end;
    } else if (char === "'") {
      const end = text.indexOf("'", i + 1);
      word = (word ?? '') + text.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? text.length : end;
    } else if (char === '"') {
      word ??= '';
      for (i++; i < text.length && text[i] !== '"'; i++)
        word += text[i] === '\\' && /["\\$`]/.test(text[i + 1] ?? '') ? text[++i] : text[i];
    } else word = (word ?? '') + (char === '\\' && i + 1 < text.length ? text[++i] : char);
  }
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * A word after a bare secret flag that is the next long option (`gh auth login --with-token --hostname github.com`):
 * the flag is a switch there (it reads the secret from standard input), not given this word.
 */
const isNextOption = (word: string): boolean => /^--[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:=.*)?$/.test(word);

/** The secret a flag sets in `words` (one command line's words), or undefined. */
function flagSecretIn(words: readonly string[]): string | undefined {
  // Found once, when a flag first asks: a long line of flags stays linear.
  let prompted: boolean[] | undefined;
  const clientBefore = (at: number) => (prompted ??= promptedAfter(words))[at];
  for (let i = 0; i < words.length; i++) {
    const flag = FLAG.exec(words[i]);
    if (!flag || !isSecretOption(flag[1])) continue;
    const value = flag[2] ?? (isNextOption(words[i + 1] ?? '') || takesNoValue(words, i, flag[1], clientBefore) ? undefined : words[i + 1]);
    if (value !== undefined && isSecretFlagValue(value, flag[1])) return value;
  }
  return undefined;
}

/**
 * The secret a command line (one string) sets with a flag, or undefined: split at blanks as written, then as a shell
 * splits it (a quoted flag or value). A value the text does not hold as it is (written with quotes or escapes inside)
 * is given as the whole text, which then is what a redaction leaves out.
 */
export function secretArgument(written: string): string | undefined {
  // Every flag starts with a dash, as written or unquoted: text without one is not split (each line of a long text is read).
  if (!written.includes('-')) return undefined;
  // `--token "$(cat /etc/rancher/k3s/cluster-token)"` reads a file: one word, a reference (50a-13), split at no blank.
  let text = written.includes('"$(') ? written.replace(FILE_READ, '"$(FILE)"').replace(CUT_FILE_READ, '"$(FILE)"') : written;
  // `"$(echo hunter2)"` runs a command that writes a literal: that literal is the value (66a-18's neighbour).
  if (text.includes('$(')) text = text.replace(ECHOED, '$1');
  if (text !== written) {
    const found = secretArgument(text);
    return found === undefined || written.includes(found) ? found : written;
  }
  const atStart = FLAG_AT_START.exec(text);
  if (atStart && isSecretOption(atStart[1]) && isSecretFlagValue(atStart[2], atStart[1])) return atStart[2];
  // A line break between words is a word of its own (prompt-switches.ts): a bare flag's value is never the next line's.
  const asWritten = flagSecretIn(wordsAsWritten(text));
  if (asWritten !== undefined || !/["'\\]/.test(text)) return asWritten;
  const unquoted = flagSecretIn(shellWords(text, false, true));
  return unquoted === undefined || text.includes(unquoted) ? unquoted : text;
}

/** The name of a secret flag with no `=value` (`--providers.x.token`), whose value is the next argument, or undefined. */
export function bareSecretFlag(text: unknown): string | undefined {
  const flag = typeof text === 'string' ? FLAG.exec(text) : null;
  return flag && flag[2] === undefined && isSecretOption(flag[1]) ? flag[1] : undefined;
}

/**
 * `[..., '--providers.x.token', value]`: a bare secret flag, so the next item is its value, whatever it starts with,
 * but the next long option (isNextOption). `key` is the list's own key where it has one (`args`): a login alone is read
 * only in an argument list (login-arguments.ts).
 */
export function isSecretFlagItem(list: readonly unknown[], i: number, key?: string | number): boolean {
  const flag = i > 0 ? bareSecretFlag(list[i - 1]) : undefined;
  const item = list[i];
  return (
    (flag !== undefined &&
      !takesNoValue(list, i - 1, flag) &&
      !(typeof item === 'string' && (!isSecretFlagValue(item, flag) || isNextOption(item)))) ||
    isLoginItem(list, i, key)
  ); // `["--auth", "admin:…"]`, `["admin:<generated>"]` (59a-22: login-arguments.ts)
}

export const SECRET_ARGUMENT = 'a container argument that sets a secret';
/** Keys whose items are a container's or a chart's command-line arguments. */
const ARGUMENT_KEY = /^(?:args|command|additionalArguments|extraArgs|arguments)$/;
/** What a secret flag is called where it stands: in arguments, or in other text (66a-18: a ConfigMap's script is none). */
export const argumentFinding = (at: readonly unknown[]): string =>
  at.some((key) => typeof key === 'string' && ARGUMENT_KEY.test(key))
    ? SECRET_ARGUMENT
    : 'a command line in text that gives a secret to a flag (`--token …`, `--password=…`)';
