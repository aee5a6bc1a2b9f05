import { foldLetters } from './folded-letters';
import { PASSWORD_SENTENCE_WORDS } from './password-sentence-words';

/**
 * Round 64 (64a-1), 65 (65a-2): after a label that names a password in a sentence (`the password is …`, `Das Passwort
 * ist …`), a word of letters alone is the password (`swordfish`, `schmetterling`, `king`, `Emily`) unless it is a
 * sentence's own word: a function word, a pointer, an adjective, participle or adverb that says what the password is
 * like (`incorrect`, `required`, `stored`, `rotated`, `falsch`, `requis`, `obbligatoria`) or a store, in the languages the
 * label readers know (password-sentence-words.ts). The list is closed: no ending makes a word prose. Read in ASCII
 * (foldLetters). Every list is read after every label: an Italian sentence has an English noun (`la password è …`).
 */

/** Whether `word` (letters, `'` or `-`, as written after a password's label) is a sentence's word rather than the password. */
export function isProseWordAfterLabel(word: string, _english?: boolean): boolean {
  const folded = foldLetters(word).toLowerCase();
  // A word of another script than Latin is judged by the other readers (a locale file's words: `كلمة المرور`).
  if (!/^[a-z'-]+$/.test(folded)) return true;
  return PASSWORD_SENTENCE_WORDS.has(folded);
}
