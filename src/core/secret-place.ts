import type { Path, Problem } from './problem';
import { secretRefusal } from './literal-refusal';
import { FoundSecret, secretsInData, secretsInLines } from './secrets';
import { namesSecretValue } from './secrets-keys';
import { saysMore } from './secret-shapes';
import { dataPlaces, redactedPlaces } from './text-places';
import { entryFaultLines } from './htpasswd-files';

/**
 * Where in a multi-line text (a ConfigMap's file, a `|` block) a refused secret stands (attack round 39a-8): the text's
 * line that sets it by itself, and what on that line was matched, a key named like a secret ("a line setting
 * Authorization") or the shape's name ("an HTTP credential (Bearer or Basic)"), never the value. The config's front
 * door turns the line into the file's line where the text is a literal block (load.ts), whose lines are the file's.
 */

/**
 * The places (formatted key paths) whose key itself holds a secret: a problem about such a key's name (`aboutName`: an
 * annotation key that is no qualified name) says nothing the secret's own message does not, once the key is removed.
 */
export function secretKeyPlaces(secrets: readonly FoundSecret[], format: (path: Path) => string): Set<string> {
  return new Set(secrets.filter((s) => s.path.length && String(s.path[s.path.length - 1]).includes(s.value)).map((s) => format(s.path)));
}

/** A refusal's problem for `secret`, found in `data`: its message names the line of a multi-line text that holds it. */
export function secretProblem(secret: FoundSecret, data: unknown): Problem {
  const text = textAt(data, secret.path);
  const place = text === undefined ? undefined : placeInText(text);
  if (!place) return { path: secret.path, message: secretRefusal(secret), ...indexOf(secret, data) };
  // The line's own kind where it sets a secret by itself, not the whole text's first (43a-17: line 1 a name=value, line 2
  // the URL); what the line matched, where it says more than the kind does (40a-8b: not the same words twice).
  // A reading said last (secret-shapes.ts FINDERS' saidLast) says less than the text's own reading (a here-doc's).
  // Yet not the text's kind where another line sets that kind by itself (68a-16: a prose password on line 1 is no SQL*Plus
  // logon of line 2); a kind only the lines together make (a here-doc to Redis) stays the text's.
  const kindElsewhere = (): boolean =>
    text!.split(/\r?\n|\r/, MAX_LINES).some((line, i) => i + 1 !== place.line && lineFinding(line)?.what === secret.what);
  const kind = place.what && (saysMore(place.what) || kindElsewhere()) ? place.what : secret.what;
  const what = `${kind}, on its line ${place.line}${place.matched && place.matched !== kind ? ` (${place.matched})` : ''}`;
  return { path: secret.path, message: secretRefusal({ ...secret, what }), textLine: place.line };
}

/**
 * Every refusal's problem for `secret`: secretProblem's, then one for each later line of its text that sets a secret by
 * itself, each naming its line (42a-13: several secrets of one text are reported in one run, not one per run), at most
 * MAX_PLACES in all.
 */
export function secretProblems(secret: FoundSecret, data: unknown): Problem[] {
  const first = secretProblem(secret, data);
  if (first.textLine === undefined) return [first];
  const text = textAt(data, secret.path)!;
  const lines = text.split(/\r?\n|\r/, MAX_LINES);
  const more: Problem[] = [];
  const named = new Set([first.textLine]);
  const said = new Map<Problem, string>();
  const add = (line: number, kind: string, matched?: string) => {
    const what = `${kind}, on its line ${line}${matched && matched !== kind ? ` (${matched})` : ''}`;
    const problem = { path: secret.path, message: secretRefusal({ ...secret, what }), textLine: line };
    said.set(problem, what);
    more.push(problem);
    named.add(line);
  };
  let i = first.textLine;
  for (; i < lines.length && more.length < MAX_PLACES - 1; i++) {
    const found = lineFinding(lines[i]);
    if (found) add(i + 1, found.what, found.matched);
  }
  // Past the last line named, how many more set one by themselves: the last message says so (45a-20b), not silence.
  let left = 0;
  for (; i < lines.length && more.length >= MAX_PLACES - 1; i++) if (lineFinding(lines[i])) left++;
  if (left) {
    const last = more[more.length - 1];
    const more1 = left === 1 ? '1 more line after it sets one too' : `${left} more lines after it set one too`;
    const what = `${said.get(last)!}, and ${more1}`;
    more[more.length - 1] = { ...last, message: secretRefusal({ ...secret, what }) };
  }
  // The lines that set one only with others, before or after the first (44a-14, 44a-15), in the same run: in a text of up
  // to MAX_PLACED_TEXT characters (each is a reading of the whole text).
  if (text.length > MAX_PLACED_TEXT || more.length >= MAX_PLACES - 1) return [first, ...more];
  for (const place of dataPlaces(text, lines))
    if (!named.has(place.line) && more.length < MAX_PLACES - 1) add(place.line, place.what ?? secret.what, place.matched);
  for (const place of redactedPlaces(text, lines, named, MAX_PLACES - 1 - more.length)) add(place.line, place.what ?? secret.what);
  for (const entry of entryFaultLines(text)) if (!named.has(entry.line) && more.length < MAX_PLACES - 1) add(entry.line, entry.what);
  return [first, ...more.sort((a, b) => a.textLine! - b.textLine!)];
}

/**
 * Every line of `text` at `path` that sets a secret by itself, each a refusal naming its line, for a text refused whole
 * for another reason and left out of the data (an `extraObjects` item given as text with a YAML syntax error, 43a-16):
 * its secret lines are still said in the same run, at their lines.
 */
export function secretLineProblems(text: string, path: Path): Problem[] {
  const lines = text.split(/\r?\n|\r/, MAX_LINES);
  const found: Problem[] = [];
  let what = '';
  let i = 0;
  for (; i < lines.length && found.length < MAX_PLACES; i++) {
    const line = lineFinding(lines[i]);
    if (!line) continue;
    what = `${line.what}, on its line ${i + 1}${line.matched && line.matched !== line.what ? ` (${line.matched})` : ''}`;
    found.push({ path, message: secretRefusal({ path, value: lines[i], what }), textLine: i + 1 });
  }
  // Past the last line named, how many more set one: the last message says so, as secretProblems' does (46a-8).
  let left = 0;
  for (; i < lines.length; i++) if (lineFinding(lines[i])) left++;
  if (left) {
    const more = left === 1 ? '1 more line after it sets one too' : `${left} more lines after it set one too`;
    const last = found[found.length - 1];
    found[found.length - 1] = { ...last, message: secretRefusal({ path, value: '', what: `${what}, and ${more}` }) };
  }
  return found;
}

/** How many lines of one text a run names at most. */
const MAX_PLACES = 20;
/** The longest text whose lines that set a secret only together are all named (a script, a config file). */
const MAX_PLACED_TEXT = 64 * 1024;

/** What a line of a text sets by itself (secretsInData of the line), and the key named like a secret it sets, if any. */
function lineFinding(written: string): { what: string; matched?: string } | undefined {
  const line = written.trim();
  const found = line ? secretsInData(line) : [];
  if (!found.length) return undefined;
  const key = [...line.matchAll(KEY_ON_LINE)].map((match) => match[1]).find((name) => namesSecretValue(name));
  return { what: found[0].what, matched: key ? `a line setting ${key}` : undefined };
}

/**
 * Where a secret stands in a one-line text it is part of (`echo hi export DB_PASSWORD=…`, a plain text the file wrote over
 * two lines, which YAML joins into one: 45a-20c), so that the file's line and column are the secret's, not the text's start.
 */
function indexOf(secret: FoundSecret, data: unknown): { textIndex?: number } {
  const text = textAt(data, secret.path, false);
  const index = text === undefined || !secret.value || secret.value === text ? -1 : text.indexOf(secret.value);
  return index > 0 ? { textIndex: index } : {};
}

/** The multi-line text at `path` of plain data, or undefined (a path into text read as data, a getter, a number). */
function textAt(data: unknown, path: Path, multiLine = true): string | undefined {
  let node = data;
  for (const key of path) {
    if (!node || typeof node !== 'object') return undefined;
    const own = Object.getOwnPropertyDescriptor(node, key);
    if (!own || !('value' in own)) return undefined;
    node = own.value;
  }
  return typeof node === 'string' && (!multiLine || node.includes('\n')) ? node : undefined;
}

/** How many lines of a text are read for the place (each is judged alone): past them a message names no line. */
const MAX_LINES = 2000;
/** A key set on a line (`Authorization:`, `DB_PASSWORD=`, `"token":`), up to 64 characters: a name, never a value. */
const KEY_ON_LINE = /(?<![\w.-])([A-Za-z_][\w.-]{0,63})["']?[ \t]*(?::|=)/g;

/**
 * The first line of `text` that sets a secret by itself, judged as any text is (secretsInData), 1-based; where none does
 * alone (`? password` then `: abc`), the first line naming the key its data read as YAML or JSON holds it under, or holding
 * the value (an `argv:` list's item), with that finding's kind; else
 * (a here-doc's line, `sudo -S x <<EOF` then the password: 40a-8) the first line the whole text's redaction changes,
 * with no `matched` (the finding, of the whole text, names it). `what`: the kind the line sets by itself, if it does.
 */
export function placeInText(text: string): { line: number; matched?: string; what?: string } | undefined {
  const lines = text.split(/\r?\n|\r/, MAX_LINES);
  for (let i = 0; i < lines.length; i++) {
    const found = lineFinding(lines[i]);
    if (found) return { line: i + 1, matched: found.matched ?? found.what, what: found.what };
  }
  // The line its data read as YAML or JSON holds one on, with that finding's kind (44a-15: `argv:` then its items).
  const data = dataPlaces(text, lines)[0];
  if (data) return data;
  const redacted = redactedPlaces(text, lines, new Set(), 1)[0];
  if (redacted) return { line: redacted.line, what: redacted.what };
  // Else the first line holding a value its line-by-line reading finds (`password (str): <pw>` in a docstring: 47a-11).
  const values = secretsInLines(text).filter((value) => value.length >= 4 && !/[\r\n]/.test(value));
  const line = values.length ? lines.findIndex((written) => values.some((value) => written.includes(value))) : -1;
  if (line >= 0) return { line: line + 1 };
  // Else, in an htpasswd or htdigest file, the first entry holding a password (58a-20: no line of it is one alone).
  const entry = entryFaultLines(text)[0];
  return entry && { line: entry.line, what: entry.what };
}
