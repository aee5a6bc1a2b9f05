import { isMap } from '../core/is-map';
import { compareVersions, parseVersion, Version } from '../semver';
import type { TraefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';
import { valuesSchemaVendored } from './values-schema';

type Values = Readonly<Record<string, unknown>>;

/** A chart key the template writes into a typed Traefik flag: `flag=<value>`, for charts `since`..`until` (inclusive). */
export interface ChartOptionFlag {
  readonly key: readonly string[];
  readonly flag: string;
  readonly since: string;
  readonly until?: string;
  /** A key that must be true for the template to reach the flag (`if .enabled`). */
  readonly gate?: readonly string[];
  /** Left to the chart's values schema where one is vendored for the version (its enum already refuses the value). */
  readonly schemaEnum?: true;
  /** Chart versions (inclusive) whose template refuses the value itself (chart-old-failures.ts): not judged twice. */
  readonly chartFails?: readonly [string, string];
}

/** Up to v40 the chart reads `logs.general` / `logs.access`; v41.0.0 moved them to `log` / `accessLog` (`with .Values.accessLog`). */
const pre41 = (key: string[], flag: string, since: string, gate?: string[]): ChartOptionFlag => ({
  key,
  flag,
  since,
  until: '40.99.99',
  gate,
});

/**
 * The chart keys traefik-helm-chart `traefik/templates/_podtemplate.tpl` prints as `--<flag>={{ . }}` into a flag whose
 * option is a Go duration, whole number, float or plain bool (flag-reference.ts types it), with the first and last tags
 * (of v20.0.0..v41.3.0) whose template has that line. Each is written only when its value is set (`with`, `if`, or
 * `if ne . nil` then `with . | toString`): a value Traefik cannot read is always set, so reading only truthy values here
 * never misses a bad one and never judges one the chart drops. Keys the chart writes as a fixed `=true`
 * (prometheus/statsd `addRoutersLabels`) or without a value (`forwardedHeaders.insecure`) have nothing to check.
 */
export const CHART_OPTION_FLAGS: readonly ChartOptionFlag[] = [
  // Durations (ptypes.Duration): metrics push intervals, the access-log filter.
  { key: ['metrics', 'datadog', 'pushInterval'], flag: 'metrics.datadog.pushInterval', since: '20.5.0' },
  { key: ['metrics', 'influxdb2', 'pushInterval'], flag: 'metrics.influxdb2.pushInterval', since: '20.5.0' },
  { key: ['metrics', 'statsd', 'pushInterval'], flag: 'metrics.statsd.pushInterval', since: '20.5.0' },
  { key: ['metrics', 'influxdb', 'pushInterval'], flag: 'metrics.influxdb.pushInterval', since: '20.5.0', until: '27.0.2' },
  { key: ['metrics', 'otlp', 'pushInterval'], flag: 'metrics.otlp.pushInterval', since: '28.0.0', gate: ['metrics', 'otlp', 'enabled'] },
  pre41(['logs', 'access', 'filters', 'minduration'], 'accesslog.filters.minduration', '20.1.1', ['logs', 'access', 'enabled']),
  { key: ['accessLog', 'filters', 'minDuration'], flag: 'accesslog.filters.minduration', since: '41.0.0', gate: ['accessLog', 'enabled'] },
  // Whole numbers: access-log buffer (`logs.access.bufferingsize` up to v20.6, camel-cased from v20.7.0), Gateway client throttling.
  {
    key: ['logs', 'access', 'bufferingsize'],
    flag: 'accesslog.bufferingsize',
    since: '20.1.1',
    until: '20.6.99',
    gate: ['logs', 'access', 'enabled'],
  },
  pre41(['logs', 'access', 'bufferingSize'], 'accesslog.bufferingsize', '20.7.0', ['logs', 'access', 'enabled']),
  { key: ['accessLog', 'bufferingSize'], flag: 'accesslog.bufferingsize', since: '41.0.0', gate: ['accessLog', 'enabled'] },
  {
    key: ['providers', 'kubernetesGateway', 'qps'],
    flag: 'providers.kubernetesgateway.qps',
    since: '40.3.0',
    gate: ['providers', 'kubernetesGateway', 'enabled'],
  },
  {
    key: ['providers', 'kubernetesGateway', 'burst'],
    flag: 'providers.kubernetesgateway.burst',
    since: '40.3.0',
    gate: ['providers', 'kubernetesGateway', 'enabled'],
  },
  // Float: the tracing sample rate. Floats: the Prometheus buckets (`--metrics.prometheus.buckets={{ .buckets }}` under
  // `if .prometheus`, 63b-9: held to the same list rules as the flag).
  { key: ['tracing', 'sampleRate'], flag: 'tracing.sampleRate', since: '33.2.0' },
  { key: ['metrics', 'prometheus', 'buckets'], flag: 'metrics.prometheus.buckets', since: '20.0.0', gate: ['metrics', 'prometheus'] },
  // Switches (plain bools, strconv.ParseBool). `experimental.abortOnPluginFailure` from v33.2.0: v33.1.0 writes it only for a
  // Traefik image from 3.2.1 (`semverCompare ">=3.2.1-0" $version`), which this does not model.
  ...['datadog', 'influxdb2'].flatMap((m) =>
    ['addRoutersLabels', 'addEntryPointsLabels', 'addServicesLabels'].map((k) => ({
      key: ['metrics', m, k],
      flag: `metrics.${m}.${k}`,
      since: '21.0.0',
    })),
  ),
  ...['prometheus', 'statsd'].flatMap((m) =>
    ['addEntryPointsLabels', 'addServicesLabels'].map((k) => ({ key: ['metrics', m, k], flag: `metrics.${m}.${k}`, since: '21.0.0' })),
  ),
  ...['addRoutersLabels', 'addEntryPointsLabels', 'addServicesLabels'].map((k) => ({
    key: ['metrics', 'otlp', k],
    flag: `metrics.otlp.${k}`,
    since: '28.0.0',
    gate: ['metrics', 'otlp', 'enabled'],
  })),
  {
    key: ['providers', 'kubernetesCRD', 'allowEmptyServices'],
    flag: 'providers.kubernetescrd.allowEmptyServices',
    since: '33.1.0',
    gate: ['providers', 'kubernetesCRD', 'enabled'],
  },
  {
    key: ['providers', 'kubernetesIngress', 'allowEmptyServices'],
    flag: 'providers.kubernetesingress.allowEmptyServices',
    since: '33.1.0',
    gate: ['providers', 'kubernetesIngress', 'enabled'],
  },
  { key: ['experimental', 'abortOnPluginFailure'], flag: 'experimental.abortonpluginfailure', since: '33.2.0' },
  // 64b-1: the log level and formats (flag-value-rules.ts judges them for the deployed Traefik major). Up to v27.0.2
  // `if .general.format`, `if ne .general.level "ERROR"` (`| upper`, so the case never matters), `if .access.format`
  // under `if .access.enabled`; from v28.0.0 `with` each; from v41.0.0 `with .Values.log` / `.Values.accessLog`.
  // v30.0.0..v31.1.0 `fail` on an unknown level themselves.
  { ...pre41(['logs', 'general', 'level'], 'log.level', '20.1.1'), schemaEnum: true, chartFails: ['30.0.0', '31.1.0'] },
  { key: ['log', 'level'], flag: 'log.level', since: '41.0.0', schemaEnum: true },
  { ...pre41(['logs', 'general', 'format'], 'log.format', '20.1.1'), schemaEnum: true },
  { key: ['log', 'format'], flag: 'log.format', since: '41.0.0', schemaEnum: true },
  { ...pre41(['logs', 'access', 'format'], 'accesslog.format', '20.1.1', ['logs', 'access', 'enabled']), schemaEnum: true },
  { key: ['accessLog', 'format'], flag: 'accesslog.format', since: '41.0.0', gate: ['accessLog', 'enabled'], schemaEnum: true },
];

const at = (values: unknown, keys: readonly string[]): unknown =>
  keys.reduce<unknown>((node, key) => (isMap(node) ? node[key] : undefined), values);

const inRange = (chart: Version, since: string, until?: string) =>
  compareVersions(chart, parseVersion(since)) >= 0 && (until === undefined || compareVersions(chart, parseVersion(until)) <= 0);

/** One written flag: the key's path, the flag's name as the template spells it, the value as set. */
export interface OptionFlag {
  readonly keys: readonly string[];
  readonly flag: string;
  readonly value: unknown;
}

/** Where each chart version keeps an entrypoint's redirect priority (templates/_podtemplate.tpl, from v25.0.0: `priority={{ ... }}`). */
const PRIORITY_KEY: Record<TraefikChartRules['redirectKey'], readonly string[] | undefined> = {
  'ports.web.redirectTo': undefined,
  'ports.web.redirectTo.port': ['redirectTo', 'priority'],
  'ports.web.redirections': ['redirections', 'entryPoint', 'priority'],
  'ports.web.http.redirections': ['http', 'redirections', 'entryPoint', 'priority'],
};

/** The typed flags the chart writes from the keys above and from each entrypoint's redirect `priority` (a Go int). */
export function chartOptionFlags(values: Values, chartVersion: Version, rules: TraefikChartRules): OptionFlag[] {
  const schema = valuesSchemaVendored(chartVersion.tag);
  const flags: OptionFlag[] = CHART_OPTION_FLAGS.filter(
    (row) =>
      inRange(chartVersion, row.since, row.until) &&
      (row.gate === undefined || goTruthy(at(values, row.gate))) &&
      !(row.schemaEnum && schema) &&
      !(row.chartFails && inRange(chartVersion, ...row.chartFails)),
  )
    .map((row) => ({ keys: row.key, flag: row.flag, value: at(values, row.key) }))
    .filter((row) => goTruthy(row.value));
  const priority = PRIORITY_KEY[rules.redirectKey];
  const ports = isMap(values.ports) ? values.ports : {};
  for (const [name, config] of Object.entries(ports)) {
    const value = priority && isMap(config) ? at(config, priority) : undefined;
    const keys = ['ports', name, ...(priority ?? [])];
    if (goTruthy(value)) flags.push({ keys, flag: `entryPoints.${name}.http.redirections.entryPoint.priority`, value });
  }
  return flags;
}
