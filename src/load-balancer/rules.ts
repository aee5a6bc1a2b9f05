import { formatPath, Report } from '../core/problem';
import type { ClusterConfig } from '../config/schema';
import type { Cidrs } from '../k3s/networks';
import type { Pool } from '../kube-vip/pool-rules';
import { serviceVipCountProblem, sharedControlPlaneVipProblem } from '../kube-vip/rules';
import { foreignClassMessage, KUBE_VIP_CLASS, type KubeVipRules } from '../kube-vip/versions';
import { cidrContains, IpAddress, ipv4EdgeAddress, parseCidr, spanContains } from '../net/ip';
import { typoHint } from '../net/ip-typo';
import { parseVersion, Version } from '../semver';
import { DeployedService, LocatedIp } from './deployed';
import { checkServiceFamilies } from './family-rules';
import { servicePortProblems } from './port-rules';
import { emptySelectorProblem, FOREIGN_CLASS_FIX, repeatedVipProblems, traefikServiceNameProblem } from './service-rules';

/** kube-vip's own LoadBalancer class (default of `lb_class_name` / `--lbClassName`, kube-vip/kube-vip cmd/kube-vip.go). */

/**
 * The rules on every LoadBalancer Service that will exist (Traefik's, those the Traefik chart makes, the
 * `loadBalancers` entries) and the control-plane VIP: where each VIP may lie, how many a Service may
 * have, that it gets one at all, and which VIPs may be shared.
 */
export function checkServiceVips(
  config: ClusterConfig,
  services: readonly DeployedService[],
  controlPlane: LocatedIp | undefined,
  cidrs: Cidrs,
  pools: readonly Pool[],
  rules: KubeVipRules,
  error: Report,
  warn: Report,
): void {
  const version = parseVersion(config.kubeVip.version);
  const balanced = services.filter((service) => service.type.value === 'LoadBalancer');
  // In BGP mode VIPs are routed, not answered by ARP on the LAN: the LAN checks do not apply.
  const lanChecks = config.kubeVip.mode === 'arp';
  if (controlPlane) checkVipPlacement(controlPlane, cidrs, pools, lanChecks, error);
  for (const service of balanced)
    for (const vip of service.ips) checkVipPlacement(vip, cidrs, pools, lanChecks && !onOtherNic(config, service), error);
  // With k3s.servers the servers' addresses settle the LAN (the inventory rules), not the /24 guess.
  if (lanChecks && !config.k3s.servers) checkGuessedLan(cidrs, controlPlane, balanced[0], warn);
  for (const service of balanced) checkOneService(service, version, rules, pools, error);
  checkSharedVips(balanced, controlPlane, version, rules, error);
  classedPoolWarnings(balanced, pools, warn);
  checkServiceFamilies(config.k3s.serviceCidr, services, error);
}

/**
 * 82a-11: whether kube-vip binds the Service's VIPs to another NIC than the servers' VIPs use (`kubeVip.interface`, else the
 * one `interface` every server names): its `kube-vip.io/serviceInterface` names a second NIC or a VLAN, which exists for
 * Services on a separate network (kube-vip pkg/kubevip/annotations.go `ServiceInterface`, v0.8.0+), whose LAN this config
 * does not name, so the servers' LAN rules (k3s.nodeCidr, the servers' /24) do not hold its VIPs.
 */
export function onOtherNic(config: ClusterConfig, service: DeployedService): boolean {
  const nic = service.serviceInterface;
  if (!nic) return false;
  const named = new Set((config.k3s.servers ?? []).map((server) => server.interface));
  const servers = named.size === 1 ? [...named][0] : undefined;
  return nic !== (config.kubeVip.interface ?? servers);
}

/** Where one VIP may lie: outside K3s' networks and the pools, and (ARP mode) a host address of the nodes' LAN. */
export function checkVipPlacement(vip: LocatedIp, cidrs: Cidrs, pools: readonly Pool[], lanChecks: boolean, reportError: Report) {
  const text = `"${vip.ip.text}"`;
  // Said for this address, beside those of the others of its comma list (59b-7).
  const error: Report = (path, message) => reportError(path, message, vip);
  const inside = cidrs.internal.find((c) => cidrContains(c.cidr, vip.ip));
  if (inside) {
    error(
      vip.path,
      `${text} lies inside ${inside.what} ${inside.cidr.text}; nodes route that block into the cluster, so clients on the LAN could not reach the VIP: pick a free address on the nodes' LAN`,
    );
    return;
  }
  const pooled = pools.flatMap((p) => p.spans).find((span) => spanContains(span, vip.ip));
  if (pooled) {
    error(
      vip.path,
      `${text} lies inside the IP pool ${pooled.text} (${formatPath(pooled.path)}), which may hand it to another Service: pick an address outside the pools`,
    );
  }
  if (!lanChecks) return;
  const lan = cidrs.node?.cidr;
  if (lan && lan.family === vip.ip.family) {
    if (!cidrContains(lan, vip.ip)) {
      error(
        vip.path,
        `${text} is outside k3s.nodeCidr ${lan.text}: kube-vip announces VIPs by ARP/NDP on the nodes' LAN, so pick a free address inside it${typoHint(vip.ip, lan)}`,
      );
    } else if (ipv4EdgeAddress(lan, vip.ip)) {
      error(vip.path, `${text} is the ${ipv4EdgeAddress(lan, vip.ip)} address of k3s.nodeCidr ${lan.text}: pick a host address inside it`);
    }
  } else if (vip.ip.family === 4) {
    // No IPv4 LAN given (none, or an IPv6 nodeCidr): assume the usual /24.
    const edge = ipv4EdgeAddress(parseCidr(`${vip.ip.text}/24`)!, vip.ip);
    if (edge) {
      error(
        vip.path,
        `${text} is the ${edge} address of a /24 LAN: pick a host address, or set k3s.nodeCidr if your LAN is larger than a /24`,
      );
    }
  }
}

/**
 * The /24 guess cannot tell whether a Traefik VIP in another /24 than the control-plane VIP is on
 * the nodes' LAN too; k3s.nodeCidr can.
 */
function checkGuessedLan(cidrs: Cidrs, controlPlane: LocatedIp | undefined, traefik: DeployedService | undefined, warn: Report) {
  if (!controlPlane || controlPlane.ip.family !== 4 || cidrs.node?.cidr.family === 4) return;
  const subnet = (ip: IpAddress) => ip.value >> 8n;
  for (const vip of traefik?.ips ?? []) {
    if (vip.ip.family !== 4 || subnet(vip.ip) === subnet(controlPlane.ip)) continue;
    // The smallest block holding both, as a hint when it could be a LAN (a /16 or smaller).
    let prefix = 24;
    while (prefix > 16 && vip.ip.value >> BigInt(32 - prefix) !== controlPlane.ip.value >> BigInt(32 - prefix)) prefix--;
    const both =
      vip.ip.value >> BigInt(32 - prefix) === controlPlane.ip.value >> BigInt(32 - prefix)
        ? ` (both lie in ${parseCidr(`${vip.ip.text}/${prefix}`)!.text})`
        : '';
    warn(
      vip.path,
      `"${vip.ip.text}" is in another /24 than the control-plane VIP ${controlPlane.ip.text}; without k3s.nodeCidr this tool ` +
        `assumes a /24 LAN and cannot check that both are on the nodes' LAN: set k3s.nodeCidr to the LAN's block${both}`,
    );
  }
}

/**
 * A Service with a `loadBalancerClass` and no fixed VIP, whose address would come from kube-vip-cloud-provider's pool:
 * the cloud-controller-manager's service controller skips every Service with a class (k8s.io/cloud-provider
 * controllers/service, `wantsLoadBalancer`), and kube-vip-cloud-provider serves kube-vip's class only when started with
 * KUBEVIP_ENABLE_LOADBALANCERCLASS=true (kube-vip/kube-vip-cloud-provider main.go, pkg/provider/loadbalancerclass.go,
 * v0.0.12), which the Deployment this tool writes does not set. Said alike of `loadBalancers[]` and Traefik's Services (79b-19).
 */
export function classedPoolMessage(vips: string, fix: string): string {
  return (
    `is set and the Service has no fixed ${vips}: kube-vip-cloud-provider skips Services with a class unless started with ` +
    `KUBEVIP_ENABLE_LOADBALANCERCLASS=true, so it may stay <pending>: ${fix}, or drop the class`
  );
}

/** The Services (Traefik's; a `loadBalancers` entry is warned with its own key) whose kube-vip class keeps the pool's address away. */
function classedPoolWarnings(services: readonly DeployedService[], pools: readonly Pool[], warn: Report): void {
  const said = new Set<string>();
  for (const service of services) {
    if (!service.kubeVipClass || service.path[0] === 'loadBalancers' || service.ips.length || service.vipsRefused) continue;
    if (!pools.some((p) => p.namespace === undefined || p.namespace === service.namespace)) continue;
    const key = formatPath(service.kubeVipClass);
    if (said.has(key)) continue;
    said.add(key);
    const own = service.path.at(-1) === 'loadBalancerIPs';
    warn(
      service.kubeVipClass,
      classedPoolMessage(
        'VIP',
        own ? `give fixed addresses in ${formatPath(service.path)}` : `give it a ${'kube-vip.io/loadbalancerIPs'} annotation`,
      ),
    );
  }
}

/** One Service's VIP list: duplicates, families, versions, and a pool when it has none. */
function checkOneService(service: DeployedService, version: Version, rules: KubeVipRules, pools: readonly Pool[], error: Report) {
  for (const problem of repeatedVipProblems(service.ips)) error(problem.path, problem.message, problem);
  const tooMany = serviceVipCountProblem(
    service.ips.map((vip) => vip.ip),
    version,
    rules,
  );
  if (tooMany) error(service.path, tooMany);
  const pending = pendingServiceProblem(service, pools);
  if (pending) error(service.path, pending);
}

/**
 * A Service with no fixed VIP and no pool for its namespace: nothing gives it an address. Also said of a Service
 * beside a K3sVipCluster (output/construct-sibling-vips.ts), whose path ends in `annotations` as a values block's.
 * Not of one of another controller's class (72a-7): kube-vip skips it (kube-vip pkg/manager/watch_services.go) and so
 * does kube-vip-cloud-provider, so its address is that controller's to give (checkLoadBalancerEntries warns).
 */
export function pendingServiceProblem(service: DeployedService, pools: readonly Pool[]): string | undefined {
  if (service.otherControllerClass) return undefined;
  if (service.ips.length || service.vipsRefused || pools.some((p) => p.namespace === undefined || p.namespace === service.namespace))
    return undefined;
  // A Service in the values has its VIPs in an annotation of its map, which may be there with other keys (50b-8).
  const what = service.path[service.path.length - 1] === 'annotations' ? 'has no kube-vip.io/loadbalancerIPs annotation' : 'is missing';
  return `${what} and no IP pool serves namespace ${service.namespace}, so ${service.label} would stay <pending>: give fixed addresses, or add kubeVip.services.ipPool.global (or namespaces.${service.namespace})`;
}

/**
 * A VIP used twice: by the control plane and a Service (lease rules), or by Services on one port. Also run by the
 * constructs' gate over the Services of a whole app (output/construct-app-rules.ts, 64b-5).
 */
export function checkSharedVips(
  services: readonly DeployedService[],
  controlPlane: LocatedIp | undefined,
  version: Version,
  rules: KubeVipRules,
  error: Report,
) {
  const owners = new Map<string, Array<{ service: DeployedService; vip: LocatedIp }>>();
  if (controlPlane) {
    const apiServer: DeployedService = {
      type: { value: 'LoadBalancer', path: controlPlane.path },
      path: controlPlane.path,
      label: 'the API server',
      namespace: 'kube-system',
      name: 'kube-vip',
      ips: [controlPlane],
      ports: ['6443/TCP'],
    };
    owners.set(controlPlane.ip.text, [{ service: apiServer, vip: controlPlane }]);
  }
  for (const service of services) {
    for (const vip of service.ips) {
      if (controlPlane && vip.ip.value === controlPlane.ip.value && vip.ip.family === controlPlane.ip.family) {
        const shared = sharedControlPlaneVipProblem(vip.ip.text, version, rules);
        if (shared) error(vip.path, shared, vip);
      }
      const earlier = owners.get(vip.ip.text) ?? [];
      for (const other of earlier.filter((o) => o.service !== service)) {
        const clash = service.ports.filter((p) => other.service.ports.includes(p));
        if (clash.length) {
          error(
            vip.path,
            `"${vip.ip.text}" is also the VIP of ${other.service.label} (${formatPath(other.vip.path)}) and both use port ${clash.join(', ')}: use another address or other ports`,
          );
        }
      }
      owners.set(vip.ip.text, [...earlier, { service, vip }]);
    }
  }
}

/** The `loadBalancers` entries themselves: unique names, ports the API server accepts, a class kube-vip serves. */
export function checkLoadBalancerEntries(config: ClusterConfig, error: Report, warn: Report) {
  const names = new Map<string, number>();
  config.loadBalancers.forEach((lb, i) => {
    const id = `${lb.namespace}/${lb.name}`;
    if (names.has(id))
      error(
        ['loadBalancers', i, 'name'],
        `"${lb.name}" in namespace "${lb.namespace}" is already used by loadBalancers[${names.get(id)}]: each Service needs its own name`,
      );
    else names.set(id, i);
    const reserved = traefikServiceNameProblem(lb.namespace, lb.name);
    if (reserved) error(['loadBalancers', i, 'name'], reserved);
    const noPods = emptySelectorProblem(lb.selector);
    if (noPods) error(['loadBalancers', i, 'selector'], noPods);
    for (const problem of servicePortProblems(lb.ports, `loadBalancers[${i}].ports`))
      error(['loadBalancers', i, 'ports', ...problem.path], problem.message);
    if (lb.loadBalancerClass && !lb.ips && config.kubeVip.services.ipPool) {
      warn(['loadBalancers', i, 'loadBalancerClass'], classedPoolMessage('ips', 'give fixed ips'));
    }
    // With ips it asks kube-vip for them, which kube-vip ignores (73a-6); without, it is that class's controller's.
    if (lb.loadBalancerClass && lb.loadBalancerClass !== KUBE_VIP_CLASS && lb.ips) {
      error(
        ['loadBalancers', i, 'loadBalancerClass'],
        foreignClassMessage(`"${lb.loadBalancerClass}"`, `Service ${id}`, FOREIGN_CLASS_FIX),
      );
    } else if (lb.loadBalancerClass && lb.loadBalancerClass !== KUBE_VIP_CLASS) {
      warn(
        ['loadBalancers', i, 'loadBalancerClass'],
        `"${lb.loadBalancerClass}" is not kube-vip's class (${KUBE_VIP_CLASS}), so kube-vip leaves this Service to another controller`,
      );
    }
  });
}
