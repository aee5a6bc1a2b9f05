// @jest-own-suite: its time goes to child processes (scripts/test-suites.js).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../src/check';
import { parseConfigText } from '../src/config/load';
import { readYaml } from '../src/config/yaml-input';
import { yaml, yamlPackage } from '../src/core/yaml';
import { yamlNames } from '../src/core/yaml-names';
import { kustomizationResources, objectsOf } from '../src/k3s/install-plan';
import { wiring } from '../src/main';
import { secretsInFiles } from '../src/output/secret-gate';
import { runSynth } from '../src/synth';
import { formatViolation, validateManifests } from '../src/validate/conformance';
import { show } from '../src/validate/paths';
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
 * Attack round 17a, YAML's own channels: F1 (a collection key made the yaml package print a Node warning quoting
 * the key, secrets and all, on stderr), F6 (a `!!binary` value was shown decoded by validate and as base64 in a
 * diff) and F8 (a tag, anchor or alias name holding a secret was shown in a diff and passed k3s:install's gate).
 */

const S = 'SEKRIT';
const TELLTALE = /SEKRIT|hunter2/;
const ROOT = join(__dirname, '..');

/** The process warnings `run` makes (none reach stderr: emitWarning is stubbed). */
function warningsOf(run: () => unknown): string[] {
  const spy = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  try {
    try {
      run();
    } catch {
      // A refusal by a throw is fine: only the warnings are judged.
    }
    return spy.mock.calls.map((call) => String(call[0]));
  } finally {
    spy.mockRestore();
  }
}

const COLLECTION_KEY = `? {password: hunter2${S}}\n: x\n`;
const MANIFEST_WITH_COLLECTION_KEY = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  ? [token, "${S}AAAA"]\n  : y\n`;

describe('F1: no yaml package warning ever reaches stderr', () => {
  test('control: the package itself warns, quoting the key (so the cases below can fail)', () => {
    expect(warningsOf(() => yamlPackage.parseDocument(COLLECTION_KEY).toJS()).join('\n')).toMatch(TELLTALE);
    expect(warningsOf(() => yamlPackage.parse('a: !password=hunter2 z\n')).join('\n')).toMatch(TELLTALE);
  });

  test.each<[string, () => unknown]>([
    ['parseDocument().toJS()', () => yaml.parseDocument(COLLECTION_KEY).toJS()],
    ['parseDocument() with options', () => yaml.parseDocument(COLLECTION_KEY, { uniqueKeys: false, logLevel: 'warn' }).toJS()],
    ['parseAllDocuments().toJS()', () => yaml.parseAllDocuments(`a: 1\n---\n${COLLECTION_KEY}`).map((doc) => doc.toJS())],
    ['parse()', () => yaml.parse(COLLECTION_KEY)],
    ['parse() with a reviver', () => yaml.parse(COLLECTION_KEY, (_key: unknown, value: unknown) => value)],
    ['parse() of an unresolved tag (a document warning)', () => yaml.parse('a: !password=hunter2 z\n')],
    [
      'new Composer()',
      () => [...new yaml.Composer({ uniqueKeys: true }).compose(new yaml.Parser().parse(COLLECTION_KEY))].map((doc) => doc.toJS()),
    ],
    ['new Document(value)', () => new yaml.Document({ a: 1 }).toJS()],
    ['the config front door (readYaml)', () => readYaml(COLLECTION_KEY, new Set(['x']))],
    [
      'a config file (parseConfigText)',
      () =>
        parseConfigText('c1.yaml', DEV_YAML.replace(/^(traefik:\n)/m, `$1  values:\n    ${COLLECTION_KEY.replace('\n: x', '\n    : x')}`)),
    ],
    ['a top-level collection key in a config', () => parseConfigText('c1.yaml', `? [token, "s3cr3t${S}"]\n: x\n${DEV_YAML}`)],
    ['k3s:install reading a manifest (objectsOf)', () => objectsOf(MANIFEST_WITH_COLLECTION_KEY)],
    ['k3s:install reading a kustomization', () => kustomizationResources('k.yaml', `resources: [a.yaml]\n${COLLECTION_KEY}`)],
    ['the gate', () => secretsInFiles(new Map([['c/x.yaml', MANIFEST_WITH_COLLECTION_KEY]]))],
  ])('%s', (_, run) => {
    expect(warningsOf(run)).toEqual([]);
  });

  test('errors still throw and stay on the document: the level is `error`, not `silent`', () => {
    expect(() => yaml.parse('a: [\n')).toThrow();
    expect(yaml.parseDocument('a: 1\n---\nb: 2\n').errors.map((e) => e.code)).toContain('MULTIPLE_DOCS');
    expect(yaml.parseDocument('a: !nope x\n').warnings.length).toBeGreaterThan(0);
    expect(yaml.parseDocument('a: 1', { logLevel: 'silent' }).options.logLevel).toBe('silent');
    expect(new yaml.Document({ a: 1 }) instanceof yaml.Document).toBe(true);
  });

  test('the app on such a config prints only its own refusal, no warning', () => {
    const config = mkdtempSync(join(tmpdir(), 'k3s-vip-attack17-cfg-'));
    writeFileSync(join(config, 'c1.yaml'), DEV_YAML.replace(/^(traefik:\n)/m, `$1  values:\n    ? {password: hunter2${S}}\n    : x\n`));
    const dist = join(mkdtempSync(join(tmpdir(), 'k3s-vip-attack17-dist-')), 'dist');
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'app.js')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, K3S_VIP_CONFIG_DIR: config, K3S_VIP_DIST_DIR: dist },
    });
    expect(run.status).toBe(1);
    expect(run.stderr + run.stdout).toContain('a key must be a plain name');
    expect(run.stderr + run.stdout).not.toMatch(/Warning|SEKRIT|hunter2/);
  });
});

/** A copy of the reference dist/ with a ConfigMap appended to ingresses.yaml, its digest refreshed when `refresh`. */
function distWith(lines: string, refresh: boolean): string {
  const dist = join(mkdtempSync(join(tmpdir(), 'k3s-vip-attack17-')), 'dist');
  cpSync(synthesizedReference(), dist, { recursive: true });
  const path = join(dist, 'dev', 'ingresses.yaml');
  writeFileSync(path, `${readFileSync(path, 'utf8')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n${lines}\n`);
  if (refresh) recordAsSynthesized(dist);
  return dist;
}

/** What `check` and `--dry-run` print for dist/ edited with `lines`. */
function diffsOf(lines: string): string[] {
  const dist = distWith(lines, false);
  const check: string[] = [];
  expect(runCheck(FIXTURE_CONFIG_DIR, dist, (l) => check.push(l))).toBe(1);
  const dryRun: string[] = [];
  const log = (l: string) => dryRun.push(l);
  expect(runSynth({ configDir: FIXTURE_CONFIG_DIR, distDir: dist, wiring, dryRun: true, log, out: log })).toBe(0);
  return [check.join('\n'), dryRun.join('\n')];
}

const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('F6: a !!binary value is judged as the text it decodes to, and never shown decoded', () => {
  test.each<[string, unknown, string]>([
    ['a Buffer', Buffer.from('token=Zq7x'), '(binary data, 10 bytes, not shown)'],
    ['a Uint8Array', new Uint8Array([112, 61, 49]), '(binary data, 3 bytes, not shown)'],
    ['a Buffer inside a value', { e: Buffer.from('password=hunter2') }, '{"e":"(binary data, 16 bytes, not shown)"}'],
    ['a Buffer in a list', [Buffer.from('')], '["(binary data, 0 bytes, not shown)"]'],
    ['control: a string', 'plain', '"plain"'],
    ['control: an object', { a: [1] }, '{"a":[1]}'],
  ])('show() of %s', (_, value, shown) => {
    expect(show(value)).toBe(shown);
  });

  test('validate describes a binary value of a hand-edited manifest', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: default\ndata: {e: !!binary ${base64('token=Zq7x')}}\n`;
    const lines = validateManifests(new Map([['dev/x.yaml', text]]))
      .map(formatViolation)
      .join('\n');
    expect(lines).toContain('data.e is (binary data, 10 bytes, not shown)');
    expect(lines).not.toMatch(/Buffer|116,111|Zq7x|dG9r/);
  });

  test.each<[string, string]>([
    ['an assignment', 'token=Zq7x'],
    ['a key set', `password: hunter2${S}`],
    ['a URL with credentials', `https://u:${S}pw@example.com/`],
  ])('a diff blanks a binary scalar holding %s', (_, secret) => {
    for (const out of diffsOf(`data: {e: !!binary ${base64(secret)}}`)) {
      expect(out).toContain('data: {e: !!binary <redacted>}');
      expect(out).not.toContain(base64(secret));
    }
  });

  test('control: a binary scalar without a secret is shown as written', () => {
    for (const out of diffsOf(`binaryData: {e: !!binary ${base64('hello world')}}`)) {
      expect(out).toContain(`binaryData: {e: !!binary ${base64('hello world')}}`);
    }
  });
});

describe('F8: a tag, anchor or alias name holding a secret', () => {
  test('yamlNames reads every tag, anchor and alias with its place', () => {
    const text = 'a: &x !t [1]\nb: *x\nc: !!binary aGk=\n';
    expect(yamlNames(text).map(({ type, source, offset }) => [type, source, text.slice(offset, offset + source.length)])).toEqual([
      ['anchor', '&x', '&x'],
      ['tag', '!t', '!t'],
      ['alias', '*x', '*x'],
      ['tag', '!!binary', '!!binary'],
    ]);
  });

  test.each<[string, string, readonly string[]]>([
    ['a tag', `data:\n  u: !password=hunter2${S}c z`, ['  u: <redacted> z']],
    [
      'an anchor and its alias',
      `  labels: &token=hunter2${S}a {a: b}\n  annotations: *token=hunter2${S}a`,
      ['  labels: <redacted> {a: b}', '  annotations: <redacted>'],
    ],
    ['a tag on a key', `data:\n  !db_password=hunter2${S}k k: v`, ['  <redacted> k: v']],
    ['an anchor in a flow mapping', `data: {a: &api_key=${S}77 v, b: *api_key=${S}77}`, ['data: {a: <redacted> v, b: <redacted>}']],
  ])('%s is blanked in check and --dry-run diffs', (_, lines, shown) => {
    for (const out of diffsOf(lines)) {
      expect(out).not.toMatch(TELLTALE);
      for (const line of shown) expect(out).toContain(line);
    }
  });

  test('control: plain tag, anchor and alias names are shown as written', () => {
    for (const out of diffsOf('  labels: &common {a: b}\n  annotations: *common\ndata: {e: !note z}')) {
      expect(out).toContain('labels: &common {a: b}');
      expect(out).toContain('annotations: *common');
      expect(out).toContain('data: {e: !note z}');
    }
  });

  test.each<[string, string, string]>([
    ['a tag', `data:\n  u: !password=hunter2${S}c z`, 'tag'],
    // `&token=…` is refused already as a URL's query holding a credential: a name with `:` is not.
    ['an anchor and its alias', `  labels: &password:hunter2${S}a {a: b}\n  annotations: *password:hunter2${S}a`, 'anchor, alias'],
    ['a tag on a key', `data:\n  !db_password=hunter2${S}k k: v`, 'tag'],
  ])('k3s:install refuses %s holding a secret, and installs nothing', (_, lines, kinds) => {
    const target = join(mkdtempSync(join(tmpdir(), 'k3s-vip-attack17-k3s-')), 'manifests');
    mkdirSync(target);
    const { code, lines: out } = installCluster(distWith(lines, true), target);
    expect(code).toBe(1);
    expect(out.join('\n')).toContain(`dev/ingresses.yaml: holds a secret in a YAML ${kinds} name`);
    expect(out.join('\n')).not.toMatch(TELLTALE);
    expect(readdirSync(target)).toEqual([]);
  });

  test('the gate names the file, never the value; control: plain names pass', () => {
    const manifest = (extra: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: default\n${extra}\n`;
    expect(secretsInFiles(new Map([['c/x.yaml', manifest(`data: {u: !secret_key=${S}99 z}`)]]))).toEqual([
      'c/x.yaml: holds a secret in a YAML tag name',
    ]);
    expect(secretsInFiles(new Map([['c/x.yaml', manifest('data: {u: !note z, v: &a b, w: *a}')]]))).toEqual([]);
    // A text file is read line by line, not as YAML.
    expect(secretsInFiles(new Map([['c/README.md', 'See *the docs* & !notes.\n']]))).toEqual([]);
  });

  test('a fresh synth of the reference config and of every shipped example writes no tag, anchor or alias name the gate refuses', () => {
    const configs = [
      DEV_YAML,
      ...readdirSync(EXAMPLES_DIR)
        .filter((n) => n.endsWith('.yaml'))
        .map((n) => readFileSync(join(EXAMPLES_DIR, n), 'utf8')),
    ];
    configs.forEach((text, i) => {
      const files = synthFiles(text, `c${i}`);
      expect(secretsInFiles(files)).toEqual([]);
      for (const [path, file] of files)
        if (/\.ya?ml$/.test(path)) expect(yamlNames(file).filter(({ source }) => source !== '!!binary')).toEqual([]);
    });
  });
});
