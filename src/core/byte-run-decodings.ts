/**
 * Bytes as the text they hold, and runs of hex or base32 digits read so (attack round 57a-6): decodings of
 * text-decodings.ts beside base64, so every door and the message redaction read `70617373776f72643d…` (`xxd -p`,
 * `od`, a Go `%x`) and `OBQXG43XN5ZGIPI…` (`base32`) as the `password=…` they encode, and a K3s token written as hex
 * bytes as the token. Only a run whose bytes are text is read: a digest's, a commit id's or a key's random bytes are
 * not (a byte under 0x20 or an invalid UTF-8 sequence almost surely among them), so they stay as written.
 */

/** Text a reader reads: printable ASCII, blanks and line breaks, and any non-ASCII character. */
export const TEXT = /^[\t\n\r\x20-\x7e\u00a0-\uffff]*$/;

// Not fatal: a thrown error per run of random bytes (a digest, `0x…` words) was most of a 1 MB text's decoding; an
// invalid sequence reads as U+FFFD, and a text holding one is taken for bytes (a text rarely holds U+FFFD itself).
const UTF8 = new TextDecoder('utf-8');
const UTF16LE = new TextDecoder('utf-16le');
const UTF16BE = new TextDecoder('utf-16be');

/**
 * `bytes` as text, or undefined: UTF-8, else UTF-16 where every other byte is NUL (ASCII in UTF-16: PowerShell's
 * `-EncodedCommand`/`-enc`/`-e` takes base64 of UTF-16LE text, learn.microsoft.com "about_Pwsh", -EncodedCommand;
 * .NET's Encoding.Unicode and Windows' `WCHAR` write so too). Three in four of the high bytes NUL, so a word outside
 * ASCII (`café`, a BOM) does not stop it, while random bytes (a digest) almost never are. Bytes with a control
 * character (NUL included) are no UTF-8 text: they are not decoded so.
 */
export function bytesAsText(bytes: Uint8Array): string | undefined {
  let [control, evenNul, oddNul] = [false, 0, 0];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 0) {
      if (i % 2) oddNul++;
      else evenNul++;
    }
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f) control = true;
  }
  if (!control) return decodedAs(UTF8, bytes);
  if (bytes.length < 4 || bytes.length % 2) return undefined;
  const enough = (bytes.length / 2) * 0.75;
  return oddNul >= enough ? decodedAs(UTF16LE, bytes) : evenNul >= enough ? decodedAs(UTF16BE, bytes) : undefined;
}

function decodedAs(decoder: typeof UTF8, bytes: Uint8Array): string | undefined {
  const text = decoder.decode(bytes);
  return !text.includes('\ufffd') && TEXT.test(text) ? text : undefined;
}

/**
 * A run of hex digits, pairs of one case, 12 bytes at least (as BASE64_RUN: `password=abc`), no hex digit or letter
 * either side (so no run inside a word or a base64 run is read from its middle); each run is matched once from its
 * start, so a 1 MB run costs one pass. A leading `0x`/`0X` (a C or Go literal, `xxd -i`) is part of the match, so it is
 * replaced too: left in, it glued itself to the decoded name (`0xpassword=…`) and hid it (review57-2).
 */
export const HEX_RUNS = {
  applies: /[0-9a-f]{24}|[0-9A-F]{24}/,
  escape: /(?<![0-9A-Za-z])(?:0[xX])?(?:(?:[0-9a-f]{2}){12,}|(?:[0-9A-F]{2}){12,})(?![0-9A-Za-z])/g,
  decode: (run: string): string | undefined => bytesAsText(Buffer.from(run.replace(/^0[xX]/, ''), 'hex')),
};

/** The bytes a text's hex groups need to be read: as a run's (`password=abc`). */
const MIN_GROUPED_BYTES = 12;

/**
 * 68a-11: hex in groups of one to four bytes, one blank or one colon between them, the same all along: `xxd`'s default
 * (`4442 5f50 …`, two bytes a group; `-g N` other widths), `od`/`hexdump`/Wireshark bytes (`44 42 5f …`) and
 * colon-separated bytes (`44:42:5f:…`). Read as HEX_RUNS reads a run, from 12 bytes (six groups at least), one letter
 * case a run; each group's width is settled by the separator after it, so a run is matched in one pass. Only bytes that
 * are text are read (a MAC address, an IPv6 address or a key's colon fingerprint are not).
 */
export const HEX_GROUPS = {
  applies: /[0-9a-fA-F]{2}[ :][0-9a-fA-F]{2}/,
  escape:
    /(?<![0-9A-Za-z:])(?:(?:[0-9a-f]{2}){1,4}([ :])(?:[0-9a-f]{2}){1,4}(?:\1(?:[0-9a-f]{2}){1,4}){4,}|(?:[0-9A-F]{2}){1,4}([ :])(?:[0-9A-F]{2}){1,4}(?:\2(?:[0-9A-F]{2}){1,4}){4,})(?![0-9A-Za-z:])/g,
  decode: (run: string): string | undefined => {
    const bytes = groupedHexBytes(run);
    return bytes.length > 0 ? bytesAsText(bytes) : undefined;
  },
};

/** A HEX_GROUPS run's bytes; fewer than MIN_GROUPED_BYTES are none (the decoding keeps them as written). */
function groupedHexBytes(run: string): Buffer {
  const bytes = Buffer.from(run.replace(/[ :]/g, ''), 'hex');
  return bytes.length >= MIN_GROUPED_BYTES ? bytes : Buffer.alloc(0);
}

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 section 6 base32 (upper case, `=` padding optional) as bytes; bits left over at the end are dropped. */
export function base32Bytes(run: string): Uint8Array {
  const digits = run.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((digits.length * 5) / 8));
  let [bits, value, at] = [0, 0, 0];
  for (const digit of digits) {
    value = ((value << 5) | BASE32_ALPHABET.indexOf(digit)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (value >> bits) & 0xff;
    }
  }
  return bytes;
}

/**
 * A run of base32 digits, 20 at least (12 bytes), no letter or digit either side. An upper-case word of 20 letters
 * (`ABCDEFGHIJKLMNOPQRSTUVWXYZ`, a constant's name) reads as bytes that are not text, so it stays as written.
 */
export const BASE32_RUNS = {
  applies: /[A-Z2-7]{20}/,
  escape: /(?<![0-9A-Za-z])[A-Z2-7]{20,}(?:={1,6}|(?![0-9A-Za-z]))/g,
  decode: (run: string): string | undefined => bytesAsText(base32Bytes(run)),
};

/**
 * 74a-4: base32 as `base32` and Python's textwrap write it, wrapped in lines (76 columns), upper case, `=` padding at
 * the end: its lines are joined and read as one run, as `xxd -p`'s lines are (a PKCS#12's key bag sits late in it).
 * Each run starts at a line's start or a blank, so it is matched once, in one pass.
 */
export const WRAPPED_BASE32 = {
  applies: /\n(?<=[A-Z2-7]{20}\r?\n)[ \t]*[A-Z2-7]{4}/, // from the line break (text-decodings.ts WRAPPED_BASE64, 81c-4)
  escape: /(?<![0-9A-Za-z])[A-Z2-7]{20,}(?:\r?\n[ \t]*[A-Z2-7]+)+(?:={1,6}|(?![0-9A-Za-z]))/g,
  bytes: (run: string): Buffer => Buffer.from(base32Bytes(run.replace(/\s/g, ''))),
};
