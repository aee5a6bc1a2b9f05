import { certManagerObjects, deferredManifests } from '../cert-manager/wiring';
import type { ClusterConfig } from '../config/schema';
import type { WrittenObject } from '../core/object-identity';
import { gatewayObjects } from '../gateway/wiring';
import { gitOpsObjects } from '../gitops/names';
import { loadBalancerObjects } from '../load-balancer/deployed';

/**
 * The objects this tool writes for a config whose presence or name depends on it, each named by the component
 * that writes it (the same names its constructs render): cert-manager's HelmChart and ClusterIssuers, the Gateway
 * and its HTTPRoutes, the `loadBalancers` Services and, given the cluster's name (the config file's), the GitOps
 * objects. The objects of fixed names are traefik/extra-objects.ts FIXED_OBJECTS.
 */
export function writtenObjects(config: ClusterConfig, cluster?: string): WrittenObject[] {
  const { gitops } = config;
  return [
    ...certManagerObjects(config),
    ...gatewayObjects(config),
    ...loadBalancerObjects(config.loadBalancers),
    ...(gitops && cluster !== undefined ? gitOpsObjects(cluster, gitops.engine, deferredManifests(config).length > 0) : []),
  ];
}
