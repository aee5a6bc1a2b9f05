'use strict';
// The npm process that runs this script (`npm run synth`, `npm run k3s:install`; or yarn's or pnpm's: `yarn synth`,
// `pnpm run synth`), found at start. A SIGKILL of its own pid leaves its children running, re-parented (round 66c-2):
// the app publishes only while it is still among its ancestors (src/output/launcher.ts, K3S_VIP_RUNNER_PID). Found at
// start, while it is still an ancestor: later the chain may already be broken.
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

/**
 * The files a package manager runs as, by base name: npm's `npm-cli.js` and `npx-cli.js`, yarn v1's `bin/yarn.js`,
 * pnpm's `bin/pnpm.cjs`, corepack's `dist/yarn.js`/`pnpm.js`, their links on PATH (`yarn`, `pnpm`, `yarnpkg`, `pnpx`;
 * the standalone pnpm binary runs as `pnpm`), and a yarn (v2 on) release a project pins, `.yarn/releases/yarn-4.1.0.cjs`.
 * npm_execpath does not always name it: yarn v2 on sets it to a shim of its own (yarnpkg/berry packages/yarnpkg-core
 * sources/scriptUtils.ts `makeScriptEnv`: `${binFolder}/yarn`).
 */
const RUNNER_FILE = /^(?:(?:npm|npx|pnpm|pnpx|yarn|yarnpkg)(?:-cli)?(?:\.[cm]?js)?|yarn-(?:\d[\w.+-]*|berry)\.[cm]?js)$/;

/**
 * Whether /proc/<pid>/cmdline is a package manager's: `npm run synth` (npm sets its process title), or node running
 * one of RUNNER_FILE or npm_execpath.
 */
function isRunner(pid, execPath) {
  let argv;
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return false;
  }
  return argv.some((arg, i) => (i === 0 && /^npm(?: |$)/.test(arg)) || (execPath && arg === execPath) || RUNNER_FILE.test(basename(arg)));
}

/**
 * The package manager's pid when this process runs under a package script (npm, yarn and pnpm set npm_lifecycle_event),
 * else undefined. npm, pnpm and yarn v1 start the script through `sh -c` (yarn v2 on through its own shell), so it is the
 * parent or a few steps up; without /proc (not Linux) the parent stands for it.
 */
function npmRunnerPid(env = process.env, start = process.ppid) {
  if (!env.npm_lifecycle_event) return undefined;
  // pid 1 too: `npm run synth` as a container's command is pid 1 (once orphaned, the script's shell is under init, not npm).
  for (let pid = start, hops = 0; pid !== undefined && pid >= 1 && hops < 4; pid = parentOf(pid), hops++) {
    if (isRunner(pid, env.npm_execpath)) return pid;
  }
  return parentOf(start) === undefined && start > 1 ? start : undefined;
}

/**
 * Whether npm ran this as `npm run <script>` (npm_lifecycle_event names it, npm_execpath is npm's own npm-cli.js) yet is
 * not among its ancestors now (`runner`: npmRunnerPid's): killed before this script ran its first lines, on a slow
 * start-up (68c-3). Without a runner to watch, the run would publish after the command ended: it refuses instead.
 * Another tool that sets these (yarn, pnpm) or a script of another name (`npm test` starting synth.js) is not judged.
 */
function npmEndedBeforeStart(script, runner, env = process.env) {
  return runner === undefined && env.npm_lifecycle_event === script && /^npm(?:-cli\.js)?$/.test(basename(env.npm_execpath ?? ''));
}

module.exports = { npmEndedBeforeStart, npmRunnerPid };
