import { shownValue } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';
import { goTruthy } from './go-truth';

type Values = Record<string, unknown>;
type Sourcer = <T>(path: readonly string[], fallback: T) => Sourced<T>;

/** The counts of Traefik's PodDisruptionBudget as the chart renders it, and a count it drops, when there is one. */
export interface RenderedBudget {
  readonly minAvailable?: Sourced<unknown>;
  readonly maxUnavailable?: Sourced<unknown>;
  /** A count the values give that the chart does not write (0, "", false, an empty map or list). */
  readonly dropped?: Sourced<unknown>;
}

/**
 * The counts the chart writes into Traefik's PodDisruptionBudget: each only when Go templates hold it true
 * (traefik/traefik-helm-chart traefik/templates/poddisruptionbudget.yaml, v34.2.0 to v41.3.0:
 * `{{- if .Values.podDisruptionBudget.minAvailable }}`, the same for maxUnavailable), so 0, "", false and null are
 * dropped, while "0" (a non-empty text) is written, unquoted, as 0. `budget` is the merged `podDisruptionBudget`.
 */
export function renderedBudget(budget: Values, sourced: Sourcer): RenderedBudget {
  const keys = ['maxUnavailable', 'minAvailable'] as const;
  const at = (key: string) => sourced(['podDisruptionBudget', key], budget[key]);
  const written = keys.filter((key) => goTruthy(budget[key]));
  // null is Helm's way to delete a key: no count was meant there.
  const dropped = keys.find((key) => budget[key] !== undefined && budget[key] !== null && !goTruthy(budget[key]));
  return {
    ...Object.fromEntries(written.map((key) => [key, at(key)])),
    ...(dropped && { dropped: at(dropped) }),
  };
}

/**
 * Why a PodDisruptionBudget the chart renders with neither count blocks every drain: policy/v1 accepts it (k8s.io/kubernetes
 * pkg/apis/policy/validation/validation.go ValidatePodDisruptionBudgetSpec refuses only both; policy/v1 defaults neither),
 * and the disruption controller then expects 0 pods and so allows no disruption (pkg/controller/disruption/disruption.go
 * getExpectedPodCount, updatePdbStatus: `if expectedCount <= 0 || disruptionsAllowed <= 0 { disruptionsAllowed = 0 }`).
 */
export function countlessBudgetMessage(dropped: Sourced<unknown> | undefined, daemonSet = false): string {
  // `kubectl drain` skips DaemonSet pods (--ignore-daemonsets): only the eviction API meets a DaemonSet's budget.
  const hangs = daemonSet
    ? 'so no eviction of a Traefik pod is allowed (the eviction API refuses every one, whichever tool asks)'
    : 'so no drain may evict a Traefik pod and every node drain (and K3s upgrade) hangs';
  const why = 'the disruption controller allows no eviction under a PodDisruptionBudget with neither minAvailable nor maxUnavailable';
  // A DaemonSet's budget counts only by a whole-number minAvailable (rules.ts checkDaemonSetBudget).
  const fix = daemonSet ? 'a whole-number podDisruptionBudget.minAvailable below the number of nodes Traefik runs on' : undefined;
  return dropped
    ? `is ${shownValue(dropped.value)}, ${hangs} (the chart writes no count Go templates hold false, and ${why}): use ${fix ?? '1'}`
    : `renders Traefik's PodDisruptionBudget with no count, ${hangs} (${why}): set ${fix ?? 'podDisruptionBudget.maxUnavailable: 1'}`;
}
