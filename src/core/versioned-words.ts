/**
 * Names of words with version numbers (attack round 44a-13): `utf8mb4creds`, `ipv4ipv6dualstack`, `k8s1x509cert`,
 * `redis6tls13cert`. Their letters and digits change places often, as a generated run's do, but each piece is a word
 * or a numbered technical name, not a random pick of letters.
 */

/**
 * A word: four or more letters with a vowel (`y` counts) and no four consonants in a row (`creds`, `dualstack`, `cert`;
 * not `xkqmzpl`, `qmzv`).
 */
const WORD = '(?:(?=[a-z]*[aeiouy])(?![a-z]*[b-df-hj-np-tv-xz]{4})[a-z]{4,})';

/**
 * Technical names that carry a number (an encoding, a protocol's version, a hash, a curve, a standard): `utf8`,
 * `utf8mb4` (MySQL's 4-byte UTF-8), `ipv4`, `ipv6`, `x509`, `k8s`/`k3s`, `s3`, `ec2`, `sha256`, `md5`, `aes256`,
 * `base64`, `b64`, `http2`, `tls13`, `ed25519`, `p256`, `pkcs12`, `p12`, `oauth2`, `i18n`, `l10n`.
 */
const TECH =
  '(?:utf8|mb4|ipv[46]|x509|k[38]s|s3|ec2|sha(?:1|224|256|384|512)|md5|aes(?:128|192|256)|base(?:32|64)|b64|http[23]|tls1[0-3]|ed(?:25519|448)|p(?:256|384|521)|pkcs(?:1|7|8|11|12)|p12|oauth2|i18n|l10n)';

/**
 * A whole run read as such pieces: it starts with a word or a technical name, goes on with those and numbers of up to
 * four digits (a year, an index), and holds at least one word. Random lower-case runs that pass (measured: about 0.4%
 * of those of 12 to 23 letters and digits the other rules take for generated) read as words too.
 */
const VERSIONED = new RegExp(`^(?=.*${WORD})(?:${TECH}|${WORD})(?:${TECH}|${WORD}|\\d{1,4})*$`);

/**
 * Whether `run` (letters and digits, under 24 characters) reads as words with version numbers. Lower case, or words each
 * starting with one capital (`utf8Mb4Creds`); random capitals (`x7Kq9mZ2pL4v`) are none.
 */
export function readsAsVersionedWords(run: string): boolean {
  if (run.length >= 24 || /[A-Z](?![a-z])/.test(run)) return false;
  return VERSIONED.test(run.toLowerCase());
}
