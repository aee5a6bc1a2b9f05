/**
 * The lines of a text that hold a secret outside its values (`npm run new --from`'s comments), named 1-based, grouped:
 * each group is one line that holds a secret alone, or the fewest neighbouring lines that hold one together (a name
 * on one line and its value on the next, a Markdown table's header, rule and row: 57a-14). `holds` judges a piece of
 * the text; every group found is blanked before the next is looked for, so each names lines of its own. Sorted by line.
 */
export function secretLineGroups(lines: readonly string[], holds: (text: string) => boolean, most = 50): number[][] {
  const groups: number[][] = [];
  const named = new Set<number>();
  const textOf = (from: number, to: number) =>
    lines
      .slice(from, to + 1)
      .map((line, i) => (named.has(from + i) ? '' : line))
      .join('\n');
  lines.forEach((line, i) => {
    if (groups.length < most && holds(line)) {
      groups.push([i + 1]);
      named.add(i);
    }
  });
  const last = lines.length - 1;
  // The groups of lines `from` to `to`, each the fewest lines that hold one together; `whole` when these are all the
  // lines, where a verdict no window repeats names the rest once.
  const search = (from: number, to: number, whole: boolean) => {
    while (groups.length < most && holds(textOf(from, to))) {
      // The first line by which the rest holds one, then the last start from which it still does: the fewest lines.
      let low = from;
      let high = to;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (holds(textOf(from, mid))) high = mid;
        else low = mid + 1;
      }
      const end = low;
      let start = from;
      let top = end;
      while (start < top) {
        const mid = (start + top + 1) >> 1;
        if (holds(textOf(mid, end))) start = mid;
        else top = mid - 1;
      }
      const group: number[] = [];
      for (let i = start; i <= end; i++) if (!named.has(i)) group.push(i + 1);
      // A verdict that no window repeats (the text holds one only as a whole): the whole is named once, then no more.
      if (!group.length || !holds(textOf(start, end))) {
        const rest = lines.flatMap((_, i) => (named.has(i) ? [] : [i + 1]));
        if (whole && rest.length) groups.push(rest);
        return;
      }
      groups.push(group);
      group.forEach((line) => named.add(line - 1));
    }
  };
  // Each search judges the text from its first line: in windows of WINDOW lines (overlapping by OVERLAP, so a group
  // of up to OVERLAP lines at a border is whole in one), a long text's groups cost what a short text's do (review59-2:
  // 30 tables in 1 MB took 20 s searched over the whole text); the whole text then says what only it holds.
  if (last >= WINDOW) {
    for (let from = 0; from <= last - OVERLAP && groups.length < most; from += WINDOW - OVERLAP) {
      search(from, Math.min(last, from + WINDOW - 1), false);
    }
  }
  if (last >= 0) search(0, last, true);
  return groups.sort((a, b) => a[0] - b[0]);
}

/** The lines of a window of secretLineGroups' search, and how many of them the next window repeats. */
const WINDOW = 400;
const OVERLAP = 100;

/** `line 4`, `lines 1-3`, `lines 2, 5`: a group as a message names it. */
export function linesText(group: readonly number[]): string {
  if (group.length === 1) return `line ${group[0]}`;
  const run = group.every((line, i) => i === 0 || line === group[i - 1] + 1);
  return run ? `lines ${group[0]}-${group[group.length - 1]}` : `lines ${group.join(', ')}`;
}
