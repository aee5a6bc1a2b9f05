/**
 * A group over several lines whose input is given to it as a whole (attack round 44a-2): bash(1) "Compound Commands":
 * a `{ list; }` or `( list )` may span lines, and the redirections after its `}` or `)` (a here-string, a here-doc, a
 * process substitution, a descriptor), or the pipe before its `{` or `(`, give every command of it its input:
 *
 *     {                           echo 'root:pw' | (
 *       chpasswd                    chpasswd
 *     } <<< 'root:pw'             )
 *
 * secrets-commands.ts reads a text line by line (after pipe-lines.ts pipesOnOneLine); such a group is read as one line (its line breaks made `;`, or blanks
 * after `{`, `(`, `|`, `&`, `;`, its comment lines blanks; each character where it stood, so a password's span is the
 * written text's), where group-input.ts follows the input into it. A group with a here-doc inside, or of more than
 * MAX_GROUP_LINES lines, is left as it is.
 */

/** A line whose last word opens a group (`{`, `(`, `$(`, `<(`), and one fed by a pipe (`… | {`, `… |& (`). */
const OPENS = /(?:^|[\s|&;$<])[{(][ \t]*\r?$/;
const PIPED_OPEN = /\|&?[ \t]*[{(][ \t]*\r?$/;
/** A line whose first word closes one: `}`, `)`. */
const CLOSES = /^[ \t]*[})]/;
/** A closing followed by an input redirection: `<<<`, a here-doc `<<[-]WORD`, `< <(…)`, `<&N` (a file gives no literal). */
const FED_CLOSE = /^[ \t]*[})][ \t]*\d?<(?:<<|<-?[ \t]*['"]?[\w.-]|[ \t]*<\(|&)/;
/** A here-doc's start (not a here-string): its body's lines must stay lines. */
const HERE_DOC = /(?<!<)<<(?!<)/;
/** How many lines a group read as one spans, and how many groups are open at once. */
const MAX_GROUP_LINES = 64;
const MAX_OPEN = 64;

/** `text` with the line breaks inside each fed group made `;` or blanks, its comment lines blanks. */
export function groupsOnOneLine(text: string): string {
  if (!/[{(][ \t]*\r?\n/.test(text)) return text;
  const lines = text.split('\n');
  const joined = new Uint8Array(lines.length);
  const open: Array<{ line: number; fed: boolean }> = [];
  let hereDoc = -1;
  let any = false;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const group = CLOSES.test(line) ? open.pop() : undefined;
    if (group && (group.fed || FED_CLOSE.test(line)) && group.line > hereDoc && n - group.line <= MAX_GROUP_LINES) {
      joined.fill(1, group.line, n);
      any = true;
    }
    if (HERE_DOC.test(line)) hereDoc = n;
    if (OPENS.test(line) && open.push({ line: n, fed: PIPED_OPEN.test(line) }) > MAX_OPEN) open.shift();
  }
  if (!any) return text;
  return lines
    .map((line, n) => {
      if (n > 0 && joined[n - 1] && /^[ \t]*#/.test(line)) line = ' '.repeat(line.length);
      if (!joined[n] || line.endsWith('\\')) return n + 1 < lines.length ? `${line}\n` : line;
      return `${line}${/(?:^|[{(|&;])[ \t]*\r?$/.test(line) ? ' ' : ';'}`;
    })
    .join('');
}
