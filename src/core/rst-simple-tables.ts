/**
 * Attack round 48a-5: a reStructuredText simple table (docutils.sourceforge.io/docs/ref/rst/restructuredtext.html
 * "Simple Tables"): a border of `=` runs, one per column, separated by blanks; header rows; a second border; body rows
 * to a third border. A column's text lies under its run (the last column's runs to the line's end). Each body cell is
 * given with its header's text (a header of several rows joined by a blank); table-columns.ts judges those under a
 * secret column. A table with no second border (no header) gives nothing; a body ends at a border, or two blank lines
 * where no border closes it.
 */

/** A simple table's border: runs of `=`, at least two, blanks between. */
const BORDER = /^([ \t]*)=+(?:[ \t]+=+)+[ \t]*\r?$/;
const isBlank = (code: number): boolean => code === 32 || code === 9;
/** How many header rows a table may have before its second border. */
const MAX_HEADER_ROWS = 8;

/** A body cell of a simple table: its column's header text, its own text, and its span in the text. */
export interface RstCell {
  column: string;
  text: string;
  start: number;
  end: number;
}

/** The columns of a border line: each run's offset in the line and where the next run starts (or none). */
function columnsOf(line: string, run = /=+/g): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const match of line.matchAll(run)) runs.push([match.index!, match.index! + match[0].length]);
  return runs.map(([from], i) => [from, i + 1 < runs.length ? runs[i + 1][0] : Infinity]);
}

/** The cells of a row (the line at `start` to `end`) under `columns`, trimmed, with their spans. */
function cellsOf(text: string, start: number, end: number, columns: Array<[number, number]>): Array<[string, number, number]> {
  const stop = text[end - 1] === '\r' ? end - 1 : end;
  return columns.map(([from, to]) => {
    let [s, e] = [Math.min(start + from, stop), Math.min(start + to, stop)];
    while (s < e && isBlank(text.charCodeAt(s))) s++;
    while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
    return [text.slice(s, e), s, e];
  });
}

/** Where the line holding offset `at` of `text` ends (its line break, or the text's end). */
function lineEndIn(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end < 0 ? text.length : end;
}

/** Every body cell under a column `secret` takes (by its header's text) of every simple table in `text`. */
export function rstSimpleTableCells(text: string, secret: (header: string) => boolean): RstCell[] {
  const cells: RstCell[] = [];
  if (!text.includes('= ') && !text.includes('=\t')) return cells;
  const lineEnd = (at: number): number => lineEndIn(text, at);
  let start = 0;
  while (start < text.length) {
    const end = lineEnd(start);
    const border = text.slice(start, end);
    start = end + 1;
    if (!BORDER.test(border)) continue;
    // Header rows to the second border; a row is indented as the border is (no text left of its first column).
    const indent = BORDER.exec(border)![1].length;
    const inside = (line: string): boolean => !/\S/.test(line.slice(0, indent));
    const rows: Array<[number, number]> = [];
    let second = false;
    let at = start;
    for (let row = 0; row <= MAX_HEADER_ROWS && at < text.length; row++) {
      const [rowStart, rowEnd] = [at, lineEnd(at)];
      const line = text.slice(rowStart, rowEnd);
      at = rowEnd + 1;
      if (BORDER.test(line)) {
        second = row > 0;
        break;
      }
      if (!/\S/.test(line) || !inside(line)) break;
      rows.push([rowStart, rowEnd]);
    }
    if (!second) continue;
    const columns = columnsOf(border);
    const headers: string[] = columns.map(() => '');
    for (const [rowStart, rowEnd] of rows) {
      cellsOf(text, rowStart, rowEnd, columns).forEach(([cell], i) => (headers[i] = `${headers[i]} ${cell}`.trim()));
    }
    const secrets = columns.flatMap((_, i) => (headers[i] !== '' && secret(headers[i]) ? [i] : []));
    const under = secrets.map((i) => columns[i]);
    // Body rows to the closing border, which no table then starts (or to two blank lines: docutils takes one inside a
    // table, or to a line left of the table's indent). The whole table is read, a secret column or none.
    start = at;
    for (let blanks = 0; start < text.length && blanks < 2;) {
      const rowEnd = lineEnd(start);
      const line = text.slice(start, rowEnd);
      if (BORDER.test(line)) {
        start = rowEnd + 1;
        break;
      }
      if (!inside(line)) break;
      blanks = /\S/.test(line) ? 0 : blanks + 1;
      if (under.length > 0) {
        for (const [k, [cell, s, e]] of cellsOf(text, start, rowEnd, under).entries()) {
          if (cell !== '') cells.push({ column: headers[secrets[k]], text: cell, start: s, end: e });
        }
      }
      start = rowEnd + 1;
    }
  }
  return cells;
}

/**
 * Attack round 50a-9: a whitespace-aligned table with a rule of dashes under its header, one run per column, blanks between
 * (`column -t` with a rule added, PowerShell's Format-Table, SQL*Plus and sqlcmd output, plain-text docs):
 * `user  password` / `----  --------` / `bob   x`. Columns lie under the rule's runs (the last to the line's end); the
 * header is the line above the rule, each of its cells a name (`secret` judges it); body rows run to a blank line, another
 * rule, or a line left of the rule's indent. A rule of one run (Markdown's setext heading) or of single dashes (`- - -`)
 * is none. Each line is read once.
 */
const DASH_RULE = /^([ \t]*)-{2,}(?:[ \t]+-{2,})+[ \t]*\r?$/;
/** The longest rule or header read. */
const MAX_RULE = 4096;

/** Blanks to a line's end; blanks then a dash (a line that may be a rule): read where a line starts, no copy made. */
const BLANK_LINE = /[ \t]*\r?(?:\n|$)/y;
const RULE_START = /[ \t]*-/y;
const matchesAt = (pattern: RegExp, text: string, at: number): boolean => {
  pattern.lastIndex = at;
  return pattern.test(text);
};

/** Every body cell under a column `secret` takes of every dash-ruled table in `text`. */
export function dashRuledTableCells(text: string, secret: (header: string) => boolean): RstCell[] {
  const cells: RstCell[] = [];
  if (!text.includes('-- ') && !text.includes('--\t')) return cells;
  const lineEnd = (at: number): number => lineEndIn(text, at);
  const isRule = (start: number, end: number): RegExpExecArray | null =>
    end - start <= MAX_RULE && matchesAt(RULE_START, text, start) ? DASH_RULE.exec(text.slice(start, end)) : null;
  /** Whether the line at `start` has text left of `indent`. */
  const leftOf = (start: number, end: number, indent: number): boolean => {
    for (let at = start; at < Math.min(end, start + indent); at++) if (!isBlank(text.charCodeAt(at))) return true;
    return false;
  };
  let previous = -1; // the start of the line before the one read (the header, where that line is a rule)
  let start = 0;
  while (start < text.length) {
    const end = lineEnd(start);
    const rule = isRule(start, end);
    const header = previous;
    previous = start;
    start = end + 1;
    if (!rule || header < 0 || start - 1 - header > 2 * MAX_RULE) continue;
    const indent = rule[1].length;
    const headerEnd = lineEnd(header);
    if (matchesAt(BLANK_LINE, text, header) || leftOf(header, headerEnd, indent) || isRule(header, headerEnd)) continue;
    const columns = columnsOf(rule[0], /-+/g);
    const headers = cellsOf(text, header, headerEnd, columns).map(([cell]) => cell);
    if (headers.some((name) => name === '')) continue;
    const secrets = columns.flatMap((_, i) => (secret(headers[i]) ? [i] : []));
    if (secrets.length === 0) continue;
    const under = secrets.map((i) => columns[i]);
    while (start < text.length) {
      const rowEnd = lineEnd(start);
      if (matchesAt(BLANK_LINE, text, start) || leftOf(start, rowEnd, indent) || isRule(start, rowEnd)) break;
      for (const [k, [cell, s, e]] of cellsOf(text, start, rowEnd, under).entries()) {
        if (cell !== '') cells.push({ column: headers[secrets[k]], text: cell, start: s, end: e });
      }
      previous = start;
      start = rowEnd + 1;
    }
  }
  return cells;
}
