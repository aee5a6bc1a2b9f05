import type { Document } from 'yaml';
import { isScalar } from '../core/yaml';
import { eachMapping } from './duplicate-keys';
import type { Resolve } from './yaml-problem';

/**
 * Removes each pair whose key is no scalar (`? [x, y]`, `? {k: v}`, an alias to one, none), in place: yaml-content.ts refuses such a key by name,
 * and the rest of the document is still read and judged (78b-21). The `yaml` package would turn the key into text
 * and warn on the process's stderr (JS object keys are strings).
 */
export function dropCollectionKeys(doc: Document.Parsed, resolve: Resolve): void {
  eachMapping(doc, (map) => {
    for (let i = map.items.length - 1; i >= 0; i--) {
      if (!isScalar(resolve(map.items[i].key))) map.items.splice(i, 1);
    }
  });
}
