import type { RstCell } from './rst-simple-tables';
import { wikiTableCells } from './wiki-tables';
import { blankAlignedCells } from './blank-aligned-tables';

/**
 * Attack round 49a-9: tables written in markup rather than in a delimited text, each body cell given with its
 * column's header (table-columns.ts judges those under a secret column):
 * - HTML (`<table>`, `<tr>`, `<th>`/`<td>`, html.spec.whatwg.org "tables"): the first row's cells are the header; a
 *   cell's text may be wrapped in one inline element (`<td><code>x</code></td>`); a row of a header cell then data
 *   cells (`<tr><th>Password</th><td>…</td></tr>`, 52a-11), or of two data cells the first naming a secret, is a key and
 *   its values, wherever it stands;
 * - reStructuredText's `.. list-table::` (a bullet list per row, `* - a` then `- b`) with its first row as the header,
 *   and `.. csv-table::` with its `:header:` option or its first row as the header (docutils.sourceforge.io
 *   docs/ref/rst/directives.html "List Table", "CSV Table"). Cells on one line each.
 * Tags are found by one bounded pattern (`[^<>]` up to 256): linear on hostile texts.
 */

const TAG = /<(\/?)(table|tr|th|td)\b[^<>]{0,256}>/gi;
/** A cell's text wrapped in one inline element (`<code>x</code>`, `<b>x</b>`). */
const INLINE = /^<([a-z][a-z0-9]*)\b[^<>]{0,256}>([^<>]*)<\/\1[ \t]*>$/i;
const MAX_CELL = 4096;

function htmlCells(text: string, secret: (header: string) => boolean): RstCell[] {
  const cells: RstCell[] = [];
  if (!/<t[hd]\b/i.test(text)) return cells;
  let header: string[] | undefined;
  let secrets: boolean[] = [];
  let row: Array<RstCell & { head: boolean }> = [];
  let open: { at: number; head: boolean } | undefined;
  const endRow = (): void => {
    // Or two data cells, a secret's name then no other column's name (`<tr><td>Password</td><td>…</td></tr>`).
    const pair = row.length === 2 && !row[0].head && !row[1].head && secret(row[0].text) && !secret(row[1].text);
    const keyed = pair || (row.length >= 2 && row[0].head && row.slice(1).every(({ head }) => !head));
    if (keyed && secret(row[0].text))
      cells.push(...row.slice(1).map(({ text: t, start, end }) => ({ column: row[0].text, text: t, start, end })));
    else if (keyed && !header) {
      // a key that names no secret: no header either
    } else if (row.length > 0) {
      if (!header) {
        header = row.map(({ text: t }) => t);
        secrets = header.map(secret);
      } else {
        for (const [i, cell] of row.entries()) if (secrets[i]) cells.push({ ...cell, column: header[i] });
      }
    }
    row = [];
  };
  for (const tag of text.matchAll(TAG)) {
    const [closing, name] = [tag[1] === '/', tag[2].toLowerCase()];
    const at = tag.index!;
    if (open && (name === 'th' || name === 'td' || name === 'tr' || name === 'table')) {
      const head = open.head;
      let [start, end] = [open.at, at];
      open = undefined;
      if (end - start <= MAX_CELL) {
        while (start < end && /\s/.test(text[start])) start++;
        while (end > start && /\s/.test(text[end - 1])) end--;
        const inline = INLINE.exec(text.slice(start, end));
        if (inline) {
          start += inline[0].indexOf('>') + 1;
          end = start + inline[2].length;
        }
        // HTML collapses a run of blanks and line breaks to one space (a cell folded over lines reads as one line).
        row.push({ column: '', text: text.slice(start, end).trim().replace(/\s+/g, ' '), start, end, head });
      }
    }
    if (name === 'table') {
      endRow();
      header = undefined;
    } else if (name === 'tr') endRow();
    else if (!closing) open = { at: at + tag[0].length, head: name === 'th' };
  }
  endRow(); // a row cut from its table (`<th>Password</th><td>…</td>`)
  return cells;
}

/** A directive's start: `.. list-table::` or `.. csv-table::`, and its indent. */
const DIRECTIVE = /^([ \t]*)\.\.[ \t]+(list-table|csv-table)::.*$/gm;
/** A csv-table's cells on one line: quoted (`""` a quote) or not, split at `,`. */
const CSV_CELL = /[ \t]*(?:"((?:[^"\n]|"")*)"|([^,\n]*?))[ \t]*(?:,|$)/y;

function csvCells(line: string, offset: number): RstCell[] {
  const cells: RstCell[] = [];
  CSV_CELL.lastIndex = 0;
  for (let match; CSV_CELL.lastIndex < line.length && (match = CSV_CELL.exec(line));) {
    const quoted = match[1] !== undefined;
    const value = quoted ? match[1] : match[2];
    const start = offset + match.index + match[0].indexOf(quoted ? '"' : value) + (quoted ? 1 : 0);
    cells.push({ column: '', text: value.replace(/""/g, '"'), start, end: start + value.length });
    if (match[0] === '' || cells.length > 64) break;
  }
  return cells;
}

function rstDirectiveCells(text: string, secret: (header: string) => boolean): RstCell[] {
  const cells: RstCell[] = [];
  if (!text.includes('-table::')) return cells;
  let after = 0; // a directive inside the body of one read is part of that body, not read again: linear
  for (const directive of text.matchAll(DIRECTIVE)) {
    if (directive.index! < after) continue;
    const [indent, kind] = [directive[1].length, directive[2]];
    let header: string[] | undefined;
    let secrets: boolean[] = [];
    let row: RstCell[] = [];
    // A row read: the header's when none is yet (the first row), else its cells under a secret column are given.
    const endRow = (): void => {
      if (row.length === 0) return;
      if (!header) [header, secrets] = [row.map(({ text: t }) => t), row.map(({ text: t }) => secret(t))];
      else for (const [i, cell] of row.entries()) if (secrets[i]) cells.push({ ...cell, column: header[i] });
      row = [];
    };
    let start = directive.index! + directive[0].length + 1;
    for (; start < text.length;) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const line = text.slice(start, end).replace(/\r$/, '');
      if (line.length > MAX_CELL) {
        start = end + 1;
        continue;
      }
      const lead = /^[ \t]*/.exec(line)![0].length;
      if (lead === line.length) {
        start = end + 1;
        continue;
      }
      if (lead <= indent) break;
      const body = line.slice(lead);
      const option = /^:header:[ \t]*(.*)$/.exec(body);
      if (option && !header) {
        header = csvCells(option[1], 0).map(({ text: t }) => t);
        secrets = header.map(secret);
      } else if (body.startsWith(':')) {
        // another option
      } else if (kind === 'csv-table') {
        row = csvCells(line, start);
        endRow();
      } else {
        const item = /^(\*[ \t]+)?-[ \t]+(\S.*?)[ \t]*$/.exec(body);
        if (item) {
          const from = start + lead + item[0].indexOf(item[2], item[1]?.length ?? 0);
          if (item[1]) endRow();
          row.push({ column: '', text: item[2], start: from, end: from + item[2].length });
        }
      }
      start = end + 1;
    }
    endRow();
    after = start;
  }
  return cells;
}

/** The body cells of a text's HTML tables and reStructuredText list and CSV tables under a column `secret` takes. */
export function markupTableCells(text: string, secret: (header: string) => boolean): RstCell[] {
  return [
    ...htmlCells(text, secret),
    ...rstDirectiveCells(text, secret),
    ...wikiTableCells(text, secret),
    ...blankAlignedCells(text, secret),
  ];
}
