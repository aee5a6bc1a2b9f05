/**
 * PowerShell literals a command may be given by another line (attack round 44a-6), read once per text, in one pass:
 * - here-strings: `@'` or `@"` ending a line opens one, `'@` or `"@` starting a later line closes it, the lines between
 *   are its text (learn.microsoft.com about_Quoting_Rules, "Here-strings");
 * - variables set to a literal at a line's start: `$p = 'pw'`, `$p = "pw";`, `$p = @'` and a here-string. A command
 *   given `$p` (ConvertTo-SecureString's plain text, securestring-arguments.ts) is given the literal last set before
 *   it; a value that is no literal (`$p = Read-Host`, `$p = $env:PW`) sets none.
 */

/** A literal's text and span (a quoted one's inside its quotes). */
export interface Literal {
  value: string;
  span: [number, number];
  /** A here-string's: where the text after its closer starts (a command's words go on there). */
  after?: number;
}

/** A quoted value (PowerShell doubles a quote inside). */
const QUOTED = String.raw`"(?:[^"\n]|"")*"|'(?:[^'\n]|'')*'`;
/**
 * A variable (maybe cast: `[string]$p`) set to a quoted literal that ends its statement (`;` or the line's end), or to
 * a here-string's opener, at a line's start; the literal maybe in parentheses or cast (`$p = ("pw")`, `$p =
 * [string]'pw'`: 45a-11).
 */
const SET = new RegExp(
  String.raw`^[ \t]*(?:\[[\w.]{1,64}\][ \t]*)?\$([A-Za-z_]\w{0,63})[ \t]*=[ \t]*(?:(?:(?:\(|\[[\w.]{1,64}\])[ \t]*){0,8}(${QUOTED})[ \t]*(?:\)[ \t]*){0,8}(?:;|\r?$)|(@)["'][ \t]*\r?$)`,
  'dgm',
);
/**
 * `Set-Variable` or `New-Variable` (aliases `sv`, `nv`) at a line's start, its words up to the statement's end
 * (learn.microsoft.com microsoft.powershell.utility/set-variable: `-Name` is position 0, `-Value` position 1; 45a-11).
 */
const SET_VARIABLE = /^[ \t]*(?:Set-Variable|New-Variable|sv|nv)(?![\w-])/gim;
const SET_WORD = new RegExp(String.raw`[ \t]+(?:-([A-Za-z]\w*)(?::(${QUOTED}|[^\s;|]*))?|(${QUOTED})|([^\s"';|]+))(?=[\s;|]|$)`, 'dy');
/** Set-Variable's and the common parameters that take no value. */
const SWITCH = /^(?:f|fo|for|forc|force|pa|pas|pass|passt|passth|passthr|passthru|wh|whatif|c|cf|confirm|ve|verbose|d|db|debug)$/i;
/** The longest here-string read (characters of its text). */
const MAX_HERE_STRING = 4096;

/** The here-strings of `text`, by their opener's `@`: each line is read once. */
function hereStringsOf(text: string): Map<number, Literal> {
  const found = new Map<number, Literal>();
  let open: { at: number; quote: string; start: number } | undefined;
  for (let lineStart = 0; lineStart < text.length;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    if (open && text.startsWith(`${open.quote}@`, lineStart)) {
      const end = lineStart > open.start ? lineStart - 1 - (text[lineStart - 2] === '\r' ? 1 : 0) : open.start;
      if (end - open.start <= MAX_HERE_STRING)
        found.set(open.at, { value: text.slice(open.start, end), span: [open.start, end], after: lineStart + 2 });
      open = undefined;
    } else if (!open) {
      const opener = /@(["'])[ \t]*\r?$/.exec(text.slice(Math.max(lineStart, lineEnd - 64), lineEnd));
      if (opener) open = { at: Math.max(lineStart, lineEnd - 64) + opener.index, quote: opener[1], start: lineEnd + 1 };
    }
    lineStart = lineEnd + 1;
  }
  return found;
}

/** The literals of `text` (above), each kind read on its first use. */
export function literalsIn(text: string) {
  let hereStrings: Map<number, Literal> | undefined;
  let sets: Map<string, Array<Literal & { at: number }>> | undefined;
  /** The here-string whose opener's `@` is `text[at]`, if it closes. */
  const hereString = (at: number): Literal | undefined => (hereStrings ??= hereStringsOf(text)).get(at);
  /** The literal the variable `word` names (`$p`) was last set to before `before`, if any. */
  const setBefore = (word: string, before: number): Literal | undefined => {
    if (!/^\$[A-Za-z_]\w*$/.test(word)) return undefined;
    if (!sets) {
      sets = new Map();
      const add = (name: string, literal: Literal | undefined, at: number): void => {
        if (!literal || literal.span[1] <= literal.span[0]) return;
        const list = sets!.get(name.toLowerCase()) ?? [];
        list.push({ ...literal, at });
        sets!.set(name.toLowerCase(), list);
      };
      if (/\$\w+[ \t]*=[ \t]*[(["'@]/.test(text))
        for (const set of text.matchAll(SET))
          add(set[1], set[2] !== undefined ? quotedLiteral(set) : hereString(set.indices![3][0]), set.index);
      for (const set of text.matchAll(SET_VARIABLE)) {
        const variable = setVariable(text, set.index + set[0].length);
        if (variable) add(variable.name, variable.literal, set.index);
      }
      // Each list in the text's order (a Set-Variable and an assignment read apart).
      for (const list of sets.values()) list.sort((a, b) => a.at - b.at);
    }
    // The last set before `before` (the list is in the text's order): a binary search.
    const list = sets.get(word.slice(1).toLowerCase()) ?? [];
    let [low, high] = [0, list.length];
    while (low < high) {
      const mid = (low + high) >> 1;
      if (list[mid].at < before) low = mid + 1;
      else high = mid;
    }
    const last = list[low - 1];
    return last && { value: last.value, span: last.span };
  };
  return { hereString, setBefore };
}

/** A set's quoted literal (group 2, or `group`), its span inside the quotes. */
function quotedLiteral(set: RegExpExecArray | RegExpMatchArray, group = 2): Literal {
  const [start, end] = set.indices![group];
  return { value: set[group], span: [start + 1, end - 1] };
}

/** The variable a `Set-Variable` whose words start at `from` sets, and the quoted literal it sets it to (SET_VARIABLE). */
function setVariable(text: string, from: number): { name: string; literal?: Literal } | undefined {
  let name: string | undefined;
  let literal: Literal | undefined;
  let next: 'name' | 'value' | 'other' | undefined;
  let positional = 0;
  SET_WORD.lastIndex = from;
  for (let n = 0, word: RegExpExecArray | null; n < 16 && (word = SET_WORD.exec(text)); n++) {
    const [, parameter, colonValue, quoted, bare] = word;
    if (parameter !== undefined) {
      const kind = 'name'.startsWith(parameter.toLowerCase())
        ? 'name'
        : parameter.length > 1 && 'value'.startsWith(parameter.toLowerCase())
          ? 'value'
          : 'other';
      if (colonValue === undefined) next = SWITCH.test(parameter) ? undefined : kind;
      else if (kind === 'name') name = colonValue.replace(/^["']|["']$/g, '');
      else if (kind === 'value' && /^["']/.test(colonValue)) literal = quotedLiteral(word);
      continue;
    }
    const kind = next ?? (positional === 0 ? 'name' : positional === 1 ? 'value' : 'other');
    if (next === undefined) positional++;
    next = undefined;
    if (kind === 'name') name = (quoted ?? bare).replace(/^["']|["']$/g, '');
    else if (kind === 'value') literal = quoted !== undefined ? quotedLiteral(word, 3) : undefined;
  }
  return name && /^[A-Za-z_]\w{0,63}$/.test(name) ? { name, literal } : undefined;
}
