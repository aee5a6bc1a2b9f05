import * as hostile from '../scripts/hostile-inputs';
import { isCodeCall } from '../src/core/code-values';
import { isPlaceholder } from '../src/core/placeholders';
import { isProseValue } from '../src/core/prose-values';
import { secretsInData } from '../src/core/secrets';
import { holdsNoSecret, holdsNoSecretUnder } from '../src/core/table-column-names';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables } from './secret-tables';

/**
 * Round-51 findings 51a-10 and 51a-11: ordinary text refused as setting a secret. Code that reads a secret and cleans
 * it with string methods given only separators, prefixes or encodings (`line.strip()`, `header.split(' ')[1]`,
 * `auth.removeprefix('Bearer ')`, `base64.b64decode(enc).decode()`, `open(path).read().rstrip('\n')` also once its
 * `\n` is decoded, Go's `strings.Split(h, " ")[1]` whose `" "` is no join of two halves, Ruby's `File.read(path).chomp`);
 * placeholders after Bearer (`<token>`, `YOUR_TOKEN`, `...`); prose naming a store or a rule (`stored in Vault under
 * secret/app/db`, `minimum length 12`, `see 1Password entry "prod db"`); cells naming a Secret (with a note, in code
 * marks, alone under a `Secret` column), a variable in code marks, a note of a store. The same forms holding a
 * real-looking password stay refused, the password shown nowhere.
 */
const S = 'Zq9xWvT7pLm2';
const { acceptedTable, refusedTable } = falseRefusalTables(S);

describe('51a-10: code that only reads a secret sets none', () => {
  acceptedTable([
    'password = line.strip()',
    "password = s.replace('\"', '')",
    "token = header.split(' ')[1]",
    "token = auth.removeprefix('Bearer ')",
    'password = base64.b64decode(enc).decode()',
    "password = open('/run/secrets/pw').read().rstrip('\\n')",
    "password = open('/run/secrets/pw').read().rstrip('\\n')\n",
    "api_key = os.environ['KEYS'].split(',')[0]",
    'token := strings.Split(h, " ")[1]',
    "password = File.read('/run/secrets/pw').chomp",
    "import os\n\ndef load():\n    with open('/run/secrets/pw') as f:\n        line = f.readline()\n    password = line.strip()\n    return password\n",
  ]);

  test.each([
    'line.strip()',
    "header.split(' ')[-1]",
    "s.replace('\\r\\n', '')",
    "auth.removeprefix('token=')",
    'base64.b64decode(enc).decode()',
    "open('/run/secrets/pw').read()",
    "ENV['KEYS'].split(',')[0]",
  ])('%s is code', (value) => expect(isCodeCall(value)).toBe(true));
  test.each([
    `line.strip('${S}')`,
    `s.replace('x', '${S}')`,
    `open('/run/${S}/pw').read()`,
    `${S.toLowerCase()}.strip()`,
    'Pa.ss(word)',
    "header.split(' ')[1234]",
  ])('%s is no code', (value) => expect(isCodeCall(value)).toBe(false));
});

describe('51a-11: placeholders, store prose and Secret names are no secrets', () => {
  acceptedTable([
    'Authorization: Bearer <token>',
    'Authorization: Bearer YOUR_TOKEN',
    'Authorization: Bearer ...',
    'curl -H "Authorization: Bearer YOUR_API_TOKEN_HERE" https://api.example.com/v1/items',
    'password: minimum length 12',
    'Password: stored in Vault under secret/app/db',
    'password: see 1Password entry "prod db"',
    'Password: stored in Vault under secret/app/db\nToken: set in GitLab settings\n',
    '| Name | Secret |\n|---|---|\n| db | db-credentials (see vault) |',
    '| App | Secret |\n|---|---|\n| api | `api-token` (Kubernetes Secret) |',
    '| User | Password |\n|---|---|\n| bob | in 1Password |',
    '| User | Password |\n|---|---|\n| bob | `$DB_PASSWORD` |',
    '| Variable | Token |\n|---|---|\n| CI | set in GitLab settings |',
    'app,secret\napi,api-token-secret',
    '| User | Password |\n|---|---|\n| bob | in 1Password |\nk1: |-\n| Variable | Token |\n|---|---|\n| CI | set in GitLab settings |',
  ]);

  test.each(['<token>', 'Bearer <token>', 'YOUR_TOKEN', 'your-api-key', '...', 'Bearer ...'])('%s is a placeholder', (value) =>
    expect(isPlaceholder(value)).toBe(true),
  );
  // `changeme` became a placeholder in round 54 (52a-18: documentation's stand-in); Java's `changeit` is a real default password.
  test.each([`YOUR_${S}`, `Bearer ${S}`, 'Bearer', 'YOUR', 'changeit', 'changeme2024!', 'my-secret-password'])(
    '%s is no placeholder',
    (value) => expect(isPlaceholder(value)).toBe(false),
  );
  test.each(['minimum length 12', 'stored in Vault under secret/app/db', 'in 1Password', 'set in GitLab settings', '(see vault)'])(
    '%s is a sentence',
    (value) => expect(isProseValue(value)).toBe(true),
  );
  test.each([`minimum length ${S}`, `stored in Vault under secret/${S}`, 'in hunter', 'correct horse battery staple', '1Password'])(
    '%s is no prose',
    (value) => expect(isProseValue(value)).toBe(false),
  );
  test('cells: a Secret name with a note or in code marks, a variable in code marks; a bare name only under a Secret column', () => {
    for (const cell of ['db-credentials (see vault)', '`api-token` (Kubernetes Secret)', '`api-token`', '`$DB_PASSWORD`', '`${TOKEN}`'])
      expect(holdsNoSecret(cell)).toBe(true);
    for (const cell of [`${S} (see vault)`, `\`${S}\``, 'api-token-secret', `db-credentials (${S})`])
      expect(holdsNoSecret(cell)).toBe(false);
    expect(holdsNoSecretUnder('secret', 'api-token-secret')).toBe(true);
    expect(holdsNoSecretUnder('Kubernetes Secret', 'db-credentials')).toBe(true);
    expect(holdsNoSecretUnder('password', 'api-token-secret')).toBe(false);
    expect(holdsNoSecretUnder('secret', `${S.toLowerCase()}-secret`)).toBe(false);
  });
});

describe('51a-10 and 51a-11 controls: the same forms holding a password', () => {
  refusedTable([
    ['a password given to strip', `password = line.strip('${S}')`],
    ['a password as a replacement', `password = s.replace('"', '${S}')`],
    ['a password as a separator', `token = header.split('${S}')[1]`],
    ['a password as a prefix', `token = auth.removeprefix('${S} ')`],
    ['a password decoded', `password = base64.b64decode('${S}').decode()`],
    ['a password after an escaped break', `password = open('/run/secrets/pw').read().rstrip('\\n${S}')`],
    ['a password in a path', `password = open('/run/${S}/pw').read()`],
    ['a password as a default', `api_key = os.environ.get('KEYS', '${S}').split(',')[0]`],
    ['a password split', `token := strings.Split("${S}", " ")[1]`],
    ['a password added to a read', `password = File.read('/run/secrets/pw').chomp + '${S}'`],
    ['a password given a method', `password = ${S}.strip()`],
    ['a Bearer token', `Authorization: Bearer ${S}`],
    ['a Bearer token after YOUR', `Authorization: Bearer YOUR_${S}`],
    ['a Bearer token in angle brackets', `Authorization: Bearer <${S}>`],
    ['a password after rule words', `password: minimum length ${S}`],
    ['a password after store words', `Password: stored in Vault under ${S}`],
    ['a password in a store path', `Password: stored in Vault under secret/${S}`],
    ['a password after a 1Password entry', `password: see 1Password entry ${S}`],
    ['a password with a note', `| Name | Secret |\n|---|---|\n| db | ${S} (see vault) |`],
    ['a password noted as a Secret in code marks', `| App | Secret |\n|---|---|\n| api | \`${S}\` (Kubernetes Secret) |`],
    ['a password in code marks', `| User | Password |\n|---|---|\n| bob | \`${S}\` |`],
    ['a password after in', `| User | Password |\n|---|---|\n| bob | in ${S} |`],
    ['a password after set in', `| Variable | Token |\n|---|---|\n| CI | set in ${S} |`],
    ['a CSV secret', `app,secret\napi,${S}`],
    [
      'a password in a second table',
      `| User | Password |\n|---|---|\n| bob | (in vault) |\nk1: |-\n| User | Password |\n|---|---|\n| al | ${S} |`,
    ],
    ['a password in a row above a rule row', `| User | Password |\n|---|---|\n| bob | ${S} |\n|---|---|\n| al | x |`],
  ]);

  test('a passphrase and a generated-looking Secret name stay values', () => {
    const texts = [
      'password = correct horse battery staple',
      '| user | password |\n|---|---|\n| bob | correct horse battery staple |',
      `app,secret\napi,${S.toLowerCase()}-secret`,
      'password = Pa.ss(word)',
    ];
    for (const text of texts) expect(secretsInData({ data: { k: text } })).not.toEqual([]);
  });
});

describe('hostile near-misses stay cheap', () => {
  test.each(hostile.falseValues53(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
