/**
 * A secret token in a route's path (87b-7): `/hooks/Zq9xW3eR7tY2uI8oPl4mNb7v` is a webhook's secret, and a route's
 * path is written into the route, the cluster README and dist/ (committed to Git). Narrower than the look messages
 * hide (generated-quotes.ts holdsUnshownRun, 12 characters), since a path is chosen to be read: board and model names
 * (`esp32c3devkitm1`, `Llama3Instruct70B`, `IPv6only4you`) mix letters and digits as often as short tokens do.
 *
 * A token is a run of letters and digits, both, of 20 or more (webhook tokens are 20 and longer: Slack's 24, a
 * nanoid's 21, `secrets.token_urlsafe(16)`'s 22), not hex (a digest or commit id names content, no secret), whose
 * pieces read as random: split at letter/digit and lower-to-upper changes, at least 45% of its characters lie in pieces
 * of one or two characters or of letters without a vowel (`Zq 9 x W 3 e R 7 …` all; `esp 32 c 3 devkitm 1 firmware`
 * 22%). Measured on random runs of 20 to 32 characters: about 95% of mixed-case ones (base62, base64url) are tokens,
 * and two thirds of one-case ones (base36), whose letter runs are longer; names of products and models pass.
 *
 * 88a-1: nanoid and base64url tokens hold `-` and `_`, so a path segment (between `/` and other URL delimiters) is
 * judged whole, its parts between `-`, `_`, `.`, `~` counted together. A part that is one word, one number, a version,
 * a numeronym, hex (a UUID's, a content hash's) or a ULID reads as chosen, so slugs (`2024-05-my-first-post`), versions, hashed assets
 * and UUIDs pass. 88a-3: a ULID (github.com/ulid/spec README: 26 Crockford base32 characters, the first 0–7 by its
 * 48-bit timestamp) names a record as a UUID does.
 */
export const ROUTE_TOKEN_MIN = 20;
const RANDOM_SHARE = 0.45;
const PIECES = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g;
const HEX = /^(?:[0-9a-f]+|[0-9A-F]+)$/;
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
/** A part read whole: a word, a number, a version (`v2`), a numeronym (`k8s`, `i18n`), hex with a digit (a UUID's group, a content hash), a ULID. */
const CHOSEN_PART = /^(?:[a-z]+|[A-Z]+|[A-Z][a-z]+|\d+|[vV]\d+|[a-z]\d{1,2}[a-z])$/;
const chosenPart = (part: string): boolean => CHOSEN_PART.test(part) || (HEX.test(part) && /\d/.test(part)) || ULID.test(part);

/** Whether a piece reads as random: one or two characters, or letters without a vowel (`y` counts). */
const randomPiece = (piece: string): boolean => piece.length <= 2 || (/^[A-Za-z]+$/.test(piece) && !/[aeiouy]/i.test(piece));

/** How many characters of a part lie in random-looking pieces. */
const randomChars = (part: string): number => (part.match(PIECES) ?? []).filter(randomPiece).join('').length;

/** Whether one run of letters and digits reads as a secret token. */
export function isRouteToken(run: string): boolean {
  if (run.length < ROUTE_TOKEN_MIN || !/\d/.test(run) || !/[A-Za-z]/.test(run) || HEX.test(run) || ULID.test(run)) return false;
  return randomChars(run) >= run.length * RANDOM_SHARE;
}

/** Whether one path segment (letters, digits and `-_.~`) reads as a token: one run that is, or its parts together. */
function isTokenSegment(segment: string): boolean {
  const parts = segment.split(/[-_.~]+/).filter((part) => part !== '');
  if (parts.some(isRouteToken)) return true;
  if (parts.length < 2) return false;
  // A nanoid's `-` and `_` are characters of the token (V1StGXR8_Z5jdHi6B-myT is 21).
  const run = parts.join('');
  if (segment.replace(/[.~]/g, '').length < ROUTE_TOKEN_MIN || !/\d/.test(run) || !/[A-Za-z]/.test(run)) return false;
  const random = parts.reduce((sum, part) => sum + (chosenPart(part) ? 0 : randomChars(part)), 0);
  return random >= run.length * RANDOM_SHARE;
}

/** The segments of a route's path (or a rule's, a regexp's) that read as tokens. */
export const routeTokens = (path: string): string[] =>
  path.length <= 100_000 ? path.split(/[^A-Za-z0-9._~-]+/).filter(isTokenSegment) : [];

/** Whether a route's path (or a rule's, a regexp's) holds such a segment between its other characters. */
export const holdsRouteToken = (path: string): boolean => routeTokens(path).length > 0;
