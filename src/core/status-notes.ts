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
  // A word of three letters or more says the state (`set`, `required`): `X_PASSWORD=it` alone is a value (H3).
  return (
    list.length <= 3 &&
    list.some((word) => word.length >= 3) &&
    list.every((word) => /^[a-z][a-z'-]*$/.test(word) && PASSWORD_SENTENCE_WORDS.has(word) && !VERDICT.has(word))
  );
}

/**
 * A verdict or a quality (`correct`, `wrong`, `good`, `strong`) says what a sentence thinks of a password, not a state it
 * is in, and password lists hold these words (`correct horse battery staple`): after a label (`password: correct`,
 * `DB_PASSWORD=correct`) such a word is the value, as it was before 78a-16 (MUST 1, MUST 2).
 */
const VERDICT = new Set([
  'correct',
  'incorrect',
  'right',
  'wrong',
  'fine',
  'ok',
  'okay',
  'good',
  'bad',
  'weak',
  'strong',
  'secure',
  'valid',
  'invalid',
]);
