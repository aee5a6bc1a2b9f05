import type { Path } from '../core/problem';
import { nodePath } from './document-nodes';
import type { InputProblem } from './yaml-problem';
import { aliasResolver } from './yaml-secrets';
import type { Document } from 'yaml';

/** Where a tab-indented line belongs, and the spaces that would put it there. */
export interface TabPlace {
  readonly path: Path;
  readonly spaces: number;
}

/** What besideTabLines needs of readYaml's answer (yaml-input.ts YamlInput, which imports this file). */
interface TabRead {
  readonly doc?: Document.Parsed;
  readonly data?: unknown;
}

/** A block key at the start of a line's content (`- name: x`, `address: 1`): its name, or undefined. */
const LINE_KEY = /^(?:-[ ]+)*([^\s:#'"{}[\],&*!|>%@`-][^\s:#]*):(?:[ ]|$)/;

/**
 * 79b-3: the key path of the first tab-indented line (at `lineStart` of `text`), guessed from the line above it in
 * `read`, the text with the tab lines blanked: under that line when it opens a map (`controlPlane:`), beside its key
 * otherwise. `pathOf` is the blanked document's key path at an offset (nodePath: a key starting there is not in it).
 */
export function tabLinePlace(text: string, read: string, lineStart: number, pathOf: (offset: number) => Path): TabPlace | undefined {
  let end = lineStart - 1;
  while (end > 0) {
    const start = read.lastIndexOf('\n', end - 1) + 1;
    const line = read.slice(start, end);
    const content = line.trim();
    if (content && !content.startsWith('#')) {
      const column = /^[ -]*/.exec(line)![0].length;
      const opens = /:[ ]*(#.*)?$/.test(content) && LINE_KEY.test(content);
      const parent = opens ? pathOf(start + column + 1) : pathOf(start + column);
      const own = LINE_KEY.exec(text.slice(lineStart, text.indexOf('\n', lineStart) >>> 0).trimStart())?.[1];
      return { path: own ? [...parent, own] : parent, spaces: opens ? column + 2 : column };
    }
    end = start - 1;
  }
  return undefined;
}

/** The tab message's fix, placed by `tabLinePlace`. */
export const tabAdvice = (place: TabPlace | undefined, line: number): string =>
  place ? `: indent line ${line} with ${place.spaces} space${place.spaces === 1 ? '' : 's'} instead` : '';

/**
 * The file read with its tab-indented lines blanked (same length: every offset and line stays), when the rest then
 * reads as data: its other problems are reported in the same run (69c-15). The map around the first blanked line is
 * `dropped`: what its findings would say (a key "required" there) may only be the line the tab hid. Where the rest is
 * unreadable (its children now hang under another key, or a slip of its own), no data: the caller keeps its problems
 * that the blanking cannot have caused.
 */
export function besideTabLines<R extends TabRead>(
  text: string,
  lineStarts: readonly number[],
  readYaml: (text: string) => R,
): R & { dropped: Path; place?: TabPlace } {
  let blanked = '';
  let from = 0;
  for (const start of lineStarts) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    blanked += text.slice(from, start) + ' '.repeat(stop - start);
    from = stop;
  }
  const read = blanked + text.slice(from);
  const rest = readYaml(read);
  if (!rest.doc) return { ...rest, data: undefined, dropped: [] };
  const resolve = aliasResolver(rest.doc);
  const place = tabLinePlace(text, read, lineStarts[0], (offset) => nodePath(rest.doc!.contents, offset, [], resolve));
  if (rest.data === undefined) return { ...rest, data: undefined, dropped: [], place };
  // The key paths of the lines just above and just below the first blanked one (at their first key): their common part.
  const keyStart = (lineStart: number) => lineStart + /^[ -]*/.exec(read.slice(lineStart, lineStart + 200))![0].length;
  const above = read.slice(0, lineStarts[0]).trimEnd();
  const belowAt = read.slice(lineStarts[0]).search(/\n[ -]*[^\s-]/);
  const pathOf = (offset: number) => nodePath(rest.doc!.contents, offset, [], resolve);
  const before = above ? pathOf(keyStart(above.lastIndexOf('\n') + 1)) : [];
  if (belowAt < 0) return { ...rest, dropped: before, place };
  const after = pathOf(keyStart(lineStarts[0] + belowAt + 1));
  const differ = before.findIndex((key, i) => after[i] !== key);
  return { ...rest, dropped: differ < 0 ? before : before.slice(0, differ), place };
}

/**
 * Whether a problem of the text read without its tab lines cannot come of blanking them: one above the first (the text
 * up to there is the file's), or text after a closing quote, which is its own line's slip, on another line.
 */
export function notFromTabLines(problem: InputProblem, tabLines: readonly number[]): boolean {
  if (problem.line === undefined) return false;
  if (problem.line < tabLines[0]) return true;
  if (tabLines.includes(problem.line)) return false;
  // 79b-3: an unclosed quote or bracket of its own line is no nesting slip: the blanking cannot have caused it; nor
  // (80a-2) a second ": " on a line or a bad escape in a value, each its own line's.
  return /^opens a (quote|flow)|^has text after its closing|^has a second ": "/.test(problem.message) || problem.badEscape === true;
}
