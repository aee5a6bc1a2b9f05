/**
 * 67w-2: the strings a program's literal value holds, as a file write judges them (secret-file-handles.ts): a quoted
 * string that is a whole expression (`"…"`, `b"…"`, `"…".encode()`, `"…".getBytes()`), or the leaves of a dict or list
 * literal (`{"user": "admin", "value": "…"}`, JSON alike): the strings that are values, not keys, and not inside a call
 * or a subscript (`os.environ["K3S_TOKEN"]` writes no literal). Read in linear time: brackets are matched in one pass,
 * and a container inside one already read is not read again.
 */

/** A string on one line, in double or single quotes, backslash escapes kept. */
const STRING = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/y;
/** A comment to the line's end: `#` or `//` at a line's start or after a blank. */
const COMMENT = /(?:#|\/\/)[^\n]*/y;
const WORD = /[A-Za-z_]\w*|\d[\w.]*/y;
/** Python's prefixes of a literal string (bytes, raw, unicode); an f-string is formatted, no literal. */
const STRING_PREFIX = /^(?:[bBrRuU]|[bB][rR]|[rR][bB])$/;
/** What may follow a string that is a whole expression: an encoding call, then the statement's or argument's end. */
const EXPRESSION_END = /[ \t]*(?:\.(?:getBytes|encode)\([^()\n]{0,32}\)[ \t]*)?(?:[\r\n;,)\]}#]|$)/y;
const BLANKS = /\s*/y;
const OPENER: Record<string, string> = { '}': '{', ']': '[', ')': '(' };

/** A literal value: the spans of the strings it writes, where it ends, and a lone string's text (a path's). */
export interface Literal {
  spans: Array<[number, number]>;
  end: number;
  text?: string;
}

/** Where a comment starting at `at` ends, or -1 where none starts. */
function commentEnd(text: string, at: number): number {
  if (at > 0 && !/\s/.test(text[at - 1])) return -1;
  COMMENT.lastIndex = at;
  return COMMENT.exec(text) ? COMMENT.lastIndex : -1;
}

/** Where a string starting at `at` ends, or -1 where none does (a lone apostrophe). */
function stringEnd(text: string, at: number): number {
  STRING.lastIndex = at;
  return STRING.exec(text) ? STRING.lastIndex : -1;
}

/** Each opening bracket's closing one (-1: unclosed), strings and comments skipped: one pass. */
function matchedBrackets(text: string): Int32Array {
  const closes = new Int32Array(text.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const skip = c === '"' || c === "'" ? stringEnd(text, i) : c === '#' || c === '/' ? commentEnd(text, i) : -1;
    if (skip > 0) i = skip - 1;
    else if (c === '{' || c === '[' || c === '(') open.push(i);
    else if (c in OPENER && open.length > 0 && OPENER[c] === text[open.at(-1)!]) closes[open.pop()!] = i;
  }
  return closes;
}

/** The string leaves between a container's brackets (`open`, `close`). */
function leaves(text: string, open: number, close: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const frames: boolean[] = []; // whether each bracket inside opens a literal (not a call's or a subscript's)
  let computed = 0;
  let previous = text[open];
  for (let i = open + 1; i < close; i++) {
    if (/\s/.test(text[i])) continue;
    const comment = text[i] === '#' || text[i] === '/' ? commentEnd(text, i) : -1;
    if (comment > 0) {
      i = comment - 1;
      continue;
    }
    WORD.lastIndex = i;
    const prefix = /\w/.test(text[i]) ? WORD.exec(text)![0] : '';
    const at = i + prefix.length;
    const c = text[at];
    const end = c === '"' || c === "'" ? stringEnd(text, at) : -1;
    if (end > 0) {
      BLANKS.lastIndex = end;
      BLANKS.exec(text);
      const next = text[BLANKS.lastIndex] ?? '';
      const literal = computed === 0 && (!prefix || STRING_PREFIX.test(prefix)) && '{[(,:'.includes(previous);
      if (literal && next && ',}])'.includes(next)) spans.push([at + 1, end - 1]);
      previous = '"';
      i = end - 1;
      continue;
    }
    if (prefix) {
      previous = prefix.at(-1)!;
      i = at - 1;
      continue;
    }
    if (c === '{' || c === '[' || c === '(') {
      const literal = c === '{' || !/[\w)\]"']/.test(previous);
      frames.push(literal);
      if (!literal) computed++;
    } else if ((c === '}' || c === ']' || c === ')') && frames.length > 0 && !frames.pop()) computed--;
    previous = c;
  }
  return spans;
}

/** A reader of the literals in one text: `at` a value's start, the literal written there, or undefined. */
export function literalReader(text: string): (at: number) => Literal | undefined {
  let closes: Int32Array | undefined;
  let read: Uint8Array | undefined; // where a container already read lies: one inside it is not read again
  return (at) => {
    WORD.lastIndex = at;
    const prefix = /[A-Za-z]/.test(text[at] ?? '') ? WORD.exec(text)![0] : '';
    const start = at + prefix.length;
    const c = text[start];
    if ((c === '"' || c === "'") && (!prefix || STRING_PREFIX.test(prefix))) {
      const end = stringEnd(text, start);
      EXPRESSION_END.lastIndex = end;
      if (end < 0 || !EXPRESSION_END.test(text)) return undefined;
      return { spans: [[start + 1, end - 1]], end, text: text.slice(start + 1, end - 1) };
    }
    if (prefix || (c !== '{' && c !== '[')) return undefined;
    closes ??= matchedBrackets(text);
    read ??= new Uint8Array(text.length);
    const close = closes[at];
    if (close < 0 || read[at]) return undefined;
    read.fill(1, at, close + 1);
    return { spans: leaves(text, at, close), end: close + 1 };
  };
}
