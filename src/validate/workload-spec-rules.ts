import { dns1123Label } from '../config/formats';
import { podSpecsOf } from './container-rules';
import { groupKind, kindEntry } from './kinds';
import { FieldPath, Finding, isRecord, select, show } from './paths';

type Node = Record<string, unknown>;
const REFUSED = 'which the API server refuses';
const INT32_MAX = 2 ** 31 - 1;
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const given = (value: unknown): boolean => value !== undefined && value !== null;
const wholeNumber = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** The words of the API server's rule on pod volume names (ValidateVolumes), said of Traefik's pods too (traefik/pod-volumes.ts). */
export const VOLUME_NAME_TWICE = 'the API server refuses one volume name twice';

/**
 * What the API server asks of a workload beyond its pods' fields (kubernetes/kubernetes, v1.27 to v1.35):
 * pkg/apis/apps/validation/validation.go ValidateDeploymentSpec (ValidatePodTemplateSpecForReplicaSet, ValidateDeploymentStrategy),
 * ValidateReplicaSetSpec, ValidateDaemonSetSpec, ValidateStatefulSetSpec; pkg/apis/core/validation/validation.go
 * ValidateReplicationControllerSpec (ValidatePodTemplateSpecForRC); pkg/apis/batch/validation/validation.go
 * validateJobSpec, validateCronJobSpec.
 */
interface WorkloadSpec {
  /** The restart policies its pods may have; none written is the pod's default, Always (pkg/apis/core/v1 SetDefaults_PodSpec). */
  readonly restartPolicies: readonly string[];
  /** Set: the template may not set activeDeadlineSeconds, in the API server's words ("activeDeadlineSeconds in ReplicaSet ..."). */
  readonly noDeadline?: string;
  /** Counts (patterns below the object) the API server refuses below 0 (ValidateNonnegativeField). */
  readonly counts: readonly string[];
  /** A strategy type that may not come with `rollingUpdate`, where it sits, and the API server's words. */
  readonly plainStrategy?: { readonly field: string; readonly type: string; readonly says: string };
}

const POD_RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const ALWAYS = ['Always'];
const RUN_TO_END = ['OnFailure', 'Never'];
const JOB_COUNTS = [
  'parallelism',
  'completions',
  'activeDeadlineSeconds',
  'backoffLimit',
  'ttlSecondsAfterFinished',
  'backoffLimitPerIndex',
  'maxFailedIndexes',
];

const WORKLOAD_SPECS: Readonly<Record<string, WorkloadSpec>> = {
  ReplicationController: {
    restartPolicies: ALWAYS,
    noDeadline: 'activeDeadlineSeconds in ReplicationController is not Supported',
    counts: ['spec.replicas', 'spec.minReadySeconds'],
  },
  'apps/ReplicaSet': {
    restartPolicies: ALWAYS,
    noDeadline: 'activeDeadlineSeconds in ReplicaSet is not Supported',
    counts: ['spec.replicas', 'spec.minReadySeconds'],
  },
  'apps/Deployment': {
    restartPolicies: ALWAYS,
    noDeadline: 'activeDeadlineSeconds in ReplicaSet is not Supported',
    counts: ['spec.replicas', 'spec.minReadySeconds', 'spec.revisionHistoryLimit', 'spec.progressDeadlineSeconds'],
    plainStrategy: { field: 'strategy', type: 'Recreate', says: "may not be specified when strategy `type` is 'Recreate'" },
  },
  'apps/DaemonSet': {
    restartPolicies: ALWAYS,
    noDeadline: 'activeDeadlineSeconds in DaemonSet is not Supported',
    counts: ['spec.minReadySeconds', 'spec.revisionHistoryLimit'],
  },
  'apps/StatefulSet': {
    restartPolicies: ALWAYS,
    noDeadline: 'activeDeadlineSeconds in StatefulSet is not Supported',
    counts: ['spec.replicas', 'spec.minReadySeconds', 'spec.updateStrategy.rollingUpdate.partition', 'spec.ordinals.start'],
    plainStrategy: { field: 'updateStrategy', type: 'OnDelete', says: "only allowed for updateStrategy 'RollingUpdate'" },
  },
  'batch/Job': { restartPolicies: RUN_TO_END, counts: JOB_COUNTS.map((count) => `spec.${count}`) },
  'batch/CronJob': {
    restartPolicies: RUN_TO_END,
    counts: [
      'spec.startingDeadlineSeconds',
      'spec.successfulJobsHistoryLimit',
      'spec.failedJobsHistoryLimit',
      ...JOB_COUNTS.map((count) => `spec.jobTemplate.spec.${count}`),
    ],
  },
};

/** A Deployment's progressDeadlineSeconds when none is written (pkg/apis/apps/v1/defaults.go SetDefaults_Deployment). */
const DEFAULT_PROGRESS_DEADLINE = 600;

/** The workload rules above, and the pod rules of ValidatePodSpec and ValidatePodTemplateSpec the other rule files leave out. */
export function checkWorkloadSpec(object: Node): Finding[] {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return [];
  const workload = kindEntry(WORKLOAD_SPECS, apiVersion, kind);
  const pods = podSpecsOf(object);
  return [
    ...(workload ? countProblems(object, workload, kind) : []),
    ...(workload?.plainStrategy ? strategyProblems(object, workload.plainStrategy) : []),
    ...(groupKind(apiVersion, kind) === 'apps/Deployment' ? progressProblems(object) : []),
    ...pods.flatMap(({ path, spec }) => [
      ...(workload ? restartProblems(spec, path, workload, kind, object) : []),
      ...deadlineProblems(spec, path, workload),
      ...ephemeralProblems(spec, path, kind === 'Pod' && apiVersion === 'v1'),
      ...volumeNameProblems(spec).map((finding) => ({ ...finding, path: [...path, ...finding.path] })),
    ]),
  ];
}

function countProblems(object: Node, workload: WorkloadSpec, kind: string): Finding[] {
  return workload.counts.flatMap((pattern) =>
    select(object, pattern).flatMap(({ path, value }) =>
      wholeNumber(value) && value < 0
        ? [
            {
              path,
              message: `is ${value}, below 0, ${REFUSED} in a ${kind} ("must be greater than or equal to 0"): write 0 or more, or remove it`,
            },
          ]
        : [],
    ),
  );
}

function strategyProblems(object: Node, rule: NonNullable<WorkloadSpec['plainStrategy']>): Finding[] {
  const spec = isRecord(object.spec) ? object.spec : {};
  const strategy = spec[rule.field];
  if (!isRecord(strategy) || strategy.type !== rule.type || !given(strategy.rollingUpdate)) return [];
  return [
    {
      path: ['spec', rule.field, 'rollingUpdate'],
      message: `is set beside type ${rule.type}, ${REFUSED} ("${rule.says}"): remove rollingUpdate, or write type: RollingUpdate`,
    },
  ];
}

/** ValidateDeploymentSpec: progressDeadlineSeconds, as written or defaulted, must exceed minReadySeconds. */
function progressProblems(object: Node): Finding[] {
  const spec = isRecord(object.spec) ? object.spec : {};
  const ready = given(spec.minReadySeconds) ? spec.minReadySeconds : 0;
  const written = given(spec.progressDeadlineSeconds);
  const deadline = written ? spec.progressDeadlineSeconds : DEFAULT_PROGRESS_DEADLINE;
  // A count of the wrong type or below 0 is refused on its own.
  if (!wholeNumber(ready) || !wholeNumber(deadline) || ready < 0 || deadline < 0 || deadline > ready) return [];
  const says = '("must be greater than minReadySeconds": a rollout would be judged stalled before its pods count as available)';
  return written
    ? [
        {
          path: ['spec', 'progressDeadlineSeconds'],
          message: `is ${deadline}, not above minReadySeconds (${ready}), ${REFUSED} ${says}: write more than ${ready}, or lower minReadySeconds`,
        },
      ]
    : [
        {
          path: ['spec', 'minReadySeconds'],
          message: `is ${ready}, not below progressDeadlineSeconds (${DEFAULT_PROGRESS_DEADLINE}, its default when not given), ${REFUSED} ${says}: set progressDeadlineSeconds above ${ready}, or lower minReadySeconds`,
        },
      ];
}

function restartProblems(spec: Node, at: FieldPath, workload: WorkloadSpec, kind: string, object: Node): Finding[] {
  const policy = spec.restartPolicy;
  const allowed = workload.restartPolicies;
  const path = [...at, 'restartPolicy'];
  const choices = allowed.join(' or ');
  const why = allowed === ALWAYS ? 'its pods are replaced, they never run to an end' : 'its pods run to an end';
  if (!given(policy)) {
    if (allowed.includes('Always')) return [];
    return [
      {
        path,
        message: `is missing, so the pod's restartPolicy is Always (its default), ${REFUSED} in a ${kind} (validateJobSpec, "Required value": valid values "OnFailure", "Never": ${why}): write restartPolicy: ${choices}`,
      },
    ];
  }
  // A value no pod takes ("never") is the schema's to refuse (its enum).
  if (typeof policy !== 'string' || !POD_RESTART_POLICIES.includes(policy)) return [];
  if (!allowed.includes(policy))
    return [
      {
        path,
        message: `is ${show(policy)}, ${REFUSED} in a ${kind} (supported values: ${allowed.map((value) => show(value)).join(', ')}: ${why}): ${allowed === ALWAYS ? 'remove it, or write Always' : `write ${choices}`}`,
      },
    ];
  // validateJobSpec: a pod failure policy judges failed pods, so the kubelet may not restart their containers.
  const job = kind === 'CronJob' ? select(object, 'spec.jobTemplate.spec')[0]?.value : object.spec;
  if (policy === 'OnFailure' && isRecord(job) && given(job.podFailurePolicy))
    return [
      {
        path,
        message: `is "OnFailure" in a ${kind} with a podFailurePolicy, ${REFUSED} (validateJobSpec: only "Never" is supported when podFailurePolicy is specified, as the policy judges each failed pod): write Never, or remove podFailurePolicy`,
      },
    ];
  return [];
}

/** ValidatePodTemplateSpecFor* (no deadline in a template of pods that never end) and ValidatePodSpec (1 to 2147483647). */
function deadlineProblems(spec: Node, at: FieldPath, workload: WorkloadSpec | undefined): Finding[] {
  const deadline = spec.activeDeadlineSeconds;
  if (!given(deadline)) return [];
  const path = [...at, 'activeDeadlineSeconds'];
  if (workload?.noDeadline)
    return [
      {
        path,
        message: `is ${show(deadline)}, ${REFUSED} in this pod template ("${workload.noDeadline}": its pods are replaced, they never run to an end): remove it`,
      },
    ];
  if (!wholeNumber(deadline) || (deadline >= 1 && deadline <= INT32_MAX)) return [];
  return [
    {
      path,
      message: `is ${deadline}, ${REFUSED} ("must be between 1 and ${INT32_MAX}, inclusive"): write a number of seconds from 1 to ${INT32_MAX}, or remove it`,
    },
  ];
}

/** ValidatePodTemplateSpec and ValidatePodCreate: ephemeral containers are added to a running pod, never written with it. */
function ephemeralProblems(spec: Node, at: FieldPath, pod: boolean): Finding[] {
  const count = items(spec.ephemeralContainers).length;
  if (!count) return [];
  const says = pod
    ? '"cannot be set on create", ValidatePodCreate'
    : '"ephemeral containers not allowed in pod template", ValidatePodTemplateSpec';
  return [
    {
      path: [...at, 'ephemeralContainers'],
      message: `holds ${count} ephemeral container(s), ${REFUSED} (${says}): remove them, and add one to a running pod with kubectl debug`,
    },
  ];
}

/** ValidateVolumes: each pod volume's name a DNS-1123 label, given once. Paths lie below the pod spec. */
export function volumeNameProblems(spec: Node): Finding[] {
  const first = new Map<string, number>();
  return items(spec.volumes).flatMap((volume, i): Finding[] => {
    const name = isRecord(volume) ? volume.name : undefined;
    if (typeof name !== 'string') return [];
    const path: FieldPath = ['volumes', i, 'name'];
    const problem = dns1123Label(name);
    if (problem) return [{ path, message: `${problem} (a volume name is a DNS-1123 label, ${REFUSED})` }];
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, i);
      return [];
    }
    return [
      {
        path,
        message: `is ${show(name)}, the name of volumes[${earlier}] too, and ${VOLUME_NAME_TWICE} in a pod ("Duplicate value"): give it another name`,
      },
    ];
  });
}
