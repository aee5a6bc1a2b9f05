// Which test files `npm test` runs as suites of their own, and which share a suite (jest.grouped.config.js).
// Jest gives every suite a fresh module registry, so every suite loaded cdk8s, cdk8s-plus-27 and src/ again (about
// 0.8 s of CPU each): over a hundred small files that was half the time of `npm test`. Those files now run in a few
// shards, one registry each, every file inside a describe named after it. A file keeps a suite of its own when its
// first comment says `@jest-own-suite`: it mocks modules (jest.mock holds for a whole registry) or spends its time
// waiting on child processes, which jest then runs beside the shards. `npx jest test/<file>` still runs one file alone.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const TEST_DIR = path.join(__dirname, '..', 'test');
/** Shards sharing a registry: enough for two workers to stay busy beside the suites of their own. */
const SHARDS = 6;

/** test/*.test.ts, sorted by name so that a shard holds the same files on every machine. */
function testFiles() {
  return fs
    .readdirSync(TEST_DIR)
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => path.join(TEST_DIR, name));
}

function ownSuite(file) {
  return /@jest-own-suite\b/.test(fs.readFileSync(file, 'utf8').slice(0, 2000));
}

/** The file names that run as suites of their own. */
function ownSuites() {
  return testFiles()
    .filter(ownSuite)
    .map((file) => path.basename(file));
}

/** The paths of the files in shard `index` (0 to SHARDS - 1). */
function shard(index) {
  return testFiles()
    .filter((file) => !ownSuite(file))
    .filter((_, i) => i % SHARDS === index);
}

module.exports = { SHARDS, ownSuites, shard };
