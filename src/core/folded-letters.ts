/**
 * Letters as their ASCII base (attack round 51a-12): `contraseña` is `contrasena`, `hasło` `haslo`, `şifre` `sifre`,
 * `Schlüssel` `Schlussel`, so the rules that read names in ASCII (`[A-Za-z_][\w.-]*`) read them too. Accents and other
 * combining marks are left out (NFKD, then the marks dropped); the letters NFKD does not split are mapped by hand.
 * Round 68 (68a-10): a word that mixes Latin letters with Cyrillic or Greek ones drawn alike (`pаssword` with a Cyrillic
 * `а`, `ΡASSWORD` with a Greek `Ρ`) is read with those in Latin; a word of another script stays as written (`пароль`,
 * `СЕКРЕТ`, `κωδικός`), so the rules that read it in its own script still do.
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
/**
 * Small capitals (IPA and the Phonetic Extensions, U+1D00-U+1D22, Latin Extended-D's `ꜰ` `ꜱ` `ꞯ`), which NFKD leaves
 * as they are, each as its lower-case letter (69a-9: `ᴘᴀꜱꜱᴡᴏʀᴅ`); they belong to no other script's words.
 */
const SMALL_CAPITALS = 'ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡʏᴢ';
const SMALL_CAPITAL_LETTERS = 'abcdefghijklmnopqrstuvwyz';
const OWN_LETTER = new RegExp(`[łŁøØđĐðÐıßæÆœŒþÞħĦ${SMALL_CAPITALS}]`, 'g');
const ownLetter = (letter: string): string => OWN_LETTERS[letter] ?? SMALL_CAPITAL_LETTERS[SMALL_CAPITALS.indexOf(letter)];
/**
 * Cyrillic and Greek letters drawn as one Latin letter: the entries of Unicode TR39's confusables.txt whose target is one
 * Latin letter (https://www.unicode.org/Public/security/latest/confusables.txt). TR39 maps `I` and its look-alikes to
 * `l`, one skeleton for both; here a capital stays a capital (`І` is `I`), as a reader of the name reads it. The
 * look-alikes (Greek U+0370-U+03FF, then Cyrillic U+0400-U+052F, then Cherokee U+13A0-U+13FF, 69a-9: `ᏢASSWORD`; then
 * Armenian U+0530-U+058F, 71a-12: `passwօrd`) and, at the same place, their Latin letters. Cherokee `Ꮎ` is TR39's `Θ`,
 * whose skeleton is `O` and a stroke (`O̵`): with the mark left out, `O` (71a-12: `ᏢᎪSSᎳᎾᎡD`).
 */
const LOOK_ALIKE_LETTERS =
  'ΑΒΕΖΗΙΚΜΝΟΡΤΥΧͿϒϜϹϺαγινορσυϱϲϳ' + 'ЅІЈАВЕКМНОРСТУХѴҮӀԌԜагеорсухѕіјѡѵүһҽӏԁԛԝ' + 'ᎠᎡᎢᎥᎩᎪᎫᎬᎳᎷᎻᏀᏃᏒᏔᏕᏙᏚᏞᏟᏢᏦᏴᎾ' + 'ՕօՍսոհզցՏ';
const LATIN_LETTERS =
  'ABEZHIKMNOPTYXJYFCMayivopoupcj' + 'SIJABEKMHOPCTYXVYIGWareopcyxsijwvyheidqw' + 'DRTiYAJEWMHGZRWSVSLCPKBO' + 'OoUunhqgS';
const LOOK_ALIKE = new RegExp(`[${LOOK_ALIKE_LETTERS}]`, 'g');
const GREEK_OR_CYRILLIC = /[\u0370-\u058f\u13a0-\u13ff]/;
/** A word's letters (the marks NFKD split off are gone by now). */
const LETTERS = /\p{L}+/gu;

/** Every Cyrillic or Greek look-alike of `text` as its Latin letter, whatever the word around it. */
export const latinLookAlikes = (text: string): string =>
  text.replace(LOOK_ALIKE, (letter) => LATIN_LETTERS[LOOK_ALIKE_LETTERS.indexOf(letter)]);

/** A word mixing ASCII letters with look-alikes only, in Latin letters; any other word as written. */
function mixedWordInLatin(word: string): string {
  if (!GREEK_OR_CYRILLIC.test(word) || !/[A-Za-z]/.test(word)) return word;
  const latin = latinLookAlikes(word);
  return /^[A-Za-z]+$/.test(latin) ? latin : word;
}

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_UNITS = /[\u0080-\uffff]/g;

/** Each non-ASCII character's fold, once (a text of many repeats few characters). */
const folds = new Map<string, string>();
const MAX_FOLDS = 4096;

/** One UTF-16 unit as folded: NFKD splits a letter from its marks one character at a time, so a text folds unit by unit. */
function foldOf(unit: string): string {
  let fold = folds.get(unit);
  if (fold === undefined) {
    fold = unit.normalize('NFKD').replace(/\p{M}/gu, '').replace(OWN_LETTER, ownLetter);
    if (folds.size >= MAX_FOLDS) folds.clear();
    folds.set(unit, fold);
  }
  return fold;
}

/**
 * `text` with its letters' marks left out, its own letters (`ł`, `ø`, `ß`) spelled in ASCII and the look-alikes of a
 * word mixing scripts in Latin (`pаssword`); ASCII text as it is.
 */
export function foldLetters(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  const folded = text.replace(NON_ASCII_UNITS, foldOf);
  return GREEK_OR_CYRILLIC.test(folded) ? folded.replace(LETTERS, mixedWordInLatin) : folded;
}
