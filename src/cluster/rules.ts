import { checkHttp01Reach } from '../cert-manager/http01-reach';
import { extraCertificateProblems } from '../cert-manager/issuer-objects';
import { certificateSecretProblems } from '../cert-manager/certificate-secrets';
import { checkHttp01Middlewares } from '../cert-manager/http01-middlewares';
import { checkCertManager } from '../cert-manager/rules';
import type { ClusterConfig } from '../config/schema';
import { Findings, RuleResult } from '../core/problem';
import { checkGatewayRules } from '../gateway/rules';
import { checkIngresses } from '../ingress/rules';
import { checkAcmeReservedNames } from '../ingress/acme-reserved-names';
import { nodeInventory } from '../k3s/inventory';
import { checkK3sNetworks } from '../k3s/networks';
import { checkDualStack } from '../k3s/dual-stack-rules';
import { checkInventory } from '../k3s/rules';
import { checkK3sVersion } from '../k3s/version-rules';
import { checkClientIp } from '../kube-vip/client-ip-rules';
import { checkPools } from '../kube-vip/pool-rules';
import { checkKubeVip } from '../kube-vip/rules';
import { DeployedService, loadBalancerServices, locate, LocatedIp } from '../load-balancer/deployed';
import { checkLoadBalancerEntries, checkServiceVips, onOtherNic } from '../load-balancer/rules';
import { EffectiveTraefik } from '../traefik/effective';
import { extraObjectClaims } from '../traefik/extra-objects';
import { checkTraefik, checkTraefikValuesSchema } from '../traefik/rules';
import { effectiveClusterTraefik } from '../traefik/settings';
import { fluxRevisionProblem, fluxRevisionWarning, fluxUrlProblem } from '../gitops/flux-source';
import { writtenObjects } from './written-objects';
import { clusterIpValueProblems } from '../validate/cluster-ip-range';

/**
 * The cluster as it will be deployed: the validated config (defaults filled in), Traefik's merged chart
 * values read back into the Services and pods they make, and every LoadBalancer Service whichever key
 * made it. The rules judge this, not the keys as typed.
 */
export interface EffectiveCluster {
  readonly config: ClusterConfig;
  readonly traefik: EffectiveTraefik;
  /** Every Service that will exist and may want a VIP: Traefik's, the Traefik chart's extra ones, `loadBalancers`. */
  readonly services: readonly DeployedService[];
  readonly controlPlane?: LocatedIp;
}

export function effectiveCluster(config: ClusterConfig): EffectiveCluster {
  const traefik = effectiveClusterTraefik(config);
  return {
    config,
    traefik,
    // A Service the chart fails on still has its VIPs judged, in the same run (81b-7).
    services: [...traefik.services, ...traefik.portlessServices, ...loadBalancerServices(config.loadBalancers)],
    controlPlane: locate(['kubeVip', 'controlPlane', 'address'], config.kubeVip.controlPlane?.address),
  };
}

/**
 * Every rule that relates values of one cluster to each other (the schema has checked each value on its
 * own), composed from the components that own them, on the effective model. `cluster` is the cluster's name
 * (a config file's), which names its GitOps objects; the constructs write none.
 */
export function checkClusterRules(config: ClusterConfig, cluster?: string): RuleResult {
  const { error, warn, ...findings } = new Findings();
  const model = effectiveCluster(config);
  const cidrs = checkK3sNetworks(config, error);
  const pools = checkPools(config, cidrs, error);
  const balanced = model.services.filter((service) => service.type.value === 'LoadBalancer');
  const vips = [...(model.controlPlane ? [model.controlPlane] : []), ...balanced.flatMap((service) => service.ips)];
  const kubeVipRules = checkKubeVip(config, vips, pools, error, warn);
  checkServiceVips(config, model.services, model.controlPlane, cidrs, pools, kubeVipRules, error, warn);
  checkLoadBalancerEntries(config, error, warn);
  // Before Traefik's rules: on a K3s that bundles Traefik v2, that is what a v3 chart or image breaks first (70b-13),
  // and the first problem said at a key is the one kept.
  checkK3sVersion(config, error, warn);
  checkTraefik(config, model.traefik, nodeInventory(config), error, warn);
  checkCertManager(config, error, warn);
  checkHttp01Reach(config, model.traefik, error);
  checkHttp01Middlewares(config, model.traefik, error);
  checkIngresses(config, model.traefik, error, warn);
  checkAcmeReservedNames(config, model.traefik, warn);
  checkClientIp(config, model.traefik, error, warn);
  checkGatewayRules(config, model.traefik, error, warn);
  checkDualStack(config, error, warn);
  checkInventory(
    config,
    vips,
    pools.flatMap((pool) => pool.spans),
    cidrs,
    error,
    warn,
    new Set(balanced.filter((service) => onOtherNic(config, service)).flatMap((service) => service.ips)),
  );
  checkTraefikValuesSchema(config, error, warn);
  // Flux's GitRepository CRD takes fewer URL forms than Argo CD clones (flux-source.ts).
  const fluxUrl = config.gitops?.engine === 'flux' ? fluxUrlProblem(config.gitops.repoURL) : undefined;
  if (fluxUrl) error(['gitops', 'repoURL'], fluxUrl);
  const fluxRevision = config.gitops?.engine === 'flux' ? fluxRevisionProblem(config.gitops.revision) : undefined;
  if (fluxRevision) error(['gitops', 'revision'], fluxRevision);
  const shortCommit = config.gitops?.engine === 'flux' ? fluxRevisionWarning(config.gitops.revision) : undefined;
  if (shortCommit) warn(['gitops', 'revision'], shortCommit);
  // The cluster IPs Traefik's values ask for, inside K3s' Service network and not taken (61b-5).
  for (const { path, message } of clusterIpValueProblems(config.traefik.values ?? {}, ['traefik'], config.k3s.serviceCidr))
    error(path, message);
  for (const { path, message } of extraObjectClaims(config.traefik.values ?? {}, ['traefik'], writtenObjects(config, cluster)))
    error(path, message);
  // 71b-8: a Certificate in extraObjects asks a ClusterIssuer for its names as an Ingress's tls.issuer does.
  const issuers = config.certManager?.issuers ?? {};
  for (const { path, message } of extraCertificateProblems(config.traefik.values ?? {}, ['traefik', 'values'], issuers))
    error(path, message);
  const issued = (config.ingresses ?? []).filter((ingress) => ingress.tls?.issuer);
  const ingresses = issued.map((ingress) => ({ name: ingress.name, namespace: ingress.namespace ?? 'default' }));
  for (const { path, message } of certificateSecretProblems(config.traefik.values ?? {}, ['traefik', 'values'], ingresses))
    error(path, message);
  return findings;
}
