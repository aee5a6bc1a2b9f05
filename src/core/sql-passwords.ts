import { hasPasswordMix } from './password-mix';
import { isPlaceholder } from './placeholders';
import { isCommandReference } from './secret-arguments';
import { concatenatedPassword, joinedStatementEnds } from './sql-concatenations';
import { isPostgresHash, takesHash } from './sql-hashes';
import { headTokens, isStatementHead } from './sql-heads';
import { PASSWORD_PROCEDURES, isPasswordProcedure, procedurePassword } from './sql-procedures';
import { NextIndex, sqlStatement, type SqlToken } from './sql-tokens';
import { tsqlVariables } from './sql-variables';

/**
 * Passwords SQL statements set, as the servers read them, each statement read as tokens over as many lines as it
 * takes, comments between its words (sql-tokens.ts; 47a-1): PostgreSQL `CREATE|ALTER USER|ROLE … [ENCRYPTED] PASSWORD
 * 'pw'` (postgresql.org/docs/current/sql-createrole.html) with any string form, MySQL/MariaDB `IDENTIFIED [WITH
 * plugin] BY 'pw'` and `SET PASSWORD [FOR u] = 'pw'` (dev.mysql.com/doc/refman/8.0/en/create-user.html), SQL Server
 * `WITH PASSWORD = 'pw'` (learn.microsoft.com sql/t-sql/statements/create-login-transact-sql), `sp_addlogin 'u', 'pw'`
 * and `sp_password 'old', 'pw'`, Oracle `IDENTIFIED BY pw` unquoted (also a database link's `CONNECT TO u IDENTIFIED
 * BY pw`), SQL*Plus `CONNECT u/pw@db`, DB2 `CONNECT TO db USER u USING pw`, dynamic SQL in a string (`DO $$ … EXECUTE
 * format('… PASSWORD %L', 'pw') … $$`, `EXECUTE '… PASSWORD ''pw'''`), and psql's `\set pw 'x'` used as `:'pw'`.
 *
 * A value that refers sets none: `${PW}`, `$1`, `%s`, `?`, a bind `:pw`, psql's `:'pw'` (unless `\set` to a literal
 * in the text), T-SQL's `@pw`, SQL*Plus's `&pw`/`"&&pw"`, a placeholder, `NULL`. Nor does a password's hash (47a-10):
 * Oracle `IDENTIFIED BY VALUES '…'`, MySQL `IDENTIFIED WITH plugin AS '…'` and `IDENTIFIED BY PASSWORD '*…'`, SQL
 * Server `PASSWORD = 0x… HASHED`: like `chpasswd -e` crypt hashes (README), a hash is not the password and logs no one
 * in, so all four are accepted alike. Oracle's unquoted password must end its statement or line or be followed by one
 * of the statement's clauses, so prose (`IDENTIFIED BY clauses are ignored`) sets none.
 */
const PREFILTER = new RegExp(String.raw`PASSWORD|IDENTIFIED|${PASSWORD_PROCEDURES}|\bCONN(?:ECT)?\b`, 'i');
/**
 * Where statements that may set a password may start: a verb, its head then read as tokens, comments left out
 * (`ALTER /* x *\/ USER`, `CREATE -- x⏎USER`, MySQL's `ALTER # x⏎USER`: 48a-1), by `isStatementHead`.
 */
const ANCHORS = () =>
  new RegExp(
    String.raw`(?:^|[^\w$\\@#])(?:CREATE|ALTER|GRANT|SET|SELECT|DO|EXEC(?:UTE)?|CONN(?:ECT)?|${PASSWORD_PROCEDURES}|\\set)(?![\w$])`,
    'gi',
  );
const NOT_A_PASSWORD = /^(?:NULL|VALUES|EXTERNALLY|GLOBALLY|RANDOM|PASSWORD)$/i;
/** What may follow Oracle's unquoted password in its statement (docs.oracle.com CREATE USER, CREATE DATABASE LINK). */
const ORACLE_CLAUSE =
  /^(?:DEFAULT|TEMPORARY|LOCAL|QUOTA|PROFILE|PASSWORD|ACCOUNT|ENABLE|CONTAINER|REPLACE|USING|CONNECT|AUTHENTICATED|READ|HTTP|EXPIRE|\/)$/;
/** A format() conversion that takes its next argument (postgresql.org/docs/current/functions-string.html#FUNCTIONS-STRING-FORMAT). */
const CONVERSION = /%(?:(\d+)\$)?[sIL]/g;
const CONVERSION_ONLY = /^%(?:\d+\$)?[sL]$/;
/** A hash ClickHouse's `*_hash` plugins take (sql-hashes.ts): hex digits or a bcrypt hash; plain text is a password (49a-3). */
const isHashValue = (value: SqlToken | undefined): boolean =>
  value?.kind !== 'string' || /^(?:[0-9A-Fa-f]{32,128}|\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53})$/.test(value.value);

interface Found {
  spans: Array<[number, number]>;
  /** Where format() conversions (`%L`) stand as a password, in the text read. */
  conversions: number[];
  /** Literals of variables (sql-variables.ts) used as a password: where they stand in the text judged, at any depth. */
  variables: Array<[number, number]>;
}

/** What a password SQL statements set is called in messages (secret-shapes.ts's finders). */
export const SQL_SECRET = "a password set by an SQL statement (PASSWORD '…', IDENTIFIED BY …)";
/** What the first password found in `text` is called: a logon's as the command readers call it (`user/password`). */
export const sqlSecretIn = (text: string): string =>
  /\bCONN(?:ECT)?(?:[ \t]|\/\*[^*\n]*\*\/)+[\w$#"]+\/\S/i.test(text) ? 'a password in an SQL*Plus logon (CONNECT user/…)' : SQL_SECRET;

/** Where the passwords SQL statements set stand in `text` (secret-shapes.ts's finders: refused and redacted). */
export function sqlPasswordSpans(text: string): Array<[number, number]> {
  if (!PREFILTER.test(text)) return [];
  const variables = tsqlVariables(text);
  const found = passwordsIn(text, 0, 0, variables);
  const index = new NextIndex(text);
  for (const [at, commas] of joinedStatementEnds(text)) {
    // The statement's text before its closing quote, as the join's first string (its quotes undoubled).
    const window = text.slice(Math.max(0, at - 160), at);
    const before = window.slice(window.lastIndexOf(';') + 1).replace(/''/g, "'"); // this statement's text only
    const head: SqlToken = { kind: 'string', value: before, upper: '', start: at, end: at, newlineBefore: false };
    const { tokens } = sqlStatement(text, at + 1, index, false, 16);
    joinedPassword([head, ...tokens], 0, variables, found, 0, commas);
  }
  return [...found.spans, ...found.variables];
}

/** The statements of `text` (standing at `offset` in the text judged), read from each anchor on. */
function passwordsIn(text: string, offset: number, depth: number, variables: Map<string, [number, number]>): Found {
  const found: Found = { spans: [], conversions: [], variables: [] };
  const index = new NextIndex(text);
  const anchors = ANCHORS();
  let match: RegExpExecArray | null;
  while ((match = anchors.exec(text))) {
    const start = match.index + (match[0].length - match[0].trimStart().replace(/^[^\w\\]/, '').length);
    const meta = text[start] === '\\';
    if (!meta && !isStatementHead(sqlStatement(text, start, index, false, headTokens(match[0].trim().replace(/^[^\w]/, ''))).tokens))
      continue;
    const { tokens, next } = sqlStatement(text, start, index, meta);
    anchors.lastIndex = Math.max(next, start + 1);
    if (meta) setVariable(tokens, offset, variables);
    else statementPasswords(text, tokens, offset, depth, variables, found);
  }
  return found;
}

/** psql's `\set name 'literal'` (postgresql.org/docs/current/app-psql.html): the literal, for a later `:'name'`. */
function setVariable(tokens: SqlToken[], offset: number, variables: Map<string, [number, number]>): void {
  const [, command, name, value, more] = tokens;
  if (command?.upper !== 'SET' || name?.kind !== 'word' || more) return;
  if (value?.kind === 'string' || value?.kind === 'word' || value?.kind === 'number')
    variables.set(name.value, [offset + value.start, offset + value.end]);
}

function statementPasswords(
  text: string,
  tokens: SqlToken[],
  offset: number,
  depth: number,
  variables: Map<string, [number, number]>,
  found: Found,
): void {
  // A quote that closes a literal opened before the statement's anchor (`N'CREATE LOGIN … PASSWORD = ' + QUOTENAME(…)`)
  // reads as one opening: its "literal" goes on with code (`' + …`) or ends glued to a word (`'conn.execute`).
  const take = (token: SqlToken) => {
    if (token.quote !== '$' && token.kind === 'string' && (/^\s*(?:\+|\|\|)/.test(token.value) || /\w/.test(text[token.end + 1] ?? '')))
      return;
    if (isPassword(token)) found.spans.push([offset + token.start, offset + token.end]);
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const after = (n: number) => tokens[i + n];
    if (token.upper === 'PASSWORD' && token.kind === 'word' && after(-1)?.upper !== 'RANDOM') {
      let j = i + 1;
      // MySQL's `SET PASSWORD [FOR u] = ['pw' | PASSWORD('pw')]`: the value after the `=`. Neo4j's `SET PASSWORD 'pw'`
      // and PostgreSQL's `OPTIONS (SET password 'pw')` have none (54: neo4j.com/docs/cypher-manual/current/
      // administration/access-control/manage-users, postgresql.org/docs/current/sql-alterserver.html).
      if (after(-1)?.upper === 'SET' && /^(?:FOR|=)$/.test(after(1)?.upper ?? ''))
        while (j < i + 30 && tokens[j] && tokens[j].value !== '=') j++;
      // Neo4j's `ALTER CURRENT USER SET PASSWORD FROM 'old' TO 'new'`: both are passwords, the new one after TO.
      if (tokens[j]?.upper === 'FROM' && tokens[j + 2]?.upper === 'TO') {
        if (tokens[j + 1]?.kind === 'string') take(tokens[j + 1]);
        j += 3;
      }
      while (/^(?:=|\(|PASSWORD)$/.test(tokens[j]?.upper ?? '')) j++;
      const value = tokens[j];
      if (!value || after(-1)?.upper === 'BY') continue; // MySQL's IDENTIFIED BY PASSWORD '*hash': a hash
      if (value.kind === 'word' && hanaPassword(tokens, value, tokens[j + 1])) take(value);
      else if (value.kind === 'param') passwordParam(value, variables, found);
      else if (value.kind === 'string' && CONVERSION_ONLY.test(value.value))
        found.conversions.push(value.start); // `''%s''`
      else if (value.kind === 'string' && !isPostgresHash(value.value)) take(value);
    } else if (token.upper === 'IDENTIFIED' && token.kind === 'word') {
      let j = i + 1;
      if (tokens[j]?.upper === 'WITH') j += 2; // a plugin
      // `AS '…'`: a hash; EXTERNALLY, GLOBALLY; ClickHouse's `WITH sha256_hash BY '…'`: a hash (sql-hashes.ts)
      const value = tokens[j + 1];
      if (tokens[j]?.upper !== 'BY' || (j === i + 3 && takesHash(tokens[i + 2]?.upper) && isHashValue(value))) continue;
      if (!value || value.upper === 'PASSWORD' || value.upper === 'VALUES') continue;
      if (value.kind === 'string') take(value);
      else if (value.kind === 'param') passwordParam(value, variables, found);
      else if (value.kind === 'word' && endsOracleValue(tokens[j + 2])) take(value);
    } else if (token.kind === 'word' && isPasswordProcedure(token.upper)) {
      const argument = procedurePassword(token.upper, tokens, i + 1);
      if (argument?.kind === 'string') take(argument);
      else if (argument?.kind === 'param') passwordParam(argument, variables, found);
    } else if ((token.upper === 'CONNECT' || token.upper === 'CONN') && i === 0) {
      connectPassword(text, tokens, take);
    } else if (token.kind === 'string' && depth < 3 && PREFILTER.test(token.value)) {
      dynamicPasswords(text, tokens, i, offset, depth, variables, found);
    }
  }
}

/**
 * SAP HANA's `CREATE|ALTER USER u PASSWORD pw [NO FORCE_FIRST_PASSWORD_CHANGE]`, the password unquoted (help.sap.com
 * SAP HANA SQL Reference, CREATE USER): a word of letters and digits (HANA's default policy asks for both) that ends
 * the statement or line or is followed by one of its clauses; no keyword (`PASSWORD EXPIRE`, `PASSWORD HISTORY 5`).
 */
function hanaPassword(tokens: SqlToken[], value: SqlToken, next: SqlToken | undefined): boolean {
  if (!/^(?:CREATE|ALTER)$/.test(tokens[0]?.upper ?? '') || tokens[1]?.upper !== 'USER') return false;
  if (!/[A-Za-z]/.test(value.value) || !/\d/.test(value.value) || NOT_A_PASSWORD.test(value.upper)) return false;
  return next === undefined || next.newlineBefore || /^(?:NO|FORCE_FIRST_PASSWORD_CHANGE|VALID|SET|WITH|ENABLE|DISABLE)$/.test(next.upper);
}

/** Oracle's unquoted password ends its statement or line, or a clause of its statement follows. */
const endsOracleValue = (next: SqlToken | undefined): boolean => next === undefined || next.newlineBefore || ORACLE_CLAUSE.test(next.upper);

/** A psql variable (`:'pw'`, `:pw`) `\set` to a literal before, a T-SQL or PL/SQL one (`@pw`, `v_pw`) set to one: that literal; any other reference sets none. */
function passwordParam(value: SqlToken, variables: Map<string, [number, number]>, found: Found): void {
  const name =
    value.kind === 'word'
      ? value.value.toLowerCase()
      : value.value.startsWith('@')
        ? value.value.toLowerCase()
        : /^:['"]?(\w+)['"]?$/.exec(value.value)?.[1];
  const set = name === undefined ? undefined : variables.get(name);
  if (set) found.variables.push(set);
  if (/^%(?:\d+\$)?[sIL]$/.test(value.value)) found.conversions.push(value.start);
}

/** SQL*Plus `CONNECT u/pw[@db]` (docs.oracle.com SQL*Plus CONNECT) and DB2 `CONNECT TO db USER u USING pw`. */
function connectPassword(text: string, tokens: SqlToken[], take: (token: SqlToken) => void): void {
  const [, user, slash, password] = tokens;
  if (user?.upper === 'TO') {
    const using = tokens.findIndex((token, i) => i > 1 && token.upper === 'USING');
    const value = tokens[using + 1];
    if (using > 0 && tokens[using - 2]?.upper === 'USER' && value && (value.kind === 'word' || value.kind === 'string')) take(value);
    return;
  }
  if (!user || slash?.value !== '/' || !password) return;
  // A quoted name's token stands inside its quotes (`"scott"`, `'scott'`: 67a-13).
  const quote = (token: SqlToken): number => (token.kind === 'string' && token.quote !== '$' ? 1 : 0);
  if (user.end + quote(user) !== slash.start || slash.end !== password.start - quote(password)) return;
  // The password runs to `@`, a blank or the line's end, whatever characters it holds. Outside an Oracle client's
  // input (read by secrets-commands.ts) only a logon that names a database (`@orcl`) or a role (`AS SYSDBA`) is one:
  // `connect a/b` in other text reads as well as a path (39a-2's accepted rows). A logon that ends its statement
  // is one where its password has a password's mix (64a-4, 65a-7: `connect scott/Tiger9x`), or (66a-9) where it is
  // written as a statement, not a path: the keyword in upper case (`CONNECT scott/tiger1`, `CONN …`), after a `SQL>`
  // prompt, ended by `;`, or its password quoted (`scott/"tiger1"`); `connect rack1/port12` stays a path.
  const after = text.slice(password.start - quote(password), password.start + 512);
  const keyword = text.slice(tokens[0].start, tokens[0].end);
  const statement =
    /^CONN(?:ECT)?$/.test(keyword) || /SQL>[ \t]*$/i.test(text.slice(text.lastIndexOf('\n', tokens[0].start) + 1, tokens[0].start));
  const rest =
    /^("[^"\n]*"|'[^'\n]*'|[^\s@]+)(?=@[\w.:/-]|[ \t]+AS[ \t]+SYS\w+)/i.exec(after) ??
    [/^("[^"\n]*"|'[^'\n]*'|[^\s@;"']+)[ \t]*(;?)[ \t]*(?:\r?\n|$)/.exec(after)].find(
      (end) => !!end && (statement || !!end[2] || /^["']/.test(end[1]) || hasPasswordMix(end[1].replace(/^"|"$/g, ''), 6)),
    );
  if (!rest) return;
  // Quoted in `"…"` or (67a-13) `'…'`: the password is inside.
  const quoted = /^(["']).*\1$/s.test(rest[1]);
  const start = password.start - quote(password) + (quoted ? 1 : 0);
  const value = quoted ? rest[1].slice(1, -1) : rest[1];
  take({ ...password, kind: 'word', value, upper: value.toUpperCase(), start, end: start + value.length });
}

/** A string read as SQL (`EXECUTE '…'`, a DO block's body, `format('… PASSWORD %L', 'pw')`). */
function dynamicPasswords(
  text: string,
  tokens: SqlToken[],
  i: number,
  offset: number,
  depth: number,
  variables: Map<string, [number, number]>,
  found: Found,
): void {
  const literal = tokens[i];
  joinedPassword(tokens, i, variables, found, offset);
  const inner = passwordsIn(literal.value, 0, depth + 1, variables);
  found.variables.push(...inner.variables);
  const raw = text.slice(literal.start, literal.end);
  const quote = literal.quote === '"' ? '"' : "'";
  for (const [start, end] of inner.spans) {
    // The value as written in this literal: its quotes doubled in a '…' or "…" one.
    const value = literal.value.slice(start, end);
    const written = literal.quote === '$' ? value : value.split(quote).join(quote + quote);
    const at = literal.quote === '$' ? start : raw.indexOf(written);
    const base = offset + literal.start;
    found.spans.push(at < 0 ? [base, offset + literal.end] : [base + at, base + at + written.length]);
  }
  if (inner.conversions.length === 0 || tokens[i - 1]?.value !== '(' || tokens[i - 2]?.upper !== 'FORMAT') return;
  const args = formatArguments(tokens, i + 1);
  for (const position of inner.conversions) {
    // The argument a conversion takes: a numbered one's, else the one after the last taken (format()'s rule).
    let next = 0;
    let taken = -1;
    for (const conversion of literal.value.matchAll(CONVERSION)) {
      taken = conversion[1] !== undefined ? Number(conversion[1]) - 1 : next;
      next = taken + 1;
      if (conversion.index >= position) break;
    }
    const argument = taken >= 0 ? args[taken] : undefined;
    // A literal, or a variable set to one: `format('… %L', pw)` quotes a PL/pgSQL variable's value (48a-15).
    if (argument?.kind === 'word' || argument?.kind === 'param') passwordParam(argument, variables, found);
    else if (argument && isPassword(argument)) found.spans.push([offset + argument.start, offset + argument.end]);
  }
}

/** The literal (or variable set to one) joined on to the string at `i` as its password (sql-concatenations.ts). */
function joinedPassword(
  tokens: SqlToken[],
  i: number,
  variables: Map<string, [number, number]>,
  found: Found,
  offset: number,
  commas = false,
): void {
  const joined = concatenatedPassword(tokens, i, commas);
  if (joined?.kind === 'word' || joined?.kind === 'param') passwordParam(joined, variables, found);
  else if (joined && isPassword({ ...joined, value: joined.value.replace(/^'(.*)'$/s, '$1') }))
    found.spans.push([offset + joined.start, offset + joined.end]);
}

/** The single-token arguments after a format string (`, 'a', 'b')`), by index; a quoting function's literal (`quote_literal('a')`) as it. */
function formatArguments(tokens: SqlToken[], from: number): Array<SqlToken | undefined> {
  const args: Array<SqlToken | undefined> = [];
  for (let i = from; i + 1 < tokens.length && tokens[i].value === ','; i += 2) {
    const quoted = quotedArgument(tokens, i + 1);
    if (quoted) i += 3;
    const next = tokens[i + 2];
    args.push(next === undefined || next.value === ',' || next.value === ')' ? (quoted ?? tokens[i + 1]) : undefined);
    if (next?.value !== ',') break;
  }
  return args;
}

/** `quote_literal('a')`, `quote_nullable(a)`, `QUOTENAME(N'a')` at `i`: its one argument. */
function quotedArgument(tokens: SqlToken[], i: number): SqlToken | undefined {
  const [name, open, argument, close] = tokens.slice(i, i + 4);
  return name?.kind === 'word' && /^QUOTE_(?:LITERAL|NULLABLE)$|^QUOTENAME$/.test(name.upper) && open?.value === '(' && close?.value === ')'
    ? argument
    : undefined;
}

/** A literal that sets a password: not empty, not a reference or placeholder. */
function isPassword(token: SqlToken): boolean {
  const value = token.value.trim();
  if (!value || NOT_A_PASSWORD.test(value) || isPlaceholder(value) || isCommandReference(value)) return false;
  if (token.kind === 'word' && NOT_A_PASSWORD.test(token.upper)) return false;
  return !/^(?:\?|%s|\$\d+|:['"]?\w+['"]?|@\w+|&&?\w+\.?)$/.test(value);
}
