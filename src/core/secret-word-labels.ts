import { foldLetters } from './folded-letters';
import { KEY_WORD, NON_LATIN_SECRET } from './foreign-secret-words';
import { atFirstUse } from './lazy-regexp';
import { isSentenceWord } from './labelled-password-values';
import { nameWords } from './named-setting-values';
import { statesSecretRule } from './secret-rule-texts';
import { WORLD_PASSWORD_LABEL_ASCII } from './world-password-words';

/**
 * 64a-8: a locale file's text for a password field (Rails' `de: … password: Passwort`, devise's `change_my_password:
 * Changer mon mot de passe`, an i18n JSON's `{"password": "Mot de passe"}`, `ja: {password: パスワード}`, a mail's
 * `subject: Reset your password`): the word that names a password, in a language foreign-secret-words.ts knows, alone or
 * with the words a form's label or a button has (`Confirm password`, `Neues Passwort`, `Passwort bestätigen`). The value
 * names the secret, as `password: Password` does; it is none. Only those words: a passphrase of other words
 * (`Summer Secret Password`) or one with a digit stays a value.
 * Round 73 (72b-10): a message catalogue translates its key's word, whatever secret it names (`"token": "Zugangstoken"`,
 * `"secret": "Geheimnis"`, `<string name="api_key_title">API key</string>`): a token's, a secret's or a key's word in the
 * value is a label too where the key's own secret word is of the same kind. The rule is the value's: the name of the
 * secret in words, nothing else; a word of another kind (`X_PASSWORD=Secret`, H3) or any other word stays a value.
 */
// Words for a password only: `Secret`, `Token` or `Geheimnis` alone are the tool's own words or a weak value (H3: `X_PASSWORD=Secret`).
// 75a-19: Turkish inflects its words (`Şifrenizi girin`, your password: `şifre` + `niz` + `i`).
// 77a-6: the ASCII words of world-password-words.ts's table too (`password: Cyfrinair`, `Pasahitza`, `Parole`).
const SECRET_WORD = new RegExp(
  String.raw`^(?:pass(?:word|phrase)s?|passwort|kennwort|mot-de-passe|contrasena|contrasenya|senha|wachtwoord|haslo|losenord|passord|salasana|parola|parool|adgangskode|kodeord|jelszo|heslo|(?:sifre|parola)(?:yi|ni|niz|nizi|n)?|lozinka|geslo|slaptazodis|lykilord|mdp|mat-khau|kata-sandi|kata-laluan|parola-d'ordine|wagwoord|sifra|nenosiri|${WORLD_PASSWORD_LABEL_ASCII})$`,
  'i',
);
/** Secret names of more than one word (French `mot de passe`, Vietnamese `mật khẩu`), read as one word here. */
const WORDS_OF_ONE_NAME =
  /\b(?:mot\s+de\s+passe|mat\s+khau|kata\s+(?:sandi|laluan)|parola\s+d'ordine|one\s+time\s+(?:password|passcode|code))\b/gi;
/**
 * 74a-3, 74a-17: a label in a script that is not Latin: its secret word (NON_LATIN_SECRET, or a secret's: Japanese
 * `シークレット`, Chinese `秘密`, Russian `секрет`) with the words a form's label has (Russian `Новый пароль`,
 * `Подтвердите пароль`; Greek `Κωδικός πρόσβασης`, access code; Japanese `パスワード（確認用）`, for confirmation); 75a-19: a
 * prompt (Chinese `请输入密码`, Korean `비밀번호를 입력하세요`: please enter the password); 76a-2: Ukrainian `Введіть пароль`,
 * Japanese `パスワードを入力してください` (please enter), `パスワードを忘れた場合` (if you forgot), Chinese `API 密钥` (API key).
 */
const NON_LATIN_WORD = new RegExp(`${NON_LATIN_SECRET}|シークレット|秘密|(?<![\\p{L}])секрет(?![\\p{L}])`, 'gu');
const NON_LATIN_LABEL_WORD =
  /^(?:новый|новая|новое|текущий|старый|подтвердите|подтверждение|повторите|введите|введіть|новий|підтвердіть|ваш|показать|скрыть|забыли|неверный|доступа|νέος|νέο|τρέχων|παλιός|επιβεβαίωση|πρόσβασης|προσβασης|確認用|確認|再入力|新しい|現在の|変更|表示|忘れた|を入力してください|を入力|を忘れた場合|の|新|新的|确认|當前|当前|旧|忘记|显示|新密码|새|현재|확인|재입력|입력|변경|请输入|請輸入|输入|輸入|请|請|를|을|입력하세요|입력하십시오|입력해|주세요|api|שלך|שלכם)$/u;
/** A label's punctuation, after NFKC (full-width `（）` are `()` by then): brackets, quotes, the CJK comma and stop. */
const LABEL_PUNCTUATION = /[()[\]{}"«»「」『』【】、。,;:!?…*]+/g;
/**
 * The kinds of secret other than a password a key and its label may both name, in ASCII (foreign-secret-words.ts's
 * words): a token (German compounds end in it: `Zugangstoken`; French `jeton`, Italian `gettone`), a secret (German
 * `Geheimnis`, Spanish `secreto`, Italian `segreto`, Portuguese `segredo`, Swedish `hemlighet`, Finnish `salaisuus`,
 * Hungarian `titok`), a key (`API key`, `clé API`, `chiave API`; 76a-13: Spanish `Clave de API`, `Privater Schlüssel`).
 */
const KINDS: readonly RegExp[] = [
  /^(?:[a-z]*token|jeton|gettone)$/,
  /^(?:secret|geheimnis|secreto|segreto|segredo|hemlighet|salaisuus|titok)$/,
  new RegExp(`^(?:key|clave|${KEY_WORD})$`),
  // 74a-2: a secret question's label (`secret_question: Geheimfrage`) names a question; its answer is the secret.
  /^(?:question|[a-z]*frage|pregunta|domanda|pergunta|vraag)$/,
  // 75a-6: a one-time code's (`otp: One-time password`, `"2fa.recovery_codes": "Recovery codes"`); the seed is the secret.
  /^(?:otp|totp|hotp|one-time-(?:password|passcode|code)|passcode|codes?)$/,
  // 76a-2: a login's credentials (German `Anmeldedaten`, `Zugangsdaten`, French `Identifiants`): the word names them, holds none.
  /^(?:credentials?|creds|anmeldedaten|zugangsdaten|identifiants|credenciales|credenziali|credenciais)$/,
];
/** What stands beside such a word in a label: its owner or use (`API key`, `Access token`, `Client secret`). */
const KIND_LABEL_WORD =
  /^(?:recovery|backup|verification|authentication|authenticator|api|access|client|private|public|shared|app|application|bot|user|personal|refresh|bearer|zugangs|acces|acceso|accesso|acesso|zugang|toegang|secret|security|secrete|secreta|segreta|secreta|sicherheits|privater|geheimer)$/;

/**
 * Words of a field's label, a button, a mail's subject or a field's error in English, German, French, Spanish, Portuguese,
 * Italian, Dutch; 75a-19: a prompt's verb too, and Turkish (`Saisissez votre mot de passe`, `Şifrenizi girin`); 76a-2: Polish
 * `Wprowadź hasło` (enter the password), Turkish `Şifrenizi mi unuttunuz?` (forgot it?), German `Falsches Passwort`.
 */
const LABEL_WORD =
  /^(?:confirm|confirmation|new|current|old|change|reset|forgot|forgotten|repeat|retype|enter|your|my|the|a|of|to|set|show|hide|update|choose|create|again|verify|bestatigen|neues|neu|altes|aktuelles|andern|zurucksetzen|vergessen|wiederholen|ihr|dein|ihres|deines|confirmer|nouveau|ancien|actuel|changer|modifier|reinitialiser|oublie|mon|votre|le|de|du|confirmar|nueva|nuevo|actual|cambiar|restablecer|olvidado|olvido|tu|su|la|nova|novo|alterar|redefinir|esqueceu|sua|conferma|nuova|cambia|reimposta|dimenticato|tua|bevestig|nieuw|wijzig|vergeten|uw|je|het|das|der|die|den|el|los|les|un|une|ein|eine|is|too|short|weak|wrong|invalid|incorrect|required|match|matches|do|does|not|est|trop|court|faible|invalide|obligatoire|ist|zu|kurz|schwach|falsch|ungultig|erforderlich|es|muy|corta|debil|obligatoria|requerida|anzeigen|verbergen|ausblenden|eingeben|afficher|masquer|saisir|mostrar|ocultar|mostra|nascondi|tonen|acces|acceso|accesso|acesso|zugang|toegang|saisissez|entrez|tapez|indiquez|introduce|introduzca|ingresa|ingrese|escribe|escriba|digite|insira|informe|inserisci|immetti|girin|giriniz|yeni|mevcut|tekrar|mi|unuttunuz|wprowadz|podaj|falsches)$/i;

/**
 * Whether `value` is a password field's label or title, in one of the languages above (never a value: see above), or,
 * set under `named`, the label of the secret `named` names (KINDS).
 */
export function namesSecretAsLabel(value: string, named = ''): boolean {
  // A label is short: a long text is none, and is not trimmed (a run of blanks read from each start was quadratic, 65b).
  if (value.length > 200) return false;
  // 78a-8: a rule or an error about the password in any language (`Пароль має містити щонайменше 12 символів`, `הסיסמה שגויה`).
  if (statesSecretRule(value)) return true;
  // 74a-3: typographic apostrophes (`Clé d’API`) and Android's escaped one (`Jeton d\\'accès`) are the apostrophe.
  const text = value
    .trim()
    .normalize('NFKC')
    .replace(/\\?['\u2018\u2019\u02bc]/g, "'")
    .replace(LABEL_PUNCTUATION, ' ')
    .trim();
  // A label is written in words: `secret-key`, `admin_password` are values (a weak password, a Secret's key), `API-Schlüssel` a label.
  // `One-time password` is three words here, which WORDS_OF_ONE_NAME reads as one name.
  const joined = foldLetters(text)
    .replace(new RegExp(`\\b(api)-(${KEY_WORD})\\b`, 'gi'), '$1 $2')
    .replace(/\bone-time\b/gi, 'one time');
  if (isKeysOwnLabel(text, named)) return true;
  if (text.length === 0 || text.length > 80 || /_|\p{L}-\p{L}/u.test(joined)) return false;
  const written = text.toLowerCase();
  if (/[^\p{Script=Latin}\p{N}\p{P}\s']/u.test(written)) return namesSecretInScript(written) || namesSecretInSentence(written);
  const words = joined
    .replace(WORDS_OF_ONE_NAME, (name) => name.replace(/\s+/g, '-')) // French `mot de passe` is one word here
    .split(/\s+/)
    .map((word) => word.replace(/^(?:[dlj]|qu)'/i, '')); // French `d'accès`: the word after the elision
  if (!words.every((word) => /^[A-Za-z][A-Za-z'-]{0,31}$/.test(word))) return false;
  const secret = words.filter((word) => SECRET_WORD.test(word)).length;
  if (secret === 1 && words.every((word) => SECRET_WORD.test(word) || LABEL_WORD.test(word))) return true;
  return translatesKind(
    words.map((word) => word.toLowerCase()),
    named,
  );
}

/**
 * 79a-13: a label that is its key's own words, each capitalised, joined by `-` or a blank: a string catalogue's
 * `api_token: API-Token` (German writes the compound with a hyphen, Duden), `access_token: Access-Token`, Android's
 * `<string name="api_key">API-Key</string>`. Letters only, and every word of the key, in its order: `API-Token2024`
 * or `Sunflower-Meadow` under `api_token` stay values.
 */
function isKeysOwnLabel(text: string, named: string): boolean {
  if (text.length > 64 || named.length > 64 || !/^[A-Z][A-Za-z]*(?:[- ][A-Z][A-Za-z]*)+$/.test(text)) return false;
  const [label, key] = [text.toLowerCase().split(/[- ]/), nameWords(named)];
  return label.length === key.length && label.every((word, i) => word === key[i]);
}

/** Whether label words `words` name one secret of the kind `named`'s last secret word is (KINDS), with label words only. */
function translatesKind(words: readonly string[], named: string): boolean {
  if (named.length > 128 || words.length > 4) return false;
  const kind = nameWords(foldLetters(named))
    .reverse()
    .map((word) => KINDS.find((pattern) => pattern.test(word)))
    .find((pattern) => pattern !== undefined);
  if (!kind || words.filter((word) => kind.test(word)).length !== 1) return false;
  return words.every((word) => kind.test(word) || KIND_LABEL_WORD.test(word) || LABEL_WORD.test(word));
}

/** Whether `written` (NFKC, lower case, in a script not Latin) is one secret word (NON_LATIN_WORD) and a label's words only. */
function namesSecretInScript(written: string): boolean {
  const rest = written
    .replace(NON_LATIN_WORD, ' \0 ')
    .split(/\s+/)
    .filter((word) => word !== '');
  if (rest.filter((word) => word === '\0').length !== 1) return false;
  return rest.every((word) => word === '\0' || NON_LATIN_LABEL_WORD.test(word));
}

/** Scripts written without blanks between words, where a sentence is one run of letters (`パスワードが違います`). */
const UNSPACED_SCRIPT = atFirstUse(
  () => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u,
);
/** NON_LATIN_WORD, and Hebrew `סוד` (secret; `הסוד שלך`, your secret), as a word of its own. */
const SECRET_IN_SENTENCE = atFirstUse(() => new RegExp(`${NON_LATIN_WORD.source}|(?<![\\p{L}])ה?סוד(?![\\p{L}])`, 'gu'));

/** Sentence punctuation at a text's end: Latin, Arabic `؟`, Devanagari `।`, Ethiopic `።`, Burmese `။`. */
const SENTENCE_END = /[.!?…؟।።။]$/u;

/**
 * 77a-6: a sentence in a script not Latin that names the secret among other words of that script: a prompt or an error
 * about it (`密码错误，请重试`, `كلمة المرور غير صحيحة`, `토큰이 만료되었습니다`, `أدخل كلمة المرور`, `Λάθος κωδικός
 * πρόσβασης`), not the secret, as `password: Wrong password` is none. Letters, signs, punctuation and blanks only (a digit
 * or a Latin letter, `пароль123`, `密码 X7k…`, stays a value), and a sentence's shape, since a label then a value
 * (`토큰 해바라기`, token sunflower; `הסיסמה שלי חמנייה`) is one too: a script written without blanks; four words or more;
 * a word before the secret's (a verb, `Введите пароль`); an ending glued to it and one word more (`토큰이 만료되었습니다`,
 * `கடவுச்சொல்லை உள்ளிடவும்`); a sentence's word (isSentenceWord); its closing punctuation; or label words only (`הסוד שלך`).
 */
function namesSecretInSentence(written: string): boolean {
  if (!/^[\p{L}\p{M}\p{P}\s]+$/u.test(written) || /\p{Script=Latin}/u.test(written)) return false;
  const rest = written.replace(SECRET_IN_SENTENCE(), '\0');
  const at = rest.indexOf('\0');
  const others = rest.split(/[\0\s\p{P}]+/u).filter((word) => word !== '');
  if (at < 0 || others.join('').length < 2) return false;
  const words = written.split(/\s+/).length;
  return (
    UNSPACED_SCRIPT().test(written) ||
    words >= 4 ||
    /[\p{L}\p{M}][\s\p{P}]/u.test(rest.slice(0, at)) || // a word, not Hebrew's glued `ה` (the)
    (words === 2 && /^\0[\p{L}\p{M}]/u.test(rest.slice(at))) ||
    SENTENCE_END.test(written) ||
    others.every((word) => NON_LATIN_LABEL_WORD.test(word) || isSentenceWord(word, false))
  );
}
