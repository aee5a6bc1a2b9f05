/**
 * A probe: a text read once more with some of its parts written as what they stand for (variable-literals.ts writes a
 * variable's reference as its literal, fed-files.ts a read of a file or descriptor as the literal written there). A
 * finding in the probe is the text's where it lies: in a part put there, the text's characters that part was written
 * from (each written character's place in the text, where known, else the literal's span); in a part copied as it
 * stood, the same characters of the text (44a-3: `F=/tmp/p; echo 'root:pw' > "$F"; chpasswd < "$F"` finds the
 * `echo`'s literal, which the probe copies).
 */

/** A part of the text (`at` to `end`) written as `written`. */
export interface ProbeEdit {
  at: number;
  end: number;
  written: string;
  /** Each written character's place in the text (-1: none, such as a quote or a line break written as `\n`). */
  map?: readonly number[];
  /** The literal put there: its span in the text and its value (none: a part only moved or left out). */
  source?: { span: [number, number]; value: string };
}

/** A part of the probe: copied from the text (no edit) or put there by an edit. */
interface Part {
  from: number;
  to: number;
  /** Where the part's first character stands in the text. */
  textAt: number;
  edit?: ProbeEdit;
}

export interface Probe {
  probe: string;
  parts: Part[];
}

/** How many characters the edits of one probe write (each probe is read through: its size is the time a read takes). */
const MAX_WRITTEN = 1 << 21;

/**
 * The probe of `text` with `edits` made (an edit that starts inside an earlier one is left out, and those after
 * MAX_WRITTEN characters written).
 */
export function probeOf(text: string, edits: ProbeEdit[]): Probe {
  edits.sort((a, b) => a.at - b.at || a.end - b.end);
  const chunks: string[] = [];
  const parts: Part[] = [];
  let length = 0;
  let done = 0;
  const put = (written: string, textAt: number, edit?: ProbeEdit): void => {
    if (!written) return;
    parts.push({ from: length, to: length + written.length, textAt, edit });
    chunks.push(written);
    length += written.length;
  };
  let written = 0;
  for (const edit of edits) {
    if (edit.at < done || (written += edit.written.length) > MAX_WRITTEN) continue;
    put(text.slice(done, edit.at), done);
    put(edit.written, edit.at, edit);
    done = edit.end;
  }
  put(text.slice(done), done);
  return { probe: chunks.join(''), parts };
}

/** The first part that ends after `k`. */
function partAt(parts: readonly Part[], k: number): number {
  let [low, high] = [0, parts.length - 1];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (parts[middle].to <= k) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The text's spans of a probe's findings: in a part put there, its written characters' places (the literal's span where
 * none is known); in a part copied, the same characters. A finding over several parts is the literal's whose value holds
 * its text (`"$P"x`: the literal read with what follows it), else none (`"$P$(cat f)"`: a literal is a part of it).
 */
export function textSpans({ probe, parts }: Probe, spans: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (const [start, end] of spans) {
    if (end <= start || parts.length === 0) continue;
    const part = parts[partAt(parts, start)];
    if (end <= part.to && !part.edit) found.push([part.textAt + start - part.from, part.textAt + end - part.from]);
    else if (end <= part.to && part.edit?.source) found.push(writtenSpan(part, start, end) ?? part.edit.source.span);
    else {
      const slice = probe.slice(start, end);
      for (const { edit } of parts) if (edit?.source && edit.source.value.includes(slice) && start < end) found.push(edit.source.span);
    }
  }
  return found;
}

/** The text's span of the written characters `start` to `end` of a part put there, where the edit maps them. */
function writtenSpan({ from, edit }: Part, start: number, end: number): [number, number] | undefined {
  if (!edit?.map) return undefined;
  let [low, high] = [Infinity, -1];
  for (let k = start - from; k < end - from; k++) {
    const at = edit.map[k] ?? -1;
    if (at >= 0) [low, high] = [Math.min(low, at), Math.max(high, at)];
  }
  return high < 0 ? undefined : [low, high + 1];
}

/** `value` single-quoted for a shell (`'` as `'\''`), with each written character's place (`map`: the value's). */
export function singleQuoted(value: string, map: readonly number[]): { written: string; map: number[] } {
  let written = "'";
  const out = [-1];
  for (let k = 0; k < value.length; k++) {
    if (value[k] === "'") {
      written += `'\\''`;
      out.push(-1, -1, map[k] ?? -1, -1);
    } else {
      written += value[k];
      out.push(map[k] ?? -1);
    }
  }
  return { written: `${written}'`, map: [...out, -1] };
}
