import { App } from 'cdk8s';
import { K3sVipCluster } from './api/cluster';
import { formatPath } from './core/problem';
import { K3sVipValidationError } from './core/validation-error';
import { LoadedCluster } from './config/load';
import { clusterDocuments } from './docs/cluster-documents';
import { singlePointsOfFailure } from './docs/failure-table';
import type * as GitOpsCharts from './gitops/chart';
import { gitOpsName } from './gitops/names';
import { nodeInventory } from './k3s/inventory';
import { deferredManifests } from './cert-manager/wiring';
import { argumentSecrets, redactMessage } from './core/redact-message';
import { secretValues } from './core/secrets';
import { ClusterWiring, runSynth } from './synth';
import { parseSynthArgs, refusedArgsLastLine } from './synth-args';
import { configDirFromEnv, distDirFromEnv } from './output/env-dirs';

/** Wires one cluster's config to its charts (K3sVipCluster); each chart becomes one file in dist/<cluster>/. */
export function addClusterCharts(app: App, { name, config, file }: LoadedCluster): void {
  try {
    new K3sVipCluster(app, name, config);
  } catch (e) {
    if (!(e instanceof K3sVipValidationError)) throw e;
    // The config's rules passed, so a construct refused what they let through: a gap in this tool, still located.
    const gap = '(the constructs refuse what the config check missed: please report it)';
    // No key path for a problem of the whole cluster (its id): `file: message`, not `file: : message` (57a-8); the file's
    // name is blanked where the id it gives is (a secret-shaped name the loader missed).
    const shownFile = redactMessage(file, secretValues(name));
    const line = ({ path, message }: { path: readonly (string | number)[]; message: string }) =>
      [shownFile, formatPath(path), `${message} ${gap}`].filter(Boolean).join(': ');
    throw new Error(e.problems.map(line).join('\n'), { cause: e });
  }
}

/** The GitOps object(s) that deploy the cluster's folder, when the config asks for them. */
export function addGitOpsCharts(app: App, { name, config }: LoadedCluster): void {
  if (!config.gitops) return;
  const { engine, repoURL, revision, path } = config.gitops;
  // Loaded only for a config with a gitops block: most configs have none, and every synth would load it.
  const { GitOpsChart } = require('./gitops/chart') as typeof GitOpsCharts;
  new GitOpsChart(app, engine, {
    engine,
    repoURL,
    revision,
    path: path ?? `dist/${name}`,
    name: gitOpsName(name),
    deferredManifests: deferredManifests(config),
  });
}

/** Files beside the manifests: K3s settings and the reviewer's README (what K3sVipCluster.documents() gives too). */
export function clusterFiles({ name, config }: LoadedCluster, source: string, manifests: readonly string[]): Array<[string, string]> {
  return clusterDocuments({ name, config, source, manifests }).map(({ path, content }) => [path, content]);
}

export const wiring: ClusterWiring = {
  addClusterCharts,
  addGitOpsCharts,
  clusterDocuments: clusterFiles,
  singlePointsOfFailure: ({ config }) => singlePointsOfFailure(config, nodeInventory(config)),
};

/** Entry point of `cdk8s synth` (through scripts/app.js, without arguments) and of `npm run synth -- --dry-run`. */
export function main(args: readonly string[] = []): void {
  const options = parseSynthArgs(args, process.env);
  if (typeof options === 'string') {
    // The message echoes the arguments: a pasted token must not be.
    const given = [...args, ...(process.env.K3S_VIP_CLUSTERS ?? '').split(',')];
    process.stderr.write(`error: ${redactMessage(options, argumentSecrets(given, process.env))}\n`);
    process.stderr.write(
      `${redactMessage(refusedArgsLastLine(args, distDirFromEnv(), process.env), argumentSecrets(given, process.env))}\n`,
    );
    // See src/synth.ts: under the cdk8s CLI, exit 0 without output gives a one-line error, not a stack trace.
    process.exitCode = process.env.CDK8S_OUTDIR ? 0 : 1;
    return;
  }
  process.exitCode = runSynth({
    configDir: configDirFromEnv(),
    distDir: distDirFromEnv(),
    stagingDir: process.env.CDK8S_OUTDIR,
    wiring,
    ...options,
  });
}
