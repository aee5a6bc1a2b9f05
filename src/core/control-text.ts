import { atFirstUse } from './lazy-regexp';

/**
 * Text with control characters, read as a reader (a shell, a terminal, a person pasting it) takes it: a colored
 * prompt copied from a terminal (`\e[1m$ \e[0mredis-cli -a pw`), a stray NUL, BEL, DEL or C1 character before a
 * command (`\u009bmysql -ppw`), a zero-width character inside a word. The secret readers judge such a text in the
 * forms here too, and a diff line shows each such character escaped, never as the raw byte a terminal acts on.
 */

/** A CSI sequence as a terminal writes it (ESC `[`, parameters, intermediates, a final byte): what colors a prompt. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CSI = /\u001b\[[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]/g;
/** Any other escape sequence (ESC, intermediates, a final byte: `\e(B` of `tput sgr0`, `\e]` opening a title). */
// eslint-disable-next-line no-control-regex -- as above
const ESCAPE = /\u001b[\u0020-\u002f]*[\u0030-\u007e]/g;
/**
 * A control character but a line break and a tab (C0, a `\r` that ends no line, DEL, C1), a line or paragraph
 * separator, or a format character (category Cf: zero-width and bidi characters), which shows as nothing.
 */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]|\r(?!\n)/gu;
// eslint-disable-next-line no-control-regex -- as above
const HAS_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]|\r(?!\n)/u;

/**
 * The longest text read again in these forms: each form costs a whole judgement (a 1 MB text of `\u009bmysql -p ` took
 * 2.6 s on a loaded machine, against 0.4 s as written). A longer value with a control character is refused by the
 * config's and the construct's gates anyway (snapshot.ts), its message naming it by its size, never quoting it; only a
 * format character (zero-width, bidi) may stand in a value, and the invisible-character decoding reads those.
 */
const MAX_FORMS_TEXT = 65_536;

/**
 * 77a-6: a zero-width non-joiner or joiner after a vowel sign or virama is part of the word's spelling in the scripts of
 * India (Telugu `పాస్‌వర్డ్`, Malayalam `പാസ്‌വേഡ്`), so no blank: it is taken out in both forms.
 */
const JOINER_AFTER_SIGN = atFirstUse(() => /(?<=\p{M})[\u200c\u200d]/gu);

/**
 * The forms `text` may be read as once its control characters are taken for what they are, none when it holds none:
 * with them taken out (a CSI sequence whole: `\e[0mredis-cli` is `redis-cli`; `\u009bmysql` is `mysql`), and with
 * each, and each escape sequence, made a blank (`mysql\0-ppw` is `mysql -ppw`, `\e(Bredis-cli` is ` redis-cli`).
 */
export function controlFreeForms(text: string): string[] {
  if (!HAS_CONTROL.test(text)) return [];
  if (text.length > MAX_FORMS_TEXT) return controlLineForms(text);
  const taken = text.replace(CSI, '').replace(CONTROL, '');
  const blanked = text.replace(CSI, ' ').replace(ESCAPE, ' ').replace(JOINER_AFTER_SIGN(), '').replace(CONTROL, ' ');
  return taken === blanked ? [taken] : [taken, blanked];
}

/**
 * A longer text's forms (gaps42b: a hand-edited dist/ file's text over 64 kB with `\e[0mmysql -ppw` in it): only its
 * lines holding a control character other than a format one (the invisible-character decoding reads those), each up
 * to MAX_FORMS_TEXT long, read in the forms above as a text of those lines, in parts of up to MAX_FORMS_TEXT, at most
 * MAX_LINE_PARTS of them (each part is a whole judgement: 1 MB of such lines took seconds); a line without one was read
 * as written already.
 */
function controlLineForms(text: string): string[] {
  const parts: string[] = [];
  let part = '';
  for (const line of text.split('\n')) {
    if (line.length > MAX_FORMS_TEXT || !HAS_TERMINAL_CONTROL.test(line)) continue;
    if (part.length + line.length >= MAX_FORMS_TEXT) [parts[parts.length], part] = [part, ''];
    if (parts.length === MAX_LINE_PARTS) break;
    part += `${line}\n`;
  }
  if (part && parts.length < MAX_LINE_PARTS) parts.push(part);
  return parts.flatMap(controlFreeForms);
}
/** How many parts of a longer text's control lines are read (controlLineForms). */
const MAX_LINE_PARTS = 2;
/** HAS_CONTROL's characters but the format ones (Cf). */
// eslint-disable-next-line no-control-regex -- as above
const HAS_TERMINAL_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]|\r(?!\n|$)/;

/**
 * What `judge` finds in `text`'s control-free forms (controlFreeForms), pushed onto `found` by it: the forms are
 * judged in turn until one holds a secret. A finding that `text` does not hold as written (its value spans a control
 * character) is the whole text, so that a redaction of `text` still blanks it.
 */
export function judgeWithoutControls<F extends { readonly value: string }>(text: string, found: F[], judge: (form: string) => void): void {
  const before = found.length;
  for (const form of controlFreeForms(text)) {
    judge(form);
    if (found.length > before) break;
  }
  for (let i = before; i < found.length; i++) if (!text.includes(found[i].value)) found[i] = { ...found[i], value: text };
}

/** Short escapes for the control characters a reader knows by them. */
const NAMED: Readonly<Record<string, string>> = { '\u001b': '\\e', '\u0007': '\\a', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\r': '\\r' };
// eslint-disable-next-line no-control-regex -- as above
const SHOWN_ESCAPED = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu;

/**
 * `line` for a terminal: each control character but a tab written as an escape (`\e`, `\a`, `\x00`, `\u009b`), so
 * a diff of a hand-edited file prints no escape sequence, bell or line of its own.
 */
export function terminalLine(line: string): string {
  return line.replace(SHOWN_ESCAPED, (char) => {
    const code = char.codePointAt(0)!;
    const hex = code.toString(16);
    return NAMED[char] ?? (code < 0x80 ? `\\x${hex.padStart(2, '0')}` : code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`);
  });
}
