import { parseK3sVersion } from '../semver';
import { FieldPath, Finding, isRecord, show } from './paths';

/**
 * A field the vendored Kubernetes 1.27 schemas (kubernetes-models 4.4) lack but a later release serves: `key` of an item
 * of the list `itemOf` (a pod spec's container list) or of a map named one of `mapNamed` (a security context), served
 * from Kubernetes 1.`since` with one of `values`; a map's fields are judged by `content`, else not at all.
 */
interface LaterField {
  readonly since: number;
  readonly itemOf?: string;
  readonly mapNamed?: readonly string[];
  /** 86a-1: or of the spec of one of these group/kinds (KIND_SPECS: a CronJob's is its jobTemplate's), and no other kind's. */
  readonly specOf?: readonly string[];
  readonly key: string;
  readonly values?: readonly string[];
  /** What is wrong with the field's value on a cluster of Kubernetes 1.`minor` (one that serves it), or undefined. */
  readonly content?: (value: unknown, minor: number, pod: PodPlace) => string | undefined;
  /** What holds the field, and what the field makes of it, for the messages. */
  readonly holder: string;
  readonly what: string;
  /** What an older release does with the field, and what to write instead. */
  readonly before: string;
  /** The API server's refusal of another value (function of pkg/apis/core/validation/validation.go). */
  readonly refusal: string;
}

/**
 * 86a-1: Job fields of later releases (kubernetes/website content/en/docs/reference/command-line-tools-reference/
 * feature-gates/: JobBackoffLimitPerIndex beta and on from 1.29, GA 1.33; JobPodReplacementPolicy beta and on from 1.29,
 * GA 1.34; JobSuccessPolicy beta and on from 1.31, GA 1.33; JobManagedBy beta and on from 1.32, GA 1.35); an API server
 * with the gate off drops the field. Their rules beside other fields are job-rules.ts'.
 */
const JOB_KINDS = ['batch/Job', 'batch/CronJob'];
const jobField = (since: number, key: string, what: string, values?: readonly string[]): LaterField => ({
  since,
  specOf: JOB_KINDS,
  key,
  what,
  values,
  holder: "a Job's spec",
  before: 'an older API server drops it, and the Job runs without it',
  refusal: 'validateJobSpec',
});
const JOB_FIELDS: readonly LaterField[] = [
  jobField(29, 'backoffLimitPerIndex', 'a backoff limit per index of an Indexed Job'),
  jobField(29, 'maxFailedIndexes', 'a limit on the failed indexes of an Indexed Job'),
  jobField(29, 'podReplacementPolicy', 'a policy of when to replace failed pods', ['TerminatingOrFailed', 'Failed']),
  jobField(31, 'successPolicy', 'a success policy of an Indexed Job'),
  jobField(32, 'managedBy', 'a controller other than the built-in one managing the Job'),
];

/** Where each kind of `specOf` keeps the spec (a CronJob's Job spec is its jobTemplate's). */
const KIND_SPECS: Readonly<Record<string, string>> = { 'batch/Job': 'spec', 'batch/CronJob': 'spec.jobTemplate.spec', Service: 'spec' };

/**
 * Version table, by Kubernetes minor; the API server's rules are kubernetes/kubernetes
 * pkg/apis/core/validation/validation.go (validateInitContainers, validateContainers).
 * - 1.29: native sidecars, an init container with `restartPolicy: Always` that keeps running beside the app containers
 *   (SidecarContainers: alpha and off in 1.28, beta and on by default from 1.29, GA in 1.33: kubernetes/website
 *   content/en/docs/reference/command-line-tools-reference/feature-gates/SidecarContainers.md); only `Always`
 *   (validateInitContainerRestartPolicy). An API server with the gate off drops the field.
 * - 1.30: `appArmorProfile` of a pod's or container's security context (AppArmor: GA in 1.30, kubernetes/website
 *   content/en/docs/tutorials/security/apparmor.md; before it only the annotation). An older API server drops it.
 * - 1.30: a lifecycle hook's `sleep` handler (PodLifecycleSleepAction: alpha in 1.29, beta and on by default from 1.30,
 *   feature-gates/PodLifecycleSleepAction.md): `seconds` above 0, and 0 too from 1.33 (PodLifecycleSleepActionAllowZero,
 *   beta and on from 1.33), and not above the pod's terminationGracePeriodSeconds (validateSleepAction).
 * - 1.35: a restart policy of an app container's own (ContainerRestartRules: alpha and off in 1.34, beta and on by
 *   default from 1.35: feature-gates/ContainerRestartRules.md, KEP-5307); before it the API server of 1.29 to 1.34
 *   refuses the key there ("may not be set for non-init containers").
 */
const LATER_FIELDS: readonly LaterField[] = [
  {
    since: 29,
    itemOf: 'initContainers',
    key: 'restartPolicy',
    values: ['Always'],
    holder: 'an init container',
    what: 'a native sidecar (an init container that keeps running beside the app containers)',
    before: 'an older API server drops it, and the container runs as a plain init container the app containers wait for',
    refusal: 'validateInitContainerRestartPolicy',
  },
  {
    since: 30,
    mapNamed: ['securityContext'],
    key: 'appArmorProfile',
    holder: 'a security context',
    what: 'an AppArmor profile by field',
    before: 'an older API server drops it: there, use the annotation container.apparmor.security.beta.kubernetes.io/<container name>',
    refusal: 'validateAppArmorProfileField',
  },
  {
    since: 30,
    mapNamed: ['postStart', 'preStop'],
    key: 'sleep',
    holder: 'a lifecycle hook',
    what: 'a sleep handler',
    before: 'an older API server drops it and then refuses the hook, which has no handler left: there, use exec: {command: [sleep, "5"]}',
    refusal: 'validateSleepAction',
    content: sleepProblem,
  },
  {
    since: 35,
    itemOf: 'containers',
    key: 'restartPolicy',
    values: ['Always', 'OnFailure', 'Never'],
    holder: 'an app container',
    what: "a restart policy of the container's own",
    before:
      'the API server of 1.29 to 1.34 refuses it on an app container ("may not be set for non-init containers", validateContainers), ' +
      'an older one drops it; for a sidecar, move the container to initContainers with restartPolicy Always (Kubernetes 1.29 or newer)',
    refusal: 'validateContainerRestartPolicy',
  },
  ...JOB_FIELDS,
  {
    since: 31,
    specOf: ['Service'],
    key: 'trafficDistribution',
    holder: "a Service's spec",
    what: 'a traffic distribution preference',
    before: 'an older API server drops it, and traffic goes to every endpoint alike',
    refusal: 'ValidateService',
    content: trafficDistributionProblem,
  },
];

/** The object a field stands in and the field's path, for a row whose verdict needs the pod around it. */
interface PodPlace {
  readonly root: unknown;
  readonly path: FieldPath;
}

/** The pod spec a container's field at `path` lies in: the map that holds the container list. */
function podSpecOf({ root, path }: PodPlace): Record<string, unknown> {
  const list = path.reduce<number>(
    (last, key, i) => ((key === 'containers' || key === 'initContainers') && typeof path[i + 1] === 'number' ? i : last),
    -1,
  );
  let here: unknown = root;
  for (const key of path.slice(0, Math.max(list, 0))) here = isRecord(here) ? (here as Record<string | number, unknown>)[key] : undefined;
  return isRecord(here) ? here : {};
}

/**
 * validateSleepAction: a map of one whole `seconds` from 1 (0 too from Kubernetes 1.33) up to the pod's
 * terminationGracePeriodSeconds (30 unless set; Traefik's chart writes 60 unless set, traefik/pod-containers.ts).
 */
function sleepProblem(value: unknown, minor: number, place: PodPlace): string | undefined {
  const least = minor >= 33 ? 0 : 1;
  const set = podSpecOf(place).terminationGracePeriodSeconds;
  const grace = Number.isInteger(set) ? (set as number) : 30;
  const bound = `the pod's terminationGracePeriodSeconds (${grace}${Number.isInteger(set) ? '' : ', the default'})`;
  const fix =
    grace < least
      ? `raise terminationGracePeriodSeconds to ${least} or more`
      : `write sleep: {seconds: ${Math.min(5, grace)}}, a whole number of seconds from ${least} up to ${bound}`;
  if (!isRecord(value)) return `is ${show(value)}, not a map: ${fix}`;
  const extra = Object.keys(value).filter((key) => key !== 'seconds');
  if (extra.length) return `has ${extra.map((key) => show(key)).join(', ')}, but a sleep handler has only seconds: ${fix}`;
  const { seconds } = value;
  if (!Number.isInteger(seconds) || (seconds as number) < least || (seconds as number) > grace)
    return (
      `holds seconds ${show(seconds)}, which the API server refuses on Kubernetes 1.${minor} ("must be ${least ? 'greater than 0' : 'non-negative'} ` +
      `and less than terminationGracePeriodSeconds", validateSleepAction): ${fix}`
    );
  return undefined;
}

/**
 * ValidateService: PreferClose from Kubernetes 1.31 (ServiceTrafficDistribution beta and on); PreferSameZone and
 * PreferSameNode from 1.34 (PreferSameTrafficDistribution beta and on, feature-gates/PreferSameTrafficDistribution.md).
 */
function trafficDistributionProblem(value: unknown, minor: number): string | undefined {
  const allowed = minor >= 34 ? ['PreferClose', 'PreferSameZone', 'PreferSameNode'] : ['PreferClose'];
  return typeof value === 'string' && allowed.includes(value)
    ? undefined
    : `is ${show(value)}, which the API server of Kubernetes 1.${minor} refuses ("Unsupported value", ValidateService): write ${allowed.join(' or ')}, or remove the key`;
}

/**
 * 86a-1: fields the 1.27 schema requires that later releases take missing (by group/kind, below the kind's spec), with the
 * Kubernetes minor from which they do. A podFailurePolicy rule needs onExitCodes or onPodConditions, not both
 * (validatePodFailurePolicyRule); 1.29 marked onPodConditions optional (kubernetes/kubernetes#120204). A pattern's `status`
 * is defaulted to True by the API server (pkg/apis/batch/v1/defaults.go SetDefaults_Job) on every release.
 */
interface LaterOptional {
  readonly kinds: readonly string[];
  readonly at: string;
  readonly since: number;
  /** What to write on an older release, where the schema still requires the key. */
  readonly fill: string;
}
const LATER_OPTIONAL: readonly LaterOptional[] = [
  { kinds: JOB_KINDS, at: 'podFailurePolicy.rules.*.onPodConditions', since: 29, fill: 'onPodConditions: [] beside onExitCodes' },
  { kinds: JOB_KINDS, at: 'podFailurePolicy.rules.*.onPodConditions.*.status', since: 27, fill: 'status: "True"' },
];

/** `path` below the spec of `kind` (KIND_SPECS) as dotted text with `*` for indexes, or undefined outside it. */
function underSpec(path: FieldPath, kind: string | undefined): string | undefined {
  const spec = kind === undefined || !Object.hasOwn(KIND_SPECS, kind) ? undefined : KIND_SPECS[kind].split('.');
  if (!spec || spec.some((step, i) => path[i] !== step)) return undefined;
  return path
    .slice(spec.length)
    .map((step) => (typeof step === 'number' ? '*' : step))
    .join('.');
}

/**
 * The row saying from which Kubernetes minor the API server takes `key` of the map at `path` missing, though the 1.27
 * schema of `kind` (group/kind) requires it; undefined when the schema's word stands on every release.
 */
function laterOptional(kind: string | undefined, path: FieldPath, key: string): LaterOptional | undefined {
  const at = underSpec([...path, key], kind);
  return LATER_OPTIONAL.find((row) => kind !== undefined && row.kinds.includes(kind) && row.at === at);
}

/** The Kubernetes minor of a K3s release tag (`v1.33.1+k3s1`: 33); undefined without one, or for one of another major. */
export function kubernetesMinor(k3sVersion: string | undefined): number | undefined {
  const version = k3sVersion === undefined ? undefined : parseK3sVersion(k3sVersion);
  return version?.major === 1 ? version.minor : undefined;
}

/**
 * The verdict on `key` (value `value`) of the map at `path` of an object of `kind` (group/kind), which the 1.27 schema does not declare, on the cluster of
 * `k3sVersion` (`k3s.version`; undefined: not named, judged as the oldest supported release): 'served' when that
 * release takes it, a finding when the table knows the key but the release or the value is refused, and undefined
 * when the table does not know it (the schema's "not a field" stands).
 */
export function laterFieldVerdict(
  path: FieldPath,
  key: string,
  value: unknown,
  k3sVersion: string | undefined,
  kind?: string,
  root?: unknown,
): 'served' | Finding | undefined {
  const [parent, last] = path.slice(-2);
  const field = LATER_FIELDS.find(
    (row) =>
      row.key === key &&
      (row.itemOf !== undefined
        ? typeof last === 'number' && parent === row.itemOf
        : row.specOf !== undefined
          ? kind !== undefined && row.specOf.includes(kind) && underSpec(path, kind) === ''
          : !!row.mapNamed?.includes(String(last))),
  );
  if (!field) return undefined;
  const at = [...path, key];
  const allowed = field.values?.join(', ') ?? '';
  if (field.values && (typeof value !== 'string' || !field.values.includes(value)))
    return {
      path: at,
      message:
        `is ${show(value)}, but ${field.holder}'s ${key} may only be ${allowed} (Kubernetes 1.${field.since} or newer; the API ` +
        `server refuses any other value: "Unsupported value", ${field.refusal}): write ${field.values.length > 1 ? 'one of ' : ''}${allowed}, or remove the key`,
    };
  const minor = kubernetesMinor(k3sVersion);
  if (minor !== undefined && minor >= field.since) {
    const problem = field.content?.(value, minor, { root, path: at });
    return problem === undefined ? 'served' : { path: at, message: problem };
  }
  return {
    path: at,
    message:
      `is ${field.values ? show(value) : 'set'} on ${field.holder}, which makes ${field.what} and needs Kubernetes 1.${field.since} or newer, but ` +
      `${releaseNamed(k3sVersion)} (this tool judges objects by the Kubernetes 1.27 schema, which lacks the field): set k3s.version (a construct's ` +
      `k3sVersion prop) to v1.${field.since}.0+k3s1 ` +
      `or newer, or remove the key (${field.before})`,
  };
}

/** What a message says of the release `k3sVersion` names, or that none is named. */
const releaseNamed = (k3sVersion: string | undefined): string =>
  k3sVersion === undefined
    ? 'no k3s.version (k3sVersion) names the release'
    : `K3s ${k3sVersion} is Kubernetes 1.${kubernetesMinor(k3sVersion)}`;

/**
 * 87b-5: values of an enum the 1.27 schema lacks but a later release takes, by group/kind and place below the kind's spec
 * (KIND_SPECS): podFailurePolicy's FailIndex comes with JobBackoffLimitPerIndex (beta and on from 1.29, the gate of
 * backoffLimitPerIndex above; kubernetes/kubernetes pkg/apis/batch/validation/validation.go, v1.29 to v1.35:
 * supportedPodFailurePolicyActions), and needs backoffLimitPerIndex beside it (job-rules.ts).
 */
interface LaterValue {
  readonly kinds: readonly string[];
  readonly at: string;
  readonly value: string;
  readonly since: number;
  /** What the value does, and what to write on an older release. */
  readonly what: string;
  readonly instead: string;
}
const LATER_VALUES: readonly LaterValue[] = [
  {
    kinds: JOB_KINDS,
    at: 'podFailurePolicy.rules.*.action',
    value: 'FailIndex',
    since: 29,
    what: 'the action that fails only the index whose pod failed, of an Indexed Job with backoffLimitPerIndex',
    instead: 'write FailJob, Ignore or Count',
  },
];

/**
 * The schema's enum `finding` on the value `value` (at the finding's path) of an object of `kind` (group/kind), on the
 * cluster of `k3sVersion`: none when that release takes the value (LATER_VALUES); on an older one (or none named) what
 * the value needs; for another value, the schema's word with the values the release adds.
 */
export function enumByRelease(finding: Finding, value: unknown, kind: string | undefined, k3sVersion: string | undefined): Finding[] {
  const at = underSpec(finding.path, kind);
  const rows = LATER_VALUES.filter((row) => kind !== undefined && row.kinds.includes(kind) && row.at === at);
  if (!rows.length) return [finding];
  const minor = kubernetesMinor(k3sVersion);
  const row = rows.find((later) => later.value === value);
  if (!row) {
    const added = rows.filter((later) => minor !== undefined && minor >= later.since).map((later) => show(later.value));
    return [
      { ...finding, message: added.length ? `${finding.message} (and, on Kubernetes 1.${minor}, ${added.join(', ')})` : finding.message },
    ];
  }
  if (minor !== undefined && minor >= row.since) return [];
  return [
    {
      path: finding.path,
      message:
        `is ${show(value)}, ${row.what}, which needs Kubernetes 1.${row.since} or newer, but ${releaseNamed(k3sVersion)} ` +
        `(an older API server refuses it): set k3s.version (a construct's k3sVersion prop) to v1.${row.since}.0+k3s1 or newer, or ${row.instead}`,
    },
  ];
}

/**
 * 86a-1: a schema's "is missing" `finding` (its path ends with the key) on a field the cluster's release takes missing
 * (LATER_OPTIONAL) is no problem there; on an older release (or none named) it says from which release it may be left out.
 */
export function requiredByRelease(finding: Finding, kind: string | undefined, k3sVersion: string | undefined): Finding[] {
  const optional = laterOptional(kind, finding.path.slice(0, -1), String(finding.path.at(-1)));
  if (!optional) return [finding];
  const { since, fill } = optional;
  if ((kubernetesMinor(k3sVersion) ?? 27) >= since) return [];
  return [
    {
      ...finding,
      message: `${finding.message} (Kubernetes 1.${since} and later take it missing): write ${fill}, or set k3s.version to v1.${since}.0+k3s1 or newer`,
    },
  ];
}
