import { secretsInData } from '../src/core/secrets';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Passwords set by SQL statements (found while fixing 46a-11, never read before): PostgreSQL `CREATE|ALTER USER|ROLE …
 * PASSWORD '…'`, MySQL `IDENTIFIED BY '…'` and `SET PASSWORD … = '…'`, SQL Server `CREATE LOGIN … WITH PASSWORD = '…'`,
 * Oracle `IDENTIFIED BY pw`; a value that refers (psql's `:'var'`, `${PW}`, `$1`, `%s`, a bind), NULL or a
 * placeholder sets none (sql-passwords.ts).
 */
const S = 'Zq8vTr4pLm';
const { acceptedTable } = falseRefusalTables(S);

refusedTextRows([
  ['PostgreSQL ALTER USER … PASSWORD', `ALTER USER app PASSWORD '${S}';`, S],
  ['PostgreSQL CREATE ROLE … WITH LOGIN PASSWORD', `CREATE ROLE app WITH LOGIN PASSWORD '${S}';`, S],
  ['PostgreSQL in a psql here-doc', `psql <<SQL\nALTER USER app WITH ENCRYPTED PASSWORD '${S}';\nSQL\n`, S],
  ['PostgreSQL in psql -c', `psql -c "ALTER USER app PASSWORD '${S}'"`, S],
  ['MySQL CREATE USER … IDENTIFIED BY', `CREATE USER 'app'@'%' IDENTIFIED BY '${S}';`, S],
  ['MySQL IDENTIFIED WITH a plugin BY', `ALTER USER 'app'@'%' IDENTIFIED WITH caching_sha2_password BY '${S}';`, S],
  ['MySQL SET PASSWORD FOR … =', `SET PASSWORD FOR 'app'@'%' = '${S}';`, S],
  ['SQL Server CREATE LOGIN … WITH PASSWORD =', `CREATE LOGIN app WITH PASSWORD = '${S}';`, S],
  ['Oracle IDENTIFIED BY an unquoted password', `CREATE USER scott IDENTIFIED BY ${S};`, S],
]);

describe('what sets no password stays accepted', () => {
  acceptedTable([
    "psql -v newpw=\"$NEWPW\" <<'SQL'\nALTER USER app WITH PASSWORD :'newpw';\nSQL\n",
    'ALTER USER app WITH PASSWORD :newpw;',
    'ALTER USER app PASSWORD NULL;',
    "ALTER USER app PASSWORD '${PW}';",
    'ALTER USER app PASSWORD $1',
    'cur.execute("ALTER USER app PASSWORD %s", (pw,))',
    "CREATE USER x IDENTIFIED BY '<password>'",
    'CREATE USER x IDENTIFIED EXTERNALLY',
    'Set a strong password for the user, then ALTER USER it.',
  ]);
});

// Timed in `npm run bench` (hostile input); the generous timeout fails only a hang.
test('a 1 MB line of statements without a password is judged', () => {
  expect(secretsInData({ d: "CREATE USER x PASSWORD '' ".repeat(40_000) })).toEqual([]);
}, 60_000);
