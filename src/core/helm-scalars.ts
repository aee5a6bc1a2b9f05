import type { Document, Scalar } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from './yaml';
import { goYamlKey, goYamlScalar, GoScalarTag } from './go-yaml-scalars';

/** The explicit tags go-yaml v2 resolves a scalar by (go-yaml-scalars.ts); others are refused by manifest-text.ts. */
const TAGS: Readonly<Record<string, GoScalarTag>> = Object.fromEntries(
  (['str', 'int', 'float', 'bool', 'null'] as const).map((name) => [`tag:yaml.org,2002:${name}`, name]),
);

/** A place in a document's data (a path) and the scalar as written there. */
export interface HelmPlace {
  readonly path: ReadonlyArray<string | number>;
  readonly written: string;
}

/** The scalars of a text Helm reads otherwise than YAML 1.2 does, by the data object (map or list) that holds them. */
const reread = new WeakMap<object, Map<string | number, string>>();

/**
 * The scalar as written (`on`, `0644`) at `key` of `container` (a map or list of data read by readHelmManifestText),
 * where Helm's reader (YAML 1.1) gave it another value than YAML 1.2 would: for a message that says why a value is not
 * what the text seems to say. Undefined elsewhere.
 */
export function helmRereadAt(container: unknown, key: string | number): string | undefined {
  return typeof container === 'object' && container !== null ? reread.get(container)?.get(key) : undefined;
}

/**
 * Sets each scalar of `doc` to the value go-yaml v2 gives it, and each map key to the JSON key sigs.k8s.io/yaml makes
 * of it (go-yaml-scalars.ts), so that `doc.toJS()` is the data Helm applies. Returns the places read otherwise than
 * YAML 1.2 reads them (a data path and the scalar as written), for noteRereads once the data is made. A scalar go-yaml
 * cannot read as its tag, or a key it cannot make a JSON key of, is left as it is (YAML 1.2 already refuses a tag that
 * does not fit its text; a null key is read as the text "").
 */
export function asHelmReads(doc: Document.Parsed): { changed: boolean; places: HelmPlace[]; keys: HelmPlace[] } {
  const places: HelmPlace[] = [];
  const keys: HelmPlace[] = [];
  let changed = false;
  const scalar = (node: Scalar, asKey: boolean): string | number | boolean | null | undefined => {
    const tag = node.tag === undefined ? (node.type === 'PLAIN' ? '' : 'str') : TAGS[node.tag];
    const written = node.source ?? (typeof node.value === 'string' ? node.value : undefined);
    const read = tag === undefined || written === undefined ? undefined : goYamlScalar(written, tag);
    if (!read) return undefined;
    const value = asKey ? goYamlKey(read) : read.value;
    if (value === undefined || Object.is(value, node.value)) return undefined;
    node.value = value;
    changed = true;
    return value;
  };
  // One path, grown and shrunk as the walk goes (copied only for a place read otherwise): a text may be 1 MB.
  const path: Array<string | number> = [];
  const walk = (node: unknown): void => {
    if (isScalar(node)) {
      const before = node.value;
      if (scalar(node, false) !== undefined && (typeof before === 'string' || typeof before === 'number'))
        places.push({ path: [...path], written: String(node.source) });
    } else if (isSeq(node))
      node.items.forEach((item, i) => {
        path.push(i);
        walk(item);
        path.pop();
      });
    else if (isMap(node))
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const written = isScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : undefined;
        const renamed = isScalar(pair.key) ? scalar(pair.key, true) : undefined;
        if (written !== undefined && renamed !== undefined) keys.push({ path: [...path, String(renamed)], written });
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        // A key that is no text nor number (a map as key) is no place a message names.
        if (typeof key !== 'string' && typeof key !== 'number') continue;
        path.push(String(key));
        walk(pair.value);
        path.pop();
      }
  };
  walk(doc.contents);
  return { changed, places, keys };
}

/** The map keys of a document's data that Helm reads as another key (`n:` is `"false"`), by the document's data. */
const renamedKeys = new WeakMap<object, readonly HelmPlace[]>();

/** The keys of `document` (data read by readHelmManifestText) Helm reads as another: each at its path as Helm names it. */
export function helmRenamedKeys(document: unknown): readonly HelmPlace[] {
  return typeof document === 'object' && document !== null ? (renamedKeys.get(document) ?? []) : [];
}

/** Records `places` and renamed `keys` (asHelmReads) in `data`, the document's data, for helmRereadAt and helmRenamedKeys. */
export function noteRereads(data: unknown, places: readonly HelmPlace[], keys: readonly HelmPlace[] = []): void {
  if (keys.length && typeof data === 'object' && data !== null) renamedKeys.set(data, keys);
  for (const { path, written } of places) {
    if (path.length === 0) continue;
    let container: unknown = data;
    for (const key of path.slice(0, -1))
      container = typeof container === 'object' && container !== null ? (container as Record<string, unknown>)[key] : undefined;
    if (typeof container !== 'object' || container === null) continue;
    const key = path[path.length - 1];
    const at = reread.get(container) ?? new Map<string | number, string>();
    at.set(key, written);
    reread.set(container, at);
  }
}

/**
 * A message about the value at `path` of `data` (read by readHelmManifestText), saying, where Helm's reader typed the
 * value otherwise than YAML 1.2 (`on` is true, `0644` is 420), what it read and how to keep the text as written. A
 * schema's type finding advises quoting the value as read (validate/schemas.ts: `write it as text, in quotes: "true"`);
 * the text meant is the one written, so that advice gives way.
 */
export function withHelmReading(message: string, data: unknown, path: ReadonlyArray<string | number>): string {
  if (path.length === 0) return message;
  let container = data;
  for (const key of path.slice(0, -1))
    container = typeof container === 'object' && container !== null ? (container as Record<string, unknown>)[key] : undefined;
  const key = path[path.length - 1];
  const written = helmRereadAt(container, key);
  if (written === undefined) return message;
  const value = (container as Record<string | number, unknown>)[key];
  const said = message.replace(/: write it as text, in quotes: "[^"]*"$/, '');
  return (
    `${said}: Helm reads this text with sigs.k8s.io/yaml (YAML 1.1 scalars), where the unquoted ${written} is ` +
    `${JSON.stringify(value)}: write "${written}", in quotes, where text is meant`
  );
}
