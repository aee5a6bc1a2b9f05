import { secretsInData } from '../src/core/secrets';
import { secretsInFiles } from '../src/output/secret-gate';

/** Failures of an independent adversarial round, one table per class; each row failed before its fix. */

const S = 'SEKRITvalue';

describe('F4: the secret detector knows every name and argument form a secret hides behind', () => {
  test.each<[string, unknown, ReadonlyArray<string | number>]>([
    ['an env name with the word inside', { env: [{ name: 'MY_PASSWORD_PLAIN', value: S }] }, ['env', 0, 'value']],
    ['an env name with a number after the word', { env: [{ name: 'PASSWORD_1', value: S }] }, ['env', 0, 'value']],
    ['an env name ending in the word', { env: [{ name: 'DB_PASSWORD', value: S }] }, ['env', 0, 'value']],
    ['an env name with secret inside', { env: [{ name: 'APP_SECRET_VALUE', value: S }] }, ['env', 0, 'value']],
    ['an env name with apikey inside', { env: [{ name: 'X_APIKEY_MAIN', value: S }] }, ['env', 0, 'value']],
    ['an env name with credential inside', { env: [{ name: 'CREDENTIAL_JSON', value: S }] }, ['env', 0, 'value']],
    ['an env-style key with the word inside', { extraEnv: { MY_TOKEN_RAW: S } }, ['extraEnv', 'MY_TOKEN_RAW']],
    ['a plural key: tokens', { tokens: [S] }, ['tokens', 0]],
    ['a plural key: passwords', { auth: { passwords: { admin: S } } }, ['auth', 'passwords', 'admin']],
    ['a key ending in Secret with a literal string', { podAnnotations: { webhookSecret: S } }, ['podAnnotations', 'webhookSecret']],
    ['a reference key given a string', { dns01: { tokenSecret: S } }, ['dns01', 'tokenSecret']],
    ['a flag, then its value as the next item', { args: ['--log.level=INFO', '--providers.x.token', S] }, ['args', 2]],
    ['a flag inside a longer string', { args: ['--a=1 --api.token=' + S] }, ['args', 0]],
    ['a flag and value apart inside a longer string', { command: 'traefik --a=1 --api.password ' + S }, ['command']],
  ])('%s is found', (_, data, path) => {
    const found = secretsInData(data);
    expect(found.map((f) => f.path)).toContainEqual(path);
    expect(found.find((f) => JSON.stringify(f.path) === JSON.stringify(path))?.value).toBe(S);
  });

  test.each<[string, unknown]>([
    ['existingSecret', { existingSecret: 'my-secret' }],
    ['secretName', { tls: { secretName: 'web-tls' } }],
    ['tokenSecret as {name, key}', { tokenSecret: { name: 'cloudflare', key: 'api-token' } }],
    ['a *SecretRef', { apiTokenSecretRef: { name: 'x', key: 'y' }, passwordSecretRef: { name: 'p', key: 'q' } }],
    ['tokenFile and passwordFile', { tokenFile: '/etc/rancher/k3s/cluster-token', passwordFile: '/run/secrets/pw' }],
    [
      'env names of files and references',
      {
        env: [
          { name: 'DB_PASSWORD_FILE', value: '/run/secrets/db' },
          { name: 'SECRET_NAME', value: 'web' },
        ],
      },
    ],
    ['a valueFrom env entry', { env: [{ name: 'MY_PASSWORD_PLAIN', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }],
    ['a flag that takes a file, then the file', { args: ['--api.token-file', '/run/t', '--providers.x.tokenFile=/run/u'] }],
    ['a flag followed by another flag', { args: ['--api.insecure', '--providers.x.token', '--log.level=INFO'] }],
    ['imagePullSecrets as names', { imagePullSecrets: [{ name: 'regcred' }] }],
    ['a ServiceAccount secrets list', { secrets: [{ name: 'sa-token' }] }],
    ['automountServiceAccountToken', { automountServiceAccountToken: true }],
  ])('%s is no secret', (_, data) => {
    expect(secretsInData(data)).toEqual([]);
  });

  test('the write gate uses the same detector', () => {
    const files = new Map([
      ['dev/traefik-config.yaml', `env:\n  - name: MY_PASSWORD_PLAIN\n    value: ${S}\nargs: ["--providers.x.token", "${S}"]\n`],
    ]);
    const found = secretsInFiles(files);
    expect(found).toEqual([
      'dev/traefik-config.yaml: env[0].value holds a value under a key named like a secret',
      'dev/traefik-config.yaml: args[1] holds a container argument that sets a secret',
    ]);
    expect(found.join('\n')).not.toContain(S);
  });
});
