import { namesSecretValue } from './secrets-keys';
import { setsSecret } from './secrets-text';

/**
 * Attack round 47a-6: a table pasted as text whose header names a secret column, CSV (RFC 4180, `,` or `;`), TSV or a
 * Markdown table (`| user | password |` and its `|---|` rule): a header row of names, then data rows of as many
 * cells; each cell under a column named like a secret (`password`, `token`, `api_key`) is one, unless it is a
 * reference, a placeholder or empty (setsSecret, as for `name=value`). A row of another width or a blank line ends the
 * table. Prose ("user, password and token are required") is no header: each cell of one is a short name.
 */

/** What a cell under a secret column is called in findings (`FoundSecret.what`). */
export const TABLE_COLUMN_SECRET = 'a cell under a column named like a secret (a CSV, TSV or Markdown table)';

/** A header's cell: a name of at most four words (`password`, `API Key`, `db.password`). */
const HEADER_CELL = /^[A-Za-z_][\w.-]{0,63}(?: [A-Za-z_][\w.-]{0,63}){0,3}$/;
/** A Markdown table's rule row (`|---|:--:|`). */
const RULE_ROW = /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*\r?$/;
/** A header longer than this is no table's header (a long line is not split for one). */
const MAX_HEADER = 4096;
const MAX_CELLS = 64;
/**
 * How many cells a text's tables are judged by setsSecret for (about 10 µs each); beyond it a cell is a secret unless
 * empty or a reference's start (`$`, `<`, `{`, `%`): a table of so many secrets pasted in a text is refused anyway.
 */
const MAX_JUDGED = 20_000;
const isBlank = (code: number): boolean => code === 32 || code === 9;

type Cell = { text: string; start: number; end: number };

/**
 * A line's cells split at `delimiter` outside double quotes (RFC 4180's `""` inside them), each trimmed of blanks
 * and of its quotes, with its span in the text; Markdown's outer `|` are no cells' bounds.
 */
function cellsOf(text: string, start: number, end: number, delimiter: string): Cell[] {
  let [from, to] = [start, end];
  if (text[to - 1] === '\r') to--;
  if (delimiter === '|') {
    while (from < to && isBlank(text.charCodeAt(from))) from++;
    while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
    if (text[from] === '|') from++;
    if (to > from && text[to - 1] === '|') to--;
  }
  const cells: Cell[] = [];
  let cellStart = from;
  let quoted = false;
  const split = delimiter.charCodeAt(0);
  for (let i = from; i <= to; i++) {
    const code = i < to ? text.charCodeAt(i) : -1;
    if (code === 34) quoted = !quoted;
    else if (i === to || (!quoted && code === split)) {
      let [s, e] = [cellStart, i];
      while (s < e && isBlank(text.charCodeAt(s))) s++;
      while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
      if (e - s >= 2 && text[s] === '"' && text[e - 1] === '"') [s, e] = [s + 1, e - 1];
      const cell = text.slice(s, e);
      cells.push({ text: cell.includes('"') ? cell.replace(/""/g, '"') : cell, start: s, end: e });
      cellStart = i + 1;
    }
  }
  return cells;
}

/** The delimiter of a header line and its cells, or undefined where the line is no header with a secret column. */
function headerOf(text: string, start: number, end: number): { delimiter: string; cells: Cell[]; secret: number[] } | undefined {
  if (end - start > MAX_HEADER) return undefined;
  const line = text.slice(start, end);
  for (const delimiter of ['\t', ',', ';', '|']) {
    if (!line.includes(delimiter)) continue;
    const cells = cellsOf(text, start, end, delimiter);
    if (cells.length < 2 || cells.length > MAX_CELLS || !cells.every(({ text: name }) => HEADER_CELL.test(name))) continue;
    const secret = cells.flatMap(({ text: name }, i) => (namesSecretValue(name) ? [i] : []));
    if (secret.length > 0) return { delimiter, cells, secret };
  }
  return undefined;
}

/** Where a text holds a table's cell under a column named like a secret: the cell's span. */
export function tableColumnSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!/pass|pw|token|secret|key|cred|auth|psk/i.test(text) || !/[\t,;|]/.test(text)) return spans;
  const lineEnd = (at: number): number => {
    const end = text.indexOf('\n', at);
    return end < 0 ? text.length : end;
  };
  // Each column's verdict on each cell text, once; judged cells counted against MAX_JUDGED.
  const verdicts = new Map<string, boolean>();
  const isSecretCell = (column: string, cell: string): boolean => {
    const key = `${column}\n${cell}`;
    let verdict = verdicts.get(key);
    if (verdict === undefined) {
      verdict = verdicts.size < MAX_JUDGED ? setsSecret(column, cell) : !/^[$<{%]/.test(cell);
      verdicts.set(key, verdict);
    }
    return verdict;
  };
  let start = 0;
  while (start < text.length) {
    let end = lineEnd(start);
    const header = headerOf(text, start, end);
    start = end + 1;
    if (!header) continue;
    // Rows follow, of the header's width; Markdown's rule row after the header is none.
    for (let row = 0; start < text.length; row++, start = end + 1) {
      end = lineEnd(start);
      if (row === 0 && header.delimiter === '|' && RULE_ROW.test(text.slice(start, end))) continue;
      if (!/\S/.test(text.slice(start, end))) break;
      const cells = cellsOf(text, start, end, header.delimiter);
      if (cells.length !== header.cells.length) break;
      for (const i of header.secret) {
        const cell = cells[i];
        if (cell.text !== '' && isSecretCell(header.cells[i].text, cell.text)) spans.push([cell.start, cell.end]);
      }
    }
  }
  return spans;
}
