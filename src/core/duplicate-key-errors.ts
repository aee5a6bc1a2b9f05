import type { Document, YAMLMap } from 'yaml';
import { isScalar, yaml } from './yaml';

/**
 * The `yaml` package's own check of keys written twice (its `uniqueKeys` option) compares each key with every earlier
 * key of its mapping (eemeli/yaml v2.9.1 src/compose/util-map-includes.ts): a file provider's content of 20,000 keys
 * took 2 s of a 4 s parse. This is the same verdict in linear time, for a document composed with `uniqueKeys: false`:
 * a scalar key whose value equals an earlier key's of the same mapping (`a.value === b.value`, as the package
 * compares) gets the package's error (DUPLICATE_KEY, "Map keys must be unique", at the key's start), placed among
 * the document's errors by position, where the package, composing in text order, puts it.
 */
export function addDuplicateKeyErrors(doc: Document.Parsed): void {
  yaml.visit(doc, {
    Map: (_, map: YAMLMap) => {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        // NaN is never equal to itself, as in the package; a collection or alias key only to itself (never twice).
        if (!isScalar(key) || Number.isNaN(key.value)) continue;
        if (seen.has(key.value)) addError(doc, key.range?.[0] ?? 0);
        else seen.add(key.value);
      }
    },
  });
}

function addError(doc: Document.Parsed, offset: number): void {
  const error = new yaml.YAMLParseError([offset, offset + 1], 'DUPLICATE_KEY', 'Map keys must be unique');
  const after = doc.errors.findIndex((other) => other.pos[0] > offset);
  doc.errors.splice(after < 0 ? doc.errors.length : after, 0, error);
}
