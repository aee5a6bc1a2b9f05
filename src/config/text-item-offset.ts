import type { Document, Scalar } from 'yaml';
import type { Path } from '../core/problem';
import { isScalar } from '../core/yaml';
import { readYamlDocuments } from '../core/yaml-documents';
import { deepestNode } from '../core/yaml-field-places';
import { foldedOffset } from './folded-offset';

// One reading per text, however many problems it holds (a text may be most of a 1 MiB file).
const read = new WeakMap<Scalar, readonly Document[]>();
function documentsOf(node: Scalar, value: string): readonly Document[] {
  let documents = read.get(node);
  if (!documents) read.set(node, (documents = readYamlDocuments(value, 'strict').documents.map((document) => document.doc)));
  return documents;
}

/**
 * Where in the config text a problem inside a text value points (an `extraObjects` item written as text, `- |`, whose
 * objects are judged as data: extra-objects.ts renderedObjects), or undefined when that cannot be said, and the problem
 * is then placed at the text's first line:
 * - the text is read again (core/yaml-documents.ts, as manifest-text.ts reads it) and the deepest node on `rest` found;
 *   a text of several documents says which only when one document alone goes deepest (a finding's path names no
 *   document);
 * - an offset in the text is one in the config only where each line of the value is a line of the file: a literal block
 *   (`|`, `|-`, `|+`, with or without an indentation indicator: each line is the file's line after its indentation), or a
 *   one-line scalar that holds the value as written (plain, or quoted without escapes). A folded block (`>`) and a
 *   quoted or plain text over several lines join lines: their offsets are mapped where only blanks differ
 *   (folded-offset.ts); a quoted text with escapes differs from what it reads as, and is not mapped.
 */
export function offsetInText(node: Scalar, rest: Path, text: string): number | undefined {
  const value = node.value;
  if (typeof value !== 'string' || !node.range || rest.length === 0) return undefined;
  const found = documentsOf(node, value).flatMap((document) => {
    const at = deepestNode(document, rest);
    return at ? [at] : [];
  });
  const depth = Math.max(0, ...found.map((at) => at.depth));
  const best = found.filter((at) => at.depth === depth);
  if (best.length !== 1) return undefined;
  const inner = best[0].offset;
  const [start, end] = node.range;
  if (node.type === 'BLOCK_LITERAL') return literalOffset(value, inner, text, start);
  if (!value.includes('\n')) {
    if (text.slice(start, end) === value) return start + inner;
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    if (quoted && text.slice(start + 1, end - 1) === value) return start + 1 + inner;
  }
  return foldedOffset(node, inner, text);
}

/** `inner` (an offset in a literal block's value) in the file: the same line of the block, after its indentation. */
function literalOffset(value: string, inner: number, text: string, start: number): number | undefined {
  let lineIndex = 0;
  for (let i = value.indexOf('\n'); i >= 0 && i < inner; i = value.indexOf('\n', i + 1)) lineIndex++;
  const valueStart = value.lastIndexOf('\n', inner - 1) + 1;
  const valueEnd = value.indexOf('\n', inner);
  const column = inner - valueStart;
  const valueLine = value.slice(valueStart, valueEnd < 0 ? value.length : valueEnd);
  // The block's lines start after its header line (`|` and any comment).
  let lineStart = text.indexOf('\n', start) + 1;
  if (lineStart === 0) return undefined;
  for (let i = 0; i < lineIndex; i++) {
    const next = text.indexOf('\n', lineStart);
    if (next < 0) return undefined;
    lineStart = next + 1;
  }
  const lineEnd = text.indexOf('\n', lineStart);
  const fileLine = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
  const indent = fileLine.length - valueLine.length;
  if (indent < 0 || !fileLine.endsWith(valueLine) || fileLine.slice(0, indent).trim() !== '') return undefined;
  return lineStart + indent + column;
}

/**
 * Where line `line` (1-based) of the text at `path` stands in the config text, at its first character that is no blank
 * (a refused line of a multi-line text: core/secret-place.ts): for a literal block, whose lines are the file's, and for a
 * folded or quoted one whose characters other than blanks are the file's (folded-offset.ts).
 */
export function textLineOffset(doc: Document, path: Path, line: number, text: string): number | undefined {
  const node = doc.getIn(path, true);
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const value = node.value;
  let inner = 0;
  for (let n = 1; n < line; n++) {
    inner = value.indexOf('\n', inner) + 1;
    if (inner === 0) return undefined;
  }
  inner += /^[ \t]*/.exec(value.slice(inner, inner + 200))![0].length;
  return node.type === 'BLOCK_LITERAL' ? literalOffset(value, inner, text, node.range[0]) : foldedOffset(node, inner, text);
}

/** A scalar node of the config that holds text read as data, for offsetOf in load.ts. */
export const isTextNode = (node: unknown): node is Scalar => isScalar(node) && typeof node.value === 'string';

/**
 * Where character `index` of the text at `path` stands in the config text: a plain or quoted text over several lines
 * (folded-offset.ts), or any line of a literal block (a parse error in a file provider's `|` text, 80a-14).
 */
export function textIndexOffset(doc: Document, path: Path, index: number, text: string): number | undefined {
  const node = doc.getIn(path, true);
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  if (node.type === 'BLOCK_LITERAL') return literalOffset(node.value, index, text, node.range[0]);
  // A text on one line of the file stands where it starts, as before: only one the file wrote over several lines is read.
  if (!text.slice(node.range[0], node.range[1]).includes('\n')) return undefined;
  return foldedOffset(node, index + /^\s*/.exec(node.value.slice(index, index + 200))![0].length, text);
}

/** Where key path `rest` inside the text at `path` (read as YAML) stands in the config text (offsetInText), a file provider's router (69b-24). */
export function textPathOffset(doc: Document, path: Path, rest: Path, text: string): number | undefined {
  const node = doc.getIn(path, true);
  return isTextNode(node) ? offsetInText(node, rest, text) : undefined;
}
