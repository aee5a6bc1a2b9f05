import { formatPath, Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { isListKind, withListKind } from '../core/list-items';

type Values = Record<string, unknown>;

/** What a value that is no object is, in general terms (never its text: it may be a secret). */
const described = (value: unknown): string =>
  value === null || value === undefined
    ? 'null'
    : Array.isArray(value)
      ? 'a list'
      : typeof value === 'number' || typeof value === 'boolean'
        ? `the ${typeof value} ${String(value)}`
        : typeof value === 'string'
          ? 'plain text'
          : 'a map';

/**
 * A `List` (or `*List` kind) whose `items` is there but no list, or a `v1` `List` without `items`: the decoder reads a
 * kind ending in `List` with `items` as a list and fails on any other `items` (k8s.io/apimachinery
 * pkg/apis/meta/v1/unstructured helpers.go `decodeToList`), and a `List` without them is no kind the API server has.
 * A null `items` is an empty list.
 */
export function brokenList(object: Values): string | undefined {
  if (typeof object.kind !== 'string' || !object.kind.endsWith('List') || Array.isArray(object.items)) return undefined;
  if (object.items === null) return undefined;
  if (object.items !== undefined) return `is ${described(object.items)}, but a List is applied as its items, so it must be a list`;
  return object.kind === 'List' && object.apiVersion === 'v1' ? 'is a List without items' : undefined;
}

const HELM_FAILS =
  "Helm's kube client reads a List's items as objects (helm/helm v3.19.0 pkg/kube/client.go `Flatten()`), so the whole Traefik release fails";

/**
 * 76b-20: the shape of a List in extraObjects, as an item itself is judged (extra-objects.ts nonObjectProblems): each of
 * its items, nested Lists too, must be a map (`decodeToList` decodes each as an object; a null one has no kind), and its
 * `items` a list (brokenList). `path` is where the List stands; `inText` says problems at it (a text item has no key
 * path below it), naming the place in the message.
 */
export function listShapeProblems(object: Values, path: Path, inText: boolean, at: Path = [], depth = 0): Problem[] {
  const here = (below: Path, message: string): Problem =>
    inText && below.length ? { path, message: `${formatPath(below)} ${message}` } : { path: inText ? path : [...path, ...below], message };
  const broken = brokenList(object);
  if (broken) {
    const fix = `${HELM_FAILS}: write items as a list of objects, each a map with apiVersion, kind and metadata`;
    return [object.items === undefined ? here(at, `${broken}: ${fix}`) : here([...at, 'items'], `${broken}: ${fix}`)];
  }
  if (!isListKind(object, depth)) return [];
  return (object.items as unknown[]).flatMap((item, i) =>
    isMap(item)
      ? listShapeProblems(withListKind(item, object), path, inText, [...at, 'items', i], depth + 1)
      : [
          here(
            [...at, 'items', i],
            `is ${described(item)}, not a Kubernetes object: ${HELM_FAILS}; make it a map with apiVersion, kind and metadata, or remove it`,
          ),
        ],
  );
}
