import { labelKey } from '../config/formats';
import { FieldPath, Finding, isRecord, show } from './paths';
import { parseQuantity } from './quantity';

type Node = Record<string, unknown>;
const REFUSED = 'which the API server refuses';
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const MAX_ID = 2147483647;

/** The priority each of Kubernetes' own PriorityClasses gives (kubernetes pkg/apis/scheduling: SystemCriticalPriority). */
const SYSTEM_PRIORITIES: Readonly<Record<string, number>> = {
  'system-cluster-critical': 2000000000,
  'system-node-critical': 2000001000,
};

/**
 * A pod spec's fields that the API server, or the Priority admission plugin every K3s server runs, refuses, beside those
 * of pod-spec-rules.ts and container-fields.ts (kubernetes/kubernetes v1.27, pkg/apis/core/validation/validation.go:
 * ValidatePodSecurityContext and ValidateSecurityContext, user and group IDs from 0 to 2147483647 (IsValidUserID,
 * IsValidGroupID); validateReadinessGates, a condition type that is a qualified name; validateVolumeSource, an emptyDir
 * sizeLimit not below 0 (a volume of no source is no problem: SetDefaults_Volume makes it an emptyDir, 86b-8);
 * plugin/pkg/admission/priority:
 * `priority` must equal what the PriorityClass gives, 0 without one, as K3s makes no global default class).
 * Values of the wrong type are the schema's. Paths lie below the pod spec.
 */
export function podAdmissionProblems(spec: Node): Finding[] {
  const findings: Finding[] = [...idProblems(spec.securityContext, ['securityContext'], true)];
  for (const list of ['containers', 'initContainers'] as const)
    items(spec[list]).forEach((container, i) => {
      if (isRecord(container)) findings.push(...idProblems(container.securityContext, [list, i, 'securityContext'], false));
    });
  items(spec.readinessGates).forEach((gate, i) => {
    const type = isRecord(gate) ? gate.conditionType : undefined;
    const problem = typeof type === 'string' ? labelKey(type) : undefined;
    if (problem)
      findings.push({
        path: ['readinessGates', i, 'conditionType'],
        message: `${problem.replace(/ is not a valid key/, ' is not a qualified name')}, ${REFUSED} (validateReadinessGates)`,
      });
  });
  items(spec.volumes).forEach((volume, i) => {
    if (!isRecord(volume)) return;
    const limit = isRecord(volume.emptyDir) ? volume.emptyDir.sizeLimit : undefined;
    const quantity = parseQuantity(limit);
    if (quantity && quantity.num < 0n)
      findings.push({
        path: ['volumes', i, 'emptyDir', 'sizeLimit'],
        message: `is ${show(limit)}, a negative size, ${REFUSED} ("SizeLimit field must be a valid resource quantity"): write a size such as 1Gi, or remove it`,
      });
  });
  findings.push(...priorityProblems(spec));
  return findings;
}

/** A user or group ID out of 0..2147483647 in a pod's or container's security context. */
function idProblems(context: unknown, at: FieldPath, pod: boolean): Finding[] {
  if (!isRecord(context)) return [];
  const keys = pod ? ['runAsUser', 'runAsGroup', 'fsGroup'] : ['runAsUser', 'runAsGroup'];
  const ids: Array<[FieldPath, unknown]> = keys.map((key) => [[...at, key], context[key]]);
  if (pod) items(context.supplementalGroups).forEach((id, i) => ids.push([[...at, 'supplementalGroups', i], id]));
  return ids.flatMap(([path, id]) =>
    Number.isInteger(id) && ((id as number) < 0 || (id as number) > MAX_ID)
      ? [
          {
            path,
            message: `is ${show(id)}, ${REFUSED} ("must be between 0 and ${MAX_ID}, inclusive"): write an ID in that range, such as 65532`,
          },
        ]
      : [],
  );
}

function priorityProblems(spec: Node): Finding[] {
  const { priority, priorityClassName: className } = spec;
  if (!Number.isInteger(priority)) return [];
  const computed = className === undefined || className === null || className === '' ? 0 : SYSTEM_PRIORITIES[String(className)];
  if (computed === undefined || computed === priority) return [];
  return [
    {
      path: ['priority'],
      message:
        `is ${show(priority)}, but ${computed === 0 ? 'with no priorityClassName the priority is 0' : `the PriorityClass ${show(className)} gives ${computed}`}, ` +
        `and the Priority admission plugin refuses a pod whose priority differs ("must not be provided in pod spec"): remove the key, and name a PriorityClass in priorityClassName`,
    },
  ];
}
