import { isPlaceholder } from './placeholders';
import { isCommandReference } from './secret-arguments';
import { isSecretKey } from './secrets-keys';
import { namesForeignSecret } from './foreign-secret-words';

/**
 * An SQL variable named like a secret set to a literal (49a-2), whatever the assignment form: T-SQL `DECLARE @password
 * nvarchar(50) = N'…'` (also after a comma, and `SET`/`SELECT @x = '…'`), MySQL's `SET @db_password := '…'` and
 * `SELECT @password := '…'` (dev.mysql.com/doc/refman/8.0/en/user-variables.html), PL/SQL and PL/pgSQL declarations
 * and assignments `v_password [CONSTANT] VARCHAR2(30) := '…'`, `l_token := '…'`, and psql's `\set password '…'`
 * (postgresql.org/docs/current/app-psql.html). The name is judged as a key is (secrets-keys.ts: `password`,
 * `db_password`, `v_pw`, `token`; not `password_policy`), or as a table's column is in another language
 * (table-column-names.ts: `@Passwort`, `@Kennwort`, `@mot_de_passe`, `@contrasena`; 50a-5); a literal that refers
 * (`N'$(PW)'`, `'<password>'`, `'${PW}'`) or is empty sets none. An assignment after a keyword on its line (`BEGIN
 * v_password := '…'`, `THEN v_password := …`, `LOOP`, `ELSE`; 50a-5) reads as a declaration `BEGIN v_password`, a name
 * then its type: a type that is one bare word is judged as the name too (no type is named like a secret).
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
      String.raw`(?<![\w$#@:.&\\])(${NAME})(?:[ \t]+(?:CONSTANT[ \t]+)?(${TYPE})(?:[ \t]+NOT[ \t]+NULL)?)?[ \t]*:=[ \t]*${LITERAL}`,
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
    const name = match[1] ?? match[3] ?? match[6];
    const literal = match[2] ?? match[5] ?? match[7];
    // `BEGIN v_password := '…'`: the bare word read as a type is the name assigned.
    const type = match[4] !== undefined && /^[A-Za-z_][\w$#]*$/.test(match[4]) ? match[4] : undefined;
    const value = literal.replace(/''/g, "'").trim();
    if (
      !value ||
      value === '…' ||
      value === '...' ||
      !namesSecret(name, type) ||
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

/** Whether the name (or the bare word read as its type) is named like a secret, in English or another language. */
const namesSecret = (name: string, type: string | undefined): boolean =>
  [name, type].some((word) => word !== undefined && (isSecretKey(word) || namesForeignSecret(word)));

/** What such a literal is called in messages. */
export const SQL_SECRET_VARIABLE = 'a secret given to an SQL variable named like one (DECLARE @password …, v_password :=, \\set password)';
