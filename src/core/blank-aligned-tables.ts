import type { RstCell } from './rst-simple-tables';
import { looksGenerated } from './generated-runs';

/**
 * Attack round 52a-11: a table aligned by blanks with no rule under its header, as kubectl, helm, docker and `k3s token
 * list` print one (`NAME   TOKEN` / `app    …`: kubernetes/cli-runtime pkg/printers/tableprinter.go, columns padded by
 * tabwriter). The header is a line of upper-case column names (a name may hold single blanks: `CLUSTER-IP`, `CONTAINER
 * ID`) two blanks or more apart, at least two names; rows follow to a blank line. A row's cell lies under its column,
 * from the column's start to the next's (a blank just before each column's start: kubectl pads so); a row not aligned
 * so is read as words, where it has one per column (no cell then holds a blank). Each body cell is given with its
 * column's name; table-columns.ts judges those under a secret column (`TOKEN`, `PASSWORD`). A header in lower or mixed
 * case (`name   token`, `Name   Token`) is read more strictly, as prose and code have such lines: one word per name, each
 * row's cells start exactly at their columns, and only a cell that looks generated counts (generated-runs.ts). With no
 * rule under the header, a cell of letters only is none in either (a password of letters alone is missed here). Each line is read once: linear.
 */

/** A header: upper-case names (single blanks inside), two blanks or more between them, at least two. */
const HEADER = /^[A-Z][A-Z0-9_.()/-]*(?: [A-Z0-9_.()/-]+)*(?:[ \t]{2,}[A-Z][A-Z0-9_.()/-]*(?: [A-Z0-9_.()/-]+)*)+[ \t]*$/;
/** A header in any case: words of one part each, two blanks or more between them. */
const ANY_CASE_HEADER = /^[A-Za-z][\w.-]*(?:[ \t]{2,}[A-Za-z][\w.-]*)+[ \t]*$/;
/** A column's name in a header line (its offset is the column's start). */
const NAME = /[A-Z][A-Z0-9_.()/-]*(?: [A-Z0-9_.()/-]+)*/g;
const ANY_CASE_NAME = /[A-Za-z][\w.-]*/g;
const MAX_LINE = 4096;
const MAX_COLUMNS = 32;

/** The cells of `line` (at `at` in the text) under columns starting at `starts`, or undefined where it is not aligned. */
function alignedCells(line: string, at: number, starts: readonly number[], strict: boolean): RstCell[] | undefined {
  if (/^\s/.test(line) || starts.some((start, i) => i > 0 && start < line.length && !/[ \t]/.test(line[start - 1]))) return undefined;
  // Strictly: no cell starts past its column's start.
  if (
    strict &&
    starts.some((start, i) => i > 0 && start < line.length && /[ \t]/.test(line[start]) && /\S/.test(line.slice(start, starts[i + 1])))
  )
    return undefined;
  return starts.map((from, i) => {
    const to = Math.min(line.length, starts[i + 1] ?? line.length);
    let [s, e] = [Math.min(from, line.length), to];
    while (s < e && /[ \t]/.test(line[s])) s++;
    while (e > s && /[ \t]/.test(line[e - 1])) e--;
    return { column: '', text: line.slice(s, e), start: at + s, end: at + e };
  });
}

/** The words of `line` as cells, where it has one per column. */
function wordCells(line: string, at: number, columns: number): RstCell[] | undefined {
  const words = [...line.matchAll(/\S+/g)];
  if (words.length !== columns) return undefined;
  return words.map((word) => ({ column: '', text: word[0], start: at + word.index!, end: at + word.index! + word[0].length }));
}

/** The body cells of a text's blank-aligned tables under a column `secret` takes. */
export function blankAlignedCells(text: string, secret: (header: string) => boolean): RstCell[] {
  const cells: RstCell[] = [];
  if (!/[A-Za-z0-9.-] {2}/.test(text)) return cells;
  let columns: Array<{ name: string; start: number }> | undefined;
  let strict = false;
  let secretColumns: number[] = [];
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, '');
    const upper = line.length <= MAX_LINE && HEADER.test(line);
    const header = upper
      ? [...line.matchAll(NAME)]
      : !columns && line.length <= MAX_LINE && ANY_CASE_HEADER.test(line) // inside a table, such a line is a row
        ? [...line.matchAll(ANY_CASE_NAME)]
        : undefined;
    if (header && header.length <= MAX_COLUMNS) {
      strict = !upper;
      columns = header.map((name) => ({ name: name[0], start: name.index! }));
      secretColumns = columns.flatMap(({ name }, i) => (secret(name) ? [i] : []));
    } else if (columns && line.trim() !== '' && line.length <= MAX_LINE) {
      const starts = columns.map(({ start: s }) => s);
      const row = alignedCells(line, start, starts, strict) ?? (strict ? undefined : wordCells(line, start, columns.length));
      if (!row) columns = undefined;
      else
        for (const i of secretColumns) {
          // With no rule to say it is a table, a word of letters is none (`TOKEN   BUCKET` / `rate    10`); in a table of any
          // case, only a generated-looking cell counts (`token   bucket` / `rate    10` is prose's alignment).
          const cell = row[i].text;
          if (/[^A-Za-z]/.test(cell) && (!strict || looksGenerated(cell))) cells.push({ ...row[i], column: columns[i].name });
        }
    } else columns = undefined;
    start = end + 1;
  }
  return cells;
}
