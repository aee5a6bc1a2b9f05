// Hostile inputs, round 51 (code53): scripts/hostile-inputs.js says what they are for.
'use strict';
const { described } = require('./text-units');

/**
 * Round 51 (code53): C's copies into a secret-named buffer (core/c-string-copies.ts) whose buffer, size or literal
 * never comes, option constants named like a secret without a closed literal, array declarations and designators without a literal (core/literal-wrappers.ts), C's connects of
 * casts, and k3s argument lists whose glue (labels, PowerShell's parameters, `@(`) runs on (core/k3s-code-args.ts).
 */
const cCopies53 = (size = 1_000_000) =>
  described(
    [
      ['copies without a literal', 'strcpy(password, '],
      ['copies with a long member chain', `strcpy(${'a.'.repeat(20)}password, `],
      ['copies whose size never ends', `strncpy(password, ${'(x)'.repeat(30)}`],
      ['formats of one %s without a literal', 'snprintf(password, n, "%s", '],
      ['call names ending like copies', `${'strcpy'.repeat(10)}(`],
      ['array declarations without a literal', 'char password[] = '],
      ['designators without a literal', '{ .password = '],
      ['designators on lines of their own', '.password = \n'],
      ['braced literals never closed', 'char password[] = {"a" '],
      ['options without a closing quote', 'f(CURLOPT_PASSWORD, "a '],
      ['options of commas', '(CURLOPT_PASSWORD, '],
      // The option clue tried at every capital of a run (the bench's zero-width-space row hung on it).
      ['one run of capitals', 'MIGH'],
      ['connects of casts', 'SQLConnect(h, (SQLCHAR *)"a", '],
      ['Start-Process heads without a list', 'Start-Process k3s -ArgumentList '],
      ['k3s lists of labels', '"k3s", args: arguments = '],
      ['k3s lists of PowerShell parameters', '"k3s" -Wait -NoNewWindow '],
    ],
    size,
  );

module.exports = { cCopies53 };
