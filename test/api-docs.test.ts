// @jest-own-suite: its time goes to child processes (scripts/test-suites.js).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const DOCS = join(ROOT, 'docs', 'api');

/** Every file below `dir`, as paths relative to it, sorted. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('docs/api (the API reference)', () => {
  test('is generated from the TSDoc of src/index.ts, and the committed files are current (`npm run docs`)', () => {
    const out = mkdtempSync(join(tmpdir(), 'k3s-vip-api-docs-'));
    try {
      // typedoc.json turns warnings (e.g. an exported prop type missing from src/index.ts) into errors.
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--out', out, '--logLevel', 'Error'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: 'pipe',
      });
      const committed = filesBelow(DOCS);
      const generated = filesBelow(out);
      const stale = [...new Set([...committed, ...generated])]
        .sort()
        .filter(
          (file) =>
            !committed.includes(file) || !generated.includes(file) || !readFileSync(join(DOCS, file)).equals(readFileSync(join(out, file))),
        );
      expect(
        stale.length ? `docs/api/ differs from the code in ${stale.join(', ')}: run \`npm run docs\` and commit docs/api/` : 'current',
      ).toBe('current');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
