// `npm run test:fresh-install`: the example app installed from `npm pack` with a fresh dependency
// resolution (needs the npm registry; minutes). Not part of `npm test`; .ci/run runs it.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = { ...base, testMatch: ['**/fresh-install/*.fresh.ts'], testTimeout: 20 * 60_000 };
