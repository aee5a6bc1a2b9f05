/**
 * Attack round 60b, findings 5 to 8 and 10, and review60-10: the constructs judge VIPs by the config's placement rule
 * (src/load-balancer/vip-networks.ts); every v1 Service's ports as the API server does (src/validate/service-port-rules.ts);
 * a ConfigMap key in data and binaryData, and a typed Secret without its keys (src/validate/data-object-rules.ts); a
 * projected configMap source and `subPath: ""` traced (src/ingress/mounted-file-routes.ts); a .toml item refused only for
 * a routers key or table outside comments (src/ingress/toml-router-keys.ts).
 */
import { App, Chart } from 'cdk8s';
import { LoadBalancerService, TraefikHelmChartConfig } from '../src';
import type { VipNetworks } from '../src';
import { tomlNamesRouters } from '../src/ingress/toml-router-keys';
import { judgedValues } from './helpers';

const CHART = '39.0.7';
const judged = (values: object) => {
  const { errors, warnings } = judgedValues(values, CHART);
  return { errors: errors.join('\n'), warnings: warnings.join('\n') };
};
/** The messages a construct throws, or 'ACCEPTED'. */
const built = (make: (chart: Chart) => void): string => {
  const app = new App({ outdir: '/tmp/parity60-test-out' });
  try {
    make(new Chart(app, 'c'));
    app.synth();
    return 'ACCEPTED';
  } catch (e) {
    const problems = (e as { problems?: Array<{ path: Array<string | number>; message: string }> }).problems;
    return problems ? problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n') : String((e as Error).message);
  }
};
const traefik = (ip: string, networks?: VipNetworks) => (chart: Chart) =>
  new TraefikHelmChartConfig(chart, 't', { loadBalancerIPs: [ip], ...(networks && { networks }) });
const service = (ip: string, networks?: VipNetworks) => (chart: Chart) =>
  new LoadBalancerService(chart, 'lb', {
    name: 'db',
    selector: { app: 'db' },
    ports: [{ port: 5432 }],
    ips: [ip],
    ...(networks && { networks }),
  });

describe('60b-5: the constructs judge VIPs by the config rule, with K3s default networks', () => {
  test.each([
    ['192.168.0.0', /"192\.168\.0\.0" is the network address of a \/24 LAN.*networks\.nodeCidr/],
    ['192.168.0.255', /"192\.168\.0\.255" is the broadcast address of a \/24 LAN/],
    ['10.42.0.5', /"10\.42\.0\.5" lies inside the K3s pod network \(cluster-cidr\) 10\.42\.0\.0\/16/],
    ['10.43.0.9', /"10\.43\.0\.9" lies inside the K3s Service network \(service-cidr\) 10\.43\.0\.0\/16/],
  ])('%s refused by TraefikHelmChartConfig and LoadBalancerService', (ip, message) => {
    const t = built(traefik(ip));
    expect(t).toMatch(message);
    expect(t).toContain('loadBalancerIPs.0:');
    const s = built(service(ip));
    expect(s).toMatch(message);
    expect(s).toContain('ips.0:');
  });
  test.each([
    ['a host address', '192.168.0.41', undefined],
    ['10.42.0.5 when the props give other K3s networks', '10.42.0.5', { clusterCidr: '10.52.0.0/16', serviceCidr: '10.53.0.0/16' }],
    ['a /24 edge in BGP mode', '192.168.0.0', { mode: 'bgp' as const }],
    ['192.168.0.255 inside a larger nodeCidr', '192.168.0.255', { nodeCidr: '192.168.0.0/23' }],
  ])('%s passes', (_name, ip, networks) => {
    expect(built(traefik(ip, networks))).toBe('ACCEPTED');
    expect(built(service(ip, networks))).toBe('ACCEPTED');
  });
  test('a bad network prop is named', () => {
    expect(built(service('192.168.0.7', { clusterCidr: 'x' }))).toMatch(/networks\.clusterCidr: "x" is not a CIDR block/);
    expect(built(service('192.168.0.7', { nodeCidr: '192.168.0.0/24' }))).toBe('ACCEPTED');
    expect(built(service('192.168.1.7', { nodeCidr: '192.168.0.0/24' }))).toMatch(/ips\.0: "192\.168\.1\.7" is outside networks\.nodeCidr/);
  });
});

const plainService = (ports: object[], type?: string) => ({
  extraObjects: [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', namespace: 'default' },
      spec: { ...(type && { type }), selector: { app: 's' }, ports },
    },
  ],
});

describe('60b-6: every Service in extraObjects gets the port rules of loadBalancers[]', () => {
  test.each([
    [
      'a port/protocol pair twice',
      [
        { port: 80, name: 'a' },
        { port: 80, name: 'b' },
      ],
      /extraObjects\[0\]\.spec\.ports\[1\]\.port: 80\/TCP is listed twice/,
    ],
    [
      'several ports without names',
      [{ port: 80 }, { port: 81 }],
      /extraObjects\[0\]\.spec\.ports\[0\]: has no name; the API server requires a name/,
    ],
    [
      'a name twice',
      [
        { port: 80, name: 'a' },
        { port: 81, name: 'a' },
      ],
      /spec\.ports\[1\]\.name: "a" is also the name of ports\[0\]/,
    ],
    [
      'a targetPort that is no IANA_SVC_NAME',
      [{ port: 80, targetPort: 'Http_Bad' }],
      /spec\.ports\[0\]\.targetPort: "Http_Bad" is not a port name/,
    ],
    ['a port name that is no DNS-1123 label', [{ port: 80, name: 'Web' }], /spec\.ports\[0\]\.name: .*DNS-1123 label/],
  ])('%s: refused', (_name, ports, message) => {
    expect(judged(plainService(ports)).errors).toMatch(message);
  });
  test.each([
    ['one unnamed port', [{ port: 80, targetPort: 'http' }]],
    [
      'two named ports, same number over TCP and UDP',
      [
        { port: 53, name: 'dns', protocol: 'UDP' },
        { port: 53, name: 'dns-tcp' },
      ],
    ],
    ['a long port name (a DNS-1123 label, over 15 characters)', [{ port: 80, name: 'a-rather-long-port-name' }]],
  ])('%s: passes', (_name, ports) => {
    expect(judged(plainService(ports)).errors).not.toMatch(/extraObjects\[0\]\.spec\.ports/);
  });
});

const object = (o: object) => ({ extraObjects: [{ apiVersion: 'v1', metadata: { name: 'o', namespace: 'default' }, ...o }] });

describe('60b-7: a ConfigMap key in data and binaryData', () => {
  test('refused at binaryData.<key>', () => {
    expect(judged(object({ kind: 'ConfigMap', data: { a: '1' }, binaryData: { a: 'MQ==' } })).errors).toMatch(
      /extraObjects\[0\]\.binaryData\.a: is also a key of data; the API server refuses/,
    );
  });
  test('distinct keys pass', () => {
    expect(judged(object({ kind: 'ConfigMap', data: { a: '1' }, binaryData: { b: 'MQ==' } })).errors).not.toMatch(/binaryData/);
  });
});

describe('60b-8: typed Secrets without their keys: refused, made out of band', () => {
  test.each([
    ['kubernetes.io/tls', /"tls\.crt" and "tls\.key"/],
    ['kubernetes.io/basic-auth', /"username" or "password"/],
    ['kubernetes.io/ssh-auth', /"ssh-privatekey"/],
    ['kubernetes.io/dockerconfigjson', /"\.dockerconfigjson"/],
    ['kubernetes.io/dockercfg', /"\.dockercfg"/],
  ])('%s with no data', (type, keys) => {
    const { errors } = judged(object({ kind: 'Secret', type, data: {} }));
    expect(errors).toMatch(/extraObjects\[0\]\.type: is kubernetes\.io\//);
    expect(errors).toMatch(keys);
    expect(errors).toMatch(/create this Secret out of band/);
  });
  test('a service-account token without its annotation names it', () => {
    expect(judged(object({ kind: 'Secret', type: 'kubernetes.io/service-account-token' })).errors).toMatch(
      /metadata\.annotations: has no kubernetes\.io\/service-account\.name annotation/,
    );
  });
  test.each([
    ['an Opaque Secret with no data', { kind: 'Secret', type: 'Opaque' }],
    [
      // Wave 83: of the namespace's default account (another account's token is refused: extra-workload-powers.ts).
      'a service-account token with its annotation',
      {
        kind: 'Secret',
        type: 'kubernetes.io/service-account-token',
        metadata: { name: 'o', namespace: 'default', annotations: { 'kubernetes.io/service-account.name': 'default' } },
      },
    ],
  ])('%s passes', (_name, o) => {
    expect(judged(object(o)).errors).not.toMatch(/extraObjects\[0\]\.(type|metadata)/);
  });
});

const ROUTER = 'http:\n  routers:\n    r:\n      rule: "PathPrefix(`/`)"\n      service: s\n      priority: 99999\n';
const mounted = (volume: object, mount: object, dir = '/config') => ({
  additionalArguments: [`--providers.file.directory=${dir}`],
  deployment: { additionalVolumes: [{ name: 'dyn', ...volume }] },
  additionalVolumeMounts: [{ name: 'dyn', mountPath: dir, ...mount }],
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dyn', namespace: 'kube-system' }, data: { 'dyn.yml': ROUTER } }],
});
const EVERY_HOST = /extraObjects\[0\]\.data\["dyn\.yml"\]: http\.routers\.r\.rule matches every host/;

describe('60b-10: a projected configMap source and subPath "" get the router checks', () => {
  test.each([
    ['a configMap volume (control)', mounted({ configMap: { name: 'dyn' } }, {})],
    ['a projected configMap source', mounted({ projected: { sources: [{ configMap: { name: 'dyn' } }] } }, {})],
    [
      'a projected source with items',
      mounted({ projected: { sources: [{ configMap: { name: 'dyn', items: [{ key: 'dyn.yml', path: 'r.yaml' }] } }] } }, {}),
    ],
    ['subPath ""', mounted({ configMap: { name: 'dyn' } }, { subPath: '' }, '/config/sub')],
  ])('%s: the router is judged (refused)', (_name, values) => {
    expect(judged(values).errors).toMatch(EVERY_HOST);
  });
  test('a projected volume with a Secret source beside it is still said to be untraced', () => {
    const values = mounted({ projected: { sources: [{ configMap: { name: 'dyn' } }, { secret: { name: 'other' } }] } }, {});
    expect(judged(values).warnings).toMatch(/cannot trace to a ConfigMap of extraObjects/);
  });
});

describe('review60-10: a .toml item names routers only by a key or table outside comments', () => {
  test.each([
    ['[http.routers.r]\nrule = "Host(`a`)"'],
    ['[ tcp . routers . r ]'],
    ['[http]\nrouters.r.rule = "x"'],
    ['[http]\n"routers".r.rule = "x"'],
    ['[http]\nrouters = { r = { rule = "x" } }'],
    ['x = "# not a comment"\n[http.routers.r]'],
    ['x = """\n# in a string\n"""\n[Http.Routers.r]'],
  ])('%j names routers', (text) => {
    expect(tomlNamesRouters(text)).toBe(true);
  });
  test.each([
    ['# used by the routers of app.yaml\n[tls.options.default]\nminVersion = "VersionTLS12"'],
    ['[http.middlewares.strip-routers.stripPrefix]\nprefixes = ["/a"]'],
    ['x = 1 # [http.routers.r]'],
  ])('%j does not', (text) => {
    expect(tomlNamesRouters(text)).toBe(false);
  });
  test('the mounted .toml with only a comment naming routers passes; one with a table is refused', () => {
    const toml = (text: string) => ({
      ...mounted({ configMap: { name: 'dyn' } }, {}),
      extraObjects: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dyn', namespace: 'kube-system' }, data: { 'tls.toml': text } },
      ],
    });
    expect(judged(toml('# for the routers of app.yaml\n[tls.options.default]\nminVersion = "VersionTLS12"\n')).errors).not.toMatch(
      /TOML naming routers/,
    );
    expect(judged(toml('[http.routers.r]\nrule = "PathPrefix(`/`)"\n')).errors).toMatch(/tls\.toml"\]: is TOML naming routers/);
  });
  // A hang fails by the timeout; the time itself is the bench's (speed targets live in npm run bench).
  test('100 kB of hostile text is judged', () => {
    for (const text of ['#'.repeat(1e5), '"'.repeat(1e5), ' routers'.repeat(12500), '."'.repeat(5e4), "'''x".repeat(25000)])
      expect(tomlNamesRouters(text)).toBe(false);
  }, 60_000);
});
