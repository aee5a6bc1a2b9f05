// Round 63 (shapes63): 63a-4 (a Google OAuth refresh token `1//0…` after `/`, `.`, `-`; an ingress path holding one
// showed its prefix and tail in the `//` message), 63a-5 (Oracle Easy Connect `user/password@host` without sqlplus or
// jdbc: before it), 63a-6 (a literal default inside a placeholder in line syntax: `password=${DB_PASSWORD:x}`,
// `PASSWORD=${PASSWORD-x}`) and 63a-16 (a Telegram bot token and an AWS secret access key named by their vendor).
// Each refused in a ConfigMap text, an env value and a first-class key, named by its key path, never shown; the
// neighbours (package, image and action references, references and empty defaults) stay accepted.
import { secretShape } from '../src/core/secrets';
import { configErrors, devConfig, withChanges } from './helpers';
import { envEntry as env } from './rule-doors';
import { acceptedEverywhere, refusedAtTextDoors, textConfigMap as configMap } from './secret-doors';

const RT = '1//0gXy7kLmN2pQrS5tUvWxYz8bCdEfGhIjKlMnOpQrStUvWxYz-L9Ir8Hj3Kl5';
const PW = 'Summer2024!x';
const ORA = 'Tiger4Zq8vN3';
// [row, the text, the secret part it holds (never shown), what a message names]
const SECRETS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['63a-4 refresh token in a URL path', `curl https://api.example.com/v1/store/${RT}`, RT.slice(4, 30), 'Google OAuth refresh token'],
  ['63a-4 refresh token after a dot', `gcloud.rt.${RT}`, RT.slice(4, 30), 'Google OAuth refresh token'],
  ['63a-4 refresh token after a dash', `x-${RT}`, RT.slice(4, 30), 'Google OAuth refresh token'],
  ['63a-4 refresh token after a path', `see /tmp/${RT}`, RT.slice(4, 30), 'Google OAuth refresh token'],
  ['63a-5 ORACLE_CONN=', `ORACLE_CONN=scott/${ORA}@db:1521/ORCL`, ORA, 'Oracle logon'],
  ['63a-5 connect_string:', 'connect_string: "app_user/S3cure!Pass@prod-db:1521/SVC"', 'S3cure!Pass', 'Oracle logon'],
  ['63a-5 cx_Oracle.connect', `cx_Oracle.connect("scott/${ORA}@db/ORCL")`, ORA, 'Oracle logon'],
  ['63a-5 oracle: …@//host', `oracle: scott/${ORA}@//db:1521/ORCL`, ORA, 'Oracle logon'],
  ['63a-5 host:port/service under any key', `db_target: scott/${ORA}@db.example.com:1521/ORCLPDB1`, ORA, 'Oracle logon'],
  ['63a-6 Spring properties', `spring.datasource.password=\${DB_PASSWORD:${PW}}`, PW, 'default inside a placeholder'],
  ['63a-6 Quarkus properties', `quarkus.datasource.password=\${DB_PASSWORD:${PW}}`, PW, 'default inside a placeholder'],
  ['63a-6 password=${X:x}', `password=\${DB_PASSWORD:${PW}}`, PW, 'default inside a placeholder'],
  ['63a-6 PASSWORD=${X-x}', `PASSWORD=\${PASSWORD-${PW}}`, PW, 'default inside a placeholder'],
  ['63a-6 export "${X-x}"', `export PGPASSWORD="\${PGPASSWORD-${PW}}"`, PW, 'default inside a placeholder'],
  ['63a-6 ${X=x} under a neutral key', `DB_USER_PW_SOURCE=\${DB_PASSWORD=${PW}}`, PW, 'default inside a placeholder'],
  ['63a-6 YAML form', `password: \${DB_PASSWORD:${PW}}`, PW, 'default inside a placeholder'],
  [
    '63a-16 Telegram bot token',
    'bot: 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
    'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
    'Telegram bot token',
  ],
  [
    '63a-16 AWS secret access key',
    'secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'AWS secret access key',
  ],
];

describe('shapes63: each refused, named by its key path, never shown', () => {
  refusedAtTextDoors(SECRETS);
  test.each(SECRETS)('named: %s', (_, text, secret, what) => {
    expect(secretShape(text)).toContain(what);
    expect(secretShape(text)).not.toContain(secret);
  });
});

describe('63a-4: an ingress path holding a refresh token shows no part of it', () => {
  test('ingresses[0].path', () => {
    const config = withChanges(devConfig(), {
      ingresses: [{ name: 'web', namespace: 'default', host: 'k3s.example.com', path: `/oauth/${RT}`, service: 'web', port: 80 }],
    });
    const errors = configErrors(config).filter((line) => line.includes('ingresses[0].path'));
    expect(errors.join('\n')).toContain('Google OAuth refresh token');
    for (const line of errors) {
      expect(line).not.toContain('1//');
      expect(line).not.toContain(RT.slice(-12));
      expect(line).not.toContain(RT.slice(4, 20));
    }
  });
});

describe('shapes63: neighbours stay accepted', () => {
  test.each([
    ['npm scoped package', 'npm i @scope/pkg@1.2.3'],
    ['git SSH remote', 'git clone git@github.com:org/repo'],
    ['image by digest', 'image: docker.io/library/nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31'],
    ['GitHub Action ref', 'uses: user/repo@v1.2'],
    ['GitHub Action ref, checkout', 'uses: actions/checkout@v4'],
    ['a/b@c', 'a/b@c'],
    ['a bare connection key', 'connection: org/repo@main'],
    ['Oracle logon with a reference', 'ORACLE_CONN=scott/${ORACLE_PASSWORD}@db:1521/ORCL'],
    ['Oracle logon with a placeholder', 'connect_string: scott/<password>@db:1521/ORCL'],
    ['Oracle URL without a logon', 'ORACLE_CONN=//db:1521/ORCL'],
    ['placeholder without a default', 'password=${DB_PASSWORD}'],
    ['placeholder with an empty default', 'password=${DB_PASSWORD:-}'],
    ['Spring placeholder with an empty default', 'spring.datasource.password=${DB_PASSWORD:}'],
    ['shell substring offset', 'PREFIX=${PASSWORD:2}'],
    ['shell error text', 'x=${PASSWORD:?set PASSWORD first}'],
    ['default from another variable', 'x=${TOKEN:-$OTHER_TOKEN}'],
    ['default of a neutral variable', 'host=${DB_HOST:-localhost} url=${DB_URL:jdbc:postgresql://db/app}'],
    ['a URL path with 1// and a short tail', 'see https://example.com/1//0path and file:1//0'],
  ])('%s', (_, text) => {
    acceptedEverywhere(configMap(text));
    acceptedEverywhere(env('APP_SETTING', text));
  });
});
