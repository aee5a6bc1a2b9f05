// Hostile inputs of round 50 (tables51): see scripts/hostile-inputs.js.
'use strict';

const { described, repeatTo } = require('./text-units');

/**
 * Round 50 (tables51): HTML table tags that never close or repeat, reStructuredText list and CSV tables (nested
 * directives, long rows, blank runs), CSV header cells quoted over lines, key/value Markdown rows, header names in
 * code and emphasis, INI and TOML sections named like a secret with many lines.
 */
const tables51 = (size = 1_000_000) => [
  ['HTML cells that never close', `<table><tr><th>password</th><th>x</th></tr>${repeatTo('<td>', size)}`],
  ['HTML rows under a password header', `<table><tr><th>password</th><th>x</th></tr>${repeatTo('<tr><td>a1</td><td>b</td></tr>', size)}`],
  ['rst list-table rows', `.. list-table::\n\n   * - password\n     - x\n${repeatTo('   * - a1\n     - b\n', size)}`],
  ['rst csv-table, blank runs in rows', `.. csv-table::\n   :header: password, x\n\n${repeatTo(`   a1${' '.repeat(3000)},b\n`, size)}`],
  ['Markdown key/value rows', `| Key | Value |\n|---|---|\n${repeatTo('| password | $x |\n', size)}`],
  ['a section named like a secret, many lines', `[credentials]\n${repeatTo('a = $b\n', size)}`],
  ...described(
    [
      ['nested rst directives', '.. csv-table::\n '],
      ['unclosed HTML tags', '<td '],
      ['quoted header cells left open', '"password,x\n'],
      ['quoted header cells over lines', '"pass\nword",x\n'],
      ['header names in code and emphasis', '`**password_changed_at**`,`x`\n'],
      ['section headers', '[credentials]\n'],
      ['Org-mode rules', '| a | b |\n|---+---|\n'],
    ],
    size,
  ),
];

module.exports = { tables51 };
