import { isSecretKey } from './secrets-keys';
import { unquote } from './secrets-text';
import { withoutTrailingComment } from './trailing-comments';
import { isPairNameKey, isPairValueKey, jsonPointerName, namesPairValue } from './pair-shapes';

export { pairNameOf } from './pair-shapes';

/**
 * Attack round 52a-2: the name of a name/value pair in YAML text read line by line (secrets.ts secretsInLines). An env
 * entry or a key/value pair (`- name: API_TOKEN` / `  value: …`, Envoy's `{key, value}`) is one mapping, whatever order
 * its keys are written in: YAML mappings are unordered (yaml.org/spec/1.2.2 §3.2.1.1), and the data reading
 * (secrets.ts secretUnder) pairs them so. So a `value:` line takes the `name:` or `key:` written below it in the same
 * item (`- value: …` / `  name: DB_PASSWORD`) as it takes one written above.
 */

/** The name a pair's key line gives: its column, whether it names a secret, its text, and its key (pair-shapes.ts). */
export interface PairName {
  column: number;
  secret: boolean;
  text: string;
  key: string;
}

/** Whether a key line may give a pair's name (its name's or its value's key, pair-shapes.ts). */
export const isPairLineKey = (key: string): boolean => isPairNameKey(key) || isPairValueKey(key);

/** How many lines below a value's line are read for its item's name (an item's keys are close together). */
const MAX_BELOW = 64;
/** A key line, its key at the start of its indentation (no `- `: that opens another item). */
const KEY_LINE = /^([ \t]*)(["']?)([A-Za-z]+)\2[ \t]*:(?:[ \t]+(.*))?$/;

const pairName = (column: number, written: string, key: string): PairName => {
  const unquoted = unquote(withoutTrailingComment(written).trim());
  // A JSON patch's `path` names its value by its last segment (81a-3).
  const text = key === 'path' ? (jsonPointerName(unquoted) ?? '') : unquoted;
  return { column, secret: text !== '' && isSecretKey(text, true), text, key };
};

/** Whether `name` names the value under `key` at `column` (the same item: the same column). */
export const namesValueAt = (name: PairName | undefined, key: string, column: number): name is PairName =>
  name !== undefined && name.column === column && namesPairValue(name.key, key);

/**
 * The pair name line `i` of `lines` gives (a name's line: its own), or, for a value's line at `column`, the name of the
 * same item below it: a line at `column` before any line indented less (a new item's `- ` is less indented than its
 * keys); undefined where none is.
 */
export function pairNameAt(lines: readonly string[], i: number, column: number, key: string, rest: string): PairName | undefined {
  if (!isPairValueKey(key)) return pairName(column, rest, key);
  for (let j = i + 1; j < lines.length && j <= i + MAX_BELOW; j++) {
    const line = lines[j];
    if (line.trim() === '' || /^[ \t]*#/.test(line)) continue;
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (indent < column) return undefined;
    const named = indent === column ? KEY_LINE.exec(line) : null;
    if (named && namesPairValue(named[3], key)) return pairName(column, named[4] ?? '', named[3]);
  }
  return undefined;
}
