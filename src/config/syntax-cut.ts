import type { Document, LineCounter } from 'yaml';
import type { Path } from '../core/problem';
import { isMap, isNode, isScalar } from '../core/yaml';
import type { InputProblem } from './yaml-problem';

/**
 * 78b-4: a YAML syntax error does not end the reading. What the parser read before the line of the first error is
 * the file as written (parseDocument's recovery only changes what follows), so it is still judged in the same run;
 * a finding about a value that reaches that line, or about a key the document does not hold there (a key the
 * error may have swallowed: "is required"), may only follow from the error and is not reported.
 */

/** The offset of the start of the line of the first syntax problem or parser error: what is judged ends there. */
export function syntaxCut(doc: Document.Parsed, problems: readonly InputProblem[], lines: LineCounter): number {
  const lineStart = (line: number | undefined) => (line === undefined ? 0 : (lines.lineStarts[line - 1] ?? 0));
  const starts = [...problems.map((p) => lineStart(p.line)), ...doc.errors.map((error) => lineStart(lines.linePos(error.pos[0]).line))];
  return Math.min(...starts);
}

/** Whether anything of the document is judged before `cut`: a mapping with at least one pair that ends before it. */
export function judgesAny(doc: Document.Parsed, cut: number): boolean {
  return isMap(doc.contents) && doc.contents.items.some((pair) => endOf(pair.value ?? pair.key) <= cut);
}

/**
 * `follows`, or else whether a finding at `path` is past `cut` (no cut: never): its value reaches the cut's line, or
 * the document does not hold it there.
 */
export function orPastSyntaxCut(
  follows: (path: Path) => boolean,
  doc: Document | undefined,
  cut: number | undefined,
): (path: Path) => boolean {
  if (cut === undefined || !doc) return follows;
  return (path) => follows(path) || endOf(path.length ? doc.getIn(path, true) : doc.contents) > cut;
}

function endOf(node: unknown): number {
  if (isScalar(node) && node.value === null && node.range) return node.range[0];
  return isNode(node) && node.range ? node.range[1] : Infinity;
}
