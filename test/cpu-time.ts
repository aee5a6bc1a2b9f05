/**
 * Guards against super-linear reading (a regexp that backtracks, a loop over every pair) measure the CPU time of
 * this process, not the wall clock: a linear reader of 100 kB takes tens of milliseconds of CPU however busy the
 * machine is, and a quadratic one takes seconds, so the bound tells the two apart on a loaded 2-core CI worker too.
 * These are no speed targets (those live in `npm run bench`); a child process's time is not counted here.
 */
export function cpuMillis(work: () => unknown): number {
  const start = process.cpuUsage();
  work();
  const spent = process.cpuUsage(start);
  return (spent.user + spent.system) / 1000;
}
