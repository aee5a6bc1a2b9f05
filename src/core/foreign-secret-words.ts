import { foldLetters } from './folded-letters';

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
 * (`Schlüssel`, `chiave`) is no secret's name, as `key` is none.
 */
const KEY_WORD = String.raw`(?:schl(?:ue|u)ssel|sleutel|chiave|chave|cle|klucz|kulcs|klic|nokkel|nyckel)`;
const FOREIGN_SECRET = new RegExp(
  String.raw`(?:^|[\s_.-])(?:passwort|kennwort|mot[\s_-]?de[\s_-]?passe|contrasena|senha|wachtwoord|haslo|losenord|passord|` +
    String.raw`salasana|parola|parol|parool|salasona|adgangskode|kodeord|jelszo|heslo|sifre|lozinka|geslo|slaptazodis|lykilord|` +
    String.raw`clave|geheimnis|secreto|segreto|segredo|zugangsdaten|anmeldedaten|credenciales|credenciais|credenziali|` +
    String.raw`inloggegevens|api[\s_.-]?${KEY_WORD}|${KEY_WORD}[\s_.-]?(?:d[eio]?[\s_.-]?)?api)$`,
  'i',
);

/** Whether a name's last word is a secret word of another language (see above). */
export const namesForeignSecret = (name: string): boolean =>
  name.length <= 200 && FOREIGN_SECRET.test(foldLetters(name).replace(/([a-z0-9])([A-Z])/g, '$1_$2'));

/**
 * What every name namesForeignSecret takes holds, lower-cased and with all but ASCII letters and digits left out
 * (`hasło` is `haso`, `lösenord` `lsenord`, where a reader keeps its letters as written), or its letters in ASCII, for a
 * cheap test that a text may name one. Plain words only (secrets-keys.ts spreads each over separators).
 */
export const IN_FOREIGN_SECRET =
  'wort|woord|motdepasse|contrase|senha|haslo|haso|hasło|losenord|lsenord|passord|salasana|parol|salas|kode|jelsz|heslo|ifre|' +
  'lozinka|geslo|slapta|lykilor|clave|geheimnis|secreto|segreto|segredo|zugangsdaten|anmeldedaten|credenci|credenzi|' +
  'inloggegevens|schl|sleutel|chiave|chave|klucz|kulcs|klic|nokkel|nyckel|cleapi|apicle|apicl';

/** `clue` (a regular expression of words a text must hold) with the words of IN_FOREIGN_SECRET too. */
export const withForeignWords = (clue: RegExp): RegExp => new RegExp(`${clue.source}|${IN_FOREIGN_SECRET}`, clue.flags);
