import { parseCidr, parseIp } from '../net/ip';
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
 * port number (1 to 65535), on a LoadBalancer with `externalTrafficPolicy: Local` only. Values of the wrong type are
 * the schema's to report, and skipped here.
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
    else if (type !== 'LoadBalancer' || spec.externalTrafficPolicy !== 'Local')
      add(['healthCheckNodePort'], 'is set, but the API server accepts it only on a LoadBalancer with externalTrafficPolicy Local');
  }
  return findings;
}
