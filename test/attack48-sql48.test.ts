import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-47 findings 47a-1 (SQL statements read as tokens: over several lines, comments between words, every
 * PostgreSQL string form, dynamic SQL, T-SQL procedures, SQL*Plus and DB2 logons, psql's `\set` fed to `:'var'`),
 * 47a-2 (references and prose that set no password) and 47a-10 (a password's hash is not the password: SQL Server's
 * `0x… HASHED` accepted like Oracle's `IDENTIFIED BY VALUES`). sql-passwords.ts, sql-tokens.ts, sql-references.ts.
 */
const S = 'Zq9xW3vLp7Rt';
const { acceptedTable } = falseRefusalTables(S);

refusedTextRows([
  ['PostgreSQL PASSWORD on its own line', `CREATE ROLE app WITH\n  LOGIN\n  NOSUPERUSER\n  PASSWORD '${S}';`, S],
  ['a line break before the literal', `ALTER ROLE app WITH PASSWORD\n'${S}';`, S],
  ['MySQL over two lines', `CREATE USER 'app'@'%'\n  IDENTIFIED BY '${S}';`, S],
  ['SQL Server over lines', `CREATE LOGIN app\nWITH PASSWORD =\n'${S}';`, S],
  ['Oracle over lines, unquoted', `CREATE USER app\n  IDENTIFIED BY\n  ${S};`, S],
  ['PostgreSQL dollar quoting', `CREATE ROLE app LOGIN PASSWORD $$${S}$$;`, S],
  ['PostgreSQL tagged dollar quoting', `ALTER ROLE app PASSWORD $pw$${S}$pw$;`, S],
  ["PostgreSQL E'…'", `CREATE ROLE app LOGIN PASSWORD E'${S}';`, S],
  ["PostgreSQL U&'…'", `ALTER ROLE app PASSWORD U&'${S}';`, S],
  ['block comments between words', `CREATE ROLE app /* x */ PASSWORD /* y */ '${S}';`, S],
  ['a line comment between words', `ALTER ROLE app PASSWORD -- set it\n '${S}';`, S],
  ['MySQL versioned comment', `CREATE USER app IDENTIFIED /*!80000 WITH caching_sha2_password */ BY '${S}';`, S],
  ['DO block, EXECUTE format(… %L, literal)', `DO $$ BEGIN EXECUTE format('ALTER ROLE app PASSWORD %L', '${S}'); END $$;`, S],
  ['EXECUTE of a string statement', `DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ''${S}'''; END $$;`, S],
  ['T-SQL sp_addlogin', `EXEC sp_addlogin 'app', '${S}';`, S],
  ['T-SQL sp_addlogin with named arguments', `EXEC sp_addlogin @loginame = 'app', @passwd = '${S}';`, S],
  ['T-SQL sp_password', `EXEC sp_password NULL, '${S}', 'sa';`, S],
  ['SQL*Plus CONNECT u/pw@db', `CONNECT app/${S}@orcl`, S],
  ['Oracle database link', `CREATE DATABASE LINK l CONNECT TO app IDENTIFIED BY ${S} USING 'orcl';`, S],
  ["psql \\set then :'pw'", `\\set pw '${S}'\nALTER ROLE app PASSWORD :'pw';`, S],
  ['DB2 CONNECT TO … USER … USING', `CONNECT TO sample USER app USING ${S};`, S],
  ['MySQL SET PASSWORD over lines', `SET PASSWORD FOR 'app'@'%'\n  = '${S}';`, S],
  ['SQL*Plus CONNECT with a quoted password', `CONNECT app/"${S}"@orcl`, S],
  ['Oracle EXECUTE IMMEDIATE of a string', `EXECUTE IMMEDIATE 'ALTER USER x IDENTIFIED BY ${S}';`, S],
  ["T-SQL EXEC('…''pw''')", `EXEC('CREATE LOGIN x WITH PASSWORD = ''${S}''')`, S],
  ['PostgreSQL user mapping over lines', `CREATE USER MAPPING FOR app SERVER s\n  OPTIONS (user 'u', password '${S}');`, S],
]);

describe('what sets no password stays accepted', () => {
  acceptedTable([
    'CREATE LOGIN app WITH PASSWORD = @pw;',
    "DECLARE @sql nvarchar(max) = N'CREATE LOGIN app WITH PASSWORD = ' + QUOTENAME(@pw, '''');",
    'ALTER USER app IDENTIFIED BY "&&new_password";',
    'ALTER USER app IDENTIFIED BY &pw;',
    'Run ALTER USER to change the password, then IDENTIFIED BY clauses are ignored.',
    'conn.execute(text("ALTER ROLE app PASSWORD :pw"), {"pw": os.environ["PW"]})',
    'CREATE LOGIN app WITH PASSWORD = 0x0200A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6E7F8 HASHED;',
    "ALTER USER app IDENTIFIED BY VALUES 'S:8F2A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D7E';",
    "CREATE USER app IDENTIFIED WITH mysql_native_password AS '*6C8989366EAF75BB670AD8EA7A7FC1176A95CEF4';",
    "DO $$ BEGIN EXECUTE format('ALTER ROLE app PASSWORD %L', current_setting('app.pw')); END $$;",
    "\\set pw `cat /run/secrets/pw`\nALTER ROLE app PASSWORD :'pw';",
    'CONNECT / AS SYSDBA',
    'for f in *; do echo $$; done\nALTER ROLE app PASSWORD :pw;',
    'CREATE ROLE app WITH\n  LOGIN\n  PASSWORD NULL;',
    'Do not give the password to anyone; connect to the database with the client.',
    "Execute the script, then set the user's password.",
  ]);
});

describe('47a-1: hostile SQL near-misses stay cheap', () => {
  test.each(hostile.sqlStatements48(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
