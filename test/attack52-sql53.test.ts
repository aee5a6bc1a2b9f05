import * as hostile from '../scripts/hostile-inputs';
import { redact } from '../src/core/secret-shapes';
import { secretShape, secretsInData } from '../src/core/secrets';
import { SQL_SECRET_VALUE } from '../src/core/sql-values';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-51 finding 51a-6: SQL that still wrote a password literal. An INSERT's table named in quoted parts
 * (`[dbo].[Users]`, `` `app`.`users` ``), T-SQL's `TOP (1)` and `WITH (TABLOCK)`, MySQL's `PARTITION (p0)`, Oracle's
 * `INSERT ALL`, a CTE's column list, a derived table's (sql-derived-values.ts), and an INSERT after a line of prose that says `insert` or `with` (sql-values.ts,
 * read through sql-reads.ts); a literal aliased to a secret's name (`SELECT '…' AS password`, MERGE's `USING (SELECT
 * …)`: sql-aliases.ts); `COPY … FROM stdin` rows (sql-copy.ts).
 */
const S = 'Zq9xWvT7pLm2';
const { acceptedTable } = falseRefusalTables(S);

describe('51a-6: SQL shapes that write a password literal', () => {
  refusedTextRows([
    ['an INSERT into [dbo].[Users]', `INSERT INTO [dbo].[Users] (Name, Password) VALUES ('bob', '${S}');`, S],
    ['an INSERT into `app`.`users`', `INSERT INTO \`app\`.\`users\` (name, password) VALUES ('bob', '${S}');`, S],
    ['a T-SQL INSERT TOP (1)', `INSERT TOP (1) INTO Users (Name, Password) VALUES ('bob', '${S}');`, S],
    ['a MySQL PARTITION before the columns', `INSERT INTO users PARTITION (p0) (name, password) VALUES ('bob', '${S}');`, S],
    ['a T-SQL table hint before the columns', `INSERT INTO t WITH (TABLOCK) (name, password) VALUES ('bob', '${S}');`, S],
    [
      "Oracle's INSERT ALL, the secret in its second table",
      `INSERT ALL INTO users (name, password) VALUES ('a', NULL) INTO users (name, password) VALUES ('bob', '${S}') SELECT * FROM dual;`,
      S,
    ],
    ['an INSERT after a line of prose', `Insert a row:\nINSERT INTO users (name, password) VALUES ('bob', '${S}');`, S],
    [
      'an INSERT after prose that says insert',
      `Insert it with care, then run INSERT INTO users (name, password) VALUES ('bob', '${S}');`,
      S,
    ],
    ['a literal aliased AS password', `SELECT '${S}' AS password;`, S],
    ['a literal aliased without AS', `SELECT 'bob' name, '${S}' password FROM dual;`, S],
    ['a T-SQL alias = literal', `SELECT password = '${S}';`, S],
    ['a literal aliased AS [Password]', `SELECT 1 AS id, '${S}' AS [Password];`, S],
    ['a CTE of VALUES', `WITH creds(name, password) AS (VALUES ('bob', '${S}')) SELECT * FROM creds;`, S],
    ['a recursive CTE of a SELECT', `WITH RECURSIVE creds (name, password) AS (SELECT 'bob', '${S}') SELECT * FROM creds;`, S],
    [
      "MERGE's USING (SELECT … AS password)",
      `MERGE INTO users u USING (SELECT 'bob' AS name, '${S}' AS password) s ON (u.name = s.name) WHEN NOT MATCHED THEN INSERT (name, password) VALUES (s.name, s.password);`,
      S,
    ],
    ['a T-SQL SELECT TOP 1 literal aliased', `SELECT TOP 1 '${S}' AS password;`, S],
    ['a CTE after another CTE', `WITH a AS (SELECT 1), creds(name, password) AS (VALUES ('bob', '${S}')) SELECT * FROM creds;`, S],
    ["MySQL's INSERT … SET", `INSERT INTO users SET name = 'bob', password = '${S}';`, S],
    ['an INSERT … SELECT … UNION ALL SELECT', `INSERT INTO users (name, password) SELECT 'a', NULL UNION ALL SELECT 'bob', '${S}';`, S],
    ['a derived table named after its rows', `SELECT * FROM (VALUES ('bob', '${S}')) AS t(name, password);`, S],
    [
      'a joined derived table with quoted names',
      `SELECT * FROM users u JOIN (VALUES ('a', NULL), ('bob', N'${S}')) v ([name], [password]) ON u.name = v.name;`,
      S,
    ],
    ['COPY rows from stdin', `COPY users (name, password) FROM stdin;\nalice\t\\N\nbob\t${S}\n\\.`, S],
    ['COPY rows in CSV', `COPY public.users (id, name, "password") FROM stdin WITH (FORMAT csv);\n1,bob,${S}\n\\.`, S],
  ]);
});

describe('references, hashes, other names and prose stay accepted', () => {
  acceptedTable([
    'INSERT TOP (1) INTO Users (Name, Password) VALUES (@n, @p);',
    'INSERT INTO [dbo].[Users] (Name, Password) VALUES (:n, :p);',
    'INSERT INTO `app`.`users` (name, password) VALUES (?, ?);',
    'INSERT INTO users PARTITION (p0) (name, password) VALUES ($1, $2);',
    "INSERT INTO [dbo].[Users] (Name, Password) VALUES ('bob', '$2b$12$abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij');",
    'WITH creds(name, password) AS (VALUES ($1, $2)) SELECT * FROM creds;',
    "WITH creds(name, password) AS (VALUES ('bob', NULL)) SELECT * FROM creds;",
    'SELECT :pw AS password;',
    'SELECT ? AS password, $1 AS token;',
    'SELECT @p AS password;',
    'SELECT NULL AS password;',
    "SELECT 'md5a3556571e93b0d20722ba62be61e8c2d' AS password;",
    "SELECT '$2b$12$abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij' AS password;",
    "SELECT '${DB_PASSWORD}' AS password;",
    "SELECT 'bob' AS name, '' AS password;",
    'SELECT s.password AS password FROM s;',
    "SELECT 'password' AS label, name FROM users;",
    "SELECT '2024-01-01' AS password_changed_at;",
    'MERGE INTO users u USING (SELECT :name AS name, :pw AS password) s ON (u.name = s.name);',
    "INSERT INTO users (name, password) SELECT 'a', NULL UNION ALL SELECT 'b', :p;",
    'SELECT TOP 1 NULL AS password;',
    "SELECT * FROM (VALUES ('bob', $1), ('c', '$2b$12$abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij')) AS t(name, password);",
    "SELECT * FROM (VALUES ('bob', 'Zx9Qw7Lp3VbD3')) AS t(name, email);",
    "WITH a AS (SELECT 1), creds(name, password) AS (VALUES ('bob', $1)) SELECT * FROM creds;",
    'COPY users (name, password) FROM stdin;\nbob\t$2b$12$abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij\ncarol\t\\N\n\\.',
    'COPY users (name, email) FROM stdin;\nbob\tbob@example.com\n\\.',
    'Select the rows with care, then insert them into the table (name, password) as shown.',
    "Select a password, e.g. 'hunter' as password for testing.",
    'With a password manager (name, password) values are kept safe.',
  ]);
});

test('the message that names these values is the SQL data one', () => {
  expect(secretShape(`SELECT '${S}' AS password;`)).toBe(SQL_SECRET_VALUE);
  expect(secretShape(`COPY users (name, password) FROM stdin;\nbob\t${S}\n\\.`)).toBe(SQL_SECRET_VALUE);
  expect(redact(`COPY users (name, password) FROM stdin;\nbob\t${S}\n\\.`)).toBe(
    'COPY users (name, password) FROM stdin;\nbob\t<redacted>\n\\.',
  );
});

test('a SELECT list and an INSERT longer than a window are read to their secret', () => {
  const items = Array.from({ length: 3000 }, (_, i) => `'a${i}' AS c${i}`).join(', ');
  expect(secretShape(`SELECT ${items}, '${S}' AS password FROM dual;`)).toBe(SQL_SECRET_VALUE);
  const rows = Array.from({ length: 3000 }, (_, i) => `('u${i}', NULL)`).join(', ');
  expect(secretShape(`INSERT INTO [dbo].[Users] (Name, Password) VALUES ${rows}, ('bob', '${S}');`)).toBe(SQL_SECRET_VALUE);
});

describe('51a-6: hostile near-misses stay cheap', () => {
  test.each(hostile.sqlForms53(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
