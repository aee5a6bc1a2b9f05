import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dns1123Label } from '../config/formats';
import { argumentSecrets, redactMessage, secretsInShownNames } from '../core/redact-message';
import { oneLine, printable } from '../core/problem';
import { redact, secretValues } from '../core/secrets';
import { npmSwallowedFlags } from '../npm-args';
import { FileSystem, nodeFileSystem } from '../output/file-system';
import { LockError, LockReleaseError, lockFileProblem, withFolderLock } from '../output/lock';
import {
  applyInstall,
  checkManifestsFolder,
  createManifestsFolder,
  DEFAULT_MANIFESTS_DIR,
  InstallError,
  notInstalledHere,
  readTarget,
  removeTemporaryFiles,
} from './install-apply';
import { countActions, formatPlan, InstallPlan, planInstall } from './install-plan';
import { withForeignObjects } from './foreign-objects';
import { manifestsRootOf, pathUnder } from './manifests-tree';
import { projectFolderProblem, readSourceUnderLock } from './install-source';
import { physicalPath } from '../output/physical-path';
import { configDirFromEnv, distDirFromEnv } from '../output/env-dirs';
import { fromUserFolder } from '../output/user-folder';
import { launcherGuard } from '../output/launcher';
import { ownFoldersProblem } from '../output/own-folders';
import { specialFolderProblem } from '../output/special-file-system';

/**
 * `npm run k3s:install -- --cluster <name> [--dir <manifests dir>] [--dry-run]`: copies the
 * manifests dist/<cluster>/kustomization.yaml lists into the folder K3s auto-deploys from. It
 * changes or removes only files it wrote itself (listed in a dotfile ownership record), writes
 * every file atomically, writes nothing when nothing changed, and one run at a time per folder.
 */

const USAGE = 'usage: npm run k3s:install -- --cluster <name> [--dir <manifests dir>] [--dry-run]';

export const HELP = `${USAGE}

Copies the manifests that dist/<cluster>/kustomization.yaml lists into the folder every K3s server
applies manifests from, and removes the ones it installed before that the list dropped.

  --cluster <name>  the cluster to install: config/<name>.yaml, synthesized by \`npm run synth\`
                    into dist/<name>/ (required)
  --dir <folder>    the K3s manifests folder (default ${DEFAULT_MANIFESTS_DIR});
                    created when missing if its parent exists; a relative path is taken
                    from the folder you run npm in
  --dry-run         print what would be created, updated and removed, and the kubectl deletes
                    that removals call for; write nothing
  -h, --help        print this help

Flags go after \`--\`: npm keeps those before it for itself.`;

export interface InstallOptions {
  readonly cluster: string;
  /** Folder of the synthesized `<cluster>/` folders. */
  readonly distDir: string;
  /**
   * The config folder, which `--dir` may not be.
   * @default "config"
   */
  readonly configDir?: string;
  /** The K3s auto-deploy folder. */
  readonly manifestsDir: string;
  /** Print the plan and write nothing. */
  readonly dryRun: boolean;
  /**
   * The folder K3s walks that the manifests folder lies in, whose whole tree is checked for clashes.
   * @default manifestsRootOf(manifestsDir)
   */
  readonly manifestsRoot?: string;
  /**
   * How the plan reads the target and dist/ and how the install writes. The clash check's walk of the manifests tree
   * (manifests-tree.ts: `manifestsRootOf`, `walkManifestsTree`, `readRegularFile`) always reads the real disk, as K3s
   * will: it needs stat, realpath and a non-blocking open, which FileSystem does not offer. A test with a fake
   * FileSystem picks the tree with `manifestsRoot`.
   * @default nodeFileSystem
   */
  readonly fs?: FileSystem;
  /** @default a line on stdout */
  readonly out?: (line: string) => void;
  /** @default a line on stderr */
  readonly err?: (line: string) => void;
}

/** Plans and (unless a dry run) applies an install; returns the process exit code. */
export function runInstall(options: InstallOptions): number {
  const { cluster, distDir, manifestsDir: given, dryRun } = options;
  // The folder as the kernel resolves it now (links followed, then each `..`: `<link>/../x` is beside the link's
  // target), and the one path every check and every write uses: a link re-pointed while this run waits for a lock
  // (at the config folder, say) does not move where it writes. Its problems are named as the user wrote it.
  // Without a link or `..` on the way it stays as written (`a//b` too), so messages show what the user wrote.
  const resolved = physicalPath(given);
  const plain = resolved.path === resolve(given) && !given.split('/').includes('..');
  const dir = plain || resolved.path === undefined ? given : resolved.path;
  // As synth does: no line printed carries a secret-shaped value, whole or cut (a token given as --cluster).
  const secrets = secretValues([cluster, given, dir]);
  // And each line stays one line, whatever a path holds (paths are quoted where they appear: printable). Every file name
  // a line shows (a foreign manifest's, a FIFO's) passes this one redaction, `token=<secret>.yaml` too (81a-2).
  const print = (write: (line: string) => void) => (line: string) =>
    write(oneLine(redact(line, [...secrets, ...secretsInShownNames(line)])));
  const out = print(options.out ?? ((line: string) => process.stdout.write(`${line}\n`)));
  const err = print(options.err ?? ((line: string) => process.stderr.write(`${line}\n`)));
  const fs = options.fs ?? nodeFileSystem;
  const source = join(distDir, cluster);
  const [shownDir, shownSource] = [printable(dir), printable(source)];

  /** Prints a plan's errors; true when there are any. */
  const refused = (plan: InstallPlan): boolean => {
    for (const error of plan.errors) err(`error: ${error}`);
    if (plan.errors.length) err(`k3s:install: nothing was written to ${shownDir}.`);
    return plan.errors.length > 0;
  };
  /** Prints the plan, its `kubectl delete`s and its warnings. */
  const list = (plan: InstallPlan, heading: string): void => {
    out(heading);
    for (const line of formatPlan(plan)) out(line);
    for (const warning of plan.warnings) err(`warning: ${warning}`);
  };
  /** Whether this run created the folder (`created <dir>/; `), for its last line. */
  let made = '';
  /** `code`, after saying that a refused or failed run created the (empty) folder. */
  const madeNote = (code: number): number => {
    if (made) err(`k3s:install: this run ${made.slice(0, -2)} (empty).`);
    return code;
  };
  try {
    const badName = dns1123Label(cluster);
    if (badName) throw new InstallError(`--cluster: ${badName}; expected the name of a config/<cluster>.yaml`);
    if (resolved.path === undefined)
      throw new InstallError(`--dir ${oneLine(JSON.stringify(given))}: ${resolved.problem}; expected the K3s manifests folder`);
    const special = specialFolderProblem(resolved.path, '--dir', given);
    if (special) throw new InstallError(special);
    const ownFolder = projectFolderProblem(given, resolved.path, { configDir: options.configDir ?? 'config', distDir });
    if (ownFolder) throw new InstallError(ownFolder);
    const { manifests, unlisted } = readSourceUnderLock(
      distDir,
      cluster,
      fs,
      { dryRun, onStale: (note) => err(`note: ${note}`) },
      options.configDir,
    );
    const root = options.manifestsRoot ?? manifestsRootOf(dir);
    const tree = { root, dirUnderRoot: pathUnder(root, dir), source, manifests };
    const plan = (target: ReturnType<typeof readTarget>) =>
      withForeignObjects(planInstall({ cluster, source, manifests, unlisted, target }), { target, ...tree });
    const folder = checkManifestsFolder(dir, fs, given);

    if (dryRun) {
      // No lock on the manifests folder: a dry run writes nothing there, and may run where K3s is not installed. What
      // stands where the real run's lock goes is still judged (74a-13).
      const wrongLock = lockFileProblem(dir);
      if (wrongLock) throw new LockError(wrongLock);
      const dryPlan = plan(readTarget(dir, fs));
      if (refused(dryPlan)) return 1;
      list(dryPlan, `Dry run: would ${folder.create ? `create ${shownDir}/ and ` : ''}install ${shownSource}/ into ${shownDir}:`);
      if (folder.parentMissing) err(`warning: a real run refuses: ${notInstalledHere(dir, given)}`);
      out(`Dry run: ${countActions(dryPlan)}; nothing was written.`);
      return 0;
    }
    if (folder.create) {
      if (folder.parentMissing) throw new InstallError(notInstalledHere(dir, given));
      // Refuse bad manifests before creating anything.
      if (refused(plan(readTarget(dir, fs)))) return 1;
      // Said in the last line too: the run made a folder, whatever the plan under the lock then finds; another run
      // that made it first (both found it missing) made it, not this one (68c-8).
      if (createManifestsFolder(dir, fs)) made = `created ${shownDir}/; `;
    }
    // The plan is made under the lock too: a plan from a folder another run is changing would be stale.
    return withFolderLock(dir, { holder: `k3s:install --cluster ${cluster}`, onStale: (note) => err(`note: ${note}`) }, () => {
      removeTemporaryFiles(dir, fs);
      const installPlan = plan(readTarget(dir, fs));
      if (refused(installPlan)) return madeNote(1);
      // Under `npm run k3s:install`, nothing more once npm is killed (scripts/npm-runner.js, as synth: 66c-2).
      const changes = applyInstall(dir, installPlan, launcherGuard(fs, process.env, installPlan.recordFile));
      // Listed once carried out (68c-5): a run that failed and rolled back had already listed its removals, and the
      // `kubectl delete`s for objects whose manifests K3s still held; its error says what became of the folder.
      list(installPlan, `Installing ${shownSource}/ into ${shownDir}:`);
      out(
        changes === 0
          ? `Nothing to do: ${made}${installPlan.entries.length} file(s) unchanged; ${made ? 'no file' : 'nothing'} was written.`
          : `Done: ${made}${countActions(installPlan)}.`,
      );
      return 0;
    });
  } catch (e) {
    let message: string;
    if (e instanceof InstallError) message = e.message;
    else if (e instanceof LockError) message = e.message;
    else throw e; // a bug: scripts/app.js reports it in one line
    for (const line of message.split('\n')) err(`error: ${line}`);
    // No lock, no write: said last, as every refusal before writing does (68c-5; a folder this run created says so instead).
    // A lock not released after the install is done (69c-7): what the run did was said above.
    if (e instanceof LockError && !made && !(e instanceof LockReleaseError && e.result === 0))
      err(`k3s:install: nothing was written to ${shownDir}.`);
    return madeNote(1);
  }
}

export type InstallArgs = Pick<InstallOptions, 'cluster' | 'manifestsDir' | 'dryRun'>;

/** The command line's options, or 'help'; throws a one-line message (with the usage) when they are wrong. */
export function parseInstallArgs(args: readonly string[], env: NodeJS.ProcessEnv = {}): InstallArgs | 'help' {
  const swallowed = npmSwallowedFlags(args, env, {
    script: 'k3s:install',
    valued: [
      ['cluster', '<name>'],
      ['dir', '<manifests dir>'],
    ],
    booleans: ['dry-run'],
  });
  if (swallowed) throw new Error(swallowed);
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        'cluster': { type: 'string', multiple: true },
        'dir': { type: 'string', multiple: true },
        'dry-run': { type: 'boolean' },
        'help': { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new Error(`${(e as Error).message.replace(/\s+/g, ' ').replace(/\.$/, '')}; ${USAGE}`, { cause: e });
  }
  if (values.help) return 'help';
  const single = (flag: 'cluster' | 'dir', list: string[] | undefined): string | undefined => {
    if (list && list.length > 1) throw new Error(`--${flag} is given ${list.length} times (${list.join(', ')}): expected one; ${USAGE}`);
    if (list?.[0] === '') throw new Error(`--${flag} is empty; ${USAGE}`);
    return list?.[0];
  };
  const cluster = single('cluster', values.cluster);
  if (cluster === undefined) throw new Error(`--cluster is missing: name the cluster to install, e.g. --cluster dev; ${USAGE}`);
  return { cluster, manifestsDir: single('dir', values.dir) ?? DEFAULT_MANIFESTS_DIR, dryRun: values['dry-run'] ?? false };
}

/** Entry point of `npm run k3s:install` (through scripts/app.js). */
export function main(args: string[], env: NodeJS.ProcessEnv = process.env): void {
  let parsed;
  try {
    parsed = parseInstallArgs(args, env);
  } catch (e) {
    // The one redaction of a command line (each argument, its --flag= value, npm's npm_config_* values).
    process.stderr.write(`error: ${oneLine(redactMessage((e as Error).message, argumentSecrets(args, env)))}\n`);
    process.exitCode = 1;
    return;
  }
  if (parsed === 'help') {
    process.stdout.write(`${HELP}\n`);
    process.exitCode = 0;
    return;
  }
  const [distDir, configDir] = [distDirFromEnv(env), configDirFromEnv(env)];
  const folders = ownFoldersProblem(configDir, distDir);
  if (folders) {
    process.stderr.write(`error: ${oneLine(redactMessage(folders, argumentSecrets([distDir, configDir], env)))}\n`);
    process.exitCode = 1;
    return;
  }
  // `--dir ../mf` typed in docs/ names docs/../mf, though npm runs this in the project root (71c-1).
  process.exitCode = runInstall({ ...parsed, manifestsDir: fromUserFolder(parsed.manifestsDir, env), distDir, configDir });
}
