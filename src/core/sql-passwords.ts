import { isPlaceholder } from './placeholders';
import { isCommandReference } from './secret-arguments';

/**
 * Passwords SQL statements set, as the servers read them: PostgreSQL `CREATE|ALTER USER|ROLE … [ENCRYPTED] PASSWORD
 * 'pw'` (postgresql.org/docs/current/sql-createrole.html), MySQL/MariaDB `IDENTIFIED [WITH plugin] BY 'pw'` and
 * `SET PASSWORD [FOR u] = 'pw'` (dev.mysql.com/doc/refman/8.0/en/create-user.html), SQL Server `WITH PASSWORD = 'pw'`
 * (learn.microsoft.com sql/t-sql/statements/create-login-transact-sql), Oracle `IDENTIFIED BY pw` unquoted
 * (docs.oracle.com CREATE USER). A value that refers (`${PW}`, `$1`, `%s`, `?`, a bind `:pw`, psql's `:'pw'`), a
 * placeholder, `NULL` or an Oracle keyword after BY (`VALUES`, `EXTERNALLY`, `GLOBALLY`) sets none. Only a line that
 * names a user, role or login statement is read, so prose about passwords is not.
 */
const STATEMENT = /\b(?:(?:CREATE|ALTER)[ \t]+(?:USER|ROLE|LOGIN)|GRANT\b[^;\n]{0,200}\bTO|SET[ \t]+PASSWORD)\b/i;
const QUOTED = String.raw`(?:N?'((?:[^'\n]|'')*)'|"([^"\n]*)")`;
const VALUES: readonly RegExp[] = [
  new RegExp(String.raw`\bSET[ \t]+PASSWORD\b[^=\n]{0,200}=[ \t]*(?:PASSWORD[ \t]*\([ \t]*)?${QUOTED}`, 'gi'),
  new RegExp(String.raw`\bPASSWORD[ \t]*=?[ \t]*${QUOTED}`, 'gi'),
  new RegExp(
    String.raw`\bIDENTIFIED(?:[ \t]+WITH[ \t]+['"]?\w+['"]?)?[ \t]+BY(?:[ \t]+PASSWORD)?[ \t]+(?:${QUOTED}|([A-Za-z_][\w$#]{0,127}))`,
    'gi',
  ),
];
const NOT_A_PASSWORD = /^(?:NULL|VALUES|EXTERNALLY|GLOBALLY|RANDOM|PASSWORD)$/i;

/** The first password an SQL statement on this line of text sets, as written, or undefined. */
export function sqlPassword(line: string): string | undefined {
  if (line.length > 65_536 || !STATEMENT.test(line)) return undefined;
  for (const pattern of VALUES) {
    for (const match of line.matchAll(pattern)) {
      const value = (match[1]?.replace(/''/g, "'") ?? match[2] ?? match[3] ?? '').trim();
      if (!value || NOT_A_PASSWORD.test(value) || isPlaceholder(value) || isCommandReference(value)) continue;
      if (/^(?:\?|%s|\$\d+|:['"]?\w+['"]?|@\w+)$/.test(value)) continue;
      return match[1] !== undefined && match[1].includes("''") ? match[1] : value;
    }
  }
  return undefined;
}

/** Where the passwords SQL statements set stand in `text`, line by line (secret-shapes.ts's finders: refused and redacted). */
export function sqlPasswordSpans(text: string): Array<[number, number]> {
  if (!/PASSWORD|IDENTIFIED/i.test(text)) return [];
  const spans: Array<[number, number]> = [];
  let at = 0;
  for (const line of text.split(/(?<=\n)/)) {
    const value = sqlPassword(line.replace(/\r?\n$/, ''));
    const i = value === undefined ? -1 : line.indexOf(value);
    if (i >= 0) spans.push([at + i, at + i + value!.length]);
    at += line.length;
  }
  return spans;
}
