/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type-checking is `tsc` in `npm test`; with isolatedModules ts-jest only transpiles (fast).
  transform: { '^.+\\.ts$': 'ts-jest' },
  reporters: ['default', '<rootDir>/scripts/jest-summary.js'],
};
