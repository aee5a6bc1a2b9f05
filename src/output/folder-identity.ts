import { statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A folder's place told by what the kernel says it is (device and inode), not by its path: a bind mount
 * (`mount --bind config /tmp/alias`) shows one folder at two paths with the same st_dev and st_ino, which no path
 * comparison sees (round 57b-12). Used by own-folders.ts's folderRelation after its path comparison.
 */

/** One step of a path from `/`: the folder's `dev:ino` while it exists, else (from the first missing part on) its name. */
export interface PathStep {
  readonly id?: string;
  readonly name: string;
}

/** `path` (absolute, links resolved: physicalPath) as steps from `/`; a part that cannot be read ends the known ids. */
export function identitySteps(path: string): PathStep[] {
  const names = path.split('/').filter((name) => name !== '');
  const steps: PathStep[] = [];
  let at = '/';
  let known = true;
  for (const name of ['', ...names]) {
    at = name ? join(at, name) : at;
    let id: string | undefined;
    if (known) {
      try {
        const stat = statSync(at, { throwIfNoEntry: false }); // a link counts as its folder, as a mount does
        id = stat?.isDirectory() ? `${stat.dev}:${stat.ino}` : undefined;
      } catch {
        id = undefined;
      }
      known = id !== undefined;
    }
    steps.push({ id, name });
  }
  return steps;
}

type IdentityRelation = 'is' | 'lies inside' | 'holds';

/**
 * How the folder of steps `a` stands to that of `b` by identity (pure, on plain data): `b`'s deepest known folder is
 * found among `a`'s folders (or the other way round), then the names after it are compared. Undefined when apart.
 */
export function identityRelation(a: readonly PathStep[], b: readonly PathStep[]): IdentityRelation | undefined {
  const inside = (x: readonly PathStep[], y: readonly PathStep[]): IdentityRelation | undefined => {
    const missing = y.findIndex((step) => !step.id);
    const last = missing === -1 ? y.length - 1 : missing - 1; // y's deepest folder that exists
    if (last < 0) return undefined;
    const at = x.findIndex((step) => step.id === y[last].id);
    if (at < 0) return undefined;
    const [restX, restY] = [x.slice(at + 1).map((s) => s.name), y.slice(last + 1).map((s) => s.name)];
    const prefix = (p: string[], q: string[]) => p.length <= q.length && p.every((name, i) => name === q[i]);
    if (restX.length === restY.length && prefix(restX, restY)) return 'is';
    if (prefix(restY, restX)) return 'lies inside';
    if (prefix(restX, restY)) return 'holds';
    return undefined;
  };
  const ab = inside(a, b);
  if (ab) return ab;
  const ba = inside(b, a);
  return ba === 'lies inside' ? 'holds' : ba === 'holds' ? 'lies inside' : ba;
}
