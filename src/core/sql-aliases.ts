import { isSecret, readStatement } from './sql-reads';
import { NextIndex, type SqlToken } from './sql-tokens';
import { columnKey, namesSecretColumn } from './table-column-names';

/**
 * Attack round 51a-6: a literal a SELECT list names like a secret: `SELECT '…' AS password`, `SELECT '…' password`,
 * T-SQL's `SELECT password = '…'` (learn.microsoft.com sql/t-sql/queries/select-clause-transact-sql: `column_alias =
 * expression`), nested ones too (`MERGE … USING (SELECT 'bob' AS name, '…' AS password) s`, `WITH c AS (SELECT …)`).
 * An item is judged where it ends (a comma, a bracket, FROM, WHERE…) as sql-values.ts judges a column's value: a
 * hash, a reference, a placeholder, NULL or an expression (`crypt(…)`, `s.password`, `@pw`) sets none.
 * Bounded and linear: a SELECT's list is read once (sql-reads.ts), to its FROM, the bracket that closes it, or an item
 * of hundreds of tokens (prose), the next SELECT looked for after it.
 */
const PREFILTER = /SELECT/i;
const ANCHOR = () => /(?<![\w$@#:])SELECT(?![\w$])/gi;
/** Words that end a SELECT list's item. */
const ENDS_ITEM = /^(?:FROM|WHERE|UNION|INTO|ORDER|GROUP|HAVING|LIMIT|EXCEPT|INTERSECT|MINUS|WINDOW|OFFSET|FETCH|FOR)$/;
/** Words that may stand before a list's first item. */
const OPENS_LIST = /^(?:SELECT|DISTINCT|ALL)$/;

const isName = (token: SqlToken | undefined): token is SqlToken => token !== undefined && (token.kind === 'word' || token.quote === '"');
/** A list's first item or one after a comma: after SELECT, DISTINCT, ALL, a comma, or T-SQL's `TOP n`. */
const opensItem = (token: SqlToken | undefined, before: SqlToken | undefined): boolean =>
  token !== undefined &&
  (token.value === ',' || (token.kind === 'word' && OPENS_LIST.test(token.upper)) || (token.kind === 'number' && before?.upper === 'TOP'));

/** Where literals aliased to a secret's name stand in `text`. */
export function aliasedSecretSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!PREFILTER.test(text)) return spans;
  const anchors = ANCHOR();
  const index = new NextIndex(text);
  let match: RegExpExecArray | null;
  while ((match = anchors.exec(text))) {
    // The last tokens read, without the quoting marks of names (`[password]`, `` `password` ``).
    const recent: SqlToken[] = [];
    const judge = () => {
      const [a, b, c, d, e] = recent.slice(-5).reverse();
      // `'…' AS name`, `'…' name` or `name = '…'`, each the list's first item or after a comma
      const [literal, name] =
        b?.upper === 'AS' && opensItem(d, e) && c?.kind === 'string' && c.quote !== '"'
          ? [c, a]
          : opensItem(c, d) && b?.kind === 'string' && b.quote !== '"'
            ? [b, a]
            : b?.value === '=' && opensItem(d, e) && c?.kind === 'word'
              ? [a, c]
              : [];
      if (isName(name) && literal?.kind === 'string' && literal.quote !== '"' && namesSecretColumn(name.value)) {
        if (isSecret(columnKey(name.value), literal.value)) spans.push([literal.start, literal.end]);
      }
    };
    let [depth, sinceComma] = [0, 0];
    const step = (token: SqlToken): boolean => {
      if (/^[`[\]]$/.test(token.value) && token.kind === 'punct') return true;
      const ends = token.kind === 'word' && ENDS_ITEM.test(token.upper);
      if (token.value === ',' || token.value === ')' || ends) judge();
      // The list ends at its FROM (or its bracket); an item of hundreds of tokens is prose, not SQL.
      if (token.value === '(') depth++;
      else if (token.value === ')') depth--;
      sinceComma = token.value === ',' ? 0 : sinceComma + 1;
      if (depth < 0 || (depth === 0 && ends) || sinceComma > 256) return false;
      recent.push(token);
      if (recent.length > 8) recent.splice(0, recent.length - 5);
      return true;
    };
    anchors.lastIndex = Math.max(readStatement(text, match.index, index, step, judge), match.index + 1);
  }
  return spans;
}
