import { isSecretKey } from './secrets-keys';
import { unquote } from './secrets-text';
import { withoutTrailingComment } from './trailing-comments';

/**
 * Attack round 52a-2: the name of a name/value pair in YAML text read line by line (secrets.ts secretsInLines). An env
 * entry or a key/value pair (`- name: API_TOKEN` / `  value: …`, Envoy's `{key, value}`) is one mapping, whatever order
 * its keys are written in: YAML mappings are unordered (yaml.org/spec/1.2.2 §3.2.1.1), and the data reading
 * (secrets.ts secretUnder) pairs them so. So a `value:` line takes the `name:` or `key:` written below it in the same
 * item (`- value: …` / `  name: DB_PASSWORD`) as it takes one written above.
 */

/** The name a pair's key line gives: its column, whether it names a secret, and its text. */
export interface PairName {
  column: number;
  secret: boolean;
  text: string;
}

/** How many lines below a `value:` line are read for its item's name (an item's keys are close together). */
const MAX_BELOW = 64;
/** A `name:` or `key:` line, its key at the start of its indentation (no `- `: that opens another item). */
const NAME_LINE = /^([ \t]*)(["']?)(name|key)\2[ \t]*:(?:[ \t]+(.*))?$/;

const pairName = (column: number, written: string): PairName => {
  const text = unquote(withoutTrailingComment(written).trim());
  return { column, secret: isSecretKey(text, true), text };
};

/**
 * The pair name line `i` of `lines` gives (a `name:`/`key:` line: its own), or, for a `value:` line at `column`, the
 * `name:`/`key:` of the same item below it: a line at `column` before any line indented less (a new item's `- ` is
 * less indented than its keys); undefined where none is.
 */
export function pairNameAt(lines: readonly string[], i: number, column: number, key: string, rest: string): PairName | undefined {
  if (key !== 'value') return pairName(column, rest);
  for (let j = i + 1; j < lines.length && j <= i + MAX_BELOW; j++) {
    const line = lines[j];
    if (line.trim() === '' || /^[ \t]*#/.test(line)) continue;
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (indent < column) return undefined;
    const named = indent === column ? NAME_LINE.exec(line) : null;
    if (named) return pairName(column, named[4] ?? '');
  }
  return undefined;
}
