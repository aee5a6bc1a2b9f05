// Round 68 (attack68b 1, 3, 15, 16, 17, 18): the file provider's fields are gated by the Traefik that runs (image.tag
// when it names a release, else the chart's appVersion), never by the chart's CRDs; its TCP middleware kinds are judged
// as its HTTP ones; a Middleware or MiddlewareTCP object is held to the fields of the CRD its chart installs (and of the
// pinned Traefik); a non-TLS TCP route whose rule is only ClientIP takes web's plain connections like HostSNI(`*`), a
// HostSNI(domain) route without TLS and a PROXY protocol version other than 1 or 2 never serve; an IngressRouteTCP's
// messages name its own CRD and a HostSNIRegexp; an unlisted K3s release before v1.32.2+k3s1 is judged as Traefik v2.
import { ApiObject, App, Chart, type ApiObjectProps } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster } from '../src/index';
import { chartVersionDoors, devConfig, refusalOf, withChanges } from './helpers';

const NEW = '39.0.7';

/** The file provider on, with `content` as its dynamic configuration (a map, as the chart's toYaml writes it). */
const file = (content: object, image?: string) => ({
  ...(image && { image: { tag: image } }),
  providers: { file: { enabled: true, content: stringify(content) } },
});
const http = (services: object, middlewares?: object) => ({
  http: {
    routers: {
      r1: { rule: 'Host(`b.example.com`)', service: 's', entryPoints: ['websecure'], ...(middlewares && { middlewares: ['mw'] }) },
    },
    services: { s2: { loadBalancer: { servers: [{ url: 'http://10.0.0.5:80' }] } }, ...services },
    ...(middlewares && { middlewares: { mw: middlewares } }),
  },
});
const hrw = http({ s: { highestRandomWeight: { services: [{ name: 's2' }] } } });
const mirrorBody = http({ s: { mirroring: { service: 's2', mirrorBody: false } } });
const strategy = http({ s: { loadBalancer: { servers: [{ url: 'http://10.0.0.5:80' }], strategy: 'p2c' } } });
const s = { s: { loadBalancer: { servers: [{ url: 'http://10.0.0.6:80' }] } } };
const httpMw = (kind: object) => http(s, kind);
const tlsOptions = (options: object) => ({ ...http(s), tls: { options: { default: options } } });
const tcpMw = (kind: object) => ({
  tcp: {
    routers: { t1: { entryPoints: ['websecure'], rule: 'HostSNI(`c.example.com`)', service: 'ts', middlewares: ['mw'], tls: {} } },
    middlewares: { mw: kind },
    services: { ts: { loadBalancer: { servers: [{ address: '10.0.0.6:5432' }] } } },
  },
});
const range = { sourceRange: ['10.0.0.0/8'] };
const FILE = 'values.providers.file.content';

// 68b-1, 68b-3: [case, values, chart, what the refusal says]
const FILE_REFUSED: Array<[string, Record<string, unknown>, string, string]> = [
  [
    'highestRandomWeight on chart 37.1.0 (appVersion v3.5)',
    file(hrw),
    '37.1.0',
    'http.services.s.highestRandomWeight (a field from Traefik v3.6.0',
  ],
  ['highestRandomWeight on chart 37.3.0 with image v3.5.0', file(hrw, 'v3.5.0'), '37.3.0', 'a service of Traefik v3.5.0 does not have'],
  ['mirrorBody on chart 32.0.0', file(mirrorBody), '32.0.0', 'http.services.s.mirroring.mirrorBody (a field from Traefik v3.2.0'],
  ['mirrorBody on chart 33.0.0 with image v3.1.0', file(mirrorBody, 'v3.1.0'), '33.0.0', 'a service of Traefik v3.1.0 does not have'],
  ['strategy on chart 35.0.0', file(strategy), '35.0.0', 'loadBalancer.strategy (a field from Traefik v3.4.0'],
  [
    'disableSessionTickets on chart 35.0.0',
    file(tlsOptions({ disableSessionTickets: true })),
    '35.0.0',
    'tls.options.default.disableSessionTickets (a field from Traefik v3.4.0',
  ],
  [
    'disableSessionTickets on chart 35.3.0 with image v3.3.6',
    file(tlsOptions({ disableSessionTickets: true }), 'v3.3.6'),
    '35.3.0',
    'names a key Traefik v3.3.6 does not have',
  ],
  [
    'grpcWeb on chart 27.0.2',
    file(httpMw({ grpcWeb: { allowOrigins: ['*'] } })),
    '27.0.2',
    'http.middlewares.mw.grpcWeb (a field from Traefik v3.0.0',
  ],
  [
    'HTTP ipAllowList on chart 26.0.0 (Traefik v2.10)',
    file(httpMw({ ipAllowList: range })),
    '26.0.0',
    'http.middlewares.mw.ipAllowList (a field from Traefik v2.11.0',
  ],
  ['TCP ipAllowLst (68b-3)', file(tcpMw({ ipAllowLst: range })), NEW, 'tcp.middlewares.mw.ipAllowLst'],
  ['TCP inFlightConns', file(tcpMw({ inFlightConns: { amount: 10 } })), NEW, 'tcp.middlewares.mw.inFlightConns'],
  ['TCP redirectScheme (an HTTP kind)', file(tcpMw({ redirectScheme: { scheme: 'https' } })), NEW, 'tcp.middlewares.mw.redirectScheme'],
  [
    'TCP ipAllowList on chart 26.0.0',
    file(tcpMw({ ipAllowList: range })),
    '26.0.0',
    'tcp.middlewares.mw.ipAllowList (a field from Traefik v2.11.0',
  ],
  [
    'TCP ipAllowList on chart 27.0.2 with image v2.10.7',
    file(tcpMw({ ipAllowList: range }), 'v2.10.7'),
    '27.0.2',
    'names a key Traefik v2.10.7 does not have',
  ],
];

const FILE_PASSES: Array<[string, Record<string, unknown>, string]> = [
  ['highestRandomWeight on chart 37.1.0 with image v3.6.2 (68b-1)', file(hrw, 'v3.6.2'), '37.1.0'],
  ['highestRandomWeight on chart 37.3.0', file(hrw), '37.3.0'],
  ['mirrorBody on chart 32.0.0 with image v3.2.0', file(mirrorBody, 'v3.2.0'), '32.0.0'],
  ['strategy on chart 35.0.0 with image v3.4.1', file(strategy, 'v3.4.1'), '35.0.0'],
  ['disableSessionTickets on chart 35.0.0 with image v3.4.0', file(tlsOptions({ disableSessionTickets: true }), 'v3.4.0'), '35.0.0'],
  ['disableSessionTickets on chart 35.3.0', file(tlsOptions({ disableSessionTickets: true })), '35.3.0'],
  ['grpcWeb on chart 28.0.0', file(httpMw({ grpcWeb: { allowOrigins: ['*'] } })), '28.0.0'],
  ['HTTP ipAllowList on chart 26.0.0 with image v2.11.0', file(httpMw({ ipAllowList: range }), 'v2.11.0'), '26.0.0'],
  ['HTTP ipAllowList on chart 26.1.0', file(httpMw({ ipAllowList: range })), '26.1.0'],
  ['TCP ipAllowList', file(tcpMw({ ipAllowList: range })), NEW],
  ['TCP IPAllowList (any case)', file(tcpMw({ IPAllowList: range })), NEW],
  ['TCP ipWhiteList', file(tcpMw({ ipWhiteList: range })), NEW],
  ['TCP inFlightConn', file(tcpMw({ inFlightConn: { amount: 10 } })), NEW],
  ['TCP ipAllowList on chart 26.0.0 with image v2.11.0', file(tcpMw({ ipAllowList: range }), 'v2.11.0'), '26.0.0'],
];

describe('68b-1, 68b-3: file-provider fields by the Traefik that runs; TCP middleware kinds', () => {
  test.each(FILE_REFUSED)('refuses %s', (_, values, chartVersion, what) => {
    const d = chartVersionDoors(values, chartVersion);
    expect(d.errors.find((l) => l.includes(FILE) && l.includes(what))).toBeDefined();
    for (const refusal of [d.cluster, d.chart]) expect(refusal).toContain(what);
  });
  test.each(FILE_PASSES)('passes %s', (_, values, chartVersion) => {
    const d = chartVersionDoors(values, chartVersion);
    expect(d.errors).toEqual([]);
    expect(d.cluster).toBe('');
    expect(d.chart).toBe('');
  });
  test('the refusal names no chart tag as the reason when the image is pinned', () => {
    const error = chartVersionDoors(file(hrw, 'v3.5.0'), '37.3.0').errors.join('\n');
    expect(error).toContain('(a field from Traefik v3.6.0)');
    expect(error).not.toContain('this Traefik');
  });
  test('the refusal names the chart whose appVersion runs when the image is not pinned', () => {
    const error = chartVersionDoors(file(hrw), '37.1.0').errors.join('\n');
    expect(error).toContain('a service of the Traefik of chart v37.1.0 (its appVersion) does not have');
    expect(error).toContain('chart v37.3.0');
  });
});

// 68b-18: Middleware and MiddlewareTCP objects by the CRD of the chart (and the pinned Traefik).
const meta = { name: 'mw', namespace: 'default' };
const mw = (spec: object, kind = 'Middleware', apiVersion = 'traefik.io/v1alpha1') => ({ apiVersion, kind, metadata: meta, spec });
const usesMw = {
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRoute',
  metadata: { name: 'usesmw', namespace: 'default' },
  spec: {
    entryPoints: ['websecure'],
    routes: [{ match: 'Host(`v.example.com`)', kind: 'Rule', middlewares: [{ name: 'mw' }], services: [{ name: 'x', port: 80 }] }],
  },
};
const objects = (object: object, image?: string) => ({ ...(image && { image: { tag: image } }), extraObjects: [object, usesMw] });
const SPEC = 'extraObjects[0].spec.';

const MW_REFUSED: Array<[string, Record<string, unknown>, string, string, string]> = [
  ['Middleware ipAllowLst (68b-18)', objects(mw({ ipAllowLst: range })), NEW, `${SPEC}ipAllowLst`, 'did you mean ipAllowList?'],
  [
    'Middleware stripprefix (case matters)',
    objects(mw({ stripprefix: { prefixes: ['/a'] } })),
    NEW,
    `${SPEC}stripprefix`,
    'did you mean stripPrefix?',
  ],
  ['Middleware grpcWeb on chart 27.0.2', objects(mw({ grpcWeb: {} })), '27.0.2', `${SPEC}grpcWeb`, 'chart v28.0.0'],
  [
    'Middleware encodedCharacters on chart 39.0.7',
    objects(mw({ encodedCharacters: {} })),
    NEW,
    `${SPEC}encodedCharacters`,
    'chart v40.0.0',
  ],
  [
    'Middleware encodedCharacters on chart 40.1.0 with image v3.6.2',
    objects(mw({ encodedCharacters: {} }), 'v3.6.2'),
    '40.1.0',
    `${SPEC}encodedCharacters`,
    'Traefik v3.6.2 reads',
  ],
  ['Middleware ipAllowList on chart 26.0.0', objects(mw({ ipAllowList: range })), '26.0.0', `${SPEC}ipAllowList`, 'chart v26.1.0'],
  [
    'traefik.containo.us Middleware ipAllowLst on chart 27.0.2',
    objects(mw({ ipAllowLst: range }, 'Middleware', 'traefik.containo.us/v1alpha1')),
    '27.0.2',
    `${SPEC}ipAllowLst`,
    'did you mean ipAllowList?',
  ],
  ['MiddlewareTCP ipAllowLst', objects(mw({ ipAllowLst: range }, 'MiddlewareTCP')), NEW, `${SPEC}ipAllowLst`, 'MiddlewareTCP'],
  [
    'MiddlewareTCP redirectScheme (an HTTP kind)',
    objects(mw({ redirectScheme: { scheme: 'https' } }, 'MiddlewareTCP')),
    NEW,
    `${SPEC}redirectScheme`,
    'inFlightConn, ipWhiteList, ipAllowList',
  ],
  [
    'MiddlewareTCP ipAllowList on chart 26.0.0',
    objects(mw({ ipAllowList: range }, 'MiddlewareTCP')),
    '26.0.0',
    `${SPEC}ipAllowList`,
    'chart v26.1.0',
  ],
];

const MW_PASSES: Array<[string, Record<string, unknown>, string]> = [
  ['Middleware ipAllowList', objects(mw({ ipAllowList: range })), NEW],
  ['Middleware grpcWeb on chart 28.0.0', objects(mw({ grpcWeb: {} })), '28.0.0'],
  ['Middleware encodedCharacters on chart 40.0.0', objects(mw({ encodedCharacters: {} })), '40.0.0'],
  ['Middleware ipAllowList on chart 26.1.0', objects(mw({ ipAllowList: range })), '26.1.0'],
  ['Middleware ipWhiteList on chart 20.1.1', objects(mw({ ipWhiteList: range }, 'Middleware', 'traefik.containo.us/v1alpha1')), '20.1.1'],
  ['MiddlewareTCP ipAllowList', objects(mw({ ipAllowList: range }, 'MiddlewareTCP')), NEW],
  ['MiddlewareTCP inFlightConn', objects(mw({ inFlightConn: { amount: 5 } }, 'MiddlewareTCP')), NEW],
];

describe('68b-18: Middleware and MiddlewareTCP fields by the CRD the chart installs', () => {
  test.each(MW_REFUSED)('refuses %s', (_, values, chartVersion, key, what) => {
    const d = chartVersionDoors(values, chartVersion);
    expect(d.errors.find((l) => l.includes(key) && l.includes(what))).toBeDefined();
    for (const refusal of [d.cluster, d.chart]) {
      expect(refusal).toContain(key);
      expect(refusal).toContain(what);
    }
  });
  test.each(MW_PASSES)('passes %s', (_, values, chartVersion) => {
    const d = chartVersionDoors(values, chartVersion);
    expect(d.errors).toEqual([]);
    expect(d.cluster).toBe('');
    expect(d.chart).toBe('');
  });
});

/** A K3sVipCluster of `config` with `items` as ApiObjects of a sibling chart: the refusal of synth, or ''. */
function sibling(items: object[], config = devConfig()) {
  const app = new App({ outdir: '/nonexistent-crd68' });
  new K3sVipCluster(app, 'c', config);
  const extra = new Chart(app, 'extra');
  items.forEach((item, i) => new ApiObject(extra, `o${i}`, item as ApiObjectProps));
  return refusalOf(() => app.synthYaml());
}

describe('68b-18: the sibling door judges Middleware and MiddlewareTCP alike', () => {
  test.each([
    ['Middleware ipAllowLst', [mw({ ipAllowLst: range }), usesMw], undefined, 'spec.ipAllowLst'],
    ['MiddlewareTCP ipAllowLst', [mw({ ipAllowLst: range }, 'MiddlewareTCP')], undefined, 'spec.ipAllowLst'],
    ['Middleware grpcWeb on K3s v1.32.0+k3s1 (chart 27.0.2)', [mw({ grpcWeb: {} })], 'v1.32.0+k3s1', 'spec.grpcWeb'],
  ])('refuses %s', (_, items, k3s, key) => {
    const refusal = sibling(items, k3s ? withChanges(devConfig(), { k3s: { version: k3s } }) : devConfig());
    expect(refusal).toContain(key);
  });
  test.each([
    ['Middleware ipAllowList', [mw({ ipAllowList: range }), usesMw], undefined],
    ['Middleware grpcWeb on K3s v1.32.2+k3s1 (chart 34.2.0)', [mw({ grpcWeb: {} })], 'v1.32.2+k3s1'],
  ])('passes %s', (_, items, k3s) => {
    expect(sibling(items, k3s ? withChanges(devConfig(), { k3s: { version: k3s } }) : devConfig())).toBe('');
  });
});

// 68b-15, 68b-16: TCP routes.
const plainIngress = { name: 'fe', namespace: 'default', host: 'a.example.com', path: '/', service: 'frontend', port: 80 };
const plain = () => withChanges(devConfig(), { ingresses: [plainIngress] });
const tcpRoute = (match: string, entryPoints: string[], extra: object = {}, service: object = { name: 'x', port: 80 }) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRouteTCP',
  metadata: { name: 't', namespace: 'default' },
  spec: { entryPoints, routes: [{ match, services: [service] }], ...extra },
});
const fileTcp = (router: object) => ({
  providers: {
    file: {
      enabled: true,
      content: stringify({
        tcp: {
          routers: { t1: { service: 'ts', ...router } },
          services: { ts: { loadBalancer: { servers: [{ address: '10.0.0.6:80' }] } } },
        },
      }),
    },
  },
});
const withPg = (values: object) => ({ ...values, ports: { pg: { port: 5432, expose: { default: true }, exposedPort: 5432 } } });

/** The config's errors for `values` on the plain-HTTP Ingress (fe, a.example.com), its K3sVipCluster refusal and sibling door. */
function tcpDoors(values: { extraObjects?: object[] } & object, config = plain()) {
  const full = withChanges(config, { traefik: { chartVersion: NEW, values } });
  const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');
  return {
    errors: parseConfigText('config/t.yaml', stringify(full)).errors.map(line),
    cluster: refusalOf(() => new K3sVipCluster(new App(), 'c', full)),
    sibling: values.extraObjects ? sibling(values.extraObjects, withChanges(config, { traefik: { chartVersion: NEW } })) : undefined,
  };
}

const TCP_REFUSED: Array<[string, object, string, string]> = [
  [
    'ClientIP(`0.0.0.0/0`) on web without tls (68b-15)',
    { extraObjects: [tcpRoute('ClientIP(`0.0.0.0/0`)', ['web'])] },
    'routes[0].match',
    'ClientIP',
  ],
  [
    'ClientIP(`10.0.0.0/8`) on every entrypoint',
    { extraObjects: [tcpRoute('ClientIP(`10.0.0.0/8`)', [])] },
    'routes[0].match',
    'every plain connection',
  ],
  [
    'ClientIP || ClientIP on web',
    { extraObjects: [tcpRoute('ClientIP(`10.0.0.0/8`) || ClientIP(`::/0`)', ['web'])] },
    'routes[0].match',
    'ClientIP',
  ],
  [
    'file: ClientIP on web without tls',
    fileTcp({ rule: 'ClientIP(`0.0.0.0/0`)', entryPoints: ['web'] }),
    'tcp.routers.t1.rule',
    'ClientIP',
  ],
  [
    'HostSNI(domain) without tls (68b-15)',
    { extraObjects: [tcpRoute('HostSNI(`q.example.com`)', ['websecure'])] },
    'routes[0].match',
    'has HostSNI matcher, but no TLS on router',
  ],
  [
    'HostSNI(domain) || HostSNI(`*`) without tls',
    { extraObjects: [tcpRoute('HostSNI(`q.example.com`) || HostSNI(`*`)', ['pg'])] },
    'routes[0].match',
    'no TLS on router',
  ],
  [
    'file: HostSNI(domain) without tls',
    fileTcp({ rule: 'HostSNI(`q.example.com`)', entryPoints: ['websecure'] }),
    'tcp.routers.t1',
    'no TLS on router',
  ],
  [
    'proxyProtocol version 3 (68b-15)',
    {
      extraObjects: [
        tcpRoute(
          'HostSNI(`r.example.com`)',
          ['websecure'],
          { tls: { passthrough: true } },
          { name: 'x', port: 80, proxyProtocol: { version: 3 } },
        ),
      ],
    },
    'proxyProtocol.version',
    'unknown proxyProtocol version',
  ],
];

const TCP_PASSES: Array<[string, object]> = [
  ['ClientIP on web with tls', { extraObjects: [tcpRoute('ClientIP(`0.0.0.0/0`)', ['web'], { tls: { passthrough: true } })] }],
  ['ClientIP on an entrypoint of its own', withPg({ extraObjects: [tcpRoute('ClientIP(`0.0.0.0/0`)', ['pg'])] })],
  ['ClientIP on websecure without tls (plain connections only)', { extraObjects: [tcpRoute('ClientIP(`0.0.0.0/0`)', ['websecure'])] }],
  ['HostSNI(domain) with tls', { extraObjects: [tcpRoute('HostSNI(`q.example.com`)', ['websecure'], { tls: {} })] }],
  ['HostSNI(`*`) without tls on its own entrypoint', withPg({ extraObjects: [tcpRoute('HostSNI(`*`)', ['pg'])] })],
  [
    'HostSNI(`*`) || HostSNI(domain) without tls (the first is *)',
    withPg({ extraObjects: [tcpRoute('HostSNI(`*`) || HostSNI(`q.example.com`)', ['pg'])] }),
  ],
  ['file: HostSNI(domain) with tls', fileTcp({ rule: 'HostSNI(`q.example.com`)', entryPoints: ['websecure'], tls: {} })],
  ['file: ClientIP on websecure without tls', fileTcp({ rule: 'ClientIP(`0.0.0.0/0`)', entryPoints: ['websecure'] })],
  [
    'proxyProtocol version 1',
    {
      extraObjects: [
        tcpRoute(
          'HostSNI(`r.example.com`)',
          ['websecure'],
          { tls: { passthrough: true } },
          { name: 'x', port: 80, proxyProtocol: { version: 1 } },
        ),
      ],
    },
  ],
  [
    'proxyProtocol version 2',
    {
      extraObjects: [
        tcpRoute(
          'HostSNI(`r.example.com`)',
          ['websecure'],
          { tls: { passthrough: true } },
          { name: 'x', port: 80, proxyProtocol: { version: 2 } },
        ),
      ],
    },
  ],
];

describe('68b-15: TCP routes that take web or never serve', () => {
  test.each(TCP_REFUSED)('refuses %s', (_, values, key, what) => {
    const d = tcpDoors(values as object);
    expect(d.errors.find((l) => l.includes(key) && l.includes(what))).toBeDefined();
    expect(d.cluster).toContain(what);
    if (d.sibling !== undefined) expect(d.sibling).toContain(what);
  });
  test.each(TCP_PASSES)('passes %s', (_, values) => {
    const d = tcpDoors(values as object);
    expect(d.errors).toEqual([]);
    expect(d.cluster).toBe('');
    if (d.sibling !== undefined) expect(d.sibling).toBe('');
  });
  test('ClientIP on web leaves a TLS-only Ingress alone (its routers serve websecure)', () => {
    expect(tcpDoors({ extraObjects: [tcpRoute('ClientIP(`0.0.0.0/0`)', ['web'])] }, devConfig()).errors).toEqual([]);
  });
  test.each([
    ['version -1 on chart 34.0.0 (no CRD minimum)', -1, '34.0.0', 'unknown proxyProtocol version'],
    ['version 0 on chart 39.0.7 (CRD minimum 1)', 0, NEW, 'takes 1 or more'],
  ])('refuses proxyProtocol %s', (_, version, chartVersion, what) => {
    const values = {
      extraObjects: [
        tcpRoute(
          'HostSNI(`r.example.com`)',
          ['websecure'],
          { tls: { passthrough: true } },
          { name: 'x', port: 80, proxyProtocol: { version } },
        ),
      ],
    };
    expect(chartVersionDoors(values, chartVersion).errors.join('\n')).toContain(what);
  });
  test('proxyProtocol version 0 on chart 34.0.0 passes (Traefik reads 0 as its default, 2)', () => {
    const values = {
      extraObjects: [
        tcpRoute(
          'HostSNI(`r.example.com`)',
          ['websecure'],
          { tls: { passthrough: true } },
          { name: 'x', port: 80, proxyProtocol: { version: 0 } },
        ),
      ],
    };
    expect(chartVersionDoors(values, '34.0.0').errors).toEqual([]);
  });
});

describe('68b-16: an IngressRouteTCP is named by its own CRD; a HostSNIRegexp may match', () => {
  test('priority 1.5 of an IngressRouteTCP names the IngressRouteTCP CRD', () => {
    const route = tcpRoute('HostSNI(`r.example.com`)', ['websecure'], { tls: {} });
    (route.spec.routes[0] as Record<string, unknown>).priority = 1.5;
    const error = chartVersionDoors({ extraObjects: [route] }, NEW).errors.find((l) => l.includes('routes[0].priority'));
    expect(error).toContain("Traefik's IngressRouteTCP CRD takes an integer");
  });
  test('priority 1.5 of an IngressRoute still names the IngressRoute CRD', () => {
    const error = chartVersionDoors(
      { extraObjects: [{ ...usesMw, spec: { ...usesMw.spec, routes: [{ ...usesMw.spec.routes[0], priority: 1.5 }] } }] },
      NEW,
    ).errors.find((l) => l.includes('routes[0].priority'));
    expect(error).toContain("Traefik's IngressRoute CRD takes an integer");
  });
  test('HostSNIRegexp is said to be one that may match the host', () => {
    const refusal = sibling([tcpRoute('HostSNIRegexp(`^.+$`)', ['websecure'], { tls: { passthrough: true } })]);
    expect(refusal).toContain('has a HostSNIRegexp that may match host "k3s.code-place-dev.site"');
    expect(refusal).not.toContain('its HostSNI names host');
  });
  test('HostSNI still names the host', () => {
    const refusal = sibling([tcpRoute('HostSNI(`k3s.code-place-dev.site`)', ['websecure'], { tls: { passthrough: true } })]);
    expect(refusal).toContain('its HostSNI names host "k3s.code-place-dev.site"');
  });
});

// 68b-17: K3s releases before v1.32.2+k3s1 bundle Traefik v2.
const oldGroup = {
  apiVersion: 'traefik.containo.us/v1alpha1',
  kind: 'IngressRoute',
  metadata: { name: 'oldgroup', namespace: 'default' },
  spec: { entryPoints: ['websecure'], routes: [{ match: 'Host(`u.example.com`)', kind: 'Rule', services: [{ name: 'x', port: 80 }] }] },
};
const v3Only = {
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRoute',
  metadata: { name: 'v3only', namespace: 'default' },
  spec: {
    entryPoints: ['websecure'],
    routes: [{ match: 'Host(`t.example.com`) && PathRegexp(`^/x`)', kind: 'Rule', services: [{ name: 'x', port: 80 }] }],
  },
};

function k3sDoors(version: string) {
  const config = withChanges(devConfig(), { k3s: { version } });
  const withObjects = withChanges(config, { traefik: { values: { extraObjects: [oldGroup, v3Only] } } });
  const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');
  const parsed = parseConfigText('config/t.yaml', stringify(withObjects));
  return {
    errors: parsed.errors.map(line).join('\n'),
    warnings: parsed.warnings.map(line).join('\n'),
    sibling: sibling([oldGroup, v3Only], config),
  };
}

describe('68b-17: K3s before v1.32.2+k3s1 is judged as Traefik v2, listed or not', () => {
  test.each([
    ['v1.31.5+k3s1 (unlisted, before)', 'v1.31.5+k3s1', true],
    ['v1.32.1+k3s1 (unlisted, before)', 'v1.32.1+k3s1', true],
    ['v1.27.4+k3s1 (unlisted, oldest line)', 'v1.27.4+k3s1', true],
    ['v1.32.0+k3s1 (listed, chart 27.0.2)', 'v1.32.0+k3s1', false],
  ])('%s: the traefik.containo.us object passes, PathRegexp is refused', (_, version, unlisted) => {
    const d = k3sDoors(version);
    expect(d.errors).not.toContain('oldgroup');
    expect(d.errors).not.toContain('extraObjects[0].apiVersion');
    expect(d.errors).toContain('extraObjects[1].spec.routes[0].match');
    expect(d.errors).toContain('PathRegexp');
    expect(d.sibling).not.toContain('IngressRoute/default/oldgroup');
    expect(d.sibling).toContain('IngressRoute/default/v3only');
    if (unlisted) {
      expect(d.warnings).toContain(`this tool does not know which Traefik chart K3s ${version} bundles`);
      expect(d.warnings).toContain('Traefik v2');
      expect(d.warnings).toContain('27.0.2');
      expect(d.warnings).not.toContain('default chart 39.0.7');
    } else expect(d.warnings).not.toContain('does not know which Traefik chart');
  });
  test.each([
    ['v1.32.2+k3s1 (listed, first Traefik v3)', 'v1.32.2+k3s1', false],
    ['v1.33.5+k3s1 (unlisted, after)', 'v1.33.5+k3s1', true],
  ])('%s: the traefik.containo.us object is refused, PathRegexp passes', (_, version, unlisted) => {
    const d = k3sDoors(version);
    expect(d.errors).toContain('extraObjects[0].apiVersion');
    expect(d.errors).not.toContain('PathRegexp');
    expect(d.sibling).toContain('IngressRoute/default/oldgroup');
    expect(d.sibling).not.toContain('IngressRoute/default/v3only');
    if (unlisted) expect(d.warnings).toContain('default chart 39.0.7');
    else expect(d.warnings).not.toContain('does not know which Traefik chart');
  });
  test('an explicit chartVersion on an unlisted old K3s is followed without the warning', () => {
    const config = withChanges(devConfig(), { k3s: { version: 'v1.31.5+k3s1' }, traefik: { chartVersion: '27.0.0' } });
    expect(
      parseConfigText('config/t.yaml', stringify(config))
        .warnings.map((w) => w.message)
        .join('\n'),
    ).not.toContain('does not know which Traefik chart');
  });
});
