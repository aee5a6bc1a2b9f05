import { Path, Problem } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';
import { rulesFor, Version } from '../semver';

/**
 * Top-level maps whose keys the chart's templates read bare on every render, by chart version (traefik/traefik-helm-chart
 * traefik/templates): deployment.yaml `.Values.deployment.enabled`, _helpers.tpl `.Values.image.registry` and
 * `.Values.serviceAccount.name`, pvc.yaml `.Values.persistence.enabled`, hpa.yaml `.Values.autoscaling.enabled`,
 * poddisruptionbudget.yaml `.Values.podDisruptionBudget.enabled`, _podtemplate.tpl `.Values.hub.token`,
 * `len .Values.experimental.plugins` and `($.Values.resources.limits).cpu` (v34.2.0 to v41.3.0); _helpers.tpl
 * `.Values.global.azure` from v36.0.0; _podtemplate.tpl `.Values.logs.access.timezone` from v37.1.0 (checked to
 * v39.0.7; gone by v41.3.0, so judged to v39); `$.Values.ingressRoute.dashboard.enabled` from v38.0.0. A null deletes the
 * chart's map (Helm's coalesce, helm/helm pkg/chartutil/coalesce.go), and the template then fails on the key under it
 * ("nil pointer evaluating interface {}.enabled"), so helm-controller fails the whole release.
 */
const ALWAYS = [
  'deployment',
  'image',
  'serviceAccount',
  'persistence',
  'autoscaling',
  'podDisruptionBudget',
  'hub',
  'experimental',
  'resources',
];
const READ_ON_EVERY_RENDER: ReadonlyArray<{ since: string; maps: readonly string[] }> = [
  { since: 'v34.0.0', maps: ALWAYS },
  { since: 'v36.0.0', maps: [...ALWAYS, 'global'] },
  { since: 'v37.1.0', maps: [...ALWAYS, 'global', 'logs'] },
  { since: 'v38.0.0', maps: [...ALWAYS, 'global', 'logs', 'ingressRoute'] },
  { since: 'v40.0.0', maps: [...ALWAYS, 'global', 'ingressRoute'] },
];

/** A null on one of those maps, at the key that supplied it. */
export function deletedMapFailures(
  values: Readonly<Record<string, unknown>>,
  chart: Version,
  chartName: string,
  sourced: <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>,
): Problem[] {
  const { maps } = rulesFor<{ maps: readonly string[] }>(READ_ON_EVERY_RENDER, chart);
  return (maps ?? [])
    .filter((key) => Object.hasOwn(values, key) && values[key] === null)
    .map((key) => ({
      path: sourced([key], undefined).path,
      message:
        `is null, which deletes the chart's ${key} map, and ${chartName}'s templates read keys under it on every render, so ` +
        `Helm fails ("nil pointer evaluating interface {}") and with it the whole Traefik release: remove the key, or set only the keys under it you mean to change`,
    }));
}
