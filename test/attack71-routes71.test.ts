import { ApiObject, App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster, TraefikHelmChartConfig, TraefikHttpRoute } from '../src/index';
import { refusalOf } from './helpers';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 71 (routes71, attack 71b-4, -5, -6, -10, -12): routes beside a K3sVipCluster, and entrypoint middlewares, meet
 * the rules the config door's same objects meet. Each refused row has a nearby row that must pass (`undefined`).
 */
type Props = Record<string, any>;
const base = (traefik: Props = {}, extra: Props = {}): Props => ({
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
  traefik: { loadBalancerIPs: ['192.168.0.41'], redirectToHttps: true, ...traefik },
  ingresses: [
    { name: 'frontend-ingress', namespace: 'default', host: 'k3s.code-place-dev.site', path: '/', service: 'frontend', port: 80 },
  ],
  ...extra,
});
const put = (object: object) => (chart: Chart) => void new ApiObject(chart, 'o', object as never);

/** The refusal of a K3sVipCluster of `props` with `siblings` in a chart beside it ('' when accepted), and its warnings. */
function beside(props: Props, siblings: (chart: Chart) => void): { refusal: string; warnings: string } {
  let warnings = '';
  const refusal = refusalOf(() => {
    const app = new App();
    const cluster = new K3sVipCluster(app, 'dev', props as never);
    siblings(new Chart(app, 'mine'));
    app.synthYaml();
    warnings = cluster.warnings.map((w) => w.message).join('\n');
  });
  return { refusal, warnings };
}
/** The errors of the YAML door for `props`, and the K3sVipCluster door's refusal ('' when accepted). */
const configDoor = (props: Props) => parseConfigText('config/t.yaml', stringify(props)).errors.map(formatDiagnostic).join('\n');
const clusterDoor = (props: Props) => refusalOf(() => new K3sVipCluster(new App(), 'dev', props as never));

// 71b-4: the router annotations of an Ingress beside the cluster.
const ROUTER = 'traefik.ingress.kubernetes.io/router.';
const ingress = (annotations: Record<string, string>, className = 'traefik') => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'x', namespace: 'default', annotations },
  spec: {
    ingressClassName: className,
    rules: [
      {
        host: 'b.example.com',
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'o', port: { number: 80 } } } }] },
      },
    ],
  },
});
// [case, annotations, refusal expected, warning expected, ingress class (undefined: traefik)]
const ANNOTATIONS: Array<[string, Record<string, string>, RegExp | undefined, RegExp | undefined, string | undefined]> = [
  [
    '4 entrypoint in another case',
    { [`${ROUTER}entrypoints`]: 'WebSecure' },
    /router\.entrypoints"\] item 1 is "WebSecure", which names no entrypoint .*write websecure/,
    undefined,
    undefined,
  ],
  [
    '4 second entrypoint in another case',
    { [`${ROUTER}entrypoints`]: 'web, Websecure' },
    /router\.entrypoints"\] item 2 is "Websecure"/,
    undefined,
    undefined,
  ],
  ['4 neighbour: entrypoints exact, blanks trimmed', { [`${ROUTER}entrypoints`]: 'web , websecure' }, undefined, undefined, undefined],
  [
    '4 unknown entrypoint is a warning',
    { [`${ROUTER}entrypoints`]: 'nosuch' },
    undefined,
    /router\.entrypoints"\] item 1 is "nosuch", which names no entrypoint/,
    undefined,
  ],
  [
    '4 empty entrypoint item is a warning',
    { [`${ROUTER}entrypoints`]: 'web,' },
    undefined,
    /router\.entrypoints"\] item 2 is empty \(an extra comma\)/,
    undefined,
  ],
  [
    '4 priority a word',
    { [`${ROUTER}priority`]: 'high' },
    /router\.priority"\] is "high", not a whole number, .*skips the whole Ingress/,
    undefined,
    undefined,
  ],
  ['4 priority a decimal', { [`${ROUTER}priority`]: '1.5' }, /router\.priority"\] is "1\.5", not a whole number/, undefined, undefined],
  ['4 neighbour: priority an integer', { [`${ROUTER}priority`]: '100' }, undefined, undefined, undefined],
  ['4 neighbour: priority negative', { [`${ROUTER}priority`]: '-5' }, undefined, undefined, undefined],
  ['4 tls yes', { [`${ROUTER}tls`]: 'yes' }, /router\.tls"\] is "yes", not a switch Go's strconv\.ParseBool reads/, undefined, undefined],
  ['4 neighbour: tls true', { [`${ROUTER}tls`]: 'true' }, undefined, undefined, undefined],
  ['4 neighbour: tls T (ParseBool)', { [`${ROUTER}tls`]: 'T' }, undefined, undefined, undefined],
  [
    "4 neighbour: another class is not Traefik's",
    { [`${ROUTER}priority`]: 'high', [`${ROUTER}entrypoints`]: 'WebSecure' },
    undefined,
    undefined,
    'nginx',
  ],
  [
    '5 router.middlewares upper case',
    { [`${ROUTER}middlewares`]: 'default-Auth@kubernetescrd' },
    /router\.middlewares"\] item 1 "default-Auth@kubernetescrd" names no Middleware that can exist.*write "default-auth@kubernetescrd"/,
    undefined,
    undefined,
  ],
  [
    '5 neighbour: router.middlewares lower case',
    { [`${ROUTER}middlewares`]: 'default-auth@kubernetescrd' },
    undefined,
    undefined,
    undefined,
  ],
  ['5 neighbour: another provider', { [`${ROUTER}middlewares`]: 'Auth@file' }, undefined, undefined, undefined],
];

describe('71b-4, 71b-5: router annotations of an Ingress beside a K3sVipCluster (routes71)', () => {
  test.each(ANNOTATIONS)('%s', (_name, annotations, refused, warned, className) => {
    const { refusal, warnings } = beside(base(), put(ingress(annotations, className ?? 'traefik')));
    if (refused) expect(refusal).toMatch(refused);
    else expect(refusal).toBe('');
    if (refused) expect(refusal).toMatch(/Ingress\/default\/x \(construct mine\/o\)/);
    if (warned) expect(warnings).toMatch(warned);
    else if (!refused) expect(warnings).toBe('');
  });
  test('4 the config door refuses the same Ingress in extraObjects (declare it in ingresses)', () => {
    const props = base({ values: { extraObjects: [ingress({ [`${ROUTER}entrypoints`]: 'WebSecure' })] } });
    expect(configDoor(props)).toMatch(/extraObjects\[0\]: is an Ingress, .* declare it in ingresses instead/);
  });
});

// 71b-5: entrypoint middlewares that name a Middleware no object can have.
const webMiddlewares = (list: string[]) => ({ values: { ports: { web: { http: { middlewares: list } } } } });
const webFlag = (list: string) => ({ values: { additionalArguments: [`--entrypoints.web.http.middlewares=${list}`] } });
const ENTRYPOINT: Array<[string, Props, RegExp | undefined]> = [
  [
    '5 values upper case',
    webMiddlewares(['kube-system-Auth@kubernetescrd']),
    /ports\.web\.http\.middlewares:? item 1 "kube-system-Auth@kubernetescrd" names no Middleware that can exist.*every router on entrypoint web.*write "kube-system-auth@kubernetescrd"/,
  ],
  [
    '5 flag upper case',
    webFlag('kube-system-Auth@kubernetescrd'),
    /additionalArguments\[0\]:? item 1 "kube-system-Auth@kubernetescrd" names no Middleware/,
  ],
  [
    '5 flag second item without namespace',
    webFlag('kube-system-a@kubernetescrd,auth@kubernetescrd'),
    /item 2 "auth@kubernetescrd" names no Middleware that can exist/,
  ],
  [
    '5 values underscore',
    webMiddlewares(['kube-system-my_auth@kubernetescrd']),
    /names no Middleware that can exist.*write <namespace>-<name>@kubernetescrd/,
  ],
  ['5 neighbour: values lower case', webMiddlewares(['kube-system-auth@kubernetescrd']), undefined],
  ['5 neighbour: a dotted name', webMiddlewares(['default-auth.v1@kubernetescrd']), undefined],
  ['5 neighbour: another provider, any case', webMiddlewares(['Auth@docker']), undefined],
  ['5 neighbour: flag lower case', webFlag('kube-system-auth@kubernetescrd'), undefined],
];

describe('71b-5: entrypoint middlewares name a Middleware that can exist (routes71)', () => {
  test.each(ENTRYPOINT)('%s (K3sVipCluster, YAML and TraefikHelmChartConfig doors)', (_name, traefik, expected) => {
    const doors = [
      clusterDoor(base(traefik)),
      configDoor(base(traefik)),
      refusalOf(() => new TraefikHelmChartConfig(new Chart(new App(), 'c'), 't', { loadBalancerIPs: ['192.168.0.41'], ...traefik })),
    ];
    for (const said of doors) {
      if (expected) expect(said).toMatch(expected);
      else expect(said).toBe('');
    }
  });
  test('5 a 100 kB middleware name is read in linear time', async () => {
    // Imported here, so the other rows run (and fail) on code without this module.
    const { impossibleCrdMiddleware } = await import('../src/traefik/entrypoint-middleware-names');
    impossibleCrdMiddleware('warm-up@kubernetescrd');
    const long = `${'a-'.repeat(25_000)}b@kubernetescrd`;
    const start = process.cpuUsage();
    for (let i = 0; i < 4; i++) impossibleCrdMiddleware(`${'-'.repeat(100_000)}@kubernetescrd`);
    expect(impossibleCrdMiddleware(long)).toBe('');
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});

// 71b-6: an entrypoint middleware on port 80 that turns cert-manager's HTTP-01 challenge away.
const middleware = (name: string, spec: object) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'Middleware',
  metadata: { name, namespace: 'kube-system' },
  spec,
});
const http01 = (values: Props, solver = 'http01') => {
  const props = base({ redirectToHttps: false, values }, { certManager: { issuers: { le: { email: 'a@example.org', solver } } } });
  props.ingresses[0].tls = { issuer: 'le' };
  return props;
};
const BASIC = middleware('auth', { basicAuth: { secret: 'web-users' } });
const CHALLENGE: Array<[string, Props, RegExp | undefined]> = [
  [
    '6 values basicAuth on web',
    http01({ ...webMiddlewares(['kube-system-auth@kubernetescrd']).values, extraObjects: [BASIC] }),
    /item 1 puts Middleware kube-system\/auth in front of every router on entrypoint web \(port 80\), the solver Ingress of cert-manager's HTTP-01 challenge for "k3s\.code-place-dev\.site" \(ingresses\[0\]\) too, and its basicAuth answers 401/,
  ],
  [
    '6 flag basicAuth on web',
    http01({ ...webFlag('kube-system-auth@kubernetescrd').values, extraObjects: [BASIC] }),
    /additionalArguments\[0\]: item 1 puts Middleware kube-system\/auth/,
  ],
  [
    '6 values ipAllowList of the LAN',
    http01({
      ...webMiddlewares(['kube-system-lan@kubernetescrd']).values,
      extraObjects: [middleware('lan', { ipAllowList: { sourceRange: ['192.168.0.0/24'] } })],
    }),
    /its ipAllowList answers 403 to the CA/,
  ],
  [
    '6 values digestAuth',
    http01({ ...webMiddlewares(['kube-system-d@kubernetescrd']).values, extraObjects: [middleware('d', { digestAuth: { secret: 'u' } })] }),
    /its digestAuth answers 401/,
  ],
  [
    '6 neighbour: ipAllowList of every address',
    http01({
      ...webMiddlewares(['kube-system-lan@kubernetescrd']).values,
      extraObjects: [middleware('lan', { ipAllowList: { sourceRange: ['0.0.0.0/0'] } })],
    }),
    undefined,
  ],
  [
    '6 neighbour: a headers middleware',
    http01({
      ...webMiddlewares(['kube-system-h@kubernetescrd']).values,
      extraObjects: [middleware('h', { headers: { customResponseHeaders: { a: 'b' } } })],
    }),
    undefined,
  ],
  [
    '6 neighbour: basicAuth on websecure only',
    http01({ ports: { websecure: { http: { middlewares: ['kube-system-auth@kubernetescrd'] } } }, extraObjects: [BASIC] }),
    undefined,
  ],
  [
    '6 neighbour: basicAuth on web without an HTTP-01 certificate',
    base({ values: { ...webMiddlewares(['kube-system-auth@kubernetescrd']).values, extraObjects: [BASIC] } }),
    undefined,
  ],
];

describe('71b-6: an entrypoint middleware that blocks the HTTP-01 challenge is refused, as a route taking it is (routes71)', () => {
  test.each(CHALLENGE)('%s (K3sVipCluster and YAML doors)', (_name, props, expected) => {
    for (const said of [clusterDoor(props), configDoor(props)]) {
      if (expected) expect(said).toMatch(expected);
      else expect(said).toBe('');
    }
  });
});

// 71b-10: a plain Gateway route behind web's redirect to HTTPS.
const gateway = (extra: Props = {}) => base({ gateway: { routeNamespaces: 'All' }, ...extra });
const route =
  (props: Props = {}) =>
  (chart: Chart) =>
    void new TraefikHttpRoute(chart, 'r', { name: 'r', host: 'b.example.com', service: 'x', port: 80, ...props });
const routeObject = (path = '/') => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'r', namespace: 'default' },
  spec: {
    hostnames: ['b.example.com'],
    parentRefs: [{ name: 'traefik', namespace: 'kube-system' }],
    rules: [{ backendRefs: [{ name: 'x', port: 80 }], matches: [{ path: { type: 'PathPrefix', value: path } }] }],
  },
});
const tlsHost = (props: Props) => {
  props.certManager = { issuers: { le: { email: 'a@example.org', solver: 'http01' } } };
  props.httpRoutes = [{ name: 's', namespace: 'default', host: 'b.example.com', service: 'x', port: 80, tls: { issuer: 'le' } }];
  return props;
};
const REDIRECT =
  /serves "b\.example\.com" on the Gateway's HTTP listener only, but traefik\.redirectToHttps sends every http:\/\/ request to HTTPS, .*answer 404/;
const ROUTES: Array<[string, () => Props, (chart: Chart) => void, RegExp | undefined]> = [
  ['10 TraefikHttpRoute beside, no tls, redirect on', () => gateway(), route(), REDIRECT],
  ['10 raw HTTPRoute beside, no tls, redirect on', () => gateway(), put(routeObject()), REDIRECT],
  ['10 neighbour: redirect off', () => gateway({ redirectToHttps: false }), route(), undefined],
  ['10 neighbour: the host has an HTTPS listener', () => tlsHost(gateway()), route({ path: '/api' }), undefined],
];

describe('71b-10: a plain Gateway route behind the redirect to HTTPS answers 404 (routes71)', () => {
  test.each(ROUTES)('%s (beside)', (_name, props, siblings, expected) => {
    const { refusal } = beside(props(), siblings);
    if (expected) expect(refusal).toMatch(expected);
    else expect(refusal).toBe('');
  });
  test.each([
    [
      '10 extraObjects HTTPRoute, redirect on',
      gateway({ values: { extraObjects: [routeObject()] } }),
      /extraObjects\[0\]: serves "b\.example\.com" on the Gateway's HTTP listener only/,
    ],
    [
      '10 neighbour: extraObjects HTTPRoute, redirect off',
      gateway({ redirectToHttps: false, values: { extraObjects: [routeObject()] } }),
      undefined,
    ],
    [
      '10 neighbour: extraObjects HTTPRoute on an HTTPS host',
      tlsHost(gateway({ values: { extraObjects: [routeObject('/api')] } })),
      undefined,
    ],
    [
      '10 httpRoutes entry, redirect on (as before)',
      { ...gateway(), httpRoutes: [{ name: 'r', host: 'b.example.com', service: 'x', port: 80 }] },
      /httpRoutes\[0\]: has no tls, but traefik\.redirectToHttps/,
    ],
  ] as Array<[string, Props, RegExp | undefined]>)('%s (config)', (_name, props, expected) => {
    for (const said of [clusterDoor(props), configDoor(props)]) {
      if (expected) expect(said).toMatch(expected);
      else expect(said).toBe('');
    }
  });
});

// 71b-12: a file-provider ConfigMap beside the cluster.
const fileText = (rule: string, tls: string) =>
  `tcp:\n  routers:\n    t:\n      rule: "${rule}"\n      entryPoints: [websecure]\n${tls}      service: s\n  services:\n    s:\n      loadBalancer:\n        servers:\n          - address: 10.0.0.1:443\n`;
const configMap = (rule: string, namespace = 'kube-system') => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'dyn', namespace },
  data: { 'dyn.yaml': fileText(rule, rule.includes('*') ? '' : '      tls:\n        passthrough: true\n') },
});
const mounted = (extraObjects?: object[]) =>
  base({
    values: {
      volumes: [{ name: 'dyn', mountPath: '/config', type: 'configMap' }],
      additionalArguments: ['--providers.file.directory=/config'],
      ...(extraObjects && { extraObjects }),
    },
  });
const TAKES = /data\["dyn\.yaml"\]: tcp\.routers\.t\.rule: HostSNI\(`\*`\) on entrypoint\(s\) websecure takes every connection there/;
const FILES: Array<[string, () => Props, object, RegExp | undefined]> = [
  ['12 mounted ConfigMap beside, HostSNI(`*`)', () => mounted(), configMap('HostSNI(`*`)'), TAKES],
  ['12 neighbour: mounted ConfigMap beside, a HostSNI of its own', () => mounted(), configMap('HostSNI(`db.example.com`)'), undefined],
  ['12 neighbour: the ConfigMap in another namespace (not mounted)', () => mounted(), configMap('HostSNI(`*`)', 'default'), undefined],
  ['12 neighbour: a volume of another name', () => base(), configMap('HostSNI(`*`)'), undefined],
];

describe('71b-12: a file-provider ConfigMap beside the cluster meets the extraObjects router rules (routes71)', () => {
  test.each(FILES)('%s', (_name, props, object, expected) => {
    const { refusal } = beside(props(), put(object));
    if (expected) expect(refusal).toMatch(expected);
    else expect(refusal).toBe('');
    if (expected) expect(refusal).toMatch(/ConfigMap\/kube-system\/dyn \(construct mine\/o\)/);
  });
  test('12 the same ConfigMap in extraObjects (as before)', () => {
    expect(configDoor(mounted([configMap('HostSNI(`*`)')]))).toMatch(
      /extraObjects\[0\]\.data\["dyn\.yaml"\]: tcp\.routers\.t\.rule: HostSNI/,
    );
  });
});
