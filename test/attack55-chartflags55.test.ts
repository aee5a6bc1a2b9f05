import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { withTraefikValues } from './helpers';

/**
 * Round-54 known limit of 52b-5: every chart key that traefik-helm-chart templates/_podtemplate.tpl prints into a typed
 * Traefik flag (metrics, tracing, access log, providers, experimental, redirect priority) is held to that flag's value
 * rules, at the key's own path, only for the chart versions whose template writes it (chart-option-flags.ts).
 */

const errorsOf = (values: object, chartVersion?: string): string[] => {
  const { errors } = parseConfigText('config/t.yaml', stringify(withTraefikValues(values, chartVersion ? { chartVersion } : {})));
  return errors.map((d) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, ''));
};

const KEY = 'is a key the chart writes as a Traefik flag, and it sets';
const DURATION = 'to a value Traefik cannot read as its number or duration, so it fails to start';
const INT = 'cannot read as a whole number';
const BOOL = 'a switch, to a value Traefik cannot read as a boolean';
const FLOAT = 'cannot read';

// [family, values, chart version (default 39.0.7), key path, message parts, or undefined where it must pass]
type Row = [string, object, string | undefined, string, readonly string[] | undefined];
const rows: readonly Row[] = [
  // metrics
  [
    'metrics',
    { metrics: { datadog: { pushInterval: '10 s' } } },
    undefined,
    'metrics.datadog.pushInterval',
    [KEY, '--metrics.datadog.pushInterval', DURATION],
  ],
  ['metrics', { metrics: { statsd: { address: 'x:8125', pushInterval: 'soon' } } }, undefined, 'metrics.statsd.pushInterval', [DURATION]],
  ['metrics', { metrics: { influxdb2: { address: 'x', pushInterval: 1000000 } } }, undefined, 'metrics.influxdb2.pushInterval', [DURATION]],
  ['metrics', { metrics: { otlp: { enabled: true, pushInterval: '5x' } } }, undefined, 'metrics.otlp.pushInterval', [DURATION]],
  ['metrics', { metrics: { otlp: { enabled: false, pushInterval: '5x' } } }, undefined, 'metrics.otlp', undefined],
  [
    'metrics',
    { metrics: { influxdb2: { address: 'x', addRoutersLabels: 'yes' } } },
    undefined,
    'metrics.influxdb2.addRoutersLabels',
    [KEY, BOOL],
  ],
  ['metrics', { metrics: { prometheus: { addEntryPointsLabels: 'on' } } }, undefined, 'metrics.prometheus.addEntryPointsLabels', [BOOL]],
  ['metrics', { metrics: { otlp: { enabled: true, addServicesLabels: 'yes' } } }, undefined, 'metrics.otlp.addServicesLabels', [BOOL]],
  [
    'metrics',
    {
      metrics: {
        datadog: { address: 'x:8125', pushInterval: '10s', addRoutersLabels: true, addServicesLabels: false },
        statsd: { address: 'x:8125', pushInterval: 10 },
        prometheus: { entryPoint: 'metrics', addEntryPointsLabels: true, addServicesLabels: true },
        otlp: { enabled: true, pushInterval: '1m30s', addRoutersLabels: false },
      },
    },
    undefined,
    'metrics',
    undefined,
  ],
  ['metrics', { metrics: { influxdb: { pushInterval: '5x' } } }, undefined, 'metrics.influxdb', undefined],
  // tracing
  ['tracing', { tracing: { sampleRate: 'half' } }, undefined, 'tracing.sampleRate', [KEY, '--tracing.sampleRate', FLOAT]],
  ['tracing', { tracing: { sampleRate: 0.5 } }, undefined, 'tracing', undefined],
  ['tracing', { tracing: { sampleRate: 1 } }, undefined, 'tracing', undefined],
  // access log
  [
    'logs',
    { logs: { access: { enabled: true, bufferingSize: '1m' } } },
    undefined,
    'logs.access.bufferingSize',
    [KEY, '--accesslog.bufferingsize', INT],
  ],
  [
    'logs',
    { logs: { access: { enabled: true, filters: { minduration: '10 ms' } } } },
    undefined,
    'logs.access.filters.minduration',
    [DURATION],
  ],
  ['logs', { logs: { access: { enabled: false, filters: { minduration: '10 ms' } } } }, undefined, 'logs.access', undefined],
  [
    'logs',
    { logs: { access: { enabled: true, bufferingSize: 100, filters: { minduration: '10ms' } } } },
    undefined,
    'logs.access',
    undefined,
  ],
  // providers, experimental
  [
    'providers',
    { providers: { kubernetesCRD: { enabled: true, allowEmptyServices: 'yes' } } },
    undefined,
    'providers.kubernetesCRD.allowEmptyServices',
    [KEY, '--providers.kubernetescrd.allowEmptyServices', BOOL],
  ],
  [
    'providers',
    { providers: { kubernetesIngress: { enabled: true, allowEmptyServices: false } } },
    undefined,
    'providers.kubernetesIngress',
    undefined,
  ],
  [
    'providers',
    { providers: { kubernetesCRD: { enabled: true, allowEmptyServices: true } } },
    undefined,
    'providers.kubernetesCRD',
    undefined,
  ],
  ['experimental', { experimental: { abortOnPluginFailure: 'sure' } }, undefined, 'experimental.abortOnPluginFailure', [BOOL]],
  ['experimental', { experimental: { abortOnPluginFailure: true } }, undefined, 'experimental', undefined],
  // redirect priority (a Go int), at the key this chart version reads
  [
    'priority',
    { ports: { web: { http: { redirections: { entryPoint: { to: 'websecure', scheme: 'https', priority: '5s' } } } } } },
    undefined,
    'ports.web.http.redirections.entryPoint.priority',
    [KEY, '--entryPoints.web.http.redirections.entryPoint.priority', INT],
  ],
  [
    'priority',
    { ports: { web: { http: { redirections: { entryPoint: { to: 'websecure', scheme: 'https', priority: 10 } } } } } },
    undefined,
    'ports.web',
    undefined,
  ],
  // other chart versions: the key each one reads, and nothing before the template writes it
  ['metrics', { metrics: { influxdb: { address: 'x', pushInterval: '5x' } } }, '27.0.0', 'metrics.influxdb.pushInterval', [DURATION]],
  ['metrics', { metrics: { datadog: { addRoutersLabels: 'yes' } } }, '27.0.0', 'metrics.datadog.addRoutersLabels', [BOOL]],
  ['metrics', { metrics: { otlp: { enabled: true, pushInterval: '5x' } } }, '27.0.0', 'metrics.otlp', undefined],
  ['tracing', { tracing: { sampleRate: 'half' } }, '33.0.0', 'tracing', undefined],
  ['tracing', { tracing: { sampleRate: 'half' } }, '33.2.0', 'tracing.sampleRate', [FLOAT]],
  ['logs', { logs: { access: { enabled: true, bufferingSize: '1m' } } }, '27.0.0', 'logs.access.bufferingSize', [INT]],
  ['logs', { logs: { access: { enabled: true, bufferingsize: '1m' } } }, '20.5.0', 'logs.access.bufferingsize', [INT]],
  ['logs', { logs: { access: { enabled: true, bufferingsize: '1m' } } }, '27.0.0', 'logs.access', undefined],
  ['experimental', { experimental: { abortOnPluginFailure: 'sure' } }, '33.1.0', 'experimental', undefined],
  ['logs', { accessLog: { enabled: true, bufferingSize: '1m' } }, '41.3.0', 'accessLog.bufferingSize', [INT]],
  ['logs', { accessLog: { enabled: true, filters: { minDuration: '1 s' } } }, '41.3.0', 'accessLog.filters.minDuration', [DURATION]],
  ['providers', { providers: { kubernetesGateway: { enabled: true, qps: '5s' } } }, '41.3.0', 'providers.kubernetesGateway.qps', [INT]],
  [
    'providers',
    { providers: { kubernetesGateway: { enabled: true, qps: 50, burst: 100 } } },
    '41.3.0',
    'providers.kubernetesGateway',
    undefined,
  ],
  [
    'priority',
    { ports: { web: { redirections: { entryPoint: { to: 'websecure', scheme: 'https', priority: '1h' } } } } },
    '34.2.0',
    'ports.web.redirections.entryPoint.priority',
    [INT],
  ],
  [
    'priority',
    { ports: { web: { redirectTo: { port: 'websecure', priority: 'high' } } } },
    '27.0.0',
    'ports.web.redirectTo.priority',
    [INT],
  ],
  ['priority', { ports: { web: { redirectTo: { port: 'websecure', priority: 10 } } } }, '27.0.0', 'ports.web', undefined],
];

describe('chart keys written as typed Traefik flags are held to the flag value rules', () => {
  test.each(rows.map(([family, values, version, path, parts], i) => [i, family, path, values, version, parts] as const))(
    '[%i] %s %s',
    (_i, _family, path, values, version, parts) => {
      const errors = errorsOf(values, version);
      if (parts === undefined) expect(errors.filter((e) => e.startsWith(`traefik.values.${path}`))).toEqual([]);
      else {
        const mine = errors.filter((e) => e.startsWith(`traefik.values.${path}: `));
        expect(mine).toHaveLength(1);
        for (const part of parts) expect(mine[0]).toContain(part);
      }
    },
  );
});
