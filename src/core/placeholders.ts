import { isEncryptedValue } from './encrypted-values';
import { foldLetters } from './folded-letters';

/**
 * Values that stand in for a secret someone fills in later, written where the secret goes (attack round 43a-13):
 * - a mask, a run of `*` or `•` (`password: '********'`, as a UI or a redacted example shows one);
 * - a placeholder in angle brackets, of words (`<your-password>`, `<API_TOKEN>`, `<db password>`);
 * - a format string's field, as Python's `str.format` and `%` operator name them (`{password}`, `{cfg.password}`,
 *   `{0}`, `%(password)s`: docs.python.org/3/library/string.html#format-string-syntax, "printf-style String
 *   Formatting"), also .NET's `String.Format` (`{0}`) and Rust's `format!` (`{password}`): filled in when the program
 *   runs, as a `${P}` substitution is (secrets-text.ts isReference); a C or shell printf conversion too (`%s`, `%-12s`,
 *   `%q`, then maybe the `\n` a format line ends with: `printf 'password=%s\n' "$PW" > app.conf`, false47).
 * Words of any Latin letters (`<tu-contraseña>`, read in ASCII: folded-letters.ts, 51a-12).
 * - an ellipsis (`...`, `…`), a name that says to put your own there (`YOUR_TOKEN`, `your-api-key`, `YOUR_TOKEN_HERE`),
 *   each maybe after an HTTP auth scheme (`Bearer <token>`, `Bearer YOUR_TOKEN`, `Bearer ...`: 51a-11).
 * - documentation's stand-ins (52a-18): a run of `x` (`xxxxxxxx`, `XXXX-XXXX`), words in square brackets (`[REDACTED]`,
 *   `[your password]`), `REPLACE_ME`, `changeme`, `change-me`, `CHANGE_ME_IN_PROD` (also `fill-me-in`,
 *   `replace-with-your-password`; not Java's `changeit`, a keystore's real default password);
 * - a note naming the file that holds it (`<from /etc/wireguard/privatekey>`, FILE_NOTE below).
 * - a value encrypted to be committed: a sops ciphertext, an Ansible Vault text (encrypted-values.ts).
 * - 68a-19: a name that says to put the value here, as WordPress' wp-config-sample.php writes them (github.com/WordPress/
 *   WordPress, wp-config-sample.php: `define( 'DB_PASSWORD', 'password_here' )`, `'put your unique phrase here'`).
 * - 71a-22: the rest of the common stand-ins: `PLACEHOLDER`, `SET_ME`, `not-a-real-password`, a word in a token-replacement
 *   tool's delimiters (`__DB_PASSWORD__`, `__REPLACE__`, `@@DB_PASSWORD@@`, `<<PASSWORD>>`), a mask of `●` (U+25CF, as a
 *   password field draws it) and a word between masks (`***REDACTED***`).
 * Words only: a digit in a word (`<Zq9xW7>`, `{hunter2}`, `changeme2024!`) or a word over 64 characters makes it a value
 * again.
 */
const MASK = /^(?:\*{3,64}|•{3,64}|●{3,64}|[xX]{3,64}(?:[-_ .:][xX]{2,64}){0,7}|\*{2,8}[A-Za-z]{1,32}(?:[-_ ][A-Za-z]{1,32}){0,3}\*{2,8})$/;
/** A word in a token-replacement tool's delimiters (71a-22): the tool writes the value there when it deploys. */
const DELIMITED =
  /^(?:__[A-Za-z]{1,32}(?:_[A-Za-z]{1,32}){0,7}__|@@[A-Za-z]{1,32}(?:_[A-Za-z]{1,32}){0,7}@@|<<[A-Za-z]{1,32}(?:[-_ ][A-Za-z]{1,32}){0,7}>>)$/;
const WORDS = String.raw`[A-Za-z]{1,64}(?:[-_ .][A-Za-z]{1,64}){0,7}`;
const ANGLE = new RegExp(`^<${WORDS}>$`);
const BRACKETS = new RegExp(`^\\[${WORDS}\\]$`);
const FORMAT_FIELD =
  /^(?:\{(?:\d{1,2}|[A-Za-z_]{1,64}(?:\.[A-Za-z_]{1,64}){0,3})(?:![rsa])?\}|%\([A-Za-z_]{1,64}\)[sr]|%-?\d{0,3}[sqbdv](?:\\[rnt]){0,2})$/;

/**
 * A printf format's conversion, maybe quoted, then the escape that ends its line (48a-13: `printf
 * 'password=%s\nuser=%s\n' "$P" "$U"`, `printf 'DB_PASSWORD="%s"\n' "$P"`): what follows is the format's next line.
 */
/** An ellipsis, or a name that says whose value goes there (`YOUR_TOKEN`, `your-api-key-here`): words of letters only. */
// Not `my-…`: `my-secret-password` is the weak password itself, as `super-secret-key` is.
const FILL_IN =
  /^(?:\.{3,64}|…|placeholder|not[-_ ]a[-_ ]real(?:[-_ ][A-Za-z]{1,32}){1,3}|your(?:[-_ ][A-Za-z]{1,32}){1,6}|(?:change|replace|fill|set)[-_ ]?(?:me|this)(?:[-_ ][A-Za-z]{1,32}){0,6}|replace[-_ ]with(?:[-_ ][A-Za-z]{1,32}){1,6}|[A-Za-z]{1,32}(?:_[A-Za-z]{1,32}){0,5}_here|(?:put|enter|insert|paste)(?: [A-Za-z]{1,32}){1,5} here)$/i;
/**
 * 73b-5: a note in angle brackets or parentheses that names the file holding the value (`<from /etc/wireguard/privatekey>`,
 * `<contents of /etc/wireguard/privatekey>`, `(see /etc/wireguard/privatekey)`): words of letters, then an absolute or
 * home path whose pieces are names (letters, `.`, `_`, `-`, at most two digits each), so a generated run is no piece of it.
 */
const PATH_PIECE = String.raw`[A-Za-z._-]{0,63}(?:\d[A-Za-z._-]{0,63}){0,2}`;
const FILE_NOTE = new RegExp(
  String.raw`^(?:<(?:[A-Za-z]{1,32} ){1,4}(?:~|/${PATH_PIECE})(?:/${PATH_PIECE}){0,15}>|\((?:[A-Za-z]{1,32} ){1,4}(?:~|/${PATH_PIECE})(?:/${PATH_PIECE}){0,15}\))$`,
);
/** An HTTP auth scheme before a placeholder (`Bearer <token>`). */
const SCHEME = /^(?:Bearer|Basic|Token|Digest)[ \t]+(?=\S)/;

/**
 * 64a-9: a note that no value is given here, as a form or a runbook writes one (`Password: N/A`, `password: TBD`,
 * `Password: hidden`, `[REDACTED]` above): what stands in place of the secret, as `none` does (secrets-keys.ts PLAIN_WORD);
 * 67a-16: the same in brackets (`Password: (none)`, `(empty)`, `(blank)`, `(n/a)`) or a lone dash (`Password: -`), a table's empty cell.
 */
const NOT_GIVEN =
  /^(?:n\/a|tbd|tba|todo|hidden|redacted|omitted|removed|unset|not[ _-]set|not[ _-]applicable|to[ _-]be[ _-](?:defined|determined|set))\.?$|^\((?:none|empty|blank|nil|null|n\/a|not[ _-]set|unset|no[ _-]password)\)$|^(?:-{1,3}|—|–)$/i;

const PRINTF_LINE_HEAD = /^(["']?)%-?\d{0,3}[sqbdv]\1\\[rnt]/;

/**
 * 69a-8: the end of inline code, then the sentence it stands in (``Set `password: <your-password>` in values.yaml.``):
 * what a line reader takes as the value is the placeholder, the closing backtick and words. Words of letters only, no
 * `=` or `:` (which would set a value of their own).
 */
const CODE_SPAN_TAIL = /^([^`\s]{1,600})`(?:[ \t]+[A-Za-z][A-Za-z ,.;'!?()/-]{0,200})?$/;

/** Whether `value` (trimmed) is a mask, a placeholder or a format field (above). */
export const isPlaceholder = (value: string): boolean => {
  const trimmed = value.trim().replace(SCHEME, '');
  const v = CODE_SPAN_TAIL.exec(trimmed)?.[1] ?? trimmed;
  return (
    (v.length <= 600 &&
      (MASK.test(v) ||
        ANGLE.test(foldLetters(v)) ||
        BRACKETS.test(foldLetters(v)) ||
        FILL_IN.test(v) ||
        FILE_NOTE.test(v) ||
        DELIMITED.test(v) ||
        NOT_GIVEN.test(v) ||
        FORMAT_FIELD.test(v) ||
        PRINTF_LINE_HEAD.test(v))) ||
    isEncryptedValue(v)
  );
};

/**
 * A placeholder then a comment of words, as an example env file writes one (`DB_PASSWORD=changeme  # replace before use`,
 * 52a-18): the placeholder, or undefined. A comment of anything but words (`changeme # Qz7v…`, a digit) leaves the value whole.
 */
export function placeholderBeforeNote(value: string): string | undefined {
  const note = /^(\S+)[ \t]+#+[ \t]*([A-Za-z][A-Za-z ,.;:'!?()-]{0,200})$/.exec(value.trim());
  return note && isPlaceholder(note[1]) ? note[1] : undefined;
}

/**
 * An assigned value's word (secrets-text.ts assignedSecret): up to a blank, `;` or `&`. A placeholder of words or a
 * template's variable that ends its line is read whole (`DB_PASSWORD=<insert password here>`, `<%= @password %>`,
 * 71a-22), as an env file's reader takes it, to be judged as one; so is a key type then base64 from `AAAA` (80a-21:
 * `SSH_AUTHORIZED_KEY=ssh-ed25519 AAAA… ops@example.com`), which ssh-public-keys.ts then tells from a key type and a password.
 */
export const ASSIGNED_WORD =
  /(?:<[A-Za-z][A-Za-z .-]{0,126}>|<%=?[ \t]*[@$][A-Za-z_]\w{0,63}[ \t]*-?%>|(?:ssh|ecdsa|sk)-[\w@.-]{1,60}[ \t]AAAA[A-Za-z0-9+/]{16,8192}={0,2}(?:[ \t][^\n]{0,256})?)(?=[ \t]*(?:\r?\n|$))|[^\s;&]*/y;
