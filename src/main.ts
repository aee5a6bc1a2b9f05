import { App } from 'cdk8s';
import { K3sVipCluster } from './api/cluster';
import { LoadedCluster } from './config/load';
import { clusterReadme } from './docs/cluster-readme';
import { singlePointsOfFailure } from './docs/failure-table';
import { GitOpsChart } from './gitops/chart';
import { k3sInventory, nodeInventory } from './k3s/inventory';
import { k3sNodeConfig } from './k3s/node-config';
import { k3sServerConfig } from './k3s/server-config';
import { deferredManifests } from './cert-manager/wiring';
import { ClusterWiring, generatedHeader, runSynth } from './synth';

/** Wires one cluster's config to its charts (K3sVipCluster); each chart becomes one file in dist/<cluster>/. */
export function addClusterCharts(app: App, { name, config }: LoadedCluster): void {
  new K3sVipCluster(app, name, config);
}

/** The GitOps object(s) that deploy the cluster's folder, when the config asks for them. */
export function addGitOpsCharts(app: App, { name, config }: LoadedCluster): void {
  if (!config.gitops) return;
  const { engine, repoURL, revision, path } = config.gitops;
  new GitOpsChart(app, engine, {
    engine,
    repoURL,
    revision,
    path: path ?? `dist/${name}`,
    name: `k3s-vip-${name}`,
    deferredManifests: deferredManifests(config),
  });
}

/** Files beside the manifests: K3s server settings and the reviewer's README. */
export function clusterDocuments(cluster: LoadedCluster, source: string, manifests: readonly string[]): Array<[string, string]> {
  const { config } = cluster;
  const inventory = k3sInventory(config);
  // With a node inventory every node gets its whole config file; without, one drop-in for every server.
  const k3sFiles: Array<[string, string]> = inventory
    ? inventory.nodes.map((node) => [
        `k3s/${node.name}.yaml`,
        generatedHeader(source) +
          k3sNodeConfig(node, {
            inventory,
            clusterCidr: config.k3s.clusterCidr,
            serviceCidr: config.k3s.serviceCidr,
          }),
      ])
    : [
        [
          'k3s/config.yaml',
          generatedHeader(source) +
            k3sServerConfig({
              controlPlaneAddress: config.kubeVip.controlPlane?.address,
              clusterCidr: config.k3s.clusterCidr,
              serviceCidr: config.k3s.serviceCidr,
            }),
        ],
      ];
  return [...k3sFiles, ['README.md', clusterReadme({ name: cluster.name, source, config, manifests })]];
}

export const wiring: ClusterWiring = {
  addClusterCharts,
  addGitOpsCharts,
  clusterDocuments,
  singlePointsOfFailure: ({ config }) => singlePointsOfFailure(config, nodeInventory(config)),
};

/** Entry point of `cdk8s synth` (through scripts/app.js). */
export function main(): void {
  process.exitCode = runSynth({
    configDir: process.env.K3S_VIP_CONFIG_DIR ?? 'config',
    distDir: process.env.K3S_VIP_DIST_DIR ?? 'dist',
    stagingDir: process.env.CDK8S_OUTDIR,
    wiring,
  });
}
