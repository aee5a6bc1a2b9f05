import { isMap } from '../core/is-map';

/** A user value that would overwrite a different value the generator writes. */
export interface ValueConflict {
  /** Key path below the values' root, e.g. ['service', 'spec', 'loadBalancerIP']. */
  readonly path: ReadonlyArray<string>;
  readonly user: unknown;
  readonly generated: unknown;
}

/**
 * Deep-merges `user` into `generated` the way Helm merges values files: maps key by key, everything else
 * (lists included) replaced whole. A key both set to different values is a conflict; the generated
 * value stays, so the output never silently drops what the config asked for.
 */
export function mergeValues(
  generated: Record<string, unknown>,
  user: Record<string, unknown>,
  at: readonly string[] = [],
): { merged: Record<string, unknown>; conflicts: ValueConflict[] } {
  const merged: Record<string, unknown> = { ...generated };
  const conflicts: ValueConflict[] = [];
  for (const [key, value] of Object.entries(user)) {
    const path = [...at, key];
    // Own keys only: `hasOwnProperty` or `toString` is a key like any other, never an Object member.
    if (!Object.hasOwn(generated, key)) {
      Object.defineProperty(merged, key, { value, enumerable: true, writable: true, configurable: true });
    } else if (isMap(generated[key]) && isMap(value)) {
      const inner = mergeValues(generated[key] as Record<string, unknown>, value, path);
      merged[key] = inner.merged;
      conflicts.push(...inner.conflicts);
    } else if (!sameValue(generated[key], value)) {
      conflicts.push({ path, user: value, generated: generated[key] });
    }
  }
  return { merged, conflicts };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
