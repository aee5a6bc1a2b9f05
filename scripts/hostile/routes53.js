// Hostile inputs, round 51 (routes53): scripts/hostile-inputs.js says what they are for.
'use strict';
const { described } = require('./text-units');

/**
 * Round 51 (routes53): router rules' header and query matchers read as name/value pairs (core/rule-pairs.ts): matcher
 * calls never closed, argument lists of commas and blanks, quotes never closed, names without a call, regular
 * expressions of metacharacters and escapes only, and many pairs with nothing secret in them.
 */
const rulePairs53 = (size = 1_000_000) =>
  described(
    [
      ['calls never closed', 'Header(`a`, `b`, '],
      ['argument runs of blanks', 'Header(`a`        '],
      ['commas and blanks between arguments', '`a` ,  , '],
      ['backticks never closed', 'Query(`'],
      ['double quotes never closed', 'Header("a\\"'],
      ['matcher names without a call', 'HeaderRegexp Query '],
      ['names then parentheses only', 'headers((('],
      ['regular expressions of escapes', 'HeaderRegexp(`X-Api-Key`, `\\.\\.\\.\\.`) '],
      ['many ordinary pairs', 'Header(`X-Forwarded-Proto`, `https`) || '],
      ['nested parentheses around a pair', '(!('],
    ],
    size,
  );

module.exports = { rulePairs53 };
