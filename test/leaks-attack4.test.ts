// @jest-process-shard: its time goes to child processes (scripts/test-suites.js).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../src/check';
import { diffTrees } from '../src/output/diff';
import { secretsInFiles } from '../src/output/secret-gate';
import { redact, redactText, secretShape, secretsInData, secretsInLines } from '../src/core/secrets';
import { wiring } from '../src/main';
import { newCluster } from '../src/new-cluster';
import { runSynth } from '../src/synth';
import { formatViolation, validateManifests } from '../src/validate/conformance';
import { EXAMPLES_DIR, FIXTURE_CONFIG_DIR, synthesizedReference } from './helpers';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import * as hostile from '../scripts/hostile-inputs';

/**
 * Attack round 4: secrets printed by `npm run check`, `synth --dry-run`, `npm run validate` and copied by
 * `npm run new --from` (A1-A4, A6), private-key and URL shapes missed (A5, A7), a repeated --from (A25).
 */

/** The invented secret: every test fails if any part of it is printed or copied. */
const S = 'Hunter2Secret';

/** The hand edits of dist/dev/ingresses.yaml, inserted under `metadata.annotations:`. */
const EDITS: Array<[string, string]> = [
  [
    'a PEM private key spanning lines (A1)',
    `    rsa: |\n      -----BEGIN RSA PRIVATE KEY-----\n      MIIEpAIBAAKCAQEA${S}RSAbody\n      -----END RSA PRIVATE KEY-----\n`,
  ],
  [
    'a PGP private key block spanning lines (A1, A5)',
    `    pgp: |\n      -----BEGIN PGP PRIVATE KEY BLOCK-----\n\n      lQOYBG${S}PGPbody\n      =abcd\n      -----END PGP PRIVATE KEY BLOCK-----\n`,
  ],
  [
    'a private key cut short (no END line)',
    `    rsa: |\n      -----BEGIN PRIVATE KEY-----\n      MIIEvQIBADANBgkqhkiG9w0BAQEFAASC${S}cut\n`,
  ],
  ['a value under a secret-named key (A2)', `    api-password: ${S}V1c\n`],
  ['a secret-named key written twice (A3: only the last is data)', `    api-password: ${S}V1c\n    api-password: ${S}V1d\n`],
  ['a multi-line value under a secret-named key', `    token: |\n      first-${S}-line\n      second-${S}-line\n`],
  ['a file that no longer parses (A3)', `    api-token: ${S}Broken\n   bad: indentation\n`],
  ['an unclosed flow mapping with a secret (A3)', `    x: {password: ${S}Flow\n`],
  ['a name=value pair named like a secret in a text (A2)', `    note: "db_password=${S}V1 mode=x"\n`],
  ['a base64-encoded private key (A5)', `    key: ${Buffer.from(`-----BEGIN RSA PRIVATE KEY-----\n${S}Base64\n`).toString('base64')}\n`],
];

describe('check and synth --dry-run never print a hand-edited secret of dist/ (A1-A3)', () => {
  let root: string;
  let dist: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'k3s-vip-leaks-'));
    dist = join(root, 'dist');
    cpSync(synthesizedReference(), dist, { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const edit = (inserted: string) => {
    const file = join(dist, 'dev', 'ingresses.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('  annotations:\n');
    writeFileSync(file, text.replace('  annotations:\n', `  annotations:\n${inserted}`));
  };

  test.each(EDITS)('%s', (_, inserted) => {
    edit(inserted);
    const check: string[] = [];
    expect(runCheck(FIXTURE_CONFIG_DIR, dist, (line) => check.push(line))).toBe(1);
    const out: string[] = [];
    const log: string[] = [];
    const code = runSynth({
      configDir: FIXTURE_CONFIG_DIR,
      distDir: dist,
      wiring,
      dryRun: true,
      out: (l) => out.push(l),
      log: (l) => log.push(l),
    });
    expect(code).toBe(0);
    for (const printed of [check, [...out, ...log]]) {
      expect(printed.join('\n')).toContain('ingresses.yaml');
      // The changed lines are shown, redacted: as many as the edit has lines with content.
      expect(printed.join('\n')).toContain('<redacted>');
      expect(printed.join('\n')).not.toContain(S);
      expect(printed.join('\n')).not.toMatch(/MIIE|lQOY|LS0tLS1CRUdJTi/);
    }
  });
});

describe('a line scan finds the secrets of a YAML text that does not parse (A3)', () => {
  test.each<[string, string, string[]]>([
    ['a secret-named key', 'a:\n  password: abc1\n', ['abc1']],
    ['a quoted key and value with a comment', '"api-token": "abc2" # note\n', ['abc2']],
    ['an env entry whose name is secret', 'env:\n  - name: DB_PASSWORD\n    value: abc3\n', ['abc3']],
    ['a block scalar under a secret key', 'token: |\n  line-one\n  line-two\nnext: x\n', ['line-one', 'line-two']],
    ['the data of a Secret object', 'kind: Secret\ndata:\n  cf: abc4\n', ['abc4']],
    ['a flag that sets a secret', 'args:\n  - --api.token=abc5\n', ['abc5']],
    ['an unclosed flow mapping', 'x: {password: abc6, name: DB_TOKEN, value: abc7\n', ['abc6', 'abc7']],
  ])('%s', (_, text, secrets) => {
    const found = secretsInLines(text);
    for (const secret of secrets) expect(found).toContain(secret);
    expect(redactText(text, found)).not.toMatch(new RegExp(secrets.join('|')));
  });

  test.each<[string, string]>([
    ['an env entry whose name is not secret', 'env:\n  - name: LOG_LEVEL\n    value: debug\n'],
    ['a reference to a Secret', 'tokenSecret:\n  name: abc\n'],
    ['a ConfigMap', 'kind: ConfigMap\ndata:\n  a: plain\n'],
  ])('finds nothing in %s', (_, text) => {
    expect(secretsInLines(text)).toEqual([]);
  });

  // Timed in `npm run bench` (hostile input); the generous timeout fails only a hang.
  test.each(hostile.thousandsOfSecrets())(
    'a file with %s is redacted in one scan (5,000 took 12 s one by one)',
    (_, text) => {
      expect(redactText(text, secretsInLines(text))).not.toMatch(/value-/);
    },
    60_000,
  );

  test.each([
    ['3,000 secrets of 120 characters (several patterns)', Array.from({ length: 3000 }, (_, i) => `${i}-${'s'.repeat(120)}`)],
    ['one secret of 300,000 characters (longer than a pattern may be)', ['s'.repeat(300_000)]],
  ])('every secret is redacted: %s', (_, secrets) => {
    const text = secrets.map((secret, i) => `k${i}: ${secret}`).join('\n');
    expect(redact(text, secrets)).toBe(secrets.map((__, i) => `k${i}: <redacted>`).join('\n'));
  });

  test('a redacted file keeps its line count (a diff stays aligned)', () => {
    const text = `a: 1\nkey: |\n  -----BEGIN EC PRIVATE KEY-----\n  ${S}\n  -----END EC PRIVATE KEY-----\nb: 2\n`;
    const redacted = redactText(text, secretsInLines(text));
    expect(redacted.split('\n')).toHaveLength(text.split('\n').length);
    expect(redacted).toBe('a: 1\nkey: |\n  <redacted>\n  <redacted>\n  <redacted>\nb: 2\n');
  });
});

describe('npm run validate never quotes a secret of the object it judges (A4)', () => {
  const daemonSet = (value: string) =>
    [
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'metadata: {name: kube-vip-ds, namespace: kube-system}',
      'spec:',
      '  selector: {matchLabels: {app: a}}',
      '  template:',
      '    metadata: {labels: {app: a}}',
      '    spec:',
      '      containers:',
      '        - name: a',
      '          image: a:1',
      '          env:',
      `            - {name: DB_PASSWORD, value: ${value}}`,
      '',
    ].join('\n');
  test.each<[string, string, string]>([
    ['a number', '98765432123', 'env[0].value is <redacted>; the Kubernetes 1.27 schema of DaemonSet expects string'],
    ['a short number', '12', 'env[0].value is <redacted>;'],
    ['a list', `[${S}Val1]`, 'env[0].value is ["<redacted>"]'],
    ['a mapping', `{x: ${S}Val2}`, 'env[0].value is {"x":"<redacted>"}'],
  ])('%s', (_, value, expected) => {
    const lines = validateManifests(new Map([['dist/dev/kube-vip.yaml', daemonSet(value)]])).map(formatViolation);
    expect(lines.join('\n')).toContain(expected);
    expect(lines.join('\n')).not.toMatch(new RegExp(`${S}|98765432123|is 12`));
  });
});

describe('private keys and fragment tokens are secret shapes (A5, A7)', () => {
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  test.each<[string, string, string | undefined]>([
    ['a PGP private key block', `-----BEGIN PGP PRIVATE KEY BLOCK----- lQOYBG${S} -----END PGP PRIVATE KEY BLOCK-----`, 'a private key'],
    ['a PGP block without its end', '-----BEGIN PGP PRIVATE KEY BLOCK-----', 'a private key'],
    [
      'a base64 RSA key',
      base64(`-----BEGIN RSA PRIVATE KEY-----\n${S}\n-----END RSA PRIVATE KEY-----\n`),
      'a private key (base64-encoded)',
    ],
    ['a base64 PKCS#8 key', base64(`-----BEGIN PRIVATE KEY-----\n${S}\n`), 'a private key (base64-encoded)'],
    ['a base64 EC key', base64(`-----BEGIN EC PRIVATE KEY-----\n${S}\n`), 'a private key (base64-encoded)'],
    ['a base64 certificate (public)', base64(`-----BEGIN CERTIFICATE-----\n${S}\n`), undefined],
    ['a PGP public key block', '-----BEGIN PGP PUBLIC KEY BLOCK----- abc -----END PGP PUBLIC KEY BLOCK-----', undefined],
    [
      'an OAuth token in a fragment',
      `https://app.example.com/callback#access_token=${S}Frag`,
      'a URL with a credential in its query or fragment',
    ],
    [
      'an id_token in a fragment after a query',
      `https://a.example.com/cb?state=x#id_token=${S}`,
      'a URL with a credential in its query or fragment',
    ],
    ['a plain fragment', 'https://docs.example.com/page#section-token', undefined],
  ])('%s', (_, text, shape) => {
    expect(secretShape(text)).toBe(shape);
    if (shape) expect(redact(`note: ${text}`)).not.toContain(S);
    else expect(redact(text)).toBe(text);
  });

  // Timed at 400 kB in `npm run bench` (hostile input); judged here at HOSTILE_TEST_SIZE; the generous timeout fails
  // only a hang.
  test.each(hostile.lineScanTexts(HOSTILE_TEST_SIZE))(
    'the line scan reads a long text (%s)',
    (_, text) => {
      secretShape(text);
      redactText(text, secretsInLines(text));
    },
    60_000,
  );
});

describe('npm run new (A6, A25)', () => {
  let configDir: string;
  beforeEach(() => {
    configDir = join(mkdtempSync(join(tmpdir(), 'k3s-vip-new-leaks-')), 'config');
    cpSync(EXAMPLES_DIR, join(configDir, 'examples'), { recursive: true });
    writeFileSync(join(configDir, 'home.yaml'), readFileSync(join(EXAMPLES_DIR, 'reference.yaml'), 'utf8'));
  });
  afterEach(() => rmSync(join(configDir, '..'), { recursive: true, force: true }));
  const run = (...args: string[]) => {
    const lines: string[] = [];
    const code = newCluster(args, { configDir, schemaFile: join(configDir, '..', 'config.schema.json'), log: (l) => lines.push(l) });
    return { code, lines };
  };
  const HDR =
    'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\ntraefik:\n  loadBalancerIPs: [192.168.0.41]\n';
  const ENV = `  values:\n    env:\n      - {name: DB_PASSWORD, value: ${S}New}\n`;

  test.each<[string, string, number]>([
    ['a duplicate key', `${HDR}${ENV}    deployment:\n      podAnnotations: {a: x, a: y}\n`, 8],
    ['an unclosed [', `${HDR}${ENV}    x: [a, b\n`, 8],
    ['a tab-indented line', `${HDR}${ENV}\tdeployment: {}\n`, 7],
  ])('a source that does not parse (%s) is not copied, and its secret not shown', (_, text, line) => {
    writeFileSync(join(configDir, 'src.yaml'), text);
    const before = readdirSync(configDir).sort();
    const { code, lines } = run('n1', '--from', 'src');
    expect(code).toBe(1);
    expect(lines).toEqual([
      `error: ${configDir}/src.yaml is not valid YAML (line ${line}): nothing was copied; fix it first (\`npm run synth\` says what is wrong), then copy again`,
    ]);
    expect(readdirSync(configDir).sort()).toEqual(before);
  });

  test.each([
    [['b', '--from', 'home', '--from', 'ip-pool']],
    [['b', '--from=home', '--from=ip-pool']],
    [['--from', 'home', 'b', '--from', 'home']],
  ])('a repeated --from is refused, nothing written (%j)', (args) => {
    const before = readdirSync(configDir).sort();
    expect(run(...args)).toEqual({ code: 1, lines: ['error: --from is given twice: give one cluster or example to copy'] });
    expect(readdirSync(configDir).sort()).toEqual(before);
  });

  test('a source without site values gets no empty "Set these" list', () => {
    writeFileSync(join(configDir, 'bare.yaml'), 'k3s: {}\n');
    const { code, lines } = run('n2', '--from', 'bare');
    expect(code).toBe(0);
    expect(lines[0]).toBe(`new: wrote ${configDir}/n2.yaml, a copy of ${configDir}/bare.yaml.`);
    expect(lines[1]).toMatch(/^Then run `npm run synth`/);
  });
});

describe('the write and install gate reads a YAML file that does not parse as far as it parses, and line by line', () => {
  test.each<[string, string, string[]]>([
    [
      'a secret key in a broken file',
      `a:\n  password: ${S}\n bad: x\n`,
      ['t.yaml: a.password holds a value under a key named like a secret'],
    ],
    [
      'an env secret in an unclosed flow',
      `env: [{name: DB_TOKEN, value: ${S}}\n`,
      ['t.yaml: env[0].value holds a value under a key named like a secret'],
    ],
    ['a broken file without a secret', 'a: [b\n', []],
  ])('%s', (_, text, expected) => {
    expect(secretsInFiles(new Map([['t.yaml', text]]))).toEqual(expected);
  });
});

describe('a name=value word named like a secret is one (A2)', () => {
  test.each<[string, string | undefined]>([
    [`db_password=${S}`, `${S}`],
    [`host=db port=5432 password=${S}`, `${S}`],
    [`DB_TOKEN=${S};mode=x`, `${S}`],
    ['passHostHeader=true', undefined],
    ['password_file=/run/secrets/db', undefined],
    ['token=$(API_TOKEN)', undefined],
    ['mode=fast level=2', undefined],
  ])('%s', (text, secret) => {
    expect(secretsInData({ note: text }).map((found) => found.value)).toEqual(secret === undefined ? [] : [secret]);
  });
});

test('a diff whose sides differ only inside redacted values says so, without a hunk', () => {
  const redactAll = (text: string) => text.replace(/secret-\w+/g, '<redacted>');
  expect(diffTrees(new Map([['f.yaml', 'a: secret-one\n']]), new Map([['f.yaml', 'a: secret-two\n']]), redactAll)).toEqual([
    '*** f.yaml (differs only inside values that are not shown: secrets)',
    // 73b-7: the committed file's line that holds one is named.
    '!!! f.yaml: line 1 holds a secret-shaped value (not shown)',
    // 75a-4: so is the fresh file's (a fresh synth the gate refuses is never diffed: only dist/'s secret blanks there).
    '!!! f.yaml: line 1 of a fresh synth holds a value not shown (a file of dist/ as it stands holds it as a secret)',
  ]);
  expect(diffTrees(new Map([['f.yaml', 'a: secret-one\n']]), new Map([['f.yaml', 'b: 1\n']]), redactAll)).toEqual([
    '*** f.yaml',
    '@@ -1,1 +1,1 @@',
    '- a: <redacted>',
    '+ b: 1',
    '!!! f.yaml: line 1 holds a secret-shaped value (not shown)',
  ]);
});
