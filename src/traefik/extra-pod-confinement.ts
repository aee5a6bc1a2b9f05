import type { Path } from '../core/problem';
import { isMap } from '../core/is-map';
import { show } from '../validate/paths';
import { allowedFrom, baselineAllowed, releaseShortfall } from './baseline-versions';

type Values = Readonly<Record<string, unknown>>;

/** A finding below an item's pod spec. */
interface Finding {
  readonly at: Path;
  readonly message: string;
}

/**
 * The capabilities the Pod Security Standards' baseline profile lets a container add (kubernetes/website
 * content/en/docs/concepts/security/pod-security-standards.md, "Capabilities", Kubernetes 1.27); any other (SYS_ADMIN,
 * SYS_MODULE, NET_ADMIN, ALL...) reaches the node's kernel or network.
 */
const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

const FIX = "remove it (the baseline Pod Security Standard refuses it; run a node agent beside this tool's manifests)";

/** What each profile, Unconfined, takes away. */
const PROFILES = {
  seccompProfile: "lifts the kernel's filter on the container's system calls",
  appArmorProfile: 'lifts the mandatory access control AppArmor puts on the container',
} as const;

/**
 * A security context's profile set to Unconfined: seccomp (`seccompProfile`) or AppArmor (`appArmorProfile`, 1.30 on),
 * and an SELinux type outside the baseline standard's of the release (baseline-versions.ts; a type a later release allows
 * says which), user or role (pod-security-standards.md "SELinux": refused at every release).
 */
function unconfined(context: Values, at: Path, k3sVersion: string | undefined): Finding[] {
  const findings: Finding[] = (Object.keys(PROFILES) as Array<keyof typeof PROFILES>).flatMap((key) => {
    const profile = context[key];
    return isMap(profile) && profile.type === 'Unconfined'
      ? [{ at: [...at, key, 'type'], message: `is "Unconfined", which ${PROFILES[key]}, ${FIX}` }]
      : [];
  });
  const selinux = isMap(context.seLinuxOptions) ? context.seLinuxOptions : {};
  const type = selinux.type;
  if (type !== undefined && !(typeof type === 'string' && baselineAllowed('selinuxTypes', k3sVersion).includes(type))) {
    const since = typeof type === 'string' ? allowedFrom('selinuxTypes', type, k3sVersion) : undefined;
    findings.push({
      at: [...at, 'seLinuxOptions', 'type'],
      message:
        since === undefined
          ? `is ${show(type)}, an SELinux type outside the container's, ${FIX}`
          : `is ${show(type)}, an SELinux type the baseline Pod Security Standard allows from Kubernetes 1.${since} on, ${releaseShortfall(since, k3sVersion)}`,
    });
  }
  for (const key of ['user', 'role'])
    if (selinux[key] !== undefined && selinux[key] !== '')
      findings.push({
        at: [...at, 'seLinuxOptions', key],
        message: `is set, which gives the container an SELinux ${key} of its own, ${FIX}`,
      });
  return findings;
}

/** AppArmor by annotation (before the field): `container.apparmor.security.beta.kubernetes.io/<container>: unconfined`. */
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

/**
 * 83a-15: what lets an extraObjects pod out of its container short of `privileged`, by the baseline Pod Security
 * Standard of the release of `k3sVersion` (`k3s.version`): a capability outside its list, seccomp or AppArmor Unconfined
 * (the pod's or a container's), an SELinux option, an Unmasked /proc. `at` is the pod spec's path below the item. What
 * breaks any pod (HostProcess, sysctls, seccomp shapes) is pod-security-limits.ts'.
 */
export function confinementProblems(spec: Values, at: Path, podMetadata: Values, k3sVersion: string | undefined): Finding[] {
  const podContext = isMap(spec.securityContext) ? spec.securityContext : {};
  const findings = unconfined(podContext, [...at, 'securityContext'], k3sVersion);
  const annotations = isMap(podMetadata.annotations) ? podMetadata.annotations : {};
  for (const [key, value] of Object.entries(annotations))
    if (key.startsWith(APPARMOR_ANNOTATION) && value === 'unconfined')
      findings.push({
        at: [...at.slice(0, -1), 'metadata', 'annotations', key],
        message: `is "unconfined", which ${PROFILES.appArmorProfile}, ${FIX}`,
      });
  for (const list of CONTAINER_LISTS) {
    const containers: unknown[] = Array.isArray(spec[list]) ? spec[list] : [];
    containers.forEach((container, i) => {
      const context = isMap(container) && isMap(container.securityContext) ? container.securityContext : {};
      const here = [...at, list, i, 'securityContext'];
      findings.push(...unconfined(context, here, k3sVersion));
      if (context.procMount === 'Unmasked')
        findings.push({ at: [...here, 'procMount'], message: `is "Unmasked", which shows the container the node's /proc, ${FIX}` });
      const added = isMap(context.capabilities) && Array.isArray(context.capabilities.add) ? context.capabilities.add : [];
      added.forEach((capability, j) => {
        // Judged in any letter case; a name with a CAP_ prefix is no capability at all, refused as such by the schema's
        // capability-name rule (which says the name to write, judged here once written).
        const name = typeof capability === 'string' ? capability.toUpperCase() : '';
        if (!BASELINE_CAPABILITIES.has(name) && !name.startsWith('CAP_'))
          findings.push({
            at: [...here, 'capabilities', 'add', j],
            message: `is ${show(capability)}, a capability that reaches past the container (the node's kernel, network or files), ${FIX}`,
          });
      });
    });
  }
  return findings;
}
