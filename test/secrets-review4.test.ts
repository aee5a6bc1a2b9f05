import { readManifestText } from '../src/core/manifest-text';
import { fileRedaction, secretsInFiles } from '../src/output/secret-gate';

// Review of session 4: an alias bomb, multi-word quoted secrets, plain-word secrets echoed in messages,
// and the one key/value tokenizer every text detector shares.
const SECRET = 'Zq7Hunter2SecretXy81';

describe('an alias bomb in a file of dist/ is left to the line scan, fast (MUST 6)', () => {
  /** `levels` levels of ten aliases each: 10^levels nodes once expanded, a few hundred bytes as text. */
  const bomb = (levels: number, tail = '') =>
    [
      'a0: &a0 [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: levels }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`),
      tail,
    ].join('\n');

  test.each([
    ['no secret', bomb(7), []],
    [
      'a secret key below it',
      bomb(7, `password: ${SECRET}`),
      ['c/extra.yaml: holds a value under a key named like a secret (read line by line: the file is not valid YAML)'],
    ],
    ['a Secret kind', bomb(7, 'kind: Secret'), [expect.stringMatching(/^c\/extra\.yaml: cannot be judged: .*too many aliases/)]],
  ])('%s: the gate and the diff redaction finish in well under a second', (_, text, findings) => {
    const started = Date.now();
    expect(secretsInFiles(new Map([['c/extra.yaml', text]]))).toEqual(findings);
    expect(fileRedaction(new Map([['c/extra.yaml', text]]))(text)).not.toContain(SECRET);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('readManifestText: a merge key however written (SHOULD 13)', () => {
  test.each([
    ['plain', '{a: &m {x: 1}, <<: *m}'],
    ['quoted', '{a: &m {x: 1}, "<<": *m}'],
    ['an alias of the key', 'k: &k <<\nm: &m {x: 1}\nn: {*k : *m}'],
    ['an explicit !!merge tag', 'm: &m {x: 1}\nn: {!!merge <<: *m}'],
  ])('%s is refused as a merge key', (_, text) => {
    expect(readManifestText(text)).toEqual({
      documents: [],
      unjudgeable: 'holds a YAML merge key (<<), which Helm applies and this tool does not',
    });
  });

  test('`<<` under a tag that does not resolve is refused for the tag', () => {
    expect(readManifestText('!!int <<: 1').unjudgeable).toMatch(/^does not parse cleanly as YAML \(a tag YAML does not know/);
  });
});
