// Hostile inputs, round 51 (false52): prose after `key =`, prose cells, calls as values, file reads given to flags
// (core/prose-values.ts, table-column-names.ts, code-values.ts, secret-arguments.ts; scripts/hostile-inputs.js says what they are for).
'use strict';
const { described, repeatTo } = require('./text-units');

/**
 * Near-misses of the round-51 false-refusal readers (attack51-false52): INI lines of prose, tables of prose cells and of
 * Secret names with notes, calls that never close or chain without end, quoted file reads that never close.
 */
const falseValues52 = (size = 1_000_000) => [
  ['one INI line of a long sentence', `password = ${repeatTo('Must be rotated quarterly, ', size)}`],
  ['one line of calls named after a secret key', repeatTo('password = hashlib.sha256(', size)],
  ['one line of a call chain', `token = jwt${".encode(payload, key, algorithm='HS256')".repeat(size / 40)}`],
  ['one flag given file reads that never close', `k3s agent --token ${repeatTo('"$(cat /etc/rancher/k3s/token ', size)}`],
  ['one flag given a long file read', `k3s agent --token "$(cat /${'a'.repeat(size)}"`],
  ['one flag given a file read of blanks', `k3s agent --token "$(cat${' \t'.repeat(size / 2)}\n${' '.repeat(size / 2)}x`],
  ['a table of one long Secret name', `| Service | Secret |\n|---|---|\n| a | ${'a-'.repeat(size / 2)} (Kubernetes Secret |\n`],
  ...described(
    [
      ['lines of INI prose', 'password = Must be rotated quarterly\n'],
      ['lines of pointers', 'Password: ask Bob.\n'],
      ['lines of computed passwords', "password = hashlib.sha256(raw.encode('utf-8')).hexdigest()\n"],
      ['lines of file reads', 'k3s agent --server https://vip:6443 --token "$(cat /etc/rancher/k3s/cluster-token)"\n'],
      ['rows of prose cells', '| bob | ask the on-call engineer | (in vault) | grafana-admin (Kubernetes Secret) |\n'],
    ],
    size,
  ).map(([label, text]) => [label, text.startsWith('|') ? `| user | password | token | secret |\n|---|---|---|---|\n${text}` : text]),
];

module.exports = { falseValues52 };
