import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { devConfig, withChanges } from './helpers';
import { envEntry as env, ruleDoors as doors } from './rule-doors';

/**
 * Round 60 (args60): review60-2 (a login password after curl's `-u`, `--auth`, `--proxy-user`... is one even when it
 * looks like a group's name; only `--user`/`-u` of the user:group tools waive a group), review60-3 and 60a-14 (a UUID or
 * a hex id alone in `args` is no login), 60a-13 (`--auth <mode>:<path|URL|DN>` is a mode), 60a-12 and review60-7
 * (keepalived `auth_pass` and Wi-Fi `P:` take the references and placeholders the refusal recommends; `auth_pass` in
 * prose is no password), 60a-15 (systemd's `CREDENTIALS_DIRECTORY`), 60a-16 (LDAP `{PBKDF2-SHA512}`... hashes), 60a-18
 * (an scp-like Git URL is no user:hash). Every refused row names its key path and never quotes the secret.
 */
const SECRET = 's3cretpass';
const GEN = 'Zq8vTr7pWm4x';
const args = (list: string[]) => ({
  deployment: { additionalContainers: [{ name: 'side', image: 'busybox:1.36', args: list }] },
});
const configMap = (data: Record<string, string>) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data }],
});
const annotation = (value: string) => ({ deployment: { podAnnotations: { 'example.com/note': value } } });
const all = (values: object) => {
  const d = doors(values);
  return { text: [...d.errors, d.cluster, d.chart].filter(Boolean).join('\n'), errors: d.errors };
};
const ARGS = 'deployment.additionalContainers[0].args';

describe('review60-2: a login flag of an HTTP client takes user:password, never user:group', () => {
  test.each([
    ['-u admin:<lower-case word>', args(['-u', `admin:${SECRET}`]), `${ARGS}[1]`],
    ['--proxy-user', args(['--proxy-user', `admin:${SECRET}`]), `${ARGS}[1]`],
    ['--auth', args(['--auth', `admin:${SECRET}`]), `${ARGS}[1]`],
    ['--auth=', args([`--auth=admin:${SECRET}`]), `${ARGS}[0]`],
    ['--basic-auth', args(['--basic-auth', `admin:${SECRET}`]), `${ARGS}[1]`],
    ['--http-user', args(['--http-user', `admin:${SECRET}`]), `${ARGS}[1]`],
    ['--credentials', args(['--credentials', `admin:${SECRET}`]), `${ARGS}[1]`],
    ['curl --user', args(['curl', '--user', `admin:${SECRET}`]), `${ARGS}[2]`],
    ['curl -u', args(['curl', '-sS', '-u', `admin:${SECRET}`, 'https://x.example.com']), `${ARGS}[3]`],
    ['sh -c curl -u', args(['sh', '-c', `curl -u admin:${SECRET} https://x.example.com`]), `${ARGS}[2]`],
    ['--user alice:wonderland', args(['--user', 'alice:wonderland']), `${ARGS}[1]`],
    ['-U (curl proxy-user)', args(['-U', `admin:${SECRET}`]), `${ARGS}[1]`],
    ['--auth=admin:/<generated>', args([`--auth=admin:/${GEN}`]), `${ARGS}[0]`],
    ['additionalArguments --auth', { additionalArguments: ['--auth', `admin:${SECRET}`] }, 'additionalArguments[1]'],
    ['text curl --user', configMap({ 'run.sh': `curl --user admin:${SECRET} https://x.example.com\n` }), 'data["run.sh"]'],
  ])('%s is refused at its key', (_name, values, where) => {
    const { text, errors } = all(values);
    expect(errors.some((e) => e.startsWith(`${where}:`) || e.includes(where))).toBe(true);
    expect(text).not.toContain(SECRET);
  });

  test.each([
    ['--user nobody:nogroup', args(['--user', 'nobody:nogroup'])],
    ['-u app:1000', args(['-u', 'app:1000'])],
    ['--user 1000:1000', args(['--user', '1000:1000'])],
    ['gosu app:app', args(['gosu', 'app:app', 'server'])],
    ['chown -R www-data:www-data', args(['chown', '-R', 'www-data:www-data', '/data'])],
    ['docker run --user nobody:nogroup', args(['docker', 'run', '--user', 'nobody:nogroup', 'busybox'])],
    ['su-exec app:app', args(['su-exec', 'app:app', 'server'])],
    ['--chown=app:app', args(['--chown=app:app'])],
    ['--user www-data:www-data', args(['--user', 'www-data:www-data'])],
    ['podman --user app:appgroup', args(['podman', 'run', '--user', 'app:appgroup', 'img'])],
  ])('%s passes', (_name, values) => {
    expect(all(values).text).toBe('');
  });
});

describe('review60-3, 60a-14, 60a-13, 60a-18: ids, modes and Git URLs are no login', () => {
  test.each([
    ['tenant:<uuid>', args(['tenant:3f1c2b4a-9d8e-4f7a-b6c5-1a2b3c4d5e6f'])],
    ['id:<uuid>', args(['id:3f1c2b4a-9d8e-4f7a-b6c5-1a2b3c4d5e6f'])],
    ['--instance urn:uuid:', args(['--instance', 'urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6'])],
    ['urn:uuid alone', args(['urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6'])],
    ['Grafana datasource uid', args(['prometheus:P1809F7CD0C75ACF3'])],
    ['Cognito identity pool id', args(['us-east-1:4f3b2a1c-9e8d-4c7b-a6f5-1e2d3c4b5a69'])],
    ['upper-case uuid', args(['tenant:4F3B2A1C-9E8D-4C7B-A6F5-1E2D3C4B5A69'])],
    ['--auth htpasswd:/etc/htpasswd', args(['--auth', 'htpasswd:/etc/htpasswd'])],
    ['--auth oidc:https://idp', args(['--auth', 'oidc:https://idp.example.com'])],
    ['--auth ldap:dc=', args(['--auth', 'ldap:dc=example,dc=org'])],
    ['--auth=htpasswd:/etc/htpasswd', args(['--auth=htpasswd:/etc/htpasswd'])],
    ['--auth none', args(['--auth', 'none'])],
    ['--auth=oidc:https://idp', args(['--auth=oidc:https://idp.example.com'])],
    ['--auth=ldap:dc=', args(['--auth=ldap:dc=example,dc=org'])],
    ['--auth file:./users.htpasswd', args(['--auth', 'file:./users.htpasswd'])],
    ['env AUTH=htpasswd:/etc/htpasswd', env('AUTH', 'htpasswd:/etc/htpasswd')],
    ['env HTPASSWD=<path>', env('HTPASSWD', '/etc/nginx/.htpasswd')],
  ])('%s passes', (_name, values) => {
    expect(all(values).text).toBe('');
  });

  test.each([
    ['tenant:<generated>', args([`tenant:${GEN}`]), `${ARGS}[0]`, GEN],
    ['--auth admin:/<generated>', args(['--auth', `admin:${GEN}/x`]), `${ARGS}[1]`, GEN],
    ['uuid then a password', args([`admin:3f1c2b4a-9d8e-4f7a-b6c5-1a2b3c4d5e6f${GEN}`]), `${ARGS}[0]`, GEN],
  ])('%s is still refused', (_name, values, where, secret) => {
    const { text, errors } = all(values);
    expect(errors.some((e) => e.includes(where))).toBe(true);
    expect(text).not.toContain(secret);
  });

  const config = (patch: object) => {
    const parsed = parseConfigText('config/t.yaml', stringify(withChanges(devConfig(), patch)));
    return parsed.errors.map((d) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, ''));
  };
  test.each([
    'git@github.com:acme/k3s-7f3a9c2e1b4d.git',
    'git@github.com:acme/infra.git',
    'git@gitlab.example.com:platform/clusters/home-lab-3f9a2c1e.git',
    'git@github.com:acme/Zq8vTr7pWm4x.git',
    'git@github.com:acme/k3s-7f3a9c2e1b4d',
    'deploy@git.example.com:acme/k3s-7f3a9c2e1b4d.git',
  ])('gitops.repoURL %s passes', (repoURL) => {
    expect(config({ gitops: { engine: 'argocd', repoURL, path: 'dist/c' } })).toEqual([]);
  });
});

describe('60a-12, review60-7: keepalived and Wi-Fi take references and placeholders; prose is no password', () => {
  const keepalived = (pass: string) => `vrrp_instance VI_1 {\n  authentication {\n    auth_type PASS\n    auth_pass ${pass}\n  }\n}\n`;
  test.each([
    ['auth_pass ${VAR}', configMap({ 'keepalived.conf': keepalived('${KEEPALIVED_PASS}') })],
    ['auth_pass $VAR', configMap({ 'keepalived.conf': keepalived('$KEEPALIVED_PASS') })],
    ['auth_pass REPLACE_ME', configMap({ 'keepalived.conf': keepalived('REPLACE_ME') })],
    ['auth_pass <password>', configMap({ 'keepalived.conf': keepalived('<your-password>') })],
    ['auth_pass one line ${VAR}', configMap({ k: 'authentication { auth_type PASS; auth_pass ${KP} }' })],
    ['Wi-Fi P:REPLACE_ME', annotation('WIFI:S:Guest;T:WPA;P:REPLACE_ME;;')],
    ['Wi-Fi P:$VAR', annotation('WIFI:S:Guest;T:WPA;P:$WIFI_PSK;;')],
    ['prose comment', annotation('# keepalived auth_pass must match on all nodes')],
    ['prose sentence', annotation('the auth_pass is set on every node')],
    ['auth_pass then a comment', configMap({ 'keepalived.conf': keepalived('  # set below') })],
  ])('%s passes', (_name, values) => {
    expect(all(values).text).toBe('');
  });

  test.each([
    ['auth_pass <generated>', configMap({ 'keepalived.conf': keepalived(GEN) }), 'data["keepalived.conf"]', GEN],
    ['auth_pass <word>', configMap({ 'keepalived.conf': keepalived(SECRET) }), 'data["keepalived.conf"]', SECRET],
    ['one line auth_pass', configMap({ k: `authentication { auth_type PASS; auth_pass ${SECRET} }` }), 'data.k', SECRET],
    ['one line after auth_type', configMap({ k: `authentication { auth_type PASS auth_pass ${SECRET} }` }), 'data.k', SECRET],
    ['prose then a generated word', annotation(`keepalived auth_pass ${GEN}`), 'example.com/note', GEN],
    ['quoted auth_pass', configMap({ k: `authentication {\n auth_pass "${SECRET}"\n}` }), 'data.k', SECRET],
    ['the $NAME defined in the file', configMap({ k: `$KEEPALIVED_PASS=${SECRET}\n${keepalived('$KEEPALIVED_PASS')}` }), 'data.k', SECRET],
    ['Wi-Fi P:', annotation(`WIFI:S:Guest;T:WPA;P:${SECRET};;`), 'example.com/note', SECRET],
  ])('%s is refused', (_name, values, where, secret) => {
    const { text, errors } = all(values);
    expect(errors.some((e) => e.includes(where))).toBe(true);
    expect(text).not.toContain(secret);
  });
});

describe('60a-15, 60a-16: systemd credentials directory, LDAP hash schemes', () => {
  // systemd.exec(5) "Credentials": $CREDENTIALS_DIRECTORY is the path of the unit's credentials folder.
  test.each(['/run/credentials/traefik.service', GEN, 'REPLACE_ME'])(
    'CREDENTIALS_DIRECTORY=%s gets the verdict of CREDENTIALS_DIR',
    (value) => {
      const verdict = (name: string) => all(env(name, value)).errors.map((e) => e.replace(name, 'NAME'));
      expect(verdict('CREDENTIALS_DIRECTORY')).toEqual(verdict('CREDENTIALS_DIR'));
    },
  );
  const SALT = 'c2FsdHNhbHRzYWx0c2FsdA';
  const HASH = 'q1UuH3aO5Dq0a2P5kH6kqfC8vT4nB5yQp3lW8mZ2xE0';
  test.each([
    ['CREDENTIALS_DIRECTORY', env('CREDENTIALS_DIRECTORY', '/run/credentials/traefik.service')],
    ['CREDENTIALS_DIR', env('CREDENTIALS_DIR', '/run/credentials/traefik.service')],
    ['{PBKDF2-SHA512}', env('ADMIN_PASSWORD_HASH', `{PBKDF2-SHA512}100000$${SALT}$${HASH}`)],
    ['{PBKDF2-SHA256}', env('ADMIN_PASSWORD_HASH', `{PBKDF2-SHA256}10000$${SALT}$${HASH}`)],
    ['{PBKDF2}', env('ADMIN_PASSWORD_HASH', `{PBKDF2}10000$${SALT}$${HASH}`)],
    ['{PBKDF2-SHA1}', env('ADMIN_PASSWORD_HASH', `{PBKDF2-SHA1}10000$${SALT}$${HASH}`)],
    ['{ARGON2}', env('ADMIN_PASSWORD_HASH', `{ARGON2}$argon2id$v=19$m=65536,t=2,p=1$${SALT}$${HASH}`)],
    ['{SSHA512}', env('ADMIN_PASSWORD_HASH', `{SSHA512}${HASH}${HASH}AAAA`)],
  ])('%s passes', (_name, values) => {
    expect(all(values).text).toBe('');
  });

  test.each([
    ['{PBKDF2-SHA512} without the rounds', env('ADMIN_PASSWORD_HASH', `{PBKDF2-SHA512}${GEN}`), 'env[0].value', GEN],
    ['{ARGON2} with a plain word', env('ADMIN_PASSWORD_HASH', `{ARGON2}${GEN}`), 'env[0].value', GEN],
  ])('%s is refused', (_name, values, where, secret) => {
    const { text, errors } = all(values);
    expect(errors.some((e) => e.includes(where))).toBe(true);
    expect(text).not.toContain(secret);
  });
});
