'use strict';
// The npm process that runs this script (`npm run synth`, `npm run k3s:install`), found at start. A SIGKILL of npm's
// own pid leaves its children running, re-parented (round 66c-2): the app publishes only while npm is still among its
// ancestors (src/output/launcher.ts, K3S_VIP_RUNNER_PID). Found at start, while npm is still an ancestor: later the
// chain may already be broken.
const { readFileSync } = require('node:fs');
const { basename } = require('node:path');

/** The parent pid from /proc/<pid>/stat (the field after `(comm)`, which may hold spaces), or undefined. */
function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) && ppid > 0 ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether /proc/<pid>/cmdline is npm's: `npm run synth` (npm sets its process title), or node running npm-cli.js. */
function isNpm(pid, execPath) {
  let argv;
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return false;
  }
  return argv.some(
    (arg, i) => (i === 0 && /^npm(?: |$)/.test(arg)) || (execPath && arg === execPath) || /^npm(?:-cli\.js)?$/.test(basename(arg)),
  );
}

/**
 * npm's pid when this process runs under an npm script (npm sets npm_lifecycle_event), else undefined. npm starts the
 * script through `sh -c`, so npm is the parent or a few steps up; without /proc (not Linux) the parent stands for it.
 */
function npmRunnerPid(env = process.env, start = process.ppid) {
  if (!env.npm_lifecycle_event) return undefined;
  for (let pid = start, hops = 0; pid !== undefined && pid > 1 && hops < 4; pid = parentOf(pid), hops++) {
    if (isNpm(pid, env.npm_execpath)) return pid;
  }
  return parentOf(start) === undefined && start > 1 ? start : undefined;
}

module.exports = { npmRunnerPid };
