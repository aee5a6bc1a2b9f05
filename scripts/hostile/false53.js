// Hostile inputs, round 52 (false53): string methods given separators, decoded line breaks inside code, placeholders
// after Bearer, prose naming a store, Secret names with notes (core/code-values.ts, decoded-breaks.ts, placeholders.ts,
// prose-values.ts, table-column-names.ts; scripts/hostile-inputs.js says what they are for).
'use strict';
const { described, repeatTo } = require('./text-units');

/**
 * Near-misses of the round-52 false-refusal readers (attack52-false53): chains of string methods without end, escaped
 * breaks inside calls, quoted blanks as arguments, long store paths and Secret names with notes that never close.
 */
const falseValues53 = (size = 1_000_000) => [
  ['one line of a string-method chain', `password = line${".split(' ')[1]".repeat(size / 15)}`],
  ['one line of escaped breaks in a call', `password = open('/run/secrets/pw').read()${".rstrip('\\n')".repeat(size / 14)}`],
  ['one line of quoted blanks as arguments', `token := strings.Split(h${', " "'.repeat(size / 5)})[1]`],
  ['one line of a long store path', `Password: stored in Vault under ${repeatTo('secret/app/', size)}`],
  ['one line of Bearer placeholders', `Authorization: Bearer ${repeatTo('YOUR_TOKEN_', size)}`],
  ['a table of one Secret name with an open note', `| App | Secret |\n|---|---|\n| a | \`${'a-'.repeat(size / 2)}\` (see vault |\n`],
  ...described(
    [
      ['lines of stripped reads', 'password = line.strip()\n'],
      ['lines of escaped breaks', "password = open('/run/secrets/pw').read().rstrip('\\n')\n"],
      ['lines of Go splits', 'token := strings.Split(h, " ")[1]\n'],
      ['lines of Bearer placeholders', 'Authorization: Bearer <token>\n'],
      ['lines of store prose', 'Password: stored in Vault under secret/app/db\n'],
      ['rows of Secret names and references', '| db | db-credentials (see vault) | `$DB_PASSWORD` | in 1Password |\n'],
    ],
    size,
  ).map(([label, text]) => [label, text.startsWith('|') ? `| name | secret | password | token |\n|---|---|---|---|\n${text}` : text]),
];

module.exports = { falseValues53 };
