import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../src/check';
import { secretsInComments } from '../src/core/secrets';
import { wiring } from '../src/main';
import { secretsInFiles } from '../src/output/secret-gate';
import { runSynth } from '../src/synth';
import {
  DEV_YAML,
  EXAMPLES_DIR,
  FIXTURE_CONFIG_DIR,
  installCluster,
  recordAsSynthesized,
  synthesizedReference,
  synthFiles,
} from './helpers';

/**
 * Attack round 16a, the last gate and the diff of a hand-edited dist/: A16a-04 (a diff printed the head of a value
 * after a secret-named key, `db_password: abc: x`), A16a-05 (k3s:install's gate printed key paths that the lenient
 * read of such a line made of the secret, one error per key after it) and A16a-06 (the gate did not read comments,
 * which the diff's redaction reads as lines: `kind: Ingress # password: abc` was installed into K3s' folder).
 */

const S = 'SEKRIT';
const TELLTALE = /SEKRIT/;

/** A copy of the reference dist/ with `file` edited by `edit`, its digest refreshed as a synth would leave it. */
function editedDist(file: string, edit: (text: string) => string, refresh = true): string {
  const dist = join(mkdtempSync(join(tmpdir(), 'k3s-vip-attack16-')), 'dist');
  cpSync(synthesizedReference(), dist, { recursive: true });
  const path = join(dist, 'dev', file);
  const text = readFileSync(path, 'utf8');
  const edited = edit(text);
  expect(edited).not.toBe(text);
  writeFileSync(path, edited);
  if (refresh) recordAsSynthesized(dist);
  return dist;
}

/** `k3s:install` of `dist` into a fresh folder: its exit code, its lines and what the folder holds afterwards. */
function install(dist: string) {
  const target = join(mkdtempSync(join(tmpdir(), 'k3s-vip-attack16-k3s-')), 'manifests');
  mkdirSync(target);
  const { code, lines } = installCluster(dist, target);
  return { code, out: lines.join('\n'), installed: readdirSync(target) };
}

/** A line after `kind: Ingress` of ingresses.yaml. */
const afterKind = (line: string) => (text: string) => text.replace(/^kind: Ingress\n/m, `kind: Ingress\n${line}\n`);

describe('A16a-04: a diff redacts the whole value after a secret-named key, whatever it holds', () => {
  const diffs = (line: string) => {
    const dist = editedDist('ingresses.yaml', afterKind(line), false);
    const check: string[] = [];
    expect(runCheck(FIXTURE_CONFIG_DIR, dist, (l) => check.push(l))).toBe(1);
    const dryRun: string[] = [];
    const log = (l: string) => dryRun.push(l);
    expect(runSynth({ configDir: FIXTURE_CONFIG_DIR, distDir: dist, wiring, dryRun: true, log, out: log })).toBe(0);
    return { check: check.join('\n'), dryRun: dryRun.join('\n') };
  };

  test.each<[string, string]>([
    [`db_password: ${S}17: x`, '- db_password: <redacted>'],
    [`token: ${S}12: x`, '- token: <redacted>'],
    [`a: {password: ${S}20: x}`, '- a: {password: <redacted>}'],
    [`password: "${S}21": x`, '- password: <redacted>'],
    [`api_key: {${S}8: x}: y`, '- api_key: <redacted>'],
    [`db_password: ${S}15: x # note`, '- db_password: <redacted>'],
    // The control: a value alone was redacted before too.
    [`db_password: ${S}16`, '- db_password: <redacted>'],
  ])('%s', (line, shown) => {
    const { check, dryRun } = diffs(line);
    expect(check.split('\n')).toContain(shown);
    expect(check).not.toMatch(TELLTALE);
    expect(dryRun.split('\n')).toContain(`-${shown.slice(2)}`);
    expect(dryRun).not.toMatch(TELLTALE);
  });

  test('control: a line without a secret is shown as written', () => {
    expect(diffs('note: keep: this').check.split('\n')).toContain('- note: keep: this');
  });
});

describe('A16a-05: the gate names no key the lenient read made of a secret, and gives one error per bad line', () => {
  test.each<[string, string, (text: string) => string, string]>([
    ['a value after a secret key', 'ingresses.yaml', afterKind(`db_password: ${S}9: x`), 'db_password'],
    ['a flow key after a secret key', 'ingresses.yaml', afterKind(`api_key: {${S}8: x}: y`), 'api_key'],
    [
      'a line of the chart values',
      'traefik-config.yaml',
      (text) => text.replace(/^( +)valuesContent: \|\n/m, (whole, lead: string) => `${whole}${lead}  password: ${S}4: x\n`),
      'spec.valuesContent.password',
    ],
  ])('%s', (_, file, edit, path) => {
    const { code, out, installed } = install(editedDist(file, edit));
    expect(code).toBe(1);
    expect(out).not.toMatch(TELLTALE);
    expect(installed).toEqual([]);
    const errors = out.split('\n').filter((line) => line.includes('no secret may be installed'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`dev/${file}: ${path} holds a value under a key named like a secret`);
  });

  test("a key of a Secret's data read leniently from a line that holds the secret is redacted", () => {
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: default\nstringData: ${S}5: x\n`;
    const found = secretsInFiles(new Map([['c/s.yaml', text]])).join('\n');
    expect(found).toMatch(/^c\/s\.yaml: /);
    expect(found).not.toMatch(TELLTALE);
  });

  test('control: a clean secret key keeps its path', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: default\ndata:\n  db_password: abc\n';
    expect(secretsInFiles(new Map([['c/c.yaml', text]]))).toEqual([
      'c/c.yaml: data.db_password holds a value under a key named like a secret',
    ]);
  });
});

describe('A16a-06: the gate reads comments as lines, as the diff redaction does', () => {
  test.each<[string, string, (text: string) => string]>([
    ['a comment after a value', 'ingresses.yaml', (text) => text.replace(/^kind: Ingress$/m, `kind: Ingress # password: ${S}10`)],
    ['a whole-line comment', 'kube-vip.yaml', (text) => text.replace(/^kind: /m, `# db_password: ${S}2\nkind: `)],
    ['an indented comment', 'ingresses.yaml', (text) => text.replace(/^metadata:\n/m, `metadata:\n  # api_key: "${S}3"\n`)],
    ['a comment inside a comment', 'ingresses.yaml', (text) => text.replace(/^kind: Ingress$/m, `kind: Ingress # note # token: ${S}6`)],
    [
      'a comment in the chart values',
      'traefik-config.yaml',
      (text) => text.replace(/^( +)valuesContent: \|\n/m, (whole, lead: string) => `${whole}${lead}  # password: ${S}7\n`),
    ],
  ])('%s is refused by k3s:install, which installs nothing', (_, file, edit) => {
    const { code, out, installed } = install(editedDist(file, edit));
    expect(code).toBe(1);
    // At the comment's line since 58a-18.
    expect(out).toMatch(
      new RegExp(`dev/${file.replace('.', '\\.')}:\\d+: holds a value under a key named like a secret \\(in a comment\\)`),
    );
    expect(out).not.toMatch(TELLTALE);
    expect(installed).toEqual([]);
  });

  test('control: a comment without a secret is installed', () => {
    const { code, out } = install(
      editedDist('ingresses.yaml', (text) => text.replace(/^kind: Ingress$/m, 'kind: Ingress # keep: this note')),
    );
    expect(out).not.toContain('no secret may be installed');
    expect(code).toBe(0);
  });

  test('synth refuses the same comment in a file it would write', () => {
    const files = new Map([['c/x.yaml', `apiVersion: v1\nkind: ConfigMap # token: ${S}11\nmetadata:\n  name: x\n`]]);
    expect(secretsInFiles(files)).toEqual(['c/x.yaml:2: holds a value under a key named like a secret (in a comment)']);
  });

  // The comments synth writes itself (headers, the K3s config notes) must never trip the gate.
  test('a fresh synth of the reference config and of every shipped example passes the gate, comments included', () => {
    const configs = [
      ['dev', DEV_YAML],
      ...readdirSync(EXAMPLES_DIR)
        .filter((name) => name.endsWith('.yaml'))
        .map((name) => [name.replace(/\.yaml$/, ''), readFileSync(join(EXAMPLES_DIR, name), 'utf8')]),
    ];
    expect(configs.length).toBeGreaterThan(5);
    for (const [name, text] of configs) {
      const files = synthFiles(text, name);
      expect([...files.values()].some((file) => file.includes('# '))).toBe(true);
      expect(secretsInFiles(files)).toEqual([]);
      expect([...files.values()].flatMap(secretsInComments)).toEqual([]);
    }
  });
});
