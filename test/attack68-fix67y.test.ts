// Round 68 fixes of round 67a's blind findings: a Secret reference under a key named like a secret is no secret, and a
// refusal there names the value it took (67a-19); `synth --dry-run` hides a value on every line of its patch and names
// the lines (67a-22); a redaction covers a value to its natural end (67a-23).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { hiddenParts } from '../src/core/hidden-parts';
import { redactMessage } from '../src/core/redact-message';
import { replaceSpans, valueEnd } from '../src/core/redaction-spans';
import { redact } from '../src/core/secrets';
import { wiring } from '../src/main';
import { printedPatch } from '../src/output/dry-run-diff';
import { runSynth } from '../src/synth';
import { DEV_YAML, devConfig, valuesDoors, withChanges } from './helpers';
import { cpuMillisSince } from './cpu-time';

/** Chart values holding one custom object whose `spec` is `spec`: free data under `traefik.values.extraObjects`. */
const withSpec = (spec: object) => ({
  // A kind extraObjects carry (extra-object-kinds.ts), with no vendored schema: its spec is free data.
  extraObjects: [{ apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 't', namespace: 'default' }, spec }],
});
const PASSWORD = 'Wh4tEver99x';

describe('67a-19: a Secret reference under a key named like a secret passes every door', () => {
  test.each<[string, object]>([
    ['a volume-style secretName under credentials', { credentials: { secretName: 'creds' } }],
    ['a chart existingSecret and key under token', { token: { existingSecret: 'hub', key: 'token' } }],
    ['existingSecret and existingSecretKey under token', { token: { existingSecret: 'hub', existingSecretKey: 'token' } }],
    ['an env valueFrom.secretKeyRef under password', { password: { valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } } }],
    [
      'valueFrom with optional under apiToken',
      { apiToken: { valueFrom: { secretKeyRef: { name: 'api', key: 'token', optional: true } } } },
    ],
    ['a secretRef under credentials', { credentials: { secretRef: { name: 'creds' } } }],
    ['a bare secretKeyRef under credentials', { credentials: { secretKeyRef: { name: 'creds', key: 'token' } } }],
    [
      "Grafana's existingSecret, userKey and passwordKey",
      { credentials: { existingSecret: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' } },
    ],
    ['secretName and secretKey under password', { password: { secretName: 'db', secretKey: 'password' } }],
    ['a SecretReference {name, namespace} under credentials', { credentials: { name: 'creds', namespace: 'infra' } }],
    ['existingSecretName and tokenKey under token', { token: { existingSecretName: 'hub', tokenKey: 'license' } }],
  ])('%s', (_, spec) => {
    const values = withSpec(spec);
    expect(valuesDoors.config(values)).toBe('');
    expect(valuesDoors.cluster(values)).toBe('');
    expect(valuesDoors.chart(values)).toBe('');
    expect(valuesDoors.gate(values)).toEqual([]);
  });

  // The env entry's own valueFrom passed before the fix too: the control.
  test('an env entry named like a token with valueFrom.secretKeyRef', () => {
    const values = { env: [{ name: 'HUB_TOKEN', valueFrom: { secretKeyRef: { name: 'hub', key: 'token' } } }] };
    expect(valuesDoors.config(values)).toBe('');
    expect(valuesDoors.cluster(values)).toBe('');
  });
});

describe('67a-19: what is not only a reference is refused, each message naming the value it took, never showing it', () => {
  test.each<[string, object, string, string]>([
    [
      'a literal beside existingSecret',
      { credentials: { existingSecret: 'creds', password: PASSWORD } },
      'spec.credentials.password',
      PASSWORD,
    ],
    [
      'a key material field beside secretName',
      { credentials: { secretName: 'creds', apiKey: PASSWORD } },
      'spec.credentials.apiKey',
      PASSWORD,
    ],
    [
      'a value beside valueFrom',
      { password: { valueFrom: { secretKeyRef: { name: 'db', key: 'password' } }, value: PASSWORD } },
      'spec.password.value',
      PASSWORD,
    ],
    ['a user and a pass under credentials', { credentials: { user: 'admin', pass: PASSWORD } }, 'spec.credentials.pass', PASSWORD],
    ['a value under token', { token: { value: PASSWORD } }, 'spec.token.value', PASSWORD],
    ['a list under token', { token: [PASSWORD] }, 'spec.token[0]', PASSWORD],
    [
      'a generated Secret name',
      { token: { existingSecret: 'Zq9pW7vLm2Xy8kQ4', key: 'license' } },
      'spec.token.existingSecret',
      'Zq9pW7vLm2Xy8kQ4',
    ],
    ['a password as the Secret name', { credentials: { secretName: PASSWORD } }, 'spec.credentials.secretName', PASSWORD],
    [
      'a selector without its key',
      { password: { valueFrom: { secretKeyRef: { name: 'db' } } } },
      'spec.password.valueFrom.secretKeyRef.name',
      '"db"',
    ],
    ['two names', { credentials: { secretName: 'creds', name: PASSWORD.toLowerCase() } }, 'spec.credentials.name', PASSWORD.toLowerCase()],
  ])('%s', (_, spec, leaf, value) => {
    const values = withSpec(spec);
    const [config, cluster, chart, gate] = [
      valuesDoors.config(values),
      valuesDoors.cluster(values),
      valuesDoors.chart(values),
      valuesDoors.gate(values).join('\n'),
    ];
    expect(config).toContain(`traefik.values.extraObjects[0].${leaf}: `);
    expect(cluster).toContain(`traefik.values.extraObjects[0].${leaf}: `);
    expect(chart).toContain(`values.extraObjects[0].${leaf} `);
    expect(gate).toContain(`spec.valuesContent.extraObjects[0].${leaf} holds`);
    for (const said of [config, cluster, chart, gate]) expect(said).not.toContain(value);
  });

  // A key that may be the secret's own text (digits, a capital, written as one scalar) ends the path shown (42a-7).
  test.each<[string, string, string, string]>([
    ['a generated key', 'password:\n            Zq9pW7vLm2: xy\n', 'spec.password: ', 'Zq9pW7vLm2'],
    ['a capitalised word key', 'password:\n            Summer: "2024!"\n', 'spec.password: ', 'Summer'],
    ['a passphrase read as a map', 'password: correct: horse battery\n', 'spec.password: ', 'correct'],
  ])('%s: the path ends at the secret', (_, spec, shown, key) => {
    const text = stringify(withChanges(devConfig(), { traefik: { values: withSpec({ x: 1 }) } })).replace(/x: 1\n/, spec);
    const errors = valuesConfigLines(text);
    expect(errors).toContain(`traefik.values.extraObjects[0].${shown}`);
    expect(errors).not.toContain(key);
  });
});

/** The config door's lines for a config file's text. */
const valuesConfigLines = (text: string): string => parseConfigText('config/t.yaml', text).errors.map(formatDiagnostic).join('\n');

describe('67a-22: the dry run hides a value on every line of its patch and names the lines (75a-4: only what the gate reads as a secret)', () => {
  const GENERATED = 'Zq9pW7vLm2Xy8kQ4';
  // 86b-9: a route path holding a generated-looking run is refused at the config now; a digest (hex) passes both the
  // config and the gate, so it is the odd-looking value the printer must show.
  const DIGEST = '9f86d081884c7d659a2feaa0';
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'k3s-vip-fix67y-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const configWithPath = (path: string) => {
    const configDir = join(root, 'config');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'dev.yaml'), DEV_YAML.replace(/^( {4}path:) \/$/m, `$1 ${path}`));
    return configDir;
  };
  const run = (configDir: string, distDir: string, dryRun: boolean) => {
    const [out, log]: [string[], string[]] = [[], []];
    const code = runSynth({ configDir, distDir, wiring, dryRun, log: (l) => log.push(l), out: (l) => out.push(l) });
    return { code, out, log };
  };

  // 75a-4: the printer blanks what the write gate reads as a secret, and nothing more: a value the gate passes is printed.
  test('a digest path the gate passes: printed as it will be written, on every line, with no warning', () => {
    const configDir = configWithPath(`/app/${DIGEST}`);
    const dry = run(configDir, join(root, 'dist'), true);
    expect(dry.code).toBe(0);
    expect(dry.out.filter((line) => line.includes(`/app/${DIGEST}`)).length).toBeGreaterThanOrEqual(3);
    expect(dry.log.join('\n')).not.toContain('not shown above');
  });

  test('the value on removed lines of the file as it stands is printed as it stands, with no warning', () => {
    const dist = join(root, 'dist');
    expect(run(configWithPath(`/app/${DIGEST}`), dist, false).code).toBe(0);
    const dry = run(configWithPath('/app/static'), dist, true);
    expect(dry.code).toBe(0);
    expect(dry.out.some((line) => line.startsWith('-') && line.includes(DIGEST))).toBe(true);
    expect(dry.log.join('\n')).not.toContain('not shown above');
  });

  test('an ordinary path is printed on every line, with no warning', () => {
    const dry = run(configWithPath('/app/static'), join(root, 'dist'), true);
    expect(dry.code).toBe(0);
    expect(dry.out.filter((line) => line.includes('/app/static')).length).toBeGreaterThanOrEqual(3);
    expect(dry.log.join('\n')).not.toContain('not shown above');
  });

  test.each<[string, string[], number[], number[]]>([
    [
      'quoted on one line, bare on two others, old and new: the gate passed it (75a-4)',
      [' same', `-old "${GENERATED}"`, `+new "${GENERATED}"`, `+| \`${GENERATED}\` |`, ` plain ${GENERATED} text`],
      [],
      [],
    ],
    [
      'a token shape on a removed line and an added one',
      [' same', `-old ghp_${GENERATED}${GENERATED}abcd`, `+new ghp_${GENERATED}${GENERATED}abcd`],
      [2],
      [2],
    ],
    ['only bare: nothing to hide', [' same', `+| \`${GENERATED}\` |`], [], []],
    [
      'a token shape on one line, its copy on another',
      [`+token ghp_${GENERATED}${GENERATED}abcd`, `+ see ghp_${GENERATED}${GENERATED}abcd`],
      [1, 2],
      [],
    ],
  ])('printedPatch: %s', (_, body, written, current) => {
    const lines = ['--- a/dist/c/README.md', '+++ b/dist/c/README.md', '@@ -1,9 +1,9 @@', ...body];
    const printed = printedPatch([{ path: 'dist/c/README.md', lines }], []);
    const hidden = written.length || current.length ? [{ path: 'dist/c/README.md', written, current }] : [];
    expect(printed.hidden).toEqual(hidden);
    if (hidden.length) expect(printed.lines.join('\n')).not.toContain(GENERATED);
    else expect(printed.lines).toEqual(lines);
  });

  test.each<[string, string, string[]]>([
    ['a redacted token', 'a ghp_x b', ['ghp_x']],
    ['a generated run said by its size, its quotes left out', `x "${GENERATED}" y`, [GENERATED]],
    ['nothing hidden', 'plain text', []],
  ])('hiddenParts: %s', (_, raw, parts) => {
    const printed = raw === 'a ghp_x b' ? 'a <redacted> b' : redactMessage(raw, []);
    expect(hiddenParts(raw, printed)).toEqual(parts);
  });
});

describe('67a-23: a redaction covers the whole value, to its natural end', () => {
  const A = 'Zq9pW7vLm2Xy8kQ4rT6uN3bV5cD1eF0gH7jK2mP9sA';
  /** Shapes matched to a fixed length or a set tail: what follows in the same value was left beside the blank. */
  const OPEN_ENDED: Record<string, string> = {
    'GitLab pipeline trigger': `glptt-${'0123456789abcdef'.repeat(2)}01234567`,
    'GitLab personal': `glpat-${A.slice(0, 20)}`,
    'Slack bot': `xoxb-1234567890-${A.slice(0, 24)}`,
    'Stripe secret': `sk_live_${A.slice(0, 24)}`,
    JWT: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${A.slice(0, 20)}`,
  };
  /** Shapes that end where a letter or digit would go on: what follows them is punctuation. */
  const BOUNDED: Record<string, string> = {
    'GitHub classic': `ghp_${A.slice(0, 36)}`,
    'AWS key id': 'AKIAIOSFODNN7EXAMPL2',
    npm: `npm_${A.slice(0, 36)}`,
    'Hugging Face': `hf_${A.slice(0, 34)}`,
  };
  const CONTEXTS: Array<[string, (value: string) => string]> = [
    ['quoted', (value) => `"${value}"`],
    ['in prose', (value) => `value ${value} here`],
  ];
  const GOES_ON = ['B', '9', '_x', 'Bq', '!B', '$B', '%B', '*B', '^B', '~B', '+B', 'é'];
  const PUNCTUATION = ['!B', '$B', '%B', '*B', '^B', '~B', '+B', '!'];
  const ENDS = ['.B', '-B', '/B', ':B', '=B', '#B', '&B', ',B', ';B', '?B', '|B', '@'];

  type Row = [name: string, suffix: string, where: string, put: (value: string) => string, token: string];
  const rows = (tokens: Record<string, string>, suffixes: readonly string[]): Row[] =>
    Object.entries(tokens).flatMap(([name, token]) =>
      suffixes.flatMap((suffix) => CONTEXTS.map(([where, put]): Row => [name, suffix, where, put, token])),
    );

  test.each(rows(OPEN_ENDED, GOES_ON))('%s then %j, %s: blanked whole', (_, suffix, __, put, token) => {
    expect(redact(put(`${token}${suffix}`))).toBe(put('<redacted>'));
    expect(redactMessage(put(`${token}${suffix}`), [])).not.toContain(suffix);
  });

  test.each(rows(BOUNDED, PUNCTUATION))('%s then %j, %s: blanked whole', (_, suffix, __, put, token) => {
    expect(redact(put(`${token}${suffix}`))).toBe(put('<redacted>'));
  });

  // The other side: a delimiter ends the value, and what follows it is the text's, not the secret's.
  test.each(rows({ ...OPEN_ENDED, ...BOUNDED }, ENDS).filter(([name, suffix]) => !(name === 'JWT' && suffix === '-B')))(
    '%s then %j, %s: the delimiter and what follows stay',
    (_, suffix, __, put, token) => {
      expect(redact(put(`${token}${suffix}`))).toBe(put(`<redacted>${suffix}`));
    },
  );

  // A secret the run found, shown as the head of a longer value: the value is blanked to its end.
  test.each<[string, string, string, string]>([
    ['a letter after it, quoted', 'hunter2Zq', '"hunter2Zq9B"', '"<redacted>"'],
    ['punctuation then letters', 'hunter2Zq', 'x hunter2Zq!B y', 'x <redacted> y'],
    ['a password ending in punctuation, then a letter', 'S3cr3t!x', '"S3cr3t!xB"', '"<redacted>"'],
    ['a non-Latin letter', 'hunter2Zq', 'a hunter2Zqé b', 'a <redacted> b'],
    ['a file name: the extension stays', 'hunter2Zq', 'x hunter2Zq.yaml', 'x <redacted>.yaml'],
    ['a name joined by a dash stays', 'Zq9pW7vLm2', 'id Zq9pW7vLm2-kube-vip', 'id <redacted>-kube-vip'],
    ['a path: the next segment stays', 'hunter2Zq', 'dist/hunter2Zq/x', 'dist/<redacted>/x'],
    ['a key path: the next key stays', 'hunter2Zq', 'env.hunter2Zq.value', 'env.<redacted>.value'],
  ])('a listed secret, %s', (_, secret, message, expected) => {
    expect(redactMessage(message, [secret])).toBe(expected);
  });

  test('linear: 100 kB of one value after a blank, and 2,000 spans in 100 kB', () => {
    const run = 'B'.repeat(100_000);
    let start = process.cpuUsage();
    expect(valueEnd(`ab${run}`, 1)).toBe(100_002);
    expect(replaceSpans(`x${run}`, [[0, 1]])).toBe('<redacted>');
    const text = 'ab '.repeat(34_000);
    const spans = Array.from({ length: 2000 }, (_, i): [number, number] => [i * 51, i * 51 + 1]);
    expect(replaceSpans(text, spans)).not.toMatch(/<redacted>b/);
    expect(cpuMillisSince(start)).toBeLessThan(6000);
    start = process.cpuUsage();
    expect(redact(`x hunter2Zq${run} y`, ['hunter2Zq'])).toBe('x <redacted> y');
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
