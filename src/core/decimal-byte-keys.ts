import { isDerKey } from './der-keys';

/**
 * Round 71a-19: a private key's DER as a list of decimal bytes, how code embeds it: Java's `new byte[] { 48, 46, 2, 1,
 * 0, … }` (signed, -128 to 127), Python's `bytes([48, 46, …])`, a JSON array (0 to 255). hex-runs.ts reads the same
 * bytes written `0x30, 0x2e`; here the numbers are read as bytes and judged by the DER's structure (der-keys.ts), so a
 * list of ports, counts or a lookup table is none.
 */

/** Numbers a list holds at least: a DER key is longer (Ed25519 PKCS#8, the shortest, has 48 bytes). */
const MIN_BYTES = 30;
/** A list of MIN_BYTES or more decimal numbers, a comma between (blanks and line breaks around it). Linear: each item ends at its comma. */
const DECIMAL_LIST = new RegExp(String.raw`(?<![\w.-])-?\d{1,3}(?:[ \t]*,[ \t\r\n]*-?\d{1,3}(?![\w.])){${MIN_BYTES - 1},}`, 'g');
/** Where in the list the key may start (a length or a type byte before it). */
const HEAD = 16;

/** The [start, end) of every decimal byte list in `text` that is a private key's DER. */
export function decimalByteKeys(text: string): Array<[number, number]> {
  if (!/\d,/.test(text) && !/\d[ \t]+,/.test(text)) return [];
  const found: Array<[number, number]> = [];
  for (const { index, 0: list } of text.matchAll(DECIMAL_LIST)) {
    const numbers = list.split(/[ \t]*,[ \t\r\n]*/).map(Number);
    if (numbers.some((n) => n < -128 || n > 255)) continue;
    const bytes = Buffer.from(numbers.map((n) => (n + 256) % 256));
    for (let at = bytes.indexOf(0x30); at >= 0 && at < HEAD; at = bytes.indexOf(0x30, at + 1)) {
      if (isDerKey(bytes.subarray(at))) {
        found.push([index, index + list.length]);
        break;
      }
    }
  }
  return found;
}
