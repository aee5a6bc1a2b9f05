import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { devConfig, withChanges } from './helpers';
import { formatDiagnostic, parseConfigText } from '../src/config/load';

/**
 * Attack round 24b: 24b-13 (an HTTPRoute in extraObjects on the host and path of an `httpRoutes` entry passed, where two
 * `httpRoutes` entries are refused) and 24b-14 (an HTTPRoute on an Ingress' host: a warning by `httpRoutes`, an error
 * by extraObjects; now the warning by both, the documented way to move a host).
 */

// config/examples/gateway.yaml: Ingress shop.example.com; httpRoutes[0] blog.example.com (TLS, namespace blog),
// httpRoutes[1] status.example.com (plain, namespace monitoring); listeners http (8000) and https.blog.example.com (8443).
const EXAMPLE = parse(readFileSync('config/examples/gateway.yaml', 'utf8'));
const findingsOf = (config: unknown) => {
  const { errors, warnings } = parseConfigText('config/t.yaml', stringify(config));
  const lines = (found: typeof errors) => found.map((d) => formatDiagnostic({ ...d, line: undefined })).join('\n');
  return { errors: lines(errors), warnings: lines(warnings) };
};
const withExtra = (items: unknown[], patch: object = {}) =>
  withChanges(EXAMPLE, { traefik: { values: { extraObjects: items } }, ...patch });

type Route = { namespace?: string; parentRef?: object; hostnames?: string[]; rules?: unknown[]; name?: string };
const httpRoute = ({ name = 'hr', namespace = 'monitoring', parentRef = {}, hostnames, rules }: Route) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name, namespace },
  spec: {
    parentRefs: [{ name: 'traefik', namespace: 'kube-system', ...parentRef }],
    ...(hostnames ? { hostnames } : {}),
    rules: rules ?? [{ backendRefs: [{ name: 'other', port: 80 }] }],
  },
});
const prefix = (value: string, more: object = {}) => [{ matches: [{ path: { type: 'PathPrefix', value }, ...more }] }];
const sameRoute = (host: string, path: string, owner: string) =>
  `host "${host}" with path "${path}" is already routed by ${owner}; only one of the two would get the traffic: change the host or the path`;
const AT = 'config/t.yaml: traefik.values.extraObjects';

describe('24b-13: an extraObjects HTTPRoute on the host and path of another route of the Gateway', () => {
  const STATUS = 'status.example.com';
  it.each<[string, Route, string | undefined]>([
    [
      "the report's reproduction (no rules: PathPrefix /)",
      { hostnames: [STATUS] },
      `${AT}[0].spec.rules[0]: ${sameRoute(STATUS, '/', 'httpRoutes[1]')}`,
    ],
    [
      'an explicit PathPrefix /',
      { hostnames: [STATUS], rules: prefix('/') },
      `${AT}[0].spec.rules[0].matches[0]: ${sameRoute(STATUS, '/', 'httpRoutes[1]')}`,
    ],
    [
      'the TLS route, on its HTTPS listener',
      { namespace: 'blog', hostnames: ['blog.example.com'], parentRef: { sectionName: 'https.blog.example.com' } },
      `${AT}[0].spec.rules[0]: ${sameRoute('blog.example.com', '/', 'httpRoutes[0]')}`,
    ],
    ['control: a longer path', { hostnames: [STATUS], rules: prefix('/api') }, undefined],
    ['control: another host', { hostnames: ['other.example.com'] }, undefined],
    // 83a-18: a header match makes the route win the requests it matches (Gateway API precedence), so it is no control.
    [
      'a match narrowed by a header',
      { hostnames: [STATUS], rules: prefix('/', { headers: [{ name: 'x', value: 'y' }] }) },
      `${AT}[0].spec.rules[0].matches[0]: ${sameRoute(STATUS, '/', 'httpRoutes[1]').replace(
        '; only one of the two would get the traffic',
        ', and a method, header or query match does not step aside: Gateway API precedence gives the requests it matches to it, ' +
          'not to httpRoutes[1] (HTTPRouteRule matches), so only one of the two would get them',
      )}`,
    ],
    [
      'control: a listener that does not take the host',
      { hostnames: [STATUS], parentRef: { sectionName: 'https.blog.example.com' } },
      undefined,
    ],
    ['control: another Gateway', { hostnames: [STATUS], parentRef: { name: 'other' } }, undefined],
  ])('%s', (_, route, expected) => {
    const { errors } = findingsOf(withExtra([httpRoute(route)]));
    if (expected) expect(errors).toBe(expected);
    else expect(errors).toBe('');
  });

  it('two extraObjects HTTPRoutes on one host and path: the second is refused', () => {
    const route = (name: string, path: string) => httpRoute({ name, hostnames: ['new.example.com'], rules: prefix(path) });
    expect(findingsOf(withExtra([route('a', '/'), route('b', '/')])).errors).toBe(
      `${AT}[1].spec.rules[0].matches[0]: ${sameRoute('new.example.com', '/', 'traefik.values.extraObjects[0]')}`,
    );
    expect(findingsOf(withExtra([route('a', '/'), route('b', '/b')])).errors).toBe('');
  });

  it('control: the example alone passes', () => {
    expect(findingsOf(EXAMPLE).errors).toBe('');
  });
});

describe("24b-14: an HTTPRoute on an Ingress' host gets one verdict by either door", () => {
  const SHOP = 'shop.example.com';
  // Both routes match PathPrefix "/", which Traefik ranks below the Ingress (55a-2).
  const tail =
    'is also routed by ingresses[0]: fine while the host moves, but Traefik ranks a Gateway route of path "/" at 1 plus the length of its host';

  it('httpRoutes and extraObjects: no error, the same warning', () => {
    const firstClass = findingsOf(withChanges(EXAMPLE, { httpRoutes: [EXAMPLE.httpRoutes[0], { ...EXAMPLE.httpRoutes[1], host: SHOP }] }));
    const extra = findingsOf(withExtra([httpRoute({ namespace: 'blog', hostnames: [SHOP] })]));
    expect(firstClass.errors).toBe('');
    expect(extra.errors).toBe('');
    const message = (warnings: string, at: string) => warnings.split('\n').find((line) => line.startsWith(`config/t.yaml: ${at}: `));
    const [a, b] = [
      message(firstClass.warnings, 'httpRoutes[1].host'),
      message(extra.warnings, 'traefik.values.extraObjects[0].spec.hostnames[0]'),
    ];
    expect(a).toContain(`"${SHOP}" ${tail}`);
    expect(a?.replace(/^.*?: .*?: /, '')).toBe(b?.replace(/^.*?: .*?: /, ''));
  });

  it('control: another host gets no warning', () => {
    expect(findingsOf(withExtra([httpRoute({ namespace: 'blog', hostnames: ['new.example.com'] })])).warnings).not.toContain(
      'extraObjects',
    );
  });
});

describe("the chart's own Gateway (traefik.values.gateway): its HTTPRoutes meet the same rules", () => {
  const HOST = 'k3s.code-place-dev.site';
  const PROVIDER = { providers: { kubernetesGateway: { enabled: true } } };
  const onChart = (route: Route = {}) =>
    httpRoute({ namespace: 'kube-system', hostnames: [HOST], ...route, parentRef: { name: 'traefik-gateway', ...route.parentRef } });
  // A plain Ingress: its routers answer on every entrypoint, so the chart's HTTP listener meets it (a certResolver
  // Ingress' TLS routers meet HTTPS listeners only: attack26-redirects.test.ts).
  const chartFindings = (items: unknown[], values: object = {}) => {
    const config = withChanges(devConfig(), { traefik: { values: { ...PROVIDER, ...values, extraObjects: items } } });
    delete config.ingresses[0].tls;
    return findingsOf(config);
  };
  const warned = `${AT}[0].spec.hostnames[0]: "${HOST}" is also routed by ingresses[0]: fine while the host moves`;

  it.each<[string, Route, object, boolean]>([
    ["the chart's defaults: traefik-gateway in kube-system, listener web", {}, {}, true],
    [
      'a namespace the listener admits (namespacePolicy from All)',
      { namespace: 'apps' },
      { gateway: { listeners: { web: { namespacePolicy: { from: 'All' } } } } },
      true,
    ],
    [
      'namespacePolicy as a string (charts before v37.0.0)',
      { namespace: 'apps' },
      { gateway: { listeners: { web: { namespacePolicy: 'All' } } } },
      true,
    ],
    ['the sectionName of the listener', { parentRef: { sectionName: 'web' } }, {}, true],
    ["the Gateway's own name", { parentRef: { name: 'edge' } }, { gateway: { name: 'edge' } }, true],
    ['control: the chart Gateway off', {}, { gateway: { enabled: false } }, false],
    ['control: the provider off, so no chart Gateway', {}, { providers: { kubernetesGateway: { enabled: false } } }, false],
    ['control: a namespace the default policy (Same) does not admit', { namespace: 'apps' }, {}, false],
    ["control: the name of the tool's Gateway", { parentRef: { name: 'traefik' } }, {}, false],
    ['control: a listener for another host', {}, { gateway: { listeners: { web: { hostname: 'other.example.com' } } } }, false],
    [
      'control: web removed',
      {},
      { gateway: { listeners: { web: null, admin: { port: 9000, protocol: 'HTTP' } } }, ports: { admin: { port: 9000 } } },
      false,
    ],
  ])('%s', (_, route, values, warns) => {
    const { warnings } = chartFindings([onChart(route)], values);
    if (warns) expect(warnings).toContain(warned);
    else expect(warnings).not.toContain('extraObjects');
  });

  it('two HTTPRoutes on one host and path of the chart Gateway: the second is refused', () => {
    const route = (name: string, path: string) => onChart({ name, hostnames: ['new.example.com'], rules: prefix(path) });
    expect(chartFindings([route('a', '/'), route('b', '/')]).errors).toBe(
      `${AT}[1].spec.rules[0].matches[0]: ${sameRoute('new.example.com', '/', 'traefik.values.extraObjects[0]')}`,
    );
    expect(chartFindings([route('a', '/'), route('b', '/b')]).errors).toBe('');
  });
});
