import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-49 findings 49a-9 (tables with a secret column in other writings: a CSV header cell quoted over lines,
 * Markdown headers in code or emphasis, key/value tables, HTML, reStructuredText list and CSV tables, Org-mode, other
 * languages' secret words), 49a-10 (CSV columns holding dates about a password), 49a-11 (a Markdown table read as a
 * fetchmail poll line) and 49a-8 (INI and TOML sections named like a secret, as YAML's maps under such keys).
 * table-columns.ts, table-column-names.ts, markup-tables.ts, secret-sections.ts, secrets-config-lines.ts.
 */
const S = 'Zq9xWvT7pLm2';
const { acceptedTable } = falseRefusalTables(S);

describe('49a-9: tables with a secret column are read whatever their writing', () => {
  refusedTextRows([
    ['CSV: a quoted header cell over two lines', `"user\nname",password\nbob,${S}\n`, S],
    ['Markdown: the header in code', `| user | \`password\` |\n|---|---|\n| bob | ${S} |\n`, S],
    ['Markdown: the header in bold', `| user | **Password** |\n|---|---|\n| bob | ${S} |\n`, S],
    ['Markdown: a key/value table', `| Key | Value |\n|---|---|\n| password | ${S} |\n`, S],
    ['Markdown: a key/value table, a later row', `| Key | Value |\n|---|---|\n| host | db |\n| DB password | ${S} |\n`, S],
    ['Markdown: a setting/default table', `| Setting | Default |\n|---|---|\n| api_token | ${S} |\n`, S],
    ['HTML table on one line', `<table><tr><th>user</th><th>password</th></tr><tr><td>bob</td><td>${S}</td></tr></table>`, S],
    [
      'HTML table over lines, the cell in code',
      `<table>\n  <tr>\n    <th>user</th>\n    <th>password</th>\n  </tr>\n  <tr>\n    <td>bob</td>\n    <td><code>${S}</code></td>\n  </tr>\n</table>\n`,
      S,
    ],
    ['rst list-table', `.. list-table::\n   :header-rows: 1\n\n   * - user\n     - password\n   * - bob\n     - ${S}\n`, S],
    ['rst csv-table with :header:', `.. csv-table::\n   :header: "user", "password"\n\n   bob, ${S}\n`, S],
    ['control: rst csv-table, the header its first row', `.. csv-table::\n\n   user, token\n   bob, "${S}"\n`, S],
    ['Org-mode table', `| user | password |\n|------+----------|\n| bob  | ${S} |\n`, S],
    ['German header', `user,Passwort\nbob,${S}\n`, S],
    ['French header', `user,mot_de_passe\nbob,${S}\n`, S],
    ['control: a Markdown table', `| user | password |\n|---|---|\n| bob | ${S} |\n`, S],
  ]);
});

describe('49a-8: an INI or TOML section named like a secret holds secrets, as a YAML map under such a key does', () => {
  refusedTextRows([
    ['TOML [credentials]', `[credentials]\nbob = "${S}"\n`, S],
    ['INI [credentials]', `[credentials]\nbob = ${S}\n`, S],
    ['TOML [db.credentials] after another section', `[server]\nport = 8080\n\n[db.credentials]\nprod = "${S}"\n`, S],
    ['TOML [[tokens]]', `[[tokens]]\nci = '${S}'\n`, S],
    ['INI [passwords], a colon, a comment line', `[passwords]\n; the admins\nbob: ${S}\n`, S],
  ]);
  test('control: the YAML map under credentials is refused', () => {
    expect(secretsInData({ k: `credentials:\n  bob: ${S}\n` })).not.toEqual([]);
  });
});

describe('49a-11: a refused Markdown table is named as a table', () => {
  test('control: its message names the table, not a fetchmail line', () => {
    const [found] = secretsInData({ k: `| user | password |\n|---|---|\n| bob | ${S} |\n` });
    expect(found.what).toMatch(/table/);
    expect(found.what).not.toMatch(/fetchmail/);
  });
});

describe('49a-10, 49a-11, 49a-8 controls: ordinary tables and sections are accepted', () => {
  acceptedTable([
    // 49a-11
    '| user | password set |\n|---|---|\n| bob | yes |\n',
    '| user | password age (days) |\n|---|---|\n| bob | 42 |\n',
    // 49a-10
    'id,password_changed_at\n1,2024-01-01\n',
    'id,password_updated\n1,2024-01-01\n',
    'user,password_last_set\nbob,2025-01-02T10:00:00Z\n',
    'user,passwordExpiresAt,token_count\nbob,2025-01-02,3\n',
    '| user | token_expires_at | mfa |\n|---|---|---|\n| bob | 2025-01-01 | true |\n',
    'user,password\nbob,2024-01-01\nann,\n',
    // key/value and description tables
    '| Key | Value |\n|---|---|\n| host | db.example.com |\n| port | 5432 |\n| password | $DB_PASSWORD |\n',
    '| Key | Value |\n|---|---|\n| password | see the vault |\n',
    '| Setting | Value |\n|---|---|\n| password_min_length | 12 |\n| password_policy | strong |\n',
    '| Name | Description |\n|---|---|\n| password | Your login password |\n| token | The API token |\n',
    '| Parameter | Description | Default |\n|---|---|---|\n| password | The admin password | "" |\n| port | Port | 5432 |\n',
    '| `user` | **role** |\n|---|---|\n| bob | admin |\n',
    // HTML, rst, Org
    '<table><tr><th>Name</th><th>Description</th></tr><tr><td>password</td><td>The admin password</td></tr></table>',
    '<table><tr><th>user</th><th>password</th></tr><tr><td>bob</td><td>$PW</td></tr></table>',
    '<table><tr><td>a</td><td>b</td></tr></table>\n<p>password</p>\n',
    '.. list-table::\n   :header-rows: 1\n\n   * - option\n     - description\n   * - password\n     - The admin password\n',
    '.. list-table::\n\n   * - user\n     - password\n   * - bob\n     - ${PW}\n',
    '.. csv-table::\n   :header: "user", "password"\n\n   bob, $PW\n',
    '| name | role |\n|------+------|\n| bob  | admin |\n',
    // sections
    '[credential]\n  helper = store\n  username = bob\n',
    '[credential "https://github.com"]\n\thelper = osxkeychain\n',
    '[credentials]\nbob = $PW\nann = "${ANN_PASSWORD}"\n',
    '[credentials]\nfile = /etc/app/credentials\n',
    '[tokens]\nenabled = true\nttl = 3600\n',
    '[auth]\ndisable_login_form = false\n\n[auth.generic_oauth]\nclient_id = grafana\nscopes = openid email\n',
    '[server]\nport = 8080\nhost = 0.0.0.0\n',
  ]);
});

// `npm run bench` times the same texts at 1 MB.
describe('49a-8, 49a-9: hostile near-misses stay cheap', () => {
  test.each(hostile.tables51(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
