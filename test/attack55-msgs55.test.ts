import { App } from 'cdk8s';
import { K3sVipCluster } from '../src/index';
import { saysMore } from '../src/core/secret-shapes';
import { SECRET_WORD_LINE } from '../src/core/secret-word-lines';
import { SQL_SECRET } from '../src/core/sql-passwords';
import { isPasswordHash } from '../src/core/password-hashes';
import { configErrors, devConfig, refusalOf, valuesDoors, withChanges } from './helpers';
import { configMapOf, falseRefusalTables } from './secret-tables';
import { acceptedEverywhere } from './secret-doors';

/**
 * Round 55 (attack 53a-14, -15, -16): a secret's name then a generated word inside a key, a name or a host is blanked
 * wherever a message quotes it (lower-cased copies too); `password hashing: argon2id` and its neighbours name an
 * algorithm, no password; a well-formed password hash gets one verdict at every door (accepted), a malformed one or one
 * with a word appended stays refused. And the catch-all's rank is one mark on its FINDERS entry (saysMore).
 */
const S = 'Xk9vQ2mLp7RtZw4B';
const hidesSecret = (message: string): void => {
  expect(message).not.toContain(S);
  expect(message).not.toContain(S.toLowerCase());
};

const annotated = (key: string) => ({
  extraObjects: [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1', namespace: 'default', annotations: { [key]: 'x' } }, data: { a: 'b' } },
  ],
});
const ingress = (patch: object) => withChanges(devConfig(), { ingresses: [{ ...devConfig().ingresses[0], ...patch }] });

describe('53a-14: a key, name or host that holds a secret is blanked where a message quotes it', () => {
  test.each([
    ['spaced, capitalised', `example.com/Pass word ${S}`],
    ['spaced, lower case', `example.com/pass word ${S}`],
    ['token then a blank', `example.com/token ${S}`],
    ['api key in two words', `example.com/api key ${S}`],
    ['a secret name in another script', `example.com/пароль ${S}`],
  ])('annotation key, %s: named "not a valid annotation key", secret blanked at each door', (_, key) => {
    for (const door of [valuesDoors.config(annotated(key)), valuesDoors.cluster(annotated(key)), valuesDoors.chart(annotated(key))]) {
      expect(door).toMatch(/metadata\.annotations[.[].*is not a valid annotation key/);
      hidesSecret(door);
    }
  });

  test.each([
    ['name', { name: `token-${S}` }, 'ingresses[0].name', 'is not a valid name'],
    ['name with _', { name: `Token_${S}` }, 'ingresses[0].name', 'is not a valid name'],
    ['name with a dot', { name: `password.${S}` }, 'ingresses[0].name', 'is not a valid name'],
    ['host', { host: `password.${S}.io` }, 'ingresses[0].host', 'is not a valid DNS host name'],
    ['host with a dash', { host: `token-${S}.example.com` }, 'ingresses[0].host', 'is not a valid DNS host name'],
  ])('ingress %s: named by its path, the secret and its lower-cased copy blanked (config and K3sVipCluster)', (_, patch, path, what) => {
    const config = ingress(patch);
    for (const door of [configErrors(config).join('\n'), refusalOf(() => new K3sVipCluster(new App(), 'c', config))]) {
      expect(door).toContain(path);
      expect(door).toContain(what);
      hidesSecret(door);
    }
  });

  test('controls: a key or name without a secret is still quoted whole', () => {
    expect(valuesDoors.config(annotated('example.com/not a valid key'))).toContain('"example.com/not a valid key"');
    expect(configErrors(ingress({ name: 'Frontend-Ingress' })).join('\n')).toContain('"Frontend-Ingress"');
    expect(configErrors(ingress({ host: 'Token.Example.com' })).join('\n')).toContain('"Token.Example.com"');
    expect(configErrors(ingress({ name: 'token-refresher-7d9f8' })).join('\n')).toBe('');
  });

  test.each([
    ['glued, no separator', `example.com/token${S}`],
    ['glued by a dash, with a blank after', `example.com/Password-${S} x`],
  ])('annotation key, %s: the glued form the catch-all reads (53a-1) is blanked at each door', (_, key) => {
    for (const door of [valuesDoors.config(annotated(key)), valuesDoors.cluster(annotated(key)), valuesDoors.chart(annotated(key))]) {
      expect(door).toContain('metadata.annotations');
      hidesSecret(door);
    }
  });
});

const { acceptedTable } = falseRefusalTables(S);

describe('53a-15: algorithm names after `password <noun>:` are no password', () => {
  acceptedTable([
    'password hashing: argon2id',
    'password format: sha512crypt',
    'password hash algorithm: bcrypt',
    'password scheme: pbkdf2_sha256',
    'password encoding: scrypt',
    'password cipher: aes-256-gcm',
    'password kdf: argon2id',
    'Password Hashing: Argon2id',
    'password_hashing: argon2id',
    'password hashing = argon2id',
    'password hashing argon2id',
    'password format\nsha512crypt',
  ]);

  test.each([
    ['a generated word after `password hashing:`', `password hashing: ${S}`],
    ['a generated word after `password format`', `password format ${S}`],
    ['a generated word after an algorithm', `password scheme: argon2id ${S}`],
    ['under a secret-named key', `password_hashing: ${S}`],
  ])('control: %s is refused, the secret shown nowhere', (_, text) => {
    const door = valuesDoors.config(configMapOf({ 'app.txt': `${text}\n` }));
    expect(door).toContain('extraObjects[0].data["app.txt"]');
    hidesSecret(door);
    expect(valuesDoors.gate(configMapOf({ 'app.txt': `${text}\n` })).length).toBeGreaterThan(0);
  });
});

const B64 = 'Jq0Zr4Yp1m0H5bLr7dQ.p0z4k8a7T3dK2f9v8e1w3x5y7z9A1b3C5d7E9f1G3h5J7k9L1m3N5p7Q9r1S3t5U7v/abcdefghijk';
const b64 = (n: number): string => B64.repeat(2).slice(0, n);
const SHA512 = `$6$rounds=5000$saltsalt$${b64(86)}`;
const BCRYPT = `$2y$10$${b64(53)}`;
const HASHES: ReadonlyArray<readonly [string, string]> = [
  ['sha512-crypt', SHA512],
  ['sha512-crypt without rounds', `$6$saltsalt$${b64(86)}`],
  ['sha256-crypt', `$5$saltsalt$${b64(43)}`],
  ['md5-crypt', `$1$saltsalt$${b64(22)}`],
  ['Apache apr1', `$apr1$saltsalt$${b64(22)}`],
  ['bcrypt', BCRYPT],
  ['yescrypt', `$y$j9T$${b64(16)}$${b64(43)}`],
  ['argon2id (PHC)', `$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$${b64(43).replace(/[./]/g, 'A')}`],
  ['dovecot {SHA512-CRYPT}', `{SHA512-CRYPT}${SHA512}`],
];

describe('53a-16: a well-formed password hash gets one verdict at every door: accepted', () => {
  test.each(HASHES)('%s is a password hash', (_, hash) => expect(isPasswordHash(hash)).toBe(true));

  acceptedTable(
    HASHES.flatMap(([, hash]) => [
      `users:\n  - name: admin\n    passwd: ${hash}`,
      `password_hash: ${hash}`,
      `hashed_passwd: "${hash}"`,
      `ADMIN_PASSWORD=${hash}`,
    ]),
  );

  const APR1 = `$apr1$saltsalt$${b64(22)}`;
  acceptedTable([
    `htpasswd: admin:${APR1}`,
    `htpasswd: |\n  admin:${APR1}\n  bob:${BCRYPT}`,
    `basic_auth_users: admin:${APR1},bob:${BCRYPT}`,
    `traefik.http.middlewares.auth.basicauth.users=admin:${APR1},bob:${BCRYPT}`,
  ]);

  test('the same hashes as data under secret-named keys, at every door', () => {
    acceptedEverywhere({
      env: HASHES.map(([, hash], i) => ({ name: `ADMIN_PASSWORD_${i}`, value: hash })),
      extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'h', namespace: 'default' }, data: { passwd: SHA512 } }],
    });
  });

  test('controls: the device and htpasswd forms the README already accepted', () => {
    acceptedEverywhere(configMapOf({ a: `password sha512 ${SHA512}\n`, b: `admin:${BCRYPT}\n` }));
  });

  test.each([
    ['a sha512-crypt hash cut short', `passwd: $6$saltsalt$${b64(40)}`],
    ['a bcrypt hash one character long', `password: ${BCRYPT}x`],
    ['a secret after a hash', `passwd: ${SHA512} ${S}`],
    ['a hash glued to a secret', `password_hash: ${BCRYPT}${S}`],
    ['a hash of a wrong alphabet', `passwd: $6$saltsalt$${b64(85)}!`],
    ['an htpasswd list with a plain password', `htpasswd: admin:$apr1$saltsalt$${b64(22)},bob:${S}`],
  ])('control: %s is refused at every door', (_, line) => {
    const values = configMapOf({ 'app.txt': `${line}\n` });
    for (const door of [valuesDoors.config(values), valuesDoors.cluster(values), valuesDoors.chart(values)]) {
      expect(door).toContain('data["app.txt"]');
      hidesSecret(door);
    }
    expect(valuesDoors.gate(values).length).toBeGreaterThan(0);
  });
});

describe('review: the catch-all is said last by one mark on its FINDERS entry', () => {
  test('saysMore tells the catch-all from every other reading', () => {
    expect(saysMore(SECRET_WORD_LINE)).toBe(false);
    expect(saysMore(undefined)).toBe(false);
    expect(saysMore(SQL_SECRET)).toBe(true);
  });
});
