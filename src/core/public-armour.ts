/**
 * 69a-24: the body of an ASCII-armoured block of public material, an OpenPGP signature or public key (RFC 9580 section
 * 6.2, "Forming ASCII Armor": `-----BEGIN PGP SIGNATURE-----`, `PGP PUBLIC KEY BLOCK`) or an X.509 certificate (RFC 7468
 * section 5, `-----BEGIN CERTIFICATE-----`): random bytes, no text, and public. Its base64 is read as text only where its bytes
 * are text (text-decodings.ts), never as binary's printable runs: a run that happens to read as `Y:ojj3`W@a` is no URL
 * with credentials. Private blocks are read as before.
 */
// The dashes that open a line may be gone: a decoding that takes a list's `-` off each line (line-prefixes.ts) comes first,
// and leaves the line's indent (a block scalar's, 70a-13).
const ARMOUR_LINE = /(?:^[ \t]*|-----)(BEGIN|END) (PGP SIGNATURE|PGP PUBLIC KEY BLOCK|CERTIFICATE)-----/gm;
/** An armoured body: base64 lines, a checksum line (`=ILeA`), armour headers (`Comment: …`). */
const ARMOUR_BODY = /^[A-Za-z0-9+/=:\s.,()-]*$/;

/** The blocks (above), each a BEGIN line then the END line of its label: one pass over the armour lines, each body read once. */
function publicBlocks(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let open: RegExpMatchArray | undefined;
  for (const line of text.matchAll(ARMOUR_LINE)) {
    if (line[1] === 'BEGIN') open = line;
    else if (open && open[2] === line[2]) {
      const [start, end] = [open.index! + open[0].length, line.index];
      if (end - start <= 65_536 && ARMOUR_BODY.test(text.slice(start, end))) spans.push([open.index!, end + line[0].length]);
      open = undefined;
    }
  }
  return spans;
}

// Every base64 run of a text asks: the text's blocks are found once (the last text asked of is kept).
let lastText: string | undefined;
let lastSpans: Array<[number, number]> = [];

function armourSpans(text: string): Array<[number, number]> {
  if (text !== lastText) {
    lastText = text;
    lastSpans = text.includes('BEGIN ') ? publicBlocks(text) : [];
  }
  return lastSpans;
}

/** Whether the span `[at, at + length)` of `text` lies inside a public armoured block (above); a binary search of the blocks. */
export function inPublicArmour(text: string, at: number, length: number): boolean {
  const spans = armourSpans(text);
  let [low, high] = [0, spans.length - 1];
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [start, end] = spans[mid];
    if (at + length <= start) high = mid - 1;
    else if (at >= end) low = mid + 1;
    else return at >= start && at + length <= end;
  }
  return false;
}
