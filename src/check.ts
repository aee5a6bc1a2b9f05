import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterNames } from './config/cluster-files';
import { formatDiagnostic, loadConfigDir } from './config/load';
import { wiring } from './main';
import { diffTrees } from './output/diff';
import { fileRedaction } from './output/secret-gate';
import { redact } from './core/secrets';
import { printable } from './core/problem';
import { describeFileError, isTemporaryName } from './output/file-system';
import { FileTree, GENERATED_LIST, listFiles, looksGenerated, PublishError, readGeneratedList, withGeneratedList } from './output/publish';
import { optionless } from './npm-args';
import { renderClusters } from './synth';
import { configDirFromEnv, distDirFromEnv } from './output/env-dirs';

/**
 * Synthesizes in memory and compares with the output folder as it is in the working tree, logging
 * a diff. Besides the files a synth writes or the list says an earlier one wrote, any file that
 * carries our header or is one of our temporary files counts as ours: left by an interrupted run,
 * it would otherwise be deployed unnoticed. Returns 1 on any difference or error, else 0. Writes nothing.
 */
export function runCheck(configDir: string, distDir: string, log: (line: string) => void): number {
  // Folders as messages name them: quoted when they hold a line break or another unprintable character.
  const [shownConfig, shownDist] = [printable(configDir), printable(distDir)];
  // No cluster (yet, or any more) is a valid state, as for synth.
  const loaded = clusterNames(configDir)?.length === 0 ? { clusters: [], errors: [] } : loadConfigDir(configDir);
  if (loaded.errors.length) {
    for (const e of loaded.errors) log(`error: ${formatDiagnostic(e)}`);
    log(`check failed: fix the config (${loaded.errors.length} error(s) in ${shownConfig}/).`);
    return 1;
  }
  let diff: string[];
  let fresh: FileTree;
  try {
    const listed = readGeneratedList(distDir);
    // Without clusters synth writes nothing, not even the list, into a folder it never wrote.
    const published = listed.paths.length > 0 || listFiles(distDir).includes(GENERATED_LIST);
    fresh = loaded.clusters.length || published ? withGeneratedList(renderClusters(loaded.clusters, wiring)) : new Map();
    const present = listFiles(distDir);
    const read = (path: string) => readFileSync(join(distDir, path), 'utf8');
    const temporary = present.filter((path) => isTemporaryName(path.split('/').pop() ?? path));
    const ours = new Set([...fresh.keys(), ...listed.paths]);
    const strays = present.filter((path) => !ours.has(path) && !temporary.includes(path) && looksGenerated(read(path)));
    const committed = new Map([...ours, ...strays].filter((path) => present.includes(path)).map((path) => [path, read(path)]));
    // A hand-edited file may hold a secret, even one that spans lines or a file that no longer parses: the
    // diff of the redacted texts never prints it. Every line passes the message guard as well.
    diff = [
      ...listed.refused.map((entry) => `!!! ${GENERATED_LIST} lists ${JSON.stringify(entry)}, which is outside ${shownDist}/`),
      ...temporary.map((path) => `--- ${path} (temporary file of an interrupted synth)`),
      ...diffTrees(committed, fresh, fileRedaction(committed, fresh)),
    ].map((line) => redact(line));
  } catch (e) {
    log(`error: cannot read ${shownDist}/: ${e instanceof PublishError ? e.message : describeFileError(e)}`);
    return 1;
  }
  if (diff.length) {
    for (const line of diff) log(line);
    log(`${shownDist}/ differs from a fresh synth: run \`npm run synth\` and commit the result.`);
    return 1;
  }
  log(`check: ${shownDist}/ equals a fresh synth (${fresh.size} files).`);
  return 0;
}

const HELP = `usage: npm run check

Synthesizes config/ in memory and compares the result with dist/ as it is in the working tree (not
what is committed): prints a diff and exits 1 on any difference, a stale, missing or changed file or
a temporary file an interrupted synth left; else exits 0. Writes nothing.
K3S_VIP_CONFIG_DIR and K3S_VIP_DIST_DIR replace config/ and dist/. \`npm run synth -- --dry-run\` shows
the same difference as a patch.`;

/** `npm run check`. */
export function main(args: readonly string[] = []): void {
  const early = optionless(args, HELP, 'check');
  if (early !== undefined) {
    process.exitCode = early;
    return;
  }
  process.exitCode = runCheck(configDirFromEnv(), distDirFromEnv(), (line) => process.stderr.write(`${line}\n`));
}
