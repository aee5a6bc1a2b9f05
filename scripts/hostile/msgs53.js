// Hostile inputs, round 51 (msgs53): scripts/hostile-inputs.js says what they are for.
'use strict';
const { described } = require('./text-units');

/**
 * Round 51 (msgs53): `token`/`passwd` NAME value lines (core/name-value-pairs.ts judges their value's shape), and texts
 * refused as secrets whose copies a message is searched for (core/secret-copies.ts: the parts the readers find,
 * percent-decoded, upper-cased, base64), with long percent runs and many secret lines.
 */
const secretCopies53 = (size = 1_000_000) =>
  described(
    [
      ['token lines with generated values', 'token Zx9Qw7Lp3VbTb\n'],
      ['passwd lines with generated values', 'passwd Zx9Qw7Lp3VbPw\n'],
      ['token near-misses', 'Token abc\ntoken bucket\n'],
      ['password lines, percent-encoded', 'password=Zx9Qw7Lp3Vb%21x\n'],
      ['percent runs', '%2'],
      ['one password then blanks', `password=Zx9Qw7Lp3VbB6${' '.repeat(4000)}\n`],
    ],
    size,
  );

module.exports = { secretCopies53 };
