#!/usr/bin/env node
// `npm run synth`: runs `cdk8s synth` (so both paths stay one), offline and with a private staging
// folder, and drops the CLI's own lines about that staging folder, so the last thing the user reads
// is what changed in dist/, or why nothing did. Arguments are passed on to `cdk8s synth`.
'use strict';
const { spawn } = require('node:child_process');
const { mkdirSync, readdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { createInterface } = require('node:readline');

const root = join(__dirname, '..');
const args = process.argv.slice(2);
const ownStaging = !args.some((arg) => arg === '--output' || arg === '-o' || arg.startsWith('--output='));
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
let staging;
if (ownStaging) {
  mkdirSync(STAGING_ROOT, { recursive: true });
  for (const name of readdirSync(STAGING_ROOT)) {
    const pid = Number(/^run-(\d+)$/.exec(name)?.[1]);
    if (pid && !isRunning(pid)) rmSync(join(STAGING_ROOT, name), { recursive: true, force: true });
  }
  staging = join(STAGING_ROOT, `run-${process.pid}`);
}
const cli = join(root, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
const child = spawn(process.execPath, [cli, 'synth', ...(staging ? ['--output', staging] : []), ...args], {
  cwd: root,
  env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', K3S_VIP_QUIET_CLI: '1' },
  stdio: ['inherit', 'pipe', 'pipe'],
});

/** The CLI's lines about its staging folder, which is not where the output goes. */
const NOISE = [
  /^Synthesizing application$/,
  /^ {2}- \S/,
  /^ERROR: synthesis failed, app expected to create /,
  /^No manifests synthesized$/,
];
const relay = (from, to) =>
  createInterface({ input: from }).on('line', (line) => {
    if (!NOISE.some((pattern) => pattern.test(line))) to.write(`${line}\n`);
  });
relay(child.stdout, process.stdout);
relay(child.stderr, process.stderr);

const cleanUp = () => {
  if (staging) rmSync(staging, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (e) => {
  cleanUp();
  process.stderr.write(`synth failed: cannot run the cdk8s CLI (${e.message}): run \`npm ci\` first.\n`);
  process.exitCode = 1;
});
child.on('close', (code, signal) => {
  cleanUp();
  process.exitCode = code ?? (signal ? 1 : 0);
});
