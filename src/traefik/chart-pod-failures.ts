import { formatPath, keyText, Path, Problem, shownValue } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';
import { compareVersions, parseVersion, Version } from '../semver';
import type { Entrypoint } from './entrypoints';
import { goTruthy as truthy } from './go-truth';
import { sprigInt } from './sprig-int';
import { labelProblem } from '../config/formats';
import { gatewayFailures } from './chart-gateway-failures';
import { localPluginFailures, rbacFailures } from './chart-rbac-failures';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
type Source = <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>;
const valueAt = (values: unknown, path: readonly string[]) =>
  path.reduce<unknown>((node, key) => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined), values);

/** The pod template's and the workloads' own `fail`s and the pod fields the API server refuses (chart-failures.ts runs these). */
export function podTemplateFailures(
  values: Values,
  chart: Version,
  kind: Sourced<string>,
  sourced: Source,
  chartName: string,
  ports: readonly Entrypoint[],
): Problem[] {
  return [
    ...hostNetworkPortFailures(values, ports, sourced, chartName),
    ...dashboardFailure(values, chart, sourced, chartName),
    ...acmeArgumentFailures(values, kind, sourced, chartName),
    ...nodeSelectorFailures(values, sourced),
    ...switchFailures(values, chart, sourced, chartName),
    ...gatewayFailures(values, chart, sourced, chartName, ports),
    ...rbacFailures(values, chart, sourced, chartName),
    ...localPluginFailures(values, chart, sourced, chartName),
  ];
}

const inRange = (chart: Version, since: string, until?: string) =>
  compareVersions(parseVersion(since), chart) <= 0 && (!until || compareVersions(chart, parseVersion(until)) < 0);
const on = (values: Values, path: string) => truthy(valueAt(values, path.split('.')));

/**
 * `fail`s on a switch without the switch it needs, by chart version (traefik/traefik-helm-chart traefik/templates, read
 * with scripts/chart-reads.js --fails at every tag v34.0.0 to v41.3.0): `blamed` finds the key to name when the chart
 * fails, `says` is its message, `fix` what to write.
 */
const SWITCH_FAILURES: ReadonlyArray<{
  since: string;
  until?: string;
  blamed: (values: Values) => string | undefined;
  says: string;
  fix: string;
}> = [
  // requirements.yaml `and (not .Values.experimental.otlpLogs) (or (.Values.logs.general.otlp.enabled) (.Values.logs.access.otlp.enabled))`.
  ...[
    { since: 'v37.2.0', until: 'v41.0.0', keys: ['logs.general.otlp.enabled', 'logs.access.otlp.enabled'] },
    { since: 'v41.0.0', keys: ['log.otlp.enabled', 'accessLog.otlp.enabled'] },
  ].map(({ since, until, keys }) => ({
    since,
    until,
    blamed: (values: Values) => (on(values, 'experimental.otlpLogs') ? undefined : keys.find((key) => on(values, key))),
    says: 'otlp on logs or access logs is an experimental feature and needs experimental.otlpLogs=true.',
    fix: 'set experimental.otlpLogs: true, or turn it off',
  })),
  {
    since: 'v37.3.0',
    blamed: (values) =>
      on(values, 'providers.knative.enabled') && !on(values, 'experimental.knative') ? 'providers.knative.enabled' : undefined,
    says: 'Knative is experimental. Enable it by setting experimental.knative to true',
    fix: 'set experimental.knative: true, or turn it off',
  },
  {
    since: 'v39.0.0',
    blamed: (values) =>
      on(values, 'providers.kubernetesGateway.enabled') &&
      on(values, 'gateway.defaultScope') &&
      !on(values, 'providers.kubernetesGateway.experimentalChannel')
        ? 'gateway.defaultScope'
        : undefined,
    says: "The Gateway 'defaultScope' field is experimental. Enable it by setting providers.kubernetesGateway.experimentalChannel=true",
    fix: 'set providers.kubernetesGateway.experimentalChannel: true, or remove the key',
  },
  // rbac/podsecuritypolicy.yaml fails on Kubernetes v1.25+ (from v21.2.0), and every K3s this tool supports is v1.27 or newer.
  {
    since: 'v21.2.0',
    until: 'v40.0.0',
    blamed: (values) => (on(values, 'podSecurityPolicy.enabled') ? 'podSecurityPolicy.enabled' : undefined),
    says: 'PodSecurityPolicy has been removed in Kubernetes v1.25+',
    fix: 'turn it off (K3s applies Pod Security admission instead)',
  },
  // _podtemplate.tpl `with .Values.logs` ... `if and .general.format (not (has .general.format (list "common" "json")))`.
  {
    since: 'v30.0.0',
    until: 'v37.1.1',
    blamed: (values) => {
      const format = valueAt(values, ['logs', 'general', 'format']);
      return truthy(format) && format !== 'common' && format !== 'json' ? 'logs.general.format' : undefined;
    },
    says: '.Values.logs.general.format must be either common or json',
    fix: 'write common or json',
  },
];

function switchFailures(values: Values, chart: Version, sourced: Source, chartName: string): Problem[] {
  const problems = SWITCH_FAILURES.filter((row) => inRange(chart, row.since, row.until)).flatMap((row) => {
    const key = row.blamed(values);
    if (!key) return [];
    const given = sourced(key.split('.'), undefined);
    return [{ path: given.path, message: `is ${shownValue(given.value)}, and ${chartName} fails on it ("${row.says}"): ${row.fix}` }];
  });
  // requirements.yaml from v41.0.1: `range $name, $config := .Values.ingressRoute`, `if regexMatch "[A-Z]" $name` fails.
  const routes = isMap(values.ingressRoute) && inRange(chart, 'v41.0.1') ? Object.keys(values.ingressRoute) : [];
  for (const name of routes.filter((key) => /[A-Z]/.test(key))) {
    problems.push({
      path: sourced(['ingressRoute', name], undefined).path,
      message: `has upper-case letters, and ${chartName} fails on it ("ingressRoute key ... contains uppercase characters"): write the name in lower case`,
    });
  }
  // _podtemplate.tpl (v26.0.0 to v41.3.0): `if or (ne (typeOf $plugin) "map[string]interface {}") (not (hasKey $plugin "moduleName")) ...`;
  // before, `experimental.plugins` holds a switch (`enabled`).
  const plugins = inRange(chart, 'v26.0.0') ? valueAt(values, ['experimental', 'plugins']) : undefined;
  for (const [name, plugin] of Object.entries(isMap(plugins) ? plugins : {})) {
    // `hasKey`: a key given as null stays (Helm's coalesce drops only nulls over the chart's own defaults).
    if (isMap(plugin) && Object.hasOwn(plugin, 'moduleName') && Object.hasOwn(plugin, 'version')) continue;
    problems.push({
      path: sourced(['experimental', 'plugins', name], undefined).path,
      message:
        `${isMap(plugin) ? 'lacks moduleName or version' : 'is not a map'}, and ${chartName} fails on it ("plugin ${name} is missing ` +
        'moduleName/version keys"): give the plugin as a map with moduleName and version',
    });
  }
  return problems;
}

/**
 * templates/_podtemplate.tpl fails "ERROR: Cannot create an IngressRoute for the dashboard without enabling api.dashboard"
 * from v37.2.0: v37.2.0 to v39.0.0 `if .Values.api.dashboard ... else if .Values.ingressRoute.dashboard.enabled` (so a
 * null fails too); from v39.0.1 `with .Values.api` ... `if hasKey $apiConfig "dashboard"` ... `and
 * $.Values.ingressRoute.dashboard.enabled (not $apiConfig.dashboard)` (a null deletes the key: no failure). The chart's
 * defaults: `api.dashboard: true`, `ingressRoute.dashboard.enabled: false` (traefik/values.yaml, v37.2.0 to v41.3.0).
 */
function dashboardFailure(values: Values, chart: Version, sourced: Source, chartName: string): Problem[] {
  if (compareVersions(chart, parseVersion('v37.2.0')) < 0 || !truthy(valueAt(values, ['ingressRoute', 'dashboard', 'enabled']))) return [];
  // A null `api` is the nil-pointer refusal (deleted-maps.ts) up to v39.0.0, and renders no api flags after.
  if (!isMap(values.api)) return [];
  const written = Object.hasOwn(values.api, 'dashboard');
  const dashboard = written ? values.api.dashboard : true;
  const hasKey = compareVersions(chart, parseVersion('v39.0.1')) < 0 || dashboard !== null;
  if (!hasKey || truthy(dashboard)) return [];
  const enabled = sourced(['ingressRoute', 'dashboard', 'enabled'], true);
  return [
    {
      path: sourced(['api', 'dashboard'], undefined).path,
      message:
        `is ${shownValue(dashboard)}, but ${formatPath(enabled.path)} is ${shownValue(enabled.value)}, and ${chartName} fails on it ` +
        '("Cannot create an IngressRoute for the dashboard without enabling api.dashboard"): set api.dashboard: true, or turn the dashboard IngressRoute off',
    },
  ];
}

/**
 * templates/_podtemplate.tpl (v20.1.1 to v41.3.0): `if and $hostNetwork (and $config.hostPort $config.port)`, then
 * `if ne ($config.hostPort | int) ($config.port | int)` fails "All hostPort must match their respective containerPort when
 * `hostNetwork` is enabled" (`ports` holds the rendered ports, the chart's defaults under the user's).
 */
function hostNetworkPortFailures(values: Values, ports: readonly Entrypoint[], sourced: Source, chartName: string): Problem[] {
  if (!truthy(values.hostNetwork)) return [];
  return ports
    .filter((entry) => entry.hostPort !== undefined && entry.hostPort !== 0 && entry.port !== 0 && entry.hostPort !== entry.port)
    .map((entry) => ({
      path: sourced(['ports', entry.name, 'hostPort'], undefined, entry.path).path,
      message:
        `is ${entry.hostPort}, but ports.${keyText(entry.name)}.port is ${entry.port}, and with hostNetwork ${chartName} fails on it ("All hostPort ` +
        `must match their respective containerPort when \`hostNetwork\` is enabled"): set ports.${keyText(entry.name)}.port: ${entry.hostPort} too, or remove the hostPort`,
    }));
}

/**
 * Any additionalArguments item holding ".acme." (sprig's contains is Go's strings.Contains: that letter case), ACME flag
 * or not, fails the workload's template (v20.1.1 to v41.3.0): templates/daemonset.yaml always ("ACME functionality is not
 * supported when running Traefik as a DaemonSet"), templates/deployment.yaml under `if gt (int
 * .Values.deployment.replicas) 1` ("You can not enable acme if you set more than one traefik replica"; the chart's
 * default is 1, and an HPA does not change what the template reads).
 */
function acmeArgumentFailures(values: Values, kind: Sourced<string>, sourced: Source, chartName: string): Problem[] {
  if (!Array.isArray(values.additionalArguments)) return [];
  const replicas = sourced(['deployment', 'replicas'], 1);
  const why =
    kind.value === 'DaemonSet'
      ? 'for a DaemonSet ("ACME functionality is not supported when running Traefik as a DaemonSet"), ACME flag or not: ' +
        'run Traefik as a Deployment'
      : kind.value === 'Deployment' && sprigInt(replicas.value) > 1
        ? `with ${formatPath(replicas.path)} at ${shownValue(replicas.value)} ("You can not enable acme if you set more ` +
          'than one traefik replica"), ACME flag or not: keep one replica'
        : undefined;
  if (!why) return [];
  const list = sourced(['additionalArguments'], undefined).path;
  // The user's list names its items; a list a first-class key writes is blamed on that key.
  const at = (i: number): Path => (list.at(-1) === 'additionalArguments' ? [...list, i] : list);
  return values.additionalArguments.flatMap((item: unknown, i): Problem[] =>
    typeof item === 'string' && item.includes('.acme.')
      ? [
          {
            path: at(i),
            message: `holds ".acme.", and ${chartName} refuses any additionalArguments item holding that text ${why}, or write the item without ".acme."`,
          },
        ]
      : [],
  );
}

/**
 * `nodeSelector` is written as is into the pod template (templates/_podtemplate.tpl `toYaml`, v20 to v41), and a pod's
 * nodeSelector is a map[string]string (k8s.io/api core/v1 PodSpec): the API server refuses a number, a boolean, a list
 * or a map there, failing the whole release (Deployment and DaemonSet alike). A null stays (the chart's default is `{}`,
 * so Helm's coalesce has no default to delete it over) and reaches the pod as "", which matches no node. ValidatePodSpec
 * runs ValidateLabels on it (k8s.io/kubernetes pkg/apis/core/validation): the keys and values of a label map.
 */
function nodeSelectorFailures(values: Values, sourced: Source): Problem[] {
  const selector = isMap(values.nodeSelector) ? values.nodeSelector : {};
  return Object.entries(selector).flatMap(([key, value]): Problem[] => {
    const path = sourced(['nodeSelector', key], undefined).path;
    const refused = "so the API server refuses Traefik's pods and the whole Traefik release fails";
    if (typeof value === 'string') {
      const problem = labelProblem(key, value);
      return problem ? [{ path, message: `${problem} (Kubernetes ValidateLabels on a pod's nodeSelector), ${refused}` }] : [];
    }
    const scalar = value !== null && typeof value !== 'object';
    const given = value === null ? 'null' : scalar ? `${shownValue(value)}, a ${typeof value}` : Array.isArray(value) ? 'a list' : 'a map';
    const fix =
      value === null
        ? 'write the label value, or remove the key'
        : scalar
          ? `quote it ("${String(value)}")`
          : 'write the label value as a text';
    return [{ path, message: `is ${given}, but a pod's nodeSelector holds texts only, ${refused}: ${fix}` }];
  });
}
