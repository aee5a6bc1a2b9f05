import { FOREIGN_SECRET_IN_TEXT, NON_LATIN_SECRET } from './foreign-secret-words';
import { looksGeneratedRun } from './generated-runs';
import { isAnyPasswordHash } from './password-hashes';
import { atFirstUse } from './lazy-regexp';

/**
 * Round 62 (62a-3): a password in prose that the general reader of secret words (secret-word-lines.ts) leaves, because its
 * label is not one of its names (`the wifi key is X`, `WLAN key: X`, `X <- root pw`) or its value is 10 or 11 characters
 * (`X is the root pw`, `db pass X`, `Password for root is X`, `mot de passe : X`, `密码：X`), or the label is an account and a slash
 * (`admin / X`, as a password manager or a ticket writes a login). The guard is the value: one run of 10 to 64 letters and
 * digits that looks generated (generated-runs.ts looksGeneratedRun: letters and digits interleaved), not all hex (an id or
 * digest); so `see the admin / ops guide`, `WLAN key: see the vault`, `the key is rotated monthly` are no secret, and
 * `key: value` settings name no label here (a bare `key` is none). The value stands within 48 characters of the label, on
 * its line, before or after it.
 */

/** What such a value is called in findings. */
export const PROSE_CREDENTIAL =
  'a password in prose beside its label (`wifi key`, `WLAN key`, `root pw`, `password for root`, `admin / …`, `root@pam …`, in any of several languages)';

/**
 * A label naming a password without the word `password` alone: a network's key, an account's `pw`, the password of an
 * account, and the password's name in other languages (foreign-secret-words.ts holds more; these are the 10-character cases).
 */
const LABEL = atFirstUse(
  () =>
    new RegExp(
      [
        String.raw`(?:wi[\s_-]?fi|wlan|wpa2?|wireless|network|ssid)[\s_-]?(?:key|pass(?:word|phrase)?|pw|psk)`,
        String.raw`(?:root|admin(?:istrator)?|sudo|superuser)(?:'s)?[\s_-]?(?:pw|pwd|passwd|password|pass)`,
        String.raw`pass(?:word|wd)?[ \t]+(?:for|of)[ \t]+(?:the[ \t]+)?(?:root|admin(?:istrator)?|sudo|superuser)`,
        // 77a-11: any name before the short `pass` or `pw`, as a note says whose it is (`db pass X`, `ilo pass X`, `vpn pw X`).
        // A blank before it: `auth-pass` is a directive's name (Redis Sentinel's own sample stays a sample in a comment).
        String.raw`(?<![\p{L}\p{N}_.-])[\p{L}\p{N}][\p{L}\p{N}.-]{0,31}[ \t](?:pw|pwd|passwd|pass)(?![\p{L}\p{N}_-])`,
        // `Username admin, password X`: the account named before its password.
        String.raw`(?:user(?:name)?|login)[ \t:=]+[\w.-]{1,32}[ \t]*[,;][ \t]*pass(?:word|wd)?`,
        // 72b-1: `Sign in: username "admin", then "X"`, quoted with backticks too: the account, its password next.
        String.raw`(?:user(?:name)?|login)[ \t:=]+[\x60'"]?[\w.-]{1,32}[\x60'"]?[ \t]*[,;]?[ \t]*then`,
        String.raw`mot[\s\u00a0\u202f_-]+de[\s\u00a0\u202f_-]+passe|passwort|contrase[nñ]a|senha|пароль|密码|密碼|口令|パスワード|비밀번호|[sş]ifre(?:si)?|l[oö]senord(?:et)?`,
        // 72b-2: every word of the tables of other languages' secret words (foreign-secret-words.ts: `Kennwort`, `parola
        // d'ordine`, `hasło` as written, Persian `رمز عبور`), a German compound's last part too (`Standard-Kennwort`).
        String.raw`kennwort|has[łl]o|(?<!\p{L})(?:${FOREIGN_SECRET_IN_TEXT})|${NON_LATIN_SECRET}`,
      ].join('|'),
      'giu',
    ),
);
/** A word of the text (a candidate value, its quotes and closing punctuation taken off by `core`). */
const RUN = /[^\s"'`()<>[\]{},;:=\uff1a\u2192]{10,80}/g;
/**
 * An account, a slash, a value (`admin / X`, `root/X`, `deploy / X`, `Wi-Fi: HomeNet / X`): a known account name, or
 * any name with blanks around the slash (63a-3). Without blanks, the pair is its line's whole content (63a-14: a
 * branch `admin/feat2x3ui4` or an image `root/ub22x04lts` in a sentence is a path).
 */
const ACCOUNT = 'root|admin(?:istrator)?|superuser|sa|postgres|elastic|ubuntu|pi|guest|operator';
// 71a-21: a known account's pair is also written `admin | X`, `admin + X`, `admin, X` (a table's cells, a list).
const ACCOUNT_PAIR = new RegExp(String.raw`(?<![\w./-])(?:(${ACCOUNT})[ \t]*[/|+,][ \t]*|[\w.-]{2,32}[ \t]+\/[ \t]+)(\S{10,64})`, 'dgi');
/**
 * What may stand before a pair glued to its account on its line: nothing, a `label:`, or a login named (71a-21:
 * `Default login for the switch is admin/X`, `Portainer login admin, X`).
 */
const GLUED_PAIR_HEAD =
  /^(?:[ \t]*|.*:[ \t]+|.*\b(?:logins?|credentials?|creds)\b.*[ \t](?:is|are|=)[ \t]+|.*\b(?:logins?|credentials?|creds)[ \t]+)$/i;
/**
 * Round 70 (70a-5): a known account, maybe with its realm or host (`root@pam`, `ubuntu@k3s-1`), a blank, then a value
 * ending its line, as a runbook notes a login (`iDRAC k3s-1: root X`, `ilo Administrator X`, `Proxmox root@pam X`).
 * Without a slash or a label only a value with no `-`, `_` or `.` counts (a host, a pod or a file named after an
 * account is none: `ssh root k3s-node-01`, `admin deployment-7f9c8d6b5`, nor a name with a generated suffix), judged
 * as any other value (isValue).
 */
const BLANK_PAIR = new RegExp(String.raw`(?<![\w./@-])(?:${ACCOUNT})(?:@[\w.-]{1,64})?[ \t]+(\S{10,64})`, 'dgi');
/**
 * Round 73 (72b-1): what a runbook says to give at a prompt, then the value as the next word (`When it asks, type X and
 * press Enter`, `sudo will ask; answer X`, `cryptsetup open /dev/sdb data  # enter: X`, `Unlock the vault using the phrase
 * X`), and a login then the value alone on the next line (`Login: admin` then `X`). Judged as any other value (isValue):
 * `type your password`, `enter: see KeePass` name none. A colon or blanks between, each read one way (linear).
 * 74a-26: the verb in other languages too (Italian `Digita X al prompt della password`, German `Gib X ein`, French
 * `Tapez X`, Spanish `Escribe X`, Portuguese `Digite X`, Dutch `Typ X`).
 */
const PROMPT_VERBS = String.raw`digita|digite|inserisci|immetti|scrivi|tippe|tippen|gib|tapez|tape|saisissez|saisir|entrez|escribe|escriba|introduce|introduzca|ingresa|ingrese|teclea|insira|typ`;
const PROMPT_ANSWER = atFirstUse(
  () =>
    new RegExp(
      String.raw`(?<![\p{L}\d_-])(?:type|enter|answer|reply|(?:pass)?phrase|${PROMPT_VERBS})(?:[ \t]*:[ \t]*|[ \t]+)[\x60'"]?(\S{10,64})`,
      'dgiu',
    ),
);
/**
 * 74a-26: a login's name in other languages, as a runbook labels it (German `Benutzer`/`Benutzername`/`Anmeldename`,
 * French `utilisateur`/`identifiant`, Spanish `usuario`, Italian `utente`/`nome utente`, Portuguese `usuário`, Dutch
 * `gebruiker`/`gebruikersnaam`, Swedish `användare`, Polish `użytkownik`, Turkish `kullanıcı`); and the value on the next
 * line or after one blank line (`Login: admin`, a blank line, `X`).
 */
const LOGIN_WORDS = String.raw`user(?:name)?|login|(?:be)?nutzer(?:name)?|anmeldename|utilisateur|identifiant|usuari[oa]|usu(?:á|a)rio|(?:nome[ \t]+)?utente|gebruiker(?:snaam)?|anv(?:ä|a)ndare|u(?:ż|z)ytkownik|kullan(?:ı|i)c(?:ı|i)`;
const LOGIN_THEN_LINE = new RegExp(
  String.raw`^[ \t]*(?:${LOGIN_WORDS})[ \t]*[:=][ \t]*[\w.@-]{1,32}[ \t]*\r?\n(?:[ \t]*\r?\n)?[ \t]*[\x60'"]?(\S{10,64})[ \t]*\r?$`,
  'dgimu',
);
/** A lower-case name and a hex or digit suffix (`traefik7d9f8c6b5`): an object's generated name, no password. */
const NAME_AND_SUFFIX = /^[a-z]{3,}[0-9a-f]{6,}$/;
/** How far a value may stand from its label: before it, and after it (`The root password, which …, is X`, 63a-3). */
const NEAR = 48;
const NEAR_AFTER = 120;
const HEX = /^[0-9a-f]+$/i;

/** A word without its quotes or brackets and a sentence's closing punctuation. */
const core = (word: string): string => word.replace(/^["'`(]+/, '').replace(/["'`).,;!?]+$/, '');
/**
 * A value: a generated-looking run of letters and digits (maybe with `-` or `_` inside: `xK9m-Q2vL-7pZr`), or a
 * person's password of upper and lower case letters, digits and a symbol (`Tr0ub4dor&3xQ`, 63a-1). Not a hex id, a
 * path, a URL, an assignment or a hash's `$id$salt$…`.
 */
function isValue(word: string): boolean {
  if (word.length < 10 || word.length > 64 || /[/\\:=]|^\$/.test(word)) return false;
  // Pieces joined by `-` or `_` hold a digit (`xK9m-Q2vL-7pZr`); a dotted word is a name (`traefik.values.extraObjects`).
  const run = word.replace(/[-_]/g, '');
  if (/^[A-Za-z0-9]+$/.test(run)) return !HEX.test(run) && looksGeneratedRun(run) && (run === word || /\d/.test(run));
  return /[a-z]/.test(word) && /[A-Z]/.test(word) && /\d/.test(word) && !/\$.*\$/.test(word);
}
/** What ends a word of prose: a blank, a quote or bracket, a separator of a label and its value. */
const WORD_END = /[\s"'`()<>[\]{},;:=\uff1a\u2192]/;

/** The word around `text[from, to)`, without a sentence's closing punctuation. */
function wordAt(text: string, from: number, to: number): string {
  let start = from;
  let end = to;
  while (start > 0 && from - start < 256 && !WORD_END.test(text.charAt(start - 1))) start--;
  while (end < text.length && end - to < 256 && !WORD_END.test(text.charAt(end))) end++;
  return text.slice(start, end).replace(/[.!?]+$/, '');
}

/** A character inside a word (RUN's). */
const IN_WORD = /[^\s"'`()<>[\]{},;:=\uff1a\u2192]/;
/** Where `at`'s line starts, or `at - max` (a bounded look back: a long line with many labels stays linear). */
function lineStartNear(text: string, at: number, max: number): number {
  const from = Math.max(0, at - max);
  return from + text.slice(from, at).lastIndexOf('\n') + 1;
}
/** Where `at`'s line ends, or `at + max`. */
function lineEndNear(text: string, at: number, max: number): number {
  const newline = text.slice(at, at + max).indexOf('\n');
  return newline < 0 ? Math.min(text.length, at + max) : at + newline;
}

/**
 * Whether the blank-delimited word around `text[from, to)` is a well-formed password hash (64a-11: OpenLDAP's
 * `olcRootPW: {SSHA}…`, slapd.conf's `rootpw {SSHA}…`, as slappasswd writes them): a hash, no password said in prose.
 */
function inPasswordHash(text: string, from: number, to: number): boolean {
  let [start, end] = [from, to];
  while (start > 0 && from - start < 256 && !/\s/.test(text.charAt(start - 1))) start--;
  while (end < text.length && end - to < 256 && !/\s/.test(text.charAt(end))) end++;
  const word = text
    .slice(start, end)
    .replace(/^["'`]+/, '')
    .replace(/["'`),;]+$/, ''); // as a YAML or JSON text quotes it
  return word.startsWith('{') && isAnyPasswordHash(word);
}

/** Where `text` holds such a value: each value's span. */
export function proseCredentialSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!/\S{10}/.test(text)) return spans;
  for (const label of text.matchAll(LABEL())) {
    const from = label.index!;
    const to = from + label[0].length;
    // Its line, cut to NEAR characters either side.
    const lineStart = lineStartNear(text, from, NEAR);
    const lineEnd = lineEndNear(text, to, NEAR_AFTER);
    for (const [start, end] of [
      [lineStart, from],
      [to, lineEnd],
    ]) {
      const part = text.slice(start, end);
      for (const run of part.matchAll(RUN)) {
        // A run cut by the window's edge is part of a longer word: not this value.
        const at = start + run.index!;
        const after = at + run[0].length;
        if ((at === start && IN_WORD.test(text.charAt(at - 1))) || (after === end && IN_WORD.test(text.charAt(after)))) continue;
        // The run is the whole word (a hash's `$6$salt$…` or a path's piece is not a value said in prose).
        const value = core(run[0]);
        const from = at + run[0].indexOf(value);
        if (
          value &&
          isValue(value) &&
          wordAt(text, from, from + value.length) === value &&
          !inPasswordHash(text, from, from + value.length)
        )
          spans.push([from, from + value.length]);
      }
    }
  }
  for (const pair of text.matchAll(ACCOUNT_PAIR)) {
    const value = core(pair[2]);
    const start = pair.indices![2][0] + pair[2].indexOf(value);
    const end = start + value.length;
    const lineStart = lineStartNear(text, pair.index, 256);
    const rest = text.slice(end, lineEndNear(text, end, 256));
    // Glued to its account, the pair is its line's whole content (after a `label:` maybe); a name's value followed by
    // a sentence (`admin / Grafana10x2 dashboards are read-only`) is the subject of that sentence.
    const glued = !/[ \t][/|+,]/.test(pair[0]);
    if (glued && !(GLUED_PAIR_HEAD.test(text.slice(lineStart, pair.index)) && /^["'`).,;!?]*[ \t]*$/.test(rest))) continue;
    if (/^[A-Z][a-z]{3}/.test(value) && /^[ \t]+[a-z]+[ \t]+[a-z]/.test(rest)) continue;
    if (isValue(value)) spans.push([start, end]);
  }
  for (const answer of [...text.matchAll(PROMPT_ANSWER()), ...text.matchAll(LOGIN_THEN_LINE)]) {
    const value = core(answer[1]);
    const start = answer.indices![1][0] + answer[1].indexOf(value);
    if (isValue(value) && wordAt(text, start, start + value.length) === value) spans.push([start, start + value.length]);
  }
  for (const pair of text.matchAll(BLANK_PAIR)) {
    const value = core(pair[1]);
    const start = pair.indices![1][0] + pair[1].indexOf(value);
    const end = start + value.length;
    if (/[-_.]/.test(value) || NAME_AND_SUFFIX.test(value)) continue;
    if (!/^["'`).,;!?]*[ \t]*\r?$/.test(text.slice(end, lineEndNear(text, end, 256)))) continue;
    if (isValue(value)) spans.push([start, end]);
  }
  return spans;
}
