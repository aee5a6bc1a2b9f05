import { UNSHOWN_PLACEHOLDER } from './generated-quotes';
import { REDACTED } from './secret-shapes';

/**
 * What a redaction left out of a text (67a-22): the parts of `raw` that `printed` shows as a placeholder (REDACTED, or a
 * generated-looking value said by its size). A printer that judges each line alone (a dry run's patch) hides a value
 * where its line says it is one; the same value on another line (a README table beside a diagram's label) must be
 * hidden too, so the caller blanks these parts on every line.
 */

/** A placeholder a redaction writes where a value was. */
const PLACEHOLDER = new RegExp(`${REDACTED}|${UNSHOWN_PLACEHOLDER.source}`, 'g');
/** A run of letters and digits of any script: where the placeholders cannot be lined up, the words `printed` lost. */
const WORD = /[\p{L}\p{N}_]+/gu;

/**
 * The parts of `raw` that `printed` replaced: the text between the pieces it kept, which stand in it in order. Where
 * they do not (a redaction that also rewrote what it kept, such as a value's escapes), each word of `raw` that
 * `printed` no longer holds.
 */
export function hiddenParts(raw: string, printed: string): string[] {
  if (raw === printed) return [];
  const kept = printed.split(PLACEHOLDER);
  if (kept.length > 1 && raw.startsWith(kept[0])) {
    const parts: string[] = [];
    let at = kept[0].length;
    for (let i = 1; i < kept.length; i++) {
      const last = i === kept.length - 1;
      // The last piece ends the text; one between placeholders is the first place it stands after the part before.
      const next = last
        ? raw.endsWith(kept[i]) && raw.length - kept[i].length >= at
          ? raw.length - kept[i].length
          : -1
        : raw.indexOf(kept[i], at);
      if (next < 0) return lostWords(raw, printed);
      if (next > at) parts.push(unquoted(raw.slice(at, next)));
      at = next + kept[i].length;
    }
    return parts.filter((part) => part !== '');
  }
  return lostWords(raw, printed);
}

/** The words of `raw` that `printed` does not hold. */
const lostWords = (raw: string, printed: string): string[] => [...new Set(raw.match(WORD) ?? [])].filter((word) => !printed.includes(word));

/** A part without the blanks and quotes around it (a quoted value said by its size took its quotes): the value. */
function unquoted(part: string): string {
  const edge = /[\s"'`]/;
  let [start, end] = [0, part.length];
  while (start < end && edge.test(part[start])) start++;
  while (end > start && edge.test(part[end - 1])) end--;
  return part.slice(start, end);
}
