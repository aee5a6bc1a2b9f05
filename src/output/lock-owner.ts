import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** Who holds a lock file (lock.ts), as written in it, and whether that process still runs. */

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly holder: string;
  readonly since: string;
  /** Linux' boot id when the lock was taken: another one means the machine rebooted, and every process of then is gone. */
  readonly boot?: string;
  /** The process' start time (clock ticks since boot, /proc/<pid>/stat): another one at that pid is another process. */
  readonly start?: string;
}

/** This boot's id (Linux), or undefined where there is none. */
export function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** When this boot began, in ms since the epoch (Linux `btime` of /proc/stat), or undefined. */
function bootTimeMs(): number | undefined {
  try {
    const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    return btime ? Number(btime[1]) * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** A process' start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or undefined where unreadable. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last `)`.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export function readOwner(path: string): { text: string; owner?: LockOwner } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    // A pid that names no single process (0 and -1 probe the caller's group / every process, kill(2)) is garbled (70c-3).
    return Number.isSafeInteger(owner?.pid) && owner.pid > 0 && typeof owner.host === 'string' ? { text, owner } : { text };
  } catch {
    // A writer killed between creating and filling the file: empty or cut short.
    return { text };
  }
}

/**
 * True when the owner is a process of this machine that no longer runs: its pid is gone, or (Linux) the
 * machine rebooted since (another boot id, or a lock older than this boot) or the pid now belongs to a
 * process that started later (pid reuse). Where /proc cannot tell, only the pid counts.
 */
export function isDead(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  const boot = bootId();
  if (owner.boot !== undefined && boot !== undefined) {
    if (owner.boot !== boot) return true;
  } else {
    const booted = bootTimeMs();
    const since = Date.parse(owner.since);
    if (booted !== undefined && Number.isFinite(since) && since < booted) return true;
  }
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return true;
  }
  const start = owner.start === undefined ? undefined : processStart(owner.pid);
  return start !== undefined && start !== owner.start;
}
