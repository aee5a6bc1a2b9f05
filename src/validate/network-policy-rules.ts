import { portNameProblem } from '../core/port-name';
import { FieldPath, Finding, isRecord, show } from './paths';

const REFUSED = 'which the API server refuses';
const portNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;

/**
 * The ports of a NetworkPolicy's ingress and egress rules as the API server takes them (kubernetes/kubernetes
 * pkg/apis/networking/validation/validation.go, v1.27, ValidateNetworkPolicyPort): a port number from 1 to 65535 or a
 * valid port name, and an `endPort` only beside a numeric `port`, not below it. Types are the schema's.
 */
export function checkNetworkPolicyPorts(object: Record<string, unknown>): Finding[] {
  if (object.kind !== 'NetworkPolicy' || object.apiVersion !== 'networking.k8s.io/v1' || !isRecord(object.spec)) return [];
  const spec = object.spec;
  return (['ingress', 'egress'] as const).flatMap((direction) =>
    (Array.isArray(spec[direction]) ? spec[direction] : []).flatMap((rule: unknown, i: number) =>
      isRecord(rule) && Array.isArray(rule.ports)
        ? rule.ports.flatMap((port: unknown, j: number) => (isRecord(port) ? portProblems(port, ['spec', direction, i, 'ports', j]) : []))
        : [],
    ),
  );
}

function portProblems(entry: Record<string, unknown>, at: FieldPath): Finding[] {
  const { port, endPort } = entry;
  const findings: Finding[] = [];
  if (typeof port === 'number' && !portNumber(port))
    findings.push({
      path: [...at, 'port'],
      message: `is ${show(port)}, ${REFUSED} ("must be between 1 and 65535, inclusive"): write the port the pods listen on, or its name`,
    });
  const nameProblem = typeof port === 'string' ? portNameProblem(port) : undefined;
  if (nameProblem)
    findings.push({
      path: [...at, 'port'],
      message: `is ${show(port)}, not a port name (${nameProblem}), ${REFUSED}: write a port number, or a container port's name of at most 15 lower-case letters, digits and "-"`,
    });
  if (typeof endPort !== 'number') return findings;
  if (typeof port !== 'number')
    findings.push({
      path: [...at, 'endPort'],
      message:
        port === undefined
          ? `is set beside no port, ${REFUSED} (port is required "when endPort is specified"): give port the first number of the range`
          : `is set beside a named port, ${REFUSED} ("may not be specified when \`port\` is non-numeric"): give port the first number of the range`,
    });
  else if (!portNumber(endPort) || endPort < port)
    findings.push({
      path: [...at, 'endPort'],
      message: `is ${show(endPort)}, ${REFUSED} ("must be greater than or equal to \`port\`", and a port number): write a number from ${port} to 65535`,
    });
  return findings;
}
