// @jest-own-suite: its time goes to child processes (scripts/test-suites.js).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BAD_CONFIGS, FILE } from './bad-configs';
import { loadConfigDir } from '../src/config/load';
import { wiring } from '../src/main';
import { FileSystem, nodeFileSystem } from '../src/output/file-system';
import { GENERATED_LIST, listFiles, withGeneratedList } from '../src/output/publish';
import { renderClusters, runSynth } from '../src/synth';
import { DEV_YAML, FIXTURE_CONFIG_DIR, synthesizedReference } from './helpers';

const ROOT = join(__dirname, '..');
/** What a bare `cdk8s synth` adds, since the CLI speaks after the app. */
const CLI_REFUSAL = ' (cdk8s then says the app did not create its staging folder: that is this refusal.)';
const DEV = DEV_YAML;
/** `npx cdk8s` without npx's search for the package: the same CLI, the one in node_modules. */
const CDK8S = [join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s')];

/** Every file below a folder with its bytes, to compare before and after. */
function snapshotTree(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
}

function workspace(configs: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'k3s-vip-synth-'));
  const config = join(root, 'config');
  mkdirSync(config);
  for (const [name, text] of Object.entries(configs)) writeFileSync(join(config, name), text);
  return { root, config, dist: join(root, 'dist') };
}

function synthIn(ws: { config: string; dist: string }) {
  const lines: string[] = [];
  const code = runSynth({ configDir: ws.config, distDir: ws.dist, wiring, log: (l) => lines.push(l) });
  return { code, lines };
}

describe('synth', () => {
  test('writes to disk, byte for byte, what it renders in memory (what npm run check compares with)', () => {
    const loaded = loadConfigDir(FIXTURE_CONFIG_DIR);
    expect(loaded.errors).toEqual([]);
    const fresh = withGeneratedList(renderClusters(loaded.clusters, wiring));
    expect(snapshotTree(synthesizedReference())).toEqual(Object.fromEntries(fresh));
  });

  test('writes dist/<cluster>/ with one file per component; a second synth is byte-identical and writes nothing', () => {
    const ws = workspace({ 'dev.yaml': DEV, 'prod.yaml': DEV.replace('192.168.0.4', '10.0.0.4') });
    expect(synthIn(ws).code).toBe(0);
    const first = snapshotTree(ws.dist);
    const folder = [
      'README.md',
      'ingresses.yaml',
      'k3s/k3s-1.yaml',
      'k3s/k3s-2.yaml',
      'k3s/k3s-3.yaml',
      'kube-vip.yaml',
      'kustomization.yaml',
      'traefik-config.yaml',
    ];
    expect(Object.keys(first)).toEqual([GENERATED_LIST, ...folder.map((f) => `dev/${f}`), ...folder.map((f) => `prod/${f}`)]);
    const second = synthIn(ws);
    expect(second.lines.at(-1)).toContain('(0 written, 0 removed, 17 unchanged)');
    expect(snapshotTree(ws.dist)).toEqual(first);
  });

  test('a removed Ingress list or cluster config disappears from dist/; files synth did not write stay', () => {
    const ws = workspace({ 'dev.yaml': DEV, 'prod.yaml': DEV });
    synthIn(ws);
    writeFileSync(join(ws.config, 'dev.yaml'), DEV.replace(/ingresses:[\s\S]*$/, ''));
    rmSync(join(ws.config, 'prod.yaml'));
    writeFileSync(join(ws.dist, 'dev', 'notes.yaml'), 'kind: Notes\n');
    writeFileSync(join(ws.dist, '.gitkeep'), '');
    const { code, lines } = synthIn(ws);
    expect(code).toBe(0);
    expect(Object.keys(snapshotTree(ws.dist))).toEqual([
      '.generated-files',
      '.gitkeep',
      'dev/README.md',
      'dev/k3s/config.yaml',
      'dev/kube-vip.yaml',
      'dev/kustomization.yaml',
      'dev/notes.yaml',
      'dev/traefik-config.yaml',
    ]);
    expect(lines).toEqual(expect.arrayContaining(['  removed dev/ingresses.yaml', '  removed prod/kube-vip.yaml']));
    expect(lines.join('\n')).not.toContain('notes.yaml');
  });

  test('refuses an output folder that contains the config folder', () => {
    const ws = workspace({ 'dev.yaml': DEV });
    const lines: string[] = [];
    const code = runSynth({ configDir: ws.config, distDir: ws.root, wiring, log: (l) => lines.push(l) });
    expect(code).toBe(1);
    expect(lines[0]).toBe(
      `error: the output folder ${ws.root}/ holds the config folder ${ws.config}/: point the output elsewhere (K3S_VIP_DIST_DIR; default dist/)`,
    );
    expect(listFiles(ws.root)).toEqual(['config/dev.yaml']);
  });

  test('a failed synth leaves dist/ byte for byte as it was (in process)', () => {
    const ws = workspace({ 'dev.yaml': DEV });
    synthIn(ws);
    writeFileSync(join(ws.dist, 'dev', 'kube-vip.yaml'), 'hand edit, not yet committed\n');
    const before = snapshotTree(ws.dist);
    writeFileSync(join(ws.config, 'dev.yaml'), DEV.replace('[192.168.0.41]', '[192.168.0.410]'));
    const { code, lines } = synthIn(ws);
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe(`synth failed: ${ws.dist}/ was left unchanged.`);
    expect(snapshotTree(ws.dist)).toEqual(before);
  });
});

describe('through the real commands', () => {
  // Every mistake of test/bad-configs.ts at once, one file each: both commands must report each
  // message and leave dist/ untouched, with no stack trace.
  const ws = workspace({});
  const expected: string[] = [];
  BAD_CONFIGS.forEach(([, text, errors], i) => {
    const file = join(ws.config, `case-${String(i).padStart(2, '0')}.yaml`);
    writeFileSync(file, text);
    expected.push(...errors.map((e) => `error: ${e.replace(FILE, file)}`));
  });
  // A valid earlier synth, plus a file nobody committed yet: both must survive.
  const seed = workspace({ 'dev.yaml': DEV });
  synthIn(seed);
  cpSync(seed.dist, ws.dist, { recursive: true });
  writeFileSync(join(ws.dist, 'dev', 'notes.yaml'), '# local work\n');
  const before = snapshotTree(ws.dist);
  const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false', K3S_VIP_CONFIG_DIR: ws.config, K3S_VIP_DIST_DIR: ws.dist };

  test.each([
    ['npm run synth', 'npm', ['run', '--silent', 'synth']],
    ['cdk8s synth', process.execPath, [...CDK8S, 'synth', '--output', join(ws.root, 'staging-cdk8s')]],
  ])('%s: exit 1, every error reported, no stack trace, dist/ unchanged', (_, command, args) => {
    const run = spawnSync(command, args as string[], { cwd: ROOT, env, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    const lines = run.stderr.split('\n');
    expect(lines).toEqual(expect.arrayContaining(expected));
    expect(lines).toContain(`synth failed: ${ws.dist}/ was left unchanged.${command === 'npm' ? '' : CLI_REFUSAL}`);
    expect(run.stderr + run.stdout).not.toMatch(/^\s+at /m);
    expect(snapshotTree(ws.dist)).toEqual(before);
  });

  test('cdk8s synth of a valid config writes the same files as the in-process synth', () => {
    const good = workspace({ 'dev.yaml': DEV });
    const staging = join(good.root, 'staging');
    const run = spawnSync(process.execPath, [...CDK8S, 'synth', '--output', staging], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...env, K3S_VIP_CONFIG_DIR: good.config, K3S_VIP_DIST_DIR: good.dist },
    });
    expect(run.status).toBe(0);
    expect(snapshotTree(good.dist)).toEqual(snapshotTree(seed.dist));
    expect(snapshotTree(staging)).toEqual(snapshotTree(good.dist));
  });
  test("npm run synth ends with what happened to dist/, without the CLI's staging lines, both ways", () => {
    const good = workspace({ 'dev.yaml': DEV });
    const lastLine = (run: { stdout: string; stderr: string }) => `${run.stdout}${run.stderr}`.trimEnd().split('\n').at(-1);
    const ok = spawnSync('npm', ['run', '--silent', 'synth'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...env, K3S_VIP_CONFIG_DIR: good.config, K3S_VIP_DIST_DIR: good.dist },
    });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('');
    expect(ok.stderr.trimEnd().split('\n').at(-1)).toMatch(
      new RegExp(
        `^synth: 1 cluster\\(s\\), \\d+ file\\(s\\) in ${good.dist}/ \\(\\d+ written, 0 removed, 0 unchanged\\); created ${good.dist}/\\.$`,
      ),
    );
    writeFileSync(join(good.config, 'dev.yaml'), DEV.replace('[192.168.0.41]', '[192.168.0.410]'));
    const refused = spawnSync('npm', ['run', '--silent', 'synth'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...env, K3S_VIP_CONFIG_DIR: good.config, K3S_VIP_DIST_DIR: good.dist },
    });
    expect(refused.status).toBe(1);
    expect(lastLine(refused)).toBe(`synth failed: ${good.dist}/ was left unchanged.`);
    expect(`${ok.stdout}${ok.stderr}${refused.stdout}${refused.stderr}`).not.toMatch(
      /\.cdk8s\.out|Synthesizing application|app expected to create/,
    );
  });
});

describe('a synth failing at one of its last steps says exactly what it left changed in dist/', () => {
  /** Every call synth makes to the file system, in order, while `failAt` (counting from 1) fails with EIO. */
  function spyOnFiles(failAt = 0): Array<[string, string]> {
    const calls: Array<[string, string]> = [];
    for (const name of Object.keys(nodeFileSystem) as Array<keyof FileSystem>) {
      const real = nodeFileSystem[name] as (...args: unknown[]) => unknown;
      jest.spyOn(nodeFileSystem, name).mockImplementation(((...args: unknown[]) => {
        calls.push([name, String(name === 'rename' ? args[1] : args[0])]);
        if (calls.length === failAt) throw Object.assign(new Error(`EIO: i/o error, ${name}`), { code: 'EIO' });
        return real(...args);
      }) as never);
    }
    return calls;
  }
  afterEach(() => jest.restoreAllMocks());

  /** dist/ of dev, then a config that changes dev's VIP and drops its Ingress (a file to remove). */
  function prepared() {
    const ws = workspace({ 'dev.yaml': DEV });
    synthIn(ws);
    writeFileSync(join(ws.config, 'dev.yaml'), DEV.replace('192.168.0.41', '192.168.0.42').replace(/ingresses:[\s\S]*$/, ''));
    return ws;
  }

  const ws = prepared();
  const calls = spyOnFiles();
  synthIn(ws);
  jest.restoreAllMocks();
  const last = (name: string, path = '') => calls.length - [...calls].reverse().findIndex(([n, p]) => n === name && p.endsWith(path));
  const first = (name: string, path = '') => calls.findIndex(([n, p]) => n === name && p.endsWith(path)) + 1;

  test.each([
    ['the rename that widens the list', first('rename', GENERATED_LIST)],
    ['the removal of the dropped file', first('unlink', 'ingresses.yaml')],
    ['the rename of the final list', last('rename', GENERATED_LIST)],
    ['the last step: flushing the folder after that rename', calls.length],
  ])('%s', (_, step) => {
    expect(step).toBeGreaterThan(0);
    const run = prepared();
    const before = snapshotTree(run.dist);
    spyOnFiles(step);
    const { code, lines } = synthIn(run);
    jest.restoreAllMocks();
    expect(code).toBe(1);
    const after = snapshotTree(run.dist);
    const changed = Object.keys({ ...before, ...after })
      .filter((path) => before[path] !== after[path])
      .map((path) => `  ${path in after ? 'wrote' : 'removed'} ${path}`);
    const error = lines.findIndex((line) => line.startsWith('error: '));
    expect(lines[error]).toMatch(
      /^error: cannot (write|remove) .*: input\/output error \(EIO\): the device failed: check it \(dmesg\), then run again$/,
    );
    expect(lines.slice(error + 1, -1).sort()).toEqual(changed.sort());
    expect(lines.at(-1)).toBe(
      changed.length
        ? `synth failed: ${run.dist}/ was changed only as listed above; every file synth wrote is whole and listed in ${run.dist}/${GENERATED_LIST}: fix the cause and run synth again to finish`
        : `synth failed: ${run.dist}/ was left unchanged.`,
    );
  });

  test('a staging copy that cannot be written: dist/ is complete, and the last line says so', () => {
    const run = prepared();
    writeFileSync(join(run.root, 'file'), '');
    const lines: string[] = [];
    const code = runSynth({
      configDir: run.config,
      distDir: run.dist,
      stagingDir: join(run.root, 'file', 'staging'),
      wiring,
      log: (l) => lines.push(l),
    });
    expect(code).toBe(0); // under the CLI: no staging folder, so the CLI exits 1 in one line
    expect(lines).toContain('  removed dev/ingresses.yaml');
    expect(lines.at(-1)).toBe(`synth failed: ${run.dist}/ was updated all the same, as listed above: it is complete.${CLI_REFUSAL}`);
  });
});
