import { isMap } from '../core/is-map';
import { oddSpellingProblem, reservedVipProblem, virtualIp } from '../config/formats';
import { formatPath } from '../core/problem';
import { parseIp } from '../net/ip';
import { VIP_ANNOTATION } from '../traefik/service-facts';
import { AppObject, where } from './construct-app-objects';

/**
 * Round 67 (67b-5): a LoadBalancer Service's VIP spelt as `loadBalancers[].ips` may not be (config/formats.ts virtualIp):
 * with leading zeros (`192.168.000.041`), which Go's net.ParseIP refuses since Go 1.17 (kube-vip reads the annotation
 * and spec.loadBalancerIP with it), so kube-vip announces nothing; an IPv6 spelling of an IPv4 address; or no IP at all
 * (`0300.0250.0.051`). Round 68: nor a reserved address, refused as the config's VIP keys refuse it (reservedVipProblem):
 * `0.0.0.0` (which kube-vip reads as "ask DHCP"), `255.255.255.255`, `::`, loopback, link-local, multicast.
 */
export function vipSpellingFindings(objects: readonly AppObject[], speaks: (o: AppObject) => boolean): string[] {
  const findings: string[] = [];
  for (const o of objects) {
    const { object } = o;
    if (!speaks(o) || object.apiVersion !== 'v1' || object.kind !== 'Service' || !isMap(object.spec)) continue;
    if (object.spec.type !== 'LoadBalancer') continue;
    const metadata = isMap(object.metadata) ? object.metadata : {};
    const annotation = isMap(metadata.annotations) ? metadata.annotations[VIP_ANNOTATION] : undefined;
    const field = typeof annotation === 'string' ? formatPath(['metadata', 'annotations', VIP_ANNOTATION]) : 'spec.loadBalancerIP';
    const given = typeof annotation === 'string' ? annotation : object.spec.loadBalancerIP;
    if (typeof given !== 'string') continue;
    for (const text of given.split(',').map((t) => t.trim())) {
      const ip = parseIp(text);
      // An empty item (`192.168.0.42,`) is said as the config's VIP keys say it (68b-4).
      const problem =
        (text ? oddSpellingProblem(text, text) : virtualIp(text)) ??
        (ip
          ? reservedVipProblem(text, ip)
          : 'is not an IP address kube-vip can read, so it announces no VIP for the Service: write one such as "192.168.0.41"');
      if (problem) findings.push(`${where(o)}: ${field} ${problem}`);
    }
  }
  return findings;
}
