import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInstall } from '../src/k3s/install-cli';
import { wiring } from '../src/main';
import { LOCK_FILE, LockError, lockWaitMs, withFolderLock } from '../src/output/lock';
import { runSynth } from '../src/synth';
import { DEV_YAML } from './helpers';

const DEV = DEV_YAML;
const WAIT = 'K3S_VIP_LOCK_WAIT_SECONDS';
const expectedWait =
  'expected a whole number of seconds from 0 to 3600 (how long to wait for another run to finish), or unset it for the default of 30';

describe('K3S_VIP_LOCK_WAIT_SECONDS', () => {
  test.each<[string | undefined, number]>([
    [undefined, 30_000],
    ['', 30_000],
    ['0', 0],
    ['1', 1000],
    ['007', 7000],
    ['00030', 30_000],
    ['3600', 3_600_000],
  ])('%j waits %i ms', (value, ms) => {
    expect(lockWaitMs(value === undefined ? {} : { [WAIT]: value })).toBe(ms);
  });

  test.each(['2s', '-1', '1e309', 'abc', '3601', '1.5', ' 5', '5 ', '0x10', 'Infinity', 'NaN', '+5', '١٢'])(
    '%j is refused in one line naming the variable, the value and what is expected',
    (value) => {
      expect(() => lockWaitMs({ [WAIT]: value })).toThrow(new LockError(`${WAIT} is ${JSON.stringify(value)}: ${expectedWait}`));
    },
  );

  test('a long value is shown cut short', () => {
    expect(() => lockWaitMs({ [WAIT]: '9'.repeat(100) })).toThrow(`${WAIT} is "${'9'.repeat(40)}…": ${expectedWait}`);
  });

  describe('through the commands', () => {
    beforeEach(() => (process.env[WAIT] = '2s'));
    afterEach(() => delete process.env[WAIT]);

    test('synth: refused in one line, dist/ not even created', () => {
      const root = mkdtempSync(join(tmpdir(), 'k3s-vip-wait-'));
      mkdirSync(join(root, 'config'));
      writeFileSync(join(root, 'config', 'dev.yaml'), DEV);
      const dist = join(root, 'out', 'dist');
      const lines: string[] = [];
      expect(runSynth({ configDir: join(root, 'config'), distDir: dist, wiring, log: (l) => lines.push(l) })).toBe(1);
      expect(lines).toEqual([`error: ${WAIT} is "2s": ${expectedWait}`, `synth failed: ${dist}/ was left unchanged.`]);
      expect(existsSync(join(root, 'out'))).toBe(false);
    });

    test('k3s:install: refused in one line, then that nothing was written', () => {
      const root = mkdtempSync(join(tmpdir(), 'k3s-vip-wait-'));
      mkdirSync(join(root, 'dist', 'dev'), { recursive: true });
      writeFileSync(join(root, 'dist', 'dev', 'kustomization.yaml'), 'resources: [a.yaml]\n');
      writeFileSync(join(root, 'dist', 'dev', 'a.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
      mkdirSync(join(root, 'manifests'));
      const err: string[] = [];
      const code = runInstall({
        cluster: 'dev',
        distDir: join(root, 'dist'),
        manifestsDir: join(root, 'manifests'),
        dryRun: false,
        out: () => undefined,
        err: (l) => err.push(l),
      });
      expect(code).toBe(1);
      expect(err).toEqual([`error: ${WAIT} is "2s": ${expectedWait}`, `k3s:install: nothing was written to ${join(root, 'manifests')}.`]);
    });
  });
});

describe('what stands where the lock file goes', () => {
  // A FIFO, socket or device is named as one, and deleted rather than moved (72b-7).
  const notALock = (path: string, what: string) =>
    `${path} is ${what}, where synth and k3s:install keep their lock file (a file they create and delete each run): ` +
    (what === 'a FIFO' ? 'delete it if it was made there, or choose another folder' : 'move it away and run again');

  test.each<[string, (path: string) => void, string]>([
    ['a folder', (path) => mkdirSync(path), 'a folder'],
    ['a symbolic link to a file', (path) => symlinkSync('/etc/hostname', path), 'a symbolic link'],
    ['a dangling symbolic link', (path) => symlinkSync('/nowhere', path), 'a symbolic link'],
    ['a FIFO (reading it would block)', (path) => expect(spawnSync('mkfifo', [path]).status).toBe(0), 'a FIFO'],
  ])('%s: refused at once, naming the lock file, and left alone', (_, arrange, what) => {
    const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-lock-'));
    const path = join(dir, LOCK_FILE);
    arrange(path);
    let ran = false;
    expect(() => withFolderLock(dir, { holder: 'test', waitMs: 5000 }, () => (ran = true))).toThrow(new LockError(notALock(path, what)));
    expect(ran).toBe(false);
  });

  test('synth says the lock file is a folder, not dist/, and that dist/ was left unchanged', () => {
    const root = mkdtempSync(join(tmpdir(), 'k3s-vip-lock-'));
    mkdirSync(join(root, 'config'));
    writeFileSync(join(root, 'config', 'dev.yaml'), DEV);
    const dist = join(root, 'dist');
    mkdirSync(join(dist, LOCK_FILE), { recursive: true });
    const lines: string[] = [];
    expect(runSynth({ configDir: join(root, 'config'), distDir: dist, wiring, log: (l) => lines.push(l) })).toBe(1);
    expect(lines).toEqual([`error: ${notALock(join(dist, LOCK_FILE), 'a folder')}`, `synth failed: ${dist}/ was left unchanged.`]);
  });

  test('a folder that is gone: one line naming the lock file', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'k3s-vip-lock-')), 'gone');
    expect(() => withFolderLock(dir, { holder: 'test', waitMs: 0 }, () => 1)).toThrow(
      new LockError(`cannot lock ${join(dir, LOCK_FILE)}: no such file or folder (ENOENT)`),
    );
  });
});
