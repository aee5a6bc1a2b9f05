// @jest-own-suite: its time goes to child processes (scripts/test-suites.js).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const DOCS = join(ROOT, 'docs', 'api');
const CACHE = join(ROOT, 'node_modules', '.cache', 'k3s-vip');

/** Every file below `dir`, as paths relative to it, sorted. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * A digest of everything TypeDoc reads (the sources, its and TypeScript's settings, the locked dependencies) and of
 * the committed docs/api/. TypeDoc is deterministic, so a pair it once found current is current again: its 20 s run is
 * skipped while neither side changes (`npm ci` starts without node_modules/.cache/, so CI always runs it).
 */
function inputsDigest(): string {
  const digest = createHash('sha256');
  const files = [
    ...filesBelow(join(ROOT, 'src')).map((file) => join('src', file)),
    ...filesBelow(DOCS).map((file) => join('docs', 'api', file)),
    'typedoc.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'package-lock.json',
  ];
  for (const file of files)
    digest
      .update(`${file}\0`)
      .update(readFileSync(join(ROOT, file)))
      .update('\0');
  return digest.digest('hex').slice(0, 32);
}

describe('docs/api (the API reference)', () => {
  test('is generated from the TSDoc of src/index.ts, and the committed files are current (`npm run docs`)', () => {
    const verdict = join(CACHE, `api-docs-${inputsDigest()}`);
    if (existsSync(verdict)) return;
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
      mkdirSync(CACHE, { recursive: true });
      for (const old of readdirSync(CACHE).filter((name) => name.startsWith('api-docs-'))) rmSync(join(CACHE, old), { force: true });
      writeFileSync(verdict, '');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
