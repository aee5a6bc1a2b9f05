import * as fs from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { OddEntry, oddKind } from '../output/odd-entries';

/**
 * The manifests tree as K3s walks it, for reading only (foreign-objects.ts): k3s-io/k3s pkg/deploy/controller.go
 * (commit 0301210) `walkFiles` walks its folder with `filepath.Walk`, which never follows a link, but for each link to a
 * folder met there walks the link's resolved target too ("Descend into symlinked directories, however, only top-level
 * links are followed": links inside that target are not entered), under the link's path; `deploy` then reads each
 * applied file with `os.ReadFile`, which follows a link to a file. So files behind links are applied, and read here.
 * Reading through a link is harmless; the install never writes through one (install-apply.ts keeps its own guards).
 *
 * Hostile trees: each file is opened non-blocking and read only when it is a regular file under `MAX_READ_BYTES` (a
 * FIFO or a device is never waited on); a followed link is entered once per resolved folder (no loop), and the walk
 * stops after `MAX_ENTRIES` entries, which the result says.
 */

/** Files larger than this are not read (K3s manifests are kilobytes; a file this big is no hand-made copy). */
export const MAX_READ_BYTES = 16 * 1024 * 1024;
/** Entries walked at most: a link to `/` makes K3s walk the whole disk; this check stops and says so. */
export const MAX_ENTRIES = 20_000;

export interface ManifestsTree {
  /** The folder walked. */
  readonly root: string;
  /** Every non-folder entry K3s may apply, by its path under `root` as K3s names it (through the link), with `/`. */
  readonly files: readonly string[];
  /** File names with a `<name>.skip` anywhere in the tree (K3s matches `.skip` by file name). */
  readonly skipped: ReadonlySet<string>;
  /** Whether the walk stopped at MAX_ENTRIES. */
  readonly truncated: boolean;
  /**
   * Links K3s' walk stops at, by path under `root`: a link outside a followed folder whose target cannot be read (gone,
   * a loop). `walkFiles` calls `os.Stat` on each such link and returns its error, so `listFilesIn` applies no file of the
   * folder while the link is there (it retries every 15 s). Links inside a followed folder are not stat-ed.
   */
  readonly broken: readonly string[];
  /**
   * Entries K3s would read that are no regular file (a FIFO, a socket, a device; a link to one), by path under `root`:
   * K3s reads each file of the walk whole, and reading a FIFO waits for a writer that may never come.
   */
  readonly odd: readonly OddEntry[];
}

const lstat = (path: string) => fs.lstatSync(path, { throwIfNoEntry: false });
const stat = (path: string) => {
  try {
    return fs.statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined; // a loop of links (ELOOP), a denied folder
  }
};
const list = (path: string) => {
  try {
    return fs.readdirSync(path);
  } catch {
    return []; // K3s fails its whole walk here; nothing this check could read
  }
};

/** Walks `root` as K3s does (see above); reads no file. */
export function walkManifestsTree(root: string): ManifestsTree {
  const files: string[] = [];
  const skipped = new Set<string>();
  const broken: string[] = [];
  const odd: OddEntry[] = [];
  const entered = new Set<string>();
  let count = 0;
  let truncated = false;
  const walk = (abs: string, rel: string, followLinks: boolean): void => {
    for (const name of list(abs).sort()) {
      if (++count > MAX_ENTRIES) {
        truncated = true;
        return;
      }
      const [path, relPath] = [join(abs, name), rel ? `${rel}/${name}` : name];
      const entry = lstat(path);
      if (!entry) continue;
      if (name.endsWith('.skip')) skipped.add(name.slice(0, -'.skip'.length));
      // A link outside a followed folder is stat-ed once: K3s stops at one it cannot stat, and enters one to a folder.
      const target = entry.isSymbolicLink() && followLinks ? (stat(path) ?? null) : undefined;
      if (entry.isDirectory()) walk(path, relPath, followLinks);
      else if (target === null) broken.push(relPath);
      else if (target?.isDirectory()) {
        let real: string;
        try {
          real = fs.realpathSync(path);
        } catch {
          continue;
        }
        if (entered.has(real)) continue;
        entered.add(real);
        walk(real, relPath, false);
      } else {
        const kind = (target ?? entry).isSymbolicLink() ? undefined : oddKind(target ?? entry);
        if (kind) odd.push({ path: relPath, kind });
        else files.push(relPath);
      }
    }
  };
  entered.add(safeRealPath(root));
  walk(root, '', true);
  return { root, files, skipped, truncated, broken, odd };
}

function safeRealPath(path: string): string {
  try {
    return fs.realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * The text of the file at `path` (through a link), or undefined when it is no regular file, larger than MAX_READ_BYTES
 * or unreadable. Opened non-blocking and judged on the open descriptor, so a FIFO swapped in is never waited on.
 */
export function readRegularFile(path: string): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const info = fs.fstatSync(fd);
    if (!info.isFile() || info.size > MAX_READ_BYTES) return undefined;
    const buffer = Buffer.alloc(info.size);
    let read = 0;
    while (read < info.size) {
      const n = fs.readSync(fd, buffer, read, info.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read).toString('utf8');
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether `folder` holds an ownership record of this tool (`.k3s-vip-<cluster>.json`). */
const holdsInstall = (folder: string) => list(folder).some((name) => /^\.k3s-vip-.+\.json$/.test(name));

/**
 * The folder K3s walks that `dir` lies in: the outermost of `dir` and its ancestors that is a K3s manifests folder
 * (`<data-dir>/server/manifests`: K3s' `--data-dir` moves the default /var/lib/rancher/k3s only as a whole) or an
 * ancestor holding another install of this tool; `dir` itself when there is none. K3s applies every file below it, so
 * the AddOn names and objects of the whole tree are what an install into `dir` must not clash with.
 * Every ancestor up to `/` is listed: so one stray `.k3s-vip-*.json` in, say, /tmp makes each later install under /tmp
 * check the whole of /tmp (up to MAX_ENTRIES, with the warning the walk gives). That is meant: a record there says an
 * install was made there, whose files a nested install must not clash with; remove the record to stop it.
 */
export function manifestsRootOf(dir: string): string {
  const start = safeRealPath(dir);
  let root = start;
  for (let at = start; ; at = dirname(at)) {
    const isK3s = basename(at) === 'manifests' && basename(dirname(at)) === 'server';
    if (isK3s || (at !== start && holdsInstall(at))) root = at;
    if (dirname(at) === at) break;
  }
  return root;
}

/** `dir` relative to `root` with `/`, '' when they are one folder. */
export function pathUnder(root: string, dir: string): string {
  return relative(root, safeRealPath(dir)).split(sep).join('/');
}
