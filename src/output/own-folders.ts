import { join, sep } from 'node:path';
import { printable } from '../core/problem';
import { PROJECT_ROOT } from './cache-folder';
import { identityRelation, identitySteps } from './folder-identity';
import { lazyMountTable, MountEntry, mountPlace, mountsBelow, readMountTable } from './mount-place';
import { physicalOrResolved } from './physical-path';

/**
 * How the folders a run reads and writes stand to each other and to this project. One relation for every guard: the
 * K3s manifests folder (`k3s:install --dir`, install-source.ts) and the two folders of the environment
 * (K3S_VIP_CONFIG_DIR, K3S_VIP_DIST_DIR), which every command checks before it reads or writes either.
 */

export type FolderRelation = 'is' | 'lies inside' | 'holds';

const within = (inner: string, outer: string) => inner.startsWith(outer.endsWith(sep) ? outer : `${outer}${sep}`);

/** How two absolute paths stand to each other by their text alone. */
function pathRelation(a: string, b: string): FolderRelation | undefined {
  if (a === b) return 'is';
  if (within(a, b)) return 'lies inside';
  if (within(b, a)) return 'holds';
  return undefined;
}

/** The `major:minor` of a mountPlace. */
const device = (place: string) => place.slice(0, place.indexOf(':', place.indexOf(':') + 1));

/**
 * How `a` stands to `b` by where each really lies (mount-place.ts): on one filesystem, compared by the path on it.
 * Pure over the mount table; undefined without one (no /proc) or when apart.
 */
export function mountRelation(a: string, b: string, mounts: readonly MountEntry[] | undefined): FolderRelation | undefined {
  if (!mounts) return undefined;
  const [placeA, placeB] = [mountPlace(a, mounts), mountPlace(b, mounts)];
  if (!placeA || !placeB) return undefined;
  if (device(placeA) !== device(placeB)) return undefined;
  return pathRelation(placeA.slice(device(placeA).length + 1), placeB.slice(device(placeB).length + 1));
}

/** How folder `a` holds folder `b` through a mount below it: all of `b` (`holds`), or a folder inside `b`. */
export interface HeldThroughMount {
  readonly relation: 'holds' | 'holds part of';
  /** The mount point inside `a` that shows it. */
  readonly mountPoint: string;
}

/**
 * Whether a mount below `a` shows `b`, a folder holding `b`, or a folder inside `b` (round 59b-1/2): `mount --bind
 * config /tmp/out/c` makes /tmp/out hold the config folder, which neither path, identity (folder-identity.ts walks
 * only a folder's ancestors) nor `a`'s own place in the mount table tells. Pure over the mount table.
 */
export function heldThroughMount(a: string, b: string, mounts: readonly MountEntry[] | undefined): HeldThroughMount | undefined {
  const placeB = mounts && mountPlace(b, mounts);
  if (!mounts || !placeB) return undefined;
  const pathB = placeB.slice(device(placeB).length + 1);
  let part: HeldThroughMount | undefined;
  for (const entry of mountsBelow(a, mounts)) {
    if (entry.device !== device(placeB)) continue;
    const relation = pathRelation(entry.root.startsWith('/') ? entry.root : `/${entry.root}`, pathB);
    if (relation === 'is' || relation === 'holds') return { relation: 'holds', mountPoint: entry.mountPoint };
    if (relation === 'lies inside') part ??= { relation: 'holds part of', mountPoint: entry.mountPoint };
  }
  return part;
}

/** ` (through the mount at <point>)`, for a message. */
export const throughMount = (held: HeldThroughMount) => ` (through the mount at ${printable(held.mountPoint)})`;

/**
 * How folder `a` stands to folder `b`, both absolute with links resolved (physicalPath), or undefined when apart: by
 * path, then by device and inode of each folder and its ancestors (folder-identity.ts), so a bind-mount alias of a
 * folder is that folder, then by the mount table (a bind mount of a folder inside `b` lies inside `b`).
 */
export function folderRelation(
  a: string,
  b: string,
  mounts: () => readonly MountEntry[] | undefined = readMountTable,
): FolderRelation | undefined {
  const held = () => (heldThroughMount(a, b, mounts())?.relation === 'holds' ? 'holds' : undefined);
  return pathRelation(a, b) ?? identityRelation(identitySteps(a), identitySteps(b)) ?? mountRelation(a, b, mounts()) ?? held();
}

/** `dir` as a message names a folder: with one trailing `/` (`/` stays `/`, never `//`), quoted when unprintable. */
export function shownFolder(dir: string): string {
  return `${printable(dir.replace(/\/+$/, ''))}/`;
}

/**
 * Why the config folder and the output folder may not be used as given, or undefined. The output folder may not be,
 * lie inside or hold the config folder (a synth would write among the configs, or the configs among its output), nor
 * this project (it would scatter files over the repository) save the project's own dist/. The config folder may
 * lie inside this project (config/examples, test fixtures) but not be or hold it (`npm run new` would write at the
 * top of the repository, and every synth read cdk8s.yaml as a cluster). Compared as the kernel resolves them
 * (physical-path.ts): a link must not smuggle one folder into another. One line: what, where, what to do.
 */
export function ownFoldersProblem(
  configDir: string,
  distDir: string,
  read: () => MountEntry[] | undefined = readMountTable,
): string | undefined {
  const [config, dist, root] = [physicalOrResolved(configDir), physicalOrResolved(distDir), physicalOrResolved(PROJECT_ROOT)];
  const [shownConfig, shownDist] = [shownFolder(configDir), shownFolder(distDir)];
  const project = `this project ${shownFolder(PROJECT_ROOT)}`;
  const mounts = lazyMountTable(read);
  // The config folder first: at the project's top it holds the default dist/, and that is not dist's fault.
  const configToProject = folderRelation(config, root, mounts);
  if (configToProject === 'is' || configToProject === 'holds') {
    const through = configToProject === 'holds' ? heldThroughMount(config, root, mounts()) : undefined;
    return `the config folder ${shownConfig} ${configToProject} ${project}${through ? throughMount(through) : ''}: point K3S_VIP_CONFIG_DIR at the folder of <cluster>.yaml files (default config/)`;
  }
  const distFix = 'point the output elsewhere (K3S_VIP_DIST_DIR; default dist/)';
  // A mount below one folder that shows the other, all of it or a folder in it (59b-1): named with its mount point.
  const heldConfig = heldThroughMount(dist, config, mounts());
  if (heldConfig)
    return `the output folder ${shownDist} ${heldConfig.relation} the config folder ${shownConfig}${throughMount(heldConfig)}: ${distFix}`;
  const inConfig = heldThroughMount(config, dist, mounts());
  if (inConfig?.relation === 'holds')
    return `the output folder ${shownDist} lies inside the config folder ${shownConfig}${throughMount(inConfig)}: ${distFix}`;
  const toConfig = folderRelation(dist, config, mounts);
  if (toConfig) return `the output folder ${shownDist} ${toConfig} the config folder ${shownConfig}: ${distFix}`;
  // The project's dist/ by another path (a bind mount of it) is that dist/ too.
  const ownDist = dist === join(root, 'dist') || folderRelation(dist, join(root, 'dist'), mounts) === 'is';
  if (ownDist) return undefined;
  const heldProject = heldThroughMount(dist, root, mounts());
  if (heldProject) return `the output folder ${shownDist} ${heldProject.relation} ${project}${throughMount(heldProject)}: ${distFix}`;
  const toProject = folderRelation(dist, root, mounts);
  if (toProject) return `the output folder ${shownDist} ${toProject} ${project}: ${distFix}`;
  return undefined;
}
