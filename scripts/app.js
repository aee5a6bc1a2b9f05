#!/usr/bin/env node
// The `app` of cdk8s.yaml. Runs the compiled app from lib/, first recompiling it when any source
// is newer than the last build, so `cdk8s synth` skips TypeScript's compile cost when nothing
// changed and never runs stale code when something did.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const buildInfo = join(root, 'lib', '.tsbuildinfo');
const entry = join(root, 'lib', 'src', 'main.js');

function newestSource(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestSource(join(path, name))), 0);
}

function isStale() {
  if (!existsSync(buildInfo) || !existsSync(entry)) return true;
  const sources = ['src', 'imports', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
  return Math.max(...sources.map((p) => newestSource(join(root, p)))) > statSync(buildInfo).mtimeMs;
}

if (isStale()) {
  const tsc = require.resolve('typescript/bin/tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: ['ignore', 2, 2] });
  if (build.status !== 0) {
    process.stderr.write('synth failed: the TypeScript sources do not compile (see above); dist/ was left unchanged.\n');
    // See src/synth.ts: under the cdk8s CLI, exit 0 without output gives a one-line error, not a stack trace.
    process.exit(process.env.CDK8S_OUTDIR ? 0 : 1);
  }
}
require(entry).main();
