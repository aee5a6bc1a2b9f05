// Round 76 (diff76): 75a-4. The `--dry-run` and `npm run check` diffs blanked plain lines the write gate passes (`headers:`,
// `Authorization: ""`, a header name, `authResponse<redacted>`, an `otp:` block's `digits: 6`, the tool's own README
// runbook line and `enabled: true`, a Middleware's Secret name, a CSP `'sha256-…='` hash, htpasswd hashes), some silently,
// some with a "looks like a password or token" warning, and named the tool's own lines as holding a secret-shaped value.
// The preview blanks what the gate reads as a secret, and nothing more; each row's real secret in the same place is still
// blanked, refused by the gate, and named.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wiring } from '../src/main';
import { diffTrees } from '../src/output/diff';
import { printedPatch } from '../src/output/dry-run-diff';
import { fileRedaction, secretsInFiles } from '../src/output/secret-gate';
import { runSynth } from '../src/synth';

const TOKEN = 'Zq8vLm2Kp9XrT4wY7nB3';
const BCRYPT = 'admin:$2y$05$h9OxLeY20/5uiXjfPgdRxuFlrfqBf2QifYDgrwsR6rAEgX3TfpOgi';
const APR1 = 'ops:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/';
const CSP = `default-src 'self'; script-src 'self' 'sha256-B2yPHKaXnvFWtRChIbabYmUBFZdVfKKXHbWtWidDVF8='`;

/** Lines indented by `by` spaces. */
const indent = (text: string, by: number) => text.replace(/^/gm, ' '.repeat(by));
/** A HelmChartConfig as the synth writes it, with a file provider whose `content` is `content`. */
const chartConfig = (content: string) =>
  [
    'apiVersion: helm.cattle.io/v1',
    'kind: HelmChartConfig',
    'metadata:',
    '  name: traefik',
    '  namespace: kube-system',
    'spec:',
    '  valuesContent: |',
    '    providers:',
    '      file:',
    '        enabled: true',
    '        content: |',
    indent(content, 10),
    '    service:',
    '      enabled: true',
    '',
  ].join('\n');
/** A Traefik Middleware with `spec` (YAML, indented by two). */
const middleware = (spec: string) =>
  `apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: m\n  namespace: default\nspec:\n${spec}\n`;
const headers = (lines: string) =>
  `http:\n  middlewares:\n    strip-auth:\n      headers:\n        customRequestHeaders:\n${indent(lines, 10)}`;
const users = (...entries: string[]) =>
  `http:\n  middlewares:\n    auth:\n      basicAuth:\n        users:\n${entries.map((entry) => `          - ${JSON.stringify(entry)}`).join('\n')}`;
const otp = (line: string) => `  plugin:\n    jwt:\n      otp:\n        enabled: true\n${line}\n        period: 30`;

// [row, file path, text, a secret it holds (blanked, refused, never shown) or undefined (shown as it is)]
const FILES: ReadonlyArray<readonly [string, string, string, string | undefined]> = [
  [
    'emptied headers (Authorization, X-Api-Key)',
    't/traefik-config.yaml',
    chartConfig(headers('Authorization: ""\nX-Api-Key: ""')),
    undefined,
  ],
  ['a bearer token under Authorization', 't/traefik-config.yaml', chartConfig(headers(`Authorization: "Bearer ${TOKEN}"`)), TOKEN],
  ['a key under X-Api-Key', 't/traefik-config.yaml', chartConfig(headers(`X-Api-Key: "${TOKEN}"`)), TOKEN],
  [
    'forwardAuth authResponseHeaders names',
    't/traefik-config.yaml',
    chartConfig(
      'http:\n  middlewares:\n    fwd:\n      forwardAuth:\n        address: http://auth.default.svc:4181\n        authResponseHeaders:\n          - X-Auth-Token\n          - X-Forwarded-User',
    ),
    undefined,
  ],
  [
    'a header name as rateLimit requestHeaderName',
    't/traefik-config.yaml',
    chartConfig(
      'http:\n  middlewares:\n    rl:\n      rateLimit:\n        average: 100\n        sourceCriterion:\n          requestHeaderName: X-Api-Key',
    ),
    undefined,
  ],
  [
    'response headers X-Token-Expiry, Cache-Key',
    't/traefik-config.yaml',
    chartConfig(
      'http:\n  middlewares:\n    sec:\n      headers:\n        customResponseHeaders:\n          X-Token-Expiry: "3600"\n          Cache-Key: "v2-user-profile"',
    ),
    undefined,
  ],
  [
    'a CSP script hash',
    't/traefik-config.yaml',
    chartConfig(`http:\n  middlewares:\n    sec:\n      headers:\n        contentSecurityPolicy: ${JSON.stringify(CSP)}`),
    undefined,
  ],
  ['bcrypt and apr1 htpasswd hashes', 't/traefik-config.yaml', chartConfig(users(BCRYPT, APR1)), undefined],
  ['a plaintext htpasswd password', 't/traefik-config.yaml', chartConfig(users(`admin:${TOKEN}`)), TOKEN],
  ['a Middleware basicAuth Secret name', 't/m.yaml', middleware('  basicAuth:\n    secret: dashboard-users'), undefined],
  ['a Middleware digestAuth Secret name', 't/m.yaml', middleware('  digestAuth:\n    secret: digest-users'), undefined],
  ['a generated string as basicAuth secret', 't/m.yaml', middleware(`  basicAuth:\n    secret: ${TOKEN}`), TOKEN],
  ['an otp block: digits, period, on/off', 't/m.yaml', middleware(otp('        digits: 6')), undefined],
  ['an otp block with its TOTP seed', 't/m.yaml', middleware(otp('        secret: JBSWY3DPEHPK3PXPZQ8VLM2K')), 'JBSWY3DPEHPK3PXPZQ8VLM2K'],
  ['a comment with a password in clean YAML', 't/m.yaml', middleware(`  basicAuth: # password: ${TOKEN}\n    secret: users`), TOKEN],
];

describe('75a-4: the diff redaction blanks what the write gate refuses, and nothing more', () => {
  test.each(FILES)('%s', (_, path, text, secret) => {
    const files = new Map([[path, text]]);
    const shown = fileRedaction(files)(text);
    expect(secretsInFiles(files).length > 0).toBe(secret !== undefined);
    if (secret === undefined) expect(shown).toBe(text);
    else expect(shown).not.toContain(secret);
  });
});

const README_LINE =
  "- `kubectl -n kube-system logs -l app.kubernetes.io/name=traefik --tail 20` with `traefik.values.logs.access.enabled: true`: each access-log line starts with the address Traefik saw, a node's.";

describe("75a-4: one file's lines are not blanked in another", () => {
  test.each<[string, string, boolean]>([
    ["the tool's runbook line beside an otp block", README_LINE, false],
    ['a README line holding a real password', `- admin password: ${TOKEN}`, true],
  ])('%s', (_, line, blanked) => {
    const readme = `# t\n\n${line}\n`;
    const files = new Map([
      ['t/m.yaml', middleware(otp('        digits: 6'))],
      ['t/README.md', readme],
    ]);
    expect(fileRedaction(files)(readme) !== readme).toBe(blanked);
  });
});

describe("75a-4: npm run check's diff of dist/ as the tool wrote it", () => {
  const diffOf = (committed: string, fresh: string) => {
    const [before, after] = [new Map([['t/m.yaml', committed]]), new Map([['t/m.yaml', fresh]])];
    return diffTrees(before, after, fileRedaction(before, after));
  };
  test('an otp setting changed: every line shown, none named as a secret', () => {
    const diff = diffOf(middleware(otp('        digits: 6')), middleware(otp('        digits: 8')));
    expect(diff).toContain('-         digits: 6');
    expect(diff).toContain('+         digits: 8');
    expect(diff).toContain('          enabled: true');
    expect(diff.join('\n')).not.toMatch(/<redacted>|!!!/);
  });
  test('a TOTP seed pasted by hand: blanked, its line named', () => {
    const diff = diffOf(middleware(otp('        secret: JBSWY3DPEHPK3PXPZQ8VLM2K')), middleware(otp('        digits: 6')));
    expect(diff.join('\n')).not.toContain('JBSWY3DPEHPK3PXPZQ8VLM2K');
    expect(diff).toContain('!!! t/m.yaml: line 11 holds a secret-shaped value (not shown)');
    expect(diff.filter((line) => line.startsWith('!!!'))).toHaveLength(1);
  });
  test('a line of the fresh file blanked as a secret of the file as it stands: named too, never silent', () => {
    const configMap = (line: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  ${line}\n`;
    const fresh = configMap(`build: ${TOKEN}`);
    expect(secretsInFiles(new Map([['t/m.yaml', fresh]]))).toEqual([]);
    const diff = diffOf(configMap(`password: ${TOKEN}`), fresh);
    expect(diff.join('\n')).not.toContain(TOKEN);
    expect(diff.filter((line) => line.startsWith('!!!'))).toEqual([
      '!!! t/m.yaml: line 6 holds a secret-shaped value (not shown)',
      '!!! t/m.yaml: line 6 of a fresh synth holds a value not shown (a file of dist/ as it stands holds it as a secret)',
    ]);
  });
});

describe('75a-4: the dry-run printer shows a line the gate passed as it will be written', () => {
  const patch = (...body: string[]) => ['--- a/dist/t/x.yaml', '+++ b/dist/t/x.yaml', '@@ -1,3 +1,3 @@', ...body];
  test.each<[string, string[], number[]]>([
    ['a CSP script hash', [`+  contentSecurityPolicy: "${CSP}"`], []],
    ['htpasswd hashes', [`+  - "${BCRYPT}"`, `+  - "${APR1}"`], []],
    ['a generated-looking build id', ['+  build: "Zq8Wm3Lp0aKdRt5Y"'], []],
    ['a token shape (still hidden, named)', [' same', `+  see ghp_${'Zq9pW7vLm2Xy8kQ4'.repeat(2)}abcd`], [2]],
  ])('%s', (_, body, written) => {
    const lines = patch(...body);
    const printed = printedPatch([{ path: 'dist/t/x.yaml', lines }], []);
    expect(printed.hidden).toEqual(written.length ? [{ path: 'dist/t/x.yaml', written, current: [] }] : []);
    if (written.length) expect(printed.lines.join('\n')).not.toContain('Zq9pW7vLm2Xy8kQ4');
    else expect(printed.lines).toEqual(lines);
  });
  test('a value given on the command line is hidden on every line, and its lines named', () => {
    const lines = [
      '--- a/dist/Zq8Wm3Lp0aKdRt5Y/x.yaml',
      '+++ b/dist/Zq8Wm3Lp0aKdRt5Y/x.yaml',
      '@@ -1,2 +1,2 @@',
      ' a',
      '+  path: Zq8Wm3Lp0aKdRt5Y',
    ];
    const printed = printedPatch([{ path: 'dist/Zq8Wm3Lp0aKdRt5Y/x.yaml', lines }], ['Zq8Wm3Lp0aKdRt5Y']);
    expect(printed.lines.join('\n')).not.toContain('Zq8Wm3Lp0aKdRt5Y');
    expect(printed.hidden).toEqual([{ path: 'dist/Zq8Wm3Lp0aKdRt5Y/x.yaml', written: [2], current: [] }]);
  });
});

describe('75a-4: synth --dry-run end to end', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'k3s-vip-diff76-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const CONTENT = [
    'http:',
    '  middlewares:',
    '    strip-auth:',
    '      headers:',
    '        customRequestHeaders:',
    '          Authorization: ""',
    '          X-Api-Key: ""',
    '    fwd:',
    '      forwardAuth:',
    '        address: http://auth.default.svc:4181',
    '        authResponseHeaders:',
    '          - X-Auth-Token',
    '    sec:',
    '      headers:',
    `        contentSecurityPolicy: ${JSON.stringify(CSP)}`,
    '    auth:',
    '      basicAuth:',
    '        users:',
    `          - ${JSON.stringify(BCRYPT)}`,
    `          - ${JSON.stringify(APR1)}`,
  ];
  const config = [
    'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}',
    'traefik:',
    '  loadBalancerIPs: [192.168.0.41]',
    '  values:',
    '    providers:',
    '      file:',
    '        enabled: true',
    '        content: |',
    indent(CONTENT.join('\n'), 10),
    '    extraObjects:',
    '      - apiVersion: traefik.io/v1alpha1',
    '        kind: Middleware',
    '        metadata: {name: jwt, namespace: default}',
    '        spec:',
    '          basicAuth: {secret: dashboard-users}',
    '          plugin: {jwt: {otp: {enabled: true, digits: 6, period: 30}}}',
    'ingresses: []',
    '',
  ].join('\n');
  const run = (distDir: string, dryRun: boolean) => {
    const configDir = join(root, 'config');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 't.yaml'), config);
    const [out, log]: [string[], string[]] = [[], []];
    const code = runSynth({ configDir, distDir, wiring, dryRun, log: (l) => log.push(l), out: (l) => out.push(l) });
    return { code, out, log };
  };

  test('a new dist/: every plain line shown as written, no warning of hidden values', () => {
    const dry = run(join(root, 'dist'), true);
    expect(dry.code).toBe(0);
    const out = dry.out.join('\n');
    expect(out).not.toContain('<redacted>');
    expect(out).not.toContain('not shown');
    for (const line of CONTENT) expect(out).toContain(line.trim());
    expect(out).toContain('secret: dashboard-users');
    expect(out).toContain('digits: 6');
    expect(out).toContain('traefik.values.logs.access.enabled: true');
    expect(dry.log.join('\n')).not.toMatch(/not shown|secret-shaped/);
  });

  test('dist/ as the tool wrote it, then a bearer token pasted by hand: only that line is blanked and named', () => {
    const dist = join(root, 'dist');
    expect(run(dist, false).code).toBe(0);
    const again = run(dist, true);
    expect(again.log.join('\n')).not.toMatch(/not shown|secret-shaped/);
    const file = join(dist, 't', 'traefik-config.yaml');
    const text = readFileSync(file, 'utf8');
    const edited = text.replace('Authorization: ""', `Authorization: "Bearer ${TOKEN}"`);
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const line = edited.split('\n').findIndex((l) => l.includes(TOKEN)) + 1;
    const dry = run(dist, true);
    expect(dry.code).toBe(0);
    expect([...dry.out, ...dry.log].join('\n')).not.toContain(TOKEN);
    expect(dry.out.join('\n')).toContain('X-Api-Key: ""');
    expect(dry.log.filter((l) => l.includes('secret-shaped'))).toEqual([
      `warning: ${file}: line ${line} holds a secret-shaped value (not shown)`,
    ]);
  });
});
