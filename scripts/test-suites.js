// Which test files `npm test` runs as suites of their own, and which share a suite (jest.grouped.config.js).
// Jest gives every suite a fresh module registry, so every suite loaded cdk8s, cdk8s-plus-27 and src/ again (about
// 0.8 s of CPU each): over a hundred small files that was half the time of `npm test`. Those files now run in a few
// shards, one registry each, every file inside a describe named after it. A file keeps a suite of its own when its
// first comment says `@jest-own-suite`: it mocks modules or resets the registry (jest.mock and jest.resetModules hold
// for a whole registry: a later file of the shard would get other module instances) or spends its time
// waiting on child processes, which jest then runs beside the shards. `npx jest test/<file>` still runs one file alone.
'use strict';
// A package.json over this file with "type": "module" makes Node run it as an ES module, where `require` is not
// defined: one line then, not Node's trace (round 53b-6). Written to parse both ways.
if (typeof require !== 'function') {
  process.stderr.write(
    `error: node ran ${process.argv[1]} as an ES module: a package.json above it (the project's, or one in scripts/) sets "type": "module", and this tool's scripts are CommonJS; remove that "type" field\n`,
  );
  process.exit(1);
}
const fs = require('node:fs');
const path = require('node:path');

const TEST_DIR = path.join(__dirname, '..', 'test');
/** Shards sharing a registry: enough for two workers to stay busy beside the suites of their own. */
const SHARDS = 6;
/**
 * Seconds each shared file's tests took in one `npm test` (only the ratios matter), so that the shards take about as
 * long as each other: a split by name once put 35 s in one shard and 10 s in another, and file size is a poor guide
 * (a 9 kB file of 1 MB hostile texts outweighs a 37 kB table). A file not in the table (a new one) weighs as much as
 * the table's files of its size do on average. `node scripts/test-suites.js --weigh <jest --json output>` rewrites it.
 */
const WEIGHTS_FILE = path.join(__dirname, 'test-weights.json');
/** What a file costs beyond its tests' own time (loading it, collecting its tests). */
const FILE_COST = 0.3;

/** test/*.test.ts, sorted by name so that a shard holds the same files on every machine. */
function testFiles() {
  return fs
    .readdirSync(TEST_DIR)
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => path.join(TEST_DIR, name));
}

/** A file marked so, or one that mocks modules or resets the registry anywhere (the mark may be forgotten). */
function ownSuite(file) {
  const text = fs.readFileSync(file, 'utf8');
  return /@jest-own-suite\b/.test(text.slice(0, 2000)) || /\bjest\.(?:mock|doMock|resetModules)\(/.test(text);
}

/** The file names that run as suites of their own. */
function ownSuites() {
  return testFiles()
    .filter(ownSuite)
    .map((file) => path.basename(file));
}

/** Each shared file with its weight: measured, or estimated from its size. */
function weighed(files) {
  const table = JSON.parse(fs.readFileSync(WEIGHTS_FILE, 'utf8'));
  const size = (file) => fs.statSync(file).size;
  const known = files.filter((file) => Object.hasOwn(table, path.basename(file)));
  const perByte =
    known.reduce((sum, file) => sum + table[path.basename(file)], 0) /
    Math.max(
      1,
      known.reduce((sum, file) => sum + size(file), 0),
    );
  return files.map((file) => ({ file, weight: FILE_COST + (table[path.basename(file)] ?? perByte * size(file)) }));
}

/** The paths of the files in shard `index` (0 to SHARDS - 1): heaviest first, each to the lightest shard so far. */
function shard(index) {
  const shards = Array.from({ length: SHARDS }, () => ({ weight: 0, files: [] }));
  const files = weighed(testFiles().filter((file) => !ownSuite(file)));
  // Ties broken by name, so that every machine (and every worker) makes the same split.
  files.sort((a, b) => b.weight - a.weight || (a.file < b.file ? -1 : 1));
  for (const { file, weight } of files) {
    const lightest = shards.reduce((best, s) => (s.weight < best.weight ? s : best));
    lightest.weight += weight;
    lightest.files.push(file);
  }
  return shards[index].files.sort();
}

/** `--weigh <file>`: the table from a `jest -c jest.grouped.config.js --json --outputFile=<file>` run. */
function weigh(jsonFile) {
  const seconds = {};
  for (const suite of JSON.parse(fs.readFileSync(jsonFile, 'utf8')).testResults) {
    if (!suite.name.includes(`${path.sep}groups${path.sep}`)) continue;
    for (const result of suite.assertionResults) {
      const file = `${result.ancestorTitles[0]}.ts`;
      seconds[file] = (seconds[file] ?? 0) + (result.duration ?? 0) / 1000;
    }
  }
  const table = Object.fromEntries(
    Object.keys(seconds)
      .sort()
      .map((file) => [file, Math.round(seconds[file] * 10) / 10]),
  );
  fs.writeFileSync(WEIGHTS_FILE, `${JSON.stringify(table, null, 2)}\n`);
}

if (require.main === module && process.argv[2] === '--weigh') weigh(process.argv[3]);

module.exports = { SHARDS, ownSuites, shard };
