import * as hostile from '../scripts/hostile-inputs';
import { redact } from '../src/core/secret-shapes';
import { secretShape, secretsInData } from '../src/core/secrets';
import { SQL_SECRET_VALUE } from '../src/core/sql-values';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-50 findings 50a-5 (an SQL variable named like a secret assigned after a keyword on its line, or named in
 * German, French or Spanish: sql-secret-variables.ts with table-column-names.ts's words; a literal in a password
 * column's place of an INSERT and the password or key a crypt function takes: sql-values.ts) and 50a-13's SQL part (a
 * variable set to another variable refers: sql-references.ts; a PL/SQL assignment is not described as make's).
 */
const S = 'Zq9xWvT7pLm2';
const { acceptedTable } = falseRefusalTables(S);

describe('50a-5: SQL literals that reach a secret', () => {
  refusedTextRows([
    ['an assignment after BEGIN', `BEGIN v_password := '${S}'; END;`, S],
    ['an assignment after THEN', `IF 1=1 THEN v_password := '${S}'; END IF;`, S],
    ['an assignment after ELSE BEGIN', `ELSE BEGIN l_token := '${S}'; END;`, S],
    ['a DO block assignment after BEGIN', `DO $$ DECLARE secret_key text; BEGIN secret_key := '${S}'; END $$;`, S],
    [
      'a variable set after BEGIN, joined to IDENTIFIED BY',
      `BEGIN v_x := '${S}'; EXECUTE IMMEDIATE 'ALTER USER bob IDENTIFIED BY ' || v_x; END;`,
      S,
    ],
    ['a T-SQL @Passwort', `SET @Passwort = '${S}';`, S],
    ['a MySQL @Kennwort :=', `SET @Kennwort := '${S}';`, S],
    ['a T-SQL @Passwort declared', `DECLARE @Passwort NVARCHAR(50) = '${S}';`, S],
    ['a T-SQL @mot_de_passe', `SET @mot_de_passe = '${S}';`, S],
    ['a T-SQL @contrasena', `SET @contrasena = '${S}';`, S],
    ['a PL/SQL v_kennwort', `v_kennwort VARCHAR2(30) := '${S}';`, S],
    ['an INSERT into a password column', `INSERT INTO users (name, password) VALUES ('bob', '${S}');`, S],
    ['an INSERT of several rows', `INSERT INTO users (name, password) VALUES ('a', '<password>'), ('bob', '${S}');`, S],
    ['an INSERT with quoted columns', `INSERT INTO users (\`name\`, \`password\`) VALUES ('bob', "${S}");`, S],
    ['an INSERT into a Kennwort column', `INSERT INTO benutzer ([Name], [Kennwort]) VALUES (N'bob', N'${S}');`, S],
    ['an INSERT IGNORE of an api_token', `INSERT IGNORE INTO clients (id, api_token) VALUES (1, '${S}');`, S],
    ['a MySQL VALUES ROW', `REPLACE INTO users (name, password) VALUES ROW('bob', '${S}');`, S],
    ['an INSERT … SELECT', `INSERT INTO users (name, password) SELECT 'bob', '${S}';`, S],
    ['an INSERT over lines', `INSERT INTO users (\n  name,\n  password\n)\nVALUES\n  ('bob', '${S}');`, S],
    ["pgcrypto's crypt with gen_salt", `SELECT crypt('${S}', gen_salt('bf'));`, S],
    ['crypt checking a stored hash', `SELECT id FROM users WHERE password = crypt('${S}', password);`, S],
    ['pgp_sym_encrypt', `SELECT pgp_sym_encrypt(data, '${S}') FROM t;`, S],
    ['pgp_sym_encrypt of data with a semicolon', `SELECT pgp_sym_encrypt('a;b', '${S}');`, S],
    ['pgp_sym_encrypt over lines', `SELECT pgp_sym_encrypt(\n  data,\n  '${S}'\n);`, S],
    ['crypt of a dollar-quoted literal', `SELECT crypt($$${S}$$, gen_salt('bf'));`, S],
    ['pgcrypto hmac', `SELECT hmac(data, '${S}', 'sha256');`, S],
    ['MySQL AES_ENCRYPT', `SELECT AES_ENCRYPT(ssn, '${S}') FROM people;`, S],
    ['T-SQL ENCRYPTBYPASSPHRASE', `SELECT ENCRYPTBYPASSPHRASE('${S}', card) FROM cards;`, S],
    ['crypt inside an INSERT', `INSERT INTO users (name, password) VALUES ('bob', crypt('${S}', gen_salt('bf')));`, S],
  ]);
});

describe('references, hashes, other columns and prose set none', () => {
  acceptedTable([
    // 50a-13: variables set to variables
    'SET @db_password = @input_password;',
    'v_password := p_password;',
    '  v_password := rec.password;',
    'DECLARE @db_password sysname = @p;',
    'SELECT @pw = @@SERVERNAME;',
    'SET @mot_de_passe = @p;',
    'BEGIN v_password := p_password; END;',
    "BEGIN v_name := 'bob'; END;",
    'IF x THEN v_password := NULL; END IF;',
    "BEGIN v_password := ''; END;",
    "DECLARE @Passwort NVARCHAR(50) = N'$(PW)';",
    // INSERTs
    'INSERT INTO users (name, password) VALUES ($1, $2);',
    'INSERT INTO users (name, password) VALUES (?, ?), (:n, :p);',
    "INSERT INTO users (name, password) VALUES ('bob', '${DB_PASSWORD}');",
    "INSERT INTO users (name, password) VALUES ('bob', '<redacted>');",
    "INSERT INTO users (name, password) VALUES ('bob', '$2b$12$abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij');",
    "INSERT INTO users (name, password) VALUES ('bob', '$6$rounds=5000$salt$hash');",
    "INSERT INTO users (name, password) VALUES ('bob', 'md5a3556571e93b0d20722ba62be61e8c2d');",
    "INSERT INTO users (name, password) VALUES ('bob', crypt(:pw, gen_salt('bf')));",
    "INSERT INTO users (id, name, password, active) VALUES (1, 'bob', NULL, true);",
    "INSERT INTO users (name, password_changed_at, password_expires) VALUES ('bob', '2024-01-01', 'never');",
    "INSERT INTO users (name, token_count) VALUES ('bob', '5');",
    "INSERT INTO t (password) VALUES ('');",
    "SELECT REPLACE(password, 'a', 'b') FROM t;",
    'Insert the (name, password) values in the form.',
    // crypt functions given references
    "SELECT crypt(:pw, gen_salt('bf'));",
    'SELECT * FROM users WHERE password = crypt($1, password);',
    "UPDATE users SET password = crypt(:pw, gen_salt('bf'));",
    "SELECT pgp_sym_decrypt(data, current_setting('app.key'));",
    "SELECT encode(digest('x', 'sha256'), 'hex');",
    "cipher.encrypt(data, 'utf-8')",
    "encrypt(data, 'aes')",
  ]);
});

test('50a-13: a PL/SQL assignment is described as an assignment, not as make', () => {
  const [found] = secretsInData({ data: { k: `v_password := ${S};` } });
  expect(found.what).toBe('a value set to a name like a secret by an assignment NAME := value;');
  expect(secretsInData({ data: { k: `PASSWORD := ${S}` } })[0].what).toBe('a value set to a name like a secret by make NAME := value');
});

test('the message that names an SQL value reads as no secret (so it is not redacted)', () => {
  expect(redact(SQL_SECRET_VALUE)).toBe(SQL_SECRET_VALUE);
});

test('an INSERT of thousands of rows is read to its last row, and a row across a window too', () => {
  const rows = Array.from({ length: 3000 }, (_, i) => `('u${i}', '$2b$12$abc')`).join(', ');
  const long = `INSERT INTO users (name, password) VALUES ${rows}, ('bob', '${S}');`;
  expect(secretShape(long)).toBe(SQL_SECRET_VALUE);
  expect(redact(long)).not.toContain(S);
  const head = 'INSERT INTO users (name, password) VALUES ';
  for (const pad of [16_370, 16_380, 16_390]) {
    const text = `${head}('${'a'.repeat(pad - head.length)}', NULL), ('bob', '${S}');`;
    expect(secretShape(text)).toBe(SQL_SECRET_VALUE);
  }
});

describe('50a-5: hostile near-misses stay cheap', () => {
  test.each(hostile.sqlForms52(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
