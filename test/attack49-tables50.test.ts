import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-48 findings 48a-5 (tables: a CSV cell quoted over a line break, a quoted header cell holding the delimiter,
 * Markdown's `\|` in a cell, reStructuredText grid and simple tables), 48a-6 (a .properties line continued over a line
 * break, in its key or its value) and 48a-16 (a properties line `key jdbc:…://…` is no postfix sasl_passwd line).
 * table-columns.ts, rst-simple-tables.ts, properties-continued.ts, secrets-config-lines.ts.
 */
const S = 'Zq9xW3vLp7Rt';
const { acceptedTable } = falseRefusalTables(S);

const tables: ReadonlyArray<readonly [string, string, string]> = [
  ['CSV: a quoted cell over two lines before the password', `user,note,password\nbob,"a\nb",${S}\n`, S],
  ['CSV: the password row after a multi-line row', `user,note,password\nann,"x\ny\nz",$PW\nbob,"a",${S}\n`, S],
  ['control: CSV, the password itself quoted over a line', `user,password,note\nbob,"${S}","a\nb"\n`, S],
  ['CSV: a quoted header cell holding a comma', `"last, first",password\n"Doe, J",${S}\n`, S],
  ['CSV: a quote inside an unquoted cell', `user,size,password\nbob,5" disk,${S}\n`, S],
  ['control: CSV, quotes doubled inside a quoted cell', `user,note,password\nbob,"say ""hi, there""",${S}\n`, S],
  ['Markdown: an escaped pipe in a cell', `| note | password |\n|---|---|\n| a \\| b | ${S} |\n`, S],
  ['Markdown: an escaped pipe in the password', `| user | password |\n|---|---|\n| bob | ${S}\\|x |\n`, S],
  ['Markdown: a quote in a cell', `| note | password |\n|---|---|\n| 5" disk | ${S} |\n`, S],
  [
    'rst grid table, the password column first',
    `+------------+------+\n| password   | user |\n+============+======+\n| ${S} | bob  |\n+------------+------+\n`,
    S,
  ],
  [
    'rst grid table, the password column last',
    `+------+------------+\n| user | password   |\n+======+============+\n| bob  | ${S} |\n+------+------------+\n`,
    S,
  ],
  ['rst simple table', `====  ============\nuser  password\n====  ============\nbob   ${S}\n====  ============\n`, S],
  [
    'rst simple table, three columns, a later row',
    `=====  ======  ============\nuser   role    api_key\n=====  ======  ============\nann    admin\nbob    dev     ${S}\n=====  ======  ============\n`,
    S,
  ],
  ['rst simple table, indented', `  ====  ============\n  user  token\n  ====  ============\n  bob   ${S}\n  ====  ============\n`, S],
];

const properties: ReadonlyArray<readonly [string, string, string]> = [
  ['the key continued', `db.pass\\\n  word=${S}\n`, S],
  ['the key continued, a colon', `db.pass\\\n  word: ${S}\n`, S],
  ['the key continued, a blank', `spring.datasource.pass\\\n    word ${S}\n`, S],
  ['the key continued twice', `db.pa\\\n ss\\\n word=${S}\n`, S],
  ['the value on the next line', `db.password=\\\n  ${S}\n`, S],
  ['the value on the next line after a blank', `db.password \\\n  ${S}\n`, S],
  ['the value cut in two', `db.password=Zq9xW3\\\n  vLp7Rt\n`, 'Zq9xW3'],
  ['CRLF line ends', `db.pass\\\r\n  word=${S}\r\n`, S],
  ['among other lines', `server.port=8080\ndb.user=app\ndb.pass\\\n  word=${S}\nlogging.level.root=INFO\n`, S],
  ['an undotted key continued', `pass\\\n  word=${S}\n`, S],
];

describe('48a-5: tables with a secret column are read whatever their cells hold', () => {
  refusedTextRows(tables);
});

describe('48a-6: a .properties line continued over line breaks is read as Properties reads it', () => {
  refusedTextRows(properties);
});

describe('48a-16: a properties line whose value is a JDBC URL is no postfix sasl_passwd line', () => {
  refusedTextRows([
    ['control: a sasl_passwd line', `smtp.example.com:587 bob:${S}\n`, S],
    ['control: a sasl_passwd line, bare host', `smtp.example.com bob:${S}\n`, S],
  ]);
  acceptedTable([
    'server.port 8080\nspring.datasource.url jdbc:postgresql://db/app\n',
    'spring.datasource.url jdbc:mysql://db:3306/app?useSSL=false\n',
    'app.endpoint https://api.example.com/v1\n',
    'db.url jdbc:postgresql://db/app\n',
  ]);
});

describe('controls: ordinary tables and continued lines are accepted', () => {
  acceptedTable([
    // CSV
    'user,note\nbob,"a\nb"\n',
    'user,note,password\nbob,"a\nb",$PW\n',
    'user,note,password\nbob,"a\nb",${DB_PASSWORD}\n',
    'user,note,password\nbob,"a\nb",\n',
    'user,note,password\nbob,"a\nb",<password>\n',
    '"last, first",password\n"Doe, J",$PW\n',
    '"last, first",email\n"Doe, J",j@example.org\n',
    'name,description\npassword,"The password of the\ndatabase user."\n',
    'user,size,note\nbob,5" disk,"unclosed\n',
    // Markdown
    '| note | password |\n|---|---|\n| a \\| b | ${PW} |\n',
    '| option | description |\n|---|---|\n| `--password` | The password \\| or a file. |\n',
    '| user | password |\n|---|---|\n| bob | <your password> |\n',
    // rst grid
    '+------+------------+\n| user | password   |\n+======+============+\n| bob  | $PW        |\n+------+------------+\n',
    '+----------+--------------------+\n| Option   | Description        |\n+==========+====================+\n| password | The user password. |\n+----------+--------------------+\n',
    // rst simple
    '====  ==========\nuser  password\n====  ==========\nbob   $PW\nann   ${PW}\neve\n====  ==========\n',
    '==========  ==============================\nSetting     Meaning\n==========  ==============================\npassword    The password of the user.\ntoken       The API token.\n==========  ==============================\n',
    '=====  =====\nA      B\n=====  =====\nFalse  False\nTrue   False\n=====  =====\n',
    'Title\n=====\n\nSome text = more text.\n',
    // continued lines
    'db.password=\\\n  ${DB_PASSWORD}\n',
    'db.password=\\\n  $DB_PASSWORD\n',
    'db.url=jdbc:postgresql://db/app?\\\n  sslmode=require\n',
    'docker run \\\n  -e DB_PASSWORD=$PW \\\n  -e TOKEN="${TOKEN}" \\\n  app:1.0\n',
    'token = \\\n    os.environ["TOKEN"]\n',
    'password = \\\n    get_password()\n',
    'app.password.hint=Use at least twelve \\\n  characters.\n',
    'db.password The database \\\n  password.\n',
    'helm install x \\\n  --set auth.password=$PW \\\n  chart\n',
  ]);
});

// `npm run bench` times the same texts at 1 MB.
describe('48a-5, 48a-6: hostile near-misses stay cheap', () => {
  test.each(hostile.tables50(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
