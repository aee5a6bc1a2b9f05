import { perChart, servedTag } from './traefik-fixtures';
import { stringify } from 'yaml';
import { App } from 'cdk8s';
import { clusterRefusal, devConfig, helmChartConfigRefusal, judgedValues, refusalOf } from './helpers';
import { K3sVipCluster } from '../src/index';
import { validateManifests } from '../src/validate/conformance';
import { formatDiagnostic, parseConfigText } from '../src/config/load';

/**
 * Attack round 43b-5 to 43b-9, judged in-process: the env var HUB_TOKEN and the container ports `admission`/`apiportal` the
 * chart writes for Traefik Hub (v28.1.0 to v39.0.7, ports to v41.3.0), GOMEMLIMIT as each chart version writes it (a
 * resourceFieldRef up to v36, the memory limit times goMemLimitPercentage from v37, only for a Go-true percentage from v40),
 * `readinessProbe: null` / `livenessProbe: null` (a bare `null` line in the probe the chart opens), the kinds of the blocks
 * the chart writes into the pod on charts without a vendored values schema (27.0.2, 38.0.0), and three messages.
 */
const errorsOf = (values: object, chart: string) => judgedValues({ image: { tag: servedTag(chart) }, ...values }, chart).errors;
const at = (errors: string[], key: string) => errors.filter((e) => e.startsWith(`traefik.values.${key}: `));
const HUB = { token: 'traefik-hub-license' };
const HUB_ENV = { name: 'HUB_TOKEN', valueFrom: { secretKeyRef: { name: 'hubsecret', key: 'token' } } };
const GO_ENV = { name: 'GOMEMLIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1' } } };
const MEM = (pct?: unknown) => ({
  resources: { limits: { memory: '256Mi' } },
  ...(pct === undefined ? {} : { deployment: { goMemLimitPercentage: pct } }),
});
const DUP_CHART_ENV = (name: string) => new RegExp(`already the name of the env var ${name} the chart writes itself`);
const ZERO_MIB = /GOMEMLIMIT .*"0MiB", a Go soft memory limit of 0/;
const ADMISSION_NAME =
  /container port named "admission", but the chart writes its own container port "admission" \(9943\/TCP\).*"Duplicate value"/;
const PORT_CLASH = (port: number) => new RegExp(`listens on ${port}/TCP, but the chart writes its own container port`);
const NULL_PROBE =
  /is null, .* writes it with toYaml inside the (readiness|liveness)Probe it opens itself, .*"could not find expected ':'"/;
const KIND = (kind: string) =>
  new RegExp(
    `: is a ${kind === 'map' ? 'list' : 'map'}, but the chart writes it with toYaml as .*expects ${kind === 'map' ? 'object' : 'array'}`,
  );

// [case, values, key, message, chart versions]
const REFUSED: Array<[string, object, string, RegExp, string[]]> = [
  // 43b-5: HUB_TOKEN from v28.1.0 to v39.0.7 (templates/_podtemplate.tpl `with .Values.hub.token`)
  [
    'env HUB_TOKEN beside hub.token',
    { hub: HUB, env: [HUB_ENV] },
    'env[0].name',
    DUP_CHART_ENV('HUB_TOKEN'),
    ['28.1.0', '34.0.0', '39.0.7'],
  ],
  [
    'entrypoint named admission',
    { hub: HUB, ports: { admission: { port: 9944, expose: { default: false } } } },
    'ports.admission',
    ADMISSION_NAME,
    ['28.1.0', '39.0.7', '41.3.0'],
  ],
  [
    'entrypoint on 9943',
    { hub: HUB, ports: { adm: { port: 9943, expose: { default: false } } } },
    'ports.adm',
    PORT_CLASH(9943),
    ['28.1.0', '36.3.0', '39.0.8', '41.3.0'],
  ],
  [
    'entrypoint on 9903 with apimanagement',
    { hub: { ...HUB, apimanagement: { enabled: true } }, ports: { ap: { port: 9903, expose: { default: false } } } },
    'ports.ap',
    PORT_CLASH(9903),
    ['39.0.7'],
  ],
  [
    'admission port when not offline (v36)',
    { hub: { ...HUB, offline: true }, ports: { adm: { port: 9943, expose: { default: false } } } },
    'ports.adm',
    PORT_CLASH(9943),
    ['36.3.0'],
  ],
  // 43b-6: GOMEMLIMIT
  [
    'env GOMEMLIMIT with percentage 0 before v40',
    { ...MEM(0), env: [GO_ENV] },
    'env[0].name',
    DUP_CHART_ENV('GOMEMLIMIT'),
    ['37.0.0', '39.0.8'],
  ],
  ['goMemLimitPercentage 0 before v40', MEM(0), 'deployment.goMemLimitPercentage', ZERO_MIB, ['37.0.0', '39.0.7', '39.0.8']],
  ['goMemLimitPercentage 0.001', MEM(0.001), 'deployment.goMemLimitPercentage', ZERO_MIB, ['37.0.0', '40.0.0', '41.3.0']],
  [
    'goMemLimitPercentage -1',
    MEM(-1),
    'deployment.goMemLimitPercentage',
    /"-256MiB", a negative memory limit, which Go refuses/,
    ['39.0.7', '41.3.0'],
  ],
  ['memory limit below 1MiB', { resources: { limits: { memory: '900Ki' } } }, 'resources.limits.memory', ZERO_MIB, ['39.0.7', '41.3.0']],
  // 43b-8: the probes the chart writes unguarded, on every chart version
  ['readinessProbe null', { readinessProbe: null }, 'readinessProbe', NULL_PROBE, ['27.0.2', '38.0.0', '39.0.7', '41.3.0']],
  ['livenessProbe null', { livenessProbe: null }, 'livenessProbe', NULL_PROBE, ['27.0.2', '38.0.0', '39.0.7', '41.3.0']],
  // 43b-9: the wrong kind of block on charts without a vendored values schema
  ...(
    [
      ['securityContext', [1], 'map'],
      ['podSecurityContext', [1], 'map'],
      ['resources', [1], 'map'],
      ['livenessProbe', [1], 'map'],
      ['readinessProbe', [], 'map'],
      ['affinity', [1], 'map'],
      ['nodeSelector', [1], 'map'],
      ['env', { a: 1 }, 'list'],
      ['tolerations', { a: 1 }, 'list'],
      ['topologySpreadConstraints', { a: 1 }, 'list'],
      ['additionalVolumeMounts', { a: 1 }, 'list'],
      ['deployment.initContainers', { a: 1 }, 'list'],
      ['deployment.additionalContainers', { a: 1 }, 'list'],
      ['deployment.additionalVolumes', { a: 1 }, 'list'],
      ['deployment.imagePullSecrets', { a: 1 }, 'list'],
      ['deployment.podLabels', [1], 'map'],
    ] as Array<[string, unknown, string]>
  ).map(([key, value, kind]): [string, object, string, RegExp, string[]] => [
    `${key}: ${JSON.stringify(value)}`,
    key.startsWith('deployment.') ? { deployment: { [key.slice(11)]: value } } : { [key]: value },
    key,
    KIND(kind),
    ['27.0.2', '38.0.0'],
  ]),
];

describe('43b-5, 43b-6, 43b-8, 43b-9: refused on each chart version named', () => {
  test.each(perChart(REFUSED))('%s', (_, values, key, message, chart) => {
    const errors = errorsOf(values, chart);
    expect(at(errors, key)).toEqual([expect.stringMatching(message)]);
  });
});

// [case, values, chart versions]: the other side of each boundary, and the valid forms.
const ACCEPTED: Array<[string, object, string[]]> = [
  ['env HUB_TOKEN before v28.1.0 and from v39.0.8', { hub: HUB, env: [HUB_ENV] }, ['28.0.0', '39.0.8', '41.3.0']],
  ['entrypoint named admission before v28.1.0', { hub: HUB, ports: { admission: { port: 9944, expose: { default: false } } } }, ['28.0.0']],
  ['entrypoint on 9943 without hub.token', { ports: { adm: { port: 9943, expose: { default: false } } } }, ['39.0.7']],
  [
    'entrypoint on 9943 with hub.offline from v37',
    { hub: { ...HUB, offline: true }, ports: { adm: { port: 9943, expose: { default: false } } } },
    ['37.0.0', '41.3.0'],
  ],
  ['entrypoint on 9903 without apimanagement', { hub: HUB, ports: { ap: { port: 9903, expose: { default: false } } } }, ['39.0.7']],
  ['env GOMEMLIMIT without a memory limit', { env: [GO_ENV] }, ['39.0.7']],
  ['env GOMEMLIMIT with percentage 0 from v40', { ...MEM(0), env: [GO_ENV] }, ['40.0.0', '41.3.0']],
  ['goMemLimitPercentage 0 from v40', MEM(0), ['40.0.0', '41.3.0']],
  ['memory limit, default percentage', MEM(), ['27.0.2', '36.3.0', '37.0.0', '39.0.8', '40.0.0']],
  ['goMemLimitPercentage 0.5', MEM(0.5), ['37.0.0', '41.3.0']],
  ['probes set', { readinessProbe: { periodSeconds: 5 }, livenessProbe: {}, startupProbe: null }, ['27.0.2', '39.0.7', '41.3.0']],
  [
    'blocks of the right kind',
    {
      securityContext: { readOnlyRootFilesystem: true },
      podSecurityContext: { fsGroup: 65532 },
      resources: { limits: { cpu: '1' } },
      env: [{ name: 'A', value: 'b' }],
      tolerations: [{ key: 'a', operator: 'Exists' }],
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      affinity: {},
      topologySpreadConstraints: [],
      deployment: { initContainers: [], podLabels: { a: 'b' } },
    },
    ['27.0.2', '38.0.0', '39.0.7'],
  ],
  ['Go-false blocks of another kind', { tolerations: {}, nodeSelector: [], env: {}, resources: [] }, ['27.0.2', '38.0.0']],
];

describe('the valid forms stay accepted', () => {
  test.each(perChart(ACCEPTED))('%s', (_, values, chart) => expect(errorsOf(values, chart)).toEqual([]));
});

describe('every door', () => {
  const doorRows: Array<[string, object, string, string]> = [
    ['HUB_TOKEN', { hub: HUB, env: [HUB_ENV] }, 'env[0].name', '39.0.7'],
    ['admission', { hub: HUB, ports: { admission: { port: 9944, expose: { default: false } } } }, 'ports.admission', '39.0.7'],
    ['0MiB', MEM(0), 'deployment.goMemLimitPercentage', '39.0.7'],
    ['readinessProbe null', { readinessProbe: null }, 'readinessProbe', '41.3.0'],
    ['tolerations map', { tolerations: { a: 1 } }, 'tolerations', '27.0.2'],
  ];
  test.each(doorRows)('%s: cluster and chart constructs', (_, raw, key, chartVersion) => {
    const values = { image: { tag: 'v3.6.2' }, ...raw };
    const where = new RegExp(`(^|\\n|: )(traefik\\.)?values\\.${key.replace(/[.[\]]/g, '\\$&')}:? `);
    expect(clusterRefusal({ ...devConfig().traefik, chartVersion, values })).toMatch(where);
    expect(helmChartConfigRefusal({ chartVersion, values })).toMatch(where);
  });
});

describe('43b-7: messages', () => {
  test('a probe with no handler names Traefik ping as the example, and says add, not keep', () => {
    const [error] = at(errorsOf({ startupProbe: { periodSeconds: 5 } }, '39.0.7'), 'startupProbe');
    expect(error).toMatch(/names no handler, .*: add one, such as httpGet: \{path: \/ping, port: 9000\}/);
    expect(error).not.toMatch(/keep one/);
  });
  // Lead 85: `sleep` counts as a handler (served from 1.30 by validate/later-fields.ts, refused before it there).
  test('the lifecycle handlers are exec, httpGet, tcpSocket and sleep, in the values and in npm run validate', () => {
    const values = { deployment: { lifecycle: { preStop: { exec: { command: ['x'] }, httpGet: { port: 80 } } } } };
    const [error] = at(errorsOf(values, '39.0.7'), 'deployment.lifecycle.preStop');
    expect(error).toMatch(/exactly one of exec, httpGet, tcpSocket, sleep: .*keep one of exec, httpGet/);
    const container = { name: 'c', image: 'busybox:1.36', lifecycle: { postStart: {} } };
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [container] } };
    const messages = validateManifests(new Map([['x/pod.yaml', stringify(pod)]])).map((v) => v.message);
    expect(messages).toEqual([expect.stringMatching(/exactly one of exec, httpGet, tcpSocket, sleep: .*add one, such as exec/)]);
  });
  test('an array-like object in the TypeScript API gets no YAML advice; a config file keeps it', () => {
    const config = devConfig();
    config.traefik.loadBalancerIPs = { 0: '192.168.0.41', length: 1 };
    const construct = refusalOf(() => new K3sVipCluster(new App(), 'c', config));
    expect(construct).toMatch(/loadBalancerIPs: is an object, but an array is expected: pass an array/);
    expect(construct).not.toMatch(/start each item|"- /);
    const file = parseConfigText('config/t.yaml', stringify(config)).errors.map(formatDiagnostic);
    expect(file).toEqual([expect.stringMatching(/loadBalancerIPs: is a mapping, but a list is expected: start each item with "- "/)]);
  });
});
