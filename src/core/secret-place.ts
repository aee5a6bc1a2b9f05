import type { Path, Problem } from './problem';
import { secretRefusal } from './literal-refusal';
import { FoundSecret, secretsInData, secretsInLines } from './secrets';
import { namesSecretValue } from './secrets-keys';
import { saysMore } from './secret-shapes';
import { dataPlaces, redactedPlaces } from './text-places';
import { entryFaultLines } from './htpasswd-files';
import { fileSourceLines } from './file-sources';

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
  return placedProblem(secret, data).problem;
}

/** secretProblem's problem, and the place in its text it names (placeInText's). */
function placedProblem(secret: FoundSecret, data: unknown): { problem: Problem; place?: TextPlaceFound } {
  const text = textAt(data, secret.path);
  const place = text === undefined ? undefined : placeInText(text);
  if (!place) return { problem: { path: secret.path, message: secretRefusal(secret), ...indexOf(secret, data) } };
  // The line's own kind where it sets a secret by itself, not the whole text's first (43a-17: line 1 a name=value, line 2
  // the URL); what the line matched, where it says more than the kind does (40a-8b: not the same words twice).
  // A reading said last (secret-shapes.ts FINDERS' saidLast) says less than the text's own reading (a here-doc's).
  // Yet not the text's kind where another line sets that kind by itself (68a-16: a prose password on line 1 is no SQL*Plus
  // logon of line 2); a kind only the lines together make (a here-doc to Redis) stays the text's.
  const kindElsewhere = (): boolean =>
    text!.split(/\r?\n|\r/, MAX_LINES).some((line, i) => i + 1 !== place.line && lineFinding(line, i, text!)?.what === secret.what);
  const kind = place.what && (saysMore(place.what) || kindElsewhere()) ? place.what : secret.what;
  const what = `${kind}, on its line ${place.line}${place.matched && place.matched !== kind ? ` (${place.matched})` : ''}`;
  return { problem: { path: secret.path, message: secretRefusal({ ...secret, what }), textLine: place.line }, place };
}

/**
 * Every refusal's problem for `secret`: secretProblem's, then one for each later line of its text that sets a secret by
 * itself, each naming its line (42a-13: several secrets of one text are reported in one run, not one per run), at most
 * MAX_PLACES in all.
 */
export function secretProblems(secret: FoundSecret, data: unknown): Problem[] {
  const { problem: first, place } = placedProblem(secret, data);
  if (first.textLine === undefined) return [first];
  const text = textAt(data, secret.path)!;
  const allLines = text.split(/\r?\n|\r/);
  const lines = allLines.slice(0, MAX_LINES);
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
    const found = lineFinding(lines[i], i, text);
    if (found) add(i + 1, found.what, found.matched);
  }
  // Past the last line named, how many more set one by themselves: the last message says so (45a-20b), not silence.
  let left = 0;
  for (; i < lines.length && more.length >= MAX_PLACES - 1; i++) if (lineFinding(lines[i], i, text)) left++;
  if (left) {
    const last = more[more.length - 1];
    const what = `${said.get(last)!}, and ${moreLines(left, allLines)}`;
    more[more.length - 1] = { ...last, message: secretRefusal({ ...secret, what }) };
  }
  // The lines that set one only with others, before or after the first (44a-14, 44a-15), in the same run: in a text of up
  // to MAX_PLACED_TEXT characters (each is a reading of the whole text); in a longer one, those its redaction blanks
  // where that found the first line (68c-6: a script of 2000 here-docs), as that reading is then already done.
  const whole = text.length <= MAX_PLACED_TEXT;
  if ((!whole && !place?.byRedaction) || more.length >= MAX_PLACES - 1) return [first, ...more];
  if (whole)
    for (const found of dataPlaces(text, lines))
      if (!named.has(found.line) && more.length < MAX_PLACES - 1) add(found.line, found.what ?? secret.what, found.matched);
  // Every line of the text, not MAX_LINES: comparing a line with its redaction is cheap, and the count must be whole.
  const blanked = redactedPlaces(text, allLines, named, MAX_PLACES - 1 - more.length);
  for (const found of blanked.places) add(found.line, found.what ?? secret.what);
  if (whole)
    for (const entry of entryFaultLines(text)) if (!named.has(entry.line) && more.length < MAX_PLACES - 1) add(entry.line, entry.what);
  const all = [first, ...more.sort((a, b) => a.textLine! - b.textLine!)];
  // Past the MAX_PLACES named, how many more it blanks: the last message says so, as for the lines above (README: "up to
  // 20 per text, then how many more").
  if (blanked.left) {
    const last = all[all.length - 1];
    const lines1 = blanked.left === 1 ? '1 more line of the text holds one too' : `${blanked.left} more lines of the text hold one too`;
    all[all.length - 1] = { ...last, message: secretRefusal({ ...secret, what: `${said.get(last)!}, and ${lines1}` }) };
  }
  return joinedRuns(all);
}

/**
 * 73b-8: problems of consecutive lines that say the same but for the line (one key block: an OpenVPN static key's 18
 * lines, an ssh.com key's 11) as one problem, `on its lines 1–18`: one problem is one message, not a screen of them.
 */
function joinedRuns(problems: readonly Problem[]): Problem[] {
  const saying = (problem: Problem) => problem.message.replace(`, on its line ${problem.textLine},`, ', on its line #,');
  const joined: Array<{ first: Problem; last: number }> = [];
  for (const problem of problems) {
    const run = joined[joined.length - 1];
    if (run && problem.textLine === run.last + 1 && saying(problem) === saying(run.first)) run.last = problem.textLine;
    else joined.push({ first: problem, last: problem.textLine! });
  }
  return joined.map(({ first, last }) =>
    last === first.textLine
      ? first
      : { ...first, message: first.message.replace(`, on its line ${first.textLine},`, `, on its lines ${first.textLine}–${last},`) },
  );
}

/**
 * Every line of `text` at `path` that sets a secret by itself, each a refusal naming its line, for a text refused whole
 * for another reason and left out of the data (an `extraObjects` item given as text with a YAML syntax error, 43a-16):
 * its secret lines are still said in the same run, at their lines.
 */
export function secretLineProblems(text: string, path: Path): Problem[] {
  const allLines = text.split(/\r?\n|\r/);
  const lines = allLines.slice(0, MAX_LINES);
  const found: Problem[] = [];
  let what = '';
  let i = 0;
  for (; i < lines.length && found.length < MAX_PLACES; i++) {
    const line = lineFinding(lines[i], i, text);
    if (!line) continue;
    what = `${line.what}, on its line ${i + 1}${line.matched && line.matched !== line.what ? ` (${line.matched})` : ''}`;
    found.push({ path, message: secretRefusal({ path, value: lines[i], what }), textLine: i + 1 });
  }
  // Past the last line named, how many more set one: the last message says so, as secretProblems' does (46a-8).
  let left = 0;
  for (; i < lines.length; i++) if (lineFinding(lines[i], i, text)) left++;
  if (left) {
    const last = found[found.length - 1];
    found[found.length - 1] = {
      ...last,
      message: secretRefusal({ path, value: '', what: `${what}, and ${moreLines(left, allLines)}` }),
    };
  }
  return found;
}

/**
 * How many more lines after the last one named set a secret, of a text of `allLines`: in a text longer than MAX_LINES
 * the count is of its first MAX_LINES, and says so (the rest are not read line by line).
 */
function moreLines(left: number, allLines: readonly string[]): string {
  const counted = left === 1 ? '1 more line after it sets one too' : `${left} more lines after it set one too`;
  const unread = allLines.slice(MAX_LINES).some((line) => line.trim() !== '');
  return unread ? `${counted} in the text's first ${MAX_LINES} lines (the rest are not read line by line)` : counted;
}

/** How many lines of one text a run names at most. */
const MAX_PLACES = 20;
/** The longest text whose lines that set a secret only together are all named (a script, a config file). */
const MAX_PLACED_TEXT = 64 * 1024;

/**
 * What line `index` of `text` sets by itself (secretsInData of the line), and the key named like a secret it sets, if any.
 * A kustomize generator's `files` line sets none (80a-12), though alone it reads as `key=value`.
 */
function lineFinding(written: string, index: number, text: string): { what: string; matched?: string } | undefined {
  const line = written.trim();
  const found = line && !fileSourceLines(text).has(index) ? secretsInData(line) : [];
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
/**
 * A key set on a line (`Authorization:`, `DB_PASSWORD=`, `"token":`), up to 64 characters: a name, never a value. 75a-6:
 * a digit or a letter of any script may start it (`"2fa.recovery_codes":`, `contraseña:`).
 */
const KEY_ON_LINE = /(?<![\p{L}\p{N}_.-])([\p{L}\p{N}_][\p{L}\p{M}\p{N}_.-]{0,63})["']?[ \t]*(?::|=)/gu;

/** Where placeInText found a text's secret; `byRedaction`: found as a line the whole text's redaction blanks. */
interface TextPlaceFound {
  readonly line: number;
  readonly matched?: string;
  readonly what?: string;
  readonly byRedaction?: true;
}

/**
 * The first line of `text` that sets a secret by itself, judged as any text is (secretsInData), 1-based; where none does
 * alone (`? password` then `: abc`), the first line naming the key its data read as YAML or JSON holds it under, or holding
 * the value (an `argv:` list's item), with that finding's kind; else
 * (a here-doc's line, `sudo -S x <<EOF` then the password: 40a-8) the first line the whole text's redaction changes,
 * with no `matched` (the finding, of the whole text, names it). `what`: the kind the line sets by itself, if it does.
 */
export function placeInText(text: string): TextPlaceFound | undefined {
  const lines = text.split(/\r?\n|\r/, MAX_LINES);
  for (let i = 0; i < lines.length; i++) {
    const found = lineFinding(lines[i], i, text);
    if (found) return { line: i + 1, matched: found.matched ?? found.what, what: found.what };
  }
  // The line its data read as YAML or JSON holds one on, with that finding's kind (44a-15: `argv:` then its items).
  const data = dataPlaces(text, lines)[0];
  if (data) return data;
  const redacted = redactedPlaces(text, lines, new Set(), 1).places[0];
  if (redacted) return { line: redacted.line, what: redacted.what, byRedaction: true };
  // Else the first line holding a value its line-by-line reading finds (`password (str): <pw>` in a docstring: 47a-11).
  const values = secretsInLines(text).filter((value) => value.length >= 4 && !/[\r\n]/.test(value));
  const line = values.length ? lines.findIndex((written) => values.some((value) => written.includes(value))) : -1;
  if (line >= 0) return { line: line + 1 };
  // Else, in an htpasswd or htdigest file, the first entry holding a password (58a-20: no line of it is one alone).
  const entry = entryFaultLines(text)[0];
  return entry && { line: entry.line, what: entry.what };
}
