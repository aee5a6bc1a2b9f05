/**
 * 87a-1, 87a-3: the pieces of shell syntax the script reader (shell-commands.ts) needs besides its tokens: where a
 * parenthesised or braced text ends, a function definition (POSIX.1-2017 XCU 2.9.5), the words `set` gives `$1`…
 * (XCU `set`), and what a command substitution prints when its commands only print words.
 */

/** The index just past the `)` that closes the one opened before `from`, or the script's end. */
export function closingParen(script: string, from: number): number {
  let depth = 1;
  for (let i = from; i < script.length; i += 1) {
    if (script[i] === '\\') i += 1;
    else if (script[i] === '(') depth += 1;
    else if (script[i] === ')' && --depth === 0) return i + 1;
  }
  return script.length;
}

/** The index of the `}` that closes the brace opened before `from` (quotes and escapes skipped), or the script's end. */
export function closingBrace(script: string, from: number): number {
  let depth = 1;
  for (let i = from; i < script.length; i += 1) {
    const char = script[i];
    if (char === '\\') i += 1;
    else if (char === "'") i = script.indexOf("'", i + 1) < 0 ? script.length : script.indexOf("'", i + 1);
    else if (char === '"') for (i += 1; i < script.length && script[i] !== '"'; i += script[i] === '\\' ? 2 : 1);
    else if (char === '{') depth += 1;
    else if (char === '}' && --depth === 0) return i;
  }
  return script.length;
}

/** `name() {`, `name () (`, `function name {`, `function name() {` at a command's start (2.9.5; the keyword is ksh's and bash's). */
const DEFINITION = /(?:function[ \t]+([A-Za-z_][\w-]*)(?:[ \t]*\([ \t]*\))?|([A-Za-z_][\w-]*)[ \t]*\([ \t]*\))\s*/y;

/** A function definition at `at`: its name, its body's text and the index after it; the body is read only where it is called. */
export function functionAt(script: string, at: number): { name: string; body: string; end: number } | undefined {
  DEFINITION.lastIndex = at;
  const found = DEFINITION.exec(script);
  if (!found) return undefined;
  const start = DEFINITION.lastIndex;
  if (script[start] === '{') {
    const close = closingBrace(script, start + 1);
    return { name: found[1] ?? found[2], body: script.slice(start + 1, close), end: Math.min(close + 1, script.length) };
  }
  if (script[start] === '(') {
    const end = closingParen(script, start + 1);
    return { name: found[1] ?? found[2], body: script.slice(start + 1, end - 1), end };
  }
  return undefined;
}

/**
 * The positional parameters `set` gives (`set -- a b`, `set -e -- a`, `set a b`), or undefined when it sets none
 * (`set -e`, `set -o pipefail`: an option cluster ending in `o` takes the next word).
 */
export function setOperands(words: readonly string[]): string[] | undefined {
  for (let i = 0; i < words.length; i += 1) {
    if (words[i] === '--' || words[i] === '-') return words.slice(i + 1);
    if (!/^[-+]/.test(words[i])) return words.slice(i);
    if (/^[-+][a-z]*o$/i.test(words[i])) i += 1;
  }
  return undefined;
}

/**
 * What a simple command prints, when it only prints words: `echo` (after `-n`/`-e`/`-E`), `printf` of a format with no
 * conversion or of `%s`, and the path lookups `command -v`, `which`, `realpath`, `readlink -f` (the name they find).
 */
export function printedWords(words: readonly string[]): string | undefined {
  const start = words.findIndex((word) => !/^[A-Za-z_]\w*=/.test(word));
  const [program, ...rest] = start < 0 ? [] : words.slice(start);
  const text = rest.findIndex((word) => !/^-[neE]+$/.test(word));
  if (program === 'echo') return text < 0 ? '' : rest.slice(text).join(' ');
  if (program === 'printf' && rest[0] !== undefined)
    return /^%s(\\n)?$/.test(rest[0]) ? rest.slice(1).join(' ') : rest[0].includes('%') ? undefined : rest[0].replace(/\\n/g, ' ').trim();
  const lookup = (program === 'command' && /^-[a-z]*v$/.test(rest[0] ?? '')) || (program === 'readlink' && rest[0] === '-f');
  if (lookup || program === 'which' || program === 'realpath') return rest.at(-1);
  return undefined;
}

/** The index of the `'` that closes a `$'…'` opened before `from` (a `\'` in it is no close), or the script's end. */
export function ansiEnd(script: string, from: number): number {
  for (let i = from; i < script.length; i += 1) {
    if (script[i] === '\\') i += 1;
    else if (script[i] === "'") return i;
  }
  return script.length;
}

const ANSI_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v' };

/** The text of `$'…'` (bash, ksh93, BusyBox ash): `\xHH`, `\NNN` octal, `\uHHHH`, `\n`-style escapes, else the escaped character. */
export const ansiText = (body: string): string =>
  body.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|[0-7]{1,3}|.)/gs, (_, code: string) => {
    if (/^[xu]/.test(code) && code.length > 1) return String.fromCodePoint(parseInt(code.slice(1), 16));
    if (/^[0-7]+$/.test(code)) return String.fromCodePoint(parseInt(code, 8));
    return ANSI_ESCAPES[code] ?? code;
  });

/** A word quoted for the reader, so that it is read back as the one word it is. */
export const quote = (word: string): string => `'${word.replace(/'/g, "'\\''")}'`;

/**
 * 88b-1: the action `trap` runs later, a script the shell reads then (POSIX.1-2017 XCU `trap`): its first operand
 * after `--` when a condition follows; `-` or an unsigned integer resets the conditions, and `-p`/`-l` only print.
 */
export function trapAction(words: readonly string[]): string | undefined {
  const operands = words[0] === '--' ? words.slice(1) : words;
  if (operands.length < 2 || operands[0] === '-' || /^\d+$/.test(operands[0]) || /^-[pl]$/.test(operands[0])) return undefined;
  return operands[0];
}
