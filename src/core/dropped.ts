import type { Path } from './problem';

/**
 * Values the plain-data gate (src/core/snapshot.ts) or the YAML reader (src/config/yaml-content.ts) refused and
 * left out of the data, so the schema and the rules still judge the rest and one run reports every problem. A
 * finding at or under a left-out value would only repeat its problem or mislead ("is required" for a `.nan`
 * left out), so it is not reported; findings beside and above it stand, but for the list an item was left out of.
 */

/** A path as one string key: each key as JSON, joined by commas (a key's own commas sit inside its quotes). */
const keyOf = (path: readonly (string | number)[]): string => path.map((key) => JSON.stringify(key)).join(',');

/**
 * The keys of every prefix of `path`, shortest (the root, `''`) first, built in one pass: each prefix's key
 * extends the one before it, so a path of depth d costs O(total key length), not O(d²) copies.
 */
function prefixKeys(path: readonly (string | number)[]): string[] {
  const keys = [''];
  let key = '';
  for (const part of path) {
    key = key ? `${key},${JSON.stringify(part)}` : JSON.stringify(part);
    keys.push(key);
  }
  return keys;
}

/**
 * A test for whether a path is one of `dropped` or lies under one, with the lookups built once: each call then
 * costs O(depth of the path), not O(dropped) (a props object can hold 300 lists of 1,000 `NaN`, each one left out).
 */
export function atOrUnderAny(dropped: readonly Path[]): (path: readonly (string | number)[]) => boolean {
  const cuts = new Set(dropped.map(keyOf));
  if (!cuts.size) return () => false;
  return (path) => prefixKeys(path).some((key) => cuts.has(key));
}

/** Whether `path` is one of `dropped` or lies under one (one question; build `atOrUnderAny` once for many). */
export function atOrUnder(path: readonly (string | number)[], dropped: readonly Path[]): boolean {
  return atOrUnderAny(dropped)(path);
}

/**
 * A test for whether a finding at a path follows from a left-out value: at or under it, or about the list an item
 * was left out of (the list is judged without it: "is empty", "has 1 entry" would count wrong). The lookups are
 * built once, so judging P findings against D left-out values costs O(D + P × depth), not O(P × D).
 */
export function followsFromDroppedAny(dropped: readonly Path[]): (path: readonly (string | number)[]) => boolean {
  const under = atOrUnderAny(dropped);
  const lists = new Set(dropped.filter((cut) => typeof cut[cut.length - 1] === 'number').map((cut) => keyOf(cut.slice(0, -1))));
  return (path) => under(path) || (lists.size > 0 && lists.has(keyOf(path)));
}

/** Whether a finding at `path` follows from a left-out value (one question; see `followsFromDroppedAny`). */
export function followsFromDropped(path: readonly (string | number)[], dropped: readonly Path[]): boolean {
  return followsFromDroppedAny(dropped)(path);
}

/** `problems` without those that follow from a left-out value. */
export function withoutDropped<P extends { readonly path: readonly (string | number)[] }>(
  problems: readonly P[],
  dropped: readonly Path[],
): P[] {
  if (!dropped.length) return [...problems];
  const follows = followsFromDroppedAny(dropped);
  return problems.filter((p) => !follows(p.path));
}

/**
 * `data` without the list items left out (the gates leave `null` in their place, which keeps the indices of the
 * items after it for the messages), for the schema and the rules to judge: a `null` there would make the schema
 * refuse the item and the rules then judge without the whole list, and a rule that looks a name up in it (an
 * Ingress's resolver in `externalCertResolvers`) would mislead. `original` maps a finding's path on the result
 * back to the indices of `data`. Only the lists along the left-out items' paths are copied.
 */
export function withoutDroppedItems(data: unknown, dropped: readonly Path[]): { data: unknown; original: (path: Path) => Path } {
  const items = dropped.filter((path) => typeof path[path.length - 1] === 'number');
  if (!items.length) return { data, original: (path) => path };
  /** Per list (its path in `data` as `keyOf`), the indices left out of it; sorted once below. */
  const removed = new Map<string, number[]>();
  /** Every proper prefix of a left-out item's path: the nodes `copy` must go into (the rest is shared). */
  const along = new Set<string>();
  for (const path of items) {
    const keys = prefixKeys(path);
    const list = keys[keys.length - 2];
    const indices = removed.get(list);
    if (indices) indices.push(path[path.length - 1] as number);
    else removed.set(list, [path[path.length - 1] as number]);
    for (let i = 0; i < keys.length - 1; i++) along.add(keys[i]);
  }
  for (const indices of removed.values()) indices.sort((a, b) => a - b);
  const copy = (node: unknown, at: string): unknown => {
    if (node === null || typeof node !== 'object' || !along.has(at)) return node;
    const child = (key: string | number) => (at ? `${at},${JSON.stringify(key)}` : JSON.stringify(key));
    if (Array.isArray(node)) {
      const gone = new Set(removed.get(at) ?? []);
      return node.flatMap((item, i) => (gone.has(i) ? [] : [copy(item, child(i))]));
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, copy(value, child(key))]));
  };
  const original = (path: Path): Path => {
    const out: Array<string | number> = [];
    let at = '';
    for (const key of path) {
      const gone = typeof key === 'number' ? removed.get(at) : undefined;
      let index = key;
      // The k-th kept item: past every left-out index at or below it (ascending, so the first one above ends it).
      if (gone && typeof index === 'number')
        for (const i of gone) {
          if (i > index) break;
          index++;
        }
      out.push(index);
      at = at ? `${at},${JSON.stringify(index)}` : JSON.stringify(index);
    }
    return out;
  };
  return { data: copy(data, ''), original };
}
