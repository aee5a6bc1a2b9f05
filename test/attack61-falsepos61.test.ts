import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, loadConfigDir, parseConfigText } from '../src/config/load';
import { K3sVipCluster } from '../src/index';
import { newCluster } from '../src/new-cluster';
import { gateFindingSources } from '../src/output/gate-sources';
import { secretsInFiles } from '../src/output/secret-gate';
import { devConfig, synthFiles, withChanges } from './helpers';
import { allRefusals, envEntry as env } from './rule-doors';

/**
 * Round 61 false refusals and wrong messages (falsepos61): 61a-10 (kubeseal ciphertext refused by the write gate),
 * 61a-11 (a `token-<hex>` cluster name: one verdict at the name), 61a-12 (Vault Agent paths), 61a-13 (Traefik's
 * `urn:k8s:secret:` plugin references), 61a-14 (publishable keys, site keys, fingerprints, Sentry DSNs), 61a-15 (cookie
 * names), 61a-16 (quote a number as written), 61a-17 (invalid hosts are no duplicate routes). Must-pass rows go through
 * the config, K3sVipCluster and TraefikHelmChartConfig (and the write gate where the finding was the gate's); their
 * refused neighbours are named and never quoted.
 */
const configMap = (key: string, text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { [key]: text } }],
});
const annotations = (a: Record<string, string>) => ({ deployment: { podAnnotations: a } });
const plugin = (config: Record<string, unknown>) => ({
  extraObjects: [
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'Middleware',
      metadata: { name: 'crowdsec', namespace: 'default' },
      spec: { plugin: { bouncer: config } },
    },
  ],
});
// Built at run time, so no secret-shaped literal sits in the test's source.
const SK = ['sk', 'live', '51H8tQ2Ab3dEf9hIjK2mNoP4qRsT7uVwXyZ'].join('_');
const PK = ['pk', 'live', '51H8tQ2Ab3dEf9hIjK2mNoP4qRsT7uVwXyZ'].join('_');
const RANDOM = ['Xk9fQ2m', 'Lp7aZq8Wm3'].join('');
const sealedSecret = (ciphertext: string, key = 'password') => ({
  extraObjects: [
    {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name: 'db-creds', namespace: 'default' },
      spec: { encryptedData: { [key]: ciphertext }, template: { metadata: { name: 'db-creds' }, type: 'Opaque' } },
    },
  ],
});
const gate = (values: object, name = 'test') =>
  secretsInFiles(synthFiles(withChanges(devConfig(), { traefik: { values } }), name)).join('\n');

describe('round 61: public values, references and cookie names pass in every door', () => {
  test.each([
    // 61a-12: developer.hashicorp.com/vault/docs/platform/k8s/injector/annotations
    [
      'agent-inject-secret-<file>: a Vault path',
      annotations({ 'vault.hashicorp.com/agent-inject-secret-db-creds': 'database/creds/db-app' }),
    ],
    ['agent-inject-secret: a KV v2 path', annotations({ 'vault.hashicorp.com/agent-inject-secret-config': 'secret/data/app/config' })],
    ['secret-volume-path', annotations({ 'vault.hashicorp.com/secret-volume-path-db-creds': '/vault/secrets/db' })],
    // 61a-13: traefik/traefik pkg/provider/kubernetes/crd/kubernetes.go loadSecretKeys
    ['plugin urn:k8s:secret', plugin({ captchaSecretKey: 'urn:k8s:secret:crowdsec:turnstile-secret' })],
    ['plugin urn:k8s:secret in a list', plugin({ secretValues: ['urn:k8s:secret:apikey:secret', 'urn:k8s:secret:apikey:other.key'] })],
    ['plugin urn:k8s:secret, nested', plugin({ lapi: { apiKey: 'urn:k8s:secret:crowdsec-lapi:api-key' } })],
    // 61a-14
    ['STRIPE_PUBLISHABLE_KEY=pk_live_', env('STRIPE_PUBLISHABLE_KEY', PK)],
    ['stripePublishableKey=pk_test_', env('stripePublishableKey', PK.replace('live', 'test'))],
    ['RECAPTCHA_SITE_KEY (Google test key)', env('RECAPTCHA_SITE_KEY', '6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI')],
    ['HCAPTCHA_SITEKEY (UUID)', env('HCAPTCHA_SITEKEY', '10000000-ffff-ffff-ffff-000000000001')],
    ['SIGNING_KEY_FINGERPRINT grouped', env('SIGNING_KEY_FINGERPRINT', '3AA5 C343 7127 1FF3 B3A1  9E72 2EB2 94F1 A2B5 7C14')],
    ['GPG_FINGERPRINT bare', env('GPG_FINGERPRINT', '3AA5C34371271FF3B3A19E722EB294F1A2B57C14')],
    ['SSH_HOST_KEY_FINGERPRINT SHA256:', env('SSH_HOST_KEY_FINGERPRINT', 'SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s')],
    ['SENTRY_DSN', env('SENTRY_DSN', 'https://4f9a8e7d6c5b4a39281706f5e4d3c2b1@o123456.ingest.sentry.io/1234567')],
    ['a Sentry DSN in a text', configMap('app.env', 'SENTRY_DSN=https://4f9a8e7d6c5b4a39281706f5e4d3c2b1@o1.ingest.us.sentry.io/42\n')],
    // 61a-15
    ['SESSION_COOKIE=sid', env('SESSION_COOKIE', 'sid')],
    ['SESSION_COOKIE=__Host-session', env('SESSION_COOKIE', '__Host-session')],
    ['session_cookie: traefik_session in a text', configMap('app.yaml', 'session_cookie: traefik_session\n')],
    ['sessionCookie: _oauth2_proxy in a text', configMap('app.yaml', 'sessionCookie: _oauth2_proxy\n')],
    ['AUTH_COOKIE=connect.sid', env('AUTH_COOKIE', 'connect.sid')],
  ])('%s', (_, values) => {
    expect(allRefusals(values)).toBe('');
  });

  test.each([
    ['a literal under a plugin secret key', plugin({ captchaSecretKey: RANDOM }), 'captchaSecretKey', 'urn:k8s:secret:<name>:<key>'],
    ['urn with a blank (not a reference)', plugin({ captchaSecretKey: `urn:k8s:secret:a b:${RANDOM}` }), 'captchaSecretKey', 'Secret'],
    ['sk_live_ under a PUBLISHABLE name', env('STRIPE_PUBLISHABLE_KEY', SK), 'env[0].value', 'secretKeyRef'],
    ['a random text under SITE_KEY', env('RECAPTCHA_SITE_KEY', RANDOM), 'env[0].value', 'secretKeyRef'],
    ['a random text under FINGERPRINT', env('SIGNING_KEY_FINGERPRINT', RANDOM), 'env[0].value', 'secretKeyRef'],
    ['a generated value under SESSION_COOKIE', env('SESSION_COOKIE', RANDOM), 'env[0].value', 'secretKeyRef'],
    ['a mixed word under SESSION_COOKIE', env('SESSION_COOKIE', 'hunter2summer'), 'env[0].value', 'secretKeyRef'],
    ['a generated path segment', annotations({ 'vault.hashicorp.com/agent-inject-secret-db-creds': `db/${RANDOM}` }), 'db-creds', 'Secret'],
    ['a password, no path', annotations({ 'vault.hashicorp.com/agent-inject-secret-db-creds': RANDOM }), 'db-creds', 'Secret'],
    [
      'a Sentry DSN with a secret key',
      env('SENTRY_DSN', `https://4f9a8e7d6c5b4a39281706f5e4d3c2b1:${RANDOM}@o1.ingest.sentry.io/42`),
      'env[0].value',
      'URL',
    ],
  ])('refused: %s', (_, values, where, advice) => {
    const refusals = allRefusals(values);
    expect(refusals).toContain(where);
    expect(refusals).toContain(advice);
    expect(refusals).not.toContain(RANDOM);
    expect(refusals).not.toContain(SK);
  });

  test('a Middleware plugin secret is told urn:k8s:secret, not secretKeyRef', () => {
    const refusals = allRefusals(plugin({ captchaSecretKey: RANDOM }));
    expect(refusals).toContain('urn:k8s:secret:<name>:<key>');
    expect(refusals).not.toContain('secretKeyRef');
  });
});

describe('61a-10: kubeseal ciphertext passes the write gate as it passes the config', () => {
  // 40 ciphertexts of 400 pseudo-random bytes (1 in 4 was refused before): SHA-256 runs of a fixed seed, so a failure repeats.
  const bytes = (seed: number, length: number) =>
    Buffer.concat(Array.from({ length: Math.ceil(length / 32) }, (_, i) => createHash('sha256').update(`${seed}/${i}`).digest())).subarray(
      0,
      length,
    );
  const texts = Array.from({ length: 40 }, (_, i) => bytes(i, 400 + (i % 3)).toString('base64'));
  test('every ciphertext under encryptedData passes the config and the gate', () => {
    for (const text of texts) {
      expect(allRefusals(sealedSecret(text))).toBe('');
      expect(gate(sealedSecret(text))).toBe('');
    }
  });

  // The attack's own ciphertext (attack 61a-10: 400 random bytes, which the gate refused), kept here whole.
  const ATTACK_CIPHERTEXT = [
    'r9VulM5bt7SMJ85vON+AFG+TUaLwfD/CxYh69GuS2QqcQpO5rlvupU7ImHztVMI4ksVNUV6AfqswIPUom+1bxIO9uYqFac95',
    'NQhj//68wQDKFLkWwS8KiNoXDIwE5y/cktTx8cGTcSkmNxFyHBZvoljuDbdgMNPp8aYPU45h4ef3k5NSJ9ck2ihtxCsnvu9u',
    '7ZMgSLiyXXxSif0T99PZJr6VwyYfujb6sSXwB42Ru6XOmyskuVR2waX1JrDitjKTrUAlavOFKtJpqH60AxTTCEvgqX1sJ5mu',
    '0a6tfWfLuOswzrOH6nL2/YtlMzgAqcJEYLYhMIv1XJUQsTjN6OYXzg7XCNzZ+9wpHGjU67uU8QKtjIBtKZbUfZFCxDm4QAvz',
    'qEP7T2ALKl8JKp7MO/Aj4oye6VwTOC0QNQ4pqpQNY7LOHVHyhPAueUY2rNiOzkz8LLdG/3FxlwNkZXd3tp3mTSeNWQRLmWd7',
    '/AZ1t35LTft+xGkQ7UNwbVjf7Hf6fCoSeKLeMCyVdIGB6wCPdersYw==',
  ].join('');
  test('the attack case ciphertext passes the gate', () => {
    expect(gate(sealedSecret(ATTACK_CIPHERTEXT))).toBe('');
  });

  test('a base64 private key under encryptedData is still refused', () => {
    const pem = ['-----BEGIN', ' PRIVATE KEY-----\n', bytes(99, 300).toString('base64'), '\n-----END PRIVATE KEY-----\n'].join('');
    const refusals = allRefusals(sealedSecret(Buffer.from(pem).toString('base64')));
    expect(refusals).toContain('encryptedData.password');
  });

  test('the same ciphertext in a ConfigMap text under password: is still refused, without the value', () => {
    const text = texts[0];
    const refusals = allRefusals(configMap('app.yaml', `password: ${text}\n`));
    expect(refusals).toContain('extraObjects[0].data');
    expect(refusals).not.toContain(text.slice(0, 40));
  });
});

describe('61a-11: a secret-shaped cluster name is refused at the name, in new, synth and the K3sVipCluster id', () => {
  const NAME = ['token', '9a8b7c6d5e4f3a2b1c0d'].join('-');
  test.each([NAME, ['secret', '9a8b7c6d5e4f3a2b1c0d'].join('-'), ['apikey', 'xk9fq2mlp7wz'].join('-')])('%s', (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'falsepos61-'));
    writeFileSync(join(dir, `${name}.yaml`), stringify(devConfig()));
    const loaded = loadConfigDir(dir);
    const said = loaded.errors.map((d) => formatDiagnostic(d)).join('\n');
    expect(loaded.clusters).toEqual([]);
    expect(said).toContain('looks like a secret');
    expect(said).not.toContain(name);

    const root = mkdtempSync(join(tmpdir(), 'falsepos61-'));
    writeFileSync(join(root, 'base.yaml'), stringify(devConfig()));
    const lines: string[] = [];
    const code = newCluster([name, '--from', 'base'], { configDir: root, schemaFile: join(root, 's.json'), log: (l) => lines.push(l) });
    expect(code).not.toBe(0);
    expect(lines.join('\n')).toContain('looks like a secret');
    expect(lines.join('\n')).not.toContain(name);

    const app = new App();
    let message = '';
    try {
      new K3sVipCluster(app, name, devConfig());
      app.synthYaml();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/looks like a secret|a name like a secret/);
    expect(message).not.toContain(name);
  });

  // Not `pw-x9k2m7q4z8` since round 78 (78a-3): a generated run of 8 or more glued to a password's name is refused there.
  test.each(['token-prod', 'edge-9a8b7c6d5e4f3a2b1c0d', 'token-7f3a9c2e1b'])('%s stays a name', (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'falsepos61-'));
    writeFileSync(join(dir, `${name}.yaml`), stringify(devConfig()));
    expect(loadConfigDir(dir).errors).toEqual([]);
  });
});

describe('61a-16: a number is told to be quoted as written', () => {
  test.each([
    ['0x2EB294F1A2B57C14', '"0x2EB294F1A2B57C14"'],
    ['1.10', '"1.10"'],
    ['3.0', '"3.0"'],
    ['0x1F', '"0x1F"'],
    ['0o17', '"0o17"'],
    ['1e3', '"1e3"'],
    ['.5', '".5"'],
    ['12345678901234567890', '"12345678901234567890"'],
  ])('%s', (written, quoted) => {
    const text = stringify(withChanges(devConfig(), { traefik: { values: { env: [{ name: 'A', value: 'PLACEHOLDER' }] } } })).replace(
      'PLACEHOLDER',
      written,
    );
    const said = parseConfigText('config/t.yaml', text)
      .errors.map((d) => formatDiagnostic(d))
      .join('\n');
    expect(said).toContain('traefik.values.env[0].value');
    if (!written.startsWith('0x2E')) expect(said).toContain(`quote it, ${quoted}`);
    expect(said).not.toContain('3364915637137014000');
    expect(said).not.toMatch(/quote it, "(?:1\.1|3|31|15|1000|0\.5|12345678901234567000)"/);
  });
});

describe('61a-17: invalid hosts are not duplicates of each other', () => {
  const ingress = (name: string, host: string) => ({ name, namespace: 'default', host, path: '/', service: 'web', port: 80 });
  test('three invalid hosts: one error each, no duplicate route', () => {
    const config = withChanges(devConfig(), {
      ingresses: [ingress('a', 'bücher.example.com'), ingress('b', 'café.example.com'), ingress('c', 'Shop.example.com')],
    });
    const said = parseConfigText('config/t.yaml', stringify(config)).errors.map((d) => formatDiagnostic(d));
    expect(said.filter((l) => l.includes('already routed'))).toEqual([]);
    expect(said.filter((l) => /ingresses\[\d\]\.host/.test(l))).toHaveLength(3);
  });
  test('a real duplicate beside an invalid host is still said', () => {
    const config = withChanges(devConfig(), {
      ingresses: [ingress('a', 'bücher.example.com'), ingress('b', 'app.example.com'), ingress('c', 'app.example.com')],
    });
    const said = parseConfigText('config/t.yaml', stringify(config))
      .errors.map((d) => formatDiagnostic(d))
      .join('\n');
    expect(said).toContain('ingresses[2].path');
    expect(said).toContain('is already routed by ingresses[1]');
    expect(said).not.toContain('already routed by ingresses[0]');
  });
});

describe('61a-10: a gate finding in a long valuesContent blames the config value at fault', () => {
  test('the value whose line is refused is named, not the first values of the config', () => {
    // What a config the gate refuses renders to: first lines of plain values, then one line refused once decoded.
    const hidden = Buffer.from(`password: ${RANDOM}`).toString('base64');
    const values = ['192.168.0.41', 'v1', 'ConfigMap', 'app', 'default', ...Array.from({ length: 300 }, (_, i) => `value-${i}`)];
    const config = [
      'traefik:',
      '  loadBalancerIPs: [192.168.0.41]',
      '  values:',
      '    extraObjects:',
      '      - apiVersion: v1',
      '        kind: ConfigMap',
      '        metadata: {name: app, namespace: default}',
      '        data:',
      ...values.slice(5).map((v, i) => `          k${i}: ${v}`),
      `          blob: ${hidden}`,
      '',
    ].join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'falsepos61-'));
    writeFileSync(join(dir, 'c.yaml'), config);
    const valuesContent = [...values.slice(5).map((v, i) => `k${i}: ${v}`), `blob: ${hidden}`].map((l) => `    ${l}`).join('\n');
    const files = new Map([['c/traefik-config.yaml', `spec:\n  valuesContent: |\n${valuesContent}\n`]]);
    const finding = secretsInFiles(files)[0] ?? '';
    expect(finding).toContain('c/traefik-config.yaml');
    const found = gateFindingSources(
      finding,
      files,
      () => join(dir, 'c.yaml'),
      () => 'config/c.yaml',
    );
    const message = [...found.places, found.clause].join('\n');
    expect(message).toContain(': traefik.values.extraObjects[0].data.blob');
    expect(message).not.toContain('loadBalancerIPs');
    expect(message).not.toContain('data.k0');
    expect(message).not.toContain(RANDOM);
  });
});
