import { isPlaceholder } from './placeholders';
import { isCommandReference } from './secret-arguments';

/**
 * T-SQL variables set to a literal (48a-9): `DECLARE @pw NVARCHAR(50) = N'…'` (also `DECLARE @u sysname = N'bob', @pw
 * …`), `SET @pw = '…'`, `SELECT @pw = '…'` (learn.microsoft.com sql/t-sql/language-elements/declare-local-variable-transact-sql),
 * so that `CREATE LOGIN … WITH PASSWORD = @pw` sets that literal, as psql's `\set pw '…'` does for `:'pw'`. A variable
 * set to a reference or placeholder (`N'$(PW)'`, `'<password>'`) sets none. Keys are the names lower-cased with `@`.
 */
const ASSIGNMENT = () =>
  /(?:\b(?:DECLARE|SET|SELECT)|,)[ \t\r\n]+(@[A-Za-z_]\w{0,127})(?:[ \t]+(?:AS[ \t]+)?[A-Za-z_][\w.]{0,63}(?:[ \t]*\([ \t]*(?:\d{1,5}|MAX)[ \t]*\))?)?[ \t]*=[ \t]*N?'((?:[^'\n]|''){1,1024})'/gi;

/** The T-SQL variables `text` sets to a literal, each with where its literal's content stands. */
export function tsqlVariables(text: string): Map<string, [number, number]> {
  const variables = new Map<string, [number, number]>();
  if (!text.includes('@') || !/PASSWORD/i.test(text)) return variables;
  for (const match of text.matchAll(ASSIGNMENT())) {
    const value = match[2].replace(/''/g, "'").trim();
    if (!value || isPlaceholder(value) || isCommandReference(value) || /^[$%&:@?]/.test(value)) continue;
    const end = match.index + match[0].length - 1;
    variables.set(match[1].toLowerCase(), [end - match[2].length, end]);
  }
  return variables;
}
