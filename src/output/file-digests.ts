import { createHash } from 'node:crypto';
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, writeCache } from './cache-folder';

/**
 * The SHA-256 digest of each file's content, for the fingerprints of the checks whose passes are remembered
 * (pass-memo.ts `codeFingerprint`: the gate's and the schema check's code; validate/crds.ts: the CRD files), without
 * reading and hashing about 150 files (1.9 MB, about 37 M instructions and 150 reads) on every run. An index in the
 * cache folder (`file-digests.json`) keeps each file's digest with what stat said of it when it was read: device and
 * inode, size, modification and change time (what git's index compares). A file whose stat is the
 * recorded one has the recorded digest; any other is read and hashed again (and recorded anew).
 *
 * The trade-off: a content change is missed only if the file keeps its inode, size and modification time and its
 * change time is the recorded one. The kernel sets the change time on every write and on every change of the times,
 * and no call sets it back: that takes a clock set back to that instant. A change within the same clock tick as the
 * read that was recorded would keep it too (git's "racy" case: file systems count time in steps of up to 2 s), so a
 * digest is recorded only for a file whose modification and change times are over 5 s older than its read; a younger
 * file is read every run until it is older. The index is read and written like the other cache files (never through a
 * link: no index, every file read); an entry that is not as written here is ignored, and one of a file that is gone is
 * dropped when the index is written.
 */
export function contentDigests(files: readonly string[], index: string | undefined = defaultIndex(), now = Date.now()): Buffer[] {
  const known = index === undefined ? new Map<string, Entry>() : loadIndex(index);
  const mine = used.get(index ?? '') ?? new Set<string>();
  used.set(index ?? '', mine);
  const young = now - RACY_MS;
  let changed = false;
  const digests = files.map((file) => {
    // Times in ms (to a fraction of a µs): half the cost of BigInt stats, and exact enough for changes 5 s apart.
    const stat = statSync(file);
    // A FIFO would block the read forever, a folder cannot be read: the caller's fingerprint is then none (no memo).
    if (!stat.isFile()) throw new Error(`${file} is not a regular file`);
    const seen: Stat = [stat.dev, stat.ino, stat.size, stat.mtimeMs, stat.ctimeMs];
    const entry = known.get(file);
    mine.add(file);
    if (entry && seen.every((part, i) => entry[i] === part)) return Buffer.from(entry[5], 'hex');
    const digest = createHash('sha256').update(readFileSync(file)).digest();
    if (stat.mtimeMs < young && stat.ctimeMs < young) {
      known.set(file, [...seen, digest.toString('hex')]);
      changed = true;
    }
    return digest;
  });
  if (changed && index !== undefined) saveIndex(index, known, mine);
  return digests;
}

/** Device, inode, size, modification and change time (ms). */
type Stat = [number, number, number, number, number];
/** A file's stat and the hex digest of its content. */
type Entry = readonly [...Stat, string];

const FORMAT = 'file-digests-2';
const RACY_MS = 5_000;
/** An index this long starts over with the files of the process that filled it (the project has about 300). */
const LIMIT = 1_000;
const isEntry = (entry: unknown): entry is Entry =>
  Array.isArray(entry) &&
  entry.length === 6 &&
  entry.slice(0, 5).every((part) => typeof part === 'number') &&
  /^[0-9a-f]{64}$/.test(String(entry[5]));

/** `file-digests.json` in the cache folder; undefined for a linked one. */
function defaultIndex(): string | undefined {
  const dir = cacheDir();
  return dir && join(dir, 'file-digests.json');
}

/** The entries of each index, read once per process and kept current with what it records. */
const indexes = new Map<string, Map<string, Entry>>();
/** The files whose digests each index gave or recorded in this process: what it keeps when it starts over. */
const used = new Map<string, Set<string>>();

function loadIndex(index: string): Map<string, Entry> {
  let known = indexes.get(index);
  if (!known) {
    known = readIndex(index);
    indexes.set(index, known);
  }
  return known;
}

function readIndex(index: string): Map<string, Entry> {
  const known = new Map<string, Entry>();
  try {
    const { format, files } = JSON.parse(readRegularFile(index) ?? '{}') as { format?: unknown; files?: unknown };
    if (format === FORMAT && typeof files === 'object' && files) {
      for (const [file, entry] of Object.entries(files)) if (isEntry(entry)) known.set(file, entry);
    }
  } catch {
    // damaged: every file is read and the index written afresh
  }
  return known;
}

/**
 * Writes the index with what another process recorded since this one read it (this one's entries first), without the
 * files that are gone (a test's folder).
 */
function saveIndex(index: string, known: Map<string, Entry>, mine: ReadonlySet<string>): void {
  const merged = new Map(known);
  for (const [file, entry] of readIndex(index)) if (!merged.has(file)) merged.set(file, entry);
  const present = [...merged].filter(([file]) => mine.has(file) || existsSync(file));
  const kept = present.length > LIMIT ? present.filter(([file]) => mine.has(file)) : present;
  writeCache(index, JSON.stringify({ format: FORMAT, files: Object.fromEntries(kept) }));
}

/** A regular file's text; undefined for anything else (a FIFO would block, a link is not followed) or when unreadable. */
function readRegularFile(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    return fstatSync(fd).isFile() ? readFileSync(fd, 'utf8') : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
