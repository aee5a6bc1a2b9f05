import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentDigests } from '../src/output/file-digests';
import { codeFingerprint, passMemo } from '../src/output/pass-memo';
import { secretsInFiles } from '../src/output/secret-gate';

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'k3s-vip-pass-memo-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe('a pass memo remembers passes only, by scope and input', () => {
  test('a saved pass is known to the next run of the same scope, not to another scope or input', () => {
    const first = passMemo(scratch, 'check', 'a'.repeat(64));
    expect(first.passed('input')).toBe(false);
    first.remember('input');
    first.save();
    expect(passMemo(scratch, 'check', 'a'.repeat(64)).passed('input')).toBe(true);
    expect(passMemo(scratch, 'check', 'a'.repeat(64)).passed('input ')).toBe(false);
    // Another scope (the check's code changed) starts afresh and removes the old memo.
    const other = passMemo(scratch, 'check', 'b'.repeat(64));
    expect(other.passed('input')).toBe(false);
    other.remember('input');
    other.save();
    expect(readdirSync(scratch)).toEqual([`check-${'b'.repeat(16)}.txt`]);
  });

  test('no folder or no scope: nothing is remembered or written', () => {
    for (const memo of [passMemo(undefined, 'check', 'a'.repeat(64)), passMemo(scratch, 'check', undefined)]) {
      memo.remember('input');
      memo.save();
      expect(memo.passed('input')).toBe(false);
    }
    expect(readdirSync(scratch)).toEqual([]);
  });

  test('a link or a FIFO at the memo is neither read nor written through, and never blocks', () => {
    const name = `check-${'a'.repeat(16)}.txt`;
    const target = join(scratch, 'elsewhere.txt');
    writeFileSync(target, '');
    symlinkSync(target, join(scratch, name));
    const linked = passMemo(scratch, 'check', 'a'.repeat(64));
    linked.remember('input');
    linked.save();
    expect(readFileSync(target, 'utf8')).toBe('');
    rmSync(join(scratch, name));
    execFileSync('mkfifo', [join(scratch, name)]);
    const fifo = passMemo(scratch, 'check', 'a'.repeat(64));
    expect(fifo.passed('input')).toBe(false);
    fifo.remember('input');
    fifo.save();
  });
});

describe('the secret gate remembers the files that passed it', () => {
  const clean = new Map([['dev/a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: "1"}\n']]);
  const secret = new Map([['dev/b.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {db_password: hunter2x}\n']]);

  test('a pass is remembered; a finding never is, and is found on every run', () => {
    const memo = () => passMemo(scratch, 'gate-passes', 'c'.repeat(64));
    expect(secretsInFiles(new Map([...clean, ...secret]), undefined, memo())).toEqual([
      'dev/b.yaml: data.db_password holds a value under a key named like a secret',
    ]);
    const file = join(scratch, `gate-passes-${'c'.repeat(16)}.txt`);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
    const again = memo();
    expect(again.passed(`yaml\0${clean.get('dev/a.yaml')}`)).toBe(true);
    expect(secretsInFiles(new Map([...clean, ...secret]), undefined, again)).toHaveLength(1);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  test('the same text as another kind of file is judged afresh (a README is read line by line)', () => {
    const text = 'password: hunter2x\n';
    const memo = passMemo(scratch, 'gate-passes', 'c'.repeat(64));
    memo.remember(`yaml\0${text}`); // as if it had passed as YAML
    expect(secretsInFiles(new Map([['dev/README.md', text]]), undefined, memo)).toEqual([
      'dev/README.md:1: holds a value under a key named like a secret (read line by line)',
    ]);
  });

  test('with the default memo (the cache folder), a secret is refused on every run', () => {
    expect(secretsInFiles(secret)).toHaveLength(1);
    expect(secretsInFiles(secret)).toHaveLength(1);
  });
});

describe('code fingerprints read a module again only when it changed (src/output/file-digests.ts)', () => {
  // Files count as read long after their last change (an index records no file changed in the last 5 s of a read).
  const later = () => Date.now() + 60_000;
  const fingerprint = (dir: string, index: string) => codeFingerprint(dir, undefined, (files) => contentDigests(files, index, later()));
  const modules = (dir: string) => readdirSync(dir).filter((name) => /\.(js|ts)$/.test(name) && !name.endsWith('.d.ts'));

  // The module object itself (an `import * as` copy's properties cannot be replaced).
  const fs = require('node:fs') as typeof import('node:fs');
  function readsDuring(run: () => void): string[] {
    const spy = jest.spyOn(fs, 'readFileSync');
    try {
      run();
      return spy.mock.calls.map(([file]) => String(file));
    } finally {
      spy.mockRestore();
    }
  }

  test('a folder fingerprinted before is not read again: its digests come from the index', () => {
    const dir = join(scratch, 'check');
    mkdirSync(dir);
    for (const name of ['a.ts', 'b.ts', 'c.d.ts']) writeFileSync(join(dir, name), `export const ${name[0]} = 1;\n`);
    const index = join(scratch, 'digests.json');
    const first = fingerprint(dir, index);
    expect(readsDuring(() => expect(fingerprint(dir, index)).toBe(first)).filter((file) => file.startsWith(dir))).toEqual([]);
  });

  test("this project's own checks (core/, validate/) read only modules changed in the last seconds on their second fingerprint", () => {
    const src = join(__dirname, '..', 'src');
    for (const dir of [join(src, 'core'), join(src, 'validate')]) {
      const first = codeFingerprint(dir);
      const recent = modules(dir).filter((name) => {
        const { mtimeMs, ctimeMs } = fs.statSync(join(dir, name));
        return Date.now() - Math.min(mtimeMs, ctimeMs) < 10_000;
      });
      const reads = readsDuring(() => expect(codeFingerprint(dir)).toBe(first)).filter((file) => file.startsWith(dir));
      expect(reads.length).toBeLessThanOrEqual(recent.length);
      expect(modules(dir).length).toBeGreaterThan(10);
    }
  });

  test.each([
    ['a new content with a new modification time', (file: string) => writeFileSync(file, 'export const a = 2;\n')],
    [
      'a new content of the same size, its modification time set back',
      (file: string) => {
        const { atime, mtime } = fs.statSync(file);
        writeFileSync(file, 'export const a = 3;\n');
        fs.utimesSync(file, atime, mtime);
      },
    ],
    ['a module added', (file: string) => writeFileSync(join(file, '..', 'z.js'), '')],
    ['a module renamed', (file: string) => fs.renameSync(file, join(file, '..', 'a2.ts'))],
  ])('%s changes the fingerprint, so a memo of the check starts afresh', (_label, change) => {
    const dir = join(scratch, 'check');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(dir, 'b.ts'), 'export const b = 1;\n');
    const index = join(scratch, 'digests.json');
    const before = fingerprint(dir, index);
    const memo = passMemo(scratch, 'check', before);
    memo.remember('input');
    memo.save();
    expect(JSON.parse(readFileSync(index, 'utf8')).files).toHaveProperty([join(dir, 'a.ts')]);
    // A clock tick later (file times step by up to 10 ms here): the 5 s an index waits before it records a file, in short.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    change(join(dir, 'a.ts'));
    const after = fingerprint(dir, index);
    expect(after).not.toBe(before);
    expect(passMemo(scratch, 'check', after).passed('input')).toBe(false);
    // The content, not the file's times, is what counts: the first text back gives the first fingerprint.
    if (fs.existsSync(join(dir, 'a.ts'))) {
      writeFileSync(join(dir, 'a.ts'), 'export const a = 1;\n');
      rmSync(join(dir, 'z.js'), { force: true });
      expect(fingerprint(dir, index)).toBe(before);
    }
  });

  test('files changed in the last seconds, or with a damaged index, are read every time, and give the same digests', () => {
    const file = join(scratch, 'a.ts');
    writeFileSync(file, 'export const a = 1;\n');
    const index = join(scratch, 'digests.json');
    const digest = contentDigests([file], index);
    expect(fs.existsSync(index)).toBe(false); // changed just now: not recorded
    expect(readsDuring(() => expect(contentDigests([file], index)).toEqual(digest))).toContain(file);
    // An index as read by a new process, each.
    const damaged = ['{"format":"file-digests-2","files":{"x":[1,2]', 'null', `{"format":"file-digests-2","files":{"${file}":[1,2]}}`];
    damaged.forEach((text, i) => {
      writeFileSync(`${index}.${i}`, text);
      expect(readsDuring(() => expect(contentDigests([file], `${index}.${i}`, later())).toEqual(digest))).toContain(file);
    });
  });
});
