import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { oneLine, printable } from '../core/problem';
import { InstallError, readSource, Source } from './install-apply';
import { describeFileError, FileSystem } from '../output/file-system';
import { LockError, LockReleaseError, withFolderLock, withoutFolderLock } from '../output/lock';
import { PROJECT_ROOT } from '../output/cache-folder';
import { physicalOrResolved } from '../output/physical-path';
import { folderRelation, heldThroughMount, throughMount } from '../output/own-folders';
import { lazyMountTable, MountEntry, readMountTable } from '../output/mount-place';
import { manifestsRootOf } from './manifests-tree';

/**
 * The two guards of k3s:install around this project's own folders: it never installs into them, and it
 * reads dist/<cluster>/ only while no synth writes it.
 */

/**
 * Why `--dir` may not be the manifests folder, or undefined: it is (or lies inside, or holds) the config folder,
 * dist/ or this project. Installing there would mix manifests into the config (every later
 * synth fails) or into synth's output, or scatter them over the repository. `target` is `dir` as the kernel resolves
 * it (physicalPath: links followed, then each `..`), the folders likewise; `dir` names it in the message as given.
 * K3s applies every file below the folder it walks, at any depth, and the folders its top-level links lead to
 * (manifests-tree.ts): so a mount below `--dir` showing one of those folders or a folder in it (round 59b-2), or a
 * top-level link of the walked folder leading to one, is refused too, named by its place.
 */
export function projectFolderProblem(
  dir: string,
  target: string,
  folders: { readonly configDir: string; readonly distDir: string },
  read: () => MountEntry[] | undefined = readMountTable,
): string | undefined {
  const fix = 'pass --dir <the K3s manifests folder> (default /var/lib/rancher/k3s/server/manifests)';
  const own = [
    { path: folders.configDir, what: 'the config folder' },
    { path: folders.distDir, what: "synth's output folder" },
    // Any folder of the project (src/, test/): manifests there would be scattered over the repository.
    { path: PROJECT_ROOT, what: 'this project' },
  ];
  const mounts = lazyMountTable(read);
  // Where a `..` follows a link, the kernel's folder is not the one the text suggests: name it.
  const resolved = target !== resolve(dir) && dir.split('/').includes('..') ? ` (the kernel resolves it to ${JSON.stringify(target)})` : '';
  const given = `${oneLine(JSON.stringify(dir))}${oneLine(resolved)}`;
  for (const { path, what } of own) {
    const [folder, shown] = [physicalOrResolved(path), printable(path)];
    // A mount below first, to name it (folderRelation would say `holds` without the place).
    const held = heldThroughMount(target, folder, mounts());
    if (held)
      return `--dir ${given}: ${held.relation} ${what} (${shown}/)${throughMount(held)}, and K3s applies every file below it: ${fix}`;
    const relation = folderRelation(target, folder, mounts);
    if (relation) return `--dir ${given}: ${relation} ${what} (${shown}/): ${fix}`;
  }
  const root = manifestsRootOf(target);
  for (const link of topLevelFolderLinks(root)) {
    for (const { path, what } of own) {
      const folder = physicalOrResolved(path);
      const toFolder = folderRelation(link.target, folder, mounts) ?? heldThroughMount(link.target, folder, mounts())?.relation;
      if (toFolder)
        return `--dir ${given}: the link ${printable(link.path)} in the folder K3s walks leads to ${printable(link.target)}/, which ${toFolder} ${what} (${printable(path)}/), and K3s applies every file it finds there: remove the link, or ${fix}`;
    }
  }
  return undefined;
}

/** The links at the top of `folder` that lead to a folder (K3s follows them: manifests-tree.ts), with their targets. */
function topLevelFolderLinks(folder: string): { readonly path: string; readonly target: string }[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return []; // no folder yet (the install creates it), or one nobody can list: nothing K3s could walk either
  }
  const links: { path: string; target: string }[] = [];
  for (const entry of entries) {
    if (!entry.isSymbolicLink()) continue;
    const path = join(folder, entry.name);
    try {
      if (statSync(path).isDirectory()) links.push({ path, target: realpathSync(path) });
    } catch {
      // a broken link or a loop leads nowhere K3s could apply from (foreign-objects.ts names what K3s stops at)
    }
  }
  return links;
}

/**
 * dist/<cluster>/ read whole into memory under dist's lock (the one synth holds while it writes), so an
 * install never mixes the files of two synths. The lock is released before the manifests folder's is
 * taken: no run holds two locks at once, so no two tools can wait on each other. A dist/ nobody can write
 * (a read-only file system, or for a dry run one whose lock this user may not read) is read without the lock: no
 * synth of this user writes it either. A lock left by a killed run is taken over, said through `onStale`.
 * A dry run creates nothing in dist/, not even the lock (82a-18): it waits while a live run holds it and reads without
 * it (withoutFolderLock), and is no less safe: readSource refuses files that are not all the output of one completed
 * synth (the digests it recorded), and a synth that takes the lock meanwhile makes it read again. A lock left by a
 * killed run stays in place (69c-6), as a dry run removes nothing.
 */
export function readSourceUnderLock(
  distDir: string,
  cluster: string,
  fs: FileSystem,
  { dryRun, onStale }: { dryRun: boolean; onStale: (note: string) => void },
  configDir?: string,
): Source {
  // No dist/ (or not a folder): readSource names the problem better than a lock could.
  let isFolder: boolean | undefined;
  try {
    isFolder = fs.lstat(distDir)?.isDirectory();
  } catch (e) {
    throw new InstallError(`cannot read ${printable(distDir)}: ${describeFileError(e, true, 'read')}`);
  }
  if (!isFolder) return readSource(distDir, cluster, fs, configDir);
  try {
    const holder = `k3s:install --cluster ${cluster} (reading ${join(distDir, cluster)}/)`;
    const read = () => readSource(distDir, cluster, fs, configDir);
    return dryRun ? withoutFolderLock(distDir, { onStale }, read) : withFolderLock(distDir, { holder, onStale }, read);
  } catch (e) {
    // This run's lock left behind is said, never read past (69c-7).
    const readOnly =
      e instanceof LockError &&
      !(e instanceof LockReleaseError) &&
      (e.code === 'EROFS' || (dryRun && (e.code === 'EACCES' || e.code === 'EPERM')));
    if (readOnly) return readSource(distDir, cluster, fs, configDir);
    throw e;
  }
}
