import { formatPath, Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { isListKind, withListKind } from '../core/list-items';
import { readHelmManifestText } from '../core/manifest-text';

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

/** 75a-11: a problem in a text of several documents says which one (a key path names none). */
export const inDocument = (problem: Problem, document: number | undefined): Problem =>
  document === undefined ? problem : { ...problem, message: `(document ${document} of the text) ${problem.message}` };

/**
 * An item, or a document of a text item, that is not a map: the chart renders each item as YAML documents of the
 * Traefik release (traefik/traefik-helm-chart templates/extra-objects.yaml and "traefik.render" in _helpers.tpl, v39.0.7:
 * `toYaml` of a map-form item, `tpl` of a text), and Helm reads every document as an object (helm/helm v3.19.0
 * pkg/releaseutil/manifest_sorter.go: yaml.Unmarshal into SimpleHead, "YAML parse error on ..."), so a list, number,
 * boolean or plain text fails the whole release. A null item or an empty document is not refused: it renders as `null`
 * or nothing, which Helm's manifest splitter keeps and the Kubernetes client skips (k8s.io/cli-runtime
 * pkg/resource/visitor.go, StreamVisitor: an empty or `null` document is no object). A text's value is not shown.
 * 76b-20: a List's items are held to it too (extra-list-shapes.ts).
 */
export function nonObjectProblems(item: unknown, path: Path): Problem[] {
  const text = typeof item === 'string';
  const documents = text ? readHelmManifestText(item).documents : [item];
  return documents.flatMap((document, d) => {
    if (isMap(document)) return listShapeProblems(document, path, text).map((p) => inDocument(p, documents.length > 1 ? d + 1 : undefined));
    if (document === null || document === undefined) return [];
    const what = Array.isArray(document)
      ? 'a list'
      : typeof document === 'number' || typeof document === 'boolean'
        ? `the ${typeof document} ${String(document)}`
        : 'plain text';
    const where = !text
      ? `is ${what}`
      : documents.length > 1
        ? `is text whose document ${d + 1} reads as ${what}`
        : `is text that reads as ${what}`;
    return [
      {
        path,
        message:
          `${where}, not a Kubernetes object: Helm reads every document the chart renders from extraObjects as an object, so ` +
          'the whole Traefik release fails; write each object as an item of its own, a map with apiVersion, kind and metadata',
      },
    ];
  });
}
