import { serviceSubject } from '../core/service-subject';
import { formatPath, Report } from '../core/problem';
import { parseCidr } from '../net/ip';
import type { DeployedService } from './deployed';
import { vipFamilies } from '../kube-vip/service-vip';

const POLICIES = ['SingleStack', 'PreferDualStack', 'RequireDualStack'];
const FAMILIES: Readonly<Record<string, 4 | 6>> = { IPv4: 4, IPv6: 6 };

/**
 * A Service's IP families as written in `traefik.values` (`service.ipFamilyPolicy`, `service.spec.ipFamilies`, ...),
 * judged like the policy this tool writes for VIPs of both families: the API server rejects a family the
 * Service network lacks (RequireDualStack on a single-stack cluster, an `ipFamilies` entry it has no Service
 * network for: https://kubernetes.io/docs/concepts/services-networking/dual-stack/), and a VIP of a family the
 * Service does not have gets no traffic from kube-proxy, which programs each family apart (inference). `serviceCidr` is K3s'
 * `service-cidr` (one block per family); without it (a construct that does not know the cluster) only the
 * values themselves and the VIPs' families are judged.
 */
export function checkServiceFamilies(serviceCidr: string | undefined, services: readonly DeployedService[], error: Report): void {
  const blocks = serviceCidr?.split(',').flatMap((block) => parseCidr(block.trim())?.family ?? []);
  const network = new Set<number>(blocks?.length ? blocks : [4, 6]);
  const known = !!blocks?.length;
  const networkText = `k3s.serviceCidr "${serviceCidr}" is IPv${[...network].join(' and IPv')} only`;
  for (const service of services) {
    const policy = service.ipFamilyPolicy;
    const badPolicy = !!policy && (typeof policy.value !== 'string' || !POLICIES.includes(policy.value));
    const unmet = known && policy?.value === 'RequireDualStack' && network.size < 2;
    if (badPolicy) {
      error(policy.path, `is ${JSON.stringify(policy.value)}: expected ${POLICIES.join(', ')}`);
    } else if (unmet) {
      error(
        policy.path,
        `is RequireDualStack, so ${serviceSubject(service.label)} requires both families, but ${networkText} and the API server ` +
          'rejects such a Service: remove the key (this tool writes RequireDualStack itself for VIPs of both families), or make the cluster dual-stack',
      );
    }
    const families = service.ipFamilies;
    if (!families) {
      if (known && !badPolicy && !unmet) checkVipsAgainstNetwork(service, blocks!, networkText, error);
      continue;
    }
    const list = Array.isArray(families.value) ? families.value : undefined;
    if (!list || list.length > 2 || list.some((entry) => !Object.hasOwn(FAMILIES, entry))) {
      error(families.path, `is ${JSON.stringify(families.value)}: expected a list of one or two of IPv4, IPv6`);
      continue;
    }
    // ValidateServiceClusterIPsRelatedFields (kubernetes pkg/apis/core/validation/validation.go): each family once, and one only under SingleStack.
    if (list.length === 2 && list[0] === list[1]) {
      error(families.path, `is ${JSON.stringify(list)}, and the API server refuses a family listed twice: list ${list[0]} once`);
      continue;
    }
    if (list.length === 2 && policy?.value === 'SingleStack') {
      error(
        families.path,
        `lists two families, but ipFamilyPolicy is SingleStack (${formatPath(policy.path)}), and the API server accepts one family only under it: ` +
          'keep one family, or set ipFamilyPolicy to PreferDualStack or RequireDualStack',
      );
      continue;
    }
    const given = list.map((entry) => FAMILIES[entry as string]);
    const missing = known ? given.find((family) => !network.has(family)) : undefined;
    if (missing) {
      error(
        families.path,
        `lists IPv${missing}, but ${networkText}, and the API server rejects a Service family the cluster lacks: remove the key`,
      );
      continue;
    }
    for (const vip of service.ips) {
      if (given.includes(vip.ip.family)) continue;
      error(
        families.path,
        `is ${JSON.stringify(list)}, but ${service.label}'s VIP "${vip.ip.text}" (${formatPath(vip.path)}) is IPv${vip.ip.family}, ` +
          'and kube-proxy forwards no traffic of a family the Service does not have: remove the key, or list that family',
      );
    }
  }
}

/**
 * A Service whose `ipFamilies` nobody writes gets its families from its policy: `SingleStack` (the default) the
 * Service network's first family, `PreferDualStack` or `RequireDualStack` every family it has
 * (https://kubernetes.io/docs/concepts/services-networking/dual-stack/#services). A VIP of any other family gets no
 * traffic. This tool writes the families of first-class VIPs itself (kube-vip/service-vip.ts), so only VIPs given
 * through `traefik.values` can miss; a family the Service network lacks no Service can have at all.
 */
function checkVipsAgainstNetwork(service: DeployedService, blocks: ReadonlyArray<4 | 6>, networkText: string, error: Report): void {
  const firstClass = !service.familiesAsRendered && service.ips.length > 0 && service.ips.every((vip) => !vip.path.includes('values'));
  const written = firstClass ? vipFamilies(service.ips.map((vip) => vip.text)) : undefined;
  // Both families first-class: k3s/dual-stack-rules.ts names the networks to change.
  if (written?.ipFamilyPolicy === 'RequireDualStack') return;
  const policy = written?.ipFamilyPolicy ?? service.ipFamilyPolicy?.value ?? service.defaultIpFamilyPolicy ?? 'SingleStack';
  const has = written ? written.ipFamilies.map((family) => FAMILIES[family]) : policy === 'SingleStack' ? [blocks[0]] : blocks;
  for (const vip of service.ips) {
    const family = vip.ip.family;
    if (!blocks.includes(family)) {
      error(
        vip.path,
        `"${vip.ip.text}" is IPv${family}, but ${networkText}, so no Service has an IPv${family} address and kube-proxy forwards ` +
          `no traffic to it: use an IPv${blocks[0]} VIP, or give k3s.serviceCidr (and k3s.clusterCidr, in the same order) an IPv${family} block`,
      );
    } else if (!has.includes(family) && firstClass) {
      // Only IPv4 VIPs alone, which this tool writes no families for, on a Service network listed IPv6 first.
      error(
        vip.path,
        `"${vip.ip.text}" is IPv${family}, but ${networkText.replace(' only', '')}, IPv${blocks[0]} first, so a Service that asks for no ` +
          `family gets IPv${blocks[0]} alone and kube-proxy forwards no traffic to this VIP: list k3s.serviceCidr and k3s.clusterCidr ` +
          `IPv${family} first, or use an IPv${blocks[0]} VIP`,
      );
    } else if (!has.includes(family)) {
      const how = service.ipFamilyPolicy ? `its ipFamilyPolicy ${JSON.stringify(policy)}` : 'no ipFamilyPolicy (SingleStack)';
      error(
        vip.path,
        `"${vip.ip.text}" is IPv${family}, but ${serviceSubject(service.label)} has ${how} and no ipFamilies, so it gets only the ` +
          `cluster's first family, IPv${blocks[0]}, and kube-proxy forwards no traffic to this VIP: set the Service's ipFamilyPolicy ` +
          `"${service.ips.some((other) => other.ip.family !== family) ? 'RequireDualStack' : 'SingleStack'}" and ipFamilies ` +
          `${JSON.stringify(service.ips.some((other) => other.ip.family !== family) ? blocks.map((f) => `IPv${f}`) : [`IPv${family}`])} in its ${service.familiesAsRendered ? 'spec' : 'traefik.values block'}`,
      );
    }
  }
}
