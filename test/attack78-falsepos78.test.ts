import { secretRefusal, secretsInData } from '../src/core/secrets';
import { valuesDoors } from './helpers';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 78 (falsepos78): a secret's name is read after a number, version or environment label that ends it
 * (`DB_PASSWORD_18`, `password_digest_b2`, `secret_sha3_256`); its last word may name a property of the secret in
 * another language (`geaendert_am`, `ablaufdatum`) or a new one (`uid`, `mtime`, `changed_by`, `version_stage`, `cid`);
 * a digest is read after any algorithm's prefix (`crc32c:`, `xxh3:`, `blake2b-256:`); a path in any `secrets` directory
 * or a file URL with `localhost` or a query is where the secret is; a status note after a label is prose in every
 * language the readers know. The same name and value get one verdict as data, env entry and annotation. Each accepted
 * row has a refused neighbour, never shown.
 */
const configMap = (data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'app', namespace: 'default' },
  data,
});
const found = (data: Record<string, string>) => secretsInData(configMap(data));

const GENERATED = 'Zq8vLm2Kp9XrWq3nBv8L';
const SHA3_256 = 'a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a';
const BLAKE2B_512 =
  '786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce';
const BLAKE2B_256 = '0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8';
const UUID = '3f2b8e1c-44aa-4c7e-9a55-2d8f0e6b1a90';
const GCP_KEY = 'projects/p/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1';

const accepted: ReadonlyArray<readonly [string, string, string]> = [
  // 78a-4
  ['78a-4', 'secret_checksum', 'crc32c:a1b2c3d4'],
  ['78a-4', 'secret_mtime', 'Fri, 01 Mar 2024 12:00:00 GMT'],
  ['78a-4', 'secret_uid', UUID],
  ['78a-4', 'secret_etag', 'W/"5e8f-1a2b3c4d"'],
  ['78a-4', 'password_changed_by', 'ops-team'],
  ['78a-4', 'password_changed_by', 'alice@example.com'],
  ['78a-4', 'secret_sha3_256', SHA3_256],
  ['78a-4', 'secret_multihash', `1220${SHA3_256}`],
  ['78a-4', 'secret_cid', 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi'],
  ['78a-4', 'secret_cid', 'QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG'],
  // 78a-10
  ['78a-10', 'redis_password', '/etc/secrets/redis/password'],
  ['78a-10', 'password_blake2b', BLAKE2B_512],
  ['78a-10', 'PASSWORD_BLAKE2B', BLAKE2B_512],
  ['78a-10', 'token_rotated_on', '1. März 2024'],
  ['78a-10', 'token_rotated_on', '1 de marzo de 2024'],
  ['78a-10', 'secret_hash', 'xxh3:9a4b2c7de1f03856'],
  ['78a-10', 'password_digest_b2', `blake2b-256:${BLAKE2B_256}`],
  ['78a-10', 'secret_kid', GCP_KEY],
  ['78a-10', 'secret_kid', `arn:aws:kms:eu-west-1:123456789012:key/${UUID}`],
  // 78a-17
  ['78a-17', 'token_generation_time', '12:00:00'],
  ['78a-17', 'token_generation_time', '12:00Z'],
  ['78a-17', 'token_ablaufdatum', '2025-01-01'],
  ['78a-17', 'password_geaendert_am', '01.03.2024'],
  ['78a-17', 'PASSWORT_DATUM', '2024-03-01'],
  ['78a-17', 'secret_version_stage', 'AWSCURRENT'],
  ['78a-17', 'secret_version_stage', 'AWSPREVIOUS'],
  // 78a-19
  ['78a-19', 'DB_PASSWORD', '/run/secrets/db_password'],
  ['78a-19', 'DB_PASSWORD_18', '/run/secrets/db_password'],
  ['78a-19', 'DB_PASSWORD_19', '/var/run/secrets/db/password'],
  ['78a-19', 'DB_PASSWORD_20', '/mnt/secrets-store/db-password'],
  ['78a-19', 'DB_PASSWORD_21', '/vault/secrets/db-password'],
  ['78a-19', 'DB_PASSWORD_V2', '/run/secrets/db_password'],
  ['78a-19', 'db_password_prod', '/run/secrets/db_password'],
  ['78a-19', 'DB_PASSWORD_01', 'file:///run/secrets/db_password?raw=1'],
  ['78a-19', 'api_token', 'file:///run/secrets/api_token?raw=1'],
  ['78a-19', 'api_token2', 'file://localhost/run/secrets/api_token'],
  ['78a-19', 'DB_PASSWORD_14', 'arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password'],
];

// The nearest real secrets under the same names.
const refused: ReadonlyArray<readonly [string, string, string, string]> = [
  ['78a-4', 'secret_checksum', `crc32c:${GENERATED}`, GENERATED],
  ['78a-4', 'secret_checksum', 'Hunter2024!x', 'Hunter2024!x'],
  ['78a-4', 'secret_mtime', 'Fri, 01 Mar 2024 Hunter2024x', 'Hunter2024x'],
  ['78a-4', 'secret_uid', 'Hunter2024x', 'Hunter2024x'],
  ['78a-4', 'secret_etag', `"${GENERATED}"`, GENERATED],
  ['78a-4', 'password_changed_by', 'Hunter2024!x', 'Hunter2024!x'],
  ['78a-4', 'password_changed_by', GENERATED, GENERATED],
  ['78a-4', 'secret_sha3_256', GENERATED, GENERATED],
  ['78a-4', 'secret_sha3_256', 'Hunter2024x', 'Hunter2024x'],
  ['78a-4', 'secret_multihash', `1220${GENERATED}`, GENERATED],
  ['78a-4', 'secret_cid', GENERATED, GENERATED],
  ['78a-4', 'secret_cid', `baf${GENERATED}`, GENERATED],
  ['78a-4', 'secret', SHA3_256, SHA3_256],
  ['78a-10', 'redis_password', '/etc/secretsHunter2024x/x', 'Hunter2024x'],
  ['78a-10', 'redis_password', '/etc/app/db_password', '/etc/app/db_password'],
  ['78a-10', 'PASSWORD_BLAKE2B', GENERATED, GENERATED],
  ['78a-10', 'token_rotated_on', '1. Hunter2024 2024', 'Hunter2024'],
  ['78a-10', 'secret_hash', `xxh3:${GENERATED}`, GENERATED],
  ['78a-10', 'password_digest_b2', 'Hunter2024x', 'Hunter2024x'],
  ['78a-10', 'secret_kid', 'projects/p/locations/global/keyRings/r/cryptoKeys/Hunter2024!x', 'Hunter2024!x'],
  ['78a-17', 'token_generation_time', 'Hunter2024x', 'Hunter2024x'],
  ['78a-17', 'token_generation_time', '12:00:00x', '12:00:00x'],
  ['78a-17', 'token_ablaufdatum', 'Hunter2024x', 'Hunter2024x'],
  ['78a-17', 'password_geaendert_am', GENERATED, GENERATED],
  ['78a-17', 'secret_version_stage', 'Hunter2024x', 'Hunter2024x'],
  ['78a-19', 'DB_PASSWORD_18', '/run/secrets/Zq8vLm2Kp9XrWq3nBv8L', GENERATED],
  ['78a-19', 'DB_PASSWORD_18', 'Hunter2024x', 'Hunter2024x'],
  ['78a-19', 'DB_PASSWORD_18', '/etc/app/db_password', '/etc/app/db_password'],
  ['78a-19', 'api_token', `file:///run/secrets/api_token?raw=${GENERATED}`, GENERATED],
  ['78a-19', 'api_token', `file://${GENERATED}/run/secrets/x`, GENERATED],
  ['78a-19', 'DB_PASSWORD_14', `arn:aws:ssm:eu-west-1:123456789012:parameter/${GENERATED}`, GENERATED],
];

// 78a-16: a status note after a password's label, in each language; the nearest passwords stay refused.
const notes = [
  'Passwort: erforderlich',
  'Mot de passe : requis',
  'Contraseña: obligatoria',
  'Password: rotated',
  'Password: expired',
  'Password: unchanged',
  'Passwort: geändert',
  'Passwort: abgelaufen',
  'Senha: expirada',
  'Hasło: wymagane',
  'Şifre: gerekli',
  'Şifre: süresi doldu',
  'Wachtwoord: verlopen',
];
const passwords: ReadonlyArray<readonly [string, string]> = [
  ['Password: Sunflower', 'Sunflower'],
  ['Passwort: Schmetterling', 'Schmetterling'],
  ['Passwort: erforderlich2024', 'erforderlich2024'],
  ['Senha: expirada Hunter2024x', 'Hunter2024x'],
  ['Password: rotated required expired Hunter', 'Hunter'],
];

describe('a value that fits the property a secret name ends in passes, labels after the name aside', () => {
  it.each(accepted)('%s: data %s: %s passes', (_, name, value) => expect(found({ [name]: value })).toEqual([]));
  it.each(notes)('78a-16: %s passes', (note) => expect(found({ note })).toEqual([]));
});

describe('the nearest real secrets stay refused, never shown', () => {
  it.each(refused)('%s: data %s: %s is refused', (_, name, value, secret) => {
    const secrets = found({ [name]: value });
    expect(secrets.map((one) => one.path.join('.'))).toContain(`data.${name}`);
    for (const one of secrets) expect(secretRefusal(one)).not.toContain(secret);
  });
  it.each(passwords)('78a-16: %s is refused', (text, secret) => {
    const secrets = found({ note: text });
    expect(secrets.length).toBeGreaterThan(0);
    for (const one of secrets) expect(secretRefusal(one)).not.toContain(secret);
  });
  it('78a-16: a status word in a Secret is its value, refused', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'd' }, stringData: { password: 'erforderlich' } };
    expect(secretsInData(secret).length).toBeGreaterThan(0);
  });
});

describe('one verdict at every door: env entry, annotation, data', () => {
  const envName = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  it('the accepted rows pass as annotations and as env entries at the config, K3sVipCluster, TraefikHelmChartConfig and the write gate', () => {
    const rows = accepted.filter(([, name]) => !/[A-Z]/.test(name));
    acceptedEverywhere({
      env: accepted
        .map(([, name, value]) => ({ name: envName(name), value }))
        .filter((one, at, all) => all.findIndex((other) => other.name === one.name) === at),
      deployment: {
        podAnnotations: Object.fromEntries([
          ...rows.map(([, name, value]) => [name, value]),
          ...notes.map((note, at) => [`note${at}`, note]),
        ]),
      },
    });
  });
  it.each([
    ['password_blake2b', GENERATED],
    ['DB_PASSWORD_18', 'Hunter2024x'],
    ['secret_uid', 'Hunter2024x'],
  ])('%s: %s is refused as an annotation and as an env entry, never shown', (name, secret) => {
    refusedEverywhere({ deployment: { podAnnotations: { [name]: secret } } }, `podAnnotations.${name}`, secret);
    refusedEverywhere({ env: [{ name: envName(name), value: secret }] }, 'env[0].value', secret);
  });
  it('78a-10: the BLAKE2b digest under PASSWORD_BLAKE2B passes as an env entry as it does as an annotation', () =>
    expect(valuesDoors.config({ env: [{ name: 'PASSWORD_BLAKE2B', value: BLAKE2B_512 }] })).toBe(''));
});

describe('the new readers stay linear', () => {
  beforeAll(() => found({ secret_kid: GCP_KEY }));
  it.each([
    ['dates in words', 'token_rotated_on: 1. März 1. März 2024 '],
    ['algorithm prefixes', 'secret_hash: xxh3:xxh3:xxh3:9a4b '],
    ['secrets directories', 'DB_PASSWORD_18: /a/secrets/b/secrets-store/c '],
    ['status notes', 'Passwort: erforderlich geändert abgelaufen '],
  ])('%s at 100 kB within 2 s', (_, unit) => {
    const text = unit.repeat(Math.ceil(100_000 / unit.length));
    const started = process.cpuUsage();
    found({ conf: text });
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});
