/**
 * Round 63 (63a-1, 63a-2, 63a-3): a password said in prose right after a label that names one, whatever it looks like.
 * prose-credential-lines.ts asks a generated-looking run of letters and digits; a person's password has punctuation
 * (`Tr0ub4dor&3xQ`, `"Summer2024!x"`), is a word and digits (`bluefalcon88`), or is a router's numeric Wi-Fi key in
 * groups (`7391 0452 8816 3307 0415`, as AVM prints it on a FRITZ!Box). After an explicit label (`the password is`,
 * `Password for root is`, `Das Passwort für root lautet`, `La contraseña de root es`, `Lösenordet för root är`,
 * `WLAN-Netzwerkschlüssel:`, `Wi-Fi password:`) the next word is the value, quoted or not, unless it is plainly none: a
 * word of letters only (`see`, `in`, `stored`, `required`, `Infra`), a reference or placeholder (`${…}`, `<…>`, `(…)`,
 * `1Password`, a URL or a store path), a short number (`12 Zeichen`) or a protocol's name (`WPA2-PSK`, `SHA-256`). A
 * label glued to more words (`Passwort-Richtlinie:`, `password policy:`) names a rule, not the value, and is none here.
 */
import { isAnyPasswordHash } from './password-hashes';

/** What such a value is called in findings. */
export const LABELLED_PASSWORD =
  'a password in prose right after a label that names it (`the password is …`, `Password for root is …`, `WLAN key: …`, `Passwort für root lautet …`)';

/** The name of a password, in several languages (read case-insensitively): a verb joins it to its value. */
const NOUN = [
  String.raw`pass(?:word|wd|phrase)?|пароль`,
  String.raw`(?:root|admin|sudo)[ \t]+pw`,
  String.raw`(?:pass|kenn)wort(?:es)?`,
  String.raw`contrase(?:ñ|n)a|senha|wachtwoord|has(?:ł|l)o|salasana|parola`,
  String.raw`mot[ \t\u00a0\u202f-]de[ \t\u00a0\u202f-]passe`,
  String.raw`l(?:ö|o)senord(?:et)?|passord(?:et)?|(?:ş|s)ifre(?:si)?`,
].join('|');
/**
 * A network's key (`WLAN key`, `Wi-Fi password`, `WLAN-Netzwerkschlüssel`): a colon or `=` joins it to its value too. A
 * bare `password:` is a setting, judged by the readers of `key: value` lines (secrets-text.ts), which know code.
 */
const NETWORK = String.raw`(?:wi-?fi|wlan|wpa2?|wireless|network|ssid)[ \t-]?(?:key|psk|pw|pass(?:word|phrase)?|(?:pass|kenn)wort|(?:netzwerk)?schl(?:ü|ue)ssel)|netzwerkschl(?:ü|ue)ssel`;
/** An account the password is for (`for root`, `für root`, `de root`, `do WiFi`, `Пароль root`), one word; with it a colon joins too. */
const FOR = String.raw`(?:[ \t]+(?:for|of|f(?:ü|ue)r|f(?:ö|o)r|de|du|da|do|di|van|voor)[ \t]+(?:the[ \t]+)?[\w.@-]{1,32}|[ \t]+(?:root|admin|sudo))`;
/** A verb that joins a label and its value (`is`, `lautet`, `es`, `är`, `est`, `é`). */
const VERB = String.raw`[ \t]+(?:is|ist|lautet|es|est|(?:ä|a)r|er|(?:é|è|e)|jest)[ \t]*:?[ \t]+`;
/** A colon or `=`. */
const COLON = String.raw`[ \t]*[:=\uff1a][ \t]*`;
/**
 * A login written as its account and then its password (`user root, pw X`, `login admin pass X`, `SSID HomeNet, key X`):
 * the account or network named, a comma or a blank, the password's short name, a colon or a blank.
 */
const LOGIN = String.raw`(?:user(?:name)?|login|ssid|wi-?fi|wlan)[ \t:=]+[\w.-]{1,32}(?:[ \t]*[,;][ \t]*|[ \t]+)(?:pass(?:word|wd)?|pwd?|key|psk)(?:[ \t]*[:=][ \t]*|[ \t]+)`;
/** The label: a noun not glued to a letter or a dot before it (`Root-Kennwort ist`), with its account and its joining word. */
const LABEL = new RegExp(
  String.raw`(?<![\p{L}\p{N}_.])(?:(?:${NETWORK})${FOR}?(?:${COLON}|${VERB})|(?:${NOUN})(?:${FOR}(?:${COLON}|${VERB})|${VERB})|${LOGIN})`,
  'giu',
);
/** The value after it: a quoted word, numeric groups (`7391 0452 8816 3307`), or a word up to a blank. */
const VALUE = /"([^"\s]{1,64})"|'([^'\s]{1,64})'|`([^`\s]{1,64})`|(\d{4}(?:[ \t]\d{4}){1,7})(?![\d])|([^\s"'`]{1,80})/y;

/** A word plainly not a password: letters only, a reference or placeholder, a URL or a store path, a protocol's name. */
const PLAIN =
  /^(?:[\p{L}._'-]+|.*[(){}[\]].*|[<${(%[*].*|.*\$\{.*|1password\b.*|\w+:\/\/.*|[a-z][\w-]*(?:\/[\w.-]+)+|(?:wpa[23]?|wep|sae|psk|tkip|ccmp|aes|sha|md)(?:[-_/]?(?:\d+|wpa[23]?|psk|sae|aes|tkip|ccmp|personal|enterprise))*|\d{1,7}(?:[-+.,]\d{0,7})?)$/iu;

/** How a password is kept, as a compound adjective (`Base64-encoded`, `AES256-encrypted`, `SHA512-hashed`: 64a-9), no value. */
const KEPT_AS = /^[A-Za-z]{1,10}\d{0,4}-(?:encoded|encrypted|hashed|salted|signed|wrapped|protected)$/i;

/** Whether `word` (the value as written after a label, its quotes taken off) is a password. */
function isPassword(word: string, quoted: boolean): boolean {
  // A sentence's closing punctuation is not the value's (a quoted value keeps all it holds).
  const value = quoted ? word : word.replace(/[.,;:!?)\]]+$/, '');
  // A hash stands where the password would (`ALTER USER bob PASSWORD 'md5…'`): accepted as such values are elsewhere.
  if (value.length < 6 || PLAIN.test(value) || (!quoted && KEPT_AS.test(value)) || /^[x*•.]+$/i.test(value) || isAnyPasswordHash(value))
    return false;
  return /\d/.test(value) || /[^\p{L}]/u.test(value) || quoted;
}

/** Where `text` holds such a value: each value's span. */
export function labelledPasswordSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (
    !/pass|wort|woord|пароль|contrase|key|senha|has|salasana|parola|senord|ifre|wi-?fi|wlan|wpa|wireless|network|ssid|schl|pw/i.test(text)
  )
    return spans;
  for (const label of text.matchAll(LABEL)) {
    VALUE.lastIndex = label.index! + label[0].length;
    const value = VALUE.exec(text);
    if (!value) continue;
    const index = value.findIndex((group, i) => i > 0 && group !== undefined);
    const word = value[index];
    const quoted = index <= 3;
    if (!isPassword(word, quoted)) continue;
    const start = value.index + (quoted ? 1 : 0);
    spans.push([start, start + word.length]);
  }
  return spans;
}
