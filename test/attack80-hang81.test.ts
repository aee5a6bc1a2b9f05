import { createHash } from 'node:crypto';
import { AS_IT_STANDS_AND_TO_BE_WRITTEN, changeCount, diffTrees, tooLargeToShow, unifiedDiff } from '../src/output/diff';
import { redact, secretShape } from '../src/core/secret-shapes';
import { secretsInLines } from '../src/core/secrets';
import { vendorTokenSpans } from '../src/core/token-shapes';
import { cpuMillis } from './cpu-time';

/**
 * Round 81 (hang81): a hand edit of dist/ just under check's 8 MiB read limit made `npm run check` run five minutes and
 * end in V8's `Maximum call stack size exceeded` (81c-6): a file's change too large to show (a side over 256 KiB, or over
 * 2,000 changed lines) is counted in one line that quotes none of it; a plain SHA256SUMS list in a ConfigMap (81c-4)
 * is read in linear time. Bounds are CPU time (cpu-time.ts), generous: the inputs took minutes before.
 */
const CPU_BOUND = 6000;

/** `n` lines as the finding's generator writes them: `line <i> <random hex>`, seeded, so a run is repeatable. */
function randomLines(n: number, seed = 2): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`line ${i} ${createHash('sha256').update(`${seed}:${i}`).digest('hex').slice(0, 16)}`);
  return `${lines.join('\n')}\n`;
}

/** 81c-4's text: SHA-256 digests of 0, 1, … and a file name, as `sha256sum` writes them. */
const sums = (n: number) =>
  Array.from({ length: n }, (_, i) => `${createHash('sha256').update(String(i)).digest('hex')}  pkg-${i}.tgz\n`).join('');

const HEADER = '# Generated from stage.yaml by `npm run synth`. Edit the config, not this file.\n';
const FRESH = `${HEADER}\n## Nodes\n\n| Node | Address |\n| --- | --- |\n| k3s-1 | 192.168.0.11 |\n`;

describe('81c-6: a change too large to show is counted, soon, and quotes none of the file', () => {
  it.each([
    [
      'a 300 KiB hand edit (past 256 KiB a side)',
      `${HEADER}${randomLines(10_500)}`,
      /not shown: \d+ characters, more than a diff shows \(256 KiB a side\); 10500 line\(s\) only in dist\/, \d+ only in a fresh synth/,
    ],
    [
      '3,000 lines changed in 90 kB (past 2,000 changed lines)',
      `${HEADER}${randomLines(3_000)}`,
      /not shown: more than the 2000 changed lines a diff shows; 3000 line\(s\) only in dist\/, \d+ only in a fresh synth/,
    ],
  ])('check: %s', (_, committed, said) => {
    let out: string[] = [];
    const cpu = cpuMillis(() => (out = diffTrees(new Map([['dev/README.md', committed]]), new Map([['dev/README.md', FRESH]]))));
    expect(cpu).toBeLessThan(CPU_BOUND);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\*\*\* dev\/README\.md \(/);
    expect(out[0]).toMatch(said);
    expect(out[0]).not.toMatch(/line 1 |k3s-1/);
  });

  it('check: a stale file past the bound is counted, with what makes it stale', () => {
    const out = diffTrees(new Map([['dev/old.md', `${HEADER}${randomLines(10_500)}`]]), new Map());
    expect(out).toEqual([
      expect.stringMatching(
        /^--- dev\/old\.md \(stale: a fresh synth no longer writes it; not shown: \d+ characters, more than a diff shows/,
      ),
    ]);
  });

  it('check: a secret in a file past the bound is never quoted, and the file is not read for it', () => {
    const secret = 'Zx9qWm4vTr7pLk2s';
    const committed = `${HEADER}password: ${secret}\n${randomLines(10_500)}`;
    let redactions = 0;
    const out = diffTrees(new Map([['dev/README.md', committed]]), new Map([['dev/README.md', FRESH]]), (text) => {
      redactions++;
      return text;
    });
    expect(out.join('\n')).not.toContain(secret);
    expect(redactions).toBe(0);
  });

  it('check: an ordinary edit still shows its hunk, as before', () => {
    const out = diffTrees(new Map([['dev/README.md', `${HEADER}a\nb\nc\n`]]), new Map([['dev/README.md', `${HEADER}a\nB\nc\n`]]));
    expect(out).toEqual([
      '*** dev/README.md',
      '@@ -1,4 +1,4 @@',
      '  # Generated from stage.yaml by `npm run synth`. Edit the config, not this file.',
      '  a',
      '- b',
      '+ B',
      '  c',
    ]);
  });

  it('dry run: 3,000 changed lines are one counted line, soon', () => {
    let out: string[] = [];
    const cpu = cpuMillis(() => (out = unifiedDiff('dist/dev/README.md', `${HEADER}${randomLines(3_000)}`, FRESH)));
    expect(cpu).toBeLessThan(CPU_BOUND);
    expect(out).toEqual([
      expect.stringMatching(
        /^# dist\/dev\/README\.md not shown: more than the 2000 changed lines a diff shows; 3000 line\(s\) only in the file as it stands, \d+ only in the file to be written$/,
      ),
    ]);
  });

  it.each([
    ['a new file of 3,000 lines', undefined, randomLines(3_000), 3_000, '+'],
    ['a removed file of 3,000 lines', randomLines(3_000), undefined, 3_000, '-'],
  ])('dry run: %s is still shown whole (one side empty costs no search)', (_, before, after, n, sign) => {
    const out = unifiedDiff('dist/dev/x.md', before, after);
    expect(out.filter((line) => line.startsWith(sign) && !line.startsWith(`${sign.repeat(3)} `))).toHaveLength(n);
  });

  it('dry run: a new file past 256 KiB is counted as a new file (synth.ts shows no patch of it)', () => {
    const text = randomLines(10_500);
    expect(tooLargeToShow(undefined, text)).toBe(true);
    expect(changeCount(undefined, text, AS_IT_STANDS_AND_TO_BE_WRITTEN)).toMatch(
      /^not shown: \d+ characters, more than a diff shows \(256 KiB a side\); 10501 line\(s\), a new file$/,
    );
  });

  it('dry run: an ordinary edit is the same patch as before', () => {
    expect(unifiedDiff('dist/dev/x.md', 'a\nb\nc\n', 'a\nB\nc\n')).toEqual([
      '--- a/dist/dev/x.md',
      '+++ b/dist/dev/x.md',
      '@@ -1,3 +1,3 @@',
      ' a',
      '-b',
      '+B',
      ' c',
    ]);
  });
});

describe('81c-4: a SHA256SUMS list is read in linear time, and stays accepted', () => {
  const text = sums(1_000); // 77 kB
  it.each([
    ['its shape', () => secretShape(text)],
    ['its redaction', () => redact(text)],
    ['its lines', () => secretsInLines(text)],
  ])('%s of 1,000 lines stays within the CPU bound', (_, work) => {
    expect(cpuMillis(work)).toBeLessThan(CPU_BOUND);
  });

  it('holds no secret, and its redaction changes nothing', () => {
    expect(secretShape(text)).toBeUndefined();
    expect(redact(text)).toBe(text);
    expect(secretsInLines(text)).toEqual([]);
  });

  it('a password among the sums is still found', () => {
    const withSecret = `${sums(50)}password: Zx9qWm4vTr7pLk2s\n${sums(50)}`;
    expect(secretsInLines(withSecret)).not.toEqual([]);
    expect(redact(withSecret)).not.toContain('Zx9qWm4vTr7pLk2s');
  });
});

describe('81c-4: the cheaper clues keep every verdict', () => {
  it.each([
    ['an AWS key id led by ACCA', 'id: ACCAJ5KXQ2M7N4P6R3ST'],
    ['a Square token led by EAAA', `token ${'EAAA'}${'l8Zx9qWm4vTr7pLk2s'.repeat(3)}`],
  ])('%s is still a vendor token', (_, text) => {
    expect(vendorTokenSpans(text)).not.toEqual([]);
  });

  it('base64 of a password setting wrapped at 16 columns is still found', () => {
    const wrapped = Buffer.from('password: Zx9qWm4vTr7pLk2s and more text\n')
      .toString('base64')
      .replace(/(.{16})/g, '$1\n  ');
    expect(secretShape(wrapped)).toBeDefined();
    expect(redact(wrapped)).not.toBe(wrapped);
  });
});
