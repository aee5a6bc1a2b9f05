import { foldLetters } from './folded-letters';
import { ENGLISH_TOO_WORDS, WORLD_PASSWORD_ASCII, WORLD_PASSWORD_CLUES, WORLD_PASSWORD_WRITTEN } from './world-password-words';
import { FOREIGN_WORD_FORMS_ALTERNATION } from './foreign-word-forms';

/**
 * Secret words of other languages than English: German `Passwort`/`Kennwort`, French `mot de passe`, Spanish
 * `contraseña`, Portuguese `senha`, Dutch `wachtwoord`, Polish `hasło`, Swedish `lösenord`, Norwegian/Danish `passord`,
 * Finnish `salasana`, Italian/Turkish `parola`. A key, a flag or a table's column named so names a secret, as `password`
 * does (attack rounds 49a-9, 50a-6): `Passwort=…`, `kennwort: …`, `db_passwort …`. The word is the name's last, alone or
 * after `_`, `-`, `.`, a blank or a camel-case hump (`dbPasswort`); `mot de passe` may be joined by `_` or `-` too.
 * Round 51a-12: the name is read with its letters in ASCII (folded-letters.ts: `jelszó` is `jelszo`, `şifre` `sifre`),
 * and more words: passwords (Danish `adgangskode`/`kodeord`, Hungarian `jelszó`, Czech/Slovak `heslo`, Turkish `şifre`,
 * Russian `пароль` romanised `parol`, Estonian `parool`/`salasõna`, Croatian/Serbian `lozinka`, Slovenian `geslo`,
 * Lithuanian `slaptažodis`, Icelandic `lykilorð`, Spanish `clave`), secrets (German `Geheimnis`, Spanish `secreto`,
 * Italian `segreto`, Portuguese `segredo`), credentials (German `Zugangsdaten`/`Anmeldedaten`, Spanish `credenciales`,
 * Portuguese `credenciais`, Italian `credenziali`, Dutch `inloggegevens`) and API keys (`API-Schlüssel`, Dutch
 * `API-sleutel`, Italian `chiave API`, Portuguese `chave de API`, French `clé API`, Polish `klucz API`). A key word alone
 * is read as `_KEY` (below), not as `key`, which names no secret alone.
 */
// Round 80 (80a-1): Turkish `anahtar`, Indonesian/Malay `kunci`, Finnish `avain`, Romanian `cheie`, Russian `ключ`
// romanised `klyuch`, Greek `κλειδί` romanised `kleidi`, Danish `nøgle` folded `nogle`.
// Round 88 (88a-2): with their plurals (`chiavi`, `llaves`, `cles`, `klucze`, `nycklar`, `avaimet`, `anahtarlar`, `nogler`).
export const KEY_WORD = String.raw`(?:schl(?:ue|u)ssel[ns]?|sleutels?|chiav[ei]|chaves?|llaves?|cles?|klucze?|kulcs(?:ok)?|klice?|nokkel|nokler|nyckel[n]?|nycklar|anahtar(?:lar)?|kunci|avain|avaimet|cheie|klyuch(?:i)?|kleidi(?:a)?|nogler?)`;
/**
 * Round 54 (attack 52a-3): French `mdp` (mot de passe) and `jeton` (token), Catalan `contrasenya`, Italian `parola
 * d'ordine`, Indonesian/Malay `kata sandi`, Vietnamese `mật khẩu` (`mat khau` folded), Chinese `mima` (密码 in pinyin),
 * German plurals written with `oe` (`Passwoerter`, `Kennwoerter`) or folded (`Passworter`).
 * Round 70 (70a-2): Albanian `fjalëkalimi`, Serbo-Croatian `šifra`, Malay `kata laluan`, Afrikaans `wagwoord`, German
 * `Zugangsschlüssel` (access key), secrets (Swedish `hemlighet`, Finnish `salaisuus`, Hungarian `titok`), Finnish
 * `tunnuslause` (passphrase) and Spanish `llave` beside `API`.
 * Round 73 (73b-3): Swahili `nenosiri`.
 * Round 77 (77a-15): the romanised and folded words of world-password-words.ts's table (`tunnussana`, `kodikos`, `pasuwado`).
 */
const MORE_LATIN =
  String.raw`mdp|jeton|contrasenya|parola[\s_.-]?d[\s_.'’-]{0,2}ordine|kata[\s_.-]?sandi|mat[\s_.-]?khau|mima|(?:pass|kenn)wo?e?rter|` +
  String.raw`fjalekalim[ie]?|sifra|kata[\s_.-]?laluan|wagwoord|zugangs[\s_.-]?schl(?:ue|u)ssel|hemlighet|salaisuus|titok|tunnuslause|nenosiri|` +
  // Round 80 (80a-1): secrets (Turkish `gizli`, Indonesian `rahasia`, Swedish `hemlig`, Norwegian/Danish `hemmelig`, Japanese
  // `himitsu`, Czech `tajemství` folded) and Turkish `şifresi` ("its password", folded).
  String.raw`gizli|rahasia|hemlig|hemmelig|himitsu|tajemstvi|sifresi|${WORLD_PASSWORD_ASCII}`;
/**
 * Round 79 (79a-10): a key word as an env name's last word is as `_KEY` is (`SCHLUESSEL`, `DB_SCHLUESSEL`: an env name
 * must be ASCII, so ü is written `ue`), its value judged as under `ROUTING_KEY` (a plain identifier passes): the name's
 * words with that word read as `key` (one before it if none). Round 80 (80a-15): so is the word alone as a key in any
 * letter case (`schluessel`, `Chiave`, `Schlüssel`), as the password words are; English `key` alone stays no secret's name.
 */
const KEY_WORD_ALONE = new RegExp(`^${KEY_WORD}$`);
export const endsInForeignKeyWord = (list: readonly string[]): boolean => list.length > 0 && KEY_WORD_ALONE.test(list[list.length - 1]);
export const foreignKeyWordAsKey = (list: readonly string[]): string[] =>
  endsInForeignKeyWord(list) ? [...(list.length === 1 ? [''] : list.slice(0, -1)), 'key'] : [...list];

/** The words, as an alternation (ASCII letters, any letter case); their plurals too (87b-1: `hasla`, `mots de passe`). */
export const FOREIGN_SECRET_IN_TEXT =
  String.raw`passwort|kennwort|mots?[\s_-]?de[\s_-]?passe|contrasena|senha|wachtwoord|haslo|losenord|passord|` +
  String.raw`salasana|parola|parol|parool|salasona|adgangskode|kodeord|jelszo|heslo|sifre|lozinka|geslo|slaptazodis|lykilord|` +
  String.raw`clave|geheimnis|secreto|segreto|segredo|zugangsdaten|anmeldedaten|credenciales|credenciais|credenziali|` +
  String.raw`inloggegevens|api[\s_.-]?${KEY_WORD}|${KEY_WORD}[\s_.-]?(?:d[eio]?[\s_.-]?)?api|${MORE_LATIN}|${FOREIGN_WORD_FORMS_ALTERNATION}`;
const FOREIGN_SECRET = new RegExp(String.raw`(?:^|[\s_.-])(?:${FOREIGN_SECRET_IN_TEXT})$`, 'i');
/**
 * Round 79 (79a-10): words that are English words too (world-password-words.ts ENGLISH_TOO: Latvian `parole`) name a
 * secret after another word of the name (`DB_PAROLE`, `dbParole`), never alone (`parole: granted in 2019`, `PAROLE_DATE`).
 */
const AFTER_A_WORD = new RegExp(String.raw`[a-z0-9][\s_.-](?:${ENGLISH_TOO_WORDS})$`, 'i');

/**
 * Round 54 (attack 52a-3): the word `password` (or `token`, `secret key`) in scripts that are not Latin, matched as written
 * (NFKC, lower case): Russian/Ukrainian `пароль` (and its forms), Bulgarian `парола`, Serbian `лозинка`, Russian `токен`;
 * Chinese `密码`/`密碼`/`口令`/`密钥`/`密鑰`/`令牌`; Japanese `パスワード`/`暗証番号`/`秘密鍵`/`トークン`; Korean `비밀번호`/
 * `패스워드`/`토큰`; Arabic `كلمة المرور`/`كلمة السر`; Persian `رمز عبور`; Hebrew `סיסמה`/`סיסמא`; Greek `κωδικός`
 * (`κωδικος` folded), `συνθηματικό`; Hindi `पासवर्ड`; Thai `รหัสผ่าน`. Words the translation tables of common software
 * use for its password field (the author's knowledge of the languages; no source was read).
 * Round 70 (70a-2): Korean `비번` (비밀번호's everyday short form) and `비밀키` (secret key), Japanese `合言葉` (passphrase),
 * Russian `пин-код`, Mongolian `нууц үг`, Kazakh `құпиясөз`.
 * Round 73 (73b-3): Ukrainian `гасло` (and its forms).
 * Round 77 (77a-5, 77a-6): the written words of world-password-words.ts's table (Tamil `கடவுச்சொல்`, Amharic `የይለፍ ቃል`,
 * Korean `암호`), after no letter or sign of their script.
 * Round 78 (78a-8): Bulgarian `парола`, `паролата` (the password) as written, not only folded.
 */
export const NON_LATIN_SECRET =
  '(?<![\\p{L}])(?:парол(?:ата|[ьяюеіиа])?|лозинк[аеиу]|токен[аыу]?|пин[\\s_-]?код|гасл[оауі]|нууц[\\s_]?үг|құпиясөз|κωδικ(?:ος|ός|ού|ου|οί|οι)|συνθηματικ[όο])(?![\\p{L}])|' +
  '密码|密碼|口令|密钥|密鑰|秘钥|令牌|パスワード|暗証番号|秘密鍵|合言葉|トークン|비밀번호|비번|비밀키|패스워드|토큰|' +
  'كلمة[\\s\u0640_]{1,4}(?:ال)?(?:مرور|سر)|رمز[\\s_]{1,4}عبور|סיסמ[הא]|पासवर्ड|รหัสผ่าน|' +
  `(?<![\\p{L}\\p{M}])(?:${WORLD_PASSWORD_WRITTEN})`;
const NON_LATIN_NAME = new RegExp(`(?:${NON_LATIN_SECRET})$`, 'u');
const HAS_NON_LATIN = /[\u0250-\uffff]/;

const NON_LATIN_ANYWHERE = new RegExp(NON_LATIN_SECRET, 'u');
/** Whether a text holds a secret word of a script that is not Latin (NON_LATIN_SECRET), anywhere. */
export const holdsNonLatinSecretWord = (text: string): boolean =>
  HAS_NON_LATIN.test(text) && NON_LATIN_ANYWHERE.test(text.normalize('NFKC').toLowerCase());

/** A name's lower-cased NFKC form, with separators between words: where NON_LATIN_SECRET is looked for. */
const asWritten = (name: string): string => name.normalize('NFKC').toLowerCase();

/** Whether a name's last word is a secret word of another language (see above), in a Latin script or another. */
export const namesForeignSecret = (name: string): boolean =>
  name.length <= 200 &&
  (FOREIGN_SECRET.test(foldLetters(name).replace(/([a-z0-9])([A-Z])/g, '$1_$2')) ||
    AFTER_A_WORD.test(foldLetters(name).replace(/([a-z0-9])([A-Z])/g, '$1_$2')) ||
    (HAS_NON_LATIN.test(name) && NON_LATIN_NAME.test(asWritten(name).replace(/[\s_.-]+$/, ''))));

/**
 * A last word that makes the name a reference's, in the languages above (as secrets-keys.ts REFERENCE_WORD's `file`,
 * `path`, `name`): German `Datei`/`Pfad`, French `fichier`/`chemin`/`nom`, Spanish `archivo`/`ruta`/`nombre`, Portuguese
 * `arquivo`/`caminho`/`nome`, Italian `percorso`, Dutch `bestand`/`pad`/`naam`, Polish `plik`/`sciezka`, Czech `soubor`/`cesta`,
 * Scandinavian `fil`/`sti`, Finnish `tiedosto`/`polku` (`Passwörter_datei`: 51a-12's row).
 */
export const FOREIGN_REFERENCE =
  /^(?:datei|pfad|fichier|chemin|nom|archivo|ruta|nombre|arquivo|caminho|nome|percorso|bestand|pad|naam|plik|sciezka|soubor|cesta|fil|sti|tiedosto|polku)$/i;

/**
 * Whether an env-style name holds such a word as one of its parts, anywhere (`KENNWORT_DB`, `SENHA_DB`, `DB_MIMA_PROD`),
 * as `DB_PASSWORD_PROD` holds `PASSWORD` (52a-3): the caller judges the last word (a reference's, `KENNWORT_FILE`).
 */
export const holdsForeignSecretWord = (name: string): boolean => {
  if (name.length > 200) return false;
  const parts = name.split(/[_.-]+/);
  if (FOREIGN_REFERENCE.test(foldLetters(parts[parts.length - 1]))) return false;
  return parts.some((_, i) => namesForeignSecret(parts.slice(0, i + 1).join('_')));
};

/**
 * What every name namesForeignSecret takes holds, lower-cased and with all but ASCII letters and digits left out
 * (`hasło` is `haso`, `lösenord` `lsenord`, where a reader keeps its letters as written), or its letters in ASCII, for a
 * cheap test that a text may name one. Plain words only (secrets-keys.ts spreads each over separators).
 */
export const IN_FOREIGN_SECRET =
  'wort|woord|motdepasse|contrase|senha|haslo|haso|hasło|losenord|lsenord|passord|salasana|parol|salas|kode|jelsz|heslo|ifre|' +
  'lozinka|geslo|slapta|lykilor|clave|geheimnis|secreto|segreto|segredo|zugangsdaten|anmeldedaten|credenci|credenzi|' +
  'inloggegevens|schl|sleutel|chiave|chave|klucz|kulcs|klic|nokkel|nyckel|cleapi|apicle|apicl|mdp|jeton|contrasenya|ordine|' +
  'sandi|khau|mima|woerter|worter|fjal|ifra|laluan|wagwoord|zugangs|hemlighet|salaisuus|titok|tunnuslause|llave|nenosiri|' +
  'motsdepasse|hasla|hasa|chiav|nycklar|avaimet|nokler|anahtar|' +
  `${FOREIGN_WORD_FORMS_ALTERNATION}|` + // 88a-2: each form too (`hesla`, `lozinke`, `segreti`, `titkok`)
  WORLD_PASSWORD_CLUES;

/** `clue` (a regular expression of words a text must hold) with the words of IN_FOREIGN_SECRET too. */
export const withForeignWords = (clue: RegExp): RegExp => new RegExp(`${clue.source}|${IN_FOREIGN_SECRET}`, clue.flags);

/**
 * A key named so (namesForeignSecret), or 85b-1 a prefixed key (an annotation's or a label's, `example.com/passwort`)
 * whose name after its last `/` names one alone (`passwort`, `kennwort-db`, `schluessel`): `judge` reads that name as a
 * bare key, and one of this file's words must be why. English words are read in the whole key (`example.com/password`);
 * a bare key's other readings are not taken, so `checksum/secret` and `vault.hashicorp.com/agent-inject-secret-db` name none.
 */
export function namesForeignSecretKey(key: string, judge: (name: string) => boolean): boolean {
  if (namesForeignSecret(key)) return true;
  const name = key.slice(key.lastIndexOf('/') + 1);
  if (!name || name.length === key.length) return false;
  const words = foldLetters(name)
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return (namesForeignSecret(name) || holdsForeignSecretWord(name) || endsInForeignKeyWord(words)) && judge(name);
}
