import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { devConfig } from './helpers';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import * as hostile from '../scripts/hostile-inputs';
import { hexDumpKeys, hexKeyRuns } from '../src/core/hex-runs';
import * as keys from '../src/core/secrets-keys';
import { forgetJudgements } from '../src/core/secrets-memo';
import { redact, REDACTED, secretShape } from '../src/core/secrets';
import { nameAsRead } from '../src/core/text-decodings';
import { decodeEscapes } from '../src/core/yaml-escapes';
import { wiring } from '../src/main';
import { runSynth } from '../src/synth';

/**
 * Attack rounds 34a-10 and 34b-6: a file provider's content of lines mixing escapes (base64 of percent, HTML and `\u`
 * escapes) took 5 to 16 s of CPU at 0.9 MB: each text was read again for each of its decodings and theirs, by scanners
 * that tried every position (a bootstrap token's head, every short hex word, a copy of the text lower-cased). Verdicts
 * and output stay; `npm run bench` times the rows at 300,000 characters (800,000 until round 61: the HelmChartConfig then went over etcd's 1.5 MiB).
 */

describe('each row is written, and shown by a dry run (the bench rows, at the tests size)', () => {
  test.each(hostile.mixedEscapes35(HOSTILE_TEST_SIZE))(
    '%s',
    (_label, { values, written }) => {
      const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-mixed-'));
      try {
        mkdirSync(join(dir, 'config'));
        const config = devConfig();
        writeFileSync(join(dir, 'config', 'c.yaml'), JSON.stringify({ ...config, traefik: { ...config.traefik, values } }));
        const [configDir, distDir] = [join(dir, 'config'), join(dir, 'dist')];
        const shown: string[] = [];
        const dry = runSynth({ configDir, distDir, wiring, dryRun: true, log: () => undefined, out: (line) => shown.push(line) });
        expect(dry).toBe(written ? 0 : 1);
        // The content's second line, as the diff shows it: nothing in it is a secret.
        const line = (values as { providers: { file: { content: string } } }).providers.file.content.split('\n')[1];
        expect(shown.some((diffLine) => diffLine.endsWith(line))).toBe(true);
        expect(runSynth({ configDir, distDir, wiring, log: () => undefined })).toBe(0);
        const file = parse(readFileSync(join(distDir, 'c', 'traefik-config.yaml'), 'utf8')) as { spec: { valuesContent: string } };
        expect(parse(file.spec.valuesContent)).toMatchObject(values);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

describe('a name like a secret is looked for in ASCII text without copying it lower-cased', () => {
  /** The reading mayHoldSecretKey makes, as it was written before round 35. */
  const IN_SECRET_KEY = /pass|pw|token|secret|key|cred|hmacencoded|signature|auth|psk|mnemonic|otp|jwt|session|bearer/;
  const reference = (text: string): boolean => {
    const holds = (spelled: string) =>
      IN_SECRET_KEY.test(
        nameAsRead(spelled)
          .toLowerCase()
          .replace(/[^a-z0-9]/g, ''),
      );
    return holds(text) || (text.includes('\\') && holds(decodeEscapes(text)));
  };
  test.each([
    ['plain words', 'the quick brown fox', false],
    ['a key', 'password: x', true],
    ['upper case', 'DB_PASSWORD=x', true],
    ['glued across quotes', "to'ke'n=x", true],
    ['spread over blanks and dots', 'p . a - s _ s', true],
    ['a digit between letters', 'to1ken', false],
    ['across a line break', 'tok\nen', true],
    ['a `\\u` escape', '"\\u0074oken": x', true],
    ['a short word', 'pw', true],
    ['no word', 'JTQxJTQyICYjeDQxOyBcdTAwNDEgeD15 %41%42 &#x41; 0', false],
    ['full-width (not ASCII)', 'ｔｏｋｅｎ', true],
    ['a zero-width space (not ASCII)', 'pass\u200bword', true],
  ])('%s', (_label, text, holds) => {
    expect(keys.mayHoldSecretKey(text)).toBe(holds);
    expect(reference(text)).toBe(holds);
  });

  test('ASCII text is not lower-cased', () => {
    const lower = jest.spyOn(String.prototype, 'toLowerCase');
    try {
      keys.mayHoldSecretKey(`${'JTQxJTQyICYjeDQxOyBcdTAwNDEgeD15 '.repeat(100)}Password`);
      expect(lower).not.toHaveBeenCalled();
    } finally {
      lower.mockRestore();
    }
  });
});

describe('a text two decodings give is judged once', () => {
  // `%41` then `\u0042` undone, or the other way round: one text, `aA bB`.
  const TEXT = 'a%41 b\\u0042 plain';
  test('secretShape reads each distinct decoding once for a name like a secret', () => {
    forgetJudgements();
    const spy = jest.spyOn(keys, 'mayHoldSecretKey');
    try {
      expect(secretShape(TEXT)).toBeUndefined();
      const texts = spy.mock.calls.map(([text]) => text);
      expect(texts).toContain('aA bB plain');
      expect(new Set(texts).size).toBe(texts.length);
    } finally {
      spy.mockRestore();
    }
  });

  test.each([
    ['percent then \\u', 'x%41 \\u0042 pass%77ord%3Dhunter2secret', 'hunter2secret'],
    ['\\u then percent', 'x \\u0070assword%3Dhunter2secret %41', 'hunter2secret'],
    ['base64 of escapes', `x ${Buffer.from('%41 \\u0042 password=hunter2secret').toString('base64')} y`, 'x'],
  ])('a secret a repeated decoding holds is still redacted where the text holds it: %s', (_label, text, kept) => {
    forgetJudgements();
    expect(secretShape(text)).toBeDefined();
    const shown = redact(text);
    expect(shown).toContain(REDACTED);
    expect(shown).not.toContain('hunter2secret');
    if (kept !== 'hunter2secret') expect(shown.startsWith(kept)).toBe(true);
  });
});

describe('the hex scanners pass by a text that cannot hold what they find', () => {
  const der = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer;
  const hex = der.toString('hex');
  test.each([
    ['bytes with colons', hex.match(/../g)!.join(':')],
    [
      'a C array',
      hex
        .match(/../g)!
        .map((byte) => `0x${byte}`)
        .join(', '),
    ],
    ['groups with four-character separators', hex.match(/..../g)!.join(' -- ')],
  ])('a separated hex key is still found: %s', (_label, text) => {
    expect(hexKeyRuns(`prose ${text} prose`)).toHaveLength(1);
  });

  test('an xxd dump of a key is still found', () => {
    const lines = hex.match(/.{1,32}/g)!.map((line, i) => `${(i * 16).toString(16).padStart(8, '0')}: ${line.match(/.{1,4}/g)!.join(' ')}`);
    expect(hexDumpKeys(lines.join('\n'))).toHaveLength(1);
  });

  test.each([
    ['base64 of escapes', 'JTQxJTQyICYjeDQxOyBcdTAwNDEgeD15 '.repeat(200)],
    ['short hex words', 'ab cd ef 01 23 fe dc ba '.repeat(2)],
    ['hex with gaps of five', `${'ab:::::'.repeat(40)}`],
  ])('no hex run is read in text without 60 hex digits close together: %s', (_label, text) => {
    const slice = jest.spyOn(String.prototype, 'slice');
    try {
      expect(hexKeyRuns(text)).toEqual([]);
      expect(slice).not.toHaveBeenCalled();
    } finally {
      slice.mockRestore();
    }
  });

  test('no line is read for a dump in text without an offset then a byte', () => {
    const split = jest.spyOn(String.prototype, 'split');
    try {
      expect(hexDumpKeys('r1000: "JTQx" 0041 x\nr1001: "JTQy"\n'.repeat(50))).toEqual([]);
      expect(split).not.toHaveBeenCalled();
    } finally {
      split.mockRestore();
    }
  });
});
