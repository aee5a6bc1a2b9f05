import * as fs from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { printable } from '../core/problem';
import { accessOf, errnoAdvice, FileAccess } from './errno-advice';

/**
 * The file operations that publishing (`dist/`) and installing (the K3s manifests folder) perform,
 * behind one interface so tests can make any single call fail (running as root, `chmod` cannot).
 */
export interface FileSystem {
  /** The entry itself, never a link's target; undefined when nothing is there. */
  lstat(path: string): fs.Stats | undefined;
  readFile(path: string): string;
  readdir(path: string): fs.Dirent[];
  /** Creates one folder (its parent must exist). */
  mkdir(path: string): void;
  /** Creates a file that must not exist yet, writes it and flushes it to disk. */
  writeNewFile(path: string, text: string): void;
  /**
   * Moves `from` to `to`. With `replace` false, a file already at `to` is never replaced (EEXIST): a file someone put
   * where a new one goes after the plan was made stays theirs (81c-5).
   */
  rename(from: string, to: string, replace?: boolean): void;
  unlink(path: string): void;
  rmdir(path: string): void;
  /** Flushes a folder's entries (a rename inside it) to disk. */
  syncFolder(path: string): void;
}

export const nodeFileSystem: FileSystem = {
  lstat: (path) => {
    try {
      return fs.lstatSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  },
  readFile: (path) => fs.readFileSync(path, 'utf8'),
  readdir: (path) => fs.readdirSync(path, { withFileTypes: true }),
  mkdir: (path) => fs.mkdirSync(path),
  writeNewFile: (path, text) => {
    const fd = fs.openSync(path, 'wx', 0o644);
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  },
  rename: (from, to, replace = true) => (replace ? fs.renameSync(from, to) : moveNoReplace(from, to)),
  unlink: (path) => fs.unlinkSync(path),
  rmdir: (path) => fs.rmdirSync(path),
  syncFolder: (path) => {
    const fd = fs.openSync(path, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  },
};

/**
 * Creates `path` and its missing parents, one mkdir each, and returns the first folder it created
 * (undefined when all stood), as `mkdirSync(path, { recursive: true })` does. Node's recursive mkdir
 * loops forever where a parent exists but refuses every child with ENOENT (`/proc/1/x`); this throws.
 */
export function makeFolders(path: string): string | undefined {
  const missing: string[] = [];
  for (let at = resolve(path); !fs.existsSync(at) && dirname(at) !== at; at = dirname(at)) missing.unshift(at);
  let first: string | undefined;
  for (const folder of missing) {
    try {
      fs.mkdirSync(folder);
      first ??= folder;
    } catch (e) {
      // Another run made it meanwhile: fine, as long as it is a folder.
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) continue;
      // A link to nothing stands there (existsSync follows links): say so, not "already exists".
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && fs.lstatSync(folder, { throwIfNoEntry: false })?.isSymbolicLink())
        throw Object.assign(new Error(`${folder} is a symbolic link to nothing`), { code: DANGLING_LINK });
      throw e;
    }
  }
  return first;
}

/** The code of makeFolders' error where a link to nothing stands in the way (no errno of its own). */
const DANGLING_LINK = 'EDANGLINGLINK';

/** Marks our temporary files, so a later run can tell them from anybody else's and clean them up. */
const TEMPORARY = /^\..+\.k3s-vip-\d+\.tmp$/;

/** The temporary name `target` is written under before it is renamed into place. */
function temporaryName(target: string): string {
  return join(dirname(target), `.${basename(target)}.k3s-vip-${process.pid}.tmp`);
}

export function isTemporaryName(fileName: string): boolean {
  return TEMPORARY.test(fileName);
}

/**
 * Replaces `target` with `text` through a flushed dotfile in the same folder and a rename: readers
 * that skip dotfiles (K3s, kustomize globs) never see it, a rename within a folder is atomic, and
 * flushing file and folder first means a power loss leaves the whole old or the whole new file,
 * never an empty one. The folder must exist.
 */
export function writeAtomically(target: string, text: string, files: FileSystem = nodeFileSystem): void {
  const temporary = temporaryName(target);
  try {
    files.writeNewFile(temporary, text);
    files.rename(temporary, target);
  } catch (e) {
    try {
      if (files.lstat(temporary)) files.unlink(temporary);
    } catch {
      // The next run under the lock removes what is left (isTemporaryName).
    }
    throw e;
  }
  files.syncFolder(dirname(target));
}

/**
 * Creates `target`, which must not exist, whole or not at all: the text goes to a flushed dotfile first, which is then
 * hard-linked to `target` (unlike a rename, a link never replaces a file already there: EEXIST) and removed. A full disk
 * or an I/O error leaves neither an empty or cut `target` nor the dotfile (69c-1: an empty config blocked the retry).
 */
export function createWhole(target: string, text: string, files: FileSystem = nodeFileSystem): void {
  const temporary = temporaryName(target);
  try {
    files.writeNewFile(temporary, text);
    linkOrMove(temporary, target);
  } finally {
    try {
      if (files.lstat(temporary)) files.unlink(temporary);
    } catch {
      // Left as a dotfile, which no command reads as a config (config/cluster-files.ts).
    }
  }
}

/** Moves `from` to `to` by a link and an unlink, so a file at `to` is never replaced (EEXIST). */
function moveNoReplace(from: string, to: string): void {
  linkOrMove(from, to);
  try {
    if (fs.lstatSync(from, { throwIfNoEntry: false })) fs.unlinkSync(from);
  } catch {
    // The move is done; the dotfile left is a temporary file the next run removes (isTemporaryName).
  }
}

/** Links `from` to `to` (EEXIST when `to` is there); a file system without hard links (FAT) gets a rename, checked first. */
function linkOrMove(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if ((code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') || fs.lstatSync(to, { throwIfNoEntry: false })) throw e;
    fs.renameSync(from, to);
  }
}

/**
 * Replaces several files as one step, as far as one folder's renames allow: every text is first written to its flushed
 * dotfile (as writeAtomically does), and only then are all renamed into place one right after another and their folders
 * flushed. A kill while the texts are written leaves every target as it was (and dotfiles the next run removes); only
 * the renames, each a single system call, can leave some targets new and others old. `at` is told which target each
 * step is about (for the caller's message); on an error the dotfiles not yet renamed are removed and the error thrown.
 * Every folder must exist.
 */
export function writeAllAtomically(
  targets: ReadonlyArray<readonly [target: string, text: string, fresh?: boolean]>,
  files: FileSystem,
  at: (i: number) => void,
): void {
  const staged: string[] = [];
  try {
    targets.forEach(([target, text], i) => {
      at(i);
      const temporary = temporaryName(target);
      staged.push(temporary);
      files.writeNewFile(temporary, text);
    });
    targets.forEach(([target, , fresh], i) => {
      at(i);
      files.rename(staged[i], target, !fresh);
      staged[i] = '';
    });
  } catch (e) {
    for (const temporary of staged.filter(Boolean)) {
      try {
        if (files.lstat(temporary)) files.unlink(temporary);
      } catch {
        // The next run under the lock removes what is left (isTemporaryName).
      }
    }
    throw e;
  }
  for (const folder of new Set(targets.map(([target]) => dirname(target)))) files.syncFolder(folder);
}

/**
 * The path a failed call named, as the user knows it: for a file this run creates (its temporary file, its lock, a new
 * file), the folder it may not write in, since the file itself is not there.
 */
function failedPath(error: NodeJS.ErrnoException): string | undefined {
  if (typeof error.path !== 'string') return undefined;
  const created = isTemporaryName(basename(error.path)) || !fs.existsSync(error.path);
  return printable(created ? `${dirname(error.path)}/` : error.path);
}

/**
 * What went wrong in a failed file operation, and what to do (errno-advice.ts) unless `advise` is false (a caller that
 * says what to do itself), in one line: `read-only file system (EROFS): …`. `access`: whether the caller read or wrote,
 * for a call that may do either (`open`): a refused read is told to get read rights, a refused write write rights.
 */
export function describeFileError(e: unknown, advise = true, access?: FileAccess): string {
  const error = e as NodeJS.ErrnoException;
  const write = accessOf(error, access) === 'write';
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: `operation not permitted${write ? ' (an immutable file?)' : ''}`,
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EIO: 'input/output error',
    EISDIR: 'is a folder',
    ENOTDIR: 'a part of the path is not a folder',
    EEXIST: 'already exists',
    ENOENT: 'no such file or folder',
    ENOTEMPTY: 'folder is not empty',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'name too long',
    EINVAL: 'invalid argument',
    EMFILE: 'too many open files',
    ENFILE: 'too many open files in the system',
    EBUSY: 'in use',
    ETXTBSY: 'a running program',
    EXDEV: 'on another file system',
    [DANGLING_LINK]: 'a symbolic link on the way leads to nothing',
  };
  if (error?.code === DANGLING_LINK) return reasons[DANGLING_LINK];
  if (error?.code)
    return `${reasons[error.code] ?? error.message?.split(',')[0].replace(/^E[A-Z]+: /, '') ?? 'failed'} (${error.code})${advise ? errnoAdvice(error, failedPath(error), access) : ''}`;
  return error?.message ?? String(e);
}
