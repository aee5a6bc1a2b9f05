import { hereDocLines, literalWritten, WRITER, type Literal } from './fed-literals';

/**
 * The words and redirections of a shell command as read-builtin.ts reads them: a word's literal value (`'…'`, `"…"`
 * with nothing expanded, bare, `\x`) with each character's place, and what a redirection gives a descriptor (bash(1)
 * REDIRECTION): a here-string's or here-doc's literal, `< <(echo …)`'s, a copy of a descriptor (`<&3`), a file.
 */

/** A word of a command: its span, and its literal value where nothing in it is expanded. */
export interface Word {
  at: number;
  end: number;
  literal?: Literal;
}

/** What a redirection gives a descriptor: a literal, a file or command (nothing known), a copy of another descriptor. */
export type Input = { literal: Literal } | { none: true } | { dup: string };

/** How many here-docs a text is read through. */
const MAX_HERE_DOCS = 64;
/**
 * Here-docs left to read in the text being read (each up to fed-literals.ts MAX_HERE_DOC characters), and the
 * delimiters not found there: a later here-doc of one is not looked through again (a text of open ones stays cheap).
 */
let hereDocsLeft = MAX_HERE_DOCS;
const unended = new Set<string>();
export function hereDoc(text: string, at: number, delimiter: string, strip: boolean): ReturnType<typeof hereDocLines> {
  if (hereDocsLeft-- <= 0 || unended.has(delimiter)) return undefined;
  const lines = hereDocLines(text, at, delimiter, strip);
  if (!lines) unended.add(delimiter);
  return lines;
}
/** A new text to read: every here-doc may be read again. */
export const reading = (): void => {
  hereDocsLeft = MAX_HERE_DOCS;
  unended.clear();
};
/** How long an `echo`/`printf` feeding a command is read (characters). */
export const MAX_WRITER = 4096;

/** The word at `k` (up to a blank or an operator): `'…'`, `"…"`, bare characters, `\x`. */
export function wordAt(text: string, k: number): Word {
  const at = k;
  let literal: Literal | undefined = { value: '', map: [] };
  const add = (from: number, to: number): void => {
    for (let j = from; j < to; j++) literal?.map.push(j);
    if (literal) literal.value += text.slice(from, to);
  };
  while (k < text.length && !/[\s;&|()<>]/.test(text[k])) {
    const c = text[k];
    if (c === "'") {
      const close = text.indexOf("'", k + 1);
      if (close < 0) return { at, end: text.length };
      add(k + 1, close);
      k = close + 1;
    } else if (c === '"') {
      let close = k + 1;
      while (close < text.length && text[close] !== '"') close += text[close] === '\\' ? 2 : 1;
      if (/[$`\\]/.test(text.slice(k + 1, close))) literal = undefined;
      add(k + 1, Math.min(close, text.length));
      k = close + 1;
    } else if (c === '\\') {
      add(k + 1, k + 2);
      k += 2;
    } else {
      if (c === '$' || c === '`') literal = undefined;
      add(k, k + 1);
      k++;
    }
  }
  return { at, end: Math.min(k, text.length), literal };
}

export const blanks = (text: string, k: number): number => {
  while (k < text.length && (text[k] === ' ' || text[k] === '\t' || (text[k] === '\\' && text[k + 1] === '\n')))
    k += text[k] === '\\' ? 2 : 1;
  return k;
};

/** The redirection at `k` (`[N]<<<WORD`, `[N]<<[-]DELIM`, `[N]<&M`, `[N]< <(echo …)`, `[N]< FILE`, an output): what it gives. */
export function redirectionAt(text: string, k: number): { end: number; fd?: string; input?: Input } | undefined {
  const op = /(\d*)(<<<|<<-?|<&|<|>>|>&|>\||>|&>>?)/y;
  op.lastIndex = k;
  const match = op.exec(text);
  if (!match) return undefined;
  const fd = match[1] || (match[2].startsWith('<') ? '0' : '1');
  const start = blanks(text, op.lastIndex);
  if (match[2] === '<' && text.startsWith('<(', start)) {
    const close = text.indexOf(')', start);
    if (close < 0 || close - start > MAX_WRITER) return { end: close < 0 ? text.length : close + 1, fd, input: { none: true } };
    const inner = text.slice(start + 2, close).trim();
    const writer = new RegExp(String.raw`^${WRITER}$`).exec(inner);
    const from = text.indexOf(inner, start + 2);
    const literal = writer ? literalWritten(text, from, inner) : undefined;
    return { end: close + 1, fd, input: literal ? { literal } : { none: true } };
  }
  const word = wordAt(text, start);
  if (word.end === start) return { end: start };
  if (!match[2].startsWith('<')) return { end: word.end };
  if (match[2] === '<<<') return { end: word.end, fd, input: word.literal ? { literal: word.literal } : { none: true } };
  if (match[2] === '<&') return { end: word.end, fd, input: { dup: text.slice(word.at, word.end) } };
  if (match[2] === '<') return { end: word.end, fd, input: { none: true } };
  const delimiter = word.literal?.value;
  const doc = delimiter ? hereDoc(text, word.end, delimiter, match[2] === '<<-') : undefined;
  return { end: word.end, fd, input: doc ? { literal: doc.literal } : { none: true } };
}

/** The redirections from `k` (after a compound command's closing): each descriptor's input. */
export function redirectionsFrom(text: string, k: number): Map<string, Input> {
  const inputs = new Map<string, Input>();
  for (let n = 0; n < 8; n++) {
    const redirection = redirectionAt(text, blanks(text, k));
    if (!redirection) break;
    if (redirection.fd && redirection.input) inputs.set(redirection.fd, redirection.input);
    k = redirection.end;
  }
  return inputs;
}
