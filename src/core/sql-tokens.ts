/**
 * SQL read as tokens (47a-1): one statement from where it starts to its `;` (or the end of the text, or of a bounded
 * window), comments left out (`--`, `/* … *\/`, MySQL's `#`; its executable `/*!80000 … *\/` read as code), every literal kind
 * decoded: standard `'…'` with `''`, `E'…'` with backslash escapes, `N'…'`, `U&'…'`, `B'…'`/`X'…'`, PostgreSQL
 * `$$…$$`/`$tag$…$tag$` (postgresql.org/docs/current/sql-syntax-lexical.html), and `"…"` (an identifier, or a MySQL
 * string). Each token keeps where its content stands in the text, to redact it.
 *
 * Bounded and linear: a statement reads at most WINDOW characters; a closing quote or comment end is found with
 * `NextIndex`, which remembers its last answer, so a text of many unclosed quotes is not searched again from each.
 */
export interface SqlToken {
  /** word (upper-cased in `upper`), string (`'…'`, `$$…$$`, `"…"`), param (`:pw`, `@pw`, `&pw`, `%s`, `?`, `$1`), punct. */
  readonly kind: 'word' | 'string' | 'param' | 'punct' | 'number';
  /** The decoded value (a string's content, a word or param as written). */
  readonly value: string;
  readonly upper: string;
  /** Where the content stands in the text read. */
  readonly start: number;
  readonly end: number;
  /** A `"…"` token (an identifier or a MySQL string), `$` for a dollar-quoted one. */
  readonly quote?: string;
  /** A line break (outside comments and literals) stands between this token and the one before. */
  readonly newlineBefore: boolean;
}

/** The most a statement reads. */
export const WINDOW = 16_384;
/** The most tokens a statement keeps. */
const MAX_TOKENS = 2_000;

/** `text.indexOf(needle, from)`, remembering its last answer: calls with rising `from` search each character once. */
export class NextIndex {
  private readonly last = new Map<string, [number, number]>();
  constructor(private readonly text: string) {}
  of(needle: string, from: number): number {
    const seen = this.last.get(needle);
    if (seen && from >= seen[0] && (seen[1] < 0 || from <= seen[1])) return seen[1];
    const found = this.text.indexOf(needle, from);
    this.last.set(needle, [from, found]);
    return found;
  }
}

/** Words after which PostgreSQL's dollar quote may open (elsewhere `$$` is a shell's process id, not SQL). */
const DOLLAR_AFTER = /^(?:PASSWORD|DO|AS|BY|USING|EXECUTE|EXEC|VALUES|SELECT|FORMAT|[=(,+|])$/;
const WORD = /[A-Za-z_\u0080-\uffff][\w$#\u0080-\uffff]*/y;
const PARAM =
  /(?::(?:'[A-Za-z_]\w*'|"[A-Za-z_]\w*"|[A-Za-z_]\w*)|@@?[A-Za-z_]\w*|&&?[A-Za-z_]\w*|\$\d+|\$\{\w+\}|%(?:\d+\$)?[sILd]|%\(\w+\)s|\?)/y;
const NUMBER = /(?:0x[0-9A-Fa-f]+|\d[\w.]*)/y;
const DOLLAR = /\$([A-Za-z_]\w*)?\$/y;

/**
 * The tokens of one statement of `text` from `from`: up to its `;` (not kept), the end, `stop` (an end of line for
 * psql's meta-commands when `lineOnly`), an unclosed literal or comment, or the window. `next` is where reading may
 * go on (after the `;` or where it stopped).
 */
export function sqlStatement(
  text: string,
  from: number,
  index: NextIndex,
  lineOnly = false,
  maxTokens = MAX_TOKENS,
): { tokens: SqlToken[]; next: number } {
  const tokens: SqlToken[] = [];
  const limit = Math.min(text.length, from + WINDOW);
  let at = from;
  let newline = false;
  const push = (kind: SqlToken['kind'], value: string, start: number, end: number, quote?: string) =>
    tokens.push({ kind, value, upper: value.toUpperCase(), start, end, quote, newlineBefore: newline });
  while (at < limit && tokens.length < maxTokens) {
    const c = text[at];
    if (c === '\n' || c === '\r') {
      if (lineOnly) return { tokens, next: at };
      newline = true;
      at++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\f' || c === '\v') {
      at++;
      continue;
    }
    if (c === ';') return { tokens, next: at + 1 };
    const two = c === '-' || c === '/' || c === '*' ? text.slice(at, at + 2) : '';
    if (two === '--' || (c === '#' && hashComment(text, at))) {
      const end = index.of('\n', at);
      if (end < 0 || lineOnly) return { tokens, next: end < 0 ? text.length : end };
      at = end;
      continue;
    }
    if (two === '/*') {
      if (text[at + 2] === '!') {
        at += 3;
        while (at < limit && /\d/.test(text[at])) at++;
        continue;
      }
      const end = index.of('*/', at + 2);
      if (end < 0 || end >= limit) return { tokens, next: end < 0 ? text.length : limit };
      at = end + 2;
      continue;
    }
    if (two === '*/') {
      at += 2;
      continue;
    }
    // A prefixed literal: E'…', N'…', U&'…', B'…', X'…'.
    const prefix = "'&".includes(text[at + 1]) ? /^(?:[EeNnBbXx]'|[Uu]&')/.exec(text.slice(at, at + 3))?.[0] : undefined;
    if (c === "'" || (prefix && (at === 0 || !/[\w$]/.test(text[at - 1])))) {
      const open = c === "'" ? at : at + prefix!.length - 1;
      const escapes = /^[Ee]/.test(prefix ?? '');
      const literal = quoted(text, open, "'", escapes, limit, index);
      if (!literal) return { tokens, next: open + 1 };
      push('string', literal.value, open + 1, literal.close);
      newline = false;
      at = literal.close + 1;
      continue;
    }
    if (c === '"') {
      const literal = quoted(text, at, '"', false, limit, index);
      if (!literal) return { tokens, next: at + 1 };
      push('string', literal.value, at + 1, literal.close, '"');
      newline = false;
      at = literal.close + 1;
      continue;
    }
    if (c === '$') {
      DOLLAR.lastIndex = at;
      const tag = DOLLAR.exec(text);
      const before = tokens[tokens.length - 1];
      if (tag && (!before || DOLLAR_AFTER.test(before.upper))) {
        const close = text.slice(at + tag[0].length, limit).indexOf(tag[0]);
        if (close < 0) return { tokens, next: limit };
        const start = at + tag[0].length;
        push('string', text.slice(start, start + close), start, start + close, '$');
        newline = false;
        at = start + close + tag[0].length;
        continue;
      }
    }
    const matched = tokenAt(text, at);
    if (matched) {
      push(matched[0], matched[1], at, at + matched[1].length);
      newline = false;
      at += matched[1].length;
      continue;
    }
    push('punct', c, at, at + 1);
    newline = false;
    at++;
  }
  return { tokens, next: at };
}

/**
 * Where a `#` opens MySQL's comment to the end of the line (dev.mysql.com/doc/refman/8.0/en/comments.html; 48a-1):
 * not where it is part of a name or value (`c##admin`, Oracle's `user#`, T-SQL's `[#t]`, a logon's `u/#pw`), except
 * after a keyword of these statements, which no unquoted Oracle name is (`ALTER#x⏎USER`: `HASH_KEYWORD`).
 */
const hashComment = (text: string, at: number): boolean => at === 0 || !/[/[.@$&:\\'"`]/.test(text[at - 1]);
const HASH_KEYWORD =
  /^(?:CREATE|ALTER|OR|REPLACE|PUBLIC|SHARED|SET|GRANT|USER|ROLE|LOGIN|DATABASE|LINK|IDENTIFIED|BY|WITH|PASSWORD|CONNECT|TO|USING)#/i;

/** The param, number or word that starts at `at`, or undefined. */
function tokenAt(text: string, at: number): [SqlToken['kind'], string] | undefined {
  for (const [kind, pattern] of [
    ['param', PARAM],
    ['number', NUMBER],
    ['word', WORD],
  ] as const) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match) return [kind, kind === 'word' ? (HASH_KEYWORD.exec(match[0])?.[0].slice(0, -1) ?? match[0]) : match[0]];
  }
  return undefined;
}

/** The literal opening at `open` (a quote), its doubled quotes (and with `escapes` its backslashes) undone. */
function quoted(
  text: string,
  open: number,
  quote: string,
  escapes: boolean,
  limit: number,
  index: NextIndex,
): { value: string; close: number } | undefined {
  let value = '';
  let at = open + 1;
  for (;;) {
    if (escapes) {
      const backslash = index.of('\\', at);
      const close = index.of(quote, at);
      if (close < 0 || close >= limit) return undefined;
      if (backslash >= 0 && backslash < close) {
        value += text.slice(at, backslash) + unescape(text[backslash + 1] ?? '');
        at = backslash + 2;
        continue;
      }
    }
    const close = index.of(quote, at);
    if (close < 0 || close >= limit) return undefined;
    value += text.slice(at, close);
    if (text[close + 1] === quote) {
      value += quote;
      at = close + 2;
      continue;
    }
    return { value, close };
  }
}

const unescape = (c: string): string => ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' })[c] ?? c;
