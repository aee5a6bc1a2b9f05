import { configErrors, devConfig, helmChartConfigRefusal, withChanges } from './helpers';

/**
 * Attack round 30, fixed in round 31 (helper c3): `experimental.plugins: null` on every chart (30b-1); the null-map
 * table and the chart's `fail`s on the charts before v34, K3s v1.32.0+k3s1's 27.0.2 among them (30b-2);
 * `providers.kubernetesGateway: null` under `rbac.namespaced` on v30.1.0 to v38.x (30b-9).
 */
const FAILS = "is null, which deletes the chart's";
const on = (chartVersion: string, values: unknown) =>
  configErrors(withChanges(devConfig(), { traefik: { chartVersion, values } })).join('\n');
const bundled = (values: unknown) =>
  configErrors(withChanges(devConfig(), { k3s: { version: 'v1.32.0+k3s1' }, traefik: { values } })).join('\n');

describe('30b-1: a null experimental.plugins is refused on every chart', () => {
  test.each([
    ['20.1.1', 'nil pointer evaluating interface {}'],
    ['25.0.0', 'nil pointer evaluating interface {}'],
    ['27.0.2', '.Values.experimental.plugins should be a map (<nil> provided)'],
    ['31.0.0', '.Values.experimental.plugins should be a map (<nil> provided)'],
    ['31.1.0', 'len of nil pointer'],
    ['34.2.0', 'len of nil pointer'],
    ['39.0.7', 'len of nil pointer'],
    ['41.3.0', 'len of nil pointer'],
  ])('chart %s', (chartVersion, says) => {
    const errors = on(chartVersion, { experimental: { plugins: null } });
    expect(errors).toContain(`traefik.values.experimental.plugins: ${FAILS} experimental.plugins map`);
    expect(errors).toContain(says);
  });

  test('control: an empty plugins map passes', () => {
    expect(on('41.3.0', { experimental: { plugins: {} } })).not.toContain('experimental.plugins');
    expect(on('27.0.2', { experimental: { plugins: {} } })).not.toContain('experimental.plugins');
  });

  test('the construct door refuses it too', () => {
    expect(helmChartConfigRefusal({ values: { experimental: { plugins: null } } })).toContain(`values.experimental.plugins ${FAILS}`);
  });
});

describe('30b-2: the charts before v34 get the null-map table, by the tag each read starts', () => {
  test.each([
    ['27.0.2', { deployment: null }, 'deployment'],
    ['20.1.1', { deployment: null }, 'deployment'],
    ['33.2.1', { providers: null }, 'providers'],
    ['21.2.1', { providers: null }, 'providers'],
    ['25.0.3', { image: null }, 'image'],
    ['30.0.0', { experimental: null }, 'experimental'],
    ['27.0.2', { providers: { kubernetesCRD: null } }, 'providers.kubernetesCRD'],
    ['26.0.0', { providers: { file: null } }, 'providers.file'],
    ['28.0.0', { tracing: null }, 'tracing'],
    ['28.1.0', { resources: null }, 'resources'],
    ['23.0.1', { hub: null }, 'hub'],
    ['28.1.0', { hub: null }, 'hub'],
    ['28.1.0', { hub: { apimanagement: null } }, 'hub.apimanagement'],
    ['29.0.1', { ingressRoute: { dashboard: null } }, 'ingressRoute.dashboard'],
    ['25.0.0', { ingressRoute: { healthcheck: null } }, 'ingressRoute.healthcheck'],
    ['20.4.0', { metrics: { prometheus: null } }, 'metrics.prometheus'],
    ['27.0.2', { logs: { general: null } }, 'logs.general'],
    ['20.1.1', { podSecurityPolicy: null }, 'podSecurityPolicy'],
    ['27.0.2', { metrics: { prometheus: { service: { enabled: true } } }, ports: { metrics: null } }, 'ports.metrics'],
    ['22.0.0', { metrics: { prometheus: { service: { enabled: true } } }, ports: { metrics: null } }, 'ports.metrics'],
    ['31.1.1', { updateStrategy: { rollingUpdate: null } }, 'updateStrategy.rollingUpdate'],
    ['27.0.2', { deployment: { kind: 'DaemonSet' }, updateStrategy: { rollingUpdate: null } }, 'updateStrategy.rollingUpdate'],
    ['24.0.0', { deployment: { kind: 'DaemonSet' }, updateStrategy: null }, 'updateStrategy'],
  ])('chart %s, %j is refused', (chartVersion, values, map) => {
    expect(on(chartVersion, values)).toContain(`traefik.values.${map}: ${FAILS} ${map} map, and Traefik chart ${chartVersion}`);
  });

  test.each([
    // Before the read exists, or once it is gone.
    ['25.0.0', { providers: { file: null } }],
    ['27.0.2', { tracing: null }],
    ['28.0.0', { resources: null }],
    ['23.1.0', { hub: null }],
    ['28.0.0', { hub: { apimanagement: null } }],
    ['30.0.0', { ingressRoute: { dashboard: null } }],
    ['24.0.0', { ingressRoute: { healthcheck: null } }],
    ['20.7.0', { metrics: { prometheus: null } }],
    // The condition around the read does not hold.
    ['27.0.2', { ports: { metrics: null } }],
    ['22.0.0', { hub: { enabled: true }, metrics: { prometheus: { service: { enabled: true } } }, ports: { metrics: null } }],
    ['31.1.0', { updateStrategy: { rollingUpdate: null } }],
    ['27.0.2', { deployment: { kind: 'DaemonSet' }, updateStrategy: { type: 'OnDelete', rollingUpdate: null } }],
    ['25.0.0', { deployment: { kind: 'DaemonSet' }, updateStrategy: null }],
  ])('control: chart %s, %j is not refused as a deleted map', (chartVersion, values) => {
    expect(on(chartVersion, values)).not.toContain(FAILS);
  });

  test('the chart K3s v1.32.0+k3s1 bundles (27.0.2) is judged when k3s.version picks it', () => {
    expect(bundled({ deployment: null })).toContain(`traefik.values.deployment: ${FAILS} deployment map, and Traefik chart 27.0.2`);
    expect(bundled({ providers: null })).toContain(`traefik.values.providers: ${FAILS} providers map`);
  });

  test('the construct door judges chart 27.0.2 too', () => {
    expect(helmChartConfigRefusal({ chartVersion: '27.0.2', values: { deployment: null } })).toContain(`values.deployment ${FAILS}`);
  });
});

describe("30b-2: the older charts' own fails", () => {
  test.each([
    ['27.0.2', { experimental: { plugins: [] } }, 'experimental.plugins', '.Values.experimental.plugins should be a map'],
    ['26.0.0', { experimental: { plugins: 'x' } }, 'experimental.plugins', '.Values.experimental.plugins should be a map'],
    ['27.0.2', { podSecurityPolicy: { enabled: true } }, 'podSecurityPolicy.enabled', 'PodSecurityPolicy has been removed'],
    ['21.2.0', { podSecurityPolicy: { enabled: true } }, 'podSecurityPolicy.enabled', 'PodSecurityPolicy has been removed'],
    [
      '27.0.2',
      { ports: { websecure: { asDefault: true } } },
      'ports.websecure.asDefault',
      'Default entrypoints are only available on Traefik v3',
    ],
    [
      '20.8.0',
      { ports: { websecure: { asDefault: true } } },
      'ports.websecure.asDefault',
      'Default entrypoints are only available on Traefik v3',
    ],
    ['27.0.2', { image: { tag: 'v2.11.10' }, ports: { web: { asDefault: true } } }, 'ports.web.asDefault', 'Default entrypoints are only'],
    [
      '27.0.2',
      { metrics: { openTelemetry: { address: 'x:4318' } } },
      'metrics.openTelemetry',
      'OpenTelemetry features are only available on Traefik v3',
    ],
    [
      '23.2.0',
      { tracing: { openTelemetry: { address: 'x:4318' } } },
      'tracing.openTelemetry',
      'OpenTelemetry features are only available on Traefik v3',
    ],
    ['30.0.0', { logs: { general: { level: 'TRACE' } } }, 'logs.general.level', '.Values.logs.level must be DEBUG'],
    ['30.0.0', { logs: { general: { format: 'xml' } } }, 'logs.general.format', '.Values.logs.general.format must be'],
  ])('chart %s, %j is refused at %s', (chartVersion, values, key, says) => {
    const errors = on(chartVersion, values);
    expect(errors).toContain(`traefik.values.${key}: `);
    expect(errors).toContain(`Traefik chart ${chartVersion} fails on it ("${says}`);
  });

  test.each([
    ['31.1.0', { experimental: { plugins: [] } }, 'should be a map'],
    ['21.1.0', { podSecurityPolicy: { enabled: true } }, 'PodSecurityPolicy'],
    ['20.7.0', { ports: { websecure: { asDefault: true } } }, 'asDefault'],
    ['22.0.0', { experimental: { v3: { enabled: true } }, ports: { websecure: { asDefault: true } } }, 'asDefault'],
    ['27.0.2', { image: { tag: 'v3.0.0' }, ports: { websecure: { asDefault: true } } }, 'asDefault'],
    ['27.0.2', { image: { tag: 'v3.0.0' }, metrics: { openTelemetry: { address: 'x:4318' } } }, 'OpenTelemetry'],
    ['22.0.0', { tracing: { openTelemetry: { address: 'x:4318' } } }, 'OpenTelemetry'],
    ['27.0.2', { logs: { general: { level: 'TRACE' } } }, 'logs.level'],
    ['31.1.0', { logs: { general: { level: 'TRACE' } } }, 'logs.level'],
    ['30.0.0', { logs: { general: { level: 'debug' } } }, 'logs.level'],
    ['29.0.1', { logs: { general: { format: 'xml' } } }, 'must be either'],
    ['25.0.0', { experimental: { plugins: { enabled: true } } }, 'plugin'],
  ])('control: chart %s, %j passes that fail', (chartVersion, values, fail) => {
    expect(on(chartVersion, values)).not.toContain(fail);
  });
});

describe('30b-9: a null providers.kubernetesGateway under rbac.namespaced', () => {
  test.each(['30.1.0', '34.2.0', '37.1.0', '38.0.2'])('chart %s is refused', (chartVersion) => {
    expect(on(chartVersion, { rbac: { namespaced: true }, providers: { kubernetesGateway: null } })).toContain(
      `traefik.values.providers.kubernetesGateway: ${FAILS} providers.kubernetesGateway map`,
    );
  });

  test.each([
    ['34.2.0', { providers: { kubernetesGateway: null } }],
    ['30.0.2', { rbac: { namespaced: true }, providers: { kubernetesGateway: null } }],
  ])('control: chart %s, %j is not refused as a deleted map', (chartVersion, values) => {
    expect(on(chartVersion, values)).not.toContain(FAILS);
  });
});
