import { yaml } from '../core/yaml';
import { DEFAULT_CLUSTER_CIDR, DEFAULT_SERVICE_CIDR } from '../pins';

export interface K3sServerSettings {
  /** Control-plane VIP, added to the API server certificate. */
  readonly controlPlaneAddress?: string;
  /** Pod network, written only when it differs from K3s' default. */
  readonly clusterCidr: string;
  /** Service network, written only when it differs from K3s' default. */
  readonly serviceCidr: string;
}

/**
 * The settings every server of this setup carries: ServiceLB off, so kube-vip alone answers for
 * LoadBalancer Services; the control-plane VIP as a TLS SAN, so `https://<VIP>:6443` verifies; and
 * K3s' networks, critical values that must match on every server. As a drop-in (`config.yaml.d/`)
 * the lists append to the operator's own (`key+:`, docs.k3s.io/installation/configuration) and
 * default networks are left to K3s; as a node's base file every value is written out.
 */
export function serverSettings(settings: K3sServerSettings, form: 'drop-in' | 'base-file'): Record<string, unknown> {
  const dropIn = form === 'drop-in';
  const config: Record<string, unknown> = {};
  if (settings.controlPlaneAddress) config[dropIn ? 'tls-san+' : 'tls-san'] = [settings.controlPlaneAddress];
  config[dropIn ? 'disable+' : 'disable'] = ['servicelb'];
  if (!dropIn || settings.clusterCidr !== DEFAULT_CLUSTER_CIDR) config['cluster-cidr'] = settings.clusterCidr;
  if (!dropIn || settings.serviceCidr !== DEFAULT_SERVICE_CIDR) config['service-cidr'] = settings.serviceCidr;
  return config;
}

/** The K3s server drop-in of a cluster without a node inventory, the same for every server. */
export function k3sServerConfig(settings: K3sServerSettings): string {
  const config = serverSettings(settings, 'drop-in');
  const critical = 'cluster-cidr' in config ? '`disable` and the networks are critical values' : '`disable` is a critical value';
  return [
    '# K3s server settings for this cluster. Put them on EVERY server as the drop-in',
    `# /etc/rancher/k3s/config.yaml.d/50-k3s-vip.yaml, before K3s starts: ${critical} that must match on all servers,`,
    '# or joining fails with "critical configuration value mismatch". Not a manifest: never copy it into the manifests folder.',
    yaml.stringify(config),
  ].join('\n');
}
