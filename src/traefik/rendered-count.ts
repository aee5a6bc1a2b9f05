import { CountRule, zeroPods } from '../core/int-or-string';
import { NULL_READING, unquotedReading } from './unquoted-scalar';
import { renderedInteger } from './yaml-number';

/**
 * A count as the chart renders it: the templates write `minAvailable`, `maxUnavailable` and `maxSurge` unquoted
 * (`minAvailable: {{ .Values.podDisruptionBudget.minAvailable }}` in poddisruptionbudget.yaml, v20.1.1 to v41.3.0;
 * `maxUnavailable: {{ .rollingUpdate.maxUnavailable }}` in deployment.yaml and daemonset.yaml from v31.1.1, before
 * that through toYaml, where a text stays a text the API server refuses as no percentage), so a text YAML reads as a
 * whole number reaches the API server as that number: `"1"`, but also `"01"`, `"00"`, `"0_0"`, `"0x1"`, `"+1"` and
 * `"1.0"` (yaml-number.ts). Anything else, a percentage too, stays as written.
 */
export function renderedCount(value: unknown): unknown {
  return typeof value === 'string' ? (renderedInteger(value) ?? value) : value;
}

// The shared reading of an unquoted text (unquoted-scalar.ts).
const readsAsNull = (value: unknown): boolean => typeof value === 'string' && unquotedReading(value) === NULL_READING;

/**
 * A rollout count as the chart renders it: as renderedCount, and a text YAML reads as null (go-yaml v2 resolve.go:
 * empty, `~`, `null`, `Null`, `NULL`, spaces dropped) leaves the field empty, `maxUnavailable: ` or `maxUnavailable: null`,
 * which Kubernetes defaults as if it were not given (templates/deployment.yaml, daemonset.yaml, v34.2.0 to v41.3.0). The
 * budget's template writes its count only when it is Go-true (`if .Values.podDisruptionBudget.minAvailable`), so there
 * `""` never renders, and a text `"null"` renders a budget without its count: judged as the text it is.
 */
export function renderedRolloutCount(value: unknown): unknown {
  return readsAsNull(value) ? null : renderedCount(value);
}

/**
 * `updateStrategy.type` as the chart renders it, raw (`type: {{ .type }}`, templates/deployment.yaml, daemonset.yaml,
 * v34.2.0 to v41.3.0): a text YAML reads as null leaves the field unset, which Kubernetes defaults to RollingUpdate with
 * its default counts, as for `type: null`; `eq .type "RollingUpdate"` is false then, so no rollingUpdate block renders.
 */
export function renderedStrategyType(type: unknown): unknown {
  return readsAsNull(type) ? null : type;
}

/** The count rules of Traefik's budget and rollout, as the chart renders them (core/int-or-string.ts). */
export const RENDERED_BUDGET: CountRule = { reading: renderedCount, atMost100: true, example: '50%' };
export const renderedRollout = (atMost100: boolean): CountRule => ({ reading: renderedRolloutCount, atMost100, example: '25%' });

/**
 * A rollout count that gives no pods: 0 as rendered, or a percentage of 0 (`"0%"`, `"00%"`), which the API server
 * accepts (`^[0-9]+%$`) and scales to 0 whatever the pod count (k8s.io/apimachinery intstr GetScaledValueFromIntOrPercent).
 */
export function zeroCount(value: unknown): boolean {
  return zeroPods(renderedCount(value));
}
