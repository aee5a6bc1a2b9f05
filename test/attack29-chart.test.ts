import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { configErrors, devConfig, helmChartConfigRefusal, REFERENCE_K3S, withChanges } from './helpers';

/**
 * Attack round 28b, fixed in round 29 (helper c): maps the chart reads bare by version and condition (28b-1, 28b-2,
 * 28b-7), an updateStrategy.type that renders as null (28b-8), and the schema's `required` met by the chart's defaults (28b-3).
 */
const FAILS = "is null, which deletes the chart's";
const on = (chartVersion: string, values: unknown) =>
  configErrors(withChanges(devConfig(), { traefik: { chartVersion, values } })).join('\n');

describe('28b-1, 28b-2, 28b-7: a null on a map the chart reads bare is refused, by chart version and condition', () => {
  test.each([
    ['39.0.7', { updateStrategy: { rollingUpdate: null } }, 'updateStrategy.rollingUpdate'],
    ['34.2.0', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: null } }, 'updateStrategy.rollingUpdate'],
    ['39.0.7', { metrics: null }, 'metrics'],
    ['34.2.0', { tracing: null }, 'tracing'],
    ['39.0.7', { tracing: null }, 'tracing'],
    ['37.1.0', { ocsp: null }, 'ocsp'],
    ['39.0.7', { providers: { kubernetesGateway: null } }, 'providers.kubernetesGateway'],
    ['39.0.7', { experimental: { kubernetesGateway: null } }, 'experimental.kubernetesGateway'],
    ['39.0.7', { ingressClass: null }, 'ingressClass'],
    ['39.0.7', { rbac: null }, 'rbac'],
    ['39.0.7', { oci_meta: null }, 'oci_meta'],
    ['38.0.2', { providers: { knative: null } }, 'providers.knative'],
    ['38.0.2', { podSecurityPolicy: null }, 'podSecurityPolicy'],
    ['38.0.2', { api: null }, 'api'],
    // v38: `if .Values.api.dashboard ... else if .Values.ingressRoute.dashboard.enabled`.
    ['38.0.2', { api: { dashboard: false }, ingressRoute: { dashboard: null } }, 'ingressRoute.dashboard'],
    ['38.0.2', { api: { dashboard: null }, ingressRoute: { dashboard: null } }, 'ingressRoute.dashboard'],
    ['39.0.7', { ingressRoute: { dashboard: null } }, 'ingressRoute.dashboard'],
  ])('chart %s, %j is refused', (chartVersion, values, map) => {
    expect(on(chartVersion, values)).toContain(`traefik.values.${map}: ${FAILS} ${map} map`);
  });

  test('the construct door refuses the same nulls (its props name values.<map>)', () => {
    expect(helmChartConfigRefusal({ values: { metrics: null } })).toContain(`values.metrics ${FAILS} metrics map`);
    expect(helmChartConfigRefusal({ values: { updateStrategy: { rollingUpdate: null } } })).toContain(
      `values.updateStrategy.rollingUpdate ${FAILS}`,
    );
    expect(helmChartConfigRefusal({ values: { hub: { sendlogs: false } } })).toBe('');
  });

  test.each([
    // `eq .type "RollingUpdate"` is false, so the chart never reads rollingUpdate.
    ['39.0.7', { updateStrategy: { type: 'Recreate', rollingUpdate: null } }],
    ['39.0.7', { updateStrategy: { type: null, rollingUpdate: null } }],
    ['39.0.7', { updateStrategy: null }],
    ['39.0.7', { updateStrategy: { rollingUpdate: { maxSurge: 1 } } }],
    ['39.0.7', { metrics: { prometheus: null } }],
    ['34.2.0', { ocsp: null }],
    ['37.1.0', { providers: { knative: null } }],
    ['38.0.2', { providers: { kubernetesGateway: null } }],
    ['39.0.7', { api: null }],
    ['41.3.0', { podSecurityPolicy: null }],
    // v38 with the dashboard on reads only api.dashboard; v39.0.1+ reads ingressRoute.dashboard only under `hasKey $apiConfig "dashboard"`.
    ['38.0.2', { ingressRoute: { dashboard: null } }],
    ['38.0.2', { api: { dashboard: true }, ingressRoute: { dashboard: null } }],
    ['39.0.7', { api: { dashboard: null }, ingressRoute: { dashboard: null } }],
  ])('control: chart %s, %j is accepted', (chartVersion, values) => {
    expect(on(chartVersion, values)).not.toContain(FAILS);
  });
});

describe('28b-8: an updateStrategy.type that renders as null is Kubernetes’ default, not refused', () => {
  const refused = 'which the API server refuses';
  test.each([[''], ['~'], ['null'], [' Null ']])('type %j is accepted', (type) => {
    expect(on('39.0.7', { updateStrategy: { type } })).not.toContain(refused);
  });
  test.each([[null], [''], ['~']])('type %j with hostNetwork on 3 pods of 3 nodes: the rollout rule takes Kubernetes’ 25%%', (type) => {
    const values = { hostNetwork: true, deployment: { replicas: 3 }, updateStrategy: { type } };
    expect(configErrors(withChanges(devConfig(), { traefik: { values }, k3s: REFERENCE_K3S })).join('\n')).toContain(
      "(maxSurge Kubernetes' default 25% (null at traefik.values.updateStrategy.type), of 3 pod(s) rounded up to 1; " +
        "maxUnavailable Kubernetes' default 25% (null at traefik.values.updateStrategy.type), of 3 pod(s) rounded down to 0) finds no free node",
    );
  });
  test.each([['none'], ['rollingupdate'], ['OnDelete']])('type %j on a Deployment is still refused', (type) => {
    expect(on('39.0.7', { updateStrategy: { type } })).toContain(`traefik.values.updateStrategy.type: is "${type}", ${refused}`);
  });
});

describe('28b-3: the schema is checked on the values merged over the chart defaults, so a default meets `required`', () => {
  const missing = 'traefik.values.hub.namespaces: is missing';
  test.each([
    ['39.0.7', { hub: { sendlogs: false } }],
    ['37.1.0', { hub: { redis: null } }],
    ['41.3.0', { hub: { sendlogs: false } }],
    ['39.0.7', { hub: { namespaces: [] } }],
  ])('chart %s, %j is accepted', (chartVersion, values) => {
    expect(on(chartVersion, values)).not.toContain(missing);
  });
  test('a null deletes the default, so hub.namespaces: null is still missing', () => {
    expect(on('39.0.7', { hub: { namespaces: null } })).toContain(missing);
  });
});

test('every vendored values schema has its chart defaults beside it (the schema check coalesces them)', () => {
  const dir = join(__dirname, '..', 'vendor', 'traefik-values-schema');
  const files = readdirSync(dir);
  const tags = files.filter((f) => /^v\d+\.\d+\.\d+\.json$/.test(f)).map((f) => f.replace(/\.json$/, ''));
  expect(tags.length).toBeGreaterThan(0);
  expect(tags.filter((tag) => !files.includes(`${tag}.values.yaml`))).toEqual([]);
});
