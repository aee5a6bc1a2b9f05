import type { Document } from 'yaml';
import { addDuplicateKeyErrors } from '../src/core/duplicate-key-errors';
import { yamlPackage } from '../src/core/yaml';

/** The package's own verdict (uniqueKeys: true) and ours (uniqueKeys: false, then addDuplicateKeyErrors): codes and offsets. */
function verdicts(text: string, merge: boolean) {
  const errors = (docs: Document.Parsed[]) => docs.map((doc) => doc.errors.map((e) => `${e.code}@${e.pos[0]}`));
  const options = { merge, prettyErrors: false, logLevel: 'silent' } as const;
  const theirs = errors(yamlPackage.parseAllDocuments(text, { ...options, uniqueKeys: true }) as Document.Parsed[]);
  const ours = yamlPackage.parseAllDocuments(text, { ...options, uniqueKeys: false }) as Document.Parsed[];
  ours.forEach(addDuplicateKeyErrors);
  return { theirs, ours: errors(ours) };
}

describe('keys written twice, found in linear time: the same errors at the same places as the yaml package', () => {
  test.each([
    ['no key twice', 'a: 1\nb: 2\n'],
    ['a block map', 'a: 1\nb: 2\na: 3\n'],
    ['three times', 'a: 1\na: 2\na: 3\n'],
    ['nested maps, each its own', 'x:\n  a: 1\n  a: 2\ny:\n  a: 1\n'],
    ['a flow map', '{a: 1, b: 2, a: 3}\n'],
    ['a flow map in a block map', 'top: {a: 1, a: 2}\n'],
    ['quoted and plain spellings of one key', 'a: 1\n"a": 2\n\'a\': 3\n'],
    ['a number and its text are two keys', '1: x\n"1": y\n'],
    ['0x1 and 1 are one number', '0x1: a\n1: b\n'],
    ['null keys', '~: 1\nnull: 2\n'],
    ['NaN keys are never equal', '.nan: 1\n.NaN: 2\n'],
    ['an anchored key', '&k a: 1\na: 2\n'],
    ['an alias key', 'a: &v k\n*v : 2\n'],
    ['a collection key', '? [a]\n: 1\n? [a]\n: 2\n'],
    ['merge keys twice', 'base: &b {x: 1}\nm:\n  <<: *b\n  <<: *b\n'],
    ['in a list of maps', '- a: 1\n  a: 2\n- a: 1\n'],
    ['two documents', 'a: 1\na: 2\n---\nb: 1\nb: 2\n'],
    ['with an error after it', 'a: 1\na: 2\nb: "unclosed\n'],
    ['with an error before it', 'b: [1, 2\na: 1\na: 2\n'],
    ['a tab before a key twice', 'a: 1\n\ta: 2\n'],
    ['an empty key twice', ': 1\n: 2\n'],
    ['a long map', Array.from({ length: 300 }, (_, i) => `k${i % 250}: ${i}`).join('\n')],
  ])('%s', (_, text) => {
    for (const merge of [false, true]) {
      const { theirs, ours } = verdicts(text, merge);
      expect(ours).toEqual(theirs);
    }
  });

  test('the rows hold keys written twice (the comparison is not of empty lists)', () => {
    expect(verdicts('a: 1\na: 2\n', false).ours).toEqual([['DUPLICATE_KEY@5']]);
  });
});
