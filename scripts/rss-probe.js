// Loaded with `node --require` by the benchmark: reports the process's peak resident memory.
'use strict';
process.on('exit', () => process.stderr.write(`peak-rss-kb ${process.resourceUsage().maxRSS}\n`));
