import { foldLetters } from './folded-letters';
import { NON_LATIN_SECRET } from './foreign-secret-words';

/**
 * 64a-8: a locale file's text for a password field (Rails' `de: … password: Passwort`, devise's `change_my_password:
 * Changer mon mot de passe`, an i18n JSON's `{"password": "Mot de passe"}`, `ja: {password: パスワード}`, a mail's
 * `subject: Reset your password`): the word that names a password, in a language foreign-secret-words.ts knows, alone or
 * with the words a form's label or a button has (`Confirm password`, `Neues Passwort`, `Passwort bestätigen`). The value
 * names the secret, as `password: Password` does; it is none. Only those words: a passphrase of other words
 * (`Summer Secret Password`) or one with a digit stays a value.
 */
// Words for a password only: `Secret`, `Token` or `Geheimnis` alone are the tool's own words or a weak value (H3: `X_PASSWORD=Secret`).
const SECRET_WORD =
  /^(?:pass(?:word|phrase)s?|passwort|kennwort|mot-de-passe|contrasena|contrasenya|senha|wachtwoord|haslo|losenord|passord|salasana|parola|parool|adgangskode|kodeord|jelszo|heslo|sifre|lozinka|geslo|slaptazodis|lykilord|mdp)$/i;
const NON_LATIN = new RegExp(`^(?:${NON_LATIN_SECRET})$`, 'u');
/** Words of a field's label, a button, a mail's subject or a field's error in English, German, French, Spanish, Portuguese, Italian, Dutch. */
const LABEL_WORD =
  /^(?:confirm|confirmation|new|current|old|change|reset|forgot|forgotten|repeat|retype|enter|your|my|the|a|of|to|set|show|hide|update|choose|create|again|verify|bestatigen|neues|neu|altes|aktuelles|andern|zurucksetzen|vergessen|wiederholen|ihr|dein|ihres|deines|confirmer|nouveau|ancien|actuel|changer|modifier|reinitialiser|oublie|mon|votre|le|de|du|confirmar|nueva|nuevo|actual|cambiar|restablecer|olvidado|olvido|tu|su|la|nova|novo|alterar|redefinir|esqueceu|sua|conferma|nuova|cambia|reimposta|dimenticato|tua|bevestig|nieuw|wijzig|vergeten|uw|je|het|das|der|die|den|el|los|les|un|une|ein|eine|is|too|short|weak|wrong|invalid|incorrect|required|match|matches|do|does|not|est|trop|court|faible|invalide|obligatoire|ist|zu|kurz|schwach|falsch|ungultig|erforderlich|es|muy|corta|debil|obligatoria|requerida)$/i;

/** Whether `value` is a password field's label or title, in one of the languages above (never a value: see above). */
export function namesSecretAsLabel(value: string): boolean {
  // A label is short: a long text is none, and is not trimmed (a run of blanks read from each start was quadratic, 65b).
  if (value.length > 200) return false;
  const text = value.trim().replace(/[\s.:!?]+$/, ''); // French sets a blank before `?` (`Mot de passe oublié ?`)
  // A label is written in words: `secret-key`, `admin_password` are values (a weak password, a Secret's key).
  if (text.length === 0 || text.length > 80 || /_|\p{L}-\p{L}/u.test(text)) return false;
  const written = text.normalize('NFKC').toLowerCase();
  if (NON_LATIN.test(written)) return true; // `パスワード`, `пароль`, `密码` alone
  const words = foldLetters(text)
    .replace(/\b(mot)\s+(de)\s+(passe)\b/gi, '$1-$2-$3') // French `mot de passe` is one word here
    .split(/\s+/);
  if (!words.every((word) => /^[A-Za-z][A-Za-z'-]{0,31}$/.test(word))) return false;
  const secret = words.filter((word) => SECRET_WORD.test(word)).length;
  return secret === 1 && words.every((word) => SECRET_WORD.test(word) || LABEL_WORD.test(word.replace(/^\w+'/, '')));
}
