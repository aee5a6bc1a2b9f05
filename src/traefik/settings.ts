import type { ClusterConfig } from '../config/schema';
import { clusterLeaseNames, TRAEFIK_SERVICE_ID } from '../kube-vip/client-ip';
import { EffectiveTraefik, effectiveTraefik, traefikSettingsWithoutLease } from './effective';
import { TraefikValuesSettings } from './values';

/**
 * The settings of `config.traefik` as the values generator takes them, with the per-Service lease Traefik's
 * Service shares with the other Services on its VIP (found on the Services the merged values make).
 */
export function traefikSettings(config: ClusterConfig): TraefikValuesSettings {
  return {
    ...traefikSettingsWithoutLease(config),
    chartVersion: config.traefik.chartVersion,
    leaseName: clusterLeaseNames(config).get(TRAEFIK_SERVICE_ID),
  };
}

/** Traefik as a config deploys it (with a chart older than the table read as the oldest known chart). */
export function effectiveClusterTraefik(config: ClusterConfig): EffectiveTraefik {
  return effectiveTraefik({ ...traefikSettingsWithoutLease(config), leaseName: clusterLeaseNames(config).get(TRAEFIK_SERVICE_ID) });
}
