import { Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { oneLine, printable } from '../core/problem';
import { argumentSecrets, redactMessage } from '../core/redact-message';
import { ChangeLog, PathState } from '../output/change-log';
import { tooLargeProblem } from '../output/too-large';
import { describeFileError, FileSystem, isTemporaryName, nodeFileSystem, writeAllAtomically, writeAtomically } from '../output/file-system';
import { incompleteOutput, PublishError } from '../output/publish';
import { interruptedSynth } from '../output/interrupted-synth';
import { oddKind, specialFileKind, specialPartAbove } from '../output/odd-entries';
import { EntryKind, InstallPlan, isRecordName, KUSTOMIZATION, kustomizationResources, TargetFolder } from './install-plan';

/**
 * The I/O of `npm run k3s:install`: reading dist/<cluster>/ and the manifests folder, and carrying
 * out a plan (install-plan.ts), all through the FileSystem interface so tests can fail any call.
 */

/** The folder every K3s server applies manifests from. */
export const DEFAULT_MANIFESTS_DIR = '/var/lib/rancher/k3s/server/manifests';

/** A refusal or failure whose message is one line for the user per problem (install-cli.ts prints each as `error:`). */
export class InstallError extends Error {}

function kindOf(stat: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryKind {
  if (stat.isSymbolicLink()) return 'link';
  if (stat.isDirectory()) return 'folder';
  return stat.isFile() ? 'file' : 'other';
}

/** Runs a read, turning a failed file operation into one line naming the path. */
function reading<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof InstallError) throw e;
    if (e instanceof PublishError) throw new InstallError(e.message);
    throw new InstallError(`cannot read ${printable(path)}: ${describeFileError(e, true, 'read')}`);
  }
}

export interface Source {
  /** The manifests `kustomization.yaml` lists: file name -> text. */
  readonly manifests: Map<string, string>;
  /** Top-level YAML files it does not list, which are not installed. */
  readonly unlisted: string[];
}

/**
 * What stands where a listed file should, and what to do: synth writes through no non-file, so one there must be moved
 * away first, as `check` advises (66c-6); a missing file is synth's to write.
 */
function notAFile(path: string, stat: Stats | undefined): string {
  if (stat === undefined) return `${printable(path)} does not exist: run \`npm run synth\``;
  const kind = stat.isDirectory() ? 'a folder' : (oddKind(stat) ?? 'not a regular file');
  return `${printable(path)} is ${kind}, not a file: move it away, then run \`npm run synth\` (it writes through no non-file)`;
}

/** What dist/<cluster>/kustomization.yaml lists, read; throws InstallError naming every problem. */
export function readSource(distDir: string, cluster: string, fs: FileSystem = nodeFileSystem, configDir?: string): Source {
  const folder = join(distDir, cluster);
  const kustomization = join(folder, KUSTOMIZATION);
  // Synth never writes through a link, so a link here is not its output and may lead anywhere.
  // Paths as messages name them: quoted when they hold a line break or another unprintable character.
  const [shownFolder, shownKustomization] = [printable(folder), printable(kustomization)];
  const link = (path: string) =>
    `${printable(path)} is a symbolic link: k3s:install copies only regular files synth wrote into ${shownFolder}/, never through a link ` +
    '(it could lead outside): remove the link and run `npm run synth`';
  return reading(folder, () => {
    const folderStat = fs.lstat(folder);
    if (folderStat?.isSymbolicLink()) throw new InstallError(link(folder));
    if (folderStat === undefined) {
      const known = fs.lstat(distDir)?.isDirectory()
        ? fs
            .readdir(distDir)
            .filter((entry) => entry.isDirectory())
            .map((entry) => entry.name)
            .sort()
        : [];
      const clusters = known.length ? `synthesized clusters: ${known.join(', ')}` : `${printable(distDir)}/ holds no cluster`;
      // The config folder in use (K3S_VIP_CONFIG_DIR), and no "add" for a config that is there, never synthesized (66c-5).
      // Looked at only when the caller names it (the CLI does): a bare API call says `config/`, as it did.
      const config = join(configDir ?? 'config', `${cluster}.yaml`);
      const advice =
        configDir !== undefined && fs.lstat(config)
          ? `${printable(config)} exists: run \`npm run synth\``
          : `add ${printable(config)} and run \`npm run synth\``;
      throw new InstallError(`--cluster ${cluster}: ${shownFolder}/ does not exist (${clusters}); ${advice}`);
    }
    const kustomizationStat = fs.lstat(kustomization);
    if (kustomizationStat?.isSymbolicLink()) throw new InstallError(link(kustomization));
    // A FIFO or folder there exists, and synth refuses to write through it: named, with the advice to move it (74a-20).
    if (kustomizationStat && !kustomizationStat.isFile()) throw new InstallError(notAFile(kustomization, kustomizationStat));
    if (!kustomizationStat) {
      throw new InstallError(`${shownKustomization} does not exist (it lists the manifests to install): run \`npm run synth\``);
    }
    // A file past the readers' bound is refused by its size, never read (70c-5).
    const tooLarge = tooLargeProblem(kustomizationStat.size, kustomization, 'k3s:install');
    if (tooLarge) throw new InstallError(tooLarge);
    const kustomizationText = fs.readFile(kustomization);
    const { names, errors } = kustomizationResources(shownKustomization, kustomizationText);
    for (const name of names) {
      const stat = fs.lstat(join(folder, name));
      if (stat?.isSymbolicLink())
        errors.push(
          redactMessage(`${shownKustomization} lists ${printable(name)}, but ${link(join(folder, name))}`, argumentSecrets([name])),
        );
      else if (!stat?.isFile()) {
        errors.push(
          redactMessage(
            `${shownKustomization} lists ${printable(name)}, but ${notAFile(join(folder, name), stat)}`,
            argumentSecrets([name]),
          ),
        );
      } else {
        const size = tooLargeProblem(stat.size, join(folder, name), 'k3s:install');
        if (size) errors.push(redactMessage(size, argumentSecrets([name])));
      }
    }
    // One error a line: the caller prints each line as an error of its own, so none may hold a line break.
    if (errors.length) throw new InstallError(errors.map(oneLine).join('\n'));
    const unlisted = fs
      .readdir(folder)
      .map((entry) => entry.name)
      .filter((name) => /\.ya?ml$/.test(name) && !name.startsWith('.') && name !== KUSTOMIZATION && !names.includes(name))
      .sort();
    const manifests = new Map(names.map((name) => [name, fs.readFile(join(folder, name))]));
    // A synth killed half-way leaves old and new files side by side (publish.ts): install only what one
    // completed synth recorded, kustomization included, as read here.
    const texts = new Map([[KUSTOMIZATION, kustomizationText], ...manifests].map(([name, text]) => [`${cluster}/${name}`, text]));
    const incomplete = interruptedSynth(distDir, fs) ?? incompleteOutput(distDir, cluster, texts, fs);
    if (incomplete) {
      throw new InstallError(`${shownFolder}/ is not the complete output of one synth (${incomplete}): run \`npm run synth\` again`);
    }
    return { manifests, unlisted };
  });
}

/**
 * What stands at `dir` itself, following a link there (`dir/.` resolves it), as the user chose that
 * path. Throws ENOTDIR when a folder of its path is a file.
 */
function folderKind(dir: string, fs: FileSystem): EntryKind | 'absent' {
  try {
    // `<dir>/.` (not join(), which drops the `.`): a link to a folder counts as that folder.
    const stat = fs.lstat(`${dir.replace(/\/+$/, '')}/.`);
    return stat ? kindOf(stat) : 'absent';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOTDIR') throw e;
    const own = fs.lstat(dir);
    return own ? kindOf(own) : 'absent';
  }
}

/** What a special file at `dir` is: "a device", "a FIFO", "a socket"; else undefined. */
function specialKindAt(dir: string, fs: FileSystem): string | undefined {
  const own = fs.lstat(dir);
  return own && specialFileKind(own);
}

/** `--dir "<path>"` as the user typed it, and where it leads when a link or `..` made the path checked another (74a-14). */
function dirLabel(dir: string, given: string): string {
  const typed = `--dir ${oneLine(JSON.stringify(given))}`;
  return given === dir ? typed : `${typed} (which leads to ${oneLine(JSON.stringify(dir))})`;
}

/**
 * Checks the manifests folder before anything is read from it: undefined when it exists, else the
 * folder to create (K3s creates it when a server first starts, so only under an existing parent).
 * `given` is `dir` as the user typed it, for messages.
 */
export function checkManifestsFolder(
  dir: string,
  fs: FileSystem = nodeFileSystem,
  given = dir,
): { create: boolean; parentMissing: boolean } {
  return reading(dir, () => {
    let kind;
    try {
      kind = folderKind(dir, fs);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOTDIR') throw e;
      // A device above it (/dev/null/x) is named: "a file" would be wrong, and no advice may be to move it (72b-7).
      const above = specialPartAbove(dir);
      const part = above ? `${oneLine(JSON.stringify(above.part))}, a part of its path, is ${above.kind}` : 'a part of its path is a file';
      throw new InstallError(`${dirLabel(dir, given)}: ${part}, not a folder; expected the K3s manifests folder`);
    }
    if (kind === 'folder') return { create: false, parentMissing: false };
    if (kind !== 'absent') {
      const special = kind === 'other' ? specialKindAt(dir, fs) : undefined;
      const what = kind === 'file' ? 'a file' : special ? `${special}, not a folder` : 'not a folder';
      throw new InstallError(`${dirLabel(dir, given)}: is ${what}; expected the K3s manifests folder`);
    }
    return { create: true, parentMissing: folderKind(dirname(dir), fs) === 'absent' };
  });
}

/** Why a missing manifests folder is not created. */
export function notInstalledHere(dir: string, given = dir): string {
  // Its parent is no argument: what the path holds is redacted here, not only by the command line's redaction.
  return redactMessage(
    `${dirLabel(dir, given)}: neither it nor ${printable(dirname(dir))} exists, so K3s is not installed here (a K3s server creates ${DEFAULT_MANIFESTS_DIR}): ` +
      'run this on a K3s server, or pass --dir <the manifests folder>',
    argumentSecrets([given, dir, dirname(dir)]),
  );
}

/**
 * Creates the missing manifests folder (its parent exists: see checkManifestsFolder). It is created before its lock is
 * taken (the lock file lives in it), so another run may create it first: a folder (not a link) standing there is fine,
 * and the lock then keeps the two runs apart. Returns whether this call created it: only that run's last line may say
 * "created" (68c-8: two runs into one missing folder both said so).
 */
export function createManifestsFolder(dir: string, fs: FileSystem = nodeFileSystem): boolean {
  try {
    fs.mkdir(dir);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST' && fs.lstat(dir)?.isDirectory()) return false;
    throw new InstallError(`cannot create ${printable(dir)}: ${describeFileError(e)}`);
  }
}

/** Snapshot of the manifests folder for `planInstall`; an absent folder is an empty one. */
export function readTarget(dir: string, fs: FileSystem = nodeFileSystem): TargetFolder {
  const entries = new Map<string, EntryKind>();
  const texts = new Map<string, string>();
  const walk = (prefix: string): void => {
    for (const entry of fs.readdir(join(dir, prefix))) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      const kind = kindOf(entry);
      entries.set(path, kind);
      if (kind === 'folder') walk(path);
      else if (kind === 'file' && !prefix && (path.endsWith('.yaml') || isRecordName(path))) texts.set(path, fs.readFile(join(dir, path)));
    }
  };
  return reading(dir, () => {
    if (folderKind(dir, fs) !== 'absent') walk('');
    return { entries, texts };
  });
}

/** Removes the temporary files a killed run left (call it holding the lock: no other run writes). */
export function removeTemporaryFiles(dir: string, fs: FileSystem = nodeFileSystem): void {
  for (const entry of reading(dir, () => fs.readdir(dir))) {
    if (!entry.isFile() || !isTemporaryName(entry.name)) continue;
    try {
      fs.unlink(join(dir, entry.name));
    } catch (e) {
      throw new InstallError(`cannot remove ${printable(join(dir, entry.name))}, left by an interrupted run: ${describeFileError(e)}`);
    }
  }
}

/**
 * Carries out a plan in `dir` as one transaction and returns how many files it wrote or removed.
 * Call it holding the folder's lock, on a plan made from `readTarget` under that lock.
 * - The record is first widened to claim the files to create, so were the run killed, the next one
 *   knows them for its own; files are then written (all texts flushed, then renamed in one pass:
 *   file-system.ts writeAllAtomically), removed, and the record narrowed last.
 * - A failing call rolls everything back: files written get their old text again, created ones are
 *   removed, removed ones come back, and the old record (or none) is restored; the error says so.
 * Throws InstallError with a one-line message.
 */
export function applyInstall(dir: string, plan: InstallPlan, files: FileSystem = nodeFileSystem): number {
  if (plan.errors.length) throw new InstallError(`the plan has ${plan.errors.length} error(s); nothing was written`);
  const record = join(dir, plan.recordFile);
  // What stood before the run where it writes, so a failure can say exactly what it left changed.
  const before = new Map<string, PathState>([
    ...plan.entries.map((entry): [string, PathState] => [
      join(dir, entry.file),
      entry.previous === undefined ? { kind: 'absent' } : { kind: 'file', text: entry.previous },
    ]),
    [record, plan.currentRecordText === undefined ? { kind: 'absent' } : { kind: 'file', text: plan.currentRecordText }],
  ]);
  const log = new ChangeLog(dir, (path) => before.get(path) ?? { kind: 'absent' });
  const fs = log.track(files);
  // Every step is logged before it starts: a call that fails after its change (a folder flush
  // after the rename) is undone too.
  const touched: Array<{ file: string; previous?: string }> = [];
  let current = `write ${printable(record)}`;
  let changes = 0;
  const write = (file: string, text: string) => {
    current = `write ${printable(join(dir, file))}`;
    writeAtomically(join(dir, file), text, fs);
  };
  try {
    if (plan.claimRecordText !== (plan.currentRecordText ?? '')) write(plan.recordFile, plan.claimRecordText);
    // Writes first, removals last: the record claims the objects of a file being removed. Every text is flushed
    // before the first rename, so K3s' poller finds old and new files side by side only between renames (45b-5).
    const writes = plan.entries.flatMap((entry) =>
      (entry.action === 'create' || entry.action === 'update') && entry.text !== undefined ? [{ ...entry, text: entry.text }] : [],
    );
    touched.push(...writes.map(({ file, previous }) => ({ file, previous })));
    writeAllAtomically(
      // A create never replaces a file that appeared after the plan (81c-5): the run fails and rolls back instead.
      writes.map(({ file, text, action }) => [join(dir, file), text, action === 'create'] as const),
      fs,
      (i) => (current = `write ${printable(join(dir, writes[i].file))}`),
    );
    changes += writes.length;
    for (const entry of plan.entries) {
      if (entry.action === 'remove' && entry.previous !== undefined) {
        touched.push({ file: entry.file, previous: entry.previous });
        current = `remove ${printable(join(dir, entry.file))}`;
        fs.unlink(join(dir, entry.file));
        fs.syncFolder(dir);
        changes++;
      }
    }
    if (plan.recordText !== plan.currentRecordText) {
      write(plan.recordFile, plan.recordText);
      changes++;
    }
  } catch (e) {
    rollBack(dir, touched, plan, fs, log);
    const left = log.changes();
    throw new InstallError(
      `cannot ${current}: ${describeFileError(e)}; ${
        left.length
          ? `${printable(dir)} is partly updated (${left.join(', ')}; every file whole, and listed in ${printable(record)}): fix the cause and run again to finish`
          : `${printable(dir)} was left as it was`
      }`,
    );
  }
  return changes;
}

/** Undoes a partial install: old texts back, created files gone, the old record back; stops at the first failure. */
function rollBack(
  dir: string,
  touched: ReadonlyArray<{ file: string; previous?: string }>,
  plan: InstallPlan,
  fs: FileSystem,
  log: ChangeLog,
): void {
  try {
    for (const { file, previous } of [...touched].reverse()) {
      const path = join(dir, file);
      if (!log.isChanged(path)) continue;
      if (previous !== undefined) writeAtomically(path, previous, fs);
      else if (fs.lstat(path)) fs.unlink(path);
    }
    // Last: until here the record claims every file the run wrote.
    const record = join(dir, plan.recordFile);
    if (log.isChanged(record)) {
      if (plan.currentRecordText !== undefined) writeAtomically(record, plan.currentRecordText, fs);
      else if (fs.lstat(record)) fs.unlink(record);
    }
    fs.syncFolder(dir);
  } catch {
    // What is left changed is in the change log, and the error says so.
  }
}
