import { LITERAL } from './variable-literals';

/**
 * A literal that reaches a reader of a password through a file or a descriptor of the same script (attack round 43a-4):
 * - a descriptor opened on a literal (`exec 3< <(echo pw)`, `exec 3<<<pw`), then read as standard input (`chpasswd
 *   <&3`, `0<&3`) or by its path (`/dev/fd/3`);
 * - a process substitution of a literal given as a file (`sshpass -f <(echo pw)`: bash(1) "Process Substitution": the
 *   command's output is a file whose name is the argument);
 * - a file written from a literal (`echo 'root:pw' > /tmp/p`), then read as standard input (`chpasswd < /tmp/p`) or
 *   given as a file (`sshpass -f /tmp/p`);
 * - a coprocess (`coproc chpasswd`, `coproc NAME { … }`) written a literal (`echo 'root:pw' >&"${COPROC[1]}"`): bash(1)
 *   "Coprocesses": NAME[1] is a descriptor "connected to the standard input of the coprocess".
 * The text is read once more (a probe) with each such read written as what it reads: a here-string of the literal
 * (`chpasswd <<<'root:pw'`), a file as `/dev/stdin` fed that here-string (the stdin-readers.ts rows read a password file
 * that is standard input), a coprocess as the literal piped into its command. A finding in a literal put there is the
 * literal's, where the text writes it (as variable-literals.ts withLiterals does).
 */

/** `echo [-n|-e] LITERAL`, `printf LITERAL`, `printf '%s' LITERAL` (the LITERAL groups follow). */
const FEEDER = String.raw`(?<![\w-])(?:echo(?:[ \t]+-[neE]+)?|printf(?:[ \t]+(?:'%s(?:\\n)?'|"%s(?:\\n)?"|%s))?)[ \t]+(?:${LITERAL})`;
/** A process substitution of a literal that is no redirection of standard input (`< <(echo pw)` is stdin-passwords.ts's). */
const SUBSTITUTION = new RegExp(String.raw`(?<!<[ \t]*)(?<![\w>])<\([ \t]*${FEEDER}[ \t]*\)`, 'dg');
/**
 * `exec N< <(echo LITERAL)` or `exec N<<<LITERAL` (N 1 to 9: 0 is variable-literals.ts's EXEC), or `exec {NAME}<…`
 * (bash(1) REDIRECTION: "the shell will allocate a file descriptor greater than 10 and assign it to {varname}").
 */
const EXEC_FD = new RegExp(
  String.raw`(?<![\w-])exec[ \t]+([1-9]|\{[A-Za-z_]\w{0,63}\})(?:<[ \t]*<\([ \t]*${FEEDER}[ \t]*\)|<<<[ \t]*(?:${LITERAL}))`,
  'dg',
);
/** A literal written to a file (`echo LITERAL > /tmp/p`, `>|`, `>>`, the path quoted too): the path follows the LITERAL groups. */
const WRITTEN = new RegExp(String.raw`${FEEDER}[ \t]*>[>|]?[ \t]*(["']?)([^\s;&|()<>'"\x60$\\]+)\4`, 'dg');
/** A literal written to a coprocess's input: `>&"${NAME[1]}"`, `>&${NAME[1]}`. */
const TO_COPROC = new RegExp(String.raw`${FEEDER}[ \t]*1?>&[ \t]*"?\$\{([A-Za-z_]\w*)\[1\]\}"?`, 'dg');

/** `coproc NAME` before a compound command (`{`, `(`), or `coproc` before a simple one (its coprocess is COPROC). */
const COPROC = /(?<![\w-])coproc[ \t]+(?:([A-Za-z_]\w*)[ \t]+(?=[{(]))?/g;

/** How many reads of literals are written in one probe, and how many literals of each kind are followed (each a scan). */
const MAX_EDITS = 64;
const MAX_LITERALS = 8;

const first = (matches: IterableIterator<RegExpExecArray>): RegExpExecArray[] => {
  const found: RegExpExecArray[] = [];
  for (const match of matches) if (found.push(match) >= MAX_LITERALS) break;
  return found;
};
const quoted = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/** The value of the first of the LITERAL groups from `first` a match holds (its quotes left out) and its span. */
function literalOf(match: RegExpExecArray, first: number): { value: string; span: [number, number] } | undefined {
  const k = [first, first + 1, first + 2].find((group) => match[group] !== undefined);
  return k === undefined || !match[k] ? undefined : { value: match[k], span: match.indices![k] as [number, number] };
}

interface Edit {
  at: number;
  end: number;
  written: string;
  span: [number, number];
  value: string;
}

/** Whether a word ends at `k` (a blank, a separator, the text's end). */
const wordEnds = (text: string, k: number): boolean => k >= text.length || /[\s;&|)]/.test(text[k]);

/** A word as written bare, double-quoted or single-quoted. */
const spellings = (word: string): string[] => [word, `"${word}"`, `'${word}'`];

/**
 * The reads after `from` of a file (a path, or `/dev/fd/N`, as each of `files` spells it), or of a descriptor as standard
 * input (`<&N`, `0<&N`, as each of `fds` spells it), each written as reading `literal`: a redirection of standard input
 * as its here-string, a file's word as `/dev/stdin` fed it.
 */
function readsAfter(
  text: string,
  from: number,
  reads: { files: readonly string[]; fds: readonly string[] },
  literal: { value: string; span: [number, number] },
  edits: Edit[],
): void {
  for (const file of reads.files) fileReads(text, from, file, literal, edits);
  for (const fd of reads.fds) {
    const stdin = `<&${fd}`;
    for (let k = text.indexOf(stdin, from); k >= 0 && edits.length < MAX_EDITS; k = text.indexOf(stdin, k + 1)) {
      const at = text[k - 1] === '0' ? k - 1 : k;
      if (wordEnds(text, k + stdin.length) && !/\w/.test(text[at - 1] ?? ''))
        edits.push({ at, end: k + stdin.length, written: `<<<${quoted(literal.value)}`, ...literal });
    }
  }
}

/** readsAfter's reads of one spelling of a file. */
function fileReads(text: string, from: number, file: string, literal: { value: string; span: [number, number] }, edits: Edit[]): void {
  const here = `<<<${quoted(literal.value)}`;
  for (let k = text.indexOf(file, from); k >= 0 && edits.length < MAX_EDITS; k = text.indexOf(file, k + 1)) {
    const end = k + file.length;
    if (!wordEnds(text, end)) continue;
    let before = k;
    while (before > from && /[ \t]/.test(text[before - 1])) before--;
    // Written again (`> /tmp/p`, `>> /tmp/p`): what it holds from then on is not the literal.
    if (text[before - 1] === '>') break;
    // `< /tmp/p`, `0</tmp/p`: its standard input; a word of its own (`-f /tmp/p`, `--file=/tmp/p`): a file.
    const redirect = text[before - 1] === '<' && text[before - 2] !== '<' ? before - (text[before - 2] === '0' ? 2 : 1) : -1;
    if (redirect >= from && /^(?:|[\s;&|(])$/.test(text[redirect - 1] ?? '')) edits.push({ at: redirect, end, written: here, ...literal });
    else if (/[\s=]/.test(text[k - 1] ?? '')) edits.push({ at: k, end, written: `/dev/stdin ${here}`, ...literal });
  }
}

/** A probe of `text` with each read of a literal through a file or descriptor written as the literal, and where each was put. */
export function fedFilesProbe(
  text: string,
): { probe: string; placed: Array<{ at: [number, number]; span: [number, number]; value: string }> } | undefined {
  if (!/<\(|>|<<<|coproc/.test(text)) return undefined;
  const edits: Edit[] = [];
  for (const match of text.matchAll(SUBSTITUTION)) {
    const literal = literalOf(match, 1);
    if (literal)
      edits.push({ at: match.index, end: match.index + match[0].length, written: `/dev/stdin <<<${quoted(literal.value)}`, ...literal });
  }
  for (const match of first(text.matchAll(EXEC_FD))) {
    const literal = literalOf(match, 2) ?? literalOf(match, 5);
    // A named descriptor is read by its variable's value (`<&$fd`, `<&"${fd}"`, `/dev/fd/$fd`).
    const name = /^\{(.*)\}$/.exec(match[1])?.[1];
    const fds = name ? [`$${name}`, `\${${name}}`].flatMap((fd) => [fd, `"${fd}"`]) : [match[1]];
    const files = fds.flatMap((fd) => spellings(`/dev/fd/${fd.replace(/"/g, '')}`));
    if (literal) readsAfter(text, match.index + match[0].length, { files, fds }, literal, edits);
  }
  for (const match of first(text.matchAll(WRITTEN))) {
    const literal = literalOf(match, 1);
    if (literal) readsAfter(text, match.index + match[0].length, { files: spellings(match[5]), fds: [] }, literal, edits);
  }
  // Each coprocess started, by name (`coproc NAME { … }`; COPROC where unnamed), in order.
  const coprocs = text.includes('coproc') ? [...text.matchAll(COPROC)] : [];
  for (const match of coprocs.length ? first(text.matchAll(TO_COPROC)) : []) {
    const literal = literalOf(match, 1);
    // The last `coproc` of that name before the write: its keyword (and name) become the literal piped into its command.
    const coproc = [...coprocs].reverse().find((start) => start.index < match.index && (start[1] ?? 'COPROC') === match[4]);
    if (literal && coproc)
      edits.push({ at: coproc.index, end: coproc.index + coproc[0].length, written: `echo ${quoted(literal.value)} | `, ...literal });
  }
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => a.at - b.at);
  let probe = '';
  let done = 0;
  const placed: Array<{ at: [number, number]; span: [number, number]; value: string }> = [];
  for (const edit of edits) {
    if (edit.at < done) continue;
    probe += text.slice(done, edit.at);
    placed.push({ at: [probe.length, probe.length + edit.written.length], span: edit.span, value: edit.value });
    probe += edit.written;
    done = edit.end;
  }
  return { probe: probe + text.slice(done), placed };
}

type Found = { spans: Array<[number, number]>; option?: string };

/**
 * `read` made to find, besides what it finds in a text, what it finds in its probe (fedFilesProbe): the literals' spans
 * where the probe's findings lie in one put there.
 */
export const withFedFiles =
  (read: (text: string) => Found) =>
  (text: string): Found =>
    fedFound(text, read);

function fedFound(text: string, read: (text: string) => Found): Found {
  const found = read(text);
  const probe = fedFilesProbe(text);
  if (!probe) return found;
  const inProbe = read(probe.probe);
  const spans = probe.placed
    // A finding within the literal put there, or of its text where the text writes it (the line's `echo` before it).
    .filter(({ at: [from, to], value }) =>
      inProbe.spans.some(([start, end]) => (start >= from && end <= to) || (end > start && value.includes(probe.probe.slice(start, end)))),
    )
    .map(({ span }) => span);
  return spans.length ? { spans: [...found.spans, ...spans], option: found.option ?? inProbe.option } : found;
}
