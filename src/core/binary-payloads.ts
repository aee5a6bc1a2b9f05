import { isStoredKey } from './binary-keystores';
import { brotliText } from './brotli-payloads';
import { bytesAsText } from './byte-run-decodings';
import { derElement, isDerKey } from './der-keys';
import { inflated, streamKind } from './gzip-members';
import { isPkcs12WithKey } from './key-containers';
import { isZip, zipMembersInflated } from './zip-members';

/**
 * Decoded bytes (base64, hex or base32 of something) as the text a reader finds in them (round 60):
 * - text itself (UTF-8 or UTF-16: byte-run-decodings.ts);
 * - gzip or zlib data as the text it inflates to, within gzip-members.ts' bounds, a stream inside a stream too
 *   (`gzip | gzip`); raw deflate only where the run is its text's one run (it has no magic to tell it: 60b-2);
 * - brotli data as the text it decompresses to, where the caller allows a try (brotli-payloads.ts, 73b-4);
 * - a private key's DER as its base64, which the shapes read (secret-shapes.ts: base32 of a key, 60a-9), and so a
 *   keystore holding a key (a PKCS#12, Java or OpenPGP one, a keytab…: key-containers.ts, binary-keystores.ts), whose
 *   base64 the same readers refuse (72b-3: `xxd -p`, `base32` of a `.p12`, `.jks`, `.keytab` or `gpg` export);
 * - other binary data (a tar or a stored zip of a `.env`, a few bytes before `DB_PASSWORD=…`: 60b-1) as its printable
 *   runs, one a line, as `strings` prints them (GNU binutils strings: runs of printable characters), 8 characters at
 *   least so a digest's or a key's random bytes give next to nothing; whatever the first byte (a tar, cpio, zip);
 *   a zip's deflated members inflated first, each read as above (zip-members.ts, 71a-16).
 *   Not a DER SEQUENCE's that spans the bytes (a certificate's subject and URLs are no secret; a key's DER is read above).
 * Each reader is linear in the bytes, and inflation is bounded in size and in count per text (mayInflateAt).
 */

/** How many streams inside a stream are inflated (each within the bounds). */
const MAX_NESTED = 3;
const PRINTABLE_RUN = /[\t\x20-\x7e]{8,}/g;

/**
 * `bytes` as the text a reader finds in them, or undefined; `inflate`: whether a stream may be inflated, asked only of
 * one (mayInflateAt reads the text before the run: asked of every run, it cost a pass each), `raw`: raw deflate too;
 * `binaryRuns`: whether bytes neither text, a stream nor a key are read as their printable runs (off for hex, below);
 * `brotli`: whether such bytes may be tried as brotli (brotli-payloads.ts: asked only of them, a few a text).
 */
export function payloadText(
  bytes: Buffer,
  inflate: () => boolean = () => false,
  raw = false,
  binaryRuns = true,
  brotli: () => boolean = () => false,
): string | undefined {
  let data = bytes;
  const mayInflate = (streamKind(data) !== undefined || raw) && inflate();
  for (let level = 0; mayInflate && level < MAX_NESTED; level++) {
    const out = streamKind(data) ? inflated(data) : level === 0 && raw && !bytesAsText(data) ? inflated(data, true) : undefined;
    if (!(out instanceof Buffer)) break; // TOO_FAR: refused as unread (gzipUnreadSpans); damaged: judged as written
    data = out;
  }
  const text = bytesAsText(data);
  if (text !== undefined) return text;
  if ((data.length >= 60 && isDerKey(data)) || isStoredKey(data) || isPkcs12WithKey(data)) return data.toString('base64');
  if (isDerSequence(data) || streamKind(data)) return undefined;
  const unpacked = data === bytes && brotli() ? brotliText(data) : undefined;
  if (unpacked !== undefined) return unpacked;
  // 70a-22: hex is how digests and ids are written (`sha256:31995d4e…` held `1n*5@1UGq`, read as a URL with
  // credentials): its bytes are read as text only where they are text as a whole, or once inflated.
  if (!binaryRuns && data === bytes) return undefined;
  const members = isZip(data) && inflate() ? zipMembersInflated(data).map((member) => payloadText(member) ?? '') : [];
  const runs = data.toString('latin1').match(PRINTABLE_RUN) ?? [];
  return [...members, ...runs].join('\n') || undefined;
}

/**
 * Whether bytes are one DER SEQUENCE by its structure (X.690 §8.1: tag 0x30, a length, content that ends where the bytes
 * end), not by its first byte alone: 0x30 is also ASCII `0`, how a tar of `00-db.env` and every cpio archive (`0707…`)
 * begin (review61-2).
 */
function isDerSequence(data: Buffer): boolean {
  const outer = derElement(data, 0);
  return outer?.tag === 0x30 && outer.start + outer.length === data.length;
}
