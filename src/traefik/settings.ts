import type { ClusterConfig } from '../config/schema';
import { clusterLeaseNames, TRAEFIK_SERVICE_ID, traefikModel } from '../kube-vip/client-ip';
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

const clusterModels = new WeakMap<ClusterConfig, EffectiveTraefik>();

/**
 * Traefik as a config deploys it (with a chart older than the table read as the oldest known chart). Cached per
 * config, as the model before the lease is: the rules, the documents and the failure table ask for it; without a
 * shared lease name (no per-Service election) it is that model.
 */
export function effectiveClusterTraefik(config: ClusterConfig): EffectiveTraefik {
  let model = clusterModels.get(config);
  if (!model) {
    const leaseName = clusterLeaseNames(config).get(TRAEFIK_SERVICE_ID);
    model = leaseName === undefined ? traefikModel(config) : effectiveTraefik({ ...traefikSettingsWithoutLease(config), leaseName });
    clusterModels.set(config, model);
  }
  return model;
}
