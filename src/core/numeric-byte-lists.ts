import { bytesAsText } from './byte-run-decodings';

/**
 * Round 73 (73b-4): a text written as its bytes in numbers, how code hides a string: JavaScript's
 * `String.fromCharCode(100, 97, …)`, PowerShell's `-join [char[]](68, 66, …)`, Python's `bytes([…])`, a JSON array of
 * bytes, or eight binary digits a byte (`01100100 01100001 …`). Read as hex runs are (byte-run-decodings.ts): from 12
 * numbers (`password=abc`), each 0-255, and only where the bytes are text: a list of counts, ports or small numbers
 * (control bytes, numbers past 255) is data and stays as written. A private key's DER so written is decimal-byte-keys.ts'.
 * Linear: each item ends at its separator, and a list is matched once from its start.
 */
const MIN_BYTES = 12;
const MAX_ITEMS = 65_536;
const NUMERIC_LIST = new RegExp(
  String.raw`(?<![\w.-])\d{1,3}(?:[ \t]*,[ \t\r\n]*\d{1,3}(?![\w.])){${MIN_BYTES - 1},${MAX_ITEMS}}` +
    String.raw`|(?<![\w.])[01]{8}(?:[ \t]+[01]{8}){${MIN_BYTES - 1},${MAX_ITEMS}}(?![\w.])`,
  'g',
);

/** The decoding (text-decodings.ts) that reads a list of byte numbers as the text its bytes are. */
export const NUMERIC_BYTE_LISTS = {
  applies: /\d[ \t]*,[ \t\r\n]*\d|[01]{8}[ \t]+[01]{8}/,
  escape: NUMERIC_LIST,
  decode: (list: string): string | undefined => {
    const binary = !list.includes(',');
    const numbers = list.split(binary ? /[ \t]+/ : /[ \t]*,[ \t\r\n]*/).map((item) => parseInt(item, binary ? 2 : 10));
    return numbers.every((n) => n <= 255) ? bytesAsText(Buffer.from(numbers)) : undefined;
  },
};
