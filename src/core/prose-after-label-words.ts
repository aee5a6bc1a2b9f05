import { foldLetters } from './folded-letters';
import { atFirstUse } from './lazy-regexp';
import { PASSWORD_SENTENCE_WORDS } from './password-sentence-words';

/**
 * Round 64 (64a-1), 65 (65a-2): after a label that names a password in a sentence (`the password is …`, `Das Passwort
 * ist …`), a word of letters alone is the password (`swordfish`, `schmetterling`, `king`, `Emily`) unless it is a
 * sentence's own word: a function word, a pointer, an adjective, participle or adverb that says what the password is
 * like (`incorrect`, `required`, `stored`, `rotated`, `falsch`, `requis`, `obbligatoria`) or a store, in the languages the
 * label readers know (password-sentence-words.ts). The list is closed: no ending makes a word prose. Read in ASCII
 * (foldLetters). Every list is read after every label: an Italian sentence has an English noun (`la password è …`).
 */

/**
 * 78a-12: a store's name with a case ending glued on, as Finnish, Turkish, Hungarian, Slavic and Baltic languages write
 * it (`Salasana on Vaultissa`, `Şifre Vaultta`, `Jelszó a KeePassban`, `Geslo je v Vaultu`: in Vault, in KeePass): a
 * place, not the password (name-value-pairs.ts too: `Şifre Vaultta` as a `rootpw X` line). Capitalised as the product
 * writes its name; the ending is up to five lower-case letters.
 */
const STORE = atFirstUse(() => /^(?:Vault|KeePass(?:XC)?|Bitwarden|LastPass|Keychain|Dashlane|1Password|Tresor)\p{Ll}{0,5}$/u);
export const namesStore = (word: string): boolean => word.length <= 16 && STORE().test(word);

/** Whether `word` (letters, `'` or `-`, as written after a password's label) is a sentence's word rather than the password. */
export function isProseWordAfterLabel(word: string, _english?: boolean): boolean {
  if (namesStore(word)) return true;
  const folded = foldLetters(word).toLowerCase();
  // A word of another script than Latin is judged by the other readers (a locale file's words: `كلمة المرور`).
  if (!/^[a-z'-]+$/.test(folded)) return true;
  return PASSWORD_SENTENCE_WORDS.has(folded);
}
