import { dns1123Label, labelKey, portName } from '../config/formats';
import { servicePortProblems } from '../load-balancer/port-rules';
import type { Finding } from './paths';
import { isRecord } from './paths';

/**
 * The port list of every v1 Service, whatever its type, as the API server judges it (kubernetes/kubernetes
 * pkg/apis/core/validation/validation.go, ValidateService and validateServicePort): the rules loadBalancers[] gets
 * (servicePortProblems: a port/protocol pair or a name used twice, a missing name when there are several ports), a
 * name that is a DNS-1123 label, a `targetPort` string that is an IANA_SVC_NAME (ValidatePortNumOrName), a `port` from 1
 * to 65535 (IsValidPortNum), no `nodePort` on a ClusterIP Service ("may not be used when `type` is 'ClusterIP'"), and
 * ports at all ("spec.ports: Required value") unless the Service is headless (`clusterIP: None`, isHeadlessService: the
 * registry copies clusterIP into clusterIPs first) or an ExternalName. One bad port fails the object, and
 * helm-controller the whole Traefik release that carries it in extraObjects (61b-5).
 */
export function checkServicePorts(object: Record<string, unknown>): Finding[] {
  if (object.kind !== 'Service' || object.apiVersion !== 'v1' || !isRecord(object.spec)) return [];
  const spec = object.spec;
  const type = typeof spec.type === 'string' && spec.type ? spec.type : 'ClusterIP';
  if (spec.ports === undefined || spec.ports === null || (Array.isArray(spec.ports) && spec.ports.length === 0)) {
    const headless =
      spec.clusterIP === 'None' || (Array.isArray(spec.clusterIPs) && spec.clusterIPs.length === 1 && spec.clusterIPs[0] === 'None');
    if (headless || type === 'ExternalName') return [];
    return [
      {
        path: ['spec', 'ports'],
        message:
          `is missing on a Service of type ${type}, and the API server requires at least one port ("spec.ports: Required value"): ` +
          'list the ports, or make the Service headless (clusterIP: None) or an ExternalName',
      },
    ];
  }
  if (!Array.isArray(spec.ports)) return [];
  const ports = spec.ports as unknown[];
  const findings: Finding[] = servicePortProblems(
    ports.map((port) => (isRecord(port) ? port : null)) as Array<Record<string, unknown>>,
  ).map((problem) => ({
    path: ['spec', 'ports', ...problem.path],
    message: problem.message,
  }));
  ports.forEach((port, j) => {
    if (!isRecord(port)) return;
    const at = (key: string) => ['spec', 'ports', j, key];
    if (typeof port.port === 'number' && !(Number.isInteger(port.port) && port.port >= 1 && port.port <= 65535))
      findings.push({ path: at('port'), message: `is ${port.port}; the API server expects a port number from 1 to 65535` });
    if (typeof port.nodePort === 'number' && port.nodePort !== 0 && type === 'ClusterIP')
      findings.push({
        path: at('nodePort'),
        message:
          'is set on a Service of type ClusterIP, and the API server refuses it ("may not be used when `type` is \'ClusterIP\'"): ' +
          'remove nodePort, or make the Service a NodePort or LoadBalancer',
      });
    const name = typeof port.name === 'string' && port.name !== '' ? dns1123Label(port.name) : undefined;
    if (name) findings.push({ path: at('name'), message: `${name} (a Service port name is a DNS-1123 label)` });
    const target = typeof port.targetPort === 'string' ? portName(port.targetPort) : undefined;
    if (target) findings.push({ path: at('targetPort'), message: target });
    // 0 is defaulted to `port` (SetDefaults_Service) before validation: refused all the same, as loadBalancers[] and
    // LoadBalancerService refuse it (63b-11), with what leaving it out does.
    if (port.targetPort === 0)
      findings.push({
        path: at('targetPort'),
        message:
          'is 0, which the API server replaces with the port itself (SetDefaults_Service): leave targetPort out for that, ' +
          'or write a port number from 1 to 65535 or a port name',
      });
    else if (
      typeof port.targetPort === 'number' &&
      !(Number.isInteger(port.targetPort) && port.targetPort >= 1 && port.targetPort <= 65535)
    )
      findings.push({
        path: at('targetPort'),
        message: `is ${port.targetPort}; the API server expects a port number from 1 to 65535 or a port name`,
      });
    const protocol = typeof port.appProtocol === 'string' ? appProtocolProblem(port.appProtocol) : undefined;
    if (protocol) findings.push({ path: at('appProtocol'), message: protocol });
  });
  return findings;
}

/**
 * Why the API server refuses `value` as a Service port's `appProtocol`, or undefined: validateServicePort checks it with
 * ValidateQualifiedName, an optional DNS-subdomain prefix and one "/" before a name (`http`, `kubernetes.io/h2c`).
 */
export function appProtocolProblem(value: string): string | undefined {
  const problem = labelKey(value);
  return (
    problem &&
    `${problem.replace('is not a valid key', 'is not a valid appProtocol')}; the API server requires a qualified name such as "http" or "kubernetes.io/h2c"`
  );
}
