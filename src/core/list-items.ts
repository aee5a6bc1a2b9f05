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

/**
 * Round 76: objects as the secret reader walks them (secrets.ts), each typed as kubectl reads it: an item with neither
 * kind nor apiVersion of a typed list takes the list's kind (withListKind: a ConfigMapList's items are ConfigMaps, whose
 * `data` is no Secret's; a `v1` `List`'s stay kindless), only where it stands as that item (`at`: the same object read
 * elsewhere is no item of the list). One per walk, called for each object before those under it.
 */
export function listKindLender(): (object: Values, at: Path) => Values {
  const items = new WeakMap<object, { list: Values; at: string }>();
  return (object, at) => {
    const lent = items.get(object);
    const typed = lent && lent.at === at.join('\0') ? withListKind(object, lent.list) : object;
    if (isListKind(typed, 0))
      (typed.items as unknown[]).forEach((item, i) => isMap(item) && items.set(item, { list: typed, at: [...at, 'items', i].join('\0') }));
    return typed;
  };
}
