import { payloadText } from './binary-payloads';

/**
 * Round 73 (73b-4): uuencode (`uuencode file name`, Python's `binascii.b2a_uu`): a `begin <mode> <name>` line, lines
 * whose first character gives their byte count and whose characters each carry six bits as `char - 32` (a backtick for
 * zero), a line of zero bytes, then `end` (POSIX uuencode, "Description of the uuencode format"). Its bytes are read as
 * base64's are (binary-payloads.ts), so a `.env` sent so is judged as its text. At most MAX_LINES lines a block (each
 * line's class holds no line break: the match is linear; V8's backtrack stack stays small).
 */
const MAX_LINES = 16_384;
const UU_BLOCK = new RegExp(String.raw`^begin[ \t]+[0-7]{3,4}[ \t]+[^\n]*\r?\n((?:[!-\x60][ -\x60]*\r?\n){1,${MAX_LINES}})`, 'gm');

/** A block's data lines as bytes, or undefined where a line holds fewer characters than its count needs. */
function uuBytes(lines: string): Buffer | undefined {
  const bytes: number[] = [];
  for (const line of lines.split(/\r?\n/)) {
    if (!line) continue;
    const count = (line.charCodeAt(0) - 32) & 63;
    if (count === 0) break;
    const sixes = [...line.slice(1)].map((char) => (char.charCodeAt(0) - 32) & 63);
    if (sixes.length < Math.ceil((count * 4) / 3)) return undefined;
    const start = bytes.length;
    for (let i = 0; bytes.length - start < count; i += 4) {
      const [a, b, c, d] = [sixes[i], sixes[i + 1] ?? 0, sixes[i + 2] ?? 0, sixes[i + 3] ?? 0];
      bytes.push(((a << 2) | (b >> 4)) & 0xff, ((b << 4) | (c >> 2)) & 0xff, ((c << 6) | d) & 0xff);
    }
    bytes.length = start + count;
  }
  return bytes.length > 0 ? Buffer.from(bytes) : undefined;
}

/** The decoding (text-decodings.ts) that reads a uuencoded block as the text its bytes are. */
export const UUENCODED_BLOCKS = {
  applies: /^begin[ \t]+[0-7]{3,4}[ \t]/m,
  escape: UU_BLOCK,
  decode: (block: string): string | undefined => {
    const bytes = uuBytes(block.slice(block.indexOf('\n') + 1));
    return bytes ? payloadText(bytes) : undefined;
  },
};
