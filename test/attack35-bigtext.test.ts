import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { devConfig } from './helpers';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import * as hostile from '../scripts/hostile-inputs';
import { mayBeJson, parsedJson } from '../src/core/json-text';
import { forgetJudgements } from '../src/core/secrets-memo';
import { secretsInData } from '../src/core/secrets';
import { yaml, yamlPackage } from '../src/core/yaml';
import { wiring } from '../src/main';
import { runSynth } from '../src/synth';

/**
 * Attack round 35 (after 33a-11): a config whose text values are lines that each open a flow collection took seconds end
 * to end: a failed JSON.parse (a throw) per line, a stack trace per YAML error (three a line), and a long text parsed
 * twice as YAML by the check of whether a message may quote it. Verdicts and output stay; `npm run bench` times the rows.
 */

describe('each placement keeps its verdict end to end (the bench rows, at the tests size)', () => {
  /** What the refusal of each refused row says (file and column aside). */
  const REFUSALS: Record<string, string> = {
    // A long value is named by its size, not quoted (a message line is read; a 250 kB value in it is not).
    'an additionalArguments item, lines of [x]': `traefik.values.additionalArguments[0]: a text of ${(4 * Math.ceil(HOSTILE_TEST_SIZE / 4)).toLocaleString('en-US')} characters`,
    'an extraObjects item as text, lines of [x]':
      'traefik.values.extraObjects[0]: is text that does not parse cleanly as YAML (a syntax error, at line 3, column 1), so what object it makes cannot be judged: write it literally as a map',
  };
  const CONTROL = 'holds a control character (a line break: this value is one line): remove it';
  test.each(hostile.bigTexts35(HOSTILE_TEST_SIZE))(
    '%s',
    (label, { values, written }) => {
      const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-bigtext-'));
      try {
        mkdirSync(join(dir, 'config'));
        const config = devConfig();
        writeFileSync(join(dir, 'config', 'c.yaml'), JSON.stringify({ ...config, traefik: { ...config.traefik, values } }));
        const lines: string[] = [];
        const code = runSynth({ configDir: join(dir, 'config'), distDir: join(dir, 'dist'), wiring, log: (line) => lines.push(line) });
        expect(code).toBe(written ? 0 : 1);
        if (written) {
          // The values as given, in the HelmChartConfig K3s reads.
          const file = parse(readFileSync(join(dir, 'dist', 'c', 'traefik-config.yaml'), 'utf8')) as { spec: { valuesContent: string } };
          expect(parse(file.spec.valuesContent)).toMatchObject(values);
        } else {
          expect(lines).toHaveLength(3);
          expect(lines[0]).toContain(REFUSALS[label]);
          if (label.includes('additionalArguments')) expect(lines[0]).toContain(CONTROL);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});

describe('text that cannot be JSON is not handed to JSON.parse (a throw per line took 7 s at 1 MB)', () => {
  test.each([
    ['[x]', '\n[x]'],
    ['{token}', '\n{token}'],
    ['a quoted unknown escape', '\n"\\q"'],
    ['an object after text', '\nx{token}'],
  ])('lines of %s are judged without one', (_, unit) => {
    forgetJudgements();
    const parseJson = jest.spyOn(JSON, 'parse');
    try {
      expect(secretsInData({ note: unit.repeat(2000) })).toEqual([]);
      expect(parseJson).not.toHaveBeenCalled();
    } finally {
      parseJson.mockRestore();
    }
  });

  test.each([
    '[]',
    '{}',
    ' [1, -2.5e+3, 0.5, 10E2, true, false, null, "a\\"b\\u00e9\\n\\/\\\\", {"k": [[], {}]}] ',
    '[[[[1]]]]',
    '{"a":{"b":[1,{"c":"]"}]}}',
    '[\n1\r\n,\t2]',
    '"x"',
    '0',
  ])('%j is JSON, and read as JSON.parse reads it', (text) => {
    expect(mayBeJson(text)).toBe(true);
    expect(parsedJson(text)).toEqual({ value: JSON.parse(text) });
  });
  test.each(['[x]', '{token}', '[1,x]', '{a: b}', "['a']", '"\\q"', '[1,]', '{"a" 1}', '[01]', '["tab\there"]', ''])(
    '%j is no JSON',
    (text) => {
      expect(() => JSON.parse(text)).toThrow();
      expect(parsedJson(text)).toBeUndefined();
    },
  );
});

describe('a YAML reading takes no stack trace per error, and reads a long text once', () => {
  // A flow list on each line: three errors a line, past the nesting marks that make a text be checked for its depth.
  const lines = '\n[x]'.repeat(100);
  test('the errors of a reading have no stack frames, and the limit is restored after', () => {
    const limit = Error.stackTraceLimit;
    const [doc] = yaml.parseAllDocuments(lines, { prettyErrors: false, logLevel: 'silent' });
    expect(doc.errors.length).toBeGreaterThan(100);
    expect(doc.errors[0].stack).not.toMatch(/\n\s+at /);
    expect(yaml.parseDocument(lines, { prettyErrors: false }).errors[0].stack).not.toMatch(/\n\s+at /);
    expect(Error.stackTraceLimit).toBe(limit);
  });
  test('parseDocument without pretty errors parses the text once (its depth judged on the same tokens)', () => {
    const parses = jest.spyOn(yamlPackage.Parser.prototype, 'parse');
    try {
      yaml.parseDocument(`${lines}\n`, { prettyErrors: false, logLevel: 'silent' });
      expect(parses).toHaveBeenCalledTimes(1);
    } finally {
      parses.mockRestore();
    }
  });
  /** Block mappings `n` deep over as many lines: only the parser's tokens show it (not the lexer's brackets). */
  const nested = (n: number) => `${Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k:`).join('\n')} v`;
  test.each([
    ['a flow list on each line', lines],
    ['two documents', `${lines}\n---\n${lines}\n---\na: 1`],
    ['three documents', `a: [1]\n${'- x\n'.repeat(70)}---\nb: 2\n---\nc: [3]`],
    ['a document nested deep, not too deep', `${'\n'.repeat(70)}${nested(60)}`],
  ])('%s reads as the package reads it', (_, text) => {
    // Silent, every document is read; otherwise the reading stops at the second (an error on the first).
    for (const logLevel of ['silent', 'error'] as const) {
      const [mine, counted] = [new yamlPackage.LineCounter(), new yamlPackage.LineCounter()];
      const doc = yaml.parseDocument(text, { prettyErrors: false, logLevel, lineCounter: mine });
      const theirs = yamlPackage.parseDocument(text, { prettyErrors: false, logLevel, lineCounter: counted });
      const seen = (d: typeof doc) => ({
        errors: d.errors.map((e) => [e.code, e.message, e.pos]),
        warnings: d.warnings.length,
        data: d.toJS(),
      });
      expect(seen(doc)).toEqual(seen(theirs));
      expect(mine.lineStarts).toEqual(counted.lineStarts);
    }
  });
  test('a document too deep is found after a second one, where the package stops reading, as before', () => {
    const text = `a: 1\n---\nb: 2\n---\n${nested(70)}`;
    const doc = yaml.parseDocument(text, { prettyErrors: false });
    expect(doc.errors.map((e) => e.message)).toEqual([expect.stringContaining('too deep to read')]);
  });
});
