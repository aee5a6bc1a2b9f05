import type { RstCell } from './rst-simple-tables';

/**
 * Attack round 52a-11: tables in wiki markup and a database client's expanded display, each body cell given with its
 * column's header (table-columns.ts judges those under a secret column, as a Markdown table's):
 * - MediaWiki (mediawiki.org/wiki/Help:Tables): `{|` opens, `|}` closes, `|-` ends a row, `!` starts header cells
 *   (`! a !! b`, or one per line), `|` data cells (`| a || b`, or one per line), a cell's attributes before a single `|`
 *   (`| style="…" | text`), `|+` a caption. The first row of header cells is the table's header; a row that starts with
 *   a header cell then data cells (`! Password` / `| …`) is a key and its values;
 * - Confluence wiki markup and Jira's (confluence.atlassian.com "Confluence Wiki Markup", Tables): `||a||b||` a header
 *   row, `|x|y|` a row under it;
 * - AsciiDoc's `|===` tables (asciiDocCells), DokuWiki's and Creole's (markedCells), LaTeX tabular rows (latexCells);
 * - psql's expanded display (`\x`, postgresql.org/docs/current/app-psql.html): `-[ RECORD 1 ]---` then `column | value`
 *   lines, each value under its line's column.
 * Lines are read once each, their cells split by indexOf: linear.
 */

const MAX_LINE = 4096;
const MAX_CELLS = 64;

/** A text's lines with their offsets (a long line is kept, but read as none). */
function linesOf(text: string): Array<{ line: string; start: number }> {
  const lines: Array<{ line: string; start: number }> = [];
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lines.push({ line: text.slice(start, end).replace(/\r$/, ''), start });
    start = end + 1;
  }
  return lines;
}

/** The parts of `line` from `from` split at `separator`, trimmed, with their offsets in the text (`at`: the line's). */
function split(line: string, from: number, separator: string, at: number): RstCell[] {
  const cells: RstCell[] = [];
  for (let i = from; cells.length <= MAX_CELLS;) {
    const next = line.indexOf(separator, i);
    const stop = next < 0 ? line.length : next;
    let [s, e] = [i, stop];
    while (s < e && /\s/.test(line[s])) s++;
    while (e > s && /\s/.test(line[e - 1])) e--;
    cells.push({ column: '', text: line.slice(s, e), start: at + s, end: at + e });
    if (next < 0) break;
    i = next + separator.length;
  }
  return cells;
}

/** The cells of `row` under a column of `header` that `secret` takes, each with its column. */
const underHeader = (header: readonly string[], row: readonly RstCell[], secret: (header: string) => boolean): RstCell[] =>
  row.flatMap((cell, i) =>
    header[i] !== undefined && secret(header[i]) ? [{ column: header[i], text: cell.text, start: cell.start, end: cell.end }] : [],
  );

/** A MediaWiki cell without its attributes (`style="x" | text`: the part before a single `|` holding `=`). */
function withoutAttributes(cell: RstCell): RstCell {
  const bar = cell.text.indexOf('|');
  if (bar < 0 || !cell.text.slice(0, bar).includes('=')) return cell;
  const rest = cell.text.slice(bar + 1);
  const lead = rest.length - rest.trimStart().length;
  const start = cell.start + bar + 1 + lead;
  return { ...cell, text: rest.trim(), start, end: start + rest.trim().length };
}

/** The body cells of a text's MediaWiki tables under a column (or a row's key) `secret` takes. */
function mediaWikiCells(text: string, secret: (header: string) => boolean): RstCell[] {
  const cells: RstCell[] = [];
  if (!text.includes('{|')) return cells;
  let open = false;
  let header: string[] | undefined;
  let row: Array<RstCell & { head: boolean }> = [];
  const endRow = (): void => {
    if (row.length === 0) return;
    // A row headed by a header cell then data cells: a key and its values (`! Password` / `| …`).
    const keyed = row[0].head && row.length >= 2 && row.slice(1).every(({ head }) => !head);
    if (keyed && secret(row[0].text)) cells.push(...row.slice(1).map((cell) => ({ ...cell, column: row[0].text })));
    else if (!header && row.every(({ head }) => head)) header = row.map(({ text: t }) => t);
    else if (header) cells.push(...underHeader(header, row, secret));
    row = [];
  };
  for (const { line, start } of linesOf(text)) {
    if (line.length > MAX_LINE) continue;
    const body = line.trimStart();
    const at = start + line.length - body.length;
    if (body.startsWith('{|')) [open, header, row] = [true, undefined, []];
    else if (!open) continue;
    else if (body.startsWith('|}')) {
      endRow();
      open = false;
    } else if (body.startsWith('|-')) endRow();
    else if (body.startsWith('|+')) continue;
    else if (body.startsWith('!')) {
      // `! Password || …`: the cells after `||` on a header line are read as its values.
      const bars = body.indexOf('||');
      const heads = split(bars < 0 ? body : body.slice(0, bars), 1, '!!', at);
      row.push(...heads.map((cell) => ({ ...withoutAttributes(cell), head: true })));
      if (bars >= 0) row.push(...split(body, bars + 2, '||', at).map((cell) => ({ ...withoutAttributes(cell), head: false })));
    } else if (body.startsWith('|')) row.push(...split(body, 1, '||', at).map((cell) => ({ ...withoutAttributes(cell), head: false })));
  }
  endRow();
  return cells;
}

/** A Confluence/Jira header row `||a||b||` and a row `|x|y|` under it. */
const CONFLUENCE_HEADER = /^[ \t]*\|\|.*\|\|[ \t]*$/;
const CONFLUENCE_ROW = /^[ \t]*\|(?!\|).*\|[ \t]*$/;

/** The body cells of a text's Confluence and Jira tables under a column `secret` takes. */
function confluenceCells(text: string, secret: (header: string) => boolean): RstCell[] {
  const cells: RstCell[] = [];
  if (!text.includes('||')) return cells;
  let header: string[] | undefined;
  for (const { line, start } of linesOf(text)) {
    if (line.length > MAX_LINE) header = undefined;
    else if (CONFLUENCE_HEADER.test(line)) {
      const from = line.indexOf('||') + 2;
      header = split(line.slice(0, line.lastIndexOf('||')), from, '||', start).map(({ text: t }) => t);
    } else if (header && CONFLUENCE_ROW.test(line)) {
      const from = line.indexOf('|') + 1;
      const row = split(line.slice(0, line.lastIndexOf('|')), from, '|', start);
      cells.push(...underHeader(header, row, secret));
    } else header = undefined;
  }
  return cells;
}

/** psql's record line in expanded display: `-[ RECORD 12 ]----`. */
const RECORD = /^-\[ RECORD \d+ \]-*\+?-*$/;

/** The values of a text's psql records under a column `secret` takes. */
function expandedRecordCells(text: string, secret: (header: string) => boolean): RstCell[] {
  const cells: RstCell[] = [];
  if (!text.includes('-[ RECORD')) return cells;
  let inRecord = false;
  for (const { line, start } of linesOf(text)) {
    if (RECORD.test(line)) inRecord = true;
    else if (!inRecord || line.length > MAX_LINE || !line.includes('|')) inRecord = false;
    else {
      const bar = line.indexOf('|');
      const column = line.slice(0, bar).trim();
      const [value] = split(line, bar + 1, '\n', start);
      if (column !== '' && value.text !== '' && secret(column)) cells.push({ ...value, column });
    }
  }
  return cells;
}

/**
 * AsciiDoc tables (docs.asciidoctor.org asciidoc/latest/tables): `|===` opens and closes, each cell starts with `|` (a
 * row on one line or a cell per line); the first line's cells are the header (an implicit header, or `options="header"`),
 * and they give the row's width: the cells after them fill rows of as many. Cell specifiers (`2+|`, `a|`) are not read.
 */
function asciiDocCells(text: string, secret: (header: string) => boolean): RstCell[] {
  const cells: RstCell[] = [];
  if (!text.includes('|===')) return cells;
  let header: string[] | undefined;
  let open = false;
  let n = 0;
  for (const { line, start } of linesOf(text)) {
    if (/^\|===[ \t]*$/.test(line)) [open, header, n] = [!open, undefined, 0];
    else if (open && line.startsWith('|') && line.length <= MAX_LINE) {
      const row = split(line, 1, '|', start);
      if (!header) header = row.map(({ text: t }) => t);
      else
        for (const cell of row) {
          const column = header[n++ % header.length];
          if (cell.text !== '' && secret(column)) cells.push({ ...cell, column });
        }
    }
  }
  return cells;
}

/** A DokuWiki or Creole table line: cells after `^` or `|=` (header cells) and `|` (data cells). */
const MARKED_ROW = /^[ \t]*[\^|].*[\^|][ \t]*$/;
const MARKED_CELL = /([\^|])(=?)([^^|]*)/g;

/**
 * DokuWiki tables (dokuwiki.org/wiki:syntax#tables: `^ head ^ head ^`, `| cell | cell |`, a row header `^ key | value |`)
 * and Creole's (wikicreole.org/wiki/Creole1.0#section-Creole1.0-Tables: `|= head |= head |`, `| cell | cell |`): a row of
 * header cells is the header, a row of a header cell then data cells a key and its values.
 */
function markedCells(text: string, secret: (header: string) => boolean): RstCell[] {
  const cells: RstCell[] = [];
  if (!text.includes('^') && !text.includes('|=')) return cells;
  let header: string[] | undefined;
  for (const { line, start } of linesOf(text)) {
    if (line.length > MAX_LINE || !MARKED_ROW.test(line)) {
      header = undefined;
      continue;
    }
    const body = line.replace(/[\^|][ \t]*$/, '');
    const row = [...body.matchAll(MARKED_CELL)].slice(0, MAX_CELLS).map((cell) => {
      const lead = cell[3].length - cell[3].trimStart().length;
      const at = start + cell.index! + cell[1].length + cell[2].length + lead;
      return { column: '', text: cell[3].trim(), start: at, end: at + cell[3].trim().length, head: cell[1] === '^' || cell[2] === '=' };
    });
    const keyed = row.length >= 2 && row[0].head && row.slice(1).every(({ head }) => !head);
    if (keyed && secret(row[0].text)) cells.push(...row.slice(1).map((cell) => ({ ...cell, column: row[0].text })));
    else if (row.every(({ head }) => head)) header = row.map(({ text: t }) => t);
    else if (header) cells.push(...underHeader(header, row, secret));
  }
  return cells;
}

/** A LaTeX tabular row: cells split by `&` (not `\&`), ended by `\\`; rules between rows are no rows. */
const LATEX_ROW = /^[ \t]*[^&\n]*(?<!\\)&.*\\\\[ \t]*(?:\\hline[ \t]*)?$/;
const LATEX_RULE = /^[ \t]*\\(?:hline|toprule|midrule|bottomrule|cline\{[^}]*\}|endhead|endfirsthead)[ \t]*$/;

/** LaTeX tabular rows (`User & Token \\` then `app & … \\`): the first row is the header. */
function latexCells(text: string, secret: (header: string) => boolean): RstCell[] {
  const cells: RstCell[] = [];
  if (!text.includes('&') || !text.includes('\\\\')) return cells;
  let header: string[] | undefined;
  for (const { line, start } of linesOf(text)) {
    if (LATEX_RULE.test(line)) continue;
    if (line.length > MAX_LINE || !LATEX_ROW.test(line)) {
      header = undefined;
      continue;
    }
    const row = split(line.slice(0, line.lastIndexOf('\\\\')), 0, '&', start).map((cell) => ({
      ...cell,
      text: cell.text.replace(/^\\textbf\{(.*)\}$/, '$1'),
    }));
    if (!header) header = row.map(({ text: t }) => t);
    else cells.push(...underHeader(header, row, secret));
  }
  return cells;
}

/** The body cells of a text's MediaWiki, Confluence/Jira, AsciiDoc and psql expanded tables under a column `secret` takes. */
export function wikiTableCells(text: string, secret: (header: string) => boolean): RstCell[] {
  return [
    ...mediaWikiCells(text, secret),
    ...confluenceCells(text, secret),
    ...asciiDocCells(text, secret),
    ...expandedRecordCells(text, secret),
    ...markedCells(text, secret),
    ...latexCells(text, secret),
  ];
}
