import { mayQuote } from '../src/core/quotable';
import { secretsInData } from '../src/core/secrets';
import { yaml } from '../src/core/yaml';
import { MAX_YAML_NESTING, TOO_DEEP_YAML } from '../src/core/yaml-depth';
import { configErrors, withTraefikValues } from './helpers';

/**
 * Attack round 22a P1 and what it led to: text nested deep as YAML (`{"pass":{"pass":…` unclosed, `- - - …`) is read
 * by the `yaml` package recursively, and a thousand levels aborted Node (a fatal out-of-memory error in V8's RegExp
 * compiler), where no catch can help; `? ? ? …` three hundred deep took 40 s. Every parse of this project's `yaml`
 * refuses such text before composing it, and a value whose data nests too deep is refused as unjudgeable.
 */
const nested = (levels: number) => `${'['.repeat(levels)}x${']'.repeat(levels)}`;
const SHAPES: Array<[string, string]> = [
  ['an unclosed flow mapping', '{"pass":'.repeat(2000)],
  ['compact sequences', `${'- '.repeat(2000)}x`],
  ['explicit keys', `${'? '.repeat(300)}x`],
  ['closed flow sequences', nested(5000)],
];

describe('yaml: text nested deeper than MAX_YAML_NESTING is never composed', () => {
  test.each(SHAPES)('%s: parseAllDocuments gives one document holding the error', (_, text) => {
    const docs = yaml.parseAllDocuments(text, { prettyErrors: false });
    expect(docs).toHaveLength(1);
    expect(docs[0].errors.map(({ message }) => message)).toEqual([TOO_DEEP_YAML]);
    expect(docs[0].toJS()).toBeNull();
  });

  test.each(SHAPES)('%s: parseDocument, with and without pretty errors', (_, text) => {
    for (const prettyErrors of [true, false]) {
      expect(yaml.parseDocument(text, { prettyErrors }).errors.map(({ message }) => message)).toEqual([TOO_DEEP_YAML]);
      expect(yaml.parseAllDocuments(text, { prettyErrors })[0].errors[0].message).toBe(TOO_DEEP_YAML);
    }
  });

  test.each(SHAPES)('%s: parse throws the error', (_, text) => {
    expect(() => yaml.parse(text)).toThrow(TOO_DEEP_YAML);
  });

  test(`the boundary: ${MAX_YAML_NESTING} levels read, one more does not`, () => {
    expect(yaml.parseAllDocuments(nested(MAX_YAML_NESTING), { prettyErrors: false })[0].errors).toEqual([]);
    expect(yaml.parseDocument(nested(MAX_YAML_NESTING)).toJS()).toHaveLength(1);
    expect(yaml.parseAllDocuments(nested(MAX_YAML_NESTING + 1), { prettyErrors: false })[0].errors[0].message).toBe(TOO_DEEP_YAML);
    expect(yaml.parseDocument(nested(MAX_YAML_NESTING + 1)).errors[0].message).toBe(TOO_DEEP_YAML);
  });

  test('a deep document after a shallow one: the whole text is refused', () => {
    const docs = yaml.parseAllDocuments(`a: 1\n---\n${nested(100)}\n`, { prettyErrors: false });
    expect(docs.map((doc) => doc.errors.map(({ message }) => message))).toEqual([[TOO_DEEP_YAML]]);
  });

  test('control: many documents and lines, none deep, read as before', () => {
    const text = Array.from({ length: 100 }, (_, i) => `- a: ${i}\n  b: [${i}]`).join('\n---\n');
    const docs = yaml.parseAllDocuments(text, { prettyErrors: false });
    expect(docs).toHaveLength(100);
    expect(docs[99].toJS()).toEqual([{ a: 99, b: [99] }]);
  });
});

describe('secrets in text nested too deep', () => {
  /** `{"a":{"a":…{"password":"hunter2x"}…}}`, `levels` deep. */
  const deepJson = (levels: number) => `${'{"a":'.repeat(levels)}{"password":"hunter2x"}${'}'.repeat(levels)}`;

  /** `{"a":{"a":…1…}}`: `levels` objects, one in another. */
  const deepData = (levels: number): unknown => (levels === 0 ? 1 : { a: deepData(levels - 1) });

  test(`data: ${MAX_YAML_NESTING} levels are judged, one more is too deep`, () => {
    expect(secretsInData(deepData(MAX_YAML_NESTING))).toEqual([]);
    expect(secretsInData(deepData(MAX_YAML_NESTING + 1)).map(({ what }) => what)).toEqual([
      expect.stringContaining('nests deeper than 64'),
    ]);
  });

  test('JSON text (read without the yaml package) nested too deep is the secret, whole', () => {
    const text = JSON.stringify(deepData(1000));
    expect(secretsInData({ note: text })).toEqual([{ path: ['note'], value: text, what: expect.stringContaining('nests deeper than 64') }]);
    expect(secretsInData({ note: JSON.stringify(deepData(10)) })).toEqual([]);
  });

  test('a config value of an unclosed flow mapping naming a secret is refused in one line', () => {
    const errors = configErrors(withTraefikValues({ env: [{ name: 'NOTE', value: SHAPES[0][1] }] }));
    expect(errors).toEqual([
      'config/t.yaml: traefik.values.env[0].value: is text too deep to judge (read as YAML or JSON, it nests deeper than 64 levels, ' +
        'or its aliases expand too far), so it may hold a secret: flatten it, and write its aliases out',
    ]);
  });

  test('deep JSON setting a password is refused for it, in one line', () => {
    const errors = configErrors(withTraefikValues({ env: [{ name: 'NOTE', value: deepJson(1000) }] }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^config\/t\.yaml: traefik\.values\.env\[0\]\.value: (is|holds) text that /);
    expect(errors[0]).not.toContain('hunter2x');
  });

  test('control: deep text that names no secret is no secret (it is never read as data)', () => {
    expect(configErrors(withTraefikValues({ env: [{ name: 'NOTE', value: SHAPES[1][1] }] }))).toEqual([]);
  });

  test('a message never quotes text too deep to judge', () => {
    expect(mayQuote('{"pass":'.repeat(1000))).toBe(false);
    expect(mayQuote('{"a": [1, 2]}')).toBe(true);
  });
});
