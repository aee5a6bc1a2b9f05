// The project's own folders: its root, and the cache of what only saves time.
import { existsSync, lstatSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { makeFolders, writeAtomically } from './file-system';

/**
 * The project root: the nearest folder above this module holding package.json, so crds/ and the cache
 * are found from src/output/ (ts-jest) and lib/src/output/ (compiled) alike, whatever the working directory.
 */
function projectRoot(from: string): string {
  const parent = dirname(from);
  if (existsSync(join(from, 'package.json')) || parent === from) return from;
  return projectRoot(parent);
}
export const PROJECT_ROOT = projectRoot(__dirname);

/** Where this project keeps what only saves time: compiled validators, the parsed CRDs, bundled models. */
export const CACHE_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'k3s-vip');

const safeDirs = new Map<string, boolean>();

/**
 * `dir`, or undefined when a folder between the project root and it is a link or no folder (a
 * node_modules/.cache/k3s-vip linked elsewhere): the cache is then neither read (it holds code that runs)
 * nor written, as in a read-only checkout. A folder outside the project is taken as given.
 */
export function cacheDir(dir: string = CACHE_DIR): string | undefined {
  if (!safeDirs.has(dir)) safeDirs.set(dir, linkFreeBelowProject(dir));
  return safeDirs.get(dir) ? dir : undefined;
}

function linkFreeBelowProject(dir: string): boolean {
  const below = relative(PROJECT_ROOT, dir);
  if (below.startsWith('..') || isAbsolute(below)) return true;
  let at = PROJECT_ROOT;
  for (const part of below.split(sep).filter(Boolean)) {
    at = join(at, part);
    let stats;
    try {
      stats = lstatSync(at);
    } catch {
      return true; // not there yet: writeCache creates it
    }
    if (stats.isSymbolicLink() || !stats.isDirectory()) return false;
  }
  return true;
}

/** Writes a cache file; the cache only saves time, so a read-only checkout just does the work every run. */
export function writeCache(file: string, text: string): void {
  try {
    makeFolders(dirname(file));
    writeAtomically(file, text);
  } catch {
    // see above
  }
}
