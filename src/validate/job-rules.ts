import { dns1123Subdomain } from '../config/formats';
import { cronScheduleProblem, timeZoneProblem } from './cron-schedule';
import { successPolicyProblems } from './job-success-policy';
import { FieldPath, Finding, isRecord, show } from './paths';

type Node = Record<string, unknown>;
const REFUSED = 'which the API server refuses';
const given = (value: unknown): boolean => value !== undefined && value !== null;
const INDEXED_ONLY = 'requires indexed completion mode';

/**
 * 86a-1, 86a-4, 86a-5: what the API server asks of a Job's and a CronJob's own fields on create (kubernetes/kubernetes
 * pkg/apis/batch/validation/validation.go, v1.27 to v1.35: validateJobSpec, validatePodFailurePolicyRule,
 * validatePodReplacementPolicy, validateSuccessPolicy (job-success-policy.ts), ValidateGeneratedSelector,
 * ValidateCronJobCreate, validateCronJobSpec, ValidateJobTemplateSpec). Whether the cluster's release serves a field or
 * value at all is later-fields.ts'; counts below 0 and the pods' restart policy are workload-spec-rules.ts'.
 */
export function checkJobRules(object: Record<string, unknown>): Finding[] {
  if (object.apiVersion !== 'batch/v1' || !isRecord(object.spec)) return [];
  if (object.kind === 'Job') return [...jobSpecProblems(object.spec, ['spec']), ...selectorProblems(object.spec)];
  if (object.kind !== 'CronJob') return [];
  const job = isRecord(object.spec.jobTemplate) ? object.spec.jobTemplate.spec : undefined;
  return [
    ...cronJobNameProblems(object.metadata),
    ...scheduleProblems(object.spec),
    ...(isRecord(job) ? [...jobSpecProblems(job, ['spec', 'jobTemplate', 'spec']), ...templateSelectorProblems(job)] : []),
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
  if (rules.length > 20)
    findings.push({
      path: [...at, 'podFailurePolicy', 'rules'],
      message: `has ${rules.length} rules, ${REFUSED} ("must have at most 20 items"): keep 20 or fewer`,
    });
  rules.forEach((rule: unknown, i: number) => {
    if (!isRecord(rule)) return;
    // 87b-5: FailIndex fails one index of its backoff limit (JobBackoffLimitPerIndex; later-fields.ts says from which release).
    if (rule.action === 'FailIndex' && !given(spec.backoffLimitPerIndex))
      findings.push({
        path: [...at, 'podFailurePolicy', 'rules', i, 'action'],
        message: `is "FailIndex" on a Job without backoffLimitPerIndex, ${REFUSED} ("requires the backoffLimitPerIndex to be set"): add backoffLimitPerIndex (with completionMode: Indexed), or write FailJob`,
      });
    if (isRecord(rule.onExitCodes))
      findings.push(...exitCodeProblems(rule.onExitCodes, [...at, 'podFailurePolicy', 'rules', i, 'onExitCodes'], spec));
    const exitCodes = given(rule.onExitCodes);
    const conditions = Array.isArray(rule.onPodConditions) && rule.onPodConditions.length > 0;
    if (exitCodes === conditions)
      findings.push({
        path: [...at, 'podFailurePolicy', 'rules', i],
        message: `has ${exitCodes ? 'both onExitCodes and onPodConditions' : 'neither onExitCodes nor onPodConditions'}, ${REFUSED} ("specifying ${exitCodes ? 'both OnExitCodes and OnPodConditions is not supported' : 'one of OnExitCodes and OnPodConditions is required'}"): specify one of onExitCodes and onPodConditions`,
      });
  });
  if (spec.completionMode === 'Indexed' && given(spec.successPolicy))
    findings.push(...successPolicyProblems(spec.successPolicy, spec.completions, [...at, 'successPolicy']));
  if (typeof spec.managedBy === 'string') findings.push(...managedByProblems(spec.managedBy, [...at, 'managedBy']));
  return findings;
}

/** The names of the pod template's containers and init containers. */
function containerNames(spec: Node): Set<unknown> {
  const pod = isRecord(spec.template) && isRecord(spec.template.spec) ? spec.template.spec : {};
  return new Set(
    ['containers', 'initContainers'].flatMap((list) =>
      Array.isArray(pod[list]) ? pod[list].map((container: unknown) => (isRecord(container) ? container.name : undefined)) : [],
    ),
  );
}

/**
 * 88b-4: validatePodFailurePolicyRuleOnExitCodes (kubernetes/kubernetes pkg/apis/batch/validation/validation.go, v1.27 to
 * v1.35): a containerName of the pod template, 1 to 255 values, no 0 under In, no value twice, in rising order.
 */
function exitCodeProblems(onExitCodes: Node, at: FieldPath, spec: Node): Finding[] {
  const findings: Finding[] = [];
  const { containerName, operator, values } = onExitCodes;
  if (typeof containerName === 'string' && !containerNames(spec).has(containerName))
    findings.push({
      path: [...at, 'containerName'],
      message: `is ${show(containerName)}, ${REFUSED} ("must be one of the container or initContainer names in the pod template"): name a container of the Job's pod template, or remove the key`,
    });
  if (!Array.isArray(values)) return findings;
  const codes = values.filter((value): value is number => typeof value === 'number');
  if (values.length === 0)
    findings.push({ path: [...at, 'values'], message: `is empty, ${REFUSED} ("at least one value is required"): list the exit codes` });
  else if (values.length > 255)
    findings.push({
      path: [...at, 'values'],
      message: `has ${values.length} items, ${REFUSED} ("must have at most 255 items"): list 255 or fewer`,
    });
  const seen = new Set<number>();
  values.forEach((value: unknown, j: number) => {
    if (typeof value !== 'number') return;
    if (operator === 'In' && value === 0)
      findings.push({
        path: [...at, 'values', j],
        message: `is 0 under operator In, ${REFUSED} ("must not be 0 for the In operator": a container that ends with 0 succeeded): remove it`,
      });
    if (seen.has(value))
      findings.push({
        path: [...at, 'values', j],
        message: `is ${value} a second time, ${REFUSED} (Duplicate value): list each exit code once`,
      });
    seen.add(value);
  });
  if (codes.some((code, j) => j > 0 && codes[j - 1] > code))
    findings.push({
      path: [...at, 'values'],
      message: `is ${show(values)}, ${REFUSED} ("must be ordered"): list the exit codes in rising order, as ${show([...new Set(codes)].sort((a, b) => a - b))}`,
    });
  return findings;
}

/**
 * 87b-12: validateJobSpec's managedBy: a domain-prefixed path (k8s.io/apimachinery pkg/util/validation/validation.go
 * IsDomainPrefixedPath, v0.30 to v0.35: a DNS-1123 subdomain, "/", then RFC 3986 path characters) of at most 63 characters.
 */
function managedByProblems(value: string, at: FieldPath): Finding[] {
  const findings: Finding[] = [];
  const slash = value.indexOf('/');
  const [host, path] = slash < 0 ? [value, ''] : [value.slice(0, slash), value.slice(slash + 1)];
  const hostProblem = host === '' ? undefined : dns1123Subdomain(host);
  const fix =
    "write the controller's domain-prefixed name, such as kueue.x-k8s.io/multikueue, or remove the key (the built-in Job controller then runs it)";
  if (value === '') findings.push({ path: at, message: `is empty, ${REFUSED} (Required value): ${fix}` });
  else if (host === '' || path === '')
    findings.push({
      path: at,
      message: `is ${show(value)}, ${REFUSED} ("must be a domain-prefixed path (such as "acme.io/foo")"): ${fix}`,
    });
  else if (hostProblem || !/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(path))
    findings.push({
      path: at,
      message: `is ${show(value)}, not a domain-prefixed path, ${REFUSED} (${hostProblem ?? "its path has a character outside RFC 3986's"}): ${fix}`,
    });
  if (value.length > 63)
    findings.push({
      path: at,
      message: `is ${value.length} characters long, ${REFUSED} ("may not be more than 63 bytes"): write a name of at most 63 characters`,
    });
  return findings;
}

/** 87b-13: ValidateJobTemplateSpec: the CronJob controller makes each Job's selector, so the template has none of its own. */
function templateSelectorProblems(spec: Node): Finding[] {
  const at: FieldPath = ['spec', 'jobTemplate', 'spec'];
  const findings: Finding[] = [];
  if (given(spec.selector))
    findings.push({
      path: [...at, 'selector'],
      message: `is set in a CronJob's jobTemplate, ${REFUSED} ("\`selector\` will be auto-generated"): remove it (each Job the CronJob starts gets its own)`,
    });
  if (spec.manualSelector === true)
    findings.push({
      path: [...at, 'manualSelector'],
      message: `is true in a CronJob's jobTemplate, ${REFUSED} (supported values: "nil", "false"): remove it`,
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
    // 87b-3: a blank around a descriptor (a YAML block's last newline) is read as part of it.
    const trimmed = schedule.trim();
    const fix =
      trimmed !== schedule && trimmed !== '' && !cronScheduleProblem(trimmed)
        ? `remove the blank before or after it: write ${show(trimmed)}`
        : 'write five fields (minute hour day-of-month month day-of-week, such as "0 3 * * 1-5") or a descriptor such as @daily';
    if (unparsed)
      findings.push({
        path: ['spec', 'schedule'],
        message: `is ${show(schedule)}, an unparseable cron schedule (${unparsed}), ${REFUSED}: ${fix}`,
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
