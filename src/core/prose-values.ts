import { foldLetters } from './folded-letters';
import { isKubernetesSecretName } from './secret-name-values';

/**
 * A value after `key:` that is a sentence of text, not a password (49a-10): `Password: at least 12 characters, one
 * digit.`, `Token: ask the platform team.`, `- Password: use the one from onboarding`. A note in a README or a
 * Markdown file reads as YAML; what it sets under the key is prose. Prose here: written plain (a quoted value is a
 * value), three or more words of letters (a number of one or two digits may count: `12 characters`), most of them
 * lower case, with the words only a sentence has (`the`, `for`, `by`, `none`: two of them, or one and a sentence's
 * punctuation). A run of words naming nothing (`correct horse battery staple`, `Summer Secret Password`: passphrases),
 * a word of letters and digits (`hunter2`), a sentence that gives the value (`the password is swordfish`) and one cut
 * at its line's end (`The password is`, its value on the line below) are no prose. Only the `key: value` forms of
 * text read as lines (secrets.ts, secrets-text.ts keyedSecret, keyed-lines.ts) and, since 50a-13, `key = value` with
 * blanks around `=` (INI's spacing: `password = Must be rotated quarterly`) and a table's cells (table-column-names.ts):
 * an env or shell assignment (`PASSWORD=…`), a flow or JSON pair and data given as data keep every value. Round 50a-13
 * also: modal verbs are a sentence's words (`must`, `should`), a first verb that points elsewhere counts as one (`ask
 * the on-call engineer`) and makes two words a sentence with a full stop (`ask Bob.`), a note of two words in brackets
 * is one (`(in vault)`), and a name in quotes inside a sentence is a word (`see the vault entry "grafana admin".`).
 */

/** The longest value read as prose: a longer one is judged as any value is. */
const MAX_PROSE = 256;
/**
 * A word of prose: letters (maybe with `'` or `-` inside), maybe in brackets or quotes (a name: `"grafana admin"`), with
 * its punctuation. 66a-14: Cyrillic letters too (`смотрите в Vault`); folded Latin letters are ASCII already.
 */
// 79a-17: a name in quotes in brackets ends in both (`(vault "Infra")`).
const WORD = /^[("]?[A-Za-z\u0400-\u04ff](?:[A-Za-z\u0400-\u04ff'-]{0,38}[A-Za-z\u0400-\u04ff])?[)"]{0,2}[.,;!?]?$/;
/** A word of lower-case letters (a sentence's words mostly are). */
const LOWER = /^[a-z\u0430-\u044f\u0451'-]+$/;
/** A count (`12 characters`, `16+ chars`): one or two digits; a longer number may be the PIN itself. */
const NUMBER = /^\d{1,2}\+?[.,;]?$/;
/** A word that only a sentence has: articles, prepositions, pronouns, conjunctions, auxiliaries, negations. */
const FUNCTION_WORD =
  /^(?:the|a|an|this|that|these|those|to|of|for|with|from|by|in|on|at|into|via|per|about|over|under|after|before|it|its|we|our|you|your|they|their|one|and|or|but|if|when|then|so|is|are|was|were|be|been|no|not|none|any|each|every|must|should|can|cannot|will|may|shall|would|could|la|el|los|las|del|en|und|der|die|das|im|le|les|des|dans|w|we|z|na|do|em|nos|nas|ao|op|het|een|zie|i|pa|av|och|og|ist|und|est|es|wird|werden|beim|vom|zum|zur|am|al|de|в|во|на|у|из|для|от|по|и|не)$/i;
/**
 * A verb that sends the reader elsewhere for the value (50a-13), first in a sentence: it counts as a sentence's word,
 * and with one word after it and a full stop it is a sentence (`ask Bob.`, `see below.`). `use` gives a value (GIVES).
 */
// 79a-17: a request's verb or word (`pedir al equipo`, `bitte beim Team anfragen`, `demander à l'équipe`).
const POINTS =
  /^(?:ask|see|contact|consult|ping|email|check|request|please|ver|pedir|preguntar|solicitar|siehe|bitte|frag|fragen|voir|demander|vea|veja|vedi|chiedere|zie|se|katso|zobacz|patrz|viz|bkz|смотрите|смотри|см|спросите)$/i;
/** Words that give the value: `is`, `use` and the like. */
const GIVES = /^(?:is|was|are|were|be|equals|use|enter|type|try)$/i;
/**
 * 51a-11: words that say where a secret is kept or what rule it follows (`stored in Vault under secret/app/db`, `set in
 * GitLab settings`, `in 1Password`, `minimum length 12`): each counts as a sentence's word. A secret's own words
 * (`password`, `secret`) are none, so a passphrase of them stays a value.
 */
const KEPT = new RegExp(
  String.raw`^(?:vault|1password|bitwarden|lastpass|keepass|keepassxc|passwortmanager|passwordmanager|keychain|keyring|entry|settings|stored|kept|managed|rotated|generated|provided|injected|minimum|maximum|length|characters|chars|digits|symbols|long|boveda|tresor|coffre|random|words` +
    // 66a-14: stores and rules in other languages (`w sejfie`, `no cofre`, `mindestens 12 Zeichen`, `mínimo 12 caracteres`).
    String.raw`|cofre|kluis|sejf|sejfie|sejfu|trezor|trezoru|seif|kassaskap|kassaskapet|holvi|holvissa|cassaforte|caja|` +
    String.raw`mindestens|hochstens|zeichen|stellen|minimo|maximo|caracteres|caractere|caratteri|almeno|minimaal|tekens|` +
    String.raw`karakters|minst|tecken|tegn|vahintaan|merkkia|znakow|najmniej|сейф|сейфе|хранилище|хранилищ|символов|минимум|` +
    // 71a-18: German participles and verbs of where it comes from (`wird beim ersten Start erzeugt`, `beim Admin erfragen`).
    String.raw`erzeugt|generiert|gespeichert|hinterlegt|erfragen|nachfragen|` +
    // 79a-17: where it lies and whom to ask (`liegt im Secret …`, `beim Team anfragen`), more safes (`see Keeper record …`), a
    // safe's folder or item as German compounds it (`im Bitwarden-Ordner "Cluster"`).
    String.raw`anfragen|liegt|abgelegt|located|lives|record|keeper|dashlane|passbolt|` +
    // A one-time code's settings (`TOTP-Schlüssel: 6 Stellen, 30 Sekunden`, 74a-10, a key's name since 79a-10).
    String.raw`sekunden|minuten|stunden|seconds|minutes|hours|` +
    String.raw`(?:vault|1password|bitwarden|keepass|keeper|lastpass)-[a-z]{2,24}|` +
    // 74a-7: a password safe, as German and English compound it (`siehe Passwortsafe`).
    String.raw`(?:passwort|kennwort|password)-?(?:safe|tresor|datenbank|vault))$`,
  'i',
);
/**
 * A store's path as a word (`secret/app/db`, `kv/data/prod/db`): lower-case pieces of letters, maybe a number of one or
 * two digits in or after them (`secret/k3s/admin`), maybe in brackets (`in Vault (secret/k3s/admin)`, 68a-14).
 */
const PIECE = String.raw`[a-z][a-z_-]{0,31}(?:\d{1,2}[a-z_-]{0,31})?`;
// 71a-26: or as inline code (``in Vault at `secret/grafana` ``).
const STORE_PATH = new RegExp(
  String.raw`^(?:${PIECE}(?:/${PIECE}){1,7}|\(${PIECE}(?:/${PIECE}){1,7}\)|\`${PIECE}(?:/${PIECE}){1,7}\`)[.,;]?$`,
);
/**
 * A note that the value is given elsewhere in the same text (`same as above`, `see below`, 68a-14), or is another
 * service's (79a-17: `same as for Grafana`, `same as Grafana.`: a name of letters only).
 */
const ELSEWHERE_IN_TEXT =
  /^(?:(?:the )?same as (?:above|below|before|(?:for |in |on |the |for the )?[A-Za-z][A-Za-z-]{1,38})|see (?:above|below)|as (?:above|below))[.;]?$/i;
/** A ticket's key after a word that points to it (`see ticket OPS-1234`, 64a-9): letters, `-`, a number. */
const TICKET = /^[A-Z][A-Z0-9]{1,9}-\d{1,6}[.,;)]?$/;
/**
 * An entry's name in quotes, maybe with digits (`"k3s"`, `'k3s-bmc'`: 70a-14), ending the sentence or not; 79a-17: or an
 * entry's id in capitals (`see Keeper record K3S-ADMIN`), letters and digits as an id, never mixed case as a password.
 */
const ENTRY_NAME = /^(["'])[A-Za-z0-9][\w.-]{0,38}\1[.,;)]?$|^(?=[A-Z0-9_-]*[A-Z]{2})[A-Z0-9][A-Z0-9_-]{1,38}[.,;)]?$/;
/** 79a-17: a chat handle or channel after a word that points to it (`ask @ops-oncall on Slack`, `see #platform`). */
const HANDLE = /^[@#][a-z][a-z0-9._-]{0,38}[.,;)]?$/;
/**
 * 70a-14: a word that says no value is given here (`none`, `sealed`), alone, with a note in brackets (`none
 * (anonymous)`) or with words of how it is kept (`sealed with kubeseal, see sealed/`): letters only, so no password.
 */
const NO_VALUE_NOTE =
  /^(?:none|sealed|encrypted)(?:[.;]|[ \t]+\([a-z][a-z ,.'-]{0,60}\)|[ \t]+(?:with|by|using|via|in)[ \t][A-Za-z ,.;:'()/-]{1,120})?$/i;
/** 1Password, a password manager's name, as a word. */
const PRODUCT = /^1Password[.,;)]?$/;
/** Punctuation that ends a clause or a sentence. */
const CLAUSE_END = /[.,;:!?]$/;

/** Whether `written` (a value as the text writes it after `key:`, trimmed) is a sentence of prose. */
export function isProseValue(asWritten: string): boolean {
  // Words of any Latin letters (`ver la bóveda Infra`), read in ASCII (63a-12; folded-letters.ts).
  const written = foldLetters(asWritten);
  if (written.length > MAX_PROSE || !/^[(A-Za-z\u0400-\u04ff\d]/.test(written)) return false;
  if (ELSEWHERE_IN_TEXT.test(written) || NO_VALUE_NOTE.test(written)) return true;
  const words = written.split(/[ \t]+/);
  const isWord = (word: string, i: number) =>
    WORD.test(word) ||
    NUMBER.test(word) ||
    (i > 0 && (STORE_PATH.test(word) || PRODUCT.test(word) || (TICKET.test(word) && POINTS.test(words[0].replace(/^\(/, ''))))) ||
    // 66a-15: an entry's name in quotes after the word `entry` or `item` (`see 1Password entry "k3s".`).
    (i > 0 && ENTRY_NAME.test(word) && /^(?:entry|item|record|note|eintrag)$/i.test(words[i - 1])) ||
    (i > 0 && HANDLE.test(word) && POINTS.test(words[0]));
  if (!words.every(isWord) || words.every((word) => NUMBER.test(word))) return false;
  const bare = words.map((word) => word.replace(/[^A-Za-z0-9\u0400-\u04ff'-]/g, ''));
  const points = POINTS.test(bare[0]);
  // Two words: one that points elsewhere and a name, as a sentence (`ask Bob.`), or a note in brackets (`(in vault)`,
  // `(see vault)`), or a preposition and a store (`in 1Password`, 51a-11).
  if (words.length === 2)
    return (
      (points && (/^[A-Za-z-]+\.$/.test(words[1]) || KEPT.test(bare[1]) || TICKET.test(words[1]))) ||
      (/^\([a-z]+ [A-Za-z]+\)$/.test(written) && (FUNCTION_WORD.test(bare[0]) || points)) ||
      (LOWER.test(words[0]) && FUNCTION_WORD.test(bare[0]) && KEPT.test(bare[1])) ||
      // 66a-15: a count and its unit (`16+ chars.`, `12 Zeichen`).
      (NUMBER.test(words[0]) && KEPT.test(bare[1]) && !/^(?:vault|tresor|coffre|cofre)$/i.test(bare[1]))
    );
  // One word and a note in brackets (`bob (in vault)`): the word may be the value, the note about it.
  if (words.length < 3 || /^[^\s(]+[ \t]+\(/.test(written)) return false;
  // A store's or a rule's word counts as lower case (German nouns are capitalised: `mindestens 12 Zeichen`).
  const lower = bare.filter((word) => LOWER.test(word) || KEPT.test(word)).length;
  if (lower < 2 || lower * 2 < words.length) return false;
  const functionWords = bare.filter((word) => FUNCTION_WORD.test(word) || KEPT.test(word) || TICKET.test(word)).length + (points ? 1 : 0);
  // A note in brackets (`(set in CI)`, 64a-9) is punctuated as a clause is.
  const punctuated = CLAUSE_END.test(written) || words.slice(0, -1).some((word) => word.endsWith(',')) || /^\(.*\)$/.test(written);
  if (functionWords < 2 && !(functionWords === 1 && punctuated)) return false;
  // A sentence cut at its line's end (`The password is`, `see the vault for`) runs on below: the value is there.
  if (FUNCTION_WORD.test(bare[bare.length - 1]) || GIVES.test(bare[bare.length - 1])) return false;
  // `the password is swordfish`, `use swordfish.`: a word after one that gives it, ending the text or a clause.
  return !words.some(
    (word, i) =>
      i + 1 < words.length &&
      GIVES.test(bare[i]) &&
      !CLAUSE_END.test(word) &&
      !FUNCTION_WORD.test(bare[i + 1]) &&
      (i + 2 === words.length || CLAUSE_END.test(words[i + 1])),
  );
}

/**
 * 66a-15: a Kubernetes Secret's name with a note in brackets that is prose (`traefik-dashboard-auth (created by hand)`),
 * under the key `Secret`: the README's "a Secret's name with a note is prose" (table-column-names.ts reads cells so).
 */
const namesSecretWithNote = (value: string): boolean => {
  const match = /^([a-z0-9][-a-z0-9.]{0,251}[a-z0-9]) (\([^()\n]{1,128}\))$/.exec(value);
  return !!match && isKubernetesSecretName(match[1]) && isProseValue(match[2]);
};

/** Whether `value` under `key` is prose, or a Secret's name with a note under the key `Secret` (66a-15). */
export const isProseUnder = (key: string, value: string): boolean =>
  isProseValue(value) || (/^secret$/i.test(key) && namesSecretWithNote(value.trim()));

/**
 * Whether a one-line text is `key: value` (maybe a list item's, `- key: value`) with `value` written plain, as prose:
 * what its data reading found under `key` is that prose (firstSecretSetInText reads a one-line text as data too).
 */
export function isProsePairLine(text: string, key: string, value: string): boolean {
  if (text.length > 1024 || text.includes('\n') || !isProseUnder(key, value)) return false;
  const line = text.trim().replace(/^(?:-[ \t]+)+/, '');
  if (!line.startsWith(key) || !line.endsWith(value)) return false;
  return /^[ \t]*:[ \t]+$/.test(line.slice(key.length, line.length - value.length));
}

/**
 * Whether `part` (a one-line text read as `key: value`) ends in `value` after a colon, or after an `=` with blanks on
 * both sides (`password = Must be rotated quarterly`, INI's spacing, 50a-13; `KEY=value` is an env file's or a shell's
 * and keeps its value), and the value is prose (keyedSecret).
 */
export const isProseAfterColon = (part: string, value: string): boolean => {
  const before = part.slice(0, part.length - value.length);
  if (/(?:^|[^\w-])secret[ \t]*:[ \t]*$/i.test(before) && namesSecretWithNote(value.trim())) return true; // 66a-15
  return /(?::|[ \t]=)[ \t]*$/.test(before) && isProseValue(value.trim());
};

/**
 * Whether the rest of `part` from `at` (after a key and its colon, not at a line's start) is a note that gives no value
 * (70a-14: `# Secret: sealed`, `Password: none (anonymous)`): only those notes, not any words, since a sentence there
 * may open with the password itself (`The root password: swordfishhunterSEKRIT. Rotate it monthly.`, 19a). Only a
 * rest short enough to be a note is read, so a long line of many keys costs a pass, not one per key.
 */
export const isNoValueNoteAt = (part: string, at: number): boolean =>
  part.length - at <= MAX_PROSE && NO_VALUE_NOTE.test(foldLetters(part.slice(at).trim()));

/** A line `key = value` (blanks around `=`) whose value is prose (50a-13): the line reader's INI assignment (secrets.ts). */
export const isProseAssignment = (line: string): boolean => {
  const assignment = /^[ \t]*(["']?)[A-Za-z][\w.-]*\1[ \t]+=[ \t]+(\S.*)$/.exec(line);
  return !!assignment && line.length <= 1024 && isProseValue(assignment[2].trim());
};
