import { stringifyForGo } from '../core/yaml';
import { K3sInventory, K3sNode } from './inventory';
import { serverSettings } from './server-config';

export interface NodeConfigSettings {
  readonly inventory: K3sInventory;
  /** K3s' pod and Service networks: critical values, written on every server. */
  readonly clusterCidr: string;
  readonly serviceCidr: string;
}

/**
 * The whole `/etc/rancher/k3s/config.yaml` of one node (keys are the `k3s server` / `k3s agent` flags,
 * docs.k3s.io/installation/configuration). Being the node's base file it uses plain keys, not the
 * `key+:` appends of a drop-in: there is nothing earlier to append to, and the operator's own
 * additions go into `config.yaml.d/` drop-ins (read after it, with `key+:`).
 */
export function k3sNodeConfig(node: K3sNode, { inventory, clusterCidr, serviceCidr }: NodeConfigSettings): string {
  const config: Record<string, unknown> = {
    'node-name': node.name,
    // Set explicitly: with the VIP on its NIC, the leader's kubelet could otherwise pick the VIP (kube-vip #741).
    // Dual-stack: both families, comma-separated as K3s splits it; K3s refuses a node-ip lacking a family of cluster-cidr.
    'node-ip': node.addresses.join(','),
    'token-file': inventory.tokenFile,
  };
  // The first server must not join through the VIP: kube-vip, which brings it up, runs inside the cluster it creates.
  if (node.initialises) config['cluster-init'] = true;
  else config.server = inventory.joinUrl;
  if (node.role === 'server') {
    Object.assign(config, serverSettings({ controlPlaneAddress: inventory.controlPlaneAddress, clusterCidr, serviceCidr }, 'base-file'));
  }
  const what = node.initialises
    ? 'first server, initialises the cluster'
    : node.role === 'server'
      ? `server, joins through ${inventory.joinTarget}`
      : `agent, joins through ${inventory.joinTarget}`;
  return [
    `# K3s config of ${node.name} (${what}).`,
    `# Copy it to /etc/rancher/k3s/config.yaml on ${node.name} before K3s is installed there (see README.md, Bootstrap).`,
    ...(node.role === 'server'
      ? [
          '# Critical values: a joining server compares `cluster-cidr`, `service-cidr` (parsed, in order) and, of `disable`, only',
          '# whether servicelb is in it with the cluster\'s, and stops on a difference ("critical configuration value mismatch").',
        ]
      : []),
    '# Own additions go into /etc/rancher/k3s/config.yaml.d/*.yaml (`key+:` appends to a list). Not a manifest.',
    stringifyForGo(config),
  ].join('\n');
}
