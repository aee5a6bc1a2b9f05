import { perChart, servedTag } from './traefik-fixtures';
import { clusterRefusal, devConfig, helmChartConfigRefusal, judgedValues } from './helpers';

/**
 * Attack round 44b-1, 44b-4 and 44b-5, judged in-process: a probe map Helm empties (nulls on every default key) or a probe
 * that is no map (a text, number or boolean: a bare line inside the probe the chart opens), `--ping.manualRouting` without
 * a router to ping@internal on the probes' entrypoint, and the probes' scheme against the ping entrypoint's TLS as Traefik's
 * flags (not only the values switch) set it.
 */
const errorsOf = (values: object, chart: string) => judgedValues({ image: { tag: servedTag(chart) }, ...values }, chart).errors;
const at = (errors: string[], key: string) => errors.filter((e) => e.startsWith(`traefik.values.${key}: `));
const ALL_NULL = { failureThreshold: null, initialDelaySeconds: null, periodSeconds: null, successThreshold: null, timeoutSeconds: null };
const EMPTIED = /: sets every key to null, .* a bare "\{\}" line there, which is no YAML/;
const BARE = (shown: string) => new RegExp(`: is ${shown}, not a map, .*toYaml inside the (readiness|liveness)Probe it opens itself`);
const MANUAL = /makes Traefik serve \/ping only through a router to ping@internal, .*no router to ping@internal is on entrypoint traefik/;
const TLS_ON =
  /turns TLS on .*for entrypoint traefik \(port 8080\), where Traefik answers \/ping, .*over plain HTTP .*set deployment\.healthchecksScheme: HTTPS/;
const PLAIN = /is "HTTPS", but Traefik serves \/ping on entrypoint traefik \(port 8080\) over plain HTTP/;
const args = (...items: string[]) => ({ additionalArguments: items });
const manual = (extra: object = {}) => ({ ...args('--ping.manualrouting=true'), ...extra });
const route = (apiVersion: string, entryPoints: string[] | undefined, service = 'ping@internal') => ({
  apiVersion,
  kind: 'IngressRoute',
  metadata: { name: 'ping', namespace: 'kube-system' },
  spec: {
    ...(entryPoints && { entryPoints }),
    routes: [{ match: 'PathPrefix(`/ping`)', kind: 'Rule', services: [{ name: service, kind: 'TraefikService' }] }],
  },
});
const NO_SCHEMA = ['27.0.2', '30.1.0', '36.0.0', '38.0.0'];
const EVERY = ['27.0.2', '38.0.0', '39.0.7', '41.3.0'];

// [case, values, key, message, chart versions]
const REFUSED: Array<[string, object, string, RegExp, string[]]> = [
  // 44b-1: emptied by Helm, on every chart (a schema does not see the deleted keys)
  ['livenessProbe: every key null', { livenessProbe: ALL_NULL }, 'livenessProbe', EMPTIED, EVERY],
  [
    'readinessProbe: every key null and a null of its own',
    { readinessProbe: { ...ALL_NULL, exec: null } },
    'readinessProbe',
    EMPTIED,
    EVERY,
  ],
  // 44b-1: no map, on charts without a vendored schema (the schema says "expects object" on the others)
  ['readinessProbe ""', { readinessProbe: '' }, 'readinessProbe', BARE('an empty text'), NO_SCHEMA],
  ['livenessProbe false', { livenessProbe: false }, 'livenessProbe', BARE('false'), NO_SCHEMA],
  ['livenessProbe 0', { livenessProbe: 0 }, 'livenessProbe', BARE('the number 0'), NO_SCHEMA],
  // 44b-4: manualRouting without a router to ping@internal where the probes call
  ['--ping.manualrouting=true', manual(), 'additionalArguments[0]', MANUAL, ['27.0.2', '39.0.7', '41.3.0']],
  ['--ping.manualRouting bare, last', args('--ping.manualRouting'), 'additionalArguments[0]', MANUAL, ['39.0.7']],
  ['--ping.manualrouting=True', args('--ping.manualrouting=True'), 'additionalArguments[0]', MANUAL, ['39.0.7']],
  // The chart renders no healthcheck IngressRoute before v25.0.0, and only `healthcheck` up to v29.
  [
    'ingressRoute.healthcheck before v25',
    manual({ ingressRoute: { healthcheck: { enabled: true } } }),
    'additionalArguments[0]',
    MANUAL,
    ['24.0.0'],
  ],
  [
    'ingressRoute.<other name> before v30',
    manual({
      ingressRoute: { ping: { enabled: true, entryPoints: ['traefik'], services: [{ name: 'ping@internal', kind: 'TraefikService' }] } },
    }),
    'additionalArguments[0]',
    MANUAL,
    ['29.0.1'],
  ],
  [
    'ingressRoute.healthcheck on web only',
    manual({ ingressRoute: { healthcheck: { enabled: true, entryPoints: ['web'] } } }),
    'additionalArguments[0]',
    MANUAL,
    ['27.0.2', '39.0.7'],
  ],
  [
    'ingressRoute.healthcheck with the CRD provider off',
    manual({ ingressRoute: { healthcheck: { enabled: true } }, providers: { kubernetesCRD: { enabled: false } } }),
    'additionalArguments[0]',
    MANUAL,
    ['39.0.7'],
  ],
  [
    'extraObjects IngressRoute on web',
    manual({ extraObjects: [route('traefik.io/v1alpha1', ['web'])] }),
    'additionalArguments[0]',
    MANUAL,
    ['39.0.7'],
  ],
  [
    'extraObjects IngressRoute with no entryPoints (never the traefik entrypoint)',
    manual({ extraObjects: [route('traefik.io/v1alpha1', undefined)] }),
    'additionalArguments[0]',
    MANUAL,
    ['39.0.7'],
  ],
  [
    'extraObjects IngressRoute to api@internal',
    manual({ extraObjects: [route('traefik.io/v1alpha1', ['traefik'], 'api@internal')] }),
    'additionalArguments[0]',
    MANUAL,
    ['39.0.7'],
  ],
  // 44b-5: the ping entrypoint's TLS from a flag, against the probes' scheme
  [
    '--entrypoints.traefik.http.tls=true, scheme HTTP',
    args('--entrypoints.traefik.http.tls=true'),
    'additionalArguments[0]',
    TLS_ON,
    ['27.0.2', '39.0.7', '41.3.0'],
  ],
  ['--entryPoints.traefik.http.tls bare, last', args('--entryPoints.traefik.http.tls'), 'additionalArguments[0]', TLS_ON, ['39.0.7']],
  ['--entrypoints.traefik.http.tls= (empty: on)', args('--entrypoints.traefik.http.tls='), 'additionalArguments[0]', TLS_ON, ['39.0.7']],
  ['an option under http.tls', args('--entrypoints.traefik.http.tls.options=default'), 'additionalArguments[0]', TLS_ON, ['39.0.7']],
  [
    'healthchecksScheme: HTTP written out',
    { ...args('--entrypoints.traefik.http.tls=true'), deployment: { healthchecksScheme: 'HTTP' } },
    'additionalArguments[0]',
    TLS_ON,
    ['39.0.7'],
  ],
  [
    'ports.traefik.tls.enabled, scheme HTTP',
    { ports: { traefik: { tls: { enabled: true } } } },
    'ports.traefik.tls.enabled',
    TLS_ON,
    ['27.0.2'],
  ],
  [
    'HTTPS, the switch on, a later flag off',
    {
      ports: { traefik: { tls: { enabled: true } } },
      deployment: { healthchecksScheme: 'HTTPS' },
      ...args('--entrypoints.traefik.http.tls=false'),
    },
    'deployment.healthchecksScheme',
    PLAIN,
    ['27.0.2'],
  ],
];

describe('44b-1, 44b-4, 44b-5: refused on each chart version named', () => {
  test.each(perChart(REFUSED))('%s', (_, values, key, message, chart) => {
    expect(at(errorsOf(values, chart), key)).toEqual([expect.stringMatching(message)]);
  });
});

// [case, values, chart versions]: the valid forms and the other side of each boundary.
const ACCEPTED: Array<[string, object, string[]]> = [
  [
    'probes: {} and some keys null',
    { livenessProbe: {}, readinessProbe: { periodSeconds: null, timeoutSeconds: null } },
    ['27.0.2', '41.3.0'],
  ],
  ['every default null but one set', { livenessProbe: { ...ALL_NULL, periodSeconds: 5 } }, ['38.0.0', '39.0.7']],
  ['ingressRoute.healthcheck from v25', manual({ ingressRoute: { healthcheck: { enabled: true } } }), ['25.0.0', '29.0.1', '41.3.0']],
  [
    'ingressRoute.<other name> from v30',
    manual({
      ingressRoute: {
        ping: {
          enabled: true,
          entryPoints: ['traefik'],
          matchRule: 'PathPrefix(`/ping`)',
          services: [{ name: 'ping@internal', kind: 'TraefikService' }],
        },
      },
    }),
    ['30.0.0', '39.0.7'],
  ],
  ['extraObjects IngressRoute (traefik.io)', manual({ extraObjects: [route('traefik.io/v1alpha1', ['traefik'])] }), ['24.0.0', '39.0.7']],
  // traefik.containo.us is refused under this file's image v3.6.2 (Traefik v3 watches traefik.io only: 52b-4, test/attack54-routes54.test.ts).
  [
    'extraObjects IngressRoute as text',
    manual({
      extraObjects: [
        'apiVersion: traefik.io/v1alpha1\nkind: IngressRoute\nmetadata: {name: ping, namespace: kube-system}\nspec:\n  entryPoints: [traefik]\n' +
          '  routes: [{match: "PathPrefix(`/ping`)", kind: Rule, services: [{name: ping@internal, kind: TraefikService}]}]\n',
      ],
    }),
    ['39.0.7'],
  ],
  [
    'a router in providers.file.content',
    manual({
      providers: {
        file: {
          enabled: true,
          content: 'http:\n  routers:\n    ping: {rule: "PathPrefix(`/ping`)", entryPoints: [traefik], service: ping@internal}\n',
        },
      },
    }),
    ['39.0.7'],
  ],
  ['--ping.manualrouting=false', args('--ping.manualrouting=false'), ['39.0.7']],
  [
    'HTTPS with the flag on (44b-5b)',
    { deployment: { healthchecksScheme: 'HTTPS' }, ...args('--entrypoints.traefik.http.tls=true') },
    ['27.0.2', '39.0.7', '41.3.0'],
  ],
  [
    'HTTPS with an option under http.tls',
    { deployment: { healthchecksScheme: 'HTTPS' }, ...args('--entrypoints.traefik.http.tls.options=default') },
    ['39.0.7'],
  ],
  ['HTTPS with the switch on', { ports: { traefik: { tls: { enabled: true } } }, deployment: { healthchecksScheme: 'HTTPS' } }, ['27.0.2']],
  ['TLS on another entrypoint', args('--entrypoints.websecure.http.tls=true', '--entrypoints.web.http.tls.options=default'), ['39.0.7']],
  ['the flag off', args('--entrypoints.traefik.http.tls=false'), ['39.0.7']],
  [
    'the switch on, a later flag off',
    { ports: { traefik: { tls: { enabled: true } } }, ...args('--entrypoints.traefik.http.tls=false') },
    ['27.0.2'],
  ],
];

describe('the valid forms stay accepted', () => {
  test.each(perChart(ACCEPTED))('%s', (_, values, chart) => expect(errorsOf(values, chart)).toEqual([]));
});

describe('every door', () => {
  const doorRows: Array<[string, object, string, string]> = [
    ['emptied livenessProbe', { livenessProbe: ALL_NULL }, 'livenessProbe', '41.3.0'],
    ['readinessProbe false', { readinessProbe: false }, 'readinessProbe', '27.0.2'],
    ['manualrouting', manual(), 'additionalArguments[0]', '39.0.7'],
    ['ping entrypoint TLS', args('--entrypoints.traefik.http.tls=true'), 'additionalArguments[0]', '39.0.7'],
  ];
  test.each(doorRows)('%s: cluster and chart constructs', (_, raw, key, chartVersion) => {
    const values = { image: { tag: 'v3.6.2' }, ...raw };
    const where = new RegExp(`(^|\\n|: )(traefik\\.)?values\\.${key.replace(/[.[\]]/g, '\\$&')}:? `);
    expect(clusterRefusal({ ...devConfig().traefik, chartVersion, values })).toMatch(where);
    expect(helmChartConfigRefusal({ chartVersion, values })).toMatch(where);
  });
});
