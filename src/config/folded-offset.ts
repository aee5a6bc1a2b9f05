import type { Scalar } from 'yaml';

/**
 * Where an offset in the value of a folded block (`>`), a quoted text over several lines or a plain one over several
 * lines stands in the config text (attack 40b-7: a problem inside such an `extraObjects` text item pointed at the item's
 * first line). Folding only changes blanks: it joins lines with a space, turns blank lines into line breaks and drops
 * each line's indentation, but keeps every other character, in order. So where the value's characters that are no
 * blanks are exactly the file's, the n-th of them in the value is the n-th in the file. Where they are not (a quoted
 * text with escapes, `\n` or `''`, which read as other characters), nothing is said and the item's line stands.
 */

const BLANK = /[ \t\r\n]/;

/** The offsets of the characters that are no blanks, in `text` from `start` to `end`. */
function marks(text: string, start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i++) if (!BLANK.test(text[i])) out.push(i);
  return out;
}

/** Per node: the value's and the file's offsets of their characters that are no blanks, or null where they differ. */
const aligned = new WeakMap<Scalar, { value: number[]; file: number[] } | null>();

function alignment(node: Scalar, value: string, text: string): { value: number[]; file: number[] } | null {
  if (aligned.has(node)) return aligned.get(node)!;
  let found: { value: number[]; file: number[] } | null = null;
  const region = regionOf(node, text);
  if (region) {
    const [inValue, inFile] = [marks(value, 0, value.length), marks(text, region[0], region[1])];
    if (inValue.length === inFile.length && inValue.every((at, i) => value[at] === text[inFile[i]]))
      found = { value: inValue, file: inFile };
  }
  aligned.set(node, found);
  return found;
}

/** Where the scalar's written characters stand in the file: after a block's header line, inside quotes without escapes. */
function regionOf(node: Scalar, text: string): [number, number] | undefined {
  const [start, end] = node.range!;
  switch (node.type) {
    case 'BLOCK_FOLDED': {
      const header = text.indexOf('\n', start);
      return header < 0 || header >= end ? undefined : [header + 1, end];
    }
    case 'QUOTE_DOUBLE':
      return text.slice(start + 1, end - 1).includes('\\') ? undefined : [start + 1, end - 1];
    case 'QUOTE_SINGLE':
      return text.slice(start + 1, end - 1).includes("''") ? undefined : [start + 1, end - 1];
    case 'PLAIN':
      return [start, end];
    default:
      return undefined;
  }
}

/** `inner` (an offset in the scalar's value, at a character that is no blank) in the file, or undefined. */
export function foldedOffset(node: Scalar, inner: number, text: string): number | undefined {
  const value = node.value;
  if (typeof value !== 'string' || !node.range || inner < 0 || inner >= value.length || BLANK.test(value[inner])) return undefined;
  const found = alignment(node, value, text);
  if (!found) return undefined;
  // Binary search: the rank of `inner` among the value's characters that are no blanks.
  let [low, high] = [0, found.value.length - 1];
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (found.value[mid] === inner) return found.file[mid];
    if (found.value[mid] < inner) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}
