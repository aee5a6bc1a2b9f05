import { isSecret, readStatement } from './sql-reads';
import { NextIndex, type SqlToken } from './sql-tokens';
import { columnKey, namesSecretColumn } from './table-column-names';

/**
 * Attack round 51a-6: a table of rows named after its rows, `(VALUES ('bob', '…'), …) AS t (name, password)` (a derived
 * table, postgresql.org/docs/current/queries-values.html; T-SQL's table value constructor): each row's single literals
 * kept by position, judged once the names are read as sql-values.ts judges an INSERT's (a hash, NULL, a reference or an
 * expression sets none).
 * Bounded and linear: read once from each `(VALUES` (sql-reads.ts), at most MAX_KEPT literals kept.
 */
const PREFILTER = /\(\s*VALUES/i;
const ANCHOR = () => /\(\s*VALUES(?![\w$])/gi;
const MAX_KEPT = 10_000;

type State = 'rows' | 'row' | 'alias' | 'names' | 'done';

/** Where the secrets of derived tables' rows stand in `text`. */
export function derivedValueSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!PREFILTER.test(text)) return spans;
  const anchors = ANCHOR();
  const index = new NextIndex(text);
  let match: RegExpExecArray | null;
  while ((match = anchors.exec(text))) {
    const kept: Array<[number, SqlToken]> = [];
    const names: string[] = [];
    let [state, depth, position, aliasWords] = ['rows' as State, 0, 0, 0];
    let value: SqlToken[] = [];
    const endValue = () => {
      if (value.length === 1 && value[0].kind === 'string' && value[0].quote !== '"' && kept.length < MAX_KEPT)
        kept.push([position, value[0]]);
      value = [];
    };
    const step = (token: SqlToken): boolean => {
      const v = token.kind === 'punct' ? token.value : '';
      if (state === 'rows') {
        if (v === '(') [state, depth, position] = ['row', 1, 0];
        else if (v === ')') state = 'alias';
        else if (v !== ',' && token.upper !== 'VALUES' && token.upper !== 'ROW') state = 'done';
      } else if (state === 'row') {
        if (v === '(') depth++;
        else if (v === ')' && --depth === 0) {
          endValue();
          state = 'rows';
          return true;
        }
        if (depth === 1 && v === ',') {
          endValue();
          position++;
        } else if (value.length < 2) value.push(token);
      } else if (state === 'alias') {
        if (v === '(') state = 'names';
        else if (!(token.kind === 'word' || token.quote === '"' || /^[`[\]]$/.test(v)) || ++aliasWords > 2) state = 'done';
      } else if (state === 'names') {
        if (v === ')') {
          for (const [at, literal] of kept) {
            const name = names[at];
            if (name && namesSecretColumn(name) && isSecret(columnKey(name), literal.value)) spans.push([literal.start, literal.end]);
          }
          state = 'done';
        } else if (v === ',') return true;
        else if (token.kind === 'word' || token.quote === '"') names.push(token.value);
        else if (!/^[`[\]]$/.test(v)) state = 'done';
      }
      return state !== 'done';
    };
    const from = match.index + match[0].length - 'VALUES'.length;
    anchors.lastIndex = Math.max(readStatement(text, from, index, step), match.index + 1);
  }
  return spans;
}
