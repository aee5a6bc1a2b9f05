import { foldLetters } from './folded-letters';

/**
 * Round 64 (64a-1): after a label that names a password in a sentence (`the password is …`, `Das Passwort ist …`), a
 * word of letters alone is the password (`swordfish`, `schmetterling`) unless it is a sentence's own word: a function
 * word, a pointer or an adjective or participle that says what the password is like (`incorrect`, `required`,
 * `stored`, `rotated`, `valid`, `falsch`, `requis`, `obligatoria`), in the languages the label readers know. The list is
 * closed; English and Romance/Germanic participles and adverbs are matched by their endings. Read in ASCII (foldLetters).
 */
const PROSE_WORD = new RegExp(
  '^(?:' +
    [
      // English function words, pointers, what a password is like, the stores and directories it is in (`is LDAP`).
      'the|a|an|this|that|to|of|for|in|on|at|by|with|from|into|under|not|no|now|also|still|too|very|only|then|now|never|always|and|or|but|if|so|as|same|different|blank|none|null|unset|set|see|ask|check|kept|sent|shown|given|known|unknown|hidden|secret?s?|shared|weak|strong|secure|insecure|safe|long|short|wrong|correct|incorrect|valid|invalid|required|optional|mandatory|missing|empty|expired|case|sensitive|insensitive|mandatory|random|your|our|their|its|my|one|same|default|here|there|below|above|elsewhere|available|visible|changeable|unique|temporary|permanent|personal|private|confidential|individual|complex|simple|easy|hard|obvious|vault|keepass|keepassxc|bitwarden|lastpass|keychain|dashlane|okta|ldap|sso|kerberos|azure|aws|whatever|anything|something|nothing|yours|mine|inside|within|outside|without|because|unless|until|before|after|since|either|neither',
      // German.
      'falsch|richtig|korrekt|inkorrekt|ungultig|gultig|erforderlich|notwendig|abgelaufen|leer|zu|nicht|noch|im|in|der|die|das|ein|eine|kurz|lang|schwach|stark|unbekannt|hinterlegt|siehe|unter|identisch|gleich|verpflichtend|optional',
      // French, Spanish, Italian, Portuguese, Romanian.
      'incorrecte?|invalide|requise?|expiree?|vide|trop|dans|le|la|les|obligatoire|erronee?|faux|fausse|voir|ici|incorrect[ao]|invalid[ao]|requerid[ao]|obligatori[ao]|vaci[ao]|caducad[ao]|demasiado|en|errat[ao]|sbagliat[ao]|non|valid[ao]|richiest[ao]|scadut[ao]|vuot[ao]|troppo|obrigatori[ao]|expirad[ao]|vazi[ao]|gresita|incorecta|invalida|obligatorie|expirata|prea|goala|necesara|ver|vea',
      // Dutch, Scandinavian, Finnish, Czech, Polish, Turkish.
      'onjuist|ongeldig|verplicht|verlopen|leeg|te|niet|fout|fel|felaktigt?|ogiltigt?|kravs|for|inte|feil|forkert|ugyldig|pakraevet|pakrevd|utlopt|udlobet|ikke|vaara|virheellinen|vaaditaan|liian|pakollinen|vanhentunut|tyhja|nespravne|neplatne|povinne|prilis|prazdne|nieprawidlowe|niepoprawne|wymagane|puste|zbyt|yanlis|gecersiz|gerekli|zorunlu|bos',
    ].join('|') +
    ')$',
  'i',
);
/** Endings of English participles and adverbs (`changed`, `forgotten`, `missing`, `changeable`, `visible`, `weekly`). */
const ENGLISH_ENDING = /(?:ed|en|ing|able|ible|ly)$/i;
/** Endings of German, Spanish and Italian participles (`geändert`, `deaktiviert`, `requerida`, `cambiata`); not English ones after a German label (`schmetterling`). */
const OTHER_ENDING = /(?:^ge[a-z]+t|iert|ad[ao]s?|id[ao]s?|at[ao])$/i;

/**
 * Whether `word` (letters only, as written after a password's label) is a sentence's word rather than the password;
 * `english`: the label is English (`password`, `pw`, `passcode`).
 */
export function isProseWordAfterLabel(word: string, english: boolean): boolean {
  const folded = foldLetters(word);
  // A word of another script than Latin is judged by the other readers (a locale file's words: `كلمة المرور`).
  if (!/^[A-Za-z'-]+$/.test(folded)) return true;
  return PROSE_WORD.test(folded) || (english ? ENGLISH_ENDING : OTHER_ENDING).test(folded);
}
