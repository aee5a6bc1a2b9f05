/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Jest's default on a 2-core machine is one worker, which left a core idle while a suite waited on the
  // processes it starts (synth, install, kill tests): two workers took the suite from about 130 s to under 120 s
  // even with another job running beside it.
  maxWorkers: 2,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The shards are `npm test`'s way to run the other files (jest.grouped.config.js); here each file is a suite.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/groups/'],
  // Type-checking is `tsc` in `npm test`; with isolatedModules ts-jest only transpiles (fast).
  transform: { '^.+\\.ts$': 'ts-jest' },
  // examples/typescript-app imports the package by name; here that is this checkout's source.
  moduleNameMapper: { '^k3s-vip$': '<rootDir>/src/index.ts' },
  // No test may touch the user's config/*.yaml or dist/ (see the file).
  setupFiles: ['<rootDir>/test/user-files-guard.ts'],
  // Each suite's temporary files in a folder of its own, outside a busy /tmp (see the file).
  setupFilesAfterEnv: ['<rootDir>/test/private-tmpdir.ts', '<rootDir>/test/cdk8s-outdir-cleanup.ts'],
  reporters: ['default', '<rootDir>/scripts/jest-summary.js'],
};
