import { looksGenerated } from './generated-runs';
import { isSecretKey } from './secrets-keys';
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
 * (`os.environ["PW"]`), a keyword argument (`password=…`, read by the keyword rules) are none, and so are a format
 * (`%s`, `{}`), a reference or a placeholder (`"changeme"`, `"<password>"`), an empty string.
 * Round 68 (68a-19): a literal in the password's place of a call named for credentials is the password whatever it looks
 * like, a dictionary word too (`server.login('ops', 'swordfish')`, `auth=('admin', 'swordfish')`); only a bare
 * `connect` (also Qt's and a socket's), `auth` and `authenticate` (middleware's: `auth("basic")`) still ask for no plain
 * identifier there. Ruby's call without parentheses
 * (`req.basic_auth 'admin', 'swordfish'`, Net::HTTP) is read too.
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const CALL_CREDENTIAL =
  "a password given as a call's argument (connect(host, user, …), getConnection, new PDO, mysqli, login(user, …), " +
  "HTTPBasicAuth, NetworkCredential, an auth=(user, …) pair, C's mysql_real_connect, PQsetdbLogin, SQLConnect, " +
  'libssh2_userauth_password, sqlite3_key, OCILogon, PKCS12_parse, db.changeUserPassword, keyring.set_password, ' +
  'smtp.PlainAuth, ftplib.FTP, ldap3.Connection, redis.Redis, CommunityData, UsmUserData)';

/**
 * 54: more calls that take a password or key by position, each with its argument's index (each library's documented
 * signature): libssh2's `libssh2_userauth_password(session, user, pw)` (libssh2.org/libssh2_userauth_password.html),
 * libssh's `ssh_userauth_password(session, user, pw)` (api.libssh.org), SQLCipher's `sqlite3_key(db, key, n)` and
 * `sqlite3_rekey`, `sqlite3_key_v2(db, name, key, n)`, Oracle OCI's `OCILogon(env, err, &svc, user, n, pw, n, db, n)`
 * (and `OCILogon2`), Mosquitto's `mosquitto_username_pw_set(m, user, pw)`, OpenSSL's `PKCS12_parse(p12, pass, …)`,
 * `PKCS12_create(pass, …)`, `PKCS8_decrypt(p8, pass, n)`, `PKCS5_PBKDF2_HMAC(pass, n, …)`, `PEM_read_bio_PrivateKey(bp,
 * x, cb, pass)`, `SSL_CTX_set_default_passwd_cb_userdata(ctx, pass)`, libssh's `ssh_pki_import_privkey_base64|file(k,
 * pass, …)`, libgit2's `git_cred[ential]_userpass_plaintext_new(&out, user, pw)`, libzip's `zip_set_default_password(z,
 * pw)`, MySQL's `mysql_change_user(c, user, pw, db)`, MongoDB's `db.changeUserPassword(user, pw)`
 * (mongodb.com/docs/manual/reference/method/db.changeUserPassword), Python keyring's `set_password(service, user, pw)`
 * and Node keytar's `setPassword(service, account, pw)` (a setter's last argument: Django's `user.set_password(pw)`).
 * 70a-18: Go's `smtp.PlainAuth(identity, user, pw, host)` and `smtp.CRAMMD5Auth(user, secret)` (pkg.go.dev/net/smtp),
 * Python's `ftplib.FTP(host, user, passwd)` and `FTP_TLS` (docs.python.org/3/library/ftplib.html), redis-py's
 * `Redis(host, port, db, password)` and `StrictRedis` (redis-py.readthedocs.io connections), pysnmp's
 * `UsmUserData(userName, authKey, privKey)` (its auth key here, its priv key in SECOND_SECRET_INDEX).
 */
const POSITIONAL_INDEX: Readonly<Record<string, number>> = {
  libssh2_userauth_password: 2,
  ssh_userauth_password: 2,
  sqlite3_key: 1,
  sqlite3_rekey: 1,
  sqlite3_key_v2: 2,
  sqlite3_rekey_v2: 2,
  ocilogon: 5,
  ocilogon2: 5,
  mosquitto_username_pw_set: 2,
  pkcs12_parse: 1,
  pkcs12_create: 0,
  pkcs8_decrypt: 1,
  pkcs5_pbkdf2_hmac: 0,
  pkcs5_pbkdf2_hmac_sha1: 0,
  pem_read_bio_privatekey: 3,
  pem_read_privatekey: 3,
  ssl_ctx_set_default_passwd_cb_userdata: 1,
  ssh_pki_import_privkey_base64: 1,
  ssh_pki_import_privkey_file: 1,
  git_cred_userpass_plaintext_new: 2,
  git_credential_userpass_plaintext_new: 2,
  zip_set_default_password: 1,
  mysql_change_user: 2,
  changeuserpassword: 1,
  set_password: 2,
  setpassword: 2,
  plainauth: 2,
  crammd5auth: 1,
  ftp: 2,
  ftp_tls: 2,
  redis: 3,
  strictredis: 3,
  usmuserdata: 1,
};
/** 70a-18: pysnmp's `UsmUserData(userName, authKey, privKey)` holds a second key (pysnmp.readthedocs.io hlapi UsmUserData). */
const SECOND_SECRET_INDEX: Readonly<Record<string, number>> = { usmuserdata: 2 };
const POSITIONAL = Object.keys(POSITIONAL_INDEX).join('|');

/** A call taking credentials by position: its name (the last of a dotted name, a `[type]::new`'s type) and its `(`. */
const CALL = new RegExp(
  String.raw`(?<![\w$])(?:(connect|real_connect|mysql_real_connect|mysqli_real_connect|PQsetdbLogin|SQLConnect[AW]?|ldap_simple_bind(?:_s)?|ldap_bind_s|mysqli_connect|mysql_connect|mssql_connect|odbc_connect|oci_connect|getConnection|PDO|mysqli|login|ftp_login|ssh2_auth_password|ldap_bind|auth|authenticate|pass_|simple_bind_s?|Connection|CommunityData|\w*(?:Basic|Digest|Proxy)_?Auth|NetworkCredential|PSCredential|UsernamePasswordCredentials|PasswordAuthentication|UsernamePasswordAuthenticationToken|SMBConnection|${POSITIONAL})(?:\]::new)?[ \t]*\(|(basic_auth|digest_auth|proxy_basic_auth)[ \t]+(?=["']))`,
  'gi',
);

/**
 * The password's argument index in such a call, by its name in lower case and its arguments: a connect's third (the
 * fourth after a port number: paramiko), a DataSource's `getConnection(user, pw)` second; PHP's functions taking a
 * connection first (`ftp_login($c, user, pw)`, `ssh2_auth_password`, `ldap_bind($c, dn, pw)`) third; a lone argument of
 * `auth(pw)` (Redis) or POP3's `pass_(pw)` the first; the second elsewhere (`login(user, pw)`, credentials).
 */
function passwordIndex(name: string, args: readonly Argument[]): number {
  // A setter's last (Django's `user.set_password(pw)`, keyring's third): a password setter takes it last.
  if (name === 'set_password' || name === 'setpassword') return Math.min(Math.max(args.length - 1, 0), 2);
  if (name in POSITIONAL_INDEX) return POSITIONAL_INDEX[name];
  if (/^(?:connect|real_connect|mysqli_connect|mysql_connect|mssql_connect|odbc_connect|pdo|mysqli)$/.test(name))
    return args[1]?.number ? 3 : 2;
  if (name === 'getconnection') return args.length === 2 ? 1 : 2;
  // 70a-18: ldap3's `Connection(server, user, password)` (ldap3.readthedocs.io connection), kombu's and py-amqp's
  // `Connection(host, userid, password)` alike; pysnmp's `CommunityData(communityIndex, communityName)`, whose lone
  // argument is the community name (pysnmp.readthedocs.io hlapi CommunityData).
  if (name === 'connection') return 2;
  if (name === 'communitydata') return args[1]?.literal ? 1 : 0;
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
      // The call's end: its `)`, or its line's for Ruby's call without parentheses (`limit`).
      if (text[i] === ',' || text[i] === ')' || i === limit) {
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
 * A literal that is a password: setsSecret's judgement (a reference, a placeholder are none), and not a format's
 * conversion or a placeholder's braces. `code`: where the call's name is generic or the literal may be code's own words
 * (a setter named like a secret, a bare `connect`), an identifier without digits (`"secret"`) or prose is none too.
 */
function isPasswordLiteral(value: string, code = false): boolean {
  if (!value || /%[-+ #0-9.]*[sdifx]|\{\w*\}|^<[^<>]*>$/.test(value)) return false;
  if (code && (/^[A-Za-z_][A-Za-z_.-]*$/.test(value) || /^[A-Za-z_]+(?:[ \t]+[A-Za-z_]+[.,:!?]?)+$/.test(value))) return false;
  let verdict = verdicts.get(value);
  if (verdict === undefined) {
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(value, (verdict = setsSecret('password', JSON.stringify(value))));
  }
  return verdict;
}

/** Each literal's verdict, once (a text of many calls repeats its literals: `login('a', 'b')` a thousand times). */
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 4096;

/** Calls whose name is also middleware's (`app.use(auth("basic"))`, `passport.authenticate("local")`): a word there is code's. */
const CODE_NAMED = /^(?:auth|authenticate)$/;

/**
 * A bare `connect`'s identifier is code (Qt's signals and slots, a socket's protocol) unless it mixes cases and digits;
 * so is a `Connection`'s (70a-18: the name is many libraries' own). An SNMP community `public` or `private` is the
 * documented default every agent ships, no secret (command-rules.ts's `snmpwalk -c` row alike).
 */
const isConnectPassword = (value: string): boolean =>
  (!/^[A-Za-z_][\w.-]*$/.test(value) || (/[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value))) && isPasswordLiteral(value, true);

/**
 * 54: any other call named like a secret's setter or maker (`setPassword`, `with_api_key`, `useToken`, `SecretKey`,
 * `ApiToken`), whatever its library: a literal argument that looks generated (generated-runs.ts: not a chosen name, a
 * label or a word) is the secret. A getter, a check or a reader named so (`getToken("…")`, `verify_password`,
 * `delete_secret`, `read_key`) is given a name or a value to compare, not a secret to keep: none; nor is a name that
 * names no secret as a key (`publicKey`, `keyId`, `tokenUrl`: secrets-keys.ts).
 */
const NAMED_CALL = /(?<![\w$])([A-Za-z_]\w{0,63}?(?:pass(?:word|wd|phrase)?|pwd|secret|token|key|credential|cipher)\w{0,32})[ \t]*\(/gi;
const NOT_A_SETTER =
  /^(?:get|fetch|read|load|lookup|find|has|is|delete|remove|revoke|list|describe|check|verify|validate|compare|parse|print|log|hash|gen(?:erate)?|random|rotate|expire|refresh|count|format|to|from|parse|split|strip|mask|redact|hide|clear|reset|forgot|request|prompt|ask|input|show|display|render)(?=[A-Z_]|$)/i;
const SETTER = /^(?:set|with|use|add|put|store|save|update|change|new|make|create|init)(?=[A-Z_])_?/;

function namedCallSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let budget = 4 * text.length + MAX_CALL;
  for (const match of text.matchAll(NAMED_CALL)) {
    if (budget <= 0) break;
    const name = match[1];
    if (NOT_A_SETTER.test(name) || !isSecretKey(name.replace(SETTER, ''))) continue;
    const open = match.index + match[0].length;
    const { args, end } = argumentsAt(text, open, Math.min(text.length, open + MAX_CALL, open + budget));
    budget -= end - open + 1;
    for (const arg of args)
      if (arg.literal && looksGenerated(arg.literal.text) && isPasswordLiteral(arg.literal.text, true)) spans.push(arg.literal.span);
  }
  return spans;
}

/** Where a text holds a password given as a call's argument or in an auth pair: the literal's span (inside its quotes). */
export function callCredentialSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!/connect|pdo|mysqli|login|logon|auth|bind|credential|smb|pass|pw_|key|pkcs|ftp|redis|community|usm/i.test(text)) return spans;
  // Together the calls' readings cover at most a few times the text (`connect(connect(connect(…` reads each `(` on).
  let budget = 4 * text.length + MAX_CALL;
  for (const match of text.matchAll(CALL)) {
    const name = (match[1] ?? match[2]).toLowerCase();
    const open = match.index + match[0].length;
    if (budget <= 0) break;
    // Ruby's call without parentheses ends with its line.
    const lineEnd = match[2] === undefined ? text.length : (text.indexOf('\n', open) + 1 || text.length + 1) - 1;
    const { args, end } = argumentsAt(text, open, Math.min(lineEnd, open + MAX_CALL, open + budget));
    budget -= end - open + 1;
    const at = passwordIndex(name, args);
    // Positions count up to the first keyword argument (Python: positional ones come first).
    if (args.slice(0, at + 1).some((arg) => arg.keyword)) continue;
    // An anonymous FTP login's password is an e-mail address by convention, no secret.
    if (/login$|^ftp(?:_tls)?$/.test(name) && args.some((arg) => /^(?:anonymous|ftp)$/i.test(arg.literal?.text ?? ''))) continue;
    for (const index of name in SECOND_SECRET_INDEX ? [at, SECOND_SECRET_INDEX[name]] : [at]) {
      const literal = args[index]?.literal;
      if (!literal || (name === 'communitydata' && /^(?:public|private)$/i.test(literal.text))) continue;
      const password = /^connect(?:ion)?$/.test(name)
        ? isConnectPassword(literal.text)
        : isPasswordLiteral(literal.text, CODE_NAMED.test(name));
      if (password) spans.push(literal.span);
    }
  }
  spans.push(...namedCallSpans(text));
  if (/auth/i.test(text))
    for (const match of text.matchAll(AUTH_PAIR)) {
      const [start, end] = match.indices![2];
      if (isPasswordLiteral(match[2].slice(1, -1))) spans.push([start + 1, end - 1]);
    }
  return spans;
}
