import { parseArgs } from 'node:util';
import { givenNameProblem } from './config/cluster-name';
import { printable } from './core/problem';
import { lockWaitProblem } from './output/lock';

/**
 * Set by scripts/synth.js when the clusters in K3S_VIP_CLUSTERS are its own `--cluster` flags: the app under the CLI gets
 * no arguments. Without it, K3S_VIP_CLUSTERS is one the user exported, and a message about it names the variable (71c-2).
 */
export const CLUSTERS_FROM_FLAG = 'K3S_VIP_CLUSTERS_FROM_FLAG';

export interface SynthArgs {
  readonly clusters?: string[];
  /** Where the clusters came from, as messages name it: `--cluster` or `K3S_VIP_CLUSTERS`. */
  readonly clustersFrom: string;
  readonly dryRun: boolean;
}

/** The options of `node scripts/app.js main` (what `npm run synth -- --dry-run` runs), or a one-line reason they are wrong. */
export function parseSynthArgs(args: readonly string[], env: NodeJS.ProcessEnv): SynthArgs | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { 'cluster': { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    return `${(e as Error).message.replace(/\s+/g, ' ').replace(/\.$/, '')}; see \`npm run synth -- --help\``;
  }
  // Under `cdk8s synth` the app gets no arguments: scripts/synth.js passes --cluster this way.
  const clusters = values.cluster ?? env.K3S_VIP_CLUSTERS?.split(',').filter((name) => name !== '');
  if (clusters?.includes('')) return '--cluster needs a cluster name: --cluster <name>';
  const clustersFrom = values.cluster || env[CLUSTERS_FROM_FLAG] ? '--cluster' : 'K3S_VIP_CLUSTERS';
  const notAName = givenNameProblem(clusters ?? [], clustersFrom);
  const dryRun = values['dry-run'] ?? false;
  return notAName ?? lockWaitProblem(env) ?? { clusters: clusters?.length ? clusters : undefined, clustersFrom, dryRun };
}

/**
 * The last line of a run refused for its arguments or environment, as every other refusal of synth ends: what became of
 * the output folder (`distDir`), and under a bare `cdk8s synth` what the CLI's own lines after it mean.
 */
export function refusedArgsLastLine(args: readonly string[], distDir: string, env: NodeJS.ProcessEnv): string {
  const shown = printable(distDir.replace(/\/+$/, ''));
  if (args.includes('--dry-run')) return 'synth --dry-run: a synth would refuse this; nothing was written.';
  const cli = env.CDK8S_OUTDIR && !env.K3S_VIP_QUIET_CLI;
  return `synth failed: ${shown}/ was left unchanged.${cli ? ' (cdk8s then says the app did not create its staging folder: that is this refusal.)' : ''}`;
}
