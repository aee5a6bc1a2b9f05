import { rmdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { printable } from '../core/problem';
import { makeFolders, nodeFileSystem } from './file-system';
import { specialFileKind, specialPartAbove } from './odd-entries';
import { shownFolder } from './own-folders';
import { PublishError } from './publish';
import { specialFolderProblem } from './special-file-system';

/**
 * The output folder of a synth (dist/, or K3S_VIP_DIST_DIR): found with links resolved once and created when missing,
 * then, for the run's last line, the folders it created, and their removal when a refused run leaves them empty.
 */

/** The folders a run created, for its last line: `first` (the first one mkdir made), and the rest down to `folder`. */
export function createdFolders(first: string, folder: string): string {
  const below = relative(first, folder);
  return `${shownFolder(first)}${below ? ` and ${printable(below)}/ in it` : ''}`;
}

/** Removes `folder` and its parents up to `first` (the first folder mkdir created) while they are empty. */
export function removeEmptyFolders(first: string, folder: string): void {
  try {
    for (let current = folder; ; current = dirname(current)) {
      rmdirSync(current);
      if (current === first || dirname(current) === current) return;
    }
  } catch {
    // Not empty (the lock of another run?) or gone: it stays.
  }
}

/**
 * The output folder with links resolved once (nothing below it is followed), created when missing
 * and `create` (`created`: the first folder mkdir made), else left missing.
 */
export function outputFolder(dir: string, create: boolean): { dir: string; created?: string } {
  const stat = lstatBelowSpecial(dir);
  const kind = stat && specialFileKind(stat);
  if (kind) throw new PublishError(`${printable(dir)} is ${kind}, not a folder: point K3S_VIP_DIST_DIR at a folder`);
  if (stat && !stat.isDirectory() && !stat.isSymbolicLink()) {
    throw new PublishError(`${printable(dir)} is a file, not a folder: move it away or point K3S_VIP_DIST_DIR elsewhere`);
  }
  const target = stat?.isSymbolicLink() ? statSync(dir, { throwIfNoEntry: false }) : undefined;
  if (stat?.isSymbolicLink() && !target?.isDirectory()) {
    const what = target ? (specialFileKind(target) ?? 'something that is not a folder') : 'nothing';
    throw new PublishError(`${printable(dir)} is a symbolic link to ${what}: point it at a folder, or remove it`);
  }
  const special = specialFolderProblem(dir, 'K3S_VIP_DIST_DIR');
  if (special) throw new PublishError(special);
  if (!stat && !create) return { dir };
  const first = makeFolders(dir);
  const real = realpathSync(dir);
  if (!statSync(real).isDirectory())
    throw new PublishError(`${printable(dir)} does not lead to a folder: point K3S_VIP_DIST_DIR elsewhere`);
  return { dir: real === resolve(dir) ? dir : real, created: first === undefined ? undefined : resolve(first) };
}

/** lstat of `dir`; a lookup through a device, FIFO or socket above it (ENOTDIR) is said as such, not as errno's "move it away". */
function lstatBelowSpecial(dir: string): ReturnType<typeof nodeFileSystem.lstat> {
  try {
    return nodeFileSystem.lstat(dir);
  } catch (e) {
    const above = (e as NodeJS.ErrnoException).code === 'ENOTDIR' ? specialPartAbove(dir) : undefined;
    if (!above) throw e;
    throw new PublishError(
      `${printable(dir)} is below ${printable(above.part)}, which is ${above.kind}, not a folder: point K3S_VIP_DIST_DIR at a folder`,
    );
  }
}

/**
 * Why `dir` cannot be read as the output folder (a file, a link to no folder, a loop of links, a path through a file), or
 * undefined: check and validate say what synth says, and what to do (70c-6). Any other failure is said by the read.
 */
export function unreadableOutputFolder(dir: string): string | undefined {
  try {
    outputFolder(dir, false);
    return undefined;
  } catch (e) {
    if (e instanceof PublishError) return e.message;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return `${printable(dir)} is a loop of symbolic links: point K3S_VIP_DIST_DIR at a folder`;
    if (code === 'ENOTDIR') return `a part of ${printable(dir)} is a file, not a folder: point K3S_VIP_DIST_DIR elsewhere`;
    return undefined;
  }
}
