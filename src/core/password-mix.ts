/**
 * Whether a word mixes characters as a chosen password does (64a-4, 64a-13): 8 to 128 characters from at least three
 * of lower case, upper case, digits and other characters (`Tq1hK2pLm4`, `S3cure!Pass`). For the readers where `a/b`
 * may as well be a path, a version or a pair of names (`api/v2`, `reports/2024`, `rack1/port12`, `scott/tiger`):
 * there only a word of that mix is taken for a password. `least`: a reader's own floor (a `CONNECT u/pw` that ends
 * its statement reads as a logon from 6 characters, 65a-7: `CONNECT scott/Tiger9x`).
 */
export function hasPasswordMix(word: string, least = 8): boolean {
  if (word.length < least || word.length > 128) return false;
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((kind) => kind.test(word)).length >= 3;
}
