import { clusterReadme } from './cluster-readme';
import type { ClusterConfig } from '../config/schema';
import { k3sInventory } from '../k3s/inventory';
import { k3sNodeConfig } from '../k3s/node-config';
import { k3sServerConfig } from '../k3s/server-config';

/** A file of a cluster folder that is not a manifest: a node's K3s config or the cluster README. */
export interface ClusterDocument {
  /** Path inside the cluster folder, with `/`: `k3s/<node>.yaml`, `k3s/config.yaml` or `README.md`. */
  readonly path: string;
  /** The file's text. */
  readonly content: string;
}

export interface ClusterDocumentsProps {
  /** Cluster (and folder) name. */
  readonly name: string;
  /** The validated config. */
  readonly config: ClusterConfig;
  /** Manifest files of the folder, in kustomization order. */
  readonly manifests: readonly string[];
  /** Where the cluster is defined, as shown first in every file (`config/dev.yaml`). */
  readonly source: string;
  /**
   * The command that writes the files, named beside the source.
   * @default "npm run synth"
   */
  readonly command?: string;
}

/** The command of the config files' path. */
export const SYNTH_COMMAND = 'npm run synth';

/** The first line of every generated YAML file: where it came from, and where to change it. */
export function generatedHeader(source: string, command = SYNTH_COMMAND): string {
  return `# Generated from ${source} by \`${command}\`. Edit the config, not this file.\n`;
}

/**
 * The files beside a cluster's manifests: with a node inventory every node's whole K3s config, else
 * one drop-in for every server; then the reviewer's README (with the bootstrap runbook). Both
 * `npm run synth` (dist/<cluster>/) and `K3sVipCluster.documents()` write exactly these.
 */
export function clusterDocuments({ name, config, manifests, source, command = SYNTH_COMMAND }: ClusterDocumentsProps): ClusterDocument[] {
  const header = generatedHeader(source, command);
  const inventory = k3sInventory(config);
  const networks = { clusterCidr: config.k3s.clusterCidr, serviceCidr: config.k3s.serviceCidr };
  const k3sFiles: ClusterDocument[] = inventory
    ? inventory.nodes.map((node) => ({ path: `k3s/${node.name}.yaml`, content: header + k3sNodeConfig(node, { inventory, ...networks }) }))
    : [
        {
          path: 'k3s/config.yaml',
          content: header + k3sServerConfig({ controlPlaneAddress: config.kubeVip.controlPlane?.address, ...networks }),
        },
      ];
  return [...k3sFiles, { path: 'README.md', content: clusterReadme({ name, source, command, config, manifests }) }];
}
