// @jest-own-suite: its time goes to child processes (scripts/test-suites.js).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { K3sVipCluster } from '../src';
import { loadConfigDir, parseConfigText } from '../src/config/load';
import { wiring } from '../src/main';
import { lockWaitMs } from '../src/output/lock';
import { runSynth } from '../src/synth';
import { DEV_YAML, devConfig, refusalOf } from './helpers';

/**
 * Attack round 16 (messages): what a message may echo besides config values (an environment variable, a
 * cluster name, a file or folder name, a YAML tag, a class name, a cut JSON value), and where it points.
 * Every secret below carries SEKRIT, which no message may show.
 */
const MARK = /SEKRIT/;
let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'k3s-vip-attack16-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

/** A config folder holding these files, and the lines a synth of it prints (cwd: `cwd`, when given). */
function synthLines(files: Record<string, string>, options: { clusters?: string[]; configDir?: string; cwd?: string } = {}) {
  const config = options.configDir ?? join(scratch, 'config');
  mkdirSync(config, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(config, name), text);
  const lines: string[] = [];
  const before = process.cwd();
  if (options.cwd) process.chdir(options.cwd);
  try {
    const dist = join(scratch, 'dist');
    const code = runSynth({ configDir: config, distDir: dist, clusters: options.clusters, wiring, log: (l) => lines.push(l) });
    return { code, lines, dist };
  } finally {
    process.chdir(before);
  }
}

describe('K3S_VIP_LOCK_WAIT_SECONDS is quoted only where it cannot hold a secret (A16a-01)', () => {
  test.each([
    'db_password=SEKRITlw',
    'password=SEKRIT01',
    'db_password: SEKRIT',
    '{"token": "SEKRIT"}',
    // Judged whole: cut at 40 characters, the URL would no longer look like one.
    'https://user:SEKRITpassword0123456789abcdefghij@example.com',
  ])('%j', (value) => {
    const message = refusalOf(() => lockWaitMs({ K3S_VIP_LOCK_WAIT_SECONDS: value }));
    expect(message).toContain('K3S_VIP_LOCK_WAIT_SECONDS is a text of');
    expect(message).not.toMatch(MARK);
  });

  test.each([
    ['2s', '"2s"'],
    ['-1', '"-1"'],
    ['5\nerror: forged', '"5\\nerror: forged"'],
  ])('a plain mistake %j is still quoted', (value, shown) => {
    expect(refusalOf(() => lockWaitMs({ K3S_VIP_LOCK_WAIT_SECONDS: value }))).toContain(`K3S_VIP_LOCK_WAIT_SECONDS is ${shown}:`);
  });
});

describe('cluster names, file and folder names are redacted from every synth line (A16a-02, A16a-09, A16a-13)', () => {
  test.each([['api_key: SEKRITcl'], ['password=SEKRIT1'], ['token=SEKRIT2,dev']])('--cluster %j', (clusters) => {
    const { code, lines } = synthLines({ 'dev.yaml': DEV_YAML }, { clusters: clusters.split(',') });
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/--cluster .*<redacted>.*: there is no/);
    expect(lines.join('\n')).not.toMatch(MARK);
  });

  test.each(['password=SEKRIT1.yaml', 'api_key=SEKRITfn.yaml', 'token=SEKRITzz.yaml'])('a config file named %j', (file) => {
    const { code, lines } = synthLines({ [file]: `${DEV_YAML}\nbroken: [\n` });
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain('the file name gives the cluster name');
    expect(lines.join('\n')).toContain('broken: opens a flow list'); // the file's own problems are still reported, under the redacted name
    expect(lines.join('\n')).not.toMatch(MARK);
    // The loader itself redacts: every front door that loads the folder gets the same diagnostics.
    const loaded = loadConfigDir(join(scratch, 'config'));
    expect(JSON.stringify(loaded.errors)).not.toMatch(MARK);
  });

  test('a config folder named like a secret is left out of the generated headers, and the synth succeeds', () => {
    const folder = join(scratch, 'db_password=SEKRIT3');
    const { code, lines, dist } = synthLines({ 'dev.yaml': DEV_YAML }, { configDir: folder, cwd: scratch });
    expect(lines.join('\n')).not.toMatch(MARK);
    expect(code).toBe(0);
    expect(readFileSync(join(dist, 'dev', 'kube-vip.yaml'), 'utf8')).toMatch(/^# Generated from dev\.yaml by/);
  });

  // Headers name a config relative to the project, not to the folder a command runs in (round 36a-10: check, run
  // elsewhere than synth, found every header changed): one outside the project by its file name, from any folder.
  test('control: a config folder outside the project is named by its file name, whatever folder the run is in', () => {
    const { code, dist } = synthLines({ 'dev.yaml': DEV_YAML }, { configDir: join(scratch, 'clusters'), cwd: scratch });
    expect(code).toBe(0);
    expect(readFileSync(join(dist, 'dev', 'kube-vip.yaml'), 'utf8')).toMatch(/^# Generated from dev\.yaml by/);
  });
});

describe('text in odd places of a config file (A16a-07, A16a-08, A16a-11)', () => {
  const errorsOf = (yamlText: string) => parseConfigText('c.yaml', yamlText).errors.map((e) => `${e.line}:${e.column}: ${e.message}`);
  const withValues = (values: string) => `traefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n${values}`;
  const Q = 'Q'.repeat(54);

  test.each([
    [
      'a verbatim tag with name=value after a prefix',
      withValues('    env:\n      - name: X\n        value: !<tag:db_password=SEKRIT2> x\n'),
    ],
    ['a verbatim tag with password=', withValues('    env:\n      - name: X\n        value: !<tag:password=SEKRIT> x\n')],
    [
      'a long JSON value cut for a schema message',
      withValues(
        `    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: cm1, namespace: kube-system}\n        immutable: {"a": 1, "db_password": "SEKRIT${Q}"}\n`,
      ),
    ],
    [
      'a long list value cut for a schema message',
      withValues(
        `    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: cm1, namespace: kube-system}\n        immutable: ["x", "y", "api_key=SEKRIT3${Q}"]\n`,
      ),
    ],
  ])('%s: refused, and no message shows it', (_, text) => {
    const errors = errorsOf(text);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).not.toMatch(MARK);
  });

  test('control: the schema message still shows a value that holds no secret', () => {
    const text = withValues(
      '    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: cm1, namespace: kube-system}\n        immutable: {"a": 1}\n',
    );
    expect(errorsOf(text).join('\n')).toContain('is {"a":1}; the Kubernetes 1.27 schema of ConfigMap expects boolean');
  });

  // The bad byte is the lead byte of a cut sequence, not the byte after it.
  test.each([
    ['# ab\xe9cd', 4, 5, 'E9'],
    ['x: caf\xe9 ', 4, 7, 'E9'],
    ['# \x80z', 4, 3, '80'],
    ['# ab\xe2\x82', 4, 5, 'E2'],
    ['# ok \xe2\x82\xac then \xff', 4, 13, 'FF'],
  ])('invalid UTF-8 %j is located at its first bad byte', (line, row, column, byte) => {
    mkdirSync(join(scratch, 'u'));
    const bytes = Buffer.concat([
      Buffer.from('traefik:\n  loadBalancerIPs: [192.168.0.41]\n\n'),
      Buffer.from(line, 'latin1'),
      Buffer.from('\n'),
    ]);
    writeFileSync(join(scratch, 'u', 'c.yaml'), bytes);
    const [error] = loadConfigDir(join(scratch, 'u')).errors;
    expect([error.line, error.column, error.message]).toEqual([row, column, `is not valid UTF-8 (byte 0x${byte}): save the file as UTF-8`]);
  });
});

describe("a class instance's name is shown only when it is a plain identifier (A16a-10)", () => {
  const refusal = (logs: unknown) => {
    const base = devConfig();
    return refusalOf(() => new K3sVipCluster(new App(), 'dev', { ...base, traefik: { ...base.traefik, values: { logs } } }));
  };
  const named = (name: string) => {
    class A {}
    Object.defineProperty(A, 'name', { value: name });
    return new A();
  };

  test.each(['db_token: SEKRITcls', 'password=SEKRIT1', 'x\nerror: forged SEKRIT'])('class named %j', (name) => {
    const message = refusal(named(name));
    expect(message).toContain('traefik.values.logs: is a class instance: expected plain data');
    expect(message).not.toMatch(MARK);
  });

  test.each([
    ['Widget', 'is a Widget: expected plain data'],
    ['Object', 'is an Object: expected plain data'],
  ])('control: class %s is named', (name, shown) => {
    expect(refusal(named(name))).toContain(shown);
  });
});

describe('scripts/app.js runs only its commands (A16a-15)', () => {
  const app = join(__dirname, '..', 'scripts', 'app.js');
  test.each(['synth', 'index', 'core/yaml', 'api/cluster'])('%s is an unknown command, not an unexpected problem', (command) => {
    const run = spawnSync(process.execPath, [app, command], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`error: unknown command "${command}"`);
    expect(run.stderr).not.toContain('unexpected problem');
  });

  test.each([
    [['main', 'db_password: SEKRIT9'], {}],
    [['main', '--cluster', 'password=SEKRIT1'], {}],
    [['main'], { K3S_VIP_CLUSTERS: 'api_key: SEKRITcl' }],
  ])('the synth command %j (%j) does not echo what its arguments hold (A16a-02)', (args, env) => {
    const run = spawnSync(process.execPath, [app, ...args], {
      encoding: 'utf8',
      env: { ...process.env, ...env, K3S_VIP_CONFIG_DIR: join(__dirname, 'fixtures', 'config'), K3S_VIP_DIST_DIR: join(scratch, 'dist') },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('<redacted>');
    expect(run.stderr).not.toMatch(MARK);
  });
});
