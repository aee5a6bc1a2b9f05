import { clusterRefusal, devConfig, helmChartConfigRefusal, judgedValues } from './helpers';
import { servedTag } from './traefik-fixtures';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { load } from 'js-yaml';
import { ruleMatchesProbe } from '../src/traefik/ping-rule-match';

/**
 * Attack round 45b-1 to 45b-4, judged in-process: the chart's own TLS default on `websecure` when /ping moves there, Hub
 * `admission.listenAddr` whose port the chart cannot write, and `--ping.manualRouting` routers judged by where they listen
 * (file-provider routers' entryPoints, HTTP only), by their rule against the kubelet's GET /ping, and with the ping
 * entrypoint's TLS rule still applied.
 */
const judge = (values: object, chart: string) => judgedValues({ image: { tag: servedTag(chart) }, ...values }, chart);
const at = (lines: string[], key: string) => lines.filter((e) => e.startsWith(`traefik.values.${key}: `));
const args = (...items: string[]) => ({ additionalArguments: items });
const manual = (extra: object = {}) => ({ ...args('--ping.manualRouting=true'), ...extra });
const MANUAL = /makes Traefik serve \/ping only through a router to ping@internal, .*no router to ping@internal is on entrypoint traefik/;
const NEVER =
  /makes Traefik serve \/ping only through a router to ping@internal, but the rule of every such router on entrypoint traefik .*never matches the readiness and liveness probes' GET \/ping/;
const UNKNOWN = /whether the rule of a router to it on entrypoint traefik .* is not known here/;
const TLS_ON = /turns TLS on .*for entrypoint traefik \(port 8080\), where Traefik answers \/ping, .*over plain HTTP/;
const DEFAULT_TLS = (key: string) =>
  new RegExp(
    `moves /ping to entrypoint websecure \\(port 8443\\), which serves TLS by .*own default \\(${key.replace(/\./g, '\\.')}: true.*over plain HTTP.*set deployment\\.healthchecksScheme: HTTPS`,
  );
const PLAIN_WEBSECURE = /is "HTTPS", but Traefik serves \/ping on entrypoint websecure \(port 8443\) over plain HTTP/;
const LISTEN = (piece: string) =>
  new RegExp(
    `the chart writes the text after its first ":" \\(${JSON.stringify(piece).replace(/[[\]().]/g, '\\$&')}\\) as the container port of "admission" .*1-65535`,
  );
const toWebsecure = (extra: object = {}) => ({ ...args('--ping.entrypoint=websecure'), deployment: { healthchecksPort: 8443, ...extra } });
const hub = (listenAddr: unknown) => ({ hub: { token: 'abc', apimanagement: { enabled: true, admission: { listenAddr } } } });
const fileRouter = (router: string, kind = 'http') => ({
  providers: { file: { enabled: true, content: `${kind}:\n  routers:\n    p:\n${router.replace(/^/gm, '      ')}\n` } },
});
const route = (match: string, extra: { entryPoints?: string[]; kind?: string; tls?: object } = {}) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRoute',
  metadata: { name: 'ping', namespace: 'kube-system' },
  spec: {
    entryPoints: extra.entryPoints ?? ['traefik'],
    routes: [{ match, kind: 'Rule', services: [{ name: 'ping@internal', kind: extra.kind ?? 'TraefikService' }] }],
    ...(extra.tls && { tls: extra.tls }),
  },
});
const ROUTER_TLS =
  /makes Traefik serve \/ping only through a router to ping@internal, but every such router on entrypoint traefik .*has TLS of its own, so it ignores the plain HTTP .*drop the router's tls, or set deployment\.healthchecksScheme: HTTPS$/;
const healthcheck = (more: object = {}) => ({ ingressRoute: { healthcheck: { enabled: true, ...more } } });

// [case, values, key, message, chart versions]
const REFUSED: Array<[string, object, string, RegExp, string[]]> = [
  // 46b-1: every router to ping@internal has TLS of its own, the probes speak plain HTTP
  [
    'manualRouting, the only router an IngressRoute with tls',
    manual({ extraObjects: [route('Path(`/ping`)', { tls: {} })] }),
    'additionalArguments[0]',
    ROUTER_TLS,
    ['39.0.7', '41.3.0'],
  ],
  [
    'manualRouting, the only router a file router with tls',
    { ...manual(), ...fileRouter('rule: "Path(`/ping`)"\nservice: ping@internal\nentryPoints: [traefik]\ntls: {}') },
    'additionalArguments[0]',
    ROUTER_TLS,
    ['39.0.7'],
  ],
  [
    'manualRouting, the chart healthcheck route with tls',
    manual(healthcheck({ tls: { certResolver: 'default' } })),
    'additionalArguments[0]',
    ROUTER_TLS,
    ['27.0.2', '39.0.7'],
  ],
  // 45b-1: websecure's TLS is on by the chart's default
  [
    '/ping on websecure, probes HTTP (v39+ key)',
    toWebsecure(),
    'additionalArguments[0]',
    DEFAULT_TLS('ports.websecure.http.tls.enabled'),
    ['39.0.7', '41.3.0'],
  ],
  [
    '/ping on websecure, probes HTTP (older key)',
    toWebsecure(),
    'additionalArguments[0]',
    DEFAULT_TLS('ports.websecure.tls.enabled'),
    ['27.0.2', '34.2.0'],
  ],
  // 45b-2: a listenAddr whose part after the first ":" is no port 1-65535
  ...(['[::]:8443', ':http', 'x', ':0', ':65536'].map((addr) => [
    `hub listenAddr ${addr}`,
    hub(addr),
    'hub.apimanagement.admission.listenAddr',
    LISTEN(addr.includes(':') ? addr.slice(addr.indexOf(':') + 1) : addr),
    ['28.1.0', '39.0.7', '41.3.0'],
  ]) as Array<[string, object, string, RegExp, string[]]>),
  ['hub listenAddr a number', hub(9943), 'hub.apimanagement.admission.listenAddr', /is 9943, not a text/, ['30.0.0']],
  // 45b-3: file-provider routers elsewhere, or not HTTP
  [
    'file router on websecure',
    manual(fileRouter('rule: PathPrefix(`/ping`)\nservice: ping@internal\nentryPoints: [websecure]')),
    'additionalArguments[0]',
    MANUAL,
    ['39.0.7'],
  ],
  [
    'file router on web',
    manual(fileRouter('rule: PathPrefix(`/ping`)\nservice: ping@internal\nentryPoints: [web]')),
    'additionalArguments[0]',
    MANUAL,
    ['39.0.7'],
  ],
  [
    'file tcp router',
    manual(fileRouter('rule: HostSNI(`*`)\nservice: ping@internal\nentryPoints: [traefik]', 'tcp')),
    'additionalArguments[0]',
    MANUAL,
    ['39.0.7'],
  ],
  [
    'file router with no entryPoints',
    manual(fileRouter('rule: PathPrefix(`/ping`)\nservice: ping@internal')),
    'additionalArguments[0]',
    MANUAL,
    ['39.0.7'],
  ],
  // 45b-4a: the TLS rule holds whatever router serves /ping
  [
    'manualRouting + router + TLS on traefik',
    { ...args('--ping.manualRouting=true', '--entrypoints.traefik.http.tls=true'), ...healthcheck() },
    'additionalArguments[1]',
    TLS_ON,
    ['39.0.7'],
  ],
  [
    'manualRouting, no router, TLS on traefik: both shown',
    args('--ping.manualRouting=true', '--entrypoints.traefik.http.tls=true'),
    'additionalArguments[1]',
    TLS_ON,
    ['39.0.7'],
  ],
  // 45b-4b: routers whose rule never matches the probe, or to a Kubernetes Service
  [
    'healthcheck matchRule Host',
    manual(healthcheck({ matchRule: 'Host(`x.invalid`)' })),
    'additionalArguments[0]',
    NEVER,
    ['27.0.2', '39.0.7'],
  ],
  [
    'IngressRoute PathPrefix(/other)',
    manual({ extraObjects: [route('PathPrefix(`/other`)')] }),
    'additionalArguments[0]',
    NEVER,
    ['39.0.7'],
  ],
  ['IngressRoute Host', manual({ extraObjects: [route('Host(`nothing.invalid`)')] }), 'additionalArguments[0]', NEVER, ['39.0.7']],
  [
    'IngressRoute Path(/ping) && Query',
    manual({ extraObjects: [route('Path(`/ping`) && Query(`a`, `b`)')] }),
    'additionalArguments[0]',
    NEVER,
    ['39.0.7'],
  ],
  [
    'IngressRoute Method(POST)',
    manual({ extraObjects: [route('PathPrefix(`/ping`) && Method(`POST`)')] }),
    'additionalArguments[0]',
    NEVER,
    ['39.0.7'],
  ],
  [
    'IngressRoute kind: Service',
    manual({ extraObjects: [route('PathPrefix(`/ping`)', { kind: 'Service' })] }),
    'additionalArguments[0]',
    MANUAL,
    ['39.0.7'],
  ],
  [
    'file router Host',
    manual(fileRouter('rule: Host(`nothing.invalid`)\nservice: ping@internal\nentryPoints: [traefik]')),
    'additionalArguments[0]',
    NEVER,
    ['39.0.7'],
  ],
];

describe('45b-1 to 45b-4: refused on each chart version named', () => {
  test.each(
    REFUSED.flatMap(([name, values, key, message, charts]) =>
      charts.map((chart) => [`${name} (${chart})`, values, key, message, chart] as const),
    ),
  )('%s', (_, values, key, message, chart) => {
    expect(at(judge(values, chart).errors, key)).toContainEqual(expect.stringMatching(message));
  });
});

// Refused before too (the user's own switch): the other side of 45b-1's boundary, kept with it.
const STILL_REFUSED: Array<[string, object, string, RegExp, string[]]> = [
  [
    'HTTPS with websecure TLS turned off',
    { ...toWebsecure({ healthchecksScheme: 'HTTPS' }), ports: { websecure: { http: { tls: { enabled: false } } } } },
    'deployment.healthchecksScheme',
    PLAIN_WEBSECURE,
    ['39.0.7'],
  ],
];

describe('still refused', () => {
  test.each(STILL_REFUSED.map(([name, values, key, message, charts]) => [name, values, key, message, charts[0]] as const))(
    '%s',
    (_, values, key, message, chart) => {
      expect(at(judge(values, chart).errors, key)).toEqual([expect.stringMatching(message)]);
    },
  );
});

describe('one run shows every problem', () => {
  test('manualRouting without a router and TLS on traefik: both errors', () => {
    const { errors } = judge(args('--ping.manualRouting=true', '--entrypoints.traefik.http.tls=true'), '39.0.7');
    expect(at(errors, 'additionalArguments[0]')).toEqual([expect.stringMatching(MANUAL)]);
    expect(at(errors, 'additionalArguments[1]')).toEqual([expect.stringMatching(TLS_ON)]);
  });
  test('[::]:8443: the split and the clash with websecure', () => {
    const errors = at(judge(hub('[::]:8443'), '39.0.7').errors, 'hub.apimanagement.admission.listenAddr');
    expect(errors).toEqual([expect.stringMatching(LISTEN(':]:8443'))]);
    expect(errors[0]).toMatch(/; and it is "\[::\]:8443", .*entrypoint websecure \(the chart's default\) listens on 8443\/TCP/);
  });
});

// [case, values, chart versions]: the valid forms stay accepted, with no warning.
const ACCEPTED: Array<[string, object, string[]]> = [
  [
    'manualRouting, a router with tls beside one without (46b-1)',
    manual({
      extraObjects: [
        route('Path(`/ping`)', { tls: {} }),
        { ...route('PathPrefix(`/ping`)'), metadata: { name: 'ping2', namespace: 'kube-system' } },
      ],
    }),
    ['39.0.7'],
  ],
  ['/ping on websecure over HTTPS (45b-1)', toWebsecure({ healthchecksScheme: 'HTTPS' }), ['27.0.2', '34.2.0', '39.0.7', '41.3.0']],
  [
    '/ping on websecure with its TLS off, HTTP',
    { ...toWebsecure(), ports: { websecure: { http: { tls: { enabled: false } } } } },
    ['39.0.7'],
  ],
  ['hub listenAddr default and host:port forms', hub(':9944'), ['28.1.0', '39.0.7']],
  ['hub listenAddr 0.0.0.0:9943', hub('0.0.0.0:9943'), ['41.3.0']],
  ['hub listenAddr empty (the default)', hub(''), ['39.0.7']],
  [
    'hub listenAddr bad but hub offline (v37+: no admission port)',
    { hub: { token: 'abc', offline: true, apimanagement: { admission: { listenAddr: 'x' } } } },
    ['39.0.7'],
  ],
  ['file router on traefik', manual(fileRouter('rule: PathPrefix(`/ping`)\nservice: ping@internal\nentryPoints: [traefik]')), ['39.0.7']],
  [
    'file router as a map',
    manual({
      providers: {
        file: {
          enabled: true,
          content: { http: { routers: { p: { rule: 'Path(`/ping`)', service: 'ping@internal', entryPoints: ['traefik'] } } } },
        },
      },
    }),
    ['41.3.0'],
  ],
  ['healthcheck defaults', manual(healthcheck()), ['27.0.2', '39.0.7']],
  ['IngressRoute Path(/ping) && Method(GET)', manual({ extraObjects: [route('Path(`/ping`) && Method(`GET`)')] }), ['39.0.7']],
  ['IngressRoute PathPrefix(/)', manual({ extraObjects: [route('PathPrefix(`/`)')] }), ['39.0.7']],
  [
    'IngressRoute Host || PathPrefix(/ping)',
    manual({ extraObjects: [route('Host(`a.example.com`) || (PathPrefix("/ping") && !Header(`X-A`, `b`))')] }),
    ['39.0.7'],
  ],
  ['IngressRoute PathRegexp', manual({ extraObjects: [route('PathRegexp(`^/p[i]ng$`)')] }), ['39.0.7']],
  [
    'HTTPS with TLS on traefik and a router',
    {
      ...args('--ping.manualRouting=true', '--entrypoints.traefik.http.tls=true'),
      ...healthcheck(),
      deployment: { healthchecksScheme: 'HTTPS' },
    },
    ['39.0.7'],
  ],
  [
    'HTTPS with a TLS IngressRoute on a plain traefik',
    { ...manual({ extraObjects: [route('PathPrefix(`/ping`)', { tls: {} })] }), deployment: { healthchecksScheme: 'HTTPS' } },
    ['39.0.7'],
  ],
  [
    'readinessPath /healthz with a router for it',
    { ...manual({ extraObjects: [route('PathPrefix(`/ping`) || Path(`/healthz`)')] }), deployment: { readinessPath: '/healthz' } },
    ['39.0.7'],
  ],
];

describe('the valid forms stay accepted', () => {
  test.each(ACCEPTED.flatMap(([name, values, charts]) => charts.map((chart) => [`${name} (${chart})`, values, chart] as const)))(
    '%s',
    (_, values, chart) => {
      const { errors, warnings } = judge(values, chart);
      expect({ errors, warnings: warnings.filter((w) => w.startsWith('traefik.values.')) }).toEqual({ errors: [], warnings: [] });
    },
  );
});

describe('a rule not judged is a warning', () => {
  test.each([
    ['ClientIP', 'ClientIP(`10.0.0.0/8`)'],
    ['HostRegexp', 'HostRegexp(`.+`)'],
    ['User-Agent header', 'PathPrefix(`/ping`) && Header(`User-Agent`, `kube-probe/1.33`)'],
    // A rule in single quotes is no rule Traefik reads: refused since 52b-7 (test/attack54-routes54.test.ts).
  ])('%s', (_, rule) => {
    const { errors, warnings } = judge(manual({ extraObjects: [route(rule)] }), '39.0.7');
    expect(errors).toEqual([]);
    expect(at(warnings, 'additionalArguments[0]')).toEqual([expect.stringMatching(UNKNOWN)]);
  });
});

test('a providers.file.content text not read as YAML (TOML) that names ping@internal: a warning (and, 57b-15, refused: config.yml is read as YAML)', () => {
  const content = '[http.routers.p]\n  rule = "PathPrefix(`/ping`)"\n  service = "ping@internal"\n  entryPoints = ["traefik"]\n';
  const { errors, warnings } = judge(manual({ providers: { file: { enabled: true, content } } }), '39.0.7');
  expect(errors).toEqual([expect.stringMatching(/providers\.file\.content: is no clean YAML .*serves none of its routers/)]);
  expect(at(warnings, 'additionalArguments[0]')).toEqual([expect.stringMatching(/is not known here/)]);
});

describe('the rule reader', () => {
  test.each([
    ['PathPrefix(`/ping`)', 'yes'],
    ['PathPrefix(`/ping`, `/x`)', 'yes'],
    ['Path(`/pong`) || Path(`/ping`)', 'yes'],
    ['!PathPrefix(`/ping`)', 'no'],
    ['PathPrefix(`/ping`) && !(Host(`a`) || Query(`q`, `1`))', 'yes'],
    ['Path(`/{id:[a-z]+}`)', 'unknown'],
    ['Host(`a`) && ClientIP(`10.0.0.1`)', 'no'],
    ['', 'no'],
    ['PathPrefix(`/ping`', 'unknown'],
  ])('%s', (rule, expected) => expect(ruleMatchesProbe(rule, { path: '/ping' })).toBe(expected));
});

describe('every door', () => {
  const rows: Array<[string, object, string, string]> = [
    ['/ping on websecure, HTTP', toWebsecure(), 'additionalArguments[0]', '39.0.7'],
    ['hub listenAddr :http', hub(':http'), 'hub.apimanagement.admission.listenAddr', '39.0.7'],
    [
      'file router on web',
      manual(fileRouter('rule: PathPrefix(`/ping`)\nservice: ping@internal\nentryPoints: [web]')),
      'additionalArguments[0]',
      '39.0.7',
    ],
    ['healthcheck matchRule Host', manual(healthcheck({ matchRule: 'Host(`x.invalid`)' })), 'additionalArguments[0]', '39.0.7'],
  ];
  test.each(rows)('%s: cluster and chart constructs', (_, raw, key, chartVersion) => {
    const values = { image: { tag: 'v3.6.2' }, ...raw };
    const where = new RegExp(`(^|\\n|: )(traefik\\.)?values\\.${key.replace(/[.[\]]/g, '\\$&')}:? `);
    expect(clusterRefusal({ ...devConfig().traefik, chartVersion, values })).toMatch(where);
    expect(helmChartConfigRefusal({ chartVersion, values })).toMatch(where);
  });
});

describe("the chart's own defaults (healthcheck IngressRoute, admission listenAddr, websecure TLS) pass on each vendored chart version", () => {
  const dir = join(__dirname, '..', 'vendor', 'traefik-values-schema');
  const tags = readdirSync(dir).flatMap((file) => /^v(.+)\.values\.yaml$/.exec(file)?.[1] ?? []);
  test.each(tags)('v%s', (tag) => {
    const own = load(readFileSync(join(dir, `v${tag}.values.yaml`), 'utf8')) as any;
    const values = {
      ...args('--ping.manualRouting=true'),
      ingressRoute: { healthcheck: { ...own.ingressRoute.healthcheck, enabled: true } },
      hub: { token: 'abc', apimanagement: { admission: { listenAddr: own.hub.apimanagement.admission.listenAddr } } },
      ports: { websecure: own.ports.websecure },
    };
    expect(judge(values, tag).errors).toEqual([]);
    const https = { ...toWebsecure({ healthchecksScheme: 'HTTPS' }), ports: { websecure: own.ports.websecure } };
    expect(judge(https, tag).errors).toEqual([]);
  });
});
