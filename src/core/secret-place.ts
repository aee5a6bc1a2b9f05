import type { Path, Problem } from './problem';
import { FoundSecret, redact, secretRefusal, secretsInData } from './secrets';
import { namesSecretValue } from './secrets-keys';
import { textAsData } from './text-data';

/**
 * Where in a multi-line text (a ConfigMap's file, a `|` block) a refused secret stands (attack round 39a-8): the text's
 * line that sets it by itself, and what on that line was matched, a key named like a secret ("a line setting
 * Authorization") or the shape's name ("an HTTP credential (Bearer or Basic)"), never the value. The config's front
 * door turns the line into the file's line where the text is a literal block (load.ts), whose lines are the file's.
 */

/** A refusal's problem for `secret`, found in `data`: its message names the line of a multi-line text that holds it. */
export function secretProblem(secret: FoundSecret, data: unknown): Problem {
  const text = textAt(data, secret.path);
  const place = text === undefined ? undefined : placeInText(text);
  if (!place) return { path: secret.path, message: secretRefusal(secret) };
  // The line's own kind where it sets a secret by itself, not the whole text's first (43a-17: line 1 a name=value, line 2
  // the URL); what the line matched, where it says more than the kind does (40a-8b: not the same words twice).
  const kind = place.what ?? secret.what;
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
  const lines = textAt(data, secret.path)!.split(/\r?\n|\r/, MAX_LINES);
  const more: Problem[] = [];
  for (let i = first.textLine; i < lines.length && more.length < MAX_PLACES - 1; i++) {
    const found = lineFinding(lines[i]);
    if (!found) continue;
    const what = `${found.what}, on its line ${i + 1}${found.matched && found.matched !== found.what ? ` (${found.matched})` : ''}`;
    more.push({ path: secret.path, message: secretRefusal({ ...secret, what }), textLine: i + 1 });
  }
  return [first, ...more];
}

/**
 * Every line of `text` at `path` that sets a secret by itself, each a refusal naming its line, for a text refused whole
 * for another reason and left out of the data (an `extraObjects` item given as text with a YAML syntax error, 43a-16):
 * its secret lines are still said in the same run, at their lines.
 */
export function secretLineProblems(text: string, path: Path): Problem[] {
  const lines = text.split(/\r?\n|\r/, MAX_LINES);
  const found: Problem[] = [];
  for (let i = 0; i < lines.length && found.length < MAX_PLACES; i++) {
    const line = lineFinding(lines[i]);
    if (!line) continue;
    const what = `${line.what}, on its line ${i + 1}${line.matched && line.matched !== line.what ? ` (${line.matched})` : ''}`;
    found.push({ path, message: secretRefusal({ path, value: lines[i], what }), textLine: i + 1 });
  }
  return found;
}

/** How many lines of one text a run names at most. */
const MAX_PLACES = 20;

/** What a line of a text sets by itself (secretsInData of the line), and the key named like a secret it sets, if any. */
function lineFinding(written: string): { what: string; matched?: string } | undefined {
  const line = written.trim();
  const found = line ? secretsInData(line) : [];
  if (!found.length) return undefined;
  const key = [...line.matchAll(KEY_ON_LINE)].map((match) => match[1]).find((name) => namesSecretValue(name));
  return { what: found[0].what, matched: key ? `a line setting ${key}` : undefined };
}

/** The multi-line text at `path` of plain data, or undefined (a path into text read as data, a getter, a number). */
function textAt(data: unknown, path: Path): string | undefined {
  let node = data;
  for (const key of path) {
    if (!node || typeof node !== 'object') return undefined;
    const own = Object.getOwnPropertyDescriptor(node, key);
    if (!own || !('value' in own)) return undefined;
    node = own.value;
  }
  return typeof node === 'string' && node.includes('\n') ? node : undefined;
}

/** How many lines of a text are read for the place (each is judged alone): past them a message names no line. */
const MAX_LINES = 2000;
/** A key set on a line (`Authorization:`, `DB_PASSWORD=`, `"token":`), up to 64 characters: a name, never a value. */
const KEY_ON_LINE = /(?<![\w.-])([A-Za-z_][\w.-]{0,63})["']?[ \t]*(?::|=)/g;

/**
 * The first line of `text` that sets a secret by itself, judged as any text is (secretsInData), 1-based; where none does
 * alone (`? password` then `: abc`), the first line naming the key its data read as YAML or JSON holds it under; else
 * (a here-doc's line, `sudo -S x <<EOF` then the password: 40a-8) the first line the whole text's redaction changes,
 * with no `matched` (the finding, of the whole text, names it). `what`: the kind the line sets by itself, if it does.
 */
export function placeInText(text: string): { line: number; matched?: string; what?: string } | undefined {
  const lines = text.split(/\r?\n|\r/, MAX_LINES);
  for (let i = 0; i < lines.length; i++) {
    const found = lineFinding(lines[i]);
    if (found) return { line: i + 1, matched: found.matched ?? found.what, what: found.what };
  }
  const found = (textAsData(text) ?? []).flatMap((data) => secretsInData(data));
  const names = found[0]?.path.filter((key): key is string => typeof key === 'string') ?? [];
  const key = names.reverse().find((name) => /^[A-Za-z_][\w.-]{0,63}$/.test(name) && namesSecretValue(name));
  const line = key === undefined ? -1 : lines.findIndex((written) => written.includes(key));
  if (line >= 0) return { line: line + 1, matched: `the key ${key}, read as YAML` };
  const redacted = redact(text).split(/\r?\n|\r/, MAX_LINES);
  const changed = redacted.length === lines.length ? lines.findIndex((written, i) => written !== redacted[i]) : -1;
  return changed < 0 ? undefined : { line: changed + 1 };
}
