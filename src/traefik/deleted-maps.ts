import { Path, Problem } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';
import { compareVersions, parseVersion, Version } from '../semver';

/**
 * Maps whose keys the chart's templates read bare, by chart version, as dotted paths (traefik/traefik-helm-chart
 * traefik/templates, each read checked at every tag v34.0.0 to v41.3.0). From v34.0.0: deployment.yaml
 * `.Values.deployment.enabled`; _helpers.tpl `.Values.image.registry`, `.Values.serviceAccount.name`; pvc.yaml
 * `.Values.persistence.enabled`; hpa.yaml `.Values.autoscaling.enabled`; poddisruptionbudget.yaml
 * `.Values.podDisruptionBudget.enabled`; ingressclass.yaml `.Values.ingressClass.enabled`; service-metrics.yaml
 * `.Values.metrics.prometheus`; requirements.yaml `.Values.rbac.namespaced`; rbac/podsecuritypolicy.yaml
 * `.Values.podSecurityPolicy.enabled` (to v39.0.9); in _podtemplate.tpl outside any guard `.Values.hub.token`,
 * `len .Values.experimental.plugins`, `($.Values.resources.limits).cpu`, `.Values.tracing.addInternals`,
 * `.Values.experimental.kubernetesGateway.enabled`, `.Values.providers.{file,kubernetesCRD,kubernetesIngress}.enabled`
 * and, in `with .Values.logs`, `.general.format` and `.access.enabled` (to v40.3.0); deployment.yaml and daemonset.yaml
 * `with .Values.updateStrategy` ... `if (eq .type "RollingUpdate")` ... `.rollingUpdate.maxUnavailable` (a type null or
 * empty makes `eq` false). Later: _helpers.tpl `.Values.oci_meta.enabled` from v35.0.0; `.Values.global.azure.enabled`
 * from v35.3.0; `.Values.logs.access.timezone` from v37.1.0 to v40.3.0 (`.Values.accessLog.timezone` from v41.0.0);
 * `.Values.ocsp.enabled` from v37.1.0; rbac/role.yaml `.Values.providers.knative.namespaces` from v37.3.0;
 * `if .Values.api.dashboard ... else if .Values.ingressRoute.dashboard.enabled` from v37.2.0 to v39.0.0, then
 * `with .Values.api` ... `if hasKey $apiConfig "dashboard"` ... `$.Values.ingressRoute.dashboard.enabled`; requirements.yaml
 * `.Values.providers.kubernetesGateway.enabled` from v39.0.0 (before, only under `rbac.namespaced`). A null deletes the
 * chart's map (Helm's coalesce, helm/helm pkg/chartutil/coalesce.go), and Helm's templates read a key under a missing
 * one as a nil interface (missingkey=zero), so the render fails ("nil pointer evaluating interface {}.enabled") and
 * helm-controller fails the whole release.
 */
const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
type Values = Readonly<Record<string, unknown>>;
interface DeletedMapRow {
  readonly map: string;
  readonly since: string;
  /** First version that no longer reads it. */
  readonly until?: string;
  /** When the read sits under a condition on other values (as the user merged them over the chart's defaults). */
  readonly when?: (values: Values) => boolean;
}
const ALWAYS = [
  ...['deployment', 'image', 'serviceAccount', 'persistence', 'autoscaling', 'podDisruptionBudget', 'hub', 'experimental'],
  ...['resources', 'providers', 'providers.file', 'providers.kubernetesCRD', 'providers.kubernetesIngress'],
  ...['ingressClass', 'metrics', 'tracing', 'rbac', 'experimental.kubernetesGateway'],
];
/** The chart default `api.dashboard: true`, unless the user's values change or delete it. */
const apiDashboard = (values: Values): unknown =>
  isMap(values.api) && Object.hasOwn(values.api, 'dashboard') ? values.api.dashboard : true;
const READ_BARE: readonly DeletedMapRow[] = [
  ...ALWAYS.map((map) => ({ map, since: 'v34.0.0' })),
  { map: 'logs.general', since: 'v34.0.0', until: 'v41.0.0' },
  { map: 'logs.access', since: 'v34.0.0', until: 'v41.0.0' },
  { map: 'podSecurityPolicy', since: 'v34.0.0', until: 'v40.0.0' },
  { map: 'oci_meta', since: 'v35.0.0' },
  { map: 'global', since: 'v35.3.0' },
  { map: 'global.azure', since: 'v35.3.0' },
  { map: 'logs', since: 'v37.1.0', until: 'v41.0.0' },
  { map: 'ocsp', since: 'v37.1.0' },
  { map: 'api', since: 'v37.2.0', until: 'v39.0.1' },
  { map: 'ingressRoute', since: 'v37.2.0', until: 'v38.0.0', when: (values) => !apiDashboard(values) },
  { map: 'ingressRoute.dashboard', since: 'v37.2.0', until: 'v39.0.1', when: (values) => !apiDashboard(values) },
  { map: 'providers.knative', since: 'v37.3.0' },
  { map: 'ingressRoute', since: 'v38.0.0' },
  { map: 'providers.kubernetesGateway', since: 'v39.0.0' },
  { map: 'ingressRoute.dashboard', since: 'v39.0.1', when: (values) => values.api !== null && apiDashboard(values) !== null },
  { map: 'accessLog', since: 'v41.0.0' },
  {
    map: 'updateStrategy.rollingUpdate',
    since: 'v34.0.0',
    when: (values) =>
      isMap(values.updateStrategy) && [undefined, 'RollingUpdate'].includes(values.updateStrategy.type as string | undefined),
  },
];

const inRange = (chart: Version, row: DeletedMapRow): boolean =>
  compareVersions(parseVersion(row.since), chart) <= 0 && (!row.until || compareVersions(chart, parseVersion(row.until)) < 0);

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
  return READ_BARE.filter((row) => inRange(chart, row) && (row.when?.(values) ?? true))
    .map((row) => row.map.split('.'))
    .filter((path) => nulled(values, path))
    .map((path) => ({
      path: sourced(path, undefined).path,
      message:
        `is null, which deletes the chart's ${path.join('.')} map, and ${chartName}'s templates read keys under it, so ` +
        `Helm fails ("nil pointer evaluating interface {}") and with it the whole Traefik release: remove the key, or set only the keys under it you mean to change`,
    }));
}
