import { kubeVipRules } from './versions';
import { parseIp } from '../net/ip';
import { parseVersion } from '../semver';

/** kube-vip reads Service VIPs from this annotation from v0.5.12 (spelling is case-sensitive). */
const LOAD_BALANCER_IPS_ANNOTATION = 'kube-vip.io/loadbalancerIPs';

/** `spec.ipFamilyPolicy` + `spec.ipFamilies` a Service needs for its VIPs. */
export interface ServiceFamilies {
  readonly ipFamilyPolicy: 'SingleStack' | 'RequireDualStack';
  readonly ipFamilies: readonly string[];
}

/** How a LoadBalancer Service asks kube-vip for fixed VIPs, for a given kube-vip release. */
export interface ServiceVipFields {
  /** Service annotations (the VIP list, from v0.5.12). */
  readonly annotations: Readonly<Record<string, string>>;
  /** `spec.loadBalancerIP` (up to v0.5.11, which reads nothing else). */
  readonly loadBalancerIP?: string;
  /** The Service's families, when its VIPs are not IPv4 alone (IPv4 alone is what a Service gets on K3s' default network). */
  readonly families?: ServiceFamilies;
}

/**
 * The families a Service with VIPs `ips` must have, or undefined for IPv4 VIPs alone. kube-proxy programs
 * each family apart, so a VIP of a family the Service lacks carries no traffic; a Service without
 * `ipFamilies` gets only the cluster's first Service family (https://kubernetes.io/docs/concepts/services-networking/dual-stack/).
 * Both families (kube-vip serves them from v0.7.0, kube-vip PR #687): required (`RequireDualStack`), so a
 * single-stack cluster rejects the Service instead of silently dropping one VIP; an IPv6 VIP alone: `SingleStack` IPv6.
 */
export function vipFamilies(ips: readonly string[]): ServiceFamilies | undefined {
  const families = [...new Set(ips.map((ip) => (parseIp(ip)?.family === 6 ? 'IPv6' : 'IPv4')))];
  if (!families.length || families.join() === 'IPv4') return undefined;
  return { ipFamilyPolicy: families.length > 1 ? 'RequireDualStack' : 'SingleStack', ipFamilies: families };
}

/**
 * The Service fields that pin `ips` on kube-vip `kubeVipVersion` (kube-vip PR #528 added the
 * annotation in v0.5.12; constants in pkg/kubevip/annotations.go). No ips: nothing, the pool decides.
 */
export function serviceVipFields(kubeVipVersion: string, ips: readonly string[]): ServiceVipFields {
  if (!ips.length) return { annotations: {} };
  const families = vipFamilies(ips);
  return kubeVipRules(parseVersion(kubeVipVersion)).loadBalancerIPsAnnotation
    ? { annotations: { [LOAD_BALANCER_IPS_ANNOTATION]: ips.join(',') }, families }
    : { annotations: {}, loadBalancerIP: ips[0], families };
}
