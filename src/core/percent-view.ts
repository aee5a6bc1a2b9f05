/**
 * A message read as a URL reader reads it, for the copies of a secret pasted percent-encoded (attack round 52a-17):
 * `%51%7a%37…` in lower or upper case hex, or some characters only (`Qz%37vTq…`), decodes to the secret, so the
 * decoded text is searched, and a copy found there is blanked where it stands in the message (its `%XX` with it).
 * Bytes are read as UTF-8 where they form it (`%C3%A9` is `é`, as decodeURIComponent reads them); a byte that does not
 * stays as written.
 */

/** A decoded text and, for each of its UTF-16 units, the span of the message it was read from. */
export interface DecodedView {
  readonly text: string;
  readonly from: readonly number[];
  readonly to: readonly number[];
}

const ESCAPES = /(?:%[0-9A-Fa-f]{2})+/g;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** How many bytes a UTF-8 sequence that starts with `lead` has (0: no lead byte). */
const sequenceLength = (lead: number): number =>
  lead < 0x80 ? 1 : lead < 0xc2 ? 0 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : lead < 0xf5 ? 4 : 0;

/** `message` with every `%XX` decoded (above), or undefined where it holds none. */
export function percentDecodedView(message: string): DecodedView | undefined {
  if (!message.includes('%')) return undefined;
  const parts: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const keep = (start: number, end: number) => {
    parts.push(message.slice(start, end));
    for (let at = start; at < end; at++) {
      from.push(at);
      to.push(at + 1);
    }
  };
  let done = 0;
  for (const run of message.matchAll(ESCAPES)) {
    keep(done, run.index);
    const bytes = Uint8Array.from({ length: run[0].length / 3 }, (_, k) => parseInt(run[0].slice(3 * k + 1, 3 * k + 3), 16));
    for (let k = 0; k < bytes.length;) {
      const at = run.index + 3 * k;
      const size = sequenceLength(bytes[k]);
      let read: string | undefined;
      try {
        read = size && k + size <= bytes.length ? utf8.decode(bytes.subarray(k, k + size)) : undefined;
      } catch {
        read = undefined;
      }
      if (read === undefined) {
        // A byte that is no UTF-8 here stays as written.
        keep(at, at + 3);
        k++;
        continue;
      }
      parts.push(read);
      for (let unit = 0; unit < read.length; unit++) {
        from.push(at);
        to.push(at + 3 * size);
      }
      k += size;
    }
    done = run.index + run[0].length;
  }
  if (!parts.length) return undefined;
  keep(done, message.length);
  return { text: parts.join(''), from, to };
}
