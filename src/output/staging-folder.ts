import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { printable } from '../core/problem';
import { PROJECT_ROOT } from './cache-folder';
import { describeFileError, makeFolders } from './file-system';
import { lazyMountTable } from './mount-place';
import { createdFolders } from './output-folder';
import { folderRelation, shownFolder } from './own-folders';
import { physicalOrResolved } from './physical-path';
import { FileTree, writeTree } from './publish';

/**
 * The cdk8s CLI's output folder (CDK8S_OUTDIR: cdk8s.yaml's `output`, or `cdk8s synth -o <folder>`), which the app
 * fills with a copy of what it published. The CLI deletes that folder before it runs the app (cdk8s-cli 2.207.60,
 * lib/cli/cmds/synth.js: `if (outdir) { fs.rmSync(outdir, { recursive: true, force: true }); }`), so `-o dist`,
 * `-o config` or `-o src` has already removed that folder when the app starts (round 57b-1). The app cannot undo it;
 * it refuses to go on, writes nothing, and says what is gone and how to get it back.
 */

/** The project's staging area (cdk8s.yaml `output`; scripts/synth.js stages in a folder inside it). */
export const STAGING_ROOT = '.cdk8s.out';

/** How to get back a folder of the project the CLI removed. */
function restore(top: string): string {
  if (top === 'node_modules') return 'restore it with `npm ci`';
  if (top === 'lib') return 'restore it with `npm run build`';
  return `restore it with \`git checkout -- ${top}\``;
}

/**
 * The error line and the last line when the staging folder is not one the CLI may delete, else undefined: it may not
 * be, lie in or hold the config folder or the output folder (K3S_VIP_CONFIG_DIR, K3S_VIP_DIST_DIR), nor be or hold this
 * project; inside the project only .cdk8s.out/ (or a folder in it) is a staging area. Compared as folderRelation does
 * (links resolved, device and inode).
 */
export function stagingRefusal(stagingDir: string, configDir: string, distDir: string): string[] | undefined {
  const [staging, root] = [physicalOrResolved(stagingDir), physicalOrResolved(PROJECT_ROOT)];
  const shown = shownFolder(stagingDir);
  const dist = physicalOrResolved(distDir);
  const defaultDist = dist === join(root, 'dist');
  const mounts = lazyMountTable(); // read once for the checks below (review59-6)
  const found = (): [string, string] | undefined => {
    const toRoot = folderRelation(staging, root, mounts);
    if (toRoot === 'is' || toRoot === 'holds') return [`${toRoot} this project ${shownFolder(PROJECT_ROOT)}`, 'restore it from your clone'];
    const toDist = folderRelation(staging, dist, mounts);
    if (toDist)
      return [
        `${toDist} the output folder ${shownFolder(distDir)}`,
        `restore it with \`npm run synth\`${defaultDist ? ' (or `git checkout -- dist`)' : ''}`,
      ];
    const toConfig = folderRelation(staging, physicalOrResolved(configDir), mounts);
    if (toConfig) {
      const inProject = folderRelation(physicalOrResolved(configDir), root, mounts) === 'lies inside';
      const top = relative(root, physicalOrResolved(configDir)).split('/')[0];
      return [`${toConfig} the config folder ${shownFolder(configDir)}`, inProject ? restore(top) : 'restore it from your copy of it'];
    }
    const toStaging = folderRelation(staging, join(root, STAGING_ROOT), mounts);
    if (toRoot === 'lies inside' && toStaging !== 'is' && toStaging !== 'lies inside') {
      const top = relative(root, staging).split('/')[0];
      return [
        `${staging === join(root, top) ? 'is' : 'lies in'} this project's ${printable(top)}/, not in its staging area ${STAGING_ROOT}/`,
        restore(top),
      ];
    }
    return undefined;
  };
  const instead = `run \`npm run synth\` (or \`npx cdk8s synth\` without -o: it stages in ${STAGING_ROOT}/)`;
  // `-o ''`: the CLI deletes only a folder it was given (`if (outdir)`, synth.js above), so nothing is gone (58b).
  if (stagingDir === '')
    return [
      `error: the cdk8s output folder is empty (\`cdk8s synth -o ''\`, CDK8S_OUTDIR): the CLI removed nothing, and the app has no folder to copy to: ${instead}`,
      'synth failed: the app wrote nothing.',
    ];
  const problem = found();
  if (!problem) return undefined;
  const [where, fix] = problem;
  // The folder is gone by now, so whether anything was there cannot be told (`-o out` of a folder that never was).
  return [
    `error: the cdk8s output folder ${shown} (\`cdk8s synth -o\`, CDK8S_OUTDIR) ${where}: the cdk8s CLI deletes its output folder ` +
      `before it runs this app, so whatever was at ${shown} (if anything) is gone: if it held anything, ${fix}; then ${instead}`,
    `synth failed: the app wrote nothing; the cdk8s CLI removed ${shown} (if it was there) before the app ran, as said above.`,
  ];
}

/**
 * Removes the staging folder `dir` before a refused run exits, when it stands there: the CLI deleted it before this app
 * started, so it is the copy of another bare `cdk8s synth` run at the same time (69c-8), which the CLI would otherwise
 * list as this run's files and exit 0. Without it the CLI says the app created no output and exits 1. Best effort.
 */
export function removeOtherStagingCopy(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // The CLI then lists what is left and exits 0; the refusal above it says what happened.
  }
}

/**
 * Writes the CLI's copy into `dir`, a folder this call creates (the CLI deleted it): a failure removes that folder
 * and nothing else; a folder already there is left alone. Returns why it failed, or undefined; `onCreated` is told the
 * first folder it created (`dir`, or a missing parent of it).
 */
export function writeStagingCopy(dir: string, files: FileTree, onCreated?: (first: string) => void): string | undefined {
  try {
    const first = makeFolders(dirname(dir));
    mkdirSync(dir);
    onCreated?.(first ?? resolve(dir));
  } catch (e) {
    // The CLI deleted it before the app ran: another run of the CLI with this output folder made it since (70c-1).
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      return 'another `cdk8s synth` with this output folder, running at the same time, created it since the CLI cleared it: wait for that synth to finish, then run again';
    return describeFileError(e);
  }
  try {
    writeTree(dir, files);
    return undefined;
  } catch (e) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // The CLI then lists a partial copy; the error says so.
    }
    return describeFileError(e);
  }
}

/**
 * What the paths the CLI lists after synth's summary are, for that line: the staging copy in .cdk8s.out/, or the copy in
 * the `-o` folder elsewhere, which stays, named as created when this run created it (70c-7).
 */
export function stagingEpilogue(dir: string, created: string | undefined): string {
  const staging = folderRelation(physicalOrResolved(dir), physicalOrResolved(join(PROJECT_ROOT, STAGING_ROOT)), lazyMountTable());
  if (staging === 'is' || staging === 'lies inside') return ` (The ${STAGING_ROOT}/ paths cdk8s lists next are only its staging copy.)`;
  return (
    ` (The paths cdk8s lists next are its copy of these files in ${shownFolder(dir)}, the cdk8s output folder (-o), which stays` +
    `${created ? `; created ${createdFolders(created, resolve(dir))}` : ''}.)`
  );
}
