import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterNames } from './config/cluster-files';
import { formatDiagnostic, loadConfigDir } from './config/load';
import { leftoverCopyWarnings } from './config/interrupted-new';
import { wiring } from './main';
import { diffTrees, tooLargeToShow } from './output/diff';
import { fileRedaction, findingCounts, secretsInFiles } from './output/secret-gate';
import { gateFindingLines } from './output/gate-sources';
import { redact, secretValues } from './core/secrets';
import { holdsUnshownRun } from './core/generated-quotes';
import { printable } from './core/problem';
import { describeFileError, isTemporaryName } from './output/file-system';
import { LOCK_FILE, LockError, withFolderLock } from './output/lock';
import {
  FileTree,
  GENERATED_LIST,
  GeneratedList,
  listFiles,
  looksGenerated,
  provenWritten,
  PublishError,
  readGeneratedList,
  withGeneratedList,
} from './output/publish';
import { optionless } from './npm-args';
import { renderClusters } from './synth';
import { configDirFromEnv, distDirFromEnv } from './output/env-dirs';
import { OddEntry, oddEntries } from './output/odd-entries';
import { emptiedConfigProblem } from './output/emptied-config';
import { tooLargeToRead, TooLargeError } from './output/too-large';
import { unreadableOutputFolder } from './output/output-folder';
import { ownFoldersProblem, shownFolder } from './output/own-folders';

/** The files of `tree` a diff shows (diff.ts tooLargeToShow). */
const shownFiles = (tree: FileTree): FileTree => new Map([...tree].filter(([, text]) => !tooLargeToShow(text)));

/**
 * Synthesizes in memory and compares with the output folder as it is in the working tree, logging
 * a diff. Besides the files a synth writes or the list says an earlier one wrote, any file that
 * carries our header or is one of our temporary files counts as ours: left by an interrupted run,
 * it would otherwise be deployed unnoticed. Returns 1 on any difference or error, else 0. Writes nothing but
 * dist/'s lock file, while it reads.
 */
export function runCheck(configDir: string, distDir: string, log: (line: string) => void): number {
  // Folders as messages name them: quoted when they hold a line break or another unprintable character.
  const [shownConfig, shownDist] = [printable(configDir), shownFolder(distDir).slice(0, -1)];
  const folders = ownFoldersProblem(configDir, distDir) ?? unreadableOutputFolder(distDir);
  if (folders) {
    log(`error: ${folders}`);
    return 1;
  }
  // No cluster (yet, or any more) is a valid state, as for synth.
  const loaded = clusterNames(configDir)?.length === 0 ? { clusters: [], errors: [] } : loadConfigDir(configDir);
  for (const line of leftoverCopyWarnings(configDir, shownConfig)) log(line);
  if (loaded.errors.length) {
    for (const e of loaded.errors) log(`error: ${formatDiagnostic(e)}`);
    // The folder itself the problem (a device, a file): no file in it was read, so no count "in" it (74a-15).
    const inFolder = loaded.errors.some((e) => e.file !== configDir) ? ` (${loaded.errors.length} error(s) in ${shownConfig}/)` : '';
    log(`check failed: fix the config${inFolder}.`);
    return 1;
  }
  let diff: string[];
  let fresh: FileTree;
  let others: string[];
  let interrupted: boolean;
  let blocking: OddEntry[];
  let oddOthers: OddEntry[];
  let leftBySynth: ReadonlySet<string>;
  try {
    const { listed, present, texts, odd } = readDistUnderLock(distDir, (note) => log(`note: ${note}`));
    // Without clusters synth writes nothing, not even the list, into a folder it never wrote.
    const published = listed.paths.length > 0 || present.includes(GENERATED_LIST);
    fresh = loaded.clusters.length || published ? withGeneratedList(renderClusters(loaded.clusters, wiring)) : new Map();
    const temporary = present.filter((path) => !texts.has(path));
    // What only a killed synth leaves: its temporary files, or the widened list (entries without digests).
    interrupted = temporary.length > 0 || listed.paths.some((path) => !listed.digests.has(path));
    // A listed file synth cannot prove it wrote is one it leaves alone (publish.ts provenWritten): the user's, here too.
    const proven = listed.paths.filter((path) => !texts.has(path) || provenWritten(listed, path, texts.get(path)!));
    const ours = new Set([...fresh.keys(), ...proven]);
    const strays = present.filter((path) => !ours.has(path) && texts.has(path) && looksGenerated(texts.get(path)!));
    // 76a-16: a file with synth's header that synth never listed is one synth leaves: "run synth" would not remove it.
    leftBySynth = new Set(strays.filter((path) => !fresh.has(path)));
    const committed = new Map([...ours, ...strays].filter((path) => texts.has(path)).map((path) => [path, texts.get(path)!]));
    others = present.filter((path) => texts.has(path) && !committed.has(path));
    // A link, FIFO or other non-file: where a generated file goes synth refuses it (so "run synth" would loop); elsewhere
    // it is named with the files synth did not write (a link in a committed folder deploys whatever it points at).
    // A link at a cluster's folder (dist/dev) stands where its generated files go as much as one at a file (68c-4).
    const inTheWay = (entry: OddEntry) => ours.has(entry.path) || [...ours].some((path) => path.startsWith(`${entry.path}/`));
    blocking = odd.filter(inTheWay);
    oddOthers = odd.filter((entry) => !inTheWay(entry));
    const expected = new Map([...fresh].filter(([path]) => !blocking.some((entry) => entry.path === path)));
    // A hand-edited file may hold a secret, even one that spans lines or a file that no longer parses: the
    // diff of the redacted texts never prints it. Every line passes the message guard as well.
    diff = [
      ...listed.refused.map((entry) => `!!! ${GENERATED_LIST} lists ${JSON.stringify(entry)}, which is outside ${shownDist}/`),
      ...temporary.map((path) => `--- ${path} (temporary file of an interrupted synth)`),
      ...blocking.map(
        (entry) =>
          `!!! ${printable(entry.path)} is ${entry.kind} where ${ours.has(entry.path) ? 'a generated file goes' : 'generated files go'}`,
      ),
      // 81c-6: a file too large to show is counted, never read for secrets (diff.ts MAX_SHOWN_CHARACTERS).
      ...diffTrees(committed, expected, fileRedaction(shownFiles(committed), shownFiles(expected))).map((line) =>
        unlistedLine(line, leftBySynth),
      ),
    ].map((line) => redact(line));
  } catch (e) {
    // The file that failed, not dist/ itself: a file of dist/ may vanish under a run that could not take the lock.
    const failed = (e as NodeJS.ErrnoException).path;
    const problem = e instanceof PublishError ? e.message : describeFileError(e);
    if (e instanceof TooLargeError) {
      for (const line of e.message.split('\n')) log(redact(`error: ${line}`));
      log(`check failed: ${shownDist}/ holds file(s) too large to read.`);
      return 1;
    }
    log(redact(`error: ${e instanceof LockError ? e.message : `cannot read ${failed ? printable(failed) : `${shownDist}/`}: ${problem}`}`));
    return 1;
  }
  // A fresh synth the write gate refuses: "run synth" would only fail; the config values to change are named (57a-9).
  const refused = diff.length ? secretsInFiles(fresh) : [];
  if (refused.length) {
    const configOf = (name: string) => loaded.clusters.find((cluster) => cluster.name === name)?.file;
    // Each config place on its own line, as the config's own refusals are (77a-16).
    const lines = refused.flatMap((line) =>
      gateFindingLines(line, `${shownDist}/${line}: synth refuses to write it`, fresh, configOf, printable),
    );
    for (const line of new Set(lines)) log(redact(line));
    log(`check failed: a fresh synth is refused (${findingCounts(refused)} in its output): change the config, then run \`npm run synth\`.`);
    return 1;
  }
  if (diff.length) {
    for (const line of diff) log(line);
    // The files left out are named here too: one run says every difference (43a-18).
    const why = interrupted ? ' (a synth was interrupted: its files may mix old and new output, so deploy none of them)' : '';
    const move = blocking.length
      ? `move away the ${blocking.length} non-file(s) standing where generated files go (synth writes through none), then `
      : '';
    const remove = leftBySynth.size ? `remove the ${leftBySynth.size} file(s) synth did not write but that carry its header, then ` : '';
    // No config left: synth refuses to remove every cluster, so "run synth" would only fail; its advice instead (70c-4).
    const emptied = loaded.clusters.length ? undefined : emptiedConfigProblem(distDir, shownConfig, shownDist, 'so synth refuses too');
    if (emptied) {
      log(`${shownDist}/ differs from a fresh synth${why}: ${redact(emptied)}.`);
      return 1;
    }
    log(
      `${shownDist}/ differs from a fresh synth${why}${othersNote(others, oddOthers)}: ${move}${remove}run \`npm run synth\` and commit the result.`,
    );
    return 1;
  }
  log(`check: ${shownDist}/ equals a fresh synth (${fresh.size} files)${othersNote(others, oddOthers)}.`);
  return 0;
}

/** A stale line of a file synth leaves (`left`: not in its list, though it carries synth's header) says so (76a-16). */
function unlistedLine(line: string, left: ReadonlySet<string>): string {
  const stale = /^--- (.*) \(stale: a fresh synth no longer writes it\)$/.exec(line);
  return stale && left.has(stale[1])
    ? `--- ${stale[1]} (carries synth's header, but synth never wrote it, so synth leaves it: remove it by hand)`
    : line;
}

/** How many names of files synth did not write the last line shows. */
const OTHERS_SHOWN = 5;

/**
 * The files of dist/ that synth did not write (no list entry, no header): left out of the comparison, as synth leaves
 * them alone, but named, so that "equals a fresh synth" does not hide a file a GitOps tool reading the folder would
 * deploy too (42a, not reported).
 */
function othersNote(files: readonly string[], odd: readonly OddEntry[]): string {
  const kinds = new Map(odd.map((entry) => [entry.path, ` (${entry.kind})`]));
  const others = [...files, ...kinds.keys()].sort();
  if (others.length === 0) return '';
  // A name may set a secret as well as hold one's shape (`t/pw=…yaml`, attack 44a-8): such a name is not shown.
  const shown = others
    .slice(0, OTHERS_SHOWN)
    .map(
      (path) =>
        (secretValues([path]).length > 0 || holdsUnshownRun(path) ? '(a name that may hold a secret, not shown)' : printable(path)) +
        (kinds.get(path) ?? ''),
    );
  const more = others.length > OTHERS_SHOWN ? ` and ${others.length - OTHERS_SHOWN} more` : '';
  return redact(`; ${others.length} other file(s) in it, not written by synth, were left out: ${shown.join(', ')}${more}`);
}

/** What check compares of dist/: its list, every file's path and the text of each (a synth's temporary files aside). */
interface DistSnapshot {
  readonly listed: GeneratedList;
  readonly present: string[];
  readonly texts: ReadonlyMap<string, string>;
  readonly odd: OddEntry[];
}

function readDist(distDir: string): DistSnapshot {
  const listed = readGeneratedList(distDir);
  const present = listFiles(distDir).filter((path) => path !== LOCK_FILE);
  const kept = present.filter((path) => !isTemporaryName(path.split('/').pop() ?? path));
  // A file past the readers' bound is refused by its size before any is read (70c-5).
  const tooLarge = kept.map((path) => tooLargeToRead(join(distDir, path), `${shownFolder(distDir)}${path}`, 'check')).filter(Boolean);
  if (tooLarge.length) throw new TooLargeError(tooLarge.join('\n'));
  const texts = new Map(kept.map((path) => [path, readFileSync(join(distDir, path), 'utf8')]));
  return { listed, present, texts, odd: oddEntries(distDir) };
}

/**
 * dist/ read whole under the lock synth holds while it writes (as k3s:install reads it), so a check never sees a synth
 * half-way, nor a file renamed or removed under it. A dist/ this user cannot write (read-only) is read without it: no
 * synth of this user writes it either. The lock is released before the fresh synth renders: a synth waits only for the reads.
 */
function readDistUnderLock(distDir: string, onStale: (note: string) => void): DistSnapshot {
  if (!lstatSync(distDir, { throwIfNoEntry: false })?.isDirectory()) return readDist(distDir);
  try {
    return withFolderLock(distDir, { holder: 'check', onStale }, () => readDist(distDir));
  } catch (e) {
    if (e instanceof LockError && ['EROFS', 'EACCES', 'EPERM'].includes(e.code ?? '')) return readDist(distDir);
    throw e;
  }
}

const HELP = `usage: npm run check

Synthesizes config/ in memory and compares the result with dist/ as it is in the working tree (not
what is committed): prints a diff and exits 1 on any difference, a stale, missing or changed file or
a temporary file an interrupted synth left; else exits 0. Writes nothing but dist/'s lock file: it
holds dist/'s lock while it reads, as synth does while it writes (K3S_VIP_LOCK_WAIT_SECONDS: how long
to wait for it).
K3S_VIP_CONFIG_DIR and K3S_VIP_DIST_DIR replace config/ and dist/ (a relative path is taken from the
folder you run npm in). \`npm run synth -- --dry-run\` shows the same difference as a patch.`;

/** `npm run check`. */
export function main(args: readonly string[] = []): void {
  const early = optionless(args, HELP, 'check');
  if (early !== undefined) {
    process.exitCode = early;
    return;
  }
  process.exitCode = runCheck(configDirFromEnv(), distDirFromEnv(), (line) => process.stderr.write(`${line}\n`));
}
