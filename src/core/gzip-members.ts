import { constants, gunzipSync } from 'node:zlib';

/**
 * Round 59 (59a-5): gzip data written as base64 (`H4sI…`: the magic `1f 8b` and deflate's method `08`, RFC 1952 §2.3.1),
 * the ordinary reason to put a file in a ConfigMap's `binaryData`. An app that mounts it inflates it and reads the text:
 * the gate inflates it too (text-decodings.ts) and judges the text as it judges base64 of text.
 *
 * Bounds: one run inflates to 1 MiB at most (a ConfigMap holds 1 MiB in all: kubernetes.io/docs/concepts/configuration/
 * configmap, "The data stored in a ConfigMap cannot exceed 1 MiB") and to 100 times its own size at most (deflate reaches
 * ~1000:1 on a run of one byte; text, even a log, stays far below 100:1), and a text's first MAX_GZIP_RUNS runs are
 * inflated, so a text of small bombs costs at most a few MiB. What inflates past a bound is data the gate cannot read,
 * though an app reads it: it may hide anything past the bound, so it is refused (gzipUnreadSpans). A truncated stream
 * is judged as far as it inflates (what `zcat` prints, then an error); a stream damaged inside inflates to nothing any
 * reader takes (Go's gzip.Reader and Node's both fail before giving the text), so it hides nothing and is not refused.
 */
const MAX_INFLATED = 1024 * 1024;
const MAX_RATIO = 100;
export const MAX_GZIP_RUNS = 8;

/**
 * A base64 run that starts as gzip data does (`1f 8b 08`), where a base64 run starts: on one line, as `binaryData` and
 * `base64 -w0` write it (a wrapped run's first line is read as far as it inflates, as text-decodings.ts reads it).
 */
const GZIP_RUN = /(?<![A-Za-z0-9+/_-])H4sI[A-Za-z0-9+/]{12,}={0,2}/g;
/** A gzip run's head, to count the runs before one (the first MAX_GZIP_RUNS are inflated). */
const GZIP_HEAD = /(?<![A-Za-z0-9+/_-])H4sI/g;

/** What gzip bytes inflate to: the bytes, TOO_FAR where they go past a bound, undefined where they are no gzip data or damaged. */
export const TOO_FAR = 'too far';
export function inflated(bytes: Buffer): Buffer | typeof TOO_FAR | undefined {
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[2] !== 8) return undefined;
  const maxOutputLength = Math.min(MAX_INFLATED, bytes.length * MAX_RATIO);
  for (const finishFlush of [constants.Z_FINISH, constants.Z_SYNC_FLUSH]) {
    try {
      return gunzipSync(bytes, { maxOutputLength, finishFlush });
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return TOO_FAR;
    }
  }
  return undefined;
}

/** Whether the gzip run at `at` of `text` is among its first MAX_GZIP_RUNS (counted once per run: at most that many heads). */
export function mayInflateAt(text: string, at: number): boolean {
  GZIP_HEAD.lastIndex = 0;
  let before = 0;
  for (let m = GZIP_HEAD.exec(text); m && m.index < at; m = GZIP_HEAD.exec(text)) if (++before >= MAX_GZIP_RUNS) return false;
  return true;
}

/** What the refusal of gzip data the gate does not read says (secrets-formats.ts FORMAT_FINDERS). */
export const UNREAD_GZIP = `gzip data the gate cannot read whole (it inflates past 1 MiB or 100 times its size, or is past a text's first ${MAX_GZIP_RUNS} gzip runs): store it uncompressed`;

/** The gzip runs of `text` the gate does not read: past a bound, or past the first MAX_GZIP_RUNS. */
export function gzipUnreadSpans(text: string): Array<[number, number]> {
  if (!text.includes('H4sI')) return [];
  const spans: Array<[number, number]> = [];
  let runs = 0;
  for (const { index, 0: run } of text.matchAll(GZIP_RUN)) {
    if (++runs > MAX_GZIP_RUNS || inflated(Buffer.from(run, 'base64')) === TOO_FAR) spans.push([index, index + run.length]);
  }
  return spans;
}
