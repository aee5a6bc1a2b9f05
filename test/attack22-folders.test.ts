// Round 22's hang: Node's recursive mkdir loops forever where a parent exists but refuses every child
// with ENOENT (/proc/<pid>/x). The output folder, the caches and the pass memo are now made one
// folder at a time (makeFolders), which fails with one line instead.
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_YAML } from './helpers';
import { makeFolders } from '../src/output/file-system';
import { wiring } from '../src/main';
import { runSynth } from '../src/synth';

const hasProc = existsSync('/proc/1');

describe('makeFolders', () => {
  const root = mkdtempSync(join(tmpdir(), 'k3s-vip-folders-'));

  it('creates the missing folders and returns the first one it made', () => {
    expect(makeFolders(join(root, 'a', 'b', 'c'))).toBe(join(root, 'a'));
    expect(existsSync(join(root, 'a', 'b', 'c'))).toBe(true);
    expect(makeFolders(join(root, 'a', 'b', 'd'))).toBe(join(root, 'a', 'b', 'd'));
  });

  it('returns undefined when the folder already stands', () => {
    mkdirSync(join(root, 'there'));
    expect(makeFolders(join(root, 'there'))).toBeUndefined();
  });

  it.each([
    ['a file on the way', () => writeFileSync(join(root, 'file'), ''), join(root, 'file', 'x'), 'ENOTDIR'],
    ['a link to nothing', () => symlinkSync(join(root, 'nowhere'), join(root, 'dangling')), join(root, 'dangling', 'x'), 'EDANGLINGLINK'],
  ])('throws on %s', (_what, setUp, path, code) => {
    setUp();
    expect(() => makeFolders(path)).toThrow(expect.objectContaining({ code }));
  });

  (hasProc ? it : it.skip)('throws where a parent refuses every child (/proc/1/x), where Node loops forever', () => {
    expect(() => makeFolders('/proc/1/x/y')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});

(hasProc ? describe : describe.skip)('a synth into /proc', () => {
  it.each(['/proc/1/x', '/proc/1/x/y'])('K3S_VIP_DIST_DIR=%s fails in one line, exit 1', (dist) => {
    const config = mkdtempSync(join(tmpdir(), 'k3s-vip-folders-config-'));
    writeFileSync(join(config, 'dev.yaml'), DEV_YAML);
    const lines: string[] = [];
    const code = runSynth({ configDir: config, distDir: dist, wiring, log: (line) => lines.push(line) });
    expect(code).toBe(1);
    // Named by its file system before any write is tried (left70c's special-file-system.ts).
    expect(lines.join('\n')).toContain(
      `error: ${dist} is on the kernel's proc file system, not a folder of files: choose a regular folder`,
    );
    expect(lines.at(-1)).toBe(`synth failed: ${dist}/ was left unchanged.`);
  });
});
