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
  while (groups.length < most && last >= 0 && holds(textOf(0, last))) {
    // The first line by which the rest holds one, then the last start from which it still does: the fewest lines.
    let low = 0;
    let high = last;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (holds(textOf(0, mid))) high = mid;
      else low = mid + 1;
    }
    const end = low;
    let start = 0;
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
      if (rest.length) groups.push(rest);
      break;
    }
    groups.push(group);
    group.forEach((line) => named.add(line - 1));
  }
  return groups.sort((a, b) => a[0] - b[0]);
}

/** `line 4`, `lines 1-3`, `lines 2, 5`: a group as a message names it. */
export function linesText(group: readonly number[]): string {
  if (group.length === 1) return `line ${group[0]}`;
  const run = group.every((line, i) => i === 0 || line === group[i - 1] + 1);
  return run ? `lines ${group[0]}-${group[group.length - 1]}` : `lines ${group.join(', ')}`;
}
