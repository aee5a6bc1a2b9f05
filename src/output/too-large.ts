import { statSync } from 'node:fs';
import { printable } from '../core/problem';

/**
 * The most bytes a reader of dist/ (check, validate, k3s:install) reads of one file: the 8 MiB synth's write gate reads at
 * most (secret-gate.ts pastBound). A larger file is refused by its size, never read whole (70c-5: one line of 8 MiB ran a
 * reader out of stack, and a 200 MB file kept validate busy for minutes).
 */
const MAX_READ_BYTES = 8 << 20;

/** Thrown by readers that refuse a file by its size; its message is one line for the user. */
export class TooLargeError extends Error {}

/**
 * Why the file at `path` (`shown` in the message) is refused unread by `reader` (`check`, …), or undefined when it may be
 * read (or is gone: the read that follows says so).
 */
export function tooLargeToRead(path: string, shown: string, reader: string): string | undefined {
  return tooLargeProblem(statSync(path, { throwIfNoEntry: false })?.size ?? 0, shown, reader);
}

/** tooLargeToRead for a file whose size the caller has (an lstat it made). */
export function tooLargeProblem(size: number, shown: string, reader: string): string | undefined {
  if (size <= MAX_READ_BYTES) return undefined;
  return (
    `${printable(shown)} is ${size} bytes, more than ${reader} reads (8 MiB), so it was refused unread: no manifest is that large ` +
    '(keep large data out of the manifests: ship it in an image or a volume); move the file away, then run `npm run synth`'
  );
}
