import { readFileSync } from 'node:fs';

/**
 * Where a path really lies, told by the mount table (Linux /proc/self/mountinfo): a bind mount of a project SUBFOLDER
 * (`mount --bind src /tmp/alias`) has its own device and inode chain above it, so folder-identity.ts's walk over the
 * alias's parents never meets the project (round 58b-1). mountinfo gives, for each mount, the filesystem (major:minor)
 * and the folder of that filesystem it shows (field 4, "root"): `/tmp/alias/x` is `<root>/x` on that filesystem.
 * Format: Linux Documentation/filesystems/proc.rst, "3.5 /proc/<pid>/mountinfo" (torvalds/linux, v6.6).
 */

export interface MountEntry {
  readonly device: string;
  /** The folder of the filesystem the mount shows (`/` for a whole filesystem, a subfolder for a bind mount). */
  readonly root: string;
  readonly mountPoint: string;
}

/** mountinfo escapes space, tab, newline and backslash as `\ooo` (octal). */
function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** The entries of a mountinfo text in its order (a later mount on the same point covers an earlier one). */
export function parseMountinfo(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    if (fields.length < 5 || !/^\d+:\d+$/.test(fields[2])) continue;
    entries.push({ device: fields[2], root: unescape(fields[3]), mountPoint: unescape(fields[4]) });
  }
  return entries;
}

/** The place of absolute `path` (links resolved) as `<device>:<path on that filesystem>`, or undefined without a mount. */
export function mountPlace(path: string, entries: readonly MountEntry[]): string | undefined {
  const under = (point: string) => point === '/' || path === point || path.startsWith(`${point}/`);
  let best: MountEntry | undefined;
  for (const entry of entries) {
    if (under(entry.mountPoint) && (!best || entry.mountPoint.length >= best.mountPoint.length)) best = entry;
  }
  if (!best) return undefined;
  const rest = best.mountPoint === '/' ? path : path.slice(best.mountPoint.length);
  const joined = `${best.root.replace(/\/+$/, '')}${rest}`;
  return `${best.device}:${joined.startsWith('/') ? joined : `/${joined}`}`;
}

/** This process's mount table, or undefined where /proc is missing (then the other checks stand alone). */
export function readMountTable(read: () => string = () => readFileSync('/proc/self/mountinfo', 'utf8')): MountEntry[] | undefined {
  try {
    const entries = parseMountinfo(read());
    return entries.length ? entries : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The mounts whose point lies strictly inside absolute `path`, as the folder shows them: a mount covered by a later one
 * on the same point or on a folder above it is not seen there, so it is left out. Through each, `path` holds the folder
 * `root` of filesystem `device` (round 59b-1: a bind of the config folder at `<dist>/c` puts the config inside dist/).
 */
export function mountsBelow(path: string, entries: readonly MountEntry[]): MountEntry[] {
  const inside = (point: string, outer: string) => point.startsWith(outer === '/' ? '/' : `${outer}/`) && point !== outer;
  const covered = (entry: MountEntry, i: number) =>
    entries.slice(i + 1).some((later) => later.mountPoint === entry.mountPoint || inside(entry.mountPoint, later.mountPoint));
  return entries.filter((entry, i) => inside(entry.mountPoint, path) && !covered(entry, i));
}

/** The mount table read at most once, on first use: one read per check of a run's folders (review59-6). */
export function lazyMountTable(read: () => MountEntry[] | undefined = readMountTable): () => MountEntry[] | undefined {
  let table: { readonly entries: MountEntry[] | undefined } | undefined;
  return () => (table ??= { entries: read() }).entries;
}
