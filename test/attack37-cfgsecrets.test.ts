import { secretShape, redact } from '../src/core/secrets';
import { valuesDoors } from './helpers';
import { acceptedEverywhere } from './secret-doors';
import { accepted, configMapOf as configMap, hex, refusedEverywhere, run as runOf, textRefused } from './secret-tables';

/**
 * Attack round 36a-3 (Sentinel config lines), 36a-4 to 36a-8: config-file password lines, vendor token prefixes,
 * suffixed and glued secret names, and the ordinary values under secret-like names that were refused. The hostile texts
 * for these readers are rows of scripts/hostile-inputs.js tokenShapes34a, judged in attack34-shapes.
 */
const S = 'Zq8vNp3xWk7T';
/** `n` letters and digits, starting with the secret marker. */
const run = (n: number): string => runOf(S, n);

describe('36a-8: ordinary values under secret-like names are accepted', () => {
  test.each([
    ['ssh_privkey: a path without an extension', { env: [{ name: 'ssh_privkey', value: '/root/.ssh/id_ed25519' }] }],
    ['privkey2: a path', configMap({ privkey2: '/k/privkey.pem' })],
    ['creds1: a path', configMap({ creds1: '/run/creds' })],
    ['CREDS_2: a path (env)', { env: [{ name: 'CREDS_2', value: '/var/run/secrets/creds.json' }] }],
    ['password_min: "8"', configMap({ password_min: '8' })],
    ['PASSWORD_MAX_AGE: 90 (env)', { env: [{ name: 'PASSWORD_MAX_AGE', value: '90' }] }],
    ['TOKEN_AUDIENCE: a URL', { env: [{ name: 'TOKEN_AUDIENCE', value: 'https://kubernetes.default.svc' }] }],
    ['token: auto', configMap({ token: 'auto' })],
    ['auth_token_header: X-Auth-Token', configMap({ auth_token_header: 'X-Auth-Token' })],
    ['passwordHash: bcrypt (env)', { env: [{ name: 'passwordHash', value: 'bcrypt' }] }],
    ['PASSWORD_ALGORITHM: argon2id (env)', { env: [{ name: 'PASSWORD_ALGORITHM', value: 'argon2id' }] }],
    ['secretPolicy: strict', configMap({ SECRET_POLICY: 'strict' })],
  ])('%s', (_, values) => {
    accepted(values);
  });

  test.each([
    ['ssh_privkey: a path (env)', { env: [{ name: 'ssh_privkey', value: '/root/.ssh/id_ed25519' }] }],
    ['token: auto', configMap({ token: 'auto' })],
  ])('%s is accepted at every door', (_, values) => {
    acceptedEverywhere(values);
  });

  test.each([
    ['ssh_privkey: a key, not a path', { env: [{ name: 'ssh_privkey', value: S }] }],
    ['privkey2: a path-like key with a generated segment', configMap({ privkey2: `/${S}${S}/x` })],
    ['password_min: a password', configMap({ DB_PASSWORD: '8' })],
    ['token: a word that is no mode', configMap({ token: 'hunter2hunter' })],
    // Round 53a-16: a well-formed hash is accepted (attack55-msgs55); one a character too long is no hash, and is refused.
    ['passwordHash: a bcrypt hash one character too long', { env: [{ name: 'passwordHash', value: `$2y$10$${run(54)}` }] }],
  ])('the near miss %s is still refused', (_, values) => {
    expect(valuesDoors.config(values)).not.toBe('');
  });
});

describe('36a-7: names with digit or format suffixes, and glued words', () => {
  test.each(['DB_PASS_2', 'ADMINPW', 'dbpw', 'otpSeed_b32', 'PWD_FILE_CONTENT', 'ADMIN_PASS_B32', 'PSK_RAW'])(
    'an env entry named %s is refused',
    (name) => {
      refusedEverywhere({ env: [{ name, value: S }] }, S);
    },
  );

  test.each(['DB_PASS_2', 'secret1', 'otpSeed_b32', 'adminpw', 'PWD_FILE_CONTENT', 'creds_b32'])(
    'a ConfigMap key named %s is refused',
    (key) => {
      refusedEverywhere(configMap({ [key]: S }), S);
    },
  );

  test.each([
    ['OLDPWD (the shell)', { env: [{ name: 'OLDPWD', value: 'Zq8vNp3xWk7T' }] }],
    ['BYPASS_2', { env: [{ name: 'BYPASS_2', value: 'Zq8vNp3xWk7T' }] }],
    ['compass1', configMap({ compass1: 'Zq8vNp3xWk7T' })],
    ['secretary', configMap({ secretary: 'Zq8vNp3xWk7T' })],
  ])('the near miss %s is accepted', (_, values) => {
    accepted(values);
  });
});

describe('36a-3, 36a-4, 36a-5: password lines of config files', () => {
  test.each([
    ['.curlrc user: a:b', `silent\nuser: admin:${S}\n`],
    ['.curlrc user: "a:b"', `user: "admin:${S}"\n`],
    ['.curlrc user a:b', `user admin:${S}\n`],
    ['.curlrc proxy-user a:b', `proxy-user bob:${S}\n`],
    ['an ODBC connection string', `Driver={x};Server=h;UID=u;PWD=${S};`],
    ['an ODBC connection string, PWD in braces', `DSN=app;Uid=u;Pwd={${S}};`],
    ['an odbc.ini section', `[dsn]\nDriver=x\nPWD=${S}\n`],
    ['haproxy insecure-password', `userlist L\n  user admin insecure-password ${S}\n`],
    ['haproxy stats auth', `listen stats\n  stats auth admin:${S}\n`],
    ['nginx proxy_set_header Authorization Bearer', `proxy_set_header Authorization "Bearer ${S}";\n`],
    ['nginx add_header Authorization Bearer', `add_header Authorization 'Bearer ${S}' always;\n`],
    ['an Authorization: Bearer header line', `GET / HTTP/1.1\nAuthorization: Bearer ${S}\n`],
    ['Redis Sentinel auth-pass', `sentinel monitor mymaster 10.0.0.1 6379 2\nsentinel auth-pass mymaster ${S}\n`],
    ['Redis Sentinel sentinel-pass', `sentinel sentinel-pass ${S}\n`],
  ])('%s is refused and redacted', (_, text) => {
    textRefused(text, S);
  });

  test.each([
    ['a compose uid:gid', 'user: "1000:1000"\n'],
    ['a compose user:group', 'user: nobody:nogroup\n'],
    ['a Dockerfile USER', 'USER app:app\n'],
    ['a Dockerfile USER www-data', 'USER www-data:www-data\n'],
    ['an env file PWD (a folder)', 'PWD=/app\nHOME=/root\n'],
    ['a connection string without a password', 'Driver={x};Server=h;UID=u;Trusted_Connection=yes;'],
    ['an ODBC password from a variable', 'Driver={x};UID=u;PWD=${DB_PASSWORD};'],
    ['haproxy password (a hash)', 'userlist L\n  user admin password $6$abc$def\n'],
    ['haproxy stats auth without a password', 'listen stats\n  stats enable\n  stats uri /stats\n'],
    ['nginx passes the header on', 'proxy_set_header Authorization $http_authorization;\n'],
    ['nginx Bearer from a variable', 'proxy_set_header Authorization "Bearer $token";\n'],
    ['Sentinel monitor', 'sentinel monitor mymaster 10.0.0.1 6379 2\nsentinel down-after-milliseconds mymaster 5000\n'],
    ['a PSK-like line of an inventory', 'client1:eth0\nweb2:up\n'],
  ])('%s is accepted', (_, text) => {
    expect(secretShape(text)).toBeUndefined();
    accepted(configMap({ 'file.conf': text }));
  });
});

describe('36a-6: other vendor token prefixes (gitleaks config/gitleaks.toml, v8.30.0-27)', () => {
  test.each([
    ['a Grafana legacy API key', `eyJrIjoi${run(72)}`],
    ['a Twilio API key', `SK${hex(32)}`],
    ['a New Relic user key', `NRAK-${run(27).toUpperCase()}`],
    ['a Sentry org token', `sntrys_eyJpYXQiO${run(60)}`],
    ['a Sentry user token', `sntryu_${hex(64)}`],
    ['a Doppler token', `dp.pt.${run(43)}`],
    ['a PlanetScale password', `pscale_pw_${run(43)}`],
    ['a Fly.io token', `fo1_${run(43)}`],
    ['a Databricks token', `dapi${hex(32)}`],
    ['a Pulumi token', `pul-${hex(40)}`],
    ['a Terraform Cloud token', `${run(14)}.atlasv1.${run(67)}`],
    ['a Linear key', `lin_api_${run(40)}`],
    ['a Mailgun key', `key-${hex(32)}`],
    ['a Vault legacy service token', `s.${run(24)}`],
  ])('%s is refused and redacted', (_, token) => {
    const shown = token.slice(-12);
    expect(secretShape(token)).toBeDefined();
    refusedEverywhere(configMap({ note: token }), shown);
    expect(redact(`x ${token} y`)).not.toContain(shown);
  });

  test.each([
    ['SK and a hex run of zeros', `SK${'0'.repeat(32)}`],
    ['SK and 31 hex', `SK${hex(31)}`],
    ['a base64 JSON that is no Grafana key', 'eyJrIjoidiJ9'],
    ['key- and a short name', 'key-rotation-2024'],
    ['s. and a method name', 's.getElementsByTagNameNS;'],
    ['s. and a lower-case word', 's.abcdefghijklmnopqrstuvwx'],
    ['dapi and 31 hex', `dapi${hex(31)}`],
    ['a word like pul-', 'pul-request'],
  ])('the near miss %s is accepted', (_, token) => {
    expect(secretShape(token)).toBeUndefined();
    accepted(configMap({ note: token }));
  });
});

describe('36a: every door, one value of each finding', () => {
  test.each([
    ['an env entry named DB_PASS_2', { env: [{ name: 'DB_PASS_2', value: S }] }, S],
    ['a ConfigMap key named secret1', configMap({ secret1: S }), S],
    ['an ODBC connection string', configMap({ dsn: `Driver={x};UID=u;PWD=${S};` }), S],
    ['a .curlrc user: a:b', configMap({ '.curlrc': `user: admin:${S}\n` }), S],
    ['a Grafana legacy key', configMap({ note: `eyJrIjoi${run(72)}` }), run(72).slice(-12)],
  ])('%s is refused at every door', (_, values, secret) => {
    refusedEverywhere(values, secret, true);
  });
});
