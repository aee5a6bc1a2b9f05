import type { Path } from './problem';

/**
 * Values the plain-data gate (src/core/snapshot.ts) or the YAML reader (src/config/yaml-content.ts) refused and
 * left out of the data, so the schema and the rules still judge the rest and one run reports every problem. A
 * finding at or under a left-out value would only repeat its problem or mislead ("is required" for a `.nan`
 * left out), so it is not reported; findings beside and above it stand, but for the list an item was left out of.
 */

/** Whether `path` is one of `dropped` or lies under one. */
export function atOrUnder(path: readonly (string | number)[], dropped: readonly Path[]): boolean {
  return dropped.some((cut) => cut.length <= path.length && cut.every((key, i) => path[i] === key));
}

/**
 * Whether a finding at `path` follows from a left-out value: at or under it, or about the list an item was left
 * out of (the list is judged without it: "is empty", "has 1 entry" would count wrong).
 */
export function followsFromDropped(path: readonly (string | number)[], dropped: readonly Path[]): boolean {
  const lists = dropped.filter((cut) => typeof cut[cut.length - 1] === 'number').map((cut) => cut.slice(0, -1));
  return atOrUnder(path, dropped) || lists.some((list) => list.length === path.length && list.every((key, i) => path[i] === key));
}

/** `problems` without those that follow from a left-out value. */
export function withoutDropped<P extends { readonly path: readonly (string | number)[] }>(
  problems: readonly P[],
  dropped: readonly Path[],
): P[] {
  return dropped.length ? problems.filter((p) => !followsFromDropped(p.path, dropped)) : [...problems];
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
  /** Per list (its path in `data`, formatted as JSON), the indices left out of it, ascending. */
  const removed = new Map<string, number[]>();
  for (const path of items) {
    const list = JSON.stringify(path.slice(0, -1));
    removed.set(
      list,
      [...(removed.get(list) ?? []), path[path.length - 1] as number].sort((a, b) => a - b),
    );
  }
  const copy = (node: unknown, at: Path): unknown => {
    if (node === null || typeof node !== 'object') return node;
    const on = items.some((path) => path.length > at.length && at.every((key, i) => path[i] === key));
    if (!on) return node;
    if (Array.isArray(node)) {
      const gone = new Set(removed.get(JSON.stringify(at)) ?? []);
      return node.flatMap((item, i) => (gone.has(i) ? [] : [copy(item, [...at, i])]));
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, copy(value, [...at, key])]));
  };
  const original = (path: Path): Path => {
    const out: Array<string | number> = [];
    for (const key of path) {
      const gone = typeof key === 'number' ? removed.get(JSON.stringify(out)) : undefined;
      let index = key;
      // The k-th kept item: past every left-out index at or below it.
      if (gone && typeof index === 'number') for (const i of gone) if (i <= index) index++;
      out.push(index);
    }
    return out;
  };
  return { data: copy(data, []), original };
}
