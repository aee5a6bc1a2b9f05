import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic, loadConfigDir } from './config/load';
import { addClusterCharts } from './main';
import { diffTrees } from './output/diff';
import { listFiles } from './output/publish';
import { renderClusters } from './synth';

/**
 * `npm run check`: synthesizes in memory and compares with the committed dist/, printing a diff.
 * Exit code 1 on any difference or config error. Writes nothing.
 */
export function main(): void {
  const configDir = process.env.K3S_VIP_CONFIG_DIR ?? 'config';
  const distDir = process.env.K3S_VIP_DIST_DIR ?? 'dist';
  const loaded = loadConfigDir(configDir);
  if (loaded.errors.length) {
    for (const e of loaded.errors) process.stderr.write(`error: ${formatDiagnostic(e)}\n`);
    process.exitCode = 1;
    return;
  }
  const fresh = renderClusters(loaded.clusters, addClusterCharts);
  const committed = new Map(listFiles(distDir).map((path) => [path, readFileSync(join(distDir, path), 'utf8')]));
  const diff = diffTrees(committed, fresh);
  if (diff.length) {
    process.stderr.write(`${diff.join('\n')}\n${distDir}/ differs from a fresh synth: run \`npm run synth\` and commit the result.\n`);
    process.exitCode = 1;
    return;
  }
  process.stderr.write(`check: ${distDir}/ equals a fresh synth (${fresh.size} files).\n`);
}
