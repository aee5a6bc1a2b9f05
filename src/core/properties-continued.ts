import { namesSecretValue } from './secrets-keys';
import { setsSecret } from './secrets-text';

/**
 * Attack round 48a-6: a Java `.properties` line continued over line breaks (java.util.Properties#load: a line that
 * ends in an odd number of backslashes goes on at the next line's first non-blank character), its key cut
 * (`db.pass\⏎  word=…`) or its value (`db.password=\⏎  …`, `db.password=ab\⏎  cd`). The logical line is read as
 * Properties reads it: the key to the first `=`, `:` or blank not escaped, then blanks, one `=` or `:`, blanks, and the
 * value. A key named like a secret (`db.password`) whose value setsSecret takes holds one: the value's pieces, each on
 * its own line, are its spans. A blank separator needs a dotted key (`Password string` is code, not a properties
 * line), as pasted-config-lines.ts's reader does. A comment line (`#`, `!`) continues nothing; a line with no
 * continuation is the other readers'.
 */

/** A properties key (escapes removed): a name, at most 128 characters. */
const KEY = /^[A-Za-z_][\w.-]{0,127}$/;
const DOTTED = /^[A-Za-z_][\w-]*(?:\.[\w-]+)+$/;
/** Words of prose (letters and punctuation, no digit): a description, not a value. */
export const PROSE = /^[\p{L}'’(),.;:!?-]+(?:[ \t]+[\p{L}'’(),.;:!?/-]+)+$/u;
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\f';

/** Whether the line (`from` to `to`, no line break) ends in an odd number of backslashes. */
function continues(text: string, from: number, to: number): boolean {
  let n = 0;
  while (to - n > from && text[to - n - 1] === '\\') n++;
  return n % 2 === 1;
}

/** Where a text holds a continued properties line's secret value: the value's span on each line it is written on. */
export function continuedPropertiesSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!/\\\r?\n/.test(text)) return spans;
  let start = 0;
  while (start < text.length) {
    // One logical line: pieces [from, to) of its physical lines, the continuing backslash and leading blanks cut.
    const pieces: Array<[number, number]> = [];
    let more = true;
    for (let first = true; more && start < text.length; first = false) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      let from = start;
      while (from < end && isBlank(text[from])) from++;
      let to = text[end - 1] === '\r' ? end - 1 : end;
      more = !(first && /[#!]/.test(text[from] ?? '')) && continues(text, from, to);
      if (more) to--;
      pieces.push([from, to]);
      start = end + 1;
    }
    if (pieces.length > 1) spans.push(...secretOf(text, pieces));
  }
  return spans;
}

/** The secret value's spans of one logical line, or none. */
function secretOf(text: string, pieces: Array<[number, number]>): Array<[number, number]> {
  // The joined line and each of its characters' places in the text.
  let line = '';
  const at: number[] = [];
  for (const [from, to] of pieces) {
    if (line.length + to - from > 1 << 16) return [];
    line += text.slice(from, to);
    for (let i = from; i < to; i++) at.push(i);
  }
  let i = 0;
  let key = '';
  for (; i < line.length && !isBlank(line[i]) && line[i] !== '=' && line[i] !== ':'; i++) {
    if (line[i] === '\\') i++;
    key += line[i] ?? '';
    if (key.length > 128) return [];
  }
  while (isBlank(line[i])) i++;
  const blank = line[i] !== '=' && line[i] !== ':';
  if (!blank) i++;
  while (isBlank(line[i])) i++;
  let end = line.length;
  while (end > i && isBlank(line[end - 1])) end--;
  const value = line.slice(i, end);
  if (
    !KEY.test(key) ||
    (blank && (!DOTTED.test(key) || PROSE.test(value))) ||
    !namesSecretValue(key) ||
    value === '' ||
    !setsSecret(key, value)
  ) {
    return [];
  }
  // The value's characters, cut into runs of neighbouring places (one per line it is written on).
  const spans: Array<[number, number]> = [];
  for (let j = i; j < end; j++) {
    const last = spans[spans.length - 1];
    if (last && last[1] === at[j]) last[1]++;
    else spans.push([at[j], at[j] + 1]);
  }
  return spans;
}
