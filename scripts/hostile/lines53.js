// Hostile inputs of round 52 (lines53): see scripts/hostile-inputs.js.
'use strict';

const { described, repeatTo } = require('./text-units');

/**
 * Round 52 (lines53): ruled tables of any rule character (rules of `=`, `~`, box drawing, joints, that fail at their
 * end, long blank runs, many header/rule pairs, body rows under a password column), and accented names (runs of
 * accented letters in and around secret words, long accented runs, accented prose).
 */
const lines53 = (size = 1_000_000) => [
  ['a rule of `=` runs that fails at its end', `user password\n${repeatTo('== ', size)}x\n`],
  ['a rule of joints and runs that fails at its end', `user password\n${repeatTo('+--', size)}x\n`],
  ['a box-drawing rule of many joints', `user password\n${repeatTo('─┼', size)}x\n`],
  ['a `~` rule with a long blank run', `user password\n~~~~ ${' '.repeat(size)}~~~~~~~~x\n`],
  ['body rows under a password column, `=` rule', `user  password\n====  ========\n${repeatTo('bob   $PW\n', size)}`],
  ['a long run of accented letters', `contrase${'ñ'.repeat(size)}: x\n`],
  ['a long accented word after a secret word', `hasło${'ą'.repeat(size)}=x\n`],
  ...described(
    [
      ['header and `~` rule pairs', 'user password\n~~~~ ~~~~~~~~\n'],
      ['joint rules without headers', '+--+--+\n'],
      ['box-drawing rules', 'user │ password\n────┼────────\n'],
      ['accented secret names with references', 'contraseña: $PW\nhasło=${PW}\nşifre: <x>\n'],
      ['accented secret names without values', 'contraseña hasło şifre jelszó '],
      ['accented prose', 'Die Passwörter für München sind geändert. '],
      ['accented letters glued to secret words', 'passwordé=tokenñ:keyü '],
    ],
    size,
  ),
];

module.exports = { lines53 };
