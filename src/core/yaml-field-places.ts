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
    for (let length = path.length; length >= 0; length--) {
      for (const doc of candidates) {
        const node = length ? doc.getIn(path.slice(0, length), true) : doc.contents;
        const range = yaml.isNode(node) ? node.range : undefined;
        if (!range) continue;
        const { line, col } = read.lines.linePos(range[0]);
        return { line, column: col };
      }
    }
    return undefined;
  };
}
