import { isMap } from './is-map';
import type { Path } from './problem';

type Values = Record<string, unknown>;

/**
 * Round 66 (66b-8): a `List` (`v1` `List`, or any `*List` kind with `items`) is its items, each applied as an object of
 * its own, as `kubectl apply`, kustomize and Helm's kube client apply them (the decoder reads a kind ending in `List`
 * with `items` as a list: k8s.io/apimachinery pkg/apis/meta/v1/unstructured helpers.go `unstructuredJSONScheme.decode`;
 * cli-runtime pkg/resource visitor.go flattens it with `meta.ExtractList`; helm/helm v3.19.0 pkg/kube/client.go
 * `newBuilder` calls `Flatten()`). Nested lists are flattened, to a depth of 8.
 */
export const isListKind = (object: Values, depth: number): boolean =>
  typeof object.kind === 'string' && object.kind.endsWith('List') && Array.isArray(object.items) && depth < 8;

/** An object, or the map items of a list kind (nested lists flattened), each with where it sits (`items[0].items[1]`). */
export function listItemPaths(object: Values, at: Path = [], depth = 0): Array<{ item: Values; at: Path }> {
  if (!isListKind(object, depth)) return [{ item: object, at }];
  return (object.items as unknown[]).flatMap((item, i) =>
    isMap(item) ? listItemPaths(withListKind(item, object), [...at, 'items', i], depth + 1) : [],
  );
}

/**
 * 72a-10: an item with neither kind nor apiVersion takes them from its typed list (a ConfigMapList's items are
 * ConfigMaps), as kubectl reads it (k8s.io/apimachinery pkg/apis/meta/v1/unstructured helpers.go `decodeToList`:
 * `strings.TrimSuffix(listKind, "List")` and the list's apiVersion); a `v1` `List` gives no kind.
 */
export function withListKind(item: Values, list: Values): Values {
  const kind = (list.kind as string).slice(0, -'List'.length);
  return item.kind === undefined && item.apiVersion === undefined && kind !== '' ? { apiVersion: list.apiVersion, kind, ...item } : item;
}
