/**
 * Whether a line is an HTTP Public Key Pinning header, or its value alone (round 62a-5): RFC 7469 section 2.1 defines
 * `Public-Key-Pins` and `Public-Key-Pins-Report-Only` as `;`-separated directives, `pin-sha256="<base64 of a SHA-256
 * hash of a SubjectPublicKeyInfo>"` (44 characters, one `=` of padding), `max-age=<seconds>`, `includeSubDomains` and
 * `report-uri="<URI>"`. The pins are hashes of public keys, public as a key's fingerprint is, not a PIN. Every directive
 * must be one of these, with at least one pin: a PIN's digits (`pin: 4821`) or other text beside them stays a secret.
 */
const HEADER_NAME = /^[ \t]*["']?Public-Key-Pins(?:-Report-Only)?["']?[ \t]*[:=][ \t]*/i;
const DIRECTIVE = /^(?:pin-sha256="[A-Za-z0-9+/]{43}="|max-age="?\d{1,10}"?|includeSubDomains|report-uri="[^\s"]{1,2048}")$/i;

export function isPublicKeyPinsLine(line: string): boolean {
  if (line.length > 8192) return false;
  const value = line
    .replace(HEADER_NAME, '')
    .trim()
    .replace(/^(["'])(.*)\1$/s, '$2');
  const directives = value.split(';').map((directive) => directive.trim());
  if (directives[directives.length - 1] === '') directives.pop();
  return directives.some((directive) => /^pin-sha256=/i.test(directive)) && directives.every((directive) => DIRECTIVE.test(directive));
}
