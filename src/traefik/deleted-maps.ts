import { Path, Problem } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';
import { rulesFor, Version } from '../semver';

/**
 * Maps whose keys the chart's templates read bare on every render, by chart version, as dotted paths (traefik/traefik-helm-chart
 * traefik/templates, checked at every tag v34.0.0 to v41.3.0): deployment.yaml `.Values.deployment.enabled`, _helpers.tpl
 * `.Values.image.registry` and `.Values.serviceAccount.name`, pvc.yaml `.Values.persistence.enabled`, hpa.yaml
 * `.Values.autoscaling.enabled`, poddisruptionbudget.yaml `.Values.podDisruptionBudget.enabled`; in _podtemplate.tpl,
 * outside any guard: `.Values.hub.token`, `len .Values.experimental.plugins`, `($.Values.resources.limits).cpu`,
 * `.Values.providers.file.enabled`, `.Values.providers.kubernetesCRD.enabled`, `.Values.providers.kubernetesIngress.enabled`
 * and, in `with .Values.logs`, `.general.format` and `.access.enabled` (to v40.3.0); `.Values.global.azure.enabled` from
 * v35.3.0 (and _helpers.tpl from v36.0.0); `.Values.logs.access.timezone` from v37.1.0 to v40.3.0, renamed
 * `.Values.accessLog.timezone` in v41.0.0; `$.Values.ingressRoute.dashboard.enabled` from v38.0.0 (under the chart's
 * default `api.dashboard` from v39.0.0). A null deletes the chart's map (Helm's coalesce, helm/helm
 * pkg/chartutil/coalesce.go), and Helm's templates read a key under a missing one as a nil interface (missingkey=zero),
 * so the render fails ("nil pointer evaluating interface {}.enabled") and helm-controller fails the whole release.
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
  'providers',
  'providers.file',
  'providers.kubernetesCRD',
  'providers.kubernetesIngress',
];
const LOGS = ['logs.general', 'logs.access'];
const READ_ON_EVERY_RENDER: ReadonlyArray<{ since: string; maps: readonly string[] }> = [
  { since: 'v34.0.0', maps: [...ALWAYS, ...LOGS] },
  { since: 'v35.3.0', maps: [...ALWAYS, ...LOGS, 'global', 'global.azure'] },
  { since: 'v37.1.0', maps: [...ALWAYS, ...LOGS, 'global', 'global.azure', 'logs'] },
  { since: 'v38.0.0', maps: [...ALWAYS, ...LOGS, 'global', 'global.azure', 'logs', 'ingressRoute'] },
  { since: 'v39.0.0', maps: [...ALWAYS, ...LOGS, 'global', 'global.azure', 'logs', 'ingressRoute', 'ingressRoute.dashboard'] },
  { since: 'v41.0.0', maps: [...ALWAYS, 'global', 'global.azure', 'accessLog', 'ingressRoute', 'ingressRoute.dashboard'] },
];

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether the merged values set `path` itself to null (its parents are maps: a null parent is the parent's problem). */
function nulled(values: Readonly<Record<string, unknown>>, path: readonly string[]): boolean {
  const parent = path.slice(0, -1).reduce<unknown>((node, key) => (isMap(node) ? node[key] : undefined), values);
  return isMap(parent) && Object.hasOwn(parent, path.at(-1)!) && parent[path.at(-1)!] === null;
}

/** A null on one of those maps, at the key that supplied it. */
export function deletedMapFailures(
  values: Readonly<Record<string, unknown>>,
  chart: Version,
  chartName: string,
  sourced: <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>,
): Problem[] {
  const { maps } = rulesFor<{ maps: readonly string[] }>(READ_ON_EVERY_RENDER, chart);
  return (maps ?? [])
    .map((map) => map.split('.'))
    .filter((path) => nulled(values, path))
    .map((path) => ({
      path: sourced(path, undefined).path,
      message:
        `is null, which deletes the chart's ${path.join('.')} map, and ${chartName}'s templates read keys under it on every render, so ` +
        `Helm fails ("nil pointer evaluating interface {}") and with it the whole Traefik release: remove the key, or set only the keys under it you mean to change`,
    }));
}
