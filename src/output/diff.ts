import { terminalLine } from '../core/control-text';
import { FileTree } from './publish';

/** jsdiff, loaded when there is something to diff (`--dry-run`, `npm run check` finding a change), not on every synth. */
const jsdiff = (): typeof import('diff') => require('diff') as typeof import('diff');

/**
 * 81c-6: the largest side of a file a diff shows, in characters. Each side is redacted as a whole text first, and the
 * readers take seconds a few hundred kB on text of many short lines: a 7 MB hand edit of dist/ kept `npm run check`
 * busy for five minutes. Past it the change is counted, never read for secrets nor shown.
 */
export const MAX_SHOWN_CHARACTERS = 256 * 1024;
/**
 * The most lines a diff adds and removes: jsdiff's Myers diff costs O((n+m)·d), seconds for d of tens of thousands
 * (a whole file replaced), and minutes past. Past it the change is counted (changeCount).
 */
const MAX_EDIT_LINES = 2000;

/** Whether a file's change is too large to show, by either side's size (MAX_SHOWN_CHARACTERS). */
export const tooLargeToShow = (...sides: ReadonlyArray<string | undefined>): boolean =>
  sides.some((text) => text !== undefined && text.length > MAX_SHOWN_CHARACTERS);

/**
 * A change not shown, counted, in one linear pass: how many lines only one side holds (each line matched once with an
 * equal line of the other side), and why it is not shown. Says no line's text, so it needs no redaction.
 */
export function changeCount(before: string | undefined, after: string | undefined, where: [string, string]): string {
  const count = new Map<string, number>();
  const lines = (text: string | undefined) => (text === undefined || text === '' ? [] : text.split('\n'));
  for (const line of lines(before)) count.set(line, (count.get(line) ?? 0) + 1);
  let added = 0;
  for (const line of lines(after)) {
    const left = count.get(line) ?? 0;
    if (left > 0) count.set(line, left - 1);
    else added++;
  }
  const removed = [...count.values()].reduce((sum, n) => sum + n, 0);
  const size = Math.max(before?.length ?? 0, after?.length ?? 0);
  const why =
    size > MAX_SHOWN_CHARACTERS
      ? `${size} characters, more than a diff shows (${MAX_SHOWN_CHARACTERS / 1024} KiB a side)`
      : `more than the ${MAX_EDIT_LINES} changed lines a diff shows`;
  // A side that does not exist is no side to compare: a new or removed file is counted whole.
  const counted =
    before === undefined
      ? `${added} line(s), a new file`
      : after === undefined
        ? `${removed} line(s)`
        : `${removed} line(s) only in ${where[0]}, ${added} only in ${where[1]}`;
  return `not shown: ${why}; ${counted}`;
}

/** How a dry run's count names the two sides of a change. */
export const AS_IT_STANDS_AND_TO_BE_WRITTEN: [string, string] = ['the file as it stands', 'the file to be written'];

/** jsdiff's hunks of two texts, or undefined past MAX_EDIT_LINES (a side that is empty costs no search: all lines go). */
function hunksOf(oldText: string, newText: string, context: number, names = ['', '']) {
  const { structuredPatch } = jsdiff();
  const maxEditLength = oldText && newText ? MAX_EDIT_LINES : Infinity;
  const patch = structuredPatch(names[0], names[1], oldText, newText, undefined, undefined, { context, maxEditLength });
  return patch?.hunks;
}

/**
 * Line diff of two texts in unified style: a `@@ -old +new @@` header per hunk, then `  ` / `- ` / `+ `
 * lines with `context` unchanged lines around each change; undefined past MAX_EDIT_LINES.
 */
function diffLines(oldText: string, newText: string, context = 2): string[] | undefined {
  const hunks = hunksOf(oldText, newText, context);
  return hunks?.flatMap((hunk) => [
    `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
    // `\ No newline at end of file` stays as jsdiff writes it.
    // A control character of a hand-edited file is shown escaped (`\e`, `\a`), never sent raw to the terminal.
    ...hunk.lines.map((line) => terminalLine(line.startsWith('\\') ? line : `${line[0]} ${line.slice(1)}`)),
  ]);
}

/**
 * Differences between two file trees, as readable lines; empty when they are equal. `shown` gives the text
 * each side is shown as (redacted): files are compared as they are, shown as `shown` makes them.
 */
export function diffTrees(committed: FileTree, fresh: FileTree, shown: (text: string) => string = (text) => text): string[] {
  const out: string[] = [];
  const paths = [...new Set([...committed.keys(), ...fresh.keys()])].sort();
  for (const path of paths) {
    const before = committed.get(path);
    const after = fresh.get(path);
    if (before === after) continue;
    if (before === undefined) out.push(`+++ ${path} (missing from the committed output)`);
    else if (tooLargeToShow(before, after)) {
      const change = changeCount(before, after, ['dist/', 'a fresh synth']);
      out.push(after === undefined ? `--- ${path} (stale: a fresh synth no longer writes it; ${change})` : `*** ${path} (${change})`);
    } else if (after === undefined) {
      out.push(`--- ${path} (stale: a fresh synth no longer writes it)`);
      // A file on its way out is still committed until it goes: a secret in it is named too (76a-16).
      out.push(...secretLineNotes(before, shown(before)).map((note) => `!!! ${path}: ${note}`));
    } else {
      const [shownBefore, shownAfter] = [shown(before), shown(after)];
      const lines = diffLines(shownBefore, shownAfter);
      if (!lines) out.push(`*** ${path} (${changeCount(before, after, ['dist/', 'a fresh synth'])})`);
      else out.push(`*** ${path}${lines.length ? '' : ' (differs only inside values that are not shown: secrets)'}`, ...lines);
      out.push(...secretLineNotes(before, shownBefore).map((note) => `!!! ${path}: ${note}`));
      out.push(...secretLineNotes(after, shownAfter, WRITTEN_SECRET).map((note) => `!!! ${path}: ${note}`));
    }
  }
  return out;
}

/** How many lines of one file the notes name; the rest are counted. */
const MAX_NOTED = 20;

/**
 * 75a-4: what a line of a fresh synth's file holds where the diff blanks it: the gate passed the file, so the value is one
 * a file as it stands holds as a secret (moved by hand from a key named like a secret, say). Named, never hidden silently.
 */
export const WRITTEN_SECRET = 'of a fresh synth holds a value not shown (a file of dist/ as it stands holds it as a secret)';

/**
 * 73b-7: the lines of `text` that its redaction `shownText` blanks, each said as holding a secret-shaped value (never the
 * value), so a hand edit that put one in a committed file is named where it stands, not only hidden in the diff.
 */
export function secretLineNotes(text: string, shownText: string, holds = 'holds a secret-shaped value (not shown)'): string[] {
  const [lines, shownLines] = [text.split('\n'), shownText.split('\n')];
  if (lines.length !== shownLines.length) return [];
  const numbers = lines.flatMap((line, i) => (line === shownLines[i] ? [] : [i + 1]));
  const notes = numbers.slice(0, MAX_NOTED).map((n) => `line ${n} ${holds}`);
  const more = numbers.length - MAX_NOTED;
  return more > 0 ? [...notes, `${more} more line(s) hold one too`] : notes;
}

/**
 * One file's change as a unified diff (`diff -u`; what `git apply` and `patch -p1` read): `--- a/<path>`,
 * `+++ b/<path>`, `/dev/null` for the side where the file does not exist, so an added file shows in full.
 */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined, context = 3): string[] {
  const hunks = hunksOf(before ?? '', after ?? '', context, [path, path]);
  if (!hunks) return [`# ${path} ${changeCount(before, after, AS_IT_STANDS_AND_TO_BE_WRITTEN)}`];
  // An empty side starts "before line 1": `-0,0`.
  const range = (start: number, lines: number) => `${lines ? start : start - 1},${lines}`;
  // An absolute path is shown as it is (`patch -p0` reads it).
  const [a, b] = path.startsWith('/') ? ['', ''] : ['a/', 'b/'];
  return [
    `--- ${before === undefined ? '/dev/null' : `${a}${path}`}`,
    `+++ ${after === undefined ? '/dev/null' : `${b}${path}`}`,
    // Printed to a terminal (`synth --dry-run`): a control character is shown escaped, never sent raw.
    ...hunks.flatMap((hunk) => [
      `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`,
      ...hunk.lines.map(terminalLine),
    ]),
  ];
}
