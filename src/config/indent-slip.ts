/**
 * A list item's line indented a space or two off (`- name: k3s-2` then ` address: ...` one space
 * short): YAML then reports several errors about other lines, with the key path of whatever it
 * parsed. This reads the text as the user meant it (the list's dashes and each item's keys line
 * up) and names the slipped line, the item as the user numbers it and the indentation to write.
 */

/** One line indented off its list item, and the lines of that list (whose parser errors it explains). */
export interface IndentSlip {
  /** Offset of the slipped line's first character in the text. */
  readonly offset: number;
  /** Key path of the list item the line belongs to, e.g. `['k3s', 'servers', 1]`. */
  readonly path: Array<string | number>;
  /** 1-based lines of the whole list. */
  readonly lines: readonly number[];
  readonly message: string;
}

/** How far off a line may be and still be read as a slip rather than meant elsewhere. */
const MAX_SLIP = 2;
const KEY_ONLY = /^( *)([A-Za-z_][\w.-]*):\s*(#.*)?$/;
const KEY = /^( *)(?:- +)?([A-Za-z_][\w.-]*):(?:\s|$)/;

const indentOf = (line: string) => /^ */.exec(line)![0].length;
const isContent = (line: string) => line.trim() !== '' && !line.trim().startsWith('#');
const spaces = (n: number) => `${n} space${n === 1 ? '' : 's'}`;

/** The key path of a `key:` line, from the keys above it with less indentation (list items count as indices). */
function keyPath(lines: readonly string[], index: number): Array<string | number> | undefined {
  const path: Array<string | number> = [];
  let indent = indentOf(lines[index]);
  path.unshift(KEY.exec(lines[index])?.[2] ?? '');
  for (let i = index - 1; i >= 0 && indent > 0; i--) {
    if (!isContent(lines[i]) || indentOf(lines[i]) >= indent) continue;
    const key = KEY.exec(lines[i]);
    if (!key || lines[i].trimStart().startsWith('-')) return undefined;
    path.unshift(key[2]);
    indent = indentOf(lines[i]);
  }
  return indent === 0 ? path : undefined;
}

/** Every slip in the text's block lists of mappings. */
export function indentSlips(text: string): IndentSlip[] {
  const lines = text.split('\n');
  const starts: number[] = [0];
  for (const line of lines) starts.push(starts[starts.length - 1] + line.length + 1);
  const slips: IndentSlip[] = [];
  for (let k = 0; k < lines.length; k++) {
    const owner = KEY_ONLY.exec(lines[k]);
    if (!owner) continue;
    const parentIndent = owner[1].length;
    // Only a key whose first content line below is a dash holds a list; and only lists outside list items are read.
    let first = k + 1;
    while (first < lines.length && !isContent(lines[first])) first++;
    if (first >= lines.length || indentOf(lines[first]) <= parentIndent || !lines[first].trimStart().startsWith('- ')) continue;
    const path = keyPath(lines, k);
    if (!path) continue;
    // The list: the content lines below, indented deeper than its key.
    const block: number[] = [];
    for (let i = k + 1; i < lines.length; i++) {
      if (!isContent(lines[i])) continue;
      if (indentOf(lines[i]) <= parentIndent) break;
      block.push(i);
    }
    const dash = indentOf(lines[block[0]]);
    const covered = block.map((i) => i + 1);
    let item = -1;
    let itemKeys = -1;
    let itemLine = -1;
    for (const [n, i] of block.entries()) {
      const line = lines[i];
      const indent = indentOf(line);
      if (line.trimStart().startsWith('- ')) {
        if (indent !== dash && Math.abs(indent - dash) <= MAX_SLIP) {
          slips.push({
            offset: starts[i] + indent,
            path: [...path, item + 1],
            lines: covered,
            message:
              `this item's dash is indented ${spaces(indent)}, the other items' ${spaces(dash)} (line ${block[0] + 1}): ` +
              `indent it by ${spaces(dash)}, or it is not read as an item of ${path.join('.')}`,
          });
          break;
        }
        if (indent !== dash) continue; // a nested list
        item++;
        // Only an item that is a mapping (`- key: ...`) has keys to line up with.
        itemKeys = KEY.test(line) ? indent + /^- +/.exec(line.trimStart())![0].length : -1;
        itemLine = i;
        continue;
      }
      const key = KEY.exec(line);
      if (!key || itemKeys < 0 || indent === itemKeys || indent === dash || Math.abs(indent - itemKeys) > MAX_SLIP) continue;
      // Deeper under a key without a value is nesting, not a slip.
      const previous = lines[block[n - 1]];
      if (indent > itemKeys && indentOf(previous) < indent && KEY_ONLY.test(previous.replace(/^( *)- +/, '$1  '))) continue;
      if (indent > itemKeys && indentOf(previous) > itemKeys) continue;
      const sibling = KEY.exec(lines[itemLine])![2];
      slips.push({
        offset: starts[i] + indent,
        path: [...path, item],
        lines: covered,
        message:
          `\`${key[2]}:\` is indented ${spaces(indent)}, the keys of this list item ${spaces(itemKeys)} (\`${sibling}:\` on line ${itemLine + 1}): ` +
          `indent it by ${spaces(itemKeys)} so it belongs to the item`,
      });
      break;
    }
  }
  return slips;
}
