// Round 55a, findings 1, 8-14: Flux's URL and revision forms, the folders of the environment, the last line of a synth
// that created folders, odd entries in dist/ and in K3s' folder, `new` over a link, and an over-long key in key paths.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { runCheck } from '../src/check';
import { K3sVipCluster } from '../src/api/cluster';
import { GitOpsChart } from '../src/gitops/chart';
import { runInstall } from '../src/k3s/install-cli';
import { wiring } from '../src/main';
import { newCluster } from '../src/new-cluster';
import { runSynth } from '../src/synth';
import { configErrors, DEV_YAML, devConfig, EXAMPLES_DIR, refusalOf, withChanges } from './helpers';

const ROOT = join(__dirname, '..');
const APP = join(ROOT, 'scripts', 'app.js');

/** A scratch folder with cfg/dev.yaml (the fixture) and cfg/examples/ (the shipped ones). */
function workspace(): { ws: string; cfg: string } {
  const ws = mkdtempSync(join(tmpdir(), 'k3s-vip-55-'));
  const cfg = join(ws, 'cfg');
  mkdirSync(cfg);
  writeFileSync(join(cfg, 'dev.yaml'), DEV_YAML);
  cpSync(EXAMPLES_DIR, join(cfg, 'examples'), { recursive: true });
  return { ws, cfg };
}

function synthInto(configDir: string, distDir: string): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = runSynth({ configDir, distDir, wiring, log: (l) => lines.push(l) });
  return { code, lines };
}

const mkfifo = (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0);

describe('55a-1: Flux takes only http(s):// and ssh:// URLs, and each revision form where Flux reads it', () => {
  const gitops = (engine: string, repoURL: string) => withChanges(devConfig(), { gitops: { engine, repoURL } });

  test.each([
    ['flux, scp-like', 'flux', 'git@github.com:me/repo.git', 'write "ssh://git@github.com/me/repo.git"'],
    ['flux, git://', 'flux', 'git://example.org/me/repo.git', 'write "https://example.org/me/repo.git"'],
    ['flux, https (control)', 'flux', 'https://github.com/me/repo.git', undefined],
    ['flux, ssh:// (control)', 'flux', 'ssh://git@github.com/me/repo.git', undefined],
    ['argocd, scp-like (control: Argo CD clones it)', 'argocd', 'git@github.com:me/repo.git', undefined],
  ])('%s', (_, engine, url, expected) => {
    const errors = configErrors(gitops(engine, url)).join('\n');
    if (expected === undefined) expect(errors).toBe('');
    else {
      expect(errors).toContain('gitops.repoURL:');
      expect(errors).toContain("Flux's GitRepository takes only an http://, https:// or ssh:// URL");
      expect(errors).toContain(expected);
      expect(errors.split('\n')).toHaveLength(1);
    }
  });

  test("the repoURL message no longer offers the scp form as Flux's", () => {
    const errors = configErrors(gitops('flux', 'not a url')).join('\n');
    expect(errors).toContain('"ssh://git@github.com/me/infra.git"');
    expect(errors).toContain('Flux does not');
  });

  const sha = '0123456789abcdef0123456789abcdef01234567';
  test.each([
    ['refs/heads/main', { name: 'refs/heads/main' }],
    ['refs/tags/v1', { name: 'refs/tags/v1' }],
    [sha, { commit: sha }],
    ['main', { branch: 'main' }],
    ['release/1.2', { branch: 'release/1.2' }],
  ])('revision %j is ref %j in every GitRepository', (revision, ref) => {
    const app = new App();
    const deferred = [{ file: 'cluster-issuers.yaml', apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer' }];
    new GitOpsChart(app, 'g', {
      engine: 'flux',
      name: 'k3s-vip-dev',
      repoURL: 'https://github.com/me/repo.git',
      revision,
      path: 'dist/dev',
      deferredManifests: deferred,
    });
    const repos = parseAllDocuments(app.synthYaml())
      .map((d) => d.toJS())
      .filter((o) => o.kind === 'GitRepository');
    expect(repos).toHaveLength(2);
    for (const repo of repos) expect(repo.spec.ref).toEqual(ref);
  });
});

describe('55a-8: K3S_VIP_DIST_DIR and K3S_VIP_CONFIG_DIR may not be, lie inside or hold each other or this project', () => {
  const link = (ws: string, to: string) => {
    const path = join(ws, `link-${Math.random().toString(36).slice(2)}`);
    symlinkSync(to, path);
    return path;
  };
  test.each<[string, (ws: string, cfg: string) => string, (ws: string, cfg: string) => string, RegExp]>([
    [
      'dist = this project',
      (_, cfg) => cfg,
      () => ROOT,
      /the output folder .*\/ is this project .*: point the output elsewhere \(K3S_VIP_DIST_DIR/,
    ],
    ['dist inside this project', (_, cfg) => cfg, () => join(ROOT, 'src'), /the output folder .*\/src\/ lies inside this project/],
    ['dist inside the project dist/', (_, cfg) => cfg, () => join(ROOT, 'dist', 'x'), /lies inside this project/],
    ['dist holds this project', (_, cfg) => cfg, () => dirname(ROOT), /the output folder .* holds this project/],
    [
      'dist inside the config folder',
      (_, cfg) => cfg,
      (_, cfg) => join(cfg, 'sub'),
      /the output folder .*\/cfg\/sub\/ lies inside the config folder .*\/cfg\//,
    ],
    ['dist = the config folder (control)', (_, cfg) => cfg, (_, cfg) => cfg, /the output folder .*\/ is the config folder/],
    ['dist holds the config folder (control)', (_, cfg) => cfg, (ws) => ws, /the output folder .*\/ holds the config folder/],
    ['dist a link to this project', (_, cfg) => cfg, (ws) => link(ws, ROOT), /is this project/],
    ['dist beneath a link to the config folder', (_, cfg) => cfg, (ws, cfg) => join(link(ws, cfg), 'new'), /lies inside the config folder/],
    ['config = this project', () => ROOT, (ws) => join(ws, 'out'), /the config folder .*\/ is this project .*: point K3S_VIP_CONFIG_DIR/],
    ['config holds this project', () => dirname(ROOT), (ws) => join(ws, 'out'), /the config folder .*\/ holds this project/],
    ['config inside dist', (ws) => join(ws, 'cfg'), (ws) => ws, /holds the config folder/],
  ])('synth: %s', (_, config, dist, expected) => {
    const { ws, cfg } = workspace();
    const before = readdirSync(ROOT).sort();
    const out = dist(ws, cfg);
    // Where the code under test wrongly writes (into this project), what a synth wrote goes again.
    // (Not in the project's dist/ and config/: test/user-files-guard.ts keeps every test out of those.)
    const own = [join(ROOT, 'dist'), join(ROOT, 'config')].some((folder) => `${out}/`.startsWith(`${folder}/`));
    const listed = own || existsSync(join(out, '.generated-files'));
    try {
      const { code, lines } = synthInto(config(ws, cfg), out);
      expect(code).toBe(1);
      expect(lines[0]).toMatch(expected);
      expect(lines[0]).toMatch(/^error: /);
      expect(lines.at(-1)).toMatch(/was left unchanged\.$/);
      expect(readdirSync(ROOT).sort()).toEqual(before);
      expect(existsSync(join(cfg, 'sub'))).toBe(false);
    } finally {
      if (!listed && existsSync(join(out, '.generated-files')))
        for (const name of ['dev', '.generated-files', '.k3s-vip.lock']) rmSync(join(out, name), { recursive: true, force: true });
      rmSync(ws, { recursive: true, force: true });
    }
  });

  test.each([
    ['a config folder inside this project (config/examples)', () => EXAMPLES_DIR],
    ['a config folder of its own', (cfg: string) => cfg],
  ])('control: %s beside an output folder of its own is used', (_, config) => {
    const { ws, cfg } = workspace();
    const { code, lines } = synthInto(config(cfg), join(ws, 'out'));
    expect(lines.join('\n')).not.toMatch(/this project|the config folder .* (is|lies inside|holds)/);
    expect(code).toBe(0);
    rmSync(ws, { recursive: true, force: true });
  });

  test.each([
    ['check', []],
    ['validate/conformance', []],
    ['new-cluster', ['x']],
    ['k3s/install', ['--cluster', 'dev', '--dir', '/nonexistent-55/manifests', '--dry-run']],
    ['main', []],
  ])('the command %s refuses an output folder inside the config folder in one line, writing nothing', (command, args) => {
    const { ws, cfg } = workspace();
    const run = spawnSync(process.execPath, [APP, command, ...args], {
      encoding: 'utf8',
      env: { ...process.env, K3S_VIP_CONFIG_DIR: cfg, K3S_VIP_DIST_DIR: join(cfg, 'sub') },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^error: the output folder .*\/cfg\/sub\/ lies inside the config folder .*\/cfg\/: point the output elsewhere/m,
    );
    expect(run.stderr).not.toContain('    at ');
    expect(existsSync(join(cfg, 'sub'))).toBe(false);
    expect(existsSync(join(cfg, 'x.yaml'))).toBe(false);
    rmSync(ws, { recursive: true, force: true });
  });
});

describe('55a-9: synth names the folders it created; no "//"', () => {
  test('missing parents are named in the last line', () => {
    const { ws, cfg } = workspace();
    const { code, lines } = synthInto(cfg, join(ws, 'a', 'b', 'c'));
    expect(code).toBe(0);
    expect(lines.at(-1)).toMatch(new RegExp(`; created ${ws}/a/ and b/c/ in it\\.$`));
    const again = synthInto(cfg, join(ws, 'a', 'b', 'c'));
    expect(again.lines.at(-1)).not.toContain('created');
    rmSync(ws, { recursive: true, force: true });
  });

  test('one new folder is named alone', () => {
    const { ws, cfg } = workspace();
    const { lines } = synthInto(cfg, join(ws, 'out'));
    expect(lines.at(-1)).toMatch(new RegExp(`; created ${ws}/out/\\.$`));
    rmSync(ws, { recursive: true, force: true });
  });

  test('the root folder is written "/", never "//"', () => {
    const { ws, cfg } = workspace();
    const { code, lines } = synthInto(cfg, '/');
    expect(code).toBe(1);
    expect(lines.join('\n')).not.toContain('//');
    expect(lines[0]).toContain('the output folder / holds the config folder');
    expect(lines.at(-1)).toBe('synth failed: / was left unchanged.');
    rmSync(ws, { recursive: true, force: true });
  });
});

describe('55a-10, 11, 12: entries that are no regular file', () => {
  let ws: string;
  let cfg: string;
  let dist: string;
  beforeEach(() => {
    ({ ws, cfg } = workspace());
    dist = join(ws, 'dist');
    expect(synthInto(cfg, dist).code).toBe(0);
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));
  const check = () => {
    const lines: string[] = [];
    const code = runCheck(cfg, dist, (l) => lines.push(l));
    return { code, lines };
  };

  test.each([
    ['a FIFO', (path: string) => mkfifo(path), 'dev/x.yaml (a FIFO)'],
    ['a symbolic link to a file', (path: string) => symlinkSync('/etc/passwd', path), 'dev/x.yaml (a symbolic link)'],
    ['a symbolic link to nothing', (path: string) => symlinkSync('/nonexistent-55', path), 'dev/x.yaml (a symbolic link)'],
  ])('check names %s in dist/ that synth did not write (55a-10)', (_, make, named) => {
    make(join(dist, 'dev', 'x.yaml'));
    const { code, lines } = check();
    expect(code).toBe(0);
    expect(lines.at(-1)).toContain(`1 other file(s) in it, not written by synth, were left out: ${named}`);
  });

  test.each([
    ['a symbolic link', (path: string) => symlinkSync(join(ws, 'victim'), path), 'a symbolic link'],
    ['a FIFO', (path: string) => mkfifo(path), 'a FIFO'],
  ])('check says %s stands where a generated file goes, and to move it before synth (55a-11)', (_, make, kind) => {
    unlinkSync(join(dist, 'dev', 'kube-vip.yaml'));
    make(join(dist, 'dev', 'kube-vip.yaml'));
    const { code, lines } = check();
    expect(code).toBe(1);
    expect(lines).toContain(`!!! dev/kube-vip.yaml is ${kind} where a generated file goes`);
    expect(lines.join('\n')).not.toContain('missing from the committed output');
    expect(lines.at(-1)).toMatch(
      /move away the 1 non-file\(s\) standing where generated files go \(synth writes through none\), then run `npm run synth`/,
    );
  });

  test('k3s:install still installs beside a FIFO, with the warning (55a-12; was a silent control of 35b-11)', () => {
    const target = join(ws, 'manifests');
    mkdirSync(target);
    mkfifo(join(target, 'pipe.yaml'));
    const lines: string[] = [];
    const code = runInstall({
      cluster: 'dev',
      distDir: dist,
      configDir: cfg,
      manifestsDir: target,
      dryRun: false,
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    expect(code).toBe(0);
    expect(lines.filter((l) => /^(error|warning): /.test(l))).toEqual([
      `warning: pipe.yaml is a FIFO, not a regular file, yet K3s reads every .yaml, .yml and .json file of ${target}, and reading it may wait for ever: remove it, or rename it to end in something else`,
    ]);
    expect(existsSync(join(target, 'kube-vip.yaml'))).toBe(true);
  });

  test.each([
    ['a FIFO named .yaml', 'zz.yaml', true],
    ['a FIFO named .json', 'zz.json', true],
    ['a FIFO K3s does not read (control)', 'zz.txt', false],
  ])('k3s:install warns about %s in the manifests folder (55a-12)', (_, name, warned) => {
    const target = join(ws, 'manifests');
    mkdirSync(target);
    mkfifo(join(target, name));
    const lines: string[] = [];
    const code = runInstall({
      cluster: 'dev',
      distDir: dist,
      configDir: cfg,
      manifestsDir: target,
      dryRun: true,
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    expect(code).toBe(0);
    const warning = lines.find((l) => l.startsWith(`warning: ${name} is a FIFO`));
    if (warned) expect(warning).toMatch(/not a regular file, yet K3s reads every \.yaml, \.yml and \.json file of .*: remove it/);
    else expect(warning).toBeUndefined();
  });
});

describe('55a-13: `new` over a symbolic link to nothing', () => {
  test('says a symbolic link stands there, and writes nothing through it', () => {
    const { ws, cfg } = workspace();
    symlinkSync(join(ws, 'gone'), join(cfg, 'x.yaml'));
    const lines: string[] = [];
    const code = newCluster(['x'], {
      configDir: cfg,
      schemaFile: join(ROOT, 'config.schema.json'),
      log: (l) => lines.push(l),
      out: (l) => lines.push(l),
    });
    expect(code).toBe(1);
    expect(lines).toEqual([
      `error: ${cfg}/x.yaml is a symbolic link (to nothing), so nothing was written there: remove the link, or pick another name`,
    ]);
    expect(existsSync(join(ws, 'gone'))).toBe(false);
    rmSync(ws, { recursive: true, force: true });
  });
});

describe('55a-14: an over-long key reads the same in a config and in a construct', () => {
  const long = 'a'.repeat(254);
  const config = withChanges(devConfig(), { certManager: { issuers: { [long]: { email: 'me@example.org' } } } });
  test.each([
    ['the YAML path', () => configErrors(config).join('\n')],
    ['K3sVipCluster', () => refusalOf(() => new K3sVipCluster(new App(), 'c', config))],
  ])('%s names it by its size', (_, refusal) => {
    const text = refusal();
    expect(text).toContain('certManager.issuers.(a text of 254 characters)');
    expect(text).not.toContain(long);
  });
});
