// Round 70c (70c-1 to 70c-7): what synth, check, validate, k3s:install and new say. A bare `cdk8s synth` stages in a
// folder of its own (never `npm run synth`'s), and a race on it says what to do; the launcher says only what it knows
// of a killed app; a lock naming no single process is garbled; check gives synth's advice for an emptied config
// folder; a file past 8 MiB is refused by its size, unread; a full disk, a read-only mount, a racing `new` and an
// output folder that is no folder say what to do; `cdk8s synth -o <elsewhere>` names that folder, and that it made it.
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_YAML, EXAMPLES_DIR } from './helpers';
import { runCheck } from '../src/check';
import { readSource } from '../src/k3s/install-apply';
import { wiring } from '../src/main';
import { newCluster } from '../src/new-cluster';
import { PROJECT_ROOT } from '../src/output/cache-folder';
import { describeFileError } from '../src/output/file-system';
import { LOCK_FILE, withFolderLock } from '../src/output/lock';
import { stagingEpilogue, stagingRefusal, writeStagingCopy } from '../src/output/staging-folder';
import { tooLargeProblem } from '../src/output/too-large';
import { runSynth, SynthOptions } from '../src/synth';
import { main as validate } from '../src/validate/conformance';
import { cpuMillisSince } from './cpu-time';

// The module object itself, so a spy on it reaches the code under test.
const fs = require('node:fs') as typeof import('node:fs');

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'int70-test-'));
});
afterEach(() => {
  jest.restoreAllMocks();
  delete process.env.K3S_VIP_DIST_DIR;
  delete process.env.K3S_VIP_CONFIG_DIR;
  process.exitCode = undefined;
  rmSync(scratch, { recursive: true, force: true });
});

function workspace(configs: Record<string, string> = { dev: DEV_YAML }) {
  const config = join(scratch, 'config');
  mkdirSync(config, { recursive: true });
  for (const [name, text] of Object.entries(configs)) writeFileSync(join(config, `${name}.yaml`), text);
  return { config, dist: join(scratch, 'dist') };
}

function synth(ws: { config: string; dist: string }, options: Partial<SynthOptions> = {}) {
  const lines: string[] = [];
  const code = runSynth({ configDir: ws.config, distDir: ws.dist, wiring, log: (l) => lines.push(l), out: () => {}, ...options });
  return { code, lines };
}

function check(ws: { config: string; dist: string }) {
  const lines: string[] = [];
  const code = runCheck(ws.config, ws.dist, (l) => lines.push(l));
  return { code, lines };
}

/** `npm run validate` over `dist`, in this process: its lines and exit code. */
function validated(dist: string, config: string) {
  process.env.K3S_VIP_DIST_DIR = dist;
  process.env.K3S_VIP_CONFIG_DIR = config;
  const lines: string[] = [];
  jest.spyOn(process.stderr, 'write').mockImplementation((text) => {
    lines.push(...String(text).trimEnd().split('\n'));
    return true;
  });
  validate([]);
  const code = process.exitCode ?? 0;
  jest.restoreAllMocks();
  return { code, lines };
}

describe('70c-3: a lock naming no single process is garbled: stale after a second, never "since undefined"', () => {
  const lockWith = (owner: object, oldMs: number) => {
    const dir = join(scratch, 'locked');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(owner));
    const then = new Date(Date.now() - oldMs);
    utimesSync(join(dir, LOCK_FILE), then, then);
    return dir;
  };
  const take = (dir: string) => {
    const notes: string[] = [];
    try {
      withFolderLock(dir, { holder: 'synth', waitMs: 200, onStale: (n) => notes.push(n) }, () => 0);
      return { taken: true, notes, error: '' };
    } catch (e) {
      return { taken: false, notes, error: (e as Error).message };
    }
  };
  const host = hostname();
  test.each([
    ['pid 0 without since', { pid: 0, host, holder: 'synth' }],
    ['pid -1 without since', { pid: -1, host, holder: 'synth' }],
    ['pid 0 with since', { pid: 0, host, holder: 'synth', since: new Date().toISOString() }],
    ['pid 1.5', { pid: 1.5, host, holder: 'synth' }],
    ['pid as text', { pid: String(process.pid), host, holder: 'synth' }],
    ['pid past any safe integer', { pid: 2 ** 60, host, holder: 'synth' }],
    ['pid 0 of another host', { pid: 0, host: 'elsewhere', holder: 'synth' }],
  ])('%s, a day old, is taken over as unfinished', (_, owner) => {
    const { taken, notes } = take(lockWith(owner, 86_400_000));
    expect(taken).toBe(true);
    expect(notes.join('\n')).toMatch(/left unfinished/);
  });

  test('a live process of this machine without since is waited for, and refused without "since undefined"', () => {
    const { taken, error } = take(lockWith({ pid: process.pid, host, holder: 'synth' }, 86_400_000));
    expect(taken).toBe(false);
    expect(error).toMatch(/is held by synth \(pid \d+ on [^,)]+\): wait for it/);
    expect(error).not.toContain('undefined');
  });

  test('a live process with since still names when', () => {
    const since = new Date().toISOString();
    const { taken, error } = take(lockWith({ pid: process.pid, host, holder: 'check', since }, 0));
    expect(taken).toBe(false);
    expect(error).toContain(`, since ${since})`);
  });
});

describe('70c-4: check of an emptied config folder gives the advice synth gives', () => {
  test('check names K3S_VIP_CONFIG_DIR and the folders to delete by hand, never "run `npm run synth`" alone', () => {
    const ws = workspace({ dev: DEV_YAML, home: DEV_YAML });
    expect(synth(ws).code).toBe(0);
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    const { code, lines } = check({ config: empty, dist: ws.dist });
    expect(code).toBe(1);
    const last = lines.at(-1)!;
    expect(last).toContain('holds no cluster config');
    expect(last).toContain('K3S_VIP_CONFIG_DIR');
    expect(last).toContain(`delete ${ws.dist}/dev/ ${ws.dist}/home/ by hand`);
    expect(last).not.toContain('and commit the result');
    // synth says the same about what to do.
    const refused = synth({ config: empty, dist: ws.dist });
    expect(refused.lines.join('\n')).toContain(`delete ${ws.dist}/dev/ ${ws.dist}/home/ by hand`);
  });

  test('a config folder with a cluster still advises `npm run synth`', () => {
    const ws = workspace({ dev: DEV_YAML, home: DEV_YAML });
    expect(synth(ws).code).toBe(0);
    rmSync(join(ws.config, 'home.yaml'));
    const { code, lines } = check(ws);
    expect(code).toBe(1);
    expect(lines.at(-1)).toMatch(/run `npm run synth` and commit the result\.$/);
  });
});

describe('70c-5: a file past 8 MiB is refused by its size, unread, by name, with what to do', () => {
  test.each([
    [8 << 20, false],
    [(8 << 20) + 1, true],
    [200_000_000, true],
  ])('%i bytes: refused %s', (size, refused) => {
    const problem = tooLargeProblem(size, 'dist/home/huge.yaml', 'validate');
    expect(problem !== undefined).toBe(refused);
    if (refused) expect(problem).toMatch(/^dist\/home\/huge\.yaml is \d+ bytes, more than validate reads \(8 MiB\), .*move the file away/);
  });

  const bigFile = (path: string, size: number, oneLine: boolean) => {
    if (oneLine) writeFileSync(path, 'a'.repeat(size));
    else {
      // Sparse: nothing is read to tell its size.
      closeSync(openSync(path, 'w'));
      truncateSync(path, size);
    }
  };

  test.each([
    ['a stray file of one 8 MiB line', 'dev/huge.yaml', (8 << 20) + 100, true],
    ['a generated file overwritten with 9 MiB', 'dev/kube-vip.yaml', 9 << 20, true],
    ['a 200 MB file', 'dev/huge.yaml', 200_000_000, false],
  ])(
    'validate: %s is named, never "Maximum call stack size exceeded"',
    (_, path, size, oneLine) => {
      const ws = workspace();
      expect(synth(ws).code).toBe(0);
      bigFile(join(ws.dist, path), size, oneLine);
      const started = process.cpuUsage();
      const { code, lines } = validated(ws.dist, ws.config);
      expect(cpuMillisSince(started)).toBeLessThan(20_000);
      expect(code).toBe(1);
      const text = lines.join('\n');
      expect(text).not.toContain('call stack');
      expect(text).toContain(`error: ${ws.dist}/${path} is ${size} bytes, more than validate reads (8 MiB)`);
    },
    60_000,
  );

  test.each([
    ['a generated file overwritten with 9 MiB', 'dev/kube-vip.yaml', 9 << 20, true],
    ['a 200 MB stray file', 'dev/huge.yaml', 200_000_000, false],
  ])(
    'check: %s is named, unread',
    (_, path, size, oneLine) => {
      const ws = workspace();
      expect(synth(ws).code).toBe(0);
      bigFile(join(ws.dist, path), size, oneLine);
      const started = process.cpuUsage();
      const { code, lines } = check(ws);
      expect(cpuMillisSince(started)).toBeLessThan(20_000);
      expect(code).toBe(1);
      expect(lines.join('\n')).not.toContain('call stack');
      expect(lines).toContain(
        `error: ${ws.dist}/${path} is ${size} bytes, more than check reads (8 MiB), so it was refused unread: no manifest is that large ` +
          '(keep large data out of the manifests: ship it in an image or a volume); move the file away, then run `npm run synth`',
      );
    },
    60_000,
  );

  test('k3s:install refuses a listed 200 MB file by its size', () => {
    const ws = workspace();
    expect(synth(ws).code).toBe(0);
    bigFile(join(ws.dist, 'dev', 'kube-vip.yaml'), 200_000_000, false);
    expect(() => readSource(ws.dist, 'dev')).toThrow(/dev\/kube-vip\.yaml is 200000000 bytes, more than k3s:install reads \(8 MiB\)/);
  });

  test('a synthesized dist/ is still read whole by check and validate', () => {
    const ws = workspace();
    expect(synth(ws).code).toBe(0);
    expect(check(ws).code).toBe(0);
    expect(validated(ws.dist, ws.config).code).toBe(0);
  }, 60_000);
});

describe('70c-6: I/O refusals say what to do', () => {
  const failure = (code: string) => Object.assign(new Error(`${code}: x`), { code });
  test.each([
    ['ENOSPC', /^no space left on the device \(ENOSPC\): free space on that file system, then run again$/],
    ['EDQUOT', /^disk quota exceeded \(EDQUOT\): free space within your quota/],
    ['EROFS', /^read-only file system \(EROFS\): .*remount it read-write, or point the run at a writable folder$/],
    ['EACCES', /^permission denied \(EACCES\): (this user \(uid \d+\) may not write to|root was refused too: check) that file or folder/],
  ])('%s', (code, said) => {
    expect(describeFileError(failure(code))).toMatch(said);
  });

  test('a `new` racing another says what the refusal without a race says', () => {
    const config = join(scratch, 'cfg');
    fs.cpSync(EXAMPLES_DIR, join(config, 'examples'), { recursive: true });
    const real = fs.linkSync;
    // The other run's file lands between this run's check and its link: the real link then fails with EEXIST.
    jest.spyOn(fs, 'linkSync').mockImplementation((from, to) => {
      if (String(to).endsWith('twin.yaml')) writeFileSync(String(to), 'the other run\n');
      real(from, to);
    });
    const lines: string[] = [];
    const code = newCluster(['twin'], { configDir: config, schemaFile: join(scratch, 'schema.json'), log: (l) => lines.push(l) });
    jest.restoreAllMocks();
    expect(code).toBe(1);
    expect(lines).toEqual([`error: ${config}/twin.yaml already exists: pick another name, or edit that file`]);
    expect(readFileSync(join(config, 'twin.yaml'), 'utf8')).toBe('the other run\n');
  });

  test.each([
    ['a file', (at: string) => writeFileSync(at, 'x'), /is a file, not a folder: move it away or point K3S_VIP_DIST_DIR elsewhere/],
    [
      'a loop of links',
      (at: string) => {
        symlinkSync(`${at}-b`, at);
        symlinkSync(at, `${at}-b`);
      },
      /is a loop of symbolic links: point K3S_VIP_DIST_DIR at a folder/,
    ],
    ['a path through a file', (at: string) => writeFileSync(at, 'x'), /is a file, not a folder: point K3S_VIP_DIST_DIR elsewhere/, 'sub'],
  ])('K3S_VIP_DIST_DIR naming %s: check and validate say what to do', (_, make, said, below = '') => {
    const ws = workspace();
    const at = join(scratch, 'out');
    make(at);
    const dist = below ? join(at, below) : at;
    const checked = check({ config: ws.config, dist });
    expect(checked.code).toBe(1);
    expect(checked.lines.at(-1)).toMatch(said);
    const { code, lines } = validated(dist, ws.config);
    expect(code).toBe(1);
    expect(lines.at(-1)).toMatch(said);
  });
});

describe('70c-1: a bare `cdk8s synth` stages apart from `npm run synth`, and a race on its folder says what to do', () => {
  test("cdk8s.yaml's output is a folder of its own inside .cdk8s.out/, never a run-<pid> folder's parent", () => {
    const output = /^output: (.*)$/m.exec(readFileSync(join(PROJECT_ROOT, 'cdk8s.yaml'), 'utf8'))?.[1];
    expect(output).toBe('.cdk8s.out/bare');
    expect(stagingRefusal(join(PROJECT_ROOT, output!), join(scratch, 'c'), join(scratch, 'd'))).toBeUndefined();
  });

  test('a staging folder made by another run since the CLI cleared it: wait for that synth, then run again', () => {
    const dir = join(scratch, 'staging');
    mkdirSync(dir);
    expect(writeStagingCopy(dir, new Map([['a.yaml', 'a: 1\n']]))).toMatch(
      /running at the same time.*wait for that synth to finish, then run again$/,
    );
  });

  test('a staging folder not there is written, and its creation told', () => {
    const dir = join(scratch, 'o1', 'o2');
    let first: string | undefined;
    expect(writeStagingCopy(dir, new Map([['a.yaml', 'a: 1\n']]), (made) => (first = made))).toBeUndefined();
    expect(first).toBe(join(scratch, 'o1'));
  });
});

describe('70c-2: the launcher says only what it can know of an app killed under the CLI', () => {
  const launcher = readFileSync(join(PROJECT_ROOT, 'scripts', 'synth.js'), 'utf8');
  test.each([
    ['names dist/ as every other line does', /\$\{DIST\} may have been changed/, true],
    ['sends to `npm run check` to tell whether', /`npm run check\\` says whether/, true],
    ['never claims a partial output', /the output folder may hold part of the new output/, false],
  ])('%s', (_, text, present) => {
    expect(text.test(launcher)).toBe(present);
  });
});

describe('70c-7: `cdk8s synth -o <folder elsewhere>` names that folder, and that the run created it', () => {
  test('the summary names the -o folder and its creation', () => {
    const ws = workspace();
    const out = join(scratch, 'o1', 'o2');
    const { code, lines } = synth(ws, { stagingDir: out });
    expect(code).toBe(0);
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^synth: .*\\(The paths cdk8s lists next are its copy of these files in ${out}/, the cdk8s output folder \\(-o\\), which stays; created ${join(scratch, 'o1')}/ and o2/ in it\\.\\)$`,
      ),
    );
    expect(lines.at(-1)).not.toContain('.cdk8s.out');
  });

  test.each([
    ['the staging area', join(PROJECT_ROOT, '.cdk8s.out', 'bare'), ' (The .cdk8s.out/ paths cdk8s lists next are only its staging copy.)'],
    [
      'a run-<pid> folder',
      join(PROJECT_ROOT, '.cdk8s.out', 'run-1'),
      ' (The .cdk8s.out/ paths cdk8s lists next are only its staging copy.)',
    ],
  ])('%s keeps the staging note', (_, dir, note) => {
    expect(stagingEpilogue(dir, undefined)).toBe(note);
  });

  test('an -o folder that stood (made by the CLI user) is not said to be created', () => {
    expect(stagingEpilogue(join(scratch, 'kept'), undefined)).not.toContain('created');
  });
});
