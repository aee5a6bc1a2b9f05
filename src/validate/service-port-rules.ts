import { dns1123Label, portName } from '../config/formats';
import { servicePortProblems } from '../load-balancer/port-rules';
import type { Finding } from './paths';
import { isRecord } from './paths';

/**
 * The port list of every v1 Service, whatever its type, as the API server judges it (kubernetes/kubernetes
 * pkg/apis/core/validation/validation.go, ValidateService and validateServicePort): the rules loadBalancers[] gets
 * (servicePortProblems: a port/protocol pair or a name used twice, a missing name when there are several ports), a
 * name that is a DNS-1123 label, and a `targetPort` string that is an IANA_SVC_NAME (ValidatePortNumOrName). One
 * bad port fails the object, and helm-controller the whole Traefik release that carries it in extraObjects.
 */
export function checkServicePorts(object: Record<string, unknown>): Finding[] {
  if (object.kind !== 'Service' || object.apiVersion !== 'v1' || !isRecord(object.spec) || !Array.isArray(object.spec.ports)) return [];
  const ports = object.spec.ports as unknown[];
  const findings: Finding[] = servicePortProblems(
    ports.map((port) => (isRecord(port) ? port : null)) as Array<Record<string, unknown>>,
  ).map((problem) => ({
    path: ['spec', 'ports', ...problem.path],
    message: problem.message,
  }));
  ports.forEach((port, j) => {
    if (!isRecord(port)) return;
    const name = typeof port.name === 'string' && port.name !== '' ? dns1123Label(port.name) : undefined;
    if (name) findings.push({ path: ['spec', 'ports', j, 'name'], message: `${name} (a Service port name is a DNS-1123 label)` });
    const target = typeof port.targetPort === 'string' ? portName(port.targetPort) : undefined;
    if (target) findings.push({ path: ['spec', 'ports', j, 'targetPort'], message: target });
  });
  return findings;
}
