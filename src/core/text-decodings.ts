/**
 * Text as a program may read it after undoing one or two encodings (a JSON string's escapes, `\xHH`, URL
 * percent-encoding, HTML/XML character references, base64 of text, quoted halves joined, Unicode format characters
 * left out): the secret shapes and the names like a secret are looked for in each (secret-shapes.ts), so a key is found whatever spelling hides
 * it. Each decoding keeps, for every character it gives, the span of the text it came from, so a finding in a
 * decoded text is redacted where the text holds it.
 */

/** A decoded text, and for each of its characters the [start, end) it came from in the text decoded. */
export interface Decoded {
  readonly text: string;
  readonly start: readonly number[];
  readonly end: readonly number[];
}

/** How many decodings are undone one after the other. */
const MAX_LEVELS = 2;
/**
 * A base64 run long enough to hold a name like a secret and its value (12 bytes: `password=abc`), decoded where it is
 * text (a base64'd JWK or `DB_PASSWORD=x`); not one after a YAML `!!binary` tag, which the readers of data decode as
 * the binary it is (secrets.ts binaryAsText), to the scalar.
 */
const BASE64_RUN = /(?<!!!binary[ \t]{1,8}|[A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{16,}={0,2}/g;
const TEXT = /^[\t\n\r\x20-\x7e\u00a0-\uffff]*$/;
const FORMAT = /\p{Cf}/u;

const HTML_NAMED: Readonly<Record<string, string>> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };
const JSON_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** A decoding: where it applies, the escapes it finds and what each stands for (undefined: kept as written). */
interface Decoding {
  readonly applies: RegExp;
  readonly escape: RegExp;
  readonly decode: (escape: string) => string | undefined;
}

const fromCode = (code: number): string | undefined => (code <= 0x10ffff ? String.fromCodePoint(code) : undefined);

/**
 * A base64 run as text, or undefined; where the run is not (a path's segments glued to one: `/api/<base64>`, `/` being a
 * base64 character), each of its `/`-separated parts that is, the others kept as written.
 */
function base64Text(run: string): string | undefined {
  const whole = base64Part(run);
  if (whole !== undefined || !run.includes('/')) return whole;
  const parts = run.split('/').map((part) => (part.length >= 16 ? base64Part(part) : undefined));
  return parts.some((part) => part !== undefined)
    ? run
        .split('/')
        .map((part, i) => parts[i] ?? part)
        .join('/')
    : undefined;
}

function base64Part(run: string): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(run, 'base64'));
    return TEXT.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

const DECODINGS: readonly Decoding[] = [
  {
    applies: /\\(?:["\\/bfnrt]|u[0-9a-f]{4}|x[0-9a-f]{2})/i,
    escape: /\\(?:["\\/bfnrt]|u[0-9a-f]{4}|x[0-9a-f]{2})/gi,
    decode: (e) => (e.length > 2 ? String.fromCharCode(parseInt(e.slice(2), 16)) : JSON_ESCAPES[e[1]]),
  },
  { applies: /%[0-9a-f]{2}/i, escape: /%[0-9a-f]{2}/gi, decode: (e) => String.fromCharCode(parseInt(e.slice(1), 16)) },
  {
    applies: /&(?:#x?[0-9a-f]{1,7}|quot|amp|lt|gt|apos);/i,
    escape: /&(?:#x[0-9a-f]{1,7}|#\d{1,7}|quot|amp|lt|gt|apos);/gi,
    decode: (e) =>
      /^&#x/i.test(e)
        ? fromCode(parseInt(e.slice(3), 16))
        : e[1] === '#'
          ? fromCode(Number(e.slice(2, -1)))
          : HTML_NAMED[e.slice(1, -1).toLowerCase()],
  },
  // Quoted halves joined as a source file joins them (`"abc" "def"`, `"abc" + "def"`).
  { applies: /"[^\S\n]*\+?[^\S\n]*"/, escape: /"[^\S\n]*(?:\+[^\S\n]*)?"/g, decode: () => '' },
  // Zero-width spaces, joiners, the BOM, a soft hyphen: invisible, and left out by whoever joins the text.
  { applies: FORMAT, escape: /\p{Cf}/gu, decode: () => '' },
  { applies: /[A-Za-z0-9+/_-]{16}/, escape: BASE64_RUN, decode: base64Text },
];

/** `text` with every escape of `decoding` undone, or undefined where none was. */
function decodeOnce(text: string, decoding: Decoding): Decoded | undefined {
  const [start, end]: number[][] = [[], []];
  let out = '';
  let at = 0;
  const keep = (to: number) => {
    for (let i = at; i < to; i++) {
      start.push(i);
      end.push(i + 1);
    }
    out += text.slice(at, to);
  };
  for (const match of text.matchAll(decoding.escape)) {
    const decoded = decoding.decode(match[0]);
    if (decoded === undefined) continue;
    keep(match.index);
    at = match.index + match[0].length;
    for (let i = 0; i < decoded.length; i++) {
      start.push(match.index);
      end.push(at);
    }
    out += decoded;
  }
  if (at === 0) return undefined;
  keep(text.length);
  return { text: out, start, end };
}

/** `inner`, decoded from `outer.text`, mapped onto what `outer` was decoded from. */
const through = (outer: Decoded, inner: Decoded): Decoded => ({
  text: inner.text,
  start: inner.start.map((i) => outer.start[i]),
  end: inner.end.map((i) => outer.end[i - 1]),
});

/** Each decoding of `text` that changes it, up to MAX_LEVELS deep, each mapped onto `text`. */
export function decodings(text: string, level = 1): Decoded[] {
  const found: Decoded[] = [];
  for (const decoding of DECODINGS) {
    if (!decoding.applies.test(text)) continue;
    const decoded = decodeOnce(text, decoding);
    if (!decoded || decoded.text === text) continue;
    found.push(decoded);
    if (level < MAX_LEVELS) found.push(...decodings(decoded.text, level + 1).map((inner) => through(decoded, inner)));
  }
  return found;
}

/** A span [start, end) of a decoded text, as the span of the text it came from. */
export const spanIn = (decoded: Decoded, [start, end]: readonly [number, number]): [number, number] => [
  decoded.start[start],
  decoded.end[end - 1],
];
