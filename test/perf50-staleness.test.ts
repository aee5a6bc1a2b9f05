import fs, { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { newestSource } from '../scripts/newest-source';

/**
 * scripts/app.js rebuilds lib/ when newestSource(src/, imports/, ...) is newer than the last build: every run walks
 * about 400 files, so the walk must stay cheap (one stat per file, none per folder) and must still find the one file
 * edited anywhere below.
 */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'k3s-vip-perf50-'));
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** A tree of `files` (relative paths), each at time 1000 s, then `edited` at 9000 s. */
function tree(files: string[], edited: string): void {
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), 'export {};\n');
    utimesSync(join(dir, file), 1000, 1000);
  }
  utimesSync(join(dir, edited), 9000, 9000);
}

const FILES = ['a.ts', 'core/b.ts', 'core/deep/er/c.ts', 'validate/d.ts', 'validate/e.ts'];

describe('the staleness walk finds the newest file below a folder', () => {
  test.each(FILES)('%s edited', (edited) => {
    tree(FILES, edited);
    expect(newestSource(dir)).toBe(9000 * 1000);
  });

  test('through a link to a folder outside, and a file link', () => {
    const outside = mkdtempSync(join(tmpdir(), 'k3s-vip-perf50-out-'));
    try {
      tree(FILES, 'a.ts');
      utimesSync(join(dir, 'a.ts'), 1000, 1000);
      writeFileSync(join(outside, 'x.ts'), '');
      utimesSync(join(outside, 'x.ts'), 7000, 7000);
      symlinkSync(outside, join(dir, 'core', 'linked'));
      expect(newestSource(dir)).toBe(7000 * 1000);
      utimesSync(join(outside, 'x.ts'), 1000, 1000);
      writeFileSync(join(outside, 'y.ts'), '');
      utimesSync(join(outside, 'y.ts'), 8000, 8000);
      symlinkSync(join(outside, 'y.ts'), join(dir, 'y.ts'));
      expect(newestSource(dir)).toBe(8000 * 1000);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('a file, and a path that is gone', () => {
    tree(FILES, 'core/b.ts');
    expect(newestSource(join(dir, 'core', 'b.ts'))).toBe(9000 * 1000);
    expect(newestSource(join(dir, 'nothing'))).toBe(0);
  });
});

describe('the staleness walk costs one stat per file', () => {
  test('no stat of a plain folder, no lstat, one realpath(3) call per folder', () => {
    tree(FILES, 'a.ts');
    const stat = jest.spyOn(fs, 'statSync');
    const lstat = jest.spyOn(fs, 'lstatSync');
    const realpath = jest.spyOn(fs.realpathSync, 'native');
    expect(newestSource(dir)).toBe(9000 * 1000);
    // The folder asked about, then each file.
    expect(stat).toHaveBeenCalledTimes(1 + FILES.length);
    expect(lstat).not.toHaveBeenCalled();
    // The folder itself, core, core/deep, core/deep/er and validate.
    expect(realpath).toHaveBeenCalledTimes(5);
  });
});
