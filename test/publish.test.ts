// @jest-own-suite: its time goes to child processes (scripts/test-suites.js).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { killAtEveryStep } from './kill-harness';
import { parseConfigText } from '../src/config/load';
import { wiring } from '../src/main';
import { FileSystem, isTemporaryName, nodeFileSystem } from '../src/output/file-system';
import { LOCK_FILE, LockError, withFolderLock } from '../src/output/lock';
import {
  FileTree,
  GENERATED_LIST,
  listFiles,
  normaliseRecordedPath,
  PublishError,
  readGeneratedList,
  syncTree,
  withGeneratedList,
} from '../src/output/publish';
import { runCheck } from '../src/check';
import { generatedHeader } from '../src/docs/cluster-documents';
import { renderClusters } from '../src/synth';
import { DEV_YAML } from './helpers';

const ROOT = join(__dirname, '..');
const DEV = DEV_YAML;

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
function unaccounted(dir: string, userFiles: Record<string, string> = USER_FILES): string[] {
  const listed = new Set(readGeneratedList(dir).paths);
  return listFiles(dir).filter(
    (path) =>
      !Object.hasOwn(userFiles, path) &&
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

/** A small publish that does every kind of step: remove a leftover temporary file, widen the list, update, create in new folders, remove a file and its folder, narrow the list. */
const header = generatedHeader('config/x.yaml');
const SMALL_BEFORE = withGeneratedList(
  new Map([
    ['a/kustomization.yaml', `${header}resources: [one.yaml, two.yaml]\n`],
    ['a/one.yaml', `${header}one: 1\n`],
    ['a/two.yaml', `${header}two: 2\n`],
    ['b/old.yaml', `${header}old: true\n`],
  ]),
);
const SMALL_AFTER = withGeneratedList(
  new Map([
    ['a/kustomization.yaml', `${header}resources: [one.yaml, two.yaml, three.yaml]\n`],
    ['a/one.yaml', `${header}one: 1.1\n`],
    ['a/two.yaml', `${header}two: 2\n`],
    ['c/deep/new.yaml', `${header}new: true\n`],
  ]),
);
const SMALL_USER_FILES = { '.gitkeep': '', 'a/notes.md': '# mine\n' };
const LEFTOVER = 'a/.one.yaml.k3s-vip-4194305.tmp';

/** A folder as a small publish finds it: the last synth's output, the user's files, a temporary file of a killed run. */
function smallFolder(): string {
  const dir = folderWith(SMALL_BEFORE, SMALL_USER_FILES);
  writeFileSync(join(dir, LEFTOVER), 'half');
  return dir;
}

/** Every file (with its text) and folder below `dir`, dotfiles included. */
function entries(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => {
      const path = relative(dir, join(e.parentPath, e.name));
      return e.isDirectory() ? [`${path}/`, '<folder>'] : [path, readFileSync(join(dir, path), 'utf8')];
    }),
  );
}

/** What changed from `before` to `after`, in the words of a failed run's outcome, sorted. */
function changesBetween(before: Map<string, string>, after: Map<string, string>): string[] {
  const lines: string[] = [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    if (path === LOCK_FILE || before.get(path) === after.get(path)) continue;
    const folder = path.endsWith('/');
    const what = folder ? `folder ${path}` : path;
    const written = isTemporaryName(path.split('/').pop()!) ? 'left temporary file' : 'wrote';
    lines.push(`${after.has(path) ? (folder ? 'created' : written) : 'removed'} ${what}`);
  }
  return lines.sort();
}

/** The node file system whose `n`th call (any call, reads too) fails with EIO; `calls` counts them all. */
function failingAt(n: number): FileSystem & { calls: () => number } {
  let count = 0;
  const fs = Object.fromEntries(
    Object.entries(nodeFileSystem).map(([name, call]) => [
      name,
      (...args: unknown[]) => {
        if (++count === n) throw Object.assign(new Error(`EIO: i/o error, ${name}`), { code: 'EIO' });
        return (call as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as unknown as FileSystem;
  return { ...fs, calls: () => count };
}

describe('publishing under I/O errors (every file-system call of the run fails once, in turn)', () => {
  const total = (() => {
    const fs = failingAt(0);
    syncTree(smallFolder(), SMALL_AFTER, fs);
    return fs.calls();
  })();

  test('the run makes enough calls to be worth attacking', () => {
    expect(total).toBeGreaterThan(40);
  });

  test.each(Array.from({ length: total + 1 }, (_, i) => i + 1))(
    'EIO at call %i: one line, and the outcome says exactly what changed; the next synth is exact',
    (n) => {
      const dir = smallFolder();
      const before = entries(dir);
      let error: PublishError | undefined;
      try {
        syncTree(dir, SMALL_AFTER, failingAt(n));
      } catch (e) {
        error = e as PublishError;
      }
      if (n > total) {
        expect(error).toBeUndefined();
      } else {
        expect(error).toBeInstanceOf(PublishError);
        expect(error!.message).toMatch(
          /^cannot (write|remove|read) .*: input\/output error \(EIO\): the device failed: check it \(dmesg\), then run again$/,
        );
        expect([...error!.outcome.changes].sort()).toEqual(changesBetween(before, entries(dir)));
        expect(unaccounted(dir, SMALL_USER_FILES)).toEqual([]);
      }
      syncTree(dir, SMALL_AFTER);
      expect(snapshot(dir)).toEqual(expected(SMALL_AFTER, SMALL_USER_FILES));
    },
  );

  test('a failure while writing is rolled back in full, and says how much it undid', () => {
    // The 3rd file written, in a new folder: after the list and a/one.yaml's text went in.
    let writes = 0;
    const fs: FileSystem = {
      ...nodeFileSystem,
      writeNewFile: (path, text) => {
        if (++writes === 3) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
        nodeFileSystem.writeNewFile(path, text);
      },
    };
    const dir = smallFolder();
    const before = entries(dir);
    // Every text is flushed before any rename: a/one.yaml was never replaced, so the list and the two new folders are undone.
    expect(() => syncTree(dir, SMALL_AFTER, fs)).toThrow(
      expect.objectContaining({
        message: `cannot write ${join(dir, 'c/deep/new.yaml')}: no space left on the device (ENOSPC): free space on that file system, then run again`,
        outcome: { changes: [`removed ${LEFTOVER}`], rolledBack: 3 },
      }),
    );
    before.delete(LEFTOVER);
    expect(entries(dir)).toEqual(before);
  });
});

/**
 * 45b-5: the files the small publish changes, where a kill left some new and some old, that have no flushed new text
 * waiting beside them: every text is written before the first rename, so old and new stand side by side only between renames.
 */
function mixedWithoutTexts(dir: string): string[] {
  const changed = ['a/kustomization.yaml', 'a/one.yaml', 'c/deep/new.yaml'];
  const now = (path: string) => (existsSync(join(dir, path)) ? readFileSync(join(dir, path), 'utf8') : undefined);
  const placed = changed.filter((path) => now(path) === SMALL_AFTER.get(path));
  if (!placed.length || placed.length === changed.length) return [];
  return changed
    .filter((path) => !placed.includes(path))
    .filter((path) => {
      const folder = join(dir, dirname(path));
      const waiting = existsSync(folder) ? readdirSync(folder).filter((name) => name.startsWith(`.${basename(path)}.k3s-vip-`)) : [];
      return !waiting.some((name) => readFileSync(join(folder, name), 'utf8') === SMALL_AFTER.get(path));
    });
}

describe('publishing under SIGKILL (a real process killed before every step of a small synth, the last one too)', () => {
  test('after each kill every generated file left is listed, and the next synth ends exact, lock and temporary files gone', async () => {
    const { steps, clean } = await killAtEveryStep(
      () => ({ run: 'publish', dir: smallFolder(), files: [...SMALL_AFTER] }),
      (step, job, last) => {
        expect({ step, unaccounted: unaccounted(job.dir, SMALL_USER_FILES) }).toEqual({ step, unaccounted: [] });
        expect({ step, mixed: mixedWithoutTexts(job.dir) }).toEqual({ step, mixed: [] });
        if (last) {
          // Killed before its last step, a flush: the folder is already the new output, the dead run's lock in it.
          expect(snapshot(job.dir)).toEqual({ ...expected(SMALL_AFTER, SMALL_USER_FILES), [LOCK_FILE]: expect.any(String) });
        }
        // The next run takes over the dead run's lock and cleans up after it.
        withFolderLock(job.dir, { holder: 'test', waitMs: 2000 }, () => syncTree(job.dir, SMALL_AFTER));
        expect({ step, files: snapshot(job.dir) }).toEqual({ step, files: expected(SMALL_AFTER, SMALL_USER_FILES) });
      },
    );
    expect(steps).toBeGreaterThan(15);
    expect(snapshot(clean.dir)).toEqual(expected(SMALL_AFTER, SMALL_USER_FILES));
  }, 60_000);
});

/** A publish of cluster `a` alone (`--cluster a`): it updates, creates in a new folder and removes in `a/`, and must leave `b/` as it is. */
const SCOPED_AFTER = withGeneratedList(
  new Map([
    ['a/kustomization.yaml', `${header}resources: [one.yaml, three.yaml]\n`],
    ['a/one.yaml', `${header}one: 1.1\n`],
    ['a/deep/three.yaml', `${header}three: 3\n`],
  ]),
);

describe('publishing one cluster (--cluster) under SIGKILL before every step', () => {
  test("each generated file left is listed, b's files and list entries never change; the next run ends exact", async () => {
    const ofB = (dir: string) => Object.fromEntries(Object.entries(snapshot(dir)).filter(([path]) => path.startsWith('b/')));
    const listedB = (dir: string) => readGeneratedList(dir).paths.filter((path) => path.startsWith('b/'));
    const b = ofB(smallFolder());
    const scope = new Set(['a']);
    const reference = smallFolder();
    syncTree(reference, SCOPED_AFTER, nodeFileSystem, scope);
    const exact = snapshot(reference);
    const { steps, clean } = await killAtEveryStep(
      () => ({ run: 'publish', dir: smallFolder(), files: [...SCOPED_AFTER], scope: ['a'] }),
      (step, job) => {
        expect({ step, unaccounted: unaccounted(job.dir, SMALL_USER_FILES) }).toEqual({ step, unaccounted: [] });
        expect({ step, b: ofB(job.dir), listed: listedB(job.dir) }).toEqual({ step, b, listed: ['b/old.yaml'] });
        withFolderLock(job.dir, { holder: 'test', waitMs: 2000 }, () => syncTree(job.dir, SCOPED_AFTER, nodeFileSystem, scope));
        expect({ step, files: snapshot(job.dir) }).toEqual({ step, files: exact });
      },
    );
    expect(steps).toBeGreaterThan(10);
    expect(snapshot(clean.dir)).toEqual(exact);
    expect(ofB(clean.dir)).toEqual(b);
    expect(readGeneratedList(clean.dir).paths).toEqual(['a/deep/three.yaml', 'a/kustomization.yaml', 'a/one.yaml', 'b/old.yaml']);
    expect(existsSync(join(clean.dir, 'a', 'two.yaml'))).toBe(false);
    expect(existsSync(join(clean.dir, LEFTOVER))).toBe(false);
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
    // A round through the app alone into an empty dist/, then one through `npm run synth`'s wrapper of the cdk8s CLI
    // into the dist/ of one of them (the lock itself is held to every interleaving by the kill tests above and the
    // lock tests of this block; more rounds of real processes only drew more interleavings at a second of CPU each).
    for (const via of ['app', 'npm run synth']) {
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
  const INTERRUPTED = ' (a synth was interrupted: its files may mix old and new output, so deploy none of them)';
  test.each([
    [
      'a generated file no longer produced and no longer listed',
      'prod/kube-vip.yaml',
      // Synth lists every file before it writes one: an unlisted file with its header was copied in by hand (76a-16).
      "--- prod/kube-vip.yaml (carries synth's header, but synth never wrote it, so synth leaves it: remove it by hand)",
      '',
      'remove the 1 file(s) synth did not write but that carry its header, then run `npm run synth`',
    ],
    [
      'a temporary file of ours',
      'dev/.kube-vip.yaml.k3s-vip-123.tmp',
      '--- dev/.kube-vip.yaml.k3s-vip-123.tmp (temporary file of an interrupted synth)',
      INTERRUPTED,
      'run `npm run synth`',
    ],
  ])('%s', (_, path, line, why, todo) => {
    inCheckedWorkspace(() => {
      const copy = path.startsWith('prod') ? readFileSync(join('dist', 'dev', 'kube-vip.yaml'), 'utf8') : 'half';
      mkdirSync(join('dist', path, '..'), { recursive: true });
      writeFileSync(join('dist', path), copy);
      const lines: string[] = [];
      expect(runCheck('config', 'dist', (l) => lines.push(l))).toBe(1);
      expect(lines).toEqual([line, `dist/ differs from a fresh synth${why}: ${todo} and commit the result.`]);
    });
  });

  test('the widened list of a killed synth (entries without digests) is named as an interruption (45b-5)', () => {
    inCheckedWorkspace(() => {
      const list = join('dist', GENERATED_LIST);
      writeFileSync(list, readFileSync(list, 'utf8').replace(/ sha256:[0-9a-f]{64}$/gm, ''));
      const lines: string[] = [];
      expect(runCheck('config', 'dist', (l) => lines.push(l))).toBe(1);
      expect(lines.at(-1)).toBe(`dist/ differs from a fresh synth${INTERRUPTED}: run \`npm run synth\` and commit the result.`);
    });
  });
});

/** Runs `edit` in a temporary workspace whose dist/ a synth of config/dev.yaml has just written (check passes). */
function inCheckedWorkspace(edit: () => void): void {
  const ws = mkdtempSync(join(tmpdir(), 'k3s-vip-check-'));
  mkdirSync(join(ws, 'config'));
  writeFileSync(join(ws, 'config', 'dev.yaml'), DEV);
  const cwd = process.cwd();
  process.chdir(ws);
  try {
    mkdirSync('dist');
    syncTree('dist', tree({ dev: DEV }));
    expect(runCheck('config', 'dist', () => undefined)).toBe(0);
    edit();
  } finally {
    process.chdir(cwd);
    rmSync(ws, { recursive: true, force: true });
  }
}

describe('check never prints a secret of a hand-edited file', () => {
  test('a password and a K3s token added to a dist/ file are redacted in the diff', () => {
    inCheckedWorkspace(() => {
      const file = join('dist', 'dev', 'kube-vip.yaml');
      const token = `K10${'cd'.repeat(32)}::server:tokPART`;
      writeFileSync(file, `${readFileSync(file, 'utf8')}---\nkind: ConfigMap\ndata:\n  db-password: pwPART-123\n  note: "${token}"\n`);
      const lines: string[] = [];
      expect(runCheck('config', 'dist', (l) => lines.push(l))).toBe(1);
      expect(lines.join('\n')).toMatch(/db-password: <redacted>/);
      expect(lines.join('\n')).not.toMatch(/pwPART|tokPART/);
    });
  });
});
