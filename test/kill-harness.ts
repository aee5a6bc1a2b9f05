import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What the child (fixtures/kill-child.js) runs: a publish of `files` into `dir` (only the cluster folders of
 * `scope`, as `--cluster` does, when given), or an install of `cluster` from `dist` into `dir`.
 */
export type KillJob =
  | {
      readonly run: 'publish';
      readonly dir: string;
      readonly files: ReadonlyArray<readonly [string, string]>;
      readonly scope?: readonly string[];
    }
  | { readonly run: 'install'; readonly dir: string; readonly dist: string; readonly cluster: string };

const CHILD = join(__dirname, 'fixtures', 'kill-child.js');
/**
 * The child's transpiled sources, kept by digest of their text (fixtures/kill-child.js) beside the static checks'
 * caches (safe to delete): every kill test of every suite shares them, and only the first child of a run without
 * them loads TypeScript.
 */
const CACHE = join(__dirname, '..', 'node_modules', '.cache', 'k3s-vip', 'kill-child-sources.json');

/** Runs a job in a real child process that SIGKILLs itself before step `killAt` (0: never). */
export function runChild(job: KillJob, killAt: number, cache: string): Promise<{ signal: string | null; out: string }> {
  const file = join(mkdtempSync(join(tmpdir(), 'k3s-vip-job-')), 'job.json');
  writeFileSync(file, JSON.stringify({ ...job, killAt, cache }));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, file]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (_, signal) => resolve({ signal, out }));
  });
}

/**
 * Runs `prepare()`'s job once to the end to count its steps (every call that changes or flushes
 * the folder), then once for every step N on a fresh `prepare()`, killed just before step N, two
 * at a time (the machine's cores), and hands each killed job to `check` (`last`: killed before the last step). Step 1 is the first
 * change; the last step flushes the folder after the last rename, so the last kill leaves the
 * finished folder with the dead run's lock still in it. Returns the number of steps.
 */
export async function killAtEveryStep(
  prepare: () => KillJob,
  check: (step: number, job: KillJob, last: boolean) => void,
): Promise<{ steps: number; cleanOutput: string; clean: KillJob }> {
  const cache = CACHE;
  mkdirSync(join(cache, '..'), { recursive: true });
  const clean = prepare();
  const first = await runChild(clean, 0, cache);
  const match = /done after (\d+) steps\n$/.exec(first.out);
  if (!match) throw new Error(`the unkilled run failed: ${first.out}`);
  const steps = Number(match[1]);
  for (let step = 1; step <= steps; step += 2) {
    const batch = [step, step + 1].filter((n) => n <= steps);
    await Promise.all(
      batch.map(async (n) => {
        const job = prepare();
        const killed = await runChild(job, n, cache);
        if (killed.signal !== 'SIGKILL') throw new Error(`step ${n} of ${steps}: the child was not killed: ${killed.out}`);
        check(n, job, n === steps);
      }),
    );
  }
  return { steps, cleanOutput: first.out, clean };
}
