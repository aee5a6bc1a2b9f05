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
import { saysOpenNetwork } from './open-network-words';
import { isPlaceholder } from './placeholders';
import { isProseWordAfterLabel } from './prose-after-label-words';
import { LABEL_FORMS, type LabelForm, formRulesOut, isBelow } from './password-label-forms';
import { QUOTED_WORD, quotesPair } from './quoted-words';
import { atFirstUse } from './lazy-regexp';
import { WORLD_PASSWORD_WRITTEN, mayHoldWorldPasswordWord } from './world-password-words';

/** What such a value is called in findings. */
export const LABELLED_PASSWORD =
  'a password in prose right after a label that names it (`the password is …`, `Password for root is …`, `WLAN key: …`, `Passwort für root lautet …`; if this is a sentence, not a password, say where the password is kept instead: `the password is in the vault`)';

/** The name of a password, in several languages (read case-insensitively): a verb joins it to its value. */
const NOUN = [
  String.raw`pass(?:word|wd|phrase|code)?|pwd?|пароль`,
  String.raw`(?:root|admin|sudo)[ \t]+pw`,
  String.raw`(?:pass|kenn)wort(?:es)?`,
  String.raw`contrase(?:ñ|n)a|senha|wachtwoord|has(?:ł|l)o|salasana|parola(?:[ \t]+d'ordine)?|heslo|adgangskode(?:n)?`,
  String.raw`mot[ \t\u00a0\u202f-]de[ \t\u00a0\u202f-]passe`,
  String.raw`l(?:ö|o)senord(?:et)?|passord(?:et)?|(?:ş|s)ifre(?:si)?|wagwoord`, // 70a-20: Afrikaans `Die wagwoord is X`
  // 69a-16: a secret's other English names in a note (`The secret is X`, `The vault unseal key is X`, `The master key for the vault is X`).
  String.raw`(?:shared[ \t]+|client[ \t]+)?secret|(?:unseal|master|recovery)[ \t]+key`,
].join('|');
/**
 * 64a-2: the name of a password in a script or language without code's `password:` settings (Arabic, Greek, Hindi,
 * Vietnamese, Indonesian): a colon joins it to its value too; its verb (`είναι`, `है`, `là`, `adalah`, `هي`).
 */
/**
 * 68a-1, 68a-3: more languages' names of a password (the author's knowledge of the languages, as the others'): French
 * `mot de passe` with the blank or no-break space French typography puts before its colon (`Mot de passe : X`), Malay
 * `kata laluan`, Persian `رمز عبور`/`گذرواژه`, Urdu `پاس ورڈ`, Bengali `পাসওয়ার্ড`, Georgian `პაროლი`, Armenian
 * `գաղտնաբառ`, Serbian `лозинка`, Bulgarian `парола`, Ukrainian `гасло`, Latvian `parole`, Basque `pasahitza`, Galician
 * `contrasinal`, Swahili `nenosiri`; a qualifier may stand before the colon (`Пароль от Wi-Fi:`, `Password ng admin:`).
 * 70a-20: Bulgarian with its article (`Паролата е X`), Azerbaijani `şifrə`, and the verbs of Bulgarian (`е`), Latvian
 * (`ir`), Malay (`ialah`) and Swahili (`ni`).
 * Round 71 (70a-20's remainder): Icelandic `lykilorð` (`Lykilorðið er X`, with its article), Welsh `cyfrinair`, Albanian
 * `fjalëkalim(i)`, Esperanto `pasvorto`, Kazakh `құпия сөз` in two words, Mongolian `нууц үг`; and the copulas of Bengali
 * (`হল`, `হলো`), Galician (`é`), Icelandic (`er`), Welsh (`yw`, `ydy`), Georgian (`არის`), Albanian (`është`) and
 * Esperanto (`estas`).
 * Round 77 (77a-5): the written words of world-password-words.ts's table (Tamil `கடவுச்சொல்: hunter22`).
 */
export const MORE_NAMES = String.raw`mot[ \t\u00a0\u202f]de[ \t\u00a0\u202f]passe|kata[ \t]+laluan|رمز[ \t]+عبور|گذرواژه|پاس[ \t]+ورڈ|পাসওয়ার্ড|პაროლი|գաղտնաբառ|лозинк[аеиу]|парол(?:ата|[аеи])|(?:ş|s)ifrə|гасло|parole|pasahitza|contrasinal|nenosiri|lykilor(?:ð|d)(?:i(?:ð|d))?|cyfrinair|fjal(?:ë|e)kalim(?:i)?|pasvorto|құпия[ \t]?сөз|нууц[ \t]үг|${WORLD_PASSWORD_WRITTEN}`;
/** Round 71: the copulas above (MORE_NAMES' comment), each of a language whose sentence words isSentenceWord does not know. */
const MORE_VERBS = String.raw`হল|হলো|é|er|yw|ydy|არის|është|eshte|estas`;
// 73b-3: Greek `του` and Swahili `la` (of: `Ο κωδικός πρόσβασης του διαχειριστή είναι X`, `Nenosiri la msimamizi ni X`),
// Arabic's `لل…` glued (for the: `كلمة المرور للمسؤول هي X`), Malay `pentadbir` (administrator: `Kata laluan pentadbir ialah X`).
const QUALIFIER = String.raw`(?:[ \t]+(?:от|для|ng|for|de|du|f(?:ü|ue)r|του|la)[ \t]+[^\s:\uff1a]{1,32}|[ \t]+لل[^\s:\uff1a]{1,30}|[ \t]+(?:admin|root|pengguna|pentadbir|qu(?:ả|a)n[ \t]tr(?:ị|i)(?:[ \t]vi(?:ê|e)n)?))?`; // 69a-6 `Kata sandi admin adalah X`, `Mật khẩu quản trị là X`
const FOREIGN = String.raw`salasana(?:n)?[ \t]+on[ \t]+|(?:كلمة[ \t]+(?:المرور|السر)|κωδικός(?:[ \t]+πρόσβασης)?|पासवर्ड|mật[ \t]+khẩu|kata[ \t]+sandi|${MORE_NAMES})${QUALIFIER}(?:[ \t\u00a0\u202f]*[:\uff1a][ \t]*|[ \t]+(?:είναι|है|là|adalah|هي|е|ir|ialah|ni|${MORE_VERBS})[ \t]*:?[ \t]+)`;
/**
 * A network's key (`WLAN key`, `Wi-Fi password`, `WLAN-Netzwerkschlüssel`; 68a-5 `Clé WiFi`, `Clave WiFi`, `Chiave Wi-Fi`): a
 * colon or `=` joins it to its value too (70a-20: French `code wifi`, Danish `koden til wifi`, Vietnamese `mk wifi`, `mk` short
 * for `mật khẩu`). A
 * bare `password:` is a setting, judged by the readers of `key: value` lines (secrets-text.ts), which know code.
 */
const NETWORK = String.raw`(?:wi-?fi|wlan|wpa2?|wireless|network|ssid)[ \t-]?(?:key|psk|pw|pass(?:word|phrase)?|(?:pass|kenn)wort|(?:netzwerk)?schl(?:ü|ue)ssel)|netzwerkschl(?:ü|ue)ssel|(?:cl(?:é|e)|clave|chiave|chave)[ \t-]+(?:(?:du|de|del|della|do|da)[ \t]+)?(?:wi-?fi|wlan|r(?:é|e)seau|red|rete)|(?:code|mk|m(?:ậ|a)t[ \t]kh(?:ẩ|a)u)[ \t-]+(?:du[ \t]+)?wi-?fi|kode(?:n|rne)?[ \t]+til[ \t]+(?:wi-?fi|wlan)`;
/**
 * 69a-6: an owner in the genitive with no preposition before it (`Parola administratorului este X`, `Heslo uživatele admin
 * je X`, `Heslo správce je X`), maybe then its name: the languages' words for an administrator, a user and an account
 * (the author's knowledge of the languages, as NOUN's).
 */
const OWNER = String.raw`administrator(?:ului|a|s)|administr(?:á|a)tora|spr(?:á|a)vce|u(?:ž|z)ivatele|utilizatorului|contului|(?:ú|u)(?:č|c)tu`;
/**
 * An account the password is for (`for root`, `für root`, `de root`, `do WiFi`, `per admin`, `k routeru`, `dell'admin`,
 * `Пароль root`); 64a-1: up to six words (`for user admin on 192.168.0.1`, `for the backup NAS`), 65a-3 a list of them
 * (`for admin, backup and ops`); with it a colon joins too. 71a-21: a note in brackets (`Password (rotated monthly): X`;
 * a form's `(optional)`, `(required)` says what a field asks; one holding `=` is this tool's own `(name=value)`).
 */
const FOR = String.raw`(?:[ \t]*\((?!(?:optional|required)\))[^()=\n]{1,48}\)|[ \t]+(?:for|of|ng|f(?:ü|ue)r|f(?:ö|o)r|de|du|da|do|di|van|voor|per|k|pro|til|pentru|des|der|del)(?:,?[ \t]+[\w.@-]{1,32}){1,6}|[ \t]+(?:dell|de[ \t]+l)['’][\w.@-]{1,32}|[ \t]+(?:root|admin|sudo)|[ \t]+(?:${OWNER})(?:[ \t]+[\w.@-]{1,32})?)`;
/**
 * A verb that joins a label and its value (`is`, `was`, `lautet`, `es`, `är`, `est`, `é`, `je`, `este`; Finnish `on` only
 * after `salasana`: `Password on request`); 73b-3 Tagalog `ay` (`Ang password ng admin ay X`).
 */
const VERB = String.raw`[ \t]+(?:is|was|ist|lautet|es|est|(?:ä|a)r|er|(?:é|è|e)|jest|je|este|là|ay)[ \t]*:?[ \t]+`;
/** A colon or `=`; 64a-1: the value may stand on a line below (`Password for root:`, a blank line, the value). */
const COLON = String.raw`[ \t]*[:=\uff1a][ \t]*(?:\r?\n[ \t]*){0,3}`;
/** 64a-1: an arrow or a dash between blanks (`password → X`, `Password - X`, `Password — X`). */
const ARROW = String.raw`[ \t]*(?:→|->|=>|⇒|—|–)[ \t]*|[ \t]+-[ \t]+`;
/**
 * A login written as its account and then its password (`user root, pw X`, `login admin pass X`, `SSID HomeNet, key X`,
 * `Network: HomeNet, Passphrase X`, `SSID: HomeNet` and `Key: X` below it; 67a-2 `Benutzer admin, Passwort X`): the
 * account or network named, a comma, a line's end or a blank, the password's short name, a colon or a blank. 67a-15: a
 * slash between them too (`user admin / pass X`), and a network's key in German, French and Spanish (`WLAN: HomeNet,
 * Schlüssel: X`, `Réseau : HomeNet, clé : X`).
 */
const NETWORK_LOGIN = String.raw`ssid|wi-?fi|wlan|network|netzwerk|r(?:é|e)seau`;
const LOGIN = String.raw`(?:user(?:name)?|benutzer(?:name)?|usu(?:á|a)rio|utilisateur|identifiant|utente|gebruiker(?:snaam)?|login|${NETWORK_LOGIN})[ \t\u00a0:=]+[\w.-]{1,32}(?:[ \t]*(?:[,;/][ \t]*|\r?\n[ \t]*)|[ \t]+)(?:pass(?:word|wd|phrase|code)?|(?:pass|kenn)wort|contrase(?:ñ|n)a|mot[ \t]de[ \t]passe|senha|pwd?|key|psk|wpa2?|schl(?:ü|ue)ssel|cl(?:é|e)|clave|chiave)(?:[ \t\u00a0]*[:=][ \t]*|[ \t]+)`;
/**
 * 64a-1, read only for a value with a digit (a word there is often a setting's or a path's: `notes: password reset/flow`):
 * `login admin:X`, `The admin login is admin/X`, `Wi-Fi: GuestNet / X`, `- NAS: pw X`, `I set the password to X`.
 */
const STRICT = String.raw`login(?:[ \t]+is)?[ \t:=]+[\w.-]{1,32}[ \t]*[:/][ \t]*|(?:wi-?fi|wlan|ssid|network)[ \t]*[:=][ \t]*[\w.-]{1,32}[ \t]+\/[ \t]+|[\w.-]{1,32}:[ \t]+(?:pw|pwd|pass(?:word)?)[ \t]+|(?:set|changed?|reset)[ \t]+(?:the|my|your|our|its|their)[ \t]+(?:[\w-]{1,32}[ \t]+)?(?:pass(?:word|phrase|code)?|pw)[ \t]+to[ \t]+`;
/**
 * 65a-3: `pw X`, `pwd X` (a note's shorthand; not the shell's `pwd`, which takes no word, nor `$(pwd)` or `/bin/pwd`).
 * 65a-15: a Markdown table's lone row `| Password | X |`, read as a setting's (a word there is a type: `| password | string |`).
 */
const SHORT = String.raw`(?<![/$-])pwd?[ \t]+(?=[^\s|])`;
const CELL = String.raw`\|[ \t]*(?:${NOUN})[ \t]*\|[ \t]*`;
/**
 * The label: a noun not glued to a letter or a dot before it (`Root-Kennwort ist`), with its account and its joining word.
 * A login is tried first: it names its password's label (`WLAN: HomeNet / Schlüssel: X`), where STRICT reads `Schlüssel:`.
 */
const LABEL = atFirstUse(
  () =>
    new RegExp(
      String.raw`(?<![\p{L}\p{N}_.])(?:(?<login>${LOGIN})|(?<strict>${STRICT})|(?<network>${NETWORK})${FOR}?(?:${COLON}|${VERB})|(?<noun>${NOUN})(?:${FOR}(?:${COLON}|${VERB})|${VERB}|(?<arrow>${FOR}?(?:${ARROW})))|(?<foreign>${FOREIGN})|(?<short>${SHORT}))|(?<cell>${CELL})`,
      'giu',
    ),
);
/** 65a-4: Hindi puts the value before its verb (`पासवर्ड X है`, "the password is X"). */
const HINDI = atFirstUse(() => /(?<![\p{L}\p{M}])पासवर्ड[ \t]+([^\s:\uff1a]{1,64})[ \t]+है/gu);
/**
 * 64a-1: `use X as the password`: the value before its label. 69a-16: the login it is for says so too (`Use X to log in
 * as root`, `Log in as admin using X`), read only for a value with a digit (as STRICT: `Log in as admin using SSO`).
 */
const USE_AS = atFirstUse(
  () =>
    /(?<![\p{L}\p{N}_.])(?:use[ \t]+(\S{6,64})[ \t]+as[ \t]+(?:the|your|my|a|an)[ \t]+(?:[\w-]{1,32}[ \t]+)?(?:pass(?:word|phrase|code)?|pw)\b|use[ \t]+(\S{6,64})[ \t]+to[ \t]+(?:log|sign)[ \t-]?[io]n\b|(?:log|sign)[ \t-]?[io]n[ \t]+as[ \t]+[\w.@-]{1,32}[ \t]+(?:using|with)[ \t]+(\S{6,64}))/giu,
);
/** An HTML tag around the value (`<b>X</b>`, `<code>X</code>`). */
const TAG = /<(?:b|strong|code|kbd|em|i|tt|span|mark)>/iy;
/** 65a-15: Markdown emphasis around the value (`**X**`, `*X*`, `__X__`, `_X_`, `~~X~~`): what it holds is the value. */
const EMPHASIS = atFirstUse(() => /(\*{1,2}|_{1,2}|~~)([^\s*_~]{1,64})\1(?![\p{L}\p{N}])/uy);
/** 65a-15: a bracket around one word (`(X)`, `[X]`, `{X}`): the value, unless it is a placeholder (`{password}`, `[REDACTED]`). */
const BRACKET = /([([{])([^\s()[\]{}]{1,64})([)\]}])/y;
const PAIRS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
/** 68a-8: one word in another language's quotation marks (`« espadon »`, `„mieczyk”`, `「swordfish」`): the value. */
const QUOTE = atFirstUse(() => new RegExp(QUOTED_WORD, 'uy'));
/** Words a bracket says a value was left out with (`(redacted)`, `(hidden)`). */
const LEFT_OUT = /^(?:redacted|hidden|omitted|removed|masked|elided|snip|censored|secret|password|none|empty|unset)$/i;
/**
 * The value after it: a quoted word, numeric groups (`7391 0452 8816 3307`), a quoted passphrase (`"correct horse
 * battery staple"`, in code marks too: 71a-21), words and a number ending the line (`Sonnenblume Regen Fahrrad 42`, 64a-1), 65a-5 three to seven
 * words ending the line or sentence (`purple monkey dishwasher`, `correct-horse-battery-staple`), or a word up to a blank.
 */
const VALUE = atFirstUse(
  () =>
    /"([^"\s]{1,64})"|'([^'\s]{1,64})'|`([^`\s]{1,64})`|(\d{4}(?:[ \t]\d{4}){1,7})(?![\d])|["`]([^"`\n]{1,64})["`]|(\p{L}{2,20}(?:[ \t]\p{L}{2,20}){1,6}[ \t]\d{1,6})(?=[ \t]*(?:$|[\r\n.,;]))|(\p{L}{2,20}(?:[ \t-]\p{L}{2,20}){2,6})(?=[ \t]*(?:$|[\r\n.,;!?]))|([^\s"'`<]{1,80})/uy,
);
/** Which of VALUE's groups is a phrase of words unquoted (65a-5). */
const PHRASE_GROUP = 7;
/** What may follow a single word that ends its clause: the text's or line's end, punctuation, a tag, a conjunction. */
const CLAUSE_END = atFirstUse(
  () => /^(?:[ \t]*(?:$|[\r\n.,;:!?)<"'*_|])|[ \t]+(?:and|but|und|et|y|e|og|och|en|-|—|yesterday|today|tonight|earlier|recently|last)\b)/iu,
);

/** A word plainly not a password: letters only, a reference or placeholder, a URL or a store path, a protocol's name. */
const PLAIN = atFirstUse(
  () =>
    /^(?:[\p{L}._'-]+|.*[(){}[\]].*|[<${(%[*].*|.*\$\{.*|1password\b.*|\w+:\/\/.*|[a-z][\w-]*(?:\/[\w.-]+)+|(?:wpa[23]?|wep|sae|psk|tkip|ccmp|aes|sha|md)(?:[-_/]?(?:\d+|wpa[23]?|psk|sae|aes|tkip|ccmp|personal|enterprise))*|\d{1,7}(?:[-+.,]\d{0,7})?)$/iu,
);
/**
 * 65a-5: words that make a run of words a sentence rather than a passphrase (pronouns, auxiliaries, `up-to-date`), beside
 * the sentence's words isProseWordAfterLabel knows.
 */
const PHRASE_WORD =
  /^(?:i|you|he|she|it|we|they|is|are|be|been|being|am|will|would|can|could|should|must|may|might|has|have|had|do|does|did|was|were|up|out|off|over|down|date|time|per|each|every|all|any|some|more|less|than|least|most|first|last|next|old|new|other|please|who|what|which|where|when|how|whatever|whichever|user|users|account|team|file|ops|engineer|admin|root|same|own|via|using|use|used)$/i;
/**
 * A type's or the label's own name where a value would stand (`user: string; password: string`, `Login: user/password`),
 * a thing about a password (`the pwd command`, `pw field`, `password -> bcrypt`).
 */
const TYPE_NAME =
  /^(?:string|str|text|number|int|integer|boolean|bool|bytes|any|object|char|varchar|secretstr|pass(?:word|wd|phrase)?|pwd|command|field|prompt|manager|policy|reset|hint|hash|hashes|salt|file|length|input|form|box|rules|expiry|change|directory|output|bcrypt|scrypt|yescrypt|crypt)$/i;
/**
 * 65a-4: a few sentence words of the scripts other than Latin whose labels are read (Greek, Russian, Arabic, Hindi): what
 * a password is like (`λάθος` wrong, `υποχρεωτικός` required, `неверный`, `مطلوبة`, `गलत`), as stems read without marks.
 * 68a-3: Bulgarian, Ukrainian and Serbian ones too (`задължителна`, `обов’язковий`, `обавезна`, `грешна`).
 */
const OTHER_SCRIPT_PROSE = [
  'λαθος|λανθασμεν|εσφαλμεν|υποχρεωτικ|απαραιτητ|απαιτειται|ακυρ|εγκυρ|σωστ|κεν|αδυναμ|ισχυρ|μυστικ|προσωριν|ληγμεν|ασφαλ|κρυφ',
  'см|смотр|виж|задължителн|обов.язков|обавезн|грешн|погрешн|невалидн|невер|неправил|обязател|требует|пуст|коротк|слаб|надежн|верн|правил|истек|устарел|скрыт|зашифрован|сброшен|изменен|времен|секрет',
  'خاطئ|خطا|خطأ|مطلوب|صحيح|فارغ|قصير|ضعيف|قوي|منتهي|سري|مؤقت|الزامي|إلزامي|غير|مخفي|مشفر',
  'गलत|ग़लत|आवश्यक|ज़रूरी|जरूरी|अमान्य|मान्य|सही|खाली|कमजोर|कमज़ोर|मजबूत|मज़बूत|छोटा|लंबा|सुरक्षित|गुप्त|अनिवार्य|बदला|समाप्त|अस्थायी|नहीं',
];
/** A word without its marks (accents, Devanagari's vowel signs), lower-cased. */
const withoutMarks = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const OTHER_PROSE = atFirstUse(() => new RegExp(`^(?:ال)?(?:${withoutMarks(OTHER_SCRIPT_PROSE.join('|'))})\\p{L}{0,4}$`, 'u'));

/** Whether `word` (letters, maybe with marks) is a sentence's word: in Latin letters isProseWordAfterLabel, else the stems above. */
export function isSentenceWord(word: string, english: boolean): boolean {
  if (/^\p{Script=Latin}+$/u.test(word)) return isProseWordAfterLabel(word, english);
  return OTHER_PROSE().test(withoutMarks(word));
}

/** How the label reads its value. */
interface Reading {
  /** `strict`: a value of words wants a digit or a symbol (a setting's or a path's words stand there too). */
  strict: boolean;
  /** A single word of letters that ends its clause is read as the value unless a sentence's word. */
  word: boolean;
  /** `pw X`: a short word there is often a command's (`xargs -I PW redis-cli -a PW ping`), so a value wants 6 characters. */
  short: boolean;
  english: boolean;
  /** The text after the value (does a single word end its clause?). */
  after: string;
}

/** How a password is kept, as a compound adjective (`Base64-encoded`, `AES256-encrypted`, `SHA512-hashed`: 64a-9), no value. */
const KEPT_AS = /^[A-Za-z]{1,10}\d{0,4}-(?:encoded|encrypted|hashed|salted|signed|wrapped|protected)$/i;

/** The last part of a dotted host or file name (`.com`, `.local`, `.svc`, `.yaml`, a country's two letters): no passphrase's word. */
const NAME_END =
  /\.(?:com|net|org|io|dev|app|local|lan|internal|home|arpa|svc|cluster|corp|yaml|yml|json|conf|txt|env|ini|toml|[a-z]{2})$/i;

/**
 * A participle followed by `by` (`printed by`, `shown by`, `set by`): the clause goes on, it is no passphrase. 77a-18: in
 * the Romance languages too, a participle and its agent (Portuguese `gerada pelo Terraform`, Spanish `generada por`,
 * Italian `generata dal`, French `générée par`; the author's knowledge of the languages).
 */
const BY_WHOM = atFirstUse(
  () =>
    /^\p{L}+(?:ed|en|wn)[ \t]+by[ \t]|^(?:set|put|kept|held|sent|made|built|read|done|left|got|told|found|run)[ \t]+by[ \t]|^\p{L}+(?:ad[oa]s?|id[oa]s?|at[oaie]|it[oaie]|é(?:e|s|es)?|i(?:e|s|es)?|u(?:e|s|es)?)[ \t]+(?:pel[oa]s?|por|par|da|dal|dall[oa']|dai|dagli|dalle)[ \t]/iu,
);

/** How many words of letters `value` holds (split at blanks and hyphens), and how many of them are a sentence's. */
export function sentenceWordCount(value: string, english: boolean): { words: number; prose: number } {
  const words = value.split(/[ \t-]+/).filter((part) => /^[\p{L}\p{M}]+$/u.test(part));
  return { words: words.length, prose: words.filter((part) => PHRASE_WORD.test(part) || isSentenceWord(part, english)).length };
}

/** Whether the words of `value` (split at blanks and hyphens) read as a passphrase: fewer than half a sentence's words. */
function isPassphrase(value: string, english: boolean): boolean {
  // 67a-17: a participle and `by` continue a sentence (`printed by kubectl get secret`, `set by the installer`).
  if (BY_WHOM().test(value)) return false;
  const { words, prose } = sentenceWordCount(value, english);
  return words > 0 && prose * 2 < words;
}

/** Whether `word` (the value as written after a label, its quotes taken off) is a password. */
function isPassword(word: string, quoted: boolean, reading: Reading): boolean {
  // A sentence's closing punctuation is not the value's (a quoted value keeps all it holds).
  const value = quoted ? word : word.replace(/[.,;:!?)\]]+$/, '');
  // A hash stands where the password would (`ALTER USER bob PASSWORD 'md5…'`): accepted as such values are elsewhere.
  // A placeholder (`'changeme' until first login`, `<your-password>`) is none either.
  // 65a-1: after a sentence's label a short value is the password too (`admin`, `toor`, `P@ss`, `1234`); a strict label
  // (`pw`, an arrow, the line below) keeps a floor, as a short run there is often a heading's or a count's.
  // 65a-4: a word of letters a label reads as the value (`heslo je drak`) is judged by the sentence's words at any length.
  const letters = /^[\p{L}\p{M}]+$/u.test(value);
  const floor = reading.strict && !(reading.word && letters && !reading.short) ? 6 : 1;
  if (value.length < floor || !/[\p{L}\p{N}]/u.test(value) || /^[x*•.]+$/i.test(value)) return false;
  if (isAnyPasswordHash(value) || isPlaceholder(value)) return false;
  // Whether the value ends its clause: punctuation after it (`is admin. Ask ops.`) or what CLAUSE_END reads after it.
  const ends = value.length < word.length || CLAUSE_END().test(reading.after);
  if (!quoted && KEPT_AS.test(value)) return false;
  // 64a-1: a passphrase of words (`"correct horse battery staple"`, `Sonnenblume Regen Fahrrad 42`) with fewer than half
  // a sentence's words; `"see the vault"` is a note. 65a-5: unquoted too, three words or more (`purple monkey
  // dishwasher`, `correct-horse-battery-staple`); `stored in the vault`, `the one from onboarding` are sentences.
  // 76a-21: or dots, four words or more, the last no host's or file's ending (`correct.horse.battery.staple`, not `db.prod.example.com`).
  const phrase = (/^\p{L}+(?:-\p{L}+){2,}$/u.test(value) || (/^\p{L}+(?:\.\p{L}+){3,}$/u.test(value) && !NAME_END.test(value))) && !quoted;
  if ((/[ \t]/.test(value) && /\p{L}/u.test(value)) || phrase) {
    if (/[<>{}$]/.test(value) || reading.strict) return false;
    return isPassphrase(phrase ? value.replace(/\./g, '-') : value, reading.english);
  }
  // 64a-1, 65a-3, 65a-4: one word of letters after a label (`the password is swordfish`, `password -> dragon`, `heslo je
  // drak`, `ο κωδικός είναι δράκος`), ending its clause, that is no word of a sentence (`incorrect`, `required`, `λάθος`).
  if (letters && (reading.word || (quoted && !reading.strict)))
    return (quoted || ends) && !TYPE_NAME.test(value) && !isSentenceWord(value, reading.english);
  // 65a-1: a number is a count when a unit follows (`12 characters`, `8 Zeichen`), the password when it ends its clause.
  if (!reading.strict && /^\d+$/.test(value)) return quoted || ends;
  if (PLAIN().test(value) || (reading.strict && !/\d/.test(value))) return false;
  // What the value is made of (`Base64-encoded`, `AES-256-encrypted`, 64a-9): a compound ending in a sentence's word.
  const last = /-(\p{L}+)$/u.exec(value);
  if (last && isProseWordAfterLabel(last[1], reading.english)) return false;
  return /\d/.test(value) || /[^\p{L}]/u.test(value) || (quoted && !reading.strict);
}

/** The value at `at` (after a label), its quotes, a tag, emphasis or a bracket taken off, as [start, word, quoted, group]. */
function valueAt(text: string, at: number): [number, string, boolean, number] | undefined {
  TAG.lastIndex = at;
  const from = TAG.test(text) ? TAG.lastIndex : at;
  const quoteForm = QUOTE();
  quoteForm.lastIndex = from;
  const quote = quoteForm.exec(text);
  if (quote && quotesPair(quote.groups!.open, quote.groups!.close))
    return [quote.index + quote.groups!.open.length, quote.groups!.q, true, 0];
  for (const mark of [EMPHASIS(), BRACKET]) {
    mark.lastIndex = from;
    const held = mark.exec(text);
    if (!held || (mark === BRACKET && PAIRS[held[1]] !== held[3])) continue;
    // A placeholder in its bracket (`{password}`, `[REDACTED]`, `(redacted)`) is none; 66a-3: a square bracket around a
    // word is no placeholder by itself (`[swordfish]`), only around a capitals' name (`[PASSWORD]`) or a placeholder.
    const shape = held[1] === '[' ? /^[A-Z][A-Z_-]+$/.test(held[2]) : isPlaceholder(held[0]);
    if (mark === BRACKET && (shape || isPlaceholder(held[2]) || LEFT_OUT.test(held[2]))) return undefined;
    return [held.index + held[1].length, held[2], true, 0];
  }
  const valueForm = VALUE();
  valueForm.lastIndex = from;
  const value = valueForm.exec(text);
  if (!value) return undefined;
  const index = value.findIndex((group, i) => i > 0 && group !== undefined);
  const quoted = index <= 3 || index === 5;
  return [value.index + (quoted ? 1 : 0), value[index], quoted, index];
}

/**
 * 70a-20: the verbs of languages whose sentence words isSentenceWord does not know (Bulgarian `е`, Latvian `ir`, Malay
 * `ialah`, Swahili `ni`, Vietnamese `là` after a network's key): a word of letters alone after them is a sentence's
 * (`Parole ir obligāta`, `mk wifi là gì`), a value wants a digit or a sign.
 */
const UNREAD_LANGUAGE_VERB = new RegExp(String.raw`[ \t](?:е|ir|ialah|ni|${MORE_VERBS})[ \t]*:?[ \t]+$`, 'u');
const UNREAD_NETWORK_VERB = /[ \t]là[ \t]*:?[ \t]+$/u;

/** Whether a label says a single word after it may be the value, and whether a value of words wants a digit. */
function readingOf(label: RegExpMatchArray, word: string): Omit<Reading, 'after'> {
  const groups = label.groups!;
  // English unless the label names the password in another language (`login admin:`, `username and password` are English).
  const english =
    groups.noun !== undefined
      ? /^(?:pass(?:word|wd|phrase|code)?|pwd?)$|(?:secret|key)$/i.test(groups.noun)
      : groups.foreign === undefined && !/wort|schl|contrase|senha|has|parola|heslo|adgang|senord|passord|ifre|пароль/i.test(label[0]);
  const below = label[0].includes('\n');
  const capitalised = /^\p{Lu}\p{Ll}/u.test(word);
  // A heading after an arrow or a dash (`Password — Requirements`); a key on the line below (`description:`), or a
  // capitalised word after a blank line (a heading); `notes: password reset`, `Wi-Fi: GuestNet / open`: a setting's words.
  const heading =
    (groups.arrow !== undefined && capitalised) ||
    (below && (/^[^\s]*:/.test(word) || (/\n[ \t]*\r?\n/.test(label[0]) && capitalised))) ||
    (groups.strict !== undefined && !/^(?:login|set|change|reset)|\bpwd?[ \t]+$/i.test(groups.strict)) ||
    groups.cell !== undefined ||
    // A `key` below a user's or a network's setting is a setting (`network: bridge` `key: certificate`); an SSID's is its Wi-Fi key.
    /^(?:user|login|network)[\s\S]*(?:key|psk)[ \t:=]*$/i.test(groups.login ?? '');
  const strict =
    groups.strict !== undefined ||
    groups.foreign !== undefined ||
    groups.login !== undefined ||
    groups.short !== undefined ||
    groups.cell !== undefined ||
    groups.arrow !== undefined ||
    below;
  const unread =
    (groups.foreign !== undefined && UNREAD_LANGUAGE_VERB.test(label[0])) ||
    (groups.network !== undefined && UNREAD_NETWORK_VERB.test(label[0]));
  return { strict, word: !heading && !unread, english, short: groups.short !== undefined };
}

/** 67a-18: a network's key label (`WLAN key:`, `SSID: Guest` then `Key:`), where `open` or `keine` says the network has none. */
const NETWORK_LOGIN_START = new RegExp(`^(?:${NETWORK_LOGIN})`, 'i');
const isNetworkKeyLabel = (label: RegExpMatchArray): boolean =>
  label.groups!.network !== undefined || NETWORK_LOGIN_START.test(label.groups!.login ?? '');

/** Where `text` holds such a value: each value's span. */
export function labelledPasswordSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  // 66a-4: a list of accounts names no password (`admin, backup, ops: X`), so the forms are read before the words below.
  for (const form of LABEL_FORMS) for (const label of text.matchAll(form.label)) formSpan(text, form, label, spans);
  if (
    !/pass|p[@4]ss|secret|log[ \t-]?[io]n|sign[ \t-]?[io]n|wort|woord|пароль|contrase|key|senha|has|salasana|parola|senord|ifre|ifrə|wi-?fi|wlan|wpa|wireless|network|netzwerk|r[ée]seau|cl[ée]|clave|ssid|schl|pw|login|heslo|adgangskode|كلمة|κωδικ|पासवर्ड|khẩu|sandi|laluan|رمز|گذرواژه|پاس|পাসওয়ার্ড|პაროლი|գաղտնաբառ|лозинк|парол|гасло|parole|pasahitza|contrasinal|nenosiri|lykilor|cyfrinair|fjal|pasvort|құпия|нууц|utente|identifiant/i.test(
      text,
    ) &&
    !mayHoldWorldPasswordWord(text)
  )
    return spans;
  for (const label of text.matchAll(LABEL())) {
    const found = valueAt(text, label.index! + label[0].length);
    if (!found) continue;
    const [start, word, quoted, group] = found;
    // 69a-16: a secret or a key is a word of much prose (`The secret is out`): read only for a value with a digit.
    if (/(?:secret|key)$/i.test(label.groups!.noun ?? '') && !/\d/.test(word)) continue;
    if (isNetworkKeyLabel(label) && saysOpenNetwork(word)) continue;
    const reading = readingOf(label, word);
    const after = text.slice(start + word.length + (quoted ? 1 : 0), start + word.length + 16);
    if (isPassword(word, quoted, { ...reading, after })) spans.push([start, start + word.length]);
    else if (group === PHRASE_GROUP) {
      // Words that are no passphrase: the first may still be a word ending its clause (`swordfish and the user is bob`).
      const first = /^\p{L}+/u.exec(word)![0];
      if (isPassword(first, false, { ...reading, after: text.slice(start + first.length, start + first.length + 16) }))
        spans.push([start, start + first.length]);
    }
  }
  for (const use of text.matchAll(USE_AS())) {
    const word = (use[1] ?? use[2] ?? use[3]).replace(/[.,;:!?]+$/, '').replace(/^["'`]|["'`]$/g, '');
    const start = use.index + use[0].indexOf(word);
    if (isPassword(word, false, { strict: use[1] === undefined, word: true, english: true, short: false, after: '' }))
      spans.push([start, start + word.length]);
  }
  for (const said of text.matchAll(HINDI())) {
    const start = said.index + said[0].indexOf(said[1]);
    if (isPassword(said[1], false, { strict: true, word: true, english: false, short: false, after: '' }))
      spans.push([start, start + said[1].length]);
  }
  return spans;
}

/** 66a-1 to 66a-4: the value a form of password-label-forms.ts reads (its group `v`, else after the label), if a password. */
function formSpan(text: string, form: LabelForm, label: RegExpMatchArray, spans: Array<[number, number]>): void {
  const held = label.groups?.v;
  const at = label.index! + label[0].length;
  const found: ReturnType<typeof valueAt> =
    held === undefined ? valueAt(text, at) : [label.index! + label[0].indexOf(held), held.trimEnd(), false, 0];
  if (!found || formRulesOut(form, found[1], label)) return;
  const [start, word, quoted] = found;
  const end = start + word.length + (quoted ? 1 : 0);
  if (form.comma && text[end] !== ',' && !word.endsWith(',')) return;
  // A line of lower-case words below a label is judged as a passphrase (`purple monkey dishwasher lamp`).
  const strict = form.strict && !(isBelow(form) && /[ \t]/.test(word));
  // A held value ends its clause by its form (`Enter X when asked`); a German verb's particle ends one (`Melde dich mit admin:X an`).
  const after = held === undefined ? text.slice(end, end + 16).replace(/^[ \t]+(?:an|ein)(?=[ \t]*(?:$|[\r\n.,;!]))/iu, '') : '';
  const reading = { strict, word: form.word, english: true, short: false, after };
  const kept = quoted ? word : word.replace(/[.,;:!?)\]]+$/, '');
  if (isPassword(word, quoted, reading)) spans.push([start, start + kept.length]);
}
