import { dns1123Subdomain, labelKey } from '../config/formats';
import { parseCidr, parseIp } from '../net/ip';
import { NODE_PORTS } from '../net/node-ports';
import type { Finding } from './paths';
import { isRecord, show } from './paths';

type Values = Record<string, unknown>;

const EXTERNAL = new Set(['LoadBalancer', 'NodePort']);

/**
 * The API server's rules on a Service's spec that its OpenAPI schema lacks (k8s.io/kubernetes
 * pkg/apis/core/validation/validation.go ValidateService, release-1.27): `clusterIP` is empty, None or an IP, and
 * None only on a Service that is not a LoadBalancer or NodePort; `clusterIPs` starts with `clusterIP`, holds at most
 * one IP of each family and None only alone; `loadBalancerSourceRanges` are CIDRs (`net.ParseCIDR` after trimming
 * spaces), on a LoadBalancer only; `allocateLoadBalancerNodePorts` on a LoadBalancer only; `healthCheckNodePort` a
 * port number (1 to 65535), on a LoadBalancer with `externalTrafficPolicy: Local` only, and inside the node-port range
 * (the node-port allocator refuses it otherwise: pkg/registry/core/service/storage/alloc.go allocHealthCheckNodePort);
 * `ipFamilies` without a duplicate, and one family only under `ipFamilyPolicy: SingleStack`
 * (ValidateServiceClusterIPsRelatedFields); `sessionAffinityConfig` only with `sessionAffinity: ClientIP`, its
 * `clientIP.timeoutSeconds` from 1 to 86400 (validateClientIPAffinityConfig); `externalTrafficPolicy` only on a Service
 * reachable from outside (validateServiceExternalTrafficPolicy); `loadBalancerClass` on a LoadBalancer only, as a qualified
 * name (validateLoadBalancerClassField); on an ExternalName Service an `externalName` that is a DNS name and no
 * `clusterIP`. Values of the wrong type are the
 * schema's to report, and skipped here.
 */
export function checkServiceSpec(object: Values): Finding[] {
  if (object.kind !== 'Service' || object.apiVersion !== 'v1' || !isRecord(object.spec)) return [];
  const spec = object.spec;
  const type = typeof spec.type === 'string' && spec.type ? spec.type : 'ClusterIP';
  const findings: Finding[] = [];
  const add = (path: ReadonlyArray<string | number>, message: string) => findings.push({ path: ['spec', ...path], message });
  const { clusterIP, clusterIPs, loadBalancerSourceRanges: ranges, healthCheckNodePort: health } = spec;
  const ipProblem = (value: string) =>
    value === '' || value === 'None' || parseIp(value)
      ? undefined
      : `is ${show(value)}; the API server expects an IP address, or None for a headless Service`;
  if (typeof clusterIP === 'string') {
    const problem = ipProblem(clusterIP);
    if (problem) add(['clusterIP'], problem);
    else if (clusterIP === 'None' && EXTERNAL.has(type))
      add(
        ['clusterIP'],
        `is None, which the API server refuses on a Service of type ${type} (a headless Service has no cluster IP to route to)`,
      );
  }
  if (Array.isArray(clusterIPs)) {
    const ips = clusterIPs.filter((ip): ip is string => typeof ip === 'string');
    clusterIPs.forEach((ip, i) => {
      if (typeof ip !== 'string') return;
      const problem = ipProblem(ip);
      if (problem) add(['clusterIPs', i], problem);
      else if (ip === 'None' && clusterIPs.length > 1)
        add(['clusterIPs', i], 'is None, which the API server accepts only as the one entry of clusterIPs');
      else if (ip === 'None' && EXTERNAL.has(type))
        add(['clusterIPs', i], `is None, which the API server refuses on a Service of type ${type}`);
    });
    if (clusterIPs.length > 2)
      add(['clusterIPs'], `holds ${clusterIPs.length} entries; the API server accepts at most two (one IPv4, one IPv6)`);
    const families = ips.map((ip) => parseIp(ip)?.family);
    if (ips.length === 2 && families[0] !== undefined && families[0] === families[1])
      add(
        ['clusterIPs', 1],
        `is a second IPv${families[0]} address; the API server accepts at most one cluster IP of each family (dual-stack: one IPv4, one IPv6)`,
      );
    if (typeof clusterIP === 'string' && clusterIP !== '' && typeof clusterIPs[0] === 'string' && clusterIPs[0] !== clusterIP)
      add(
        ['clusterIPs', 0],
        `is ${show(clusterIPs[0])}, but clusterIP is ${show(clusterIP)}: the API server requires clusterIPs[0] to equal clusterIP`,
      );
  }
  if (Array.isArray(ranges) && ranges.length) {
    if (type !== 'LoadBalancer')
      add(['loadBalancerSourceRanges'], `is set on a Service of type ${type}; the API server accepts it on a LoadBalancer only`);
    ranges.forEach((range, i) => {
      if (typeof range === 'string' && !parseCidr(range.trim()))
        add(['loadBalancerSourceRanges', i], `is ${show(range)}; the API server expects a CIDR block such as 192.168.0.0/24`);
    });
  }
  if (typeof spec.allocateLoadBalancerNodePorts === 'boolean' && type !== 'LoadBalancer')
    add(['allocateLoadBalancerNodePorts'], `is set on a Service of type ${type}; the API server accepts it on a LoadBalancer only`);
  if (typeof health === 'number' && health !== 0) {
    if (!Number.isInteger(health) || health < 1 || health > 65535)
      add(['healthCheckNodePort'], `is ${health}; the API server expects a port number from 1 to 65535`);
    else {
      // Both problems of one value in one message (one problem is kept per key): the policy, and the range the
      // allocator would refuse next (51b-9).
      const policy = type !== 'LoadBalancer' || spec.externalTrafficPolicy !== 'Local';
      const range = health < NODE_PORTS.min || health > NODE_PORTS.max;
      const outside = `outside the node-port range ${NODE_PORTS.min} to ${NODE_PORTS.max} (K3s' default service-node-port-range)`;
      if (policy && range)
        add(
          ['healthCheckNodePort'],
          `is ${health}, but the API server accepts it only on a LoadBalancer with externalTrafficPolicy Local, and ${health} is also ${outside}, ` +
            'which the API server cannot allocate: write a port in that range there, or remove the key',
        );
      else if (policy)
        add(['healthCheckNodePort'], 'is set, but the API server accepts it only on a LoadBalancer with externalTrafficPolicy Local');
      else if (range)
        add(
          ['healthCheckNodePort'],
          `is ${health}, ${outside}, ` +
            'so the API server cannot allocate it: write a port in that range, or remove the key (Kubernetes then picks one)',
        );
    }
  }
  // validateServiceExternalTrafficPolicy: apiservice.ExternallyAccessible (a LoadBalancer, a NodePort, a ClusterIP with externalIPs).
  const policy = spec.externalTrafficPolicy;
  const reachable = EXTERNAL.has(type) || (type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
  if (typeof policy === 'string' && policy !== '' && !reachable)
    add(
      ['externalTrafficPolicy'],
      `is set on a Service of type ${type}${type === 'ClusterIP' ? ' without externalIPs' : ''}, and the API server accepts it only on a Service ` +
        'reachable from outside ("may only be set for externally-accessible services"): remove the key',
    );
  findings.push(...familyFindings(spec), ...affinityFindings(spec), ...typeFieldFindings(spec, type));
  return findings;
}

function familyFindings(spec: Values): Finding[] {
  const families = spec.ipFamilies;
  if (!Array.isArray(families)) return [];
  const findings: Finding[] = [];
  families.forEach((family, i) => {
    if (typeof family === 'string' && families.indexOf(family) < i)
      findings.push({
        path: ['spec', 'ipFamilies', i],
        message: `is ${show(family)} a second time; the API server accepts each family once (dual-stack: IPv4 and IPv6)`,
      });
  });
  if (families.length > 1 && spec.ipFamilyPolicy === 'SingleStack')
    findings.push({
      path: ['spec', 'ipFamilies'],
      message:
        'lists two families, but ipFamilyPolicy is SingleStack, and the API server accepts one family only under it: ' +
        'keep one family, or set ipFamilyPolicy to PreferDualStack or RequireDualStack',
    });
  return findings;
}

/** The API server keeps a client on one pod for 1 second to 1 day (core.MaxClientIPServiceAffinitySeconds). */
const MAX_AFFINITY_SECONDS = 86400;

function affinityFindings(spec: Values): Finding[] {
  const config = spec.sessionAffinityConfig;
  if (!isRecord(config)) return [];
  // The API server defaults sessionAffinity to None.
  const affinity = spec.sessionAffinity ?? 'None';
  if (affinity === 'None')
    return [
      {
        path: ['spec', 'sessionAffinityConfig'],
        message: 'is set, but sessionAffinity is None, and the API server accepts sessionAffinityConfig only with sessionAffinity ClientIP',
      },
    ];
  const timeout = isRecord(config.clientIP) ? config.clientIP.timeoutSeconds : undefined;
  if (affinity !== 'ClientIP' || typeof timeout !== 'number') return [];
  if (Number.isInteger(timeout) && timeout >= 1 && timeout <= MAX_AFFINITY_SECONDS) return [];
  return [
    {
      path: ['spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'],
      message: `is ${timeout}; the API server expects a whole number of seconds from 1 to ${MAX_AFFINITY_SECONDS} (one day)`,
    },
  ];
}

/** The fields one type of Service requires or refuses (ValidateService's switch on the type, validateLoadBalancerClassField). */
function typeFieldFindings(spec: Values, type: string): Finding[] {
  const findings: Finding[] = [];
  const { loadBalancerClass: lbClass, externalName, clusterIP } = spec;
  if (typeof lbClass === 'string') {
    const problem = type === 'LoadBalancer' ? labelKey(lbClass) : undefined;
    if (type !== 'LoadBalancer')
      findings.push({
        path: ['spec', 'loadBalancerClass'],
        message: `is set on a Service of type ${type}; the API server accepts it on a LoadBalancer only`,
      });
    else if (problem) findings.push({ path: ['spec', 'loadBalancerClass'], message: `is not a qualified name: ${problem}` });
  }
  if (type !== 'ExternalName') return findings;
  if (typeof clusterIP === 'string' && clusterIP !== '')
    findings.push({ path: ['spec', 'clusterIP'], message: 'is set, but the API server requires it empty on an ExternalName Service' });
  if (externalName === undefined || externalName === null || externalName === '')
    findings.push({
      path: ['spec'],
      message: 'is an ExternalName Service without externalName, which the API server requires: give the DNS name it stands for',
    });
  else if (typeof externalName === 'string') {
    // A trailing dot marks a fully qualified name (ValidateService trims it).
    const problem = dns1123Subdomain(externalName.replace(/\.$/, ''));
    if (problem) findings.push({ path: ['spec', 'externalName'], message: `is not a DNS name: ${problem}` });
  }
  return findings;
}
