/**
 * Where a key the chart's values schema does not know at one place is known nearby (`ports.web.redirections`, which
 * chart v39 reads as `ports.web.http.redirections`): one level down, one level up, or under a sibling of its parent.
 * The schema's own nesting only (`properties`, `additionalProperties`, `items`), as the vendored helm-schema output
 * nests its keys. Reads only the few nodes on the path and beside it: cheap, and the same answer every run.
 */
import { typoDistance } from '../core/closest';
import { mayQuote } from '../core/quotable';

export interface SchemaNode {
  readonly type?: unknown;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly items?: SchemaNode;
}

/** Paths (below the values' root, written `a.b[0].c`) where `key` is known near `parent`; the nearest first, at most 3. */
export function nearbyKeyPaths(schema: object, parent: ReadonlyArray<string | number>, key: string): string[] {
  // A suggestion writes the user's own keys (a `ports.<name>`): none where one may be a secret.
  if (!parent.every((step) => typeof step === 'number' || mayQuote(step))) return [];
  const nodes = [schema as SchemaNode];
  for (const step of parent) {
    const child = childSchema(nodes[nodes.length - 1], step);
    if (!child) return [];
    nodes.push(child);
  }
  const at = nodes[nodes.length - 1];
  const up = nodes.length > 1 ? nodes[nodes.length - 2] : undefined;
  const below = (node: SchemaNode | undefined, skip?: string | number) =>
    Object.entries(node?.properties ?? {})
      .filter(([name, child]) => name !== skip && knows(child, key))
      .map(([name]) => name);
  const grand = parent.slice(0, -1);
  const found = [
    ...below(at).map((name) => [...parent, name, key]),
    ...(up && knows(up, key) ? [[...grand, key]] : []),
    ...below(up, parent[parent.length - 1]).map((name) => [...grand, name, key]),
  ];
  return found.slice(0, 3).map(written);
}

/**
 * A one- or two-letter slip among the keys the schema declares at the very same place (76b-19: `exposePort` for
 * `exposedPort`, `allowCrossNamespaces` for `allowCrossNamespace`): the nearest, ties in the schema's order.
 */
export function siblingKeyTypo(schema: object, parent: ReadonlyArray<string | number>, key: string): string | undefined {
  if (!parent.every((step) => typeof step === 'number' || mayQuote(step))) return undefined;
  const node = schemaNodeAt(schema, parent);
  return typoAmong(key, Object.keys(node?.properties ?? {}));
}

/** The name one letter away (two for a key of 7 letters or more), in any case: the nearest, ties in the list's order. */
export function typoAmong(key: string, names: readonly string[]): string | undefined {
  const limit = key.length > 6 ? 2 : 1;
  let best: [string, number] | undefined;
  for (const name of names) {
    if (Math.abs(name.length - key.length) > limit) continue;
    const distance = typoDistance(key.toLowerCase(), name.toLowerCase());
    if (distance <= limit && (!best || distance < best[1])) best = [name, distance];
  }
  return best?.[0];
}

/** The schema node of the value at `path` below the values' root (its `type` as vendored), or undefined. */
export function schemaNodeAt(schema: object, path: ReadonlyArray<string | number>): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema as SchemaNode;
  for (const step of path) node = node && childSchema(node, step);
  return node;
}

function childSchema(node: SchemaNode, step: string | number): SchemaNode | undefined {
  if (typeof step === 'number') return node.items;
  if (node.properties && Object.hasOwn(node.properties, step)) return node.properties[step];
  return typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
}

const knows = (node: SchemaNode, key: string): boolean => !!node.properties && Object.hasOwn(node.properties, key);

/** A values path as messages write it: `a.b[0].c`. */
export const written = (path: ReadonlyArray<string | number>): string =>
  path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i ? `.${step}` : step)).join('');
