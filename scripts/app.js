#!/usr/bin/env node
// The `app` of cdk8s.yaml, and the runner of the other npm scripts: `node scripts/app.js [command]`
// runs lib/src/<command>.js (default: main, the synth), first recompiling lib/ when any source is
// newer than the last build, so a synth skips TypeScript's compile cost when nothing changed and
// never runs stale code when something did.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const buildInfo = join(root, 'lib', '.tsbuildinfo');
const [command = 'main', ...args] = process.argv.slice(2);
const entry = join(root, 'lib', 'src', `${command}.js`);

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
  // tsc leaves its build info alone when no output changed; mark the build as current anyway.
  const now = new Date();
  utimesSync(buildInfo, now, now);
}
require(entry).main(args);
