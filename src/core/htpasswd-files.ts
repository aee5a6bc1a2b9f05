import type { Path } from './problem';
import { entryFault, BASIC_AUTH_PASSWORD, BASIC_AUTH_MALFORMED } from './auth-user-entries';
import { looksGenerated } from './generated-runs';
import { isModeWord } from './named-setting-values';
import { isAnyPasswordHash } from './password-hashes';

/**
 * Round 57 (57a-5): htpasswd and htdigest files outside a `users` setting, judged entry by entry as `users` are
 * (auth-user-entries.ts). An htpasswd line is `user:hash`, an htdigest line `user:realm:hash`, and nothing else
 * (httpd.apache.org docs/current/programs/htpasswd.html, htdigest.html); read as one:
 * - the value of a key that holds such a file: ingress-nginx's `auth` (its basic-auth Secret's key;
 *   kubernetes.github.io/ingress-nginx/examples/auth/basic), `htpasswd`, `.htpasswd`, `htdigest`, a `usersFile`'s
 *   content, when every line is an entry;
 * - any text holding one well-formed entry: its other entries are of the same file;
 * - a value of data (not a decoding: base64 of `user:password` outside a registry's `auth` is left to its own rule, 32a-11)
 *   all of whose lines are entries, one of them with a generated-looking password (`admin:Zq8v…`);
 * - a line `user:<well-formed hash> <more>`: the hash is all a line holds, the rest is a word appended (maybe the password).
 * A line of more colons (`arn:aws:…`), an image `repo:tag`, a digest `sha256:<hex>` or a host and port is no entry.
 */

const FILE_KEY = /^(?:\.?ht(?:passwd|(digest))(?:\.\w{1,8})?|auth|(?:basic|(digest))?[-_]?auth[-_]?users[-_.]?file|users?[-_.]?file)$/i;
/**
 * One entry a line: user, then a hash or password (a realm before it in htdigest), then maybe more after a blank.
 * `more` is greedy and its trailing blanks are cut in code (blanksCut): a lazy `more` before `[ \t]*` rescanned the
 * blanks at each step, quadratic on `a:b x<1,000 blanks>y` lines (review57-3).
 */
const ENTRY_LINE = /^[ \t]*([A-Za-z0-9_@][\w.@-]{0,63}):(?:([^\s:$,]{1,256}):)?([^\s:,]{1,1024})(?:[ \t]+([^\s#][^\r\n]{0,1024})?)?\r?$/gm;

/** `text` without its trailing blanks and tabs (a loop: `/[ \t]+$/` is quadratic on a run of blanks not at the end). */
function blanksCut(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return text.slice(0, end);
}
/** A line that is nothing: blank or a comment. */
const EMPTY_LINE = /^[ \t]*(?:#.*)?$/;
/** Scheme-like or digest-like first fields: `sha256:<hex>`, `data:`, `urn:`, `mailto:` are no users. */
const NO_USER = /^(?:sha\d{0,3}|md5|blake2b?|data|urn|mailto|https?|tcp|udp|unix|file|git|ssh|s3|ref\+\w+)$/i;
/**
 * Git's scp-like URL, `[<user>@]<host>:<path>` (git-scm.com/docs/git-clone, "GIT URLS"): `git@github.com:acme/k3s-7f3a.git`
 * (60a-18). An htpasswd user may be an e-mail address, so only a repository's path says so: after GitHub's, GitLab's
 * user `git`, folders; after another user, folders ending in `.git`.
 */
const SCP_GIT_URL = /^(?:git@[\w-]+(?:\.[\w-]+)+:~?[\w.-]+(?:\/[\w.-]+)+\/?|[\w.-]+@[\w-]+(?:\.[\w-]+)+:~?[\w.-]+(?:\/[\w.-]+)*\.git\/?)$/;

/**
 * 79a-11: a URI's scheme, `//` and a host with no userinfo (RFC 3986 section 3: `scheme://authority/path`): Entra ID's
 * `api://<application id>` and its `api://<id>/.default` scope are no `user:password`. One with `@` in its authority
 * (`wss://<token>@host`) is still read as an entry, its credential refused.
 */
const SCHEME_HOST = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/@]*(?:\/[^@]*)?$/;

/** A drive letter and a separator, on one line: a Windows file's path. */
const WINDOWS_PATH = /^[ \t]*[A-Za-z]:[\\/][^\n]*$/;

type Entry = { user: string; realm?: string; hash: string; more?: string; at: number; hashAt: number };

/** The entry lines of `text`, with how many lines it has that are neither entries nor empty. */
function entriesOf(text: string): { entries: Entry[]; others: number } {
  const entries: Entry[] = [];
  for (const match of text.matchAll(ENTRY_LINE)) {
    const [, user, realm, hash, written] = match;
    const more = written === undefined ? undefined : blanksCut(written);
    if (NO_USER.test(user) || SCP_GIT_URL.test(`${user}:${hash}`) || SCHEME_HOST.test(`${user}:${hash}`)) continue;
    const at = match.index! + match[0].indexOf(user);
    entries.push({ user, realm, hash, more, at, hashAt: at + user.length + 1 + (realm === undefined ? 0 : realm.length + 1) });
  }
  const lines = text.split(/\r?\n/).filter((line) => !EMPTY_LINE.test(line)).length;
  return { entries, others: lines - entries.length };
}

/**
 * 59a-12: a file here is no Traefik `users` (an htpasswd file for ingress-nginx or a web server, Mosquitto's password file,
 * mosquitto.org/man/mosquitto_passwd-1.html): its BasicAuth entries are named as a file's, with no word of Traefik's.
 */
const FILE_PASSWORD =
  "a user's password in plain text on a `user:password` line (an htpasswd or Mosquitto password file holds `user:hash`: write the hash, `htpasswd -nB user` or `mosquitto_passwd`)";
const FILE_MALFORMED =
  "a user's hash on a `user:hash` line that is malformed or has more appended, maybe a password (write the hash alone, as `htpasswd -nB user` or `mosquitto_passwd` writes it)";
const FILE_WORDING: Readonly<Record<string, string>> = { [BASIC_AUTH_PASSWORD]: FILE_PASSWORD, [BASIC_AUTH_MALFORMED]: FILE_MALFORMED };

/**
 * 79a-4: `wss://<token>@host` read as an entry is a URL whose userinfo holds the credential (RFC 3986 section 3.2.1): it
 * is named as one, as every other URL with credentials is, and only its userinfo is the secret; no hash would fit there.
 */
const URL_WITH_CREDENTIALS = 'a URL with credentials';
const URL_USERINFO = /^\/\/([^\s/?#@]+)@/;
function urlUserinfo(entry: Entry): { span: [number, number]; what: string } | undefined {
  const userinfo = entry.realm === undefined ? URL_USERINFO.exec(entry.hash)?.[1] : undefined;
  return userinfo === undefined ? undefined : { span: [entry.hashAt + 2, entry.hashAt + 2 + userinfo.length], what: URL_WITH_CREDENTIALS };
}

/** An entry's fault (its password in plain text, its hash malformed or followed by more), with its span in the text. */
function faultOf(entry: Entry, digest: boolean): { span: [number, number]; what: string } | undefined {
  const line = `${entry.user}:${entry.realm === undefined ? '' : `${entry.realm}:`}${entry.hash}${entry.more ? ` ${entry.more}` : ''}`;
  const fault = entryFault(line, digest || entry.realm !== undefined);
  return (
    fault &&
    (urlUserinfo(entry) ?? { span: [entry.at + fault.span[0], entry.at + fault.span[1]], what: FILE_WORDING[fault.what] ?? fault.what })
  );
}

/** An entry whose hash is a real one (a `$PW` reference or a lock mark `!`/`*` is no sign of an htpasswd file). */
const wellFormed = (entry: Entry): boolean => !entry.more && isAnyPasswordHash(entry.hash) && !faultOf(entry, false);
/** shadow(5)'s marks for a locked account or no password (`!`, `!!`, `*`, `x`): no password either. */
const lockMark = (entry: Entry): boolean => /^(?:!!?|\*|x)$/.test(entry.hash);
/** A digest in hex, maybe after Dovecot's scheme (`{PLAIN-MD5}1a1d…`); `{PLAIN}`/`{CLEARTEXT}` hold the password itself. */
const hexOnly = (value: string): boolean => /^(?:\{(?!(?:plain|cleartext|plain-trunc)\})[A-Za-z0-9.-]{2,24}\})?[0-9a-f]+$/i.test(value);

/**
 * 59a-11: a build's tag, an image's `name:tag` (`api:sha-860c1905d2e4`, `oauth2-proxy:v7.6.0-a1b2c3d4e5f6`: the `sha-`
 * tags of docker/metadata-action, README "tags"), a node's `k3s-<hex>` or an ETag's weak `W/<hex>`: a word or version
 * before a commit's hex, which holds no more than the hex alone that hexOnly passes (`openssl rand -hex` is read so too).
 */
const BUILD_TAG = /^(?:(?:v?\d{1,6}(?:\.\d{1,6}){0,3}|[a-z][a-z0-9]{0,15})-)?[0-9a-f]{7,64}$|^W\/"?[0-9a-f]{8,64}"?$/;
const namesBuild = (value: string): boolean => hexOnly(value) || BUILD_TAG.test(value);

/** The faulty entries of htpasswd/htdigest text found without a key (above). */
function textFaults(text: string): Array<{ span: [number, number]; what: string }> {
  if (text.length > 1_000_000 || !text.includes(':')) return [];
  const { entries } = entriesOf(text);
  if (entries.length === 0) return [];
  const file = entries.some(wellFormed);
  const out: Array<{ span: [number, number]; what: string }> = [];
  for (const entry of entries) {
    // A hash followed by more is read on any line; a plain password only in a text that is an htpasswd file.
    // Not a placeholder or a template (`user:<password> here`, review57-5): only a well-formed hash says so.
    const hashed = entry.more !== undefined && isAnyPasswordHash(entry.hash) && !faultOf({ ...entry, more: undefined }, false);
    // A hash well formed in its own family (Dovecot's `{SHA512-CRYPT}$6$…`) is no password outside Traefik's `users`.
    if (!entry.more && isAnyPasswordHash(entry.hash)) continue;
    const fault = (file && !lockMark(entry)) || hashed ? faultOf(entry, false) : undefined;
    if (fault) out.push(fault);
  }
  return out;
}

/** Spans of htpasswd/htdigest entries with a plain password or a hash followed by more, in any text. */
export const htpasswdLineSpans = (text: string): Array<[number, number]> => textFaults(text).map(({ span }) => span);

/** What the first faulty entry of `text` is called. */
export const htpasswdLineSecretIn = (text: string): string => textFaults(text)[0]?.what ?? FILE_PASSWORD;

/** The faulty entries of files under keys that hold htpasswd/htdigest files (FILE_KEY) or of a generated password, in `record`. */
export function htpasswdFileSecrets(record: Record<string, unknown>, at: Path): Array<{ path: Path; value: string; what: string }> {
  const out: Array<{ path: Path; value: string; what: string }> = [];
  for (const [key, value] of Object.entries(record)) {
    // A bare `auth` is ingress-nginx's in a Secret's (or a copy's) `data`; elsewhere it is judged as unnamed text
    // (review57-4). Nowhere is `provider:github`, `enabled:true`, `mode:oauth2` a user's password (isModeWord).
    const bare = /^auth$/i.test(key);
    const named = bare && !/^(?:data|stringData)$/.test(String(at[at.length - 1])) ? null : FILE_KEY.exec(key);
    // A Windows path (`usersFile: C:\data\users.txt`) names a file, holding none.
    if (typeof value !== 'string' || value.length > 1_000_000 || !value.includes(':') || WINDOWS_PATH.test(value)) continue;
    const { entries, others } = entriesOf(value);
    if (others > 0 || entries.length === 0) continue; // `auth: basic`, a registry's base64 `auth`: no file
    if (bare && entries.every((entry) => isModeWord(entry.hash))) continue;
    // A well-formed hash of any family (Dovecot's `{SHA512-CRYPT}$6$…` too) is no password, generated-looking as it is.
    if (!named && !entries.some((e) => !namesBuild(e.hash) && !isAnyPasswordHash(e.hash) && looksGenerated(e.hash))) continue;
    const fault = entries.map((entry) => faultOf(entry, Boolean(named?.[1] ?? named?.[2]))).find(Boolean);
    if (fault) out.push({ path: [...at, key], value, what: fault.what });
  }
  return out;
}

/**
 * The lines (1-based) of a text all of whose lines are htpasswd/htdigest entries that hold a fault, with what each is:
 * where a refusal of the whole text stands (58a-20: an htdigest file's `bob:traefik:<password>` at its own line, as an
 * htpasswd file's is). Empty for a text with other lines.
 */
export function entryFaultLines(text: string): Array<{ line: number; what: string }> {
  if (text.length > 1_000_000 || !text.includes(':')) return [];
  const { entries, others } = entriesOf(text);
  if (others > 0) return [];
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  return entries.flatMap((entry) => {
    const fault = faultOf(entry, entry.realm !== undefined);
    return fault ? [{ line: lineAt(entry.at), what: fault.what }] : [];
  });
}
