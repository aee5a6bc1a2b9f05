import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { chart, configErrors, devConfig, thrown, withChanges, withTraefikValues } from './helpers';
import { redact, secretShape, secretsInData, secretsInLines } from '../src/core/secrets';
import { isSecretFlag, isSecretKey } from '../src/core/secrets-keys';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { fileRedaction, secretsInFiles } from '../src/output/secret-gate';

// Attack round 8: D1 (header names in any case), D2 (a secret key set inside one text: `key: value`,
// `key = value`, JSON), the message that echoed one (s21), userinfo without a scheme, `?oauth2=`, `refs/heads/password=`.
// Each through the YAML config, K3sVipCluster, TraefikHelmChartConfig, the write gate and the diff redaction.
const SECRET = 'Zq7Hunter2SecretXy81';

const yamlErrors = (config: unknown) => configErrors(config).join('\n');
const clusterErrors = (values: unknown) => thrown(() => new K3sVipCluster(new App(), 'c', withTraefikValues(values))).message;
const chartErrors = (values: unknown) =>
  thrown(() => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41'], values: values as Record<string, unknown> }))
    .message;
/** Refused on every front door, without the secret; the YAML message names `where`. */
function refusedEverywhere(values: unknown, where: string): void {
  const yaml = yamlErrors(withTraefikValues(values));
  // A text with a control character is refused for it first (one message per value).
  expect(yaml).toMatch(new RegExp(`traefik\\.values\\.${where.replace(/[.[\]]/g, '\\$&')}: (?:"<redacted>" )?holds `));
  for (const errors of [yaml, clusterErrors(values), chartErrors(values)]) {
    expect(errors).toMatch(/ holds (?:.*dist\/ is committed to Git|a control character)/);
    expect(errors).not.toContain(SECRET);
  }
}
const configMap = (data: Record<string, string>) =>
  stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data });
const gate = (text: string) => secretsInFiles(new Map([['c/extra.yaml', text]]));
const redacted = (text: string) => fileRedaction(new Map([['c/extra.yaml', text]]))(text);

describe('D1: an HTTP header named like a secret is one in any case and spelling, as a key as it is as a flag', () => {
  const headers = ['AUTHORIZATION', 'authorization', 'Authorization', 'Proxy-Authorization', 'PROXY-AUTHORIZATION', 'X-Authorization'];
  const names = [...headers, 'HTTP_AUTHORIZATION', 'x_authorization', 'X-Api-Key', 'X-API-KEY', 'X-Auth-Token', 'x-auth-token'];
  test.each(names)('%s is a secret key, and a secret flag', (name) => {
    expect(isSecretKey(name)).toBe(true);
    expect(isSecretKey(name, true)).toBe(true);
    expect(isSecretFlag(name)).toBe(true);
    expect(isSecretFlag(`--entrypoints.web.http.headers.${name}`)).toBe(true);
  });

  test.each(['authorization-mode', 'AUTHORIZATION_URL', 'authorization_endpoint', 'AUTHORIZATION_MODE', 'Cookie', 'passHostHeader'])(
    '%s names no secret, as a key or a flag',
    (name) => {
      expect(isSecretKey(name)).toBe(false);
      expect(isSecretFlag(name)).toBe(false);
    },
  );

  test.each(headers)('a Middleware header %s is refused on every front door and by the write gate', (header) => {
    const middleware = {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'Middleware',
      metadata: { name: 'auth', namespace: 'default' },
      spec: { headers: { customRequestHeaders: { [header]: `Bearer ${SECRET}` } } },
    };
    refusedEverywhere({ extraObjects: [middleware] }, `extraObjects[0].spec.headers.customRequestHeaders.${header}`);
    refusedEverywhere({ deployment: { podAnnotations: { [header]: `Basic ${SECRET}` } } }, `deployment.podAnnotations.${header}`);
    const file = stringify(middleware);
    // The header's name or the credential's shape after its scheme (`Basic ...`): either refuses it.
    expect(gate(file).join('\n')).toMatch(
      new RegExp(`customRequestHeaders\\.${header} holds (a value under a key named like a secret|an HTTP credential)`),
    );
    expect(redacted(file)).not.toContain(SECRET);
    // Multi-line text (a file provider's content) and a hand-edited dist/ file read line by line.
    const content = `http:\n  middlewares:\n    a:\n      headers:\n        customRequestHeaders:\n          ${header}: "Bearer ${SECRET}"\n`;
    refusedEverywhere({ providers: { file: { enabled: true, content } } }, 'providers.file.content');
    expect(secretsInLines(`x:\n  ${header}: Bearer ${SECRET}\n`)).toContain(`Bearer ${SECRET}`);
  });

  test('access-log header modes under headers.names stay accepted in any case (keep, drop, redact)', () => {
    const names = { AUTHORIZATION: 'drop', 'Proxy-Authorization': 'redact', 'X-Auth-Token': 'keep', 'X-API-KEY': 'DROP' };
    const values = { logs: { access: { enabled: true, fields: { headers: { names } } } } };
    expect(yamlErrors(withTraefikValues(values))).toBe('');
    expect(() => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41'], values })).not.toThrow();
    expect(secretsInLines(stringify(values))).toEqual([]);
    expect(secretsInData(['--accesslog.fields.headers.names.PROXY-AUTHORIZATION=drop'])).toEqual([]);
  });
});

/** A secret set inside one text, in each notation: [label, text]. */
const KEYED_TEXTS: Array<[string, string]> = [
  ['YAML with a space', `password: ${SECRET}`],
  ['YAML with spaces and a tab', `password :\t ${SECRET}`],
  ['a no-break space', `password:\u00a0${SECRET}`],
  ['an em space', `Token:\u2003${SECRET}`],
  ['upper case', `DB_PASSWORD: ${SECRET}`],
  ['a quoted key and value', `"PassWord": "${SECRET}"`],
  ['single quotes', `'api_key': '${SECRET}'`],
  ['an Authorization header', `Authorization: Bearer ${SECRET}`],
  ['an upper-case header', `AUTHORIZATION: Basic ${SECRET}`],
  ['a header as a flag value', `--header=X-Auth-Token: ${SECRET}`],
  ['a header quoted in a command', `curl -H 'X-Auth-Token: ${SECRET}' http://x`],
  ['a header double-quoted in a command', `curl -sf -H "Authorization: Bearer ${SECRET}" https://x`],
  ['a header glued in a command', `curl -H X-Api-Key:${SECRET} http://x`],
  ['an env assignment with a scheme', `HTTP_AUTHORIZATION=Bearer ${SECRET}`],
  ['JSON', `{"password": "${SECRET}"}`],
  ['JSON without spaces', `{"token":"${SECRET}"}`],
  ['nested JSON', `{"db":{"user":"a","password":"${SECRET}"}}`],
  ['a JSON list', `[{"name":"a","token":"${SECRET}"}]`],
  ['a JSON key with escapes', `{"\\u0070assword": "${SECRET}"}`],
  ['JSON in a JSON string', `{"config": "{\\"token\\": \\"${SECRET}\\"}"}`],
  ['JSON after a name', `APP_CONFIG={\\"password\\": \\"${SECRET}\\"}`],
  ['a YAML flow mapping', `{ user: a, password: ${SECRET} }`],
  ['TOML', `password = "${SECRET}"`],
  ['INI', `DB_PASS = ${SECRET}`],
  ['a carriage return before it', `a\rpassword: ${SECRET}`],
  ['a path before the key', `refs/heads/token: ${SECRET}`],
];

describe('D2: a secret key set in one text is a secret, whatever its spacing, quoting or notation', () => {
  test.each(KEYED_TEXTS)('%s is found, and a message quoting the text is redacted', (_, text) => {
    const found = secretsInData(text);
    expect(found).toHaveLength(1);
    expect(redact(JSON.stringify(text), [found[0].value])).not.toContain(SECRET);
    expect(redact(text, [found[0].value])).not.toContain(SECRET);
  });

  test.each(KEYED_TEXTS)('%s: refused as an env value, an annotation and an argument, on every front door', (_, text) => {
    refusedEverywhere({ env: [{ name: 'APP', value: text }] }, 'env[0].value');
    refusedEverywhere(
      { deployment: { podAnnotations: { 'example.com/config': text } } },
      'deployment.podAnnotations["example.com/config"]',
    );
    refusedEverywhere(
      { deployment: { additionalContainers: [{ name: 'x', image: 'busybox:1.36', args: [text] }] } },
      'deployment.additionalContainers[0].args[0]',
    );
  });

  test.each(KEYED_TEXTS)('%s: the write gate refuses it in a file, and a diff of the file never shows it', (_, text) => {
    const file = configMap({ note: text });
    expect(gate(file).join('\n')).toContain('data.note holds ');
    expect(redacted(file)).not.toContain(SECRET);
  });

  test.each<[string, string]>([
    ['TOML', `[db]\nuser = "app"\npassword = "${SECRET}"\n`],
    ['INI', `[db]\nDB_PASS = ${SECRET}\n`],
    ['an env file with spaces', `A=1\nAPI_TOKEN = '${SECRET}'\n`],
    ['JSON on one line of several', `# config\n{"token":"${SECRET}"}\n`],
    ['a header in a script', `#!/bin/sh\ncurl -H 'Authorization: Bearer ${SECRET}' http://x\n`],
    ['JSON with an escaped key over lines', `{\n  "\\u0070assword": "${SECRET}"\n}\n`],
  ])('multi-line %s: refused in a ConfigMap, and redacted in a diff', (_, text) => {
    const item = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { 'app.conf': text } };
    refusedEverywhere({ extraObjects: [item] }, 'extraObjects[0].data["app.conf"]');
    const file = configMap({ 'app.conf': text });
    expect(gate(file).join('\n')).toContain('data["app.conf"] holds ');
    expect(redacted(file)).not.toContain(SECRET);
  });

  test.each([`password: ${SECRET}`, `Authorization: Bearer ${SECRET}`, `{"token": "${SECRET}"}`])(
    'a key that is such a text (%s) is refused on every front door',
    (key) => {
      const values = { deployment: { podLabels: { [key]: 'x' } } };
      for (const errors of [yamlErrors(withTraefikValues(values)), clusterErrors(values), chartErrors(values)]) {
        expect(errors).toMatch(/deployment\.podLabels(?:\.|\[")/);
        expect(errors).not.toContain(SECRET);
      }
    },
  );

  test('K3sVipCluster.documents({ command }) refuses a secret set with a space, as it refuses --token=', () => {
    const cluster = new K3sVipCluster(new App(), 'dev', devConfig());
    for (const command of [`password: ${SECRET}`, `curl -H 'Authorization: Bearer ${SECRET}'`, `{"token":"${SECRET}"}`]) {
      const error = thrown(() => cluster.documents({ command }));
      expect(error.message).toMatch(
        /^K3sVipCluster\.documents\(\): command holds (text that sets a value under a key named like a secret|an HTTP credential)/,
      );
      expect(error.message).not.toContain(SECRET);
    }
  });

  test('s21: a rule that echoes a value (replicas) never shows a secret the value sets', () => {
    for (const replicas of [`{"token": "${SECRET}"}`, `password: ${SECRET}`, `token = ${SECRET}`]) {
      const values = { deployment: { replicas } };
      for (const errors of [yamlErrors(withTraefikValues(values)), clusterErrors(values), chartErrors(values)]) {
        expect(errors).toContain('deployment.replicas');
        expect(errors).not.toContain(SECRET);
      }
    }
  });

  test.each<[string, string]>([
    ['prose without a key', 'the password is kept in a Secret'],
    ['a key that names a reference', 'passwordFile: /run/secrets/db'],
    ['a switch', 'token: true'],
    ['a Kubernetes variable', 'password: $(DB_PASSWORD)'],
    ['a key with a slash', 'src/main.ts: cluster "dev"'],
    ['a Traefik option', 'passHostHeader: false'],
    ['an apiserver flag', 'authorization-mode=Node,RBAC'],
    ['a key word inside another', 'bypass: 1'],
    ['a URL', 'token-url: https://auth.example.com/token'],
    ['JSON without a secret key', '{"user": "a", "tokenSecret": {"name": "s"}}'],
    ['an empty JSON value', '{"password": ""}'],
    ['an image pinned by digest', `traefik:v3.3.6@sha256:${'a'.repeat(64)}`],
    ['a mail address', 'mailto:ops@example.com'],
  ])('stays accepted: %s', (_, text) => {
    expect(secretsInData(text)).toEqual([]);
    expect(yamlErrors(withTraefikValues({ deployment: { podAnnotations: { 'example.com/note': text } } }))).toBe('');
  });
});

describe('userinfo without a scheme, credential query keys and a path before name=value', () => {
  test.each([`admin:${SECRET}@k3s.example.com`, `see admin:${SECRET}@db.example.com:5432`, `u:${SECRET}@[::1]`])(
    '%s is a URL with credentials, redacted in a message',
    (text) => {
      expect(secretShape(text)).toBe('a URL with credentials');
      expect(redact(JSON.stringify(text))).not.toContain(SECRET);
    },
  );

  test('l02: an ingress host with userinfo is refused and never echoed (YAML and K3sVipCluster)', () => {
    const config = withChanges(devConfig(), {});
    config.ingresses[0].host = `admin:${SECRET}@k3s.example.com`;
    const yaml = yamlErrors(config);
    expect(yaml).toContain('ingresses[0].host');
    expect(yaml).not.toContain(SECRET);
    expect(yaml.toLowerCase()).not.toContain(SECRET.toLowerCase());
    const error = thrown(() => new K3sVipCluster(new App(), 'c', config));
    expect(error.message.toLowerCase()).not.toContain(SECRET.toLowerCase());
    refusedEverywhere(
      { deployment: { podAnnotations: { 'example.com/db': `admin:${SECRET}@db.example.com` } } },
      'deployment.podAnnotations["example.com/db"]',
    );
  });

  test.each([
    ['repoURL', `https://git.example.com/x.git?oauth2=${SECRET}`],
    ['repoURL', `https://git.example.com/x.git?jwt=${SECRET}`],
    ['repoURL', `https://git.example.com/x.git?credentials=${SECRET}`],
    ['revision', `refs/heads/password=${SECRET}`],
    ['path', `dist/token=${SECRET}`],
    ['path', `deploy/password: ${SECRET}`],
  ])('gitops.%s %s is refused without the secret', (key, value) => {
    const config = withChanges(devConfig(), {
      gitops: { engine: 'flux', repoURL: 'https://github.com/example/k3s-vip.git', revision: 'main', path: 'dist/dev', [key]: value },
    });
    const errors = yamlErrors(config);
    expect(errors).toContain(`gitops.${key}`);
    expect(errors).not.toContain(SECRET);
  });
});
