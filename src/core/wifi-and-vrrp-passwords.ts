import { isPlaceholder as isStandIn } from './placeholders';
import { isReference, refersOnly } from './secrets-text';

/**
 * Round 59 (attack 59a-4): two network passwords written in one line with other text.
 * - A Wi-Fi QR string, `WIFI:T:WPA;S:HomeNet;P:<passphrase>;;`: its `P:` field is the network's passphrase, its
 *   fields in any order, `\` escaping `\ ; , : "`, a value maybe in double quotes (ZXing's Wi-Fi format:
 *   github.com/zxing/zxing/wiki/Barcode-Contents#wi-fi-network-config-android-ios-11).
 * - keepalived's `auth_pass <password>` (keepalived.conf(5), `authentication { auth_type PASS; auth_pass … }`: a VRRP
 *   instance's password in clear) after other words, a `{` or a `;` on its line; the line that is only it is read
 *   already (secrets-config-lines.ts).
 * A placeholder (`<password>`, `REPLACE_ME`) or a reference (`${WIFI_PASS}`, `$WIFI_PASS`: keepalived substitutes
 * `$NAME` and `${NAME}` defined by `$NAME=value`, keepalived.conf(5) "Parameter substitution") is none: what the refusal
 * itself recommends (60a-12). review60-7: after a comment's `#`/`!` or other words outside keepalived's syntax (no `{`,
 * `;` or `auth_type` before it on its line), `auth_pass` is prose (`# keepalived auth_pass must match on all nodes`):
 * a word of letters after it is none there but a capitalised one ending its line (review61-9), a word with a digit or a sign is still read (`keepalived: auth_pass Zx9qWm4v`); and a `#`/`!` after it starts keepalived's comment, no value.
 */
export const NETWORK_PASSWORD = "a network's password in clear (a Wi-Fi QR string's `P:`, keepalived's `auth_pass`)";

/** `WIFI:` then its fields up to `;;` or the line's end: each field is escapes or characters that are no `;`. */
const WIFI = /(?<![A-Za-z])WIFI:((?:[^;\\\n]|\\.)*(?:;(?:[^;\\\n]|\\.)+)*);?/gi;
/** `auth_pass` as a word, then its value: quoted, a `${NAME}`, or up to a blank, `;` or brace. */
const AUTH_PASS = /(?<![\w-])auth_pass[ \t]+(?:"([^"\n]+)"|(\$\{[\w.:-]{1,128}\}|[^\s;{}"]+))/dg;

/** A word of prose (`must`, `is`, `Must,`): letters only, no digit or sign inside; after `auth_pass` in prose it is no password. */
const PROSE_WORD = /^[A-Za-z][a-z]*(?:[-'][a-z]+)*[.,;:!?)]*$/;

/**
 * review61-9: a capitalised word that ends its line after `auth_pass` (`keepalived auth_pass Summer`) is a password even
 * in prose, where a sentence goes on after its word (`auth_pass must match …`). Placeholders are judged before.
 */
const lastCapitalised = (text: string, end: number, value: string): boolean =>
  /^[A-Z][a-z]+$/.test(value) && !HEADING_WORD.test(value) && /^[ \t]*(?:\r?\n|$)/.test(text.slice(end, end + 64));
/** Words a heading or a note puts after `auth_pass` (`## auth_pass Example`, `auth_pass Password`): no password. */
const HEADING_WORD = /^(?:Pass|Passwd|Password|Passphrase|Secret|Key|Example|Sample|Value|Setting|Option|Field|Required|Here|Below|Above)$/;

const isPlaceholder = (value: string): boolean => /^<[^<>]*>$/.test(value) || isReference(value) || isStandIn(value) || refersOnly(value);

/**
 * Whether the words before `auth_pass` on its line are keepalived's syntax: none, or ending in `{`, `;` or `auth_type …`
 * (within 256 characters), on a line that is no comment. `line`: where the line starts and its first character that is
 * no blank, found by one pass over the text (a look back from each match was quadratic on one long line).
 */
function inKeepalivedSyntax(text: string, at: number, line: { start: number; first: string }): boolean {
  const before = text.slice(Math.max(line.start, at - 256), at).trimEnd();
  return before === '' || /[{;]$/.test(before) || (/(?<![\w-])auth_type[ \t]/.test(before) && !/[#!]/.test(line.first));
}

export function networkPasswordSpans(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  if (/WIFI:/i.test(text)) {
    for (const match of text.matchAll(WIFI)) {
      let at = match.index + 'WIFI:'.length;
      for (const field of match[1].split(/(?<!\\);/)) {
        if (/^P:/i.test(field)) {
          const quoted = /^P:"(.*)"$/i.exec(field);
          const value = quoted ? quoted[1] : field.slice(2);
          const start = at + (quoted ? 3 : 2);
          if (value !== '' && !isPlaceholder(value)) found.push([start, start + value.length]);
        }
        at += field.length + 1;
      }
    }
  }
  if (!text.includes('auth_pass')) return found;
  const line = { start: 0, first: '' };
  let scanned = 0;
  for (const match of text.matchAll(AUTH_PASS)) {
    for (; scanned < match.index; scanned++) {
      const c = text[scanned];
      if (c === '\n') [line.start, line.first] = [scanned + 1, ''];
      else if (line.first === '' && c !== ' ' && c !== '\t') line.first = c;
    }
    const group = match[1] !== undefined ? 1 : 2;
    const value = match[group]!;
    if (isPlaceholder(value) || (group === 2 && /^[#!]/.test(value))) continue;
    const end = match.index + match[0].length;
    if (inKeepalivedSyntax(text, match.index, line) || !PROSE_WORD.test(value) || lastCapitalised(text, end, value))
      found.push(match.indices![group]!);
  }
  return found;
}
