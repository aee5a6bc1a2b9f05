import { Construct } from 'constructs';
import { k8s } from '../core/k8s';
import { PropsKeys, PropsValidator } from '../config/props-validator';
import { describeValue } from '../core/snapshot';
import * as format from '../config/formats';
import { kubeVipVersionSupport, serviceVipTextCountProblem } from '../kube-vip/rules';
import { KUBE_VIP_VERSION } from '../pins';
import { serviceVipFields } from '../kube-vip/service-vip';
import { LEASE_NAME_ANNOTATION, leaseNameProblem } from '../kube-vip/shared-lease';
import { foreignClassMessage, KUBE_VIP_CLASS, kubeVipRules } from '../kube-vip/versions';
import { parseVersion } from '../semver';
import { constructArgs } from '../core/construct-args';
import { servicePortProblems } from './port-rules';
import { EMPTY_VIP_LIST, emptySelectorProblem, FOREIGN_CLASS_FIX, repeatedVipProblems, traefikServiceNameProblem } from './service-rules';
import { vipServicesUnchanged } from '../output/construct-vip-services';
import { parseIp } from '../net/ip';
import { propsServiceNetwork } from '../output/construct-cluster-ips';
import { gateWhatItRenders } from '../output/construct-gate';
import { VIP_NETWORKS_KEYS, VipNetworks, vipNetworkProblems } from './vip-networks';
import type { DeployedService } from './deployed';

export interface LoadBalancerServicePort {
  /**
   * Port name; Kubernetes requires one on every port of a Service with several.
   * @default - unnamed
   */
  readonly name?: string;
  /** Port on the VIP, 1 to 65535. */
  readonly port: number;
  /**
   * Container port: a number, or the name of a container port.
   * @default - same as port
   */
  readonly targetPort?: number | string;
  /**
   * Transport protocol.
   * @default "TCP"
   */
  readonly protocol?: 'TCP' | 'UDP';
}

export interface LoadBalancerServiceProps {
  /** Service name (a DNS-1035 label). */
  readonly name: string;
  /**
   * Namespace of the Service and the pods it routes to.
   * @default "default"
   */
  readonly namespace?: string;
  /** Pod labels to route to. */
  readonly selector: Readonly<Record<string, string>>;
  /** At least one port. */
  readonly ports: readonly LoadBalancerServicePort[];
  /**
   * Fixed VIP(s): one IPv4 and/or one IPv6 address.
   * @default - none: kube-vip-cloud-provider assigns one from its pool
   */
  readonly ips?: readonly string[];
  /**
   * kube-vip release that announces the VIPs; decides how they are written (annotation or `spec.loadBalancerIP`).
   * @default "v1.2.3" (the newest release this library knows)
   */
  readonly kubeVipVersion?: string;
  /**
   * `spec.loadBalancerClass`.
   * @default - none: kube-vip's default handling of class-less Services
   */
  readonly loadBalancerClass?: string;
  /**
   * `spec.externalTrafficPolicy`.
   * @default - Kubernetes' default, Cluster
   */
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  /**
   * `kube-vip.io/leaseName` (kube-vip v1.0.1+, policy Cluster): the per-Service lease this Service shares
   * with the other Services on its VIP, so one node announces it. A bare name is looked up in the
   * Service's own namespace; `namespace/name` (v1.1.0+) reaches across namespaces.
   * @default - none: the Service elects its own leader
   */
  readonly leaseName?: string;
  /**
   * The networks `ips` are judged against (K3sVipCluster gives the config's).
   * @default - K3s' default pod and Service networks, ARP mode, a /24 LAN around each VIP
   */
  readonly networks?: VipNetworks;
}

/** The props of a LoadBalancerService, for the unknown-key check. */
export const LOAD_BALANCER_SERVICE_KEYS: PropsKeys<LoadBalancerServiceProps> = {
  name: true,
  namespace: true,
  selector: true,
  ports: { name: true, port: true, targetPort: true, protocol: true },
  ips: true,
  kubeVipVersion: true,
  loadBalancerClass: true,
  externalTrafficPolicy: true,
  leaseName: true,
  networks: VIP_NETWORKS_KEYS,
};

/**
 * A Service of type LoadBalancer whose external IP kube-vip announces.
 *
 * @throws K3sVipValidationError when a prop is not what the API server or kube-vip accepts
 */
export class LoadBalancerService extends Construct {
  constructor(scope: Construct, id: string, props: LoadBalancerServiceProps) {
    super(...constructArgs(scope, id, 'LoadBalancerService'));
    gateWhatItRenders(this, () => propsServiceNetwork(props.networks));
    const check = new PropsValidator<LoadBalancerServiceProps>('LoadBalancerService', props, LOAD_BALANCER_SERVICE_KEYS);
    // Only the snapshot is read from here on: what was checked is what is rendered.
    props = check.props;
    const { namespace = 'default', kubeVipVersion = KUBE_VIP_VERSION, externalTrafficPolicy } = props;
    const versionOk = typeof kubeVipVersion === 'string' && !format.version(kubeVipVersion) && !kubeVipVersionSupport(kubeVipVersion).error;
    if (externalTrafficPolicy !== undefined && externalTrafficPolicy !== 'Cluster' && externalTrafficPolicy !== 'Local') {
      check.problem(['externalTrafficPolicy'], trafficPolicyProblem(externalTrafficPolicy));
    }
    check.text(['leaseName'], props.leaseName, (name) =>
      versionOk ? leaseNameProblem(name, externalTrafficPolicy, kubeVipVersion, kubeVipRules(parseVersion(kubeVipVersion))) : undefined,
    );
    check
      .requiredText(['name'], props.name, format.dns1035Label)
      .text(['namespace'], namespace, format.dns1123Label)
      .text(['kubeVipVersion'], kubeVipVersion, format.version)
      .problem(
        ['kubeVipVersion'],
        typeof kubeVipVersion !== 'string' || format.version(kubeVipVersion) ? undefined : kubeVipVersionSupport(kubeVipVersion).error,
      )
      .text(['loadBalancerClass'], props.loadBalancerClass, format.labelKey);
    for (const [key, value] of check.mapping(['selector'], props.selector, true)) {
      check.text(['selector', key], key, format.labelKey).text(['selector', key], value, format.labelValue);
    }
    // The config's rules on an entry's own fields (rules.ts checkLoadBalancerEntries), on these props.
    const { selector, name } = props;
    if (selector !== null && typeof selector === 'object' && !Array.isArray(selector)) {
      check.problem(['selector'], emptySelectorProblem(selector));
    }
    if (typeof name === 'string' && typeof namespace === 'string') check.problem(['name'], traefikServiceNameProblem(namespace, name));
    const ports = check.list(['ports'], props.ports, true);
    if (Array.isArray(props.ports) && !ports.length) check.problem(['ports'], 'is empty: a Service needs at least one port');
    ports.forEach((p, i) => {
      if (p === null || typeof p !== 'object') {
        check.problem(['ports', i], `${describeValue(p)}: expected { port, name?, targetPort?, protocol? }`);
        return;
      }
      check
        .requiredValue(['ports', i, 'port'], p.port, 'portNumber')
        .text(['ports', i, 'name'], p.name, format.servicePortName)
        .value(['ports', i, 'protocol'], p.protocol, 'servicePortProtocol');
      if (typeof p.targetPort === 'string') check.text(['ports', i, 'targetPort'], p.targetPort, format.portName);
      else check.value(['ports', i, 'targetPort'], p.targetPort, 'portNumber');
    });
    for (const problem of servicePortProblems(ports)) check.problem(['ports', ...problem.path], problem.message);
    const ips = check.list(['ips'], props.ips);
    // As the config's loadBalancers[].ips (64b-6): an empty list is no VIP, and no "leave it out".
    if (Array.isArray(props.ips) && !props.ips.length) check.problem(['ips'], EMPTY_VIP_LIST);
    ips.forEach((ip, i) => check.text(['ips', i], ip, format.virtualIp));
    // As the config's loadBalancers[] (rules.ts checkLoadBalancerEntries, 73a-6): VIPs asked of kube-vip, which ignores another class.
    const { loadBalancerClass } = props;
    if (ips.length && typeof loadBalancerClass === 'string' && loadBalancerClass !== KUBE_VIP_CLASS)
      check.problem(
        ['loadBalancerClass'],
        foreignClassMessage(`"${loadBalancerClass}"`, `Service ${String(namespace)}/${String(name)}`, FOREIGN_CLASS_FIX),
      );
    const located = ips.flatMap((text, i) => {
      const ip = typeof text === 'string' ? parseIp(text) : undefined;
      return ip ? [{ path: ['ips', i], ip, text }] : [];
    });
    for (const problem of repeatedVipProblems(located)) check.problem(problem.path, problem.message);
    // Where each VIP may lie, and which IP families the Service network has for them, by the config's rules (60b-5, 61b-1).
    const service: DeployedService = {
      path: ['ips'],
      label: `Service ${String(namespace)}/${String(name)}`,
      namespace: String(namespace),
      name: String(name),
      type: { value: 'LoadBalancer', path: [] },
      ips: located,
      ports: [],
    };
    for (const problem of vipNetworkProblems(props.networks, located, [service])) check.problem(problem.path, problem.message, problem);
    if (check.valid) check.problem(['ips'], serviceVipTextCountProblem(kubeVipVersion, ips));
    check.throwIfInvalid();

    const vip = serviceVipFields(kubeVipVersion, ips);
    const annotations = { ...vip.annotations, ...(props.leaseName ? { [LEASE_NAME_ANNOTATION]: props.leaseName } : {}) };
    new k8s.KubeService(this, 'Resource', {
      metadata: {
        name: props.name,
        namespace,
        ...(Object.keys(annotations).length ? { annotations } : {}),
      },
      spec: {
        type: 'LoadBalancer',
        selector: { ...props.selector },
        ports: props.ports.map((p) => ({
          ...(p.name ? { name: p.name } : {}),
          port: p.port,
          protocol: p.protocol ?? 'TCP',
          ...(p.targetPort === undefined
            ? {}
            : {
                targetPort:
                  typeof p.targetPort === 'number' ? k8s.IntOrString.fromNumber(p.targetPort) : k8s.IntOrString.fromString(p.targetPort),
              }),
        })),
        loadBalancerIp: vip.loadBalancerIP,
        loadBalancerClass: props.loadBalancerClass,
        externalTrafficPolicy: props.externalTrafficPolicy,
        ipFamilyPolicy: vip.families?.ipFamilyPolicy,
        ipFamilies: vip.families ? [...vip.families.ipFamilies] : undefined,
      },
    });
    // Its Service's VIP fields are the ones these props' rules judged: a patch re-pointing them is refused (64b-5).
    this.node.addValidation({
      validate: vipServicesUnchanged(this, 'LoadBalancerService', 'give the VIP in ips and the ports in ports, not as a patch or object'),
    });
  }
}

/** 62b-8: the value is not one of the two, which are case-sensitive (the API server refuses `local`). */
function trafficPolicyProblem(value: unknown): string {
  const same = typeof value === 'string' ? ['Cluster', 'Local'].find((v) => v.toLowerCase() === value.trim().toLowerCase()) : undefined;
  if (same)
    return `${describeValue(value).replace(/ is a string$/, '')} is not "${same}": write "${same}" (the values are case-sensitive: "Cluster" or "Local")`;
  const what = describeValue(value).replace(/ is a string$/, ' is not an allowed value');
  return `${what}: expected "Cluster" or "Local" (case matters)`;
}
