import { isPlaceholder } from './placeholders';
import { isReference } from './secrets-text';

/**
 * Oracle's JDBC URLs put the logon after the driver type, no `//`: `jdbc:oracle:thin:[user/password]@database`
 * (docs.oracle.com JDBC Developer's Guide, "Database URLs and Database Specifiers"; also `oci`, `kprb`). 48a-10: the
 * `user/password@` form, a secret-shapes.ts shape (the whole match redacted); the usual `jdbc:oracle:thin:@host…`
 * names no user and holds none (read before as a scheme-less `word:rest@` with `oracle:thin:` its "password"). 49a-6: a
 * password in double quotes (`bob/"p@ss"@db`, the JDBC guide's form for one with special characters; no `@` or blank here).
 */
export const ORACLE_JDBC_LOGON = /\bjdbc:oracle:\w{1,16}:[^\s/@:"'`]{1,128}\/(?:"[^\s"]{1,1024}"|[^\s@"'`]{1,1024})@/gi;

/** Whether an ORACLE_JDBC_LOGON match holds a password, not a reference or placeholder (`${DB_PASSWORD}`, `<pw>`). */
export function holdsOracleLogon(match: string): boolean {
  const password = match.slice(match.indexOf('/') + 1, -1).replace(/^"(.*)"$/s, '$1');
  return !!password && !isReference(password) && !isPlaceholder(password);
}

/** A URL_CREDENTIALS match that is only an Oracle JDBC URL's head, `jdbc:oracle:thin:@`: no user, no password. */
export const isOracleUrlHead = (match: string): boolean => /^jdbc:oracle:\w+:@$/i.test(match);
