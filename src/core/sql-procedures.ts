import type { SqlToken } from './sql-tokens';

/**
 * SQL Server's system procedures that take a password (learn.microsoft.com sql/relational-databases/system-stored-procedures):
 * the password argument's position (from 0) and its name, for `EXEC sp_x 'a', 'pw'` and `EXEC sp_x @name = 'pw'`.
 * `sp_addlogin @loginame, @passwd`, `sp_password @old, @new`, `sp_addapprole @rolename, @password`, `sp_setapprole
 * @rolename, @password` (also `{Encrypt N'pw'}`, ODBC's encrypt function), `sp_approlepassword @rolename, @newpwd`,
 * `sp_addlinkedsrvlogin @rmtsrvname, @useself, @locallogin, @rmtuser, @rmtpassword`, `sp_change_users_login @Action,
 * @UserNamePattern, @LoginName, @Password` (48a-9).
 */
const PROCEDURES: ReadonlyMap<string, readonly [number, RegExp]> = new Map([
  ['SP_ADDLOGIN', [1, /^@passwd$/i]],
  ['SP_PASSWORD', [1, /^@new$/i]],
  ['SP_ADDAPPROLE', [1, /^@password$/i]],
  ['SP_SETAPPROLE', [1, /^@password$/i]],
  ['SP_APPROLEPASSWORD', [1, /^@newpwd$/i]],
  ['SP_ADDLINKEDSRVLOGIN', [4, /^@rmtpassword$/i]],
  ['SP_CHANGE_USERS_LOGIN', [3, /^@password$/i]],
]);

/** The procedures' names, for a regular expression (sql-passwords.ts's anchors and prefilter). */
export const PASSWORD_PROCEDURES = 'sp_(?:addlogin|password|addapprole|setapprole|approlepassword|addlinkedsrvlogin|change_users_login)';

/** Whether `upper` (a word, upper-cased) names one of the procedures. */
export const isPasswordProcedure = (upper: string): boolean => PROCEDURES.has(upper);

/** The password argument of a call of procedure `upper` whose arguments start at `from`: named (`@password = '…'`) or by position. */
export function procedurePassword(upper: string, tokens: SqlToken[], from: number): SqlToken | undefined {
  const procedure = PROCEDURES.get(upper);
  if (!procedure) return undefined;
  const [position, name] = procedure;
  const args: SqlToken[][] = [[]];
  for (let i = from; i < tokens.length && args.length < 8; i++) {
    if (tokens[i].value === ',' && tokens[i].kind === 'punct') args.push([]);
    else args[args.length - 1].push(tokens[i]);
  }
  const named = args.find((arg) => arg.length >= 3 && name.test(arg[0].value) && arg[1].value === '=');
  return single(named ? named.slice(2) : args[position]);
}

/** An argument's one token, or the string of ODBC's `{Encrypt N'…'}`. */
function single(arg: SqlToken[] | undefined): SqlToken | undefined {
  if (arg?.length === 1) return arg[0];
  if (arg?.length === 4 && arg[0].value === '{' && arg[1].upper === 'ENCRYPT' && arg[3].value === '}') return arg[2];
  // `{Encrypt N 'pw'}`: a blank after N (49a-3)
  if (arg?.length === 5 && arg[0].value === '{' && arg[1].upper === 'ENCRYPT' && arg[2].upper === 'N' && arg[4].value === '}')
    return arg[3];
  return undefined;
}
