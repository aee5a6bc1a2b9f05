import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster, TraefikHelmChartConfig, TraefikIngress } from '../src/index';
import { devConfig, refusalOf, withChanges } from './helpers';

/**
 * Round-52b findings 1, 2, 4, 7, 9, 11, 14, 15, 16a/b (src/ingress/route-fields.ts, rule-values.ts, traefik/go-regexp.ts,
 * ingress/ingress-twins.ts): the IngressRoute checks that need no Ingress, applied alike by the config, K3sVipCluster and
 * TraefikHelmChartConfig; rules Traefik cannot build; the v2 rule syntax on Traefik v3; traefik.containo.us on Traefik v3;
 * priorities no YAML reader carries exactly; entrypoint names; TraefikIngress twins across the charts of one App.
 */
const HOST = 'k3s.code-place-dev.site';
const ITEM = 'extraObjects[0]';
const ROUTE = `${ITEM}.spec.routes[0]`;
const route = (match: string, more: object = {}, spec: object = {}, apiVersion = 'traefik.io/v1alpha1', kind = 'IngressRoute') => ({
  apiVersion,
  kind,
  metadata: { name: 'ir', namespace: 'default' },
  spec: { entryPoints: ['websecure'], routes: [{ match, kind: 'Rule', services: [{ name: 'other', port: 80 }], ...more }], ...spec },
});
/** The items, one name each: two objects of one identity in a release are refused (63b-5). */
const items = (...list: object[]) => ({
  extraObjects: list.map((o, i) => {
    const metadata = (o as { metadata?: { name?: string } }).metadata;
    return i && metadata?.name === 'ir' ? { ...o, metadata: { ...metadata, name: `ir-${i}` } } : o;
  }),
});

/** Every door's verdict: errors (and the config's warnings) as `key.path: message` lines. `text` rewrites the YAML. */
function doors(values: object, chartVersion: string, text?: (yaml: string) => string) {
  const config = withChanges(devConfig(), { traefik: { chartVersion, values } });
  const yaml = text ? text(stringify(config)) : stringify(config);
  const parsed = parseConfigText('config/t.yaml', yaml);
  const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');
  return {
    config: parsed.errors.map(line).join('\n'),
    warnings: parsed.warnings.map(line).join('\n'),
    cluster: text ? undefined : refusalOf(() => new K3sVipCluster(new App(), 'c', config)),
    chart: text
      ? undefined
      : refusalOf(
          () =>
            new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', {
              chartVersion,
              loadBalancerIPs: ['192.168.0.41'],
              values: values as Record<string, unknown>,
            }),
        ),
  };
}

type Row = readonly [name: string, values: object, chart: string, key: string, message: RegExp];

/** Priority 777 in the YAML text replaced by a number JavaScript cannot hold exactly. */
const priorityText = (written: string) => (yaml: string) => yaml.replace('priority: 777', `priority: ${written}`);

const REFUSED: readonly Row[] = [
  // 52b-1: the construct applies the field checks the config applies.
  ['kind rule (lower case)', items(route(`Host(\`a.example.com\`)`, { kind: 'rule' })), '39.0.7', `${ROUTE}.kind`, /takes only Rule/],
  [
    'priority "5"',
    items(route(`Host(\`a.example.com\`)`, { priority: '5' })),
    '39.0.7',
    `${ROUTE}.priority`,
    /is "5" \(a string\).*integer/,
  ],
  ['priority true', items(route(`Host(\`a.example.com\`)`, { priority: true })), '39.0.7', `${ROUTE}.priority`, /is true \(a boolean\)/],
  ['priority 1.5', items(route(`Host(\`a.example.com\`)`, { priority: 1.5 })), '39.0.7', `${ROUTE}.priority`, /is 1\.5 \(a number\)/],
  // 52b-16a: a map or list is named as such, never "[object Object]" or "1".
  ['priority {}', items(route(`Host(\`a.example.com\`)`, { priority: {} })), '39.0.7', `${ROUTE}.priority`, /is a map;/],
  ['priority [1]', items(route(`Host(\`a.example.com\`)`, { priority: [1] })), '39.0.7', `${ROUTE}.priority`, /is a list;/],
  // 52b-9: beyond 2^53-1, never quoted as a rounded number.
  [
    'priority 2^53+1',
    items(route(`Host(\`a.example.com\`)`, { priority: Number.MAX_SAFE_INTEGER + 2 })),
    '39.0.7',
    `${ROUTE}.priority`,
    /^(?!.*9007199254740993).*beyond 9007199254740991.*write a smaller whole number/,
  ],
  // 52b-2: v3-only matchers on a Traefik v2 chart, at every door.
  [
    'PathRegexp on chart 27',
    items(route(`Host(\`a.b\`) && PathRegexp(\`x\`)`)),
    '27.0.2',
    `${ROUTE}.match`,
    /PathRegexp, which Traefik v2/,
  ],
  ['Header on chart 27', items(route(`Host(\`a.b\`) && Header(\`X\`, \`y\`)`)), '27.0.2', `${ROUTE}.match`, /Header, which Traefik v2/],
  // 52b-11: Traefik v3 reads `syntax: v2` (or the v2 default) with its v2 parser, which has none of them.
  [
    'syntax v2 PathRegexp on v3',
    items(route(`Host(\`a.example.com\`) && PathRegexp(\`x\`)`, { syntax: 'v2' })),
    '39.0.7',
    `${ROUTE}.match`,
    /PathRegexp, which Traefik v2's rule syntax does not have, and Traefik v3 reads this rule in that syntax \(its syntax: v2\)/,
  ],
  [
    'defaultRuleSyntax=v2 flag, HeaderRegexp',
    { additionalArguments: ['--core.defaultRuleSyntax=v2'], ...items(route(`Host(\`a.example.com\`) && HeaderRegexp(\`X\`, \`y\`)`)) },
    '39.0.7',
    `${ROUTE}.match`,
    /HeaderRegexp, which Traefik v2.*core\.defaultRuleSyntax v2/,
  ],
  [
    'core.defaultRuleSyntax v2 key, QueryRegexp',
    { core: { defaultRuleSyntax: 'v2' }, ...items(route(`Host(\`a.example.com\`) && QueryRegexp(\`a\`, \`b\`)`)) },
    '39.0.7',
    `${ROUTE}.match`,
    /QueryRegexp, which Traefik v2/,
  ],
  [
    'syntax v2 Header on v3',
    items(route(`Host(\`a.example.com\`) && Header(\`X\`, \`y\`)`, { syntax: 'v2' })),
    '39.0.7',
    `${ROUTE}.match`,
    /Header, which/,
  ],
  // 52b-4: traefik.containo.us where Traefik v3's CRDs (or Traefik v3) are deployed.
  [
    'containo.us IngressRoute on chart 39',
    items(route(`Host(\`a.example.com\`)`, {}, {}, 'traefik.containo.us/v1alpha1')),
    '39.0.7',
    `${ITEM}.apiVersion`,
    /Traefik v2's API group, but chart 39\.0\.7 installs Traefik v3's CRDs.*write traefik\.io\/v1alpha1/,
  ],
  [
    'containo.us Middleware on chart 39',
    items({ apiVersion: 'traefik.containo.us/v1alpha1', kind: 'Middleware', metadata: { name: 'm', namespace: 'default' }, spec: {} }),
    '39.0.7',
    `${ITEM}.apiVersion`,
    /write traefik\.io\/v1alpha1/,
  ],
  [
    'containo.us with image v3 on chart 27',
    { image: { tag: 'v3.6.2' }, ...items(route(`Host(\`a.example.com\`)`, {}, {}, 'traefik.containo.us/v1alpha1')) },
    '27.0.2',
    `${ITEM}.apiVersion`,
    /Traefik v3 watches only traefik\.io/,
  ],
  [
    'Traefik.containo.us spelling names both groups',
    items(route(`Host(\`a.example.com\`)`, {}, {}, 'Traefik.containo.us/v1alpha1')),
    '39.0.7',
    `${ITEM}.apiVersion`,
    /Traefik v2's CRDs \(charts before v28\.0\.0\) define the API group traefik\.containo\.us, and Traefik v3's only traefik\.io/,
  ],
  [
    "containo.us on K3s' chart form 39.0.701+up39.0.7",
    items(route(`Host(\`a.example.com\`)`, {}, { entryPoints: ['web'] }, 'traefik.containo.us/v1alpha1')),
    '39.0.701+up39.0.7',
    `${ITEM}.apiVersion`,
    /installs Traefik v3's CRDs/,
  ],
  // 52b-7: rules Traefik cannot build, on the Ingress' host and elsewhere.
  ['unclosed (', items(route(`Host(\`${HOST}\``)), '39.0.7', `${ROUTE}.match`, /no rule Traefik's parser reads \(a \( is not closed\)/],
  ['&& &&', items(route(`Host(\`a.example.com\`) && && Path(\`/\`)`)), '39.0.7', `${ROUTE}.match`, /&& is followed by &&/],
  ['single quotes', items(route(`PathPrefix('/ping')`)), '39.0.7', `${ROUTE}.match`, /never single quotes/],
  [
    'HostRegexp `(`',
    items(route('HostRegexp(`(`)')),
    '39.0.7',
    `${ROUTE}.match`,
    /HostRegexp a regexp Go cannot compile: a \( has no closing \)/,
  ],
  ['backreference', items(route(`Host(\`a.b\`) && PathRegexp(\`^/(a)\\1$\`)`)), '39.0.7', `${ROUTE}.match`, /backreference \\1/],
  ['\\k escape', items(route(`Host(\`a.b\`) && PathRegexp(\`(?P<x>a)\\k<x>\`)`)), '39.0.7', `${ROUTE}.match`, /escape \\k/],
  ['lookahead', items(route(`Host(\`a.b\`) && PathRegexp(\`^/(?!admin)\`)`)), '39.0.7', `${ROUTE}.match`, /lookaround/],
  ['HeaderRegexp value', items(route(`Host(\`a.b\`) && HeaderRegexp(\`X-A\`, \`[a-\`)`)), '39.0.7', `${ROUTE}.match`, /no closing \]/],
  ['nested repetition', items(route(`Host(\`a.b\`) && PathRegexp(\`^/a**\`)`)), '39.0.7', `${ROUTE}.match`, /repeats a repetition/],
  [
    'Path without /',
    items(route(`Host(\`a.b\`) && Path(\`nosl\`)`)),
    '39.0.7',
    `${ROUTE}.match`,
    /Path "nosl", which does not start with \//,
  ],
  ['ClientIP 300.1.1.1', items(route(`Host(\`a.b\`) && ClientIP(\`300.1.1.1\`)`)), '39.0.7', `${ROUTE}.match`, /no IP address or CIDR/],
  ['ClientIP /33', items(route(`Host(\`a.b\`) && ClientIP(\`10.0.0.0/33\`)`)), '39.0.7', `${ROUTE}.match`, /no IP address or CIDR/],
  [
    'TCP ClientIP',
    items(route('ClientIP(`1.2.3`)', {}, { entryPoints: ['web'] }, 'traefik.io/v1alpha1', 'IngressRouteTCP')),
    '39.0.7',
    `${ROUTE}.match`,
    /no IP address or CIDR/,
  ],
  [
    "the chart's dashboard matchRule",
    { ingressRoute: { dashboard: { enabled: true, matchRule: 'Host(`d.example.com`) ||' } } },
    '39.0.7',
    'ingressRoute.dashboard.matchRule',
    /no rule Traefik's parser reads/,
  ],
  // 52b-10 (in part): the CRD's required and typed fields.
  [
    'a route with no match',
    items({ ...route('x'), spec: { entryPoints: ['websecure'], routes: [{ kind: 'Rule', services: [{ name: 's', port: 80 }] }] } }),
    '39.0.7',
    `${ROUTE}.match`,
    /is missing, where Traefik's IngressRoute CRD requires a rule/,
  ],
  [
    'spec: {} (no routes)',
    items({ ...route('x'), spec: {} }),
    '39.0.7',
    `${ITEM}.spec.routes`,
    /is missing, where .* requires a list of routes/,
  ],
  [
    'entryPoints as a text',
    items({ ...route(`Host(\`a.example.com\`)`), spec: { ...route(`Host(\`a.example.com\`)`).spec, entryPoints: 'websecure' } }),
    '39.0.7',
    `${ITEM}.spec.entryPoints`,
    /is no list of entrypoint names.*write entryPoints: \[websecure\]/,
  ],
  // 52b-15: an entrypoint name in another letter case.
  [
    'entryPoints [WebSecure]',
    items(route(`Host(\`a.example.com\`)`, {}, { entryPoints: ['WebSecure'] })),
    '39.0.7',
    `${ITEM}.spec.entryPoints[0]`,
    /write websecure/,
  ],
];

describe('52b: IngressRoute checks refused at every door', () => {
  test.each(REFUSED)('%s', (_, values, chart, key, message) => {
    const said = doors(values, chart);
    expect(said.config.split('\n').filter((l) => l.startsWith(`traefik.values.${key}: `))).toEqual([expect.stringMatching(message)]);
    expect(said.cluster).toContain(`traefik.values.${key}: `);
    expect(said.chart).toContain(`values.${key} `);
    expect(said.chart).toMatch(message);
  });
});

describe('52b-9: a priority beyond what YAML carries, written in the config file', () => {
  test.each([
    ['99999999999999999999', /^(?!.*(1e\+20|100000000000000000000)).*beyond 9007199254740991/],
    ['9223372036854775807', /^(?!.*9223372036854776000).*beyond 9007199254740991/],
    ['9007199254740993', /^(?!.*9007199254740992).*beyond 9007199254740991/],
  ])('%s', (written, message) => {
    const { config } = doors(items(route(`Host(\`a.example.com\`)`, { priority: 777 })), '39.0.7', priorityText(written));
    expect(config.split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^traefik\\.values\\.${ROUTE.replace(/[[\].]/g, '\\$&')}\\.priority: `)),
    ]);
    expect(config).toMatch(message);
  });
});

const ACCEPTED: ReadonlyArray<readonly [string, object, string]> = [
  [
    'priority 5, -1 and 2^53-1',
    items(
      route(`Host(\`a.example.com\`)`, { priority: 5 }),
      route(`Host(\`b.example.com\`)`, { priority: -1 }),
      route(`Host(\`c.example.com\`)`, { priority: Number.MAX_SAFE_INTEGER }),
    ),
    '39.0.7',
  ],
  [
    'syntax v2 with v2 matchers on v3',
    items(route(`Host(\`a.example.com\`) && Headers(\`X\`, \`y\`) && PathPrefix(\`/a\`)`, { syntax: 'v2' })),
    '39.0.7',
  ],
  ['syntax v3 with PathRegexp on chart 27', items(route(`Host(\`a.b\`) && PathRegexp(\`^/x\`)`, { syntax: 'v3' })), '27.0.2'],
  ['containo.us on chart 27', items(route(`Host(\`a.example.com\`)`, {}, {}, 'traefik.containo.us/v1alpha1')), '27.0.2'],
  [
    'Go regexps JavaScript does not read',
    items(
      route(`Host(\`a.b\`) && PathRegexp(\`^/api/(?P<v>[a-z]+)/\\d{2,5}$\`)`),
      route(`HostRegexp(\`(?i)^[[:alpha:]]+\\.example\\.com$\`)`),
      route(`Host(\`c.b\`) && PathRegexp(\`\\Q/a.b(\\E\`) && HeaderRegexp(\`X\`, \`(?i:abc)+?\`)`),
      route(`Host(\`d.b\`) && PathRegexp(\`^/\\x41\\pL\\z\`) && QueryRegexp(\`q\`, \`^a{2}$\`)`),
    ),
    '39.0.7',
  ],
  [
    'ClientIP forms',
    items(route(`Host(\`a.b\`) && (ClientIP(\`10.0.0.0/8\`) || ClientIP(\`::1\`) || ClientIP(\`192.168.0.7\`))`)),
    '39.0.7',
  ],
  ['v2 templates on chart 27', items(route('HostRegexp(`{sub:[a-z]+}.example.com`) && Path(`/{id:[0-9]+}`)')), '27.0.2'],
  [
    'an entrypoint of ports',
    { ports: { admin: { port: 9000 } }, ...items(route(`Host(\`a.example.com\`)`, {}, { entryPoints: ['admin'] })) },
    '39.0.7',
  ],
];

describe('52b: the neighbours stay accepted at every door', () => {
  test.each(ACCEPTED)('%s', (_, values, chart) => {
    const said = doors(values, chart);
    expect(said.config).toBe('');
    expect(said.cluster).toBe('');
    expect(said.chart).toBe('');
  });
});

describe('52b-15: an entrypoint no reader knows is a warning', () => {
  test('entryPoints [nosuch]', () => {
    const said = doors(items(route(`Host(\`a.example.com\`)`, {}, { entryPoints: ['nosuch'] })), '39.0.7');
    expect(said.config).toBe('');
    expect(said.warnings).toMatch(
      /traefik\.values\.extraObjects\[0\]\.spec\.entryPoints\[0\]: is "nosuch", which names no entrypoint .*use one of .*websecure/,
    );
  });
});

describe('52b-7: a rule past what this tool reads is a warning that says so', () => {
  test('Host nested 600 parentheses deep', () => {
    const deep = `${'('.repeat(600)}Host(\`${HOST}\`)${')'.repeat(600)}`;
    const said = doors(items(route(deep)), '39.0.7');
    expect(said.config).toBe('');
    const line = said.warnings.split('\n').find((l) => l.startsWith(`traefik.values.${ROUTE}.match: `)) ?? '';
    expect(line).toMatch(/is a rule past what this tool reads/);
    expect(line).not.toMatch(/has an alternative whose hosts this tool cannot bound/);
  });
});

describe('52b-14, 52b-16b: TraefikIngress twins across the charts of one App', () => {
  const cluster = (app: App, id: string) =>
    new K3sVipCluster(app, id, {
      kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
      traefik: { loadBalancerIPs: ['192.168.0.41'] },
      ingresses: [{ name: 'fi', host: 'k3s.example.com', service: 'frontend', port: 80 }],
    });
  test('refused: the same host and path in another chart', () => {
    const app = new App();
    cluster(app, 'dev');
    const said = refusalOf(
      () => new TraefikIngress(new Chart(app, 'extra'), 'x', { name: 'other', host: 'k3s.example.com', service: 's2', port: 80 }),
    );
    expect(said).toMatch(
      /path "\/" on host "k3s\.example\.com" is already routed by the TraefikIngress at dev\/ingresses\/\S+ in another chart of the App/,
    );
    expect(said).not.toMatch(/path host/);
  });
  test('refused: the same name in another chart', () => {
    const app = new App();
    new TraefikIngress(new Chart(app, 'a'), 'x', { name: 'web', host: 'a.example.com', service: 's', port: 80 });
    const said = refusalOf(
      () => new TraefikIngress(new Chart(app, 'b'), 'y', { name: 'web', host: 'b.example.com', service: 's', port: 80 }),
    );
    expect(said).toMatch(/"web" in namespace "default" is already used by the TraefikIngress at a\/x in another chart of the App/);
  });
  test('control: other paths and hosts in other charts', () => {
    const app = new App();
    cluster(app, 'dev');
    expect(
      refusalOf(
        () =>
          new TraefikIngress(new Chart(app, 'extra'), 'x', {
            name: 'other',
            host: 'k3s.example.com',
            path: '/api',
            service: 's2',
            port: 80,
          }),
      ),
    ).toBe('');
  });
});

describe('52b-7: hostile regexps are judged in linear time', () => {
  test.each([
    ['POSIX class openers', `[${'[:'.repeat(4000)}`],
    ['group openers', '(?'.repeat(4000)],
    ['quoted runs', '\\Q'.repeat(4000)],
    ['counted repeats', 'a{1000,'.repeat(1100)],
  ])(
    '%s',
    (_, regexp) => {
      // A hang fails by the timeout; the time itself is the bench's (speed targets live in npm run bench).
      const said = doors(items(route(`Host(\`a.b\`) && PathRegexp(\`${regexp}\`)`)), '39.0.7');
      expect(said.config).not.toContain(regexp.slice(0, 40));
    },
    60_000,
  );
});
