import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { passMemo } from '../src/output/pass-memo';
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
      'dev/README.md: holds a value under a key named like a secret (read line by line)',
    ]);
  });

  test('with the default memo (the cache folder), a secret is refused on every run', () => {
    expect(secretsInFiles(secret)).toHaveLength(1);
    expect(secretsInFiles(secret)).toHaveLength(1);
  });
});
