import { isPlaceholder } from './placeholders';
import { isCommandReference } from './secret-arguments';
import { isSecretKey } from './secrets-keys';

/**
 * An SQL variable named like a secret set to a literal (49a-2), whatever the assignment form: T-SQL `DECLARE @password
 * nvarchar(50) = N'…'` (also after a comma, and `SET`/`SELECT @x = '…'`), MySQL's `SET @db_password := '…'` and
 * `SELECT @password := '…'` (dev.mysql.com/doc/refman/8.0/en/user-variables.html), PL/SQL and PL/pgSQL declarations
 * and assignments `v_password [CONSTANT] VARCHAR2(30) := '…'`, `l_token := '…'`, and psql's `\set password '…'`
 * (postgresql.org/docs/current/app-psql.html). The name is judged as a key is (secrets-keys.ts: `password`,
 * `db_password`, `v_pw`, `token`; not `password_policy`); a literal that refers (`N'$(PW)'`, `'<password>'`, `'${PW}'`)
 * or is empty sets none.
 */
const NAME = String.raw`[A-Za-z_][\w$#]{0,127}`;
const TYPE = String.raw`[A-Za-z_][\w.%]{0,63}(?:[ \t]*\([ \t]*(?:\d{1,5}|MAX)(?:[ \t]+(?:CHAR|BYTE))?[ \t]*\))?`;
const LITERAL = String.raw`[NnEe]?'((?:[^'\n]|''){1,1024})'`;
const FORMS = () =>
  new RegExp(
    [
      // T-SQL and MySQL user variables
      String.raw`(?:\b(?:DECLARE|SET|SELECT)|,)[ \t]+@(${NAME})(?:[ \t]+(?:AS[ \t]+)?${TYPE})?[ \t]*:?=[ \t]*${LITERAL}`,
      // PL/SQL and PL/pgSQL: a declaration's or an assignment's `:=`
      String.raw`(?<![\w$#@:.&\\])(${NAME})(?:[ \t]+(?:CONSTANT[ \t]+)?${TYPE}(?:[ \t]+NOT[ \t]+NULL)?)?[ \t]*:=[ \t]*${LITERAL}`,
      // psql's \set
      String.raw`\\set[ \t]+(${NAME})[ \t]+${LITERAL}`,
    ].join('|'),
    'gi',
  );
const CLUE = /:=|\\set|@/;

/** Where the literals `text` gives to SQL variables named like a secret stand. */
export function sqlSecretVariableSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!CLUE.test(text) || !text.includes("'")) return spans;
  for (const match of text.matchAll(FORMS())) {
    const name = match[1] ?? match[3] ?? match[5];
    const literal = match[2] ?? match[4] ?? match[6];
    const value = literal.replace(/''/g, "'").trim();
    if (
      !value ||
      value === '…' ||
      value === '...' ||
      !isSecretKey(name) ||
      isPlaceholder(value) ||
      isCommandReference(value) ||
      /^[$%&:@?]/.test(value)
    )
      continue;
    const end = match.index + match[0].length - 1;
    spans.push([end - literal.length, end]);
  }
  return spans;
}

/** What such a literal is called in messages. */
export const SQL_SECRET_VARIABLE = 'a secret given to an SQL variable named like one (DECLARE @password …, v_password :=, \\set password)';
