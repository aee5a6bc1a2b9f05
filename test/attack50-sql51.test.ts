import * as hostile from '../scripts/hostile-inputs';
import { redact } from '../src/core/secret-shapes';
import { secretsInData } from '../src/core/secrets';
import { SQL_SECRET_VARIABLE } from '../src/core/sql-secret-variables';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-49 findings 49a-2 (an SQL variable named like a secret set to a literal, whatever the assignment form:
 * sql-secret-variables.ts) and 49a-3 (a literal that reaches a password place through a variable, a statement's text
 * built by SET/SELECT, CHAR(39) joins, format() arguments quoted by a function, `{Encrypt N '…'}`, a ClickHouse
 * `*_hash` plugin given plain text: sql-variables.ts, sql-heads.ts, sql-concatenations.ts, sql-passwords.ts).
 */
const S = 'Zq9xWvT7pLm2';
const { acceptedTable } = falseRefusalTables(S);

describe('49a-2, 49a-3: SQL literals that reach a secret', () => {
  refusedTextRows([
    // 49a-2: secret-named variables
    ['a T-SQL @password declared', `DECLARE @password nvarchar(50) = N'${S}';`, S],
    ['a T-SQL @db_password declared', `DECLARE @db_password NVARCHAR(128) = '${S}';`, S],
    ['a T-SQL @Password without a semicolon', `DECLARE @Password VARCHAR(100) = '${S}'`, S],
    ['a T-SQL @secret', `DECLARE @secret nvarchar(50) = N'${S}';`, S],
    ['a T-SQL @token of MAX', `DECLARE @token NVARCHAR(MAX) = N'${S}abcdefghij';`, S],
    ['a PL/SQL v_password', `DECLARE v_password VARCHAR2(30) := '${S}';`, S],
    ['a PL/SQL CONSTANT', `DECLARE\n  l_password CONSTANT VARCHAR2(30) := '${S}';`, S],
    ["MySQL's SET @db_password :=", `SET @db_password := '${S}';`, S],
    ["MySQL's SET @password :=", `SET @password := '${S}';`, S],
    ["MySQL's SELECT @password :=", `SELECT @password := '${S}';`, S],
    ["psql's \\set password", `\\set password '${S}'`, S],
    // 49a-3: dynamic SQL and variables
    [
      'SET @sql with QUOTENAME(N…), then EXEC',
      `SET @sql = N'CREATE LOGIN bob WITH PASSWORD = ' + QUOTENAME(N'${S}', '''');\nEXEC(@sql);`,
      S,
    ],
    ['SET @sql with QUOTENAME', `SET @sql = 'CREATE LOGIN bob WITH PASSWORD = ' + QUOTENAME('${S}', '''');`, S],
    ["QUOTENAME with N''''", `SET @sql = 'CREATE LOGIN bob WITH PASSWORD = ' + QUOTENAME('${S}', N'''');`, S],
    ['QUOTENAME with CHAR(39)', `SET @sql = 'CREATE LOGIN bob WITH PASSWORD = ' + QUOTENAME('${S}', CHAR(39));`, S],
    ['CHAR(39) joins', `SET @sql = 'CREATE LOGIN bob WITH PASSWORD = ' + CHAR(39) + '${S}' + CHAR(39);`, S],
    ['a SELECT joining quotes', `SELECT 'ALTER ROLE bob PASSWORD ' || '''' || '${S}' || '''';`, S],
    ['format %s with quote_literal', `EXECUTE format('ALTER ROLE bob PASSWORD %s', quote_literal('${S}'));`, S],
    ["format ''%s''", `EXECUTE format('ALTER ROLE bob PASSWORD ''%s''', '${S}');`, S],
    ["format %I then ''%s''", `EXECUTE format('ALTER ROLE %I PASSWORD ''%s''', 'bob', '${S}');`, S],
    [
      'a DO block variable given to format %L',
      `DO $$\nDECLARE r text := '${S}';\nBEGIN\n  EXECUTE format('ALTER ROLE bob PASSWORD %L', r);\nEND $$;`,
      S,
    ],
    [
      'a PL/SQL variable joined to IDENTIFIED BY',
      `DECLARE v_x VARCHAR2(30) := '${S}';\nBEGIN\n  EXECUTE IMMEDIATE 'ALTER USER bob IDENTIFIED BY ' || v_x;\nEND;`,
      S,
    ],
    ['a T-SQL variable given to sp_addlogin by position', `DECLARE @p sysname = N'${S}';\nEXEC sp_addlogin 'bob', @p;`, S],
    [
      'a T-SQL variable in QUOTENAME',
      `DECLARE @s nvarchar(50) = N'${S}';\nEXEC('ALTER LOGIN bob WITH PASSWORD = ' + QUOTENAME(@s, ''''));`,
      S,
    ],
    ["MySQL's := variable to IDENTIFIED BY", `SET @x := '${S}';\nCREATE USER bob IDENTIFIED BY @x;`, S],
    ["{Encrypt N '…'} with a blank", `EXEC sp_setapprole 'app', {Encrypt N '${S}'}, 'odbc';`, S],
    // whatever statement builds the text: SELECT @sql =, DECLARE @sql … =, v_sql :=, CONCAT(…)
    ['SELECT @sql = … + QUOTENAME', `SELECT @sql = N'CREATE LOGIN bob WITH PASSWORD = ' + QUOTENAME(N'${S}', '''');`, S],
    ['DECLARE @sql … = … + QUOTENAME', `DECLARE @sql nvarchar(max) = N'CREATE LOGIN bob WITH PASSWORD = ' + QUOTENAME(N'${S}', '''');`, S],
    ['a PL/SQL v_sql := … || literal', `v_sql := 'ALTER USER bob IDENTIFIED BY ' || '${S}';`, S],
    ["MySQL's CONCAT then PREPARE", `SET @sql = CONCAT('CREATE USER bob IDENTIFIED BY ''', '${S}', '''');\nPREPARE s FROM @sql;`, S],
    ['a SELECT CONCAT', `SELECT CONCAT('ALTER USER bob IDENTIFIED BY ', '${S}');`, S],
    ['chr(39) joins', `EXECUTE 'ALTER ROLE bob PASSWORD ' || chr(39) || '${S}' || chr(39);`, S],
    [
      'a PL/pgSQL variable in quote_literal',
      `DO $$ DECLARE v text := '${S}'; BEGIN EXECUTE 'ALTER ROLE bob PASSWORD ' || quote_literal(v); END $$;`,
      S,
    ],
    ['ClickHouse sha256_hash given plain text', `CREATE USER bob IDENTIFIED WITH sha256_hash BY '${S}';`, S],
  ]);
});

describe('binds, references, hashes, %I and variables set from functions set none', () => {
  acceptedTable([
    "EXECUTE format('ALTER ROLE %I PASSWORD %L', r, pw);",
    "DO $$ DECLARE pw text := current_setting('app.pw'); BEGIN EXECUTE format('ALTER ROLE bob PASSWORD %L', pw); END $$;",
    "DO $$ DECLARE r text := 'bob'; BEGIN EXECUTE format('ALTER ROLE %I NOLOGIN', r); END $$;",
    "DECLARE @password nvarchar(50) = N'$(DB_PASSWORD)';",
    "DECLARE @password nvarchar(50) = N'<password>';",
    "DECLARE @password_policy nvarchar(20) = N'strict';",
    'DECLARE @token_count int = 5;',
    "SET @password := '';",
    "SET @sql = N'CREATE LOGIN bob WITH PASSWORD = ' + QUOTENAME(@pw, '''');\nEXEC(@sql);",
    "SET @sql = 'SELECT name FROM sys.sql_logins';",
    "SELECT 'ALTER ROLE bob PASSWORD ' || quote_literal(pw) FROM t;",
    "SELECT 'hello' AS greeting;",
    "SELECT 'Change your password ' || 'today';",
    "SET @m = 'Your password ' + 'expired';",
    "SELECT CONCAT('Your password ', 'expired');",
    "SET @sql = CONCAT('ALTER USER bob IDENTIFIED BY ', @pw);",
    "v_sql := 'ALTER USER bob IDENTIFIED BY ' || p_pw;",
    '\\set password `cat /run/secrets/pw`',
    "\\set user 'bob'",
    "CREATE USER bob IDENTIFIED WITH sha256_hash BY '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8';",
    "EXEC sp_addlogin 'bob', @p;",
    "v_name := 'bob';",
    "EXECUTE IMMEDIATE 'ALTER USER bob IDENTIFIED BY ' || :new_pw;",
    "DECLARE v_x VARCHAR2(30) := 'bob';\nBEGIN\n  EXECUTE IMMEDIATE 'ALTER USER ' || v_x || ' ACCOUNT LOCK';\nEND;",
  ]);
});

test('the message that names a secret-named variable reads as no secret (so it is not redacted)', () => {
  expect(redact(SQL_SECRET_VARIABLE)).toBe(SQL_SECRET_VARIABLE);
});

describe('49a-2, 49a-3: hostile near-misses stay cheap', () => {
  test.each(hostile.sqlForms51(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
