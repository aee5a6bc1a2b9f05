import { joinedAt } from './literal-wrappers';
import { setsSecret } from './secrets-text';

/**
 * Attack round 51a-4: a literal that C's string functions copy into a buffer named like a secret, where no `=` sets it:
 * `strcpy(cfg.password, "…")`, `strncpy(password, "…", 32)`, `strlcpy`, `wcscpy(password, L"…")`, `strcat`,
 * `memcpy(cfg->password, "…", 13)`, `strcpy_s(password, sizeof password, "…")`, `StringCchCopyA`, a format into it
 * (`snprintf(password, sizeof password, "%s", "…")`, `sprintf(password, "…")`: a format without a conversion, or
 * one `%s` and its literal); and one compared with such a buffer (`strcmp(password, "…") == 0`, `memcmp`). A call is
 * known by its name's end (`…cpy`, `…copy`, `…cat`, `…printf`, `…cmp`, `memmove`; `_s`, `N`, `A`/`W` after it), so a
 * project's own wrapper (`my_strlcpy`) counts too; the buffer is its first argument (maybe cast, `&`, a member:
 * `cfg.password`, `c->creds.token`), then at most one size, then the literal (maybe `_T("…")`, `TEXT("…")`). A variable
 * or a call as the source sets none, nor does a format with more than one conversion. A compared or appended literal is
 * a secret only where no word of code is (`strncmp(token, "Bearer ", 7)`, `strcmp(password, "none")`, `strcat(token,
 * ":")` are code). Also an option constant named like a secret set to a literal (`CURLOPT_PASSWORD, "…"`: OPTION).
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const C_COPY_SECRET =
  'a string literal copied into, formatted into or compared with a buffer named like a secret (strcpy(password, "…"), strncpy, strlcpy, memcpy, snprintf(password, n, "%s", "…"), strcmp), or set by an option named like one (CURLOPT_PASSWORD, "…")';

/** A call whose name ends like a copy, a format or a comparison (group 1: the name's end), then its `(`. */
const CALL = /(?<![\w$])\w{0,40}?(cpy|copy|Copy|cat|Cat|printf|Printf|cmp|memmove)(?:_s|N?[AW]|N)?[ \t]*\(/g;
/**
 * The buffer: maybe a cast and `&`, members before its name (group 1), maybe an index; then `,`. No two runs of blanks
 * stand side by side (`&?[ \t]*` after `[ \t]*` was quadratic on a run of blanks after the call's `(`).
 */
const BUFFER =
  /[ \t]*(?:\([\w \t*]{1,64}\)[ \t]*)?(?:&[ \t]*)?(?:[A-Za-z_]\w{0,63}[ \t]*(?:\.|->)[ \t]*){0,8}([A-Za-z_]\w{0,127})[ \t]*(?:\[[^\]\n]{0,32}\][ \t]*)?,[ \t]*/y;
/** A size argument (`32`, `sizeof password`, `sizeof(cfg.password)`, `PW_MAX - 1`), then `,`. */
const SIZE = /(?!["'])(?:[^,"'()\n]|\([^()\n]{0,64}\)){1,64},[ \t]*/y;
/** A cast and a text macro before the literal (`(const char *)`, `_T(`, `TEXT(`). */
const BEFORE_LITERAL = /(?:\([\w \t*]{1,64}\)[ \t]*)?(?:(?:_T|TEXT|_TEXT|__T)[ \t]*\([ \t]*)?/y;
/** A format of one string conversion: its argument is the value. */
const ONE_STRING = /^%[-0-9]*l?[sS]$/;

/** Text that may hold such a call. */
const CLUE = /cpy|copy|cat|printf|cmp|memmove/i;

/** The literal at `at` (after a cast or a text macro): its joined value and where the value stands, and where it ends. */
function literalAfter(text: string, at: number): { value: string; span: [number, number]; end: number } | undefined {
  BEFORE_LITERAL.lastIndex = at;
  BEFORE_LITERAL.exec(text);
  const literal = joinedAt(text, BEFORE_LITERAL.lastIndex);
  if (!literal || text[literal.span[0] - 1] === '`') return undefined;
  return { value: literal.value, span: literal.span, end: literal.span[1] + 1 + literal.suffix.length };
}

/** Whether a literal holds a letter or digit but for its escapes (`"\n"`, `"\x1b"` hold none). */
const hasWord = (value: string): boolean => /[A-Za-z0-9]/.test(value.replace(/\\(?:x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)/g, ''));

/**
 * A compared or appended literal that is no prefix (`"K10"`: shorter than 6), no word of code (an identifier without digits,
 * maybe a blank or `:` after it) nor punctuation.
 */
const comparedSecret = (value: string): boolean =>
  value.length >= 6 && hasWord(value) && (!/^[A-Za-z_][\w.-]*[ \t:]?$/.test(value) || (/\d/.test(value) && /[A-Za-z]/.test(value)));

/** Where a text copies, formats or compares a literal into or with a buffer named like a secret: the literal's span. */
export function cStringCopySpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!CLUE.test(text)) return spans;
  for (const call of text.matchAll(CALL)) {
    BUFFER.lastIndex = call.index + call[0].length;
    const buffer = BUFFER.exec(text);
    if (!buffer) continue;
    const kind = call[1].toLowerCase();
    let literal = literalAfter(text, BUFFER.lastIndex);
    if (!literal) {
      SIZE.lastIndex = BUFFER.lastIndex;
      if (SIZE.exec(text)) literal = literalAfter(text, SIZE.lastIndex);
    }
    if (!literal) continue;
    if (kind === 'printf' && literal.value.includes('%')) {
      const next = ONE_STRING.test(literal.value) ? /^[ \t]*,[ \t]*/.exec(text.slice(literal.end, literal.end + 64)) : null;
      literal = next ? literalAfter(text, literal.end + next[0].length) : undefined;
      if (!literal) continue;
    }
    // A piece appended or compared (`strcat(token, ":")`, `strcmp(token, "none")`) is code unless no word of code is.
    if ((kind === 'cmp' || kind === 'cat') && !comparedSecret(literal.value)) continue;
    if (hasWord(literal.value) && setsSecret(buffer[1], literal.value)) spans.push(literal.span);
  }
  return spans;
}

/**
 * An option that a constant named like a secret sets to a literal, among a call's arguments: `curl_easy_setopt(curl,
 * CURLOPT_PASSWORD, "…")`, `CURLOPT_USERPWD, "bob:…"` (curl.se/libcurl/c/CURLOPT_PASSWORD.html), `ldap_set_option(ld,
 * LDAP_OPT_…PASSWD, "…")`: the constant (group 1), then `,` and the literal, the call's last argument or one before a `,`.
 * The literal is a secret only where no word of code is (`t(PASSWORD_LABEL, "Password")` is a label).
 */
const OPTION = /(?=[A-Z])(?<=[(,][ \t]*)([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)[ \t]*,[ \t]*(?=(?:u8|[uUL])?")/g;
/** Text that may hold such an option; tried only where a name starts, and bounded (a 1 MB run of capitals was quadratic). */
const OPTION_CLUE = /(?<![A-Z0-9_])[A-Z]{2}[A-Z0-9_]{0,126}[ \t]*,[ \t]*(?:u8|[uUL])?"/;

/** Where a text sets an option named like a secret to a literal (OPTION): the literal's span. */
export function secretOptionSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!OPTION_CLUE.test(text)) return spans;
  for (const option of text.matchAll(OPTION)) {
    const literal = literalAfter(text, option.index + option[0].length);
    if (!literal || !/^[ \t]*[,)]/.test(text.slice(literal.end, literal.end + 64))) continue;
    if (comparedSecret(literal.value) && setsSecret(option[1], literal.value)) spans.push(literal.span);
  }
  return spans;
}

/** Both readers of this module. */
export function cSecretSpans(text: string): Array<[number, number]> {
  return [...cStringCopySpans(text), ...secretOptionSpans(text)];
}
