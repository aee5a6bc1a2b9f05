import { isSecret } from './sql-reads';
import { columnKey, namesSecretColumn } from './table-column-names';

/**
 * Attack round 51a-6: the rows PostgreSQL's `COPY table (name, password) FROM stdin;` reads after it, as pg_dump writes
 * them (postgresql.org/docs/current/sql-copy.html): one row a line to a line `\.` (or to a line indented less than the
 * COPY, as in a YAML block), columns split by tabs (by commas with
 * `CSV`), `\N` for NULL, backslash escapes. A cell in a column named like a secret is judged as sql-values.ts judges an
 * INSERT's value (a hash, an empty cell, `\N` or a reference sets none).
 * Bounded and linear: each COPY's rows are read once, line by line, the next COPY looked for after them.
 */
const PREFILTER = /COPY/i;
const HEAD = () => /^([ \t]*)COPY[ \t]+[\w."[\]`]{1,256}[ \t]*\(([^()\n;]{1,4096})\)[ \t]*FROM[ \t]+STDIN\b([^\n;]{0,512});[ \t]*\r?\n/gim;

/** A COPY cell's text escapes undone (`\t`, `\\`, `\n`). */
const unescape = (cell: string): string =>
  cell.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v' })[c] ?? c);
/** A column list's name without its quotes. */
const nameOf = (item: string): string => item.trim().replace(/^(["`[])(.*)["`\]]$/, '$2');

/** Where the secrets of COPY rows stand in `text`. */
export function copySecretSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!PREFILTER.test(text)) return spans;
  const heads = HEAD();
  let match: RegExpExecArray | null;
  while ((match = heads.exec(text))) {
    const [, indent, list, options] = match;
    const names = list.split(',').map(nameOf);
    const secrets = names.flatMap((name, i) => (namesSecretColumn(name) ? [i] : []));
    const separator = /\bCSV\b/i.test(options) ? ',' : '\t';
    let at = heads.lastIndex;
    while (at < text.length) {
      const newline = text.indexOf('\n', at);
      const end = newline < 0 ? text.length : newline;
      const line = text.slice(at + indent.length, end).replace(/\r$/, '');
      if (line === '\\.' || !text.startsWith(indent, at)) {
        at = end;
        break;
      }
      if (secrets.length > 0) rowSecrets(line, at + indent.length, separator, names, secrets, spans);
      at = end + 1;
    }
    heads.lastIndex = Math.max(heads.lastIndex, at);
  }
  return spans;
}

function rowSecrets(line: string, at: number, separator: string, names: string[], secrets: number[], spans: Array<[number, number]>): void {
  const cells = line.split(separator);
  let start = at;
  cells.forEach((cell, i) => {
    const value = separator === ',' ? cell.replace(/^"(.*)"$/, '$1').replace(/""/g, '"') : unescape(cell);
    if (secrets.includes(i) && cell !== '\\N' && value !== '' && isSecret(columnKey(names[i]), value))
      spans.push([start, start + cell.length]);
    start += cell.length + 1;
  });
}
