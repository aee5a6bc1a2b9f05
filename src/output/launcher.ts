import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { FileSystem } from './file-system';
import { GENERATED_LIST } from './publish';

/**
 * Whether `npm run synth` (scripts/synth.js), which started this app through `cdk8s synth`, still runs. A SIGKILL of
 * synth.js leaves the CLI and the app running (reparented), and the app would rewrite dist/ after the command ended
 * (round 57b-2). synth.js passes its pid as K3S_VIP_LAUNCHER_PID; the app checks it before it publishes and before
 * each change to dist/, and a launcher that is gone makes it stop (publish.ts rolls back what it began).
 *
 * "Still runs" means: still among this process's ancestors. A pid that is merely alive may be another process that
 * got the number again; an ancestor cannot be (the chain breaks when the launcher dies: its child goes to pid 1 or a
 * subreaper). Read from /proc (Linux); elsewhere only whether the pid is alive (`kill -0`).
 */

const LAUNCHER_ENV = 'K3S_VIP_LAUNCHER_PID';
const RUNNER_ENV = 'K3S_VIP_RUNNER_PID';

/** The parent of `pid` from /proc/<pid>/stat (the field after the `(comm)`, which may hold spaces), or undefined. */
function parentPid(pid: number, read: (path: string) => string = (path) => readFileSync(path, 'utf8')): number | undefined {
  try {
    const stat = read(`/proc/${pid}/stat`);
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `launcher` is `self` or one of its ancestors; undefined when /proc cannot tell. */
export function isAncestor(launcher: number, self: number, parent: (pid: number) => number | undefined = parentPid): boolean | undefined {
  let pid: number | undefined = self;
  // pid 1 counts: in a container `node scripts/synth.js` is pid 1 (review57-7); its parent reads as 0, which ends the walk.
  for (let hops = 0; pid !== undefined && pid >= 1 && hops < 64; hops++) {
    if (pid === launcher) return true;
    pid = parent(pid);
    if (pid === undefined) return hops === 0 ? undefined : false;
  }
  return false;
}

/** Whether `pid` is still this process's ancestor (or, without /proc, alive). */
function stillRuns(pid: number): boolean {
  return isAncestor(pid, process.pid) ?? isAlive(pid);
}

/** Whether a process `pid` exists (one of another user's counts). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A pid as synth.js writes it, or 0. */
function pidOf(given: string): number {
  // Decimal digits only, as synth.js writes it: Number() would read `1e3` as 1000 and 20 digits as another number (58b).
  // Linux pids stay below 2^22 (kernel/pid.c PID_MAX_LIMIT); 10 digits is room enough elsewhere.
  return /^[0-9]{1,10}$/.test(given) ? Number(given) : 0;
}

/**
 * Why the app must stop (its launcher ended), or undefined: no launcher given (a plain `cdk8s synth`), or it runs.
 * K3S_VIP_RUNNER_PID is npm's pid under `npm run synth` or `npm run k3s:install` (scripts/npm-runner.js): a SIGKILL
 * of npm's own pid spares synth.js and the app, so npm is checked too (66c-2).
 */
export function launcherGone(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = env[LAUNCHER_ENV];
  if (given) {
    const pid = pidOf(given);
    if (pid < 1) return `${LAUNCHER_ENV} is not a process id (decimal digits, 1 or more): unset it`;
    // 67c-1: synth.js alive but no longer this app's ancestor: the cdk8s CLI between them was killed, not synth.
    if (!stillRuns(pid))
      return isAlive(pid)
        ? `the cdk8s CLI between npm run synth (pid ${given}) and this app has ended (killed?): this run stops`
        : `npm run synth (pid ${given}), which started this app, has ended (killed?): this run stops`;
  }
  const runner = env[RUNNER_ENV];
  if (!runner) return undefined;
  const pid = pidOf(runner);
  if (pid < 1) return `${RUNNER_ENV} is not a process id (decimal digits, 1 or more): unset it`;
  return stillRuns(pid) ? undefined : `npm (pid ${runner}), which ran this command, has ended (killed?): this run stops`;
}

/**
 * `fs` with launcherGone checked before each change publish.ts makes until the first file is renamed into place
 * (the widened list aside: `listName`, k3s:install's record too): a launcher gone by then fails that step and publish rolls back what it began. From the
 * first such rename on (and after a refusal, for the roll-back) it checks no more: finishing leaves dist/ whole.
 */
export function launcherGuard(fs: FileSystem, env: NodeJS.ProcessEnv = process.env, listName: string = GENERATED_LIST): FileSystem {
  if (!env[LAUNCHER_ENV] && !env[RUNNER_ENV]) return fs;
  let armed = true;
  const check = () => {
    if (!armed) return;
    const gone = launcherGone(env);
    if (!gone) return;
    armed = false;
    throw new Error(gone);
  };
  return {
    ...fs,
    writeNewFile: (path, text) => {
      check();
      fs.writeNewFile(path, text);
    },
    mkdir: (path) => {
      check();
      fs.mkdir(path);
    },
    unlink: (path) => {
      check();
      fs.unlink(path);
    },
    rename: (from, to, replace) => {
      if (basename(to) !== listName) {
        check();
        armed = false;
      }
      fs.rename(from, to, replace);
    },
  };
}
