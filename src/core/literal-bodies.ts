/**
 * The string literals of programming languages that are more than a plain quote (literal-forms.ts lists them, attack
 * round 48a-4): where one starts at a place of a text, its body; the one-line value a body holds, its interpolations
 * written as a shell's `${X}`. No imports: secrets-text.ts (setsSecret) reads a whole value written so too.
 */

/** The longest body of a text block or heredoc read (a value and its blank lines): one whose close is further is left to the other readers. */
const MAX_BODY = 4096;
/** The longest body of a literal on a line (a quote, `q{…}`, `[[…]]`, a raw string): a password is short. */
const MAX_INLINE = 256;
/** How many closes (a text block's quotes, a heredoc's marker) one text's searches remember. */
const MAX_REMEMBERED = 64;

export interface Body {
  /** The body's span in the text. */
  start: number;
  end: number;
  /** Where the literal ends (after its closing delimiter). */
  after: number;
  /** Whether it is read only after `=` (Lua's long strings: `password: [[x]]` is prose's wiki link). */
  assignedOnly?: boolean;
  /** Not closed: a text block or heredoc running to the text's end (no whole value of a line is one). */
  open?: boolean;
  /** A quote's prefix (`@`, `$`, `L`, `u8`, `r`, `s`…), when the literal is a prefixed quote. */
  prefix?: string;
}

let patterns: ReturnType<typeof buildPatterns> | undefined;

/** The patterns, built on first use (no work when the module loads). */
function buildPatterns() {
  return {
    cppRaw: /(?:u8|[uUL])?R"([^()\\\s"]{0,16})\(/y,
    rustRaw: /(?:[bc]?r|r[bB]|[bB]?R)(#+)"/y,
    swift: /(#+)("""|")/y,
    triple: /(?:[A-Za-z]{1,3}|[$@]{1,3})?("{3,8}|''')(?!")/y,
    phpHeredoc: /<<<[ \t]*(["']?)([A-Za-z_]\w{0,63})\1[ \t]*\r?\n/y,
    heredoc: /<<[~-]?(["'`]?)([A-Za-z_]\w{0,63})\1/y,
    perlQuote: /(?:qq|qw|q)[ \t]*([^\w\s=,;)])/y,
    rubyPercent: /%[qQwWiI]?([^\w\s=])/y,
    luaLong: /\[(=*)\[/y,
    prefixed: /(@\$|\$@|[@$]|[A-Za-z][A-Za-z0-9]{0,7})(["'])/y,
    /**
     * Interpolations and format directives: `${x}`, `$x`, `#{x}`, `{$x}`, `{x}` (f-strings, C#), Swift's `\(x)` and
     * `\#(x)`, `%s`.
     */
    interpolation:
      /\$\{[^{}\n]*\}|\$[A-Za-z_][\w.]*(?:->\w+)?|#\{[^{}\n]*\}|\{\$[^{}\n]*\}|\{[^{}\n]*\}|\\#*\([^()\n]*\)|%[-+ #0-9.]*[A-Za-z]/g,
  };
}

const PAIRS: Record<string, string> = { '{': '}', '(': ')', '[': ']', '<': '>' };

/** `re` (sticky) matched at `at`. */
function stickyAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/**
 * Where `close` next stands in `text` from `from` (a line holding only it, for a heredoc's marker), or -1: each search
 * remembered for the text (the next asks from further on), so that a text of many openers never closed is read once
 * per close, not once per opener; past MAX_REMEMBERED closes, searched up to `from + MAX_BODY` only.
 */
function nextClose(text: string, close: string, from: number, line: boolean): number {
  if (remembered?.text !== text) remembered = { text, next: new Map() };
  const key = (line ? '\n' : '') + close;
  const known = remembered.next.get(key);
  if (known && known.from <= from && (known.at < 0 || known.at >= from)) return known.at;
  const full = remembered.next.size < MAX_REMEMBERED || known !== undefined;
  const limit = full ? text.length : Math.min(text.length, from + MAX_BODY + close.length);
  let at = text.indexOf(close, from);
  // A marker's line: only blanks before it on its line, no word character after it.
  while (
    line &&
    at >= 0 &&
    at < limit &&
    !(/^[ \t]*$/.test(text.slice(text.lastIndexOf('\n', at - 1) + 1, at)) && !/\w/.test(text.charAt(at + close.length)))
  )
    at = text.indexOf(close, at + 1);
  if (at >= limit) at = -1;
  if (full) remembered.next.set(key, { from, at });
  return at;
}
let remembered: { text: string; next: Map<string, { from: number; at: number }> } | undefined;

/**
 * The body from `start` to `close` (within `max`), the literal ending after it and a non-word character; a text
 * block's (`block`) is found by nextClose, and an unclosed one runs to the text's end (cut short, it still writes its
 * lines out).
 */
function closedAt(text: string, start: number, close: string, block = false): Body | undefined {
  const end = block ? nextClose(text, close, start, false) : text.slice(start, start + MAX_INLINE + close.length).indexOf(close);
  const at = block || end < 0 ? end : start + end;
  if (at < 0 && block && text.length - start <= MAX_BODY) return { start, end: text.length, after: text.length, open: true };
  if (at < 0 || at - start > (block ? MAX_BODY : MAX_INLINE) || /\w/.test(text.charAt(at + close.length))) return undefined;
  return { start, end: at, after: at + close.length };
}

/** A quoted body from `start` (closing `quote`): backslash escapes unless `raw`, `""` doubled where `verbatim`. */
function quotedBody(text: string, start: number, quote: string, raw: boolean, verbatim: boolean): Body | undefined {
  for (let i = start; i < text.length && i - start <= MAX_INLINE; i++) {
    const c = text[i];
    if (c === '\n' && !verbatim && !raw) return undefined;
    if (c === '\\' && !raw && !verbatim) i++;
    else if (c === quote) {
      if (verbatim && text[i + 1] === quote) i++;
      else return /\w/.test(text.charAt(i + 1)) ? undefined : { start, end: i, after: i + 1 };
    }
  }
  return undefined;
}

/** A delimited body (Perl's `q{…}`, Ruby's `%q{…}`): brackets nest, any other delimiter closes at its next one. */
function delimitedBody(text: string, start: number, open: string): Body | undefined {
  const close = PAIRS[open] ?? open;
  for (let i = start, depth = 0; i < text.length && i - start <= MAX_INLINE; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === close && depth === 0) return /\w/.test(text.charAt(i + 1)) ? undefined : { start, end: i, after: i + 1 };
    else if (close !== open && text[i] === open) depth++;
    else if (text[i] === close) depth--;
  }
  return undefined;
}

/** A here-document's body from `start` (a line's start) to the line holding only `marker` (maybe indented). */
function heredocBody(text: string, start: number, marker: string): Body | undefined {
  const at = nextClose(text, marker, start, true);
  if (at >= 0 && at - start <= MAX_BODY) return { start, end: at, after: at + marker.length };
  return at < 0 && text.length - start <= MAX_BODY ? { start, end: text.length, after: text.length, open: true } : undefined;
}

/** The literal at `at` in `text` in one of literal-forms.ts's forms (a plain quote is none), or undefined. */
export function literalAt(text: string, at: number): Body | undefined {
  const c = text.charAt(at);
  const letter = /[A-Za-z]/.test(c);
  if (!letter && !'@$#%<["\''.includes(c)) return undefined;
  const p = (patterns ??= buildPatterns());
  let m: RegExpExecArray | null;
  if (letter && (m = stickyAt(p.cppRaw, text, at))) return closedAt(text, p.cppRaw.lastIndex, `)${m[1]}"`);
  if (letter && (m = stickyAt(p.rustRaw, text, at))) return closedAt(text, p.rustRaw.lastIndex, `"${m[1]}`);
  if (c === '#' && (m = stickyAt(p.swift, text, at))) return closedAt(text, p.swift.lastIndex, m[2] + m[1], m[2] !== '"');
  if ((m = stickyAt(p.triple, text, at))) return closedAt(text, p.triple.lastIndex, m[1], true);
  if (c === '<') return heredocAt(text, at);
  if (c === 'q' && (m = stickyAt(p.perlQuote, text, at))) {
    const body = delimitedBody(text, p.perlQuote.lastIndex, m[1]);
    // `q(name)` of a name without digits is a call of a function `q` as likely (no Perl's literal of a password).
    return body && !(m[1] === '(' && /^[A-Za-z_][A-Za-z_.]*$/.test(text.slice(body.start, body.end))) ? body : undefined;
  }
  if (c === '%' && (m = stickyAt(p.rubyPercent, text, at))) return delimitedBody(text, p.rubyPercent.lastIndex, m[1]);
  if (c === '[' && (m = stickyAt(p.luaLong, text, at))) {
    const body = closedAt(text, p.luaLong.lastIndex, `]${m[1]}]`);
    // A level-0 `[[…]]` holding brackets, quotes or commas is a list of lists (`tokens = [["a", "b"]]`), no string.
    return body && (m[1] || !/[[\]"',]/.test(text.slice(body.start, body.end))) ? { ...body, assignedOnly: true } : undefined;
  }
  if ((letter || c === '@' || c === '$') && (m = stickyAt(p.prefixed, text, at))) {
    const prefix = m[1];
    const body = quotedBody(text, p.prefixed.lastIndex, m[2], /^[A-Za-z0-9]*[rR][A-Za-z0-9]*$/.test(prefix), prefix.includes('@'));
    return body && { ...body, prefix };
  }
  return undefined;
}

/** A here-document at `at` (PHP's `<<<EOT`, Perl's and Ruby's `<<~EOT`): its body. */
function heredocAt(text: string, at: number): Body | undefined {
  const p = (patterns ??= buildPatterns());
  let m: RegExpExecArray | null;
  if ((m = stickyAt(p.phpHeredoc, text, at))) return heredocBody(text, p.phpHeredoc.lastIndex, m[2]);
  if (!(m = stickyAt(p.heredoc, text, at))) return undefined;
  const lineEnd = text.indexOf('\n', p.heredoc.lastIndex);
  return lineEnd < 0 || lineEnd - at > MAX_BODY ? undefined : heredocBody(text, lineEnd + 1, m[2]);
}

/**
 * The value a body holds: its lines without blank ones and indentation (a text block's, a heredoc's), its
 * interpolations written `${X}`, and where it stands. `interpolatedOnly`: it holds interpolations and separators only.
 */
export function bodyValue(text: string, body: Body): { value: string; span: [number, number]; interpolatedOnly: boolean } {
  const raw = text.slice(body.start, body.end);
  if (!raw.includes('\n') && !/[$#{}\\%]/.test(raw)) {
    // One line, no interpolation (the most of them): the value as it stands.
    const value = raw.trim();
    const start = body.start + raw.indexOf(value);
    return { value, span: [start, start + value.length], interpolatedOnly: false };
  }
  const lines = raw
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const written = lines.join('\n');
  const start = body.start + (lines.length ? raw.indexOf(lines[0]) : 0);
  const end = lines.length ? body.start + raw.lastIndexOf(lines[lines.length - 1]) + lines[lines.length - 1].length : start;
  const value = written.replace((patterns ??= buildPatterns()).interpolation, '${X}');
  const interpolatedOnly = value !== written && !/[A-Za-z0-9]/.test(value.replace(/\$\{X\}/g, ''));
  return { value, span: [start, end], interpolatedOnly };
}

/**
 * A value that only opens a heredoc (`<<~EOT`, `<<<'EOT'`) or a Lua long string (`[==[`) whose body is on the lines
 * below: the body is the value (literal-forms.ts reads it whole), not the opener. (A text block's `"""` stays a value
 * of its own line, as before: a reading that removes its quotes judges that line again.)
 */
export const opensBodyBelow = (value: string): boolean =>
  value.length < 80 && /^(?:<<<?[~-]?[ \t]*(["'`]?)[A-Za-z_]\w{0,63}\1|\[=*\[)[ \t]*;?$/.test(value.trim());

/** Quote prefixes of languages (C#, C/C++, Python, Rust, Scala), not a shell's word glued to a quote (`x"$PW"`). */
const KNOWN_PREFIX = /^(?:[@$]{1,2}|[LuUbBrRfFsScC]|u8|[bBrRfF]{2}|raw)$/;

/**
 * A whole value (`@"…"`, `r#"…"#;`, `q{…},`) that is one literal of a form above, a known prefix's where a quote's: its
 * value (bodyValue), for setsSecret; undefined for any other value.
 */
export function wholeLiteral(value: string): WholeLiteral | undefined {
  if (value.length > MAX_BODY || !/^\s*[@$#%<[A-Za-z"']/.test(value)) return undefined;
  // The readers ask of one value several times (each part of a line, each reader): read once.
  if (wholeRead.has(value)) return wholeRead.get(value);
  const text = value.trim().replace(/[;,]$/, '');
  const body = literalAt(text, 0);
  const found =
    !body || body.open || body.after !== text.length || (body.prefix !== undefined && !KNOWN_PREFIX.test(body.prefix))
      ? undefined
      : { ...bodyValue(text, body), quote: body.prefix !== undefined };
  if (wholeRead.size >= 256) wholeRead.clear();
  wholeRead.set(value, found);
  return found;
}
const wholeRead = new Map<string, WholeLiteral | undefined>();
/** A whole value's literal: its body's value, and whether it is a prefixed quote (`@"…"`, `L"…"`). */
type WholeLiteral = ReturnType<typeof bodyValue> & { quote: boolean };

/** The text of a literal of a form above at `at` (a quote's prefix a known one), for the readers of a value's word. */
export function literalWordAt(text: string, at: number): string | undefined {
  const body = /[@$#%<[A-Za-z"']/.test(text.charAt(at)) ? literalAt(text, at) : undefined;
  return body && (body.prefix === undefined || KNOWN_PREFIX.test(body.prefix)) ? text.slice(at, body.after) : undefined;
}
