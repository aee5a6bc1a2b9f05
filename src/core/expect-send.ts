import { isReference } from './secrets-text';

/**
 * An expect script's answer to a password prompt (attack round 39a-2): `expect "Password:"` then `send "<pw>\r"`
 * (expect(1): `send` sends its string to the spawned process; the `expect` before it waits for the prompt). Only a
 * `send` right after a pattern naming a password or a passphrase is read (after blanks, `;` or the `{` of an
 * `expect { pattern { send … } }` block), so ordinary scripts (`expect "login:"` then `send "bob\r"`, `send "exit\r"`)
 * hold none; a string with Tcl's substitutions (`"$pw\r"`, `"$env(PW)\r"`, `"[lindex $argv 0]\r"`) is a reference.
 */

/** What such a password is called in findings. */
export const EXPECT_SECRET = 'a password an expect script sends after a password prompt (expect … send "…\\r")';

/**
 * A `send` (or `exp_send`) with its options (`--`, `-s`) and a quoted string (its quotes escaped too, inside `expect -c
 * "…"`): group 1 the text up to its `\r`/`\n`. Each part excludes what ends it: linear.
 */
const SEND = /(?<![\w-])(?:exp_)?send(?:[ \t]+-(?:-|[a-z_]+))*[ \t]+\\?"([^"\s\\]+)(?:\\+[rn])*\\?"/dg;
/** A pattern that names a password prompt. */
const PROMPT_WORD = /assword|ASSWORD|assphrase|ASSPHRASE/;
/** How far back a prompt's pattern is looked for (a pattern is one line's quoted string, or a word). */
const PROMPT_REACH = 200;
/** Answers that are no password (a host key's `yes`). */
const NO_PASSWORD = /^(?:yes|no|y|n)$/i;

/**
 * pexpect's (and wexpect's) answer (attack round 47a-7): `child.expect("password:")` (or `expect_exact`, a list of
 * patterns), then `child.sendline("<pw>")` or `child.send("<pw>\n")`, group 2 the text up to its `\r`/`\n`.
 */
const PY_SEND = /\.[ \t]*send(?:line)?[ \t]*\([ \t]*[bBrRuU]{0,2}(["'])([^"'\s\\]+)(?:\\+[rn])*\1[ \t]*\)/dg;

/** Whether the last `expect` call before `at` (within PROMPT_REACH, with no `send` after it) names a password prompt. */
function afterPexpectPrompt(text: string, at: number): boolean {
  const from = Math.max(0, at - PROMPT_REACH);
  const before = text.slice(from, at);
  const call = [...before.matchAll(/\.[ \t]*expect\w*[ \t]*\(/g)].pop()?.index ?? -1;
  if (call < 0 || before.includes('send', call)) return false;
  const line = before.slice(call, (before.indexOf('\n', call) + 1 || before.length + 1) - 1);
  return PROMPT_WORD.test(line);
}

/** Whether the text before `end` (blanks, `;` and `{` skipped) ends with a pattern naming a password prompt. */
function afterPasswordPrompt(text: string, end: number): boolean {
  let at = end;
  while (at > 0 && /[\s;{]/.test(text[at - 1])) at--;
  const last = text[at - 1];
  const from = Math.max(0, at - PROMPT_REACH);
  let start: number;
  if (last === '"' || last === '}') {
    // Only within reach (a `}` far from any `{` is no pattern): each look is bounded.
    const open = text.slice(from, at - 1).lastIndexOf(last === '"' ? '"' : '{');
    if (open < 0) return false;
    start = from + open;
  } else {
    start = at;
    while (start > from && !/[\s"{};]/.test(text[start - 1])) start--;
  }
  const pattern = text.slice(start, at);
  return !pattern.includes('\n') && PROMPT_WORD.test(pattern);
}

/** Where a text holds the password an expect script sends after a password prompt: its span. */
export function expectSendSpans(text: string): Array<[number, number]> {
  if (!text.includes('send') || !PROMPT_WORD.test(text)) return [];
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(SEND)) {
    const value = match[1];
    if (/[$[]/.test(value) || NO_PASSWORD.test(value) || isReference(value)) continue;
    if (afterPasswordPrompt(text, match.index)) spans.push(match.indices![1]);
  }
  for (const match of text.includes('expect') ? text.matchAll(PY_SEND) : []) {
    const value = match[2];
    if (NO_PASSWORD.test(value) || isReference(value)) continue;
    if (afterPexpectPrompt(text, match.index)) spans.push(match.indices![2]);
  }
  return spans;
}
