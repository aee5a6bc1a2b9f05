import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { configErrors, devConfig, withTraefikValues } from './helpers';
import { formatDiagnostic, parseConfigText } from '../src/config/load';

/**
 * Attack round 23b: 23b-4 (an IngressRoute `Host()` with a trailing dot, which Traefik matches as the same name,
 * escaped the rule refusing an IngressRoute on an Ingress' host and path) and 23b-7 (an HTTPRoute in extraObjects
 * attached to the tool's Gateway took an Ingress' host without a word; since round 25 a warning, as on an
 * `httpRoutes` entry: 24b-14).
 */

const extra = (...items: unknown[]) => ({ extraObjects: items });
const errorsOf = (values: unknown, traefik: object = {}, base = devConfig()) =>
  configErrors(withTraefikValues(values, traefik, base)).join('\n');
const HOST = 'k3s.code-place-dev.site';
const sameRoute = (host: string, path = '/', owner = 'ingresses[0]') => `host "${host}" with path "${path}" is already routed by ${owner}`;

describe('23b-4: a trailing dot on an IngressRoute Host() is the same host', () => {
  const ingressRoute = (match: string) => ({
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRoute',
    metadata: { name: 'r', namespace: 'other' },
    spec: { entryPoints: ['websecure'], routes: [{ match, kind: 'Rule', services: [{ name: 'evil', port: 80 }] }] },
  });
  const at = 'traefik.values.extraObjects[0].spec.routes[0].match';
  it.each([
    ['one trailing dot', `Host(\`${HOST}.\`)`, sameRoute(`${HOST}.`)],
    ['upper case and a trailing dot', `Host("K3S.code-place-dev.site.") && PathPrefix(\`/\`)`, sameRoute('K3S.code-place-dev.site.')],
    ['control: without the dot', `Host(\`${HOST}\`)`, sameRoute(HOST)],
    ['control: two trailing dots (Traefik drops one)', `Host(\`${HOST}..\`)`, undefined],
    ['control: another host with a trailing dot', 'Host(`other.example.com.`)', undefined],
  ])('extraObjects, %s', (_, match, expected) => {
    const errors = errorsOf(extra(ingressRoute(match)));
    if (expected) expect(errors).toContain(`${at}: ${expected}`);
    else expect(errors).toBe('');
  });

  it.each([
    ['a trailing dot', `Host(\`${HOST}.\`)`, sameRoute(`${HOST}.`)],
    ['control: another host', 'Host(`dash.example.com.`)', undefined],
  ])("the chart's ingressRoute.<name>, %s", (_, matchRule, expected) => {
    const errors = errorsOf({ ingressRoute: { dashboard: { enabled: true, matchRule, entryPoints: ['websecure'] } } });
    if (expected) expect(errors).toContain(`traefik.values.ingressRoute.dashboard.matchRule: ${expected}`);
    else expect(errors).toBe('');
  });
});

describe("23b-7: an extraObjects HTTPRoute on the tool's Gateway and an Ingress' host", () => {
  type Route = { namespace?: string; parentRef?: object; hostnames?: string[]; rules?: unknown[] };
  const httpRoute = ({
    namespace = 'kube-system',
    parentRef = { name: 'traefik', namespace: 'kube-system' },
    hostnames,
    rules,
  }: Route) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'steal', ...(namespace === '' ? {} : { namespace }) },
    spec: {
      parentRefs: [parentRef],
      ...(hostnames ? { hostnames } : {}),
      rules: rules ?? [{ backendRefs: [{ name: 'evil', port: 80 }] }],
    },
  });
  // The warning httpRoutes[].host gets for an Ingress' host (24b-14): the same for either door.
  // A plain Ingress: a certResolver one has TLS routers, which an HTTP listener never meets (attack26-redirects.test.ts).
  const plain = () => {
    const config = devConfig();
    delete config.ingresses[0].tls;
    return config;
  };
  const findingsOf = (values: unknown, traefik: object = {}, base = plain()) => {
    const { errors, warnings } = parseConfigText('config/t.yaml', stringify(withTraefikValues(values, traefik, base)));
    const lines = (found: typeof errors) => found.map((d) => formatDiagnostic({ ...d, line: undefined })).join('\n');
    return { errors: lines(errors), warnings: lines(warnings) };
  };
  const prefix = (value: string, more: object = {}) => [{ matches: [{ path: { type: 'PathPrefix', value }, ...more }] }];
  const at = 'traefik.values.extraObjects[0].spec.hostnames';
  // These routes match PathPrefix "/" only, which Traefik ranks below the Ingress (55a-2, gateway/model.ts).
  const also = (owner = 'ingresses[0]') =>
    `is also routed by ${owner}: fine while the host moves, but Traefik ranks a Gateway route of path "/" at 1 plus the length of its host`;
  const warned = `${at}[0]: "${HOST}" ${also()}`;
  // A longer prefix, a header or an Exact match ranks the Gateway route above the Ingress (gateway/model.ts).
  const outranks = `${at}[0]: "${HOST}" is also routed by ingresses[0]: fine while the host moves, but Traefik ranks Gateway routes above`;
  const everyHost = (host: string) => `${at}: are none, so the route takes every host of its listeners, "${host}" too, which ${also()}`;

  it.each([
    ["the report's reproduction (kube-system, hostname given)", { hostnames: [HOST] }, warned],
    ["no namespace on the parentRef: the route's own, kube-system", { hostnames: [HOST], parentRef: { name: 'traefik' } }, warned],
    [
      'no namespace on the route: the release namespace, kube-system',
      { namespace: '', hostnames: [HOST], parentRef: { name: 'traefik' } },
      warned,
    ],
    ['no hostnames: every host', {}, everyHost(HOST)],
    [
      'a wildcard hostname over the host',
      { hostnames: ['*.code-place-dev.site'] },
      `${at}[0]: "*.code-place-dev.site" takes "${HOST}", which ${also()}`,
    ],
    [
      'sectionName of the HTTP listener',
      { hostnames: [HOST], parentRef: { name: 'traefik', namespace: 'kube-system', sectionName: 'http' } },
      warned,
    ],
    [
      "port of the HTTP listener (web's container port)",
      { hostnames: [HOST], parentRef: { name: 'traefik', namespace: 'kube-system', port: 8000 } },
      warned,
    ],
    ['an explicit PathPrefix /', { hostnames: [HOST], rules: prefix('/') }, warned],
    // The host is shared whatever the paths, as httpRoutes[].host is warned of.
    ['a longer path', { hostnames: [HOST], rules: prefix('/api') }, outranks],
    ['a match narrowed by a header', { hostnames: [HOST], rules: prefix('/', { headers: [{ name: 'x', value: 'y' }] }) }, outranks],
    ['an Exact path', { hostnames: [HOST], rules: [{ matches: [{ path: { type: 'Exact', value: '/' } }] }] }, outranks],
    ['control: another Gateway', { hostnames: [HOST], parentRef: { name: 'other', namespace: 'kube-system' } }, undefined],
    ['control: a Gateway of the same name elsewhere', { hostnames: [HOST], parentRef: { name: 'traefik', namespace: 'apps' } }, undefined],
    [
      'control: a route in another namespace, so its parentRef too',
      { namespace: 'apps', hostnames: [HOST], parentRef: { name: 'traefik' } },
      undefined,
    ],
    ['control: a Service parent', { hostnames: [HOST], parentRef: { kind: 'Service', group: '', name: 'traefik' } }, undefined],
    ['control: a sectionName no listener has', { hostnames: [HOST], parentRef: { name: 'traefik', sectionName: 'nope' } }, undefined],
    ["control: the Service's port 80, no listener's", { hostnames: [HOST], parentRef: { name: 'traefik', port: 80 } }, undefined],
    ['control: another host', { hostnames: ['other.example.com'] }, undefined],
    ['control: a wildcard that is not over the host', { hostnames: ['*.other.site'] }, undefined],
  ])('%s', (_, route, expected) => {
    const { errors, warnings } = findingsOf(extra(httpRoute(route)), { gateway: {} });
    expect(errors).toBe('');
    if (expected) expect(warnings).toContain(expected);
    else expect(warnings).not.toContain('extraObjects');
  });

  it("the Gateway's route namespaces decide whether a route elsewhere attaches", () => {
    const route = extra(httpRoute({ namespace: 'apps', hostnames: [HOST], parentRef: { name: 'traefik', namespace: 'kube-system' } }));
    expect(findingsOf(route, { gateway: {} }).warnings).not.toContain('extraObjects');
    expect(findingsOf(route, { gateway: { routeNamespaces: ['apps'] } }).warnings).toContain(warned);
    expect(findingsOf(route, { gateway: { routeNamespaces: 'All' } }).warnings).toContain(warned);
  });

  it("the Gateway's own name counts", () => {
    const route = (name: string) => extra(httpRoute({ hostnames: [HOST], parentRef: { name, namespace: 'kube-system' } }));
    expect(findingsOf(route('gw'), { gateway: { name: 'gw' } }).warnings).toContain(warned);
    expect(findingsOf(route('traefik'), { gateway: { name: 'gw' } }).warnings).not.toContain('extraObjects');
  });

  it('the first Ingress of the host is named', () => {
    const base = plain();
    base.ingresses[0].host = 'www.example.com';
    base.ingresses.push({ ...base.ingresses[0], name: 'api', host: HOST, path: '/api/' });
    expect(findingsOf(extra(httpRoute({ hostnames: [HOST] })), { gateway: {} }, base).warnings).toContain(
      `${at}[0]: "${HOST}" ${also('ingresses[1]')}`,
    );
  });

  // config/examples/gateway.yaml: Ingress shop.example.com; listeners http (8000) and https.blog.example.com (8443).
  it.each([
    ['the HTTP listener, no hostnames', { sectionName: 'http' }, 'monitoring', 'shop.example.com'],
    ['a namespace the Gateway admits', {}, 'monitoring', 'shop.example.com'],
    ['control: the HTTPS listener of another host', { sectionName: 'https.blog.example.com' }, 'kube-system', undefined],
    ['control: the HTTPS port, whose one listener is for another host', { port: 8443 }, 'kube-system', undefined],
  ])('the example Gateway: %s', (_, ref, namespace, host) => {
    const config = parse(readFileSync('config/examples/gateway.yaml', 'utf8'));
    const route = httpRoute({ namespace, parentRef: { name: 'traefik', namespace: 'kube-system', ...ref } });
    const { errors, warnings } = findingsOf(extra(route), config.traefik, config);
    expect(errors).toBe('');
    if (host) expect(warnings).toContain(everyHost(host));
    else expect(warnings).not.toContain('extraObjects');
  });

  // 72a-4: a namespace the Gateway does not admit is refused, as httpRoutes[].namespace is; no Ingress warning then.
  it('a namespace the Gateway does not admit is refused (72a-4)', () => {
    const config = parse(readFileSync('config/examples/gateway.yaml', 'utf8'));
    const route = httpRoute({ namespace: 'apps', parentRef: { name: 'traefik', namespace: 'kube-system' } });
    const { errors, warnings } = findingsOf(extra(route), config.traefik, config);
    expect(errors).toContain('puts the HTTPRoute in namespace "apps", but Gateway kube-system/traefik admits only routes of namespaces');
    expect(warnings).not.toContain('extraObjects');
  });

  // 69b-17: without traefik.gateway the route is on a Gateway nothing serves, refused as `httpRoutes` is (no clash to report).
  it('control: without traefik.gateway the route is refused as unserved, and no clash is said', () => {
    const { errors, warnings } = findingsOf(extra(httpRoute({ hostnames: [HOST] })));
    expect(errors).toContain("which nothing serves while Traefik's Gateway API provider is off");
    expect(errors).not.toContain('outranks');
    expect(warnings).not.toContain('extraObjects');
  });
});
