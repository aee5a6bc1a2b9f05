import type { Document } from 'yaml';
import type { Path } from '../core/problem';
import { expectedAt, type Expected } from './expected-values';
import { mayQuote } from '../core/quotable';
import { keyLineAt, linesAbove } from './misindented-key';
import type { PathAt, SecretAt } from './yaml-problem';

/**
 * 79b-2: `key: a: b`, where the parser says "Nested mappings are not allowed in compact mappings" (eemeli/yaml
 * lib/compose/resolve-block-map.ts): said at the key of the line, with what to write. The key path is found from the
 * lines above (the key beside or above this one, by indentation), not from where the parser placed the line: after a
 * first such line it nests the next ones into it (`traefik.redirectToHttps.replicas` for `traefik.replicas`). The advice
 * follows what the key takes (expected-values.ts).
 */
export function compactMapping(
  doc: Document.Parsed,
  text: string,
  offset: number,
  pathAt: PathAt,
  secretAt: SecretAt,
): { path: Path; message: string } | undefined {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const own = keyLineAt(text, start);
  if (!own) return undefined;
  const path = [...keyParent(text, start, own.indent, pathAt), own.key];
  return { path, message: compactMessage(doc, path, own.key, own.value, secretAt) };
}

/**
 * 80a-3: the same slip inside braces (`- {name: api: v2, host: …}`), where the parser says "Block collections are not
 * allowed within flow collections" at the nested value: said at it, with the advice of the key before it.
 */
export function flowCompactMapping(
  doc: Document.Parsed,
  text: string,
  offset: number,
  pathAt: PathAt,
  secretAt: SecretAt,
): { path: Path; message: string } | undefined {
  const key = /[{,]\s*([\w.-]+):[ ]+$/.exec(text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset))?.[1];
  const value = /^[^,{}[\]\n#]*?:[ ][^,{}[\]\n#]*/.exec(text.slice(offset))?.[0].trimEnd();
  const path = pathAt(offset);
  if (!key || !value || path[path.length - 1] !== key) return undefined;
  return { path, message: compactMessage(doc, path, key, value, secretAt) };
}

function compactMessage(doc: Document.Parsed, path: Path, key: string, value: string, secretAt: SecretAt): string {
  const shown = !secretAt(path) && mayQuote(value) && value.length <= 80 && !/["\\]/.test(value);
  return `has a second ": " in its value, which YAML reads as a map nested on one line, and that is not allowed${advice(key, value, shown, expectedAt(doc, path, value))}`;
}

/** What to write for `key: value`, by what the key takes (80a-3): quotes only where the quoted text is a value it takes. */
function advice(key: string, value: string, shown: boolean, expected: Expected | undefined): string {
  if (expected?.kind === 'map') {
    const pair = shown && /^[^:{}[\],#&*!|>'"%@`]+: [^:{}[\],#&*!|>'"%@`]+$/.test(value);
    return `: ${key} takes a map, so ${pair ? `write ${key}: {${value}}, or put ${value} on a line of its own below it` : 'put each of its keys on a line of its own below it'}`;
  }
  if (expected?.kind === 'other') {
    const example = expected.example && shown ? ` (such as ${key}: ${expected.example})` : '';
    if (expected.why && shown) return `, and quoted it would still be refused: ${expected.why}${example}`;
    return `, and quoted it would still be refused: ${key} takes ${expected.what ?? 'no such text'}: write one without ": "${example}`;
  }
  return `: ${shown ? `quote the value (${key}: "${value}")` : 'write the value in quotes'}, or put each key on a line of its own`;
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
