import { kubeVipRules } from './versions';
import { parseIp } from '../net/ip';
import { parseVersion } from '../semver';

/** kube-vip reads Service VIPs from this annotation from v0.5.12 (spelling is case-sensitive). */
const LOAD_BALANCER_IPS_ANNOTATION = 'kube-vip.io/loadbalancerIPs';

/** How a LoadBalancer Service asks kube-vip for fixed VIPs, for a given kube-vip release. */
export interface ServiceVipFields {
  /** Service annotations (the VIP list, from v0.5.12). */
  readonly annotations: Readonly<Record<string, string>>;
  /** `spec.loadBalancerIP` (up to v0.5.11, which reads nothing else). */
  readonly loadBalancerIP?: string;
  /** `spec.ipFamilyPolicy` + `spec.ipFamilies` when the VIPs are of both families. */
  readonly dualStack?: { readonly ipFamilyPolicy: 'RequireDualStack'; readonly ipFamilies: readonly string[] };
}

/**
 * The Service fields that pin `ips` on kube-vip `kubeVipVersion` (kube-vip PR #528 added the
 * annotation in v0.5.12; constants in pkg/kubevip/annotations.go). No ips: nothing, the pool decides.
 */
export function serviceVipFields(kubeVipVersion: string, ips: readonly string[]): ServiceVipFields {
  if (!ips.length) return { annotations: {} };
  const families = ips.map((ip) => (parseIp(ip)?.family === 6 ? 'IPv6' : 'IPv4'));
  // A Service of both families: require it, so a single-stack cluster rejects it instead of
  // silently dropping one VIP.
  const dualStack = new Set(families).size > 1 ? { ipFamilyPolicy: 'RequireDualStack' as const, ipFamilies: families } : undefined;
  return kubeVipRules(parseVersion(kubeVipVersion)).loadBalancerIPsAnnotation
    ? { annotations: { [LOAD_BALANCER_IPS_ANNOTATION]: ips.join(',') }, dualStack }
    : { annotations: {}, loadBalancerIP: ips[0], dualStack };
}
