/**
 * Clients that run a script of their own commands (attack round 39a-2): from a here-doc given to them, and lftp's from
 * `-c`/`-e` too. secrets-commands.ts reads such a script's lines as command lines where a script command starts a
 * password client: lftp's `open -u user,password` and `user <name> <password>`, Oracle's `CONNECT user/password`.
 */

/** Whose commands a script holds. */
export type Script = 'lftp' | 'ftp' | 'oracle';

/**
 * The script a client reads on standard input: lftp's commands (lftp(1): "lftp reads commands from standard input" where
 * none are given), SQL*Plus's, SQLcl's (`sql /nolog <<EOF`), RMAN's and DGMGRL's (docs.oracle.com: each reads its
 * commands from standard input), and (70a-4) the classic `ftp` client's (ftp(1): with `-n` the script logs in by `user`).
 */
export function scriptOf(client: string): Script | undefined {
  if (client === 'lftp' || client === 'ftp') return client;
  return /^(?:sqlplus|sql|rman|dgmgrl)$/.test(client) ? 'oracle' : undefined;
}

/**
 * The client a script's command stands for, read as secrets-commands.ts reads a command line's client:
 * - lftp's `open` takes lftp's own `-u user,password` (command-rules.ts), `user <name> [<password>]` the password after
 *   the name (account-commands.ts; lftp.yar.ru lftp(1) "user"); ftp's `user user-name [password] [account]` alike (ftp(1));
 * - SQL*Plus's `CONN[ECT] user/password[@db]` (docs.oracle.com SQL*Plus User's Guide, "CONNECT"; SQLcl and DGMGRL alike,
 *   RMAN's `CONNECT TARGET|CATALOG|AUXILIARY user/password`), any letter case, read as a logon (secrets-positional.ts).
 */
export function scriptClient(script: Script, word: string): string | undefined {
  if (script === 'lftp') return word === 'open' ? 'lftp' : word === 'user' ? 'lftp user' : undefined;
  if (script === 'ftp') return word === 'user' ? 'ftp user' : undefined;
  return /^conn(?:ect)?$/i.test(word) ? 'connect' : undefined;
}

/**
 * An lftp script of its own (`lftp -f sync.lftp`, lftp(1) "-f script_file") starts at a line that opens an lftp URL
 * (`open sftp://h`, lftp's schemes ftp, ftps, sftp, fish, http, https) or a bare host (40a-6: `open ftp.example.com`,
 * a dotted name or an IPv4 address, maybe a port, alone on the line; "open the file" names none), or sets one of lftp's
 * settings (`set sftp:…`), and holds the lines after it indented as much (the same text, or the same block of a YAML
 * document that holds it).
 */
const LFTP_START =
  /^[ \t]*(?:open(?:[ \t]+-[a-z][ \t]+\S+)*[ \t]+(?:(?:s?ftps?|fish|https?):\/\/|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z][A-Za-z0-9-]*(?::\d{1,5})?[ \t]*\r?$|\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?[ \t]*\r?$)|set[ \t]+(?:ftp|ftps|sftp|fish|ssl|net|xfer|mirror|cmd):)/;
export const mayHoldLftpScript = (text: string): boolean => /open|set/.test(text) && new RegExp(LFTP_START.source, 'm').test(text);

/**
 * The indent of the lftp script `line` is in, given the one the line before was in (`undefined`: none): a line that
 * starts one starts it, a line indented less (not blank) ends it.
 */
export function lftpScriptIndent(line: string, indent: string | undefined): string | undefined {
  const own = /^[ \t]*/.exec(line)![0];
  if (LFTP_START.test(line)) return own;
  return indent !== undefined && (own.length >= indent.length || !line.trim()) ? indent : undefined;
}

/**
 * SQL*Plus and SQLcl started without a logon read it from the first line of their input (docs.oracle.com SQL*Plus
 * User's Guide, "SQLPLUS Program Syntax": without a logon they prompt for the user name and password): a first line
 * `user/password[@db]` alone (`@script.sql`, `/ as sysdba` and SQL hold none). Its password and where it starts.
 */
const LOGON_LINE = /^([ \t]*[^/\s@'"-][^/\s@]*\/)([^@\s]+)(?:@\S+)?[ \t]*\r?$/;
export function scriptLogonPassword(line: string): { password: string; start: number } | undefined {
  const logon = LOGON_LINE.exec(line);
  return logon ? { password: logon[2], start: logon[1].length } : undefined;
}
