import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { keyAsQuoted } from '../src/core/redact-message';
import { redact, secretShape, secretsInData } from '../src/core/secrets';
import { newCluster } from '../src/new-cluster';
import { secretsInFiles } from '../src/output/secret-gate';
import { DEV_YAML, devConfig, synthFiles, valuesDoors, withChanges } from './helpers';
import { falseRefusalTables } from './secret-tables';

/**
 * Round 56a findings 7-10: ordinary config refused as a secret. An image reference or a Service URL whose name holds
 * a secret word (`ghcr.io/external-secrets/external-secrets:v0.9.11`, `http://token-service:8080/verify`), the README's
 * mermaid line for a backend named so (`Service default/token-service:80`), an Envoy `token_bucket:` block, prose
 * with `machine` and `default password` in it. Their neighbours that set a generated value stay refused.
 */
const S = 'Qm7vZp2Lx9Kt4Rw';
const { acceptedTable, refusedTable } = falseRefusalTables(S);

describe('56a-7: an image reference or a URL host holding a secret word is a name', () => {
  acceptedTable([
    'ghcr.io/external-secrets/external-secrets:v0.9.11',
    'docker.io/bitnami/sealed-secrets-controller:0.26.0',
    'ghcr.io/doitintl/secrets-init:v0.5.0',
    'ghcr.io/acme/token-service:latest',
    'ghcr.io/acme/api-key-rotator:v1',
    'ghcr.io/acme/password-reset:v1.2.3',
    'registry.local:5000/acme/token-service:1.2-alpine',
    'http://token-service:8080/verify',
    'http://secret-manager:8080',
    '--upstream=ghcr.io/acme/token-service:v1.2.3',
    'image: ghcr.io/acme/token-service:v1.2.3',
    'image: token-service:1.0',
  ]);
  refusedTable([
    ['token=S', `token=${S}`],
    ['password-S', `password-${S}`],
    ['an image tag that is a generated value', `ghcr.io/acme/token:${S}`],
    ['a version tag with a generated value glued', `ghcr.io/acme/token-service:v1.2.3-${S}`],
    ['a URL user and password', `http://token:${S}@host/`],
  ]);

  test.each([`token:${S}`, `token-service:${S}`, 'ghcr.io/acme/password:hunter2'])('control: %s is found as data', (text) => {
    const found = secretsInData({ value: text }, ['x']);
    expect(found.map(({ path }) => path)).toEqual([['x', 'value']]);
  });

  test.each([
    [
      'an additional container image',
      { deployment: { additionalContainers: [{ name: 'side', image: 'ghcr.io/external-secrets/external-secrets:v0.9.11' }] } },
    ],
    [
      'a forwardAuth address',
      {
        extraObjects: [
          {
            apiVersion: 'traefik.io/v1alpha1',
            kind: 'Middleware',
            metadata: { name: 'fa', namespace: 'default' },
            spec: { forwardAuth: { address: 'http://token-service:8080/verify' } },
          },
        ],
      },
    ],
  ])('%s is accepted by the config, the props and the write gate', (_, values) => {
    expect(valuesDoors.config(values)).toBe('');
    expect(valuesDoors.cluster(values)).toBe('');
    expect(valuesDoors.chart(values)).toBe('');
    expect(valuesDoors.gate(values)).toEqual([]);
  });
});

describe('56a-8: the README written for an accepted backend Service passes the write gate', () => {
  test.each(['token-service', 'password-reset', 'secrets-ui', 'auth-token', 'api-key-service', 'credentials-api', 'web-token-v2'])(
    'service %s',
    (service) => {
      const config = withChanges(devConfig(), {
        ingresses: [{ name: 'web', namespace: 'default', host: 'app.example.com', path: '/', service, port: 80 }],
      });
      const files = synthFiles(config);
      expect(files.get('README.md')).toContain(`default/${service}:80`);
      expect(secretsInFiles(files)).toEqual([]);
    },
  );
});

describe('56a-9: an Envoy token bucket is settings, in every form', () => {
  acceptedTable([
    'token_bucket:\n  max_tokens: 10000\n  tokens_per_fill: 1000\n  fill_interval: 1s\n',
    'token_bucket: {max_tokens: 100, fill_interval: 1s}',
    'rate_limit:\n  token_bucket:\n    max_tokens: 10000\n    tokens_per_fill: 1000\n    fill_interval: 1s\n',
    '{"token_bucket": {"max_tokens": 5, "tokens_per_fill": 1, "fill_interval": "1s"}}',
  ]);
  refusedTable([
    ['a password inside the bucket', `token_bucket:\n  max_tokens: 10000\n  password: ${S}\n`],
    ['a token under a compound key that names one', `token_bucket_secret: ${S}`],
  ]);
});

describe('56a-10: prose is no netrc entry', () => {
  acceptedTable([
    'It runs machine learning as the default password hint',
    'Grafana uses admin as the default password',
    'Grafana uses admin as the default password\nnext: line',
    'the machine learning password hint',
  ]);
  refusedTable([
    ['a netrc line', `machine example.com login u password ${S}`],
    ['a netrc line without login', `machine h password ${S}`],
    ['a default entry at a line start', `x\ndefault login u password ${S}`],
    ['a default entry after a machine entry', `machine a login b password c default password ${S}`],
    ['a netrc line echoed', `echo machine github.com password ${S}`],
  ]);
});

/** The formatted errors of a config text (the base config plus `traefik` lines). */
const errorsOf = (traefik: string): string[] =>
  parseConfigText(
    'config/c.yaml',
    `kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\ntraefik:\n  loadBalancerIPs: [192.168.0.41]\n${traefik}`,
  ).errors.map(formatDiagnostic);

describe('56a-5 and 56a-11: a key path is judged as its quote is, and a problem stands at its own key', () => {
  test.each([
    // crd77: a key that is no plain word is shown bracketed and quoted (formatPath), its stand-in inside.
    ['a secret-named key holding a generated run', `  the-${S}-password: 1\n`, 4, '["the-<redacted>-password"]'],
    [
      'a lower-case generated run after a secret name',
      `  redirectToHttps: true\n  password-${S.toLowerCase()}: 1\n`,
      5,
      // The glued reader (leaks56) reads `password-<lower-case run>` as a glued secret: the key is blanked whole, and
      // named by its place in its map (57a-12).
      '.<redacted key 3>',
    ],
  ])('%s', (_, traefik, line, shownKey) => {
    const errors = errorsOf(traefik);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error).not.toContain(S);
      expect(error).not.toContain(S.toLowerCase());
      expect(error).toContain(`c.yaml:${line}:`);
      expect(error).toContain(`traefik${shownKey}:`);
    }
    expect(errors.some((error) => /named? like a secret/.test(error))).toBe(true);
  });

  test('keyAsQuoted: a key the message would blank quoted is blanked in the path; ordinary keys stay', () => {
    expect(keyAsQuoted(`the-${S}-password`)).toBe('the-<redacted>-password');
    for (const key of ['loadBalancerIPs', 'dbPasswordProd2', 'token_bucket', 'values']) expect(keyAsQuoted(key)).toBe(key);
  });
});

describe('56a-12: a query or fragment pair with no URL is named as a name=value', () => {
  test.each([`note #password=${S}`, `see docs#token=${S}`, `#password=${S}`])('%s', (text) => {
    expect(secretShape(text)).toMatch(/name like a secret/);
    expect(redact(text)).not.toContain(S);
  });
  test.each([`https://example.com/#access_token=${S}`, `https://example.com/x?token=${S}`, `/x?key=${S}`])(
    'control: %s is a URL',
    (text) => {
      expect(secretShape(text)).toBe('a URL with a credential in its query or fragment');
      expect(redact(text)).not.toContain(S);
    },
  );
});

describe('56a-13: npm run new --from names the lines of a secret over two comment lines', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'k3s-vip-new-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  test('each line is named, the secret shown nowhere', () => {
    writeFileSync(join(root, 'src.yaml'), `${DEV_YAML.trimEnd()}\n# password\n# ${S}\n`);
    const lines: string[] = [];
    const code = newCluster(['copy', '--from', 'src'], { configDir: root, schemaFile: join(root, 'x.json'), log: (l) => lines.push(l) });
    const text = lines.join('\n');
    const at = DEV_YAML.trimEnd().split('\n').length + 1;
    expect(code).toBe(1);
    expect(text).toMatch(new RegExp(`src\\.yaml:${at}:\\d+: holds a secret outside its values`));
    // Both lines named, as one group (57a-14).
    expect(text).toContain(`lines ${at}-${at + 1}:`);
    expect(text).not.toContain(S);
  });
});

describe('56a-15: one bad label or annotation key of an extraObjects item is said once', () => {
  test('one line per key', () => {
    const errors = errorsOf(
      '  values:\n    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n' +
        '        metadata: {name: a, namespace: default, labels: {"bad key/x/y": "1"}, annotations: {"example.com/a b": x}}\n',
    );
    expect(errors.filter((e) => e.includes('labels["bad key/x/y"]'))).toHaveLength(1);
    expect(errors.filter((e) => e.includes('annotations["example.com/a b"]'))).toHaveLength(1);
  });
});
