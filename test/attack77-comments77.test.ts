/**
 * Attack round 77 (77a-1, 77a-11, 77a-12, 77a-13): a config's comments are read once, by one function, for synth and
 * `npm run new --from` alike (config/comment-secrets.ts); only real YAML comments are comments (a `#` line of a `|`
 * block is that value's text); a second YAML document no longer hides the first document's problems.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commentSecrets, secretComments } from '../src/config/comment-secrets';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { newCluster } from '../src/new-cluster';
import { MINIMAL_CONFIG_TEXT } from './helpers';
import { cpuMillisSince } from './cpu-time';

const K3S =
  'k3s:\n  tokenFile: /etc/rancher/k3s/cluster-token\n  servers:\n    - name: k3s-1\n      address: 192.168.0.11\n      interface: eth0\n';
const CONFIG = `${MINIMAL_CONFIG_TEXT}${K3S}`;

/** Comment lines refused (77a-11: a name before `pass`/`pw`; 77a-12: `NAME value` in a comment), each beside its nearest pass. */
const REFUSED: Array<[string, string]> = [
  ['db pass (77a-11)', '# db pass Xk93mQvR2zLq'],
  ['ilo pass (77a-11)', '# ilo pass Xk93mQvR2zLx'],
  ['vpn pw', '# vpn pw Xk93mQvR2zLv'],
  ['mysql pass with a colon', '# mysql pass: Xk93mQvR2zLm'],
  ['the value before its label', '# Xk93mQvR2zLq is the db pass'],
  ["a person's password", '# db pass Hunter2024!x'],
  ['db_pass NAME value (77a-12)', '# db_pass Xk93mQvR2zLt'],
  ['pass NAME value', '# pass Xk93mQvR2zLq'],
  ['control: admin pass', '# admin pass Xk93mQvR2zLs'],
  ['control: password is', '# the admin password is Xk93mQvR2zLr'],
];
const PASSED: Array<[string, string]> = [
  ['where it is kept', '# db pass is in the vault'],
  ['a rule', '# db pass rotated monthly'],
  ['bypass is no label', '# bypass Xk93mQvR2zLq'],
  ['a hex id', '# db pass 7f3a9c2e4b1d8f60'],
  ['pass-through', '# pass-through Xk93mQvR2zLq'],
  ["OpenVPN's auth file", '# use auth-user-pass auth.txt'],
  ['a reference', '# ilo pass: see KeePass'],
  ['a short word', '# ilo pass hunter22'],
  ["dev.yaml's prose", '# The nodes, in bootstrap order: k3s-1 initialises the cluster, the others join through 192.168.0.40.'],
];

describe('77a-11/77a-12: one verdict for a comment line, whole or trailing', () => {
  test.each(REFUSED)('refused alone: %s', (_, comment) => {
    expect(secretComments(`${comment}\n${CONFIG}`)).toEqual([expect.objectContaining({ line: 1, column: 1 })]);
  });
  test.each(REFUSED)('refused trailing a value, at its `#`: %s', (_, comment) => {
    const text = CONFIG.replace('  interface: eth0\n', `  interface: eth0   ${comment}\n`);
    expect(secretComments(text)).toEqual([expect.objectContaining({ line: 3, column: 21 })]);
  });
  test.each(PASSED)('passes: %s', (_, comment) => {
    expect(secretComments(`${comment}\n${CONFIG}`)).toBeUndefined();
  });
});

describe('77a-1: a `#` line of a value is no comment', () => {
  const block = (line: string) =>
    `${MINIMAL_CONFIG_TEXT}  values:\n    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: probes, namespace: default}\n        data:\n          my.cnf: |\n            ${line}\n            user = app\n${K3S}`;
  test.each([
    ['a `|` block line', block('# password: Xk93mQvR2zLp')],
    ['a `|` block line in Russian', block('# пароль: Хк93мQvR2zLp7')],
    ['a quoted value', CONFIG.replace('eth0\n', '"eth0 # password: Xk93mQvR2zLp"\n')],
  ])('not read as a comment: %s', (_, text) => {
    expect(commentSecrets('c.yaml', text).errors).toEqual([]);
  });
  test('control: a comment after the block, at its key, is one', () => {
    const text = block('user = app').replace('            user = app\n', '            user = app\n          # password: Xk93mQvR2zLp\n');
    expect(commentSecrets('c.yaml', text).errors).toEqual([expect.objectContaining({ line: 16, column: 11 })]);
  });
  test('the config door: one line, at its key path', () => {
    const errors = parseConfigText('config/t1.yaml', block('# password: Xk93mQvR2zLp')).errors.map(formatDiagnostic);
    expect(errors).toEqual([
      expect.stringMatching(/^config\/t1\.yaml:15:13: traefik\.values\.extraObjects\[0\]\.data\["my\.cnf"\]: holds /),
    ]);
    expect(errors.join('\n')).not.toMatch(/outside its values|Xk93/);
  });
});

describe('77a-12: `new --from` refuses what synth refuses, headed file:line:column:', () => {
  let root: string;
  beforeAll(() => (root = mkdtempSync(join(tmpdir(), 'comments77-'))));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const copy = (text: string) => {
    writeFileSync(join(root, 'src.yaml'), text);
    const lines: string[] = [];
    const code = newCluster(['copy', '--from', 'src'], {
      configDir: root,
      schemaFile: join(root, 'config.schema.json'),
      log: (l) => lines.push(l),
    });
    const copied = readdirSync(root).includes('copy.yaml');
    rmSync(join(root, 'copy.yaml'), { force: true });
    return { code, text: lines.join('\n'), copied };
  };
  test('every refused row at once, at the lines synth names', () => {
    const text = `${REFUSED.map(([, c]) => c).join('\n')}\n${CONFIG}`;
    const synth = commentSecrets('src.yaml', text).errors.map((e) => e.line);
    expect(synth).toEqual(REFUSED.map((_, i) => i + 1));
    const { code, text: said, copied } = copy(text);
    expect([code, copied]).toEqual([1, false]);
    expect(said).toMatch(/src\.yaml:1:1: holds a secret outside its values \(a comment, say; line 1: /);
    for (const line of synth) expect(said).toContain(`; line ${line}: `);
    expect(said).not.toMatch(/Xk93|Hunter2024/);
  });
  test('a trailing comment: its column', () => {
    const { text } = copy(CONFIG.replace('  interface: eth0\n', '  interface: eth0   # db pass Xk93mQvR2zLq\n'));
    expect(text).toMatch(/src\.yaml:3:21: holds a secret outside its values/);
  });
  test('control: the passing rows are copied, as synth keeps them', () => {
    const text = `${PASSED.map(([, c]) => c).join('\n')}\n${CONFIG}`;
    expect(commentSecrets('src.yaml', text).errors).toEqual([]);
    expect(copy(text)).toEqual(expect.objectContaining({ code: 0, copied: true }));
  });
  test('a `#` line of a block is named once, at its key path (77a-1)', () => {
    const text = `${MINIMAL_CONFIG_TEXT}  values:\n    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: p, namespace: default}\n        data:\n          en.cnf: |\n            # password: Xk93mQvR2zLp\n${K3S}`;
    const { text: said } = copy(text);
    expect(said).toContain('extraObjects[0].data["en.cnf"]');
    expect(said).not.toContain('outside its values');
  });
});

describe('77a-13: a second document hides nothing of the first', () => {
  const errorsOf = (text: string) => parseConfigText('config/t1.yaml', text).errors.map(formatDiagnostic);
  test('its schema error, its comments and the second document, in one run', () => {
    const text = `${CONFIG.replace('traefik:\n', 'traefik:\n  replicas: 0\n')}...\n# root password: Xk93mQvR2zLp\n---\n# the admin password is Xk93mQvR2zLr\nkind: x\n`;
    const errors = errorsOf(text);
    expect(errors).toEqual([
      expect.stringMatching(/^config\/t1\.yaml:7:13: traefik\.replicas: 0 is too small/),
      expect.stringMatching(/^config\/t1\.yaml:16:1: holds a secret outside its values/),
      'config/t1.yaml:17:1: holds a second YAML document (after `---` near line 17): keep one cluster per file',
      expect.stringMatching(/^config\/t1\.yaml:18:1: holds a secret outside its values/),
    ]);
    expect(errors.join('\n')).not.toContain('Xk93');
  });
  test('a valid first document: the second document alone', () => {
    expect(errorsOf(`${CONFIG}---\nkind: x\n`)).toEqual([
      'config/t1.yaml:14:1: holds a second YAML document (after `---` near line 14): keep one cluster per file',
    ]);
  });
  test('control: one document ended by `...` passes', () => {
    expect(errorsOf(`${CONFIG}...\n`)).toEqual([]);
  });
});

describe('speed: the comment reader is linear', () => {
  const unit = '# the nodes join in order\n  key: value # note\n  text: |\n    # not a comment\n';
  const big = (tail: string) => `${CONFIG}${unit.repeat(Math.floor(100_000 / unit.length))}# ${tail}\n`;
  beforeAll(() => secretComments(big(`warm-up ${Date.now()}`)));
  test('100 kB of comments, block lines and values in under 2 s', () => {
    const text = big(`timed ${Date.now()}`);
    const start = process.cpuUsage();
    expect(secretComments(text)).toBeUndefined();
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
