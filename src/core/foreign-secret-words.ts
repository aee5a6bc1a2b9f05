/**
 * Secret words of other languages than English: German `Passwort`/`Kennwort`, French `mot de passe`, Spanish
 * `contraseña`, Portuguese `senha`, Dutch `wachtwoord`, Polish `hasło`, Swedish `lösenord`, Norwegian/Danish `passord`,
 * Finnish `salasana`, Italian/Turkish `parola`. A key, a flag or a table's column named so names a secret, as `password`
 * does (attack rounds 49a-9, 50a-6): `Passwort=…`, `kennwort: …`, `db_passwort …`. The word is the name's last, alone or
 * after `_`, `-`, `.`, a blank or a camel-case hump (`dbPasswort`); `mot de passe` may be joined by `_` or `-` too.
 */
const FOREIGN_SECRET =
  /(?:^|[\s_.-])(?:passwort|kennwort|mot[\s_-]?de[\s_-]?passe|contrase[nñ]a|senha|wachtwoord|has[lł]o|l[oö]senord|passord|salasana|parola)$/i;

/** Whether a name's last word is a secret word of another language (see above). */
export const namesForeignSecret = (name: string): boolean =>
  name.length <= 200 && FOREIGN_SECRET.test(name.replace(/([a-z0-9])([A-Z])/g, '$1_$2'));

/**
 * What every name namesForeignSecret takes holds, lower-cased and with all but ASCII letters and digits left out
 * (`hasło` is `haso`, `lösenord` `lsenord`), for a cheap test that a text may name one.
 */
export const IN_FOREIGN_SECRET = 'wort|woord|motdepasse|contrase|senha|haslo|haso|losenord|lsenord|passord|salasana|parola';

/** `clue` (a regular expression of words a text must hold) with the words of IN_FOREIGN_SECRET too. */
export const withForeignWords = (clue: RegExp): RegExp => new RegExp(`${clue.source}|${IN_FOREIGN_SECRET}`, clue.flags);
