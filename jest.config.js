/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type-checking is `tsc` in `npm test`; ts-jest only transpiles, which keeps the suite fast.
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
};
