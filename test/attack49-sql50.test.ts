import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-48 findings 48a-9 (more SQL forms that set a password: a T-SQL variable set to a literal, a dynamic statement
 * joined on with quote_literal, SQL Server's password procedures; sql-variables.ts, sql-concatenations.ts,
 * sql-procedures.ts), 48a-10 (client password forms: Oracle's JDBC `user/password@`, bcp/isql -P, unixODBC isql's
 * `DSN user password`, mysql's option prefixes, HTTPie's -a; oracle-urls.ts, command-rules.ts, client-logon-words.ts),
 * and the false refusals 48a-14 (PostgreSQL and ClickHouse password hashes; sql-hashes.ts) and 48a-15 (`format('… %L',
 * var)` with a PL/pgSQL variable).
 */
const S = 'Zq7mWx9Lp2';
const { acceptedTable } = falseRefusalTables(S);

// One table of each kind for the file: the text doors are judged once per table.

describe('48a-9, 48a-10: SQL and client forms that set a password', () => {
  refusedTextRows([
    // 48a-9: T-SQL variables, dynamic statements joined on, SQL Server's password procedures
    ['a T-SQL variable declared to a literal', `DECLARE @pw NVARCHAR(50) = N'${S}';\nCREATE LOGIN bob WITH PASSWORD = @pw;`, S],
    ['a T-SQL variable SET to a literal', `SET @pw = '${S}';\nALTER LOGIN bob WITH PASSWORD = @pw;`, S],
    [
      'the second variable of a DECLARE',
      `DECLARE @u sysname = N'bob', @pw nvarchar(128) = N'${S}';\nCREATE LOGIN bob WITH PASSWORD = @pw, CHECK_POLICY = ON;`,
      S,
    ],
    ['EXECUTE joined with quote_literal', `DO $$ BEGIN EXECUTE 'ALTER ROLE bob PASSWORD ' || quote_literal('${S}'); END $$;`, S],
    ['EXECUTE joined with quoted literals', `EXECUTE 'ALTER ROLE bob PASSWORD ''' || '${S}' || '''';`, S],
    ['EXEC joined with QUOTENAME', `EXEC(N'ALTER LOGIN bob WITH PASSWORD = ' + QUOTENAME(N'${S}', ''''));`, S],
    ['sp_setapprole', `EXEC sp_setapprole 'app', N'${S}';`, S],
    ["sp_setapprole's {Encrypt N'…'}", `EXEC sp_setapprole 'app', {Encrypt N'${S}'}, 'odbc';`, S],
    ['sp_addapprole', `EXEC sp_addapprole 'app', '${S}';`, S],
    ['sp_addapprole without EXEC', `sp_addapprole 'app', '${S}'`, S],
    ['sp_approlepassword', `EXEC sp_approlepassword 'app', '${S}';`, S],
    ['sp_addlinkedsrvlogin', `EXEC sp_addlinkedsrvlogin 'srv', 'false', NULL, 'r', '${S}';`, S],
    ['sp_change_users_login', `EXEC sp_change_users_login 'Auto_Fix', 'bob', NULL, '${S}';`, S],
    ['control: a password plugin, not a hash one', `CREATE USER bob IDENTIFIED WITH sha256_password BY '${S}';`, S],
    ['control: md5 then no hash', `ALTER ROLE bob PASSWORD 'md5${S}';`, S],
    // 48a-10: client password forms
    ["Oracle's thin JDBC URL", `jdbc:oracle:thin:bob/${S}@db:1521/orcl`, S],
    ["Oracle's OCI JDBC URL", `jdbc:oracle:oci:bob/${S}@orcl`, S],
    ['a JDBC URL in a property', `spring.datasource.url=jdbc:oracle:thin:scott/${S}@//db:1521/ORCLPDB1`, S],
    ['bcp -P', `bcp dbo.t out t.dat -S db -U sa -P ${S} -c`, S],
    ['bcp -P glued', `bcp dbo.t in t.dat -S db -U sa -P${S} -c`, S],
    ['isql DSN user password', `isql -v MyDSN bob ${S}`, S],
    ['mysql --passwo=', `mysql -u root --passwo=${S}`, S],
    ['mysqldump --passw=', `mysqldump --passw=${S} db`, S],
    ['mariadb --password1=', `mariadb --password1=${S}`, S],
    ['HTTPie -a user:password', `http -a bob:${S} https://x`, S],
    ['HTTPie --auth=user:password', `https --auth=bob:${S} GET https://x`, S],
    ['HTTPie -A bearer -a token', `http -A bearer -a ${S}abcdef https://x`, S],
    ['HTTPie --auth-type=bearer --auth token', `http --auth-type=bearer --auth ${S}abcdef https://x`, S],
  ]);
});

describe('references, binds, hashes and ordinary text set none', () => {
  acceptedTable([
    // 48a-9's controls
    `DECLARE @pw NVARCHAR(128) = N'$(DB_PASSWORD)';\nCREATE LOGIN bob WITH PASSWORD = @pw;`,
    `DECLARE @name sysname = N'bob';\nCREATE LOGIN bob WITH PASSWORD = @pw;`,
    "EXEC sp_setapprole @rolename = N'app', @password = @pw;",
    "EXEC sp_setapprole @rolename = 'app', @password = ?;",
    "EXEC sp_addlinkedsrvlogin 'srv', 'true';",
    "EXEC sp_addlinkedsrvlogin 'srv', 'false', NULL, 'r', NULL;",
    "EXECUTE 'ALTER ROLE bob PASSWORD ' || quote_literal(pw);",
    "EXECUTE 'ALTER ROLE bob PASSWORD ' || quote_literal($1);",
    "EXECUTE 'ALTER ROLE bob PASSWORD NULL';",
    'EXEC sp_helplogins;',
    "EXEC sp_addlogin @loginame = 'bob', @passwd = @pw;",
    // 48a-14, 48a-15: PostgreSQL and ClickHouse hashes, PL/pgSQL variables
    "ALTER ROLE bob PASSWORD 'SCRAM-SHA-256$4096:c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA==:c2VydmVyc2VydmVyc2VydmVy';",
    "CREATE ROLE bob LOGIN PASSWORD 'md5a3556571e93b0d20722ba62be61e8c2d';",
    "ALTER USER bob PASSWORD 'md5a3556571e93b0d20722ba62be61e8c2d' VALID UNTIL 'infinity';",
    "CREATE USER bob IDENTIFIED WITH sha256_hash BY '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8';",
    "CREATE USER bob IDENTIFIED WITH double_sha1_hash BY 'BB4837EB74329105EE4568DDA7DC67ED2CA2AD9B';",
    "CREATE USER bob IDENTIFIED WITH bcrypt_hash BY '$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW';",
    "DO $$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD %L', r, pw); END $$;",
    "CREATE FUNCTION setpw(p text) RETURNS void AS $$ BEGIN EXECUTE format('ALTER ROLE bob PASSWORD %L', p); END $$ LANGUAGE plpgsql;",
    // 48a-10's controls (and Oracle's JDBC URL without a logon)
    'jdbc:oracle:thin:@db:1521/orcl',
    'spring.datasource.url=jdbc:oracle:thin:@//db:1521/ORCLPDB1',
    'jdbc:oracle:thin:${DB_USER}/${DB_PASSWORD}@db:1521/orcl',
    'bcp dbo.t out t.dat -S db -T -c',
    'bcp dbo.t in t.dat -S db -U sa -P "$BCP_PASSWORD" -c',
    'isql -v MyDSN',
    'isql -v MyDSN bob',
    'isql MyDSN "$DB_USER" "$DB_PASSWORD"',
    'isql: the interactive SQL client',
    'mysql -u root --password',
    // MySQL's long form takes its value only after `=` (dev.mysql.com refman command-line-options.html): a database.
    'mysql -u root --passw appdb',
    'mysql -u root --passw="$PW"',
    'http -a bob https://x',
    'http -a bob:$PW https://x',
    'http -a bob:${PW} https://x',
    'http -A bearer -a "$TOKEN" https://x',
    'Use http -a user to be prompted for the password.',
    'curl -a http://example.com/x',
  ]);
});

describe('48a-9, 48a-10: hostile near-misses stay cheap', () => {
  test.each(hostile.sqlForms50(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
