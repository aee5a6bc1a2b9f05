import type { IConstruct } from 'constructs';
import { notedClusterConfig } from './construct-services';

/**
 * 69b-13: the constructs the app-wide rules judge `construct` among. The YAML door writes each config file's cluster
 * on its own (`dist/<cluster>/`); an App may likewise hold several `K3sVipCluster`s, one per cluster, and the rules
 * that need one cluster (one Traefik HelmChartConfig, one VIP per port, no object twice) then hold in each: its own
 * subtree plus what lies outside every cluster, which may be deployed to any of them. A construct outside every
 * cluster is judged with those like it alone (each cluster judges it with its own objects). With at most one cluster
 * the whole app is one cluster's, as before.
 */
export function clusterScope(construct: IConstruct): IConstruct[] {
  const all = construct.node.root.node.findAll();
  const clusters = new Set(all.filter((c) => notedClusterConfig(c) !== undefined));
  if (clusters.size < 2) return all;
  const home = construct.node.scopes.find((scope) => clusters.has(scope));
  return all.filter((c) => !c.node.scopes.some((scope) => clusters.has(scope) && scope !== home));
}
