/**
 * Guards against super-linear reading (a regexp that backtracks, a loop over every pair) measure the CPU time of
 * this process, not the wall clock: a linear reader of 100 kB takes tens of milliseconds of CPU however busy the
 * machine is, and a quadratic one takes seconds, so the bound tells the two apart on a loaded 2-core CI worker too
 * (wall-clock bounds failed there). The bound is 6 s of CPU: a linear reader of 100 kB takes well under 1 s, but in a
 * jest shard a collection of the heap earlier tests left can add 1–2 s of this process's CPU time to any row (CI, 79),
 * while a quadratic or backtracking reader takes tens of seconds to hours. These are no speed targets (those live in
 * `npm run bench`); a child process's time is not counted here.
 */
export function cpuMillisSince(start: NodeJS.CpuUsage): number {
  const spent = process.cpuUsage(start);
  return (spent.user + spent.system) / 1000;
}

/** The CPU milliseconds `work` takes in this process. */
export function cpuMillis(work: () => unknown): number {
  const start = process.cpuUsage();
  work();
  return cpuMillisSince(start);
}
