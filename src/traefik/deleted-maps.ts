import { Path, Problem } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';

/**
 * Top-level maps whose keys the chart's templates read bare on every render (traefik/traefik-helm-chart v34.2.0 to
 * v41.3.0): deployment.yaml `.Values.deployment.enabled`, _helpers.tpl `.Values.image.registry` and
 * `.Values.serviceAccount.name`, pvc.yaml `.Values.persistence.enabled`, hpa.yaml `.Values.autoscaling.enabled`,
 * poddisruptionbudget.yaml `.Values.podDisruptionBudget.enabled`. A null deletes the chart's map (Helm's coalesce,
 * helm/helm pkg/chartutil/coalesce.go), and Go's template then fails on the key under it ("nil pointer evaluating
 * interface {}.enabled"), so helm-controller fails the whole release.
 */
const READ_ON_EVERY_RENDER = ['deployment', 'image', 'serviceAccount', 'persistence', 'autoscaling', 'podDisruptionBudget'] as const;

/** A null on one of those maps, at the key that supplied it. */
export function deletedMapFailures(
  values: Readonly<Record<string, unknown>>,
  chartName: string,
  sourced: <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>,
): Problem[] {
  return READ_ON_EVERY_RENDER.filter((key) => Object.hasOwn(values, key) && values[key] === null).map((key) => ({
    path: sourced([key], undefined).path,
    message:
      `is null, which deletes the chart's ${key} map, and ${chartName}'s templates read keys under it on every render, so ` +
      `Helm fails ("nil pointer evaluating interface {}") and with it the whole Traefik release: remove the key, or set only the keys under it you mean to change`,
  }));
}
