// `npm test`'s first step: the type check, ESLint and the Prettier check, run side by side (each mostly uses one
// core; one after another they took about a minute of `npm test` here). Each tool's output is printed whole, in
// this order, once it ends; the exit code is non-zero when any of them failed.
// Each keeps what it learnt in node_modules/.cache/k3s-vip/ (safe to delete; `npm ci` starts without it, so CI
// always checks everything): a second run re-checks only what changed, about 60 s of CPU down to under 10 s.
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
const { createHash } = require('node:crypto');
const { mkdirSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'k3s-vip');

/**
 * ESLint's cache re-lints a file only when the file (or the config) changed, but the type-aware promise rules on
 * test/ also read the types of what a test imports. src/ has no promises (eslint.config.mjs keeps it synchronous:
 * no async, await or Promise there), so only test/'s shared modules, the scripts tests import, the TypeScript
 * settings and the dependencies can turn a call into a promise: the cache is named after their digest and starts
 * afresh when one changes.
 */
function eslintCache() {
  const digest = createHash('sha256');
  const shared = (folder, keep) =>
    readdirSync(path.join(ROOT, folder), { recursive: true })
      .filter(keep)
      .sort()
      .map((file) => path.join(folder, file));
  const inputs = [
    ...shared('test', (file) => /\.[jt]s$/.test(file) && !file.endsWith('.test.ts')),
    ...shared('scripts', (file) => /\.(js|d\.ts)$/.test(file)),
    'tsconfig.json',
    'package-lock.json',
  ];
  for (const file of inputs) {
    digest
      .update(`${file}\0`)
      .update(readFileSync(path.join(ROOT, file)))
      .update('\0');
  }
  const name = `eslint-${digest.digest('hex').slice(0, 16)}`;
  mkdirSync(CACHE, { recursive: true });
  for (const old of readdirSync(CACHE).filter((f) => f.startsWith('eslint-') && f !== name)) rmSync(path.join(CACHE, old), { force: true });
  return path.join(CACHE, name);
}

const bin = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
const [TSC_CACHE, ESLINT_CACHE, PRETTIER_CACHE] = [path.join(CACHE, 'tsc.tsbuildinfo'), eslintCache(), path.join(CACHE, 'prettier-cache')];
// --cache-strategy content: a checkout or `git stash` changes a file's time, not its text. The last item is the
// check's cache, removed when the check fails, so the next run starts cold: Prettier's cache records a file it could
// not parse as checked (prettier/prettier#19085), and a second run would pass it.
const CHECKS = [
  ['type check', bin('typescript', 'bin/tsc'), ['-p', 'tsconfig.json', '--incremental', '--tsBuildInfoFile', TSC_CACHE], TSC_CACHE],
  ['lint', bin('eslint', 'bin/eslint.js'), ['.', '--cache', '--cache-strategy', 'content', '--cache-location', ESLINT_CACHE], ESLINT_CACHE],
  [
    'format check',
    bin('prettier', 'bin/prettier.cjs'),
    ['--check', '.', '--cache', '--cache-strategy', 'content', '--cache-location', PRETTIER_CACHE],
    PRETTIER_CACHE,
  ],
];

function run([name, script, args]) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => resolve({ name, code: 1, output: `${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ name, code: code ?? 1, signal, output: Buffer.concat(output).toString() }));
  });
}

Promise.all(CHECKS.map(run)).then((results) => {
  for (const [{ name, code, signal, output }, [, , , cache]] of results.map((result, i) => [result, CHECKS[i]])) {
    process.stdout.write(output);
    if (code === 0) continue;
    process.stdout.write(`${name} failed${signal ? ` (${signal})` : ''}\n`);
    rmSync(cache, { force: true, recursive: true });
  }
  process.exitCode = results.some(({ code }) => code !== 0) ? 1 : 0;
});
