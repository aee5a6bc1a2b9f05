import { brotliDecompressSync } from 'node:zlib';
import { bytesAsText } from './byte-run-decodings';
import { triesPerText } from './tries-per-text';

/**
 * Round 73 (73b-4): brotli data (Node's `zlib.brotliCompressSync`, `brotli -c`, a web server's precompressed `.br`),
 * written as base64, decoded to the text an app that decompresses it reads. Brotli has no magic number (RFC 7932 §9.1:
 * a stream starts with its window size), so any base64 run whose bytes are neither text nor a known stream may be
 * brotli: it is tried, and taken only where it decompresses whole to text (random bytes that happen to decode give
 * control characters). Bounds as gzip-members.ts': 1 MiB out at most and 100 times the input; past them it is not read.
 * A try costs a decoder's setup (~0.2 ms): a text's first MAX_BROTLI_TRIES candidate runs are tried, no more (tries-per-text.ts).
 */
const MAX_OUT = 1024 * 1024;
const MAX_RATIO = 100;
const MAX_BROTLI_TRIES = 32;
/** Shorter bytes are no compressed text worth a try (`password=abc` compresses to 16 bytes at least). */
const MIN_BYTES = 12;

/** The text `bytes` decompress to as brotli, or undefined. */
export function brotliText(bytes: Buffer): string | undefined {
  if (bytes.length < MIN_BYTES) return undefined;
  try {
    const out = brotliDecompressSync(bytes, { maxOutputLength: Math.min(MAX_OUT, bytes.length * MAX_RATIO) });
    // Random bytes often decode to nothing (a stream whose first block is its last, empty): no text was compressed there.
    return out.length ? bytesAsText(out) : undefined;
  } catch {
    return undefined; // no brotli, damaged, or past a bound
  }
}

const tries = triesPerText(MAX_BROTLI_TRIES);

/**
 * Whether the base64 run `run` at `at` of `text` may be tried as brotli: among the text's first MAX_BROTLI_TRIES
 * candidates, and not hex digits only (81c-4): compressed bytes in base64 use all 64 characters, so a run of 16 or more in
 * the 22 of hex is one by chance once in 10^7 or less, while each line of a SHA256SUMS list cost a failed decoder's setup.
 */
export const mayTryBrotliAt = (text: string, at: number, run: string): boolean => !HEX_ONLY.test(run) && tries(text, at);
const HEX_ONLY = /^[0-9a-fA-F]*$/;
