import { isPlaceholder } from './placeholders';
import { isCommandReference } from './secret-arguments';
import { isSecretKey } from './secrets-keys';
import { namesForeignSecret } from './foreign-secret-words';
import { namesSecretColumn } from './table-column-names';

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
/** A variable or a column joined before the literal (`SET @pw = @in + '…'`, `v_pw := v_a || '…'`): the literal is part of the secret. */
const JOINED = String.raw`(?:[@:]?[A-Za-z_][\w$#.]{0,127}[ \t]*(?:\+|\|\|)[ \t]*)?`;
const FORMS = () =>
  new RegExp(
    [
      // T-SQL and MySQL user variables
      String.raw`(?:\b(?:DECLARE|SET|SELECT)|,)[ \t]+@(${NAME})(?:[ \t]+(?:AS[ \t]+)?${TYPE})?[ \t]*:?=[ \t]*${JOINED}${LITERAL}`,
      // PL/SQL and PL/pgSQL: a declaration's or an assignment's `:=`
      String.raw`(?<![\w$#@:.&\\])(${NAME})(?:[ \t]+(?:CONSTANT[ \t]+)?(${TYPE})(?:[ \t]+NOT[ \t]+NULL)?)?[ \t]*:=[ \t]*${JOINED}${LITERAL}`,
      // psql's \set
      String.raw`\\set[ \t]+(${NAME})[ \t]+${LITERAL}`,
    ].join('|'),
    'gi',
  );
const CLUE = /:=|\\set|@|\bSET\b|PRAGMA|\bKEY\b|\b(?:WHERE|AND|OR|ON)\b/i;

/**
 * 54: settings named like a secret, set to a literal: PostgreSQL's `SET [SESSION|LOCAL] app.jwt_secret TO|= '…'` and
 * `ALTER DATABASE|ROLE|USER … SET app.jwt_secret TO '…'` (postgresql.org/docs/current/sql-set.html, sql-alterdatabase.html:
 * a custom setting's last part is its name); SQLCipher's `PRAGMA key|rekey|hexkey|hexrekey = '…'` or `('…')` and `ATTACH
 * DATABASE 'f' AS a KEY '…'` (zetetic.net/sqlcipher/sqlcipher-api), whose name is no secret word but whose value is the key.
 */
const SETTINGS = () =>
  new RegExp(
    [
      String.raw`\bSET[ \t]+(?:(?:SESSION|LOCAL)[ \t]+)?(?:"?[A-Za-z_][\w$]{0,63}"?\.)*"?(${NAME})"?[ \t]*(?:\bTO\b|=)[ \t]*${LITERAL}`,
      String.raw`\bPRAGMA[ \t]+(?:\w{1,64}\.)?(?:hex)?(?:re)?key[ \t]*(?:=[ \t]*|\([ \t]*)(?:'((?:[^'\n]|''){1,1024})'|"((?:[^"\n]|""){1,1024})")`,
      // a column named like a secret compared with a literal: `WHERE password = '…'`, `AND api_token = '…'`
      String.raw`\b(?:WHERE|AND|OR|ON)[ \t]+(?:[\w"\x60\[\]]{1,64}\.)?["\x60\[]?(${NAME})["\x60\]]?[ \t]*=[ \t]*${LITERAL}`,
      String.raw`\bATTACH[ \t]+(?:DATABASE[ \t]+)?'[^'\n]{0,256}'[ \t]+AS[ \t]+\w{1,64}[ \t]+KEY[ \t]+'((?:[^'\n]|''){1,1024})'`,
    ].join('|'),
    'gi',
  );

/** Where the literals `text` gives to SQL variables named like a secret stand. */
export function sqlSecretVariableSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!CLUE.test(text) || !/['"]/.test(text)) return spans;
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
  for (const match of text.matchAll(SETTINGS())) {
    const literal = match[2] ?? match[3] ?? match[4] ?? match[6] ?? match[7];
    // A compared column is judged as a table's column is (`password_changed_at` names no secret).
    if (match[1] !== undefined && !namesSecret(match[1], undefined)) continue;
    if (match[5] !== undefined && !namesSecretColumn(match[5])) continue;
    const value = literal.replace(/''|""/g, "'").trim();
    if (!value || isPlaceholder(value) || isCommandReference(value) || /^[$%&:@?]/.test(value)) continue;
    // A compared value is code's own word where it is one (`WHERE token = 'none'`, `AND password = 'expired'`).
    if (match[5] !== undefined && (value.length < 6 || (/^[A-Za-z_][\w.-]*$/.test(value) && !/\d/.test(value)))) continue;
    const end = match.index + match[0].length - 1;
    spans.push([end - literal.length, end]);
  }
  return spans;
}

/** Whether the name (or the bare word read as its type) is named like a secret, in English or another language. */
const namesSecret = (name: string, type: string | undefined): boolean =>
  [name, type].some((word) => word !== undefined && (isSecretKey(word) || namesForeignSecret(word)));

/** What such a literal is called in messages. */
export const SQL_SECRET_VARIABLE =
  "a secret given to an SQL variable or setting named like one, or compared with such a column (DECLARE @password …, v_password :=, \\set password, SET app.jwt_secret TO '…', PRAGMA key = '…', WHERE password = '…')";
