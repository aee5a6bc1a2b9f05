import { cronScheduleProblem, timeZoneProblem } from './cron-schedule';
import { FieldPath, Finding, isRecord, show } from './paths';

type Node = Record<string, unknown>;
const REFUSED = 'which the API server refuses';
const given = (value: unknown): boolean => value !== undefined && value !== null;
const INDEXED_ONLY = 'requires indexed completion mode';

/**
 * 86a-1, 86a-4, 86a-5: what the API server asks of a Job's and a CronJob's own fields on create (kubernetes/kubernetes
 * pkg/apis/batch/validation/validation.go, v1.27 to v1.35: validateJobSpec, validatePodFailurePolicyRule,
 * validatePodReplacementPolicy, validateSuccessPolicy, ValidateGeneratedSelector, ValidateCronJobCreate,
 * validateCronJobSpec). Whether the cluster's release serves a field at all is later-fields.ts'; counts below 0 and the
 * pods' restart policy are workload-spec-rules.ts'.
 */
export function checkJobRules(object: Record<string, unknown>): Finding[] {
  if (object.apiVersion !== 'batch/v1' || !isRecord(object.spec)) return [];
  if (object.kind === 'Job') return [...jobSpecProblems(object.spec, ['spec']), ...selectorProblems(object.spec)];
  if (object.kind !== 'CronJob') return [];
  const job = isRecord(object.spec.jobTemplate) ? object.spec.jobTemplate.spec : undefined;
  return [
    ...cronJobNameProblems(object.metadata),
    ...scheduleProblems(object.spec),
    ...(isRecord(job) ? jobSpecProblems(job, ['spec', 'jobTemplate', 'spec']) : []),
  ];
}

function jobSpecProblems(spec: Node, at: FieldPath): Finding[] {
  const findings: Finding[] = [];
  const say = (key: string, message: string) => findings.push({ path: [...at, key], message });
  const indexed = spec.completionMode === 'Indexed';
  if (indexed && !given(spec.completions))
    say(
      'completions',
      `is missing, ${REFUSED} (Required value: "when completion mode is Indexed"): write completions, the number of indexes`,
    );
  for (const key of ['backoffLimitPerIndex', 'maxFailedIndexes', 'successPolicy'])
    if (given(spec[key]) && !indexed)
      say(
        key,
        `is set on a Job that is not Indexed, ${REFUSED} ("${INDEXED_ONLY}"): add completionMode: Indexed and completions, or remove the key`,
      );
  if (given(spec.maxFailedIndexes) && !given(spec.backoffLimitPerIndex))
    say(
      'backoffLimitPerIndex',
      `is missing beside maxFailedIndexes, ${REFUSED} (Required value: "when maxFailedIndexes is specified"): write backoffLimitPerIndex, or remove maxFailedIndexes`,
    );
  const { maxFailedIndexes: most, completions } = spec;
  if (indexed && typeof most === 'number' && typeof completions === 'number' && most > completions)
    say(
      'maxFailedIndexes',
      `is ${most}, above completions (${completions}), ${REFUSED} ("must be less than or equal to completions"): write ${completions} or less`,
    );
  if (given(spec.podFailurePolicy) && typeof spec.podReplacementPolicy === 'string' && spec.podReplacementPolicy !== 'Failed')
    say(
      'podReplacementPolicy',
      `is ${show(spec.podReplacementPolicy)} beside a podFailurePolicy, ${REFUSED} (supported values: "Failed"): write Failed, or remove the key`,
    );
  const rules = isRecord(spec.podFailurePolicy) && Array.isArray(spec.podFailurePolicy.rules) ? spec.podFailurePolicy.rules : [];
  rules.forEach((rule: unknown, i: number) => {
    if (!isRecord(rule)) return;
    const exitCodes = given(rule.onExitCodes);
    const conditions = Array.isArray(rule.onPodConditions) && rule.onPodConditions.length > 0;
    if (exitCodes === conditions)
      findings.push({
        path: [...at, 'podFailurePolicy', 'rules', i],
        message: `has ${exitCodes ? 'both onExitCodes and onPodConditions' : 'neither onExitCodes nor onPodConditions'}, ${REFUSED} ("specifying ${exitCodes ? 'both OnExitCodes and OnPodConditions is not supported' : 'one of OnExitCodes and OnPodConditions is required'}"): specify one of onExitCodes and onPodConditions`,
      });
  });
  return findings;
}

/** ValidateGeneratedSelector: a Job's own selector only with manualSelector: true (else the API server generates it). */
function selectorProblems(spec: Node): Finding[] {
  if (!given(spec.selector) || spec.manualSelector === true) return [];
  return [
    {
      path: ['spec', 'selector'],
      message: `is set without manualSelector: true, ${REFUSED} ("\`selector\` not auto-generated"): remove the selector (the API server makes one for the Job's pods), or add manualSelector: true`,
    },
  ];
}

/** ValidateCronJobCreate: the controller names each Job `<name>-<11 characters>`, and a Job's name is at most 63. */
function cronJobNameProblems(metadata: unknown): Finding[] {
  const name = isRecord(metadata) ? metadata.name : undefined;
  if (typeof name !== 'string' || name.length <= 52) return [];
  return [
    {
      path: ['metadata', 'name'],
      message: `is ${name.length} characters long, ${REFUSED} ("must be no more than 52 characters": each Job it starts is named after it with an 11-character suffix): shorten it to 52 characters or fewer`,
    },
  ];
}

function scheduleProblems(spec: Node): Finding[] {
  const findings: Finding[] = [];
  const { schedule, timeZone } = spec;
  if (typeof schedule === 'string') {
    const unparsed = cronScheduleProblem(schedule);
    if (unparsed)
      findings.push({
        path: ['spec', 'schedule'],
        message: `is ${show(schedule)}, an unparseable cron schedule (${unparsed}), ${REFUSED}: write five fields (minute hour day-of-month month day-of-week, such as "0 3 * * 1-5") or a descriptor such as @daily`,
      });
    if (schedule.includes('TZ'))
      findings.push({
        path: ['spec', 'schedule'],
        message: `is ${show(schedule)}, ${REFUSED} on create ("cannot use TZ or CRON_TZ in schedule, use timeZone field instead"): write the zone as timeZone, such as timeZone: Europe/Berlin, and the schedule without it`,
      });
  }
  const zone = typeof timeZone === 'string' ? timeZoneProblem(timeZone) : undefined;
  if (zone)
    findings.push({
      path: ['spec', 'timeZone'],
      message: `is ${show(timeZone)}, ${REFUSED} (${zone}): write an IANA time zone name such as Europe/Berlin or Etc/UTC`,
    });
  return findings;
}
