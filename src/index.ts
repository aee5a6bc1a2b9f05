/**
 * k3s-vip as a cdk8s construct library: `K3sVipCluster` builds a whole cluster's kube-vip, Traefik
 * VIP, LoadBalancer Service, Ingress and Gateway API charts from the same settings as a `config/<cluster>.yaml`
 * file, with the same checks; the lower-level constructs each check their own props.
 */
export { K3sVipCluster } from './api/cluster';
export type {
  ClusterCertManager,
  ClusterHttpRoute,
  ClusterIngress,
  ClusterIssuer,
  ClusterK3s,
  ClusterKubeVip,
  ClusterKubeVipServices,
  ClusterLoadBalancer,
  ClusterNode,
  ClusterServer,
  ClusterDocumentsOptions,
  ClusterTraefik,
  ClusterTraefikGateway,
  K3sVipClusterProps,
} from './api/cluster-props';
export type { ClusterDocument } from './docs/cluster-documents';
export { K3sVipValidationError } from './core/validation-error';
export type { ValidationProblem } from './core/validation-error';

export { KubeVipChart } from './kube-vip/chart';
export type { KubeVipChartProps } from './kube-vip/chart';
export { KubeVipDaemonSet } from './kube-vip/daemon-set';
export type { KubeVipDaemonSetProps } from './kube-vip/daemon-set';
export { KubeVipRbac } from './kube-vip/rbac';
export type { BgpPeer, BgpSettings, KubeVipSettings } from './kube-vip/model';
export type { LeaderElectionSettings } from './kube-vip/election';
export { KubeVipCloudProviderChart } from './kube-vip/cloud-provider-chart';
export type { KubeVipCloudProviderChartProps } from './kube-vip/cloud-provider-chart';
export { KubeVipCloudProvider } from './kube-vip/cloud-provider';
export type { KubeVipCloudProviderProps, PoolNetworks } from './kube-vip/cloud-provider';
export type { IpPool, IpPoolSettings } from './kube-vip/ip-pool';

export { TraefikChart } from './traefik/chart';
export type { TraefikChartProps } from './traefik/chart';
export { TraefikHelmChartConfig } from './traefik/helm-chart-config';
export type { TraefikCertResolver, TraefikHelmChartConfigProps } from './traefik/helm-chart-config';

export { IngressChart } from './ingress/chart';
export type { IngressChartProps } from './ingress/chart';
export { TraefikIngress } from './ingress/ingress';
export type { TraefikIngressProps } from './ingress/ingress';

export { GatewayApiChart } from './gateway/chart';
export type { GatewayApiChartProps, GatewayApiTarget } from './gateway/chart';
export { TraefikGateway } from './gateway/gateway';
export type { TraefikGatewayProps } from './gateway/gateway';
export { TraefikHttpRoute } from './gateway/http-route';
export type { TraefikHttpRouteProps } from './gateway/http-route';
export { TraefikHttpsRedirect } from './gateway/https-redirect';
export type { TraefikHttpsRedirectProps } from './gateway/https-redirect';

export { LoadBalancerChart } from './load-balancer/chart';
export type { LoadBalancerChartProps } from './load-balancer/chart';
export { LoadBalancerService } from './load-balancer/service';
export type { LoadBalancerServicePort, LoadBalancerServiceProps } from './load-balancer/service';
export type { VipNetworks } from './load-balancer/vip-networks';

export { CertManagerChart, CertManagerIssuersChart } from './cert-manager/chart';
export type { CertManagerChartProps, CertManagerIssuersChartProps } from './cert-manager/chart';
export { CertManagerHelmChart } from './cert-manager/helm-chart';
export type { CertManagerHelmChartProps } from './cert-manager/helm-chart';
export { AcmeClusterIssuer } from './cert-manager/cluster-issuer';
export type { ClusterIssuerProps, Dns01Solver } from './cert-manager/cluster-issuer';
