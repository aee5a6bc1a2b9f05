import { copiesIn } from './secret-copies';

/**
 * Copies of a refused secret that a message prints escaped (59a-21): `Zx9q\u0057m4v…` is `Zx9qWm4v…` to whoever reads
 * it back, as the value readers decode it (text-decodings.ts). A message shows a value JSON-quoted, so its backslashes
 * are doubled (`\\u0057`); each escape below is read under one backslash or two. The forms: `\uHHHH`, `\u{H…}` (ES2015,
 * Rust, Swift), `\xHH`, `%uHHHH` (ECMA-262 Annex B.2.1 unescape), quoted-printable `=HH` (RFC 2045 6.7; in a message
 * without the `=3D` the value readers ask for: only a copy of a known secret is blanked here, no shape), HTML/XML
 * character references (`&#87;`, `&#x57;`), octal `\132` (C, POSIX printf, YAML-quoted shells; 60a-6), and hex runs split by
 * single blanks (`5a78397157 6d34…`), read joined. Each character, written or escaped, is then folded as NFKC and a reader
 * would: zero-width and soft-hyphen characters left out (U+200B-D, U+2060, U+FEFF, U+00AD: Unicode Default_Ignorable),
 * full-width ASCII (U+FF01-FF5E) made ASCII (60a-6).
 */

/** One escape of each form, or one character folded; `\\\\?` takes the doubled backslash of a JSON-quoted value. Each alternative is fixed-length or bounded. */
const ESCAPE =
  /[\u00ad\u200b-\u200d\u2060\ufeff\uff01-\uff5e]|\\\\?(?:u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3})|%u[0-9a-fA-F]{4}|=[2-7][0-9A-F]|&#(?:[xX][0-9a-fA-F]{1,6}|\d{1,7});/g;
/** Hex runs of four or more digits with one blank between them (linear: a match starts only where a run starts, and a blank is no digit). */
const SPLIT_HEX = /(?<![0-9a-fA-F])[0-9a-fA-F]{4,}(?:[ \t][0-9a-fA-F]{4,})+/g;
/** Longer messages are not read for escaped copies (a message quotes at most a few values). */
const MAX_MESSAGE = 100_000;

/** Left out by a reader: zero-width characters and the soft hyphen. */
const IGNORED = /^[\u00ad\u200b-\u200d\u2060\ufeff]$/;

/** A character as read: nothing for one IGNORED, ASCII for a full-width one (NFKC, U+FF01-FF5E), else itself. */
function folded(char: string): string {
  if (IGNORED.test(char)) return '';
  const code = char.charCodeAt(0);
  return char.length === 1 && code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : char;
}

/** The character an escape (or a written character to fold) stands for, folded, or undefined (a code point beyond Unicode, a control character). */
function decoded(escape: string): string | undefined {
  if (!escape.startsWith('\\') && !/^[%=&]/.test(escape)) return folded(escape);
  const body = escape.replace(/^\\\\?/, '');
  const character = codeOf(body);
  return character === undefined ? undefined : folded(character);
}

function codeOf(body: string): string | undefined {
  const code = /^[0-7]/.test(body)
    ? parseInt(body, 8)
    : body[0] === 'u' || body[0] === 'x'
      ? parseInt(body.replace(/^[ux]\{?|\}$/g, ''), 16)
      : body.startsWith('%u')
        ? parseInt(body.slice(2), 16)
        : body[0] === '='
          ? parseInt(body.slice(1), 16)
          : /^&#[xX]/.test(body)
            ? parseInt(body.slice(3, -1), 16)
            : Number(body.slice(2, -1));
  return code >= 0x20 && code <= 0x10ffff && code !== 0x7f ? String.fromCodePoint(code) : undefined;
}

/** A text read with its escapes undone, and for each character of it the [start, end) of `message` it came from. */
interface View {
  readonly text: string;
  readonly start: number[];
  readonly end: number[];
}

function viewOf(message: string, pattern: RegExp, decode: (match: string) => string | undefined): View | undefined {
  const view: View = { text: '', start: [], end: [] };
  const parts: string[] = [];
  let at = 0;
  const push = (text: string, start: number, end: number, kept: boolean) => {
    parts.push(text);
    for (let i = 0; i < text.length; i++) {
      view.start.push(kept ? start + i : start);
      view.end.push(kept ? start + i + 1 : end);
    }
  };
  for (const match of message.matchAll(pattern)) {
    const text = decode(match[0]);
    if (text === undefined) continue;
    push(message.slice(at, match.index), at, match.index, true);
    push(text, match.index, match.index + match[0].length, false);
    at = match.index + match[0].length;
  }
  if (at === 0) return undefined;
  push(message.slice(at), at, message.length, true);
  return { ...view, text: parts.join('') };
}

/**
 * The spans of `message`, as written, that are an escaped copy of one of `secrets` (or of a copy secret-copies.ts
 * knows): for redact-message.ts to blank as it blanks a copy written plainly.
 */
export function escapedCopiesIn(message: string, secrets: readonly string[]): string[] {
  if (!secrets.length || message.length > MAX_MESSAGE) return [];
  const views = [viewOf(message, ESCAPE, decoded), viewOf(message, SPLIT_HEX, (run) => run.replace(/[ \t]/g, ''))].filter(
    (view): view is View => view !== undefined,
  );
  const found: string[] = [];
  for (const { text, start, end } of views)
    for (const copy of copiesIn(text, secrets)) {
      // copiesIn gives each copy as the view writes it: each place it stands there, as a span of the message.
      for (let at = text.indexOf(copy); at >= 0; at = text.indexOf(copy, at + 1)) {
        const span = message.slice(start[at], end[at + copy.length - 1]);
        if (span !== copy) found.push(span);
      }
    }
  return found;
}
