import { payloadText } from './binary-payloads';

/**
 * Round 71 (71a-10): Ascii85 between Adobe's delimiters `<~ … ~>` (PostScript and PDF's ASCII85Decode, Python's
 * `base64.a85encode(…, adobe=True)`, Ruby's `Ascii85.encode`): each 5 characters `!`…`u` are 4 bytes in base 85, `z`
 * four zero bytes, blanks left out, a last group of n characters n-1 bytes (Adobe PostScript Language Reference, 3rd
 * ed., §3.13.3 "ASCII85Encode Filter"). Its bytes are read as base64's are (binary-payloads.ts), so a PEM key or a
 * `DB_PASSWORD=…` line so encoded is judged as the text it is. The class holds no `~`, so a run ends at its first one:
 * each run is read once, linear in the text.
 */
const ASCII85_RUN = /<~([!-uz\s]{5,})~>/g;

/** A run's bytes, or undefined where a group is past 2^32 - 1 or a `z` stands inside one (no Ascii85). */
function ascii85Bytes(body: string): Buffer | undefined {
  const digits = body.replace(/\s+/g, '');
  const bytes: number[] = [];
  let group: number[] = [];
  const flush = (count: number): boolean => {
    const value = group.reduce((sum, digit) => sum * 85 + digit, 0);
    if (value > 0xffffffff) return false;
    for (let shift = 24, i = 0; i < count; i++, shift -= 8) bytes.push(Math.floor(value / 2 ** shift) % 256);
    group = [];
    return true;
  };
  for (const char of digits) {
    if (char === 'z') {
      if (group.length > 0) return undefined;
      bytes.push(0, 0, 0, 0);
      continue;
    }
    group.push(char.charCodeAt(0) - 33);
    if (group.length === 5 && !flush(4)) return undefined;
  }
  if (group.length === 1) return undefined;
  if (group.length > 0) {
    const count = group.length - 1;
    while (group.length < 5) group.push(84); // padded with `u`
    if (!flush(count)) return undefined;
  }
  return Buffer.from(bytes);
}

/** The decoding (text-decodings.ts) that reads an Ascii85 run as the text its bytes are. */
export const ASCII85_RUNS = {
  applies: /<~/,
  escape: ASCII85_RUN,
  decode: (run: string): string | undefined => {
    const bytes = ascii85Bytes(run.slice(2, -2));
    return bytes && bytes.length > 0 ? payloadText(bytes) : undefined;
  },
};
