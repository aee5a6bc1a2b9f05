import { FieldPath, Finding, isRecord, show } from './paths';
import { parseQuantity } from './quantity';

const REFUSED = 'which the API server refuses';
/** A metric's type and the field that holds its source (k8s.io/api autoscaling/v2 MetricSourceType). */
const SOURCE_FIELDS: Readonly<Record<string, string>> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  ContainerResource: 'containerResource',
  External: 'external',
};
const TARGET_TYPES = ['Utilization', 'Value', 'AverageValue'];

/**
 * 82a-17: the metrics of an autoscaling/v2 HorizontalPodAutoscaler as the API server takes them (kubernetes/kubernetes
 * pkg/apis/autoscaling/validation/validation.go, v1.27: validateMetricSpec, validateMetricTarget and each source's
 * validate*Source): the source its `type` names is given, a target type of Utilization, Value or AverageValue, positive
 * values and a utilization above 0, and the target each source needs (Resource and ContainerResource: averageUtilization or
 * averageValue, not both; Pods: averageValue; Object: value or averageValue; External: one of the two). The chart's own
 * HorizontalPodAutoscaler gets it through traefik/autoscaler-values.ts. Values of the wrong type are the schema's.
 */
export function checkAutoscalerMetrics(object: Record<string, unknown>): Finding[] {
  if (object.kind !== 'HorizontalPodAutoscaler' || !isRecord(object.spec)) return [];
  // 86a-2: ValidateHorizontalPodAutoscaler judges the internal type whichever version was written, so v1's bounds are v2's.
  if (object.apiVersion === 'autoscaling/v1') return [...replicaCountProblems(object.spec), ...v1TargetProblems(object.spec)];
  if (object.apiVersion !== 'autoscaling/v2') return [];
  const metrics = Array.isArray(object.spec.metrics) ? object.spec.metrics : [];
  return [
    ...replicaCountProblems(object.spec),
    ...behaviorProblems(object.spec.behavior),
    ...metrics.flatMap((metric: unknown, i: number): Finding[] => {
      if (!isRecord(metric) || typeof metric.type !== 'string' || !Object.hasOwn(SOURCE_FIELDS, metric.type)) return [];
      const at: FieldPath = ['spec', 'metrics', i];
      const field = SOURCE_FIELDS[metric.type];
      const source = metric[field];
      if (!isRecord(source))
        return source === undefined || source === null
          ? [
              {
                path: [...at, field],
                message: `is missing for type ${metric.type}, ${REFUSED} ("must populate information for the given metric source"): write ${field}: {...}`,
              },
            ]
          : [];
      return isRecord(source.target) ? targetProblems(metric.type, source.target, [...at, field, 'target']) : [];
    }),
  ];
}

/**
 * 85: the replica bounds (validateHorizontalPodAutoscalerSpec, v1.27): minReplicas at least 1 (0 only behind the alpha
 * gate HPAScaleToZero, off in K3s), maxReplicas at least 1 and not below minReplicas. Whole numbers are the schema's.
 */
function replicaCountProblems(spec: Record<string, unknown>): Finding[] {
  const { minReplicas: min, maxReplicas: max } = spec;
  const findings: Finding[] = [];
  if (Number.isInteger(min) && (min as number) < 1)
    findings.push({
      path: ['spec', 'minReplicas'],
      message: `is ${show(min)}, ${REFUSED} ("must be greater than or equal to 1"): write 1 or more, or remove the key (it defaults to 1)`,
    });
  if (Number.isInteger(max) && (max as number) < 1)
    findings.push({ path: ['spec', 'maxReplicas'], message: `is ${show(max)}, ${REFUSED} ("must be greater than 0"): write 1 or more` });
  else if (Number.isInteger(max) && Number.isInteger(min) && (max as number) < (min as number))
    findings.push({
      path: ['spec', 'maxReplicas'],
      message: `is ${show(max)}, below minReplicas (${show(min)}), ${REFUSED} ("must be greater than or equal to \`minReplicas\`"): raise it to ${show(min)} or more, or lower minReplicas`,
    });
  return findings;
}

/**
 * 87b-4: v1's target is v2's Resource cpu metric with type Utilization and averageUtilization the percentage
 * (pkg/apis/autoscaling/v1/conversion.go, v1.27 to v1.35: Convert_v1_HorizontalPodAutoscalerSpec_To_autoscaling_...),
 * so validateMetricTarget refuses it below 1. Whole numbers are the schema's.
 */
function v1TargetProblems(spec: Record<string, unknown>): Finding[] {
  const percentage = spec.targetCPUUtilizationPercentage;
  if (!Number.isInteger(percentage) || (percentage as number) >= 1) return [];
  return [
    {
      path: ['spec', 'targetCPUUtilizationPercentage'],
      message: `is ${show(percentage)}, ${REFUSED} (as v2's averageUtilization: "must be greater than 0"): write a percentage of the CPU requests, such as 80, or remove the key (it defaults to 80)`,
    },
  ];
}

/**
 * 86a-3: validateBehavior / validateScalingRules / validateScalingPolicy (pkg/apis/autoscaling/validation/validation.go,
 * v1.27 to v1.35): a stabilization window from 0 to 3600 seconds (MaxStabilizationWindowSeconds), a selectPolicy of Max,
 * Min or Disabled, each policy of type Pods or Percent with a value above 0 and a period from 1 to 1800 seconds
 * (MaxPeriodSeconds). Types are the schema's.
 */
function behaviorProblems(behavior: unknown): Finding[] {
  if (!isRecord(behavior)) return [];
  return (['scaleUp', 'scaleDown'] as const).flatMap((direction) => {
    const rules = behavior[direction];
    if (!isRecord(rules)) return [];
    const at: FieldPath = ['spec', 'behavior', direction];
    const findings: Finding[] = [];
    const window = rules.stabilizationWindowSeconds;
    if (Number.isInteger(window) && ((window as number) < 0 || (window as number) > 3600))
      findings.push({
        path: [...at, 'stabilizationWindowSeconds'],
        message: `is ${show(window)}, ${REFUSED} ("${(window as number) < 0 ? 'must be greater than or equal to zero' : 'must be less than or equal to 3600'}"): write a number of seconds from 0 to 3600`,
      });
    if (typeof rules.selectPolicy === 'string' && !['Max', 'Min', 'Disabled'].includes(rules.selectPolicy))
      findings.push({
        path: [...at, 'selectPolicy'],
        message: `is ${show(rules.selectPolicy)}, ${REFUSED} (supported values: "Disabled", "Max", "Min"): write one of them`,
      });
    (Array.isArray(rules.policies) ? rules.policies : []).forEach((policy: unknown, i: number) => {
      if (isRecord(policy)) findings.push(...policyProblems(policy, [...at, 'policies', i]));
    });
    return findings;
  });
}

function policyProblems(policy: Record<string, unknown>, at: FieldPath): Finding[] {
  const { type, value, periodSeconds: period } = policy;
  const findings: Finding[] = [];
  if (typeof type === 'string' && type !== 'Pods' && type !== 'Percent')
    findings.push({
      path: [...at, 'type'],
      message: `is ${show(type)}, ${REFUSED} (supported values: "Percent", "Pods"): write one of them`,
    });
  if (Number.isInteger(value) && (value as number) <= 0)
    findings.push({
      path: [...at, 'value'],
      message: `is ${show(value)}, ${REFUSED} ("must be greater than zero"): write the number of pods, or the percentage, to change by in a period`,
    });
  if (Number.isInteger(period) && ((period as number) <= 0 || (period as number) > 1800))
    findings.push({
      path: [...at, 'periodSeconds'],
      message: `is ${show(period)}, ${REFUSED} ("${(period as number) <= 0 ? 'must be greater than zero' : 'must be less than or equal to 1800'}"): write a number of seconds from 1 to 1800`,
    });
  return findings;
}

/** validateMetricTarget, then what the source needs of its target. */
function targetProblems(type: string, target: Record<string, unknown>, at: FieldPath): Finding[] {
  const findings: Finding[] = [];
  const { value, averageValue, averageUtilization } = target;
  if (typeof target.type === 'string' && !TARGET_TYPES.includes(target.type))
    findings.push({
      path: [...at, 'type'],
      message: `is ${show(target.type)}, ${REFUSED} ("must be either Utilization, Value, or AverageValue"): write one of them`,
    });
  for (const [key, given] of [
    ['value', value],
    ['averageValue', averageValue],
  ] as const) {
    const quantity = parseQuantity(given);
    if (quantity && quantity.num <= 0n)
      findings.push({ path: [...at, key], message: `is ${show(given)}, ${REFUSED} ("must be positive"): write a quantity above 0` });
  }
  if (typeof averageUtilization === 'number' && averageUtilization < 1)
    findings.push({
      path: [...at, 'averageUtilization'],
      message: `is ${averageUtilization}, ${REFUSED} ("must be greater than 0"): write a percentage of the requests, such as 80`,
    });
  const has = (field: unknown) => field !== undefined && field !== null;
  const missing = (key: string, upstream: string, fix: string) =>
    findings.push({ path: [...at, key], message: `is missing, ${REFUSED} ("${upstream}"): ${fix}` });
  if (type === 'Resource' || type === 'ContainerResource') {
    if (!has(averageUtilization) && !has(averageValue))
      missing(
        'averageUtilization',
        'must set either a target raw value or a target utilization',
        'write averageUtilization (with type: Utilization) or averageValue (with type: AverageValue)',
      );
    if (has(averageUtilization) && has(averageValue))
      findings.push({
        path: [...at, 'averageValue'],
        message: `is set beside averageUtilization, ${REFUSED} ("may not set both a target raw value and a target utilization"): keep one of them`,
      });
  } else if (type === 'Pods' && !has(averageValue))
    missing('averageValue', 'must specify a positive target averageValue', 'write averageValue (with type: AverageValue)');
  else if ((type === 'Object' || type === 'External') && !has(value) && !has(averageValue))
    missing(
      'averageValue',
      type === 'Object'
        ? 'must set either a target value or averageValue'
        : 'must set either a target value for metric or a per-pod target',
      'write value (type: Value) or averageValue (type: AverageValue)',
    );
  else if (type === 'External' && has(value) && has(averageValue))
    findings.push({
      path: [...at, 'value'],
      message: `is set beside averageValue, ${REFUSED} ("may not set both a target value for metric and a per-pod target"): keep one of them`,
    });
  return findings;
}
