import { readsAsVersionedWords } from './versioned-words';

/**
 * Whether a word looks generated, as keys and passwords are, not chosen, as names are (43a-15). A run of 12 or more
 * letters and digits is judged by its pieces (camelCase words, capitals, digit groups):
 * - 24 or more characters: generated (a key, a hash, base64);
 * - letters only: chosen;
 * - letters and digits interleaved several times (3 or more changes: `x7Kq9mZ2pL4v`, `abc1def2ghi3`): generated;
 * - three or more one- or two-letter pieces (`ZqxWpLm3TrAb`: random upper and lower case) or a piece of six or more
 *   letters without a vowel (`xkqmzpl4ab12`): generated;
 * anything else is dictionary words with a number (a year, an index): `letsencrypt2024`, `apiToken2024`,
 * `cloudflareApiToken2`, `dnsApiToken01`, `router01password` are chosen; so are words with version numbers
 * (`utf8mb4creds`, `ipv4ipv6dualstack`: versioned-words.ts), however often letters and digits change.
 */
export const looksGenerated = (value: string): boolean => (value.match(/[A-Za-z0-9]{12,}/g) ?? []).some(generatedRun);

/**
 * 81a-10: a UUID (RFC 9562 section 4) or a lower-case hex id (a content hash, an object's uid) after a chosen name's
 * word (`db-conn-3f2504e0-…`, `tls-2f1e9c8a7b6d`): how Secrets are named after what made them, no password.
 */
const ID_SUFFIX = /(?<=[a-z]{2,}[a-z0-9]*)-(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{8,64})$/;
/**
 * Whether a Kubernetes object's name (a Secret's) looks generated: as looksGenerated, but never one without a digit (48b-5).
 * A name is lower case (a DNS-1123 subdomain), so a run of letters alone is words run together (`aaaa…`, 64 of them, or
 * `kubernetesdashboardcerts`), chosen, not a key: only letters and digits mixed are said to look generated.
 */
export const looksGeneratedName = (value: string): boolean => {
  const chosen = value.replace(ID_SUFFIX, '');
  return /\d/.test(chosen) && looksGenerated(chosen);
};

/** Whether one run of letters and digits (any length) is judged generated as above: a glued value's 10 or 11 (61a-2). */
export const looksGeneratedRun = (run: string): boolean => /^[A-Za-z0-9]+$/.test(run) && generatedRun(run);

/** A piece of a run: a capitalised or lower-case word, a run of capitals (an acronym), a digit group. */
const PIECES = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g;

function generatedRun(run: string): boolean {
  if (run.length >= 24) return true;
  if (!/\d/.test(run) || !/[A-Za-z]/.test(run) || readsAsVersionedWords(run)) return false;
  const pieces = run.match(PIECES) ?? [];
  const changes = run.match(/[A-Za-z](?=\d)|\d(?=[A-Za-z])/g)?.length ?? 0;
  if (changes >= 3) return true;
  const letters = pieces.filter((piece) => /^[A-Za-z]/.test(piece));
  const short = letters.filter((piece) => piece.length <= 2).length;
  return short >= 3 || letters.some((piece) => piece.length >= 6 && !/[aeiouy]/i.test(piece));
}

/**
 * Round 87 (87b-10): a password a password manager generates holds symbols between its letters and digits
 * (`Vb7!qW3@zN8xK2mP`), so no run of it is 12 long. Such a value (10 to 64 characters without a blank, with lower- and
 * upper-case letters and a symbol, no part longer than 11) looks generated when its parts, read one by one between the
 * symbols, hold four or more pieces of one or two letters (random case) and change between letters and digits three
 * times or more; 88a-5: in 10 or 11 characters (Bitwarden and KeePass allow them, `Ty4%Rk9&Wq2`), three such pieces and
 * two changes; without a digit (`qZ!wX@tR#pK$mN%vB`), four such pieces and three turns from lower to upper case inside
 * a part. A name people write has words for parts (`K8s-Cluster-01`, `MyApp_V2_Beta3_RC1`, `My-App-UI-QA-DB`). Apple's
 * strong password, whose parts are six letters long, is known by its own format (below).
 */
export function looksGeneratedWithSymbols(value: string): boolean {
  if (APPLE_STRONG_PASSWORD.test(value)) return true;
  if (!/^[!-~]{10,64}$/.test(value) || !/[a-z]/.test(value) || !/[A-Z]/.test(value) || !/[^A-Za-z0-9]/.test(value)) return false;
  const parts = value.split(/[^A-Za-z0-9]+/).filter((part) => part && !readsAsVersionedWords(part));
  // A part of 12 or more is a run of its own, judged as one (`user:<run>@host` is a URL's user info, no password alone).
  if (parts.join('').length < 8 || parts.some((part) => part.length >= 12)) return false;
  const short = parts.flatMap((part) => part.match(PIECES) ?? []).filter((piece) => /^[A-Za-z]{1,2}$/.test(piece)).length;
  if (!/\d/.test(value)) return short >= 4 && parts.reduce((sum, part) => sum + (part.match(/[a-z](?=[A-Z])/g)?.length ?? 0), 0) >= 3;
  const changes = parts.reduce((sum, part) => sum + (part.match(/[A-Za-z](?=\d)|\d(?=[A-Za-z])/g)?.length ?? 0), 0);
  return value.length < 12 ? changes >= 2 && short >= 3 : changes >= 3 && short >= 4;
}

/**
 * 88a-5: the strong password of Apple's Passwords / iCloud Keychain (Safari's default): three groups of six lower-case
 * letters joined by `-`, one letter made upper case and one a digit (`hUpdoq-7zubvy-fodxis`): Apple Platform Security
 * guide (https://support.apple.com/guide/security/), "Automatic strong passwords": 20 characters, one digit, one upper-case
 * character, two hyphens and 16 lower-case characters.
 */
const APPLE_STRONG_PASSWORD = /^(?=[^A-Z]*[A-Z][^A-Z]*$)(?=\D*\d\D*$)[a-zA-Z0-9]{6}-[a-zA-Z0-9]{6}-[a-zA-Z0-9]{6}$/;
