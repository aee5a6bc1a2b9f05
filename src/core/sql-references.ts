import { PASSWORD_PROCEDURES } from './sql-procedures';

/**
 * A password an SQL statement takes from elsewhere, read by the key readers (secrets-text.ts's keyedSecret) as the
 * `${name}` reference it is, not as a `PASSWORD = value` pair: psql's interpolation `:'name'`, `:"name"`, `:name`
 * (postgresql.org/docs/current/app-psql.html "SQL Interpolation"; 46a-11), a T-SQL variable `@pw` (47a-2), SQL*Plus
 * substitution `&pw`, `&&pw`, `"&&pw"`, and a string that ends at `PASSWORD =` to be joined with code (`N'… PASSWORD = '
 * + QUOTENAME(@pw, '''')`). SQL Server's `PASSWORD = 0x… HASHED` is a hash, not the password (47a-10: accepted like
 * Oracle's `IDENTIFIED BY VALUES '…'` and `chpasswd -e` crypt hashes, see sql-passwords.ts), read as `${hash}`. Only
 * in a line that names a user, role or login statement (or `WITH PASSWORD`, or a password procedure of sql-procedures.ts:
 * `EXEC sp_setapprole @rolename = N'app', @password = @pw`), so a `password=@x` setting stays judged.
 */
const STATEMENT = new RegExp(
  String.raw`\b(?:(?:CREATE|ALTER)[ \t]+(?:USER|ROLE|LOGIN)\b|WITH[ \t]+PASSWORD\b|${PASSWORD_PROCEDURES}\b)`,
  'i',
);
const REFERENCE = () =>
  /(\bPASSW(?:OR)?D[ \t]*(?:=[ \t]*)?)(?::['"]?([A-Za-z_]\w{0,62})['"]?|@([A-Za-z_]\w{0,127})|"?&&?([A-Za-z_]\w{0,62})\.?"?|0x[0-9A-Fa-f]{1,1024}[ \t]+(HASHED)\b)(?=[ \t]*(?:[;,)"'`]|$))|(\bPASSWORD[ \t]*=[ \t]*)(?=['"][ \t]*\+)/gi;

/**
 * A T-SQL or MySQL variable set to another variable (50a-13: `SET @db_password = @input_password;`, `SELECT @pw =
 * @@SERVERNAME`, `DECLARE @pw sysname = @p;`): the value refers, read as `${name}` like the references above.
 */
const VARIABLE_SET =
  /^([ \t]*(?:SET|SELECT|DECLARE)[ \t]+@[A-Za-z_]\w{0,127}(?:[ \t]+(?:AS[ \t]+)?[A-Za-z_][\w.]{0,63}(?:[ \t]*\([ \t]*(?:\d{1,5}|MAX)[ \t]*\))?)?[ \t]*:?=[ \t]*)@@?([A-Za-z_]\w{0,127})(?=[ \t]*(?:;|$))/i;

/**
 * A PL/SQL or PL/pgSQL assignment of another variable, alone on its line and ended by its `;` (50a-13: `v_password :=
 * p_password;`, also `rec.password`): read as `NAME = ${name}`; make's `NAME := value` has no `;` (name-value-pairs.ts
 * judges a word before one as code's).
 */
const PL_VARIABLE_SET = /^([ \t]*[A-Za-z_][\w$#]{0,127}[ \t]*:=[ \t]*)([A-Za-z_][\w$#]{0,127}(?:\.[A-Za-z_][\w$#]{0,127})?)[ \t]*;[ \t]*$/;

/** `line` with the SQL password references it holds written as `${name}`. */
export function withSqlReferences(line: string): string {
  if (line.length > 65_536) return line;
  if (line.includes('@')) line = line.replace(VARIABLE_SET, (_all, head, name) => `${head}\${${name}}`);
  if (line.includes(':='))
    line = line.replace(PL_VARIABLE_SET, (_all, head: string, name: string) => `${head.replace(':=', '=')}\${${name.replace('.', '_')}}`);
  if (!STATEMENT.test(line)) return line;
  return line.replace(REFERENCE(), (_all, head, psql, tsql, sqlplus, hashed, joined) =>
    joined !== undefined ? `${joined}\${joined}` : `${head}\${${psql ?? tsql ?? sqlplus ?? hashed.toLowerCase()}}`,
  );
}
