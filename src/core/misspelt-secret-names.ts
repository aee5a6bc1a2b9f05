import { unleet } from './leet-secret-names';

/**
 * Round 59 (attack 59a-3): a secret's name misspelt by one slip of the hand (`pasword`, `passwrod`, `psswd`, `secrect`,
 * `tokn`) is read as the name. No fuzzy matching: an explicit list of the commonest slips, each no English word, so
 * `passport`, `passwordless`, `secretary`, `tokens_per_second`, `token_endpoint` stay what they are. Only a whole word
 * is rewritten (between non-letters, or a camelCase boundary: `DB_PASWORD`, `dbPasword`, `pasword=`).
 */

/** The slips, by the name they stand for. */
const SLIPS: Readonly<Record<string, readonly string[]>> = {
  // 60a-1: also the short forms `pword`, `psw`, `pswrd`, `pasw`. Not `passw` (mysql's `--passw` is its `--password`, a
  // switch that prompts) nor `otp` (`otpKey` would read as `passwordKey`, a data key's name).
  password: [
    'pasword',
    'passwrod',
    'passowrd',
    'pssword',
    'paswrod',
    'passwod',
    'passwrd',
    'passsword',
    'passwword',
    'passworrd',
    'pword',
    'pswrd',
    'pasw',
    'psw',
  ],
  passwd: ['paswd', 'psswd', 'pswd', 'passwdd'],
  secret: ['secrect', 'secert', 'sercet', 'scret', 'secrte', 'secet', 'secreat', 'seceret', 'sekret', 'secrit', 'secrt'],
  token: ['tokn', 'tokne', 'toekn', 'tken', 'tooken', 'tocken', 'tokem', 'tokken', 'tockn'],
  credentials: ['credentails', 'crendentials', 'credentals', 'credintials', 'creditentials'],
  passphrase: ['passprase', 'pasphrase', 'passphase', 'passphrse'],
  // 61a-5: the words of the key names (`ACCES_KEY`, `privat_key`, `API_KYE`, `apikye`): `ACCES_KEY` was refused by the rule
  // of upper-case `_KEY` names alone, `acces_key` not; read as the names, both are one verdict in any letter case.
  access: ['acces', 'accesss'],
  private: ['privat', 'pirvate', 'priavte'],
  key: ['kye'],
  apikey: ['apikye'],
};

const NAME_OF = new Map<string, string>(Object.entries(SLIPS).flatMap(([name, slips]) => slips.map((slip) => [slip, name])));
/** Longest first, so `pasword` is not read as `pasw` and more. Letters only: nothing needs escaping. */
const SLIP = new RegExp(`(?:${[...NAME_OF.keys()].sort((a, b) => b.length - a.length).join('|')})(s?)`, 'gi');

/** Cheap test that a text may hold a slip (for a reader's prefilter): each slip's first three letters (60a-1: `sercet` had none). */
export const SLIP_CLUE = new RegExp([...new Set([...NAME_OF.keys()].map((slip) => slip.slice(0, 3)))].join('|'), 'i');

/**
 * Whether `word` (a match) stands whole in `text` at `at`: no letter glued after, and none before but a camelCase
 * boundary; a slip of four letters or more may end a glued name (review60-8: `DBPASWORD`, `adminpasword`, `ADMINPSWD`,
 * `APITOKN`), as no English word ends in one. Three-letter ones (`psw`, `otp`) stand alone.
 */
function standsWhole(text: string, at: number, word: string, plural: string): boolean {
  const before = text.charAt(at - 1);
  const after = text.charAt(at + word.length);
  const upper = word === word.toUpperCase();
  const glued = word.length - plural.length >= 4 && (upper ? /[A-Z]/.test(before) : /[a-z]/.test(before));
  const beforeOk = !/[A-Za-z]/.test(before) || glued || (/[a-z0-9]/.test(before) && /^[A-Z]/.test(word));
  // Any script's letter after ends no slip (`Passwörter`, `passwοrd` with a Greek ο: other readers' words).
  const afterOk = upper ? !/\p{L}/u.test(after) : !/\p{Ll}/u.test(after);
  return beforeOk && afterOk;
}

/** `text` with each whole-word slip written as the name it stands for, in the slip's letter case (`PASWORD` -> `PASSWORD`). */
export function unslipped(text: string): string {
  if (!SLIP_CLUE.test(text)) return text;
  return text.replace(SLIP, (word: string, plural: string, at: number) => {
    const name = NAME_OF.get(word.slice(0, word.length - plural.length).toLowerCase())!;
    // `acces` then `s` is `access` itself, no slip and no plural (`accesss`).
    if (!standsWhole(text, at, word, plural) || word.toLowerCase() === name) return word;
    const cased = word === word.toUpperCase() ? name.toUpperCase() : /^[A-Z]/.test(word) ? name[0].toUpperCase() + name.slice(1) : name;
    return cased + plural;
  });
}

/** A name as written, read with its leet spelling (leet-secret-names.ts) and its slip (above) made the name. */
export const spelledName = (written: string): string => unslipped(unleet(written));
