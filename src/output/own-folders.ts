import { join, sep } from 'node:path';
import { printable } from '../core/problem';
import { PROJECT_ROOT } from './cache-folder';
import { identityRelation, identitySteps } from './folder-identity';
import { MountEntry, mountPlace, readMountTable } from './mount-place';
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

/**
 * How `a` stands to `b` by where each really lies (mount-place.ts): on one filesystem, compared by the path on it.
 * Pure over the mount table; undefined without one (no /proc) or when apart.
 */
export function mountRelation(a: string, b: string, mounts: readonly MountEntry[] | undefined): FolderRelation | undefined {
  if (!mounts) return undefined;
  const [placeA, placeB] = [mountPlace(a, mounts), mountPlace(b, mounts)];
  if (!placeA || !placeB) return undefined;
  const device = (place: string) => place.slice(0, place.indexOf(':', place.indexOf(':') + 1));
  if (device(placeA) !== device(placeB)) return undefined;
  return pathRelation(placeA.slice(device(placeA).length + 1), placeB.slice(device(placeB).length + 1));
}

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
  return pathRelation(a, b) ?? identityRelation(identitySteps(a), identitySteps(b)) ?? mountRelation(a, b, mounts());
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
export function ownFoldersProblem(configDir: string, distDir: string): string | undefined {
  const [config, dist, root] = [physicalOrResolved(configDir), physicalOrResolved(distDir), physicalOrResolved(PROJECT_ROOT)];
  const [shownConfig, shownDist] = [shownFolder(configDir), shownFolder(distDir)];
  const project = `this project ${shownFolder(PROJECT_ROOT)}`;
  // The config folder first: at the project's top it holds the default dist/, and that is not dist's fault.
  const configToProject = folderRelation(config, root);
  if (configToProject === 'is' || configToProject === 'holds') {
    return `the config folder ${shownConfig} ${configToProject} ${project}: point K3S_VIP_CONFIG_DIR at the folder of <cluster>.yaml files (default config/)`;
  }
  const distFix = 'point the output elsewhere (K3S_VIP_DIST_DIR; default dist/)';
  const toConfig = folderRelation(dist, config);
  if (toConfig) return `the output folder ${shownDist} ${toConfig} the config folder ${shownConfig}: ${distFix}`;
  // The project's dist/ by another path (a bind mount of it) is that dist/ too.
  const ownDist = dist === join(root, 'dist') || folderRelation(dist, join(root, 'dist')) === 'is';
  const toProject = ownDist ? undefined : folderRelation(dist, root);
  if (toProject) return `the output folder ${shownDist} ${toProject} ${project}: ${distFix}`;
  return undefined;
}
