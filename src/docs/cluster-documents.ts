import { clusterReadme } from './cluster-readme';
import type { ClusterConfig } from '../config/schema';
import { k3sInventory } from '../k3s/inventory';
import { k3sNodeConfig } from '../k3s/node-config';
import { k3sServerConfig } from '../k3s/server-config';
import { PropsValidator } from '../config/props-validator';
import { oneLine } from '../core/problem';
import { CONTROL_CHARACTER } from '../core/snapshot';
import { K3sVipValidationError } from '../core/validation-error';

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
  // A comment line to its end: whatever the two hold, no line break may start a YAML key (checked, and escaped here too).
  return `# Generated from ${oneLine(source)} by \`${oneLine(command)}\`. Edit the config, not this file.\n`;
}

const DOCUMENTS = 'K3sVipCluster.documents()';

/** `given[key]` when it is an own data property holding text; undefined otherwise (PropsValidator then judges it). */
function ownText(given: unknown, key: string): string | undefined {
  try {
    const value: unknown = given && typeof given === 'object' ? Object.getOwnPropertyDescriptor(given, key)?.value : undefined;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A path or a command line is one line; a longer label is a mistake (a pasted file), not a name. */
const MAX_LABEL_LENGTH = 256;

/** `source` and `command` name where the files come from: one printable line of text. */
function documentLabel(value: string): string | undefined {
  if (!value.trim())
    return `${JSON.stringify(value)} is blank: name where the cluster is defined and the command, e.g. "main.ts", "cdk8s synth"`;
  if (value.length > MAX_LABEL_LENGTH) {
    return `is ${value.length} characters long: at most ${MAX_LABEL_LENGTH} (one line naming a file or a command)`;
  }
  return undefined;
}

/**
 * The `source` and `command` of `K3sVipCluster.documents()`, checked as any prop (PropsValidator: plain
 * data, a string, no control character or line break, no secret shape), since both land in every node's K3s
 * config and the README; throws K3sVipValidationError.
 */
export function checkDocumentLabels(given: { readonly source?: unknown; readonly command?: unknown }): {
  source?: string;
  command?: string;
} {
  // Before the generic data check, which quotes the value: the lines after a break may hold anything (`token: ...`).
  const broken = (['source', 'command'] as const).filter((key) => CONTROL_CHARACTER.test(ownText(given, key) ?? ''));
  if (broken.length) {
    throw new K3sVipValidationError(
      broken.map((key) => ({
        path: [key],
        message:
          'holds a line break or another control character (not shown: the lines after it may hold anything); ' +
          'it is written into a comment line of every file: give one line',
      })),
      DOCUMENTS,
    );
  }
  const check = new PropsValidator<{ source?: string; command?: string }>(DOCUMENTS, given, {
    source: true,
    command: true,
  });
  check.text(['source'], check.props.source, documentLabel).text(['command'], check.props.command, documentLabel);
  check.throwIfInvalid();
  return check.props;
}

/**
 * The files beside a cluster's manifests: with a node inventory every node's whole K3s config, else
 * one drop-in for every server; then the reviewer's README (with the bootstrap runbook). Both
 * `npm run synth` (dist/<cluster>/) and `K3sVipCluster.documents()` write exactly these.
 */
export function clusterDocuments({ name, config, manifests, ...labels }: ClusterDocumentsProps): ClusterDocument[] {
  const { source, command = SYNTH_COMMAND } = checkDocumentLabels(labels) as { source: string; command?: string };
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
