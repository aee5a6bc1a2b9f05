import { isReference } from './secrets-text';

/**
 * Round 59 (attack 59a-4): two network passwords written in one line with other text.
 * - A Wi-Fi QR string, `WIFI:T:WPA;S:HomeNet;P:<passphrase>;;`: its `P:` field is the network's passphrase, its
 *   fields in any order, `\` escaping `\ ; , : "`, a value maybe in double quotes (ZXing's Wi-Fi format:
 *   github.com/zxing/zxing/wiki/Barcode-Contents#wi-fi-network-config-android-ios-11).
 * - keepalived's `auth_pass <password>` (keepalived.conf(5), `authentication { auth_type PASS; auth_pass … }`: a VRRP
 *   instance's password in clear) after other words, a `{` or a `;` on its line; the line that is only it is read
 *   already (secrets-config-lines.ts).
 * A placeholder (`<password>`) or a reference (`${WIFI_PASS}`) is none.
 */
export const NETWORK_PASSWORD = "a network's password in clear (a Wi-Fi QR string's `P:`, keepalived's `auth_pass`)";

/** `WIFI:` then its fields up to `;;` or the line's end: each field is escapes or characters that are no `;`. */
const WIFI = /(?<![A-Za-z])WIFI:((?:[^;\\\n]|\\.)*(?:;(?:[^;\\\n]|\\.)+)*);?/gi;
/** `auth_pass` as a word, then its value: quoted, or up to a blank, `;` or brace. */
const AUTH_PASS = /(?<![\w-])auth_pass[ \t]+(?:"([^"\n]+)"|([^\s;{}"]+))/dg;

const isPlaceholder = (value: string): boolean => /^<[^<>]*>$/.test(value) || isReference(value);

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
  if (text.includes('auth_pass'))
    for (const match of text.matchAll(AUTH_PASS)) {
      const group = match[1] !== undefined ? 1 : 2;
      if (!isPlaceholder(match[group]!)) found.push(match.indices![group]!);
    }
  return found;
}
