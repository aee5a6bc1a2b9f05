import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** Relative path (with `/`) -> file content. */
export type FileTree = ReadonlyMap<string, string>;

export interface SyncReport {
  readonly written: string[];
  readonly removed: string[];
  readonly unchanged: number;
}

/**
 * Makes `dir` hold exactly `files`. Each changed file is written to a temporary name in its own
 * folder and renamed over the old one, so a reader (Git, K3s' 15-second poller) only ever sees a
 * whole old or a whole new file; files that already hold the right bytes are not touched (their
 * mtime stays, so K3s does not re-apply them); files not in `files` are removed.
 */
export function syncTree(dir: string, files: FileTree): SyncReport {
  const written: string[] = [];
  let unchanged = 0;
  for (const [path, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const target = join(dir, ...path.split('/'));
    if (existsSync(target) && readFileSync(target, 'utf8') === content) {
      unchanged++;
      continue;
    }
    writeAtomically(target, content);
    written.push(path);
  }
  const removed = listFiles(dir).filter((path) => !files.has(path));
  for (const path of removed) rmSync(join(dir, ...path.split('/')));
  removeEmptyFolders(dir);
  return { written, removed, unchanged };
}

export function writeAtomically(target: string, content: string): void {
  mkdirSync(dirname(target), { recursive: true });
  const temporary = join(dirname(target), `.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, target);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Every file below `dir`, as relative paths with `/`, sorted. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

function removeEmptyFolders(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const child = join(dir, entry.name);
    removeEmptyFolders(child);
    if (readdirSync(child).length === 0) rmdirSync(child);
  }
}

/** Writes `files` below `dir`, which must be fresh (the cdk8s CLI empties its output folder). */
export function writeTree(dir: string, files: FileTree): void {
  for (const [path, content] of files) {
    const target = join(dir, ...path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}
