import { isHexDerKey } from './der-keys';

/**
 * Hex of a private key's DER (or an OpenSSH body) with ANY one separator between its bytes or groups: `30_77_02`,
 * `30.77`, `30/77`, `30|77`, `30h 77h`, `$30$77`, `&#x30;&#x77;`, `0x30, 0x77`, `\x30\x77`, `%30%77`, a tab, a
 * Unicode space. The separator S is what stands between the first two groups (1 to 4 characters that are no hex
 * digit, maybe then `0x`); the run goes on while S repeats before the next group. Read in one pass, each group at
 * most twice (no regular expression that could backtrack), and judged by the decoded bytes' structure (der-keys.ts),
 * so a MAC address, a UUID or a SHA-256 fingerprint with colons is none.
 */

/** Bytes a run holds at least: a DER key is longer (Ed25519 PKCS#8, the shortest, has 48). */
const MIN_BYTES = 30;
/** Where in the run (hex digits) the key may start, after a prefix's glued digits. */
const HEAD = 64;

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** Where the run of hex digits from `at` ends. */
function hexEnd(text: string, at: number): number {
  let end = at;
  while (end < text.length && isHex(text.charCodeAt(end))) end++;
  return end;
}

/** The separator after a group ending at `at`: non-hex characters (1 to 4), maybe then `0x`; '' where none is. */
function separatorAt(text: string, at: number): string {
  let end = at;
  while (end < text.length && end - at < 4 && !isHex(text.charCodeAt(end))) end++;
  if (/^0x/i.test(text.slice(end, end + 2))) end += 2;
  return end > at && end < text.length && isHex(text.charCodeAt(end)) ? text.slice(at, end) : '';
}

/** Whether the digits of a run are a key's DER from a `30` or `6f` near their start. */
export function holdsKey(hex: string): boolean {
  for (const { index } of hex.slice(0, HEAD).matchAll(/30|6f/gi)) if (isHexDerKey(hex.slice(index, index + 256))) return true;
  return false;
}

/**
 * The bytes of groups that each pad one byte with the same hex digits (`30ab_81ab_87ab`: a separator that starts with
 * hex letters, `ab_`), the padding left out; '' where the groups do not. The last group may go without it.
 */
function withoutPadding(groups: readonly string[]): string {
  const [first] = groups;
  const full = groups.length > 1 && groups[groups.length - 1].length === 2 ? groups.slice(0, -1) : groups;
  if (first.length < 4 || full.length < MIN_BYTES || full.some((group) => group.length !== first.length)) return '';
  for (const [from, to] of [
    [2, first.length],
    [0, first.length - 2],
  ]) {
    const pad = first.slice(from, to);
    if (full.every((group) => group.slice(from, to) === pad))
      return groups.map((group) => (group.length === 2 ? group : from ? group.slice(0, 2) : group.slice(-2))).join('');
  }
  return '';
}

/**
 * Whether `text` holds 2 * MIN_BYTES hex digits with no more than 4 other characters between one and the next: every
 * run hexKeyRuns takes does (its separators are 1 to 4 non-hex characters, maybe then `0x`, whose `x` is one more gap).
 * One pass without allocation, which most long texts fail: the scan below tried every short hex word of them (round 35).
 */
function mayHoldKeyRun(text: string): boolean {
  let [digits, gap] = [0, 0];
  for (let i = 0; i < text.length; i++) {
    if (!isHex(text.charCodeAt(i))) gap++;
    else {
      if (gap > 4) digits = 0;
      gap = 0;
      if (++digits >= 2 * MIN_BYTES) return true;
    }
  }
  return false;
}

/** The [start, end) of every separated hex run in `text` that is a private key. */
export function hexKeyRuns(text: string): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  if (!mayHoldKeyRun(text)) return runs;
  let i = 0;
  while (i < text.length) {
    if (!isHex(text.charCodeAt(i)) || (i > 0 && isHex(text.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    const firstEnd = hexEnd(text, i);
    // An odd group's first digit is a glued prefix's (`d30_77`): the run starts after it.
    const start = (firstEnd - i) % 2 ? i + 1 : i;
    const separator = separatorAt(text, firstEnd);
    if (!separator || firstEnd - start < 2) {
      i = firstEnd;
      continue;
    }
    const digits = [text.slice(start, firstEnd)];
    let [last, end] = [start, firstEnd];
    while (text.startsWith(separator, end)) {
      const next = end + separator.length;
      const groupEnd = hexEnd(text, next);
      if (groupEnd === next || (groupEnd - next) % 2) break;
      digits.push(text.slice(next, groupEnd));
      [last, end] = [next, groupEnd];
    }
    const hex = digits.join('');
    if (hex.length >= 2 * MIN_BYTES && (holdsKey(hex) || holdsKey(withoutPadding(digits)))) {
      runs.push([start, end]);
      i = end;
    } else i = last > start ? last : firstEnd; // the last group may start a run with another separator
  }
  return runs;
}

/**
 * A line of a hex dump with an offset column (`xxd`'s default layout: `00000000: 3081 8702 0100 ...  0....0..`, also
 * `-g1`/`-g4` groups, `-u`): the offset then `:` or two blanks, groups of hex digits one blank apart, then two blanks
 * and the ASCII column, or the line's end. Only the groups are the dump's bytes. The offset may follow other text (a
 * message's `x: "00000000: …`, a comment's `# `).
 */
const DUMP_LINE =
  /(?<![0-9a-z])(?:0x)?[0-9a-f]{4,16}(?::[ \t]{1,4}|[ \t]{2,4})((?:[0-9a-f]{2}){1,16}(?: (?:[0-9a-f]{2}){1,16}){0,31})(?:[ \t]{2}.*)?$/i;

/**
 * What every DUMP_LINE holds: its offset's last four digits, `:` and blanks or two blanks or more, then a byte (a text
 * without it holds no dump). Found from the blanks (the digits read behind them): tried from each hex digit, it took
 * 5 ms a MB of hex-rich text, for each text and decoding (round 35).
 */
const DUMP_OFFSET = /(?::[ \t]{1,4}|[ \t]{2,4})(?<=[0-9a-f]{4}(?::[ \t]{1,4}|[ \t]{2,4}))[0-9a-f]{2}/i;

/**
 * The [start, end) of every hex dump in `text` (consecutive DUMP_LINEs) whose bytes, gathered across its lines, are a
 * private key's DER or an OpenSSH body (`xxd key.der`, which `xxd -r` turns back into the key).
 */
export function hexDumpKeys(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  if (!DUMP_OFFSET.test(text)) return found;
  let [start, at, hex] = [-1, 0, ''];
  const close = (end: number) => {
    if (start >= 0 && hex.length >= 2 * MIN_BYTES && holdsKey(hex)) found.push([start, end]);
    [start, hex] = [-1, ''];
  };
  for (const line of text.split('\n')) {
    const groups = line.length <= 256 ? DUMP_LINE.exec(line.replace(/\r$/, ''))?.[1] : undefined;
    if (groups === undefined) close(at > 0 ? at - 1 : 0);
    else {
      if (start < 0) start = at;
      // Only the head decides (holdsKey reads 64 digits and a key's first 128 bytes): a huge dump is not joined whole.
      if (hex.length < 512) hex += groups.replace(/ /g, '');
    }
    at += line.length + 1;
  }
  close(text.length);
  return found;
}
