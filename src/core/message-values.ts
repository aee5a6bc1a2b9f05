import { secretsInNameParts } from './name-part-secrets';
import { redact, REDACTED, secretShape, secretValues } from './secrets';

/**
 * The values a message shows, judged by the readers that judge a config's values (attack round 39a-5), so a message
 * shows no part of a value that those readers refuse. The message may show only a part of the value: a flag's value
 * after its `=` (`--x.to=db:5432:app:bob:pw`), a cut head (`"…"... (111 characters)`), a word of a longer value, or a key
 * of a path. The readers are the same ones, not a second list of patterns, so a shape taught to them is redacted here too.
 * - A quoted value (`"abc"`, a cut head `"abc"...` or `"abc...`) is unquoted and judged as a config value is (secretValues:
 *   every shape and every rule of text under a name), and each of its words by the shapes (secretShape) as a text of
 *   its own: a shape read from a line's start to its end (a `.pgpass` line) is found where a message prints it before
 *   other words. A value or word refused is blanked whole. (The rules of names read a whole text's words already.)
 * - A key of the problem's path is judged so too, in the path and where the message prints it (redactProblem).
 * The message's own wording, outside quotes, is not judged: it is prose (`ODBC PWD=, haproxy …` names a rule).
 */

/**
 * A value as a message quotes it: JSON-quoted, or cut without its closing quote (`"abc...`, show() in
 * src/validate/paths.ts). Line breaks end a run: a message is one line, and a stray quote scans no further.
 */
const QUOTED_OR_CUT = /"((?:[^"\\\n]|\\.)*)(?:"|(?=\.\.\.))/g;
/** The longest text judged by every reader: longer runs (which messages name by their size) meet the shapes only. */
const MAX_JUDGED = 4096;
/**
 * The quoted values of one message judged by every reader; the rest (a message that lists thousands) meet the shapes
 * only (redact: linear in the text), so no message costs more than a few milliseconds.
 */
const MAX_RUNS_JUDGED = 200;
/** Words shorter than this are never blanked by themselves (a secret word is longer; `web`, `80` are not). */
const MIN_WORD = 4;

/** What a value a message shows holds: the value with it blanked, and what was blanked (to blank its derived forms too). */
export interface Masked {
  readonly text: string;
  readonly found: readonly string[];
}
const NOTHING: readonly string[] = [];

/** `text` (a value a message shows) with what the value readers refuse in it, or in one of its words, blanked. */
export function maskedValue(text: string): Masked {
  if (text.length > MAX_JUDGED) return { text: redact(text), found: NOTHING };
  const cached = masked.get(text);
  if (cached !== undefined) return cached;
  const words = /\s/.test(text) ? text.split(/\s+/).filter((word) => word.length >= MIN_WORD) : [];
  // And a secret a key, name or host holds between its separators (`token-x`, `example.com/Pass word x`: 53a-14).
  const found = [...secretValues(text), ...words.filter((word) => secretShape(word) !== undefined), ...secretsInNameParts(text)];
  // What an earlier redaction left (`"- password: <redacted>"`, a YAML message's hint, read as `redacted`) is no secret.
  const blanked = found.filter((value) => !REDACTED.includes(value) && !/^[\s"'`]*$/.test(value.split(REDACTED).join('')));
  // Nothing found, nothing to blank: the whole text's judgement (secretShape) reads every shape that redact would.
  const out = blanked.length ? { text: redact(text, blanked), found: blanked } : { text, found: NOTHING };
  remember(masked, text, out);
  return out;
}

/**
 * `message` with every value it quotes passed through maskedValue (what is not found stays as written, byte for byte),
 * and what was found in them.
 */
export function redactMessageValues(message: string): Masked {
  const cached = messages.get(message);
  if (cached !== undefined) return cached;
  let out = '';
  let done = 0;
  let judged = 0;
  const found: string[] = [];
  for (const match of message.matchAll(QUOTED_OR_CUT)) {
    out += message.slice(done, match.index);
    const closed = match[0].length === match[1].length + 2;
    const inside = match[1];
    const text = unescaped(inside);
    const value = judged++ < MAX_RUNS_JUDGED ? maskedValue(text) : { text: redact(text), found: NOTHING };
    found.push(...value.found);
    out += `"${value.text === text ? inside : JSON.stringify(value.text).slice(1, -1)}${closed ? '"' : ''}`;
    done = match.index + match[0].length;
  }
  const result = { text: out + message.slice(done), found: found.length ? [...new Set(found)] : NOTHING };
  remember(messages, message, result);
  return result;
}

/** The text a JSON-escaped run stands for; a run cut inside an escape (`\u00`) loses the escape's head. */
function unescaped(inside: string): string {
  for (const candidate of [inside, inside.replace(/\\(?:u[0-9a-fA-F]{0,3})?$/, '')]) {
    try {
      return JSON.parse(`"${candidate}"`) as string;
    } catch {
      // A run that is no JSON (a message's own quotes around raw text): the next candidate, then the run as written.
    }
  }
  return inside;
}

/** The shortest head of a secret's form that is blanked where a message quotes it whole (`"echo zx9"` tells three characters). */
const MIN_DERIVED_HEAD = 8;
/** The longest: a message quotes a value whole up to 80 characters (longer ones by their size, or cut). */
const MAX_DERIVED_HEAD = 80;

/**
 * `message` with every value it quotes whole that is the head of one of `forms` (secrets, and the forms a message derives
 * from them: lower-cased, made kebab-case) blanked. A message derives names from a value and cuts them, as the chart does:
 * a port name is the entrypoint's name lower-cased and cut to 15 characters (`"echo zx9pq7wlm2"` of `echo Zx9pQ7wLm2vK | …`).
 * `forms` is asked for only where a message quotes such a value.
 */
export function redactDerivedHeads(message: string, forms: () => readonly string[]): string {
  let all: readonly string[] | undefined;
  return message.replace(QUOTED_OR_CUT, (run: string, inside: string) => {
    const text = unescaped(inside);
    if (run.length !== inside.length + 2 || text.length < MIN_DERIVED_HEAD || text.length > MAX_DERIVED_HEAD) return run;
    all ??= forms();
    return all.some((form) => form.length > text.length && form.startsWith(text)) ? `"${REDACTED}"` : run;
  });
}

// Each text is judged once: a validation prints thousands of problems that share their wording and values.
const masked = new Map<string, Masked>();
const messages = new Map<string, Masked>();
function remember(memo: Map<string, Masked>, text: string, out: Masked): void {
  if (text.length > 1000) return;
  if (memo.size >= 10_000) memo.clear();
  memo.set(text, out);
}
