/**
 * The escapes of Go's regexp that stand for one character (golang/go src/regexp/syntax/parse.go `parseEscape`, go1.25),
 * and the error type of the parser port (go-regexp.ts).
 */

/** A parse error: Go's code, the text Go quotes (undefined when Go quotes the whole regexp) and a plain reason. */
export type GoError = { code: string; expr?: string; why: string };

export class Failed {
  constructor(readonly error: GoError) {}
}

export const fail = (code: string, expr: string | undefined, why: string): never => {
  throw new Failed({ code, expr, why });
};

const C_ESCAPES = new Set('afnrtv');
const isHex = (c: string | undefined) => c !== undefined && /^[0-9A-Fa-f]$/.test(c);
const isAlnum = (c: string) => /^[0-9A-Za-z]$/.test(c);

/** An escape that stands for one character (parse.go `parseEscape`): where it ends. */
export function escapeEnd(s: string, i: number, inClass: boolean): number {
  if (i + 1 >= s.length) fail('trailing backslash at end of expression', '', 'it ends in a backslash');
  const c = String.fromCodePoint(s.codePointAt(i + 1)!);
  let t = i + 1 + c.length;
  if (c.codePointAt(0)! < 0x80 && !isAlnum(c)) return t;
  if (/^[0-7]$/.test(c)) {
    if (c !== '0' && !/^[0-7]$/.test(s[t] ?? '')) {
      fail('invalid escape sequence', `\\${c}`, `it has the backreference \\${c}, which Go's regexp (RE2) does not support`);
    }
    for (let n = 1; n < 3 && /^[0-7]$/.test(s[t] ?? ''); n += 1) t += 1;
    return t;
  }
  if (c === 'x') return hexEscape(s, i, t);
  if (C_ESCAPES.has(c)) return t;
  const where = inClass ? ' inside [ ]' : '';
  if (c.codePointAt(0)! >= 0x80) {
    fail('invalid escape sequence', `\\${c}`, "it escapes a non-ASCII character, which Go's regexp refuses: write the character itself");
  }
  return fail('invalid escape sequence', `\\${c}`, `it has the escape \\${c}, which Go's regexp does not know${where}`);
}

/** `\xHH` or `\x{H…}` from `t` (after the x): where it ends. A code point above U+10FFFF is an invalid escape. */
function hexEscape(s: string, i: number, t: number): number {
  const bad = (end: number, why: string): never => fail('invalid escape sequence', s.slice(i, end), why);
  const form = 'its hex escape is neither \\xHH nor \\x{H…} with hex digits';
  if (t >= s.length) bad(t, form);
  if (s[t] !== '{') {
    const end = t + codePointLength(s, t);
    const after = end + (end < s.length ? codePointLength(s, end) : 0);
    if (!isHex(s[t]) || !isHex(s[end])) bad(after, form);
    return end + 1;
  }
  let value = 0;
  let digits = 0;
  for (let j = t + 1; ; j += 1) {
    if (j >= s.length) bad(j, form);
    if (s[j] === '}') {
      if (digits === 0) bad(j + 1, form);
      return j + 1;
    }
    const end = j + codePointLength(s, j);
    if (!isHex(s[j])) bad(end, form);
    value = value * 16 + parseInt(s[j], 16);
    if (value > 0x10ffff) bad(end, `its escape ${s.slice(i, end)}… names a code point beyond U+10FFFF, the last one`);
    digits += 1;
  }
}

/** The UTF-16 length of the code point at `i`. */
export function codePointLength(s: string, i: number): number {
  return (s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
}

/** The code point a valid one-character escape stands for (parse.go `parseEscape`), for class ranges. */
export function escapedValue(escape: string): number {
  const c = escape[1];
  if (c === 'x') return parseInt(escape.startsWith('\\x{') ? escape.slice(3, -1) : escape.slice(2), 16);
  if (/[0-7]/.test(c)) return parseInt(escape.slice(1), 8);
  const named: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
  return named[c] ?? escape.codePointAt(1)!;
}
