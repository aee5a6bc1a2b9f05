import { looksGenerated } from './generated-runs';
import { nameWords } from './named-setting-values';

/**
 * A message catalogue's entry under a secret's word (attack round 71a-3): `token_expired: Session expired`,
 * `password_changed: Password changed`, `secret_question: Name of your first pet`, `TOKEN_EXPIRED_MESSAGE`, in any
 * language (`Sitzung abgelaufen`, `¿Olvidaste tu contraseña?`, `セッションの有効期限が切れました`). The name says
 * what happened to the secret or which text about it this is (a word of MESSAGE_WORD after the secret's word); the
 * value is a sentence: words with blanks between them, or letters of a script written without blanks, no digit and
 * nothing that looks generated. A passphrase under such a name (`password_reset: correct horse`) is the one thing
 * this lets through, and it is no place one is kept: the secret's own key (`password`, `reset_token`) stays judged.
 */
const MESSAGE_WORD =
  /^(?:expired|expires|invalid|changed|change|question|forgot|forgotten|reset|mismatch|missing|required|incorrect|wrong|message|msg|text|label|hint|title|error|prompt|tooltip|help|description|success|failed|sent|updated|weak|too|short|placeholder|abgelaufen|falsch)$/;
// 77a-6: a key's too (`api_key_help: Найдите ключ API в настройках профиля`, find the API key in your profile's settings).
const SECRET_WORD = /^(?:token|password|passwort|passwd|secret|pin|passphrase|key)$/;
/**
 * Words of letters and their punctuation, separated by blanks; a count of one or two digits before a word counts as one
 * (75a-2: `password_hint_text = "Use at least 12 characters"`), a number ending the text or a longer one does not.
 * 76a-2: a message of two sentences (`Votre jeton a expiré. Veuillez vous reconnecter.`) is one too.
 */
const SENTENCE = /^[¿¡]?\p{L}[\p{L}\p{M}'’-]*(?:[,;:.!?]?[ \t]+(?:[\p{L}\p{M}'’-]+|\d{1,2}\+?(?=[ \t]+\p{L}))){1,15}[.!?…]?$/u;
/** A sentence of a script written without blanks (Chinese, Japanese, Thai; its commas, full-width or NFKC): no ASCII letter in it. */
const UNSPACED = /^[\p{L}\p{M}ー、，,]{2,80}[。！？!?]?$/u;
/** 76a-2: a count of one or two digits before a word of such a script (`8文字以上`, `至少 12 个字符`: 8 characters or more). */
const UNSPACED_COUNT = /(?<!\d)[ \t]?\d{1,2}[ \t]?(?=\p{L})/gu;

export function isMessageString(value: string, named: string): boolean {
  if (value.length > 256 || named.length > 128 || looksGenerated(value)) return false;
  const words = nameWords(named);
  const at = words.findIndex((word) => SECRET_WORD.test(word));
  if (at < 0 || !words.slice(at + 1).some((word) => MESSAGE_WORD.test(word))) return false;
  const text = value.trim();
  const unspaced = text.replace(UNSPACED_COUNT, '');
  return SENTENCE.test(text) || (UNSPACED.test(unspaced) && !/[A-Za-z]/.test(unspaced));
}
