import type { Path } from '../core/problem';
import type { FieldPath } from '../validate/paths';
import type { TraefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';
import { traefikSecurityContexts } from './run-as-root';
import { isMap } from '../core/is-map';
import { blockKindOf } from './block-kinds';

type Values = Readonly<Record<string, unknown>>;
type Rules = Pick<
  TraefikChartRules,
  | 'runAsUserDefault'
  | 'noNewPrivsDefault'
  | 'chartEnvNames'
  | 'goRuntimeEnv'
  | 'goMemLimit'
  | 'hubTokenEnv'
  | 'timezoneKey'
  | 'emptyDirOptions'
>;
const at = (node: unknown, key: string): unknown => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined);
const valueAt = (values: Values, path: Path): unknown => path.reduce<unknown>((node, key) => at(node, key as string), values);

/**
 * The values the chart writes as they are (toYaml) into Traefik's own container or pod spec, each with the field it
 * becomes there, so that the Kubernetes 1.27 schema of that field (and the API server's rules) judge it as they judge the
 * same field of an `extraObjects` pod (traefik/traefik-helm-chart templates/_podtemplate.tpl, v20.1.1 to v41.3.0; all but
 * the readiness and liveness probes under `with`/`if`, so a Go-false value is not written). `tpl`: the chart renders the written text through `tpl` (affinity,
 * topologySpreadConstraints), so a finding at a templated text is left to install time. `when`: the chart rule that says
 * the chart writes it (chart-versions.ts). The containers and their mounts (`deployment.initContainers`,
 * `deployment.additionalContainers`, `additionalVolumeMounts`) are pod-containers.ts'; `nodeSelector` is
 * chart-pod-failures.ts' (texts only, label keys and values); `deployment.dnsConfig` and `hostAliases`,
 * dns-config-values.ts' and host-alias-values.ts'; the texts and numbers the chart writes unquoted, pod-value-types.ts';
 * the labels and annotations, values-kubernetes.ts'. Other objects: `service.spec`, service-spec-values.ts';
 * `autoscaling.metrics` and `behavior`, autoscaler-values.ts'.
 */
const OWN_FIELDS: ReadonlyArray<{
  readonly values: Path;
  readonly into: 'container' | 'pod';
  readonly field: string;
  readonly tpl?: true;
  readonly when?: 'emptyDirOptions';
}> = [
  { values: ['resources'], into: 'container', field: 'resources' },
  { values: ['env'], into: 'container', field: 'env' },
  { values: ['envFrom'], into: 'container', field: 'envFrom' },
  { values: ['securityContext'], into: 'container', field: 'securityContext' },
  { values: ['readinessProbe'], into: 'container', field: 'readinessProbe' },
  { values: ['livenessProbe'], into: 'container', field: 'livenessProbe' },
  { values: ['startupProbe'], into: 'container', field: 'startupProbe' },
  { values: ['deployment', 'lifecycle'], into: 'container', field: 'lifecycle' },
  { values: ['podSecurityContext'], into: 'pod', field: 'securityContext' },
  { values: ['deployment', 'imagePullSecrets'], into: 'pod', field: 'imagePullSecrets' },
  { values: ['affinity'], into: 'pod', field: 'affinity', tpl: true },
  { values: ['tolerations'], into: 'pod', field: 'tolerations' },
  { values: ['topologySpreadConstraints'], into: 'pod', field: 'topologySpreadConstraints', tpl: true },
  // From v41.2.0 the emptyDir of the chart's own volumes: `toYaml (default dict .Values.persistence.emptyDir)` (when
  // persistence is off) and `toYaml (default dict (.Values.deployment.tmpVolume).emptyDir)` under `emptyDir:`.
  { values: ['persistence', 'emptyDir'], into: 'pod', field: 'volumes', when: 'emptyDirOptions' },
  { values: ['deployment', 'tmpVolume', 'emptyDir'], into: 'pod', field: 'volumes', when: 'emptyDirOptions' },
  { values: ['deployment', 'additionalVolumes'], into: 'pod', field: 'volumes' },
];

/** Whether a path below the values lies in a value the chart renders through `tpl` (OWN_FIELDS). */
export const renderedByTpl = (path: Path): boolean => OWN_FIELDS.some((row) => row.tpl && row.values.every((key, i) => path[i] === key));

/** A stand-in for the handler the chart writes itself; its port and path are probe-rules.ts' to judge, never reported here. */
const CHART_PROBE_HANDLER = { httpGet: { path: '/ping', port: 9000, scheme: 'HTTP' } };

/** Traefik's own container and pod fields as the chart renders them from the values, and where each came from. */
export interface OwnPod {
  /** The container's fields the values give (resources, env, envFrom, securityContext, probes, lifecycle). */
  readonly container: Record<string, unknown>;
  /** The pod's fields the values give (OWN_FIELDS). */
  readonly pod: Record<string, unknown>;
  /** Where a path below the container lies in the values; undefined for what the chart writes itself. */
  readonly containerSource: (rest: FieldPath) => Path | undefined;
  /** The same for a path below the pod spec. */
  readonly podSource: (rest: FieldPath) => Path | undefined;
  /** The env var names the chart writes before the values' `env`, in order. */
  readonly chartEnv: readonly string[];
}

/**
 * Traefik's own container and pod as traefik-helm-chart templates/_podtemplate.tpl writes them (v20.1.1 to v41.3.0), for
 * the rules every other pod gets (object-judge.ts, container-fields.ts): the OWN_FIELDS as given, except `env` after
 * the chart's own entries (chart-versions.ts `chartEnvNames`, `goRuntimeEnv`, `goMemLimit`, `hubTokenEnv`, `timezoneKey`),
 * `securityContext` and `podSecurityContext` over the chart's defaults (run-as-root.ts), `readinessProbe`/`livenessProbe`
 * below the chart's own httpGet (`toYaml` of the value under `httpGet: ...`), and the pod's volumes after the chart's own.
 * Undefined when the values set none of them but as this tool writes them (`generated`): nothing of the user's to judge
 * (and the schema check is not loaded).
 */
export function traefikOwnPod(values: Values, rules: Rules, generated: Values = {}): OwnPod | undefined {
  const fields = OWN_FIELDS.filter((row) => !row.when || rules[row.when]);
  // What this tool writes itself (the spread of several pods, the affinity of client IPs) is valid as written (ha-values.ts,
  // placement-values.ts): only a value the user gives or changes is a reason to load the schema check.
  const changed = (path: Path) => JSON.stringify(valueAt(values, path)) !== JSON.stringify(valueAt(generated, path));
  if (!fields.some((row) => valueAt(values, row.values) !== undefined && changed(row.values))) return undefined;
  const security = traefikSecurityContexts(values, rules);
  const container: Record<string, unknown> = {};
  const given = new Set<string>();
  // A value of the wrong type the chart writes all the same (a Go-true text under `with`) is the schema's to refuse.
  const raw = (value: unknown) => !isMap(value) && !Array.isArray(value) && goTruthy(value);
  if (isMap(values.resources) || raw(values.resources)) container.resources = values.resources;
  const chartEnv = chartEnvNames(values, rules);
  if (Array.isArray(values.env))
    container.env = [...chartEnv.map((name) => ({ name, valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } })), ...values.env];
  else if (raw(values.env)) container.env = values.env;
  if (goTruthy(values.envFrom)) container.envFrom = values.envFrom;
  if (raw(values.securityContext)) container.securityContext = values.securityContext;
  else if (Object.keys(security.container).length) container.securityContext = security.container;
  for (const key of ['readinessProbe', 'livenessProbe'] as const) {
    const probe = at(values, key);
    if (isMap(probe)) {
      if (Object.hasOwn(probe, 'httpGet')) given.add(key);
      container[key] = { ...CHART_PROBE_HANDLER, ...probe };
    } else if (raw(probe)) container[key] = probe;
  }
  if (goTruthy(at(values, 'startupProbe'))) container.startupProbe = values.startupProbe;
  const lifecycle = valueAt(values, ['deployment', 'lifecycle']);
  if (goTruthy(lifecycle)) container.lifecycle = lifecycle;
  const containerSource = (rest: FieldPath): Path | undefined => {
    const [key, index, ...below] = rest;
    if (key === 'env') {
      if (typeof index !== 'number') return ['env'];
      return index < chartEnv.length ? undefined : ['env', index - chartEnv.length, ...below];
    }
    // The chart's own httpGet: its port, path and scheme are probe-rules.ts' to judge.
    if ((key === 'readinessProbe' || key === 'livenessProbe') && index === 'httpGet' && !given.has(key)) return undefined;
    const row = fields.find((own) => own.into === 'container' && own.field === key);
    return row && typeof key === 'string' && key in container ? [...row.values, ...rest.slice(1)] : undefined;
  };
  const podSecurity = raw(values.podSecurityContext)
    ? values.podSecurityContext
    : Object.keys(security.pod).length
      ? security.pod
      : undefined;
  const { pod, volumeSources } = podFields(values, fields);
  if (podSecurity !== undefined) pod.securityContext = podSecurity;
  const podSource = (rest: FieldPath): Path | undefined => {
    const [key, index] = rest;
    if (key === 'volumes') {
      const source = typeof index === 'number' ? volumeSources[index] : undefined;
      // The chart's own volumes' names are pod-volumes.ts' to judge: only the emptyDir below is the values'.
      if (!source || (source.own && rest[2] !== 'emptyDir')) return undefined;
      return source.own ? [...source.values, ...rest.slice(3)] : [...source.values, ...rest.slice(2)];
    }
    const row = fields.find((own) => own.into === 'pod' && own.field === key);
    return row && typeof key === 'string' && key in pod ? [...row.values, ...rest.slice(1)] : undefined;
  };
  return { container, pod, containerSource, podSource, chartEnv };
}

/**
 * The pod fields the OWN_FIELDS rows give, written as given when Go-true (`with`/`if`), except a list where the chart
 * writes a map or a map where it writes a list, which block-kinds.ts refuses in its own words; and the pod's volumes: the
 * chart's own whose emptyDir the values give (named as a stand-in, their names are pod-volumes.ts'), then
 * the items of a `deployment.additionalVolumes` list, with where each item came from.
 */
function podFields(
  values: Values,
  fields: typeof OWN_FIELDS,
): { pod: Record<string, unknown>; volumeSources: Array<{ values: Path; own: boolean }> } {
  const pod: Record<string, unknown> = {};
  const volumes: unknown[] = [];
  const volumeSources: Array<{ values: Path; own: boolean }> = [];
  for (const row of fields.filter(({ into, field }) => into === 'pod' && field !== 'securityContext')) {
    const value = valueAt(values, row.values);
    if (!goTruthy(value) || blockKindOf(row.values, value) !== undefined) continue;
    if (row.field !== 'volumes') pod[row.field] = value;
    else if (row.values.at(-1) === 'emptyDir') {
      // `persistence.emptyDir` is written only when persistence is off (else a persistentVolumeClaim).
      if (row.values[0] === 'persistence' && goTruthy(valueAt(values, ['persistence', 'enabled']))) continue;
      volumes.push({ name: `own-${volumes.length}`, emptyDir: value });
      volumeSources.push({ values: row.values, own: true });
    } else if (Array.isArray(value)) {
      value.forEach((volume, i) => {
        volumes.push(volume);
        volumeSources.push({ values: [...row.values, i], own: false });
      });
    }
  }
  if (volumes.length) pod.volumes = volumes;
  return { pod, volumeSources };
}

/** The env var names the chart writes before the values' `env` (chart-versions.ts). */
function chartEnvNames(values: Values, rules: Rules): string[] {
  const limits = at(at(values, 'resources'), 'limits');
  const percentage = at(at(values, 'deployment'), 'goMemLimitPercentage');
  const timezone =
    rules.timezoneKey === 'none' ? undefined : rules.timezoneKey.split('.').reduce<unknown>((node, key) => at(node, key), values);
  return [
    ...rules.chartEnvNames,
    ...(rules.goRuntimeEnv && goTruthy(at(limits, 'cpu')) ? ['GOMAXPROCS'] : []),
    ...(rules.goRuntimeEnv &&
    goTruthy(at(limits, 'memory')) &&
    (rules.goMemLimit !== 'percentage-if-set' || percentage === undefined || goTruthy(percentage))
      ? ['GOMEMLIMIT']
      : []),
    // `with .Values.hub.token` (chart-versions.ts hubTokenEnv).
    ...(rules.hubTokenEnv && goTruthy(at(at(values, 'hub'), 'token')) ? ['HUB_TOKEN'] : []),
    ...(goTruthy(timezone) ? ['TZ'] : []),
  ];
}
