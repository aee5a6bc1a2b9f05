/**
 * HTTP Public Key Pinning (rounds 62a-5, 63a-9): RFC 7469 section 2.1 defines the `Public-Key-Pins` and
 * `Public-Key-Pins-Report-Only` headers as `;`-separated directives, `pin-sha256="<base64 of a SHA-256 hash of a
 * SubjectPublicKeyInfo>"` (44 characters, one `=` of padding), `max-age=<seconds>`, `includeSubDomains` and
 * `report-uri="<URI>"`. The pins are hashes of public keys, public as a key's fingerprint is, not a PIN; nor is the
 * header's name, in any syntax that sets a header (nginx `add_header Public-Key-Pins '…'`, Apache `Header set
 * Public-Key-Pins "pin-sha256=\"…\""`, Caddy `header`, JSON, an env name `PUBLIC_KEY_PINS=`, a header map's
 * `public-key-pins:`), nor a pin written without its quotes (`pin-sha256=d6qz…mM=`, as browsers' parsers take it).
 */
// A pin: its quotes maybe escaped (`\"`, inside another quote; `&quot;` in XML, IIS web.config's customHeaders, 64a-10),
// the hash not glued to more base64.
const PIN = /pin-sha256[ \t]*=[ \t]*(?:\\?["']|&quot;)?[A-Za-z0-9+/]{43}=(?:\\?["']|&quot;)?(?![A-Za-z0-9+/=])/gi;
/**
 * 64a-10: the same hash in other pinning syntaxes: OkHttp's `sha256/<base64>` (square/okhttp CertificatePinner, "pins
 * are prefixed with sha256/"), Android's `<pin digest="SHA-256"><base64></pin>` (developer.android.com
 * privacy-and-security/security-config, "Certificate pinning"), and a quoted hash on a line that names pins
 * (`hpkp_pins: ["…=", "…="]`).
 */
const OTHER_PIN =
  /sha256\/[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])|<pin[ \t]+digest[ \t]*=[ \t]*["']SHA-256["'][ \t]*>[ \t]*[A-Za-z0-9+/]{43}=[ \t]*<\/pin>/gi;
const QUOTED_HASH = /(["'])[A-Za-z0-9+/]{43}=\1/g;
const NAMES_PINS = /(?<![A-Za-z])(?:[a-z]+[-_])?pins?(?:[-_][a-z]+)?[ \t]*["']?[ \t]*[:=[]|<pin-set\b/i;
// A list's name (`hpkp_pins`, `pins`), blanked with its hashes; not `pin` alone (`pin=4821` keeps its PIN).
const PINS_NAME = /(?<![A-Za-z])(?:[a-z]+[-_])?pins(?![A-Za-z])|<pin-set\b/gi;
const HEADER_NAME = /public[-_ ]?key[-_ ]?pins(?:[-_ ]?report[-_ ]?only)?/gi;

/**
 * `line` with its pins and the header's names blanked (each character a space, so spans found in it stand where they
 * stand in the line): what is left is judged as any text (`Public-Key-Pins: pin-sha256="…"; pin=4821` keeps its PIN).
 * A line without a pin is returned as it is: the header's name alone does not excuse a value (`Public-Key-Pins: 4821`).
 */
export function withoutPublicKeyPins(line: string): string {
  if (line.length > 8192 || !/pin|sha256/i.test(line)) return line;
  const blank = (text: string) => ' '.repeat(text.length);
  let pinless = line.replace(PIN, blank).replace(OTHER_PIN, blank);
  if (NAMES_PINS.test(line)) pinless = pinless.replace(QUOTED_HASH, blank);
  return pinless === line ? line : pinless.replace(HEADER_NAME, blank).replace(PINS_NAME, blank);
}
