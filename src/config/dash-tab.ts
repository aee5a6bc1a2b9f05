import type { Document } from 'yaml';
import type { Path } from '../core/problem';
import { nodePath } from './document-nodes';
import type { InputProblem } from './yaml-problem';
import { aliasResolver } from './yaml-secrets';

/** A list item's line with a tab after its dash, where YAML wants a space (`-<TAB>name: A`). */
interface DashTab {
  /** The offset of the first tab after the dash, where the message stands. */
  readonly offset: number;
  readonly lineStart: number;
  /** The column (0-based) of the item's key once the tabs are spaces, and of its dash. */
  readonly keyColumn: number;
  readonly dashColumn: number;
  /** The blanks to write: a space for a tab right after a dash, none for a tab after a space (`- <TAB>name`). */
  readonly fix: string;
  /** The column of the item's key once that is written. */
  readonly fixedColumn: number;
}

/** What besideDashTabs needs of readYaml's answer (yaml-input.ts YamlInput, which imports this file). */
interface DashRead {
  readonly doc?: Document.Parsed;
  readonly data?: unknown;
  readonly problems: readonly InputProblem[];
}

/**
 * 83a-13: the lines whose tab after a list dash the parser refuses (eemeli/yaml v2.9.1 src/parse/lexer.ts, "Tabs are not
 * allowed as indentation", TAB_AS_INDENT: a block map or list may not start after a tab). A tab before a scalar or flow
 * item (`-<TAB>text`, `-<TAB>{a: b}`) is separation YAML allows: the parser says nothing, nor does this.
 */
function dashTabs(doc: Document.Parsed, text: string): DashTab[] {
  const tabs: DashTab[] = [];
  for (const error of doc.errors) {
    if (error.code !== 'TAB_AS_INDENT') continue;
    const offset = error.pos[0];
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    // Spaces, then a dash, then dashes and blanks (the parser places its error at the tab, or at a space before it): a
    // tab before the first dash indents (tab-indent.ts says that).
    const lead = /^ *-[ \t-]*/.exec(text.slice(lineStart))?.[0] ?? '';
    if (!lead.includes('\t') || offset >= lineStart + lead.length || tabs.some((tab) => tab.lineStart === lineStart)) continue;
    const { fixed, fix } = spacedLead(lead);
    const dashColumn = lead.indexOf('-');
    tabs.push({ offset: lineStart + lead.indexOf('\t'), lineStart, keyColumn: lead.length, dashColumn, fix, fixedColumn: fixed.length });
  }
  return tabs;
}

/**
 * A lead's dashes with the tabs after them fixed, and the words that say how: a run of blanks after a dash loses its tabs
 * and keeps its spaces, or is one space where it had only tabs (84a-3: `-<TAB><TAB>` is `- `, not `- <TAB>`).
 */
export function spacedLead(lead: string): { fixed: string; fix: string } {
  const runs = lead.match(/[ \t]+/g)?.filter((run) => run.includes('\t')) ?? [];
  const fixed = lead.replace(/[ \t]+/g, (run) => (run.includes(' ') ? run.replaceAll('\t', '') : ' '));
  const tabs = runs.join('').replaceAll(' ', '').length;
  const the = tabs === 1 ? 'the tab' : `the ${tabs} tabs`;
  if (runs.length > 1) return { fixed, fix: `remove ${the} after its dashes, with a space left after each dash` };
  if (runs[0].includes(' ')) return { fixed, fix: `remove ${the}` };
  return { fixed, fix: `write ${tabs === 1 ? 'a' : 'one'} space there instead of ${the}` };
}

/** The offsets of the lines below a list item's first line that belong to it (blank, comments, or indented past its dash). */
function itemLines(text: string, tab: DashTab): number[] {
  const starts: number[] = [];
  for (let start = text.indexOf('\n', tab.lineStart) + 1; start > 0 && start < text.length; start = text.indexOf('\n', start) + 1) {
    const line = text.slice(start, text.indexOf('\n', start) >>> 0);
    if (line.trim() !== '' && !line.trim().startsWith('#') && /^[ \t]*/.exec(line)![0].length <= tab.dashColumn) break;
    starts.push(start);
  }
  return starts;
}

/** `text` with each line at `starts` (ascending) written as `write` (same length: every offset and line stays). */
function rewritten(text: string, starts: readonly number[], write: (line: string) => string): string {
  let out = '';
  let from = 0;
  for (const start of starts) {
    const end = text.indexOf('\n', start) >>> 0;
    out += text.slice(from, start) + write(text.slice(start, end));
    from = Math.min(end, text.length);
  }
  return out + text.slice(from);
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/**
 * The file read with each tab after a list dash written as a space, and one problem per such line, at the tab. Where the
 * item's next lines then stand off its key (aligned to where the tab showed it, `-<TAB>name` over `    value`), they
 * are blanked and the item left out (`dropped`), and the message says the indentation to write too: one line for the
 * one slip, the rest of the file still judged. Undefined when no line has such a tab.
 */
export function besideDashTabs<R extends DashRead>(
  doc: Document.Parsed,
  text: string,
  readYaml: (text: string) => R,
): (R & { problems: InputProblem[] }) | undefined {
  const tabs = dashTabs(doc, text);
  if (!tabs.length) return undefined;
  const spaced = rewritten(
    text,
    tabs.map((tab) => tab.lineStart),
    (line) => line.replace(/^ *-[ \t-]*/, (lead) => lead.replaceAll('\t', ' ')),
  );
  const read = readYaml(spaced);
  // An item whose own lines the spaced reading finds fault with, and whose next line stands off its key.
  const offKey = tabs.flatMap((tab) => {
    const below = itemLines(spaced, tab);
    const next = below.find((start) => !/^\s*(#.*)?$/.test(spaced.slice(start, spaced.indexOf('\n', start) >>> 0)));
    const indent = next === undefined ? tab.keyColumn : /^ */.exec(spaced.slice(next))![0].length;
    const lines = new Set([tab.lineStart, ...below].map((start) => lineOf(spaced, start)));
    const faulted = read.problems.some((problem) => problem.line !== undefined && lines.has(problem.line));
    if (next === undefined) return [];
    // Blanked where the spaced reading fails on them: said by the parser, or (84a-3) standing between the dash and the
    // key, which no reading takes into the item (the parser stops at the first of several); the indentation said where
    // the fix moves the key off them.
    const blanked = indent !== tab.keyColumn && (faulted || indent < tab.keyColumn);
    const advised = indent !== tab.fixedColumn && (blanked || indent === tab.keyColumn);
    return blanked || advised ? [{ tab, below: blanked ? below : [], next, advised }] : [];
  });
  const final = offKey.some(({ below }) => below.length)
    ? readYaml(
        rewritten(
          spaced,
          [...new Set(offKey.flatMap(({ below }) => below))].sort((a, b) => a - b),
          (line) => ' '.repeat(line.length),
        ),
      )
    : read;
  const pathAt = (offset: number): Path => (final.doc ? nodePath(final.doc.contents, offset, [], aliasResolver(final.doc)) : []);
  // A line blanked as part of an item around it is said at that item.
  const around = (tab: DashTab) => offKey.find(({ below }) => below.includes(tab.lineStart))?.tab ?? tab;
  const said = tabs.map((tab): InputProblem => {
    const line = lineOf(text, tab.lineStart);
    const off = offKey.find((item) => item.tab === tab);
    const item = pathAt(around(tab).lineStart + around(tab).keyColumn);
    const indent = off?.advised
      ? `, and indent line ${lineOf(text, off.next)} and the item's other lines with ${tab.fixedColumn} spaces, under its key`
      : '';
    return {
      line,
      column: tab.offset - tab.lineStart + 1,
      path: item,
      message: `line ${line} has a tab after its list dash ("-"), where YAML needs a space before the item's key: ${tab.fix}${indent}`,
      ...(off?.below.length && item.length && { dropped: item }),
    };
  });
  return { ...final, problems: [...said, ...final.problems] };
}
