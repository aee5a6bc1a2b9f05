// Loaded with `node --require` by the benchmark: reports the process's peak resident memory and the
// CPU time (user + system, all threads) it used, which a busy machine distorts less than wall time.
'use strict';
process.on('exit', () => {
  const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
  process.stderr.write(`peak-rss-kb ${maxRSS} cpu-us ${userCPUTime + systemCPUTime}\n`);
});
