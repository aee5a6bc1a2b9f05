import { createHash } from 'node:crypto';
import { jwkPrivateMembers } from '../src/core/jwk-members';
import { keyedSecret } from '../src/core/secrets-text';
import { configErrors, withTraefikValues } from './helpers';
import * as hostile from '../scripts/hostile-inputs';
import { HOSTILE_TEST_SIZE, judgesHostileTexts } from './secret-doors';

/**
 * Attack round 32a: quadratic regexes in the secret scanner (32a-8, 32a-9 and the sweep's finds), compatibility forms
 * percent-encoded (32a-4), and a base64 word read as a JWK member (32a-3).
 */
const S = 'Zq9SeCrEtVaLuE77';
const annotation = (note: string) => configErrors(withTraefikValues({ deployment: { podAnnotations: { note } } })).join('\n');

judgesHostileTexts(hostile.scannerRuns32a(HOSTILE_TEST_SIZE));
judgesHostileTexts(hostile.bracketLines33a(HOSTILE_TEST_SIZE));

describe('each rewritten regex keeps its verdicts (32a-8, 32a-9, the sweep)', () => {
  test.each([
    ['halves joined by a blank', `"pass" "word=${S}"`],
    ['halves joined by a plus', `"pass" + "word=${S}"`],
    ['a value ending a sentence', `the root password: ${S}!`],
    ['a value before a clause', `the root password: ${S}. Then restart`],
  ])('%s is refused', (_, note) => expect(annotation(note)).toContain('podAnnotations.note'));
  test('a value word loses the stops that end it, not the ones inside it', () => {
    expect(keyedSecret(`root password: a1b2c3!?.`)).toBe('a1b2c3');
    expect(keyedSecret(`root password: a1.b2c3`)).toBe('a1.b2c3');
  });
  test.each([
    ['a quote then blanks', `"${' '.repeat(50)}x`],
    ['prose with stops', 'the password: see the Secret... now'],
  ])('%s is accepted', (_, note) => expect(annotation(note)).toBe(''));
});

describe('percent-encoded compatibility forms are folded (32a-4: UTF-8 sequences, then NFKC, within two decodings)', () => {
  test.each([
    ['a full-width p', `%EF%BD%90assword=${S}`],
    ['a full-width w', `pass%EF%BD%97ord=${S}`],
    ['a full-width =', `DB_PASSWORD%EF%BC%9D${S}`],
    ['ASCII percent-encoded (as before)', `pass%77ord=${S}`],
  ])('%s is refused', (_, note) => expect(annotation(note)).toMatch(/podAnnotations\.note.*once decoded/));
  test.each([
    ['an accented word', `caf%C3%A9=${S}`],
    ['a full-width name that is no secret', `%EF%BD%90ath=${S}`],
    ['a lone byte that is no UTF-8', `%E9t%E9=${S}`],
  ])('%s is accepted', (_, note) => expect(annotation(note)).toBe(''));
});

describe('a base64 word is no JWK (32a-3: `/` and `+` inside it separate no member)', () => {
  /** 150 kB of pseudo-random bytes, the same every run. */
  const blob = Buffer.concat(Array.from({ length: 4700 }, (_, i) => createHash('sha256').update(`32a-3 ${i}`).digest())).toString('base64');
  const inWord = `AAAA/x/${'B'.repeat(20)}/d/${'C'.repeat(22)}/AAAA+e+AQAB+d+${'D'.repeat(22)}+AA`;
  test.each([
    ['a random blob (a control: accepted before too)', blob],
    ['members glued by / and + inside one word', inWord],
  ])('%s in binaryData is accepted', (_, data) => {
    const extra = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm1', namespace: 'kube-system' },
      binaryData: { 'a.bin': data },
    };
    expect(configErrors(withTraefikValues({ extraObjects: [extra] }))).toEqual([]);
  });
  const d = 'A'.repeat(10) + 'b'.repeat(33);
  const x = 'X'.repeat(43);
  test.each([
    ['JSON', `{"kty": "EC", "x": "${x}", "d": "${d}"}`],
    ['key=value', `kty=EC x=${x} d=${d}`],
    ['YAML', `kty: EC\nx: ${x}\nd: ${d}`],
    ['XML', `<kty>EC</kty><x>${x}</x><d>${d}</d>`],
    ['a table', `kty,x,d\nEC,${x},${d}`],
    ['a generic syntax', `kty => EC x => ${x} d => ${d}`],
    ['a slash-separated syntax among blanks', `kty / EC x / ${x} d / ${d}`],
  ])('a JWK written as %s is still found', (_, text) => expect(jwkPrivateMembers(text)).not.toEqual([]));
});
