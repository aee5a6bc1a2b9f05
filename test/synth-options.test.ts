// @jest-own-suite: its time goes to child processes (scripts/test-suites.js).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPatch, parsePatch } from 'diff';
import { DEV_YAML } from './helpers';
import { main as checkMain, runCheck } from '../src/check';
import { main as schemaMain } from '../src/config/json-schema';
import { main as installMain } from '../src/k3s/install-cli';
import { main as newMain } from '../src/new-cluster';
import { main as validateMain } from '../src/validate/conformance';
import { FileSystem, nodeFileSystem } from '../src/output/file-system';
import { LOCK_FILE } from '../src/output/lock';
import { GENERATED_LIST, listFiles, readGeneratedList, syncTree } from '../src/output/publish';
import { wiring } from '../src/main';
import { parseSynthArgs, runSynth, SynthOptions } from '../src/synth';

const ROOT = join(__dirname, '..');
const SYNTH = join(ROOT, 'scripts', 'synth.js');
const APP = join(ROOT, 'scripts', 'app.js');
/** The reference config with another Traefik VIP. */
const withVip = (text: string, ip: string) => text.replace('loadBalancerIPs: [192.168.0.41]', `loadBalancerIPs: [${ip}]`);
const PROD = withVip(DEV_YAML, '192.168.0.51');

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
}

/** A project folder with config/ holding these clusters, and dist/ (not created). */
function workspace(configs: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'k3s-vip-options-'));
  const config = join(root, 'config');
  mkdirSync(config);
  for (const [name, text] of Object.entries(configs)) writeFileSync(join(config, `${name}.yaml`), text);
  return { root, config, dist: join(root, 'dist') };
}

function synth(ws: { config: string; dist: string }, options: Partial<SynthOptions> = {}) {
  const lines: string[] = [];
  const out: string[] = [];
  const code = runSynth({ configDir: ws.config, distDir: ws.dist, wiring, log: (l) => lines.push(l), out: (l) => out.push(l), ...options });
  return { code, lines, out };
}

/** `run` from `folder`, as a command started there (paths shown relative to it). */
function fromFolder<T>(folder: string, run: () => T): T {
  const cwd = process.cwd();
  process.chdir(folder);
  try {
    return run();
  } finally {
    process.chdir(cwd);
  }
}

/** The environment that points the commands at a workspace. */
const dirs = (ws: { config: string; dist: string }) => ({ K3S_VIP_CONFIG_DIR: ws.config, K3S_VIP_DIST_DIR: ws.dist });

/** `node scripts/synth.js <args>` (what `npm run synth -- <args>` runs), in a workspace. */
function synthJs(args: string[], ws: { config: string; dist: string }, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [SYNTH, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', K3S_VIP_CONFIG_DIR: ws.config, K3S_VIP_DIST_DIR: ws.dist, ...env },
  });
}

beforeAll(() => {
  // Builds lib/ once for the commands run below.
  spawnSync(process.execPath, [APP, 'no-such-command'], { cwd: ROOT });
}, 120_000);

describe('npm run synth: its own command line', () => {
  test('--help lists its options on stdout, exits 0 and runs nothing', () => {
    const ws = workspace({ dev: DEV_YAML });
    for (const flag of ['--help', '-h']) {
      const run = synthJs([flag], ws);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^usage: npm run synth \[-- \[--cluster <name>\]\.\.\. \[--dry-run\]\]\n/);
      for (const option of ['--cluster <name>', '--dry-run', '-h, --help']) expect(run.stdout).toContain(`  ${option}`);
      expect(run.stdout).not.toMatch(/--stdout|--output|check-upgrade/);
      expect(run.stderr).toBe('');
    }
    expect(existsSync(ws.dist)).toBe(false);
  });

  test.each([
    [['--stdout'], 'unknown option --stdout: npm run synth always writes dist/; --dry-run prints what would change instead'],
    [['--output', 'x'], 'unknown option --output: npm run synth always writes dist/ (K3S_VIP_DIST_DIR moves it)'],
    [['--output=x'], 'unknown option --output: '],
    [['-o', 'x'], 'unknown option -o: '],
    [['--json'], 'unknown option --json: there is no JSON output'],
    [['--check-upgrade'], 'unknown option --check-upgrade: npm run synth takes --cluster <name>, --dry-run and --help'],
    [['--dry-run', '--verbose'], 'unknown option --verbose: '],
    [['home'], 'unexpected argument "home": to pick clusters write --cluster home'],
    [['--cluster'], '--cluster needs a cluster name: --cluster <name>'],
    [['--cluster', '--dry-run'], '--cluster needs a cluster name: --cluster <name>'],
    [['--cluster='], '--cluster needs a cluster name: --cluster <name>'],
    [['--cluster', 'Dev,prod'], '--cluster "Dev,prod" is not a cluster name: give the <name> of a config/<name>.yaml'],
  ])('%j is refused in two lines naming it, exit 1, nothing written, no stack trace', (args, message) => {
    const ws = workspace({ dev: DEV_YAML });
    const run = synthJs(args, ws);
    expect(run.status).toBe(1);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`error: ${message}`);
    expect(lines[0]).toMatch(/; nothing was written$/);
    expect(lines[1]).toMatch(/^usage: npm run synth /);
    expect(run.stdout).toBe('');
    expect(existsSync(ws.dist)).toBe(false);
    expect(existsSync(join(ROOT, '.cdk8s.out', `run-${run.pid}`))).toBe(false);
  });

  test.each([
    ['npm run synth --dry-run', [], { npm_config_dry_run: 'true' }, 'npm took --dry-run for itself: write `npm run synth -- --dry-run`'],
    [
      'npm run synth --cluster dev',
      ['dev'],
      { npm_config_cluster: 'true' },
      'npm took --cluster for itself: write `npm run synth -- --cluster dev`',
    ],
    [
      'npm run synth --cluster=dev',
      [],
      { npm_config_cluster: 'dev' },
      'npm took --cluster for itself: write `npm run synth -- --cluster dev`',
    ],
    ['npm run synth --stdout', [], { npm_config_stdout: 'true' }, 'npm took --stdout for itself: write `npm run synth -- --stdout`'],
  ])('`%s` (flags before `--`, which npm keeps): refused with what to write, not run as a real synth', (_, args, env, message) => {
    const ws = workspace({ dev: DEV_YAML });
    const run = synthJs(args, ws, env);
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(`error: ${message}; nothing was written`);
    expect(existsSync(ws.dist)).toBe(false);
  });

  test.each([
    ['--help', [SYNTH, '--help']],
    ['--dry-run', [APP, 'main', '--dry-run']],
  ])(
    '%s into a reader that stops early (`| head`): exit 0, no error',
    async (_, args) => {
      const ws = workspace({ dev: DEV_YAML });
      const child = spawn(process.execPath, args, {
        cwd: ROOT,
        env: { ...process.env, K3S_VIP_CONFIG_DIR: ws.config, K3S_VIP_DIST_DIR: ws.dist },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect({ code, stderr: stderr.replace(/^warning: .*\n/gm, '') }).toEqual({
        code: 0,
        stderr: expect.not.stringMatching(/error|EPIPE|\bat /),
      });
      expect(existsSync(ws.dist)).toBe(false);
    },
    60_000,
  );

  test('the app itself (run without the CLI) refuses what it does not know in one line', () => {
    expect(parseSynthArgs(['--dry-run', '--cluster', 'a', '--cluster=b'], {})).toEqual({
      clusters: ['a', 'b'],
      clustersFrom: '--cluster',
      dryRun: true,
    });
    expect(parseSynthArgs([], { K3S_VIP_CLUSTERS: 'a,b' })).toEqual({
      clusters: ['a', 'b'],
      clustersFrom: 'K3S_VIP_CLUSTERS',
      dryRun: false,
    });
    expect(parseSynthArgs([], { K3S_VIP_CLUSTERS: '' })).toEqual({ clusters: undefined, clustersFrom: 'K3S_VIP_CLUSTERS', dryRun: false });
    expect(parseSynthArgs(['--stdout'], {})).toMatch(/^Unknown option '--stdout'.*; see `npm run synth -- --help`$/);
    expect(parseSynthArgs(['--cluster='], {})).toBe('--cluster needs a cluster name: --cluster <name>');
  });
});

describe('--dry-run: what a synth would change, as a patch; nothing written', () => {
  test('into a missing dist/: every file added in full; dist/ is not even created', () => {
    const ws = workspace({ dev: DEV_YAML });
    const { code, lines, out } = synth(ws, { dryRun: true });
    expect(code).toBe(0);
    expect(existsSync(ws.dist)).toBe(false);
    const patches = parsePatch(out.join('\n'));
    expect(patches.map((p) => [p.oldFileName, p.newFileName])).toEqual(
      [GENERATED_LIST, 'dev/README.md', 'dev/ingresses.yaml', 'dev/k3s/k3s-1.yaml', 'dev/k3s/k3s-2.yaml', 'dev/k3s/k3s-3.yaml']
        .concat(['dev/kube-vip.yaml', 'dev/kustomization.yaml', 'dev/traefik-config.yaml'])
        .sort()
        .map((path) => ['/dev/null', `${ws.dist}/${path}`]),
    );
    // Added in full: each file's every line, from an empty file.
    const real = workspace({ dev: DEV_YAML });
    synth(real);
    for (const patch of patches) {
      expect(applyPatch('', patch)).toBe(readFileSync(join(real.dist, patch.newFileName!.slice(ws.dist.length + 1)), 'utf8'));
    }
    expect(lines.at(-1)).toBe(`synth --dry-run: 9 file(s) would be written, 0 removed, 0 unchanged in ${ws.dist}/; nothing was written.`);
    expect(lines).toEqual(
      expect.arrayContaining([expect.stringMatching(/^warning: .*dev\.yaml: single point of failure: Traefik pods \(1\)/)]),
    );
  });

  test('a changed config: only the changed lines, a removed file in full; dist/ byte for byte as it was, no lock left', () => {
    const ws = workspace({ dev: DEV_YAML, prod: PROD });
    synth(ws);
    writeFileSync(join(ws.config, 'dev.yaml'), withVip(DEV_YAML, '192.168.0.42').replace(/ingresses:[\s\S]*?k3s:/, 'k3s:'));
    const before = snapshot(ws.dist);
    const { code, lines, out } = synth(ws, { dryRun: true });
    expect(code).toBe(0);
    expect(snapshot(ws.dist)).toEqual(before);
    expect(existsSync(join(ws.dist, LOCK_FILE))).toBe(false);
    expect(out).toEqual(
      expect.arrayContaining([
        `--- ${ws.dist}/dev/traefik-config.yaml`,
        `+++ ${ws.dist}/dev/traefik-config.yaml`,
        '-        kube-vip.io/loadbalancerIPs: 192.168.0.41',
        '+        kube-vip.io/loadbalancerIPs: 192.168.0.42',
        `--- ${ws.dist}/dev/ingresses.yaml`,
        '+++ /dev/null',
        '-  name: frontend-ingress',
      ]),
    );
    // prod/ neither changes nor is shown, beyond context lines of the list (whose dev/ digests change).
    const patch = out.join('\n').split('\n');
    expect(patch.filter((line) => /^(--- |\+\+\+ |[-+])\S*prod\//.test(line))).toEqual([]);
    expect(patch.filter((line) => line.includes('prod/') && !line.startsWith(' prod/'))).toEqual([]);
    expect(lines.at(-1)).toBe(`synth --dry-run: 4 file(s) would be written, 1 removed, 12 unchanged in ${ws.dist}/; nothing was written.`);
    // What the synth then does.
    expect(synth(ws).lines.at(-1)).toBe(`synth: 2 cluster(s), 16 file(s) in ${ws.dist}/ (4 written, 1 removed, 12 unchanged).`);
  });

  test('the patch applies with git apply and gives exactly what a synth writes (added, changed and removed files)', () => {
    const ws = workspace({ dev: DEV_YAML, prod: PROD });
    synth(ws);
    writeFileSync(join(ws.config, 'dev.yaml'), withVip(DEV_YAML, '192.168.0.42'));
    rmSync(join(ws.config, 'prod.yaml'));
    writeFileSync(join(ws.config, 'lab.yaml'), withVip(DEV_YAML, '192.168.0.61'));
    // Run from the project folder, as npm does, so the paths are relative: `a/dist/...`, `b/dist/...`. In this process:
    // the wiring to stdout and stderr is the next test's and the `| head` test's.
    const run = fromFolder(ws.root, () => synth({ config: 'config', dist: 'dist' }, { dryRun: true }));
    const stdout = run.out.map((line) => `${line}\n`).join('');
    expect(run.code).toBe(0);
    expect(stdout).toMatch(/^--- a\/dist\/\.generated-files\n\+\+\+ b\/dist\/\.generated-files\n@@ /);
    expect(run.lines.at(-1)).toMatch(/^synth --dry-run: \d+ file\(s\) would be written, 8 removed, .*nothing was written\.$/);
    writeFileSync(join(ws.root, 'dry-run.patch'), stdout);
    const applied = spawnSync('git', ['apply', 'dry-run.patch'], { cwd: ws.root, encoding: 'utf8' });
    expect(applied.stderr).toBe('');
    rmSync(join(ws.root, 'dry-run.patch'));
    const patched = snapshot(ws.dist);
    const real = fromFolder(ws.root, () => synth({ config: 'config', dist: 'dist' }));
    expect(real.code).toBe(0);
    expect(real.lines.at(-1)).toContain('(0 written, 0 removed, ');
    expect(patched).toEqual(snapshot(ws.dist));
  }, 60_000);

  test('through npm run synth -- --dry-run (no cdk8s CLI, no staging folder): the patch on stdout, exit 0', () => {
    const ws = workspace({ dev: DEV_YAML });
    const run = synthJs(['--dry-run'], ws);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`+++ ${ws.dist}/dev/kube-vip.yaml`);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(
      `synth --dry-run: 9 file(s) would be written, 0 removed, 0 unchanged in ${ws.dist}/; nothing was written.`,
    );
    expect(existsSync(ws.dist)).toBe(false);
    expect(existsSync(join(ROOT, '.cdk8s.out', `run-${run.pid}`))).toBe(false);
  }, 60_000);

  test('where a synth would refuse (a file of the user in the way), says so and exits 1, writing nothing', () => {
    const ws = workspace({ dev: DEV_YAML });
    mkdirSync(join(ws.dist, 'dev'), { recursive: true });
    writeFileSync(join(ws.dist, 'dev', 'kube-vip.yaml'), 'mine\n');
    const { code, lines, out } = synth(ws, { dryRun: true });
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(lines).toEqual([
      `error: ${ws.dist}/ has a file in the way: dev/kube-vip.yaml exists and was not written by synth: move it away and run again`,
      'synth --dry-run: a synth would refuse this; nothing was written.',
    ]);
    expect(snapshot(ws.dist)).toEqual({ 'dev/kube-vip.yaml': 'mine\n' });
  });

  test('a config error: the errors, exit 1, nothing written', () => {
    const ws = workspace({ dev: DEV_YAML.replace('[192.168.0.41]', '[192.168.0.410]') });
    const { code, lines, out } = synth(ws, { dryRun: true });
    expect(code).toBe(1);
    expect(out).toEqual([]);
    // As the other dry-run refusals end (74a-15): not "synth failed" about a dist/ that does not exist.
    expect(lines.at(-1)).toBe('synth --dry-run: a synth would refuse this; nothing was written.');
    expect(existsSync(ws.dist)).toBe(false);
  });
});

describe('--cluster: only the named clusters; every other folder and list entry exactly as it was', () => {
  function twoClusters() {
    const ws = workspace({ dev: DEV_YAML, prod: PROD });
    synth(ws);
    // Both configs change; prod also leaves a stale file and a file of the user's.
    writeFileSync(join(ws.config, 'dev.yaml'), withVip(DEV_YAML, '192.168.0.42'));
    writeFileSync(join(ws.config, 'prod.yaml'), PROD.replace(/ingresses:[\s\S]*?k3s:/, 'k3s:'));
    writeFileSync(join(ws.dist, 'prod', 'notes.md'), 'mine\n');
    return ws;
  }
  const prodOf = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([path]) => path.startsWith('prod/')));
  const listedProd = (dist: string) => readGeneratedList(dist).paths.filter((path) => path.startsWith('prod/'));

  test('updates dev; prod keeps its files (even one a full synth would remove) and its entries in the list', () => {
    const ws = twoClusters();
    const before = snapshot(ws.dist);
    const listed = listedProd(ws.dist);
    const { code, lines } = synth(ws, { clusters: ['dev'] });
    expect(code).toBe(0);
    const after = snapshot(ws.dist);
    expect(prodOf(after)).toEqual(prodOf(before));
    expect(listedProd(ws.dist)).toEqual(listed);
    expect(listed).toContain('prod/ingresses.yaml');
    expect(after['dev/traefik-config.yaml']).toContain('192.168.0.42');
    expect(lines.at(-1)).toBe(
      `synth: 1 cluster(s) (dev), 9 file(s) in ${ws.dist}/ (3 written, 0 removed, 6 unchanged; other clusters left as they are).`,
    );
    // A full synth afterwards is exact, as if --cluster had never run.
    synth(ws);
    const full = workspace({ dev: withVip(DEV_YAML, '192.168.0.42'), prod: PROD.replace(/ingresses:[\s\S]*?k3s:/, 'k3s:') });
    synth(full);
    expect(snapshot(ws.dist)).toEqual({ ...snapshot(full.dist), 'prod/notes.md': 'mine\n' });
  });

  test('a cluster whose config was deleted keeps its folder until a full synth', () => {
    const ws = twoClusters();
    rmSync(join(ws.config, 'prod.yaml'));
    const prod = prodOf(snapshot(ws.dist));
    expect(synth(ws, { clusters: ['dev'] }).code).toBe(0);
    expect(prodOf(snapshot(ws.dist))).toEqual(prod);
    expect(synth(ws).lines).toContain('  removed prod/kube-vip.yaml');
    expect(prodOf(snapshot(ws.dist))).toEqual({ 'prod/notes.md': 'mine\n' });
  });

  test("another cluster's broken config does not block: only the named clusters are read", () => {
    const ws = twoClusters();
    writeFileSync(join(ws.config, 'prod.yaml'), 'traefik: [\n');
    const { code } = synth(ws, { clusters: ['dev'] });
    expect(code).toBe(0);
    expect(synth(ws).code).toBe(1);
  });

  test('an unknown cluster is refused naming it and the clusters there are; nothing written', () => {
    const ws = twoClusters();
    const before = snapshot(ws.dist);
    expect(synth(ws, { clusters: ['dev', 'home'] })).toEqual({
      code: 1,
      lines: [
        `error: --cluster home: there is no ${ws.config}/home.yaml; its clusters are dev, prod`,
        `synth failed: ${ws.dist}/ was left unchanged.`,
      ],
      out: [],
    });
    expect(snapshot(ws.dist)).toEqual(before);
  });

  test('repeated: both named clusters, the rest untouched; with --dry-run only their changes', () => {
    const ws = twoClusters();
    writeFileSync(join(ws.config, 'lab.yaml'), withVip(DEV_YAML, '192.168.0.61'));
    const dry = synth(ws, { clusters: ['dev', 'lab'], dryRun: true });
    expect(dry.out.filter((line) => line.startsWith('+++ ')).map((line) => line.slice(ws.dist.length + 5))).toEqual([
      GENERATED_LIST,
      ...['README.md', 'traefik-config.yaml'].map((f) => `dev/${f}`),
      ...['README.md', 'ingresses.yaml', 'k3s/k3s-1.yaml', 'k3s/k3s-2.yaml', 'k3s/k3s-3.yaml', 'kube-vip.yaml', 'kustomization.yaml']
        .concat('traefik-config.yaml')
        .map((f) => `lab/${f}`),
    ]);
    const prod = prodOf(snapshot(ws.dist));
    expect(synth(ws, { clusters: ['dev', 'lab'] }).code).toBe(0);
    expect(prodOf(snapshot(ws.dist))).toEqual(prod);
    expect(readGeneratedList(ws.dist).paths.filter((p) => p.startsWith('lab/'))).toHaveLength(8);
  });

  test('temporary files a killed run left are cleaned in the named folders only', () => {
    const ws = twoClusters();
    writeFileSync(join(ws.dist, 'dev', '.kube-vip.yaml.k3s-vip-99999.tmp'), 'half');
    writeFileSync(join(ws.dist, 'prod', '.kube-vip.yaml.k3s-vip-99999.tmp'), 'half');
    synth(ws, { clusters: ['dev'] });
    expect(existsSync(join(ws.dist, 'dev', '.kube-vip.yaml.k3s-vip-99999.tmp'))).toBe(false);
    expect(existsSync(join(ws.dist, 'prod', '.kube-vip.yaml.k3s-vip-99999.tmp'))).toBe(true);
  });

  test('an I/O error at any change is rolled back or leaves every file listed; prod is never touched', () => {
    const base = twoClusters();
    const files = (() => {
      const fresh = workspace({ dev: withVip(DEV_YAML, '192.168.0.42') });
      synth(fresh);
      return new Map(Object.entries(snapshot(fresh.dist)));
    })();
    const scope = new Set(['dev']);
    for (let n = 1; n <= 12; n++) {
      const ws = { ...base, dist: join(mkdtempSync(join(tmpdir(), 'k3s-vip-eio-')), 'dist') };
      cpSync(base.dist, ws.dist, { recursive: true });
      const prod = prodOf(snapshot(ws.dist));
      let changes = 0;
      const failing: FileSystem = { ...nodeFileSystem };
      for (const name of ['mkdir', 'writeNewFile', 'rename', 'unlink', 'rmdir'] as const) {
        failing[name] = ((...args: [string, string]) => {
          if (++changes === n) throw Object.assign(new Error('EIO'), { code: 'EIO' });
          return (nodeFileSystem[name] as (...a: [string, string]) => void)(...args);
        }) as never;
      }
      try {
        syncTree(ws.dist, files, failing, scope);
      } catch {
        // Reported in one line; what matters is what is left.
      }
      expect({ n, prod: prodOf(snapshot(ws.dist)) }).toEqual({ n, prod });
      const listed = new Set(readGeneratedList(ws.dist).paths);
      const unlisted = listFiles(ws.dist).filter(
        (p) => p !== GENERATED_LIST && p !== 'prod/notes.md' && !p.split('/').pop()!.startsWith('.'),
      );
      expect({ n, unlisted: unlisted.filter((p) => !listed.has(p)) }).toEqual({ n, unlisted: [] });
      syncTree(ws.dist, files, nodeFileSystem, scope);
      expect(prodOf(snapshot(ws.dist))).toEqual(prod);
      expect(readFileSync(join(ws.dist, 'dev', 'traefik-config.yaml'), 'utf8')).toContain('192.168.0.42');
    }
  });

  test('through npm run synth -- --cluster (cdk8s synth underneath): only that cluster, exit 0', () => {
    const ws = twoClusters();
    const prod = prodOf(snapshot(ws.dist));
    const run = synthJs(['--cluster', 'dev'], ws);
    expect(run.status).toBe(0);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toMatch(/^synth: 1 cluster\(s\) \(dev\), .*other clusters left as they are\)\.$/);
    expect(prodOf(snapshot(ws.dist))).toEqual(prod);
    expect(readFileSync(join(ws.dist, 'dev', 'traefik-config.yaml'), 'utf8')).toContain('192.168.0.42');
    // Its staging folder is gone, and the staging root with it unless another run (another suite) is using it.
    const staging = join(ROOT, '.cdk8s.out');
    expect(existsSync(join(staging, `run-${run.pid}`))).toBe(false);
    expect(!existsSync(staging) || readdirSync(staging).length > 0).toBe(true);
  }, 60_000);
});

describe('no cluster left (the reference config deleted)', () => {
  test('synth says so with the next step and exits 0, creating no dist/', () => {
    const ws = workspace({});
    cpSync(join(ROOT, 'config', 'examples'), join(ws.config, 'examples'), { recursive: true });
    const { code, lines } = synth(ws);
    expect(code).toBe(0);
    expect(lines).toEqual([
      `synth: no cluster in ${ws.config}/ yet: start one with \`npm run new -- <name>\` (a copy of ${ws.config}/examples/reference.yaml; ` +
        '`--from <example>` picks another), set its addresses and hosts, then run `npm run synth` again.',
    ]);
    expect(existsSync(ws.dist)).toBe(false);
    expect(runCheck(ws.config, ws.dist, () => {})).toBe(0);
    expect(synth(ws, { dryRun: true })).toEqual({
      code: 0,
      lines: [lines[0], `synth --dry-run: nothing would be written to ${ws.dist}/; nothing was written.`],
      out: [],
    });
  });

  // 69c-5: an emptied config folder is more often a mistake than a wish to remove every cluster: refused, dist/ kept.
  test('a dist/ of the last deleted cluster is kept (refused) until its folder is deleted by hand; check then passes', () => {
    const ws = workspace({ dev: DEV_YAML });
    synth(ws);
    writeFileSync(join(ws.dist, 'mine.txt'), 'kept\n');
    rmSync(join(ws.config, 'dev.yaml'));
    expect(runCheck(ws.config, ws.dist, () => {})).toBe(1);
    expect(synth(ws, { dryRun: true }).code).toBe(1);
    const { code, lines } = synth(ws);
    expect(code).toBe(1);
    expect(lines[0]).toContain(`delete ${ws.dist}/dev/ by hand`);
    rmSync(join(ws.dist, 'dev'), { recursive: true });
    expect(synth(ws).code).toBe(0);
    expect(readdirSync(ws.dist).sort()).toEqual([GENERATED_LIST, 'mine.txt']);
    expect(runCheck(ws.config, ws.dist, () => {})).toBe(0);
  });

  test('through npm run synth (cdk8s synth underneath): exit 0, the next step last', () => {
    const ws = workspace({});
    const run = synthJs([], ws);
    expect(run.status).toBe(0);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `synth: no cluster in ${ws.config}/ yet: copy the shipped example ${join(ROOT, 'config', 'examples', 'reference.yaml')} ` +
        `to ${ws.config}/<name>.yaml, set its addresses and hosts, then run \`npm run synth\` again.`,
    ]);
  }, 60_000);

  // Attack 8: a config folder elsewhere (K3S_VIP_CONFIG_DIR) has no examples/; the hint names a file that exists.
  test('a config folder without examples/ is pointed at the shipped example, which exists', () => {
    const ws = workspace({});
    const { code, lines } = synth(ws);
    expect(code).toBe(0);
    const named = /copy the shipped example (\S+) to /.exec(lines[0])?.[1];
    expect(named).toBe(join(ROOT, 'config', 'examples', 'reference.yaml'));
    expect(existsSync(named!)).toBe(true);
    expect(lines[0]).not.toContain(`${ws.config}/examples/`);
  });

  test.each<[string, (config: string) => void, string]>([
    ['a folder named x.yaml', (config) => mkdirSync(join(config, 'x.yaml')), 'x.yaml: is a folder: a <cluster>.yaml must be a file'],
    ['a file named only .yaml', (config) => writeFileSync(join(config, '.yaml'), 'traefik: {}\n'), '.yaml: is named only .yaml'],
    ['a file named only .YML', (config) => writeFileSync(join(config, '.YML'), 'traefik: {}\n'), '.YML: is named only .YML'],
  ])('%s alone is refused by name, never skipped as "no cluster" (attack 8)', (_what, make, expected) => {
    const ws = workspace({});
    make(ws.config);
    const { code, lines } = synth(ws);
    expect(code).toBe(1);
    expect(lines[0]).toContain(`${ws.config}/${expected}`);
    expect(existsSync(ws.dist)).toBe(false);
  });

  test('a file named only .yaml beside a cluster is refused too, not skipped', () => {
    const ws = workspace({ dev: DEV_YAML });
    writeFileSync(join(ws.config, '.yaml'), DEV_YAML);
    const { code, lines } = synth(ws);
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/\.yaml: is named only \.yaml: a config file is <cluster>\.yaml/);
  });

  test('a link to a missing config still counts as a cluster: its error, not "no cluster"', () => {
    const ws = workspace({});
    symlinkSync(join(ws.root, 'gone.yaml'), join(ws.config, 'dev.yaml'));
    expect(synth(ws).lines[0]).toMatch(/dev\.yaml: is a symbolic link to nothing/);
  });
});

describe('every command answers --help', () => {
  const MAINS: Record<string, (args: string[]) => void> = {
    check: checkMain,
    'validate/conformance': validateMain,
    'config/json-schema': schemaMain,
    'new-cluster': newMain,
    'k3s/install': (args) => installMain(args, {}),
  };
  /** A command's main run in this process, in a workspace: exit code and what it printed. */
  function inProcess(command: string, args: string[]) {
    const ws = workspace({ dev: DEV_YAML });
    const printed: string[] = [];
    const onStdout: string[] = [];
    const capture = (text: string | Uint8Array) => (printed.push(String(text)), true);
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((text) => (onStdout.push(String(text)), capture(text)));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
    const cwd = process.cwd();
    const env = { ...process.env };
    try {
      process.chdir(ws.root);
      Object.assign(process.env, { K3S_VIP_CONFIG_DIR: ws.config, K3S_VIP_DIST_DIR: ws.dist });
      process.exitCode = undefined;
      MAINS[command](args);
      return { code: process.exitCode ?? 0, printed: printed.join(''), stdout: onStdout.join(''), ws };
    } finally {
      process.chdir(cwd);
      process.env = env;
      process.exitCode = undefined;
      stdout.mockRestore();
      stderr.mockRestore();
    }
  }

  test.each(Object.keys(MAINS))('%s --help: usage on stdout (to page it), exit 0, nothing run', (command) => {
    const { code, printed, stdout, ws } = inProcess(command, ['--help']);
    expect(code).toBe(0);
    expect(stdout).toBe(printed);
    expect(printed).toMatch(/^usage: npm run /);
    expect(readdirSync(ws.root)).toEqual(['config']);
    expect(readdirSync(ws.config)).toEqual(['dev.yaml']);
  });

  test.each(['check', 'validate/conformance', 'config/json-schema'])('%s refuses an argument it does not take, in one line', (command) => {
    const { code, printed, ws } = inProcess(command, ['--stdout']);
    expect(code).toBe(1);
    expect(printed).toMatch(/^error: npm run \S+ takes no arguments, but got --stdout; nothing was done \(`npm run \S+ -- --help`\)\n$/);
    expect(readdirSync(ws.root)).toEqual(['config']);
  });

  /** A K3s token pasted where a name belongs: every refusal that echoes the command line hides it. */
  const TOKEN = `K10${'a'.repeat(64)}::server:s3cret`;
  test.each(['check', 'validate/conformance', 'config/json-schema'])('%s never echoes a token pasted as an argument', (command) => {
    const { code, printed } = inProcess(command, [TOKEN]);
    expect(code).toBe(1);
    expect(printed).toContain('but got <redacted>;');
    expect(printed).not.toContain('s3cret');
  });

  test('npm run synth and the app never echo a token pasted as an argument', () => {
    const ws = workspace({ dev: DEV_YAML });
    const viaNpm = synthJs([TOKEN], ws);
    const viaApp = spawnSync(process.execPath, [APP, 'main', TOKEN], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...dirs(ws) } });
    for (const run of [viaNpm, viaApp]) {
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('<redacted>');
      expect(run.stderr).not.toContain('s3cret');
    }
    expect(existsSync(ws.dist)).toBe(false);
  });

  test('through scripts/app.js (what npm runs): npm run check -- --help exits 0 with the usage on stdout', () => {
    const run = spawnSync(process.execPath, [APP, 'check', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/^usage: npm run check\n/);
  });
});

describe('In CI (docs/yaml.md)', () => {
  test('the problem matcher pattern it documents reads file, line, column and message of every located error', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'yaml.md'), 'utf8');
    const pattern = new RegExp(/`(\^error: [^`]+)`/.exec(doc)![1]);
    const ws = workspace({ dev: withVip(DEV_YAML, '192.168.0.410').replace('interface: eth0', 'interface: "eth 0"') });
    const { code, lines } = synth(ws);
    expect(code).toBe(1);
    const located = lines.filter((line) => line.startsWith('error: '));
    expect(located).toHaveLength(2);
    for (const line of located) {
      const [, file, row, column, message] = pattern.exec(line) ?? [];
      expect({ file, row: Number(row) > 0, column: Number(column) > 0 }).toEqual({
        file: join(ws.config, 'dev.yaml'),
        row: true,
        column: true,
      });
      expect(message).toMatch(/^(kubeVip\.interface|traefik\.loadBalancerIPs\[0\]): /);
    }
  });

  test('--json is refused, pointing at where the decision is explained', () => {
    const run = synthJs(['--json'], workspace({ dev: DEV_YAML }));
    expect(run.stderr).toContain('docs/yaml.md, "In CI"');
    expect(readFileSync(join(ROOT, 'docs', 'yaml.md'), 'utf8')).toMatch(/## In CI[\s\S]*There is no `--json`/);
  });
});
