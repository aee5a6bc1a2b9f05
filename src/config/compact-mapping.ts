import type { Path } from '../core/problem';
import { mayQuote } from '../core/quotable';
import { keyLineAt, linesAbove } from './misindented-key';
import type { PathAt, SecretAt } from './yaml-problem';

/**
 * 79b-2: `key: a: b`, where the parser says "Nested mappings are not allowed in compact mappings" (eemeli/yaml
 * lib/compose/resolve-block-map.ts): said at the key of the line, with what to write. The key path is found from the
 * lines above (the key beside or above this one, by indentation), not from where the parser placed the line: after a
 * first such line it nests the next ones into it (`traefik.redirectToHttps.replicas` for `traefik.replicas`).
 */
export function compactMapping(
  text: string,
  offset: number,
  pathAt: PathAt,
  secretAt: SecretAt,
): { path: Path; message: string } | undefined {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const own = keyLineAt(text, start);
  if (!own) return undefined;
  const path = [...keyParent(text, start, own.indent, pathAt), own.key];
  const value = own.value;
  const shown = !secretAt(path) && mayQuote(value) && value.length <= 80 && !/["\\]/.test(value);
  return {
    path,
    message:
      `has a second ": " in its value, which YAML reads as a map nested on one line, and that is not allowed: ` +
      `${shown ? `quote the value (${own.key}: "${value}")` : 'write the value in quotes'}, or put each key on a line of its own`,
  };
}

/** The key path of the map a key line at `start` (indented `indent` spaces, not a `- ` item) belongs to. */
function keyParent(text: string, start: number, indent: number, pathAt: PathAt): Path {
  const line = text.slice(start, text.indexOf('\n', start) >>> 0);
  const keyAt = start + /^[ -]*/.exec(line)![0].length;
  // A list item's key: its item is the parser's own (a dash starts a node of its own).
  if (/^ *-/.test(line)) return pathAt(keyAt);
  const above = linesAbove(text, start).find((key) => key.indent <= indent);
  if (!above) return [];
  const aboveAt = above.start + /^[ -]*/.exec(text.slice(above.start, above.start + 200))![0].length;
  const beside = aboveAt - above.start === indent;
  // Beside it: the same map; above it (less indented): that key's value. A key starting at an offset is not in nodePath's path.
  return beside ? pathAt(aboveAt) : [...pathAt(aboveAt), above.key];
}
