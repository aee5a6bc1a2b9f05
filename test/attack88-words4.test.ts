import { isSecretKey } from '../src/core/secrets-keys';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';

/**
 * Round 88 (words4): secret words of other languages. 88a-2 their plurals and inflected forms name a secret as the
 * singular does (`hesla`, `lozinke`, `geheimnisse`, `segreti`, `sifreler`, `claves`, `hemmeligheder`, `jetons`, key
 * words' plurals `chiavi`, `llaves`); 88a-6 a foreign key word qualified "public" is a public key, as `public_key`;
 * 88a-8 a password word followed by a setting's word (`HASLO_POLITYKA`) names the setting, as `PASSWORD_POLICY`;
 * 88a-7 such a key gets no verdict from the write gate alone (one verdict for a value at every door).
 */

const SECRET = 'Kolo-Mleko-42';
const SSH_PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@example.com';
const configMap = (data: Record<string, string>) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-cfg', namespace: 'default' }, data }],
});

// [key, language] (88a-2): every one names a secret, as its singular does.
const PLURALS: ReadonlyArray<readonly [string, string]> = [
  ['hesla', 'Czech/Slovak'],
  ['DB_HESLA', 'Czech env name'],
  ['lozinke', 'Croatian'],
  ['lozinku', 'Serbian'],
  ['gesla', 'Slovenian'],
  ['geheimnisse', 'German'],
  ['segreti', 'Italian'],
  ['sifreler', 'Turkish'],
  ['parolalar', 'Turkish'],
  ['claves', 'Spanish'],
  ['secretos', 'Spanish'],
  ['segredos', 'Portuguese'],
  ['hemmeligheder', 'Danish'],
  ['hemmelighed', 'Danish singular'],
  ['hemligheter', 'Swedish'],
  ['salaisuudet', 'Finnish'],
  ['paroolid', 'Estonian'],
  ['salasonad', 'Estonian'],
  ['jetons', 'French'],
  ['chiavi', 'Italian keys'],
  ['llaves', 'Spanish keys'],
  ['nycklar', 'Swedish keys'],
];
// Keys that still name no secret (neighbours of 88a-2).
const PLAIN_KEYS = ['particles', 'keys', 'parole', 'hesla_soubor', 'public_key', 'PASSWORD_POLICY'];

describe('88a-2: plural and inflected secret words name a secret', () => {
  test.each(PLURALS)('isSecretKey(%s) (%s)', (key) => expect(isSecretKey(key)).toBe(true));
  test.each(PLAIN_KEYS)('isSecretKey(%s) is false', (key) => expect(isSecretKey(key)).toBe(false));
  test.each(['hesla', 'DB_HESLA', 'lozinke', 'geheimnisse', 'segreti', 'sifreler', 'claves', 'hemmeligheder', 'jetons'])(
    'a ConfigMap key %s holding a password is refused at every door, the password never shown',
    (key) => refusedEverywhere(configMap({ [key]: SECRET }), `extraObjects[0].data.${key}`, SECRET),
  );
  test.each(['X-Hesla', 'X-Lozinke', 'X-Segreti'])('the flag --tracing.otlp.http.headers.%s is refused, its value never shown', (header) =>
    refusedEverywhere({ additionalArguments: [`--tracing.otlp.http.headers.${header}=${SECRET}`] }, 'additionalArguments[0]', SECRET),
  );
  test('a flag of a plain header still passes', () =>
    acceptedEverywhere({ additionalArguments: ['--tracing.otlp.http.headers.X-Scope-OrgID=tenant-1'] }));
  test('the singulars are still refused', () => refusedEverywhere(configMap({ heslo: SECRET }), 'extraObjects[0].data.heslo', SECRET));
});

// [key] (88a-6): a public key in the words of other languages, as `public_key`.
const PUBLIC_KEYS = [
  'clave_publica',
  'CLAVE_PUBLICA',
  'clave_publica_jwt',
  'oeffentlicher_schluessel',
  'public_schluessel',
  'julkinen_avain',
  'publik_nyckel',
  'offentlig_nyckel',
  'chiave_pubblica',
  'cle_publique',
  'public_key',
];

describe('88a-6, 88a-7: a public key named in another language is no secret, at every door', () => {
  test.each(PUBLIC_KEYS)('isSecretKey(%s) is false', (key) => expect(isSecretKey(key)).toBe(false));
  test.each(PUBLIC_KEYS)('%s holding an SSH public key passes every door, the write gate too', (key) =>
    acceptedEverywhere(configMap({ [key]: SSH_PUBLIC_KEY })),
  );
  test.each(['clave_privada', 'clave', 'schluessel', 'DB_SCHLUESSEL'])('%s still names a secret', (key) =>
    expect(isSecretKey(key)).toBe(true),
  );
  test('a password under clave_privada is refused at its key', () =>
    refusedEverywhere(configMap({ clave_privada: SECRET }), 'extraObjects[0].data.clave_privada', SECRET));
});

// (88a-8): a password's setting, named in any language, as PASSWORD_POLICY.
const SETTINGS = [
  'PASSWORD_POLICY',
  'PASSWORT_RICHTLINIE',
  'SENHA_POLITICA',
  'HASLO_POLITYKA',
  'SALASANA_KAYTANTO',
  'PASSWORT_HASH_ALGORITHMUS',
  'WACHTWOORD_HASH_ALGORITME',
  'jelszo_hossz',
  'LOSENORD_MIN_LANGD',
  'lozinka_duljina',
  'SIFRE_UZUNLUGU',
  'salasana_pituus',
];

describe('88a-8: a password-policy setting is no secret in any language', () => {
  test.each(SETTINGS)('isSecretKey(%s) is false', (key) => expect(isSecretKey(key)).toBe(false));
  test('the settings with `strict` pass every door', () =>
    acceptedEverywhere(configMap(Object.fromEntries(SETTINGS.map((key) => [key, 'strict'])))));
  test.each(['HASLO', 'HASLO_DB', 'DB_HESLO_PROD', 'SALASANA'])('%s still names a secret', (key) => expect(isSecretKey(key)).toBe(true));
  test('a password under HASLO_DB is refused', () =>
    refusedEverywhere(configMap({ HASLO_DB: SECRET }), 'extraObjects[0].data.HASLO_DB', SECRET));
});
