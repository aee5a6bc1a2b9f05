import { isPasswordProcedure } from './sql-procedures';
import type { SqlToken } from './sql-tokens';

/**
 * How many tokens the head of a statement opened by `verb` is read to (`CREATE OR REPLACE SHARED PUBLIC DATABASE
 * LINK`, `CONNECT TO db USER`, `DO LANGUAGE l '…'`, `EXEC ( '…'`, `SET PASSWORD`).
 */
export const headTokens = (verb: string): number =>
  ({ CREATE: 7, ALTER: 7, CONN: 6, CONNECT: 6, DO: 4, EXEC: 3, EXECUTE: 3, SET: 5, SELECT: 2 })[verb.toUpperCase()] ?? 1;
const OBJECT = /^(?:USER|ROLE|LOGIN|GROUP|SUBSCRIPTION|SERVER)$/;

/**
 * Whether the tokens read from a verb (sql-passwords.ts's anchors) head a statement that may set a password, read
 * from tokens, so comments between its words are left out as the server leaves them (48a-1: `ALTER /* x *\/ USER`,
 * `CREATE/**\/USER`, `SET /* x *\/ PASSWORD`, `CREATE OR /* x *\/ REPLACE USER`, `CONNECT /* x *\/ u/pw@db`). The
 * statement's own words, so prose that says "Do", "execute" or "connect" starts none (`DO` opens a body, `EXECUTE`
 * takes a string or `format`, `CONNECT` a logon or `TO`):
 * - `CREATE|ALTER [OR REPLACE|PUBLIC|SHARED]… USER|ROLE|LOGIN|GROUP|DATABASE LINK|SUBSCRIPTION|SERVER|APPLICATION ROLE`;
 * - `GRANT`, `SET PASSWORD`, a procedure that takes a password (sql-procedures.ts: `sp_addlogin`, `sp_setapprole`…);
 * - `DO [LANGUAGE l] '…'|$$…$$`; `EXEC[UTE] [(] '…'|$$…$$|format|IMMEDIATE|sp_…`;
 * - `CONN[ECT] u/…`, `CONNECT u IDENTIFIED BY` or `CONNECT TO db USER`, on the verb's line.
 */
const isText = (token: SqlToken | undefined): boolean => token?.kind === 'string' && token.quote !== '"';

export function isStatementHead(tokens: SqlToken[]): boolean {
  const [verb, first, second] = tokens;
  const word = (i: number): string => (tokens[i]?.kind === 'word' ? tokens[i].upper : '');
  switch (verb?.upper) {
    case 'CREATE':
    case 'ALTER': {
      let i = 1;
      for (;;) {
        if (word(i) === 'OR' && word(i + 1) === 'REPLACE') i += 2;
        else if (word(i) === 'PUBLIC' || word(i) === 'SHARED' || word(i) === 'CURRENT')
          i++; // Neo4j's ALTER CURRENT USER
        else break;
      }
      return (
        OBJECT.test(word(i)) || (word(i) === 'DATABASE' && word(i + 1) === 'LINK') || (word(i) === 'APPLICATION' && word(i + 1) === 'ROLE')
      );
    }
    case 'GRANT':
      return true;
    case 'SET': // `SET PASSWORD`, or a statement's text set to a variable: `SET @sql = N'…' + …` (49a-3)
      return word(1) === 'PASSWORD' || (first?.kind === 'param' && first.value.startsWith('@') && tokens.slice(2, 5).some(isText));
    case 'SELECT': // a statement's text built: `SELECT '… PASSWORD ' || …`
      return isText(first);
    case 'DO': {
      const body = word(1) === 'LANGUAGE' ? tokens[3] : first;
      return body?.kind === 'string' && body.quote !== '"';
    }
    case 'EXEC':
    case 'EXECUTE': {
      const next = first?.value === '(' ? second : first;
      if (next?.kind === 'string') return next.quote !== '"';
      return next?.kind === 'word' && /^(?:FORMAT|IMMEDIATE|SP_\w+)$/.test(next.upper);
    }
    case 'CONN':
    case 'CONNECT': {
      if (!first || first.newlineBefore || first.start === verb.end) return false;
      if (first.upper === 'TO') return [3, 4, 5].some((i) => word(i) === 'USER');
      // 67a-13: a quoted user (`CONNECT "scott"/"pw"`, `'scott'/'pw'`), and `CONNECT u IDENTIFIED BY pw` (Oracle's
      // embedded SQL, Pro*C `EXEC SQL CONNECT :u IDENTIFIED BY :pw`: docs.oracle.com Pro*C/C++ Programmer's Guide, CONNECT).
      const user = first.kind === 'word' || first.kind === 'param' || (first.kind === 'string' && first.quote !== '$');
      return user && (second?.value === '/' || (second?.upper === 'IDENTIFIED' && word(3) === 'BY'));
    }
    default:
      return verb !== undefined && isPasswordProcedure(verb.upper);
  }
}
