import { allRefusals, envEntry as env, ruleDoors as doors } from './rule-doors';

/**
 * Round 58 false refusals (falsepos58): review57-1 (a mode under an `*_AUTH` name), 58a-13 (Helm's `checksum/secret`,
 * a key's fingerprint), 58a-16 (durations under secret-qualified names), 58a-17 (labels under `X-…-Key` headers).
 * 58a-12 (hashes of other families under a secret's name), 58a-15 (a token file's path where the option takes one), 58a-14 (/etc/passwd and /etc/group texts, and no "space after the colon" advice inside a block text).
 * Each row goes through every door (the config file, K3sVipCluster, TraefikHelmChartConfig); the refused neighbours
 * must be named by their key path and never quoted.
 */
const S = 'Qw8vLmP3xR7tYwQw8v';
const HEX = '3b4c2f0e1a9d8c7b6a5f4e3d2c1b0a99887766554433221100ffeeddccbbaa99';
const SA_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';
const HASHES: [string, string][] = [
  ['Django', 'pbkdf2_sha256$600000$c2FsdHNhbHQ$h+JyFUvLtKxbkhvLNzF0RXSuVgBsp2/NFaDMq13Juu8='],
  ['Werkzeug', `scrypt:32768:8:1$c2FsdHNhbHRz$${'2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881'.repeat(2)}`],
  ['LDAP SSHA', '{SSHA}cyy1DSsp8htHWuMRIU8YoBan9yBzYWx0'],
  ['MySQL', '*B69027D44F6E5EDC07F1AEAD1477967B16F28227'],
  ['PostgreSQL md5', 'md54683bbe38686d772a2a95219c7e17e1b'],
  [
    'PostgreSQL SCRAM',
    'SCRAM-SHA-256$4096:c2FsdHNhbHRzYWx0c2FsdA==$cLJIFPZRHpsrEnhaMUMGLEAu9q2ZJSOTpTcMG6LlK6Q=:5dpFqhOLYWRz/2M0ZTVZJ2F+bKhQWAneCBMyysGGKS0=',
  ],
];
const headers = (map: Record<string, string>) => ({
  extraObjects: [
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'Middleware',
      metadata: { name: 'hdr', namespace: 'default' },
      spec: { headers: { customRequestHeaders: map } },
    },
  ],
});
const annotation = (key: string, value: string) => ({ deployment: { podAnnotations: { [key]: value } } });
const envText = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { 'app.env': text } }],
});
const configMap = (key: string, text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nss', namespace: 'default' }, data: { [key]: text } }],
});

describe('round 58: settings under credential-like names pass in every door', () => {
  test.each([
    // review57-1
    ['REGISTRY_AUTH=htpasswd', env('REGISTRY_AUTH', 'htpasswd')],
    ['SMTP_AUTH=login', env('SMTP_AUTH', 'login')],
    ['PROXY_AUTH=basic', env('PROXY_AUTH', 'basic')],
    ['MAIL_AUTH=cram-md5', env('MAIL_AUTH', 'cram-md5')],
    ['MQTT_AUTH=anonymous', env('MQTT_AUTH', 'anonymous')],
    ['SERVICE_AUTH=mtls', env('SERVICE_AUTH', 'mtls')],
    ['DEFAULT_AUTH=ldap', env('DEFAULT_AUTH', 'ldap')],
    ['REDIS_AUTH=false', env('REDIS_AUTH', 'false')],
    ['a text REGISTRY_AUTH=htpasswd', envText('REGISTRY_AUTH=htpasswd\nSMTP_AUTH=login\n')],
    // 58a-13
    ['checksum/secret annotation', annotation('checksum/secret', HEX)],
    ['checksum/config annotation', annotation('checksum/config', HEX)],
    ['API_KEY_FINGERPRINT SHA256:', env('API_KEY_FINGERPRINT', 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8')],
    ['SSH_KEY_FINGERPRINT MD5:', env('SSH_KEY_FINGERPRINT', 'MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48')],
    // 58a-16
    ['TOKEN_SKEW=30s', env('TOKEN_SKEW', '30s')],
    ['PASSWORD_GRACE=7d', env('PASSWORD_GRACE', '7d')],
    ['SECRET_REFRESH=1h30m', env('SECRET_REFRESH', '1h30m')],
    ['SESSION_SECRET_ROTATE=24h', env('SESSION_SECRET_ROTATE', '24h')],
    ['tokenSkew: 1.5m', { auth: { tokenSkew: '1.5m' } }],
    ['a text TOKEN_SKEW=30s', envText('TOKEN_SKEW=30s\nPASSWORD_GRACE=7d\n')],
    ['TOKEN_RENEW=15m', env('TOKEN_RENEW', '15m')],
    ['PASSWORD_LOCKOUT=15m', env('PASSWORD_LOCKOUT', '15m')],
    ['TOKEN_LEEWAY=5s', env('TOKEN_LEEWAY', '5s')],
    // 58a-14
    [
      'an /etc/passwd text',
      configMap('passwd', 'root:x:0:0:root:/root:/bin/sh\ntraefik:x:65532:65532:traefik:/home/traefik:/sbin/nologin\n'),
    ],
    ['an /etc/group text', configMap('group', 'root:x:0:\ntraefik:x:65532:\nwheel:x:10:root,traefik\n')],
    ['etc-passwd, locked', configMap('etc-passwd', 'nobody:*:65534:65534::/nonexistent:/usr/sbin/nologin\n')],
    // review57-4, review57-5
    ['auth: provider:github', configMap('auth', 'provider:github')],
    ['auth: mode:oauth2', configMap('auth', 'mode:oauth2')],
    ['auth: enabled:true in values', { app: { auth: 'enabled:true' } }],
    ['userFile, a Windows path', { app: { userFile: 'C:\\data\\users.txt' } }],
    ['user:<password> here, a placeholder', configMap('README', 'user:<password> here\n')],
    // 58a-15
    ['kubernetesIngressNginx.token, a file path', { providers: { kubernetesIngressNginx: { enabled: true, token: SA_TOKEN } } }],
    ['the flag, a file path', { additionalArguments: [`--providers.kubernetesingressnginx.token=${SA_TOKEN}`] }],
    ['K8S_TOKEN, a file path', env('K8S_TOKEN', SA_TOKEN)],
    ['HUB_TOKEN in /run/secrets', env('HUB_TOKEN', '/run/secrets/hub_token')],
    // 58a-12
    ...HASHES.map(([name, hash]): [string, object] => [`a ${name} hash under password`, configMap('password', hash)]),
    // 58a-17
    ['X-Cache-Key: prod-v2', headers({ 'X-Cache-Key': 'prod-v2' })],
    ['X-Partition-Key: tenant1', headers({ 'X-Partition-Key': 'tenant1' })],
    ['X-Sort-Key: createdAt', headers({ 'X-Sort-Key': 'createdAt' })],
    ['X-Remote-Auth: ldap', headers({ 'X-Remote-Auth': 'ldap' })],
    ['X-Signing-Key: rsa-2048', headers({ 'X-Signing-Key': 'rsa-2048' })],
    ['X-Key: v1', headers({ 'X-Key': 'v1' })],
  ])('%s passes', (_name, values) => {
    expect(allRefusals(values)).not.toMatch(/secret/);
  });
});

describe('round 58: the secrets beside them are still refused, named, never quoted', () => {
  test.each([
    ['REDIS_AUTH a password', env('REDIS_AUTH', S), 'env[0].value'],
    ['REDIS_AUTH a word', env('REDIS_AUTH', 'hunter2'), 'env[0].value'],
    ['BASIC_AUTH user:password', env('BASIC_AUTH', `admin:${S}`), 'env[0].value'],
    ['checksum/secret not hex', annotation('checksum/secret', S), 'checksum/secret'],
    ['a FINGERPRINT that is a key', env('API_KEY_FINGERPRINT', S), 'env[0].value'],
    ['DB_PASSWORD=30s, the password', env('DB_PASSWORD', '30s'), 'env[0].value'],
    ['TOKEN_SKEW a token', env('TOKEN_SKEW', S), 'env[0].value'],
    ['a passwd text with a password', configMap('passwd', 'root:hunter2:0:0:root:/root:/bin/sh\n'), 'data.passwd'],
    ['a passwd text with a hash', configMap('passwd', `root:$6$salt$${S}:0:0::/root:/bin/sh\n`), 'data.passwd'],
    [
      'a Secret auth with a plain password',
      {
        extraObjects: [
          { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'b', namespace: 'default' }, stringData: { auth: `admin:${S}` } },
        ],
      },
      'stringData',
    ],
    ['a ConfigMap auth, a chosen password', configMap('auth', 'admin:password\n'), 'data.auth'],
    ['auth with a generated password', { app: { auth: `admin:${S}` } }, 'app.auth'],
    [
      'a token that starts with /',
      { providers: { kubernetesIngressNginx: { enabled: true, token: `/${S}` } } },
      'kubernetesIngressNginx.token',
    ],
    ['K8S_TOKEN a generated file name', env('K8S_TOKEN', `/run/secrets/${S}`), 'env[0].value'],
    ['md5 then a generated run', configMap('password', `md5${S}`), 'data.password'],
    ['{SSHA} then a word after', configMap('password', `{SSHA}cyy1DSsp8htHWuMRIU8YoBan9yBzYWx0 ${S}`), 'data.password'],
    ['X-Cache-Key generated', headers({ 'X-Cache-Key': S }), 'customRequestHeaders.X-Cache-Key'],
    ['X-Api-Key a word', headers({ 'X-Api-Key': 'prod-v2' }), 'customRequestHeaders.X-Api-Key'],
    ['X-Upstream-Key generated', headers({ 'X-Upstream-Key': S }), 'customRequestHeaders.X-Upstream-Key'],
    ['X-Remote-Auth a password', headers({ 'X-Remote-Auth': S }), 'customRequestHeaders.X-Remote-Auth'],
  ])('%s is refused', (_name, values, where) => {
    const d = doors(values);
    const errors = d.errors.join('\n');
    expect(errors).toContain(where);
    expect(errors).toMatch(/secret/);
    expect(d.cluster).toMatch(/secret/);
    expect(`${errors}${d.cluster}${d.chart}`).not.toContain(S);
  });
});
