#!/usr/bin/env node
// The `app` of cdk8s.yaml, and the runner of the other npm scripts: `node scripts/app.js [command]`
// runs lib/src/<command>.js (default: main, the synth), first recompiling lib/ when any source is
// newer than the last build, so a synth skips TypeScript's compile cost when nothing changed and
// never runs stale code when something did.
'use strict';
// A package.json over this file with "type": "module" makes Node run it as an ES module, where `require` is not
// defined: one line then, not Node's trace (round 53b-6). Written to parse both ways.
if (typeof require !== 'function') {
  process.stderr.write(
    `error: node ran ${process.argv[1]} as an ES module: a package.json above it (the project's, or one in scripts/) sets "type": "module", and this tool's scripts are CommonJS; remove that "type" field\n`,
  );
  // Under the cdk8s CLI (CDK8S_OUTDIR set), exit 0 without output: the CLI then says "synthesis failed" in one line, where
  // a non-zero exit makes it print its own stack trace (round 56b-8; as src/main.ts does for every refusal).
  process.exit(process.env.CDK8S_OUTDIR ? 0 : 1);
}
const { spawnSync } = require('node:child_process');
const { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } = require('node:fs');
const { join } = require('node:path');
const { newestSource } = require('./newest-source');
const codeCache = require('./code-cache');

const root = join(__dirname, '..');
const buildInfo = join(root, 'lib', '.tsbuildinfo');
const [command = 'main', ...args] = process.argv.slice(2);
// `npm run k3s:install`: its writes stop once npm is killed, as synth's do (scripts/npm-runner.js, 66c-2).
if (command === 'k3s/install' && process.env.K3S_VIP_RUNNER_PID === undefined) {
  const { npmEndedBeforeStart, npmRunnerPid } = require('./npm-runner');
  const runner = npmRunnerPid();
  // npm killed before this started (68c-3): nothing is written after the command ended.
  if (npmEndedBeforeStart('k3s:install', runner)) {
    process.stderr.write(
      'error: npm, which ran `npm run k3s:install`, ended before this run started (killed?); nothing was written: run it again\n',
    );
    process.exit(1);
  }
  if (runner) process.env.K3S_VIP_RUNNER_PID = String(runner);
}
const COMMANDS = {
  main: 'synthesize config/*.yaml into dist/ (what `cdk8s synth` and `npm run synth` run)',
  check: 'compare dist/ with a fresh synth (npm run check)',
  'validate/conformance': 'check dist/ against the Kubernetes schemas and CRDs (npm run validate)',
  'config/json-schema': 'regenerate config.schema.json (npm run schema)',
  'new-cluster': 'start config/<name>.yaml (npm run new -- <name> [--from <cluster or example>])',
  'k3s/install': "install a cluster into K3s' manifests folder (npm run k3s:install -- --help)",
};
function usage(error) {
  const lines = Object.entries(COMMANDS).map(([name, what]) => `  ${name.padEnd(22)}${what}`);
  (error ? process.stderr : process.stdout).write(
    `${error ? `error: ${error}\n` : ''}usage: node scripts/app.js [command] [args]\n${lines.join('\n')}\n`,
  );
  process.exit(error ? 1 : 0);
}
if (['--help', '-h', 'help'].includes(command)) usage();
// Echoed only when it cannot hold a value (`--token=...`, a pasted line): this runs before any redaction is loaded.
// Only a word of up to 24 letters, digits, `-` and `/` is echoed, and not one shaped like a token: a vendor token has `_`
// or `.` (`ghp_…`, `npm_…`, `hvs.…`), is longer, holds a run of digits (`xoxb-1234…`) or of capitals (`AKIA…`).
const plainWord = /^-{0,2}[A-Za-z][A-Za-z0-9/-]{0,23}$/.test(command) && !/\d{3}|[A-Z]{12}/.test(command);
const shown = plainWord ? JSON.stringify(command) : `(${command.length} characters, not shown)`;
if (!/^[a-z][a-z0-9/-]*$/.test(command)) usage(`unknown command ${shown}`);
const entry = join(root, 'lib', 'src', `${command}.js`);

function isStale() {
  // An unknown command has no entry to wait for: without this, each run of one (the tests' `no-such-command`, run to
  // build lib/ when stale) recompiled a current lib/, about 3 s of CPU.
  if (!existsSync(buildInfo) || (Object.hasOwn(COMMANDS, command) && !existsSync(entry))) return true;
  const sources = ['src', 'imports', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
  return Math.max(...sources.map((p) => newestSource(join(root, p)))) > statSync(buildInfo).mtimeMs;
}

/**
 * One build at a time: runs started together (jest's workers, two terminals) on a stale lib/ would each
 * run tsc, and one could load a file another is still writing. The first takes lib/.build-lock and
 * builds; the others wait for it to go, then find lib/ current. A lock whose build is gone (a Ctrl-C or a kill: the
 * lock holds its process id), an empty one a second old, or one older than two minutes is taken over.
 */
/** Whether process `pid` runs (another user's counts too). */
function running(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function buildOnce() {
  const lock = join(root, 'lib', '.build-lock');
  let locked = false;
  const deadline = Date.now() + 300_000;
  while (!locked) {
    try {
      mkdirSync(join(root, 'lib'), { recursive: true });
      const fd = openSync(lock, 'wx');
      locked = true;
      writeSync(fd, String(process.pid));
      closeSync(fd);
    } catch (e) {
      // A checkout this user cannot write, or a build that never ends: build without the lock (tsc says why it fails).
      if (e.code !== 'EEXIST' || Date.now() > deadline) break;
      try {
        // A holder gone, a lock without one a second old (its build was killed between creating and filling it), or
        // one of two minutes: taken over.
        const holder = Number(readFileSync(lock, 'utf8'));
        const age = Date.now() - statSync(lock).mtimeMs;
        if ((holder > 0 ? !running(holder) : age > 1_000) || age > 120_000) unlinkSync(lock);
      } catch {
        // gone meanwhile: try again
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    if (!isStale()) return;
    const tsc = require.resolve('typescript/bin/tsc');
    const build = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: ['ignore', 2, 2] });
    if (build.status !== 0) {
      process.stderr.write('synth failed: the TypeScript sources do not compile (see above); dist/ was left unchanged.\n');
      // See src/synth.ts: under the cdk8s CLI, exit 0 without output gives a one-line error, not a stack trace.
      process.exitCode = process.env.CDK8S_OUTDIR ? 0 : 1;
      return 'failed';
    }
    // tsc leaves its build info alone when no output changed; mark the build as current anyway.
    const now = new Date();
    utimesSync(buildInfo, now, now);
    writeCodeCache();
  } finally {
    if (locked) unlinkSync(lock);
  }
}
/**
 * Compiles lib/ into V8's code cache (scripts/code-cache-writer.js), in a process of its own: a start-up cost, paid
 * once per build. A write that fails (a full disk, a folder in the way, another owner) or takes over 30 s is not tried
 * again before the next build (codeCache.shouldWrite), as each run would pay the warm-up again.
 */
function writeCodeCache() {
  if (process.env.K3S_VIP_CODE_CACHE === '0') return;
  try {
    // A checkout this user cannot write runs without one.
    codeCache.recordWrite('tried');
  } catch {
    return;
  }
  spawnSync(process.execPath, [join(__dirname, 'code-cache-writer.js'), '--write'], { stdio: 'ignore', timeout: 30_000 });
}
if (isStale()) {
  if (buildOnce() === 'failed') process.exit();
} else if (codeCache.shouldWrite()) {
  // None for this Node yet, or lib/ was built by tsc alone (`npx tsc`, an editor) since.
  writeCodeCache();
}
// Only the commands above: every other module of lib/src is a library, not something to run.
if (!Object.hasOwn(COMMANDS, command) || !existsSync(entry)) usage(`unknown command ${shown}`);
// Last line of defence: whatever escapes a command's own error handling is still one line, never
// a stack trace (set K3S_VIP_DEBUG=1 to see the trace).
function internalError(e) {
  if (process.env.K3S_VIP_DEBUG) process.stderr.write(`${e && e.stack}\n`);
  const message = String((e && e.message) || e).split('\n')[0];
  // A package.json under lib/ with "type": "module" (attack 56b-10): name it, as the guard at the top does for the root's.
  const esm = / in ES module scope/.test(message) && require('./module-type-file').moduleTypeFile(root);
  if (esm) {
    process.stderr.write(
      `error: ${esm} sets "type": "module", so Node loads the compiled files below it as ES modules, and this tool's build is CommonJS; remove that file (or its "type" field)\n`,
    );
    process.exit(command === 'main' && process.env.CDK8S_OUTDIR ? 0 : 1);
  }
  process.stderr.write(`error: ${command}: unexpected problem: ${message}; run again with K3S_VIP_DEBUG=1 to see where, and report it\n`);
  // See src/synth.ts: under the cdk8s CLI a non-zero exit would make the CLI print a trace itself.
  process.exit(command === 'main' && process.env.CDK8S_OUTDIR ? 0 : 1);
}
process.on('uncaughtException', internalError);
// A reader that stops early (`npm run synth -- --dry-run | head`) is no error: stop quietly.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  internalError(e);
});
// A log that cannot be written (stderr sent to a full disk) must not turn finished work into an "unexpected
// problem": its lines are lost, and the exit code still tells what happened.
process.stderr.on('error', () => undefined);
codeCache.useCache();
// A synth applies about 430 regular expressions (the secret readers) to short texts, most of them a few times only. V8
// first runs each in its interpreter, then compiles it to machine code at its second run: two compilations for one
// pattern. Compiling once, at the first run, saves about 15 ms of a 0.3 s synth. Set after useCache: the code cache was
// written without this flag, and V8 refuses code whose flags differ when it deserializes it.
// A synth of the reference config is over in a third of a second, too soon for most of what TurboFan compiles to pay
// back its compile time (about 25 ms of CPU): a budget 8 times V8's default (67,584, V8 11.3 src/flags/flag-definitions.h)
// before a function is optimized leaves that to the functions a longer synth keeps running.
require('node:v8').setFlagsFromString('--no-regexp-tier-up --interrupt-budget=540672');
try {
  require(entry).main(args);
} catch (e) {
  internalError(e);
}
