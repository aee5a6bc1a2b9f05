import * as hostile from '../scripts/hostile-inputs';
import { isProseValue } from '../src/core/prose-values';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables } from './secret-tables';

/**
 * Round-50 finding 50a-13 (but its two SQL rows): ordinary text refused as setting a secret. Code that computes a
 * value (`jwt.encode(payload, key, algorithm='HS256')`: a keyword's name or an algorithm's is the call's setting;
 * `hashlib.sha256(raw.encode('utf-8')).hexdigest()`: a method called on a value), prose after `key:` that points
 * elsewhere (`Password: ask Bob.`) or names a vault entry in quotes, prose after `key = ` with blanks (INI's spacing),
 * table cells under a secret column holding prose, a bracketed note (`(in vault)`) or a Kubernetes Secret's name with a
 * note saying so, and `--token "$(cat /etc/rancher/k3s/cluster-token)"` (a quoted substitution reading a file is a
 * reference). The same forms holding a real-looking password stay refused, the password shown nowhere.
 */
const S = 'Zq9xWvT7pLm2';
const { acceptedTable, refusedTable } = falseRefusalTables(S);

describe('50a-13: code, prose, notes and file reads are no secrets', () => {
  acceptedTable([
    "token = jwt.encode(payload, key, algorithm='HS256')",
    "token = jwt.encode(payload, settings.SECRET_KEY, algorithm='RS256')\n",
    "password = hashlib.sha256(raw.encode('utf-8')).hexdigest()",
    "password = sha256(raw.encode('utf-8')).hexdigest()\n",
    'Password: ask Bob.',
    'Password: ask Bob.\n',
    'Password: see the team vault entry "grafana admin".',
    'password = Must be rotated quarterly',
    'password = Must be rotated quarterly\n',
    'password = see the team vault.\n',
    '[db]\npassword = should be set by the operator\n',
    '| user | password |\n|------|----------|\n| bob  | ask the on-call engineer |',
    '| user | password |\n|------|----------|\n| bob  | (in vault) |\n',
    '| Service | Secret | Notes |\n|---|---|---|\n| grafana | grafana-admin (Kubernetes Secret) | in monitoring namespace |',
    'user,password\nbob,ask the on-call engineer\nal,(in vault)\n',
    'k3s agent --server https://vip:6443 --token "$(cat /etc/rancher/k3s/cluster-token)"',
    'k3s agent --server https://vip:6443 --token="$(cat /etc/rancher/k3s/cluster-token)"\n',
    'mysql -u bob --password "$(< /run/secrets/db)" -h db',
  ]);

  test.each([
    'ask Bob.',
    'Must be rotated quarterly',
    '(in vault)',
    'ask the on-call engineer',
    'see the team vault entry "grafana admin".',
  ])('%s is a sentence', (value) => expect(isProseValue(value)).toBe(true));
  test.each([
    'ask Bob',
    `ask ${S}.`,
    'use swordfish.',
    'Must be swordfish',
    '(swordfish)',
    'bob (in vault)',
    'the password is "swordfish"',
  ])('%s is no prose', (value) => expect(isProseValue(value)).toBe(false));
});

describe('50a-13 controls: the same forms holding a password', () => {
  refusedTable([
    ['a literal signing key beside an algorithm', `token = jwt.encode(payload, '${S}', algorithm='HS256')`],
    ['a literal given as the algorithm', `token = jwt.encode(payload, key, algorithm='${S}')`],
    ['a literal password hashed', `password = hashlib.sha256('${S}'.encode('utf-8')).hexdigest()`],
    ['a literal given as the encoding', `password = hashlib.sha256(raw.encode('${S}')).hexdigest()\n`],
    ['a password after a pointer', `Password: ask ${S}.`],
    ['an INI password', `password = ${S}\n`],
    ['an INI password after words', `password = Must be rotated, ${S}`],
    ['a password quoted in a sentence', `password = see the vault entry "${S}".`],
    ['a password beside a prose cell', `| user | password |\n|---|---|\n| al | ask Bob. |\n| bob | ${S} |`],
    ['a password in brackets', `| user | password |\n|---|---|\n| bob | (${S}) |`],
    ['a password noted as a Secret', `| Service | Secret | Notes |\n|---|---|---|\n| grafana | ${S} (Kubernetes Secret) | x |`],
    ['a CSV password below a prose cell', `user,password\nbob,ask the on-call engineer\nal,${S}\n`],
    ['a token after a file read', `k3s agent --token "$(cat /etc/t)" --agent-token ${S}`],
    ['a token echoed', `k3s agent --token "$(echo ${S})"`],
    ['a token given plain', `k3s agent --server https://vip:6443 --token ${S}`],
  ]);

  test('a passphrase stays a value, in an INI line and a cell, and so does a password written as a call', () => {
    const texts = [
      'password = correct horse battery staple',
      '| user | password |\n|---|---|\n| bob | correct horse battery staple |',
      'password = Pa.ss(word)',
    ];
    for (const text of texts) expect(secretsInData({ data: { k: text } })).not.toEqual([]);
  });
});

describe('hostile near-misses stay cheap', () => {
  test.each(hostile.falseValues52(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
