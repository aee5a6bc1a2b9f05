import { Dirent, readdirSync, Stats, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/**
 * The entries of a folder tree that are neither a regular file nor a folder: a symbolic link, a FIFO, a socket, a
 * device. Synth never writes through them and listFiles (publish.ts) leaves them out, so `check` and `k3s:install`
 * name them here: a link in a committed output folder is deployed by whoever follows it, and K3s' deploy controller
 * blocks reading a FIFO until a writer comes.
 */

export interface OddEntry {
  /** Relative to the folder walked, with `/`. */
  readonly path: string;
  /** What it is, for a message: "a symbolic link", "a FIFO", … */
  readonly kind: string;
}

/** What a non-regular entry is, in words; undefined for a regular file or a folder. */
export function oddKind(entry: Pick<Dirent, 'isFile' | 'isDirectory' | 'isSymbolicLink' | 'isFIFO' | 'isSocket'>): string | undefined {
  if (entry.isFile() || entry.isDirectory()) return undefined;
  if (entry.isSymbolicLink()) return 'a symbolic link';
  if (entry.isFIFO()) return 'a FIFO';
  if (entry.isSocket()) return 'a socket';
  return 'a device file';
}

/**
 * What a path that should be a folder is instead, when it is a special file: "a device", "a FIFO", "a socket". Its advice
 * is to point the setting at a folder, never to move it away (/dev/null is the system's, 72b-7). Undefined for a folder,
 * a regular file or a link, whose callers have advice of their own.
 */
export function specialFileKind(stat: Pick<Stats, 'isCharacterDevice' | 'isBlockDevice' | 'isFIFO' | 'isSocket'>): string | undefined {
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isFIFO()) return 'a FIFO';
  return stat.isSocket() ? 'a socket' : undefined;
}

/** specialFileKind of what `path` leads to (links followed); undefined when it is missing or cannot be read. */
export function specialKindOf(path: string): string | undefined {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat && specialFileKind(stat);
  } catch {
    return undefined;
  }
}

/**
 * The nearest existing part above `path` (links followed), with what it is, when it is a special file: every lookup
 * below it fails (ENOTDIR), and errno's advice, to move it away, is wrong for a device. Undefined otherwise.
 */
export function specialPartAbove(path: string): { part: string; kind: string } | undefined {
  for (let part = dirname(path); ; part = dirname(part)) {
    let stat: Stats | undefined;
    try {
      stat = statSync(part, { throwIfNoEntry: false });
    } catch {
      // ENOTDIR (a part above this one is no folder), ELOOP, EACCES: look further up.
    }
    const kind = stat && specialFileKind(stat);
    if (stat || dirname(part) === part) return kind ? { part, kind } : undefined;
  }
}

/** Every odd entry below `dir` (links are not followed), sorted; none when `dir` is missing. */
export function oddEntries(dir: string): OddEntry[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const odd: OddEntry[] = [];
  for (const entry of entries) {
    const kind = oddKind(entry);
    if (kind) odd.push({ path: relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'), kind });
  }
  return odd.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
