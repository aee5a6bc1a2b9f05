import { setsSecret } from './secrets-text';

/**
 * Attack round 42a-6: a password given as a positional argument of a call that takes credentials, where no name says
 * so: `connect("db.local", "bob", "pw")` (Python DB-API drivers: pymysql, MySQLdb), JDBC's
 * `DriverManager.getConnection(url, "bob", "pw")`, PHP's `new PDO($dsn, 'bob', 'pw')`, `new mysqli("h", "bob", "pw")`,
 * `mysqli_connect(…)`, `login("bob", "pw")` (smtplib, ftplib, imaplib), `HTTPBasicAuth("bob", "pw")` and the other
 * `…BasicAuth`/`…DigestAuth`/`…ProxyAuth` (requests, aiohttp, Go's `SetBasicAuth`), `NetworkCredential("bob", "pw")`
 * (.NET, PowerShell's `[pscredential]::new(…)`), `UsernamePasswordCredentials`, `PasswordAuthentication`; and an auth
 * pair of two literals (`auth=("bob", "pw")`, `http_auth: ["bob", "pw"]`). The password's place is fixed per call: the
 * third argument of a connect (the fourth after a port number: paramiko's `connect("h", 22, "bob", "pw")`), the second
 * of a login or a credential (passwordIndex). Only a literal there counts (for a bare `connect`, whose name is also Qt's and a socket's, one
 * that is no identifier, or one mixing both cases and digits): a variable (`password`), an expression
 * (`os.environ["PW"]`), a keyword argument (`password=…`, read by the keyword rules) are none, and so are code's
 * own words (an identifier without digits: `"secret"`, `"changeme"`), prose, a format (`%s`, `{}`), a reference.
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const CALL_CREDENTIAL =
  "a password given as a call's argument (connect(host, user, …), getConnection, new PDO, mysqli, login(user, …), " +
  "HTTPBasicAuth, NetworkCredential, an auth=(user, …) pair, C's mysql_real_connect, PQsetdbLogin, SQLConnect)";

/** A call taking credentials by position: its name (the last of a dotted name, a `[type]::new`'s type) and its `(`. */
const CALL =
  /(?<![\w$])(connect|real_connect|mysql_real_connect|mysqli_real_connect|PQsetdbLogin|SQLConnect[AW]?|ldap_simple_bind(?:_s)?|ldap_bind_s|mysqli_connect|mysql_connect|mssql_connect|odbc_connect|oci_connect|getConnection|PDO|mysqli|login|ftp_login|ssh2_auth_password|ldap_bind|auth|authenticate|pass_|simple_bind_s?|\w*(?:Basic|Digest|Proxy)_?Auth|NetworkCredential|PSCredential|UsernamePasswordCredentials|PasswordAuthentication|UsernamePasswordAuthenticationToken|SMBConnection)(?:\]::new)?[ \t]*\(/gi;

/**
 * The password's argument index in such a call, by its name in lower case and its arguments: a connect's third (the
 * fourth after a port number: paramiko), a DataSource's `getConnection(user, pw)` second; PHP's functions taking a
 * connection first (`ftp_login($c, user, pw)`, `ssh2_auth_password`, `ldap_bind($c, dn, pw)`) third; a lone argument of
 * `auth(pw)` (Redis) or POP3's `pass_(pw)` the first; the second elsewhere (`login(user, pw)`, credentials).
 */
function passwordIndex(name: string, args: readonly Argument[]): number {
  if (/^(?:connect|real_connect|mysqli_connect|mysql_connect|mssql_connect|odbc_connect|pdo|mysqli)$/.test(name))
    return args[1]?.number ? 3 : 2;
  if (name === 'getconnection') return args.length === 2 ? 1 : 2;
  // C's APIs (51a-4): `mysql_real_connect(conn, host, user, pw, …)` (dev.mysql.com/doc/c-api/8.0/en/mysql-real-connect.html,
  // PHP's mysqli_real_connect alike), libpq's `PQsetdbLogin(host, port, options, tty, db, login, pwd)`, ODBC's
  // `SQLConnect(hdbc, dsn, len, user, len, pw, len)`, OpenLDAP's `ldap_simple_bind_s(ld, who, pw)`.
  if (/^(?:mysql_real_connect|mysqli_real_connect)$/.test(name)) return 3;
  if (name === 'pqsetdblogin') return 6;
  if (/^sqlconnect[aw]?$/.test(name)) return 5;
  if (/^ldap_(?:simple_bind|bind)/.test(name)) return 2;
  if (/^(?:ftp_login|ssh2_auth_password|ldap_bind)$/.test(name)) return 2;
  return (name === 'auth' && args.length === 1) || name === 'pass_' ? 0 : 1;
}

/** An auth pair: a name ending in `auth` (`auth`, `http_auth`, `basic_auth`), `=` or `:`, two literals in `(…)` or `[…]`. */
const QUOTED = String.raw`"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'`;
const AUTH_PAIR = new RegExp(
  String.raw`(?<![\w$])(["']?)\w{0,32}auth\1[ \t]*[=:][ \t]*[(\[][ \t]*(?:[rRuU]?(?:${QUOTED}))[ \t]*,[ \t]*[rRuU]?(${QUOTED})[ \t]*,?[ \t]*[)\]]`,
  'dgi',
);

/** How far a call's arguments are read (characters from its `(`). */
const MAX_CALL = 1024;

/** One argument: a literal's text and span (inside its quotes), a number, or anything else. */
interface Argument {
  literal?: { text: string; span: [number, number] };
  number?: boolean;
  keyword?: boolean;
}

/** A literal at `text[at]` (a quote, maybe after Python's `r`/`u`/`b`): its text, span and end, or undefined. */
function literalAt(text: string, at: number): { text: string; span: [number, number]; end: number } | undefined {
  const prefix = /^[rRuUbB]?["']/.exec(text.slice(at, at + 2));
  if (!prefix) return undefined;
  const quote = text[at + prefix[0].length - 1];
  let i = at + prefix[0].length;
  for (; i < text.length && text[i] !== quote && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
  if (text[i] !== quote) return undefined;
  const start = at + prefix[0].length;
  return { text: text.slice(start, i), span: [start, i], end: i + 1 };
}

/**
 * The arguments of the call whose `(` ends at `from`, up to its `)` (or `limit`): each a literal alone (maybe with
 * `.toCharArray()`/`.encode()` after it), a number, a keyword argument, or anything else (skipped to the next `,` at
 * its depth).
 */
function argumentsAt(text: string, from: number, limit: number): { args: Argument[]; end: number } {
  const args: Argument[] = [];
  let i = from;
  const blanks = (): void => {
    while (i < limit && /\s/.test(text[i])) i++;
  };
  while (i < limit) {
    blanks();
    if (text[i] === ')') break;
    const cast = /^\((?:const[ \t]+)?\w{1,32}[ \t]*\*?\)[ \t]*(?=["'])/.exec(text.slice(i, i + 48)); // C's `(SQLCHAR *)"…"`
    const literal = literalAt(text, i + (cast?.[0].length ?? 0));
    if (literal) {
      i = literal.end;
      const call = /^\.(?:toCharArray|encode|getBytes)\(\)/.exec(text.slice(i, i + 16));
      if (call) i += call[0].length;
      blanks();
      if (text[i] === ',' || text[i] === ')') {
        args.push({ literal });
        if (text[i] === ',') i++;
        continue;
      }
    }
    const start = i;
    for (let depth = 0; i < limit; i++) {
      const c = text[i];
      if (c === '"' || c === "'") i = (literalAt(text, i)?.end ?? i + 1) - 1;
      else if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
    }
    const written = text.slice(start, i).trim();
    args.push({ number: /^\d+$/.test(written), keyword: /^[A-Za-z_]\w*[ \t]*=(?!=)/.test(written) });
    if (text[i] === ',') i++;
    else break;
  }
  return { args, end: i };
}

/**
 * A literal that is a password: setsSecret's judgement, and not code's own words (an identifier without digits), prose
 * (words of letters), a format's conversion or a placeholder's braces.
 */
function isPasswordLiteral(value: string, generic = false): boolean {
  // A generic name's (`connect`: Qt's signals and slots, a socket's protocol) identifier is code unless it mixes cases and digits.
  if (generic && /^[A-Za-z_][\w.-]*$/.test(value) && !(/[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value))) return false;
  if (!value || /^[A-Za-z_][A-Za-z_.-]*$/.test(value) || /^[A-Za-z_]+(?:[ \t]+[A-Za-z_]+[.,:!?]?)+$/.test(value)) return false;
  if (/%[-+ #0-9.]*[sdifx]|\{\w*\}|^<[^<>]*>$/.test(value)) return false;
  return setsSecret('password', JSON.stringify(value));
}

/** Where a text holds a password given as a call's argument or in an auth pair: the literal's span (inside its quotes). */
export function callCredentialSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!/connect|pdo|mysqli|login|auth|bind|credential|smb/i.test(text)) return spans;
  // Together the calls' readings cover at most a few times the text (`connect(connect(connect(…` reads each `(` on).
  let budget = 4 * text.length + MAX_CALL;
  for (const match of text.matchAll(CALL)) {
    const name = match[1].toLowerCase();
    const open = match.index + match[0].length;
    if (budget <= 0) break;
    const { args, end } = argumentsAt(text, open, Math.min(text.length, open + MAX_CALL, open + budget));
    budget -= end - open + 1;
    const at = passwordIndex(name, args);
    // Positions count up to the first keyword argument (Python: positional ones come first).
    if (args.slice(0, at + 1).some((arg) => arg.keyword)) continue;
    // An anonymous FTP login's password is an e-mail address by convention, no secret.
    if (/login$/.test(name) && args.some((arg) => /^(?:anonymous|ftp)$/i.test(arg.literal?.text ?? ''))) continue;
    const literal = args[at]?.literal;
    if (literal && isPasswordLiteral(literal.text, name === 'connect')) spans.push(literal.span);
  }
  if (/auth/i.test(text))
    for (const match of text.matchAll(AUTH_PAIR)) {
      const [start, end] = match.indices![2];
      if (isPasswordLiteral(match[2].slice(1, -1))) spans.push([start + 1, end - 1]);
    }
  return spans;
}
