import type { Path } from '../core/problem';
import { isMap } from '../core/is-map';
import { show } from '../validate/paths';
import { isSysctlName } from '../validate/pod-spec-rules';
import { OLDEST_SUPPORTED_K3S } from '../k3s/versions';
import { kubernetesMinor } from '../validate/later-fields';
import { allowedFrom, baselineAllowed, releaseShortfall } from './baseline-versions';

type Values = Readonly<Record<string, unknown>>;

/** A finding below a pod spec's holder. */
interface Finding {
  readonly at: Path;
  readonly message: string;
}

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

const API_SERVER = 'which the API server refuses';
const PROFILE_FOLDER =
  "the profile's file relative to the kubelet's seccomp folder (/var/lib/kubelet/seccomp), such as profiles/traefik.json";
const KUBELET = "the kubelet starts no pod with it (SysctlForbidden; this tool's K3s configuration allows no unsafe sysctl)";

/**
 * A HostProcess container runs as a process of a Windows node itself. The baseline Pod Security Standard refuses it
 * (pod-security-standards.md "HostProcess"), and the API server takes it only in a pod with hostNetwork whose every
 * container is one (kubernetes/kubernetes pkg/apis/core/validation/validation.go validateWindowsHostProcessPod), so any
 * `true` is refused; K3s runs Linux nodes only.
 */
function hostProcessProblems(context: Values, at: Path): Finding[] {
  const windows = isMap(context.windowsOptions) ? context.windowsOptions : {};
  return windows.hostProcess === true
    ? [
        {
          at: [...at, 'windowsOptions', 'hostProcess'],
          message:
            'is true, which makes a Windows HostProcess container (a process of the node itself, outside any container): the baseline Pod Security Standard refuses it, the API server takes it only with hostNetwork and every container of the pod one ("hostNetwork must be true if pod contains any hostProcess containers", validateWindowsHostProcessPod), and K3s\' nodes run Linux: remove it',
        },
      ]
    : [];
}

/**
 * validation.go validateSeccompProfileField (v1.27 to v1.35): `localhostProfile` is required with type Localhost, held
 * to validateLocalDescendingPath (not absolute, no `..` element), and refused beside any other type. A null is unset
 * (a nil pointer); a value that is no text, and the type itself, are the schema's.
 */
function seccompShapeProblems(context: Values, at: Path): Finding[] {
  const profile = context.seccompProfile;
  if (!isMap(profile)) return [];
  const here = [...at, 'seccompProfile'];
  const file = profile.localhostProfile;
  const given = file !== undefined && file !== null;
  if (profile.type !== 'Localhost')
    return given && typeof profile.type === 'string'
      ? [
          {
            at: [...here, 'localhostProfile'],
            message: `is set while seccompProfile.type is ${show(profile.type)}, ${API_SERVER} ("can only be set when seccomp type is Localhost", validateSeccompProfileField): remove it, or set type: Localhost to use that profile`,
          },
        ]
      : [];
  if (!given)
    return [
      {
        at: [...here, 'type'],
        message: `is "Localhost" without a localhostProfile, ${API_SERVER} ("must be set when seccomp type is Localhost", validateSeccompProfileField): add localhostProfile, ${PROFILE_FOLDER}, or use type RuntimeDefault`,
      },
    ];
  if (typeof file !== 'string') return [];
  const why = file.startsWith('/')
    ? `an absolute path, ${API_SERVER} ("must be a relative path", validateLocalDescendingPath)`
    : file.split('/').includes('..')
      ? `a path with a ".." element, ${API_SERVER} ("must not contain '..'", validateLocalDescendingPath)`
      : undefined;
  return why ? [{ at: [...here, 'localhostProfile'], message: `is ${show(file)}, ${why}: write ${PROFILE_FOLDER}` }] : [];
}

const APPARMOR_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];
const APPARMOR_NAME = 'the name of an AppArmor profile loaded on every node, such as k8s-traefik';

/**
 * validation.go ValidateAppArmorProfileField (v1.30 to v1.35; the field is served from 1.30, later-fields.ts): a type
 * of Localhost, RuntimeDefault or Unconfined; with Localhost a `localhostProfile` neither empty nor padded with
 * whitespace, of at most 4095 characters; with any other type none. The 1.27 schema this tool reads lacks the field, so
 * all of it is judged here.
 */
function appArmorShapeProblems(context: Values, at: Path): Finding[] {
  const profile = context.appArmorProfile;
  const here = [...at, 'appArmorProfile'];
  if (profile === undefined || profile === null) return [];
  if (!isMap(profile)) return [{ at: here, message: `is ${show(profile)}, not a map, ${API_SERVER}: write {type: RuntimeDefault}` }];
  const { type, localhostProfile: name } = profile;
  const given = name !== undefined && name !== null;
  if (typeof type !== 'string' || !APPARMOR_TYPES.includes(type))
    return [
      {
        at: [...here, 'type'],
        message: `is ${type === undefined || type === '' ? 'unset' : show(type)}, not an AppArmor profile type (${APPARMOR_TYPES.join(', ')}), ${API_SERVER} (ValidateAppArmorProfileField): write type: RuntimeDefault, or Localhost with localhostProfile`,
      },
    ];
  if (type !== 'Localhost')
    return given
      ? [
          {
            at: [...here, 'localhostProfile'],
            message: `is set while appArmorProfile.type is ${show(type)}, ${API_SERVER} ("can only be set when AppArmor type is Localhost", ValidateAppArmorProfileField): remove it, or set type: Localhost to use that profile`,
          },
        ]
      : [];
  if (!given || name === '')
    return [
      {
        at: [...here, given ? 'localhostProfile' : 'type'],
        message: `is ${given ? '""' : '"Localhost" without a localhostProfile'}, ${API_SERVER} ("must be set when AppArmor type is Localhost", ValidateAppArmorProfileField): add localhostProfile, ${APPARMOR_NAME}, or use type RuntimeDefault`,
      },
    ];
  if (typeof name !== 'string') return [];
  const why =
    name.trim() !== name
      ? `padded with whitespace, ${API_SERVER} ("must not be padded with whitespace")`
      : name.length > 4095
        ? `longer than 4095 characters, ${API_SERVER} (PATH_MAX)`
        : undefined;
  return why ? [{ at: [...here, 'localhostProfile'], message: `is ${show(name)}, ${why}: write ${APPARMOR_NAME}` }] : [];
}

/**
 * A sysctl name as the kubelet reads it: one whose first separator is a slash has its slashes and dots swapped
 * (k8s.io/component-helpers node/util/sysctl NormalizeName), so `net/ipv4/ip_local_port_range` is the dotted one.
 */
function dotted(name: string): string {
  const slash = name.indexOf('/');
  const dot = name.indexOf('.');
  return slash !== -1 && (dot === -1 || slash < dot) ? name.replace(/[./]/g, (c) => (c === '.' ? '/' : '.')) : name;
}

/**
 * The pod's sysctls, by the baseline's safe set of the release (baseline-versions.ts), which is the kubelet's; and none of
 * the network's in a pod on the node's network, where the kubelet refuses them (kubernetes/kubernetes
 * pkg/kubelet/sysctl/allowlist.go validateSysctl: "not allowed with host net enabled"; sysctl-cluster.md).
 */
function sysctlProblems(spec: Values, at: Path, k3sVersion: string | undefined): Finding[] {
  const context = isMap(spec.securityContext) ? spec.securityContext : {};
  const sysctls: unknown[] = Array.isArray(context.sysctls) ? context.sysctls : [];
  const safe = baselineAllowed('sysctls', k3sVersion);
  return sysctls.flatMap((sysctl, i): Finding[] => {
    const given = isMap(sysctl) ? sysctl.name : undefined;
    // A name the API server refuses as a name is pod-spec-rules.ts' to say (one line, with the right fix).
    if (typeof given !== 'string' || !isSysctlName(given)) return [];
    const here = [...at, 'securityContext', 'sysctls', i, 'name'];
    const finding = (message: string) => [{ at: here, message: `is ${show(given)}, ${message}` }];
    const name = dotted(given);
    // 86a-8: under hostNetwork a net.* sysctl is refused whatever the safe set says; "drop hostNetwork" is offered only
    // for one that the safe set then takes.
    const hostNet = spec.hostNetwork === true && name.startsWith('net.');
    const onHost = `a net.* sysctl in a pod on the node's own network (hostNetwork), where it would set the node's: the kubelet starts no such pod ("not allowed with host net enabled", SysctlForbidden)`;
    const since = allowedFrom('sysctls', name, k3sVersion);
    if (safe.includes(name)) return hostNet ? finding(`${onHost}: remove it, or drop hostNetwork`) : [];
    if (hostNet)
      return finding(
        `${onHost}, and ${since === undefined ? `it is outside the safe set (${safe.join(', ')})` : `the safe set takes it only from Kubernetes 1.${since}`}, so dropping hostNetwork alone does not help: remove it`,
      );
    if (since !== undefined)
      return finding(
        `a sysctl safe from Kubernetes 1.${since} on (an older kubelet starts no pod with it, and the baseline Pod Security Standard refuses it), ${releaseShortfall(since, k3sVersion)}`,
      );
    return finding(
      `a sysctl outside the safe set (${safe.join(', ')}): ${KUBELET}, and the baseline Pod Security Standard refuses it: remove it (a node-wide setting belongs in the nodes' own sysctl configuration)`,
    );
  });
}

/**
 * What no pod on K3s may hold, whoever writes it (Traefik's own pod, the user's containers in it, an `extraObjects` pod):
 * a HostProcess container, a sysctl outside the release's safe set, a seccomp or AppArmor profile the API server refuses. Each is
 * refused by the API server or the kubelet K3s runs (and the first two by the baseline standard too), so the pod never
 * runs. `at` is the pod spec's path; `k3sVersion` (`k3s.version`) decides the safe set.
 */
export function podSecurityLimitProblems(spec: Values, at: Path, k3sVersion: string | undefined): Finding[] {
  const contexts: Array<{ context: unknown; here: Path }> = [
    { context: spec.securityContext, here: [...at, 'securityContext'] },
    ...CONTAINER_LISTS.flatMap((list) =>
      (Array.isArray(spec[list]) ? (spec[list] as unknown[]) : []).map((container, i) => ({
        context: isMap(container) ? container.securityContext : undefined,
        here: [...at, list, i, 'securityContext'],
      })),
    ),
  ];
  // Before 1.30 the field is refused as such (later-fields.ts).
  const appArmor = (kubernetesMinor(k3sVersion) ?? OLDEST_SUPPORTED_K3S.minor) >= 30;
  return [
    ...contexts.flatMap(({ context, here }) =>
      isMap(context)
        ? [
            ...hostProcessProblems(context, here),
            ...seccompShapeProblems(context, here),
            ...(appArmor ? appArmorShapeProblems(context, here) : []),
          ]
        : [],
    ),
    ...sysctlProblems(spec, at, k3sVersion),
  ];
}
