import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { parseConfigText } from '../src/config/load';
import { KubeVipChart, TraefikHelmChartConfig } from '../src/index';
import { devConfig, refusalOf, withChanges } from './helpers';
import { ruleDoors as doors } from './rule-doors';

/**
 * Round-56b findings 3, 4, 5, 6, 12 and 13 (src/traefik/mux-templates.ts, src/ingress/rule-values.ts, rule-hosts.ts,
 * file-routes.ts, route-fields.ts; the construct messages): a v2 {name:regexp} pattern with a capture group (gorilla/mux
 * panics), a TCP ALPN `acme-tls/1`, a HostSNI `_` on a Traefik older than v2.11.22/v3.3.5, and any of these in
 * `providers.file.content` are refused at the config, K3sVipCluster and TraefikHelmChartConfig; their neighbours pass.
 */
const route = (match: string, more: object = {}, kind = 'IngressRoute') => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind,
  metadata: { name: 'ir', namespace: 'default' },
  spec: {
    entryPoints: ['websecure'],
    routes: [{ match, ...(kind === 'IngressRoute' && { kind: 'Rule' }), services: [{ name: 'other', port: 80 }], ...more }],
  },
});
const v2 = (match: string) => route(match, { syntax: 'v2' });
const tcp = (match: string, more: object = {}) => route(match, more, 'IngressRouteTCP');
/** A HostSNI naming a host needs tls on the route (68b-15). */
const withTls = (object: ReturnType<typeof route>) => ({ ...object, spec: { ...object.spec, tls: { passthrough: true } } });
const items = (...list: object[]) => ({ extraObjects: list });
const file = (content: unknown, enabled = true) => ({ providers: { file: { enabled, content } } });
const ROUTE = 'values.extraObjects[0].spec.routes[0].match';
const CONTENT = 'values.providers.file.content';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CAPTURE = /capture group.*gorilla\/mux.*\(\?:pattern\)/;
type Row = readonly [name: string, values: object, chart: string, key: string, message: RegExp];
const REFUSED: readonly Row[] = [
  ['56b-3 HostRegexp {sub:(a|b)}, syntax v2', items(v2('HostRegexp(`{sub:(a|b)}.example.com`)')), '39.0.7', ROUTE, CAPTURE],
  ['56b-3 PathPrefix (?P<x>b)', items(v2('PathPrefix(`/{a:(?P<x>b)}`)')), '39.0.7', ROUTE, CAPTURE],
  ['56b-3 Path (?<x>b)', items(v2('Path(`/{a:(?<x>b)}`)')), '39.0.7', ROUTE, CAPTURE],
  ['56b-3 nested after a class', items(v2('Path(`/{a:[()]((b))}`)')), '39.0.7', ROUTE, CAPTURE],
  ['56b-3 Traefik v2 chart, no syntax', items(route('HostRegexp(`{sub:(a|b)}.example.com`)')), '27.0.2', ROUTE, CAPTURE],
  [
    '56b-12 no name',
    items(v2('HostRegexp(`{:a}.example.com`)')),
    '39.0.7',
    ROUTE,
    /gives HostRegexp a template with a \{\} part that has no name/,
  ],
  [
    '56b-12 unbalanced',
    items(v2('HostRegexp(`{a:b.example.com`)')),
    '39.0.7',
    ROUTE,
    /gives HostRegexp a template whose \{name:regexp\} braces are unbalanced/,
  ],
  [
    '56b-4 ALPN acme-tls/1',
    items(tcp('HostSNI(`a.example.com`) && ALPN(`acme-tls/1`)')),
    '39.0.7',
    ROUTE,
    /ALPN `acme-tls\/1`.*TLS-ALPN-01.*not allowed/,
  ],
  ['56b-4 alpn lower case', items(tcp('HostSNI(`a.example.com`) && alpn(`acme-tls/1`)')), '39.0.7', ROUTE, /ALPN `acme-tls\/1`/],
  ['56b-4 ALPN v2, second value', items(tcp('ALPN(`h2`, `acme-tls/1`)', { syntax: 'v2' })), '39.0.7', ROUTE, /acme-tls\/1/],
  ['56b-4 ALPN on Traefik v2', items(tcp('HostSNI(`a.example.com`) && ALPN(`acme-tls/1`)')), '27.0.2', ROUTE, /acme-tls\/1/],
  [
    '56b-5 HostSNI _ on v3.1.0',
    { image: { tag: 'v3.1.0' }, ...items(tcp('HostSNI(`a_b.example.com`)')) },
    '39.0.7',
    ROUTE,
    /HostSNI "a_b\.example\.com".*Traefik v3\.1\.0 takes letters, digits, '\.', '-' and ':', or \* alone.*without '_'.*v3\.3\.5/,
  ],
  [
    '56b-5 HostSNI _ on v2.11.0',
    { image: { tag: 'v2.11.0' }, ...items(tcp('HostSNI(`a_b.example.com`)')) },
    '27.0.2',
    ROUTE,
    /a_b.*v2\.11\.22/,
  ],
  [
    '56b-6 file HostRegexp a{1001}',
    file('http:\n  routers:\n    r:\n      rule: "HostRegexp(`a{1001}`)"\n      service: s\n'),
    '39.0.7',
    CONTENT,
    /http\.routers\.r\.rule gives HostRegexp a regexp Go cannot compile.*1001/,
  ],
  [
    '56b-6 file non-ASCII Host',
    file('http:\n  routers:\n    p:\n      rule: "Host(`bücher.example`)"\n      service: s\n'),
    '39.0.7',
    CONTENT,
    /http\.routers\.p\.rule .*xn--bcher-kva\.example/,
  ],
  [
    '56b-6 file TCP ALPN',
    file({ tcp: { routers: { t: { rule: 'ALPN(`acme-tls/1`)', service: 's' } } } }),
    '39.0.7',
    CONTENT,
    /tcp\.routers\.t\.rule gives ALPN/,
  ],
  [
    '56b-6 file ruleSyntax v2 capture',
    file({ http: { routers: { r: { rule: 'Path(`/{a:(b)}`)', ruleSyntax: 'v2', service: 's' } } } }),
    '39.0.7',
    CONTENT,
    CAPTURE,
  ],
  [
    '56b-6 file v3 unknown matcher',
    file({ http: { routers: { r: { rule: 'HostHeader(`a.example.com`)', service: 's' } } } }),
    '39.0.7',
    CONTENT,
    /http\.routers\.r\.rule uses matcher HostHeader/,
  ],
  [
    '56b-6 file priority 1.5',
    file({ http: { routers: { r: { rule: 'Host(`a.example.com`)', priority: 1.5, service: 's' } } } }),
    '39.0.7',
    CONTENT,
    /http\.routers\.r\.priority is "1\.5", not a whole number/,
  ],
  [
    '56b-6 file two routers, both named',
    file({ http: { routers: { a: { rule: 'Path(`x`)' }, b: { rule: 'ClientIP(`10.0.0.0/33`)' } } } }),
    '39.0.7',
    CONTENT,
    // Each router's problem on a line of its own (59b-7).
    /http\.routers\.(a\.rule |b\.rule gives ClientIP)/,
  ],
];

describe('56b: refused at the config, K3sVipCluster and TraefikHelmChartConfig', () => {
  test.each(REFUSED)('%s', (_, values, chart, key, message) => {
    const said = doors(values, chart);
    // A map `content` also gets the chart schema's verdict, said beside the router's problem since 59b-7.
    const lines = said.errors.filter((l) => l.startsWith(`traefik.${key}: `) && !/the values schema of Traefik chart/.test(l));
    expect(lines).toEqual(
      lines.length === 2 ? [expect.stringMatching(message), expect.stringMatching(message)] : [expect.stringMatching(message)],
    );
    expect(said.cluster).toMatch(new RegExp(`traefik\\.${escaped(key)}:? `));
    expect(said.cluster).toMatch(message);
    expect(said.chart).toMatch(new RegExp(`${escaped(key)}:? `));
    expect(said.chart).toMatch(message);
  });
});

const ACCEPTED: ReadonlyArray<readonly [string, object, string]> = [
  ['non-capturing (?:a|b)', items(v2('HostRegexp(`{sub:(?:a|b)}.example.com`)')), '39.0.7'],
  [
    'parens in a class, escaped, quoted, flags',
    items(v2('Path(`/{a:[(]x}/{b:\\(y\\)}/{c:\\Q(z)\\E}/{d:(?i)w}/{e:[[:alpha:]]+}`)')),
    '39.0.7',
  ],
  [
    'TCP HostSNIRegexp v2 template with a group (preparePattern has no such check)',
    items(tcp('HostSNIRegexp(`{sub:(a|b)}.example.com`)', { syntax: 'v2' })),
    '39.0.7',
  ],
  ['ALPN h2', items(withTls(tcp('HostSNI(`a.example.com`) && ALPN(`h2`)'))), '39.0.7'],
  ['HostSNI _ on the chart default (v3 of unknown minor)', items(withTls(tcp('HostSNI(`a_b.example.com`)'))), '39.0.7'],
  ['HostSNI _ on v3.3.5', { image: { tag: 'v3.3.5' }, ...items(withTls(tcp('HostSNI(`a_b.example.com`)'))) }, '39.0.7'],
  ['HostSNI _ on v2.11.22', { image: { tag: 'v2.11.22' }, ...items(withTls(tcp('HostSNI(`a_b.example.com`)'))) }, '27.0.2'],
  [
    'file routers that Traefik builds',
    file(
      'http:\n  routers:\n    r:\n      rule: "Host(`a.example.com`) && PathPrefix(`/x`)"\n      priority: 10\n      service: s\ntcp:\n  routers:\n    t:\n      rule: "HostSNI(`*`)"\n      entryPoints: [traefik]\n      service: s\n',
    ),
    '39.0.7',
  ],
  [
    'file provider off: the text is never written',
    file('http:\n  routers:\n    r:\n      rule: "HostRegexp(`a{1001}`)"\n', false),
    '39.0.7',
  ],
];

describe('56b: the neighbours stay accepted at every door', () => {
  test.each(ACCEPTED)('%s', (_, values, chart) => {
    const said = doors(values, chart);
    expect(said.errors.filter((l) => /extraObjects|providers/.test(l))).toEqual([]);
    expect(said.cluster).not.toMatch(/extraObjects|providers\.file/);
    expect(said.chart).not.toMatch(/extraObjects|providers\.file/);
  });

  test("56b-5: a HostSNI refused for another character no longer says '_' is always taken", () => {
    const said = doors(items(tcp('HostSNI(`a*b.example.com`)')));
    expect(said.errors).toEqual([
      expect.stringMatching(/letters, digits, '\.', '-' and ':', and '_' from v2\.11\.22 and v3\.3\.5, or \* alone/),
    ]);
  });

  test('56b-6 (57b-15): a text that is no YAML is refused, as Traefik loads none of its routers', () => {
    const said = doors(file('http: [routers: {'));
    expect(said.errors).toContainEqual(
      expect.stringMatching(/^traefik\.values\.providers\.file\.content: is no clean YAML .*serves none of its routers/),
    );
  });
});

describe('56b-13: construct messages name what the user wrote', () => {
  const chart = (values: Record<string, unknown>, more: object = {}) =>
    refusalOf(() => new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', { values, ...more }));
  test('a VIP twice in the annotation names its items, not its own key', () => {
    const said = chart({ service: { annotations: { 'kube-vip.io/loadbalancerIPs': '10.0.0.5,10.0.0.5' } } });
    expect(said).toMatch(/"10\.0\.0\.5" is listed twice \(items 1 and 2 of its comma-separated list\)/);
    expect(said).not.toMatch(/first at/);
  });
  test('a second VIP source names the prop loadBalancerIPs', () => {
    const said = chart({ service: { spec: { loadBalancerIP: '10.0.0.6' } } }, { loadBalancerIPs: ['10.0.0.5'] });
    expect(said).toMatch(
      /values\.service\.spec\.loadBalancerIP is a second VIP source next to loadBalancerIPs.*list the VIPs in loadBalancerIPs/,
    );
    expect(said).not.toContain('traefik.loadBalancerIPs');
  });
  test('KubeVipChart: one label, the peer as written, a fractional AS number in words', () => {
    const said = refusalOf(
      () =>
        new KubeVipChart(new App(), 'kv', {
          version: 'v1.2.3',
          interface: 'eth0',
          controlPlaneAddress: '10.0.0.1',
          bgp: {
            as: 65000,
            peers: [
              { address: 'fd00::1', as: 1.5 },
              { address: 'FD00:0::1', as: 65001 },
            ],
          },
        }),
    );
    expect(said).not.toContain('KubeVipDaemonSet');
    expect(said).toMatch(/KubeVipChart: bgp\.peers\[0\]\.as is 1\.5: expected a whole number \(an AS number\)/);
    expect(said).toMatch(
      /KubeVipChart: bgp\.peers\[1\]\.address "FD00:0::1" is listed twice \(first at bgp\.peers\[0\]\.address, as "fd00::1"\)/,
    );
  });
  test('the config door says the AS number in words too', () => {
    const config = withChanges(devConfig(), { kubeVip: { bgp: { as: 1.5, peers: [{ address: '192.168.0.1', as: 65001 }] } } });
    const parsed = parseConfigText('config/t.yaml', stringify(config));
    expect(parsed.errors.map((d) => d.message)).toContainEqual(
      expect.stringMatching(/^is 1\.5: expected a whole number \(Local AS number/),
    );
  });
});
