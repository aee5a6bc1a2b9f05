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
 */
export const ROUTE_TOKEN_MIN = 20;
const RANDOM_SHARE = 0.45;
const PIECES = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g;
const HEX = /^(?:[0-9a-f]+|[0-9A-F]+)$/;

/** Whether a piece reads as random: one or two characters, or letters without a vowel (`y` counts). */
const randomPiece = (piece: string): boolean => piece.length <= 2 || (/^[A-Za-z]+$/.test(piece) && !/[aeiouy]/i.test(piece));

/** Whether one run of letters and digits reads as a secret token. */
export function isRouteToken(run: string): boolean {
  if (run.length < ROUTE_TOKEN_MIN || !/\d/.test(run) || !/[A-Za-z]/.test(run) || HEX.test(run)) return false;
  const random = (run.match(PIECES) ?? []).filter(randomPiece).join('').length;
  return random >= run.length * RANDOM_SHARE;
}

/** Whether a route's path (or a rule's, a regexp's) holds such a run between its other characters. */
export const holdsRouteToken = (path: string): boolean => path.length <= 100_000 && path.split(/[^A-Za-z0-9]+/).some(isRouteToken);
