import { constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

/**
 * Round 59 (59a-5): gzip data written as base64 (`H4sI…`: the magic `1f 8b` and deflate's method `08`, RFC 1952 §2.3.1),
 * the ordinary reason to put a file in a ConfigMap's `binaryData`. An app that mounts it inflates it and reads the text:
 * the gate inflates it too (binary-payloads.ts) and judges the text as it judges base64 of text. Round 60 (60b-2, 60a-9):
 * zlib data too (`eJw…`: RFC 1950, Python's `zlib.compress`), and raw deflate (RFC 1951) where it is a text's one run;
 * bzip2 (`BZh`), xz (`FD 37 7A 58 5A 00`) and zstd (`28 B5 2F FD`), which Node's zlib cannot read, are refused.
 *
 * Bounds: one run inflates to 1 MiB at most (a ConfigMap holds 1 MiB in all: kubernetes.io/docs/concepts/configuration/
 * configmap, "The data stored in a ConfigMap cannot exceed 1 MiB") and to 100 times its own size at most (deflate reaches
 * ~1000:1 on a run of one byte; text, even a log, stays far below 100:1), and a text's first MAX_GZIP_RUNS runs are
 * inflated, so a text of small bombs costs at most a few MiB. What inflates past a bound is data the gate cannot read,
 * though an app reads it: it may hide anything past the bound, so it is refused (gzipUnreadSpans). A truncated stream
 * is judged as far as it inflates (what `zcat` prints, then an error); a stream damaged inside inflates to nothing any
 * reader takes (Go's gzip.Reader and Node's both fail before giving the text), so it hides nothing and is not refused.
 * Each check of a text inflates its runs again: the last few inflations are remembered (review60-9).
 */
const MAX_INFLATED = 1024 * 1024;
const MAX_RATIO = 100;
export const MAX_GZIP_RUNS = 8;

/** The kind of compressed stream bytes start with: gzip, zlib (as zlib and Python write it), or one Node cannot read. */
export function streamKind(bytes: Uint8Array): 'gzip' | 'zlib' | 'unreadable' | undefined {
  if (bytes.length < 6) return undefined;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 8) return 'gzip';
  if (bytes[0] === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(bytes[1])) return 'zlib'; // a 32 KiB window, levels 1, 2-5, 6, 7-9 (RFC 1950 §2.2)
  const head = Buffer.from(bytes.subarray(0, 6)).toString('latin1');
  if (/^BZh[1-9]1AY&SY/.test(Buffer.from(bytes.subarray(0, 10)).toString('latin1'))) return 'unreadable'; // bzip2 with a block
  if (head === '\xfd7zXZ\x00' || head.startsWith('\x28\xb5\x2f\xfd')) return 'unreadable'; // xz (tukaani.org xz-file-format), zstd (RFC 8878)
  return isLzmaAlone(bytes) ? 'unreadable' : undefined;
}

/**
 * 71a-2: the legacy `.lzma` container (`xz --format=lzma`, `lzma`): the properties byte 0x5D (lc 3, lp 0, pb 2, every
 * encoder's default), a dictionary of whole 64 KiB, then the size: unknown (eight 0xFF) or under 2^48 (tukaani.org
 * xz/lzma-file-format.txt, "1.1 Header").
 */
function isLzmaAlone(bytes: Uint8Array): boolean {
  if (bytes.length < 13 || bytes[0] !== 0x5d || bytes[1] !== 0 || bytes[2] !== 0) return false;
  const size = bytes.subarray(5, 13);
  return size.every((byte) => byte === 0xff) || (size[6] === 0 && size[7] === 0);
}

/** The last inflations, by kind and bytes (review60-9): a text is checked many times (every door, the dist gate's groups). */
const REMEMBERED = new Map<string, Buffer | typeof TOO_FAR | undefined>();
const MAX_REMEMBERED = 16;

/** What gzip, zlib or raw deflate bytes inflate to: the bytes, TOO_FAR past a bound, undefined where they are no such data or damaged. */
export const TOO_FAR = 'too far';
export function inflated(bytes: Buffer, raw = false): Buffer | typeof TOO_FAR | undefined {
  const kind = raw ? 'raw' : streamKind(bytes);
  if ((kind !== 'gzip' && kind !== 'zlib' && kind !== 'raw') || (kind === 'gzip' && bytes.length < 18)) return undefined;
  const key = kind + bytes.toString('latin1');
  if (REMEMBERED.has(key)) {
    const known = REMEMBERED.get(key);
    REMEMBERED.delete(key);
    REMEMBERED.set(key, known);
    return known;
  }
  const result = inflatedNow(bytes, kind);
  REMEMBERED.set(key, result);
  if (REMEMBERED.size > MAX_REMEMBERED) REMEMBERED.delete(REMEMBERED.keys().next().value as string);
  return result;
}

function inflatedNow(bytes: Buffer, kind: 'gzip' | 'zlib' | 'raw'): Buffer | typeof TOO_FAR | undefined {
  const maxOutputLength = Math.min(MAX_INFLATED, bytes.length * MAX_RATIO);
  const inflate = kind === 'gzip' ? gunzipSync : kind === 'zlib' ? inflateSync : inflateRawSync;
  // Raw deflate has no magic: only a whole stream is taken, so random bytes that begin like a block are not.
  for (const finishFlush of kind === 'raw' ? [constants.Z_FINISH] : [constants.Z_FINISH, constants.Z_SYNC_FLUSH]) {
    try {
      const out = inflate(bytes, { maxOutputLength, finishFlush });
      return kind === 'raw' && out.length === 0 ? undefined : out;
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return TOO_FAR;
    }
  }
  return undefined;
}

/**
 * A compressed stream's head as base64 (gzip `H4sI`, zlib `eJw…`/`eNo…`/`eF4…`/`eAE…` at levels 6, 9, 2 and 1, bzip2 `Qlpo`,
 * xz `/Td6WFo`, zstd `KLUv/`, `.lzma` `XQAA`) or hex, where a run starts; counted before a run (the first MAX_GZIP_RUNS are inflated).
 */
const BASE64_HEAD = 'H4sI|eJ[w-z]|eN[o-r]|eF[4-7]|eA[E-H]|Qlpo|\\/Td6WFo|KLUv\\/|XQAA';
const HEAD = new RegExp(`(?<![A-Za-z0-9+/_-])(?:0[xX])?(?:${BASE64_HEAD}|1f8b08|1F8B08|78(?:9c|da|5e|01|9C|DA|5E)|5[dD]0000)`, 'g');

/** The last text's MAX_GZIP_RUNS-th head offset (Infinity: fewer heads), found once per text (review61-3). */
let counted: { text: string; last: number } | undefined;

/**
 * Whether the compressed run at `at` of `text` is among its first MAX_GZIP_RUNS (counted once per run: at most that many
 * heads). The heads are counted once per text, not once per run: a text of many runs whose bytes start like a stream
 * but whose letters are no HEAD (base32 of `1f 8b 08`) cost a pass each, quadratic (review61-3: 400 kB in 18 s).
 */
export function mayInflateAt(text: string, at: number): boolean {
  if (counted?.text !== text) {
    HEAD.lastIndex = 0;
    let seen = 0;
    let last = Infinity;
    for (let m = HEAD.exec(text); m; m = HEAD.exec(text)) {
      if (++seen >= MAX_GZIP_RUNS) {
        last = m.index;
        break;
      }
    }
    counted = { text, last };
  }
  return counted.last >= at;
}

/** What the refusal of compressed data the gate does not read says (secrets-formats.ts FORMAT_FINDERS). */
export const UNREAD_GZIP = `compressed data the gate cannot read: bzip2, xz, lzma or zstd data, or gzip data the gate cannot read whole (it inflates past 1 MiB or 100 times its size, or is past a text's first ${MAX_GZIP_RUNS} compressed runs): store it uncompressed`;

/**
 * A base64 run, or a block of them wrapped as `base64` (76 columns) and `openssl base64` (64) write it: lines of one
 * length, a multiple of 4, the last no longer (wrappedBase64 joins them); or a run of hex pairs. Each line's class is
 * followed by a line break or its end, so the match is linear in time; but V8 keeps a backtrack entry per repeated
 * line and character, so its stack grows with the characters of one block (8 MiB of 76-column lines overflowed it:
 * review61-4). A block therefore has at most MAX_BLOCK_LINES lines after its first, each of MAX_LINE characters at most
 * (`base64` wraps at 76, `openssl base64` at 64), 2 MiB in all; the lines after start the next block.
 */
const MAX_BLOCK_LINES = 16_384;
const MAX_LINE = 128;
export const BASE64_BLOCK = new RegExp(
  `(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/]{16}[A-Za-z0-9+/]*(?:\\r?\\n[ \\t]*[A-Za-z0-9+/]{4,${MAX_LINE}}){0,${MAX_BLOCK_LINES}}={0,2}(?![A-Za-z0-9+/=_-])`,
  'g',
);
const HEX_RUN = /(?<![0-9A-Za-z])(?:[0-9a-fA-F]{2}){12,}(?![0-9A-Za-z])/g;

const STREAM_LINE = new RegExp(`^(?:${BASE64_HEAD})`);

/**
 * A matched block's wrapped runs, each its lines joined (every line but the last as long as the first, a multiple of 4)
 * with its [start, end) in the block; a line that starts a stream of its own (`base64 -w0` of each file, one a line)
 * starts a run of its own. Linear: each line is looked at once.
 */
export function wrappedBase64(block: string): Array<{ start: number; end: number; run: string }> {
  const lines = [...block.matchAll(/[A-Za-z0-9+/=]+/g)];
  const runs: Array<{ start: number; end: number; run: string }> = [];
  for (let i = 0; i < lines.length;) {
    const width = lines[i][0].length;
    let taken = i + 1;
    if (width % 4 === 0 && !lines[i][0].includes('=')) {
      while (
        taken < lines.length &&
        lines[taken - 1][0].length === width &&
        lines[taken][0].length <= width &&
        !STREAM_LINE.test(lines[taken][0])
      )
        taken++;
    }
    const last = lines[taken - 1];
    runs.push({
      start: lines[i].index,
      end: last.index + last[0].length,
      run: lines
        .slice(i, taken)
        .map((line) => line[0])
        .join(''),
    });
    i = taken;
  }
  return runs;
}

/** The compressed runs of `text` the gate does not read: past a bound, past the first MAX_GZIP_RUNS, or of a kind Node cannot read. */
export function gzipUnreadSpans(text: string): Array<[number, number]> {
  HEAD.lastIndex = 0;
  if (!HEAD.test(text)) return [];
  const spans: Array<[number, number]> = [];
  // As the decoders read them (binary-payloads.ts): a run past the first MAX_GZIP_RUNS heads is not inflated.
  const judge = (index: number, run: string, bytes: Buffer) => {
    const kind = streamKind(bytes);
    if (kind && (!mayInflateAt(text, index) || kind === 'unreadable' || inflated(bytes) === TOO_FAR))
      spans.push([index, index + run.length]);
  };
  for (const { index, 0: block } of text.matchAll(BASE64_BLOCK)) {
    for (const { start, end, run } of wrappedBase64(block)) judge(index + start, block.slice(start, end), Buffer.from(run, 'base64'));
  }
  for (const { index, 0: run } of text.matchAll(HEX_RUN)) judge(index, run, Buffer.from(run, 'hex'));
  return spans;
}
