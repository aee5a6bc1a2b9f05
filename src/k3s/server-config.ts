import { stringifyForGo } from '../core/yaml';
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
 * K3s' networks (one block, or one per family for dual-stack, comma-separated as K3s splits them). A joining
 * server compares the critical ones with the cluster's (k3s-io/k3s `pkg/daemons/config/types.go`
 * CriticalControlArgs, compared parsed in `pkg/cluster/bootstrap.go`): the networks, and of `disable` only
 * whether servicelb is in it (`disable-service-lb`). As a drop-in (`config.yaml.d/`) the lists append to the
 * operator's own (`key+:`, K3s v1.21.1+k3s1, docs.k3s.io/installation/configuration) and default networks are
 * left to K3s; as a node's base file every value is written out.
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
  const networks = 'cluster-cidr' in config || 'service-cidr' in config ? ' and the networks' : '';
  return [
    '# K3s server settings for this cluster. Put them on EVERY server as the drop-in',
    '# /etc/rancher/k3s/config.yaml.d/50-k3s-vip.yaml, before K3s starts (the `key+:` appends need K3s v1.21.1+k3s1).',
    `# A joining server compares whether ServiceLB is disabled${networks} with the cluster's and stops on a difference`,
    '# ("critical configuration value mismatch"). Not a manifest: never copy it into the manifests folder.',
    stringifyForGo(config),
  ].join('\n');
}
