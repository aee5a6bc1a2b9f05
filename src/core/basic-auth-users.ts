import type { Path } from './problem';
import { isPasswordHash } from './password-hashes';
import { isPlaceholder } from './placeholders';

/**
 * Round 56 (attack 56a-1): Traefik's BasicAuth `users` hold `user:hash` entries, the hash "MD5, SHA1, or BCrypt"
 * (doc.traefik.io/traefik/middlewares/http/basicauth, "users"; htpasswd's formats: `$apr1$`/`$1$`, `{SHA}` then
 * base64 of 20 bytes, `$2y$`), and DigestAuth's `users` `user:realm:hash`, the hash 32 hex digits (htdigest's MD5;
 * doc.traefik.io middlewares/http/digestauth). An entry whose part after the first `:` is no well-formed hash
 * (password-hashes.ts: its exact lengths, so a hash with a secret appended is none either) is the password written as
 * it is, and so is an entry without `:`; a placeholder or a template (`${USERS}`, `{{ .Values.users }}`) is none.
 * Read where the entries are sure to be users: the `users` of a mapping under `basicAuth`/`digestAuth` (a Middleware's
 * spec, the file provider's `http.middlewares.<name>`), in data or in text (YAML, TOML `users = [...]`), and the label
 * form `…basicauth.users=a:h1,b:h2`. The finding is the password only: the user name stays readable.
 */

export const BASIC_AUTH_PASSWORD =
  "a BasicAuth user's password in plain text (Traefik's `users` take `user:hash` entries: write the hash, `htpasswd -nB user`)";

/** htpasswd's `{SHA}`: base64 of SHA-1's 20 bytes (httpd.apache.org docs/current/misc/password_encryptions.html). */
const SHA_ENTRY = /^\{SHA\}[A-Za-z0-9+/]{27}=$/;
const DIGEST_HASH = /^[^:]{1,256}:[0-9a-f]{32}$/i;
const TEMPLATE = /\$\{[^}]*\}|\{\{[^}]*\}\}|^\$[A-Z_][A-Z0-9_]*$/;

/** Where in `entry` (trimmed, unquoted) a password stands in plain text, or undefined for a hashed or templated entry. */
export function plainPasswordIn(entry: string, digest = false): [number, number] | undefined {
  const e = entry.trim();
  if (e === '' || TEMPLATE.test(e) || isPlaceholder(e)) return undefined;
  const colon = e.indexOf(':');
  const lead = entry.indexOf(e);
  if (colon <= 0) return [lead, lead + e.length];
  // Compose and Docker labels write each `$` as `$$` (docs.docker.com compose interpolation): the hash is the same.
  const hash = e.slice(colon + 1).replace(/\$\$/g, '$');
  if (digest ? DIGEST_HASH.test(hash) : isPasswordHash(hash) || SHA_ENTRY.test(hash)) return undefined;
  if (isPlaceholder(hash) || TEMPLATE.test(hash)) return undefined;
  // A digest entry's password is past its realm; either way the rest of the entry is blanked.
  return [lead + colon + 1, lead + e.length];
}

const AUTH_KEY = /^(basic|digest)[-_]?auth$/i;

/** The plain-text passwords of `record`'s `users` when `record` stands under `basicAuth`/`digestAuth`, at their paths. */
export function basicAuthUserSecrets(
  record: Record<string, unknown>,
  at: Path,
  found: ReadonlyArray<{ path: Path }>,
): Array<{ path: Path; value: string; what: string }> {
  const parent = at[at.length - 1];
  const auth = typeof parent === 'string' ? AUTH_KEY.exec(parent) : null;
  if (!auth || !('users' in record)) return [];
  const digest = /^digest/i.test(auth[1]);
  const users = record.users;
  const items: Array<[Path, unknown]> = Array.isArray(users)
    ? users.map((user, i) => [[...at, 'users', i], user])
    : [[[...at, 'users'], users]];
  const taken = new Set(found.map(({ path }) => path.join('\0')));
  const out: Array<{ path: Path; value: string; what: string }> = [];
  for (const [path, user] of items) {
    if (typeof user !== 'string' || taken.has(path.join('\0'))) continue;
    // A string of several is Traefik's label form, entries separated by commas.
    const entries = Array.isArray(users) ? [user] : user.split(',');
    if (entries.some((entry) => plainPasswordIn(entry, digest))) out.push({ path, value: user, what: BASIC_AUTH_PASSWORD });
  }
  return out;
}

/** A `users` key in text: YAML's `users:`, TOML's `users =`, the label form's `basicauth.users=`. */
const USERS_KEY = /(?:(?<![\w-])((?:basic|digest)auth)\.|(?<![\w.-]))users["']?[ \t]*[:=][ \t]*/gi;
const CLUE = /(?:basic|digest)[-_]?auth/i;
const ENTRY = /"((?:[^"\\\n]|\\.){0,1024})"|'([^'\n]{0,1024})'|([^\s,"'[\]{}#][^\s,"'[\]{}]{0,1023})/g;

/** The spans of the entries between `from` and `end` in `text`: a flow list's `[a, "b"]` (maybe over lines), or a scalar. */
function entrySpans(text: string, from: number, end: number, digest: boolean, flow: boolean, spans: Array<[number, number]>): void {
  if (end - from > 65_536) return;
  const body = text.slice(from, end);
  for (const match of body.matchAll(ENTRY)) {
    const entry = match[1] ?? match[2] ?? match[3];
    const start = from + match.index! + (match[3] === undefined ? 1 : 0);
    for (const [at, piece] of splitEntries(entry, flow || match[3] !== undefined)) {
      const span = plainPasswordIn(piece, digest);
      if (span) spans.push([start + at + span[0], start + at + span[1]]);
    }
  }
}

/** `entry` as its comma-separated pieces (the label form) with their offsets; one piece inside a flow list's quotes. */
function splitEntries(entry: string, one: boolean): Array<[number, string]> {
  if (one) return [[0, entry]];
  const out: Array<[number, string]> = [];
  let at = 0;
  for (const piece of entry.split(',')) {
    out.push([at, piece]);
    at += piece.length + 1;
  }
  return out;
}

/** Spans of plain-text passwords in BasicAuth/DigestAuth `users` written in text (above), in a text that names the middleware. */
export function basicAuthUserSpans(text: string): Array<[number, number]> {
  if (text.length > 1_000_000 || !CLUE.test(text)) return [];
  const spans: Array<[number, number]> = [];
  // The next `]` and line end, found once for all the keys before them: a text of many `users` keys is read in linear time.
  let [close, eol, readTo] = [-1, -1, -1]; // `readTo`: the end of the entries read last, not read again by a key inside them
  const LINE_END = /[\r\n]|$/g;
  const clues = [...text.matchAll(/(?:basic|digest)[-_]?auth/gi)];
  let [next, last]: [number, RegExpExecArray | undefined] = [0, undefined];
  for (const match of text.matchAll(USERS_KEY)) {
    // The last middleware named within 2 kB before the key (clues in order: one pass over the text).
    while (next < clues.length && clues[next].index! < match.index!) last = clues[next++];
    const near = last && match.index! - last.index! <= 2048 ? last[0] : undefined;
    if (!match[1] && !near) continue;
    const digest = /digest/i.test(match[1] ?? near ?? '');
    const from = match.index! + match[0].length;
    const rest = text.slice(from, from + 1);
    if (rest === '[') {
      if (close !== Infinity && close < from) close = text.includes(']', from) ? text.indexOf(']', from) : Infinity;
      if (close !== Infinity && close !== readTo) entrySpans(text, from + 1, (readTo = close), digest, true, spans);
    } else if (match[1]) {
      if (eol < from) [LINE_END.lastIndex, eol] = [from, LINE_END.exec(text)!.index];
      if (eol !== readTo) entrySpans(text, from, (readTo = eol), digest, false, spans);
    } else if (rest === '' || /[\r\n]/.test(rest)) blockItems(text, from, digest, spans);
  }
  return spans;
}

/** The items `- entry` of a YAML block list that follows a `users:` line. */
function blockItems(text: string, from: number, digest: boolean, spans: Array<[number, number]>): void {
  const item = /\r?\n([ \t]*)-[ \t]+(?=\S)/y;
  let at = from;
  for (let n = 0; n < 4096; n++) {
    item.lastIndex = at;
    const match = item.exec(text);
    if (!match) return;
    const start = at + match[0].length;
    const end = text.slice(start, start + 4096).search(/[ \t]*(?:#.*)?(?:\r?\n|$)/) + start;
    const raw = text.slice(start, end);
    const quoted = /^(["'])(.*)\1$/.exec(raw);
    const span = plainPasswordIn(quoted ? quoted[2] : raw, digest);
    if (span) spans.push([start + (quoted ? 1 : 0) + span[0], start + (quoted ? 1 : 0) + span[1]]);
    at = end;
  }
}
