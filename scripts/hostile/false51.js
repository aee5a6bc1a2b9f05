// Hostile inputs, round 50 (false51): prose values after `key:` (core/prose-values.ts; scripts/hostile-inputs.js says what they are for).
'use strict';
const { described, repeatTo } = require('./text-units');

/**
 * Near-misses of prose values (attack50-false51): key lines whose value is a sentence, long sentences on one line,
 * words that never end, sentences of numbers, many blanks between words, flow pairs of prose.
 */
const proseValues51 = (size = 1_000_000) => [
  ['one key line of a long sentence', `Password: ${repeatTo('see the team vault, ', size)}`],
  ['one key line of blanks between words', `Token: ask${' \t'.repeat(size / 2)}the team.`],
  ['one long word after the key', `Secret: ${'a'.repeat(size)}`],
  ['a flow pair of a long sentence', `token: ${repeatTo('issued by the IdP ', size)}`],
  ...described(
    [
      ['lines of prose values', 'Password: at least 12 characters, one digit.\n'],
      ['list items of prose values', '- Password: use the one from onboarding\n'],
      ['lines of sentences that give the value', 'password: it is swordfish.\n'],
      ['lines of numbers', 'token: 12 12 12 12 the 12.\n'],
      ['lines of function words', 'secret: the the the the the the the the\n'],
      ['lines of words without a key', 'see the team vault. '],
    ],
    size,
  ),
];

module.exports = { proseValues51 };
