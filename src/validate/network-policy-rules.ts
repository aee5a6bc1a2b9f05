import { portNameProblem } from '../core/port-name';
import { parseCidr } from '../net/ip';
import { labelSelectorProblems } from './label-selector';
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

/**
 * 86a-7, 87b-8, 87b-14: a NetworkPolicy's policyTypes, its podSelector and its peers (pkg/apis/networking/validation/validation.go,
 * v1.27 to v1.35: ValidateNetworkPolicySpec, ValidateNetworkPolicyPeer, ValidateIPBlock): at most two policy types (then
 * no more is said of them), each Ingress or Egress as written; the selectors by ValidateLabelSelector (label-selector.ts); a
 * peer names a podSelector, a namespaceSelector (the two together select pods in the selected namespaces) or an ipBlock
 * alone (a null one counts as unset); a valid `cidr`, and each `except` a valid CIDR strictly inside it (the API server stops
 * at the first `except` that is no CIDR). Host bits after the address are allowed (Go's net.ParseCIDR takes them).
 */
export function checkNetworkPolicyPeers(object: Record<string, unknown>): Finding[] {
  if (object.kind !== 'NetworkPolicy' || object.apiVersion !== 'networking.k8s.io/v1' || !isRecord(object.spec)) return [];
  const spec = object.spec;
  const findings: Finding[] = [
    ...labelSelectorProblems(spec.podSelector, ['spec', 'podSelector']),
    ...policyTypeProblems(spec.policyTypes),
  ];
  for (const [direction, peers] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const)
    (Array.isArray(spec[direction]) ? spec[direction] : []).forEach((rule: unknown, i: number) => {
      const list = isRecord(rule) && Array.isArray(rule[peers]) ? rule[peers] : [];
      list.forEach((peer: unknown, j: number) => {
        if (isRecord(peer)) findings.push(...peerProblems(peer, ['spec', direction, i, peers, j]));
      });
    });
  return findings;
}

function policyTypeProblems(types: unknown): Finding[] {
  if (!Array.isArray(types)) return [];
  if (types.length > 2)
    return [
      {
        path: ['spec', 'policyTypes'],
        message: `lists ${types.length} types, ${REFUSED} ("may not specify more than two policyTypes"): write each of Ingress and Egress at most once`,
      },
    ];
  return types.flatMap((type: unknown, i: number) =>
    typeof type === 'string' && type !== 'Ingress' && type !== 'Egress'
      ? [
          {
            path: ['spec', 'policyTypes', i],
            message: `is ${show(type)}, ${REFUSED} (supported values: "Ingress", "Egress"): write Ingress or Egress, with that capital letter`,
          },
        ]
      : [],
  );
}

/** ValidateNetworkPolicyPeer: what the peer names, its selectors and its ipBlock. */
function peerProblems(peer: Record<string, unknown>, at: FieldPath): Finding[] {
  const named = (['podSelector', 'namespaceSelector', 'ipBlock'] as const).filter((key) => peer[key] !== undefined && peer[key] !== null);
  const findings: Finding[] = [
    ...labelSelectorProblems(peer.podSelector, [...at, 'podSelector']),
    ...labelSelectorProblems(peer.namespaceSelector, [...at, 'namespaceSelector']),
    ...(isRecord(peer.ipBlock) ? ipBlockProblems(peer.ipBlock, [...at, 'ipBlock']) : []),
  ];
  if (!named.length)
    findings.push({
      path: at,
      message: `names no peer, ${REFUSED} (Required value: "must specify a peer"): write a podSelector, a namespaceSelector or an ipBlock (podSelector: {} is every pod of the policy's namespace)`,
    });
  else if (named.length > 1 && named.includes('ipBlock'))
    findings.push({
      path: at,
      message: `has an ipBlock beside a ${named.filter((key) => key !== 'ipBlock').join(' and a ')}, ${REFUSED} (Forbidden: "may not specify both ipBlock and another peer"): make them two peers (a list item each), which the policy allows either of`,
    });
  return findings;
}

function ipBlockProblems(block: Record<string, unknown>, at: FieldPath): Finding[] {
  if (typeof block.cidr !== 'string') return [];
  const cidr = parseCidr(block.cidr);
  if (!cidr)
    return [
      { path: [...at, 'cidr'], message: `is ${show(block.cidr)}, not a valid CIDR, ${REFUSED}: write a network such as 10.42.0.0/16` },
    ];
  const findings: Finding[] = [];
  for (const [k, text] of (Array.isArray(block.except) ? block.except : []).entries()) {
    if (typeof text !== 'string') continue;
    const inner = parseCidr(text);
    if (!inner) {
      findings.push({
        path: [...at, 'except', k],
        message: `is ${show(text)}, not a valid CIDR, ${REFUSED}: write a network inside ${cidr.text}`,
      });
      break;
    }
    if (inner.family !== cidr.family || inner.first < cidr.first || inner.first > cidr.last || inner.prefix <= cidr.prefix)
      findings.push({
        path: [...at, 'except', k],
        message: `is ${show(text)}, ${REFUSED} ("must be a strict subset of \`cidr\`", ${cidr.text}): write a smaller network inside ${cidr.text}, or remove it`,
      });
  }
  return findings;
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
