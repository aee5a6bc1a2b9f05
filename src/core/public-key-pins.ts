/**
 * HTTP Public Key Pinning (rounds 62a-5, 63a-9): RFC 7469 section 2.1 defines the `Public-Key-Pins` and
 * `Public-Key-Pins-Report-Only` headers as `;`-separated directives, `pin-sha256="<base64 of a SHA-256 hash of a
 * SubjectPublicKeyInfo>"` (44 characters, one `=` of padding), `max-age=<seconds>`, `includeSubDomains` and
 * `report-uri="<URI>"`. The pins are hashes of public keys, public as a key's fingerprint is, not a PIN; nor is the
 * header's name, in any syntax that sets a header (nginx `add_header Public-Key-Pins '…'`, Apache `Header set
 * Public-Key-Pins "pin-sha256=\"…\""`, Caddy `header`, JSON, an env name `PUBLIC_KEY_PINS=`, a header map's
 * `public-key-pins:`), nor a pin written without its quotes (`pin-sha256=d6qz…mM=`, as browsers' parsers take it).
 */
// A pin: its quotes maybe escaped (`\"`, inside another quote), the hash not glued to more base64.
const PIN = /pin-sha256[ \t]*=[ \t]*\\?["']?[A-Za-z0-9+/]{43}=\\?["']?(?![A-Za-z0-9+/=])/gi;
const HEADER_NAME = /public[-_ ]?key[-_ ]?pins(?:[-_ ]?report[-_ ]?only)?/gi;

/**
 * `line` with its pins and the header's names blanked (each character a space, so spans found in it stand where they
 * stand in the line): what is left is judged as any text (`Public-Key-Pins: pin-sha256="…"; pin=4821` keeps its PIN).
 * A line without a pin is returned as it is: the header's name alone does not excuse a value (`Public-Key-Pins: 4821`).
 */
export function withoutPublicKeyPins(line: string): string {
  if (line.length > 8192 || !/pin-sha256/i.test(line)) return line;
  const blank = (text: string) => ' '.repeat(text.length);
  const pinless = line.replace(PIN, blank);
  return pinless === line ? line : pinless.replace(HEADER_NAME, blank);
}
