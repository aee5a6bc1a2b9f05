#!/usr/bin/env node
// `npm run synth`: runs `cdk8s synth` (so both paths stay one), offline and with a private staging
// folder, and drops the CLI's own lines about that staging folder, so the last thing the user reads
// is what changed in dist/, or why nothing did. It takes options of its own (--help), never passes
// any to the CLI, and runs a --dry-run without the CLI, which would stage files.
'use strict';
// A package.json over this file with "type": "module" makes Node run it as an ES module, where `require` is not
// defined: one line then, not Node's trace (round 53b-6). Written to parse both ways.
if (typeof require !== 'function') {
  process.stderr.write(
    `error: node ran ${process.argv[1]} as an ES module: a package.json above it (the project's, or one in scripts/) sets "type": "module", and this tool's scripts are CommonJS; remove that "type" field\n`,
  );
  process.exit(1);
}
const { spawn } = require('node:child_process');
const { lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { createInterface } = require('node:readline');

const root = join(__dirname, '..');
// Read first, while npm is surely still an ancestor (scripts/npm-runner.js).
const npmRunner = require('./npm-runner');
const RUNNER_PID = npmRunner.npmRunnerPid();
// The output folder by the name the user gave it: its path is not echoed (this runs before any redaction is loaded).
const DIST = process.env.K3S_VIP_DIST_DIR ? 'the output folder (K3S_VIP_DIST_DIR)' : 'dist/';
const UNCHANGED = `${DIST} was left unchanged`;
const USAGE = 'usage: npm run synth [-- [--cluster <name>]... [--dry-run]]';
const HELP = `${USAGE}

Checks every config/<cluster>.yaml and writes dist/<cluster>/ through \`cdk8s synth\`. A config with
a problem changes nothing: every problem is listed at once and dist/ stays as it was.

  --cluster <name>  only config/<name>.yaml into dist/<name>/ (repeatable); the other clusters'
                    folders and their lines in dist/.generated-files stay exactly as they are
  --dry-run         write nothing: print a unified diff of what would change in dist/ (stdout;
                    added files in full), then the warnings and a summary (stderr); exit 1
                    where a synth would refuse
  -h, --help        print this help

Flags go after \`--\`: npm keeps those before it for itself.
K3S_VIP_CONFIG_DIR and K3S_VIP_DIST_DIR replace config/ and dist/ (a relative path is taken from the
folder you run npm in); K3S_VIP_CLUSTERS=<name>,<name> picks clusters as --cluster does, when no --cluster
is given. \`npm run check\` compares dist/ with a fresh synth; a plain \`cdk8s synth\` writes the same
dist/ as \`npm run synth\`.`;

/** Why an option is not one of ours, for the flags a cdk8s or CI user is likely to try. */
const HINTS = {
  '--stdout': 'npm run synth always writes dist/; --dry-run prints what would change instead',
  '--output': 'npm run synth always writes dist/ (K3S_VIP_DIST_DIR moves it); --dry-run prints what would change instead',
  '-o': 'npm run synth always writes dist/ (K3S_VIP_DIST_DIR moves it); --dry-run prints what would change instead',
  '--json':
    'there is no JSON output: CI reads the exit code, the `file:line:column: key.path: message` lines and `--dry-run`\'s diff (docs/yaml.md, "In CI")',
};

/** The command line, or a one-line reason it is wrong (npm-swallowed flags included: see src/npm-args.ts). */
function parse(args, env) {
  const taken = [];
  if (env.npm_config_cluster !== undefined && !args.some((a) => a === '--cluster' || a.startsWith('--cluster='))) {
    taken.push([
      '--cluster',
      env.npm_config_cluster === 'true' ? (args.find((a) => !a.startsWith('-')) ?? '<name>') : env.npm_config_cluster,
    ]);
  }
  if (env.npm_config_dry_run === 'true' && !args.includes('--dry-run')) taken.push(['--dry-run']);
  for (const flag of ['stdout', 'output', 'json']) if (env[`npm_config_${flag}`] !== undefined) taken.push([`--${flag}`]);
  if (taken.length) {
    const rest = args.filter((a) => !taken.some(([, value]) => value === a));
    return `npm took ${taken.map(([flag]) => flag).join(' and ')} for itself: write \`npm run synth -- ${[...rest, ...taken.flat()].join(' ')}\``;
  }
  const options = { clusters: [], dryRun: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--cluster' || arg.startsWith('--cluster=')) {
      const name = arg === '--cluster' ? args[++i] : arg.slice('--cluster='.length);
      if (name === undefined || name === '' || name.startsWith('-')) return '--cluster needs a cluster name: --cluster <name>';
      if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(name)) {
        return `--cluster ${JSON.stringify(name)} is not a cluster name: give the <name> of a config/<name>.yaml`;
      }
      options.clusters.push(name);
    } else if (/^(?:--dry-run|--help|-h)=/.test(arg)) {
      // Only the flag is echoed: what follows `=` may be a pasted secret.
      const flag = arg.split('=')[0];
      return `${flag} takes no value: write ${flag} alone`;
    } else if (arg.startsWith('-')) {
      const flag = arg.split('=')[0];
      return `unknown option ${flag}: ${HINTS[flag] ?? 'npm run synth takes --cluster <name>, --dry-run and --help'}`;
    } else if (!/^[\w.-]+$/.test(arg))
      return `unexpected argument ${JSON.stringify(arg)}: npm run synth takes --cluster <name>, --dry-run and --help`;
    else return `unexpected argument "${arg}": to pick clusters write --cluster ${arg}`;
  }
  return options;
}

/** A dry run writes nothing, not even the CLI's staging folder: the app runs on its own. */
function dryRun(clusters) {
  const args = [join(__dirname, 'app.js'), 'main', '--dry-run', ...clusters.flatMap((name) => ['--cluster', name])];
  const app = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => app.kill(signal));
  app.on('close', (code, signal) => (process.exitCode = code ?? (signal ? 1 : 0)));
}

function readdirOrNone(path) {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function readOrEmpty(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function lstatOrUndefined(path) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** The synth proper: `cdk8s synth`, which runs the app of cdk8s.yaml. */
function synth(clusters) {
  // Each run stages in its own folder inside the project's `.cdk8s.out/` (git-ignored): the CLI
  // deletes its output folder first, and two runs sharing one would delete each other's (dist/ itself
  // is guarded by its lock). Folders of runs that were killed are removed here.
  const STAGING_ROOT = join(root, '.cdk8s.out');
  const isRunning = (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return e.code !== 'ESRCH';
    }
  };
  // Never through a link: it would make the clean-up below delete (and the CLI write) wherever it points.
  const existing = lstatOrUndefined(STAGING_ROOT);
  if (existing && (existing.isSymbolicLink() || !existing.isDirectory())) {
    process.stderr.write(
      `synth failed: ${STAGING_ROOT} is ${existing.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}; it is only the CLI's staging area: remove it and run again; ${UNCHANGED}.\n`,
    );
    process.exitCode = 1;
    return;
  }
  try {
    mkdirSync(STAGING_ROOT, { recursive: true });
  } catch (e) {
    process.stderr.write(
      `synth failed: cannot create ${STAGING_ROOT}, the CLI's staging area (${reason(e)}): make the project writable; ${UNCHANGED}.\n`,
    );
    process.exitCode = 1;
    return;
  }
  // Another run that just ended may have removed the (then empty) folder: nothing of a killed run is left in it then.
  // A run is over when its synth.js and the CLI it started (named in run-<pid>.cli) both are: a SIGKILLed synth.js
  // leaves the CLI and the app running for a moment, and their folder must stay until they end (57b-2).
  const cliPid = (name) => Number(/^\d+$/.exec(readOrEmpty(join(STAGING_ROOT, `${name}.cli`)).trim())?.[0]);
  for (const name of readdirOrNone(STAGING_ROOT)) {
    const [, run, , cliFile] = /^(run-(\d+))(\.cli)?$/.exec(name) ?? [];
    const pid = Number(/\d+$/.exec(run ?? '')?.[0]);
    if (!pid || isRunning(pid) || (cliPid(run) && isRunning(cliPid(run)))) continue;
    if (cliFile && readdirOrNone(STAGING_ROOT).includes(run)) continue; // removed after its folder, below
    try {
      rmSync(join(STAGING_ROOT, name), { recursive: true, force: true });
      if (!cliFile) rmSync(join(STAGING_ROOT, `${run}.cli`), { force: true });
    } catch (e) {
      // Another user's or a sudo run's leftover: only a staging copy, in no one's way (each run stages in its own folder).
      process.stderr.write(
        `warning: cannot remove ${join(STAGING_ROOT, name)}, left by an earlier run (${reason(e)}): remove it by hand\n`,
      );
    }
  }
  const staging = join(STAGING_ROOT, `run-${process.pid}`);
  const cli = join(root, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
  const child = spawn(process.execPath, [cli, 'synth', '--output', staging], {
    cwd: root,
    // The app gets no arguments under the CLI; the clusters travel in the environment (src/synth.ts).
    // K3S_VIP_LAUNCHER_PID: the app publishes only while this process runs (src/output/launcher.ts).
    env: {
      ...process.env,
      CDK8S_CHECK_UPGRADE: 'false',
      K3S_VIP_QUIET_CLI: '1',
      // A K3S_VIP_CLUSTERS of the user's own is honoured as a bare `cdk8s synth` honours it, and named in its messages;
      // the flag marks the clusters as this run's --cluster (src/synth-args.ts).
      ...(clusters.length ? { K3S_VIP_CLUSTERS: clusters.join(',') } : {}),
      K3S_VIP_CLUSTERS_FROM_FLAG: clusters.length ? '1' : '',
      K3S_VIP_LAUNCHER_PID: String(process.pid),
      // And while npm, when `npm run synth` started this, runs: a SIGKILL of npm's pid spares its children (66c-2).
      ...(RUNNER_PID ? { K3S_VIP_RUNNER_PID: String(RUNNER_PID) } : {}),
    },
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  try {
    if (child.pid) writeFileSync(`${staging}.cli`, `${child.pid}\n`);
  } catch {
    // Only a later run's clean-up reads it: without it that run judges by this process alone, as before.
  }

  /** The CLI's lines about its staging folder, which is not where the output goes. */
  const NOISE = [
    /^Synthesizing application$/,
    /^ {2}- \S/,
    /^ERROR: synthesis failed, app expected to create /,
    /^No manifests synthesized$/,
  ];
  // The CLI's own failure (`Error: command "node scripts/app.js " ... returned a non-zero exit code 137` when the
  // app was killed) comes with its stack trace: both are replaced by one line at the end.
  const CLI_ERROR = /^(?:[A-Z]\w*)?Error\b/;
  let cliError;
  let inTrace = false;
  // The app's last line says what happened to dist/: held back, so whatever the wrapper adds comes before it.
  let held;
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!NOISE.some((pattern) => pattern.test(line))) process.stdout.write(`${line}\n`);
  });
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (CLI_ERROR.test(line)) [cliError, inTrace] = [cliError ?? line, true];
    else if (inTrace && /^\s+at /.test(line)) return;
    else if (line === 'Killed')
      process.stderr.write(`${line}\n`); // the shell's word on the app, not the app's last line
    else if (!NOISE.some((pattern) => pattern.test(line))) {
      inTrace = false;
      if (held !== undefined) process.stderr.write(`${held}\n`);
      held = line;
    }
  });

  const cleanUp = () => {
    try {
      rmSync(staging, { recursive: true, force: true });
      rmSync(`${staging}.cli`, { force: true });
      // The staging root too once no run uses it (a run beside this one keeps it: its folder is inside).
      try {
        rmdirSync(STAGING_ROOT);
      } catch {
        // not empty, or gone
      }
      return undefined;
    } catch (e) {
      return `warning: cannot remove ${staging}, the CLI's staging copy (${reason(e)}): remove it by hand`;
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (e) => {
    const warning = cleanUp();
    if (warning) process.stderr.write(`${warning}\n`);
    process.stderr.write(`synth failed: cannot run the cdk8s CLI (${e.message}): run \`npm ci\` first.\n`);
    process.exitCode = 1;
  });
  child.on('close', (code, signal) => {
    const warning = cleanUp();
    if (warning) process.stderr.write(`${warning}\n`);
    if (signal && !cliError) {
      // The CLI itself was killed (the OOM killer, a kill -9): one line for it, and an exit status that matches the
      // last line (66c-3). The app checks this process is its ancestor through the CLI (src/output/launcher.ts): with
      // the CLI gone it changes nothing more, unless it was already renaming files into place, which it finishes.
      if (held !== undefined && /^synth(?: failed)?: /.test(held)) {
        process.stderr.write(
          `warning: the cdk8s CLI was killed (${signal}); the app had ended, and its last line, below, says what became of dist/\n${held}\n`,
        );
        process.exitCode = held.startsWith('synth: ') ? 0 : 1;
        return;
      }
      if (held !== undefined) process.stderr.write(`${held}\n`);
      process.stderr.write(
        `synth failed: the cdk8s CLI was killed (${signal}) before the app finished; the app stops with it, so ${UNCHANGED.replace(' was left', ' was most likely left')}, or, had the app begun renaming files into place, holds the whole new output: \`npm run check\` says which; run \`npm run synth\` again.\n`,
      );
      process.exitCode = 1;
      return;
    }
    const stopped = /returned a non-zero exit code (\d+|null)$/.exec(cliError ?? '');
    // Killed after its own last line (`synth: …` or `synth failed: …`): that line is the truth about dist/.
    const finished = held !== undefined && /^synth(?: failed)?: /.test(held);
    if (stopped && finished) process.stderr.write('warning: the app was killed after it had finished; its last line, below, stands\n');
    if (held !== undefined) process.stderr.write(`${held}\n`);
    if (stopped && finished) {
      process.exitCode = held.startsWith('synth: ') ? 0 : 1;
      return;
    }
    if (stopped) {
      // Under the CLI the app exits 0 even on a refusal (src/synth.ts): any other exit means it did not finish.
      const killed = Number(stopped[1]) > 128 || stopped[1] === 'null' ? ', killed (out of memory, or by a signal)' : '';
      process.stderr.write(
        `synth failed: the app stopped before it finished${killed}: ${DIST} may have been changed (had it begun writing, each file it wrote is listed in .generated-files without a digest, which k3s:install refuses): \`npm run check\` says whether; run \`npm run synth\` again.\n`,
      );
    } else if (cliError) {
      process.stderr.write(`synth failed: the cdk8s CLI failed (${cliError}); ${UNCHANGED}.\n`);
    }
    process.exitCode = code || (signal || cliError ? 1 : 0);
  });
}

/** Why a file operation failed, in a word or two: `EACCES`, `EIO`. */
function reason(e) {
  return (e && e.code) || String((e && e.message) || e).split('\n')[0];
}

// Last line of defence, as in scripts/app.js: one line, never a stack trace.
function internalError(e) {
  if (process.env.K3S_VIP_DEBUG) process.stderr.write(`${e && e.stack}\n`);
  process.stderr.write(
    `error: npm run synth: unexpected problem: ${reason(e)}; run again with K3S_VIP_DEBUG=1 to see where, and report it\n`,
  );
  process.exit(1);
}
process.on('uncaughtException', internalError);
// A reader that stops early (`npm run synth -- --help | head`) is no error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  internalError(e);
});

/**
 * The refusal echoes the arguments, so it passes the project's redaction of a command line
 * (src/core/redact-message.ts, as compiled by the last synth): a pasted token is never printed, nor a
 * secret npm kept for itself. Before any build it echoes nothing.
 */
function safe(message, args, env) {
  try {
    const { argumentSecrets, redactMessage } = require(join(root, 'lib', 'src', 'core', 'redact-message.js'));
    // One line too: an argument holding a line break or a format character is written escaped (`\u000a`).
    const { oneLine } = require(join(root, 'lib', 'src', 'core', 'problem.js'));
    return oneLine(redactMessage(message, argumentSecrets(args, env)));
  } catch {
    return 'the command line is not what npm run synth takes (see --help)';
  }
}

const options = parse(process.argv.slice(2), process.env);
if (typeof options === 'string') {
  process.stderr.write(`error: ${safe(options, process.argv.slice(2), process.env)}; nothing was written\n${USAGE}\n`);
  process.exitCode = 1;
} else if (options.help) {
  process.stdout.write(`${HELP}\n`);
} else if (npmRunner.npmEndedBeforeStart('synth', RUNNER_PID)) {
  // npm was killed before this started (68c-3): its shell has already said the command ended; nothing follows it.
  process.stderr.write(
    `synth failed: npm, which ran \`npm run synth\`, ended before this run started (killed?): nothing was written, ${UNCHANGED}.\n`,
  );
  process.exitCode = 1;
} else if (options.dryRun) {
  dryRun(options.clusters);
} else {
  synth(options.clusters);
}
