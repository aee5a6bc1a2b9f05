import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedRows, refusedTextRows } from './secret-tables';

/**
 * Round-51 findings 51a-3 (TOML's dotted keys and inline tables under a secret name are read as the `[secrets]`
 * section is: core/secret-sections.ts; a YAML or JSON `secrets:` map of literal values, and XML's `<secrets>` leaves,
 * as well: core/secret-maps.ts, core/secrets-xml.ts; references, file paths, Compose definitions and lists of names
 * stay accepted) and 51a-5 (HMAC and JWT keys made by key makers of other languages, or made bytes by their wrappers:
 * core/signing-key-calls.ts; `new TextEncoder().encode('…')` under a secret's name: core/literal-wrappers.ts).
 */
const S = 'Zx9Qw7Lp3VbKs';
const { acceptedTable } = falseRefusalTables(S);

const toml: ReadonlyArray<readonly [string, string, string]> = [
  ['a dotted key at the top', `secrets.stripe = "${S}"`, S],
  ['a dotted key under [app]', `[app]\nsecrets.stripe = "${S}"`, S],
  ['an inline table', `secrets = { stripe = "${S}" }`, S],
  ['an inline table, the secret second', `secrets = { provider = "local", stripe = "${S}" }`, S],
  ['a dotted key below a label', `app.secrets.prod.stripe = '${S}'`, S],
  ['an inline table under a dotted name', `[app]\napp.secrets = { stripe = "${S}" }`, S],
  ['a properties file dotted key', `credentials.stripe=${S}`, S],
];

const keys: ReadonlyArray<readonly [string, string, string]> = [
  ['jose SignJWT with TextEncoder', `await new SignJWT(p).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('${S}'))`, S],
  ['TextEncoder under a secret name', `const secret = new TextEncoder().encode('${S}');`, S],
  ['C# new HMACSHA256', `var h = new HMACSHA256(Encoding.UTF8.GetBytes("${S}"));`, S],
  ['C# SymmetricSecurityKey', `new SymmetricSecurityKey(Encoding.UTF8.GetBytes("${S}"))`, S],
  ['Rust HmacSha256::new_from_slice', `let mac = HmacSha256::new_from_slice(b"${S}").unwrap();`, S],
  ['Rust Hmac::<Sha256>::new_from_slice', `let mac = Hmac::<Sha256>::new_from_slice(b"${S}").unwrap();`, S],
  ['Rust EncodingKey::from_secret', `encode(&Header::default(), &claims, &EncodingKey::from_secret(b"${S}"))`, S],
  ['Kotlin SecretKeySpec toByteArray', `init(SecretKeySpec("${S}".toByteArray(), "HmacSHA256"))`, S],
  ['Swift SymmetricKey(data:)', `let key = SymmetricKey(data: Data("${S}".utf8))`, S],
  ['Dart Hmac(sha256, utf8.encode)', `var hmac = Hmac(sha256, utf8.encode('${S}'));`, S],
  ['Elixir Joken.Signer.create', `Joken.Signer.create("HS256", "${S}")`, S],
  ['itsdangerous URLSafeTimedSerializer', `s = URLSafeTimedSerializer('${S}')`, S],
  ['itsdangerous TimestampSigner', `s = TimestampSigner('${S}')`, S],
  ['Django Signer(key=…)', `signer = Signer(key='${S}', salt='x')`, S],
  ['pyca HMAC(b…, hashes.SHA256())', `mac = HMAC(b"${S}", hashes.SHA256())`, S],
  ['Python hmac.new(key=b…)', `hmac.new(key=b'${S}', msg=m, digestmod='sha256')`, S],
];

describe('51a-3/5: TOML dotted keys and inline tables under a secret name, and keys given to key makers, are refused', () => {
  refusedTextRows([...toml, ...keys]);
});

describe('51a-3: a secrets map of literal values in YAML, JSON or XML is refused as a [secrets] section is', () => {
  refusedRows([
    ['a YAML secrets map', `secrets:\n  stripe: ${S}`, S],
    ['a YAML secrets map of maps', `secrets:\n  prod:\n    stripe: "${S}"`, S],
    ['a YAML secrets list of a generated value', `secrets:\n  - ${S}`, S],
    ['a JSON secrets map', `{"secrets": {"stripe": "${S}"}}`, S],
    ['a JSON Secrets map in a list', `[{"Secrets": {"stripe": "${S}"}}]`, S],
    ['an XML secrets element', `<secrets><stripe>${S}</stripe></secrets>`, S],
    ['an XML secrets element of elements', `<config><secrets><prod><stripe>${S}</stripe></prod></secrets></config>`, S],
  ]);
});

describe('51a-3/5 controls: references, paths, roles, lists of names and keys read at run time are accepted', () => {
  acceptedTable([
    'secrets.provider = "vault"',
    'secrets = { provider = "vault", path = "secret/app" }',
    'secrets = { db = "${DB_PASSWORD}" }',
    'secrets.db = "/run/secrets/db"',
    'secrets.db = "./db.txt"',
    '[secrets]\ndb = "/run/secrets/db"',
    'password.min_length = 12',
    'token.expiration = 3600',
    'auth.token.lifetime = 1h',
    'credentials.profile = default',
    'spring.cloud.kubernetes.secrets.enabled=true',
    'spring.cloud.kubernetes.secrets.paths=/etc/secrets',
    'spring.cloud.kubernetes.secrets.name=my-secret',
    'spring.cloud.kubernetes.secrets.labels.app=myapp',
    'The secrets.stripe = value is set in the vault.',
    'services:\n  web:\n    image: nginx\n    secrets:\n      - db_password\n      - source: api_key\n        target: server.cert\n        uid: "103"\n        mode: 0440',
    'secrets:\n  db_password:\n    file: ./db_password.txt\n  api_key:\n    environment: API_KEY\n  ext:\n    external: true',
    'jobs:\n  call:\n    uses: ./.github/workflows/y.yml\n    secrets: inherit',
    'on:\n  workflow_call:\n    secrets:\n      stripe:\n        description: The Stripe key\n        required: false',
    'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: build-robot\nsecrets:\n  - name: build-robot-secret',
    'secrets:\n  create: true\n  annotations: {}\n  existingSecret: ""\n  mountPath: /etc/secrets',
    '{"containerDefinitions": [{"name": "web", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/db"}]}]}',
    'pipeline:\n  build:\n    image: alpine\n    secrets: [docker_username, docker_password]',
    'secrets:\n  db: ${DB_PASSWORD}\n  path: /run/secrets/app',
    '<secrets><secret name="db" file="./db.txt"/></secrets>',
    '<secrets><provider>vault</provider><path>secret/app</path></secrets>',
    '<secrets><db>${DB_PASSWORD}</db></secrets>',
    'var h = new HMACSHA256(key);',
    'let mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();',
    'EncodingKey::from_secret(std::env::var("JWT_SECRET").unwrap().as_bytes())',
    'SecretKeySpec(key.toByteArray(), "HmacSHA256")',
    'let key = SymmetricKey(size: .bits256)',
    'var hmac = Hmac(sha256, key);',
    'Joken.Signer.create("HS256", System.get_env("SECRET"))',
    "s = URLSafeTimedSerializer(app.config['SECRET_KEY'], salt='cookie-session')",
    'signer = TimestampSigner(os.environ["KEY"])',
    "const bytes = new TextEncoder().encode('hello world');",
    'await new SignJWT(p).setProtectedHeader({ alg: "HS256" }).sign(secret)',
    'Mac.getInstance("HmacSHA256")',
    'HmacUtils.hmacSha256Hex(key, "payload")',
    'SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")',
    'kms.Signer("projects/p/locations/l/keyRings/r/cryptoKeys/k")',
    'Use new HMACSHA256(key) with a key from the vault.',
    'new SecretKeySelector("password", "db-secret", false)',
    'client.V1SecretKeySelector(name="db", key="password")',
    'HmacAuthenticator("api")',
    'SymmetricKeyAlgorithm("AES256")',
    'mac = HMAC(key, hashes.SHA256())',
  ]);
});

// `node -e` timings of the same texts at 1 MB are in the branch's report.
describe('hostile near-misses stay cheap', () => {
  test.each(hostile.secretKeyMaps53(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
