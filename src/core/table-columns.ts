import { dashRuledTableCells, rstSimpleTableCells } from './rst-simple-tables';
import { markupTableCells } from './markup-tables';
import { saysOpenNetwork } from './open-network-words';
import { columnKey, headerName, holdsNoSecretUnder, namesSecretColumn, namesValueColumn } from './table-column-names';
import { setsSecret } from './secrets-text';

/**
 * Attack round 47a-6: a table pasted as text whose header names a secret column, CSV (RFC 4180, `,` or `;`), TSV or a
 * Markdown table (`| user | password |` and its `|---|` rule): a header row of names, then data rows of as many
 * cells; each cell under a column named like a secret (`password`, `token`, `api_key`) is one, unless it is a
 * reference, a placeholder or empty (setsSecret, as for `name=value`). A row of another width or a blank line ends the
 * table. Round 48a-5: a CSV cell quoted over line breaks, a quoted header cell holding the delimiter, Markdown's `\|`
 * inside a cell, reStructuredText grid tables (their `+---+` borders skipped) and simple tables (rst-simple-tables.ts). Prose ("user, password and token are required") is no header: each cell of one is a short name.
 * Round 49a-9/10/11: a CSV header cell quoted over lines, Markdown header names in code or emphasis, Org-mode rules
 * (`|---+---|`), key/value tables (`| Key | Value |`: a row whose first cell names a secret holds one in the value
 * column), HTML and rst list/CSV tables (markup-tables.ts); a column named for a date, count or flag about a secret,
 * and a cell that is a date or a yes/no word, hold none (table-column-names.ts).
 * Round 52a-11: MediaWiki, Confluence/Jira, DokuWiki, Creole, AsciiDoc and LaTeX tables and psql expanded records (wiki-tables.ts), blank-aligned tables with no rule
 * (kubectl's: blank-aligned-tables.ts), an HTML row of a header cell then data cells (markup-tables.ts).
 */

/** What a cell under a secret column is called in findings (`FoundSecret.what`). */
export const TABLE_COLUMN_SECRET =
  'a cell under a column named like a secret (a CSV, TSV, Markdown, Org-mode, HTML, reStructuredText, wiki (MediaWiki, ' +
  'Confluence/Jira, DokuWiki, Creole), AsciiDoc, LaTeX or blank-aligned table, or a psql record)';

/** A header's cell: a name of at most four words (`password`, `API Key`, `db.password`). */
// 68a-4: in any script (`| المستخدم | كلمة المرور |`).
const HEADER_CELL = /^[\p{L}_][\p{L}\p{M}\w.-]{0,63}(?: [\p{L}_][\p{L}\p{M}\w.-]{0,63}){0,3}$/u;
/** A CSV header's quoted cell may hold blanks and punctuation (`"last, first"`, 48a-5). */
const QUOTED_HEADER_CELL = /^[A-Za-z_][\w .,;:()/&'\r\n-]{0,63}$/;
/** A header's cell, its Markdown code or emphasis marks dropped (`\`password\``, `**Password**`: 49a-9). */
const isHeaderCell = ({ text, quoted }: Cell): boolean => HEADER_CELL.test(headerName(text)) || (quoted && QUOTED_HEADER_CELL.test(text));
/** A Markdown table's rule row (`|---|:--:|`), or an Org-mode table's (`|-----+-----|`, 49a-9). */
const RULE_ROW = /^[ \t]*[|+]?[ \t]*:?-{3,}:?[ \t]*(?:[|+][ \t]*:?-{3,}:?[ \t]*)*[|+]?[ \t]*\r?$/;
/** A reStructuredText grid table's border row (`+------+======+`). */
const GRID_BORDER = /^[ \t]*\+(?:[-=:]+\+)+[ \t]*\r?$/;
/** 68a-5: a Wi-Fi network's column, and its key's beside it (judged as a `psk`). */
const SSID_COLUMN = /^(?:ssid|wi-?fi|wlan|network|netzwerk|r(?:é|e)seau|red|rete)(?:[ _-]?name)?$/i;
const WIFI_KEY_COLUMN = /^(?:key|psk|passphrase|wpa2?(?:[ _-]?key)?|schl(?:ü|ue)ssel|cl(?:é|e)|clave|chiave)$/i;
/** A header longer than this is no table's header (a long line is not split for one). */
const MAX_HEADER = 4096;
const MAX_CELLS = 64;
/**
 * How many cells a text's tables are judged by setsSecret for (about 10 µs each); beyond it a cell is a secret unless
 * empty or a reference's start (`$`, `<`, `{`, `%`): a table of so many secrets pasted in a text is refused anyway.
 */
const MAX_JUDGED = 20_000;
const isBlank = (code: number): boolean => code === 32 || code === 9;

type Cell = { text: string; start: number; end: number; quoted: boolean };

/** How far a quoted CSV cell may run over lines (RFC 4180 allows line breaks inside quotes). */
const MAX_QUOTED = 4096;

/**
 * A record's cells from `start`, split at `delimiter`, each trimmed of blanks and of its quotes, with its span in the
 * text, and the record's end (its newline, or the text's end). CSV (RFC 4180): a cell that starts with `"` runs to its
 * closing `"` (`""` inside it is one), over line breaks when `multiLine` (48a-5), and a delimiter inside it splits
 * nothing; a `"` elsewhere is a character. Markdown (`|`): its outer `|` are no cells' bounds, and `\|` is a `|` in
 * a cell (GFM tables), not a bound; quotes group nothing there.
 */
function recordOf(text: string, start: number, delimiter: string, multiLine: boolean, closes?: QuoteMemo): { cells: Cell[]; end: number } {
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  let to = text[end - 1] === '\r' ? end - 1 : end;
  let from = start;
  const pipe = delimiter === '|';
  if (pipe) {
    while (from < to && isBlank(text.charCodeAt(from))) from++;
    while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
    if (text[from] === '|') from++;
    if (to > from && text[to - 1] === '|' && text[to - 2] !== '\\') to--;
  }
  const split = delimiter.charCodeAt(0);
  const cells: Cell[] = [];
  for (let i = from; ;) {
    let s = i;
    while (s < to && isBlank(text.charCodeAt(s))) s++;
    const close =
      !pipe && text.charCodeAt(s) === 34 ? closingQuote(text, s + 1, multiLine ? Math.min(text.length, s + MAX_QUOTED) : to, closes) : -1;
    let j: number;
    if (close >= 0) {
      if (close > to) {
        end = text.indexOf('\n', close);
        if (end < 0) end = text.length;
        to = text[end - 1] === '\r' ? end - 1 : end;
      }
      const inner = text.slice(s + 1, close);
      cells.push({ text: inner.includes('"') ? inner.replace(/""/g, '"') : inner, start: s + 1, end: close, quoted: true });
      j = close + 1;
      while (j < to && text.charCodeAt(j) !== split) j++;
    } else {
      j = s;
      while (j < to && !(text.charCodeAt(j) === split && !(pipe && text[j - 1] === '\\'))) j++;
      let [cs, ce] = [s, j];
      while (ce > cs && isBlank(text.charCodeAt(ce - 1))) ce--;
      if (ce - cs >= 2 && text[cs] === '"' && text[ce - 1] === '"') [cs, ce] = [cs + 1, ce - 1];
      const cell = text.slice(cs, ce);
      cells.push({ text: pipe && cell.includes('\\|') ? cell.replace(/\\\|/g, '|') : cell, start: cs, end: ce, quoted: false });
    }
    if (j >= to || cells.length > MAX_CELLS) break;
    i = j + 1;
  }
  return { cells, end };
}

/** Where a search for a closing quote found none: no search from before `until` looks again (linear on hostile texts). */
type QuoteMemo = { until: number };

/** The closing `"` of a quoted cell whose text starts at `from` (`""` is a quote inside it), before `limit`, or -1. */
function closingQuote(text: string, from: number, limit: number, memo?: QuoteMemo): number {
  if (memo && from < memo.until) return -1;
  for (let i = text.indexOf('"', from); i >= 0 && i < limit; i = text.indexOf('"', i + 2)) {
    if (text[i + 1] !== '"') return i;
  }
  if (memo) memo.until = limit;
  return -1;
}

/** The line after the newline at `end` (at most MAX_HEADER characters of it). */
function nextLine(text: string, end: number): string {
  const next = text.indexOf('\n', end + 1);
  return text.slice(end + 1, Math.min(next < 0 ? text.length : next, end + 1 + MAX_HEADER));
}

/**
 * A header line's delimiter, its cells, its secret columns and its end (a quoted CSV cell may run over lines, 49a-9), or
 * undefined where the line is no header with a secret column. A key/value table's header (`| Key | Value |`, 49a-9)
 * has a value column: a row whose first cell names a secret (`| DB password | … |`) holds one there.
 */
type Header = { delimiter: string; cells: Cell[]; secret: number[]; value: number; end: number };
function headerOf(text: string, start: number, end: number, memo: QuoteMemo, next: Record<string, number>): Header | undefined {
  if (end - start > MAX_HEADER) return undefined;
  // A quoted first cell may run over lines (`"user` / `name",password`): its delimiters may follow on a later line.
  const quoted = /^[ \t]*"/.test(text.slice(start, start + 64));
  const limit = quoted ? Math.min(text.length, start + MAX_HEADER) : end;
  for (const delimiter of ['\t', ',', ';', '|']) {
    // Each delimiter's next place, found once for all lines (linear): none before `limit` is no header of it.
    if (next[delimiter] < start) next[delimiter] = text.indexOf(delimiter, start) >>> 0;
    if (next[delimiter] >= limit) continue;
    const record = recordOf(text, start, delimiter, delimiter !== '|', memo);
    const { cells } = record;
    // 68a-4: a Markdown table of one column (`| Password |` over its rule row) has a header too.
    const least = delimiter === '|' && /^[ \t]*\|/.test(text.slice(start, start + 64)) && RULE_ROW.test(nextLine(text, record.end)) ? 1 : 2;
    if (cells.length < least || cells.length > MAX_CELLS || !cells.every(isHeaderCell)) continue;
    // 68a-5: a `Key` column beside an `SSID` column holds the network's key (`| SSID | Key |`).
    const ssid = cells.some(({ text: name }) => SSID_COLUMN.test(headerName(name)));
    const secret = cells.flatMap(({ text: name }, i) =>
      namesSecretColumn(name) || (ssid && WIFI_KEY_COLUMN.test(headerName(name))) ? [i] : [],
    );
    const value = cells.findIndex(({ text: name }, i) => i > 0 && namesValueColumn(name));
    // A Markdown table's header over its rule row is one even with no secret column: its rows are no headers then.
    const ruled = delimiter === '|' && secret.length === 0 && value < 0 && RULE_ROW.test(nextLine(text, record.end));
    if (secret.length > 0 || value > 0 || ruled) return { delimiter, cells, secret, value, end: record.end };
  }
  return undefined;
}

/** Where a text holds a table's cell under a column named like a secret: the cell's span. */
export function tableColumnSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!/pass|pw|token|secret|key|cred|auth|psk|wort|contrase|senha|has[lł]o|l[oö]senord|salasana|parola|[^\t-~]/i.test(text)) return spans;
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
      verdict = holdsNoSecretUnder(column, cell) ? false : verdicts.size < MAX_JUDGED ? setsSecret(column, cell) : !/^[$<{%]/.test(cell);
      verdicts.set(key, verdict);
    }
    return verdict;
  };
  // reStructuredText simple tables (rst-simple-tables.ts), their header's text judged as a CSV header's cell is.
  const secretColumn = (name: string): boolean => HEADER_CELL.test(headerName(name)) && namesSecretColumn(name);
  const keys = new Map<string, string>();
  for (const cells of [
    rstSimpleTableCells(text, secretColumn),
    dashRuledTableCells(text, secretColumn),
    markupTableCells(text, secretColumn),
  ]) {
    for (const cell of cells) {
      let key = keys.get(cell.column);
      if (key === undefined) keys.set(cell.column, (key = columnKey(cell.column)));
      if (isSecretCell(key, cell.text)) spans.push([cell.start, cell.end]);
    }
  }
  if (!/[\t,;|]/.test(text)) return spans;
  let start = 0;
  const headerMemo: QuoteMemo = { until: 0 };
  const next: Record<string, number> = { '\t': -1, ',': -1, ';': -1, '|': -1 };
  while (start < text.length) {
    let end = lineEnd(start);
    const header = headerOf(text, start, end, headerMemo, next);
    if (header) end = header.end;
    start = end + 1;
    if (!header) continue;
    // Rows follow, of the header's width; Markdown's rule row after the header is none, nor a reStructuredText grid
    // table's border (`+----+`, `+====+`) anywhere. A CSV row's quoted cell may run over lines.
    const memo: QuoteMemo = { until: 0 };
    for (let row = 0; start < text.length; row++, start = end + 1) {
      end = lineEnd(start);
      const line = text.slice(start, end);
      if (header.delimiter === '|' && ((row === 0 && RULE_ROW.test(line)) || GRID_BORDER.test(line))) continue;
      if (!/\S/.test(line)) break;
      const record = recordOf(text, start, header.delimiter, true, memo);
      if (record.cells.length !== header.cells.length) break;
      // A row of names without digits above a rule row heads the next table (two Markdown tables with a line of as many
      // `|` between them, 51a-11): read again as a header, as the first table's is. A row with a digit is judged.
      const heads = header.delimiter === '|' && row > 0 && end < text.length && RULE_ROW.test(text.slice(end + 1, lineEnd(end + 1)));
      if (heads && record.cells.every((cell) => !/\d/.test(cell.text) && isHeaderCell(cell))) break;
      end = record.end;
      for (const i of header.secret) {
        const cell = record.cells[i];
        const name = headerName(header.cells[i].text);
        const key = WIFI_KEY_COLUMN.test(name) && !namesSecretColumn(name) ? 'psk' : columnKey(header.cells[i].text);
        if (cell.text !== '' && !(key === 'psk' && saysOpenNetwork(cell.text)) && isSecretCell(key, cell.text))
          spans.push([cell.start, cell.end]);
      }
      const [key, value] = [headerName(record.cells[0].text), record.cells[header.value]];
      if (value && /^\S+$/.test(value.text) && HEADER_CELL.test(key) && namesSecretColumn(key) && isSecretCell(key, value.text)) {
        spans.push([value.start, value.end]);
      }
    }
  }
  return spans;
}
