import { closeSync, lstatSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describeFileError } from './file-system';

/** Lock file every writer of a folder (synth into dist/, k3s:install into the manifests folder) holds. */
export const LOCK_FILE = '.k3s-vip.lock';

export interface LockOptions {
  /** What holds the lock, for the other run's message, e.g. `synth`. */
  readonly holder: string;
  /**
   * How long to wait for another run to finish before refusing.
   * @default lockWaitMs(): K3S_VIP_LOCK_WAIT_SECONDS, else 30 s
   */
  readonly waitMs?: number;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly holder: string;
  readonly since: string;
}

/** Thrown when the lock cannot be had; its message is one line for the user. */
export class LockError extends Error {
  /**
   * @param code the error code of a failed file operation (`EACCES`, …), when that was the cause
   */
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const POLL_MS = 50;
/** A lock breaker is held for microseconds; one older than this belongs to a killed run. */
const STALE_BREAKER_MS = 10_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The longest wait K3S_VIP_LOCK_WAIT_SECONDS may ask for: an hour. */
const MAX_WAIT_SECONDS = 3600;

/**
 * How long to wait for the lock, from K3S_VIP_LOCK_WAIT_SECONDS (unset or empty: 30 s). A value
 * that is not a whole number of seconds from 0 to 3600 (`2s`, `-1`, `1e309`, `abc`) is refused
 * with a LockError, never read as some other wait.
 */
export function lockWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.K3S_VIP_LOCK_WAIT_SECONDS;
  if (text === undefined || text === '') return 30_000;
  if (/^\d+$/.test(text) && Number(text) <= MAX_WAIT_SECONDS) return Number(text) * 1000;
  const shown = text.length > 40 ? `${JSON.stringify(text.slice(0, 40)).slice(0, -1)}…"` : JSON.stringify(text);
  throw new LockError(
    `K3S_VIP_LOCK_WAIT_SECONDS is ${shown}: expected a whole number of seconds from 0 to ${MAX_WAIT_SECONDS} ` +
      '(how long to wait for another run to finish), or unset it for the default of 30',
  );
}

/** Creates `path` only if it does not exist; false when it does. */
function createExclusive(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(path: string): { text: string; owner?: LockOwner } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? { text, owner } : { text };
  } catch {
    // A writer killed between creating and filling the file: empty or cut short.
    return { text };
  }
}

/** True when the owner is a process of this machine that no longer runs. */
function isDead(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Removes a stale lock unless another run replaced it meanwhile; only one run may break it. */
function breakStaleLock(path: string, staleText: string): void {
  const breaker = `${path}.break`;
  if (!createExclusive(breaker, String(process.pid))) {
    try {
      if (Date.now() - statSync(breaker).mtimeMs > STALE_BREAKER_MS) unlinkSync(breaker);
    } catch {
      // Gone meanwhile: the next attempt sees.
    }
    return;
  }
  try {
    if (readOwner(path)?.text === staleText) unlinkSync(path);
  } finally {
    unlinkSync(breaker);
  }
}

/**
 * Runs `work` while holding `<folder>/.k3s-vip.lock`, so two runs never write one folder at once.
 * The lock is a file created with O_EXCL naming its process; a lock left by a killed process of
 * this machine is taken over, a live one is waited for up to `waitMs`, then refused with a
 * LockError. The folder must exist.
 */
export function withFolderLock<T>(folder: string, options: LockOptions, work: () => T): T {
  const path = join(folder, LOCK_FILE);
  const waitMs = options.waitMs ?? lockWaitMs();
  try {
    acquire(path, options.holder, waitMs);
  } catch (e) {
    if (e instanceof LockError) throw e;
    throw new LockError(`cannot lock ${path}: ${describeFileError(e)}`, (e as NodeJS.ErrnoException).code);
  }
  try {
    return work();
  } finally {
    try {
      unlinkSync(path);
    } catch {
      // Already gone (a user deleted it): nothing to release.
    }
  }
}

/** Why what stands at the lock's path is not a lock file, or undefined when it is one (or nothing). */
function notALockFile(path: string): string | undefined {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat || stat.isFile()) return undefined;
  const what = stat.isDirectory() ? 'a folder' : stat.isSymbolicLink() ? 'a symbolic link' : 'not a regular file';
  return (
    `${path} is ${what}, where synth and k3s:install keep their lock file (a file they create and delete each run): ` +
    'move it away and run again'
  );
}

/** Takes the lock at `path`, waiting up to `waitMs` for a live holder; throws LockError when it cannot. */
function acquire(path: string, holder: string, waitMs: number): void {
  const me: LockOwner = { pid: process.pid, host: hostname(), holder, since: new Date().toISOString() };
  const deadline = Date.now() + waitMs;
  let unreadable = 0;
  for (;;) {
    if (createExclusive(path, `${JSON.stringify(me)}\n`)) return;
    // Never read through a link, nor from a FIFO (that would block).
    const wrong = notALockFile(path);
    if (wrong) throw new LockError(wrong);
    const current = readOwner(path);
    if (current?.owner && isDead(current.owner)) {
      breakStaleLock(path, current.text);
      continue;
    }
    // Unparsable for a whole second: its writer died before filling it in.
    if (current && !current.owner && ++unreadable * POLL_MS > 1000) {
      breakStaleLock(path, current.text);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = current?.owner
        ? `${current.owner.holder} (pid ${current.owner.pid} on ${current.owner.host}, since ${current.owner.since})`
        : 'another run';
      throw new LockError(`${path} is held by ${who}: wait for it to finish and run again; if none is running, delete ${path}`);
    }
    sleep(POLL_MS);
  }
}
