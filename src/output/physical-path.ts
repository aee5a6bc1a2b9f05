import * as fs from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { describeFileError } from './file-system';

/**
 * A path as the kernel will resolve it, for commands that check a user's path (`--dir`, K3S_VIP_DIST_DIR) and then write
 * there: checks and writes must use one path. Lexical folding (`path.resolve`) is not what the kernel does: it follows a
 * link before the `..` after it, so `<link>/../x` is a sibling of the link's target, not of the link.
 */

/** Links followed at most on one path, as Linux does (MAXSYMLINKS): more is a loop. */
const MAX_LINKS = 40;

export type PhysicalPath =
  { readonly path: string; readonly problem?: undefined } | { readonly path?: undefined; readonly problem: string };

/**
 * `path` made absolute as the kernel resolves it: part by part from `/` (or `cwd`), each link followed where it stands
 * (a link to nothing too: its target is where a write would go), each `..` taken from the folder reached so far; the part
 * that does not exist yet is appended as written. The result has no link and no `.` or `..` in it.
 * A problem (one line, no `error:`) where the kernel would fail the lookup: a `..` after a part that does not exist or is
 * not a folder (ENOENT, ENOTDIR), a loop of links (ELOOP), a part that cannot be read (EACCES).
 */
export function physicalPath(path: string, cwd: string = process.cwd()): PhysicalPath {
  const queue = (isAbsolute(path) ? path : `${cwd}/${path}`).split('/');
  let at = '/'; // a folder that exists, links resolved
  const tail: string[] = []; // from the first part that does not exist, or after one that is not a folder
  let stop = ''; // why the tail is not looked up (its first part, `stopAt`): '' while it is empty
  let stopAt = '';
  let links = 0;
  while (queue.length) {
    const name = queue.shift()!;
    if (name === '' || name === '.') continue;
    if (stop) {
      if (name === '..') return { problem: `${JSON.stringify(stopAt)} ${stop}, so the ".." after it leads nowhere` };
      tail.push(name);
      continue;
    }
    if (name === '..') {
      at = dirname(at);
      continue;
    }
    const next = join(at, name);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.lstatSync(next, { throwIfNoEntry: false });
      if (stat?.isSymbolicLink()) {
        if (++links > MAX_LINKS) return { problem: `${JSON.stringify(next)}: too many symbolic links (a loop)` };
        const target = fs.readlinkSync(next);
        queue.unshift(...target.split('/'));
        if (isAbsolute(target)) at = '/';
        continue;
      }
    } catch (e) {
      return { problem: `cannot read ${JSON.stringify(next)}: ${describeFileError(e, true, 'read')}` };
    }
    if (stat?.isDirectory()) at = next;
    else {
      tail.push(name);
      [stop, stopAt] = [stat ? 'is not a folder' : 'does not exist', next];
    }
  }
  return { path: join(at, ...tail) };
}

/** physicalPath's path, or `path` resolved lexically when the kernel could not resolve it (for comparing, never for writing). */
export function physicalOrResolved(path: string): string {
  return physicalPath(path).path ?? join(isAbsolute(path) ? '/' : process.cwd(), path);
}
