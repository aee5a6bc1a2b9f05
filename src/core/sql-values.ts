import { aliasedSecretSpans } from './sql-aliases';
import { copySecretSpans } from './sql-copy';
import { derivedValueSpans } from './sql-derived-values';
import { isSecret, readStatement } from './sql-reads';
import { NextIndex, WINDOW, sqlStatement, type SqlToken } from './sql-tokens';
import { columnKey, namesSecretColumn } from './table-column-names';

/**
 * Attack round 50a-5: literals SQL gives a secret to outside the statements that set a login's password
 * (sql-passwords.ts), read as tokens (sql-tokens.ts):
 * - a row's value in a column named like a secret, as a table's column is judged (table-column-names.ts: `password`,
 *   `api_token`, `Passwort`, `mot_de_passe`; not `password_changed_at`): `INSERT [IGNORE] [INTO] users (name, password)
 *   VALUES ('bob', '…'), (…)`, also `REPLACE INTO`, MySQL's `VALUES ROW(…)`, and `… (name, password) SELECT 'bob', '…'`.
 *   A crypt hash (`'$2b$12$…'`, `'$6$…'`), PostgreSQL's `md5…`/`SCRAM-SHA-256$…`, a reference, a placeholder, `NULL`
 *   or any expression (`crypt(…)`, `@pw`, `:'pw'`) sets none;
 * - the password or key a crypt function takes: pgcrypto's `crypt('…', salt)` (and C's or Python's `crypt`),
 *   `pgp_sym_encrypt[_bytea](data, '…')`, `pgp_sym_decrypt[_bytea](data, '…')`, `hmac(data, '…', 'sha256')`,
 *   `encrypt(data, '…', 'aes')`, `encrypt_iv(data, '…', iv, 'aes')` (postgresql.org/docs/current/pgcrypto.html),
 *   MySQL's `AES_ENCRYPT(str, '…')`/`AES_DECRYPT` (dev.mysql.com/doc/refman/8.0/en/encryption-functions.html), T-SQL's
 *   `ENCRYPTBYPASSPHRASE('…', data)`/`DECRYPTBYPASSPHRASE` (learn.microsoft.com sql/t-sql/functions/encryptbypassphrase-transact-sql).
 *   `hmac`, `encrypt` and `decrypt` are common words of code: theirs only with pgcrypto's type as the last argument.
 * 51a-6: a table's name quoted in parts (`[dbo].[Users]`, `` `app`.`users` ``), T-SQL's `INSERT TOP (1) INTO`, MySQL's
 * `PARTITION (p0)` and T-SQL's `WITH (TABLOCK)` before the column list, Oracle's `INSERT ALL INTO … VALUES … INTO …`,
 * a CTE's column list (`WITH creds (name, password) AS (VALUES (…))` or `AS (SELECT …)`, after other CTEs too), MySQL's
 * `INSERT INTO t SET name = '…', password = '…'` and `… SELECT … UNION ALL SELECT …` rows read the same way;
 * literals aliased to a secret's name (`SELECT '…' AS password`): sql-aliases.ts; rows named after them (`(VALUES …)
 * AS t (name, password)`): sql-derived-values.ts; `COPY … FROM stdin` rows: sql-copy.ts.
 * Bounded and linear: a statement is read once, in windows (a seed file's thousand rows too), each anchor after the
 * last statement read.
 */
const PREFILTER = /INSERT|REPLACE|UPSERT|WITH|crypt|hmac|passphrase/i;
/** Where an INSERT, and where a crypt function's call, may start (each read on its own: an INSERT's row may call one). */
const ANCHORS = () => [
  /(?<![\w$@#:])(?:INSERT|REPLACE|UPSERT|WITH)(?![\w$])/gi,
  /(?<![\w$@#:])(?:crypt|pgp_sym_(?:en|de)crypt(?:_bytea)?|hmac|(?:en|de)crypt(?:_iv)?|aes_(?:en|de)crypt|(?:en|de)cryptbypassphrase)[ \t]*(?=\()/gi,
];

/** A function's secret argument (by index), and what its last argument must be (pgcrypto's type) where its name is a common word. */
const FUNCTIONS: Record<string, { secret: number; count?: number; type?: RegExp }> = {
  CRYPT: { secret: 0, count: 2 },
  PGP_SYM_ENCRYPT: { secret: 1 },
  PGP_SYM_DECRYPT: { secret: 1 },
  PGP_SYM_ENCRYPT_BYTEA: { secret: 1 },
  PGP_SYM_DECRYPT_BYTEA: { secret: 1 },
  HMAC: { secret: 1, count: 3, type: /^(?:md5|sha1|sha224|sha256|sha384|sha512|ripemd160)$/i },
  ENCRYPT: { secret: 1, count: 3, type: /^(?:aes|bf)(?:-(?:cbc|ecb))?(?:\/pad:(?:none|pkcs))?$/i },
  DECRYPT: { secret: 1, count: 3, type: /^(?:aes|bf)(?:-(?:cbc|ecb))?(?:\/pad:(?:none|pkcs))?$/i },
  ENCRYPT_IV: { secret: 1, count: 4, type: /^(?:aes|bf)(?:-(?:cbc|ecb))?(?:\/pad:(?:none|pkcs))?$/i },
  DECRYPT_IV: { secret: 1, count: 4, type: /^(?:aes|bf)(?:-(?:cbc|ecb))?(?:\/pad:(?:none|pkcs))?$/i },
  AES_ENCRYPT: { secret: 1 },
  AES_DECRYPT: { secret: 1 },
  ENCRYPTBYPASSPHRASE: { secret: 0 },
  DECRYPTBYPASSPHRASE: { secret: 0 },
};

/** What such a literal is called in messages. */
export const SQL_SECRET_VALUE =
  "a secret in SQL data or given to a crypt function (INSERT INTO users (name, password) VALUES …, SELECT '…' AS password, COPY … FROM stdin rows, crypt('…', gen_salt(…)))";

/** Where the secrets of INSERTed rows and crypt functions' arguments stand in `text`. */
export function sqlValueSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [...aliasedSecretSpans(text), ...copySecretSpans(text), ...derivedValueSpans(text)];
  if (!PREFILTER.test(text)) return spans;
  const [inserts, calls] = ANCHORS();
  for (const [anchors, read] of [
    [inserts, insertedSecrets],
    [calls, functionSecrets],
  ] as const) {
    const index = new NextIndex(text);
    let match: RegExpExecArray | null;
    while ((match = anchors.exec(text))) {
      if (anchors === calls && !takesLiteral(text, match)) continue;
      anchors.lastIndex = Math.max(read(text, match.index, index, spans), match.index + 1);
    }
  }
  return spans;
}

const isLiteral = (token: SqlToken | undefined): token is SqlToken => token?.kind === 'string';

/** A call's secret argument may be a literal (a quote opens it), seen before reading its statement as tokens. */
const FIRST_LITERAL = /\(\s*(?:[NnEe]?'|"|\$[A-Za-z_]*\$)/y;
const SECOND_LITERAL = /\([\s\S]{0,256}?,\s*(?:[NnEe]?'|"|\$[A-Za-z_]*\$)/y;
function takesLiteral(text: string, match: RegExpExecArray): boolean {
  const rule = FUNCTIONS[match[0].trim().toUpperCase()];
  const literal = rule?.secret === 0 ? FIRST_LITERAL : SECOND_LITERAL;
  literal.lastIndex = match.index + match[0].length;
  return rule !== undefined && literal.test(text);
}

/** The most tokens a call is read to (its arguments are single literals or short expressions). */
const CALL_TOKENS = 64;

/**
 * The secrets given to crypt functions in the statement at `from`, every call of its tokens judged (nested ones too);
 * where reading may go on: after the statement, or at a call it cut short.
 */
function functionSecrets(text: string, from: number, index: NextIndex, spans: Array<[number, number]>): number {
  const { tokens, next } = sqlStatement(text, from, index, false);
  const cut = tokens.length >= 2_000 || (from + WINDOW < text.length && text[next - 1] !== ';');
  let resume = next;
  for (let i = 0; i < tokens.length; i++) {
    const rule = tokens[i].kind === 'word' ? FUNCTIONS[tokens[i].upper] : undefined;
    if (rule === undefined || tokens[i + 1]?.value !== '(') continue;
    const args = callArguments(tokens, i + 2);
    if (args) functionSecret(rule, args, spans);
    else if (cut && i + CALL_TOKENS >= tokens.length && tokens[i].start > from) {
      resume = tokens[i].start;
      break;
    }
  }
  return resume;
}

/** The arguments of the call opened before `tokens[from]`: each argument's tokens, at the call's own depth. */
function callArguments(tokens: SqlToken[], from: number): SqlToken[][] | undefined {
  const args: SqlToken[][] = [[]];
  let depth = 1;
  for (let i = from; i < Math.min(tokens.length, from + CALL_TOKENS); i++) {
    const token = tokens[i];
    if (token.value === '(') depth++;
    else if (token.value === ')' && --depth === 0) return args;
    if (depth === 1 && token.value === ',') args.push([]);
    else args[args.length - 1].push(token);
  }
  return undefined;
}

function functionSecret(rule: (typeof FUNCTIONS)[string], args: SqlToken[][], spans: Array<[number, number]>): void {
  if (rule.count !== undefined && args.length !== rule.count) return;
  const type = args[args.length - 1];
  if (rule.type && !(type.length === 1 && isLiteral(type[0]) && rule.type.test(type[0].value))) return;
  const [secret, more] = args[rule.secret] ?? [];
  if (more === undefined && isLiteral(secret) && isSecret('password', secret.value)) spans.push([secret.start, secret.end]);
}

/** What a statement's tokens are read as, token by token. */
type State = 'head' | 'columns' | 'after' | 'rows' | 'row' | 'select' | 'set' | 'done';

/**
 * The secrets of the INSERT at `from`: its column list's names, then each row's values by position. Where the statement
 * ends (or where reading stopped): the next anchor is looked for from there.
 */
function insertedSecrets(text: string, from: number, index: NextIndex, spans: Array<[number, number]>): number {
  const columns: string[] = [];
  let state = 'head' as State;
  let headTokens = 0;
  let depth = 0;
  let previous: SqlToken | undefined;
  let position = 0;
  let value: SqlToken[] = [];
  const endValue = () => {
    const name = columns[position];
    const [literal, more] = value;
    if (name && more === undefined && isLiteral(literal) && namesSecretColumn(name) && isSecret(columnKey(name), literal.value))
      spans.push([literal.start, literal.end]);
    value = [];
  };
  const step = (token: SqlToken): boolean => {
    const before = previous;
    previous = token;
    read(token, before);
    return state !== 'done';
  };
  const read = (token: SqlToken, before: SqlToken | undefined): void => {
    const v = token.kind === 'punct' ? token.value : '';
    switch (state) {
      case 'head': // `[IGNORE|OR REPLACE|TOP (n)|INTO…] name [PARTITION (…)|WITH (…)] (`: the column list opens within a few words
        if (depth > 0) {
          if (v === '(') depth++;
          else if (v === ')') depth--;
          if (++headTokens > 40) state = 'done';
        } else if (v === '(') {
          if (before?.kind === 'word' && /^(?:TOP|PARTITION|WITH|AS)$/.test(before.upper)) depth = 1;
          else state = 'columns';
        } else if (v === ',' && before?.value === ')')
          headTokens = 0; // a CTE's body closed: the next CTE
        else if (token.upper === 'SET') [state, columns[0], position] = ['set', '', 0];
        else if (token.kind === 'word' || token.quote === '"') {
          if (++headTokens > 8) state = 'done';
        } else if (!/^[.`[\]]$/.test(v)) state = 'done';
        return;
      case 'columns': {
        if (v === ')' || v === ',') {
          if (columns.length === position) columns.push(''); // an empty item: no name
          position++;
          if (v === ')') state = 'after';
        } else if (token.kind === 'word' || token.quote === '"') columns[position] = token.value;
        else if (!/^[.`[\]]$/.test(v)) state = 'done'; // `INSERT INTO t (SELECT …)`: no column list
        return;
      }
      case 'after': // T-SQL's `OUTPUT inserted.id` may stand before VALUES
        if (token.upper === 'VALUES' || token.upper === 'VALUE') state = 'rows';
        else if (token.upper === 'SELECT') [state, position] = ['select', 0];
        else if (++headTokens > 40 || /^(?:INSERT|REPLACE|UPSERT)$/.test(token.upper)) state = 'done';
        return;
      case 'rows': // Oracle's `INSERT ALL INTO t (…) VALUES (…) INTO …`: another table's columns
        if (v === '(') [state, depth, position] = ['row', 1, 0];
        else if (token.upper === 'INTO' || v === ')')
          [state, headTokens, position, columns.length] = ['head', 0, 0, 0]; // `)`: a CTE's end
        else if (v !== ',' && token.upper !== 'ROW') state = 'done';
        return;
      case 'row':
        if (v === '(') depth++;
        else if (v === ')' && --depth === 0) {
          endValue();
          state = 'rows';
          return;
        }
        if (depth === 1 && v === ',') {
          endValue();
          position++;
        } else if (value.length < 2) value.push(token);
        return;
      case 'select': // to FROM, or to the bracket that closes a CTE's `AS (SELECT …)`
        if (v === '(') depth++;
        else if (v === ')') depth--;
        if (
          depth < 0 ||
          (depth === 0 && (v === ',' || (token.kind === 'word' && /^(?:FROM|WHERE|UNION|ON|RETURNING)$/.test(token.upper))))
        ) {
          endValue();
          position++;
          if (depth < 0) [state, depth, headTokens, position, columns.length] = ['head', 0, 0, 0, 0];
          else if (token.upper === 'UNION')
            [state, position] = ['after', 0]; // `UNION ALL SELECT …`: the same columns
          else if (v !== ',') state = 'done';
        } else if (value.length < 2) value.push(token);
        return;
      case 'set': // MySQL's `INSERT INTO t SET name = '…', password = '…'`
        if (/^[`[\]]$/.test(v)) return;
        if (v === '(') depth++;
        else if (v === ')') depth--;
        if (depth === 0 && (v === ',' || /^(?:ON|RETURNING)$/.test(token.upper))) {
          endValue();
          columns[0] = '';
          if (v !== ',') state = 'done';
        } else if (depth === 0 && v === '=' && value.length === 1 && (value[0].kind === 'word' || value[0].quote === '"'))
          [columns[0], value] = [value[0].value, []];
        else if (value.length < 2) value.push(token);
        return;
    }
  };
  return readStatement(text, from, index, step, () => {
    if (state === 'select' || state === 'set') endValue();
  });
}
