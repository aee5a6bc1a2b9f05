import { countFix, countProblem, countText } from '../core/int-or-string';
import { RENDERED_BUDGET } from './rendered-count';

/**
 * Traefik's HA values: the same keys in every chart version v20 to v41 (traefik/traefik-helm-chart
 * traefik/values.yaml: `deployment.replicas`, `podDisruptionBudget`, `topologySpreadConstraints`), so no
 * version table. The pods carry the chart's selector labels (`traefik.labelselector` in
 * traefik/templates/_helpers.tpl): name `traefik`, instance `<release>-<namespace>`, for K3s `traefik-kube-system`.
 */
export const TRAEFIK_POD_LABELS = { 'app.kubernetes.io/name': 'traefik', 'app.kubernetes.io/instance': 'traefik-kube-system' } as const;

/**
 * Values for `replicas` Traefik pods: none for one (K3s' own default), else the count, a spread over nodes and a budget.
 * `userBudget`: the user's `podDisruptionBudget` gives its own count (`minAvailable` or `maxUnavailable`), which then
 * stands alone, as the API server takes only one of the two; pod-rules judge it (rules.ts checkDisruptionBudget).
 */
export function traefikHaValues(replicas: number, userBudget = false): Record<string, unknown> {
  if (replicas < 2) return {};
  return {
    deployment: { replicas },
    // A drain evicts one pod at a time, so at least one keeps serving.
    podDisruptionBudget: userBudget ? { enabled: true } : { enabled: true, maxUnavailable: 1 },
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'kubernetes.io/hostname',
        // ScheduleAnyway: a dead node still counts as a spread domain until it is deleted, so DoNotSchedule
        // would leave the replacement pod Pending on a two-node cluster, exactly when it is needed.
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: { ...TRAEFIK_POD_LABELS } },
      },
    ],
  };
}

/** Whether chart values give a disruption budget count of their own (null is Helm's way to drop a key). */
export function givesBudgetCount(values: Readonly<Record<string, unknown>> | undefined): boolean {
  const budget = values?.podDisruptionBudget;
  if (typeof budget !== 'object' || budget === null || Array.isArray(budget)) return false;
  return ['minAvailable', 'maxUnavailable'].some((key) => (budget as Record<string, unknown>)[key] != null);
}

/**
 * What is wrong with a budget count as the chart prints it (`minAvailable: {{ ... }}` unquoted, so `"2"` is 2), or
 * undefined: policy/v1 takes a whole number of 0 or more, or a percentage of at most 100% (core/int-or-string.ts).
 * The API server refuses any other budget, and the release with it.
 */
export function budgetCountProblem(value: unknown): string | undefined {
  const what = countProblem(value, RENDERED_BUDGET);
  const refused = 'which the API server refuses in a PodDisruptionBudget, failing the whole Traefik release';
  return what && `is ${countText(value)}, ${what}, ${refused}: ${countFix('50%')}`;
}
