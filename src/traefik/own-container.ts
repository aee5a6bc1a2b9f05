import type { Path } from '../core/problem';
import type { FieldPath } from '../validate/paths';
import type { TraefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';
import { traefikSecurityContexts } from './run-as-root';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
type Rules = Pick<
  TraefikChartRules,
  'runAsUserDefault' | 'noNewPrivsDefault' | 'chartEnvNames' | 'goRuntimeEnv' | 'goMemLimit' | 'hubTokenEnv' | 'timezoneKey'
>;
const at = (node: unknown, key: string): unknown => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined);

/** The values keys the chart writes into Traefik's own container or pod as given (toYaml), judged by the container rules. */
const OWN_KEYS = [
  'resources',
  'env',
  'envFrom',
  'securityContext',
  'podSecurityContext',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
];

/** A stand-in for the handler the chart writes itself; its port and path are probe-rules.ts' to judge, never reported here. */
const CHART_PROBE_HANDLER = { httpGet: { path: '/ping', port: 9000, scheme: 'HTTP' } };

/** Traefik's own container and pod fields as the chart renders them from the values, and where each came from. */
export interface OwnPod {
  /** The container's fields the values give (resources, env, envFrom, securityContext, probes, lifecycle). */
  readonly container: Record<string, unknown>;
  /** The pod's `securityContext` and `imagePullSecrets`. */
  readonly pod: Record<string, unknown>;
  /** Where a path below the container lies in the values; undefined for what the chart writes itself. */
  readonly containerSource: (rest: FieldPath) => Path | undefined;
  /** The same for a path below the pod spec (`securityContext`, `imagePullSecrets`). */
  readonly podSource: (rest: FieldPath) => Path | undefined;
  /** The env var names the chart writes before the values' `env`, in order. */
  readonly chartEnv: readonly string[];
}

/**
 * Traefik's own container and pod as traefik-helm-chart templates/_podtemplate.tpl writes them (v20.1.1 to v41.3.0), for
 * the container rules every other container of a pod gets (object-judge.ts, container-fields.ts): `resources`, `env` after
 * the chart's own entries (chart-versions.ts `chartEnvNames`, `goRuntimeEnv`, `goMemLimit`, `hubTokenEnv`, `timezoneKey`), `envFrom`, `securityContext`
 * and `podSecurityContext` over the chart's defaults (run-as-root.ts), `readinessProbe`/`livenessProbe` below the chart's
 * own httpGet (`toYaml` of the value under `httpGet: ...`), `startupProbe` and `deployment.lifecycle` as given (`with`).
 * Undefined when the values set none of them: nothing of the user's to judge (and the schema check is not loaded).
 */
export function traefikOwnPod(values: Values, rules: Rules): OwnPod | undefined {
  const deployment = at(values, 'deployment');
  const lifecycle = at(deployment, 'lifecycle');
  const pullSecrets = at(deployment, 'imagePullSecrets');
  if (!OWN_KEYS.some((key) => at(values, key) !== undefined) && lifecycle === undefined && !Array.isArray(pullSecrets)) return undefined;
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
  if (goTruthy(lifecycle)) container.lifecycle = lifecycle;
  const containerSource = (rest: FieldPath): Path | undefined => {
    const [key, index, ...below] = rest;
    if (key === 'env') {
      if (typeof index !== 'number') return ['env'];
      return index < chartEnv.length ? undefined : ['env', index - chartEnv.length, ...below];
    }
    // The chart's own httpGet: its port, path and scheme are probe-rules.ts' to judge.
    if ((key === 'readinessProbe' || key === 'livenessProbe') && index === 'httpGet' && !given.has(key)) return undefined;
    if (key === 'lifecycle') return ['deployment', 'lifecycle', ...rest.slice(1)];
    return typeof key === 'string' && key in container ? rest : undefined;
  };
  const podSecurity = raw(values.podSecurityContext)
    ? values.podSecurityContext
    : Object.keys(security.pod).length
      ? security.pod
      : undefined;
  const pod: Record<string, unknown> = podSecurity === undefined ? {} : { securityContext: podSecurity };
  // `with .Values.deployment.imagePullSecrets` then `imagePullSecrets: toYaml` into the pod (v20.1.1 to v41.3.0, 45a-21):
  // each item a LocalObjectReference; a value that is no list is block-kinds.ts' to refuse.
  if (Array.isArray(pullSecrets) && pullSecrets.length) pod.imagePullSecrets = pullSecrets;
  const podSource = (rest: FieldPath): Path | undefined =>
    rest[0] === 'securityContext'
      ? ['podSecurityContext', ...rest.slice(1)]
      : rest[0] === 'imagePullSecrets' && pod.imagePullSecrets
        ? ['deployment', ...rest]
        : undefined;
  return { container, pod, containerSource, podSource, chartEnv };
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
