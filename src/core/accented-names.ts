import { foldLetters, latinLookAlikes } from './folded-letters';
import { namesForeignSecret } from './foreign-secret-words';

/**
 * Attack round 51a-12: a name spelled with accented Latin letters (`contraseña: x`, `hasło=x`, `şifre: x`,
 * `API-Schlüssel=x`, `pässword=x`), as the decodings of text-decodings.ts read it: a run of such letters in a name that,
 * its letters folded to ASCII (folded-letters.ts), ends in a secret word (foreign-secret-words.ts, or English's) is read
 * folded, so the named rules, whose names are ASCII (`[A-Za-z_][\w.-]*`), read it. Other words (prose in any language,
 * `Passwörter`) are kept as written: a text of them gives no decoding, and so costs no second reading.
 * Round 68 (68a-10): a run of Cyrillic or Greek letters drawn as Latin ones (folded-letters.ts' look-alikes) is read so
 * too where its word, so read, names a secret: `pаssword: x` (Cyrillic `а`), `DB_PАSSWORD=x`, `ΤΟΚΕΝ=x` (all Greek);
 * a word of the script's own (`пароль`, `СЕКРЕТ`) holds a letter drawn so in no Latin one, or names no secret in Latin.
 */

/**
 * Latin letters with accents (Latin-1, Extended-A and -B, Extended Additional), combining marks, Greek and Cyrillic;
 * 71a-12: the small capitals of IPA, the Phonetic Extensions and Latin Extended-D (`ᴅʙ_ᴘᴀꜱꜱᴡᴏʀᴅ=x`), Armenian and
 * Cherokee (folded-letters.ts reads their look-alikes).
 */
const ACCENTED_LETTERS = '\\u00c0-\\u024f\\u1e00-\\u1eff\\u0370-\\u058f\\u0250-\\u02af\\u1d00-\\u1d7f\\ua720-\\ua7ff\\u13a0-\\u13ff';
const ACCENTED = new RegExp(`[${ACCENTED_LETTERS}]|\\p{M}`, 'u');
/** The most of a word read either side of a run (a name is short). */
const MAX_WORD = 64;
/** A name's letters, digits, marks, `_`, `.` and `-`. */
const WORD_CHAR = /[\p{L}\p{M}\p{N}_.-]/u;
/** An English secret word ending a name (secrets-keys.ts judges the name once folded). */
const ENGLISH_SECRET = /(?:pass(?:wor[dt])?|passwd|passphrase|pwd?|tokens?|secrets?|keys?|creds?|credentials?|auth)$/i;

/** Each word's verdict, once (a text repeats its names). */
const names = new Map<string, boolean>();
const MAX_NAMES = 4096;

/** The run of accented letters at `at` of `text`, folded, where its word may name a secret; else undefined (kept). */
function foldedInName(run: string, text: string, at: number): string | undefined {
  if (run.length > MAX_WORD) return undefined;
  const folded = latinLookAlikes(foldLetters(run));
  if (!/^[A-Za-z]*$/.test(folded)) return undefined; // a combining mark alone folds to nothing
  let [start, end] = [at, at + run.length];
  while (start > 0 && at - start < MAX_WORD && WORD_CHAR.test(text[start - 1])) start--;
  while (end < text.length && end - at < MAX_WORD && WORD_CHAR.test(text[end])) end++;
  const word = text.slice(start, end);
  let secret = names.get(word);
  if (secret === undefined) {
    const name = latinLookAlikes(foldLetters(word));
    secret = ENGLISH_SECRET.test(name) || namesForeignSecret(name);
    if (names.size >= MAX_NAMES) names.clear();
    names.set(word, secret);
  }
  return secret ? folded : undefined;
}

/** The decoding (text-decodings.ts) that reads a name's accented letters in ASCII. */
export const ACCENTED_NAMES = {
  applies: ACCENTED,
  escape: new RegExp(`(?:[${ACCENTED_LETTERS}]|\\p{M})+`, 'gu'),
  decode: foldedInName,
};
