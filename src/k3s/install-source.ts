import { join, resolve } from 'node:path';
import { oneLine, printable } from '../core/problem';
import { describeFileProblem, InstallError, readSource, Source } from './install-apply';
import { FileSystem } from '../output/file-system';
import { LockError, withFolderLock } from '../output/lock';
import { PROJECT_ROOT } from '../output/cache-folder';
import { physicalOrResolved } from '../output/physical-path';
import { folderRelation } from '../output/own-folders';

/**
 * The two guards of k3s:install around this project's own folders: it never installs into them, and it
 * reads dist/<cluster>/ only while no synth writes it.
 */

/**
 * Why `--dir` may not be the manifests folder, or undefined: it is (or lies inside, or holds) the config folder,
 * dist/ or this project. Installing there would mix manifests into the config (every later
 * synth fails) or into synth's output, or scatter them over the repository. `target` is `dir` as the kernel resolves
 * it (physicalPath: links followed, then each `..`), the folders likewise; `dir` names it in the message as given.
 */
export function projectFolderProblem(
  dir: string,
  target: string,
  folders: { readonly configDir: string; readonly distDir: string },
): string | undefined {
  const fix = 'pass --dir <the K3s manifests folder> (default /var/lib/rancher/k3s/server/manifests)';
  const own = [
    { path: folders.configDir, what: 'the config folder' },
    { path: folders.distDir, what: "synth's output folder" },
    // Any folder of the project (src/, test/): manifests there would be scattered over the repository.
    { path: PROJECT_ROOT, what: 'this project' },
  ];
  for (const { path, what } of own) {
    const folder = physicalOrResolved(path);
    // Where a `..` follows a link, the kernel's folder is not the one the text suggests: name it.
    const resolved =
      target !== resolve(dir) && dir.split('/').includes('..') ? ` (the kernel resolves it to ${JSON.stringify(target)})` : '';
    const [given, shown] = [`${oneLine(JSON.stringify(dir))}${oneLine(resolved)}`, printable(path)];
    const relation = folderRelation(target, folder);
    if (relation) return `--dir ${given}: ${relation} ${what} (${shown}/): ${fix}`;
  }
  return undefined;
}

/**
 * dist/<cluster>/ read whole into memory under dist's lock (the one synth holds while it writes), so an
 * install never mixes the files of two synths. The lock is released before the manifests folder's is
 * taken: no run holds two locks at once, so no two tools can wait on each other. A dist/ nobody can write
 * (a read-only file system, or for a dry run one this user may not write) is read without the lock: no
 * synth of this user writes it either.
 */
export function readSourceUnderLock(distDir: string, cluster: string, fs: FileSystem, dryRun: boolean): Source {
  // No dist/ (or not a folder): readSource names the problem better than a lock could.
  let isFolder: boolean | undefined;
  try {
    isFolder = fs.lstat(distDir)?.isDirectory();
  } catch (e) {
    throw new InstallError(`cannot read ${printable(distDir)}: ${describeFileProblem(e)}`);
  }
  if (!isFolder) return readSource(distDir, cluster, fs);
  try {
    return withFolderLock(distDir, { holder: `k3s:install --cluster ${cluster} (reading ${join(distDir, cluster)}/)` }, () =>
      readSource(distDir, cluster, fs),
    );
  } catch (e) {
    const readOnly = e instanceof LockError && (e.code === 'EROFS' || (dryRun && (e.code === 'EACCES' || e.code === 'EPERM')));
    if (readOnly) return readSource(distDir, cluster, fs);
    throw e;
  }
}
