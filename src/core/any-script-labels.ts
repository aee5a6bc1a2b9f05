import { IN_FOREIGN_SECRET, namesForeignSecret } from './foreign-secret-words';
import { looksGenerated } from './generated-runs';
import { atFirstUse } from './lazy-regexp';
import { hasPasswordMix } from './password-mix';
import { isPlaceholder } from './placeholders';

/**
 * Round 78 (78a-1, 78a-11): a line that is a label in any language, a colon and a value: `Парол: X`, `合言葉: X`,
 * `kalimat al-murur: X`, `暗証番号: 48213977`, and the label with a short qualifier before its colon, in any language
 * (`Пароль від Wi-Fi: X`, `Password (prod): X`), or a login's credentials then `account / password` (`Учётные данные:
 * admin / X`, `ログイン情報: admin / X`). The readers of `key: value` lines take ASCII keys and the prose readers each
 * language's own forms; here the label is any name foreign-secret-words.ts knows (namesForeignSecret, any script or
 * romanisation), so the next language's word is one more row of world-password-words.ts, not one more form. The value
 * alone ends the line and has a password's shape (a mix of character classes, a generated look, a PIN's digits after a
 * PIN's name), so a rule or an error after the label (`Пароль: не менее 8 символов`, `密码：必填`) stays prose.
 */
export const ANY_SCRIPT_LABEL =
  'a password after its label in any language, maybe with a short qualifier before the colon (`Парол: …`, `合言葉: …`, `kalimat al-murur: …`, `Пароль від Wi-Fi: …`, `Учётные данные: admin / …`)';

/** The longest label read: a name, a qualifier and the list marks or emphasis before it. */
const MAX_LABEL = 64;
/** A line's marks before its label (a list's bullet, a quote, a heading, a table's bar) and emphasis. */
const LEAD = /^[ \t]*(?:[-*+>|#•][ \t]*)*[*_]{0,2}/;
/** A qualifier in brackets at the label's end (`(prod)`, `[eu]`, `（本番）`, `【prod】`, `「prod」`). */
const BRACKETED = /[ \t]*[([{（【「<⟨][^()[\]{}（）【】「」<>⟨⟩]{1,32}[)\]}）】」>⟩][ \t]*$/u;
/**
 * A qualifier after the name: a short word (a preposition or a particle in any language: `for`, `від`, `для`, `für`,
 * `de`, `ng`) and one or two words (`Wi-Fi`, `root`, `the NAS`). A longer first word is the label's own (`policy`,
 * `length`: a rule's name, whose value says the rule).
 */
const QUALIFIER = atFirstUse(() => /^\p{L}{1,4}(?:[ \t]+[^\s:：=]{1,24}){1,2}$/u);
/** A PIN's name (`暗証番号`, `PIN`, `пин-код`): its value may be digits only. */
const PIN_NAME = atFirstUse(() => /(?:暗証番号|(?<!\p{L})(?:pin|пин)(?:[\s_-]?(?:code|код|kod))?)$/iu);
/**
 * A login's credentials named in other languages than English (the author's knowledge of the languages, as
 * foreign-secret-words.ts's): German `Zugang`, `Zugangsdaten`, `Anmeldedaten`; French `Identifiants`; Spanish, Italian,
 * Portuguese `Credenciales`, `Credenziali`, `Credenciais`, `Acceso`; Dutch `Inloggegevens`; Polish `Dane logowania`;
 * Russian `Учётные данные`, `Данные для входа`; Ukrainian `Облікові дані`; Japanese `ログイン情報`, `認証情報`; Chinese
 * `登录信息`, `登錄資訊`, `凭据`, `憑證`; Korean `로그인 정보`; and English `Credentials`, `Login`.
 */
const CREDENTIALS_NAME = atFirstUse(
  () =>
    /^(?:credentials?|creds|login|zugang|zugangsdaten|anmeldedaten|identifiants|credenciales|credenziali|credenciais|acceso|accesso|acesso|inloggegevens|dane[ \t]+logowania|уч[её]тные[ \t]+данные|данные[ \t]+для[ \t]+входа|облікові[ \t]+дані|ログイン情報|認証情報|登录信息|登錄資訊|登录凭据|凭据|憑證|로그인[ \t]?정보)$/iu,
);
/** A value: one word, maybe quoted; or after a credentials' name the account, a slash, the password. */
const QUOTES = /^["'`«„“「『]|["'`»“”」』]$/g;
const ACCOUNT_THEN_PASSWORD = /^[\w.@-]{1,32}[ \t]*\/[ \t]*(\S{1,64})$/;
/** A path's end: a slash with no blank around it, then a file's name with a letters-only extension (`admin/README.md`). */
const PATH_FILE = /^[\w.@-]{1,32}\/[\w-]+\.[A-Za-z]{1,4}$/;

/** A cheap test that a text in ASCII may hold such a label: a foreign word's clue or a credentials' name. */
const ASCII_CLUE = atFirstUse(() => new RegExp(`${IN_FOREIGN_SECRET}|cred|login|zugang|identifiant|acces|inlog`, 'i'));

type Label = 'password' | 'pin' | 'credentials';

/** What `label` names (a password, a PIN, a login's credentials), maybe with a qualifier after the name; undefined if none. */
function labelKind(label: string): Label | undefined {
  const text = label.replace(BRACKETED, '').trim();
  if (text.length === 0) return undefined;
  if (CREDENTIALS_NAME().test(text)) return 'credentials';
  const words = text.split(/[ \t]+/);
  for (let n = 1; n <= Math.min(words.length, 4); n++) {
    const name = words.slice(0, n).join(' ');
    const rest = words.slice(n).join(' ');
    if ((rest === '' || QUALIFIER().test(rest)) && namesForeignSecret(name)) return PIN_NAME().test(name) ? 'pin' : 'password';
  }
  return undefined;
}

/** Whether `value` has a password's shape (see above): one printable word, no reference, placeholder, path or version. */
function isPasswordShaped(value: string, kind: Label): boolean {
  if (!/^[\x21-\x7e]{4,64}$/.test(value) || isPlaceholder(value) || /^[$<{%/~.]|:\/\//.test(value)) return false;
  if (kind === 'pin') return /^\d{4,12}$/.test(value) || hasPasswordMix(value, 6);
  return value.length >= 6 && (hasPasswordMix(value, 6) || looksGenerated(value));
}

/** Where the lines of `text` give a password after a label in any language (ANY_SCRIPT_LABEL), as [start, end]. */
export function anyScriptLabelSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  // The clue's words are written without separators (`kalmarsirri`): so is the text it is looked for in.
  if (!/[:：]/.test(text) || !(/[^\t-~]/.test(text) || ASCII_CLUE().test(text.replace(/[ \t_.-]+/g, '')))) return spans;
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end).replace(/\r$/, '');
    const lead = LEAD.exec(line)![0].length;
    const colon = line.slice(lead, lead + MAX_LABEL).search(/[:：]/);
    if (colon > 0) {
      const kind = labelKind(line.slice(lead, lead + colon).replace(/[*_]{1,2}$/, ''));
      const raw = line.slice(lead + colon + 1).trim();
      const value = kind === 'credentials' ? ACCOUNT_THEN_PASSWORD.exec(raw)?.[1] : kind && raw;
      // `admin/README.md`: a slash with no blank and then a file's name is a path, not an account and its password (attack71-leak71b).
      if (kind === 'credentials' && value !== undefined && PATH_FILE.test(raw)) {
        start = end + 1;
        continue;
      }
      const bare = value?.replace(QUOTES, '').replace(/[.;,。]$/, '');
      if (kind && bare && isPasswordShaped(bare, kind)) {
        const at = start + line.lastIndexOf(bare);
        spans.push([at, at + bare.length]);
      }
    }
    start = end + 1;
  }
  return spans;
}
