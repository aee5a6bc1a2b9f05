import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic, loadConfigDir } from './config/load';
import { wiring } from './main';
import { diffTrees } from './output/diff';
import { readGeneratedList, withGeneratedList } from './output/publish';
import { renderClusters } from './synth';

/**
 * Synthesizes in memory and compares with the committed output folder, logging a diff.
 * Returns 1 on any difference or config error, else 0. Writes nothing.
 */
export function runCheck(configDir: string, distDir: string, log: (line: string) => void): number {
  const loaded = loadConfigDir(configDir);
  if (loaded.errors.length) {
    for (const e of loaded.errors) log(`error: ${formatDiagnostic(e)}`);
    return 1;
  }
  const fresh = withGeneratedList(renderClusters(loaded.clusters, wiring));
  // Our files: those a synth writes now, and those the committed list says an earlier synth wrote.
  const ours = new Set([...fresh.keys(), ...readGeneratedList(distDir)]);
  const committed = new Map([...ours].filter((path) => existsSync(join(distDir, path)))
    .map((path) => [path, readFileSync(join(distDir, path), 'utf8')]));
  const diff = diffTrees(committed, fresh);
  if (diff.length) {
    for (const line of diff) log(line);
    log(`${distDir}/ differs from a fresh synth: run \`npm run synth\` and commit the result.`);
    return 1;
  }
  log(`check: ${distDir}/ equals a fresh synth (${fresh.size} files).`);
  return 0;
}

/** `npm run check`. */
export function main(): void {
  process.exitCode = runCheck(
    process.env.K3S_VIP_CONFIG_DIR ?? 'config',
    process.env.K3S_VIP_DIST_DIR ?? 'dist',
    (line) => process.stderr.write(`${line}\n`),
  );
}
