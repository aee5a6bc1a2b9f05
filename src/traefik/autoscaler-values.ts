import type { Path, Problem } from '../core/problem';
import { lazyRedactor } from '../core/lazy-redactor';
import { goTruthy } from './go-truth';
import { objectFindings } from './object-judge';
import { isMap } from '../core/is-map';

/** The values the chart writes as they are into its HorizontalPodAutoscaler's spec. */
const OWN_KEYS = ['metrics', 'behavior'] as const;

/**
 * `autoscaling.metrics` and `autoscaling.behavior` as the chart writes them into its HorizontalPodAutoscaler (traefik/traefik-helm-chart
 * templates/hpa.yaml, v20.1.1 to v41.3.0: `autoscaling/v2`, which every supported K3s serves; each under `if`, `toYaml` as
 * given), judged as an `extraObjects` HorizontalPodAutoscaler is (object-judge.ts: the Kubernetes 1.27 schema). The fields the
 * chart writes itself (scaleTargetRef, minReplicas, maxReplicas) are workload-value-types.ts' and chart-failures.ts'.
 */
export function autoscalerValueProblems(values: Readonly<Record<string, unknown>>, prefix: Path): Problem[] {
  const autoscaling = isMap(values.autoscaling) ? values.autoscaling : {};
  if (!goTruthy(autoscaling.enabled)) return [];
  const given = OWN_KEYS.filter((key) => goTruthy(autoscaling[key]));
  if (!given.length) return [];
  const spec: Record<string, unknown> = { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'traefik' }, maxReplicas: 1 };
  for (const key of given) spec[key] = autoscaling[key];
  // A plain copy: the validators may annotate what they read, and the config is frozen behind proxies.
  const object = JSON.parse(
    JSON.stringify({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'traefik' }, spec }),
  ) as Record<string, unknown>;
  const redacted = lazyRedactor(spec); // secrets read for a message only
  return objectFindings(object).flatMap(({ path, message }) => {
    const [root, key, ...rest] = path;
    if (root !== 'spec' || !given.some((own) => own === key)) return [];
    return [
      {
        path: [...prefix, 'values', 'autoscaling', key, ...rest],
        message:
          `${redacted(message).replace(/the Kubernetes 1\.27 schema of HorizontalPodAutoscaler/g, 'the Kubernetes 1.27 schema of a HorizontalPodAutoscaler')} ` +
          '(the chart writes it into its HorizontalPodAutoscaler as given, so the API server refuses it and the whole Traefik release fails to install)',
      },
    ];
  });
}
