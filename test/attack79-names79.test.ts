import { isSecretKey } from '../src/core/secrets-keys';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';
import { valuesDoors } from './helpers';

/**
 * Round 79 (names79): 79a-2 an env name glued `<service>PASS`, `<service>PWD`, `<x>AUTH`, a camel-case `wifiKey`,
 * `PRESHARED`, `SECURITY_CODE`; 79a-10 the ASCII spellings of secret words of other languages (`SCHLUESSEL`,
 * `DB_GEHEIM`, `DB_PAROLE`, `DB_SANDI`, `DB_LOSEN`, `PAROLYA`, `PASIKODI`); 79a-14 a generated-looking lower-case name or
 * a UUID as `hub.token` or a Middleware's `forwardAuth.tls.certSecret`/`caSecret`, the rule of every Secret-name field.
 * Each refused row has realistic neighbours that pass with their realistic values.
 */
const PW = 'Xk2vLm9Pz4wR8nTq';
const LOWER = 'q8fk2vlm9pz4wr8ntqyb3';
const UUID = '6e2b8f3a-4b1c-4d2e-9f1a-7c3d5e6f8a9b';

/** [finding, env name, value]: refused at every door, named `env[0]`, the value never shown. */
const refusedEnv: ReadonlyArray<readonly [string, string, string]> = [
  ['79a-2', 'REDISPASS', PW],
  ['79a-2', 'SMTPPASS', PW],
  ['79a-2', 'MAILPASS', PW],
  ['79a-2', 'ldappass', PW],
  ['79a-2', 'rconpass', 'hunter2'],
  ['79a-2', 'mqttpass', PW],
  ['79a-2', 'STOREPASS', PW],
  ['79a-2', 'TRUSTSTOREPASS', PW],
  ['79a-2', 'PGPASS', PW],
  ['79a-2', 'NATSPASS', PW],
  ['79a-2', 'AMQPPASS', PW],
  ['79a-2', 'MONGOPASS', PW],
  ['79a-2', 'KAFKAPASS', PW],
  ['79a-2', 'VNCPASS', PW],
  ['79a-2', 'WIFIPASS', PW],
  ['79a-2', 'REDISPASS_PROD', PW],
  ['79a-2', 'APP_SMTPPASS', PW],
  ['79a-2', 'REDISPWD', PW],
  ['79a-2', 'SMTPPWD', PW],
  ['79a-2', 'BASICAUTH', PW],
  ['79a-2', 'SMTPAUTH', PW],
  ['79a-2', 'smtpauth', 'hunter2'],
  ['79a-2', 'wifiKey', PW],
  ['79a-2', 'smtpAuth', PW],
  ['79a-2', 'PRESHARED', PW],
  ['79a-2', 'WG_PRESHARED', PW],
  ['79a-2', 'SECURITY_CODE', PW],
  ['79a-2', 'CARD_SECURITY_CODE', '4821'],
  // 79a-10: ASCII spellings of other languages' secret words.
  ['79a-10', 'SCHLUESSEL', PW],
  ['79a-10', 'DB_SCHLUESSEL', PW],
  ['79a-10', 'DB_GEHEIM', PW],
  ['79a-10', 'GEHEIMZAHL', '4821'],
  ['79a-10', 'DB_PAROLE', PW],
  ['79a-10', 'dbParole', PW],
  ['79a-10', 'DB_SANDI', PW],
  ['79a-10', 'DB_LOSEN', PW],
  ['79a-10', 'PAROLYA', PW],
  ['79a-10', 'DB_PAROLYU', PW],
  ['79a-10', 'PASIKODI', PW],
];

/** [finding, env name, value]: realistic names and values that must still pass every door. */
const acceptedEnv: ReadonlyArray<readonly [string, string, string]> = [
  // 79a-2's neighbours: English words that end in `pass`, `pwd`, `auth`, and switches, modes, URLs under an `…AUTH`.
  ['79a-2', 'BYPASS', 'true'],
  ['79a-2', 'PROXY_BYPASS', 'localhost,127.0.0.1,.svc'],
  ['79a-2', 'CACHEBYPASS', '1'],
  ['79a-2', 'COMPASS', 'north'],
  ['79a-2', 'MONGODB_COMPASS', 'disabled'],
  ['79a-2', 'SURPASS', 'false'],
  ['79a-2', 'LOWPASS', '3000'],
  ['79a-2', 'HIGHPASS_FREQ', '200'],
  ['79a-2', 'BANDPASS', '300-3400'],
  ['79a-2', 'MULTIPASS', 'enabled'],
  ['79a-2', 'TWOPASS', 'true'],
  ['79a-2', 'KEEPASS', '/data/vault.kdbx'],
  ['79a-2', 'KEEPASS_DB', '/data/vault.kdbx'],
  ['79a-2', 'SSL_PASSTHROUGH', 'true'],
  ['79a-2', 'PASSTHROUGH', 'true'],
  ['79a-2', 'PASSIVE', 'true'],
  ['79a-2', 'PASSIVE_MODE', 'on'],
  ['79a-2', 'PASSPORT_ID', 'L898902C3'],
  ['79a-2', 'OLDPWD', '/home/ops'],
  ['79a-2', 'SSH_ASKPASS', '/usr/lib/ssh/ssh-askpass'],
  ['79a-2', 'GIT_ASKPASS', '/usr/local/bin/git-askpass-helper'],
  ['79a-2', 'SUDO_ASKPASS', '/usr/bin/ssh-askpass'],
  ['79a-2', 'NOPASS', 'true'],
  ['79a-2', 'PWD', '/app'],
  ['79a-2', 'OAUTH_ISSUER', 'https://auth.example.com/realms/main'],
  ['79a-2', 'AUTH_URL', 'https://auth.example.com/oauth2/auth'],
  ['79a-2', 'AUTHOR', 'Jane Doe'],
  ['79a-2', 'GENERICOAUTH', 'true'],
  ['79a-2', 'ENABLEOAUTH', 'true'],
  ['79a-2', 'NOAUTH', 'true'],
  ['79a-2', 'SKIPAUTH', '1'],
  ['79a-2', 'BASICAUTH', 'true'],
  ['79a-2', 'SMTPAUTH', 'login'],
  ['79a-2', 'SMTPAUTH', 'PLAIN'],
  ['79a-2', 'FORWARDAUTH', 'http://oauth2-proxy.auth.svc:4180/oauth2/auth'],
  ['79a-2', 'smtpAuth', 'true'],
  ['79a-2', 'REDISPASS', '${REDIS_PASSWORD}'],
  ['79a-2', 'STOREPASS', 'none'],
  ['79a-2', 'PRESHARED', 'false'],
  ['79a-2', 'routingKey', 'orders.created'],
  ['79a-2', 'sortKey', 'created_at'],
  ['79a-2', 'wifiKey', 'none'],
  ['79a-2', 'SECURITY_CONTEXT', 'restricted'],
  ['79a-2', 'SECURITY_CODE_OF_CONDUCT', 'https://example.com/coc'],
  // 79a-10's neighbours.
  ['79a-10', 'SCHLUESSEL_ID', 'k1'],
  ['79a-10', 'DB_SCHLUESSEL', 'user_id'],
  ['79a-10', 'GEHEIM', 'true'],
  ['79a-10', 'DB_SANDI_FILE', '/run/secrets/db'],
  ['79a-10', 'PAROLE', 'granted in 2019'],
  ['79a-10', 'PAROLE_DATE', '2019-05-01'],
  ['79a-10', 'DB_LOSEN', 'none'],
  ['79a-10', 'PASIKODI_FILE', '/run/secrets/pasikodi'],
];

describe('79a-2, 79a-10: env names glued or spelt in ASCII name a secret', () => {
  it.each(refusedEnv)('%s: %s=… is refused everywhere, never shown', (_, name, value) =>
    refusedEverywhere({ env: [{ name, value }] }, 'env[0]', value),
  );
  it.each(acceptedEnv)('%s: %s=%s passes', (_, name, value) => acceptedEverywhere({ env: [{ name, value }] }));
  it.each([
    ['storepass', true],
    ['rconpass', true],
    ['SMTPAUTH', true],
    ['DB_SANDI', true],
    ['bypass', false],
    ['compass', false],
    ['encompass', false],
    ['passthrough', false],
    ['oldpwd', false],
    ['author', false],
    ['oauth', false],
    ['basicAuth', false], // a Traefik Middleware's map, not an env name
    ['forwardAuth', false],
    ['parole', false],
  ])('the key %s named like a secret: %s', (key, secret) => expect(isSecretKey(key)).toBe(secret));
  it('a glued name in a YAML text is refused, an English word is not', () => {
    refusedEverywhere(
      {
        extraObjects: [
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'app', namespace: 'default' },
            data: { 'app.yaml': `storepass: ${PW}\n` },
          },
        ],
      },
      'extraObjects[0].data',
      PW,
    );
    acceptedEverywhere({
      extraObjects: [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'app', namespace: 'default' },
          data: { 'app.yaml': 'bypass: true\ncompass: north\nlowpass: 3000\n' },
        },
      ],
    });
  });
});

describe('79a-10: the new words as labels in a text: a value after them is refused, a note passes', () => {
  it.each([
    `DB_SCHLUESSEL=${PW}`,
    `PRESHARED=${PW}`,
    `STOREPASS=${PW}`,
    `SMTPAUTH=${PW}`,
    `losen: ${PW}`,
    `sandi: ${PW}`,
    `parolya: ${PW}`,
    `geheim: ${PW}`,
    `DB_PAROLE=${PW}`,
  ])('%s is refused', (text) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', PW));
  it('Traefik labels that name a middleware in lower case pass (`basicauth`, `forwardauth`)', () =>
    acceptedEverywhere(
      textConfigMap(
        'labels:\n  - traefik.http.middlewares.auth.basicauth.users=alice:$$apr1$$abcdefgh$$ckT15POyCRlen.h6XtGAZ1\n  - traefik.http.middlewares.fa.forwardauth.address=https://auth.example.com/verify',
      ),
    ));
  it.each([
    'DB_SCHLUESSEL=user_id',
    'lösen: finns i valvet',
    'lösenord: finns i valvet',
    'sandi: ada di brankas',
    'parole: granted in 2019',
    'geheim: true',
  ])('%s passes', (text) => acceptedEverywhere(textConfigMap(text)));
});

const middleware = (tls: Record<string, string>) => ({
  extraObjects: [
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'Middleware',
      metadata: { name: 'auth', namespace: 'kube-system' },
      spec: { forwardAuth: { address: 'https://auth.example.com/verify', tls } },
    },
  ],
});
const HUB_IMAGE = { registry: 'ghcr.io', repository: 'traefik/traefik-hub', tag: 'v3.4.1' };

describe('79a-14: every Secret-name field refuses a name that looks generated', () => {
  it.each([LOWER, UUID])('hub.token %s is refused as the token itself', (value) =>
    refusedEverywhere({ image: HUB_IMAGE, hub: { token: value } }, 'hub.token', value),
  );
  it.each([
    ['certSecret', LOWER],
    ['caSecret', LOWER],
    ['certSecret', UUID],
    ['secret of basicAuth (the rule it now shares)', LOWER],
  ])('forwardAuth.tls.%s %s is refused as basicAuth.secret is, never shown', (key, value) => {
    // The object rule's doors (config, K3sVipCluster, TraefikHelmChartConfig), as for `basicAuth.secret`.
    const values = key.startsWith('secret')
      ? { extraObjects: [{ ...middleware({}).extraObjects[0], spec: { basicAuth: { secret: value } } }] }
      : middleware({ [key]: value });
    const where = key.startsWith('secret') ? 'basicAuth.secret' : `forwardAuth.tls.${key}`;
    for (const message of [valuesDoors.config(values), valuesDoors.cluster(values), valuesDoors.chart(values)]) {
      expect(message).toContain(where);
      expect(message).toContain('looks generated');
      expect(message).not.toContain(value);
    }
  });
  it.each(['traefik-hub-license', 'hub-token', 'hub-licence-2024'])('hub.token %s (a Secret name) passes', (value) =>
    acceptedEverywhere({ image: HUB_IMAGE, hub: { token: value } }),
  );
  it.each([
    ['certSecret', 'forwardauth-client-tls'],
    ['caSecret', 'auth-ca'],
    ['caSecret', 'root-ca-2024'],
  ])('forwardAuth.tls.%s %s passes', (key, value) => acceptedEverywhere(middleware({ [key]: value })));
});
