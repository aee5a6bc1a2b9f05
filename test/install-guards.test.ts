// @jest-own-suite: its time goes to child processes (scripts/test-suites.js).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEV_YAML, EXAMPLES_DIR } from './helpers';
import { tokenFilePath } from '../src/config/token-file';
import { runInstall } from '../src/k3s/install-cli';
import { configDirFromEnv, distDirFromEnv } from '../src/output/env-dirs';
import { withFolderLock } from '../src/output/lock';
import { FileSystem, nodeFileSystem } from '../src/output/file-system';
import { wiring } from '../src/main';
import { runSynth } from '../src/synth';

const ROOT = join(__dirname, '..');
const APP = join(ROOT, 'scripts', 'app.js');
/** lib/ is built once before the timed tests (scripts/app.js recompiles it when a source is newer). */
beforeAll(() => spawnSync(process.execPath, [APP, 'no-such-command'], { cwd: ROOT }), 120_000);

/**
 * A synth of `configDir` into `distDir` in this process, run from `ws` as `cd ws && node scripts/app.js` would be
 * (headers name the config relative to the working folder): the same files, without starting a process.
 */
function synthFrom(ws: string, configDir: string, distDir: string): void {
  const cwd = process.cwd();
  process.chdir(ws);
  try {
    expect(runSynth({ configDir, distDir, wiring, log: () => undefined })).toBe(0);
  } finally {
    process.chdir(cwd);
  }
}

/** A workspace: config/dev.yaml and its synthesized dist/. */
function workspace(configText = DEV_YAML): string {
  const ws = mkdtempSync(join(tmpdir(), 'k3s-vip-install-guard-'));
  mkdirSync(join(ws, 'config'));
  writeFileSync(join(ws, 'config', 'dev.yaml'), configText);
  synthFrom(ws, join(ws, 'config'), join(ws, 'dist'));
  return ws;
}

/** The YAML files of a folder, name -> text (the ownership record and other dotfiles left out). */
function yamlFiles(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => name.endsWith('.yaml') && !name.startsWith('.'))
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
  );
}

function install(ws: string, manifestsDir: string, extra: { configDir?: string; distDir?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runInstall({
    cluster: 'dev',
    distDir: extra.distDir ?? join(ws, 'dist'),
    configDir: extra.configDir ?? join(ws, 'config'),
    manifestsDir,
    dryRun: false,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out, err };
}

describe('A22: k3s.tokenFile must be in a folder made for the token (allow-shape), not any file the system keeps', () => {
  const NOT_MADE =
    /^is not in a folder made for the token \(the runbook overwrites the file, so it must be no file the system keeps\): put it under \/etc\/rancher\//;
  test.each<[string, RegExp | undefined]>([
    ['/etc/fstab', NOT_MADE],
    ['/etc/hosts', NOT_MADE],
    ['/etc/resolv.conf', NOT_MADE],
    ['/etc/ssh/sshd_config', NOT_MADE],
    ['/etc/crontab', NOT_MADE],
    ['/etc/cron.d/k3s', NOT_MADE],
    ['/root/.ssh/authorized_keys', NOT_MADE],
    ['/home/ops/.ssh/authorized_keys', NOT_MADE],
    ['/root/.bashrc', NOT_MADE],
    ['/etc/k3s-token/.hidden', NOT_MADE],
    ['/var/lib/dpkg/status', NOT_MADE],
    ['/opt/app/config', NOT_MADE],
    ['/home/token', NOT_MADE],
    ['/var/lib/rancher/k3s/server/token', /^is K3s' own token file/],
    ['/usr/lib/k3s/token', /^lies among installed programs/],
    ['/etc/rancher/k3s/cluster-token', undefined],
    ['/etc/rancher/token', undefined],
    ['/var/lib/rancher/cluster-token', undefined],
    ['/etc/k3s-token/token', undefined],
    ['/opt/k3s/token', undefined],
    ['/srv/cluster-tokens/dev', undefined],
    ['/root/k3s-token', undefined],
    ['/root/secrets/k3s', undefined],
    ['/home/ops/k3s/token', undefined],
  ])('%j', (path, expected) => {
    const problem = tokenFilePath(path);
    if (expected === undefined) expect(problem).toBeUndefined();
    else {
      expect(problem).toMatch(expected);
      expect(problem).toMatch(/e\.g\. "\/etc\/rancher\/k3s\/cluster-token"$/);
    }
  });
});

describe('A23: k3s:install never installs into the config folder, dist/ or this project', () => {
  let ws: string;
  beforeAll(() => {
    ws = workspace();
  }, 120_000);
  const fix = 'pass --dir <the K3s manifests folder> (default /var/lib/rancher/k3s/server/manifests)';
  test.each<[string, (ws: string) => string, (ws: string) => string]>([
    ['the config folder', (w) => join(w, 'config'), (w) => `is the config folder (${join(w, 'config')}/)`],
    [
      'a folder inside the config folder',
      (w) => join(w, 'config', 'manifests'),
      (w) => `lies inside the config folder (${join(w, 'config')}/)`,
    ],
    ['dist/', (w) => join(w, 'dist'), (w) => `is synth's output folder (${join(w, 'dist')}/)`],
    ['dist/<cluster>/', (w) => join(w, 'dist', 'dev'), (w) => `lies inside synth's output folder (${join(w, 'dist')}/)`],
    ['the folder that holds both', (w) => w, (w) => `holds the config folder (${join(w, 'config')}/)`],
    ['/', () => '/', (w) => `holds the config folder (${join(w, 'config')}/)`],
    ['a link to the config folder', (w) => join(w, 'link-to-config'), (w) => `is the config folder (${join(w, 'config')}/)`],
    ['this project', () => ROOT, () => `is this project (${ROOT}/)`],
    ['a folder inside this project (attack 8)', () => join(ROOT, 'src'), () => `lies inside this project (${ROOT}/)`],
    ['a new folder inside this project', () => join(ROOT, 'test', 'no-such-folder'), () => `lies inside this project (${ROOT}/)`],
    ['a link to a folder inside this project', (w) => join(w, 'link-to-src'), () => `lies inside this project (${ROOT}/)`],
    [
      'the folder that holds this project',
      () => dirname(ROOT),
      // A checkout in the temporary folder (a CI clone in /tmp) holds the test's config folder too, named first.
      (w) => (w.startsWith(`${dirname(ROOT)}/`) ? `holds the config folder (${join(w, 'config')}/)` : `holds this project (${ROOT}/)`),
    ],
  ])('%s is refused by name, nothing written', (_, dir, reason) => {
    for (const [target, link] of [
      [join(ws, 'config'), 'link-to-config'],
      [join(ROOT, 'src'), 'link-to-src'],
    ]) {
      try {
        symlinkSync(target, join(ws, link));
      } catch {
        // made by an earlier row
      }
    }
    const before = yamlFiles(join(ws, 'config'));
    const { code, err } = install(ws, dir(ws));
    expect(code).toBe(1);
    expect(err).toEqual([`error: --dir ${JSON.stringify(dir(ws))}: ${reason(ws)}: ${fix}`]);
    expect(yamlFiles(join(ws, 'config'))).toEqual(before);
    expect(existsSync(join(ROOT, 'test', 'no-such-folder'))).toBe(false);
    expect(readdirSync(join(ROOT, 'src')).filter((name) => !/\.ts$|^[a-z0-9-]+$/.test(name))).toEqual([]);
  });

  test('attack 9 I1: a --dir link re-pointed at the config folder during the run still installs where it pointed', () => {
    const safe = join(ws, 'safe');
    const link = join(ws, 'link-to-safe');
    mkdirSync(safe);
    symlinkSync(safe, link);
    const before = yamlFiles(join(ws, 'config'));
    let repointed = false;
    const racing: FileSystem = {
      ...nodeFileSystem,
      lstat: (path) => {
        if (!repointed) {
          repointed = true;
          unlinkSync(link);
          symlinkSync(join(ws, 'config'), link);
        }
        return nodeFileSystem.lstat(path);
      },
    };
    const out: string[] = [];
    const code = runInstall({
      cluster: 'dev',
      distDir: join(ws, 'dist'),
      configDir: join(ws, 'config'),
      manifestsDir: link,
      dryRun: false,
      fs: racing,
      out: (l) => out.push(l),
      err: (l) => out.push(l),
    });
    expect([code, out.join('\n')]).toEqual([0, expect.stringContaining('Done')]);
    expect(repointed).toBe(true);
    expect(yamlFiles(join(ws, 'config'))).toEqual(before);
    expect(Object.keys(yamlFiles(safe))).toEqual(['ingresses.yaml', 'kube-vip.yaml', 'traefik-config.yaml']);
  });

  test('a manifests folder beside them is fine', () => {
    expect(install(ws, join(ws, 'manifests')).code).toBe(0);
    expect(Object.keys(yamlFiles(join(ws, 'manifests')))).toEqual(['ingresses.yaml', 'kube-vip.yaml', 'traefik-config.yaml']);
  });
});

describe("A19: k3s:install reads dist/ under synth's lock", () => {
  test('while a synth holds dist/ locked, an install waits for it and installs nothing before', () => {
    const ws = workspace();
    mkdirSync(join(ws, 'manifests'));
    const held = withFolderLock(join(ws, 'dist'), { holder: 'synth', waitMs: 0 }, () =>
      spawnSync(process.execPath, [APP, 'k3s/install', '--cluster', 'dev', '--dir', join(ws, 'manifests')], {
        cwd: ws,
        env: { ...process.env, K3S_VIP_LOCK_WAIT_SECONDS: '0' },
        encoding: 'utf8',
      }),
    );
    expect(held.status).toBe(1);
    expect(held.stderr).toMatch(new RegExp(`^error: dist/\\.k3s-vip\\.lock is held by synth \\(pid ${process.pid} on `));
    expect(readdirSync(join(ws, 'manifests'))).toEqual([]);
  });

  test('real synths of two configs and real installs at once: every install is exactly one synth result', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'k3s-vip-install-race-'));
    const ha = readFileSync(join(EXAMPLES_DIR, 'ha.yaml'), 'utf8');
    const configs = { a: ha, b: DEV_YAML };
    const references: Record<string, Record<string, string>> = {};
    for (const [name, text] of Object.entries(configs)) {
      mkdirSync(join(ws, name));
      writeFileSync(join(ws, name, 'dev.yaml'), text);
      const dist = join(ws, `dist-${name}`);
      // The processes below run the same synth from the same folder.
      synthFrom(ws, join(ws, name), dist);
      references[name] = yamlFiles(join(dist, 'dev'));
      delete references[name]['kustomization.yaml'];
    }
    expect(Object.keys(references.a)).not.toEqual(Object.keys(references.b));
    const dist = join(ws, 'dist');
    const run = (args: string[], env: Record<string, string>) =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const child = spawn(process.execPath, [APP, ...args], { cwd: ws, env: { ...process.env, K3S_VIP_DIST_DIR: dist, ...env } });
        let err = '';
        child.stderr.on('data', (d) => (err += d));
        child.on('close', (code) => resolve({ code, err }));
      });
    expect((await run([], { K3S_VIP_CONFIG_DIR: join(ws, 'a') })).code).toBe(0);
    const synths = (async () => {
      // Two synths (b's config, then a's again) against the installs' four: each install overlaps a synth or
      // follows one, and both results are there to be installed (four synths drew more interleavings at a second each).
      for (let i = 0; i < 2; i++) expect((await run([], { K3S_VIP_CONFIG_DIR: join(ws, i % 2 ? 'a' : 'b') })).code).toBe(0);
    })();
    const installs = [0, 1].map(async (n) => {
      const dir = join(ws, `manifests-${n}`);
      mkdirSync(dir);
      const seen: string[] = [];
      for (let i = 0; i < 2; i++) {
        const result = await run(['k3s/install', '--cluster', 'dev', '--dir', dir], {});
        expect([result.code, result.err.includes('\n    at ')]).toEqual([0, false]);
        const installed = yamlFiles(dir);
        const which = Object.entries(references).find(([, files]) => JSON.stringify(files) === JSON.stringify(installed));
        expect(which && `${n}:${i}`).toBe(`${n}:${i}`);
        seen.push(which![0]);
      }
      return seen;
    });
    await Promise.all([synths, ...installs]);
  }, 120_000);
});

describe('A24: an empty K3S_VIP_DIST_DIR or K3S_VIP_CONFIG_DIR means unset', () => {
  test.each<[NodeJS.ProcessEnv, string, string]>([
    [{}, 'config', 'dist'],
    [{ K3S_VIP_CONFIG_DIR: '', K3S_VIP_DIST_DIR: '' }, 'config', 'dist'],
    [{ K3S_VIP_CONFIG_DIR: 'cfg', K3S_VIP_DIST_DIR: 'out' }, 'cfg', 'out'],
    [{ K3S_VIP_CONFIG_DIR: ' ', K3S_VIP_DIST_DIR: './' }, ' ', './'],
  ])('%j: config %j, dist %j', (env, config, dist) => {
    expect(configDirFromEnv(env)).toBe(config);
    expect(distDirFromEnv(env)).toBe(dist);
  });

  test('every command run with both empty uses config/ and dist/ of the working folder, and says so', () => {
    const ws = mkdtempSync(join(tmpdir(), 'k3s-vip-empty-env-'));
    mkdirSync(join(ws, 'config'));
    writeFileSync(join(ws, 'config', 'dev.yaml'), DEV_YAML);
    mkdirSync(join(ws, 'manifests'));
    const env = { ...process.env, K3S_VIP_CONFIG_DIR: '', K3S_VIP_DIST_DIR: '', K3S_VIP_QUIET_CLI: '1' };
    const app = (...args: string[]) => spawnSync(process.execPath, [APP, ...args], { cwd: ws, env, encoding: 'utf8' });
    const synth = app();
    expect([synth.status, synth.stderr]).toEqual([0, expect.not.stringMatching(/ \/[: ]|in \/\.|^error/m)]);
    expect(Object.keys(yamlFiles(join(ws, 'dist', 'dev')))).toContain('kube-vip.yaml');
    expect(app('check').status).toBe(0);
    expect(app('validate/conformance').status).toBe(0);
    const added = app('new-cluster', 'lab', '--from', 'dev');
    expect([added.status, readdirSync(join(ws, 'config')).sort()]).toEqual([0, ['dev.yaml', 'lab.yaml']]);
    const installed = app('k3s/install', '--cluster', 'dev', '--dir', join(ws, 'manifests'));
    expect([installed.status, Object.keys(yamlFiles(join(ws, 'manifests')))]).toEqual([
      0,
      ['ingresses.yaml', 'kube-vip.yaml', 'traefik-config.yaml'],
    ]);
  }, 60_000);
});
