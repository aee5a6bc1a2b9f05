import { stringify } from 'yaml';

export interface K3sServerSettings {
  /** Control-plane VIP, added to the API server certificate. */
  readonly controlPlaneAddress?: string;
  /** Pod network, written only when it differs from K3s' default. */
  readonly clusterCidr: string;
  /** Service network, written only when it differs from K3s' default. */
  readonly serviceCidr: string;
}

/** K3s defaults (https://docs.k3s.io/cli/server). */
export const DEFAULT_CLUSTER_CIDR = '10.42.0.0/16';
export const DEFAULT_SERVICE_CIDR = '10.43.0.0/16';

/**
 * The K3s server config this setup needs: ServiceLB off so kube-vip alone answers for
 * LoadBalancer Services, and the control-plane VIP as a TLS SAN so `https://<VIP>:6443` verifies.
 */
export function k3sServerConfig(settings: K3sServerSettings): string {
  // `key+:` appends to the lists of earlier config files instead of replacing them, so the
  // operator's own `disable` and `tls-san` entries survive (docs.k3s.io/installation/configuration).
  const config: Record<string, unknown> = { 'disable+': ['servicelb'] };
  if (settings.controlPlaneAddress) config['tls-san+'] = [settings.controlPlaneAddress];
  if (settings.clusterCidr !== DEFAULT_CLUSTER_CIDR) config['cluster-cidr'] = settings.clusterCidr;
  if (settings.serviceCidr !== DEFAULT_SERVICE_CIDR) config['service-cidr'] = settings.serviceCidr;
  return [
    '# K3s server settings for this cluster. Put them on EVERY server as the drop-in',
    '# /etc/rancher/k3s/config.yaml.d/50-k3s-vip.yaml, before K3s starts: `disable` and the CIDRs are',
    '# critical values that must match on all servers, or joining fails with',
    '# "critical configuration value mismatch". Not a manifest: never copy it into the manifests folder.',
    stringify(config),
  ].join('\n');
}
