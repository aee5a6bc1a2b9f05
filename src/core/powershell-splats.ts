import type { Literal } from './powershell-literals';

/**
 * PowerShell splatting (attack round 45a-11): `$a = @{ String = 'pw'; AsPlainText = $true }` then `Cmdlet @a` gives the
 * cmdlet the hashtable's keys as its parameters and their values as theirs (learn.microsoft.com about_Splatting).
 * securestring-arguments.ts reads a splat given to ConvertTo-SecureString so. A hashtable is read once per text, at a
 * line's start (maybe `[ordered]`), its entries `Key = value` apart by `;` or line breaks up to its `}`.
 */

/** One entry: its key, and its value as written; a quoted literal's text and span (inside its quotes) too. */
export interface SplatEntry {
  key: string;
  written: string;
  literal?: Literal;
}

/** A quoted value (PowerShell doubles a quote inside). */
const QUOTED = String.raw`"(?:[^"\n]|"")*"|'(?:[^'\n]|'')*'`;
const HASHTABLE = /^[ \t]*\$([A-Za-z_]\w{0,63})[ \t]*=[ \t]*(?:\[ordered\][ \t]*)?@\{/gim;
/** An entry at the body's `at`: its key (maybe quoted) and value (a quoted one maybe in parentheses, else to `;`, `}` or the line's end). */
const ENTRY = new RegExp(
  String.raw`[ \t\r\n;]*(?:(["'])?([A-Za-z]\w{0,63})\1?)[ \t]*=[ \t]*(?:\(?[ \t]*(${QUOTED})[ \t]*\)?|([^;\n}]*))`,
  'dy',
);
/** The longest hashtable read, and the most entries. */
const MAX_BODY = 4096;
const MAX_ENTRIES = 32;

/** The entries of the hashtable whose `{` is `text[at]`. */
function entriesAt(text: string, at: number): SplatEntry[] {
  const entries: SplatEntry[] = [];
  const end = Math.min(text.length, at + MAX_BODY);
  ENTRY.lastIndex = at + 1;
  for (let entry: RegExpExecArray | null; entries.length < MAX_ENTRIES && ENTRY.lastIndex < end && (entry = ENTRY.exec(text));) {
    const [, , key, quoted, other] = entry;
    if (quoted !== undefined) {
      const [start, stop] = entry.indices![3];
      entries.push({ key, written: quoted, literal: { value: quoted, span: [start + 1, stop - 1] } });
    } else entries.push({ key, written: other.trim() });
    // Past the value's `)` and blanks to the next entry.
    while (ENTRY.lastIndex < end && /[ \t)]/.test(text[ENTRY.lastIndex])) ENTRY.lastIndex++;
    if (text[ENTRY.lastIndex] === '}') break;
  }
  return entries;
}

/** The hashtables of `text` set to a variable, read on the first use: `splatBefore('@a', at)`, the last `$a` set before `at`. */
export function splatsIn(text: string) {
  let tables: Map<string, Array<{ at: number; entries: SplatEntry[] }>> | undefined;
  return (word: string, before: number): SplatEntry[] | undefined => {
    if (!/^@[A-Za-z_]\w*$/.test(word)) return undefined;
    if (!tables) {
      tables = new Map();
      if (text.includes('@{'))
        for (const table of text.matchAll(HASHTABLE)) {
          const name = table[1].toLowerCase();
          const list = tables.get(name) ?? [];
          list.push({ at: table.index, entries: entriesAt(text, table.index + table[0].length - 1) });
          tables.set(name, list);
        }
    }
    const list = tables.get(word.slice(1).toLowerCase()) ?? [];
    // The last set before `before` (the list is in the text's order): a binary search.
    let [low, high] = [0, list.length];
    while (low < high) {
      const mid = (low + high) >> 1;
      if (list[mid].at < before) low = mid + 1;
      else high = mid;
    }
    return list[low - 1]?.entries;
  };
}
