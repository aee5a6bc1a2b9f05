import { setsSecret } from './secrets-text';
import { isPostgresHash } from './sql-hashes';
import { holdsNoSecret } from './table-column-names';
import { NextIndex, WINDOW, sqlStatement, type SqlToken } from './sql-tokens';

/** The fewest and the most tokens read at once: a reader that stops early (prose's `with`, `insert`) reads few. */
const FIRST_CHUNK = 8;
const MAX_CHUNK = 2_000;

/**
 * The statement at `from` fed to `step` token by token (51a-6), in chunks of rising size, each chunk after the first
 * read on after the last token of the one before that is not a literal (which a window may have cut); `end` is called where
 * the statement ends. Where the next anchor may be looked for: at the token `step` stopped at (returning false), so
 * the words of a line of prose (`Insert a row:`) do not hide the statement after them; or after the statement.
 */
export function readStatement(text: string, from: number, index: NextIndex, step: (token: SqlToken) => boolean, end?: () => void): number {
  let at = from;
  for (let chunk = FIRST_CHUNK; ; chunk = Math.min(chunk * 2, MAX_CHUNK)) {
    const { tokens, next } = sqlStatement(text, at, index, false, chunk);
    const cut = tokens.length >= chunk || (at + WINDOW < text.length && text[next - 1] !== ';');
    let last = tokens.length - 1;
    if (cut) while (last >= 0 && tokens[last].kind === 'string') last--;
    for (let i = 0; i <= last; i++) if (!step(tokens[i])) return tokens[i].start;
    if (!cut) end?.();
    if (!cut || last < 0 || tokens[last].end <= at) return next;
    at = tokens[last].end;
  }
}

/** A literal that is a secret where a password goes: setsSecret's judgement, not a hash, a date, a yes/no word or an ellipsis. */
export const isSecret = (key: string, value: string): boolean =>
  !/^\$[\w.-]{1,16}\$|^(?:…|\.\.\.)$/.test(value) &&
  !isPostgresHash(value) &&
  !holdsNoSecret(value) &&
  setsSecret(key, JSON.stringify(value));
