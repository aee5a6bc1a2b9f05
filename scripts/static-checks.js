// `npm test`'s first step: the type check, ESLint and the Prettier check, run side by side (each mostly uses one
// core; one after another they took about a minute of `npm test` here). Each tool's output is printed whole, in
// this order, once it ends; the exit code is non-zero when any of them failed.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const bin = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
const CHECKS = [
  ['type check', bin('typescript', 'bin/tsc'), ['-p', 'tsconfig.json']],
  ['lint', bin('eslint', 'bin/eslint.js'), ['.']],
  ['format check', bin('prettier', 'bin/prettier.cjs'), ['--check', '.']],
];

function run([name, script, args]) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: path.join(__dirname, '..') });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => resolve({ name, code: 1, output: `${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ name, code: code ?? 1, signal, output: Buffer.concat(output).toString() }));
  });
}

Promise.all(CHECKS.map(run)).then((results) => {
  for (const { name, code, signal, output } of results) {
    process.stdout.write(output);
    if (code !== 0) process.stdout.write(`${name} failed${signal ? ` (${signal})` : ''}\n`);
  }
  process.exitCode = results.some(({ code }) => code !== 0) ? 1 : 0;
});
