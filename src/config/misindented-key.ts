import { mayQuote } from '../core/quotable';
import { REDACTED } from '../core/secrets';

/** How far up a misindented key's line its neighbour is looked for: each parser error reads at most this many lines. */
const LOOK_UP = 200;

export interface KeyLine {
  readonly start: number;
  readonly indent: number;
  readonly key: string;
  /** What follows the key's colon on its line, comments left out. */
  readonly value: string;
}

/**
 * A key the parser finds "All mapping items must start at the same column" at (the eemeli/yaml parser's words, at the
 * start of the key's line), said at the key with what to write: indented deeper than a key above that holds its value on
 * its own line (`loadBalancerIPs: [a]` then `    redirectToHttps: true`), it belongs beside that key; otherwise it is
 * out of line with the first key of its map. `pathAt` gives the key path at an offset. Undefined when the lines above
 * show neither.
 */
export function misindentedKey(
  text: string,
  offset: number,
  pathAt: (offset: number) => ReadonlyArray<string | number>,
): { offset: number; path: Array<string | number>; message: string } | undefined {
  const own = keyLineAt(text, text.lastIndexOf('\n', offset - 1) + 1);
  if (!own) return undefined;
  const name = (line: KeyLine) => `\`${mayQuote(line.key) ? line.key : REDACTED}\``;
  const spaces = (n: number) => `${n} space${n === 1 ? '' : 's'}`;
  const at = own.start + own.indent;
  const lines = linesAbove(text, own.start);
  const parent = lines.find((line) => line.indent < own.indent);
  if (!parent) return undefined;
  const parentPath = (line: KeyLine) => {
    const path = [...pathAt(line.start + line.indent)];
    return path[path.length - 1] === line.key ? path.slice(0, -1) : path;
  };
  if (parent.value !== '') {
    return {
      offset: at,
      path: [...parentPath(parent), own.key],
      message:
        `is indented ${spaces(own.indent)}, under ${name(parent)}, which already holds its value on its line, so YAML reads ` +
        `this line as more of that value: indent ${name(own)} ${spaces(parent.indent)}, like ${name(parent)}`,
    };
  }
  // The map's first key: the nearest line below the parent's with more indent than the parent.
  const first = lines.slice(0, lines.indexOf(parent)).reverse()[0];
  if (!first || first.indent === own.indent) return undefined;
  return {
    offset: at,
    path: [...parentPath(first), own.key],
    message: `is indented ${spaces(own.indent)}, but ${name(first)}, the first key of the same map, ${spaces(first.indent)}: write the keys of one map at one indentation`,
  };
}

/** The key lines above the line at `start`, nearest first, comments and blank lines skipped: at most LOOK_UP lines. */
export function linesAbove(text: string, start: number): KeyLine[] {
  const found: KeyLine[] = [];
  let end = start - 1;
  for (let n = 0; n < LOOK_UP && end > 0; n++) {
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    const line = keyLineAt(text, lineStart);
    if (line) {
      found.push(line);
      if (line.indent === 0) break;
    }
    end = lineStart - 1;
  }
  return found;
}

export function keyLineAt(text: string, start: number): KeyLine | undefined {
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end < 0 ? undefined : end);
  const lead = /^( *)(?:- +)?/.exec(line)![0];
  const rest = line.slice(lead.length);
  const colon = rest.search(/:(?:\s|$)/);
  const key =
    colon < 0
      ? ''
      : rest
          .slice(0, colon)
          .trim()
          .replace(/^(["'])(.*)\1$/, '$2');
  if (!key || /^[#{[&*!|>%@`]/.test(rest)) return undefined;
  const value = rest
    .slice(colon + 1)
    .replace(/(?:^|\s)#.*$/, '')
    .trim();
  return { start, indent: /^ */.exec(line)![0].length, key, value };
}
