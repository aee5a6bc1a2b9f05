import { FieldPath, Finding, isRecord, show } from './paths';
import { dnsConfigProblems } from './dns-config';
import { hostAliasProblems } from './host-aliases';
import { podSchedulingProblems } from './pod-scheduling';
import { volumeSourceProblems } from './volume-sources';

type Node = Record<string, unknown>;
const REFUSED = 'which the API server refuses';
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * Rules of a pod spec beyond its containers' own fields (kubernetes/kubernetes pkg/apis/core/validation/validation.go,
 * v1.27): validateHostNetwork, under `hostNetwork: true` every container's and init container's `hostPort` equals its
 * `containerPort` (an unset or 0 hostPort is defaulted to it, pkg/apis/core/v1/defaults.go SetDefaults_Pod); validateSysctls,
 * a `securityContext.sysctls` name that IsValidSysctlName takes, given once; validatePodDNSConfig (dns-config.ts);
 * ValidateHostAliases (host-aliases.ts); tolerations, topology spread and pod (anti-)affinity (pod-scheduling.ts); the files of its secret, configMap and projected volumes (volume-sources.ts). Paths lie
 * below the pod spec.
 */
export function podSpecProblems(spec: Node): Finding[] {
  return [
    ...hostNetworkPortProblems(spec),
    ...sysctlProblems(spec.securityContext),
    ...dnsConfigProblems(spec),
    ...hostAliasProblems(spec),
    ...podSchedulingProblems(spec),
    ...volumeSourceProblems(spec.volumes, ['volumes']),
  ];
}

function hostNetworkPortProblems(spec: Node): Finding[] {
  if (spec.hostNetwork !== true) return [];
  return (['containers', 'initContainers'] as const).flatMap((list) =>
    items(spec[list]).flatMap((container, i) =>
      items(isRecord(container) ? container.ports : undefined).flatMap((port, j): Finding[] => {
        if (!isRecord(port)) return [];
        const { hostPort, containerPort } = port;
        if (typeof hostPort !== 'number' || hostPort === 0 || typeof containerPort !== 'number' || hostPort === containerPort) return [];
        return [
          {
            path: [list, i, 'ports', j, 'hostPort'],
            message:
              `is ${show(hostPort)}, not its containerPort ${show(containerPort)}, in a pod with hostNetwork: true, ${REFUSED} ` +
              '("must match `hostPort` when `hostNetwork` is true", validateHostNetwork: the container listens on the node itself, so no port ' +
              `is mapped): write hostPort: ${show(containerPort)}, or remove it`,
          },
        ];
      }),
    ),
  );
}

/** apimachinery IsValidSysctlName (v1.27): dot- or slash-separated segments of [a-z0-9] with inner '-' and '_', at most 253. */
const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
export const isSysctlName = (name: string): boolean => name !== '' && name.length <= 253 && SYSCTL_NAME.test(name);

function sysctlProblems(security: unknown): Finding[] {
  if (!isRecord(security)) return [];
  const seen = new Map<string, number>();
  return items(security.sysctls).flatMap((sysctl, i): Finding[] => {
    const name = isRecord(sysctl) ? sysctl.name : undefined;
    if (typeof name !== 'string') return [];
    const path: FieldPath = ['securityContext', 'sysctls', i, 'name'];
    if (!isSysctlName(name))
      return [
        {
          path,
          message: `is ${show(name)}, not a sysctl name, ${REFUSED} (IsValidSysctlName, validateSysctls: at most 253 characters of lower-case letters, digits, '-' and '_' in parts joined by '.' or '/'): write a name such as net.ipv4.ip_unprivileged_port_start`,
        },
      ];
    const earlier = seen.get(name);
    if (earlier === undefined) {
      seen.set(name, i);
      return [];
    }
    return [
      {
        path,
        message: `is ${show(name)}, already the name of sysctls[${earlier}], ${REFUSED} ("Duplicate value", validateSysctls): set each sysctl once`,
      },
    ];
  });
}
