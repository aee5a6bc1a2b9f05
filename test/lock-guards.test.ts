// @jest-own-suite: it mocks modules, which holds for a whole registry (scripts/test-suites.js).
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, LockError, withFolderLock } from '../src/output/lock';

/** The next writeSync calls of src/output/lock.ts do this instead (node:fs cannot be spied on: its exports are not configurable). */
let failWrite: (() => number) | undefined;
jest.mock('node:fs', () => {
  const actual = jest.requireActual<typeof import('node:fs')>('node:fs');
  return { ...actual, writeSync: (...args: Parameters<typeof actual.writeSync>) => (failWrite ? failWrite() : actual.writeSync(...args)) };
});

const folder = () => mkdtempSync(join(tmpdir(), 'k3s-vip-lock-guard-'));
const onLinux = existsSync('/proc/sys/kernel/random/boot_id');
const linuxTest = onLinux ? test : test.skip;
const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
const startOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
};
const owner = (fields: object) => JSON.stringify({ host: hostname(), holder: 'synth', since: new Date().toISOString(), ...fields });

describe('A20: a lock that cannot be written is not left behind', () => {
  afterEach(() => (failWrite = undefined));

  test.each([
    [
      'the disk is full',
      () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    ],
    ['only part of it is written', () => 3],
  ])('when %s: a one-line LockError, and no lock file', (_, write) => {
    const dir = folder();
    failWrite = write;
    let error: unknown;
    try {
      withFolderLock(dir, { holder: 'synth', waitMs: 0 }, () => 1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LockError);
    expect((error as LockError).message).toBe(
      `cannot lock ${join(dir, LOCK_FILE)}: no space left on the device (ENOSPC): free space on that file system, then run again`,
    );
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    failWrite = undefined;
    expect(withFolderLock(dir, { holder: 'synth', waitMs: 0 }, () => 42)).toBe(42);
  });

  test.each([
    ['empty', ''],
    ['cut short', '{"pid":12'],
    ['garbled', '\u0000\u0000\u0000'],
    ['JSON without a pid', '{"host":"x"}'],
  ])('an %s lock a crash left a while ago is taken over at once, even without waiting', (_, text) => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), text);
    const past = new Date(Date.now() - 5000);
    utimesSync(join(dir, LOCK_FILE), past, past);
    expect(withFolderLock(dir, { holder: 'synth', waitMs: 0 }, () => 42)).toBe(42);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  test('a lock being filled in right now is not broken at once', () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), '');
    expect(() => withFolderLock(dir, { holder: 'synth', waitMs: 0 }, () => 42)).toThrow(/is held by another run/);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });
});

describe('A21: a lock whose pid now belongs to another process is taken over', () => {
  linuxTest.each<[string, () => string, boolean]>([
    [
      'pid 1 with the boot id of another boot (the machine rebooted)',
      () => owner({ pid: 1, boot: 'another-boot', start: startOf(1) }),
      true,
    ],
    [
      'pid 1 written before this boot, by a version that did not record it',
      () => owner({ pid: 1, since: '2000-01-01T00:00:00.000Z' }),
      true,
    ],
    ['pid 1, this boot, but another start time (pid reuse)', () => owner({ pid: 1, boot: bootId(), start: '1' }), true],
    ['pid 1, this boot and its start time: it holds the lock', () => owner({ pid: 1, boot: bootId(), start: startOf(1) }), false],
    ['pid 1 without boot or start, written during this boot: cannot tell, so held', () => owner({ pid: 1 }), false],
    ['a live pid on another host: held', () => owner({ pid: 1, host: 'elsewhere', boot: 'another-boot' }), false],
  ])('%s', (_, text, takenOver) => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), text());
    if (takenOver) {
      expect(withFolderLock(dir, { holder: 'test', waitMs: 0 }, () => 42)).toBe(42);
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    } else {
      expect(() => withFolderLock(dir, { holder: 'test', waitMs: 0 }, () => 42)).toThrow(/is held by synth \(pid 1 on /);
    }
  });

  linuxTest('the lock records this boot and the process start time', () => {
    const dir = folder();
    const recorded = withFolderLock(dir, { holder: 'test', waitMs: 0 }, () => JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')));
    expect(recorded).toMatchObject({ pid: process.pid, host: hostname(), holder: 'test', boot: bootId(), start: startOf(process.pid) });
  });
});
