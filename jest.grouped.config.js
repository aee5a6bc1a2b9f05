// `npm test`: the files that share a suite run in shards (test/groups/), the rest as suites of their own
// (scripts/test-suites.js says which and why).
const base = require('./jest.config');
const { SHARDS, ownSuites } = require('./scripts/test-suites');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: [
    ...Array.from({ length: SHARDS }, (_, i) => `<rootDir>/test/groups/shard-${i}.test.ts`),
    ...ownSuites().map((name) => `<rootDir>/test/${name}`),
  ],
  testPathIgnorePatterns: ['/node_modules/'],
};
