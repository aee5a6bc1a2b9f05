import type { Document } from 'yaml';
import type { Path } from './problem';
import { YamlRead, readYamlDocuments } from './yaml-documents';
import { yaml } from './yaml';

/** A field's place in a YAML file, 1-based: what `file:line:column` names. */
export interface FieldPlace {
  readonly line: number;
  readonly column: number;
}

/**
 * 73b-9: where a field of a YAML file's object stands, for `npm run validate`'s messages (its help: "file and line"; README
 * Guarantee 1: `file:line:column`). The text is read once, when a first place is asked for. `document`: the object's
 * document (0-based), where known; else the first document holding the path. A path the text does not hold whole (a
 * required field left out) is placed at the nearest field on its way that it holds.
 */
export function fieldPlaces(text: string): (path: Path, document?: number) => FieldPlace | undefined {
  let read: YamlRead | undefined;
  return (path, document) => {
    read ??= readYamlDocuments(text, 'lenient');
    const docs = read.documents.map((d) => d.doc);
    const candidates = document !== undefined && docs[document] ? [docs[document]] : docs;
    let best: { depth: number; offset: number } | undefined;
    for (const doc of candidates) {
      const root = yaml.isNode(doc.contents) && doc.contents.range ? { depth: 0, offset: doc.contents.range[0] } : undefined;
      const hit = deepestNode(doc, path) ?? root;
      if (hit && (!best || hit.depth > best.depth)) best = hit;
    }
    if (!best) return undefined;
    const { line, col } = read.lines.linePos(best.offset);
    return { line, column: col };
  };
}

/** The deepest node of `doc` on `path` (one key at least), with how many keys of the path it took, or undefined. */
export function deepestNode(doc: Document, path: Path): { depth: number; offset: number } | undefined {
  for (let depth = path.length; depth >= 1; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (yaml.isNode(node) && node.range) return { depth, offset: node.range[0] };
  }
  return undefined;
}
