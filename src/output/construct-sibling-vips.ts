import type { ClusterConfig } from '../config/schema';
import { formatPath, type Path, type Report } from '../core/problem';
import { dualStackVipsProblem } from '../k3s/dual-stack-rules';
import { checkK3sNetworks } from '../k3s/networks';
import { checkInventory } from '../k3s/rules';
import {
  leaselessSharedVipMessage,
  localSharedMessage,
  localWithoutElectionMessage,
  namespacedSharedVipMessage,
  unsharedLeaseMessage,
} from '../kube-vip/client-ip-rules';
import { checkPools } from '../kube-vip/pool-rules';
import { LEASE_NAME_ANNOTATION, leaseNameProblem } from '../kube-vip/shared-lease';
import { serviceVipCountProblem } from '../kube-vip/rules';
import { foreignClassMessage, KUBE_VIP_CLASS, kubeVipRules } from '../kube-vip/versions';
import type { DeployedService } from '../load-balancer/deployed';
import { checkServiceFamilies } from '../load-balancer/family-rules';
import { FOREIGN_CLASS_FIX, repeatedVipProblems } from '../load-balancer/service-rules';
import { isLoadBalancerIpSet, secondVipSourceMessage } from '../traefik/chart-service';
import { checkVipPlacement, pendingServiceProblem } from '../load-balancer/rules';
import { sameIp } from '../net/ip';
import { parseVersion } from '../semver';
import type { DeployedKubeVip } from './construct-control-plane';
import { misspeltVipAnnotationProblem, misspeltVipAnnotations, unreadVipAnnotation, VIP_ANNOTATION } from '../traefik/service-facts';

/** A LoadBalancer Service the app renders, with its annotations as rendered. */
export interface RenderedService extends DeployedService {
  readonly annotations: Readonly<Record<string, unknown>>;
  /** `spec.loadBalancerClass` when set: another controller's Service, which kube-vip-cloud-provider skips. */
  readonly loadBalancerClass?: unknown;
  /** `spec.loadBalancerIP` when set. */
  readonly loadBalancerIP?: unknown;
}

/**
 * Round 68 (68b-4): a LoadBalancer Service no gated construct holds (a sibling `ApiObject`) in an app whose
 * K3sVipCluster gives the cluster's config, judged by the rules the config applies to `loadBalancers[].ips` and the
 * `traefik.values` Services, with the same messages: not in the pod or Service network, a host address of the LAN
 * (load-balancer/rules.ts checkVipPlacement), not a node's address nor off the servers' LAN (k3s/rules.ts
 * checkInventory), of a family the Service network has (family-rules.ts, dual-stack-rules.ts), and not shared with a
 * `Local` Service (kube-vip/client-ip-rules.ts). `said` reports at the Service's own path.
 */
export function siblingVipFindings(
  config: ClusterConfig,
  siblings: readonly RenderedService[],
  services: readonly DeployedService[],
  said: Report,
): void {
  const quiet: Report = () => undefined;
  const cidrs = checkK3sNetworks(config, quiet);
  const pools = checkPools(config, cidrs, quiet);
  const arp = config.kubeVip.mode === 'arp';
  const vips = siblings.flatMap((s) => s.ips);
  // Outside the pools too (69b-22), and with an address at all (69b-14) unless another controller's class serves it.
  for (const vip of vips) checkVipPlacement(vip, cidrs, pools, arp, said);
  // An annotation kube-vip cannot read is the spelling rule's (construct-vip-spelling.ts), not a missing one (71d-9).
  const annotated = (s: RenderedService) => typeof s.annotations[VIP_ANNOTATION] === 'string';
  for (const service of siblings.filter((s) => s.loadBalancerClass === undefined && !annotated(s))) {
    const pending = pendingServiceProblem({ ...service, path: [...service.path, 'metadata', 'annotations'] }, pools);
    if (pending) said([...service.path, 'metadata', 'annotations'], pending);
  }
  // The inventory rules judge the config too, already passed: only what they say of a sibling's VIP is kept.
  const heads = new Set(siblings.map((s) => String(s.path[0])));
  const ofSibling: Report = (path, message, about) => (heads.has(String(path[0])) ? said(path, message, about) : undefined);
  checkInventory(config, vips, [], cidrs, ofSibling, quiet);
  checkServiceFamilies(config.k3s.serviceCidr, siblings, said);
  for (const service of siblings) {
    const dual = dualStackVipsProblem(
      service.ips.map((vip) => vip.text),
      config.k3s.clusterCidr,
      config.k3s.serviceCidr,
    );
    if (dual) said(service.path, dual);
  }
  localSharingFindings(siblings, services, arp ? 'arp' : 'bgp', said);
  for (const service of siblings) ownFieldFindings(service, config.kubeVip.version, said);
}

/**
 * Round 71 (71d-8, 71b-13, 71b-14): what `loadBalancers[].ips` and the values' Services refuse in one Service's own
 * fields: a VIP listed twice (load-balancer/service-rules.ts repeatedVipProblems), a `kube-vip.io/leaseName` the
 * deployed kube-vip does not read or refuses (kube-vip/shared-lease.ts leaseNameProblem: its format, its release, a
 * `Local` Service), and `spec.loadBalancerIP` beside the VIP annotation (traefik/chart-service.ts secondVipSourceMessage).
 */
function ownFieldFindings(service: RenderedService, version: string, said: Report): void {
  const annotation = (key: string): Path => [service.path[0], 'metadata', 'annotations', key];
  for (const repeated of repeatedVipProblems(service.ips)) said(repeated.path, repeated.message);
  const lease = service.annotations[LEASE_NAME_ANNOTATION];
  const policy = service.externalTrafficPolicy?.value === 'Local' ? 'Local' : undefined;
  const problem = typeof lease === 'string' ? leaseNameProblem(lease, policy, version, kubeVipRules(parseVersion(version))) : undefined;
  if (problem) said(annotation(LEASE_NAME_ANNOTATION), problem);
  // 73a-6: VIPs asked of kube-vip on a Service of another class, which kube-vip ignores, as loadBalancers[] (load-balancer/rules.ts).
  const lbClass = service.loadBalancerClass;
  if (service.ips.length && typeof lbClass === 'string' && lbClass !== KUBE_VIP_CLASS)
    said([service.path[0], 'spec', 'loadBalancerClass'], foreignClassMessage(`"${lbClass}"`, service.label, FOREIGN_CLASS_FIX));
  if (typeof service.annotations[VIP_ANNOTATION] === 'string' && isLoadBalancerIpSet(service.loadBalancerIP))
    said([service.path[0], 'spec', 'loadBalancerIP'], secondVipSourceMessage(formatPath(annotation(VIP_ANNOTATION).slice(1))));
}

/** A sibling on another Service's VIP while either is `Local` (client-ip-rules.ts sharedVipProblems' first rule). */
function localSharingFindings(
  siblings: readonly DeployedService[],
  services: readonly DeployedService[],
  mode: 'arp' | 'bgp',
  said: Report,
): void {
  const local = (s: DeployedService) => s.externalTrafficPolicy?.value === 'Local';
  for (const sibling of siblings)
    for (const vip of sibling.ips)
      for (const other of services) {
        if (other === sibling || (!local(sibling) && !local(other))) continue;
        const theirs = other.ips.find((ip) => sameIp(ip.ip.text, vip.ip.text));
        if (!theirs) continue;
        const which = local(sibling) ? sibling : other;
        said(
          vip.path,
          localSharedMessage(`"${vip.ip.text}" is also the VIP of ${other.label} (${formatPath(theirs.path)})`, which.label, mode),
        );
        break;
      }
}

/**
 * Round 69 (69b-2, 69b-26): a Service no K3sVipCluster made (`free`: a sibling, or a TraefikHelmChartConfig's beside a
 * bare KubeVipDaemonSet) judged for how the app's kube-vip elects in ARP mode: `Local` needs per-Service election, and
 * under it a VIP shared with another Service needs their common `kube-vip.io/leaseName`, as the config door's
 * client-ip-rules.ts says of its own. A construct's own Services on one VIP are its props' (checkTraefikSharedVips).
 * Round 70 (70b-9): the lease counts only as that kube-vip reads it (kube-vip/versions.ts leaseNameAnnotation): none
 * before v1.0.1, a bare name in each Service's own namespace before v1.1.0, with the config door's messages.
 */
export function electionFindings(
  kubeVip: DeployedKubeVip,
  free: readonly DeployedService[],
  services: readonly DeployedService[],
  said: Report,
): void {
  if (!kubeVip.arp) return;
  const local = (s: DeployedService) => s.externalTrafficPolicy?.value === 'Local';
  const rules = kubeVipRules(parseVersion(kubeVip.version));
  const why = 'svc_election of the kube-vip this app deploys';
  // A lease this kube-vip reads as written (a namespace/name form needs v1.1.0).
  const readable = (name: unknown): name is string =>
    typeof name === 'string' && leaseNameProblem(name, undefined, kubeVip.version, rules) === undefined;
  for (const service of free) {
    if (!kubeVip.servicesElection) {
      if (local(service)) said(service.externalTrafficPolicy!.path, localWithoutElectionMessage());
      continue;
    }
    for (const vip of service.ips) {
      // A Local one sharing is refused on its own (localSharingFindings, the split-brain rule).
      const other = services.find(
        (o) => String(o.path[0]) !== String(service.path[0]) && !local(o) && o.ips.some((ip) => sameIp(ip.ip.text, vip.ip.text)),
      );
      if (!other || local(service)) continue;
      const shared = `"${vip.ip.text}" is also the VIP of ${other.label}`;
      if (rules.leaseNameAnnotation === 'none') {
        said(vip.path, leaselessSharedVipMessage(shared, why, kubeVip.version));
        continue;
      }
      if (rules.leaseNameAnnotation === 'same-namespace' && service.namespace !== other.namespace) {
        said(vip.path, namespacedSharedVipMessage(shared, why, kubeVip.version, `${service.namespace}, ${other.namespace}`));
        continue;
      }
      if (readable(service.leaseName) && service.leaseName === other.leaseName) continue;
      const form =
        rules.leaseNameAnnotation === 'same-namespace' ? ` (a bare name: kube-vip ${kubeVip.version} looks it up in their namespace)` : '';
      const lease = readable(other.leaseName)
        ? `: add "${LEASE_NAME_ANNOTATION}: ${other.leaseName}" to the annotations of ${service.label}`
        : `, but ${other.label} names none${typeof other.leaseName === 'string' ? ' this kube-vip reads' : ''}: declare ${service.label} in ` +
          `K3sVipCluster's loadBalancers[] (which writes one on both), or give both the same ${LEASE_NAME_ANNOTATION} annotation${form}`;
      said(vip.path, unsharedLeaseMessage(vip.ip.text, other.label, why, lease));
    }
  }
}

/**
 * Rounds 68 (68b-5, 68b-12): a rendered LoadBalancer Service judged for the kube-vip the app deploys (`version`: the
 * cluster's config, else the KubeVipChart's DaemonSet), as the values door judges Traefik's Services: the VIP
 * annotation on a kube-vip that does not read it (traefik/service-facts.ts unreadVipAnnotation), a near miss of its
 * name, more VIPs than that kube-vip reads (kube-vip/rules.ts serviceVipCountProblem).
 */
export function deployedKubeVipFindings(service: RenderedService, version: string, said: Report): void {
  const at = (key: string): Path => [service.path[0], 'metadata', 'annotations', key];
  for (const key of misspeltVipAnnotations(service.annotations)) said(at(key), misspeltVipAnnotationProblem(service.label));
  if (typeof service.annotations[VIP_ANNOTATION] === 'string') {
    const unread = unreadVipAnnotation(version, false);
    if (unread) said(at(VIP_ANNOTATION), unread);
  }
  countFinding(service, version, said);
}

/** More VIPs on `service` than kube-vip `version` reads. */
export function countFinding(service: DeployedService, version: string, said: Report): void {
  const parsed = parseVersion(version);
  const many = serviceVipCountProblem(
    service.ips.map((vip) => vip.ip),
    parsed,
    kubeVipRules(parsed),
  );
  if (many) said(service.ips[0].path, many);
}
