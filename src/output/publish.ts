import { createHash } from 'node:crypto';
import { dirname, join, posix } from 'node:path';
import { printable } from '../core/problem';
import { ChangeLog, PathState } from './change-log';
import { describeFileError, FileSystem, nodeFileSystem, writeAllAtomically, writeAtomically } from './file-system';
import { LOCK_FILE } from './lock';
import { entryAt, existingFolderOf, ourTemporaryFiles, removeEmptyFolders } from './folder-entries';

// Kept importable from here: check, validate and k3s:install list the output folder with it.
export { listFiles } from './list-files';

/** Relative path (with `/`) -> file content. */
export type FileTree = ReadonlyMap<string, string>;

export interface SyncReport {
  readonly written: string[];
  readonly removed: string[];
  readonly unchanged: number;
  /** Things left alone on purpose that the user should know about. */
  readonly warnings: string[];
}

/**
 * Dotfile in the output folder listing what the last synth wrote: the only files a synth removes. A
 * completed synth records each file with the digest of what it wrote (`dev/a.yaml sha256:…`); while a
 * synth runs, the entries of the folders it writes carry no digest. So an entry without one, or a file
 * whose digest differs, is not the complete output of one synth (k3s:install refuses it).
 */
export const GENERATED_LIST = '.generated-files';

/** The digest the list records of a file's text. */
export function fileDigest(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

const DIGEST_SUFFIX = / (sha256:[0-9a-f]{64})$/;

const LIST_HEADER = '# Written by `npm run synth`; a later synth removes only files listed here.\n';

/** What a failed publish left changed in the folder. */
export interface PublishOutcome {
  /** Each change still in place, in order: `wrote dev/a.yaml`, `removed dev/b.yaml`, … */
  readonly changes: readonly string[];
  /** How many changes were rolled back. */
  readonly rolledBack: number;
  /** True when the folder holds the whole new output all the same (a later step failed). */
  readonly complete?: boolean;
}

/** Thrown when publishing is refused or fails; its message is one line for the user. */
export class PublishError extends Error {
  /** @param outcome what the run left changed; absent when it changed nothing */
  constructor(
    message: string,
    readonly outcome: PublishOutcome = { changes: [], rolledBack: 0 },
  ) {
    super(message);
  }
}

/** The record of which files of the output folder are ours: path, and its digest once a synth completed. */
function listText(entries: Iterable<readonly [string, string | undefined]>): string {
  return `${LIST_HEADER}${[...new Map(entries)]
    .sort(([a], [b]) => byCodeUnit(a, b))
    .map(([path, digest]) => `${path}${digest ? ` ${digest}` : ''}\n`)
    .join('')}`;
}

/** `files` plus the list of them with their digests, so the next synth knows which files are its own. */
export function withGeneratedList(files: FileTree): FileTree {
  return new Map([...files, [GENERATED_LIST, listText([...files].map(([path, text]) => [path, fileDigest(text)]))]]);
}

/** Where a generated file says it comes from (every file synth writes carries it near the top). */
const GENERATED_MARK = /Generated from \S+ by `npm run synth`/;

/** True when a text carries the header synth writes into every file. */
export function looksGenerated(text: string): boolean {
  return GENERATED_MARK.test(text.split('\n', 5).join('\n'));
}

/**
 * Whether synth can prove it wrote `text` at `path`: it carries the generated header, or the list records its digest.
 * A bare entry proves nothing: a hand-added line would otherwise make synth delete a user file (attack 56b-15).
 */
export function provenWritten(list: GeneratedList, path: string, text: string): boolean {
  return looksGenerated(text) || list.digests.get(path) === fileDigest(text);
}

/**
 * A recorded path in one spelling (`dev//a.yaml` and `dev/./a.yaml` are `dev/a.yaml`), or
 * undefined when it could point outside the folder.
 */
export function normaliseRecordedPath(entry: string): string | undefined {
  if (!entry || entry.includes('\0') || entry.includes('\\')) return undefined;
  const path = posix.normalize(entry);
  if (path.startsWith('/') || path === '.' || path === '..' || path.startsWith('../') || path.endsWith('/')) return undefined;
  return path;
}

/** What the list of a synth records: its paths, normalised, and the digests of a completed synth. */
export interface GeneratedList {
  readonly paths: string[];
  /** Entries that could leave `dir`, as written. */
  readonly refused: string[];
  /** Path -> digest, for the entries that carry one. */
  readonly digests: ReadonlyMap<string, string>;
}

/** The files the last synth into `dir` recorded, normalised; entries that could leave `dir` are reported. */
export function readGeneratedList(dir: string, files: FileSystem = nodeFileSystem): GeneratedList {
  const list = join(dir, GENERATED_LIST);
  const stat = files.lstat(list);
  if (!stat) return { paths: [], refused: [], digests: new Map() };
  if (!stat.isFile()) throw new PublishError(`${printable(list)} is not a regular file: move it away (synth recreates it)`);
  const paths = new Set<string>();
  const refused: string[] = [];
  const digests = new Map<string, string>();
  for (const line of files.readFile(list).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const digest = DIGEST_SUFFIX.exec(line)?.[1];
    const entry = digest ? line.slice(0, -digest.length - 1) : line;
    const path = normaliseRecordedPath(entry);
    if (path === undefined) refused.push(entry);
    else {
      paths.add(path);
      if (digest) digests.set(path, digest);
    }
  }
  return { paths: [...paths].sort(), refused, digests };
}

/**
 * Why `texts` (paths below `dir` -> text as read), files of the folder `folder`, are not the complete output of
 * one synth, or undefined: every entry of the folder on the list carries a digest (no synth stopped half-way)
 * and each text is listed with its own digest (no file of another run or edited since).
 */
export function incompleteOutput(dir: string, folder: string, texts: ReadonlyMap<string, string>, fs: FileSystem): string | undefined {
  const list = printable(join(dir, GENERATED_LIST));
  const { paths, digests } = readGeneratedList(dir, fs);
  const own = paths.filter((path) => path.startsWith(`${folder}/`));
  if (!own.length) return `${list} records no file of ${folder}/`;
  const bare = own.find((path) => !digests.has(path));
  if (bare) return `${list} records no digest for ${bare}: a synth was interrupted, or an older version wrote the list`;
  for (const [path, text] of texts) {
    if (!digests.has(path)) return `${list} does not record ${path}`;
    if (digests.get(path) !== fileDigest(text)) return `${printable(join(dir, path))} is not the file the last synth recorded`;
  }
  return undefined;
}

/**
 * Generated files first, then the kustomization that lists them: a reader never sees it name a missing
 * file. Alphabetical regardless of case, as localeCompare put the paths synth writes, without loading
 * ICU's collator for it (3 to 8 ms of a synth).
 */
function writeOrder(a: string, b: string): number {
  const rank = (path: string) => (path.endsWith('kustomization.yaml') ? 1 : 0);
  return rank(a) - rank(b) || byCodeUnit(a.toLowerCase(), b.toLowerCase()) || byCodeUnit(b, a);
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The cluster folders one publish covers (`--cluster`): generated files and list entries outside
 * them are neither written, removed nor dropped from the list. Undefined: the whole folder.
 */
export type PublishScope = ReadonlySet<string> | undefined;

/** Whether `path` (relative, with `/`) lies in a folder the scope covers. */
function inScope(scope: PublishScope, path: string): boolean {
  return !scope || (path.includes('/') && scope.has(path.slice(0, path.indexOf('/'))));
}

/** What a publish would do, decided from reads alone: syncTree carries it out, a dry run shows it. */
export interface SyncPlan {
  /** Files to write, in write order: path, new text, old text (undefined when the file is new). */
  readonly writes: ReadonlyArray<readonly [string, string, string | undefined]>;
  /** Listed files the new output drops that stand there as regular files, to remove. */
  readonly removals: readonly string[];
  /** Listed paths the new output drops (the removal candidates, whatever stands there now). */
  readonly stale: readonly string[];
  /** Files already as they should be. */
  readonly unchanged: number;
  /** Things left alone on purpose that the user should know about. */
  readonly warnings: readonly string[];
  /** Paths the last synth recorded, normalised. */
  readonly previous: readonly string[];
  /** Temporary files a killed run left in the folders the publish covers. */
  readonly temporaries: readonly string[];
  /** The list as it is (undefined when missing), while the publish runs (no digest in its scope) and as it leaves it. */
  readonly oldList: string | undefined;
  readonly widenedList: string;
  readonly finalList: string;
}

/**
 * Plans bringing `dir` to `files` (which include the generated list) within `scope`, reading only.
 * Throws PublishError with one line per file of the user's or link that stands in the way, or one line when
 * `dir` cannot be read. `dir` need not exist (a first synth).
 */
export function planSync(dir: string, files: FileTree, fs: FileSystem = nodeFileSystem, scope?: PublishScope): SyncPlan {
  const outside = [...files.keys()].filter((path) => path !== GENERATED_LIST && !inScope(scope, path));
  if (outside.length) throw new Error(`publish scope ${[...(scope ?? [])].join(', ')} does not cover ${outside.join(', ')}`);
  const warnings: string[] = [];
  try {
    const temporaries = fs.lstat(dir) ? ourTemporaryFiles(dir, fs).filter((path) => !path.includes('/') || inScope(scope, path)) : [];
    const recorded = readGeneratedList(dir, fs);
    const previous = recorded.paths;
    for (const entry of recorded.refused)
      warnings.push(`${printable(join(dir, GENERATED_LIST))} lists ${JSON.stringify(entry)}, which is outside ${printable(dir)}/: ignored`);
    const provenOurs = (path: string, text: string) => provenWritten(recorded, path, text);
    const blocked: string[] = [];
    const writes: Array<[string, string, string | undefined]> = [];
    let unchanged = 0;
    for (const [path, text] of [...files].sort(([a], [b]) => writeOrder(a, b))) {
      if (path === GENERATED_LIST || path === LOCK_FILE) continue;
      const entry = entryAt(dir, path, fs);
      if (entry.kind === 'blocked') {
        blocked.push(entry.why);
        continue;
      }
      const old = entry.kind === 'file' ? fs.readFile(join(dir, path)) : undefined;
      if (old === text) {
        unchanged++;
        continue;
      }
      if (old !== undefined && !provenOurs(path, old)) {
        blocked.push(`${path} exists and was not written by synth`);
        continue;
      }
      writes.push([path, text, old]);
    }
    if (blocked.length) {
      // One link in the way blocks every file below it: name it once. One line per thing in the way.
      const reasons = [...new Set(blocked)];
      throw new PublishError(
        reasons.map((why) => `${printable(dir)}/ has a file in the way: ${why}: move it away and run again`).join('\n'),
      );
    }
    const stale = previous.filter((p) => !files.has(p) && p !== GENERATED_LIST && inScope(scope, p));
    const removals: string[] = [];
    for (const path of stale) {
      const entry = entryAt(dir, path, fs);
      if (entry.kind === 'file' && provenOurs(path, fs.readFile(join(dir, path)))) removals.push(path);
      else if (entry.kind === 'file')
        warnings.push(
          `${path} is listed in ${GENERATED_LIST} but has neither the generated header nor the recorded digest, so synth cannot tell it wrote it: left alone (remove it yourself if it is not yours)`,
        );
      else if (entry.kind === 'blocked')
        warnings.push(`${entry.why.startsWith(`${path} `) ? entry.why : `${path}: ${entry.why}`}: left alone`);
    }
    const listPath = join(dir, GENERATED_LIST);
    const oldList = fs.lstat(listPath) ? fs.readFile(listPath) : undefined;
    const produced = [...files.keys()].filter((p) => p !== GENERATED_LIST);
    const kept = previous.filter((p) => !inScope(scope, p)).map((p): [string, string | undefined] => [p, recorded.digests.get(p)]);
    const widenedList = listText([
      ...kept,
      ...[...previous, ...produced].filter((p) => inScope(scope, p)).map((p) => [p, undefined] as const),
    ]);
    const finalList = scope
      ? listText([...kept, ...produced.map((p) => [p, fileDigest(files.get(p)!)] as const)])
      : (files.get(GENERATED_LIST) ?? listText(produced.map((p) => [p, fileDigest(files.get(p)!)])));
    return { writes, removals, stale, unchanged, warnings, previous, temporaries, oldList, widenedList, finalList };
  } catch (e) {
    throw e instanceof PublishError ? e : new PublishError(`cannot read ${printable(dir)}/: ${describeFileError(e, true, 'read')}`);
  }
}

/**
 * Brings `dir` to `files` (which include the generated list) as one transaction. Call it while
 * holding the folder's lock (lock.ts). With a `scope` (the cluster folders of `--cluster`), files
 * and list entries of every other folder stay exactly as they are. Guarantees:
 * - At every instant, even under SIGKILL, every generated file in `dir` is named in the list: the
 *   list is first widened to old + new files, then files are written, stale ones removed, and the
 *   list narrowed last. The next completed synth therefore ends with exactly its output plus the
 *   user's own files (and, with a scope, the other folders' files and entries as they were), and
 *   removes temporary files a killed run left in the folders it covers.
 * - Only the narrowed list records digests of the folders the run covers (the widened one names their
 *   files bare): an entry without a digest, or a file that does not match its digest, shows a folder
 *   that is not the complete output of one synth (incompleteOutput, which k3s:install checks).
 * - Each file is written to a flushed dotfile and renamed into place (file-system.ts), so readers
 *   (Git, K3s' poller) see a whole old or a whole new file; unchanged files are not touched. Every new text is
 *   flushed before the first rename, so a kill leaves old and new files side by side only during the renames.
 * - Nothing outside `dir` and nothing through a symbolic link is written or removed; a recorded
 *   path that could leave `dir` is ignored; a user's file standing where a new generated file goes
 *   is refused, never overwritten. A listed file is overwritten or removed only when synth can prove it wrote it
 *   (the generated header, or the digest the list records): a bare entry is no proof, a hand-added line included.
 * - A failure while writing is rolled back: written files get their old bytes again, new files and
 *   folders are removed, the old list comes back. Once stale files are being removed it is not
 *   (their bytes are gone): the new files stay, every one listed.
 * Throws PublishError with a one-line message; its `outcome` says exactly what the run left changed.
 */
export function syncTree(dir: string, files: FileTree, fs: FileSystem = nodeFileSystem, scope?: PublishScope): SyncReport {
  const plan = planSync(dir, files, fs, scope);
  const { writes, oldList, widenedList: widened, finalList } = plan;
  const listPath = join(dir, GENERATED_LIST);
  // What stood before the run where it writes (the change log infers the rest: rmdir needs a
  // folder, unlink a file).
  const known = new Map<string, PathState>([
    ...writes.map(([path, , old]): [string, PathState] => [
      join(dir, ...path.split('/')),
      old === undefined ? { kind: 'absent' } : { kind: 'file', text: old },
    ]),
    [listPath, oldList === undefined ? { kind: 'absent' } : { kind: 'file', text: oldList }],
  ]);
  const log = new ChangeLog(dir, (path) => known.get(path) ?? { kind: 'absent' });
  const tracked = log.track(fs);
  let current = '';
  const fail = (verb: string, e: unknown, rolledBack = 0): PublishError =>
    new PublishError(`cannot ${verb} ${printable(join(dir, current))}: ${describeFileError(e)}`, { changes: log.changes(), rolledBack });
  let listOnDisk = oldList;
  const done: Array<[string, string | undefined]> = [];
  const createdFolders: string[] = [];
  /** The path of `path` in `dir`, its missing folders made. */
  const placeFor = (path: string) => {
    current = path;
    const target = join(dir, ...path.split('/'));
    const missing: string[] = [];
    for (let folder = dirname(target); !tracked.lstat(folder); folder = dirname(folder)) missing.unshift(folder);
    for (const folder of missing) {
      tracked.mkdir(folder);
      createdFolders.push(folder);
    }
    return target;
  };
  const write = (path: string, text: string) => writeAtomically(placeFor(path), text, tracked);

  let verb = 'remove';
  try {
    // A killed run's temporary files go, and so do the folders it made for them that now hold nothing (81c-1: a
    // cluster it was adding, which the config may no longer have).
    for (const temporary of plan.temporaries) {
      current = temporary;
      const path = join(dir, ...temporary.split('/'));
      tracked.unlink(path);
      removeEmptyFolders(dir, dirname(path), tracked);
    }
    verb = 'write';
    if (writes.length && widened !== oldList) {
      write(GENERATED_LIST, widened);
      listOnDisk = widened;
    }
    // All texts are flushed before any is renamed into place (45b-5): old and new files stand side by side only
    // during the renames, not while the texts are written.
    done.push(...writes.map(([path, , old]): [string, string | undefined] => [path, old]));
    // A new file never replaces one that appeared after the plan (81c-5): the run fails and rolls back instead.
    const targets = writes.map(([path, text, old]) => [placeFor(path), text, old === undefined] as const);
    writeAllAtomically(targets, tracked, (i) => (current = writes[i][0]));
  } catch (e) {
    const before = log.changes().length;
    rollBack(dir, done, createdFolders, oldList, tracked, log);
    throw fail(verb, e, before - log.changes().length);
  }

  const removed: string[] = [];
  const removable = new Set(plan.removals);
  try {
    verb = 'remove';
    for (const path of plan.stale) {
      current = path;
      // Checked again: only a regular file is removed, never anything through a link (the plan warned of those).
      const entry = entryAt(dir, path, tracked);
      // A listed file that is gone, say one a killed run had not written yet: the folders made for it go if empty.
      if (entry.kind === 'absent') removeEmptyFolders(dir, existingFolderOf(dir, path, tracked), tracked);
      if (entry.kind !== 'file' || !removable.has(path)) continue;
      tracked.unlink(join(dir, ...path.split('/')));
      removed.push(path);
      removeEmptyFolders(dir, dirname(join(dir, ...path.split('/'))), tracked);
    }
    verb = 'write';
    if (listOnDisk !== finalList) write(GENERATED_LIST, finalList);
  } catch (e) {
    throw fail(verb, e);
  }
  const written = [...writes.map(([path]) => path), ...(oldList === finalList ? [] : [GENERATED_LIST])];
  return {
    written,
    removed: [...plan.temporaries, ...removed],
    unchanged: plan.unchanged + (oldList === finalList ? 1 : 0),
    warnings: [...plan.warnings],
  };
}

/** Undoes the writes of a failed publish: old bytes back, new files and folders gone, the old list back; stops at the first failure. */
function rollBack(
  dir: string,
  done: ReadonlyArray<readonly [string, string | undefined]>,
  folders: readonly string[],
  oldList: string | undefined,
  fs: FileSystem,
  log: ChangeLog,
): void {
  try {
    for (const [path, old] of [...done].reverse()) {
      const target = join(dir, ...path.split('/'));
      if (!log.isChanged(target)) continue;
      if (old !== undefined) writeAtomically(target, old, fs);
      else if (fs.lstat(target)) fs.unlink(target);
    }
    for (const folder of [...folders].reverse()) if (log.isChanged(folder) && !fs.readdir(folder).length) fs.rmdir(folder);
    // Last: until here the widened list names every file written.
    const list = join(dir, GENERATED_LIST);
    if (!log.isChanged(list)) return;
    if (oldList !== undefined) writeAtomically(list, oldList, fs);
    else if (fs.lstat(list)) fs.unlink(list);
  } catch {
    // What is left changed is in the change log, and the error says so.
  }
}

/** Writes `files` below `dir`, which must be fresh (the cdk8s CLI empties its output folder). */
export function writeTree(dir: string, files: FileTree, fs: FileSystem = nodeFileSystem): void {
  for (const [path, content] of files) {
    const target = join(dir, ...path.split('/'));
    const missing: string[] = [];
    for (let folder = dirname(target); !fs.lstat(folder); folder = dirname(folder)) missing.unshift(folder);
    for (const folder of missing) fs.mkdir(folder);
    fs.writeNewFile(target, content);
  }
}
