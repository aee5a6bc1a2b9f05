import { App } from 'cdk8s';
import { redactMessage } from '../src/core/redact-message';
import { secretValues } from '../src/core/secrets';
import { K3sVipCluster } from '../src/index';
import { configErrors, devConfig, refusalOf, withTraefikValues } from './helpers';

/**
 * Attack round 22a: A2 (a secret under a key of 129 or more characters, after other words in one line, was not
 * found: keys were read up to 128 characters from a word's start) and, left open from round 21a, D4 (a value over
 * 100 characters is cut to 60 in a message after only its own secrets are redacted, so a secret found elsewhere
 * and pasted into it lost its tail to the cut, and no redaction matched its head). S marks what no message may show.
 */
const S = 'Zq7mK2pL9xR4vT8wQ3nB';
const LONG_KEY = `${'x'.repeat(140)}_password`;

describe('A2: a key of any length', () => {
  test.each([
    ['after other words, then `:`', `the ${LONG_KEY}: ${S}`],
    ['after other words, then `=`', `note ${LONG_KEY}=${S}`],
    ['a word of a command line', `--opt ${LONG_KEY}=${S} more`],
    ['after a path', `see /a/b/${LONG_KEY}=${S}`],
    ['quoted, after other words', `set ${'y'.repeat(300)}_token: "${S} and more"`],
    ['alone (control: always found)', `${LONG_KEY}=${S}`],
  ])('%s', (_, text) => {
    expect(secretValues({ note: text }).join(' ')).toContain(S);
  });

  test.each([127, 128, 129, 4096])('a key of %i characters, after other words in an env value, is refused', (length) => {
    const key = `${'k'.repeat(length - '_token'.length)}_token`;
    const errors = configErrors(withTraefikValues({ env: [{ name: 'NOTE', value: `run with ${key}: ${S}` }] })).join('\n');
    expect(errors).toContain('traefik.values.env[0].value: ');
    expect(errors).not.toContain(S);
  });

  test('control: a long key that is no secret name keeps its value readable', () => {
    expect(secretValues({ note: `the ${'x'.repeat(140)}_mode: strict9` })).toEqual([]);
  });
});

describe('D4: a value cut in a message never shows the head of a secret found elsewhere', () => {
  /** The reference config with S under a secret's name, and a host holding S after `before` characters. */
  const pasted = (before: number) => {
    const config = devConfig();
    config.traefik.values = { env: [{ name: 'DB_PASSWORD', value: S }] };
    // S after a `-`: since redact77 a blank takes a secret's whole word from its start (`aaaaS…` is blanked whole), and
    // the row asks that the value's own text before S stays shown while S's cut head is blanked.
    config.ingresses[0].host = `${'a'.repeat(before - 1)}-${S}${'b'.repeat(80)}.example.com`;
    return config;
  };
  /** Every head of S of four characters or more. */
  const heads = (text: string) => [...Array(S.length - 3).keys()].map((i) => S.slice(0, i + 4)).filter((head) => text.includes(head));

  test.each([41, 50, 56])('S from character %i of a 150-character host, cut at 60', (before) => {
    const errors = configErrors(pasted(before)).join('\n');
    expect(errors).toContain('ingresses[0].host: "aaaaaaaaaa');
    expect(errors).toContain('characters)');
    expect(heads(errors)).toEqual([]);
  });

  test('through a construct', () => {
    const refusal = refusalOf(() => new K3sVipCluster(new App(), 'c', pasted(50)));
    expect(refusal).toContain('<redacted>');
    expect(heads(refusal)).toEqual([]);
  });

  test.each([
    ['cut with a closing quote', `"aaaa-${S.slice(0, 9)}"... (150 characters)`, '"aaaa-<redacted>"... (150 characters)'],
    // redact77 (77a-10): a head glued to other letters is blanked with its whole word, never leaving a prefix.
    ['cut with a closing quote, glued to its word', `"aaaa${S.slice(0, 9)}"... (150 characters)`, '"<redacted>"... (150 characters)'],
    ['no cut: an ellipsis leaves out a part on purpose', `"https://…@acme.example.com…"`, `"https://…@acme.example.com…"`],
    ['cut with three dots', `{"a":"${S.slice(0, 5)}...`, '{"a":"<redacted>...'],
    ['three characters are left', `"aaaa${S.slice(0, 3)}"...`, `"aaaa${S.slice(0, 3)}"...`],
    // 52a-17: a run of 8 or more of a secret's characters is blanked in every message, with or without a cut mark.
    ['no cut: a head of 9 characters is blanked too', `aaaa ${S.slice(0, 9)} and more`, 'aaaa <redacted> and more'],
    ['no cut: a head of 9 characters glued to its word', `aaaa${S.slice(0, 9)} and more`, '<redacted> and more'],
  ])('redactMessage: %s', (_, message, expected) => {
    expect(redactMessage(message, [S, 'https://user:pw@acme.example.com/directory'])).toBe(expected);
  });
});
