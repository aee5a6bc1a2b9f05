import type { Literal } from './fed-literals';
import { wordsAfter } from './fed-stdin';
import { singleQuoted, type ProbeEdit } from './probe-spans';
import { readsOfDescriptor } from './read-builtin';

/**
 * The reads of a literal that a script wrote into a file or opened on a descriptor (fed-files.ts), each written in a
 * probe as what it reads (attack rounds 43a-4, 44a-1, 44a-3):
 * - standard input from it (`< /tmp/p`, `0</tmp/p`, `<&3`, `0<&3`, before the command too: `</tmp/p chpasswd`) as the
 *   literal's here-string; so `exec 0<&3` gives the script's input the literal, `read -r PW <&3` the variable the
 *   literal (variable-literals.ts reads both);
 * - `read -u 3 NAME` (bash(1) read: "-u fd Read lines from file descriptor fd") as `read -u 0 NAME` given the here-string;
 * - `$(cat /tmp/p)`, `$(< /tmp/p)`, `` `cat /tmp/p` ``, `$(cat <&3)` as the literal (without its last line breaks: bash(1)
 *   "Command Substitution" deletes trailing newlines), quoted as the place it stands in wants;
 * - the file as a word of its own (`sshpass -f /tmp/p`, `--password-file=/tmp/p`, `/dev/fd/3`) as `/dev/stdin` fed
 *   the here-string (stdin-readers.ts reads a password file that is standard input).
 */

/** How many reads one probe writes, and through how many descriptors opened on files one is followed. */
export const MAX_EDITS = 64;
const MAX_DEPTH = 4;

/** The literal's span in the text: from its first placed character to its last. */
export function sourceOf(literal: Literal): { span: [number, number]; value: string } {
  let source = sources.get(literal);
  if (!source) {
    let [low, high] = [Infinity, -1];
    for (const at of literal.map) if (at >= 0) [low, high] = [Math.min(low, at), Math.max(high, at)];
    sources.set(literal, (source = { span: high < 0 ? [0, 0] : [low, high + 1], value: literal.value }));
  }
  return source;
}
/** Each literal's source, found once (a literal may be read through many descriptors). */
const sources = new WeakMap<Literal, { span: [number, number]; value: string }>();

/** The literal as a here-string (`<<<'…'`), each character's place kept. */
export function hereString(literal: Literal): { written: string; map: number[] } {
  const { written, map } = singleQuoted(literal.value, literal.map);
  return { written: `<<<${written}`, map: [-1, -1, -1, ...map] };
}

/** The literal's first line (what `read` takes of it). */
function firstLine(literal: Literal): Literal {
  const end = /\\n|\n/.exec(literal.value)?.index ?? literal.value.length;
  return { value: literal.value.slice(0, end), map: literal.map.slice(0, end) };
}

/** A `read` whose names end at `at` (its input redirected there). */
const readBefore = (text: string, at: number): boolean =>
  /(?<![\w-])read(?:[ \t]+-[a-zA-Z]+)*(?:[ \t]+[A-Za-z_]\w*)+[ \t]*$/.test(text.slice(Math.max(0, at - 200), at));

/** Standard input from the literal, `read`'s its first line. */
const stdinOf = (text: string, at: number, literal: Literal): { written: string; map: number[] } =>
  hereString(readBefore(text, at) ? firstLine(literal) : literal);

/**
 * Standard input from the literal at `at` to `end` (fed-stdin.ts, 45a-4, 45a-5): first in its command, the command's
 * words then the here-string (a function's call given it is read as its body so given: function-calls.ts).
 */
function stdinEdits(text: string, at: number, end: number, literal: Literal, edits: ProbeEdit[]): void {
  const source = sourceOf(literal);
  const words = wordsAfter(text, at, end);
  if (words) {
    const command = text.slice(...words);
    const here = hereString(/^read(?![\w-])/.test(command) ? firstLine(literal) : literal);
    const map = [...Array.from({ length: command.length }, (_, k) => words[0] + k), -1, ...here.map];
    edits.push({ at, end: words[1], written: `${command} ${here.written}`, map, source });
    return;
  }
  edits.push({ at, end, ...stdinOf(text, at, literal), source });
}

/** Whether a word ends at `k` (a blank, a separator, a substitution's end, the text's end). */
const wordEnds = (text: string, k: number): boolean => k >= text.length || /[\s;&|)\x60]/.test(text[k]);

/** A word as written bare, double-quoted or single-quoted. */
export const spellings = (word: string): string[] => [word, `"${word}"`, `'${word}'`];

/** Whether `at` of `text` stands inside double quotes (its line read from its start; a backslash escapes outside single quotes). */
function inDoubleQuotes(text: string, at: number): boolean {
  let [double, single] = [false, false];
  for (let k = text.lastIndexOf('\n', at - 1) + 1; k < at; k++) {
    const c = text[k];
    if (c === '\\' && !single) k++;
    else if (c === '"' && !single) double = !double;
    else if (c === "'" && !double) single = !single;
  }
  return double;
}

/** The literal a command substitution outputs, written as the place it stands in (`at`) reads it. */
function substituted(text: string, at: number, literal: Literal): { written: string; map: number[] } {
  const last = literal.value.replace(/(?:\\n|\n)+$/, '').length;
  const [value, places] = [literal.value.slice(0, last), literal.map.slice(0, last)];
  if (!inDoubleQuotes(text, at)) return singleQuoted(value, places);
  let written = '';
  const map: number[] = [];
  for (let k = 0; k < value.length; k++) {
    if (/[\\"$\x60]/.test(value[k])) [written, map[map.length]] = [`${written}\\`, -1];
    written += value[k];
    map.push(places[k] ?? -1);
  }
  return { written, map };
}

/** A command that reads its file operands and writes (part of) what they hold: `$(head -n1 F)`, `$(cut -d: -f2 F)`. */
const FILTER = /^[ \t]*(?:\/(?:usr\/)?bin\/)?(?:cat|head|tail|cut|sed|awk|grep|sort|uniq|tac|rev|fold|paste|base64|xargs)(?![\w-])/;

/**
 * The command substitution whose command reads the file or descriptor at `k` to `end` (45a-4: any command given it as
 * its input, `$(head -n1 <&3)`, `$(< F)`, `$(tr -d x < F)`; a FILTER given it as an operand, `$(cat F)`, `` `cut -d:
 * -f2 F` ``; where `fd`, `<&N`): its span, and
 * whether it outputs only the first line (`head -n1`, `head -1`, `sed -n 1p`). A filter's output is read as the
 * literal (what passes through it).
 */
function substitutionAround(text: string, k: number, end: number, fd: boolean): { span: [number, number]; first: boolean } | undefined {
  const before = (
    fd ? /(\$\(|\x60)([^()\x60\n<>;&|$]*[ \t]0?|[ \t]*)$/ : /(\$\(|\x60)([^()\x60\n<>;&|$]*[ \t](?:0?<[ \t]*)?|[ \t]*<[ \t]*)$/
  ).exec(text.slice(Math.max(0, k - 80), k));
  // A file given as an operand (no redirection) is read only by a filter of files (`vault kv get -field=pw x` is no read of x).
  if (!before || (!fd && !/<[ \t]*$/.test(before[0]) && !FILTER.test(before[2]))) return undefined;
  const after = /^([^()\x60\n<>;&$]*?)[ \t]*([)\x60])/.exec(text.slice(end, end + 80));
  if (!after || (after[2] === ')') !== (before[1] === '$(')) return undefined;
  const first = /(?<![\w-])(?:head[ \t]+-(?:n[ \t]*)?1|sed[ \t]+-n[ \t]+'?1p)(?![\w])/.test(`${before[2]} ${after[1]}`);
  return { span: [k - before[0].length, end + after[0].length], first };
}

/** The edit writing a command substitution's span as the literal it outputs. */
function substitutionEdit(text: string, { span, first }: { span: [number, number]; first: boolean }, literal: Literal): ProbeEdit {
  return { at: span[0], end: span[1], ...substituted(text, span[0], first ? firstLine(literal) : literal), source: sourceOf(literal) };
}

/** How many copies of descriptors opened on one literal are followed (each a read of the text), by literal. */
const MAX_COPIES = 8;
const copies = new WeakMap<Literal, number>();

/** `exec N<&FD` and `exec N<&FD-` (bash(1) "Duplicating File Descriptors", "Moving File Descriptors"): N reads the literal too. */
function copiesOf(text: string, from: number, fd: string, literal: Literal, edits: ProbeEdit[], depth: number): void {
  if (depth >= MAX_DEPTH || !text.includes(`<&${fd}`, from) || (copies.get(literal) ?? 0) >= MAX_COPIES) return;
  const copy = new RegExp(
    String.raw`(?<![\w-])exec[ \t]+([0-9]|\{[A-Za-z_]\w{0,63}\})<&[ \t]*${fd.replace(/[$(){}[\]]/g, '\\$&')}-?(?=$|[\s;&|)])`,
    'g',
  );
  copy.lastIndex = from;
  for (let match = copy.exec(text); match && edits.length < MAX_EDITS; match = copy.exec(text)) {
    // 0 is the script's standard input: the `<&FD` there is written as the literal's here-string (readsAfter).
    if (match[1] === '0') continue;
    const followed = (copies.get(literal) ?? 0) + 1;
    if (followed > MAX_COPIES) return;
    copies.set(literal, followed);
    const name = /^\{(.*)\}$/.exec(match[1])?.[1];
    const fds = name ? [`$${name}`, `\${${name}}`].flatMap((n) => [n, `"${n}"`]) : [match[1]];
    const files = fds.flatMap((n) => spellings(`/dev/fd/${n.replace(/"/g, '')}`));
    const after = match.index + match[0].length;
    readsAfter(text, after, { files, fds, until: reopened(text, after, match[1]), depth: depth + 1 }, literal, edits);
  }
}

/**
 * The reads after `from` of a file (a path, or `/dev/fd/N`, as each of `files` spells it), or of a descriptor (`<&N`,
 * `0<&N`, `read -u N`, as each of `fds` spells N), each written as reading `literal` (pushed on `edits`).
 */
export function readsAfter(
  text: string,
  from: number,
  reads: { files: readonly string[]; fds: readonly string[]; until?: number; depth?: number },
  literal: Literal,
  edits: ProbeEdit[],
): void {
  // A descriptor is read up to where it is opened again or closed (`exec 3< /run/pw`, `exec 3<&-`).
  const until = reads.until ?? text.length;
  const read = text.slice(0, until);
  for (const file of reads.files) fileReads(read, from, file, literal, edits, reads.depth ?? 0);
  for (const fd of reads.fds) {
    const stdin = `<&${fd}`;
    for (let k = read.indexOf(stdin, from); k >= 0 && edits.length < MAX_EDITS; k = read.indexOf(stdin, k + 1)) {
      const [at, end] = [text[k - 1] === '0' ? k - 1 : k, k + stdin.length];
      if (!wordEnds(text, end) || /\w/.test(text[at - 1] ?? '')) continue;
      const substitution = substitutionAround(text, k, end, true);
      if (substitution) edits.push(substitutionEdit(text, substitution, literal));
      else stdinEdits(text, at, end, literal, edits);
    }
    readsOfFd(read, from, fd, literal, edits);
    copiesOf(read, from, fd, literal, edits, reads.depth ?? 0);
  }
}

/** Where descriptor `fd` (`3`, `{fd}`) is opened again or closed after `from` (`exec 3< /run/pw`, `exec 3<&-`). */
export function reopened(text: string, from: number, fd: string): number | undefined {
  const again = new RegExp(String.raw`(?<![\w-])exec[ \t]+${fd.replace(/[{}]/g, '\\$&')}[<>]`, 'g');
  again.lastIndex = from;
  return again.exec(text)?.index;
}

/**
 * `read … -u N …` after `from` (its options parsed as bash does, read-builtin.ts: `-ru3`, `-u 3 -p x`): as reading fd 0
 * (`-u 0`) given the literal's here-string after its last word.
 */
function readsOfFd(text: string, from: number, fd: string, literal: Literal, edits: ProbeEdit[]): void {
  if (!/-[a-zA-Z]*u/.test(text.slice(from))) return;
  for (const read of readsOfDescriptor(text, from)) {
    if (read.fd !== fd || edits.length + 2 > MAX_EDITS) continue;
    const here = hereString(literal);
    edits.push({ at: read.at, end: read.end, written: '0', map: [-1] });
    edits.push({
      at: read.commandEnd,
      end: read.commandEnd,
      written: ` ${here.written}`,
      map: [-1, ...here.map],
      source: sourceOf(literal),
    });
  }
}

/** A file given inside a word (48a-7): ansible's `--vault-id LABEL@FILE`, openssl's `-passin file:FILE`. */
const FILE_AFTER = /(?:(?<![\w-])--vault-id(?:=|[ \t]+)[^\s@'"]{0,64}@|(?<![\w-])-[\w-]{1,32}[ \t]+file:)$/;

/** readsAfter's reads of one spelling of a file. */
function fileReads(text: string, from: number, file: string, literal: Literal, edits: ProbeEdit[], depth: number): void {
  const source = sourceOf(literal);
  for (let k = text.indexOf(file, from); k >= 0 && edits.length < MAX_EDITS; k = text.indexOf(file, k + 1)) {
    const end = k + file.length;
    if (!wordEnds(text, end)) continue;
    let before = k;
    while (before > from && /[ \t]/.test(text[before - 1])) before--;
    // Written again (`> /tmp/p`, `>> /tmp/p`): what it holds from then on is not the literal.
    if (text[before - 1] === '>') break;
    const substitution = substitutionAround(text, k, end, false);
    if (substitution) {
      edits.push(substitutionEdit(text, substitution, literal));
      continue;
    }
    // `exec 3< /tmp/p`: a descriptor opened on it, read as one opened on the literal.
    const opened =
      text[before - 1] === '<' && depth < MAX_DEPTH
        ? /(?<![\w-])exec[ \t]+([1-9])$/.exec(text.slice(Math.max(0, before - 64), before - 1))
        : null;
    if (opened) {
      const files = spellings(`/dev/fd/${opened[1]}`);
      readsAfter(text, end, { files, fds: [opened[1]], until: reopened(text, end, opened[1]), depth: depth + 1 }, literal, edits);
      continue;
    }
    // `< /tmp/p`, `0</tmp/p`: its standard input; a word of its own (`-f /tmp/p`, `--file=/tmp/p`): a file.
    const redirect = text[before - 1] === '<' && text[before - 2] !== '<' ? before - (text[before - 2] === '0' ? 2 : 1) : -1;
    if (redirect >= from && /^(?:|[\s;&|(])$/.test(text[redirect - 1] ?? '')) stdinEdits(text, redirect, end, literal, edits);
    else if (/[\s=]/.test(text[k - 1] ?? '') || FILE_AFTER.test(text.slice(Math.max(0, k - 96), k))) {
      const here = hereString(literal);
      edits.push({ at: k, end, written: `/dev/stdin ${here.written}`, map: [...Array<number>(11).fill(-1), ...here.map], source });
    }
  }
}
