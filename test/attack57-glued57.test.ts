// Round 57a-2, 3, 4, 7: a secret's name glued to its value after a URL's `?`, `#` or `&` (`?passwordX`, `#token-X`), after
// path segments in capitals (`/API/PASSWORD_X`) or a short name (`/api/pw_X`), a compound short or foreign name glued
// (`adminpw-X`, `şifre-X`), a `+` tag of an e-mail (`ops+passwordX@…`), a TOTP seed by its name (`totp: X`), and a value
// whose comment names it (`revision: X # password`) were accepted, and some printed in messages. Each is refused at every
// door, naming the key path, never the value; ordinary names (`/api/token/<id>`, `#password-reset`) still pass.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseConfigText } from '../src/config/load';
import { formatPath } from '../src/core/problem';
import { argumentSecrets } from '../src/core/redact-message';
import { secretValues } from '../src/core/secrets';
import { TraefikIngress } from '../src/ingress/ingress';
import { newCluster } from '../src/new-cluster';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { chart, configErrors, DEV_YAML, devConfig, EXAMPLES_DIR, refusalOf, withChanges } from './helpers';

const S = 'Zq8vLmP3xR7tYw';
const ROOT = join(__dirname, '..');
const NEW = { schemaFile: join(ROOT, 'config.schema.json'), examplesDir: EXAMPLES_DIR };

const note = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes', namespace: 'default' }, data: { note: text } }],
});
const annotation = (text: string) => ({ deployment: { podAnnotations: { 'example.com/a': text } } });
const hidden = (message: string) => expect(message.toLowerCase()).not.toContain(S.toLowerCase());

/** The strings a door takes: each is refused in a ConfigMap text and as an annotation, and every message blanks it. */
const GLUED_IN_URL = [
  `https://example.com/cb?password${S}`,
  `https://example.com/cb?token${S}`,
  `https://example.com/cb?token_${S}`,
  `https://example.com/cb?password_${S}`,
  `https://example.com/cb#password${S}`,
  `https://example.com/cb#token-${S}`,
  `https://example.com/cb?x=1&token${S}`,
  `see https://example.com/cb?password${S} for details`,
  `https://github.com/o/r.git?access_token${S}`,
  `ssh://git@github.com/o/r.git#token${S}`,
  `/cb?password${S}`,
  `x?token${S}`,
  `https://example.com/cb?a=1&b=2&apiKey${S}`,
  `https://example.com/cb;jsessionid=${S}`,
  `https://example.com/app#/login?token${S}`,
  `https://example.com/cb%3Ftoken${S}`,
];
const UPPER_AND_SHORT_PATHS = [
  `https://example.com/API/PASSWORD_${S}`,
  `https://example.com/Api/Password_${S}`,
  `https://example.com/API/V1/TOKEN-${S}`,
  `https://example.com/api/pwd_${S}`,
  `https://example.com/api/pw_${S}`,
  `https://example.com/Api/Pwd-${S}`,
];
const COMPOUND_AND_FOREIGN = [
  `adminpw-${S}`,
  `rootpw_${S}`,
  `dbpwd-${S}`,
  `şifre-${S}`,
  `parola-${S}`,
  `jelszó-${S}`,
  `heslo-${S}`,
  `lozinka_${S}`,
  `كلمة_المرور-${S}`,
  `sessionid-${S.toLowerCase()}9`,
  `session_id-${S}`,
  `pass-${S}`,
  `ops+password${S}@example.com`,
  `ops+token-${S}@example.com`,
];
const TOTP = [`totp: ${S}`, `TOTP ${S}`, `2fa seed: ${S}`, `mfa_seed: ${S}`, `otp seed: ${S}`, `totp_${S}`];

describe('57a-2, 3, 4, 7: refused in a ConfigMap text and an annotation, never shown', () => {
  test.each([...GLUED_IN_URL, ...UPPER_AND_SHORT_PATHS, ...COMPOUND_AND_FOREIGN, ...TOTP])('%s', (text) => {
    refusedEverywhere(note(text), 'extraObjects[0].data.note', S);
    refusedEverywhere(annotation(text), 'deployment.podAnnotations', S);
  });
});

describe('57a-2: the other doors', () => {
  test('an additionalArguments endpoint', () => {
    refusedEverywhere(
      { additionalArguments: [`--providers.http.endpoint=https://example.com/cfg?token${S}`] },
      'additionalArguments[0]',
      S,
    );
  });

  test.each([
    `https://github.com/o/r.git?access_token${S}`,
    `https://github.com/o/r.git#token${S}`,
    `ssh://git@github.com/o/r.git?token${S}`,
  ])('gitops.repoURL %s', (repoURL) => {
    const errors = configErrors(withChanges(devConfig(), { gitops: { engine: 'flux', repoURL, revision: 'main' } })).join('\n');
    expect(errors).toContain('gitops.repoURL');
    hidden(errors);
  });

  test.each([`/cb?password${S}`, `/cb?token${S}`, `/cb#password${S}`])('ingresses[].path %s, and the construct', (path) => {
    const config = devConfig();
    config.ingresses[0].path = path;
    const errors = configErrors(config).join('\n');
    expect(errors).toContain('ingresses[0].path');
    hidden(errors);
    const construct = refusalOf(
      () => new TraefikIngress(chart(), 'i', { name: 'web', host: 'app.example.com', service: 'web', port: 80, path }),
    );
    expect(construct).toContain('TraefikIngress: path');
    hidden(construct);
  });

  test.each([`Host(\`a.example.com\`) && Path(\`/cb?token${S}\`)`, `Host(\`a.example.com\`) && PathPrefix(\`/API/Password_${S}\`)`])(
    'an IngressRoute rule %s',
    (match) => {
      const route = {
        apiVersion: 'traefik.io/v1alpha1',
        kind: 'IngressRoute',
        metadata: { name: 'r', namespace: 'default' },
        spec: { entryPoints: ['websecure'], routes: [{ kind: 'Rule', match, services: [{ name: 'web', port: 80 }] }] },
      };
      refusedEverywhere({ extraObjects: [route] }, 'extraObjects[0].spec.routes[0].match', S);
    },
  );

  test.each([
    ['server', { email: 'admin@example.com', server: `https://acme.example.com/directory?token${S}` }],
    ['email', { email: `ops+password${S}@example.com` }],
  ])('certManager issuer %s', (key, issuer) => {
    const errors = configErrors(withChanges(devConfig(), { certManager: { issuers: { le: issuer } } })).join('\n');
    expect(errors).toContain(`certManager.issuers.le.${key}`);
    hidden(errors);
  });

  test.each([`/tmp/k/cb?password${S}`, `/tmp/k/x?token${S}`, `/tmp/k/API/PASSWORD_${S}`])(
    'a CLI argument (`k3s:install --dir %s`) is blanked',
    (dir) => {
      expect(argumentSecrets(['--dir', dir]).join('\n')).toContain(S);
    },
  );

  test.each([`x?token${S}`, `cb#password${S}`])('a metadata.name (`validate`) is read as a secret: %s', (name) => {
    expect(secretValues(name).join('\n')).toContain(S);
  });
});

describe('57a-2, 7: `new --from` copies no such comment', () => {
  test.each([`# old admin: https://example.com/cb?password${S}`, `# totp: ${S}`, `# 2fa seed: ${S}`, `# see /API/PASSWORD_${S}`])(
    '%s',
    (comment) => {
      const cfg = mkdtempSync(join(tmpdir(), 'k3s-vip-57-glued-'));
      writeFileSync(join(cfg, 'src.yaml'), `${DEV_YAML}\n${comment}\n`);
      const lines: string[] = [];
      expect(newCluster(['dst', '--from', 'src'], { configDir: cfg, ...NEW, log: (l) => lines.push(l) })).toBe(1);
      expect(lines.join('\n')).toContain('holds a secret outside its values');
      hidden(lines.join('\n'));
      expect(existsSync(join(cfg, 'dst.yaml'))).toBe(false);
      rmSync(cfg, { recursive: true, force: true });
    },
  );
});

describe('57a-7: a TOTP seed under its own key, and a value its comment names', () => {
  test.each(['totp', 'totpSecret', 'mfa_seed', '2fa_seed'])('a ConfigMap key %s', (key) => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' }, data: { [key]: S } };
    refusedEverywhere({ extraObjects: [cm] }, `extraObjects[0].data.${key}`, S);
  });

  test.each([
    ['gitops.revision', `gitops:\n  engine: flux\n  repoURL: https://github.com/o/r.git\n  revision: ${S} # password\n`],
    ['gitops.revision', `gitops:\n  engine: flux\n  repoURL: https://github.com/o/r.git\n  revision: ${S} # the api token\n`],
  ])('%s: %j', (where, block) => {
    const parsed = parseConfigText('config/t.yaml', `${DEV_YAML}\n${block}`);
    expect(parsed.config).toBeUndefined();
    const messages = parsed.errors.map((e) => `${formatPath(e.path)}: ${e.message}`).join('\n');
    expect(messages).toContain(`${where}: holds a value that the comment after it on its line names as a secret`);
    hidden(messages);
  });

  test.each([
    'revision: main # the token fix branch',
    'revision: v1.2.3 # password rotation release',
    'revision: 0123456789abcdef0123456789abcdef01234567 # commit that moved the token to a Secret',
  ])('control, accepted: %s', (line) => {
    const parsed = parseConfigText(
      'config/t.yaml',
      `${DEV_YAML}\ngitops:\n  engine: flux\n  repoURL: https://github.com/o/r.git\n  ${line}\n`,
    );
    expect(parsed.errors).toEqual([]);
  });
});

describe('controls: ordinary names and URLs stay accepted', () => {
  test.each([
    'https://example.com/api/token/9f86d081884c7d659a2feaa0',
    '/api/token/123',
    '/API/TOKEN/9F86D081884C7D65',
    'http://token-service:8080',
    'token-service:8080',
    'password_min_length: 12',
    'https://docs.example.com/guide#password-reset',
    'https://docs.example.com/guide?section=password-reset',
    'https://docs.example.com/Guide#Password-Policy',
    'https://example.com/API/v1/Users',
    'https://example.com/cb?page=2&sort=name',
    'https://example.com/search?q=token+rotation',
    'ops+alerts@example.com',
    'ops+password-reset@example.com',
    'totp: enabled',
    'mfa: required',
    'otp: "on"',
    'ERLANG_OTP=26',
    'enable TOTP for admins',
    'pass-through',
    'sessionid cookie is set by tomcat',
    'https://example.com/oauth2/token?grant_type=client_credentials',
    'https://example.com/#/api/token/9f86d081884c7d659a2feaa0',
    'https://example.com/#/users/password-reset',
  ])('%s', (text) => {
    acceptedEverywhere(note(text));
    acceptedEverywhere(annotation(text));
  });

  test('a config with these in its places', () => {
    const config = withChanges(devConfig(), {
      gitops: { engine: 'flux', repoURL: 'https://github.com/o/r.git#main', revision: 'main' },
      certManager: { issuers: { le: { email: 'ops+acme@example.com' } } },
    });
    expect(configErrors(config)).toEqual([]);
    const yaml = stringify(config);
    expect(parseConfigText('config/t.yaml', yaml.replace('revision: main', 'revision: main # password-less deploy key')).errors).toEqual(
      [],
    );
  });
});
