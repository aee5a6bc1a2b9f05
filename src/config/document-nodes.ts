import type { Document } from 'yaml';
import type { Path } from '../core/problem';
import { isMap, isNode, isScalar, isSeq } from '../core/yaml';
import type { Resolve } from './yaml-problem';
import { keyText } from './yaml-secrets';

/** The key path of the deepest node at `offset`; a key that starts at `offset` is not part of it. */
export function nodePath(node: unknown, offset: number, path: Path, resolve: Resolve): Path {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isNode(pair.key) ? pair.key : undefined;
      const value = isNode(pair.value) ? pair.value : undefined;
      const end = value?.range?.[2] ?? key?.range?.[2] ?? -1;
      if (key?.range && key.range[0] < offset && offset < Math.max(end, key.range[2])) {
        const inner = [...path, keyText(pair.key, resolve)];
        return value?.range && value.range[0] <= offset ? nodePath(value, offset, inner, resolve) : inner;
      }
    }
  }
  if (isSeq(node)) {
    const index = node.items.findIndex((item) => isNode(item) && item.range && item.range[0] <= offset && offset < item.range[2]);
    if (index >= 0) return nodePath(node.items[index], offset, [...path, index], resolve);
  }
  return path;
}

/** Whether a document holds nothing: blank lines and comments only (not `null`, `~`, `''`, a lone tag or anchor). */
export function isEmptyDocument(doc: Document.Parsed): boolean {
  const node = doc.contents;
  return !doc.errors.length && isScalar(node) && node.value === null && node.source === '' && !node.tag && !node.anchor;
}
