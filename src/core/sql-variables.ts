import { isPlaceholder } from './placeholders';
import { isCommandReference } from './secret-arguments';

/**
 * SQL variables set to a literal (48a-9, 49a-3): T-SQL `DECLARE @pw NVARCHAR(50) = N'…'` (also `DECLARE @u sysname =
 * N'bob', @pw …`), `SET @pw = '…'`, `SELECT @pw = '…'` (learn.microsoft.com sql/t-sql/language-elements/declare-local-variable-transact-sql),
 * MySQL's `SET @pw := '…'`, and PL/SQL's and PL/pgSQL's `v_pw [CONSTANT] VARCHAR2(30) := '…'` or `pw text := '…'`,
 * so that `CREATE LOGIN … WITH PASSWORD = @pw`, `EXEC sp_addlogin 'bob', @p`, `'… IDENTIFIED BY ' || v_pw` and
 * `format('… PASSWORD %L', pw)` set that literal, as psql's `\set pw '…'` does for `:'pw'`. A variable set to a
 * reference or placeholder (`N'$(PW)'`, `'<password>'`) sets none. Keys are the names lower-cased, T-SQL's with `@`;
 * an assignment after a keyword (`BEGIN v_pw := '…'`, read as a name and its type) keys both words.
 */
const ASSIGNMENT = () =>
  /(?:\b(?:DECLARE|SET|SELECT)|,)[ \t\r\n]+(@[A-Za-z_]\w{0,127})(?:[ \t]+(?:AS[ \t]+)?[A-Za-z_][\w.]{0,63}(?:[ \t]*\([ \t]*(?:\d{1,5}|MAX)[ \t]*\))?)?[ \t]*:?=[ \t]*N?'((?:[^'\n]|''){1,1024})'|(?<![\w$#@:.&\\])([A-Za-z_]\w{0,62})(?:[ \t]+(?:CONSTANT[ \t]+)?([A-Za-z_][\w.%]{0,63})(?:[ \t]*\([ \t]*\d{1,5}(?:[ \t]+(?:CHAR|BYTE))?[ \t]*\))?(?:[ \t]+NOT[ \t]+NULL)?)?[ \t]*:=[ \t]*[NnEe]?'((?:[^'\n]|''){1,1024})'/gi;

/** The SQL variables `text` sets to a literal, each with where its literal's content stands. */
export function tsqlVariables(text: string): Map<string, [number, number]> {
  const variables = new Map<string, [number, number]>();
  if (!text.includes('@') && !text.includes(':=')) return variables;
  for (const match of text.matchAll(ASSIGNMENT())) {
    const literal = match[2] ?? match[5];
    const value = literal.replace(/''/g, "'").trim();
    if (!value || isPlaceholder(value) || isCommandReference(value) || /^[$%&:@?]/.test(value)) continue;
    const end = match.index + match[0].length - 1;
    variables.set((match[1] ?? match[3]).toLowerCase(), [end - literal.length, end]);
    // `BEGIN v_pw := '…'` (50a-5): the bare word read as a type is the variable set.
    if (match[4] !== undefined && /^[A-Za-z_]\w*$/.test(match[4])) variables.set(match[4].toLowerCase(), [end - literal.length, end]);
  }
  return variables;
}
