import type { Path } from '../core/problem';
import { isMap } from '../core/is-map';
import { OLDEST_SUPPORTED_K3S } from '../k3s/versions';
import { kubernetesMinor } from '../validate/later-fields';
import { show } from '../validate/paths';

type Values = Readonly<Record<string, unknown>>;

/** A finding at one annotation of the pod. */
interface Finding {
  readonly at: Path;
  readonly message: string;
}

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER = 'container.apparmor.security.beta.kubernetes.io/';
const REFUSED = 'which the API server refuses, failing the whole object';
/** Since Kubernetes 1.27 (kubernetes/kubernetes PR #114947, CHANGELOG-1.27) a seccomp annotation sets nothing. */
const SECCOMP_FIX =
  'remove the annotation (Kubernetes reads only securityContext.seccompProfile since 1.27, and the annotation does nothing)';

/** The seccomp annotation a profile field stands for (validateSeccompAnnotationsAndFieldsMatch), or undefined. */
function seccompAnnotationFor(field: Values): readonly string[] | undefined {
  if (field.type === 'Unconfined') return ['unconfined'];
  if (field.type === 'RuntimeDefault') return ['runtime/default', 'docker/default'];
  // A Localhost field without its file is refused as such (pod-security-limits.ts), not again here.
  if (field.type === 'Localhost' && typeof field.localhostProfile === 'string') return [`localhost/${field.localhostProfile}`];
  return undefined;
}

/** The AppArmor annotation a profile field stands for (validateAppArmorAnnotationsAndFieldsMatchOnCreate), or undefined. */
function appArmorAnnotationFor(field: Values): string | undefined {
  if (field.type === 'Unconfined') return 'unconfined';
  if (field.type === 'RuntimeDefault') return 'runtime/default';
  if (field.type === 'Localhost' && typeof field.localhostProfile === 'string') return `localhost/${field.localhostProfile}`;
  return undefined;
}

/** ValidateSeccompProfile: what is wrong with a seccomp annotation's value, or undefined. */
function seccompValueProblem(value: string): string | undefined {
  if (['runtime/default', 'docker/default', 'unconfined'].includes(value)) return undefined;
  if (!value.startsWith('localhost/'))
    return `not a seccomp profile (runtime/default, unconfined or localhost/<file>), ${REFUSED} ("must be a valid seccomp profile", ValidateSeccompProfile)`;
  const file = value.slice('localhost/'.length);
  if (file.startsWith('/')) return `a profile at an absolute path, ${REFUSED} ("must be a relative path", validateLocalDescendingPath)`;
  if (file.split('/').includes('..'))
    return `a profile path with a ".." element, ${REFUSED} ("must not contain '..'", validateLocalDescendingPath)`;
  return undefined;
}

const securityOf = (holder: unknown): Values => (isMap(holder) && isMap(holder.securityContext) ? holder.securityContext : {});
const profileOf = (context: Values, key: string): Values | undefined => (isMap(context[key]) ? context[key] : undefined);

/**
 * What the API server refuses in a pod's (or pod template's) seccomp and AppArmor annotations
 * (kubernetes/kubernetes pkg/apis/core/validation/validation.go, v1.27 to v1.35: ValidatePodTemplateSpec and
 * ValidatePodCreate run ValidatePodSpecificAnnotations and validateSeccompAnnotationsAndFields, and from v1.30 (PR #123435)
 * validateAppArmorAnnotationsAndFieldsMatchOnCreate):
 * - a seccomp annotation (the pod's, any container's) that ValidateSeccompProfile refuses;
 * - a seccomp annotation unlike the field it stands beside (the pod's annotation and field; a container's annotation and
 *   its own field): "seccomp type in annotation and field must match";
 * - an AppArmor annotation naming no container of the pod ("container not found") or no profile
 *   (ValidateAppArmorProfileFormat: "", runtime/default, unconfined or localhost/<name>);
 * - from 1.30, an AppArmor annotation unlike the container's field (its own, else the pod's).
 * Any of these fails the whole object (for Traefik's pods, the whole release). An `unconfined` seccomp annotation alone
 * passes: from 1.27 it sets no field (PR #114947) and the baseline standard reads only the field from 1.19
 * (pod-security-admission policy/check_seccompProfile_baseline.go). `at` is the annotations map's path; `k3sVersion`
 * (`k3s.version`) decides whether the AppArmor field exists.
 */
export function podAnnotationLimitProblems(spec: Values, annotations: unknown, at: Path, k3sVersion: string | undefined): Finding[] {
  if (!isMap(annotations)) return [];
  const minor = kubernetesMinor(k3sVersion) ?? OLDEST_SUPPORTED_K3S.minor;
  const containers = CONTAINER_LISTS.flatMap((list) => (Array.isArray(spec[list]) ? (spec[list] as unknown[]) : []).filter(isMap));
  const names = containers.map((container) => container.name).filter((name): name is string => typeof name === 'string');
  const podContext = isMap(spec.securityContext) ? spec.securityContext : {};
  const findings: Finding[] = [];
  const say = (key: string, message: string) => findings.push({ at: [...at, key], message: `is ${show(annotations[key])}, ${message}` });
  for (const [key, value] of Object.entries(annotations)) {
    if (typeof value !== 'string') continue;
    if (key === SECCOMP_POD || key.startsWith(SECCOMP_CONTAINER)) {
      const wrong = seccompValueProblem(value);
      if (wrong) {
        say(key, `${wrong}: ${SECCOMP_FIX}`);
        continue;
      }
      const podWide = key === SECCOMP_POD;
      const container = containers.find((c) => c.name === key.slice(SECCOMP_CONTAINER.length));
      const field = podWide ? profileOf(podContext, 'seccompProfile') : container && profileOf(securityOf(container), 'seccompProfile');
      const expected = field && seccompAnnotationFor(field);
      if (field && expected && !expected.includes(value))
        say(
          key,
          `but the ${podWide ? "pod's" : "container's own"} securityContext.seccompProfile is type ${show(field.type)}, ${REFUSED} ("seccomp type in annotation and field must match", validateSeccompAnnotationsAndFields): ${SECCOMP_FIX}`,
        );
      continue;
    }
    if (!key.startsWith(APPARMOR_CONTAINER)) continue;
    const name = key.slice(APPARMOR_CONTAINER.length);
    const container = containers.find((c) => c.name === name);
    const profile = value === '' || value === 'runtime/default' || value === 'unconfined' || value.startsWith('localhost/');
    // One line for the annotation (one problem a path), with each thing the API server says of it.
    const wrong = [
      ...(container
        ? []
        : [
            `for container ${show(name)}, which the pod does not have (its containers: ${names.map((n) => show(n)).join(', ') || 'none'}) ("container not found", ValidateAppArmorPodAnnotations)`,
          ]),
      ...(profile ? [] : ['not an AppArmor profile ("invalid AppArmor profile name", ValidateAppArmorProfileFormat)']),
    ];
    if (wrong.length) {
      const fixes = [
        ...(container ? [] : ['put one of those names after the slash (or remove the annotation)']),
        ...(profile ? [] : ['write runtime/default, or localhost/<name of a profile loaded on the nodes>']),
      ];
      say(key, `${wrong.join(', and ')}, ${REFUSED}: ${fixes.join(', and ')}`);
      continue;
    }
    // The field exists from Kubernetes 1.30; before it later-fields.ts refuses the field itself.
    const field =
      container && minor >= 30
        ? (profileOf(securityOf(container), 'appArmorProfile') ?? profileOf(podContext, 'appArmorProfile'))
        : undefined;
    const expected = field && appArmorAnnotationFor(field);
    if (field && expected && expected !== value)
      say(
        key,
        `but the container's appArmorProfile (its own, else the pod's) stands for ${show(expected)}, ${REFUSED} ("apparmor type in annotation and field must match", validateAppArmorAnnotationsAndFieldsMatchOnCreate): remove the annotation (the field replaces it), or write ${show(expected)}`,
      );
  }
  return findings;
}
