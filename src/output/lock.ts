import { closeSync, lstatSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { printable } from '../core/problem';
import { mayQuote } from '../core/quotable';
import { describeFileError } from './file-system';
import { specialFileKind } from './odd-entries';
import { bootId, isDead, LockOwner, processStart, readOwner } from './lock-owner';

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
  /**
   * Told, in one line, when a lock left by a run that no longer runs is taken over, or its lock breaker removed (the
   * only files a run removes without being asked), so the run's messages say what changed.
   * @default - nothing is told
   */
  readonly onStale?: (note: string) => void;
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

/** Thrown when `work` succeeded but its lock file could not be removed (69c-7); `result` is what `work` returned. */
export class LockReleaseError<T = unknown> extends LockError {
  constructor(
    message: string,
    code: string | undefined,
    readonly result: T,
  ) {
    super(message, code);
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
  // Judged whole before any cut (a cut URL no longer looks like one); what may hold a secret is described, not quoted.
  const shown = !mayQuote(text)
    ? `a text of ${text.length} characters (not shown: it may hold a secret)`
    : text.length > 40
      ? `${JSON.stringify(text.slice(0, 40)).slice(0, -1)}…"`
      : JSON.stringify(text);
  throw new LockError(
    `K3S_VIP_LOCK_WAIT_SECONDS is ${shown}: expected a whole number of seconds from 0 to ${MAX_WAIT_SECONDS} ` +
      '(how long to wait for another run to finish), or unset it for the default of 30',
  );
}

/** lockWaitMs's refusal, or undefined: for a run that takes no lock (a dry run) but must refuse what a real run would (52b-16e). */
export function lockWaitProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    lockWaitMs(env);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Creates `path` only if it does not exist; false when it does. A write that fails (disk full) removes the
 * file it created, so no empty lock is left behind for the next run to wait on.
 */
function createExclusive(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    try {
      const written = writeSync(fd, text);
      if (written !== Buffer.byteLength(text)) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    try {
      unlinkSync(path);
    } catch {
      // Nothing more can be done; the next run treats an unreadable lock as stale.
    }
    throw e;
  }
  return true;
}

/**
 * True when the lock breaker at `breaker` belongs to a run that no longer runs, by the lock's rule: its owner (the
 * breaker holds one, as a lock does) is a dead process of this machine. A breaker with no owner of this machine (one
 * being filled in, an older release's bare pid, another host's) counts as left over once older than STALE_BREAKER_MS;
 * a live one is held for microseconds. Read only when a regular file (never through a link, nor from a FIFO).
 */
function isLeftoverBreaker(breaker: string): boolean {
  const stat = lstatSync(breaker, { throwIfNoEntry: false });
  if (!stat) return false;
  const owner = stat.isFile() ? readOwner(breaker)?.owner : undefined;
  if (owner && owner.host === hostname()) return isDead(owner);
  return Date.now() - stat.mtimeMs > STALE_BREAKER_MS;
}

/** Removes the breaker this run created, unless another run's replaced it meanwhile (or it is gone). */
function releaseBreaker(breaker: string, text: string): void {
  try {
    if (lstatSync(breaker, { throwIfNoEntry: false })?.isFile() && readFileSync(breaker, 'utf8') === text) unlinkSync(breaker);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/**
 * Removes a stale lock unless another run replaced it meanwhile; only one run may break it. True when this run removed
 * it; while another run holds the breaker, waits a poll first, so the caller's loop does not spin.
 */
function breakStaleLock(path: string, staleText: string, me: LockOwner): boolean {
  const breaker = `${path}.break`;
  const text = `${JSON.stringify(me)}\n`;
  if (!createExclusive(breaker, text)) {
    // A folder, link or FIFO where the breaker goes is no run's: said by name, never removed or read.
    const wrong = notALockFile(breaker);
    if (wrong) throw new LockError(wrong);
    try {
      if (isLeftoverBreaker(breaker)) unlinkSync(breaker);
      else sleep(POLL_MS);
    } catch {
      // Gone meanwhile: the next attempt sees.
    }
    return false;
  }
  try {
    if (readOwner(path)?.text !== staleText) return false;
    unlinkSync(path);
    return true;
  } finally {
    releaseBreaker(breaker, text);
  }
}

/**
 * Round 35b-9: a run killed between removing a stale lock and removing its breaker leaves the breaker, which no later
 * run would otherwise look at (there is no stale lock left to break). Called with the lock held: a breaker whose owner
 * no longer runs is removed, and the caller told; a live one (a run between its two removals, or one about to find
 * that the lock it would break is gone) is left to its owner. Best effort: a failure here never fails the run.
 */
function clearLeftoverBreaker(path: string, onStale?: (note: string) => void): void {
  const breaker = `${path}.break`;
  try {
    if (!isLeftoverBreaker(breaker)) return;
    unlinkSync(breaker);
  } catch {
    return;
  }
  onStale?.(`removed ${printable(breaker)}, left by a run that was stopped while taking over a stale lock`);
}

/** `, since <time>` of a lock's owner, or nothing when the lock does not say (70c-3: never `since undefined`). */
const sinceNote = (owner: LockOwner) => (typeof owner.since === 'string' ? `, since ${printable(owner.since)}` : '');

/** Who held a lock, for a note: the holders this tool writes, else not the file's text (anyone may have written it). */
const heldBy = (owner: LockOwner) =>
  `${/^(?:synth|check|k3s:install --cluster [a-z0-9][a-z0-9-]{0,62})$/.exec(String(owner.holder))?.[0] ?? 'a run'} (pid ${owner.pid})`;

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
    acquire(path, options, waitMs);
  } catch (e) {
    if (e instanceof LockError) throw e;
    throw new LockError(`cannot lock ${printable(path)}: ${describeFileError(e)}`, (e as NodeJS.ErrnoException).code);
  }
  let result: T;
  try {
    result = work();
  } catch (e) {
    release(path);
    throw e;
  }
  const failed = release(path);
  if (failed) {
    const message =
      `cannot remove ${printable(path)}, this run's lock (${describeFileError(failed, false)}): delete it by hand; ` +
      'until then `npm run check` takes it for an interrupted run';
    throw new LockReleaseError(message, (failed as NodeJS.ErrnoException).code, result);
  }
  return result;
}

/** Removes the lock file; the error when it is still there (one already gone, deleted by a user, is released). */
function release(path: string): unknown {
  try {
    unlinkSync(path);
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : e;
  }
}

/**
 * Why what stands where a run would take its lock in `folder` is not a lock file, or undefined: a dry run takes no
 * lock there, yet refuses what the real run would (74a-13).
 */
export function lockFileProblem(folder: string): string | undefined {
  return notALockFile(join(folder, LOCK_FILE));
}

/** Why what stands at the lock's path is not a lock file, or undefined when it is one (or nothing). */
function notALockFile(path: string): string | undefined {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat || stat.isFile()) return undefined;
  const special = specialFileKind(stat);
  const what = special ?? (stat.isDirectory() ? 'a folder' : stat.isSymbolicLink() ? 'a symbolic link' : 'not a regular file');
  return (
    `${printable(path)} is ${what}, where synth and k3s:install keep their lock file (a file they create and delete each run): ` +
    // A device, FIFO or socket made under this tool's own lock name: deleting it is the advice, not moving a system file (72b-7).
    (special ? 'delete it if it was made there, or choose another folder' : 'move it away and run again')
  );
}

/** An unparsable lock this old (ms) was left by a writer that died between creating and filling it. */
const UNREADABLE_GRACE_MS = 1000;

/** How long ago `path` was last written; 0 when it is gone. */
function ageMs(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat ? Date.now() - stat.mtimeMs : 0;
}

/** The refusal of a lock still held at the deadline, naming its holder as the lock file says. */
function heldError(path: string, current: { owner?: LockOwner } | undefined): LockError {
  const who = current?.owner
    ? // Read from the lock file, which anyone may have written: quoted when it holds a line break (printable).
      `${typeof current.owner.holder === 'string' ? printable(current.owner.holder) : 'a run'} (pid ${current.owner.pid} on ${printable(current.owner.host)}${sinceNote(current.owner)})`
    : 'another run';
  return new LockError(
    `${printable(path)} is held by ${who}: wait for it to finish and run again; if none is running, delete ${printable(path)}`,
  );
}

/**
 * For a run that must create and remove nothing in `folder` (a dry run, 82a-18; 69c-6): `work` runs without the lock,
 * once no live run holds it (waited for up to `waitMs`, as withFolderLock waits); a lock left by a run that no longer
 * runs stays where it is, told through onStale. `work` must itself refuse what a writer left half done (k3s:install's
 * reader checks every file against the digests the last synth recorded): a run that takes the lock while `work` reads
 * changes the folder's entries (its lock file at least), and `work` is then run again, until the deadline.
 */
export function withoutFolderLock<T>(folder: string, options: Omit<LockOptions, 'holder'>, work: () => T): T {
  const path = join(folder, LOCK_FILE);
  const deadline = Date.now() + (options.waitMs ?? lockWaitMs());
  const told = new Set<string>();
  const onStale = (note: string) => {
    if (!told.has(note)) options.onStale?.(note);
    told.add(note);
  };
  // Creating or removing an entry (a lock file first) changes the folder's time; undefined once it is gone.
  const changed = () => statSync(folder, { throwIfNoEntry: false })?.mtimeMs;
  for (;;) {
    // Taken before the lock is looked at: a run that takes it from then on changes it.
    const before = changed();
    try {
      waitUntilFree(path, deadline, onStale);
    } catch (e) {
      if (e instanceof LockError) throw e;
      throw new LockError(`cannot read ${printable(path)}: ${describeFileError(e)}`, (e as NodeJS.ErrnoException).code);
    }
    // A run waited for has removed its lock since: looked at again.
    if (changed() !== before) continue;
    let result: T;
    try {
      result = work();
    } catch (e) {
      if (changed() !== before && Date.now() < deadline) continue;
      throw e;
    }
    if (changed() === before || Date.now() >= deadline) return result;
  }
}

/** Returns once no live run holds the lock at `path` (none there, or a stale one, told); throws LockError at the deadline. */
function waitUntilFree(path: string, deadline: number, onStale: (note: string) => void): void {
  const waited = Date.now();
  for (;;) {
    const wrong = notALockFile(path);
    if (wrong) throw new LockError(wrong);
    const current = readOwner(path);
    if (!current) return;
    const dead = current.owner && isDead(current.owner) ? current.owner : undefined;
    const unfinished = !current.owner && (Date.now() - waited > UNREADABLE_GRACE_MS || ageMs(path) > UNREADABLE_GRACE_MS);
    if (dead || unfinished) {
      const by = dead ? `by ${heldBy(dead)}, which no longer runs` : 'unfinished by a run that was stopped while taking it';
      onStale(`${printable(path)} was left ${by}: left in place, as this run removes nothing`);
      return;
    }
    if (Date.now() >= deadline) throw heldError(path, current);
    sleep(POLL_MS);
  }
}

/** Takes the lock at `path`, waiting up to `waitMs` for a live holder; throws LockError when it cannot. */
function acquire(path: string, { holder, onStale }: LockOptions, waitMs: number): void {
  const boot = bootId();
  const start = processStart(process.pid);
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    holder,
    since: new Date().toISOString(),
    ...(boot ? { boot } : {}),
    ...(start ? { start } : {}),
  };
  const deadline = Date.now() + waitMs;
  let unreadable = 0;
  for (;;) {
    if (createExclusive(path, `${JSON.stringify(me)}\n`)) {
      clearLeftoverBreaker(path, onStale);
      return;
    }
    // Never read through a link, nor from a FIFO (that would block).
    const wrong = notALockFile(path);
    if (wrong) throw new LockError(wrong);
    const current = readOwner(path);
    // Unparsable (empty, cut short, garbled) and a second old, or so for a second of waiting: its writer died
    // before filling it in (a writer fills it microseconds after creating it).
    const unfinished = current && !current.owner && (++unreadable * POLL_MS > UNREADABLE_GRACE_MS || ageMs(path) > UNREADABLE_GRACE_MS);
    const dead = current?.owner && isDead(current.owner) ? current.owner : undefined;
    // A stale lock broken by this run is taken at once; one another run is breaking is waited for, up to the deadline.
    if (dead) {
      if (breakStaleLock(path, current!.text, me)) {
        onStale?.(`took over ${printable(path)}, left by ${heldBy(dead)}, which no longer runs`);
        continue;
      }
    } else if (unfinished && breakStaleLock(path, current!.text, me)) {
      onStale?.(`took over ${printable(path)}, left unfinished by a run that was stopped while taking it`);
      continue;
    }
    if (Date.now() >= deadline) throw heldError(path, current);
    sleep(POLL_MS);
  }
}
