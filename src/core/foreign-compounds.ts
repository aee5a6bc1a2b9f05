import { FOREIGN_REFERENCE } from './foreign-secret-words';
import { withWordForms } from './foreign-word-forms';

/**
 * Round 86 (86b-4): a secret word of another language inside one written word, as English `dbpassword` is read
 * (secrets-keys.ts: the joined name ends in the word). German, Dutch and the Nordic languages write such names as one
 * word (`Datenbankpasswort`, `Benutzerkennwort`, `adminwachtwoord`); French and Portuguese put the owner after the word
 * (`motdepasseadmin`, `senhaadmin`). Only long words that live inside no other word are read so; per short word:
 * - `senha` (Portuguese): `resenha` (a review) and `desenha` (draws) end in it, so those two are no compound of it;
 *   no English or Portuguese word starts with it but `senhas`.
 * - `hasło` (Polish, `haslo`), `passord` (Norwegian), `jelszó` (Hungarian, `jelszo`), `lykilorð` (Icelandic): read at a
 *   compound's end only: English keys start with `haslo` (`haslogin`, `haslocal`) and `bypassorder` holds `passord`.
 * - not read inside a word at all: Italian `parola` (a word: `parolachiave` is a keyword), Russian `parol` (`parole`,
 *   `payroll`), Spanish `clave` (`enclave`, `autoclave`), `secreto` (`secretory`), `heslo` (`cacheslot`), `mima`, `mdp`.
 */
// Each word with its plurals and inflected forms (87b-1: `adminwachtwoorden`, `motsdepasseadmin`, `dbhasla`).
const ANY_PLACE = withWordForms(['passwort', 'kennwort', 'wachtwoord', 'wagwoord', 'losenord', 'salasana', 'adgangskode', 'slaptazodis']);
const ANY_PLACE_OWNER_AFTER = withWordForms(['motdepasse', 'senha', 'contrasena', 'contrasenya']);
const AT_END_ONLY = withWordForms(['haslo', 'passord', 'jelszo', 'lykilord', 'zugangsdaten', 'anmeldedaten', 'inloggegevens']);
const NOT_A_COMPOUND = /^(?:re|de)senhas?$/;
/**
 * After the word, German, Dutch and the Nordic languages name a thing about passwords (`Passwortrichtlinie`, a policy;
 * `wachtwoordbeheerder`, a manager or the administrator's): the compound names a secret only with an owner's word
 * after it. French and Portuguese name the password's owner there (`senhaadmin`), or a setting or a reference's word.
 */
const OWNER =
  /^(?:s|en|e|admin|administrator|beheerder|verwalter|root|user|benutzer|gebruiker|anvandare|bruger|db|datenbank|master|super|superuser)$/;
const SETTING =
  /^(?:s|es|datei|fichier|arquivo|archivo|chemin|caminho|ruta|pad|pfad|nom|nome|nombre|naam|file|path|name|ref|url|id|policy|politique|politica|longueur|comprimento|longitud|laenge|lange|lengte|min|max|minimo|minimum|maximo|maximum|expiration|expiracao|validade|regle|regles|regra|regras|hint|indice|dica|reset|oublie|esquecida|hash|type|tipo|mode|modo)$/;

/**
 * Whether a key's last word (lower case, ASCII letters) is such a compound: the word after other letters, or first
 * before an owner's word (`isReference` reads the rest as secrets-keys.ts reads a reference's last word).
 */
export function namesForeignCompound(word: string, isReference: (rest: string) => boolean): boolean {
  if (word.length > 64 || NOT_A_COMPOUND.test(word)) return false;
  const endsIn = (list: readonly string[]) => list.some((w) => word.length > w.length && word.endsWith(w));
  if (endsIn(ANY_PLACE) || endsIn(ANY_PLACE_OWNER_AFTER) || endsIn(AT_END_ONLY)) return true;
  // What follows the longest word or form it starts with (`senhasarquivo` is `senhas` and a file's word, no `senha` and `sarquivo`).
  const rest = (list: readonly string[]) => {
    const first = list.filter((w) => word.length > w.length && word.startsWith(w)).sort((a, b) => b.length - a.length)[0];
    return first === undefined ? [] : [word.slice(first.length)];
  };
  if (rest(ANY_PLACE).some((after) => OWNER.test(after))) return true;
  return rest(ANY_PLACE_OWNER_AFTER).some((after) => !SETTING.test(after) && !FOREIGN_REFERENCE.test(after) && !isReference(after));
}

/**
 * Whether a key's words (secrets-keys.ts words) name a secret by such a compound: the last word (`adminpasswort2`), or
 * in an env-style name any word unless the last is a reference's (`DATENBANKPASSWORT_PROD`, not `…_DATEI`), as an
 * env name holds `PASSWORD` anywhere.
 */
export function namesForeignCompoundKey(list: readonly string[], envName: boolean, isReference: (word: string) => boolean): boolean {
  const compound = (word: string) => namesForeignCompound(word.replace(/\d+$/, ''), isReference);
  const last = list[list.length - 1];
  if (last === undefined) return false;
  if (compound(last)) return true;
  return envName && !FOREIGN_REFERENCE.test(last) && !isReference(last) && list.some(compound);
}
