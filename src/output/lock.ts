import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Lock file every writer of a folder (synth into dist/, k3s:install into the manifests folder) holds. */
export const LOCK_FILE = '.k3s-vip.lock';

export interface LockOptions {
  /** What holds the lock, for the other run's message, e.g. `synth`. */
  readonly holder: string;
  /**
   * How long to wait for another run to finish before refusing.
   * @default K3S_VIP_LOCK_WAIT_SECONDS, else 30 s
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
export class LockError extends Error {}

const POLL_MS = 50;
/** A lock breaker is held for microseconds; one older than this belongs to a killed run. */
const STALE_BREAKER_MS = 10_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function defaultWaitMs(): number {
  const seconds = Number(process.env.K3S_VIP_LOCK_WAIT_SECONDS);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 30_000;
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
  const me: LockOwner = { pid: process.pid, host: hostname(), holder: options.holder, since: new Date().toISOString() };
  const deadline = Date.now() + (options.waitMs ?? defaultWaitMs());
  let unreadable = 0;
  for (;;) {
    if (createExclusive(path, `${JSON.stringify(me)}\n`)) break;
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
