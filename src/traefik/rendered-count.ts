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

/**
 * A rollout count that gives no pods: 0 as rendered, or a percentage of 0 (`"0%"`, `"00%"`), which the API server
 * accepts (`^[0-9]+%$`) and scales to 0 whatever the pod count (k8s.io/apimachinery intstr GetScaledValueFromIntOrPercent).
 */
export function zeroCount(value: unknown): boolean {
  const count = renderedCount(value);
  return count === 0 || (typeof count === 'string' && /^0+%$/.test(count));
}
