import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { snapshot } from '../src/core/snapshot';
import { DEV_YAML, valuesDoors } from './helpers';

// Round 85 messages: a parse error in an extraObjects `|` text at its own line (85a-5), host port 2112's fix (85a-6),
// the runAsNonRoot fix named as a key path (85a-7), a secret under a prefixed key in another language said by the input
// check beside the other problems (85b-1), a top-level key written twice said alone, not judged on its last block (85b-6).

const judged = (text: string) => {
  const { errors, warnings } = parseConfigText('config/t.yaml', text);
  return { errors: errors.map(formatDiagnostic), warnings: warnings.map(formatDiagnostic) };
};
/** `config/dev.yaml` with `lines` under `traefik:`, after `redirectToHttps: true` (`lines` from line 12). */
const inTraefik = (lines: string) => DEV_YAML.replace('  redirectToHttps: true\n', `  redirectToHttps: true\n${lines}`);
const SECRET = 'Xy7fQ2mZ8kLp3RtV9wBnQ4';
const ITEM = 'traefik.values.extraObjects[0]';
const BAD_TEXT = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: d, namespace: default}', 'data: {a: b: c}'];

// [name, file, parts each found in exactly one error line, parts in no line, how many error lines, how many warning lines (null: not counted)]
const rows: Array<[string, string, string[], string[], number, number | null]> = [
  [
    '85a-5 a syntax error in a `- |` text: at its own file line:column',
    inTraefik(`  values:\n    extraObjects:\n      - |\n${BAD_TEXT.map((l) => `        ${l}\n`).join('')}`),
    [`config/t.yaml:18:19: ${ITEM}: is text that does not parse cleanly as YAML (a syntax error`],
    ['t.yaml:14:'],
    1,
    null,
  ],
  [
    '85a-5 (neighbour) the same under `|2-` with a comment on the header line: still at its own line',
    inTraefik(`  values:\n    extraObjects:\n      - |2- # the map\n${BAD_TEXT.map((l) => `        ${l}\n`).join('')}`),
    [`config/t.yaml:18:19: ${ITEM}: is text that does not parse cleanly`],
    [],
    1,
    null,
  ],
  [
    '85a-5 (neighbour) a one-line quoted text with escapes: at the item, its own line and column named',
    inTraefik(`  values:\n    extraObjects:\n      - ${JSON.stringify(BAD_TEXT.join('\n'))}\n`),
    [`config/t.yaml:14:9: ${ITEM}: is text that does not parse cleanly as YAML (a syntax error, at line 4, column 11)`],
    [],
    1,
    null,
  ],
  [
    '85a-5 (neighbour) the clean text passes',
    inTraefik(
      `  values:\n    extraObjects:\n      - |\n${[...BAD_TEXT.slice(0, 3), 'data: {a: b}'].map((l) => `        ${l}\n`).join('')}`,
    ),
    [],
    [],
    0,
    null,
  ],
  [
    '85b-6 a second `traefik:` block at the end: the duplicate alone, nothing judged on the second block only',
    `${DEV_YAML}traefik:\n  replicas: 2\n`,
    ['t.yaml:34:1: traefik: is set twice (first on line 9): keep one'],
    ['certResolver', 'loadBalancerIPs', 'redirectToHttps'],
    1,
    0,
  ],
  [
    '85b-6 (neighbour) a problem that holds with either block is still said beside it',
    `${DEV_YAML.replace('    port: 80\n', '    port: 70000\n')}traefik:\n  replicas: 2\n`,
    ['traefik: is set twice (first on line 9): keep one', 't.yaml:20:11: ingresses[0].port: 70000 is too big'],
    ['certResolver', 'loadBalancerIPs'],
    2,
    null,
  ],
  [
    '85b-6 (neighbour) both blocks lack the VIP: said, as it holds whichever is kept',
    `${DEV_YAML.replace('  loadBalancerIPs: [192.168.0.41]\n', '')}traefik:\n  replicas: 2\n`,
    ['traefik: is set twice', 'traefik.loadBalancerIPs: is missing'],
    [],
    2,
    null,
  ],
  [
    '85b-6 a nested key written twice (redirectToHttps true, then false): the duplicate alone, no warning from the second',
    inTraefik('  redirectToHttps: false\n'),
    ['t.yaml:12:3: traefik.redirectToHttps: is set twice (first on line 11): keep one'],
    ['HTTPS only'],
    1,
    0,
  ],
  [
    '85b-6 (neighbour) the same key written once passes',
    `${DEV_YAML.replace('  redirectToHttps: true\n', '  redirectToHttps: true\n  replicas: 2\n')}`,
    [],
    [],
    0,
    null,
  ],
];

describe('85a-5, 85b-6: each problem at its own place, said once, with a fix that fixes it', () => {
  test.each(rows)('%s', (_, text, said, unsaid, count, warningCount) => {
    const { errors, warnings } = judged(text);
    for (const part of said) expect(errors.filter((line) => line.includes(part))).toHaveLength(1);
    for (const part of unsaid) expect([...errors, ...warnings].join('\n')).not.toContain(part);
    expect(errors).toHaveLength(count);
    if (warningCount !== null) expect(warnings).toHaveLength(warningCount);
  });

  test("85a-5 through construct props: the text's own line and column are named (there is no file)", () => {
    const { problems } = snapshot({ extraObjects: [BAD_TEXT.join('\n')] }, ['traefik', 'values']);
    expect(problems.map((p) => p.message)).toEqual([
      'is text that does not parse cleanly as YAML (a syntax error, at line 4, column 11), so what object it makes cannot be judged: write it literally as a map',
    ]);
  });
});

const sidecar = (more: object) => ({
  deployment: { additionalContainers: [{ name: 's', image: 'busybox:1.36', command: ['sleep', 'infinity'], ...more }] },
});

describe('85a-6: host port 2112 (kube-vip metrics) is refused with what to write, at every door', () => {
  const values = sidecar({ ports: [{ containerPort: 8443, hostPort: 2112 }] });
  test.each(['config', 'cluster', 'chart'] as const)('%s', (door) => {
    expect(valuesDoors[door](values)).toMatch(/opens host port 2112, which is kube-vip's metrics port .*: pick another port/);
  });
});

describe("85a-7: the runAsNonRoot fix names the key as a path, with the reader's prefix", () => {
  const SIDE = 'deployment.additionalContainers[0].securityContext.runAsNonRoot: false';
  test.each([
    ['config', `set traefik.values.${SIDE} to run it as root`],
    ['cluster', `set traefik.values.${SIDE} to run it as root`],
    ['chart', `set values.${SIDE} to run it as root`],
  ] as const)('a sidecar with runAsUser 0: %s', (door, fix) => {
    const said = valuesDoors[door](sidecar({ securityContext: { runAsUser: 0 } }));
    expect(said).toContain(fix);
    expect(said).toContain("whose runAsNonRoot is true (the chart's default podSecurityContext)");
    expect(said).not.toContain('additionalContainers.0');
  });
  test("Traefik's own container with runAsUser 0: its securityContext named from the prefix", () => {
    const said = valuesDoors.config({ securityContext: { runAsUser: 0 } });
    expect(said).toContain('set traefik.values.securityContext.runAsNonRoot: false to run it as root');
  });
  test('runAsNonRoot from a given podSecurityContext: named as a key path', () => {
    const said = valuesDoors.chart({ podSecurityContext: { runAsNonRoot: true }, securityContext: { runAsUser: 0 } });
    expect(said).toContain('whose runAsNonRoot is true (values.podSecurityContext.runAsNonRoot)');
  });
});

describe('85b-1: a secret under a prefixed key in another language is said by the input check, beside the other problems', () => {
  const withAnnotation = (key: string, value: string, port = 70000) =>
    DEV_YAML.replace('    port: 80\n', `    port: ${port}\n`).replace(
      '  redirectToHttps: true\n',
      `  redirectToHttps: true\n  values: {deployment: {podAnnotations: {${JSON.stringify(key)}: ${value}}}}\n`,
    );
  test.each([
    'passwort',
    'kennwort',
    'mot_de_passe',
    'mot-de-passe',
    'contrasena',
    'wachtwoord',
    'senha',
    'haslo',
    'parola',
    'schluessel',
    'db-kennwort',
    'kennwort-db',
    'losenord',
  ])('example.com/%s: two errors in one run, the secret not shown', (word) => {
    const key = `example.com/${word}`;
    const { errors } = judged(withAnnotation(key, SECRET));
    expect(errors).toHaveLength(2);
    expect(errors.join('\n')).toContain('ingresses[0].port: 70000 is too big');
    const line = errors.find((error) => error.includes('podAnnotations'))!;
    expect(line).toContain(`traefik.values.deployment.podAnnotations[${JSON.stringify(key)}]`);
    expect(line).not.toContain('goes into');
    expect(line).not.toContain('prose');
    expect(errors.join('\n')).not.toContain(SECRET);
  });
  test('through the constructs too', () => {
    const values = { deployment: { podAnnotations: { 'example.com/passwort': SECRET } } };
    for (const door of ['cluster', 'chart'] as const) {
      const said = valuesDoors[door](values);
      expect(said).toContain('podAnnotations["example.com/passwort"]');
      expect(said).not.toContain(SECRET);
    }
  });
  test.each([
    ['example.com/parole', 'granted'],
    ['example.com/passwort-datei', '/etc/traefik/pw'],
    ['checksum/secret', '4f2b9c1d7e3a5f6b8c0d2e4f6a8b0c1d3e5f7a9b1c3d5e7f9a1b3c5d7e9f1a2b'],
    ['vault.hashicorp.com/agent-inject-secret-db', 'database/creds/app'],
    ['app.kubernetes.io/name', 'traefik'],
    ['example.com/schluessel-id', 'abc'],
    ['example.com/api', 'v2'],
  ])('(neighbour) %s: %s passes', (key, value) => {
    expect(judged(withAnnotation(key, value, 80)).errors).toEqual([]);
  });
});
