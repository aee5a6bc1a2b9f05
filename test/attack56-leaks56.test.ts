// Round 56a-1, 2, 3, 4, 6: Traefik BasicAuth `users` took a plain password (`admin:hunter2`); a hash with a secret
// appended passed as a hash; a secret's name glued to a single-case value, in one case, a compound, short, leet or
// foreign name, or in a URL's query or fragment was accepted; a sops envelope of plain text was written. Each is refused
// at every door (config, K3sVipCluster and TraefikHelmChartConfig props, the write gate), naming the path, never the value.
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';

const S = 'Qm7vZp2Lx9Kt4Rw';
const BCRYPT = '$2y$10$abcdefghijklmnopqrstuuN3o0JmgQhm6nY6lG5bG0u0ZRZ5V8zE6';
const APR1 = '$apr1$abcdefgh$ckT15POyCRlen.h6XtGAZ1';
const SHA512 = `$6$saltsalt$${'aB3./'.repeat(17)}x`;
const ARGON2 = `$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$${'Ab3dEf7hIj'.repeat(4)}xyz`;

const note = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes', namespace: 'default' }, data: { note: text } }],
});
const middleware = (auth: Record<string, unknown>) => ({
  extraObjects: [{ apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'auth', namespace: 'default' }, spec: auth }],
});
const env = (value: string) => ({ env: [{ name: 'FOO', value }] });

/** Refused at every door (secret-doors.ts), the message naming `where` and never the secret. */
const refused = (values: unknown, where: string, secret = S): void => refusedEverywhere(values, where, secret);

describe('56a-1: a BasicAuth user with a plain password', () => {
  test.each([
    ['admin:hunter2', 'hunter2'],
    [`admin:${S}`, S],
    ['admin:correct horse battery staple', 'correct horse'],
    [S, S],
    [`admin:{SHA}${S}`, S],
  ])('Middleware users: %s', (entry, secret) => {
    refused(middleware({ basicAuth: { users: [entry] } }), 'extraObjects[0].spec.basicAuth.users[0]', secret);
  });

  test('the label form, entries separated by commas', () => {
    refused(middleware({ basicAuth: { users: `alice:${APR1},bob:${S}` } }), 'extraObjects[0].spec.basicAuth.users');
  });

  test('a DigestAuth user whose part after the realm is no MD5', () => {
    refused(middleware({ digestAuth: { users: [`admin:traefik:${S}`] } }), 'extraObjects[0].spec.digestAuth.users[0]');
  });

  test.each([
    `[http.middlewares.auth.basicAuth]\n  users = ["admin:${S}"]`,
    `http:\n  middlewares:\n    auth:\n      basicAuth:\n        users: ["admin:${S}"]`,
    `http:\n  middlewares:\n    auth:\n      basicAuth:\n        users:\n          - "alice:${APR1}"\n          - admin:${S}`,
    `traefik.http.middlewares.auth.basicauth.users=alice:${APR1},admin:${S}`,
  ])('in text: %s', (text) => refused(note(text), 'extraObjects[0].data.note'));

  test('in the file provider content', () => {
    const content = `http:\n  middlewares:\n    auth:\n      basicAuth:\n        users: ["admin:${S}"]\n`;
    refused({ providers: { file: { enabled: true, content } } }, 'providers.file.content');
  });

  test.each([[{ basicAuth: { secret: 'auth-users' } }]])('control, accepted: %j', (auth) => acceptedEverywhere(middleware(auth)));

  // The Middleware CRD has no `users` (crds/traefik: basicAuth/digestAuth take a Secret), so the hashed controls are
  // written where Traefik reads `users`: the file provider's content, and the comma-separated label form.
  const fileProvider = (auth: string, users: string[]) => ({
    providers: {
      file: {
        enabled: true,
        content: `http:\n  middlewares:\n    auth:\n      ${auth}:\n        users:\n${users.map((u) => `          - "${u}"\n`).join('')}`,
      },
    },
  });
  test.each([
    [
      'file provider basicAuth users',
      fileProvider('basicAuth', [`alice:${APR1}`, `bob:${BCRYPT}`, 'carol:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=']),
    ],
    [
      'the label form, entries separated by commas',
      { deployment: { podAnnotations: { 'traefik.http.middlewares.auth.basicauth.users': `alice:${APR1},bob:${BCRYPT}` } } },
    ],
    ['file provider digestAuth users', fileProvider('digestAuth', ['test:traefik:a2688e031edb4be6a3797f3882655c05'])],
  ])('control, accepted: %s', (_, values) => acceptedEverywhere(values));

  test.each([
    `http:\n  middlewares:\n    auth:\n      basicAuth:\n        users:\n          - "alice:${APR1}"`,
    `[http.middlewares.auth.basicAuth]\n  users = ["alice:${BCRYPT}"]`,
    'users: [alice, bob]\nroles: [admin]',
    `labels:\n  - traefik.http.middlewares.auth.basicauth.users=alice:${APR1.replace(/\$/g, '$$$$')}`,
  ])('control, accepted in text: %s', (text) => acceptedEverywhere(note(text)));
});

describe('56a-2: a hash with a secret appended is no hash', () => {
  test.each([`admin:${BCRYPT}${S}`, `admin:${APR1}${S}`, `admin:${SHA512}${S}`])('Middleware users: %s', (entry) => {
    refused(middleware({ basicAuth: { users: [entry] } }), 'extraObjects[0].spec.basicAuth.users[0]');
  });
  test.each([`admin:${BCRYPT}${S}`, `admin:${APR1}${S}`, `password: ${ARGON2}${S}`])('text: %s', (text) =>
    refused(note(text), 'extraObjects[0].data.note'),
  );
  test.each([`admin:${APR1}${S}`, `admin:${SHA512}${S}`])('env value: %s', (value) => refused(env(value), 'env[0].value'));
  test.each([`admin:${BCRYPT}`, `admin:${APR1}`, `root:${SHA512}`, `password: ${ARGON2}`])('control, accepted: %s', (text) =>
    acceptedEverywhere(note(text)),
  );
});

describe('56a-3, 56a-4: a secret glued to its name, in any case or spelling', () => {
  test.each([
    'password-qm7vzp2lx9kt4rw',
    'password-QM7VZP2LX9KT4RW',
    'password_QM7VZP2LX9KT4RW',
    'password-8f3a9c2e7b1d4f6a9c2e7b1d',
    `PASSWORD${S}`,
    'TOKENxk9vq2mlp7rz3',
    'passwordxk9vq2mlp7rz3',
    'tokenxk9vq2mlp7rz3',
    'Tokenxk9vq2mlp7rz3',
    `dbpassword-${S}`,
    `apitoken${S}`,
    `secret_key-${S}`,
    `SecretKey-${S}`,
    `secretkey${S}`,
    `pw-${S}`,
    `PWD-${S}`,
    `creds-${S}`,
    `passwort_${S}`,
    `Kennwort${S}`,
    `mot_de_passe-${S}`,
    `пароль-${S}`,
    `密码${S}`,
    `senha-${S}`,
    `wachtwoord-${S}`,
    `contraseña-${S}`,
    `Passw0rd${S}`,
    `s3cret${S}`,
    `t0ken${S}`,
    `https://example.com/#token-${S}`,
    `https://example.com/?token-${S}`,
    `https://example.com/#token${S}`,
  ])('%s', (text) => {
    const secret = text.endsWith(S) ? S : /(?:qm7vzp2lx9kt4rw|8f3a9c2e7b1d4f6a9c2e7b1d|xk9vq2mlp7rz3)$/i.exec(text)![0];
    refused(note(text), 'extraObjects[0].data.note', secret);
  });

  test.each(['password-qm7vzp2lx9kt4rw', `--providers.http.endpoint=https://example.com/#token-${S}`])('other doors: %s', (value) => {
    refused(env(value), 'env[0].value', value.slice(-15));
    refused({ additionalArguments: [value] }, 'additionalArguments[0]', value.slice(-15));
  });

  test.each([
    'token-x8k2p',
    'token-refresher-7d9f8',
    'api-key-8f3a9c2e7b1d4f6a9c2e7b1d8f3a9c2e',
    'password_reset_token_ttl',
    'secret/data/app',
    'aGVsbG8gd29ybGQgdGhpcyBpcyBhIHRlc3Q=',
    'tokenizer-config',
    'passwordless-login',
    `tokenizer${S}`,
    `TOKENIZER${S}`,
    'passwordlessqm7vzp2lx9kt4rw',
    'bypasswordless2024',
    'https://example.com/docs#password-reset',
    'pwdhash',
    'creds-rotation-job',
  ])('control, accepted: %s', (text) => acceptedEverywhere(note(text)));
});

describe('56a-6: a sops envelope of plain text', () => {
  test('refused', () => {
    refused(note(`ENC[AES256_GCM,data:${S},iv:abc,tag:def,type:str]`), 'extraObjects[0].data.note');
  });
  test.each(['ENC[AES256_GCM,data:...,iv:...,tag:...,type:str]', 'ENC[AES256_GCM,data:abc,iv:abc,tag:def,type:str]'])(
    'control, accepted: %s',
    (text) => acceptedEverywhere(note(text)),
  );
});
