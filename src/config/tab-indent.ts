import type { Node } from 'yaml';
import type { Path } from '../core/problem';
import { atOrUnderAny } from '../core/dropped';
import { nodePath } from './document-nodes';
import type { InputProblem } from './yaml-problem';
import { aliasResolver } from './yaml-secrets';
import type { Document } from 'yaml';

/** Where a tab-indented line belongs, and the spaces that would put it there. */
export interface TabPlace {
  readonly path: Path;
  readonly spaces: number;
  /** The map (or list item) the line's text goes into once the line is blanked: what is found there may be the line's. */
  readonly within: Path;
  /** 82a-9: the list item the line starts (`- name: x`) after the other items of its list, read as one. */
  readonly item?: Path;
}

/** What besideTabLines needs of readYaml's answer (yaml-input.ts YamlInput, which imports this file). */
interface TabRead {
  readonly doc?: Document.Parsed;
  readonly data?: unknown;
  readonly problems: readonly InputProblem[];
}

/** A block key at the start of a line's content (`- name: x`, `address: 1`): its name, or undefined. */
const LINE_KEY = /^(?:-[ ]+)*([^\s:#'"{}[\],&*!|>%@`-][^\s:#]*):(?:[ ]|$)/;

/**
 * 79b-3: the key path of the first tab-indented line (at `lineStart` of `text`), guessed from the line above it in
 * `read`, the text with the tab lines blanked: under that line when it opens a map (`controlPlane:`), beside its key
 * otherwise. `pathOf` is the blanked document's key path at an offset (nodePath: a key starting there is not in it),
 * `itemStart` the offset a list item's text starts at.
 */
export function tabLinePlace(
  text: string,
  read: string,
  lineStart: number,
  pathOf: (offset: number) => Path,
  itemStart: (path: Path) => number | undefined,
): TabPlace | undefined {
  let end = lineStart - 1;
  while (end > 0) {
    const start = read.lastIndexOf('\n', end - 1) + 1;
    const line = read.slice(start, end);
    const content = line.trim();
    if (content && !content.startsWith('#')) {
      const column = /^[ -]*/.exec(line)![0].length;
      const opens = /:[ ]*(#.*)?$/.test(content) && LINE_KEY.test(content);
      const parent = opens ? pathOf(start + column + 1) : pathOf(start + column);
      const written = text.slice(lineStart, text.indexOf('\n', lineStart) >>> 0).trimStart();
      const own = LINE_KEY.exec(written)?.[1];
      const dash = /^-(?:[ ]|$)/.test(written);
      // 84a-10: under a bare dash (`-` alone on its line): the first key of the item that dash starts.
      const bare = BARE_DASH.exec(line);
      if (bare && !dash) return bareDashItemPlace(read, start + bare[0].length - 1, own, pathOf, itemStart);
      // Under a key that opens (`servers:`): its list's first item, two spaces in, as the examples write lists.
      if (dash && opens) return { path: [...parent, 0, ...(own ? [own] : [])], spaces: column + 2, within: parent, item: [...parent, 0] };
      const item = dash ? nextItemPlace(read, parent, own, itemStart) : undefined;
      return item ?? { path: own ? [...parent, own] : parent, spaces: opens ? column + 2 : column, within: parent };
    }
    end = start - 1;
  }
  return undefined;
}

/** A line holding only list dashes (`    -`, `  - -`, maybe a comment): its last dash starts an item on the lines below. */
const BARE_DASH = /^[ ]*-(?:[ ]+-)*(?=[ ]*(?:#.*)?$)/;

/**
 * 84b-9: the tab-indented lines (their starts, in order) in runs, a new run wherever a bare dash of its own line stands
 * between two: each run is one list item's keys, said at that item's path, so one item's lines are not another's.
 */
export function tabLineRuns(text: string, lineStarts: readonly number[]): number[][] {
  const runs: number[][] = [];
  lineStarts.forEach((start, i) => {
    const between = i === 0 ? [] : text.slice(text.indexOf('\n', lineStarts[i - 1]) + 1, start).split('\n');
    if (i === 0 || between.some((line) => BARE_DASH.test(line.replace(/\r$/, '')))) runs.push([start]);
    else runs.at(-1)!.push(start);
  });
  return runs;
}

/**
 * 84a-10: a tab-indented line below a bare dash (at `dash`, an offset of `read`) is the item's first key: its path is
 * the item's (the dash's list, at the index of the item after the dash), its spaces those of the item's keys below it,
 * or two past the dash where it has none (as the examples write lists).
 */
function bareDashItemPlace(
  read: string,
  dash: number,
  own: string | undefined,
  pathOf: (offset: number) => Path,
  itemStart: (path: Path) => number | undefined,
): TabPlace {
  const list = pathOf(dash);
  let index = 0;
  while ((itemStart([...list, index]) ?? Infinity) < dash) index++;
  const item = [...list, index];
  const lineStart = (offset: number) => read.lastIndexOf('\n', offset - 1) + 1;
  const column = dash - lineStart(dash);
  // The item's keys, where they stand on a line of their own below the dash (a map's range starts at its first key).
  const keys = itemStart(item);
  const below = keys !== undefined && keys > read.indexOf('\n', dash) >>> 0 ? keys - lineStart(keys) : undefined;
  return { path: own ? [...item, own] : item, spaces: below !== undefined && below > column ? below : column + 2, within: item };
}

/**
 * 82a-9: a tab-indented line starting with a dash, below an item of a list: the next item of that list (the nearest
 * one around the line above), its dash where the item's dash is. Undefined where no item's dash stands on its first line.
 */
function nextItemPlace(
  read: string,
  above: Path,
  own: string | undefined,
  itemStart: (path: Path) => number | undefined,
): TabPlace | undefined {
  let last = above.length - 1;
  while (last >= 0 && typeof above[last] !== 'number') last--;
  if (last < 0) return undefined;
  const item = above.slice(0, last + 1);
  const start = itemStart(item);
  if (start === undefined) return undefined;
  const lineStart = read.lastIndexOf('\n', start - 1) + 1;
  const dash = /-[ ]*$/.exec(read.slice(lineStart, start));
  if (!dash) return undefined;
  const next = [...item.slice(0, -1), (item[last] as number) + 1];
  return { path: own ? [...next, own] : next, spaces: dash.index, within: item, item: next };
}

/**
 * 82a-9: `read` (the file with its tab lines blanked) with the line of `text` at `lineStart` (`\t- name: x`) written as
 * the list item it starts, its dash at `spaces` and its value left out (`- name:`): the line keeps its length (every
 * offset stays), the item its index, and its lines below it. Undefined when the line is too short for that, or holds
 * no key (`\t- text`).
 */
function asListItem(text: string, read: string, lineStart: number, spaces: number): string | undefined {
  const end = text.indexOf('\n', lineStart) >>> 0;
  const line = text.slice(lineStart, end);
  const key = /^[ \t]*(-[ ]+[^\s:#'"{}[\],&*!|>%@`-][^\s:#]*:)(?:[ ]|$)/.exec(line)?.[1];
  if (!key || spaces + key.length > line.length) return undefined;
  return read.slice(0, lineStart) + `${' '.repeat(spaces)}${key}`.padEnd(line.length) + read.slice(end);
}

/**
 * The tab message's fix, placed by `tabLinePlace`; with a tab after the line's list dash too (`<TAB>-<TAB>name: x`), the
 * space to write there, so one run says both (83a-13, dash-tab.ts).
 */
export function tabAdvice(place: TabPlace | undefined, line: number, written: string): string {
  const dash = /^[ \t]*-[ -]*\t/.test(written) ? 'write a space after its "-" instead of the tab' : undefined;
  if (!place) return dash ? `: ${dash}` : '';
  return `: indent line ${line} with ${place.spaces} space${place.spaces === 1 ? '' : 's'} instead${dash ? `, and ${dash}` : ''}`;
}

/**
 * The file read with its tab-indented lines blanked (same length: every offset and line stays), when the rest then
 * reads as data: its other problems are reported in the same run (69c-15). What the first blanked line's text went
 * into (`within`, the map around it or the item it continues) is `dropped`: what its findings would say may only be
 * that line's doing; in the maps it may have belonged to above that (`missingIn`, up to the one the lines around it
 * share), only a key the data lacks (82a-8: a tab deep in `traefik.values` hid `traefik.chartVersion`). A line that
 * starts a list item is read as that item, its value left out (82a-9). Where the rest is unreadable (its children now
 * hang under another key, or a slip of its own), no data: the caller keeps its problems that the blanking cannot have
 * caused.
 */
export function besideTabLines<R extends TabRead>(
  text: string,
  lineStarts: readonly number[],
  readYaml: (text: string) => R,
  runStarts: readonly number[] = [],
): R & { dropped: Path; missingIn: Path[]; place?: TabPlace; runPlaces?: (TabPlace | undefined)[] } {
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
  if (!rest.doc) return { ...rest, data: undefined, dropped: [], missingIn: [] };
  const resolve = aliasResolver(rest.doc);
  const pathOf = (offset: number) => nodePath(rest.doc!.contents, offset, [], resolve);
  const itemStart = (path: Path) => (rest.doc!.getIn(path, true) as Node | undefined)?.range?.[0];
  const place = tabLinePlace(text, read, lineStarts[0], pathOf, itemStart);
  // 84b-9: the first line of each later run of tab lines, placed as the first is (under its own bare dash).
  const runPlaces = runStarts.map((start) => tabLinePlace(text, read, start, pathOf, itemStart));
  const item = place?.item && asListItem(text, read, lineStarts[0], place.spaces);
  if (item) {
    // Taken only if it reads with no problem of its own: else the dash was not where the guess put it, and the file is
    // judged with the line blanked. The item is left out: its value is not the line's, its other lines may be wrong too.
    const asItem = readYaml(item);
    const said = new Set(rest.problems.map((p) => `${p.line}:${p.column}: ${p.message}`));
    if (asItem.data !== undefined && asItem.problems.every((p) => said.has(`${p.line}:${p.column}: ${p.message}`)))
      return { ...asItem, dropped: place.item!, missingIn: [], place };
  }
  if (rest.data === undefined) return { ...rest, data: undefined, dropped: [], missingIn: [], place, runPlaces };
  // The key paths of the lines just above and just below the first blanked one (at their first key): their common part.
  const keyStart = (lineStart: number) => lineStart + /^[ -]*/.exec(read.slice(lineStart, lineStart + 200))![0].length;
  const above = read.slice(0, lineStarts[0]).trimEnd();
  const belowAt = read.slice(lineStarts[0]).search(/\n[ -]*[^\s#-]/);
  const before = above ? pathOf(keyStart(above.lastIndexOf('\n') + 1)) : [];
  const after = belowAt < 0 ? [] : pathOf(keyStart(lineStarts[0] + belowAt + 1));
  const differ = before.findIndex((key, i) => after[i] !== key);
  const shared = differ < 0 ? before : before.slice(0, differ);
  if (!place) return { ...rest, dropped: shared, missingIn: [], place, runPlaces };
  const within = place.within;
  const missingIn = within.slice(0, -1).flatMap((_, i) => (i + 1 >= shared.length ? [within.slice(0, i + 1)] : []));
  if (shared.length === 0 && within.length) missingIn.unshift([]);
  // A key the blanked line's text now repeats in that map (82a-9) is that text's doing too.
  const tabLine = text.slice(0, lineStarts[0]).split('\n').length;
  const repeated = atOrUnderAny([within]);
  const problems = rest.problems.filter((p) => !(p.duplicateKey && (p.line ?? 0) > tabLine && repeated(p.path)));
  return { ...rest, problems, dropped: within, missingIn, place, runPlaces };
}

/**
 * 82a-8: whether a finding at `path` is about a key the data lacks in one of `maps` (or about such a map itself):
 * where a blanked tab line may have stood, so the key may only be that line's.
 */
export function missingFromTabLine(maps: readonly Path[], data: unknown): (path: Path) => boolean {
  if (!maps.length) return () => false;
  const at = (path: Path) =>
    path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | null | undefined)?.[key], data);
  const same = (path: Path, map: Path) => map.every((key, i) => path[i] === key);
  return (path) =>
    maps.some((map) => same(path, map) && (path.length === map.length || (path.length === map.length + 1 && at(path) === undefined)));
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
