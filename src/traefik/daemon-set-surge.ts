import { formatPath, Path, Problem, shownValue } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';
import { renderedRolloutCount, zeroCount } from './rendered-count';
import { valueAt } from './service-facts';
import { isMap } from '../core/is-map';

type Values = Record<string, unknown>;

/**
 * A DaemonSet may surge or take pods down in a rollout, not both: the API server refuses maxSurge when maxUnavailable
 * is non-zero (kubernetes/kubernetes pkg/apis/apps/validation/validation.go ValidateRollingUpdateDaemonSet, v1.22+:
 * "may not be set when maxUnavailable is non-zero"). The chart's defaults are maxUnavailable 0 and maxSurge 1
 * (traefik/traefik-helm-chart traefik/values.yaml); a null drops the key, which the API server defaults to 0.
 */
export function surgingDaemonSet(
  values: Values,
  kind: Sourced<string>,
  sourced: <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>,
  prefix: Path,
): { surgingDaemonSet?: Problem } {
  const rolling = valueAt(values, ['updateStrategy', 'rollingUpdate']);
  const type = valueAt(values, ['updateStrategy', 'type']) ?? 'RollingUpdate';
  if (kind.value !== 'DaemonSet' || type !== 'RollingUpdate' || !isMap(rolling)) return {};
  // As rendered: a text YAML reads as null leaves the field empty, which Kubernetes defaults (rendered-count.ts).
  const nonZero = (value: unknown) => {
    const count = renderedRolloutCount(value);
    return count !== undefined && count !== null && !zeroCount(count);
  };
  const surge = rolling.maxSurge === undefined ? 1 : rolling.maxSurge;
  if (!nonZero(rolling.maxUnavailable) || !nonZero(surge)) return {};
  const key = (name: string) => ['updateStrategy', 'rollingUpdate', name];
  const given = sourced(key('maxSurge'), undefined, sourced(key('maxUnavailable'), undefined).path);
  const unavailable = shownValue(rolling.maxUnavailable);
  return {
    surgingDaemonSet: {
      path: given.path,
      message:
        `${given.value === undefined ? `is ${unavailable}, and the chart's default maxSurge is 1` : `is ${shownValue(given.value)} with maxUnavailable ${unavailable}`}, ` +
        'but the API server refuses a DaemonSet rollout with both non-zero ("may not be set when maxUnavailable is non-zero"): ' +
        `set ${formatPath([...prefix, 'values', ...key('maxSurge')])}: 0`,
    },
  };
}
