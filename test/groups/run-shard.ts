// One shard of the test files that share a suite (scripts/test-suites.js says why and which).
import { basename } from 'node:path';

const { shard } = require('../../scripts/test-suites') as { shard: (index: number) => string[] };

/** Loads every file of shard `index` inside a describe named after it, so its hooks stay its own. */
export function runShard(index: number): void {
  const files = shard(index);
  if (files.length === 0) throw new Error(`test shard ${index} is empty: lower SHARDS in scripts/test-suites.js`);
  for (const file of files) {
    describe(basename(file, '.ts'), () => {
      require(file);
    });
  }
}
