import type { Document } from 'yaml';
import type { Path } from '../core/problem';
import { mayQuote } from '../core/quotable';
import { isSecretKey, isSecretPath, REDACTED, secretsInData, secretUnder, secretValues } from '../core/secrets';
import { isAlias, isMap, isScalar, isSeq, yaml } from '../core/yaml';
import type { Resolve } from './yaml-problem';

/**
 * Which values the YAML reading layer may quote. Its messages are built before the document is plain
 * data (a control character, a duplicate key, an unknown alias or tag stop it there), so whether a value
 * is a secret is judged on the parsed nodes: a key named like a secret anywhere on the path, the `value`
 * of an env entry whose `name` is one, the data of a `kind: Secret` object. Aliases count as what they
 * refer to (`name: *n` where `&n DB_PASSWORD`, a key `*k` where `&k password`), and the keys a merge key
 * (`<<: {name: DB_PASSWORD}`) would bring count as the map's own.
 */

/** YAML 1.1's merge key; YAML 1.2 (this reader) would read it as a key named `<<`. */
export const MERGE_KEY = '<<';

/**
 * The resolver of a document's aliases: each refers to the last node anchored with its name before it (YAML 1.2.2
 * section 3.2.2.2). Built in one pass, so a document of many aliases costs no more than one of few.
 */
export function aliasResolver(doc: Document): Resolve {
  const targets = new Map<unknown, unknown>();
  const last = new Map<string, unknown>();
  yaml.visit(doc, {
    Node: (_, node) => {
      if (isAlias(node)) targets.set(node, last.get(node.source));
      else if (node.anchor) last.set(node.anchor, node);
    },
  });
  return (node) => (isAlias(node) ? targets.get(node) : node);
}

/** A key's name: a scalar's text, or the text of the scalar an alias refers to (`*k`, `&k password`: `password`). */
export function keyText(key: unknown, resolve: Resolve = (node) => node): string {
  const node = resolve(key);
  return isScalar(node) ? String(node.value) : String(key);
}

/** The value of `name` in a mapping node: its own pair, else one a merge key brings (the map's own keys win). */
function valueIn(map: unknown, name: string, resolve: Resolve, seen = new Set<unknown>()): unknown {
  if (!isMap(map) || seen.has(map)) return undefined;
  seen.add(map);
  const own = map.items.find((pair) => keyText(pair.key, resolve) === name);
  if (own) return resolve(own.value);
  for (const pair of map.items.filter((p) => keyText(p.key, resolve) === MERGE_KEY)) {
    const source = resolve(pair.value);
    for (const merged of isSeq(source) ? source.items.map(resolve) : [source]) {
      const found = valueIn(merged, name, resolve, seen);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Whether the value at `path` of a parsed document (its `contents`) is a secret that no message may quote. */
export function isSecretInDoc(root: unknown, path: Path, resolve: Resolve = (node) => node): boolean {
  if (isSecretPath(path)) return true;
  const node = nodeOrSecret(root, path, resolve);
  if (node === STANDS_AS_SECRET) return true;
  // Text that holds a secret itself: an `extraObjects` item whose `---` documents hold a Secret, `--token=abc`.
  return isScalar(node) && typeof node.value === 'string' && secretsInData(node.value, path).length > 0;
}

/**
 * Whether the value at `path` is a secret by where it stands in the document: under a key named like a secret (not a
 * reference's map), the `value` of an env entry whose `name` is one, a Secret object's data. Not by the path's names
 * alone (a map under `passwordSecret` is a reference), nor by its own text.
 */
export const standsAsSecret = (root: unknown, path: Path, resolve: Resolve = (node) => node): boolean =>
  nodeOrSecret(root, path, resolve) === STANDS_AS_SECRET;

const STANDS_AS_SECRET = Symbol('secret');

/** The node at `path`, or STANDS_AS_SECRET where a map on the way says the value under a key of it is a secret. */
function nodeOrSecret(root: unknown, path: Path, resolve: Resolve): unknown {
  let node = resolve(root);
  let parent: unknown; // the key of the map `key` is in (a map of headers: 61a-4)
  for (const key of path) {
    if (isMap(node)) {
      const map = node;
      const field = (name: string) => {
        const value = valueIn(map, name, resolve);
        return isScalar(value) ? value.value : value;
      };
      if (
        secretUnder(
          String(key),
          field,
          map.items.map((pair) => keyText(pair.key, resolve)),
          parent,
        )
      )
        return STANDS_AS_SECRET;
      node = valueIn(map, String(key), resolve);
      parent = key;
    } else if (isSeq(node) && typeof key === 'number') {
      node = resolve(node.items[key]);
    } else return undefined;
  }
  return node;
}

/**
 * A raw line of the file, to quote in a hint (`write "- value: abc"`): `key: <redacted>` when its value is
 * a secret, by its key (`password: abc`), by where it stands (`secret`), or by what any reading of the raw
 * text shows (mayQuote: `value: "--token=\u0061bc"`); REDACTED alone when the key itself may not be quoted.
 */
export function quotableLine(line: string, secret: boolean): string {
  const text = line.trim().replace(/^-\s+/, '');
  const key = /^([^\s:#]+)\s*:/.exec(text)?.[1];
  const secretKey = key !== undefined && isSecretKey(key.replace(/^["']|["']$/g, ''));
  if (!secret && !secretKey && mayQuote(text)) return text;
  return key !== undefined && mayQuote(key) ? `${key}: ${REDACTED}` : REDACTED;
}

/**
 * The secrets of a document as far as it parsed, to redact from every message about the file: its data as this
 * reader takes it (a merge key's map is a value under the key `<<`), and as YAML 1.1 readers would, with merge
 * keys applied (`<<: {name: DB_PASSWORD}` beside `value: abc`). None when it cannot be read as data.
 */
export function secretsOfDoc(doc: Document.Parsed | undefined, text: string): string[] {
  const read = (data: () => unknown) => {
    try {
      // The parser's own alias limit stays on: an alias bomb is one of the refusals.
      return secretValues(data());
    } catch {
      return [];
    }
  };
  const own = doc ? read(() => doc.toJS()) : [];
  const merged = text.includes(MERGE_KEY)
    ? read(() => yaml.parseDocument(text, { merge: true, uniqueKeys: false, prettyErrors: false, logLevel: 'silent' }).toJS())
    : [];
  return [...new Set([...own, ...merged])];
}
