import { foldLetters } from './folded-letters';
import { PASSWORD_SENTENCE_WORDS } from './password-sentence-words';

/**
 * 78a-16: a status note where a secret's value would be (`Passwort: erforderlich`, `Senha: expirada`, `Password: rotated`,
 * `Mot de passe : requis`): one to three words, each of the closed list a sentence says after a password's label
 * instead of the password (password-sentence-words.ts), in any of its languages, so the verdict is the same in each.
 * Read in ASCII (foldLetters: `geändert` is `geandert`). A word of another script or one not in the list
 * (`Schmetterling`, `Sunflower`) is no note: it may be the password. Not for a Secret's data (secrets-keys.ts `labels`).
 */
export function isStatusNote(value: string): boolean {
  const v = value.trim();
  if (v.length === 0 || v.length > 48) return false;
  const list = foldLetters(v)
    .toLowerCase()
    .split(/[ \t]+/);
  return list.length <= 3 && list.every((word) => /^[a-z][a-z'-]*$/.test(word) && PASSWORD_SENTENCE_WORDS.has(word));
}
