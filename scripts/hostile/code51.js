// Hostile inputs, round 49 (code51): scripts/hostile-inputs.js says what they are for.
'use strict';
const { described } = require('./text-units');

/**
 * Round 49 (code51): literals under a secret name behind a wrapper, a brace, VB's `As`, a suffix, adjacent literals,
 * and JWT calls (core/literal-wrappers.ts): wrappers and names without literals, literals never closed, adjacent quotes
 * that never end, jwt calls whose first argument never ends; client words (`net use`, `-hp`, `user_pw`).
 */
const literalWrappers51 = (size = 1_000_000) =>
  described(
    [
      ['wrappers without a literal', 'password = String::from('],
      ['wrappers left open', 'password = new String("a'],
      ['VB declarations without a literal', 'Dim password As String = '],
      ['VB type characters', 'API_TOKEN$ = '],
      ['braces left open', 'std::string password{"a'],
      ['adjacent quotes', 'password = "a" '],
      ['adjacent quotes without a name', '"a" "b" '],
      ['prefixes and suffixes', 'password = u"a"s u"'],
      ['long names before operators', `${'a'.repeat(120)}$ = `],
      ['jwt calls never closed', 'jwt.sign({ a: ['],
      ['jwt calls of commas', 'jwt.sign(a, '],
      ['jwt calls without parentheses', 'JWT.encode a, '],
      ['jwt calls without parentheses, a brace open', 'jwt.sign {a '],
      ['net use shares', 'net use \\\\srv\\share '],
      ['pdftk passwords', 'pdftk user_pw '],
    ],
    size,
  );

module.exports = { literalWrappers51 };
