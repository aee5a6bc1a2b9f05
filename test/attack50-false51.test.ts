import * as hostile from '../scripts/hostile-inputs';
import { isProseValue } from '../src/core/prose-values';
import { secretShape, secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedRows } from './secret-tables';

/**
 * Round-49 finding 49a-10, its prose part: a line of prose that also reads as YAML `key: value` under a key named like
 * a secret (`Token: ask the platform team.`) was refused, by the line reader (secrets.ts, a line setting `Token`), the
 * one-line reader (secrets-text.ts keyedSecret: `key: value` and a flow's first pair) and the one-line text's data.
 * A value written plain that is a sentence is prose (prose-values.ts); a quoted value, an assignment (`=`), a flow or
 * JSON pair, a passphrase (`correct horse battery staple`), a word with digits and a sentence that gives the value stay
 * refused.
 */
const S = 'Zq9xWvT7pLm2';
const { acceptedTable } = falseRefusalTables(S);

const PROSE = [
  'Password: at least 12 characters, one digit.',
  'Token: ask the platform team.',
  'Secret: none needed for this service.',
  'Passwords: see the team vault.',
  'Tokens: issued by the IdP.',
  '- Password: use the one from onboarding',
];

describe('49a-10: a sentence after a secret key is prose', () => {
  acceptedTable([
    ...PROSE,
    ...PROSE.map((line) => `${line}\n`),
    '# Notes\n\nPassword: at least 12 characters, one digit.\nToken: ask the platform team.\n',
    '## Access\n- Password: use the one from onboarding\n- Token: issued by the IdP.\n',
    'api_key: request one from the platform team, then store it in the vault.',
    'DB_PASSWORD: not needed for the local profile\n',
    'auth:\n  password: rotated every 90 days by the on-call team.\n',
  ]);

  test.each([
    'at least 12 characters, one digit.',
    'ask the platform team.',
    'none needed for this service.',
    'issued by the IdP.',
    'use the one from onboarding',
  ])('%s is a sentence', (value) => expect(isProseValue(value)).toBe(true));

  test.each([
    'correct horse battery staple',
    'correct horse battery staple.',
    'Summer Secret Password',
    'hunter2 for the team',
    'the password is swordfish',
    'use swordfish.',
    'ask bob, it is swordfish.',
    '"ask the platform team."',
    'use 1234 for the door.',
    'The password is',
    'see the team vault for',
    'ask the team: swordfish',
  ])('%s is no prose', (value) => expect(isProseValue(value)).toBe(false));
});

describe('49a-10 controls: a value stays a value', () => {
  refusedRows([
    ['a word of letters and digits', 'password: hunter2hunter2', 'hunter2hunter2'],
    ['a generated password, capitalised key', `Password: ${S}`, S],
    ['a vendor token', 'token: ghp_0123456789abcdefABCDEF0123456789abcd', 'ghp_0123456789abcdefABCDEF0123456789abcd'],
    ['a passphrase of words', 'password: correct horse battery staple', 'correct horse battery staple'],
    ['a passphrase of words, a line', 'password: correct horse battery staple\n', 'correct horse battery staple'],
    ['a passphrase ending a sentence', 'password: correct horse battery staple.\n', 'correct horse battery staple'],
    ['a sentence that gives the value', 'password: the password is swordfish\n', 'swordfish'],
    ['a sentence that gives it after a comma', 'Password: ask bob, it is swordfish.', 'swordfish'],
    ['a word to use', 'password: use swordfish.\n', 'swordfish'],
    ['a sentence quoted', 'password: "ask the platform team."', 'ask the platform team.'],
    ['a sentence single-quoted, a line', "password: 'see the team vault.'\n", 'see the team vault.'],
    // 50a-13: `password = see the team vault.` (blanks around `=`) is prose (test/attack51-false52.test.ts); unspaced it is a value.
    ['an assignment of words, unspaced', 'password=see the team vault.\n', 'see the team vault.'],
    ['an env assignment of words', 'DB_PASSWORD=use the one from onboarding', 'use the one from onboarding'],
    ['a JSON pair', '{"password": "ask the platform team."}', 'ask the platform team.'],
    ['a flow pair', '{password: ask the platform team.}', 'ask the platform team.'],
    ['a sentence then a password', `Password: see the team vault, token: ${S}`, S],
    ['a sentence then a password below it', `password: see the team vault.\n  ${S}\n`, S],
    ['a sentence cut where its value goes below', 'password: The password is\n  swordfish\n', 'swordfish'],
    ['a sentence, then a word below it', 'password: see the team vault.\n  swordfish\n', 'swordfish'],
    ['a sentence with a password in it', `password: use the ${S} one`, S],
    ['a secret object', `kind: Secret\nstringData:\n  password: see the team vault.\n`, 'see the team vault.'],
  ]);

  test('data given as data keeps its value', () => {
    expect(secretsInData({ env: [{ name: 'DB_PASSWORD', value: 'ask the platform team.' }] })).not.toEqual([]);
    expect(secretsInData({ auth: { password: 'see the team vault.' } })).not.toEqual([]);
    expect(secretShape('Password: at least 12 characters, one digit.')).toBeUndefined();
  });
});

describe('hostile near-misses stay cheap', () => {
  test.each(hostile.proseValues51(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
