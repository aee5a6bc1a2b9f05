import { kindEntry, POD_TEMPLATES } from './kinds';
import { FieldPath, Finding, formatField, isRecord, joinPattern, select, show } from './paths';

type KubeObject = Record<string, unknown>;

/** A pod spec's container lists, in the order the API server checks their names. */
const LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

/** Every pod spec of a workload, with its path (Pod, template, a CronJob's job template). */
export function podSpecsOf(object: KubeObject): Array<{ path: FieldPath; spec: Record<string, unknown> }> {
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const template = kindEntry(POD_TEMPLATES, typeof object.apiVersion === 'string' ? object.apiVersion : '', kind);
  if (template === undefined) return [];
  return select(object, joinPattern(template, 'spec')).flatMap(({ path, value }) => (isRecord(value) ? [{ path, spec: value }] : []));
}

/**
 * Container names given twice in one pod: the API server refuses a name that an earlier container, init container or
 * ephemeral container of the pod already has (kubernetes/kubernetes pkg/apis/core/validation/validation.go, v1.27 to
 * v1.33: validateContainers and validateInitContainers of ValidatePodSpec, validateEphemeralContainers: `allNames`,
 * "Duplicate value"). Paths lie below the pod spec; `holder` says which container had the name first (by default its
 * path below the pod spec, such as `containers[0]`).
 */
export function duplicateContainerNames(spec: Record<string, unknown>, holder: (path: FieldPath) => string = formatField): Finding[] {
  const first = new Map<string, FieldPath>();
  const findings: Finding[] = [];
  for (const list of LISTS) {
    (Array.isArray(spec[list]) ? (spec[list] as unknown[]) : []).forEach((container, i) => {
      const name = isRecord(container) ? container.name : undefined;
      if (typeof name !== 'string' || name === '') return;
      const earlier = first.get(name);
      if (earlier === undefined) first.set(name, [list, i]);
      else
        findings.push({
          path: [list, i, 'name'],
          message:
            `is ${show(name)}, the name of ${holder(earlier)} too, and the API server refuses one container name twice in a pod ` +
            '(containers, init containers and ephemeral containers alike: "Duplicate value"): give it another name',
        });
    });
  }
  return findings;
}

/**
 * A volume mount's `mountPropagation: Bidirectional` in a container that is not privileged: the API server refuses it
 * (validation.go validateMountPropagation, v1.27 to v1.33: "Bidirectional mount propagation is available only to
 * privileged containers", `securityContext.privileged` true). A value other than None, HostToContainer and Bidirectional
 * is the schema's to refuse. Paths lie below the pod spec.
 */
export function bidirectionalMountProblems(spec: Record<string, unknown>): Finding[] {
  return LISTS.flatMap((list) =>
    select(spec, `${list}[*]`).flatMap(({ path, value: container }) => {
      const security = isRecord(container) ? container.securityContext : undefined;
      if (isRecord(security) && security.privileged === true) return [];
      return select(container, 'volumeMounts[*].mountPropagation')
        .filter(({ value }) => value === 'Bidirectional')
        .map((mount) => ({
          path: [...path, ...mount.path],
          message:
            'is "Bidirectional", which the API server allows only in a privileged container ("Bidirectional mount propagation is ' +
            'available only to privileged containers"): use HostToContainer, or set securityContext.privileged: true on this container',
        }));
    }),
  );
}

/** duplicateContainerNames in each pod spec of a workload. */
export function checkContainerNames(object: KubeObject): Finding[] {
  return podSpecsOf(object).flatMap(({ path, spec }) =>
    duplicateContainerNames(spec).map((finding) => ({ ...finding, path: [...path, ...finding.path] })),
  );
}

/** bidirectionalMountProblems in each pod spec of a workload. */
export function checkMountPropagation(object: KubeObject): Finding[] {
  return podSpecsOf(object).flatMap(({ path, spec }) =>
    bidirectionalMountProblems(spec).map((finding) => ({ ...finding, path: [...path, ...finding.path] })),
  );
}
