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

/**
 * 81a-8, 81c-2: an X.509 block of RFC 7468 (section 5 `CERTIFICATE`, 5.3 `TRUSTED CERTIFICATE` as OpenSSL writes it, 6 `X509 CRL`,
 * 13 `PUBLIC KEY`) whose body is base64 lines alone and decodes to one DER SEQUENCE spanning it all: public data, no label. A
 * line `PWSb6…+sos0…` of a root CA (CA Disig Root R2 in Debian's ca-certificates) is random base64, not `pw` beside a value.
 */
const X509_BLOCK =
  /-----BEGIN (CERTIFICATE|TRUSTED CERTIFICATE|X509 CRL|PUBLIC KEY)-----(\r?\n(?:[ \t]*[A-Za-z0-9+/]+={0,2}[ \t]*\r?\n){1,2048}[ \t]*)-----END \1-----/g;

/** Whether `bytes` are one DER SEQUENCE (ITU-T X.690 section 8.1: tag 0x30, a definite length) and nothing after it. */
function isOneDerSequence(bytes: Buffer): boolean {
  if (bytes.length < 2 || bytes[0] !== 0x30) return false;
  const first = bytes[1];
  if (first < 0x80) return bytes.length === 2 + first;
  const octets = first & 0x7f;
  if (octets === 0 || octets > 3 || bytes.length < 2 + octets) return false;
  const length = [...bytes.subarray(2, 2 + octets)].reduce((sum, byte) => sum * 256 + byte, 0);
  return bytes.length === 2 + octets + length;
}

/**
 * `text` with the base64 of each such block written as `A`s (zero bytes, no word), its lines and length kept: what the
 * readings of a text judge, so no reading takes a certificate's random base64 for a name and its value. A block whose
 * bytes are no certificate's (text, or more than its one SEQUENCE) is judged as written.
 */
export function withPublicDerBlanked(text: string): string {
  return text.includes('-----BEGIN ') ? text.replace(X509_BLOCK, blanked) : text;
}

function blanked(block: string, _label: string, body: string): string {
  return isOneDerSequence(Buffer.from(body.replace(/\s+/g, ''), 'base64'))
    ? block.replace(body, body.replace(/[A-Za-z0-9+/]/g, 'A'))
    : block;
}

/**
 * `judged` (a reading of withPublicDerBlanked(text), the blanked bodies kept as they were) with each block's base64 put
 * back as `text` holds it, in order: a redaction that blanks no certificate line.
 */
export function withPublicDerRestored(judged: string, text: string): string {
  let [out, from] = ['', 0];
  for (const match of text.matchAll(X509_BLOCK)) {
    const [block, label, body] = match;
    const blank = blanked(block, label, body);
    const at = blank === block ? -1 : judged.indexOf(blank, from);
    if (at < 0) continue;
    out += judged.slice(from, at) + block;
    from = at + blank.length;
  }
  return out + judged.slice(from);
}
