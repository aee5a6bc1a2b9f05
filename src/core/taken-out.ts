/** What secrets.ts reads again once a first secret of a text is taken out (secretSetInText). */

/**
 * `text` with `value` replaced by TAKEN_OUT where it stands as a whole value, between a separator or quote and a
 * blank, a clause's end, a closing bracket or quote, or the end: never as the head or tail of a longer one (`hunter2`
 * in `token=hunter2S3` or `token=hunter2!x`, which is another secret).
 */
export function takenOut(text: string, value: string): string {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<=^|[\\s=:"'\`(\\[{<,;&])${escaped}(?=$|[\\s,;&"'\`)\\]}>])`, 'g'), TAKEN_OUT);
}

/** What stands for a secret already found in a text, when the text is read again for another: a reference, no secret. */
export const TAKEN_OUT = '$(FOUND)';
/** A finding that is TAKEN_OUT, alone or then a blank, `;` or `&` (where an assigned value ends): the first secret, read again. */
export const AGAIN = /^\$\(FOUND\)(?:$|[\s;&])/;
