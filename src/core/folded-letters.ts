/**
 * Letters as their ASCII base (attack round 51a-12): `contraseña` is `contrasena`, `hasło` `haslo`, `şifre` `sifre`,
 * `Schlüssel` `Schlussel`, so the rules that read names in ASCII (`[A-Za-z_][\w.-]*`) read them too. Accents and other
 * combining marks are left out (NFKD, then the marks dropped); the letters NFKD does not split are mapped by hand.
 */
const OWN_LETTERS: Readonly<Record<string, string>> = {
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  þ: 'th',
  Þ: 'TH',
  ħ: 'h',
  Ħ: 'H',
};
const OWN_LETTER = /[łŁøØđĐðÐıßæÆœŒþÞħĦ]/g;
const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_UNITS = /[\u0080-\uffff]/g;

/** Each non-ASCII character's fold, once (a text of many repeats few characters). */
const folds = new Map<string, string>();
const MAX_FOLDS = 4096;

/** One UTF-16 unit as folded: NFKD splits a letter from its marks one character at a time, so a text folds unit by unit. */
function foldOf(unit: string): string {
  let fold = folds.get(unit);
  if (fold === undefined) {
    fold = unit
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(OWN_LETTER, (letter) => OWN_LETTERS[letter]);
    if (folds.size >= MAX_FOLDS) folds.clear();
    folds.set(unit, fold);
  }
  return fold;
}

/** `text` with its letters' marks left out and its own letters (`ł`, `ø`, `ß`) spelled in ASCII; ASCII text as it is. */
export function foldLetters(text: string): string {
  return NON_ASCII.test(text) ? text.replace(NON_ASCII_UNITS, foldOf) : text;
}
