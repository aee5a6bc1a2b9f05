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
 * Round 51a-7: any rule of runs of one repeated rule character (`----`, `====`, `~~~~`, `____`, box drawing's `────`,
 * `━━━━`, `════`, dashes `——`), the runs parted by blanks or joined by joints (`+----+------+`, `|----|------|`,
 * `├────┼────┤`): with joints a column runs from its joint to the next (a cell's joints left out). The header's words line up with the
 * runs: no word runs across a column's start.
 */
/** The characters a rule's runs are made of (box drawing's light and heavy, dashed and double horizontals). */
const RULE_CHARS = '-=~_\u2012\u2013\u2014\u2015\u2500\u2501\u2504\u2505\u2508\u2509\u2550';
/** A run: two or more of one rule character. */
const RUN = `(?:${[...RULE_CHARS].map((c) => (c === '-' ? '\\-' : c) + '{2,}').join('|')})`;
/** A joint between runs: `+`, `|`, box drawing's verticals, crosses and tees. */
const JOINT = '[+|\u2502\u2503\u2551\u251c-\u254b\u255e-\u256c]';
const JOINT_CHAR = new RegExp(JOINT);
/** A rule: runs parted by blanks, or runs joined by joints (maybe one at either end). */
const RULE = new RegExp(`^([ \\t]*)(?:${RUN}(?:[ \\t]+${RUN})+|${JOINT}?${RUN}(?:${JOINT}${RUN})+${JOINT}?)[ \\t]*\\r?$`);
/** A run, or a joint, of a rule. */
const RULE_PART = new RegExp(`${RUN}|${JOINT}`, 'g');
/** Text that may hold a rule: two rule characters, then a blank or a joint. */
const RULE_CLUE = new RegExp(`(?:--|==|~~|__|[\\u2012-\\u2015\\u2500-\\u2550]{2})(?:[ \\t]|${JOINT})`);
/** The longest rule or header read. */
const MAX_RULE = 4096;

/** Blanks to a line's end; blanks then a rule character or joint (a line that may be a rule): read where a line starts, no copy made. */
const BLANK_LINE = /[ \t]*\r?(?:\n|$)/y;
const RULE_START = new RegExp(`[ \\t]*(?:[-=~_\\u2012-\\u2015\\u2500-\\u2550]|${JOINT})`, 'y');
const matchesAt = (pattern: RegExp, text: string, at: number): boolean => {
  pattern.lastIndex = at;
  return pattern.test(text);
};

/**
 * The columns of a rule: each one's start and where the next starts (or none). Runs parted by blanks start their columns;
 * with joints, a column starts at its joint (or at its run, the first with none before it) and ends at the next joint.
 */
function ruleColumns(rule: string): Array<[number, number]> {
  const parts = [...rule.matchAll(RULE_PART)].map((match) => ({
    at: match.index!,
    end: match.index! + match[0].length,
    joint: JOINT_CHAR.test(match[0]),
  }));
  const columns: Array<[number, number]> = [];
  parts.forEach((part, i) => {
    if (part.joint) return;
    const before = parts[i - 1];
    const after = parts[i + 1];
    const from = before?.joint ? before.at : part.at;
    const to = after?.joint ? after.at : undefined;
    columns.push([from, to ?? Infinity]);
  });
  // Runs parted by blanks: each column runs to the next's start.
  return columns.map(([from, to], i) => [from, to === Infinity && i + 1 < columns.length ? columns[i + 1][0] : to]);
}

/** Every body cell under a column `secret` takes of every ruled table in `text`. */
export function dashRuledTableCells(text: string, secret: (header: string) => boolean): RstCell[] {
  const cells: RstCell[] = [];
  if (!RULE_CLUE.test(text)) return cells;
  const lineEnd = (at: number): number => lineEndIn(text, at);
  const isRule = (start: number, end: number): RegExpExecArray | null =>
    end - start <= MAX_RULE && matchesAt(RULE_START, text, start) ? RULE.exec(text.slice(start, end)) : null;
  /** Whether the line at `start` has text left of `indent`. */
  const leftOf = (start: number, end: number, indent: number): boolean => {
    for (let at = start; at < Math.min(end, start + indent); at++) if (!isBlank(text.charCodeAt(at))) return true;
    return false;
  };
  /** A row's cells, a joint at either end of each left out (`| bob |`). */
  const rowCells = (start: number, end: number, columns: Array<[number, number]>): Array<[string, number, number]> =>
    cellsOf(text, start, end, columns).map(([cell, s, e]) => {
      if (!JOINT_CHAR.test(text[s]) && !JOINT_CHAR.test(text[e - 1])) return [cell, s, e];
      while (s < e && (JOINT_CHAR.test(text[s]) || isBlank(text.charCodeAt(s)))) s++;
      while (e > s && (JOINT_CHAR.test(text[e - 1]) || isBlank(text.charCodeAt(e - 1)))) e--;
      return [text.slice(s, e), s, e];
    });
  const ruleColumnsOf = new Map<string, Array<[number, number]>>(); // a text's rules, each read once
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
    // A Markdown or Org table (`| user | password |` over `|---|---|`) is table-columns.ts's, which splits its cells at `|`.
    if (/^[ \t]*\|/.test(text.slice(header, Math.min(headerEnd, header + MAX_RULE))) && /^[ \t]*\|/.test(rule[0])) continue;
    let columns = ruleColumnsOf.get(rule[0]);
    if (!columns) ruleColumnsOf.set(rule[0], (columns = ruleColumns(rule[0])));
    const headers = rowCells(header, headerEnd, columns).map(([cell]) => cell);
    if (headers.some((name) => name === '')) continue;
    // The header's words line up with the runs: none runs on across a column's start (prose over a rule is no header).
    const across = columns.some(
      ([from], i) =>
        i > 0 &&
        header + from < headerEnd &&
        /\S/.test(text[header + from - 1]) &&
        /\S/.test(text[header + from]) &&
        !JOINT_CHAR.test(text[header + from - 1]),
    );
    if (across) continue;
    const secrets = columns.flatMap((_, i) => (secret(headers[i]) ? [i] : []));
    if (secrets.length === 0) continue;
    const under = secrets.map((i) => columns[i]);
    while (start < text.length) {
      const rowEnd = lineEnd(start);
      if (matchesAt(BLANK_LINE, text, start) || leftOf(start, rowEnd, indent) || isRule(start, rowEnd)) break;
      for (const [k, [cell, s, e]] of rowCells(start, rowEnd, under).entries()) {
        if (cell !== '') cells.push({ column: headers[secrets[k]], text: cell, start: s, end: e });
      }
      previous = start;
      start = rowEnd + 1;
    }
  }
  return cells;
}
