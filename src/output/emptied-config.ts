import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { printable } from '../core/problem';
import { PROJECT_ROOT } from './cache-folder';
import { nodeFileSystem } from './file-system';
import { outputFolder } from './output-folder';
import { planSync, withGeneratedList } from './publish';

/**
 * Why a synth of a config folder that holds no cluster at all must not publish, or undefined. Such a synth would remove
 * every cluster's files from dist/, yet an empty config folder is far more often a mistake (a mistyped K3S_VIP_CONFIG_DIR,
 * configs gone with a branch switch) than a wish to remove every cluster (69c-5). Removing one cluster of several still
 * works as before (delete its config, synth); the last one is removed by hand, as the message says. Reads only. `check`
 * gives the same advice (70c-4), with its own `outcome`.
 */
export function emptiedConfigProblem(
  distDir: string,
  shownConfig: string,
  shownDist: string,
  outcome = 'so nothing was changed',
): string | undefined {
  let removals: readonly string[];
  try {
    removals = planSync(outputFolder(distDir, false).dir, withGeneratedList(new Map()), nodeFileSystem).removals;
  } catch {
    // dist/ cannot be planned for (a bad list, a read error): the publish that follows says why, changing nothing.
    return undefined;
  }
  if (!removals.length) return undefined;
  const clusters = [...new Set(removals.map((path) => path.split('/')[0]))].sort().map(printable);
  return (
    `${shownConfig}/ holds no cluster config, yet ${shownDist}/ holds what synth wrote for ${clusters.join(', ')}: a synth ` +
    'removes no cluster when no config is left (a mistyped K3S_VIP_CONFIG_DIR? configs gone with a branch switch?), ' +
    `${outcome}; to remove ${clusters.length > 1 ? 'them' : 'it'} deliberately, delete ` +
    `${clusters.map((name) => `${shownDist}/${name}/`).join(' ')} by hand, then run synth again`
  );
}

/** The next step for a config folder without any cluster (and nothing in dist/ to lose). */
export function noClusterYet(configDir: string, shownConfig: string): string {
  // `npm run new` copies from <config>/examples/; a config folder elsewhere (K3S_VIP_CONFIG_DIR) may have none.
  const example = join(configDir, 'examples', 'reference.yaml');
  const start = existsSync(example)
    ? `start one with \`npm run new -- <name>\` (a copy of ${example}; \`--from <example>\` picks another)`
    : `copy the shipped example ${join(PROJECT_ROOT, 'config', 'examples', 'reference.yaml')} to ${shownConfig}/<name>.yaml`;
  return `synth: no cluster in ${shownConfig}/ yet: ${start}, set its addresses and hosts, then run \`npm run synth\` again.`;
}
