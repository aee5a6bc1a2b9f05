import type { SqlToken } from './sql-tokens';

/** A dynamic statement's string that ends where its password goes (`'ALTER ROLE bob PASSWORD '`, `'… PASSWORD = '''`). */
const ENDS_AT_PASSWORD = /(?:\bPASSWORD[ \t]*(?:=[ \t]*)?|\bIDENTIFIED[ \t]+BY[ \t]*)(?:'[ \t]*)?$/i;
/** A statement that sets an account's password (sql-heads.ts's objects), or MySQL's and Oracle's `IDENTIFIED BY`. */
const ACCOUNT_STATEMENT =
  /\b(?:CREATE|ALTER)\b[^;]{0,200}?\b(?:USER|ROLE|LOGIN|GROUP|SERVER)\b|\bIDENTIFIED[ \t]+BY\b|\bWITH[ \t]+PASSWORD\b/i;
/**
 * Where a literal ends at a password place and a join follows (`N'… PASSWORD = ' + …`, `'… IDENTIFIED BY ''' || …`,
 * `CONCAT('… IDENTIFIED BY ''', …`): whatever statement builds it (`SET @sql =`, `SELECT @sql =`, `DECLARE @sql … =`,
 * `v_sql :=`, `SELECT CONCAT(…)`; 49a-3). The index is the literal's closing quote.
 */
const JOINED_END = () => /(?:\bPASSWORD[ \t]*(?:=[ \t]*)?|\bIDENTIFIED[ \t]+BY[ \t]*)(?:'')?'(?=[ \t]*(\+|\|\||,))/gi;

/** The closing quotes of literals that end at a password place before a join, each with whether commas join (CONCAT). */
export function joinedStatementEnds(text: string): Array<[number, boolean]> {
  const ends: Array<[number, boolean]> = [];
  for (const match of text.matchAll(JOINED_END())) {
    const at = match.index + match[0].length - 1;
    // A comma joins inside CONCAT( only: the last CONCAT before the literal, still open on this statement.
    const before = text.slice(Math.max(0, at - 160), at);
    const k = before.toUpperCase().lastIndexOf('CONCAT');
    const concat = k >= 0 && /^(?:_WS)?[ \t]*\([^;]*$/i.test(before.slice(k + 6));
    if (match[1] !== ',' || concat) ends.push([at, match[1] === ',']);
  }
  return ends;
}

/** Functions that quote their argument as a literal: PostgreSQL's quote_literal/quote_nullable, T-SQL's QUOTENAME. */
const QUOTING = /^(?:QUOTE_LITERAL|QUOTE_NULLABLE|QUOTENAME)$/;

/**
 * The literal a dynamic statement joins on as its password (48a-9): `EXECUTE 'ALTER ROLE bob PASSWORD ' ||
 * quote_literal('pw')`, `'… PASSWORD ''' || 'pw' || ''''`, T-SQL's `N'… PASSWORD = ' + QUOTENAME(N'pw', '''')`. The
 * string at `i` must end at `PASSWORD [=]` or `IDENTIFIED BY` (a quote may follow), then `||` or `+`, strings of
 * quotes only, and a literal or a quoting function's literal. A variable or column (`quote_literal(pw)`) sets none.
 */
export function concatenatedPassword(tokens: SqlToken[], i: number, commas = false): SqlToken | undefined {
  if (!ENDS_AT_PASSWORD.test(tokens[i].value)) return undefined;
  // The statement's text, from its strings just before: one that sets an account's password, not prose
  // (`SELECT 'Change your password ' || 'today'`).
  const text = tokens
    .slice(Math.max(0, i - 16), i + 1)
    .filter((token) => token.kind === 'string')
    .map((token) => token.value);
  if (!ACCOUNT_STATEMENT.test(text.join(' '))) return undefined;
  let j = i + 1;
  for (let joins = 0; joins < 4; joins++) {
    if (tokens[j]?.value === '|' && tokens[j + 1]?.value === '|' && tokens[j + 1].start === tokens[j].end) j += 2;
    else if (tokens[j]?.value === '+' || (commas && tokens[j]?.value === ',')) j++;
    else return undefined;
    const token = tokens[j];
    if (token?.kind === 'string' && /^'*$/.test(token.value)) {
      j++;
      continue;
    }
    // T-SQL's CHAR(39)/NCHAR(39), PostgreSQL's chr(39): a quote
    if (
      token?.kind === 'word' &&
      /^N?CHA?R$/.test(token.upper) &&
      tokens[j + 1]?.value === '(' &&
      tokens[j + 2]?.value === '39' &&
      tokens[j + 3]?.value === ')'
    ) {
      j += 4;
      continue;
    }
    if (token?.kind === 'word' && QUOTING.test(token.upper) && tokens[j + 1]?.value === '(') {
      const argument = tokens[j + 2];
      return argument && argument.kind !== 'punct' && /^[,)]$/.test(tokens[j + 3]?.value ?? '') ? argument : undefined;
    }
    return token?.kind === 'string' || token?.kind === 'param' || token?.kind === 'word' ? token : undefined;
  }
  return undefined;
}
