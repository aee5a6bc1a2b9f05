import { looksGenerated } from './generated-runs';
import { isOracleUrlHead } from './oracle-urls';
import { hasPasswordMix } from './password-mix';
import { isRemotePath } from './remote-paths';
import { isPlaceholder } from './placeholders';
import { isReference } from './secrets-text';
import { judgedOnce } from './secrets-memo';
import { inSpans } from './span-search';
import { isPlainUserName } from './url-user-names';

/**
 * What a URL_CREDENTIALS match (secret-shapes.ts) holds as a secret, and where a scheme-less `word:rest@` match holds
 * none (attack round 41a-8). RFC 3986 section 3.2.1 puts userinfo (`user:password`) in a URI's authority, after `//`;
 * a scheme without one puts `user@host` right after its colon, a user and no password: SIP's `sip:alice@example.com`
 * (RFC 3261 section 19.1.1, whose `sip:alice:pw@host` holds one), `sips:`, XMPP's `xmpp:bob@jabber.org` (RFC 5122),
 * `acct:` (RFC 7565), `mailto:` (RFC 6068), `im:` and `pres:` (RFC 3860, RFC 3859), `cid:`/`mid:` (RFC 2392), `news:`
 * (RFC 5538), H.323's `h323:` (RFC 3508), and the SFTP repository of restic (`sftp:user@host:/srv/restic-repo`,
 * restic.readthedocs.io 030_preparing_a_new_repo) and rclone's `sftp:` remote. WHATWG's special schemes (http, https,
 * ws, wss, ftp, file) are not listed: a URL parser reads `https:token@host` as `https://token@host`.
 */
const USER_AT_HOST_SCHEME = /^(?:sips?|xmpp|acct|mailto|im|pres|cid|mid|news|h323|sftp)$/i;

/** A clock time before `@` (`12:30@UTC`, `09:15:00@Europe/Paris`): prose, no `user:password`. */
const CLOCK_TIME = /^(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?@$/;

/**
 * The secret of a URL_CREDENTIALS match: its password, or its user name where it has none (`https://token@h`, `token:@h`). A
 * reference alone there holds none (`postgres://app:$(DB_PASSWORD)@db`: Kubernetes' dependent environment variable).
 */
export function urlSecret(match: string): string {
  const userinfo = match.slice(0, -1).replace(/^.*[/\\]/s, '');
  const colon = /:|%3a/i.exec(userinfo);
  if (!colon) return userinfo;
  // Round 61a-7: an empty password (`https://TOKEN:@h`, as `curl -u TOKEN:` sends it) leaves the user as the secret.
  const password = userinfo.slice(colon.index + colon[0].length);
  return password === '' ? userinfo.slice(0, colon.index) : password;
}

/**
 * A scheme-less match (no slash: `word:rest@`) that is a URI of a scheme above with a user and no password
 * (`sip:alice@`, `sftp:backup@`), or a clock time: no credentials. `sip:alice:pw@` holds a password still.
 */
export function isUserAtHost(match: string): boolean {
  if (/[/\\]/.test(match)) return false;
  if (CLOCK_TIME.test(match) || isOracleUrlHead(match)) return true;
  const scheme = /^([a-z][a-z0-9+.-]*):([^:]*)@$/i.exec(match);
  return !!scheme && !/%3a/i.test(scheme[2]) && USER_AT_HOST_SCHEME.test(scheme[1]);
}

/**
 * 69a-1: a mail address in angle brackets after a word and a colon, as SMTP's `MAIL FROM:<a@example.com>` and
 * `RCPT TO:<ops@example.com>` write their path (RFC 5321 section 4.1.2, "Path"), or a header's `<addr>` (RFC 5322
 * section 3.4, "angle-addr"): the match ends inside `<local@`; the text goes on to a domain and `>`. A local part that
 * looks generated, or holds a `:` (`<a:pw@host>`), is read as before.
 */
function isAngleAddress(match: string, text: string, at: number): boolean {
  const local = /^[^\s:/<>]{1,64}:<([^\s:<>@]{1,64})@$/.exec(match)?.[1];
  return (
    local !== undefined &&
    !looksGenerated(local) &&
    /^[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}>/.test(text.slice(at + match.length, at + match.length + 600))
  );
}

/** A match after `//` whose userinfo is a plain user name and no `:` at all (`https://jdoe@`; not `jdoe:pw@`, `jdoe:@`). */
function isUserOnly(match: string): boolean {
  const userinfo = match.slice(0, -1).replace(/^.*[/\\]/s, '');
  return /[/\\]/.test(match) && !/:|%3a/i.test(userinfo) && isPlainUserName(userinfo);
}

/**
 * 80a-13: a password that only refers, as `${DB_PASSWORD}` does (isReference): Terraform's interpolation of a reference
 * (`${var.db_password}`, `${random_password.db.result}`, `${module.db.password}`, `${local.x[0]}`: developer.hashicorp.com/
 * terraform/language/expressions/strings "Interpolation", references-to-values), or a shell's expansion whose default is
 * empty (`${DB_PASS:-}`, `${DB_PASS-}`, `${DB_PASS:=}`: bash(1) "Parameter Expansion"), glued or alone. A default with
 * text (`${DB_PASS:-hunter2}`) is a literal, and a literal beside a reference makes the password one.
 */
const INTERPOLATED_REFERENCES =
  /^(?:\$\{(?:[A-Za-z_][\w-]{0,63}(?:\.[A-Za-z_][\w-]{0,63}|\[(?:\d{1,9}|\*|"[\w.-]{1,64}")\]){1,16}|[A-Za-z_]\w{0,127}:?[-=])\})+$/;

/**
 * 80a-4: where a text's URLs go on past their authority: a `scheme://`, its authority (RFC 3986 section 3.2: up to the first
 * `/`, `?` or `#`), then its path, query and fragment to a blank, a double quote, `<`, `>` or a backtick. A `…:…@…` there
 * (`?q=from:ops@example.com`, `/users/john:doe@example.com/`) is no userinfo. One pass a text (secrets-memo.ts): each
 * URL's rest as `[start, end)`, in order.
 */
const URL_REST = /\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s/?#"'<>`]{0,1024}[/?#][^\s"<>`]*/gi;
const urlRests = judgedOnce((text: string): ReadonlyArray<readonly [number, number]> =>
  text.includes('://')
    ? [...text.matchAll(URL_REST)].map((url) => [url.index + /^[^/]*\/\/[^/?#]*/.exec(url[0])![0].length, url.index + url[0].length])
    : [],
);

/**
 * A scheme-less `word:rest@` match (no slash) in a URL's path, query or fragment (80a-4): a search for a mail address, a
 * path's segment, no userinfo; unless its password, percent-decoded, looks generated or mixes characters as a chosen
 * password does (`?dsn=app:Xk9…@db`, 18a's `/a:hunter2SEKRIT@c`: a secret wherever it stands).
 */
function isPastAuthority(match: string, text: string, at: number): boolean {
  if (/[/\\]/.test(match) || !inSpans(urlRests(text), at)) return false;
  const password = urlSecret(match).replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return !looksGenerated(password) && !hasPasswordMix(password);
}

/**
 * Whether a URL_CREDENTIALS match (at `at` in `text`) holds credentials: a password or a token that is no reference,
 * nor a format string's field (`postgresql://{user}:{password}@{host}/db`, placeholders.ts: as `${P}` is one), nor a
 * user name alone (`https://jdoe@dev.azure.com/…`, url-user-names.ts; `user:pw@` and `TOKEN:@` keep their secret).
 */
export const holdsUrlCredentials = (match: string, text = '', at = 0): boolean =>
  !isUserAtHost(match) &&
  !isUserOnly(match) &&
  !isRemotePath(match, text, at) &&
  !isAngleAddress(match, text, at) &&
  !isPastAuthority(match, text, at) &&
  !isReference(urlSecret(match)) &&
  !INTERPOLATED_REFERENCES.test(urlSecret(match)) &&
  !isPlaceholder(urlSecret(match)) &&
  !SENTRY_DSN.test(text.slice(at, at + 160));

/**
 * A Sentry DSN of sentry.io (`https://<public key, 32 hex>@o1.ingest.sentry.io/<project id>`): its user is the project's
 * public key, which Sentry documents as safe to expose (docs.sentry.io/concepts/key-terms/dsn-explainer: "DSNs are safe
 * to keep public"). A legacy DSN with a secret key after `:` is not this shape, and stays refused (61a-14).
 */
const SENTRY_DSN = /^https:\/\/[0-9a-f]{32}@(?:[a-z0-9-]{1,63}\.){0,4}sentry\.io\/\d{1,20}(?![\w.@:/-])/;
