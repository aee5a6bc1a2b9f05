import { stringify } from 'yaml';
import { traefikChartRules, upstreamChartVersion } from './chart-versions';
import { kubeVipRules } from '../kube-vip/versions';
import { parseVersion } from '../semver';

export interface TraefikValuesSettings {
  /** Upstream Traefik chart version (the `+upX.Y.Z` part of K3s' chart). */
  readonly chartVersion: string;
  /** kube-vip release that announces the VIP. */
  readonly kubeVipVersion: string;
  /** Fixed VIP(s) of the Traefik LoadBalancer Service. */
  readonly loadBalancerIPs: readonly string[];
}

/** kube-vip reads Service VIPs from this annotation from v0.5.12 (spelling is case-sensitive). */
export const LOAD_BALANCER_IPS_ANNOTATION = 'kube-vip.io/loadbalancerIPs';

/**
 * Helm values that pin Traefik's LoadBalancer Service to the VIP(s), using only keys the chosen
 * chart version reads (../shared/reference/k3s-traefik.md §4).
 */
export function traefikValues(settings: TraefikValuesSettings): Record<string, unknown> {
  const chart = traefikChartRules(parseVersion(upstreamChartVersion(settings.chartVersion)));
  const kubeVip = kubeVipRules(parseVersion(settings.kubeVipVersion));
  const service: Record<string, any> = { enabled: true };
  const spec: Record<string, unknown> = {};

  if (chart.serviceTypeKey === 'service.type') service.type = 'LoadBalancer';
  else spec.type = 'LoadBalancer';

  if (kubeVip.loadBalancerIPsAnnotation) {
    service.annotations = { [LOAD_BALANCER_IPS_ANNOTATION]: settings.loadBalancerIPs.join(',') };
  } else {
    // kube-vip <= v0.5.11 only reads the (deprecated) Service field; one address (kube-vip issue #534).
    spec.loadBalancerIP = settings.loadBalancerIPs[0];
  }
  if (Object.keys(spec).length) service.spec = spec;
  return { service };
}

/** The values as the YAML text of `spec.valuesContent` (ends with a newline, so it renders as `|`). */
export function traefikValuesContent(values: Record<string, unknown>): string {
  return stringify(values, { lineWidth: 0, sortMapEntries: true });
}
