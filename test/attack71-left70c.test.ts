// Round 71, leftovers of 70c-6: every I/O refusal that can reach a user from a write says what to do, from one place
// (src/output/errno-advice.ts), in every command that writes (synth, new, k3s:install) and for the special folders
// (/proc, /sys) that check and validate read too; and each failure leaves dist/ and the K3s folder whole.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DEV_YAML, EXAMPLES_DIR } from './helpers';
import { runCheck } from '../src/check';
import { runInstall } from '../src/k3s/install-cli';
import { wiring } from '../src/main';
import { newCluster } from '../src/new-cluster';
import { describeFileError, nodeFileSystem } from '../src/output/file-system';
import { unreadableOutputFolder } from '../src/output/output-folder';
import { runSynth } from '../src/synth';

// The module itself (not an import's copy), so a spy on it reaches src/ (as attack70-int70 does).
const fs = require('node:fs') as typeof import('node:fs');

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'attack71-left70c-'));
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(scratch, { recursive: true, force: true });
});

const failure = (code: string, path?: string) => Object.assign(new Error(`${code}: simulated, open '${path}'`), { code, path });

/** Every file below `dir` -> its text, to prove a failed run left it whole. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath ?? entry.path, entry.name);
    if (entry.isFile()) files[relative(dir, path)] = readFileSync(path, 'utf8');
  }
  return files;
}

/** The advice each errno gets: a rule a user can act on, never a bare errno, naming the folder when it matters. */
const ADVISED: ReadonlyArray<readonly [string, RegExp]> = [
  ['EACCES', /: this user \(uid 1000\) may not write to \/x\/dist\/dev\/: make it writable for this user/],
  ['EPERM', /: this user \(uid 1000\) may not write to \/x\/dist\/dev\/: .*run as its owner/],
  ['EINVAL', /^invalid argument \(EINVAL\): \/x\/dist\/dev\/ refuses files .*choose a regular folder$/],
  ['EISDIR', /^is a folder \(EISDIR\): a folder stands at .*move it away/],
  ['ENOTDIR', /\(ENOTDIR\): a file stands on the way to .*move it away, or choose another folder$/],
  ['ENAMETOOLONG', /\(ENAMETOOLONG\): .*choose a shorter folder or name$/],
  ['ELOOP', /\(ELOOP\): symbolic links on the way .*point one at a real folder$/],
  ['EMFILE', /^too many open files \(EMFILE\): .*ulimit -n/],
  ['ENFILE', /\(ENFILE\): the system may open no more files/],
  ['EBUSY', /^in use \(EBUSY\): .*free it or choose another folder$/],
  ['ETXTBSY', /\(ETXTBSY\): .*is a program that is running/],
  ['EXDEV', /\(EXDEV\): .*keep both on one file system$/],
  ['EIO', /\(EIO\): the device failed: check it \(dmesg\)/],
  ['ENOSPC', /\(ENOSPC\): free space on that file system, then run again$/],
  ['EDQUOT', /\(EDQUOT\): free space within your quota/],
  ['EROFS', /\(EROFS\): .*remount it read-write/],
  ['ESTALE', /^Stale file handle \(ESTALE\): fix what the system reports for \/x\/dist\/dev\/ \(man 3 errno: ESTALE\), then run again$/],
];

describe('one errno -> advice map, with a generic fallback', () => {
  beforeEach(() => jest.spyOn(process, 'getuid').mockReturnValue(1000));

  test.each(ADVISED)('%s says what to do', (code, said) => {
    const error =
      code === 'ESTALE'
        ? Object.assign(failure(code, '/x/dist/dev/.a.yaml.k3s-vip-7.tmp'), { message: 'ESTALE: Stale file handle, open' })
        : failure(code, '/x/dist/dev/.a.yaml.k3s-vip-7.tmp');
    const line = describeFileError(error);
    expect(line).toMatch(said);
    expect(line).not.toMatch(/\n|\bat \S+ \(|simulated/);
  });

  test.each(['ENOENT', 'EEXIST', 'ENOTEMPTY'])('%s is worded by its caller, who knows what then', (code) => {
    expect(describeFileError(failure(code, '/x/a'))).toMatch(/^[a-z ]+ \(E[A-Z]+\)$/);
  });

  test('a caller that says what to do itself gets the reason alone', () => {
    expect(describeFileError(failure('ELOOP', '/x/a'), false)).toBe('too many symbolic links (ELOOP)');
  });

  test('an existing file refused is named itself; without a path, "that file or folder"', () => {
    const file = join(scratch, 'kept.yaml');
    writeFileSync(file, 'x\n');
    expect(describeFileError(failure('EACCES', file))).toContain(`may not write to ${file}:`);
    expect(describeFileError(failure('EACCES'))).toContain('may not write to that file or folder:');
  });

  test('root refused is told what refuses root', () => {
    jest.spyOn(process, 'getuid').mockReturnValue(0);
    expect(describeFileError(failure('EPERM', '/x/a'))).toMatch(/root was refused too: check \/x\/ for an immutable file or folder/);
  });
});

/** The errnos a write can meet in a real run, each injected at the first file a command creates. */
const WRITE_ERRNOS = [
  'EACCES',
  'EPERM',
  'EINVAL',
  'EISDIR',
  'ENOTDIR',
  'ENAMETOOLONG',
  'ELOOP',
  'EMFILE',
  'EBUSY',
  'ETXTBSY',
  'EXDEV',
  'ENOSPC',
  'EROFS',
  'EDQUOT',
];
const adviceOf = (code: string) => ADVISED.find(([c]) => c === code)![1];
/** The same advice inside a command's line, about whatever folder the command named. */
const inLine = (code: string) =>
  new RegExp(
    adviceOf(code)
      .source.replace(/^\^|\$$/g, '')
      .replace(/\\\/x\\\/dist\\\/dev\\\//g, '.*'),
  );

/** Makes `openSync` of this run's temporary files below `under` fail with `code`, as the kernel would. */
function failCreates(under: string, code: string): void {
  const real = fs.openSync;
  jest.spyOn(fs, 'openSync').mockImplementation(((path: import('node:fs').PathLike, ...rest: unknown[]) => {
    if (String(path).startsWith(under) && /\.k3s-vip-\d+\.tmp$/.test(String(path))) throw failure(code, String(path));
    return (real as (...args: unknown[]) => number)(path, ...rest);
  }) as typeof fs.openSync);
}

describe('synth: each errno says what to do, and dist/ is left whole', () => {
  let base: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'attack71-left70c-base-'));
    mkdirSync(join(base, 'config'));
    writeFileSync(join(base, 'config', 'dev.yaml'), DEV_YAML);
    expect(runSynth({ configDir: join(base, 'config'), distDir: join(base, 'dist'), wiring, log: () => {}, out: () => {} })).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  test.each(WRITE_ERRNOS)(
    '%s',
    (code) => {
      jest.spyOn(process, 'getuid').mockReturnValue(1000);
      const [config, dist] = [join(scratch, 'config'), join(scratch, 'dist')];
      cpSync(join(base, 'dist'), dist, { recursive: true });
      mkdirSync(config);
      writeFileSync(join(config, 'dev.yaml'), DEV_YAML.replace('address: 192.168.0.40', 'address: 192.168.0.39'));
      const before = snapshot(dist);
      failCreates(dist, code);
      const lines: string[] = [];
      expect(runSynth({ configDir: config, distDir: dist, wiring, log: (l) => lines.push(l), out: () => {} })).toBe(1);
      expect(lines[0]).toMatch(new RegExp(`^error: cannot write ${dist}/\\S+: `));
      expect(lines[0]).toMatch(inLine(code));
      expect(lines.join('\n')).not.toMatch(/\n\s+at |simulated/);
      jest.restoreAllMocks();
      expect(snapshot(dist)).toEqual(before);
    },
    60_000,
  );
});

describe('new: each errno says what to do, and config/ is left whole', () => {
  test.each(WRITE_ERRNOS)('%s', (code) => {
    jest.spyOn(process, 'getuid').mockReturnValue(1000);
    const config = join(scratch, 'cfg');
    cpSync(EXAMPLES_DIR, join(config, 'examples'), { recursive: true });
    const before = snapshot(config);
    failCreates(config, code);
    const lines: string[] = [];
    expect(newCluster(['twin'], { configDir: config, schemaFile: join(scratch, 'schema.json'), log: (l) => lines.push(l) })).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^error: cannot write ${config}/twin\\.yaml: `));
    expect(lines[0]).toMatch(inLine(code));
    jest.restoreAllMocks();
    expect(snapshot(config)).toEqual(before);
  });

  test('the same run with no fault writes the file', () => {
    const config = join(scratch, 'cfg');
    cpSync(EXAMPLES_DIR, join(config, 'examples'), { recursive: true });
    expect(newCluster(['twin'], { configDir: config, schemaFile: join(scratch, 'schema.json'), log: () => {} })).toBe(0);
    expect(readdirSync(config)).toContain('twin.yaml');
  });
});

describe('k3s:install: each errno says what to do, and the K3s folder is left whole', () => {
  let base: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'attack71-left70c-k3s-'));
    mkdirSync(join(base, 'config'));
    writeFileSync(join(base, 'config', 'dev.yaml'), DEV_YAML);
    expect(runSynth({ configDir: join(base, 'config'), distDir: join(base, 'dist'), wiring, log: () => {}, out: () => {} })).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const install = (manifestsDir: string, fault?: (path: string) => NodeJS.ErrnoException | undefined) => {
    const err: string[] = [];
    const code = runInstall({
      cluster: 'dev',
      distDir: join(base, 'dist'),
      configDir: join(base, 'config'),
      manifestsDir,
      dryRun: false,
      out: () => {},
      err: (l) => err.push(l),
      fs: fault && {
        ...nodeFileSystem,
        writeNewFile: (path: string, text: string) => {
          const error = fault(path);
          if (error) throw error;
          nodeFileSystem.writeNewFile(path, text);
        },
      },
    });
    return { code, err };
  };

  test.each(WRITE_ERRNOS)('%s', (code) => {
    jest.spyOn(process, 'getuid').mockReturnValue(1000);
    const target = join(scratch, 'manifests');
    mkdirSync(target);
    writeFileSync(join(target, 'mine.yaml'), 'kind: Mine\n');
    const before = snapshot(target);
    const run = install(target, (path) => (/\.k3s-vip-\d+\.tmp$/.test(path) ? failure(code, path) : undefined));
    expect(run.code).toBe(1);
    expect(run.err[0]).toMatch(new RegExp(`^error: cannot write ${target}/\\S+: `));
    expect(run.err[0]).toMatch(inLine(code));
    expect(run.err.join('\n')).not.toMatch(/\n\s+at |simulated/);
    expect(snapshot(target)).toEqual(before);
  });

  test('with no fault it installs', () => {
    const target = join(scratch, 'manifests');
    mkdirSync(target);
    expect(install(target).code).toBe(0);
  });

  test.each([
    ['/proc/self', 'proc'],
    ['/proc/self/new', 'proc'],
    ['/sys/kernel', 'sysfs'],
  ])('--dir %s is refused in one line naming it', (dir, kind) => {
    expect(install(dir).err).toEqual([
      `error: ${dir} is on the kernel's ${kind} file system, not a folder of files: choose a regular folder for --dir`,
    ]);
  });
});

describe('K3S_VIP_DIST_DIR on a special file system: synth, check and validate name it and say what to do', () => {
  const SPECIAL = [
    ['/proc/self', 'proc'],
    ['/proc/self/new', 'proc'],
    ['/sys/kernel', 'sysfs'],
    ['/sys/kernel/x/y', 'sysfs'],
  ];
  const said = (dir: string, kind: string) =>
    `${dir} is on the kernel's ${kind} file system, not a folder of files: choose a regular folder for K3S_VIP_DIST_DIR`;

  test.each(SPECIAL)(
    'synth %s',
    (dir, kind) => {
      mkdirSync(join(scratch, 'config'));
      writeFileSync(join(scratch, 'config', 'dev.yaml'), DEV_YAML);
      const lines: string[] = [];
      expect(runSynth({ configDir: join(scratch, 'config'), distDir: dir, wiring, log: (l) => lines.push(l), out: () => {} })).toBe(1);
      expect(lines[0]).toBe(`error: ${said(dir, kind)}`);
    },
    60_000,
  );

  test.each(SPECIAL)(
    'check and validate %s',
    (dir, kind) => {
      mkdirSync(join(scratch, 'config'));
      writeFileSync(join(scratch, 'config', 'dev.yaml'), DEV_YAML);
      expect(unreadableOutputFolder(dir)).toBe(said(dir, kind));
      const lines: string[] = [];
      expect(runCheck(join(scratch, 'config'), dir, (l) => lines.push(l))).toBe(1);
      expect(lines).toEqual([`error: ${said(dir, kind)}`]);
    },
    60_000,
  );

  test.each([
    ['a regular folder', () => join(scratch, 'dist')],
    ['a folder still to be created on a regular file system', () => join(scratch, 'a', 'b')],
  ])('%s is no special folder', (_, dir) => {
    expect(unreadableOutputFolder(dir())).toBeUndefined();
  });
});
