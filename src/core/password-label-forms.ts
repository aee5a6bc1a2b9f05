/**
 * Round 66 (66a-1 to 66a-4): more ways a note says a password than labelled-password-values.ts's LABEL reads, each a
 * label and how its value is read (labelled-password-values.ts judges the value with the same isPassword):
 * - 66a-1: a line that is only a label (`Password:`, `## Password`, `**Password**`, `DB_PASSWORD`, `Password (for root):`),
 *   maybe an underline or blank lines, then the value alone on its line (`hunter2`, a passphrase, a definition list's
 *   `: hunter2x`). A sentence there (`The password is stored in Vault.`), a YAML key (`description: …`) or a capitalised
 *   word under a heading without a colon (`## Password` `Overview`) is none.
 * - 66a-2: `set|change|update … password … to X`, `Password changed to X`, `use|enter X as|for … password`, German and
 *   Spanish (`Setze das Passwort auf X`, `Usa X como contraseña`, `Verwende X als Passwort`), `Sign in with admin:X`,
 *   `Default credentials are admin/X`, `The default password (X)`.
 * - 66a-3: `The password you need is X`, `The password's X`, `The password? X`, `The password is... X`, `The root password,
 *   X, must …`, `with password X`, `passwd X`, `Password | X`, `<b>Password</b>: X`, `__Password__ — X`, `Password ....
 *   X`, typed wrong (`pass word`, `p@ssword`, `passw0rd`).
 * - 66a-4: a password for several accounts (`For admin, backup and ops: X`, `Login for admin and ops: X`, `Accounts
 *   admin, ops => X`, `admin, backup, ops: X`).
 * Each pattern is a label alone (the value is read after it, sticky) or holds the value as group `v`; no two adjacent
 * runs of it match the same characters, so each is linear on hostile input.
 */

import { saysOpenNetwork } from './open-network-words';

/** How a form's value is read (see labelled-password-values.ts Reading). */
export interface LabelForm {
  /** The label; a match's end is where the value starts, or its group `v` is the value. */
  readonly label: RegExp;
  /** A value of words wants a digit or a symbol. */
  readonly strict: boolean;
  /** A single word of letters ending its clause may be the value. */
  readonly word: boolean;
  /** The value must end its clause with a comma (`The root password, X, must …`). */
  readonly comma?: boolean;
  /** A list of accounts: a word of letters must be lower-case and six letters at least, a file's or host's name is none. */
  readonly account?: boolean;
  /** An account, `and`, its password: a provider's name (`Sign in with GitHub and Google`), an account or a verb is none. */
  readonly paired?: boolean;
  /** A network's key: a word saying the network is open (`Wi-Fi: GuestNet / open`) is none. */
  readonly network?: boolean;
}

/**
 * A password's English name, and the typed-wrong ones a sentence's verb makes plain (`pass word is`, `p@ssword`). 71a-5:
 * and the Erlang distribution cookie, a cluster's shared password (`# erlang cookie` above it in a rabbitmq.conf).
 */
const NOUN = String.raw`pass(?:word|wd|phrase|code)|pwd|pass[ \t](?:word|phrase)|p[@4]ssw(?:o|0)rd|passw0rd|erlang[ \t._-]?cookie`;
/** Other languages' names a set or use form takes (`Passwort`, `contraseña`, `mot de passe`). */
const ANY_NOUN = String.raw`${NOUN}|(?:pass|kenn)wort|contrase(?:ñ|n)a|senha|wachtwoord|mot[ \t]de[ \t]passe|clave|chiave|has(?:ł|l)(?:o|em)|парол(?:ь|ем)`;
/**
 * 68a-2, 68a-22: a sign-in verb (English, Spanish, German, French, Italian, Portuguese, Dutch, Russian, Polish), the word
 * joining an account to it (`with`, `mit`, `avec`, `met`, `com`, `с`), naming one (`as`, `als`, `como`, `jako`, `как`), and
 * joining a password to an account (`and`, `und`, `y`, `et`, `en`, `e`, `и`).
 */
const SIGN_IN = String.raw`sign[ \t-]?in|log[ \t-]?in|logon|log[ \t]+on|inicia(?:r)?[ \t]+sesi(?:ó|o)n|melde[ \t]+dich|anmelden|connecte(?:z-vous|-toi)|accedi|entra|inloggen|войдите|войти|zaloguj[ \t]+si(?:ę|e)`;
const WITH = String.raw`with|using|con|mit|avec|met|com|с`;
const AS = String.raw`as|als|como|jako|как|comme|come`;
const AND = String.raw`and|und|y|et|&|en|e|и`;
/** An article and the word for a user before an account (`the user admin`, `el usuario admin`, `Benutzer admin`). */
const USER = String.raw`(?:(?:the|el|la|le|dem|den|het|o|il)[ \t]+)?(?:user(?:name)?|account|benutzer|usuario|usu(?:á|a)rio|utilisateur|utente|gebruiker)[ \t]+`;
const ARTICLE = String.raw`(?:(?:the|das|dem|la|le|el|het|o|a|il)[ \t]+)`;
/** An account name (`admin`, `ops`, `db-backup`). */
const ACCOUNT = String.raw`[\w.@-]{1,32}`;
/** A list of two to seven accounts (`admin, backup and ops`, `admin and ops`). */
const ACCOUNTS = String.raw`${ACCOUNT}(?:(?:[ \t]*,[ \t]*(?:(?:and|und|y|et|&)[ \t]+)?|[ \t]+(?:and|und|y|et|&)[ \t]+)${ACCOUNT}){1,6}`;
/** Names a list of accounts plainly is (`root, admin, backup, ops: …`). */
const KNOWN = String.raw`root|admin|administrator|backup|ops|operator|guest|user|postgres|mysql|sa|ubuntu|pi|deploy|git|jenkins|grafana|ftp|www|web|db|dev|test|support|service|monitor|nagios|oracle|sys|system`;
/** Markup around a label (`**Password**`, `__Password__`, `<b>Password</b>`, `## Password`). */
const OPEN = String.raw`(?:<(?:b|strong|em|i|code)>|\*{1,2}|_{1,2})`;
const CLOSE = String.raw`(?:</(?:b|strong|em|i|code)>|\*{1,2}|_{1,2})`;
/** A colon, an arrow or a dash joining a label to its value. */
const JOIN = String.raw`(?:[ \t]*(?:→|->|=>|⇒|—|–|[:=\uff1a])|[ \t]+-)[ \t]*`;

/**
 * 66a-1: a line holding only a label, then the value's line. The label: a bullet or a heading's marks, up to three words
 * (`Admin`, `The`, `Grafana admin`), the noun or a setting's name (`DB_PASSWORD`), an account in brackets, `is`, a colon. A SQL statement cut before its value (`ALTER ROLE bob PASSWORD`, a hash below) is the SQL readers'.
 * 67a-5: the value may open a Markdown code fence (CommonMark 0.31 §4.5: three or more backticks or tildes, an info
 * string) when it is one word alone on its line; a command there (```` ```bash ```` `vault kv get …`) is no value. 68a-4:
 * or stand in inline code (`` `hunter2` ``).
 */
const FENCE = String.raw`[ \t]*(?:${'`'}{3,}|~{3,})[\w+-]{0,20}[ \t]*\r?\n(?=[ \t]*[^\s${'`'}~]+[ \t]*\r?$)`;
const BELOW = new RegExp(
  String.raw`^[ \t]*(?:[-*+][ \t]+|#{1,6}[ \t]+)?(?!(?:alter|create)[ \t])${OPEN}?(?:[\p{L}\d]{1,20}[ \t]+){0,3}(?:[A-Za-z\d]{1,20}[_-])*(?:${NOUN})${CLOSE}?(?:[ \t]*\([^()\r\n]{1,40}\))?(?:[ \t]+(?:is|was))?(?<colon>[ \t]*[:\uff1a])?[ \t]*\r?\n(?:[ \t]*(?:-{3,}|={3,})[ \t]*\r?\n)?(?:[ \t]*\r?\n){0,2}(?:${FENCE})?[ \t]*(?::[ \t]+)?${'`'}?(?<v>[^\s:#|>${'`'}-][^\r\n${'`'}]{0,79})${'`'}?(?=\r?$)`,
  'gimu',
);

/** 66a-2, 66a-3, 66a-4: the forms on one line. */
export const LABEL_FORMS: readonly LabelForm[] = [
  { label: BELOW, strict: true, word: true },
  // 66a-2: `Set the password for admin to X`, `Update the DB password to X`, `Setze das Passwort auf X`.
  {
    label: new RegExp(
      String.raw`(?<![\p{L}\p{N}_.])(?:set|change|reset|update|setze|setz|(?:ä|ae)ndere|cambia|cambie|establece|pon)(?:[ \t]+[\w-]{1,32}){0,4}?[ \t]+(?:${ANY_NOUN})(?:[ \t]+(?:for|of|f(?:ü|ue)r|de|para)[ \t]+${ACCOUNT})?[ \t]+(?:to|auf|a|en)[ \t]+`,
      'giu',
    ),
    strict: true,
    word: true,
  },
  // 67a-2: `Ändere das Passwort in X` (German's `in` after its verb only: `Reset the password in Grafana` is a place).
  {
    label: new RegExp(
      String.raw`(?<![\p{L}\p{N}_.])(?:(?:ä|ae)ndere|setze?|stelle)(?:[ \t]+[\w-]{1,32}){0,3}?[ \t]+(?:(?:pass|kenn)wort)(?:[ \t]+f(?:ü|ue)r[ \t]+${ACCOUNT})?[ \t]+in[ \t]+`,
      'giu',
    ),
    strict: true,
    word: true,
  },
  // 67a-15: `Login with admin and X`, `… and password X`, `Melde dich mit admin und X an`, `Inicia sesión con admin y X`.
  {
    label: new RegExp(
      String.raw`(?<![\p{L}\p{N}_.])(?:${SIGN_IN})[ \t]+(?:${WITH})[ \t]+(?:${USER})?${ACCOUNT}[ \t]+(?:${AND})[ \t]+${ARTICLE}?(?:(?:${ANY_NOUN})[ \t]+)?`,
      'giu',
    ),
    strict: true,
    word: true,
    paired: true,
  },
  // 68a-22: `Melde dich als admin mit Passwort X an`, `Войдите как admin с паролем X`, `Zaloguj się jako admin hasłem X`.
  {
    label: new RegExp(
      String.raw`(?<![\p{L}\p{N}_.])(?:${SIGN_IN})[ \t]+(?:${AS})[ \t]+${ACCOUNT}[ \t]+(?:(?:${WITH})[ \t]+)?${ARTICLE}?(?:${ANY_NOUN})[ \t]+`,
      'giu',
    ),
    strict: true,
    word: true,
  },
  // 68a-2, 68a-22: `user admin and password X`, `Anmelden mit Benutzer admin und Passwort X`, `el usuario admin y la clave X`.
  {
    label: new RegExp(String.raw`(?<![\p{L}\p{N}_.])${USER}${ACCOUNT}[ \t]+(?:${AND})[ \t]+${ARTICLE}?(?:${ANY_NOUN})[ \t]+`, 'giu'),
    strict: true,
    word: true,
  },
  // 68a-2: `Sign in: admin, X` and `Both admin and ops log in with X` (a provider's name there is none: paired).
  {
    label: new RegExp(String.raw`(?<![\p{L}\p{N}_.])(?:${SIGN_IN})[ \t]*:[ \t]+${ACCOUNT}[ \t]*,[ \t]*`, 'giu'),
    strict: true,
    word: true,
    paired: true,
  },
  {
    label: new RegExp(String.raw`(?<![\p{L}\p{N}_.])${ACCOUNTS}[ \t]+(?:log|sign)[ \t-]?in[ \t]+(?:with|using)[ \t]+`, 'giu'),
    strict: true,
    word: true,
    paired: true,
  },
  // 68a-2: `Log in with the admin account (X)` (the bracket is read by valueAt), `Use admin/X to log in`.
  {
    label: new RegExp(
      String.raw`(?<![\p{L}\p{N}_.])(?:${SIGN_IN})[ \t]+(?:${WITH}|${AS})[ \t]+${ARTICLE}?${ACCOUNT}[ \t]+(?:account|user)[ \t]+(?=\()`,
      'giu',
    ),
    strict: true,
    word: true,
  },
  // 68a-5: `Wi-Fi: HomeNet / X`, `Wi-Fi HomeNet (X)` (a band, `(5 GHz)`, `(5G)`, or a word saying it is open is none).
  {
    label: new RegExp(
      String.raw`(?<![\p{L}\p{N}_.])(?:wi-?fi|wlan)(?:[ \t]*:)?[ \t]+${ACCOUNT}(?:[ \t]+\/[ \t]+|[ \t]+\((?!\d{1,2}(?:[.,]\d)?[ \t]*(?:g|ghz|mhz)\))(?<v>[^\s()]{4,64})\))`,
      'giu',
    ),
    strict: true,
    word: true,
    network: true,
  },
  {
    label: new RegExp(
      String.raw`(?<![\p{L}\p{N}_.])(?:use|with|try)[ \t]+${ACCOUNT}\/(?<v>[^\s/]{1,64})[ \t]+to[ \t]+(?:log|sign)[ \t-]?(?:in|on)`,
      'giu',
    ),
    strict: true,
    word: true,
  },
  // 68a-2: `Master password X`, `Old password X, new password Y`, `the default password X`, `Admin password now X`,
  // `password equals X`, `password (currently X)`, `Password prompt: X`, `Password<TAB>X`, `Password ~ X`, `(password X)`. A
  // bracket after `The default password` is 66a-2's form (`(admin)` there names the account).
  {
    label: new RegExp(
      String.raw`(?<![\p{L}\p{N}_.])(?:master|default|old|new|current|previous|former|initial|temporary)[ \t]+(?:${NOUN})[ \t]+(?:(?:is|was|now|remains)[ \t]+)?(?!\()`,
      'giu',
    ),
    strict: true,
    word: true,
  },
  {
    label: new RegExp(
      String.raw`(?<![\p{L}\p{N}_.])(?:${NOUN})(?:[ \t]+(?:now|equals|currently|remains)[ \t]+|[ \t]*[(,][ \t]*currently[ \t]+|[ \t]+prompt[ \t]*:[ \t]*|\t[ \t]*|[ \t]+~[ \t]+)`,
      'giu',
    ),
    strict: true,
    word: true,
  },
  { label: new RegExp(String.raw`\([ \t]*(?:${NOUN})[ \t]+`, 'giu'), strict: true, word: true },
  // 68a-2: `Unlock code: X`, `The secret word is X`, `The pass phrase is X`; `**Password** X` without a colon.
  {
    label: /(?<![\p{L}\p{N}_.])(?:unlock[ \t]+code|secret[ \t]+word|pass[ \t]+phrase)(?:[ \t]*:|[ \t]+is)[ \t]+/giu,
    strict: true,
    word: true,
  },
  {
    label: new RegExp(String.raw`${OPEN}(?:[\p{L}\d]{1,20}[ \t]+){0,2}(?:${NOUN})${CLOSE}[ \t]+(?![:=→—–-])`, 'giu'),
    strict: true,
    word: true,
  },
  // 66a-2: `Password changed to X`, `The password has been changed to X`.
  {
    label: new RegExp(
      String.raw`(?<![\p{L}\p{N}_.])(?:${NOUN})(?:[ \t]+(?:has|have|was|is|got)(?:[ \t]+been)?)?[ \t]+(?:changed|set|reset|updated)[ \t]+to[ \t]+`,
      'giu',
    ),
    strict: true,
    word: true,
  },
  // 66a-2: `use X as password`, `Use X for the password`; 67a-1/14 `Type X at the password prompt`, `Pon X como contraseña`, `Enter X when asked for the password`, `Usa X como contraseña`.
  {
    label: new RegExp(
      String.raw`(?<![\p{L}\p{N}_.])(?:use|usa|usar|utiliza|pon|escribe|introduce|ingresa|teclea|verwende|nutze|nimm|gib|tippe|enter|type|reply|answer|respond[ \t]+with|and)[ \t]+(?<q>["'${'`'}]?)(?<v>[^\s"'${'`'}]{4,64})\k<q>[ \t]+(?:as|for|at|to|como|en|als|when(?:[ \t]+(?:asked|prompted)[ \t]+for)?)(?:[ \t]+(?:the|your|my|a|an|la|el|das|dein|ihr))?(?:[ \t]+[\w-]{1,32})?[ \t]+(?:${ANY_NOUN})(?![\p{L}])`,
      'giu',
    ),
    strict: true,
    word: true,
  },
  // 67a-1/14: `When asked for the password, enter X`, `When prompted for a password, type X`.
  {
    label: new RegExp(
      String.raw`(?<![\p{L}\p{N}_.])when[ \t]+(?:asked|prompted)[ \t]+for[ \t]+(?:(?:the|a|your)[ \t]+)?(?:[\w-]{1,32}[ \t]+)?(?:${NOUN})[ \t]*,?[ \t]+(?:enter|type|use|input)[ \t]*:?[ \t]+`,
      'giu',
    ),
    strict: true,
    word: true,
  },
  // 66a-2: `Sign in with admin:X`, `Log in with admin / X`, `Default credentials are admin/X` (a path or URL is none).
  {
    label: new RegExp(
      String.raw`(?<![\p{L}\p{N}_.])(?:${SIGN_IN}|credentials?|creds|credenciales|zugangsdaten|anmeld(?:ung|en))(?:[ \t]*:)?[ \t]+(?:(?:${WITH}|${AS}|are|is|son|sind)[ \t]+)?${ACCOUNT}(?:[:/]|[ \t]+\/[ \t]+)(?![/\s])`,
      'giu',
    ),
    strict: true,
    word: true,
  },
  // 66a-2: `The default password (X) must be changed` (the bracket is read by valueAt).
  { label: new RegExp(String.raw`(?<![\p{L}\p{N}_.])(?:${NOUN})[ \t]+(?=\()`, 'giu'), strict: true, word: false },
  // 66a-3: `The password you need is X`, `The password's X`, `The password? X`, `The password is... X`, `pass word is X`.
  {
    label: new RegExp(
      String.raw`(?<![\p{L}\p{N}_.])(?:${NOUN})(?:(?:[ \t]+that)?[ \t]+(?:you|we|i|they|he|she)[ \t]+[\p{L}']{2,20}(?:[ \t]+(?:to|for)(?:[ \t]+${ACCOUNT})?)?[ \t]+is[ \t]*:?|'s|[ \t]*\?|[ \t]+is[ \t]*(?:\.{2,3}|…)|[ \t]*(?:\.{3,}|…+)(?:[ \t]*:)?|(?<=[ \t]word|@ssword|4ssword|passw0rd|ssw0rd)[ \t]+is[ \t]*:?)[ \t]+`,
      'giu',
    ),
    strict: false,
    word: true,
  },
  // 66a-3: `The root password, X, must be rotated`.
  { label: new RegExp(String.raw`(?<![\p{L}\p{N}_.])(?:${NOUN}),[ \t]+(?=[^\s,]{1,64},)`, 'giu'), strict: true, word: false, comma: true },
  // 66a-3: `login as root with password X`; `passwd X` (the command's word: `passwd root` is an account, a word of letters).
  {
    label: new RegExp(String.raw`(?<![\p{L}\p{N}_.])(?:with|using)[ \t]+(?:the[ \t]+)?(?:${NOUN})[ \t]+`, 'giu'),
    strict: true,
    word: true,
  },
  // Cisco PIX/ASA's `passwd <hash> encrypted` writes the hash, no password.
  { label: /(?<![\p{L}\p{N}_./$-])passwd[ \t]+(?![^\s]{1,64}[ \t]+encrypted\b)/giu, strict: true, word: false },
  // 66a-3: `Password | X`, `<b>Password</b>: X`, `__Password__ — X`, `**Admin password**: X`.
  { label: new RegExp(String.raw`(?<![\p{L}\p{N}_.|])(?:${NOUN})[ \t]*\|[ \t]*`, 'giu'), strict: true, word: true },
  { label: new RegExp(String.raw`${OPEN}(?:[\p{L}\d]{1,20}[ \t]+){0,2}(?:${NOUN})${CLOSE}${JOIN}`, 'giu'), strict: true, word: false },
  // 66a-4: `For admin, backup and ops: X`, `Login for admin and ops: X`, `Accounts admin, ops => X` (at a line's or a
  // sentence's start; the lookahead first, so the lookbehind scans back over blanks only where a label word stands).
  {
    label: new RegExp(
      String.raw`(?=(?:login|credential|for|f(?:ü|ue)r|para|pour|account|user|benutzer|usuarios?)s?[ \t])(?<=^[ \t]*(?:[-*+][ \t]+)?|[.!?][ \t]+)(?:(?:login|logins|credentials?)[ \t]+)?(?:for|f(?:ü|ue)r|para|pour|accounts?|users?|benutzer|usuarios?)[ \t]+(?:the[ \t]+)?${ACCOUNTS}(?:[ \t]+(?:accounts?|users?|logins?))?${JOIN}`,
      'gimu',
    ),
    strict: true,
    word: true,
    account: true,
  },
  // 67a-14: `Users admin, backup and ops share the password X`.
  {
    label: new RegExp(
      String.raw`(?<![\p{L}\p{N}_.])(?:users?|accounts?|logins?)[ \t]+${ACCOUNTS}[ \t]+(?:share|use)[ \t]+(?:the[ \t]+)?(?:same[ \t]+)?(?:${NOUN})[ \t]*,?[ \t]+`,
      'giu',
    ),
    strict: true,
    word: true,
  },
  // 66a-4: `admin, backup, ops: X` at a line's start (two names at least that are plainly accounts).
  {
    label: new RegExp(
      String.raw`^[ \t]*(?:[-*+][ \t]+)?(?:${KNOWN})(?:(?:[ \t]*,[ \t]*(?:(?:and|und|y|et|&)[ \t]+)?|[ \t]+(?:and|und|y|et|&)[ \t]+)(?:${KNOWN})){1,6}[ \t]*[:=][ \t]*`,
      'gimu',
    ),
    strict: true,
    word: true,
    account: true,
  },
];

/**
 * 67a-2, 67a-15: apps, sign-in providers and places a note names where a password might stand (`Ändere das Passwort in
 * Grafana`, `Sign in with GitHub and Google`); a name with a capital inside (`GitLab`, `KeePass`, `LDAP`) is one too
 * (namesPlace), and the stores are sentence words (password-sentence-words.ts). A closed list: a capitalised word there is
 * a password as often as a place (`Ändere das Passwort in Swordfish`).
 */
const PLACE =
  /^(?:grafana|gitea|forgejo|gitlab|github|bitbucket|keycloak|authentik|authelia|zitadel|nextcloud|owncloud|jenkins|rancher|portainer|harbor|traefik|kubernetes|longhorn|argo|argocd|vaultwarden|proxmox|truenas|openwrt|pfsense|opnsense|unifi|synology|jellyfin|plex|minio|postgres|postgresql|mysql|mariadb|redis|mongodb|rabbitmq|kibana|elasticsearch|opensearch|prometheus|alertmanager|sonarqube|nexus|artifactory|jira|confluence|mattermost|wordpress|windows|linux|ubuntu|debian|azure|entra|google|apple|microsoft|facebook|twitter|linkedin|okta|auth0|passkeys?|zukunft|einstellungen|konsole|weboberfl(?:ä|ae)che|oberfl(?:ä|ae)che|verwaltung|profil|konto|benutzerkonto)$/i;

/** Verbs a sentence goes on with after `Log in with admin and …` (`continue`, `check the logs`), and accounts: no password. */
const GOES_ON = new RegExp(
  String.raw`^(?:continue|proceed|wait|retry|reload|refresh|restart|reboot|confirm|save|submit|go|click|open|navigate|follow|accept|approve|finish|start|begin|change|reset|rotate|verify|check|create|add|select|choose|enable|disable|run|deploy|logout|weiter|fortfahren|best(?:ä|ae)tige|speichern|continuez|continuer|contin(?:ú|u)a|contin(?:ú|u)e|${KNOWN})$`,
  'i',
);

/** Whether `word` names an app or a place (PLACE), or is a name with a capital inside (`GitLab`, `KeePass`, `LDAP`). */
const namesPlace = (word: string): boolean => PLACE.test(word) || /^\p{Lu}\p{L}*\p{Lu}/u.test(word);

/** Words a label's word reading must not take for the value (`with password auth`, `set password to never`). */
const NOT_A_VALUE =
  /^(?:auth|authentication|login|logins|protection|access|based|mode|only|grant|flow|hashing|encryption|sso|saml|oidc|ldap|oauth2?|github|google|keycloak|okta|kerberos|prompt|enabled|disabled|true|false|yes|no|null|none|empty|blank|random|something|anything|expire|never|default|first|again|once|twice|instead|later|too|also|here|there|then|now|enter|return|tab|space|sudo|policy|policies|manager|field|length|rules|requirements|must|should|will|can|expires|hash|change|changes|reset|history|strength|complexity|expiry|rotation|recovery)$/i;

/**
 * Whether `form` rules `value` (as read after `label`) out before isPassword judges it: a word of its own list above, a
 * capitalised word under a heading without a colon (`## Password` `Overview`), a key on the line below (`description:`), a
 * line of words that is no lower-case passphrase (`The password is stored in Vault.`), and for a list of accounts a
 * version, a file's or a host's name (`For amd64 and arm64: linux-amd64.tar.gz`) or a short or capitalised word.
 */
export function formRulesOut(form: LabelForm, value: string, label: RegExpMatchArray): boolean {
  const word = value.replace(/[.,;:!?)\]]+$/, '');
  if (/^[\p{L}\p{M}]+$/u.test(word) && NOT_A_VALUE.test(word)) return true;
  if (form.network && saysOpenNetwork(word)) return true;
  // 67a-2: German's `in` before an app's or a store's name is a place (`Ändere das Passwort in Grafana`, `in KeePass`, `in
  // LDAP`); another word is the value, capitalised or not (`Ändere das Passwort in Swordfish`).
  if (/[ \t]in[ \t]+$/i.test(label[0]) && namesPlace(word)) return true;
  // 67a-15: after `Log in with admin and`, a provider's name (`Sign in with GitHub and Google`), an account or a verb.
  if (form.paired && (namesPlace(word) || GOES_ON.test(word))) return true;
  // A table's header cell (`| Password | Description |`): a capitalised word of letters after a pipe.
  if (/\|[ \t]*$/.test(label[0]) && /^\p{Lu}\p{Ll}*$/u.test(word)) return true;
  if (form.label === BELOW) {
    if (/:$/.test(value) || (label.groups?.colon === undefined && /^\p{Lu}\p{Ll}*$/u.test(value))) return true;
    if (/[ \t]/.test(value) && !/^\p{Ll}{2,20}(?:[ \t]\p{Ll}{2,20}){2,6}$/u.test(value)) return true;
  }
  if (!form.account) return false;
  if (/[./:]/.test(word) || /^v?\d/i.test(word)) return true;
  // A word of letters only after a list that names accounts (`For example, dev and prod: kubectl` names none).
  const named = /\b(?:accounts?|users?|logins?|credentials?|root|admin|administrator|backup|ops|operator)\b/i.test(label[0]);
  return /^[\p{L}\p{M}]+$/u.test(word) && (!named || word.length < 6 || !/^\p{Ll}/u.test(word));
}

/** Whether the value is that of the line-below form (judged as a whole line, a passphrase there not strict). */
export const isBelow = (form: LabelForm): boolean => form.label === BELOW;
