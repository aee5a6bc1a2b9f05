import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText } from '../src/config/load';
import { wiring } from '../src/main';
import { FileSystem, isTemporaryName, nodeFileSystem } from '../src/output/file-system';
import { LOCK_FILE, LockError, withFolderLock } from '../src/output/lock';
import {
  FileTree,
  GENERATED_LIST,
  listFiles,
  normaliseRecordedPath,
  readGeneratedList,
  syncTree,
  withGeneratedList,
} from '../src/output/publish';
import { runCheck } from '../src/check';
import { renderClusters } from '../src/synth';
import { DEV_YAML } from './helpers';

const ROOT = join(__dirname, '..');
const DEV = DEV_YAML;
const CHILD = join(__dirname, 'fixtures', 'publish-child.js');

/** The files a synth of these configs writes, as in dist/. */
function tree(configs: Record<string, string>): FileTree {
  const clusters = Object.entries(configs).map(([name, text]) => {
    const file = `config/${name}.yaml`;
    const { config, errors } = parseConfigText(file, text);
    if (!config) throw new Error(errors.map((e) => e.message).join('; '));
    return { name, file, config };
  });
  return withGeneratedList(renderClusters(clusters, wiring));
}

/** Before: two clusters. After: prod dropped, dev changed (a new VIP, no Ingress). */
const BEFORE = tree({ dev: DEV, prod: DEV.replace('192.168.0.41', '192.168.0.51') });
const AFTER = tree({ dev: DEV.replace('192.168.0.41', '192.168.0.42').replace(/ingresses:[\s\S]*$/, '') });
/** Files of the user's that live in dist/ and must survive everything. */
const USER_FILES = { '.gitkeep': '', 'dev/notes.md': '# my notes\n', 'prod/keep.yaml': 'kind: Mine\n' };

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
}

function folderWith(files: FileTree, extra: Record<string, string> = USER_FILES): string {
  const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-publish-'));
  syncTree(dir, files);
  for (const [path, text] of Object.entries(extra)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const expected = (files: FileTree, extra: Record<string, string> = USER_FILES) =>
  Object.fromEntries([...Object.entries(extra), ...files].sort(([a], [b]) => (a < b ? -1 : 1)));

/** Every generated-looking file left in `dir` is named in its list (the invariant the next synth relies on). */
function unaccounted(dir: string): string[] {
  const listed = new Set(readGeneratedList(dir).paths);
  return listFiles(dir).filter(
    (path) =>
      !(path in USER_FILES) &&
      path !== GENERATED_LIST &&
      path !== LOCK_FILE &&
      !isTemporaryName(path.split('/').pop()!) &&
      !listed.has(path),
  );
}

describe('publishing: the normal path', () => {
  test("drops a cluster and changes another: exactly the new output plus the user's files", () => {
    const dir = folderWith(BEFORE);
    const report = syncTree(dir, AFTER);
    expect(snapshot(dir)).toEqual(expected(AFTER));
    expect(report.removed).toEqual(expect.arrayContaining(['dev/ingresses.yaml', 'prod/kube-vip.yaml', 'prod/README.md']));
    expect(existsSync(join(dir, 'prod', 'k3s'))).toBe(false);
    expect(syncTree(dir, AFTER)).toEqual({ written: [], removed: [], unchanged: AFTER.size, warnings: [] });
  });

  test.each([
    ['dev//kube-vip.yaml', 'dev/kube-vip.yaml'],
    ['dev/./kube-vip.yaml', 'dev/kube-vip.yaml'],
    ['./dev/kube-vip.yaml', 'dev/kube-vip.yaml'],
    ['dev/k3s/../kube-vip.yaml', 'dev/kube-vip.yaml'],
    ['../outside.yaml', undefined],
    ['dev/../../outside.yaml', undefined],
    ['/etc/passwd', undefined],
    ['dev\\..\\..\\x', undefined],
    ['dev/', undefined],
    ['.', undefined],
  ])('recorded path %j is read as %j', (entry, path) => {
    expect(normaliseRecordedPath(entry)).toBe(path);
  });

  test('another spelling of a produced file in the list never removes it', () => {
    const dir = folderWith(AFTER, {});
    writeFileSync(join(dir, GENERATED_LIST), `${readFileSync(join(dir, GENERATED_LIST), 'utf8')}dev//kube-vip.yaml\ndev/./README.md\n`);
    syncTree(dir, AFTER);
    expect(snapshot(dir)).toEqual(expected(AFTER, {}));
  });

  test('a listed path outside the folder, or through a link, is never removed', () => {
    const outside = mkdtempSync(join(tmpdir(), 'k3s-vip-outside-'));
    writeFileSync(join(outside, 'precious.yaml'), 'keep\n');
    const dir = folderWith(AFTER, {});
    symlinkSync(outside, join(dir, 'dev', 'link'));
    symlinkSync(join(outside, 'precious.yaml'), join(dir, 'dev', 'file-link.yaml'));
    const relativeOut = `../${outside.split('/').pop()}/precious.yaml`;
    writeFileSync(
      join(dir, GENERATED_LIST),
      `${readFileSync(join(dir, GENERATED_LIST), 'utf8')}dev/link/precious.yaml\ndev/file-link.yaml\n${relativeOut}\n`,
    );
    const report = syncTree(dir, AFTER);
    expect(readFileSync(join(outside, 'precious.yaml'), 'utf8')).toBe('keep\n');
    expect(existsSync(join(dir, 'dev', 'file-link.yaml'))).toBe(true);
    expect(report.warnings).toEqual([
      `${join(dir, GENERATED_LIST)} lists ${JSON.stringify(relativeOut)}, which is outside ${dir}/: ignored`,
      'dev/file-link.yaml is a symbolic link, and synth never writes or deletes through links: left alone',
      'dev/link/precious.yaml: dev/link is a symbolic link, and synth never writes or deletes through links: left alone',
    ]);
  });

  test.each<[string, (dir: string) => void, string]>([
    [
      "a user's file where a new file goes",
      (dir) => writeFileSync(join(dir, 'dev', 'load-balancers.yaml'), 'mine\n'),
      'dev/load-balancers.yaml exists and was not written by synth',
    ],
    ['a folder where a file goes', (dir) => mkdirSync(join(dir, 'dev', 'load-balancers.yaml')), 'dev/load-balancers.yaml is a folder'],
    [
      'a link where a file goes',
      (dir) => symlinkSync('/etc/hostname', join(dir, 'dev', 'load-balancers.yaml')),
      'dev/load-balancers.yaml is a symbolic link, and synth never writes or deletes through links',
    ],
    ['a file where a folder goes', (dir) => writeFileSync(join(dir, 'new'), 'mine\n'), 'new is a file where synth needs a folder'],
    [
      'a link where a folder goes',
      (dir) => symlinkSync(tmpdir(), join(dir, 'new')),
      'new is a symbolic link, and synth never writes or deletes through links',
    ],
  ])('refuses %s, naming it, and changes nothing', (_, arrange, why) => {
    const dir = folderWith(AFTER, {});
    arrange(dir);
    const before = snapshot(dir);
    const target = tree({
      dev: `${DEV}loadBalancers:\n  - {name: db, selector: {app: db}, ports: [{port: 5432}], ips: [192.168.0.45]}\n`,
      new: DEV,
    });
    expect(() => syncTree(dir, target)).toThrow(new RegExp(`in the way: .*${why.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*: move`));
    expect(snapshot(dir)).toEqual(before);
  });

  test('adopts files an earlier synth wrote before the list existed (they carry our header)', () => {
    const dir = folderWith(BEFORE, {});
    writeFileSync(join(dir, 'dev', 'kube-vip.yaml'), readFileSync(join(dir, 'dev', 'kube-vip.yaml'), 'utf8').replace('v1.2.3', 'v1.2.2'));
    rmSync(join(dir, GENERATED_LIST));
    syncTree(dir, BEFORE);
    expect(snapshot(dir)).toEqual(expected(BEFORE, {}));
  });

  test.each<[string, (dir: string) => void, RegExp]>([
    ['the list is a folder', (dir) => mkdirSync(join(dir, GENERATED_LIST)), /\.generated-files is not a regular file: move it away/],
  ])('%s: one line', (_, arrange, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-publish-'));
    arrange(dir);
    expect(() => syncTree(dir, AFTER)).toThrow(message);
  });
});

/** A file system whose `n`th change fails with EIO. */
function failingAt(n: number): FileSystem & { changes: () => number } {
  let count = 0;
  const fail =
    <A extends unknown[], R>(op: (...args: A) => R) =>
    (...args: A): R => {
      if (++count === n) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
      return op(...args);
    };
  const fs = nodeFileSystem;
  return {
    ...fs,
    mkdir: fail(fs.mkdir),
    writeNewFile: fail(fs.writeNewFile),
    rename: fail(fs.rename),
    unlink: fail(fs.unlink),
    rmdir: fail(fs.rmdir),
    changes: () => count,
  };
}

describe('publishing under I/O errors (every change of the run fails once, in turn)', () => {
  const total = (() => {
    const dir = folderWith(BEFORE);
    const fs = failingAt(0);
    syncTree(dir, AFTER, fs);
    return fs.changes();
  })();

  test('the run makes enough changes to be worth attacking', () => {
    expect(total).toBeGreaterThan(10);
  });

  test.each(Array.from({ length: 24 }, (_, i) => i + 1))('EIO at change %i: one-line error, dist/ whole, the next synth is exact', (n) => {
    const dir = folderWith(BEFORE);
    const before = snapshot(dir);
    let message = '';
    try {
      syncTree(dir, AFTER, failingAt(n));
    } catch (e) {
      message = (e as Error).message;
    }
    if (n > total) {
      expect(message).toBe('');
    } else {
      expect(message).toMatch(/^cannot (write|remove|read) .*: input\/output error \(EIO\)/);
      expect(message).not.toContain('\n');
      // Before the removals start the run is rolled back; after, every file is whole and listed.
      // A failed write is rolled back (the disk works again for the rollback); a failed removal
      // leaves the new output in place, every file listed.
      if (message.startsWith('cannot write')) {
        expect(message).toContain('was left as it was');
        expect(snapshot(dir)).toEqual(before);
      }
      expect(unaccounted(dir)).toEqual([]);
    }
    syncTree(dir, AFTER);
    expect(snapshot(dir)).toEqual(expected(AFTER));
  });
});

function runChild(
  dir: string,
  files: FileTree,
  killAt: number,
  scope?: string[],
): Promise<{ code: number | null; signal: string | null; out: string }> {
  const job = join(dir, '..', `${dir.split('/').pop()}.job.json`);
  writeFileSync(job, JSON.stringify({ dir, files: [...files], killAt, scope }));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, job], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code, signal) => resolve({ code, signal, out }));
  });
}

describe('publishing under SIGKILL (a real process killed at every change of a synth that drops a cluster)', () => {
  test('at every point: each generated file left is listed; the next synth ends exact, lock and temporary files gone', async () => {
    const probe = folderWith(BEFORE);
    const clean = await runChild(probe, AFTER, 0);
    expect(clean.out).toMatch(/^done after \d+ changes\n$/);
    const total = Number(/after (\d+)/.exec(clean.out)![1]);
    expect(snapshot(probe)).toEqual(expected(AFTER));

    const points = Array.from({ length: total }, (_, i) => i + 1);
    for (let i = 0; i < points.length; i += 4) {
      await Promise.all(
        points.slice(i, i + 4).map(async (n) => {
          const dir = folderWith(BEFORE);
          const killed = await runChild(dir, AFTER, n);
          expect({ n, signal: killed.signal }).toEqual({ n, signal: 'SIGKILL' });
          expect({ n, unaccounted: unaccounted(dir) }).toEqual({ n, unaccounted: [] });
          // The next run takes over the dead run's lock and cleans up after it.
          withFolderLock(dir, { holder: 'test', waitMs: 2000 }, () => syncTree(dir, AFTER));
          expect({ n, files: snapshot(dir) }).toEqual({ n, files: expected(AFTER) });
        }),
      );
    }
  }, 60_000);
});

describe('publishing one cluster (--cluster) under SIGKILL at every change', () => {
  test("each generated file left is listed, prod's files never change; the next run ends exact", async () => {
    const prodOf = (dir: string) => Object.fromEntries(Object.entries(snapshot(dir)).filter(([path]) => path.startsWith('prod/')));
    const probe = folderWith(BEFORE);
    const prod = prodOf(probe);
    const clean = await runChild(probe, AFTER, 0, ['dev']);
    const total = Number(/after (\d+)/.exec(clean.out)![1]);
    expect(total).toBeGreaterThan(5);
    const exact = snapshot(probe);
    expect(prodOf(probe)).toEqual(prod);
    expect(readGeneratedList(probe).paths).toEqual(
      [
        ...new Set([
          ...readGeneratedList(folderWith(BEFORE)).paths.filter((p) => p.startsWith('prod/')),
          ...[...AFTER.keys()].filter((p) => p !== GENERATED_LIST),
        ]),
      ].sort(),
    );

    const points = Array.from({ length: total }, (_, i) => i + 1);
    for (let i = 0; i < points.length; i += 4) {
      await Promise.all(
        points.slice(i, i + 4).map(async (n) => {
          const dir = folderWith(BEFORE);
          const killed = await runChild(dir, AFTER, n, ['dev']);
          expect({ n, signal: killed.signal }).toEqual({ n, signal: 'SIGKILL' });
          expect({ n, unaccounted: unaccounted(dir) }).toEqual({ n, unaccounted: [] });
          expect({ n, prod: prodOf(dir) }).toEqual({ n, prod });
          withFolderLock(dir, { holder: 'test', waitMs: 2000 }, () => syncTree(dir, AFTER, nodeFileSystem, new Set(['dev'])));
          expect({ n, files: snapshot(dir) }).toEqual({ n, files: exact });
        }),
      );
    }
  }, 60_000);
});

describe('one run at a time', () => {
  test('a lock of a live process is waited for, then refused in one line naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-lock-'));
    const sleeper = spawn('sleep', ['10']);
    try {
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: sleeper.pid, host: hostname(), holder: 'synth', since: 'then' }));
      const started = Date.now();
      expect(() => withFolderLock(dir, { holder: 'test', waitMs: 300 }, () => 1)).toThrow(LockError);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(() => withFolderLock(dir, { holder: 'test', waitMs: 0 }, () => 1)).toThrow(
        `${join(dir, LOCK_FILE)} is held by synth (pid ${sleeper.pid} on ${hostname()}, since then): wait for it to finish and run again; if none is running, delete ${join(dir, LOCK_FILE)}`,
      );
    } finally {
      sleeper.kill();
    }
  });

  test.each([
    [
      'a dead process',
      (dir: string) =>
        writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), holder: 'synth', since: 'then' })),
    ],
    ['a process killed before it filled the lock in', (dir: string) => writeFileSync(join(dir, LOCK_FILE), '')],
  ])('a lock left by %s is taken over; the lock is released afterwards', (_, arrange) => {
    const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-lock-'));
    arrange(dir);
    expect(withFolderLock(dir, { holder: 'test', waitMs: 3000 }, () => 42)).toBe(42);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  test('two real synths of different configs into one dist/ at once: both succeed, dist/ matches one of them exactly', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'k3s-vip-race-'));
    const dist = join(ws, 'dist');
    const configs = {
      a: { 'dev.yaml': DEV, 'prod.yaml': DEV.replace('192.168.0.41', '192.168.0.51') },
      b: { 'dev.yaml': DEV.replace('192.168.0.41', '192.168.0.42').replace(/ingresses:[\s\S]*$/, '') },
    };
    for (const [name, files] of Object.entries(configs)) {
      mkdirSync(join(ws, name));
      for (const [file, text] of Object.entries(files)) writeFileSync(join(ws, name, file), text);
    }
    // Display paths in headers come from the working directory; both runs share it.
    const outputs = Object.fromEntries(
      Object.entries(configs).map(([name, files]) => {
        const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-race-ref-'));
        syncTree(
          dir,
          withGeneratedList(
            renderClusters(
              Object.entries(files).map(([file, text]) => ({
                name: file.replace('.yaml', ''),
                file: join(ws, name, file),
                config: parseConfigText(file, text).config!,
              })),
              wiring,
            ),
          ),
        );
        return [name, snapshot(dir)];
      }),
    );
    spawnSync(process.execPath, [join(ROOT, 'scripts', 'app.js'), 'no-such-command'], { cwd: ROOT }); // builds lib/ once
    const synth = (name: string, via: string) =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const child = spawn(process.execPath, [join(ROOT, 'scripts', via === 'app' ? 'app.js' : 'synth.js')], {
          cwd: ROOT,
          env: { ...process.env, K3S_VIP_CONFIG_DIR: join(ws, name), K3S_VIP_DIST_DIR: dist },
        });
        let err = '';
        child.stderr.on('data', (d) => (err += d));
        child.on('close', (code) => resolve({ code, err }));
      });
    // Rounds through the app alone, then one through `npm run synth`'s wrapper of the cdk8s CLI.
    for (const via of ['app', 'app', 'app', 'npm run synth']) {
      const results = await Promise.all([synth('a', via), synth('b', via)]);
      expect(results.map((r) => [r.code, r.err.includes('\n    at ')])).toEqual([
        [0, false],
        [0, false],
      ]);
      const now = snapshot(dist);
      expect([outputs.a, outputs.b]).toContainEqual(now);
    }
  }, 60_000);
});

describe('npm run check sees what an interrupted synth left', () => {
  test.each([
    [
      'a generated file no longer produced and no longer listed',
      'prod/kube-vip.yaml',
      '--- prod/kube-vip.yaml (stale: a fresh synth no longer writes it)',
    ],
    [
      'a temporary file of ours',
      'dev/.kube-vip.yaml.k3s-vip-123.tmp',
      '--- dev/.kube-vip.yaml.k3s-vip-123.tmp (temporary file of an interrupted synth)',
    ],
  ])('%s', (_, path, line) => {
    const ws = mkdtempSync(join(tmpdir(), 'k3s-vip-check-'));
    mkdirSync(join(ws, 'config'));
    writeFileSync(join(ws, 'config', 'dev.yaml'), DEV);
    const cwd = process.cwd();
    process.chdir(ws);
    try {
      mkdirSync('dist');
      syncTree('dist', tree({ dev: DEV }));
      const lines: string[] = [];
      expect(runCheck('config', 'dist', (l) => lines.push(l))).toBe(0);
      const copy = path.startsWith('prod') ? readFileSync(join('dist', 'dev', 'kube-vip.yaml'), 'utf8') : 'half';
      mkdirSync(join('dist', path, '..'), { recursive: true });
      writeFileSync(join('dist', path), copy);
      lines.length = 0;
      expect(runCheck('config', 'dist', (l) => lines.push(l))).toBe(1);
      expect(lines).toEqual([line, 'dist/ differs from a fresh synth: run `npm run synth` and commit the result.']);
    } finally {
      process.chdir(cwd);
    }
  });
});
