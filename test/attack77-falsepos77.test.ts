import { secretRefusal, secretsInData } from '../src/core/secrets';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 77 (falsepos77): a secret's name whose last word names a property of it takes a value that fits that property,
 * and that value passes; anything else under the same name stays the secret. 77a-2 an SRI digest under `…_sri`; 77a-7
 * a path or file URL into a secrets directory under a password's name, Terraform's `file("…")`; 77a-21 dates, times
 * and epoch seconds under a time's word, BLAKE2/xxHash digests, a JWT `kid`/`jti`, a git revision. Each accepted row
 * has a refused neighbour, never shown. Rows call the secret reader (secretsInData); a few run every door at once.
 */
const configMap = (data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'app', namespace: 'default' },
  data,
});
const found = (data: Record<string, string>) => secretsInData(configMap(data));

const GENERATED = 'Zq8vLm2Kp9XrWq3nBv8L';
const SRI384 = 'sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb';
const SRI256 = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';
/** 24 random bytes in base64 (32 characters): no digest's length. */
const B64_KEY = 'q3Vx9LmZ2Kp8XrWq3nBv8LzPt7Uv5Rs1';
const BLAKE2B_512 =
  '786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce';
const BLAKE3 = 'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262';
/** Auth0's `kid`: base64url of a certificate's SHA-1 thumbprint written in hex. */
const AUTH0_KID = 'NjVBRjY5MDlCMUIwNzU4RTA2QzZFMDQ4QzQ2MDAyQjVDNjk1RTM2Qg';
/** RFC 7638 section 3.1's example thumbprint. */
const JWK_THUMBPRINT = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs';
/** 40 random bytes in base64url (54 characters, as Auth0's kid), decoding to no hex. */
const B64URL_54 = 'k2Qz9vLmP3xR7tYwQw8vB5nJ4hKs1aDf6gH0jLzXc2Vb8nM7qWe3rT';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const UUID = 'b6c1a3f0-9c2e-4d7a-8f1b-3e5d7a9c2b4f';
const GITHUB_PAT = 'ghp_R8x2LmQ9vK3pZ7wN4tB6yH1cJ5fD0sA2gE8u';

const accepted: ReadonlyArray<readonly [string, string, string]> = [
  // 77a-2
  ['77a-2', 'token_sri', SRI384],
  ['77a-2', 'secret_sri', SRI256],
  ['77a-2', 'API_TOKEN_SRI', SRI384],
  // 77a-7
  ['77a-7', 'password', 'file:///run/secrets/db_password'],
  ['77a-7', 'db_password', '/run/secrets/db_password'],
  ['77a-7', 'DB_PASSWORD', '/var/run/secrets/db/password'],
  ['77a-7', 'secret', '/run/secrets/app_secret'],
  ['77a-7', 'api_token', 'file:///run/secrets/api_token'],
  ['77a-7', 'passphrase', '/run/secrets/tls-passphrase'],
  // 77a-21: times
  ['77a-21', 'password_changed_at', '2024-06-01T12:00:00Z'],
  ['77a-21', 'token_created', '2024-06-01'],
  ['77a-21', 'secret_rotated_on', '2024-06-01'],
  ['77a-21', 'password_last_set', 'Mon, 01 Jun 2024 12:00:00 GMT'],
  ['77a-21', 'token_issued_at', '1717243200'],
  ['77a-21', 'token_not_before', '2024-06-01 12:00:00'],
  ['77a-21', 'secret_updated', 'June 1, 2024'],
  ['77a-21', 'password_rotation_date', '01.06.2024'],
  ['77a-21', 'token_exp', '1767225599'],
  ['77a-21', 'tokenIat', '1717243200123'],
  ['77a-21', 'SECRET_MODIFIED', '2024/06/01'],
  ['77a-21', 'password_set_on', '1 Jun 2024'],
  ['77a-21', 'token_nbf', '2024-06-01T12:00:00.123+02:00'],
  // 77a-21: digests, ids, revisions
  ['77a-21', 'secret_blake2b', BLAKE2B_512],
  ['77a-21', 'token_blake3', BLAKE3],
  ['77a-21', 'secret_xxhash', 'ef46db3751d8e999'],
  ['77a-21', 'password_xxh32', '02cc5d05'],
  ['77a-21', 'token_kid', AUTH0_KID],
  ['77a-21', 'token_kid', JWK_THUMBPRINT],
  ['77a-21', 'jwt_secret_kid', 'signing-2024-06'],
  ['77a-21', 'token_jti', UUID],
  ['77a-21', 'token_jti', '01ARZ3NDEKTSV4RRFFQ69G5FAV'],
  ['77a-21', 'secret_uuid', UUID.toUpperCase()],
  ['77a-21', 'secret_revision', '7c4a8d09ca3762af61e59520943dc26494f8941b'],
  ['77a-21', 'secret_rev', '7c4a8d0'],
  ['77a-21', 'token_commit', '7c4a8d09ca3762af61e59520943dc26494f8941b'],
  ['77a-21', 'secret_revision', '42'],
];

// Each accepted row's nearest real secret, under the same or the nearest name.
const refused: ReadonlyArray<readonly [string, string, string, string]> = [
  // 77a-2
  ['77a-2', 'token_sri', `sha384-${GENERATED}`, GENERATED],
  ['77a-2', 'token_sri', B64_KEY, B64_KEY],
  ['77a-2', 'token_sri', 'Hunter2024!x', 'Hunter2024!x'],
  ['77a-2', 'token', SRI384, SRI384.slice(7)],
  // 77a-7
  ['77a-7', 'password', '/Hunter2024x.txt', 'Hunter2024x'],
  ['77a-7', 'db_password', `/run/secrets/${GENERATED}`, GENERATED],
  ['77a-7', 'password', `file:///${GENERATED}`, GENERATED],
  ['77a-7', 'password', 'file://Hunter2024x', 'Hunter2024x'],
  ['77a-7', 'password', 'run/secrets/Hunter2024x', 'Hunter2024x'],
  // Attack 7 H2 stands outside a secrets directory: a bare path under a password's name may be the password.
  ['77a-7', 'db_password', '/etc/app/db_password', '/etc/app/db_password'],
  ['77a-7', 'secret', '/etc/app/secret.txt', '/etc/app/secret.txt'],
  // 77a-21: times
  ['77a-21', 'password_changed_at', 'Hunter2024!x', 'Hunter2024!x'],
  ['77a-21', 'token_created', GENERATED, GENERATED],
  ['77a-21', 'token_exp', 'Sunfl0wer12x', 'Sunfl0wer12x'],
  ['77a-21', 'token_issued_at', '12345678', '12345678'],
  ['77a-21', 'password_last_set', 'Mon, 01 Jun 2024 Hunter2024x', 'Hunter2024x'],
  ['77a-21', 'secret_updated', '2024-06-01 Hunter2024x', 'Hunter2024x'],
  ['77a-21', 'password', '2024-06-01x', '2024-06-01x'],
  // 77a-21: digests, ids, revisions
  ['77a-21', 'secret_blake2b', GENERATED, GENERATED],
  ['77a-21', 'secret_xxhash', 'Hunter2024!x', 'Hunter2024!x'],
  ['77a-21', 'secret', BLAKE2B_512, BLAKE2B_512],
  ['77a-21', 'token_kid', JWT, JWT.slice(-20)],
  ['77a-21', 'token_kid', B64URL_54, B64URL_54],
  ['77a-21', 'token_kid', 'Hunter2024x', 'Hunter2024x'],
  ['77a-21', 'token_jti', GENERATED, GENERATED],
  ['77a-21', 'token_jti', JWK_THUMBPRINT, JWK_THUMBPRINT],
  ['77a-21', 'secret_revision', GITHUB_PAT, GITHUB_PAT.slice(4)],
  ['77a-21', 'secret_revision', 'Hunter2024x', 'Hunter2024x'],
  ['77a-21', 'secret_revision', 'ABCDEF0123', 'ABCDEF0123'],
];

describe('a value that fits the property a secret name ends in passes', () => {
  it.each(accepted)('%s: data %s: %s passes', (_, name, value) => expect(found({ [name]: value })).toEqual([]));
  it.each([
    ['77a-2', `[cache]\ntoken_sri = ${SRI384}`],
    ['77a-7', 'password = file("/run/secrets/db_password")'],
    ['77a-7', 'db_password = "file:///run/secrets/db_password"'],
    ['77a-21', 'password_changed_at=2024-06-01T12:00:00Z\nTOKEN_ISSUED_AT=1717243200'],
    ['77a-21', `{"kid": "${AUTH0_KID}", "token_jti": "${UUID}", "secret_revision": "7c4a8d0"}`],
    ['77a-21', `secret_blake2b: ${BLAKE2B_512}\nsecret_xxhash: ef46db3751d8e999`],
  ])('%s: text %s passes', (_, text) => expect(found({ conf: `${text}\n` })).toEqual([]));
});

describe('the nearest real secrets stay refused, never shown', () => {
  it.each(refused)('%s: data %s: %s is refused', (_, name, value, secret) => {
    const secrets = found({ [name]: value });
    expect(secrets.map((one) => one.path.join('.'))).toContain(`data.${name}`);
    for (const one of secrets) expect(secretRefusal(one)).not.toContain(secret);
  });
  it.each([
    ['77a-2', `token_sri = sha384-${GENERATED}`],
    ['77a-7', `password = file("${GENERATED}") + "x"`],
    ['77a-7', 'password = "/Hunter2024x.txt"'],
    ['77a-21', 'password_changed_at=Hunter2024!x'],
    ['77a-21', `token_kid: ${JWT}`],
    ['77a-21', `secret_revision = ${GITHUB_PAT}`],
  ])('%s: text %s is refused', (_, text) => expect(found({ conf: `${text}\n` }).length).toBeGreaterThan(0));
});

describe('at every door', () => {
  it('the findings together pass the config, K3sVipCluster, TraefikHelmChartConfig and the write gate', () => {
    // (No long `token_sri = sha384-…` line here: the test gate's YAML folds it, a fold dist/'s writer never makes.)
    const values = textConfigMap(`password = file("/run/secrets/db_password")\ntoken_exp: 1767225599\nsecret_rev = 7c4a8d0`);
    const data = values.extraObjects[0].data as Record<string, string>;
    for (const [, name, value] of accepted.filter(([, name]) => name !== 'secret_revision')) data[name] = value;
    acceptedEverywhere({ ...values, env: [{ name: 'TOKEN_ISSUED_AT', value: '1717243200' }] });
  });
  it.each([
    ['password_changed_at', 'Hunter2024!x', 'Hunter2024!x'],
    ['token_kid', JWT, JWT.slice(-20)],
    ['db_password', `/run/secrets/${GENERATED}`, GENERATED],
  ])('data %s: %s is refused everywhere, never shown', (name, value, secret) =>
    refusedEverywhere({ extraObjects: [configMap({ [name]: value })] }, `data.${name}`, secret),
  );
});

describe('the property reader stays linear', () => {
  beforeAll(() => found({ token_kid: AUTH0_KID }));
  it.each([
    ['dates', 'password_changed_at: 2024-06-01 12:00:00 GMT+0000 '],
    ['month names', 'secret_updated: June 1, June 1, June 1, 2024 '],
    ['kid runs', `token_kid: ${'Nj'.repeat(500)}\n`],
  ])('%s at 100 kB within 2 s', (_, unit) => {
    const text = unit.repeat(Math.ceil(100_000 / unit.length));
    const started = process.cpuUsage();
    found({ conf: text });
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});
