import type { Path } from './problem';
import { BASIC_AUTH_PASSWORD, entryFault, type EntryDoor } from './auth-user-entries';
import { htpasswdFileSecrets } from './htpasswd-files';
import { withoutTrailingComment } from './trailing-comments';

/**
 * Round 56 (attack 56a-1): Traefik's BasicAuth/DigestAuth `users` (auth-user-entries.ts judges each entry). Read where
 * the entries are sure to be users: the `users` of a mapping under `basicAuth`/`digestAuth` (a Middleware's spec, the
 * file provider's `http.middlewares.<name>`), in data or in text (YAML, TOML `users = [...]`), and the label form
 * `…basicauth.users=a:h1,b:h2`. Round 57 (57a-1): a key that names the setting is the setting, in any case and form:
 * the label's dots (`traefik.http.middlewares.x.basicauth.users`, a map key of podAnnotations, a ConfigMap, a Compose
 * `labels:` map), the env's underscores (`TRAEFIK_HTTP_MIDDLEWARES_X_BASICAUTH_USERS`, also as an env entry's `name`),
 * the KV store's slashes (`traefik/http/middlewares/x/basicAuth/users/0`; doc.traefik.io providers/kv). The finding is
 * the password only: the user name stays readable. Round 58a-10: where the name is Traefik's own (a `middlewares` path,
 * a `basicAuth` mapping, a `users:` near one in text) only the hashes Traefik checks pass (auth-user-entries.ts).
 */

export { BASIC_AUTH_PASSWORD, plainPasswordIn } from './auth-user-entries';

const AUTH_KEY = /^(basic|digest)[-_]?auth$/i;

/** A key naming a BasicAuth/DigestAuth `users` setting: `basicauth.users`, `_BASICAUTH_USERS`, `basicAuth/users/0`, `basicAuthUsers`. */
const USERS_SETTING = /(?:^|[._/-])(basic|digest)[-_]?auth[._/-]?users(?:[._/-]\d{1,4})?$/i;
/** Traefik's own names (a `middlewares` path): an entry without `:` is the password there, elsewhere maybe a user name. */
const TRAEFIK_SETTING = /middlewares/i;

type Found = { path: Path; value: string; what: string };

/** The faulty entries of `value` set under a key named `key` (USERS_SETTING), comma- or line-separated, at `path`. */
function settingSecrets(key: string, value: unknown, path: Path, out: Found[], env = false): void {
  const named = USERS_SETTING.exec(key);
  if (!named) return;
  const digest = /^digest/i.test(named[1]);
  const items: Array<[Path, unknown]> = Array.isArray(value) ? value.map((item, i) => [[...path, i], item]) : [[path, value]];
  for (const [at, item] of items) {
    if (typeof item !== 'string') continue;
    const entries = item
      .split(/[,\r\n]/)
      .filter((entry) => TRAEFIK_SETTING.test(key) || entry.includes(':') || (env && entry.includes('$')));
    // An env entry's value is Traefik's (its own container's env, read by the file provider's `{{ env … }}`): its rules (59a-9).
    const door: EntryDoor = env ? 'env' : TRAEFIK_SETTING.test(key) ? 'users' : 'file';
    const fault = entries.map((entry) => entryFault(entry, digest, door)).find(Boolean);
    if (fault) out.push({ path: at, value: item, what: fault.what });
  }
}

/**
 * The plain-text passwords of `record`'s `users` when `record` stands under `basicAuth`/`digestAuth`, of its keys that
 * name such a setting, of an env entry `{name, value}` whose name does, and of htpasswd files (htpasswd-files.ts).
 */
export function basicAuthUserSecrets(record: Record<string, unknown>, at: Path, found: ReadonlyArray<{ path: Path }>): Found[] {
  const out: Found[] = [];
  for (const [key, value] of Object.entries(record)) settingSecrets(key, value, [...at, key], out);
  if (typeof record.name === 'string' && 'value' in record) settingSecrets(record.name, record.value, [...at, 'value'], out, true);
  out.push(...htpasswdFileSecrets(record, at));
  const parent = at[at.length - 1];
  const auth = typeof parent === 'string' ? AUTH_KEY.exec(parent) : null;
  if (auth && 'users' in record) {
    const digest = /^digest/i.test(auth[1]);
    // Traefik's `basicAuth` (a Middleware's spec, the file provider's): Kubernetes and Traefik read each `$` as written.
    const door: EntryDoor = /^(?:basic|digest)auth$/i.test(parent as string) ? 'crd' : 'file';
    const users = record.users;
    const items: Array<[Path, unknown]> = Array.isArray(users)
      ? users.map((user, i) => [[...at, 'users', i], user])
      : [[[...at, 'users'], users]];
    for (const [path, user] of items) {
      if (typeof user !== 'string') continue;
      // A string of several is Traefik's label form, entries separated by commas.
      const entries = Array.isArray(users) ? [user] : user.split(',');
      const fault = entries.map((entry) => entryFault(entry, digest, door)).find(Boolean);
      if (fault) out.push({ path, value: user, what: fault.what });
    }
  }
  if (!out.length) return out;
  // Built only when there is a finding: `found` grows with the text, and every mapping of it comes here (quadratic, 82 s).
  const taken = new Set(found.map(({ path }) => path.join('\0')));
  const seen = new Set<string>();
  return out.filter(({ path }) => !taken.has(path.join('\0')) && !seen.has(path.join('\0')) && seen.add(path.join('\0')));
}

/** A `users` key in text: YAML's `users:`, TOML's `users =`, the label form's `basicauth.users=`, the env's `_BASICAUTH_USERS=`. */
const USERS_KEY = /(?:(?<![A-Za-z0-9])((?:basic|digest)[-_]?auth)[._/-]?|(?<![\w.-]))users(?:[._/]\d{1,4})?["']?[ \t]*[:=][ \t]*/gi;
type Spans = Array<{ span: [number, number]; what: string }>;
const CLUE = /(?:basic|digest)[-_]?auth/i;
const ENTRY = /"((?:[^"\\\n]|\\.){0,1024})"|'([^'\n]{0,1024})'|([^\s,"'[\]{}#][^\s,"'[\]{}]{0,1023})/g;
/** On a line (the label form), an entry's hash may hold braces (`{SHA}…`): only a flow list's brackets end it. */
const LINE_ENTRY = /"((?:[^"\\\n]|\\.){0,1024})"|'([^'\n]{0,1024})'|([^\s,"'#][^\s,"']{0,1023})/g;

/** The spans of the entries between `from` and `end` in `text`: a flow list's `[a, "b"]` (maybe over lines), or a scalar. */
function entrySpans(text: string, from: number, end: number, [digest, bare, traefik]: boolean[], flow: boolean, spans: Spans): void {
  if (end - from > 65_536) return;
  const body = text.slice(from, end);
  for (const match of body.matchAll(flow ? ENTRY : LINE_ENTRY)) {
    const entry = match[1] ?? match[2] ?? match[3];
    const start = from + match.index! + (match[3] === undefined ? 1 : 0);
    for (const [at, piece] of splitEntries(entry, flow || match[3] !== undefined)) {
      const fault = bare || piece.includes(':') ? entryFault(piece, digest, traefik ? (flow ? 'text' : 'users') : 'file') : undefined;
      if (fault) spans.push({ span: [start + at + fault.span[0], start + at + fault.span[1]], what: fault.what });
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
export const basicAuthUserSpans = (text: string): Array<[number, number]> => userFaults(text).map(({ span }) => span);

/** What the first faulty entry of `text` is called (a plain password, a malformed hash; BasicAuth's or DigestAuth's). */
export const basicAuthUserSecretIn = (text: string): string => userFaults(text)[0]?.what ?? BASIC_AUTH_PASSWORD;

function userFaults(text: string): Spans {
  if (text.length > 1_000_000 || !CLUE.test(text)) return [];
  const spans: Spans = [];
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
      if (close !== Infinity && close !== readTo) entrySpans(text, from + 1, (readTo = close), [digest, true, true], true, spans);
    } else if (match[1]) {
      // The line's end from the key on (lastIndex set before exec: both in one destructuring read the old lastIndex, 57a-1).
      if (eol < from) {
        LINE_END.lastIndex = from;
        eol = LINE_END.exec(text)!.index;
      }
      // Traefik's own key (a `middlewares` path on the key's line) takes an entry without `:` as a password; others a user name.
      const before = text.slice(Math.max(0, match.index! - 512), match.index!); // bounded: a long line stays linear
      const bare = TRAEFIK_SETTING.test(before.slice(before.lastIndexOf('\n') + 1));
      // Entries hold no blank but after a comma (or inside one quoted entry): a line of words is prose, a message, no list.
      const value = withoutTrailingComment(text.slice(from, eol)).trim();
      const listed = /^(["'])[^"'\n]*\1$/.test(value) || !/[^,\s][ \t]+[^,\s]/.test(value);
      if (eol !== readTo && listed) entrySpans(text, from, (readTo = eol), [digest, bare, bare], false, spans);
    } else if (rest === '' || /[\r\n]/.test(rest)) blockItems(text, from, digest, spans);
  }
  return spans;
}

/** The items `- entry` of a YAML block list that follows a `users:` line. */
function blockItems(text: string, from: number, digest: boolean, spans: Spans): void {
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
    const fault = entryFault(quoted ? quoted[2] : raw, digest, 'text');
    const lead = start + (quoted ? 1 : 0);
    if (fault) spans.push({ span: [lead + fault.span[0], lead + fault.span[1]], what: fault.what });
    at = end;
  }
}
