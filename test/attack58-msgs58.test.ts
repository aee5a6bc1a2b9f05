import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic, loadConfigDir, parseConfigText } from '../src/config/load';
import { newCluster } from '../src/new-cluster';
import { secretsInFiles } from '../src/output/secret-gate';

/** Round 58a findings 11, 18, 19, 20: `new` refuses what synth refuses; every secret is named at its line, never shown. */

const BASE = [
  'kubeVip:',
  '  version: v1.2.3',
  '  interface: eth0',
  '  controlPlane:',
  '    address: 192.168.0.40',
  'traefik:',
  '  loadBalancerIPs: [192.168.0.41]',
  '  redirectToHttps: true',
  '',
].join('\n');

let root: string;
beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'msgs58-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** `npm run new -- <name> --from src` over a folder holding src.yaml = `source`. */
const runNew = (name: string, source = BASE) => {
  writeFileSync(join(root, 'src.yaml'), source);
  const lines: string[] = [];
  const code = newCluster([name, '--from', 'src'], {
    configDir: root,
    schemaFile: join(root, 'config.schema.json'),
    log: (l) => lines.push(l),
  });
  return { code, text: lines.join('\n'), written: readdirSync(root).filter((f) => f !== 'src.yaml') };
};

describe('58a-11: `new` refuses a cluster name the loader refuses, with the same check, never showing it', () => {
  test.each([
    ['pw-zq8vx3kp9mwtc6', 'zq8vx3kp9mwtc6'],
    ['token-zq8vx3kp9mwtc7', 'zq8vx3kp9mwtc7'],
    ['password-zq8vlmp3xr7tyw9', 'zq8vlmp3xr7tyw9'],
  ])('%s: refused by new as by the loader; nothing written; not shown', (name, secret) => {
    const { code, text, written } = runNew(name);
    expect(code).toBe(1);
    expect(written).toEqual([]);
    expect(text).toContain('<name>.yaml');
    expect(text).toContain('looks like a secret');
    expect(text).toContain('pick another name');
    expect(text).not.toContain(secret);
    // The loader's verdict on the same file name: refused too (the one shared check).
    const dir = mkdtempSync(join(tmpdir(), 'msgs58-load-'));
    writeFileSync(join(dir, `${name}.yaml`), BASE);
    expect(loadConfigDir(dir).errors.map(formatDiagnostic).join('\n')).toContain('looks like a secret');
    rmSync(dir, { recursive: true });
  });

  test.each(['dev', 'token-service', 'password-reset', 'prod-1', 'auth-proxy', 'ghp-zq8vx3kp9mwtc8'])(
    'control: %s is written by new and loaded by synth alike',
    (name) => {
      const { code, written } = runNew(name);
      expect(code).toBe(0);
      expect(written).toEqual([`${name}.yaml`]);
      rmSync(join(root, 'src.yaml'));
      expect(loadConfigDir(root).errors.map(formatDiagnostic)).toEqual([]);
    },
  );
});

describe('58a-19: `new --from` names every secret line at once, values and comments alike', () => {
  const source = [
    BASE.trimEnd(),
    '# DB_PASSWORD=Zq8vX3kP9mWtNF1', // line 9
    '# API_TOKEN=Zq8vX3kP9mWtNF2', // line 10
    'gitops:',
    '  engine: argocd',
    '  repoURL: https://u:Zq8vX3kP9mWtNF3@github.com/a/b.git', // line 13
    '',
  ].join('\n');
  test.each([
    [
      'comments and a value',
      source,
      ['src.yaml:9:1: ', 'line 9:', 'line 10:', 'src.yaml:13:12: gitops.repoURL: holds'],
      ['Kubernetes Secret', 'remove it from the file'],
    ],
    ['comments only', source.replace(/^gitops:[\s\S]*$/m, ''), ['src.yaml:9:1: ', 'line 9:', 'line 10:'], ['remove it from the file']],
    ['a value only', source.replace(/^# .*\n/gm, ''), ['src.yaml:11:12: gitops.repoURL: holds'], ['Kubernetes Secret']],
  ])('%s: every line named, nothing copied, no secret shown', (_, text, lines, fixes) => {
    const { code, text: out, written } = runNew('copy', text);
    expect(code).toBe(1);
    expect(written).toEqual([]);
    for (const line of [...lines, ...fixes]) expect(out).toContain(line);
    expect(out).not.toMatch(/Zq8vX3kP9mWtNF/);
  });

  test('control: a file without secrets is copied', () => {
    expect(runNew('copy', `${BASE}# a note: password rotation is monthly\n`).code).toBe(0);
  });
});

describe("58a-18: synth's gate (validate, check, synth) names every secret of a file at its line", () => {
  const manifest = [
    'apiVersion: v1', // 1
    'kind: ConfigMap', // 2
    'metadata:', // 3
    '  name: x', // 4
    '# DB_PASSWORD=Zq8vX3kP9mWtL1', // 5
    'data:', // 6
    '  a: b', // 7
    '# API_TOKEN=Zq8vX3kP9mWtL2', // 8
    '',
  ];
  test.each([
    ['two comment lines', manifest, ['c/x.yaml:5: holds', 'c/x.yaml:8: holds']],
    [
      'a comment and a vendor token',
      [...manifest, '# AKIAZQ2VX3KP7MWTL3QA'],
      ['c/x.yaml:5: holds', 'c/x.yaml:8: holds', 'c/x.yaml:10: holds an AWS access key ID (a vendor token'],
    ],
  ])('%s: one finding per line, each with file:line', (_, lines, expected) => {
    const found = secretsInFiles(new Map([['c/x.yaml', lines.join('\n')]]));
    expect(found).toEqual(expected.map((start) => expect.stringContaining(start)));
    expect(found.join('\n')).not.toMatch(/Zq8vX3kP9mWtL|AKIAZQ2/);
  });

  test('a README read line by line: each line named', () => {
    const found = secretsInFiles(new Map([['c/README.md', 'intro\npassword: Zq8vX3kP9mWtL7\ntext\ntoken: Zq8vX3kP9mWtL8\n']]));
    expect(found).toEqual([expect.stringContaining('c/README.md:2: holds'), expect.stringContaining('c/README.md:4: holds')]);
    expect(found.join('\n')).not.toContain('Zq8vX3kP9mWtL');
  });

  test('control: a clean manifest has no finding', () => {
    expect(secretsInFiles(new Map([['c/x.yaml', 'apiVersion: v1\nkind: ConfigMap\n# a note\nmetadata: {name: x}\n']]))).toEqual([]);
  });
});

describe('58a-20: an htdigest entry in a block is located at its own line, as an htpasswd entry is', () => {
  const block = (key: string, entries: string[]) =>
    [
      `${BASE}  values:`, // line 9
      '    extraObjects:',
      '      - apiVersion: v1',
      '        kind: ConfigMap',
      '        metadata: {name: ht, namespace: default}',
      '        data:',
      `          ${key}: |`, // line 15
      ...entries.map((entry) => `            ${entry}`), // from line 16
      '',
    ].join('\n');
  test.each([
    [
      'htdigest',
      'digest',
      ['alice:traefik:0123456789abcdef0123456789abcdef', 'carol:traefik:fedcba9876543210fedcba9876543210', 'bob:traefik:Zq8vX3kP9mWtH4'],
      18,
    ],
    ['htpasswd', 'ht', ['alice:$apr1$abcdefgh$0123456789abcdefghijkl', 'bob:Zq8vX3kP9mWtH4'], 17],
  ])('%s: the error stands at the entry line', (_, key, entries, line) => {
    const errors = parseConfigText('c.yaml', block(key, entries)).errors.map(formatDiagnostic);
    const error = errors.find((e) => e.includes(`data.${key}`));
    expect(error).toBeDefined();
    expect(error).toContain(`c.yaml:${line}:`);
    expect(errors.join('\n')).not.toContain('Zq8vX3kP9mWtH4');
  });
});
