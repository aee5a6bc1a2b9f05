// Round 67 (attack67b 1, 3, 6): an IngressRouteTCP's and an IngressRouteUDP's backends are held to their CRD
// (traefik/traefik-helm-chart traefik/crds/traefik.io_ingressroutetcps.yaml and traefik.io_ingressrouteudps.yaml:
// `required: [name, port]`, weight/terminationDelay integers, nativeLB and tls.passthrough booleans, unknown fields
// refused); a backend's deeper fields (scheme, serversTransport, responseForwarding, healthCheck, passiveHealthCheck,
// sticky.cookie.path/domain) are typed as traefik.io_ingressroutes.yaml types them; an IngressRouteUDP on a TCP
// entrypoint never serves; a TCP route without `match` is told to write HostSNI. Judged alike at the config file,
// K3sVipCluster and TraefikHelmChartConfig.
import { ApiObject, App, Chart, type ApiObjectProps } from 'cdk8s';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { K3sVipCluster } from '../src/index';
import { chartVersionDoors, devConfig, refusalOf, withChanges } from './helpers';

const meta = { name: 'r', namespace: 'default' };
const tcp = (service: object, extra: object = {}, entryPoints = ['websecure']) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRouteTCP',
  metadata: meta,
  spec: { entryPoints, routes: [{ match: 'HostSNI(`c.example.com`)', services: [service] }], tls: {}, ...extra },
});
const udp = (service: object, entryPoints = ['dns']) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRouteUDP',
  metadata: meta,
  spec: { entryPoints, routes: [{ services: [service] }] },
});
const ir = (service: object) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRoute',
  metadata: meta,
  spec: { entryPoints: ['web'], routes: [{ match: 'Host(`a.example.com`)', kind: 'Rule', services: [service] }] },
});
const ts = (service: object) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'TraefikService',
  metadata: meta,
  spec: { weighted: { services: [service] } },
});
const dnsPort = { dns: { port: 5353, exposedPort: 53, protocol: 'UDP', expose: { default: true } } };

/** The config's errors, K3sVipCluster's and TraefikHelmChartConfig's refusals for one object on a chart version. */
function doors(object: object, chartVersion: string, more: object = { ports: dnsPort }) {
  const values = { ...more, extraObjects: [object] };
  return chartVersionDoors(values, chartVersion);
}

const S = 'extraObjects[0].spec.routes[0].services[0].';
const W = 'extraObjects[0].spec.weighted.services[0].';
const NEW = '39.0.7';
const OLD = '27.0.0';
const ok = { name: 'svc', port: 80 };

// [case, object, chart, key path, what the message says]
const REFUSED: Array<[string, object, string, string, string]> = [
  // 67b-1: TCP
  ['TCP weight "x"', tcp({ ...ok, weight: 'x' }), NEW, `${S}weight`, 'IngressRouteTCP CRD takes an integer'],
  ['TCP weight -1 on 39.0.7', tcp({ ...ok, weight: -1 }), NEW, `${S}weight`, '0 or more'],
  ['TCP nativeLB "yes"', tcp({ ...ok, nativeLB: 'yes' }), NEW, `${S}nativeLB`, 'takes a boolean'],
  ['TCP terminationDelay "abc"', tcp({ ...ok, terminationDelay: 'abc' }), NEW, `${S}terminationDelay`, 'takes an integer'],
  ['TCP backend without port', tcp({ name: 'svc' }), NEW, `${S}port`, 'IngressRouteTCP CRD requires it'],
  ['TCP backend without name', tcp({ port: 80 }), NEW, `${S}name`, 'IngressRouteTCP CRD requires it'],
  ['TCP tls.passthrough "yes"', tcp(ok, { tls: { passthrough: 'yes' } }), NEW, 'extraObjects[0].spec.tls.passthrough', 'takes a boolean'],
  ['TCP kind TraefikService', tcp({ ...ok, kind: 'TraefikService' }), NEW, `${S}kind`, 'always a Kubernetes Service'],
  ['TCP wieght typo', tcp({ ...ok, wieght: 2 }), NEW, `${S}wieght`, 'did you mean weight?'],
  ['TCP serversTransport on 27.0.0', tcp({ ...ok, serversTransport: 'st' }), OLD, `${S}serversTransport`, 'later Traefik chart'],
  ['TCP proxyProtocol.version "2"', tcp({ ...ok, proxyProtocol: { version: '2' } }), NEW, `${S}proxyProtocol.version`, 'takes an integer'],
  // 67b-1: UDP
  ['UDP weight "x"', udp({ ...ok, port: 53, weight: 'x' }), NEW, `${S}weight`, 'IngressRouteUDP CRD takes an integer'],
  ['UDP nativeLB "yes"', udp({ ...ok, port: 53, nativeLB: 'yes' }), NEW, `${S}nativeLB`, 'takes a boolean'],
  ['UDP backend without port', udp({ name: 'svc' }), NEW, `${S}port`, 'IngressRouteUDP CRD requires it'],
  [
    'UDP terminationDelay (a TCP field)',
    udp({ ...ok, terminationDelay: 5 }),
    NEW,
    `${S}terminationDelay`,
    'no field of an IngressRouteUDP',
  ],
  // 67b-3: UDP on a TCP entrypoint
  ['UDP on websecure', udp(ok, ['websecure']), NEW, 'extraObjects[0].spec.entryPoints[0]', 'UDP entrypoints only'],
  ['UDP on web', udp(ok, ['web']), NEW, 'extraObjects[0].spec.entryPoints[0]', 'UDP entrypoints only'],
  ['UDP on a TCP port of values', udp(ok, ['dns']), NEW, 'extraObjects[0].spec.entryPoints[0]', 'names entrypoint dns, which is TCP'],
  // 67b-3: deeper types, on an IngressRoute and a TraefikService
  ['IngressRoute scheme 5', ir({ ...ok, scheme: 5 }), NEW, `${S}scheme`, 'takes a string'],
  ['IngressRoute serversTransport 7', ir({ ...ok, serversTransport: 7 }), NEW, `${S}serversTransport`, 'takes a string'],
  ['healthCheck.port "80"', ts({ ...ok, healthCheck: { port: '80' } }), NEW, `${W}healthCheck.port`, 'takes an integer'],
  ['healthCheck.status "abc"', ts({ ...ok, healthCheck: { status: 'abc' } }), NEW, `${W}healthCheck.status`, 'takes an integer'],
  ['healthCheck.interval true', ts({ ...ok, healthCheck: { interval: true } }), NEW, `${W}healthCheck.interval`, 'an integer or a string'],
  [
    'passiveHealthCheck.maxFailedAttempts "x"',
    ts({ ...ok, passiveHealthCheck: { maxFailedAttempts: 'x' } }),
    '41.3.0',
    `${W}passiveHealthCheck.maxFailedAttempts`,
    'takes an integer',
  ],
  [
    'responseForwarding.flushInterval 100',
    ts({ ...ok, responseForwarding: { flushInterval: 100 } }),
    NEW,
    `${W}responseForwarding.flushInterval`,
    'takes a string',
  ],
  ['sticky.cookie.path 1', ir({ ...ok, sticky: { cookie: { path: 1 } } }), NEW, `${S}sticky.cookie.path`, 'takes a string'],
  ['sticky.cookie.domain true', ts({ ...ok, sticky: { cookie: { domain: true } } }), NEW, `${W}sticky.cookie.domain`, 'takes a string'],
];

describe('67b-1, 67b-3: IngressRouteTCP/UDP backends and deeper backend types', () => {
  test.each(REFUSED)('refuses %s', (name, object, chartVersion, key, what) => {
    const more = name === 'UDP on a TCP port of values' ? { ports: { dns: { port: 5353, protocol: 'TCP' } } } : { ports: dnsPort };
    const d = doors(object, chartVersion, more);
    expect(d.errors.find((l) => l.includes(key) && l.includes(what))).toBeDefined();
    for (const refusal of [d.cluster, d.chart]) {
      expect(refusal).toContain(key);
      expect(refusal).toContain(what);
    }
  });

  test.each([
    [
      'a TCP backend with every field right',
      tcp(
        {
          ...ok,
          weight: 0,
          nativeLB: true,
          nodePortLB: false,
          terminationDelay: -1,
          serversTransport: 'st',
          tls: true,
          proxyProtocol: { version: 2 },
        },
        { tls: { passthrough: true } },
      ),
      NEW,
    ],
    ['a TCP backend with a named port', tcp({ name: 'svc', port: 'https' }), NEW],
    ['a TCP weight -1 on 34.0.0 (no minimum)', tcp({ ...ok, weight: -1 }), '34.0.0'],
    ['a UDP backend on a UDP entrypoint', udp({ name: 'dns', port: 53, weight: 1, nativeLB: false }), NEW],
    ['a UDP route on a second UDP entrypoint', udp({ name: 'dns', port: 53 }, ['dns', 'dns2']), NEW],
    [
      'an IngressRoute backend with its deeper fields right',
      ir({
        ...ok,
        scheme: 'https',
        serversTransport: 'st',
        responseForwarding: { flushInterval: '100ms' },
        healthCheck: { path: '/health', port: 8080, status: 200, interval: '10s', timeout: 3, followRedirects: true },
        sticky: { cookie: { name: 'c', path: '/', domain: 'a.example.com' } },
      }),
      NEW,
    ],
    ['a passiveHealthCheck right on 41.3.0', ts({ ...ok, passiveHealthCheck: { maxFailedAttempts: 3, failureWindow: '10s' } }), '41.3.0'],
  ])('passes %s', (_, object, chartVersion) => {
    const d = doors(object, chartVersion, { ports: { ...dnsPort, dns2: { port: 5354, protocol: 'UDP' } } });
    expect(d.errors).toEqual([]);
    expect(d.cluster).toBe('');
    expect(d.chart).toBe('');
  });
});

describe('67b-6: a TCP route without match is told HostSNI', () => {
  test('IngressRouteTCP without match', () => {
    const object = {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRouteTCP',
      metadata: meta,
      spec: { entryPoints: ['websecure'], routes: [{ services: [ok] }] },
    };
    const d = doors(object, NEW);
    const error = d.errors.find((l) => l.includes('extraObjects[0].spec.routes[0].match'));
    expect(error).toContain('HostSNI(`*`)');
    expect(error).not.toContain('Host(`a');
    for (const refusal of [d.cluster, d.chart]) expect(refusal).toContain('HostSNI(');
  });
  test('IngressRoute without match keeps Host', () => {
    const object = {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRoute',
      metadata: meta,
      spec: { entryPoints: ['web'], routes: [{ kind: 'Rule', services: [ok] }] },
    };
    expect(doors(object, NEW).errors.find((l) => l.includes('routes[0].match'))).toContain('Host(`a.example.com`)');
  });
});

describe('67b-1, 67b-3: the sibling-chart door (an ApiObject beside K3sVipCluster) judges alike', () => {
  const sibling = (object: object) => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'crd67-')) });
    new K3sVipCluster(app, 'c', withChanges(devConfig(), { traefik: { chartVersion: NEW } }));
    new ApiObject(new Chart(app, 'extra'), 'o', object as ApiObjectProps);
    return refusalOf(() => app.synth());
  };
  test.each([
    ['TCP terminationDelay "abc"', tcp({ ...ok, terminationDelay: 'abc' }), 'services[0].terminationDelay', 'takes an integer'],
    ['UDP on websecure', udp({ name: 'dns', port: 53 }, ['websecure']), 'entryPoints[0]', 'UDP entrypoints only'],
    ['healthCheck.port "80"', ts({ ...ok, healthCheck: { port: '80' } }), 'healthCheck.port', 'takes an integer'],
  ])('refuses %s', (_, object, key, what) => {
    const refusal = sibling(object);
    expect(refusal).toContain(key);
    expect(refusal).toContain(what);
  });
  test('passes a right TCP backend', () => expect(sibling(tcp({ ...ok, weight: 1, nativeLB: true }))).toBe(''));
});
