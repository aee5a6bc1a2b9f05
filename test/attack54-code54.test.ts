import { falseRefusalTables, refusedRows, refusedTextRows } from './secret-tables';

/**
 * Round-52 findings 52a-6 (SQL: PostgreSQL `OPTIONS (SET password '…')` and `ALTER DATABASE … SET app.jwt_secret TO
 * '…'`, Neo4j `SET PASSWORD '…'`, SAP HANA's unquoted `PASSWORD pw`, SQLCipher `PRAGMA key|rekey`, MongoDB
 * `db.changeUserPassword`), 52a-7 (C calls passing a password or key by position), 52a-8 (cipher and key derivation
 * calls, a Go jwt Keyfunc, cookieParser, keyring, Rails' `config.secret_key_base`), 52a-9 (Clojure/EDN maps, Erlang
 * tuples, Nix indented strings), 52a-15 (a secret assembled from shell variables or decoded by atob), and round 53's
 * SQL limits (`SET @pw = @in + '…'`, `WHERE password = '…'`).
 */
const S = 'Qz7vTq2mWx9pLk4r';
const { acceptedTable } = falseRefusalTables(S);

const sql: ReadonlyArray<readonly [string, string, string]> = [
  ['ALTER SERVER OPTIONS (SET password …)', `ALTER SERVER remote OPTIONS (SET password '${S}');`, S],
  ['ALTER DATABASE … SET app.jwt_secret TO', `ALTER DATABASE app SET app.jwt_secret TO '${S}';`, S],
  ['ALTER ROLE … SET app.api_token =', `ALTER ROLE web SET app.api_token = '${S}';`, S],
  ['Neo4j CREATE USER … SET PASSWORD', `CREATE USER bob SET PASSWORD '${S}' CHANGE NOT REQUIRED`, S],
  ['Neo4j ALTER USER … SET PLAINTEXT PASSWORD', `ALTER USER bob SET PLAINTEXT PASSWORD '${S}'`, S],
  ['Neo4j ALTER CURRENT USER … FROM … TO', `ALTER CURRENT USER SET PASSWORD FROM 'old' TO '${S}'`, S],
  ['SAP HANA unquoted PASSWORD', `CREATE USER u PASSWORD ${S} NO FORCE_FIRST_PASSWORD_CHANGE;`, S],
  ['SAP HANA ALTER USER … PASSWORD', `ALTER USER u PASSWORD ${S};`, S],
  ['SQLCipher PRAGMA key', `PRAGMA key = '${S}';`, S],
  ['SQLCipher PRAGMA rekey', `PRAGMA rekey = '${S}';`, S],
  ['SQLCipher PRAGMA key("…")', `PRAGMA main.key("${S}");`, S],
  ['SQLCipher ATTACH … KEY', `ATTACH DATABASE 'enc.db' AS enc KEY '${S}';`, S],
  ['MongoDB db.changeUserPassword', `db.changeUserPassword("app", "${S}")`, S],
  ['T-SQL SET @pw = @in + …', `DECLARE @pw NVARCHAR(64); SET @pw = @in + '${S}';`, S],
  ['WHERE password = …', `SELECT * FROM users WHERE password = '${S}'`, S],
  ['AND u.api_token = …', `SELECT id FROM users u WHERE u.name = 'bob' AND u.api_token = '${S}'`, S],
];

const c: ReadonlyArray<readonly [string, string, string]> = [
  ['libssh2_userauth_password', `libssh2_userauth_password(session, "root", "${S}");`, S],
  ['ssh_userauth_password', `ssh_userauth_password(session, NULL, "${S}");`, S],
  ['sqlite3_key', `sqlite3_key(db, "${S}", 16);`, S],
  ['sqlite3_key_v2', `sqlite3_key_v2(db, "main", "${S}", 16);`, S],
  ['OCILogon', `OCILogon(env, err, &svc, "scott", 5, "${S}", 16, "db", 2);`, S],
  ['mosquitto_username_pw_set', `mosquitto_username_pw_set(mosq, "user", "${S}");`, S],
  ['PKCS12_parse', `PKCS12_parse(p12, "${S}", &pkey, &cert, NULL);`, S],
  ['PEM_read_bio_PrivateKey', `PEM_read_bio_PrivateKey(bio, NULL, NULL, "${S}");`, S],
  ['git_credential_userpass_plaintext_new', `git_credential_userpass_plaintext_new(&out, "bob", "${S}");`, S],
  ['keyring.set_password', `keyring.set_password("svc", "user", "${S}")`, S],
  ['keytar.setPassword', `await keytar.setPassword('svc', 'bob', '${S}')`, S],
  ['Django set_password', `user.set_password("${S}")`, S],
  ['a setter named like a secret, any library', `client = Client.builder().with_api_key("${S}").build()`, S],
  ['an encryption key setter', `engine.setEncryptionKey("${S}")`, S],
];

const keys: ReadonlyArray<readonly [string, string, string]> = [
  ['Fernet', `Fernet(b"${S}")`, S],
  ['AES.new', `AES.new(b"${S}", AES.MODE_GCM)`, S],
  ['AESGCM', `AESGCM(b"${S}")`, S],
  ['crypto.createCipheriv', `crypto.createCipheriv('aes-256-cbc', '${S}${S}', iv)`, S],
  ['createDecipheriv', `createDecipheriv("aes-128-gcm", Buffer.from("${S}"), iv)`, S],
  ['new PBEKeySpec', `new PBEKeySpec("${S}".toCharArray(), salt, 65536, 256)`, S],
  ['hashlib.pbkdf2_hmac', `hashlib.pbkdf2_hmac("sha256", b"${S}", salt, 100000)`, S],
  ['crypto.scryptSync', `crypto.scryptSync('${S}', 'salt', 32)`, S],
  ['crypto.pbkdf2Sync', `crypto.pbkdf2Sync('${S}', salt, 1000, 32, 'sha256')`, S],
  ['Go pbkdf2.Key', `pbkdf2.Key([]byte("${S}"), salt, 4096, 32, sha1.New)`, S],
  ['Go jwt Keyfunc', `jwt.Parse(t, func(t *jwt.Token) (interface{}, error) { return []byte("${S}"), nil })`, S],
  ['cookieParser', `app.use(cookieParser('${S}'))`, S],
  [
    'C# bytes made in one statement, the key in another',
    `var bytes = Encoding.UTF8.GetBytes("${S}");\nvar key = new SymmetricSecurityKey(bytes);`,
    S,
  ],
  ['Go key := []byte, then hmac.New', `key := []byte("${S}")\nh := hmac.New(sha256.New, key)`, S],
  ['Python key = b"…", then AES.new', `key = b"${S}"\ncipher = AES.new(key, AES.MODE_GCM)`, S],
  ['openssl_encrypt', `openssl_encrypt($data, 'aes-256-cbc', '${S}', 0, $iv)`, S],
  ['CryptoJS.AES.encrypt', `CryptoJS.AES.encrypt(msg, '${S}')`, S],
];

const maps: ReadonlyArray<readonly [string, string, string]> = [
  ['Clojure {:password …}', `{:password "${S}"}`, S],
  ['Clojure {:db-password …}', `{:db-password "${S}"}`, S],
  ['Clojure namespaced keyword', `{:user "bob", :db/password "${S}"}`, S],
  ['EDN string key', `{"password" "${S}"}`, S],
  ['EDN string key after another pair', `{"user" "bob" "api_token" "${S}"}`, S],
  ['Erlang {password, "…"}', `{password, "${S}"}`, S],
  ['Erlang {password, <<"…">>}', `{password, <<"${S}">>}`, S],
  ['Elixir {:password, "…"}', `[{:username, "bob"}, {:password, "${S}"}]`, S],
  ['Nix indented string', `password = ''\n  ${S}\n'';`, S],
  ['shell pieces joined', `P1=Qz7vTq2m\nP2=Wx9pLk4r\nDB_PASSWORD=$P1$P2`, 'Wx9pLk4r'],
  ['shell pieces quoted and braced', `export A='Qz7vTq2m'\nexport B="Wx9pLk4r"\nAPI_TOKEN="\${A}\${B}"`, 'Wx9pLk4r'],
  ['JS atob', `const password = atob('UXo3dlRxMm1XeDlwTGs0cg==');`, 'UXo3dlRxMm1XeDlwTGs0cg=='],
  ['Node Buffer.from base64', `const apiToken = Buffer.from("UXo3dlRxMm1XeDlwTGs0cg==", "base64").toString();`, 'UXo3dlRxMm1XeDlwTGs0cg=='],
];

describe('52a-6/7/8/9/15: SQL settings, C calls, key calls, Lisp/Erlang/Nix maps and assembled secrets are refused', () => {
  refusedTextRows([...sql, ...c, ...keys, ...maps]);
});

describe('52a-8: a member path named like a secret (Rails) is refused at every door', () => {
  refusedRows([
    ['Rails config.secret_key_base', `config.secret_key_base = "${S}"`, S],
    ['Rails.application.config.secret_key_base', `Rails.application.config.secret_key_base = "${S}"`, S],
  ]);
});

describe('52a-6/7/8/9/15 controls: references, code words, algorithm names and secret-free neighbours are accepted', () => {
  acceptedTable([
    "ALTER SERVER remote OPTIONS (SET host 'db.internal');",
    "ALTER DATABASE app SET search_path TO 'app, public';",
    "ALTER DATABASE app SET app.jwt_secret TO '${JWT_SECRET}';",
    'CREATE USER bob SET PASSWORD $pw CHANGE REQUIRED',
    'CREATE USER u PASSWORD EXPIRE;',
    'ALTER USER u PASSWORD HISTORY 5;',
    "PRAGMA key = '';",
    "PRAGMA journal_mode = 'WAL';",
    "SELECT * FROM users WHERE password = ''",
    "SELECT * FROM users WHERE token = 'none'",
    'db.changeUserPassword("app", passwordPrompt())',
    'libssh2_userauth_password(session, user, pw);',
    'sqlite3_key(db, key, 16);',
    'PKCS12_parse(p12, getenv("P12_PASS"), &pkey, &cert, NULL);',
    'keyring.set_password("svc", "user", os.environ["PW"])',
    'keyring.get_password("svc", "user")',
    // `get_token("x7Kq9…")` and `verify_password("x7Kq9…", hash)` are refused since near54's catch-all (a secret's name and
    // a generated literal on one line, 52a-5): a literal that looks generated beside a secret's name is taken for one.
    'builder.setKeyId("x7Kq9mZ2pL4vQ8rT")',
    'client.setTokenUrl("https://auth.example.com/oauth2/token")',
    'client.with_api_key("changeme")',
    'Fernet(key)',
    'Fernet(os.environ["FERNET_KEY"].encode())',
    'AES.new(key, AES.MODE_GCM)',
    'key = os.environ["K"]\ncipher = AES.new(key, AES.MODE_GCM)',
    'var bytes = Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable("K"));\nvar key = new SymmetricSecurityKey(bytes);',
    'client.V1SecretKeySelector(name="db", key="password")\nh = HMAC.new(key, msg, SHA256)',
    "crypto.createCipheriv('aes-256-cbc', key, iv)",
    "crypto.scryptSync(password, 'salt', 32)",
    'func handler() ([]byte, error) { return []byte("hello world"), nil }',
    'app.use(cookieParser())',
    'app.use(cookieParser(process.env.COOKIE_SECRET))',
    'config.secret_key_base = ENV["SECRET_KEY_BASE"]',
    'config.cache_store = "redis"',
    '{:password (System/getenv "DB_PASSWORD")}',
    '{:user "bob" :host "db.local"}',
    '{:password ""}',
    '{"host" "db.local"}',
    '{password, os:getenv("PW")}',
    '{user, "bob"}',
    "description = ''\n  A web server.\n'';",
    'P1=foo\nP2=bar\nGREETING=$P1$P2',
    'DB_PASSWORD=$DB_PASSWORD_FROM_VAULT',
    "const greeting = atob('aGVsbG8gd29ybGQ=');",
    'const password = atob(encoded);',
  ]);
});
