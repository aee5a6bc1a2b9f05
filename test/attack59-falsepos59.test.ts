import { allRefusals, envEntry as env, ingressRouteValues, ruleDoors as doors } from './rule-doors';

/**
 * Round 59 false refusals (falsepos59): 59a-10 (Docker Registry's settings under `*_REALM`, `*_SERVICE`,
 * `*_ROOTCERTBUNDLE` names), 59a-11 (an image reference `name:tag` read as a BasicAuth entry), 59a-12 (well-formed hashes
 * of other families in text and in a Mosquitto password file), 59a-13 (Traefik's `*Regexp` matchers with `{n}`
 * quantifiers), 59a-14 (`${X:?msg}`, `${X:-}`, `${X?msg}` references under `password:`). Each row goes through every
 * door (the config file, K3sVipCluster, TraefikHelmChartConfig); the refused neighbours are named and never quoted.
 */
const S = 'Qw8vLmP3xR7tYwQw8v';
const DJANGO = 'pbkdf2_sha256$870000$x9xvapfAaPpnKdJO$/a4fonwmcbyPqIMSTwf4SdvenlSLJBb8fmiMHQg28Ss=';
const WZ = 'pbkdf2:sha256:600000$x9xvapfAaPpnKdJO$d8877135de8ce9b0243a01253a1c08d802c9a5f7e1993a2857f38e2621975cfb';
const WZS =
  'scrypt:32768:8:1$x9xvapfAaPpnKdJO$35c345438208fa5955be7a6296fb6c045a68736a6074d60db6f6b35d338d01774402fb8d887b5a2c4815a530276a595a9a768187811faa367c8da6eda57211ae';
const SSHA = '{SSHA}drGrvCn264Z3RWqUKEbbcO9Y+L/2XeG4';
const MOSQ = '$7$101$v5+oJjAl20ZnuxSv$Zn5XphccHgA/V3wbKGuGm/UHRtbrnaPEFy8C5sW+gpStVzXwI5E1U0i55XpGUIj5t/+SLYVqLOcgp6a+OnnEEA==';
const configMap = (key: string, text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { [key]: text } }],
});
const container = (image: string) => ({ deployment: { additionalContainers: [{ name: 's2', image }] } });

describe('round 59: settings, images, hashes, patterns and references pass in every door', () => {
  test.each([
    // 59a-10: distribution/distribution docs/content/about/configuration.md (auth.htpasswd.realm, auth.token.*)
    ['REGISTRY_AUTH_HTPASSWD_REALM', env('REGISTRY_AUTH_HTPASSWD_REALM', 'Registry Realm')],
    ['A_REGISTRY_AUTH_HTPASSWD_REALM', env('A_REGISTRY_AUTH_HTPASSWD_REALM', 'basic-realm')],
    ['AUTH_HTPASSWD_REALM', env('AUTH_HTPASSWD_REALM', 'Restricted')],
    ['REGISTRY_AUTH_TOKEN_REALM', env('REGISTRY_AUTH_TOKEN_REALM', 'https://auth.example.com/token')],
    ['REGISTRY_AUTH_TOKEN_SERVICE', env('REGISTRY_AUTH_TOKEN_SERVICE', 'registry.example.com')],
    ['REGISTRY_AUTH_TOKEN_ISSUER', env('REGISTRY_AUTH_TOKEN_ISSUER', 'auth-service')],
    ['REGISTRY_AUTH_TOKEN_ROOTCERTBUNDLE', env('REGISTRY_AUTH_TOKEN_ROOTCERTBUNDLE', '/certs/bundle.crt')],
    ['REGISTRY_AUTH_HTPASSWD_PATH', env('REGISTRY_AUTH_HTPASSWD_PATH', '/auth/htpasswd')],
    [
      'a text of registry settings',
      configMap('registry.env', 'REGISTRY_AUTH_HTPASSWD_REALM=Registry Realm\nREGISTRY_AUTH_TOKEN_SERVICE=registry.example.com\n'),
    ],
    // 59a-11
    ['image oauth2-proxy:v7.6.0-<sha>', container('oauth2-proxy:v7.6.0-a1b2c3d4e5f6')],
    ['image api:sha-<sha>', container('api:sha-860c1905d2e4')],
    ['image myorg/api:sha-<sha>', container('myorg/api:sha-860c1905d2e4')],
    ['ConfigMap api:sha-<sha>', configMap('image', 'api:sha-7f3c9e2b1a4d')],
    ['ConfigMap api:git-<sha>', configMap('x', 'api:git-860c1905d2e4')],
    ['ConfigMap api:commit-<sha>', configMap('x', 'api:commit-860c1905d2e4')],
    ['ConfigMap etag:W/<hex>', configMap('x', 'etag:W/a3f9c2e1b7d4e5f6')],
    ['ConfigMap node:k3s-<hex>', configMap('x', 'node:k3s-1a2b3c4d5e6f')],
    // 59a-12
    ['PASSWORD_HASH=<Django> in a text', configMap('app.env', `PASSWORD_HASH=${DJANGO}\n`)],
    ['password_hash: <Werkzeug pbkdf2>', configMap('app.yaml', `password_hash: ${WZ}\n`)],
    ['password_hash: <Werkzeug scrypt>', configMap('app.yaml', `password_hash: ${WZS}\n`)],
    ['userPassword: {SSHA}', configMap('user.ldif', `dn: uid=a,dc=example,dc=com\nuserPassword: ${SSHA}\n`)],
    ['a Mosquitto password file', configMap('passwd', `sensors:${MOSQ}\n`)],
    ['PASSWORD_HASH env, Django', env('PASSWORD_HASH', DJANGO)],
    // 59a-13
    ['QueryRegexp api_key {64}', ingressRouteValues('Host(`a.example.com`) && QueryRegexp(`api_key`, `^[0-9a-f]{64}$`)')],
    ['HeaderRegexp X-Api-Key {40}', ingressRouteValues('Host(`b.example.com`) && HeaderRegexp(`X-Api-Key`, `^[A-Za-z0-9]{40}$`)')],
    ['HeaderRegexp Authorization {20,}', ingressRouteValues('HeaderRegexp(`Authorization`, `^Bearer [A-Za-z0-9._-]{20,}$`)')],
    // 59a-14
    ['password: ${X:?msg}', configMap('app.yaml', 'password: ${DB_PASSWORD:?must be set}\n')],
    ['password: ${X:?}', configMap('app.yaml', 'password: ${DB_PASSWORD:?}\n')],
    ['password: ${X:-}', configMap('app.yaml', 'password: ${DB_PASSWORD:-}\n')],
    ['password: ${X?msg}', configMap('app.yaml', 'password: ${DB_PASSWORD?DB_PASSWORD is required}\n')],
    ['"password": "${X:?msg}"', configMap('app.json', '{"password": "${DB_PASSWORD:?must be set}"}\n')],
    ['DB_PASSWORD=${X:?msg}', configMap('app.env', 'DB_PASSWORD=${DB_PASSWORD:?set it in .env}\n')],
    ['a bare text password: ${X:?msg}', configMap('s1', 'password: ${DB_PASSWORD:?must be set}')],
    ['a bare text password: ${X:?}', configMap('s2', 'password: ${DB_PASSWORD:?}')],
    ['a bare text password: ${X:-}', configMap('s3', 'password: ${DB_PASSWORD:-}')],
    ['a bare text password: ${X?msg}', configMap('s4', 'password: ${DB_PASSWORD?DB_PASSWORD is required}')],
    ['a bare text password = ${X:=}', configMap('s5', 'password = ${DB_PASSWORD:?}')],
    ['a bare text "password": "${X:?msg}"', configMap('s6', '{"password": "${DB_PASSWORD:?must be set}"}')],
    ['a bare Mosquitto line', configMap('MQ', `sensors:${MOSQ}`)],
    ['a bare Werkzeug line', configMap('WZ', `password_hash: ${WZ}`)],
  ])('%s passes', (_name, values) => {
    expect(allRefusals(values)).not.toMatch(/secret/);
  });
});

describe('round 59: the secrets beside them are still refused, named, never quoted', () => {
  test.each([
    ['REGISTRY_AUTH_TOKEN_REALM a password', env('REGISTRY_AUTH_TOKEN_REALM', S), 'env[0].value'],
    ['REGISTRY_AUTH_TOKEN_SERVICE a password', env('REGISTRY_AUTH_TOKEN_SERVICE', S), 'env[0].value'],
    ['AUTH_HTPASSWD_REALM user:password', env('AUTH_HTPASSWD_REALM', `admin:${S}`), 'env[0].value'],
    ['REGISTRY_HTTP_SECRET', env('REGISTRY_HTTP_SECRET', S), 'env[0].value'],
    ['ConfigMap alice:<password>', configMap('x', `alice:${S}`), 'data.x'],
    ['image with a password in its tag', container(`api:${S}`), 'image'],
    ['htpasswd key, name:tag', configMap('htpasswd', 'api:sha-860c1905d2e4'), 'data.htpasswd'],
    ['PASSWORD_HASH a password', configMap('app.env', `PASSWORD_HASH=${S}\n`), 'data["app.env"]'],
    ['{SSHA} with a word after', configMap('user.ldif', `userPassword: ${SSHA} ${S}\n`), 'data["user.ldif"]'],
    ['a Mosquitto file with a plain password', configMap('passwd', `sensors:${S}\n`), 'data.passwd'],
    ['QueryRegexp a literal key', ingressRouteValues(`QueryRegexp(\`api_key\`, \`^${S}$\`)`), 'match'],
    ['Query a literal key', ingressRouteValues(`Query(\`api_key\`, \`${S}\`)`), 'match'],
    ['password: ${X:-literal}', configMap('app.yaml', `password: \${DB_PASSWORD:-${S}}\n`), 'data["app.yaml"]'],
    ['password: ${X}literal', configMap('app.yaml', `password: \${DB_PASSWORD}${S}\n`), 'data["app.yaml"]'],
    ['a bare text password: ${X:-literal}', configMap('s1', `password: \${DB_PASSWORD:-${S}}`), 'data.s1'],
    ['a bare text password: ${X:?msg}literal', configMap('s1', `password: \${DB_PASSWORD:?x}${S}`), 'data.s1'],
  ])('%s is refused', (_name, values, where) => {
    const d = doors(values);
    const errors = d.errors.join('\n');
    expect(errors).toContain(where);
    expect(errors).toMatch(/secret/);
    expect(d.cluster).toMatch(/secret/);
    expect(`${errors}${d.cluster}${d.chart}`).not.toContain(S);
  });
});

describe('round 59: a `user:password` line outside Traefik is named as a file, not as Traefik users', () => {
  test.each([
    ['a Mosquitto line, plain', configMap('MQ', `sensors:${S}`), 'data.MQ', /plain text/],
    ['a Mosquitto line, hash then a word', configMap('MQ', `sensors:${MOSQ} ${S}`), 'data.MQ', /malformed or has more appended/],
    ['a generated tag', configMap('x8', `k8s:${S}`), 'data.x8', /plain text/],
  ])('%s', (_name, values, where, what) => {
    const errors = doors(values).errors.join('\n');
    expect(errors).toContain(where);
    expect(errors).toMatch(what);
    expect(errors).not.toMatch(/Traefik/);
    expect(errors).not.toContain(S);
  });
});
