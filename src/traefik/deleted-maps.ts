import { Path, Problem } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';
import { compareVersions, parseVersion, Version } from '../semver';
import { goTruthy as truthy } from './go-truth';
import { templateRelease } from './image-release';
import { isMap } from '../core/is-map';

/**
 * Maps whose keys the chart's templates read bare, by chart version, as dotted paths (traefik/traefik-helm-chart
 * traefik/templates, each read checked at every tag v20.1.1 to v41.3.0; the rows below v34.0.0 from round 31, their
 * sources next to them). From v34.0.0: deployment.yaml
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
 * `.Values.providers.kubernetesGateway.enabled` from v39.0.0 (before, only under `rbac.namespaced`). The rows were
 * completed (round 30) from `node scripts/chart-reads.js` over every release tag v34.0.0 to v41.3.0, its guarded reads
 * reviewed by hand: the otlp log maps in requirements.yaml, `traefik.proxyVersion`'s `ternary` over the image maps,
 * the Ingress provider's publishedService/ingressEndpoint, hub-apiportal.yaml, the NGINX providers, the `semverCompare`
 * blocks (judged only for an `image.tag` below them), and the reads behind autoscaling, gateway, podSecurityPolicy and
 * metrics switches. Left out: `hub.*` under `hub.token` (Traefik Hub). A null deletes the
 * chart's map (Helm's coalesce, helm/helm pkg/chartutil/coalesce.go), and Helm's templates read a key under a missing
 * one as a nil interface (missingkey=zero), so the render fails ("nil pointer evaluating interface {}.enabled") and
 * helm-controller fails the whole release.
 */
type Values = Readonly<Record<string, unknown>>;
interface DeletedMapRow {
  readonly map: string;
  readonly since: string;
  /** First version that no longer reads it. */
  readonly until?: string;
  /** When the read sits under a condition on other values (as the user merged them over the chart's defaults). */
  readonly when?: (values: Values) => boolean;
  /** Helm's error when the read is not a field access (else "nil pointer evaluating interface {}"). */
  readonly says?: string;
  /** Written with toYaml inside a map the template opens itself, unguarded: a null prints a bare `null` line there. */
  readonly written?: string;
}
/**
 * Maps read on every render, from the first tag reading them so (scripts/chart-reads.js over v20.1.1 to v41.3.0; a read
 * whose only guard is `define "traefik.podTemplate"` or a helper it includes runs on every render too).
 */
const ALWAYS: ReadonlyArray<readonly [map: string, since: string]> = [
  ...['deployment', 'image', 'serviceAccount', 'persistence', 'autoscaling', 'podDisruptionBudget', 'experimental']
    .concat(['providers', 'providers.kubernetesCRD', 'providers.kubernetesIngress', 'ingressClass', 'metrics', 'rbac'])
    .concat(['experimental.kubernetesGateway'])
    .map((map) => [map, 'v20.0.0'] as const),
  ['providers.file', 'v26.0.0'],
  ['tracing', 'v28.0.0'],
  ['resources', 'v28.1.0'],
  ['hub', 'v28.1.0'],
];
/** The chart default `api.dashboard: true`, unless the user's values change or delete it. */
const apiDashboard = (values: Values): unknown =>
  isMap(values.api) && Object.hasOwn(values.api, 'dashboard') ? values.api.dashboard : true;
/** A value as the chart reads it: the user's, else the chart's default (traefik/values.yaml, v34.2.0 to v41.3.0). */
const setting = (values: Values, path: string, fallback: unknown): unknown => {
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<unknown>((node, key) => (isMap(node) ? node[key] : undefined), values);
  return isMap(parent) && Object.hasOwn(parent, keys.at(-1)!) ? parent[keys.at(-1)!] : fallback;
};
const on = (path: string, fallback: boolean) => (values: Values) => truthy(setting(values, path, fallback));
const both =
  (...conditions: Array<(values: Values) => boolean>) =>
  (values: Values) =>
    conditions.every((holds) => holds(values));
/**
 * requirements.yaml reads some keys only behind `semverCompare "<vX" $version`: judged when `image.tag` names a
 * release below `below` (K3s pins the image otherwise, and the chart reads no version from a tag it cannot parse).
 */
const imageBelow = (below: string) => (values: Values) => {
  // `$version` is `traefik.proxyVersion`: versionOverride when set.
  const release = templateRelease(values);
  return typeof release === 'object' && compareVersions(release, parseVersion(below)) < 0;
};
/** `and (not .Values.experimental.otlpLogs) (or (<log>.otlp.enabled) (<access>.otlp.enabled))` (requirements.yaml). */
const noOtlpLogs = (values: Values) => !truthy(setting(values, 'experimental.otlpLogs', false));
/**
 * _helpers.tpl `traefik.proxyVersion`, included on every render, reads `<oci_meta|global.azure>.images.proxy.tag` as a
 * `ternary` argument (all evaluated) unless `versionOverride` or Traefik Hub (`hub.token`, or `hub.enabled` from v41.1.0) leads.
 */
const proxyFromImage = (values: Values) =>
  ['versionOverride', 'hub.token', 'hub.enabled'].every((path) => !truthy(setting(values, path, null)));
const ingressOn = on('providers.kubernetesIngress.enabled', true);
const daemonSet = (values: Values) => setting(values, 'deployment.kind', 'Deployment') === 'DaemonSet';
/** `eq .type "RollingUpdate"` on the user's updateStrategy (a type null or empty makes `eq` false). */
const rollingUpdate = (values: Values) =>
  isMap(values.updateStrategy) && [undefined, 'RollingUpdate'].includes(values.updateStrategy.type as string | undefined);
const READ_BARE: readonly DeletedMapRow[] = [
  ...ALWAYS.map(([map, since]) => ({ map, since })),
  // _podtemplate.tpl `.Values.hub.*` outside any guard up to v23.0.1 (Traefik Hub v1).
  { map: 'hub', since: 'v20.0.0', until: 'v23.1.0' },
  // `.Values.experimental.plugins.enabled` up to v25.0.0; from v26.0.0 deployment.yaml's `typeOf` check fails first, and
  // from v31.1.0 (it is gone) `gt (len .Values.experimental.plugins) 0` fails on the nil.
  { map: 'experimental.plugins', since: 'v20.0.0', until: 'v26.0.0' },
  {
    map: 'experimental.plugins',
    since: 'v26.0.0',
    until: 'v31.1.0',
    says: 'ERROR: .Values.experimental.plugins should be a map (<nil> provided)',
  },
  { map: 'experimental.plugins', since: 'v31.1.0', says: 'error calling len: len of nil pointer' },
  { map: 'logs.general', since: 'v20.0.0', until: 'v41.0.0' },
  { map: 'logs.access', since: 'v20.0.0', until: 'v41.0.0' },
  { map: 'podSecurityPolicy', since: 'v20.0.0', until: 'v40.0.0' },
  { map: 'securityContext', since: 'v20.0.0', until: 'v40.0.0', when: on('podSecurityPolicy.enabled', false) },
  { map: 'hub.apimanagement', since: 'v28.1.0', until: 'v41.1.0' },
  // Up to v29.0.1, ingressroute.yaml reads `.Values.ingressRoute.dashboard.enabled` (and `healthcheck` from v25.0.0) bare.
  { map: 'ingressRoute', since: 'v20.0.0', until: 'v30.0.0' },
  { map: 'ingressRoute.dashboard', since: 'v20.0.0', until: 'v30.0.0' },
  { map: 'ingressRoute.healthcheck', since: 'v25.0.0', until: 'v30.0.0' },
  // service-metrics.yaml v20.4.0 to v20.6.0: `if (and (.Values.metrics.prometheus.service).enabled ...)`, on every render.
  { map: 'metrics.prometheus', since: 'v20.4.0', until: 'v20.7.0' },
  // Up to v37.3.0 behind `.Values.service.enabled`, which this tool always writes true (a null `service` is refused as its key).
  { map: 'providers.kubernetesIngress.publishedService', since: 'v20.0.0', when: ingressOn },
  { map: 'providers.kubernetesIngress.ingressEndpoint', since: 'v40.0.0', when: ingressOn },
  { map: 'gatewayClass', since: 'v34.0.0', when: both(on('gateway.enabled', true), on('providers.kubernetesGateway.enabled', false)) },
  // service-metrics.yaml `if .Values.ports.metrics.nodePort`; before v23.1.0 also behind `not .Values.hub.enabled`.
  {
    map: 'ports.metrics',
    since: 'v20.4.0',
    until: 'v23.1.0',
    when: both(on('metrics.prometheus.service.enabled', false), (v) => !truthy(setting(v, 'hub.enabled', false))),
  },
  { map: 'ports.metrics', since: 'v23.1.0', when: on('metrics.prometheus.service.enabled', false) },
  { map: 'experimental.fastProxy', since: 'v34.0.0', until: 'v40.0.0', when: imageBelow('v3.2.0') },
  { map: 'oci_meta', since: 'v35.0.0' },
  { map: 'oci_meta.images', since: 'v35.0.0', when: proxyFromImage },
  { map: 'oci_meta.images.proxy', since: 'v35.0.0', when: proxyFromImage },
  { map: 'global', since: 'v35.3.0' },
  { map: 'global.azure', since: 'v35.3.0' },
  { map: 'global.azure.images', since: 'v35.3.0', when: proxyFromImage },
  { map: 'global.azure.images.proxy', since: 'v35.3.0', when: proxyFromImage },
  { map: 'metrics.otlp', since: 'v35.3.0', until: 'v37.2.0', when: imageBelow('v3.2.0') },
  { map: 'autoscaling.scaleTargetRef', since: 'v36.2.0', when: on('autoscaling.enabled', false) },
  { map: 'logs', since: 'v37.1.0', until: 'v41.0.0' },
  { map: 'ocsp', since: 'v37.1.0' },
  { map: 'api', since: 'v37.2.0', until: 'v39.0.1' },
  { map: 'ingressRoute', since: 'v37.2.0', until: 'v38.0.0', when: (values) => !apiDashboard(values) },
  { map: 'ingressRoute.dashboard', since: 'v37.2.0', until: 'v39.0.1', when: (values) => !apiDashboard(values) },
  { map: 'logs.general.otlp', since: 'v37.2.0', until: 'v41.0.0', when: noOtlpLogs },
  // `or` stops at a true general.otlp.enabled.
  {
    map: 'logs.access.otlp',
    since: 'v37.2.0',
    until: 'v41.0.0',
    when: both(noOtlpLogs, (v) => !truthy(setting(v, 'logs.general.otlp.enabled', false))),
  },
  { map: 'metrics.otlp', since: 'v37.2.0', until: 'v40.0.0', when: imageBelow('v3.5.3') },
  { map: 'providers.knative', since: 'v37.3.0' },
  // rbac/role.yaml's first line, v37.4.0 only; renamed kubernetesIngressNGINX in v40.0.0, read bare in requirements.yaml.
  { map: 'providers.kubernetesIngressNginx', since: 'v37.4.0', until: 'v38.0.0' },
  { map: 'ingressRoute', since: 'v38.0.0' },
  // `(eq .Values.ports.websecure.http.sanitizePath false)` first, then the encodedCharacters (the `or` stops at true).
  { map: 'ports.websecure', since: 'v38.0.0', when: imageBelow('v3.6.4') },
  { map: 'ports.websecure.http', since: 'v38.0.0', when: imageBelow('v3.6.4') },
  {
    map: 'ports.websecure.http.encodedCharacters',
    since: 'v38.0.0',
    when: both(imageBelow('v3.6.4'), (v) => setting(v, 'ports.websecure.http.sanitizePath', null) !== false),
  },
  // requirements.yaml `if .Values.rbac.namespaced` > `if .Values.providers.kubernetesGateway.enabled` (v30.1.0 to v38.x).
  { map: 'providers.kubernetesGateway', since: 'v30.1.0', until: 'v39.0.0', when: on('rbac.namespaced', false) },
  { map: 'providers.kubernetesGateway', since: 'v39.0.0' },
  { map: 'gateway', since: 'v39.0.0', when: on('providers.kubernetesGateway.enabled', false) },
  { map: 'ingressRoute.dashboard', since: 'v39.0.1', when: (values) => values.api !== null && apiDashboard(values) !== null },
  { map: 'providers.kubernetesIngressNGINX', since: 'v40.0.0' },
  { map: 'logs.access.fields', since: 'v40.3.0', until: 'v41.0.0', when: imageBelow('v3.7.3') },
  { map: 'logs.access.fields.queryParameters', since: 'v40.3.0', until: 'v41.0.0', when: imageBelow('v3.7.3') },
  { map: 'accessLog', since: 'v41.0.0' },
  { map: 'log', since: 'v41.0.0', when: noOtlpLogs },
  { map: 'log.otlp', since: 'v41.0.0', when: noOtlpLogs },
  { map: 'accessLog.otlp', since: 'v41.0.0', when: both(noOtlpLogs, (v) => !truthy(setting(v, 'log.otlp.enabled', false))) },
  { map: 'accessLog.fields', since: 'v41.0.0', when: imageBelow('v3.7.3') },
  { map: 'accessLog.fields.queryParameters', since: 'v41.0.0', when: imageBelow('v3.7.3') },
  { map: 'core', since: 'v41.3.0', when: imageBelow('v3.7.11') },
  // deployment.yaml and daemonset.yaml from v31.1.1: `with .Values.updateStrategy`, `if (eq .type "RollingUpdate")`.
  { map: 'updateStrategy.rollingUpdate', since: 'v31.1.1', when: rollingUpdate },
  // Before, deployment.yaml writes the map with toYaml; daemonset.yaml reads `.Values.updateStrategy.type`, then under
  // `eq ... "RollingUpdate"` `.rollingUpdate.maxUnavailable` (v20.1.1 to v31.1.0; within `with .Values.updateStrategy` from v25.0.0).
  { map: 'updateStrategy', since: 'v20.0.0', until: 'v25.0.0', when: daemonSet },
  { map: 'updateStrategy.rollingUpdate', since: 'v20.0.0', until: 'v31.1.1', when: both(daemonSet, rollingUpdate) },
  // _podtemplate.tpl `readinessProbe:` / `livenessProbe:` then the chart's httpGet, then `{{- toYaml .Values.readinessProbe | nindent 10 }}`
  // with no guard (every tag v20.1.1 to v41.3.0; the only such toYaml of a values key in the pod template).
  ...['readinessProbe', 'livenessProbe'].map((map) => ({
    map,
    since: 'v20.0.0',
    written: "its probe timings (the chart's httpGet stays)",
  })),
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
  return READ_BARE.filter((row) => inRange(chart, row) && (row.when?.(values) ?? true) && nulled(values, row.map.split('.'))).map(
    (row) => ({
      path: sourced(row.map.split('.'), undefined).path,
      message: row.written
        ? `is null, which deletes the chart's ${row.map} map, and ${chartName}'s pod template writes it with toYaml inside the ${row.map} ` +
          `it opens itself, so the pod template gets a bare "null" line there, which is no YAML (Helm: "could not find expected ':'"), and ` +
          `the whole Traefik release fails to install: remove the key to keep ${row.written}, or set only the keys under it you mean to change`
        : `is null, which deletes the chart's ${row.map} map, and ${chartName}'s templates read ${row.says ? 'it' : 'keys under it'}, so ` +
          `Helm fails ("${row.says ?? 'nil pointer evaluating interface {}'}") and with it the whole Traefik release: remove the key, or set only the keys under it you mean to change`,
    }),
  );
}
