import { dirname, join, relative } from 'node:path';
import { FileSystem, isTemporaryName } from './file-system';
import { oddKind } from './odd-entries';

// What stands in the output folder, read and tidied without following links (publish.ts).

/** What stands at `path` below `dir`, checked component by component without following any link. */
export type Entry = { kind: 'absent' } | { kind: 'file' } | { kind: 'blocked'; why: string };

export function entryAt(dir: string, path: string, files: FileSystem): Entry {
  const parts = path.split('/');
  let current = dir;
  for (const [i, part] of parts.entries()) {
    current = join(current, part);
    const stat = files.lstat(current);
    if (!stat) return { kind: 'absent' };
    const shown = parts.slice(0, i + 1).join('/');
    if (stat.isSymbolicLink())
      return { kind: 'blocked', why: `${shown} is a symbolic link, and synth never writes or deletes through links` };
    const last = i === parts.length - 1;
    if (last && !stat.isFile()) return { kind: 'blocked', why: `${shown} is ${oddKind(stat) ?? 'a folder'}` };
    if (!last && !stat.isDirectory())
      return { kind: 'blocked', why: `${shown} is ${oddKind(stat) ?? 'a file'} where synth needs a folder` };
  }
  return { kind: 'file' };
}

/** Every file below `dir` named like our temporary files, without entering linked folders. */
export function ourTemporaryFiles(dir: string, files: FileSystem, prefix = ''): string[] {
  const found: string[] = [];
  for (const entry of files.readdir(join(dir, prefix))) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...ourTemporaryFiles(dir, files, path));
    else if (entry.isFile() && isTemporaryName(entry.name)) found.push(path);
  }
  return found;
}

/** The deepest folder of `path`'s folders that stands as a real folder (no link on the way), or `root`. */
export function existingFolderOf(root: string, path: string, fs: FileSystem): string {
  let folder = root;
  for (const part of path.split('/').slice(0, -1)) {
    const next = join(folder, part);
    if (!fs.lstat(next)?.isDirectory()) break;
    folder = next;
  }
  return folder;
}

/** Removes `folder` and its parents up to (not including) `root` while they are empty. */
export function removeEmptyFolders(root: string, folder: string, fs: FileSystem): void {
  for (let current = folder; relative(root, current) && !relative(root, current).startsWith('..'); current = dirname(current)) {
    if (fs.readdir(current).length) return;
    fs.rmdir(current);
  }
}
