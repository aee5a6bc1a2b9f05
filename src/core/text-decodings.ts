import { ACCENTED_NAMES } from './accented-names';
import { ASCII85_RUNS } from './ascii85-runs';
import { BASE58_KEYS } from './base58-keys';
import { mayTryBrotliAt } from './brotli-payloads';
import { base32Bytes, BASE32_RUNS, bytesAsText, HEX_GROUPS, HEX_RUNS, WRAPPED_BASE32 } from './byte-run-decodings';
import { payloadText } from './binary-payloads';
import { foldLetters } from './folded-letters';
import { BASE64_BLOCK, mayInflateAt, wrappedBase64 } from './gzip-members';
import { LINE_PREFIXES } from './line-prefixes';
import { NUMERIC_BYTE_LISTS } from './numeric-byte-lists';
import { inPublicArmour } from './public-armour';
import { SMTP_AUTH_LOGIN } from './smtp-auth-login';
import { TOLD_TRANSFORMS } from './told-transforms';
import { UUENCODED_BLOCKS } from './uuencoded-blocks';
import { XML_MARKUP } from './xml-lines';

/**
 * Text as a program may read it after undoing one or two encodings (a JSON string's escapes, `\xHH`, `\u{…}`, octal, URL
 * percent-encoding and `%uHHHH`, quoted-printable, HTML/XML character references, base64 (of UTF-8 or UTF-16 text), hex (a run or in groups), base32 and Ascii85 of text, quoted halves joined, Unicode format characters
 * left out, compatibility forms folded by NFKC, XML markup read as line breaks, a line comment's marker left out): the secret shapes and the names like a secret are looked for in each
 * (secret-shapes.ts), so a key is found whatever spelling hides it. Each decoding keeps, for every character it
 * gives, the span of the text it came from, so a finding in a decoded text is redacted where the text holds it.
 */

/**
 * A decoded text, and for each of its characters the [start, end) it came from in the text decoded: read on demand
 * (a search of the decoding's pieces), not stored per character, which for a 1 MB text and its decodings cost seconds.
 */
export interface Decoded {
  readonly text: string;
  readonly start: (i: number) => number;
  readonly end: (i: number) => number;
}

/** How many decodings are undone one after the other. */
const MAX_LEVELS = 2;
/**
 * A base64 run long enough to hold a name like a secret and its value (12 bytes: `password=abc`), decoded where it is
 * text (a base64'd JWK or `DB_PASSWORD=x`); not one after a YAML `!!binary` tag, which the readers of data decode as
 * the binary it is (binaryAsText below), to the scalar.
 */
// `X{16}X*`, not `X{16,}`: V8 keeps a backtrack entry per character of a counted loop, and a run of a few MiB of one
// character filled its regexp stack (`Maximum call stack size exceeded`); `X*` keeps none. Both match the same text.
const BASE64_RUN = /(?<!!!binary[ \t]{1,8}|[A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{16}[A-Za-z0-9+/_-]*={0,2}/g;
/**
 * Format characters, and the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0: letters by category, drawn as nothing; a
 * name with one inside reads as the name without it, 69a-9).
 */
const FORMAT = /[\p{Cf}\u115f\u1160\u3164\uffa0]/u;
const FORMATS = new RegExp(FORMAT.source, 'gu');
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * A run of text as NFKC folds it, or undefined where it is already so. An ellipsis stays: it marks a part a message
 * left out on purpose (`https://…@host`), which the shapes tell from three dots (secret-shapes.ts).
 */
function folded(run: string): string | undefined {
  const fold = run
    .split('\u2026')
    .map((part) => part.normalize('NFKC'))
    .join('\u2026');
  return fold === run ? undefined : fold;
}

/**
 * A name as a reader who sees through its spelling reads it: compatibility forms folded (NFKC: `ｔｏｋｅｎ`), invisible
 * characters left out (`pass\u200bword`), accented letters in ASCII (`Schlüssel`: folded-letters.ts); for the rules that judge a key by its name (secrets-keys.ts).
 */
export function nameAsRead(name: string): string {
  return NON_ASCII.test(name) ? foldLetters(name.normalize('NFKC').replace(FORMATS, '')) : name;
}

const HTML_NAMED: Readonly<Record<string, string>> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };
const JSON_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** A decoding: where it applies, the escapes it finds and what each stands for (undefined: kept as written). */
interface Decoding {
  readonly applies: RegExp;
  readonly escape: RegExp;
  /** `text` and `at`: where the escape stands, for a decoding that reads around it (accented-names.ts). */
  readonly decode: (escape: string, text: string, at: number) => string | undefined;
}

/** A strict UTF-8 decoder, shared: one per decoded escape or base64 run cost a tenth of a test run's decoding. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

const fromCode = (code: number): string | undefined => (code <= 0x10ffff ? String.fromCodePoint(code) : undefined);

/**
 * A base64 run as text, or undefined; where the run is not (a path's segments glued to one: `/api/<base64>`, `/` being a
 * base64 character), each of its `/`-separated parts that is, the others kept as written.
 */
function base64Text(run: string, inflate?: () => boolean, raw = false, brotli?: () => boolean): string | undefined {
  const whole = base64Part(run, inflate, raw, brotli);
  if (whole !== undefined || !run.includes('/')) return whole;
  const parts = run.split('/').map((part) => (part.length >= 16 ? base64Part(part) : undefined));
  return parts.some((part) => part !== undefined)
    ? run
        .split('/')
        .map((part, i) => parts[i] ?? part)
        .join('/')
    : undefined;
}

/** Base64 that is all of a decoded text: decoded again (base64 of base64 of base64, 60b-2), as MAX_LEVELS reads two. */
const WHOLE_BASE64 = /^[A-Za-z0-9+/]{16}[A-Za-z0-9+/]*={0,2}\s*$/;
const MAX_BASE64_AGAIN = 2;

/**
 * A base64 run's bytes as text (binary-payloads.ts): UTF-8, UTF-16 (PowerShell's `-EncodedCommand`), compressed data
 * inflated (`inflate`: among a text's first few, within gzip-members.ts' bounds: 59a-5, 60b-2), binary's printable runs.
 */
function base64Part(run: string, inflate?: () => boolean, raw = false, brotli?: () => boolean): string | undefined {
  let text = payloadText(Buffer.from(run, 'base64'), inflate, raw, true, brotli);
  for (let again = 0; again < MAX_BASE64_AGAIN && text !== undefined && WHOLE_BASE64.test(text); again++) {
    text = payloadText(Buffer.from(text.trim(), 'base64')) ?? text;
  }
  return text;
}

/**
 * 70a-22: a SHA-256 digest as an image pin (`@sha256:…`, distribution/reference's reference.go, DigestRegexp) or as
 * this tool's `.generated-files` lines write it (`sha256:…`): 64 hex digits of random bytes, never text.
 */
const afterDigestAlgorithm = (text: string, at: number, run: string) =>
  run.length === 64 && text.slice(Math.max(0, at - 7), at) === 'sha256:';

/** Base64 in a public armoured block (public-armour.ts) as the text its bytes are, if they are: never their printable runs. */
const armouredText = (run: string): string | undefined => bytesAsText(Buffer.from(run, 'base64'));

/** Whether a run is a text's only one (blanks aside): raw deflate, which has no magic, is tried only there. */
const aloneIn = (text: string, at: number, run: string) => !text.slice(0, at).trim() && !text.slice(at + run.length).trim();

/** Lines of hex pairs (12 bytes the first at least), one case, each maybe indented: `xxd -p`'s wrapped output. */
const WRAPPED_HEX =
  /(?<![0-9A-Za-z])(?:(?:[0-9a-f]{2}){12,}(?:\r?\n[ \t]*(?:[0-9a-f]{2})+)+|(?:[0-9A-F]{2}){12,}(?:\r?\n[ \t]*(?:[0-9A-F]{2})+)+)(?![0-9A-Za-z])/g;

/**
 * Base64 wrapped as `base64` (76 columns) and `openssl base64` (64) write it: its lines joined, then read as one run
 * (review60-1: a wrapped gzip stream was read as far as its first line inflates); lines past the block kept as written.
 */
const WRAPPED_BASE64: Decoding = {
  // Found from the line break (a lookbehind before it), not tried 16 characters deep at every position of a run: on an
  // 864 kB list of hex digests the search took half a second a call (81c-4).
  applies: /\n(?<=[A-Za-z0-9+/]{16}\r?\n)[ \t]*[A-Za-z0-9+/]{4}/,
  escape: BASE64_BLOCK,
  decode: (block, text, at) => {
    if (inPublicArmour(text, at, block.length)) return armouredText(block.replace(/\s+/g, ''));
    const runs = wrappedBase64(block);
    if (runs.every(({ start, end }) => !block.slice(start, end).includes('\n'))) return undefined; // lines: BASE64_RUN's
    const read = runs.map(({ start, end, run }) => {
      const part = block.slice(start, end);
      const [inflate, brotli] = [() => mayInflateAt(text, at + start), () => mayTryBrotliAt(text, at + start, run)];
      return (part.includes('\n') && base64Part(run, inflate, aloneIn(text, at, block), brotli)) || part;
    });
    return read.join('\n');
  },
};

/**
 * A percent-encoded UTF-8 sequence of two to four bytes, or one byte (bounded: no run is read twice). Not the `%` that
 * opens a cmd.exe variable standing as a whole word (`set DB_PASSWORD=%DB_PASSWORD%`: `%DB` is no byte there, 68a-13).
 */
const CMD_VARIABLE = String.raw`(?<=^|[\s="'])%[A-Za-z_]\w{0,63}%(?=$|[\s"'])`;
const PERCENT = new RegExp(
  String.raw`(?!${CMD_VARIABLE})%(?:[c-d][0-9a-f](?:%[89ab][0-9a-f])|e[0-9a-f](?:%[89ab][0-9a-f]){2}|f[0-7](?:%[89ab][0-9a-f]){3}|[0-9a-f]{2})`,
  'gi',
);

/** A percent-encoded sequence as the character it encodes in UTF-8, else each byte as a Latin-1 character. */
function percentDecoded(escape: string): string {
  const bytes = Buffer.from(escape.replace(/%/g, ''), 'hex');
  if (bytes.length === 1) return String.fromCharCode(bytes[0]); // one byte: ASCII, or Latin-1 as below
  try {
    return UTF8.decode(bytes);
  } catch {
    return String.fromCharCode(...bytes);
  }
}

const DECODINGS: readonly Decoding[] = [
  // Octal too (`\160`, `\75`): printf's format and bash's `$'…'` read it as `\x70` (57a-6; GNU bash manual, "ANSI-C
  // Quoting"; POSIX printf); three digits at most (`\1600`
  // is `\160` then `0`); not `\0` alone, a NUL in a format (`printf 'a\0'`), which hides no letter.
  {
    applies: /\\(?:["\\/bfnrt]|u[0-9a-f]{4}|u\{[0-9a-f]{1,6}\}|x[0-9a-f]{2}|[0-7]{2})/i,
    escape: /\\(?:["\\/bfnrt]|u[0-9a-f]{4}|u\{[0-9a-f]{1,6}\}|x[0-9a-f]{2}|[0-3][0-7]{2}|[1-7][0-7](?![0-7]))/gi,
    decode: (e) =>
      e[2] === '{' // `\u{70}`: JavaScript (ES2015), Rust and Swift code point escapes (58a-6)
        ? fromCode(parseInt(e.slice(3, -1), 16))
        : /[0-7]/.test(e[1])
          ? fromCode(parseInt(e.slice(1), 8))
          : e.length > 2
            ? String.fromCharCode(parseInt(e.slice(2), 16))
            : JSON_ESCAPES[e[1]],
  },
  // `\0NNN`: octal as `echo -e`, `printf %b` and `$'…'`'s neighbours read it (GNU coreutils echo, printf %b).
  { applies: /\\0[0-3][0-7]{2}/, escape: /\\0[0-3][0-7]{2}/g, decode: (e) => fromCode(parseInt(e.slice(2), 8)) },
  // A UTF-8 sequence at once (`%EF%BD%90`: `ｐ`, which the folding below reads as `p`, attack round 32a-4), else a byte.
  { applies: /%[0-9a-f]{2}/i, escape: PERCENT, decode: percentDecoded },
  // `%u0070`: JavaScript's escape()/unescape() and IIS read it as U+0070 (ECMA-262 Annex B.2.1) (58a-6).
  { applies: /%u[0-9a-f]{4}/i, escape: /%u[0-9a-f]{4}/gi, decode: (e) => String.fromCharCode(parseInt(e.slice(2), 16)) },
  // Quoted-printable (RFC 2045 6.7): `=70assword=3D…`. Upper-case hex only, as the RFC writes it, and a printable ASCII
  // character only (`=20`-`=7E`), so base64 padding (`…==`) and a URL's `?a=1&b=ff` give nothing or a text beside the original.
  // Only in text that holds `=3D`, the `=` every quoted-printable `name=value` must encode: `m=65536` in an argon2 hash's
  // parameters (`=65`, an `e`) is no escape, and reading it so made the hash no hash under `password_hash`.
  { applies: /=3D/, escape: /=(?:[2-6][0-9A-F]|7[0-9A-E])/g, decode: (e) => String.fromCharCode(parseInt(e.slice(1), 16)) },
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
  // Quoted halves joined as a source file joins them (`"abc" "def"`, `"abc" + "def"`). One way to read a run of blanks:
  // `[^\S\n]*\+?[^\S\n]*` split it two ways, quadratic after a `"` and 150,000 blanks (40 s, attack round 32a-8).
  // An empty word standing alone (`ssh-keygen -N "" -f k`, 37a-8) is no join: taking it out would make `-f` the value;
  // nor is an empty argument (`os.environ.get("DB_PASSWORD", "")`: no default, gaps42b), which joins no two halves,
  // nor a blank one (`strings.Split(h, " ")`, 51a-10).
  {
    applies: /"[^\S\n]*(?:\+[^\S\n]*)?"/,
    escape: /"[^\S\n]*(?:\+[^\S\n]*)?"(?!(?<=(?:^|\s)"")(?:\s|$)|(?<=[(,][^\S\n]{0,8}"[^\S\n]{0,8}")[^\S\n]{0,8}[),])/g,
    decode: () => '',
  },
  // Zero-width spaces, joiners, the BOM, a soft hyphen: invisible, and left out by whoever joins the text.
  { applies: FORMAT, escape: FORMATS, decode: () => '' },
  // Unicode compatibility forms (full-width `ｐａｓｓｗｏｒｄ＝`, `①`) as NFKC folds them: a reviewer reads the name all the
  // same. A run of non-ASCII characters at once, so each character it gives maps to the whole run.
  { applies: NON_ASCII, escape: /[\u0080-\uffff]+/g, decode: folded },
  ACCENTED_NAMES, // `contraseña: x`, `hasło=x` (51a-12)
  {
    applies: /[A-Za-z0-9+/_-]{16}/,
    escape: BASE64_RUN,
    decode: (run, text, at) =>
      inPublicArmour(text, at, run.length)
        ? armouredText(run)
        : base64Text(
            run,
            () => mayInflateAt(text, at),
            aloneIn(text, at, run),
            () => mayTryBrotliAt(text, at, run),
          ),
  },
  WRAPPED_BASE64,
  // `xxd -p` of `password=…`, a K3s token as hex bytes (57a-6), of gzip data (60b-2); base32 of a key's DER (60a-9)
  {
    ...HEX_RUNS,
    decode: (run, text, at) =>
      afterDigestAlgorithm(text, at, run)
        ? undefined
        : payloadText(Buffer.from(run.replace(/^0[xX]/, ''), 'hex'), () => mayInflateAt(text, at), false, false),
  },
  // 72b-3: `xxd -p`'s lines (60 digits each) joined, so a keystore or a key's DER read whole, not a line at a time.
  {
    applies: /\n(?<=[0-9a-f]{24}\r?\n)[ \t]*[0-9a-f]{2}/i, // from the line break, as WRAPPED_BASE64's (81c-4)
    escape: WRAPPED_HEX,
    decode: (run) => payloadText(Buffer.from(run.replace(/\s/g, ''), 'hex'), undefined, false, false),
  },
  HEX_GROUPS, // `xxd`'s default grouping, spaced or colon-separated bytes, as text only (68a-11)
  { ...BASE32_RUNS, decode: (run, text, at) => payloadText(Buffer.from(base32Bytes(run)), () => mayInflateAt(text, at)) },
  { ...WRAPPED_BASE32, decode: (run) => payloadText(WRAPPED_BASE32.bytes(run), undefined, false, false) }, // 74a-4
  ASCII85_RUNS, // `<~…~>` (71a-10)
  UUENCODED_BLOCKS, // `begin 644 env.txt` (73b-4)
  NUMERIC_BYTE_LISTS, // `String.fromCharCode(100, 97, …)`, `01100100 01100001 …` (73b-4)
  SMTP_AUTH_LOGIN, // `334 UGFzc3dvcmQ6` then the password in base64 (73b-4)
  TOLD_TRANSFORMS, // `echo '…' | rev`, `| tr 'A-Za-z' 'N-ZA-Mn-za-m'` (73b-4)
  BASE58_KEYS, // a Solana keypair, a WIF key, labelled base58 (73b-4)
  XML_MARKUP,
  LINE_PREFIXES,
];

/** `text` with every escape of `decoding` undone, or undefined where none was. */
function decodeOnce(text: string, decoding: Decoding): Decoded | undefined {
  // Pieces in order: where each starts in the decoded text, the span it came from, and whether it is kept as written.
  const [from, start, end, kept]: [number[], number[], number[], boolean[]] = [[], [], [], []];
  const parts: string[] = [];
  let [at, length] = [0, 0];
  const piece = (part: string, source: number, to: number, asWritten: boolean) => {
    if (!part) return;
    from.push(length);
    start.push(source);
    end.push(to);
    kept.push(asWritten);
    parts.push(part);
    length += part.length;
  };
  for (const match of text.matchAll(decoding.escape)) {
    const decoded = decoding.decode(match[0], text, match.index);
    if (decoded === undefined) continue;
    piece(text.slice(at, match.index), at, match.index, true);
    at = match.index + match[0].length;
    piece(decoded, match.index, at, false);
  }
  if (at === 0) return undefined;
  piece(text.slice(at), at, text.length, true);
  /** The piece the decoded text's character `i` is in. */
  const pieceOf = (i: number): number => {
    let [low, high] = [0, from.length - 1];
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (from[middle] <= i) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  return {
    text: parts.join(''),
    start: (i) => {
      const p = pieceOf(i);
      return kept[p] ? start[p] + i - from[p] : start[p];
    },
    end: (i) => {
      const p = pieceOf(i);
      return kept[p] ? start[p] + i - from[p] + 1 : end[p];
    },
  };
}

/** `inner`, decoded from `outer.text`, mapped onto what `outer` was decoded from. */
const through = (outer: Decoded, inner: Decoded): Decoded => ({
  text: inner.text,
  start: (i) => outer.start(inner.start(i)),
  end: (i) => outer.end(inner.end(i) - 1),
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
  decoded.start(start),
  decoded.end(end - 1),
];

/**
 * Binary data (YAML's `!!binary`, a Buffer in props) as the text it decodes to: go-yaml decodes `!!binary` into the
 * string a chart or app reads, so it is judged as that text (invalid UTF-8 as U+FFFD, which hides nothing).
 */
export function binaryAsText(value: Uint8Array): string {
  return new TextDecoder().decode(value);
}
