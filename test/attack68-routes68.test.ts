// Round 68 (attack68b 2, 7, 8, 9, 10, 11): the chart's `ingressRoute.<name>` is judged as the chart renders it (its
// default matchRule `PathPrefix(`/dashboard`) || PathPrefix(`/api`)`, `enabled` true up to chart v28, no TLS for the
// default `tls: {}`) against the Ingresses; an entrypoint's protocol is what `ports.<name>.protocol` or an
// `--entrypoints.<name>.address` flag says, no other flag; a route on an entrypoint of the other protocol never serves
// (IngressRoute, IngressRouteTCP, IngressRouteUDP, the chart's routes, the file provider's http, tcp and udp routers);
// with cross-namespace references off, a TraefikService backend, a Middleware's errors service and chain member and a
// route's TLSOption in another namespace are refused; the refusal names what turns the setting off. Judged at the config
// file, K3sVipCluster, TraefikHelmChartConfig (where no Ingress is needed) and a sibling ApiObject beside K3sVipCluster.
import { ApiObject, App, Chart, type ApiObjectProps } from 'cdk8s';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster } from '../src/index';
import { chartVersionDoors, devConfig, refusalOf, withChanges } from './helpers';

type Values = Record<string, unknown>;
const NEW = '39.0.7';
const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');

/** The reference config with one plain-HTTP Ingress on `path` (or a TLS one) and Traefik `values` on `chartVersion`. */
function ingressConfig(values: Values, path: string, chartVersion = NEW, tls = false) {
  const ingress = { name: 'fe', namespace: 'default', host: 'a.example.com', path, service: 'frontend', port: 80 };
  return withChanges(devConfig(), {
    traefik: { chartVersion, values },
    ingresses: [tls ? { ...ingress, tls: { certResolver: 'default' } } : ingress],
  });
}
/** A config's errors and warnings, and K3sVipCluster's refusal, for the same config. */
function withIngress(config: unknown) {
  const { errors, warnings } = parseConfigText('config/t.yaml', stringify(config));
  return {
    errors: errors.map(line),
    warnings: warnings.map(line),
    cluster: refusalOf(() => new K3sVipCluster(new App(), 'c', config as never)),
  };
}
/** K3sVipCluster with Traefik `values`, beside a sibling chart holding `objects`: its refusal, or ''. */
function sibling(objects: object[], values: Values = {}, chartVersion = NEW) {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'routes68-')) });
  new K3sVipCluster(app, 'c', withChanges(devConfig(), { traefik: { chartVersion, values } }));
  const chart = new Chart(app, 'extra');
  objects.forEach((object, i) => new ApiObject(chart, `o${i}`, object as ApiObjectProps));
  return refusalOf(() => app.synth());
}

const obj = (kind: string, spec: object, namespace = 'default') => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind,
  metadata: { name: 'x', namespace },
  spec,
});
const ir = (entryPoints: string[], extra: object = {}) =>
  obj('IngressRoute', {
    entryPoints,
    routes: [{ match: 'Host(`z.example.com`)', kind: 'Rule', services: [{ name: 'svc', port: 80 }] }],
    ...extra,
  });
const irTcp = (entryPoints: string[], extra: object = {}, match = 'HostSNI(`*`)') =>
  obj('IngressRouteTCP', { entryPoints, routes: [{ match, services: [{ name: 'pg', port: 5432 }] }], ...extra });
const irUdp = (entryPoints: string[]) => obj('IngressRouteUDP', { entryPoints, routes: [{ services: [{ name: 'dns', port: 53 }] }] });
const dnsPort = { dns: { port: 5353, exposedPort: 53, protocol: 'UDP', expose: { default: true } } };
const file = (content: string, extra: Values = {}): Values => ({ providers: { file: { enabled: true, content } }, ...extra });
const udpFile = (entryPoint: string) =>
  `udp:\n  routers:\n    u1: {entryPoints: [${entryPoint}], service: us}\n  services:\n    us: {loadBalancer: {servers: [{address: "10.0.0.7:53"}]}}\n`;
const tcpFile = (entryPoint: string, more = 'rule: "HostSNI(`*`)"') =>
  `tcp:\n  routers:\n    t1: {entryPoints: [${entryPoint}], ${more}, service: ts}\n  services:\n    ts: {loadBalancer: {servers: [{address: "10.0.0.6:5432"}]}}\n`;
const httpFile = (entryPoints: string) =>
  `http:\n  routers:\n    h1: {${entryPoints}rule: "Host(\`q.example.com\`)", service: hs}\n  services:\n    hs: {loadBalancer: {servers: [{url: "http://10.0.0.6"}]}}\n`;

describe('68b-7: the chart-rendered IngressRoute takes an Ingress path as an extraObjects one does', () => {
  const dashboard = (route: Values) => ({ ingressRoute: { dashboard: route } });
  const AT = 'traefik.values.ingressRoute.dashboard.matchRule';
  // [row, values, Ingress path, chart version, TLS Ingress]
  const REFUSED: Array<[string, Values, string, string, boolean]> = [
    ['the default matchRule on websecure and web', dashboard({ enabled: true, entryPoints: ['websecure', 'web'] }), '/api', NEW, false],
    ['the default matchRule on web, a deeper path', dashboard({ enabled: true, entryPoints: ['web'] }), '/api/v1', NEW, false],
    ['entryPoints null (every default entrypoint)', dashboard({ enabled: true, entryPoints: null }), '/api', NEW, false],
    ['chart 27.0.2: enabled by default', dashboard({ entryPoints: ['web'] }), '/api', '27.0.2', false],
    ['on websecure against a TLS Ingress', dashboard({ enabled: true, entryPoints: ['websecure'] }), '/api', NEW, true],
    ['chart 41.3.0', dashboard({ enabled: true, entryPoints: ['web'] }), '/api', '41.3.0', false],
  ];
  test.each(REFUSED)('refuses %s', (_, values, path, chartVersion, tls) => {
    const d = withIngress(ingressConfig(values, path, chartVersion, tls));
    const error = d.errors.find((l) => l.startsWith(AT));
    expect(error).toContain('is unset, so the chart writes its default PathPrefix(`/dashboard`) || PathPrefix(`/api`)');
    expect(error).toContain('matches every host');
    expect(error).not.toContain('lower its priority');
    expect(d.cluster).toContain('ingressRoute.dashboard.matchRule');
  });

  test('a custom name with a rule of its own is refused as before', () => {
    const values = {
      ingressRoute: { x: { enabled: true, entryPoints: ['web'], matchRule: 'PathPrefix(`/aaaaaaaaaa`) || PathPrefix(`/api`)' } },
    };
    const d = withIngress(ingressConfig(values, '/api'));
    expect(d.errors.find((l) => l.startsWith('traefik.values.ingressRoute.x.matchRule'))).toContain('matches every host');
  });

  const PASSES: Array<[string, Values, string, string, boolean]> = [
    ['the default entrypoint (traefik)', dashboard({ enabled: true }), '/api', NEW, false],
    ['chart 27.0.2: /dashboard, whose Ingress rule is longer', dashboard({ entryPoints: ['web'] }), '/dashboard', '27.0.2', false],
    ['chart 29.0.0: disabled by default', dashboard({ entryPoints: ['web'] }), '/api', '29.0.0', false],
    ['chart 27.0.2, enabled: false', dashboard({ enabled: false, entryPoints: ['web'] }), '/api', '27.0.2', false],
    ['plain web against a TLS Ingress', dashboard({ enabled: true, entryPoints: ['web'] }), '/api', NEW, true],
    [
      'tls: {} (the chart writes no TLS) on web against a TLS Ingress',
      dashboard({ enabled: true, entryPoints: ['web'], tls: {} }),
      '/api',
      NEW,
      true,
    ],
    [
      'an explicit rule with tls: {} on web against a TLS Ingress',
      dashboard({ enabled: true, entryPoints: ['web'], tls: {}, matchRule: 'PathPrefix(`/dashboard`) || PathPrefix(`/api`)' }),
      '/api',
      NEW,
      true,
    ],
    ['another path', dashboard({ enabled: true, entryPoints: ['web'] }), '/shop', NEW, false],
    [
      'a matchRule with a Host',
      dashboard({ enabled: true, entryPoints: ['web'], matchRule: 'Host(`dash.example.com`) && PathPrefix(`/api`)' }),
      '/api',
      NEW,
      false,
    ],
    [
      'the healthcheck default (shorter than the Ingress rule)',
      { ingressRoute: { healthcheck: { enabled: true, entryPoints: ['web'] } } },
      '/ping',
      NEW,
      false,
    ],
  ];
  test.each(PASSES)('passes %s', (_, values, path, chartVersion, tls) => {
    const d = withIngress(ingressConfig(values, path, chartVersion, tls));
    expect(d.errors.filter((l) => l.includes('ingressRoute'))).toEqual([]);
  });
});

describe('68b-8, 68b-9, 68b-2: a route on an entrypoint of the other protocol', () => {
  const EP = 'extraObjects[0].spec.entryPoints[0]';
  const CONTENT = 'providers.file.content';
  // [row, values, key path, words]
  const REFUSED: Array<[string, Values, string, string]> = [
    [
      '68b-8: UDP on web with a readTimeout flag',
      { additionalArguments: ['--entrypoints.web.transport.respondingTimeouts.readTimeout=60s'], extraObjects: [irUdp(['web'])] },
      EP,
      "names entrypoint web, which is TCP (the chart's default)",
    ],
    [
      '68b-8: UDP on web with a forwardedHeaders flag',
      { additionalArguments: ['--entrypoints.web.forwardedHeaders.insecure=true'], extraObjects: [irUdp(['web'])] },
      EP,
      'UDP entrypoints only',
    ],
    [
      '68b-8: UDP on websecure with an http.tls flag',
      { additionalArguments: ['--entrypoints.websecure.http.tls=true'], extraObjects: [irUdp(['websecure'])] },
      EP,
      'UDP entrypoints only',
    ],
    [
      '68b-9: IngressRouteTCP on a UDP entrypoint',
      { ports: dnsPort, extraObjects: [irTcp(['dns'])] },
      EP,
      "an IngressRouteTCP's router on TCP entrypoints only",
    ],
    [
      '68b-9: IngressRoute on a UDP entrypoint',
      { ports: dnsPort, extraObjects: [ir(['dns'])] },
      EP,
      "an IngressRoute's router on TCP entrypoints only",
    ],
    [
      '68b-9: IngressRoute on protocol: udp (any case)',
      { ports: { dns: { ...dnsPort.dns, protocol: 'udp' } }, extraObjects: [ir(['web', 'dns'])] },
      'extraObjects[0].spec.entryPoints[1]',
      'which is UDP (ports.dns.protocol)',
    ],
    [
      "68b-9: the chart's ingressRoute on a UDP entrypoint",
      { ports: dnsPort, ingressRoute: { dashboard: { enabled: true, entryPoints: ['dns'] } } },
      'ingressRoute.dashboard.entryPoints[0]',
      'TCP entrypoints only',
    ],
    [
      '68b-9: file tcp router on a UDP entrypoint',
      file(tcpFile('dns'), { ports: dnsPort }),
      CONTENT,
      'tcp.routers.t1.entryPoints[0] names entrypoint dns',
    ],
    [
      '68b-9: file http router on a UDP entrypoint',
      file(httpFile('entryPoints: [dns], '), { ports: dnsPort }),
      CONTENT,
      'http.routers.h1.entryPoints[0] names entrypoint dns, which is UDP',
    ],
    ['68b-2: file udp router on web', file(udpFile('web')), CONTENT, 'udp.routers.u1.entryPoints[0] names entrypoint web, which is TCP'],
    ['68b-2: file udp router on websecure', file(udpFile('websecure')), CONTENT, 'a UDP router on UDP entrypoints only'],
    [
      '68b-2: file udp router on a TCP port of values',
      file(udpFile('pg'), { ports: { pg: { port: 5432, expose: { default: true } } } }),
      CONTENT,
      'names entrypoint pg, which is TCP',
    ],
  ];
  test.each(REFUSED)('refuses %s', (_, values, key, what) => {
    const d = chartVersionDoors(values, NEW);
    expect(d.errors.find((l) => l.includes(key) && l.includes(what))).toBeDefined();
    for (const refusal of [d.cluster, d.chart]) {
      expect(refusal).toContain(key);
      expect(refusal).toContain(what);
    }
  });

  test('68b-8: an address flag is what makes web UDP (refused on its own, no protocol refusal for a UDP route)', () => {
    const d = chartVersionDoors({ additionalArguments: ['--entrypoints.web.address=:8000/udp'], extraObjects: [irUdp(['web'])] }, NEW);
    expect(d.errors.some((l) => l.includes('additionalArguments[0]'))).toBe(true);
    expect(d.errors.some((l) => l.includes('UDP entrypoints only'))).toBe(false);
  });
  test('68b-8: the address flag named as what makes web UDP for a TCP route', () => {
    const d = chartVersionDoors({ additionalArguments: ['--entrypoints.web.address=:8000/udp'], extraObjects: [irTcp(['web'])] }, NEW);
    expect(d.errors.find((l) => l.includes(EP))).toContain(
      'which is UDP (the --entrypoints.web.address flag at traefik.values.additionalArguments[0])',
    );
  });

  const PASSES: Array<[string, Values]> = [
    [
      'UDP on a UDP entrypoint with its udp.timeout flag',
      { ports: dnsPort, additionalArguments: ['--entrypoints.dns.udp.timeout=10s'], extraObjects: [irUdp(['dns'])] },
    ],
    [
      'IngressRouteTCP on websecure beside a UDP entrypoint',
      { ports: dnsPort, extraObjects: [irTcp(['websecure'], { tls: {} }, 'HostSNI(`c.example.com`)')] },
    ],
    ['IngressRoute on web beside a UDP entrypoint', { ports: dnsPort, extraObjects: [ir(['web'])] }],
    ['IngressRouteTCP on a TCP port of values', { ports: { pg: { port: 5432, protocol: 'TCP' } }, extraObjects: [irTcp(['pg'])] }],
    ['file udp router on a UDP entrypoint', file(udpFile('dns'), { ports: dnsPort })],
    ['file tcp router on websecure', file(tcpFile('websecure', 'rule: "HostSNI(`c.example.com`)", tls: {}'))],
    ['file http router without entryPoints beside a UDP entrypoint', file(httpFile(''), { ports: dnsPort })],
    [
      "the chart's ingressRoute on its default entrypoint beside a UDP entrypoint",
      { ports: dnsPort, ingressRoute: { dashboard: { enabled: true } } },
    ],
  ];
  test.each(PASSES)('passes %s', (_, values) => {
    const d = chartVersionDoors(values, NEW);
    expect(d.errors).toEqual([]);
    expect(d.cluster).toBe('');
    expect(d.chart).toBe('');
  });

  test('the sibling door: TCP and HTTP routes on a UDP entrypoint refused, a UDP route passes', () => {
    const refusal = sibling([irTcp(['dns']), { ...ir(['dns']), metadata: { name: 'y', namespace: 'default' } }], { ports: dnsPort });
    expect(refusal).toContain('IngressRouteTCP/default/x (construct extra/o0): spec.entryPoints[0] names entrypoint dns, which is UDP');
    expect(refusal).toContain('IngressRoute/default/y (construct extra/o1): spec.entryPoints[0] names entrypoint dns, which is UDP');
    expect(sibling([irUdp(['dns'])], { ports: dnsPort })).toBe('');
    expect(
      sibling([irUdp(['web'])], { additionalArguments: ['--entrypoints.web.transport.respondingTimeouts.readTimeout=60s'] }),
    ).toContain('UDP entrypoints only');
  });
});

describe('68b-10: cross-namespace references beyond a route’s own services and middlewares', () => {
  const route = (tls: object) => ir(['websecure'], { tls });
  const failover = { service: { name: 'a', port: 80, namespace: 'other' }, fallback: { name: 'b', port: 80 } };
  // [row, values, chart version, key path, words]
  const REFUSED: Array<[string, Values, string, string, string]> = [
    [
      'a TraefikService weighted backend',
      { extraObjects: [obj('TraefikService', { weighted: { services: [{ name: 'a', port: 80, namespace: 'other' }] } })] },
      NEW,
      'extraObjects[0].spec.weighted.services[0].namespace',
      'so Traefik drops the TraefikService',
    ],
    [
      'a TraefikService mirroring',
      { extraObjects: [obj('TraefikService', { mirroring: { name: 'a', port: 80, namespace: 'other' } })] },
      NEW,
      'extraObjects[0].spec.mirroring.namespace',
      'refuses a backend in another namespace',
    ],
    [
      'a TraefikService mirror',
      {
        extraObjects: [
          obj('TraefikService', { mirroring: { name: 'a', port: 80, mirrors: [{ name: 'b', port: 80, namespace: 'other' }] } }),
        ],
      },
      NEW,
      'extraObjects[0].spec.mirroring.mirrors[0].namespace',
      'so Traefik drops the TraefikService',
    ],
    [
      'a TraefikService highestRandomWeight backend',
      { extraObjects: [obj('TraefikService', { highestRandomWeight: { services: [{ name: 'a', port: 80, namespace: 'other' }] } })] },
      NEW,
      'extraObjects[0].spec.highestRandomWeight.services[0].namespace',
      'so Traefik drops the TraefikService',
    ],
    [
      'a TraefikService failover service on 41.3.0',
      { extraObjects: [obj('TraefikService', { failover })] },
      '41.3.0',
      'extraObjects[0].spec.failover.service.namespace',
      'so Traefik drops the TraefikService',
    ],
    [
      "a Middleware's errors service",
      {
        extraObjects: [
          obj('Middleware', { errors: { status: ['500'], query: '/{status}', service: { name: 's', port: 80, namespace: 'other' } } }),
        ],
      },
      NEW,
      'extraObjects[0].spec.errors.service.namespace',
      'so Traefik drops the Middleware',
    ],
    [
      'a chain member on a pinned Traefik v3.6.14',
      { image: { tag: 'v3.6.14' }, extraObjects: [obj('Middleware', { chain: { middlewares: [{ name: 'auth', namespace: 'other' }] } })] },
      NEW,
      'extraObjects[0].spec.chain.middlewares[0].namespace',
      'so Traefik drops the Middleware',
    ],
    [
      'a chain member spelt @kubernetescrd on a pinned Traefik v3.7.0',
      { image: { tag: 'v3.7.0' }, extraObjects: [obj('Middleware', { chain: { middlewares: [{ name: 'other-auth@kubernetescrd' }] } })] },
      '41.3.0',
      'extraObjects[0].spec.chain.middlewares[0].name',
      'ends with @kubernetescrd',
    ],
    [
      "an IngressRoute's TLSOption",
      { extraObjects: [route({ options: { name: 'modern', namespace: 'other' } })] },
      NEW,
      'extraObjects[0].spec.tls.options.namespace',
      'refuses a TLSOption in another namespace',
    ],
    [
      "an IngressRouteTCP's TLSOption",
      { extraObjects: [irTcp(['websecure'], { tls: { options: { name: 'modern', namespace: 'other' } } })] },
      NEW,
      'extraObjects[0].spec.tls.options.namespace',
      'skips every route of the IngressRouteTCP',
    ],
    [
      "the chart's ingressRoute TLSOption",
      { ingressRoute: { dashboard: { enabled: true, tls: { options: { name: 'modern', namespace: 'other' } } } } },
      NEW,
      'ingressRoute.dashboard.tls.options.namespace',
      'not the IngressRoute\'s own namespace "kube-system"',
    ],
  ];
  test.each(REFUSED)('refuses %s', (_, values, chartVersion, key, what) => {
    const d = chartVersionDoors(values, chartVersion);
    expect(d.errors.find((l) => l.includes(key) && l.includes(what))).toBeDefined();
    for (const refusal of [d.cluster, d.chart]) {
      expect(refusal).toContain(key);
      expect(refusal).toContain(what);
    }
  });

  const chainOther = obj('Middleware', { chain: { middlewares: [{ name: 'auth', namespace: 'other' }] } });
  test('a chain member without image.tag is a warning naming the releases that refuse it', () => {
    const config = withChanges(devConfig(), { traefik: { chartVersion: NEW, values: { extraObjects: [chainOther] } } });
    const { errors, warnings } = parseConfigText('config/t.yaml', stringify(config));
    expect(errors).toEqual([]);
    expect(warnings.map(line).find((l) => l.includes('chain.middlewares[0].namespace'))).toContain('v3.6.14 and later');
  });

  const PASSES: Array<[string, Values, string]> = [
    ['a chain member on a pinned Traefik v3.6.13', { image: { tag: 'v3.6.13' }, extraObjects: [chainOther] }, NEW],
    [
      'a chain member in its own namespace on v3.6.14',
      {
        image: { tag: 'v3.6.14' },
        extraObjects: [obj('Middleware', { chain: { middlewares: [{ name: 'auth', namespace: 'default' }] } })],
      },
      NEW,
    ],
    [
      'a chain member of another provider on v3.6.14',
      {
        image: { tag: 'v3.6.14' },
        extraObjects: [obj('Middleware', { chain: { middlewares: [{ name: 'auth@file', namespace: 'other' }] } })],
      },
      NEW,
    ],
    ['a TLSOption in its own namespace', { extraObjects: [route({ options: { name: 'modern', namespace: 'default' } })] }, NEW],
    ['a TLSOption of another provider', { extraObjects: [route({ options: { name: 'modern@file', namespace: 'other' } })] }, NEW],
    [
      'tls.store in another namespace (never read for a router)',
      { extraObjects: [route({ store: { name: 'default', namespace: 'other' } })] },
      NEW,
    ],
    [
      'a weighted backend in its own namespace',
      { extraObjects: [obj('TraefikService', { weighted: { services: [{ name: 'a', port: 80, namespace: 'default' }] } })] },
      NEW,
    ],
    [
      'every reference with allowCrossNamespace: true',
      {
        providers: { kubernetesCRD: { allowCrossNamespace: true } },
        image: { tag: 'v3.6.14' },
        extraObjects: [
          chainOther,
          obj('TraefikService', { weighted: { services: [{ name: 'a', port: 80, namespace: 'other' }] } }, 'default'),
          route({ options: { name: 'modern', namespace: 'other' } }),
        ],
      },
      NEW,
    ],
    [
      'allowCrossNamespace turned on by a flag',
      {
        additionalArguments: ['--providers.kubernetescrd.allowCrossNamespace=true'],
        extraObjects: [obj('TraefikService', { mirroring: { name: 'a', port: 80, namespace: 'other' } })],
      },
      NEW,
    ],
  ];
  test.each(PASSES)('passes %s', (_, values, chartVersion) => {
    const d = chartVersionDoors(values, chartVersion);
    expect(d.errors).toEqual([]);
    expect(d.cluster).toBe('');
    expect(d.chart).toBe('');
  });

  test('the sibling door refuses them alike', () => {
    const refusal = sibling([
      obj('TraefikService', { weighted: { services: [{ name: 'a', port: 80, namespace: 'other' }] } }),
      {
        ...obj('TraefikService', { mirroring: { name: 'a', port: 80, mirrors: [{ name: 'b', port: 80, namespace: 'other' }] } }),
        metadata: { name: 'm', namespace: 'default' },
      },
      {
        ...obj('Middleware', { errors: { status: ['500'], query: '/', service: { name: 's', port: 80, namespace: 'other' } } }),
        metadata: { name: 'e', namespace: 'default' },
      },
      { ...route({ options: { name: 'modern', namespace: 'other' } }), metadata: { name: 't', namespace: 'default' } },
    ]);
    expect(refusal).toContain('TraefikService/default/x (construct extra/o0): spec.weighted.services[0].namespace is "other"');
    expect(refusal).toContain('TraefikService/default/m (construct extra/o1): spec.mirroring.mirrors[0].namespace is "other"');
    expect(refusal).toContain('Middleware/default/e (construct extra/o2): spec.errors.service.namespace is "other"');
    expect(refusal).toContain('IngressRoute/default/t (construct extra/o3): spec.tls.options.namespace is "other"');
    expect(sibling([chainOther], { image: { tag: 'v3.6.14' } })).toContain('spec.chain.middlewares[0].namespace is "other"');
    expect(sibling([chainOther], { image: { tag: 'v3.6.13' } })).toBe('');
  });
});

describe('68b-11: the cross-namespace refusal names what turns the setting off', () => {
  const backend = ir(['websecure'], {});
  (backend.spec as { routes: Array<{ services: object[] }> }).routes[0].services = [{ name: 'a', port: 80, namespace: 'other' }];
  const flagOff = {
    providers: { kubernetesCRD: { allowCrossNamespace: true } },
    additionalArguments: ['--providers.kubernetescrd.allowCrossNamespace=false'],
  };
  test('a later flag: named, with advice there (sibling door: by the cluster prop path)', () => {
    const refusal = sibling([backend], flagOff);
    expect(refusal).toContain('allowCrossNamespace is false (the flag at traefik.values.additionalArguments[0] turns it off');
    expect(refusal).toContain('remove the flag at traefik.values.additionalArguments[0]');
    expect(refusal).not.toContain("the chart's default");
    expect(refusal).not.toContain('set providers.kubernetesCRD.allowCrossNamespace: true');
  });
  test('a later flag: named at the config door, the chart door and for a TraefikService', () => {
    const ts = obj('TraefikService', { mirroring: { name: 'a', port: 80, namespace: 'other' } });
    const d = chartVersionDoors({ ...flagOff, extraObjects: [backend, ts] }, NEW);
    for (const key of ['extraObjects[0].spec.routes[0].services[0].namespace', 'extraObjects[1].spec.mirroring.namespace'])
      expect(d.errors.find((l) => l.includes(key))).toContain('(the flag at traefik.values.additionalArguments[0] turns it off');
    expect(d.chart).toContain('remove the flag at values.additionalArguments[0]');
    expect(d.chart).not.toContain("the chart's default");
  });
  test('an explicit false value is named as such', () => {
    const d = chartVersionDoors({ providers: { kubernetesCRD: { allowCrossNamespace: false } }, extraObjects: [backend] }, NEW);
    const error = d.errors.find((l) => l.includes('services[0].namespace'));
    expect(error).toContain('(set so at providers.kubernetesCRD.allowCrossNamespace)');
    expect(error).toContain('set providers.kubernetesCRD.allowCrossNamespace: true');
  });
  test("the chart's default stays so named", () => {
    const d = chartVersionDoors({ extraObjects: [backend] }, NEW);
    expect(d.errors.find((l) => l.includes('services[0].namespace'))).toContain("(the chart's default)");
  });
  test('a @kubernetescrd middleware names the flag too', () => {
    const mw = ir(['websecure'], {});
    (mw.spec as { routes: Array<Record<string, unknown>> }).routes[0].middlewares = [{ name: 'other-auth@kubernetescrd' }];
    const d = chartVersionDoors({ ...flagOff, extraObjects: [mw] }, NEW);
    expect(d.errors.find((l) => l.includes('middlewares[0].name'))).toContain(
      '(the flag at traefik.values.additionalArguments[0] turns it off',
    );
  });
});
