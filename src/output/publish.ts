import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

/** Relative path (with `/`) -> file content. */
export type FileTree = ReadonlyMap<string, string>;

export interface SyncReport {
  readonly written: string[];
  readonly removed: string[];
  readonly unchanged: number;
}

/** Dotfile in the output folder listing what the last synth wrote: the only files a synth removes. */
export const GENERATED_LIST = '.generated-files';

/** `files` plus the list of them, so the next synth knows which files are its own. */
export function withGeneratedList(files: FileTree): FileTree {
  const paths = [...files.keys()].sort();
  return new Map([...files, [GENERATED_LIST, `# Written by \`npm run synth\`; a later synth removes only files listed here.\n${paths.map((p) => `${p}\n`).join('')}`]]);
}

/** The files the last synth into `dir` wrote (empty when there was none). */
export function readGeneratedList(dir: string): string[] {
  const list = join(dir, GENERATED_LIST);
  if (!existsSync(list)) return [];
  return readFileSync(list, 'utf8').split('\n').filter((line) => line && !line.startsWith('#'));
}

/**
 * Brings `dir` to `files` (which include the generated list). Each changed file is written to a
 * temporary name in its own folder and renamed over the old one, so a reader (Git, K3s' 15-second
 * poller) only ever sees a whole old or a whole new file; files that already hold the right bytes
 * are not touched (their mtime stays, so K3s does not re-apply them). Files the previous synth
 * wrote and this one does not are removed; no other file in `dir` is ever touched.
 */
export function syncTree(dir: string, files: FileTree): SyncReport {
  const previous = readGeneratedList(dir);
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
  const removed = previous.filter((path) => !files.has(path) && !path.split('/').includes('..') && existsSync(join(dir, path)));
  for (const path of removed) {
    rmSync(join(dir, ...path.split('/')));
    removeEmptyParents(dir, dirname(join(dir, ...path.split('/'))));
  }
  return { written, removed, unchanged };
}

/**
 * Replaces `target` with `content` through a dotfile in the same folder: readers that skip
 * dotfiles (K3s, kustomize globs) never see it, and a rename within a folder is atomic, so they
 * read the whole old or the whole new file. `writeFile` is injectable to test interrupted writes.
 */
export function writeAtomically(target: string, content: string, writeFile: (path: string, text: string) => void = writeFileSync): void {
  mkdirSync(dirname(target), { recursive: true });
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFile(temporary, content);
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

/** Removes `folder` and its parents up to (not including) `root` while they are empty. */
function removeEmptyParents(root: string, folder: string): void {
  for (let current = folder; relative(root, current) && !relative(root, current).startsWith('..'); current = dirname(current)) {
    if (readdirSync(current).length) return;
    rmdirSync(current);
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
