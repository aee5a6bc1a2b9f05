import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-50 findings 50a-3 (an INI/TOML section named by a plural, `[secrets]`, `[Secrets]`, `[secrets.prod]`,
 * `[[secrets]]`: core/secret-sections.ts reads a plural part by its singular), 50a-4 (a typed declaration's plain
 * literal: Rust's `let secret: &str = "…"`, `static SECRET: &'static str`, Go's `var secret string = "…"`:
 * core/literal-wrappers.ts) and 50a-8 (signing keys as bytes or wrapped: `jwt.encode(p, b"…")`, `hmac.new(b"…", …)`,
 * `Algorithm.HMAC256("…")`, `SignedString([]byte("…"))`, `Buffer.from('…')` (core/signing-key-calls.ts); `strdup("…")`
 * and `String.format("%s", "…")` under a secret's name (core/literal-wrappers.ts); `jwtKey`/`hmacKey` are secret
 * names as `JWT_KEY` was (core/secrets-keys.ts); Go's `x := call()` and `[]byte(<code>)` read as code (code-references.ts)).
 */
const S = 'Zq9xWvT7pLm2';
const { acceptedTable } = falseRefusalTables(S);

const sections: ReadonlyArray<readonly [string, string, string]> = [
  ['[secrets]', `[secrets]\ndb = ${S}`, S],
  ['[Secrets]', `[Secrets]\nAdmin=${S}`, S],
  ['[secrets.prod]', `[secrets.prod]\ndb = ${S}`, S],
  ['[[secrets]] with name and value', `[[secrets]]\nname = "db"\nvalue = "${S}"`, S],
  ['[app.secrets]', `[app.secrets]\napi = "${S}"`, S],
];

const typed: ReadonlyArray<readonly [string, string, string]> = [
  ['Go var secret string', `var secret string = "${S}"`, S],
  ['Go var password string', `var password string = "${S}"`, S],
  ['Go var apiToken string', `var apiToken string = "${S}"`, S],
  ['Rust let secret: &str', `let secret: &str = "${S}";`, S],
  ['Rust let password: &str', `let password: &str = "${S}";`, S],
  ['Rust static SECRET: &str', `static SECRET: &str = "${S}";`, S],
  ["Rust static SECRET: &'static str", `static SECRET: &'static str = "${S}";`, S],
  ['Rust const JWT_SECRET: &str', `const JWT_SECRET: &str = "${S}";`, S],
];

const keys: ReadonlyArray<readonly [string, string, string]> = [
  ['PyJWT key as bytes', `jwt.encode(payload, b"${S}")`, S],
  ['hmac.new of bytes', `hmac.new(b"${S}", msg, hashlib.sha256)`, S],
  ['hmac.new of an encoded literal', `hmac.new("${S}".encode(), msg, "sha256")`, S],
  ['hmac.new of bytes(…, "utf-8")', `hmac.new(bytes("${S}", "utf-8"), msg, hashlib.sha256).hexdigest()`, S],
  ['java-jwt Algorithm.HMAC256', `JWT.create().withIssuer("a").sign(Algorithm.HMAC256("${S}"));`, S],
  ['golang-jwt SignedString([]byte(…))', `jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString([]byte("${S}"))`, S],
  ['jsonwebtoken Buffer.from', `jwt.sign({ sub: 1 }, Buffer.from('${S}'))`, S],
  ['jose TextEncoder', `const t = jwt.sign(payload, new TextEncoder().encode("${S}"))`, S],
  ['Go hmac.New', `mac := hmac.New(sha256.New, []byte("${S}"))`, S],
  ['Node createHmac', `crypto.createHmac('sha256', '${S}').update(body).digest('hex')`, S],
  ['Ruby OpenSSL::HMAC.hexdigest', `OpenSSL::HMAC.hexdigest('SHA256', '${S}', data)`, S],
  ['PHP hash_hmac', `hash_hmac('sha256', $data, '${S}');`, S],
  ['jjwt Keys.hmacShaKeyFor', `Keys.hmacShaKeyFor("${S}".getBytes(StandardCharsets.UTF_8))`, S],
  ['Java SecretKeySpec', `new SecretKeySpec("${S}".getBytes(), "HmacSHA256")`, S],
  ['jjwt signWith', `Jwts.builder().signWith(SignatureAlgorithm.HS256, "${S}").compact()`, S],
  ['C strdup', `char *password = strdup("${S}");`, S],
  ['C strdup under secret', `char *secret = strdup("${S}");`, S],
  ['Java String.format("%s", …)', `var secret = String.format("%s", "${S}");`, S],
  ['Go fmt.Sprintf("%s", …)', `secret := fmt.Sprintf("%s", "${S}")`, S],
  ['Go jwtKey := []byte(…)', `jwtKey := []byte("${S}")`, S],
  ['Node hmacKey = Buffer.from(…)', `const hmacKey = Buffer.from('${S}', 'utf8');`, S],
];

describe('50a-3/4/8: plural secret sections, typed declarations and signing keys as bytes are refused', () => {
  refusedTextRows([...sections, ...typed, ...keys]);
});

describe('50a-3/4/8 controls: references, roles, names of secrets, keys read at run time are accepted', () => {
  acceptedTable([
    '[secrets]\nprovider = "vault"\npath = "/run/secrets/app"',
    '[secrets]\ndb = "${DB_PASSWORD}"',
    '[[secrets]]\nname = "db"\nfile = "./db.txt"',
    '[secrets]\nenabled = true',
    '[secrets]\ndb = "<db password>"',
    '[secrets]\nsource = "env"\nprefix = "APP_"',
    'The [secrets] section holds references only.',
    'let secret: &str = "";',
    'let secret: &str = &env::var("SECRET").unwrap();',
    'var secret string = os.Getenv("SECRET")',
    'const secret: string = process.env.SECRET ?? "";',
    'let secret: String = String::new();',
    'var secretName string = "db-credentials"',
    'var password string = "${PASSWORD}"',
    'let token: &str = "<token>";',
    'var name string = "Zq9xWvT7pLm2"',
    'jwt.encode(payload, key, algorithm="HS256")',
    'hmac.new(key, msg, hashlib.sha256)',
    'hmac.new(os.environ["K"].encode(), msg, "sha256")',
    'Algorithm.HMAC256(secret)',
    'Algorithm.HMAC256(System.getenv("JWT_SECRET"))',
    'token.SignedString([]byte(os.Getenv("JWT_SECRET")))',
    'token.SignedString(key)',
    'jwt.sign(p, Buffer.from(process.env.JWT_SECRET))',
    'jwt.sign(p, config.get("jwt_secret"))',
    "crypto.createHmac('sha256', secret)",
    "crypto.createHash('sha256').update('abc')",
    'mac := hmac.New(sha256.New, key)',
    'hash_hmac("sha256", $data, $key);',
    'new SecretKeySpec(keyBytes, "HmacSHA256")',
    'char *name = strdup("bob");',
    'char *password = strdup(getenv("PW"));',
    'var msg = String.format("%s", "hello");',
    'var secret = String.format("%s", secretValue);',
    'label := fmt.Sprintf("%s", "password")',
    'Sign with hmac.new(key, msg) and keep the key in a Secret.',
    'jwtKey := []byte(os.Getenv("JWT_KEY"))',
    'password := []byte(os.Getenv("PW"))',
    'jwtKey := loadKey()',
    'signingKey := loadKey(ctx)',
    'hmac_key_file = /etc/hmac.key',
  ]);
});

// `node -e` timings of the same texts at 1 MB are in the branch's report.
describe('hostile near-misses stay cheap', () => {
  test.each(hostile.signingKeys52(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
