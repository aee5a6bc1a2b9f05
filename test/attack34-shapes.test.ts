import { randomBytes } from 'crypto';
import { secretShape, redact } from '../src/core/secrets';
import { isSecretKey, mayHoldSecretKey, namesSecretValue } from '../src/core/secrets-keys';
import { configErrors, devConfig, valuesDoors, withChanges } from './helpers';
import { acceptedEverywhere, HOSTILE_TEST_SIZE, judgedEverywhere, judgesHostileTexts } from './secret-doors';
import { tokenShapes34a } from '../scripts/hostile-inputs';

/**
 * Attack round 34a-5 to 34a-9: secrets no key names, in the shapes a user pastes: vendors' fixed-prefix tokens, age and
 * PuTTY keys, plist pairs, Azure connection strings, short secret names, npm's `_auth`, pgpass lines, BIND secrets and
 * command-line passwords. Each is refused at every door and blanked in every message; near misses are accepted.
 */
const S = 'Zq7Hunter9Plx';
/** A run of `n` characters of `alphabet`, seeded by the secret marker so a test can tell it in a message. */
const run = (n: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string =>
  (S + Array.from(randomBytes(n), (b) => alphabet[b % alphabet.length]).join('')).slice(0, n);
const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';
const showsAny =
  (...secrets: string[]) =>
  (text: string): boolean =>
    secrets.some((secret) => text.includes(secret));

const GHP = `ghp_${run(36)}`;
const AGE = `AGE-SECRET-KEY-1${Array.from(randomBytes(58), (b) => BECH32[b % 32]).join('')}`;
const PPK_BODY = `AAAAI${run(59, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')}`;
const PPK = [
  'PuTTY-User-Key-File-3: ssh-ed25519',
  'Encryption: none',
  'Comment: eddsa-key-20240101',
  'Public-Lines: 2',
  'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
  'Public-Lines-End',
  'Private-Lines: 1',
  PPK_BODY,
  'Private-MAC: 8a5f2e5b1d6c4a3e9f0b7c2d1e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f',
].join('\n');

describe('34a-7: fixed-prefix tokens (gitleaks config/gitleaks.toml) are refused at every door and redacted', () => {
  const jwt = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${run(43)}`;
  test.each([
    ['a GitHub classic token', GHP, [GHP.slice(4)]],
    ['a GitHub OAuth token in a sentence', `use gho_${run(36)} here`, [S]],
    ['a GitHub fine-grained token', `github_pat_${run(22)}_${run(59)}`, [S]],
    ['a GitLab personal access token', `glpat-${run(20)}`, [S]],
    ['a GitLab runner token', `glrt-${run(20)}`, [S]],
    ['a Slack bot token', `xoxb-1234567890-1234567890123-${run(24)}`, [S]],
    ['a Slack webhook URL', `https://hooks.slack.com/services/T0123ABCD/B0123ABCD/${run(24)}`, [S]],
    ['a Stripe live key', `sk_live_${run(24)}`, [S]],
    ['a Stripe restricted key', `rk_live_${run(24)}`, [S]],
    ['an AWS access key ID alone', 'AKIAZ7Q3HUNTERTWOXYZ', ['HUNTERTWO']],
    ['an AWS temporary key ID', 'ASIAZ7Q3HUNTERTWOXYZ', ['HUNTERTWO']],
    ['an npm token', `npm_${run(36)}`, [S]],
    ['a Google API key', `AIza${run(35)}`, [S]],
    ['an OpenAI project key', `sk-proj-${run(58)}T3BlbkFJ${run(58)}`, [S]],
    ['a JWT', jwt, [jwt.slice(-40)]],
  ])('%s', (_, value, secrets) => {
    expect(secretShape(value)).toBeDefined();
    judgedEverywhere(value, showsAny(...secrets));
  });

  test.each([
    ['an Ingress service', { ingresses: [{ ...devConfig().ingresses[0], service: GHP }] }, 'ingresses[0].service'],
    ['a loadBalancerIPs entry', { traefik: { loadBalancerIPs: [GHP] } }, 'traefik.loadBalancerIPs[0]'],
    ['an age key as a service', { ingresses: [{ ...devConfig().ingresses[0], service: AGE }] }, 'ingresses[0].service'],
  ])('echoed in a message as %s, it is blanked (with its lower-cased hint)', (_, patch, where) => {
    const out = configErrors(withChanges(devConfig(), patch)).join('\n');
    expect(out).toContain(where);
    for (const secret of [GHP.slice(4, 20), AGE.slice(16, 30)]) {
      expect(out).not.toContain(secret);
      expect(out).not.toContain(secret.toLowerCase());
    }
  });

  test.each([
    ['a word after the prefix', 'ghp_token_name'],
    ['a GitHub token one short', `ghp_${'a1'.repeat(17)}x`],
    ['a Slack placeholder without digits', 'xoxb-your-bot-token'],
    ['a Stripe publishable key', `pk_live_${'a1'.repeat(12)}`],
    ['a Stripe test-mode word', 'sk_test_mode'],
    ['an AWS key ID too short', 'AKIAEXAMPLE'],
    ['an AWS key ID inside a longer word', 'XAKIAZ7Q3HUNTERTWOXYZ'],
    ['an npm config name', 'npm_config_registry'],
    ['a base64 JSON alone (one part)', 'eyJhbGciOiJIUzI1NiJ9'],
    ['a Slack URL without its path', 'https://hooks.slack.com/services/'],
    ['a sk- word', 'sk-learn-estimator-pipeline-config'],
    ['an age public key', `age1${'qpzry9x8gf2tvdw0s3jn54khce6mua7l'.repeat(2)}`],
  ])('%s is accepted', (_, value) => {
    expect(secretShape(value)).toBeUndefined();
    acceptedEverywhere({ deployment: { podAnnotations: { note: value } } });
  });
});

describe('34a-5: age and PuTTY keys, plist pairs and Azure connection strings', () => {
  test.each([
    ['an age secret key', AGE, [AGE.slice(16)]],
    ['an age key file', `# created: 2024-01-01T00:00:00Z\n# public key: age1${'q'.repeat(58)}\n${AGE}`, [AGE.slice(16)]],
    ['a PuTTY key', PPK, [PPK_BODY.slice(5)]],
    ['a plist dict', `<dict>\n<key>DB_PASSWORD</key>\n<string>${S}</string>\n</dict>`, [S]],
    ['a plist pair without its dict', `<key>password</key><string>${S}</string>`, [S]],
    ['a Hadoop pair without its property', `<name>db.password</name><value>${S}</value>`, [S]],
    [
      'an Azure storage connection string',
      `DefaultEndpointsProtocol=https;AccountName=devstore;AccountKey=${S}Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OU==;EndpointSuffix=core.windows.net`,
      [S],
    ],
  ])('%s is refused at every door and redacted', (_, value, secrets) => {
    judgedEverywhere(value, showsAny(...secrets));
  });

  test.each([
    ['a plist pair not named like a secret', `<dict><key>Label</key><string>${S}</string></dict>`],
    ['a plist key then a boolean', '<dict><key>password</key><true/><key>Label</key><string>com.example.x</string></dict>'],
    ['a PuTTY public key alone', 'Public-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl'],
    ['an Azure connection string without a key', 'DefaultEndpointsProtocol=https;AccountName=devstore;EndpointSuffix=core.windows.net'],
  ])('%s is accepted', (_, value) => {
    acceptedEverywhere({ deployment: { podAnnotations: { note: value } } });
  });
});

describe('34a-8 and 34a-6: short and compound secret names; npm _auth', () => {
  test.each([
    'pw',
    'dbPw',
    'creds',
    'awsCreds',
    'psk',
    'wpa_psk',
    'PresharedKey',
    'privkey',
    'priv_key',
    'mnemonic',
    // Not a bare `otp`/`TOTP` since round 35a-9 (Erlang/OTP's version, a switch): the seed's names.
    'otpSeed',
    'TOTP_KEY',
    'AccountKey',
    'SharedAccessSignature',
    'licenseKey',
    'REDISCLI_AUTH',
    '_auth',
    '//registry.npmjs.org/:_auth',
    'NPM_CONFIG__AUTH',
    'npm_config__auth',
  ])('%s names a secret, and the gate lets it through', (key) => {
    expect([isSecretKey(key), mayHoldSecretKey(key)]).toEqual([true, true]);
  });

  test.each([
    ['pw=', `pw=${S}`],
    ['psk:', `wpa_psk: ${S}`],
    ['AccountKey=', `AccountKey=${S}`],
    ['sessionid=', `sessionid=${S}`],
    ['mnemonic=', `mnemonic=${S}`],
    ['otp_seed=', `otp_seed=${S}`],
    ['jwt:', `jwt: ${S}`],
    ['REDISCLI_AUTH=', `REDISCLI_AUTH=${S}`],
    ["npm's _auth", '_auth=Ym9iOlpxN0h1bnRlcjlQbHg='],
    ["npm's scoped _auth", '//registry.npmjs.org/:_auth=Ym9iOlpxN0h1bnRlcjlQbHg='],
  ])('%s in a text is refused and redacted', (_, value) => {
    judgedEverywhere(value, showsAny(S, 'Ym9iOlpxN0h1bnRlcjlQbHg'));
  });

  test.each([
    ['an env entry named REDISCLI_AUTH', { env: [{ name: 'REDISCLI_AUTH', value: S }] }],
    ['an env entry named NPM_CONFIG__AUTH', { env: [{ name: 'NPM_CONFIG__AUTH', value: 'Ym9iOlpxN0h1bnRlcjlQbHg=' }] }],
    ['an env entry named SESSION_ID', { env: [{ name: 'SESSION_ID', value: S }] }],
    ['a jwt key with a text', { deployment: { podAnnotations: { jwt: S } } }],
    ['a creds key', { deployment: { podAnnotations: { creds: S } } }],
  ])('%s is refused', (_, values) => {
    const refusal = valuesDoors.config(values);
    expect(refusal).not.toBe('');
    expect(refusal).not.toContain(S);
  });

  test.each([
    [
      'a jwt map (a plugin or middleware setting)',
      { experimental: { plugins: { jwt: { moduleName: 'github.com/x/jwt', version: 'v1.0.0' } } } },
    ],
    ['a sticky session cookie map', { deployment: { podAnnotations: { session: 'sticky', cookie: 'route' } } }],
    ['an auth middleware name', { deployment: { podAnnotations: { auth: 'basic-auth' } } }],
    ['a switch under otp', { deployment: { podAnnotations: { otp: 'true' } } }],
    ['names ending in another word', { deployment: { podAnnotations: { pwFile: '/run/pw', credsRef: 'aws', pskLength: '32' } } }],
    ['a word holding pw', { deployment: { podAnnotations: { pwm: 'x7', spw: S } } }],
  ])('%s is accepted', (_, values) => {
    acceptedEverywhere(values);
  });

  test('jwt and sessionid name a text secret, not a map (namesSecretValue, not isSecretKey)', () => {
    expect(['jwt', 'session_id', 'sessionId'].map((key) => [isSecretKey(key), namesSecretValue(key)])).toEqual([
      [false, true],
      [false, true],
      [false, true],
    ]);
  });
});

describe('34a-9: pgpass lines, BIND secrets, command-line passwords', () => {
  test.each([
    ['a .pgpass line', `db.example.com:5432:app:bob:${S}`],
    ['a .pgpass line with wildcards', `*:*:*:bob:${S}`],
    ['a BIND key', `key "k." {\n  algorithm hmac-sha256;\n  secret "${S}MDEyMzQ1Njc4OWFiY2RlZg==";\n};`],
    ['a BIND key on one line', `key "k." { algorithm hmac-sha256; secret "${S}MDEy=="; };`],
    ['curl -u', `curl -u bob:${S} https://api.example.com`],
    ['curl --user=', `curl -fsS --user=bob:${S} https://api.example.com`],
    ['curl -su (switches before)', `/usr/bin/curl -su 'bob:${S}' https://api.example.com`],
    ['mysql -p glued', `mysql -uroot -p${S} -h db`],
    ['mysqldump -p glued', `mysqldump -p${S} app > dump.sql`],
    ['redis-cli -a', `redis-cli -h redis -a ${S} ping`],
    ['sshpass -p', `sshpass -p ${S} ssh root@host`],
  ])('%s is refused and redacted', (_, value) => {
    judgedEverywhere(value, showsAny(S));
    expect(redact(value)).not.toContain(S);
  });

  test.each([
    ['a time', '10:30:00:00:00'],
    ['a MAC address', '00:11:22:33:44:55'],
    ['four colon fields', 'db.example.com:5432:app:bob'],
    ['six colon fields', 'root:x:0:0:root:/root'],
    ['a port that is no number', 'db:http:app:bob:pw7Hx'],
    ['a TSIG key name without secret', 'key "k." { algorithm hmac-sha256; };'],
    ['a secret word in prose', 'the secret "sauce" is time'],
    ['curl -u without a password (it prompts)', 'curl -u bob https://api.example.com'],
    ['docker -u uid:gid', 'docker run -u 1000:1000 busybox'],
    ['mysql -p alone (it prompts)', 'mysql -u root -p app'],
    ['mysql -P port', 'mysql -P3306 -h db'],
    ['sshpass -f then ssh -p port', 'sshpass -f /run/pw ssh -p 2222 root@host'],
    ['redis-cli then a command argument', 'redis-cli -h redis GET -a'],
    ['a reference', 'curl -u bob:$(API_PASSWORD) https://api.example.com'],
  ])('%s is accepted', (_, value) => {
    expect(secretShape(value)).toBeUndefined();
    acceptedEverywhere({ deployment: { podAnnotations: { note: value } } });
  });
});

describe('34a: the new readers are linear', () => {
  judgesHostileTexts(tokenShapes34a(HOSTILE_TEST_SIZE));
});
