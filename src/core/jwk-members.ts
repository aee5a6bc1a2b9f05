/**
 * A JSON Web Key's private `d` (RFC 7518 §6.2.2, §6.3.2; RFC 8037) written as text in any syntax, not only data
 * that parses: `"d": "<v>"` (JSON, pretty-printed over several lines too), `d: <v>` (YAML), `d=<v>` or `&d=<v>`
 * (key=value, a query), `<d><v></d>` (XML). It counts where <v> is base64url of 16 bytes or more and a public member
 * (`kty`, `crv`, `x`, `y`, `n`, `e`, with a value a JWK would hold) is written in the same syntax within WINDOW characters: `kty=EC crv=P-256 x=…`
 * alone, or a `d` of a query far from any JWK member, is none.
 */

const WINDOW = 4096;
const VALUE = String.raw`["']?([A-Za-z0-9_-]{22,})`;
/** A public member with a value only a JWK would hold, so `x=1` or `e=abc` in a query marks nothing. */
const MARKS: ReadonlyArray<readonly [string, string]> = [
  ['kty', '(?:EC|RSA|OKP|oct)'],
  ['crv', '(?:P-256|P-384|P-521|Ed25519|Ed448|X25519|X448|secp256k1)'],
  ['x|y|n', '[A-Za-z0-9_-]{16,}'],
  ['e', '(?:AQAB|AQ|Aw)'],
];

/** One syntax: how a member named `names` is written before its value. */
const FAMILIES = [
  (names: string) => String.raw`(?<![\w.-])(["'])(?:${names})\1\s{0,64}:\s{0,64}`,
  (names: string) => String.raw`(?<![\w."'-])(?:${names}):[^\S\n]{1,16}`,
  (names: string) => String.raw`(?<![\w.-])(?:${names})[^\S\n]{0,16}=[^\S\n]{0,16}`,
  (names: string) => String.raw`<(?:${names})>\s{0,64}`,
].map((family) => ({
  d: new RegExp(family('d') + VALUE, 'gi'),
  marks: MARKS.map(([names, value]) => new RegExp(family(names) + String.raw`["']?${value}(?![\w-])`, 'gi')),
}));

/** Whether a sorted list holds a number within WINDOW of `at`. */
function near(sorted: readonly number[], at: number): boolean {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < at) low = mid + 1;
    else high = mid;
  }
  return (low < sorted.length && sorted[low] - at <= WINDOW) || (low > 0 && at - sorted[low - 1] <= WINDOW);
}

/** The [start, end) of every private `d` value written beside a JWK's public member in `text`. */
export function jwkPrivateMembers(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  if (!/d/i.test(text)) return found;
  for (const { d, marks } of FAMILIES) {
    let at: number[] | undefined;
    for (const match of text.matchAll(d)) {
      at ??= marks.flatMap((mark) => [...text.matchAll(mark)].map(({ index }) => index)).sort((a, b) => a - b);
      const value = match[match.length - 1];
      const end = match.index + match[0].length;
      if (near(at, match.index)) found.push([end - value.length, end]);
    }
  }
  return found;
}
