import { indirectLiterals } from './indirect-names';
import { probeOf, singleQuoted, textSpans, type Probe, type ProbeEdit } from './probe-spans';
import { readAssignments } from './read-builtin';
import { substitutionLiterals } from './substitution-literals';

/**
 * A password that reaches a reader of standard input through a variable set from a literal earlier in the same text
 * (attack round 42a-3): `P='pw'; echo "$P" | restic init`, `export P=pw`, `printf -v P '%s' pw`, `read -r P <<< pw`,
 * `read -r P <<'E'` with the here-doc's line; or the script's own standard input made a literal (`exec 0< <(echo pw)`,
 * `exec <<< pw`) that a later reader takes. The variable holds what its assignment wrote: read so, the fed text is
 * that literal, as written where it is assigned. A variable set from a file, a command or a store (`P=$(cat f)`,
 * `read -r P < /run/pw`, `P="$X"`) holds no literal of the text: a later assignment of that kind ends the literal's.
 *
 * secrets-commands.ts reads the text once more with each such reference written as its literal (a probe); where the
 * probe's finding lies in a literal put there, the finding is the assignment's literal, where it stands in the text.
 */

/** A literal word: single-quoted, double-quoted with nothing expanded in it, or bare. */
export const LITERAL = String.raw`'([^'\n]*)'|"([^"\n$\x60\\]*)"|([^\s'"$\x60;&|()<>\\]+)`;
/** What precedes a command's assignment: a line's start, a separator, a blank; `export`, `declare -x`, `local`… */
const BEFORE = String.raw`(?<![^\s;&|(])(?:(?:export|local|readonly|declare|typeset)[ \t]+(?:-\w+[ \t]+)*)?`;
/** `NAME=literal` (ended by a blank, a separator or the line's end), or `NAME=` with anything else (`$(…)`, `"$X"`). */
const ASSIGNMENT = new RegExp(String.raw`${BEFORE}([A-Za-z_]\w{0,127})=(?:(?:${LITERAL})(?=[\s;&|)]|$)|(?=\S))`, 'dg');
/**
 * `printf -v NAME '%s' literal` or `printf -v NAME literal` (a format without a conversion is printed as it is), its last
 * word; the name may be quoted (`printf -v 'PASSWORD' …`: the shell strips the quotes, attack round 47a-13).
 */
const PRINTF_V = new RegExp(
  String.raw`(?<![\w-])printf[ \t]+-v[ \t]*(?:'(?=[A-Za-z_]\w{0,127}(?:\[\d{1,9}\])?')|"(?=[A-Za-z_]\w{0,127}(?:\[\d{1,9}\])?"))?([A-Za-z_]\w{0,127}(?:\[\d{1,9}\])?)['"]?[ \t]+(?:--[ \t]+)?(?:(?:'%s(?:\\n)?'|"%s(?:\\n)?"|%s)[ \t]+)?(?:${LITERAL})(?=[ \t]*(?:[\n;&|)]|$))`,
  'dg',
);
/** `exec 0< <(echo literal)`, `exec < <(printf '%s' literal)`, `exec <<< literal`: the script's standard input from then on. */
const EXEC = new RegExp(
  String.raw`(?<![\w-])exec[ \t]+0?(?:<[ \t]*<\([ \t]*(?:echo(?:[ \t]+-[neE]+)?|printf(?:[ \t]+(?:'%s(?:\\n)?'|"%s(?:\\n)?"))?)[ \t]+(?:${LITERAL})[ \t]*\)|<<<[ \t]*(?:${LITERAL}))`,
  'dg',
);

/** How many references (and lines after an `exec`) are written as their literal in one probe, and how much of each. */
const MAX_SUBSTITUTIONS = 256;
const MAX_VALUE = 4096;

export interface Literal {
  name: string;
  /** Set by `NAME=literal` (secrets-text.ts's assignedSecret reads those as written). */
  plain?: boolean;
  value?: string;
  /** The literal's span in the text (undefined: the variable was set from something else). */
  span?: [number, number];
  /** Each character's place in the text, where the value is not the span's text as it stands (-1: none). */
  map?: number[];
  /** Where the assignment ends: references after it read the value. */
  after: number;
}

/** The value of the first of `groups` a match holds (a LITERAL's, the quotes left out) and its span. */
function literalOf(match: RegExpExecArray, groups: readonly number[]): { value: string; span: [number, number] } | undefined {
  const k = groups.find((group) => match[group] !== undefined);
  // A here-doc's line without its indent and line end (a literal word has no blank around it).
  const value = k === undefined ? undefined : match[k].trim();
  const start = k === undefined ? 0 : match.indices![k][0] + match[k].indexOf(value!);
  return value ? { value, span: [start, start + value.length] } : undefined;
}

/**
 * The assignments of `text`, in order (a command substitution's literal too: substitution-literals.ts); the last few
 * texts' kept (secret-variables.ts reads a text, and its probes, before literalProbe reads it).
 */
export function assignments(text: string): readonly Literal[] {
  let found = recent.get(text);
  if (!found) {
    if (recent.size >= RECENT) recent.delete(recent.keys().next().value!);
    recent.set(text, (found = assignmentsIn(text)));
  }
  return found;
}
const RECENT = 4;
const recent = new Map<string, readonly Literal[]>();

function assignmentsIn(text: string): Literal[] {
  const found: Literal[] = [];
  const after = (match: RegExpExecArray): number => match.index + match[0].length;
  for (const match of text.matchAll(ASSIGNMENT))
    found.push({ name: match[1], ...literalOf(match, [2, 3, 4]), after: after(match), plain: true });
  found.push(...substitutionLiterals(text));
  for (const match of text.matchAll(PRINTF_V)) found.push({ name: match[1], ...literalOf(match, [2, 3, 4]), after: after(match) });
  // `n=DB_PASSWORD; declare "$n=…"`, `printf -v "$n" …` (48a-8).
  for (const { name, value, span, after: end } of indirectLiterals(text)) found.push({ name, value, span, after: end });
  for (const { name, value, map, after } of readAssignments(text)) {
    const placed = map?.filter((at) => at >= 0) ?? [];
    const span: [number, number] | undefined = placed.length ? [Math.min(...placed), Math.max(...placed) + 1] : undefined;
    found.push(value && span ? { name, value, span, map, after } : { name, after });
  }
  return found.sort((a, b) => a.after - b.after);
}

/** A literal written where a shell reads it as that text: in double quotes escaped, elsewhere single-quoted; each character's place. */
function quoted(value: string, start: number | readonly number[], inDouble: boolean): { written: string; map: number[] } {
  // Where the text holds the value as it is from `start` (a literal's, a here-doc line's): its characters' places.
  const places = typeof start !== 'number' ? start : start < 0 ? [] : Array.from({ length: value.length }, (_, k) => start + k);
  if (!inDouble) return singleQuoted(value, places);
  let written = '';
  const map: number[] = [];
  for (let k = 0; k < value.length; k++) {
    if (/[\\"$`]/.test(value[k])) [written, map[map.length]] = [`${written}\\`, -1];
    written += value[k];
    map.push(places[k] ?? -1);
  }
  return { written, map };
}

/** A probe of `text` (each reference to a literal's variable written as the literal) and where each literal was put. */
export function literalProbe(text: string): Probe | undefined {
  if (!text.includes('=') && !/(?<![\w-])(?:read|exec|printf|mapfile|readarray)(?![\w-])/.test(text)) return undefined;
  const literals = assignments(text);
  const execs = [...text.matchAll(EXEC)];
  if (!literals.some(({ value }) => value !== undefined) && execs.length === 0) return undefined;
  const edits: Array<{ at: number; end: number; value: string; span: [number, number]; map?: number[]; line?: boolean }> = [];
  // References: `$NAME` and `${NAME}`, each read from the last assignment of its name before it (in order: one pass).
  const byName = new Map<string, Literal[]>();
  for (const literal of literals) (byName.get(literal.name) ?? byName.set(literal.name, []).get(literal.name)!).push(literal);
  const read = new Map<string, number>();
  const named = [...byName.values()].some((list) => list.some(({ value }) => value !== undefined));
  // `${NAME[N]}` too: an element of an array `read -a`, `mapfile` set (`$NAME` is its element 0).
  for (const match of named ? text.matchAll(/\$(?:\{([A-Za-z_]\w{0,127})(?:\[(\d{1,4})\])?\}|([A-Za-z_]\w{0,127}))/g) : []) {
    if (edits.length >= MAX_SUBSTITUTIONS) break;
    const name = match[2] === undefined ? (match[1] ?? match[3]) : `${match[1]}[${Number(match[2])}]`;
    const list = byName.get(name);
    if (!list) continue;
    let k = read.get(name) ?? -1;
    while (k + 1 < list.length && list[k + 1].after <= match.index) k++;
    read.set(name, k);
    const set = list[k];
    if (set?.value !== undefined)
      edits.push({ at: match.index, end: match.index + match[0].length, value: set.value, span: set.span!, map: set.map });
  }
  // After `exec` gives the script a literal input: each later line fed it, as `echo 'literal' | line`.
  for (const match of execs) {
    const literal = literalOf(match, [1, 2, 3, 4, 5, 6]);
    if (!literal) continue;
    const lines = /\n[ \t]*(?=\S)/g;
    lines.lastIndex = match.index + match[0].length;
    for (let line = lines.exec(text); line && edits.length < MAX_SUBSTITUTIONS; line = lines.exec(text)) {
      const at = line.index + line[0].length;
      edits.push({ at, end: at, value: literal.value, span: literal.span, line: true });
    }
  }
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => a.at - b.at);
  let done = 0;
  let inDouble = false;
  let inSingle = false;
  const written: ProbeEdit[] = [];
  for (const edit of edits) {
    if (edit.at < done) continue;
    // The quoting where the reference stands (a line's start resets it: a here-doc's or a YAML text's lines).
    for (let k = done; k < edit.at; k++) {
      const c = text[k];
      if (c === '\n') inDouble = inSingle = false;
      else if (c === '\\' && !inSingle) k++;
      else if (c === '"' && !inSingle) inDouble = !inDouble;
      else if (c === "'" && !inDouble) inSingle = !inSingle;
    }
    done = edit.end;
    // A reference in single quotes is no reference: left as it stands.
    if (inSingle && !edit.line) continue;
    // A literal's first MAX_VALUE characters (a longer one is no password: the probe's size is its read's time).
    const value = edit.value.slice(0, MAX_VALUE);
    const verbatim = edit.span[1] - edit.span[0] === edit.value.length;
    const literal = quoted(value, edit.map ?? (verbatim ? edit.span[0] : -1), inDouble && !edit.line);
    const [line, map] = edit.line
      ? [`echo ${literal.written} | `, [-1, -1, -1, -1, -1, ...literal.map, -1, -1, -1]]
      : [literal.written, literal.map];
    written.push({ at: edit.at, end: edit.end, written: line, map, source: { span: edit.span, value: edit.value } });
  }
  return probeOf(text, written);
}

type Found = { spans: Array<[number, number]>; option?: string };

/**
 * What `read` finds in `text`, and in its probe (literalProbe): each finding where it lies in the text (probe-spans.ts):
 * in a literal put there, the assignment's literal; elsewhere, the text the probe copied (44a-3: a path set in a
 * variable makes a reader of a file written from a literal). `put`: what the probe finds in the literals put there, as
 * spans of the text (secret-variables.ts: `DB_PASSWORD="$X"` after `X='…'`).
 */
export function withLiterals(text: string, read: (text: string) => Found, put?: (probe: Probe) => Found): Found {
  const found = read(text);
  const probe = literalProbe(text);
  if (!probe) return found;
  const inProbe = read(probe.probe);
  const held = put?.(probe) ?? { spans: [] };
  const spans = [...textSpans(probe, inProbe.spans), ...held.spans];
  return spans.length ? { spans: [...found.spans, ...spans], option: found.option ?? inProbe.option ?? held.option } : found;
}
