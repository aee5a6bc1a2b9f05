/**
 * Password hashes an SQL statement may set instead of a password (48a-14), accepted as the other hashes are (Oracle's
 * `IDENTIFIED BY VALUES`, MySQL's `AS '…'`, SQL Server's `0x… HASHED`): a hash logs no one in.
 * - PostgreSQL stores a `PASSWORD` already encrypted as given (postgresql.org/docs/current/sql-createrole.html;
 *   src/backend/libpq/crypt.c `get_password_type`): `md5` and 32 lower-case hex digits, or a SCRAM verifier
 *   `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` (base64), as pg_dumpall writes them.
 * - ClickHouse `IDENTIFIED WITH sha256_hash|double_sha1_hash|bcrypt_hash BY '…'` takes a hash
 *   (clickhouse.com/docs/en/sql-reference/statements/create/user): a plugin whose name ends in `_hash`.
 */
const POSTGRES_HASH =
  /^(?:md5[0-9a-f]{32}|SCRAM-SHA-256\$\d{1,10}:[A-Za-z0-9+/]{1,200}={0,2}\$[A-Za-z0-9+/]{1,200}={0,2}:[A-Za-z0-9+/]{1,200}={0,2})$/;

/** Whether `value`, set by a `PASSWORD` clause, is a PostgreSQL password hash. */
export const isPostgresHash = (value: string): boolean => POSTGRES_HASH.test(value);

/** Whether `plugin` (the word after `IDENTIFIED WITH`, upper-cased) takes a hash after `BY`. */
export const takesHash = (plugin: string | undefined): boolean => plugin !== undefined && /^\w+_HASH$/.test(plugin);
