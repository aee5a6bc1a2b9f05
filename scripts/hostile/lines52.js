// Hostile inputs of round 51 (lines52): see scripts/hostile-inputs.js.
'use strict';

const { described, repeatTo } = require('./text-units');

/**
 * Round 51 (lines52): dash-ruled tables (rules that fail at their end, long blank runs in rules and rows, many
 * header/rule pairs, body rows under a password column), `NAME value` lines (long blank runs between a secret's name and
 * a value that goes on, names without a value), foreign secret words, Junos `authentication-key … value` and IS-IS lines.
 */
const lines52 = (size = 1_000_000) => [
  ['a dash rule of many runs that fails at its end', `user password\n${repeatTo('-- ', size)}x\n`],
  ['a dash rule with a long blank run', `user password\n---- ${' '.repeat(size)}--------x\n`],
  ['body rows under a password column', `user  password\n----  --------\n${repeatTo('bob   $PW\n', size)}`],
  ['a body row of a long blank run', `user  password\n----  --------\nbob${' '.repeat(size)}x\n`],
  ['a secret name, a long blank run, no value', `db_password${' '.repeat(size)}\n`],
  ['a secret name, a long blank run, two words', `db_password${' '.repeat(size)}a b\n`],
  ...described(
    [
      ['header and rule pairs', 'user password\n---- --------\n'],
      ['rules without headers', '-- --\n'],
      ['rules of dashes and blanks', '-- \t-- '],
      ['NAME value lines with a reference', 'rootpw $PW\n'],
      ['NAME value lines of code words', 'Password string\n'],
      ['NAME value lines that go on', 'bindpw a b\n'],
      ['foreign words as names', 'kennwort: $PW\nPasswort=${PW}\n'],
      ['Junos authentication-key value lines', 'authentication-key 1 type md5 value value value '],
      ['IS-IS area-password lines', ' area-password\n'],
    ],
    size,
  ),
];

module.exports = { lines52 };
