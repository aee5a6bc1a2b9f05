import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { configErrors, devConfig, withTraefikValues } from './helpers';

/**
 * Attack round 23b: 23b-4 (an IngressRoute `Host()` with a trailing dot, which Traefik matches as the same name,
 * escaped the rule refusing an IngressRoute on an Ingress' host and path) and 23b-7 (an HTTPRoute in extraObjects
 * attached to the tool's Gateway took an Ingress' host without a word).
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
  const prefix = (value: string, more: object = {}) => [{ matches: [{ path: { type: 'PathPrefix', value }, ...more }] }];
  const at = 'traefik.values.extraObjects[0].spec.rules[0]';
  const refused = `${at}: ${sameRoute(HOST)}; this HTTPRoute on Gateway "traefik" would get all its traffic`;

  it.each([
    ["the report's reproduction (kube-system, hostname given)", { hostnames: [HOST] }, refused],
    ["no namespace on the parentRef: the route's own, kube-system", { hostnames: [HOST], parentRef: { name: 'traefik' } }, refused],
    [
      'no namespace on the route: the release namespace, kube-system',
      { namespace: '', hostnames: [HOST], parentRef: { name: 'traefik' } },
      refused,
    ],
    ['no hostnames: every host', {}, refused],
    ['a wildcard hostname over the host', { hostnames: ['*.code-place-dev.site'] }, refused],
    [
      'sectionName of the HTTP listener',
      { hostnames: [HOST], parentRef: { name: 'traefik', namespace: 'kube-system', sectionName: 'http' } },
      refused,
    ],
    [
      "port of the HTTP listener (web's container port)",
      { hostnames: [HOST], parentRef: { name: 'traefik', namespace: 'kube-system', port: 8000 } },
      refused,
    ],
    ['an explicit PathPrefix /', { hostnames: [HOST], rules: prefix('/') }, `${at}.matches[0]: ${sameRoute(HOST)}`],
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
    ['control: a longer path the Ingress keeps the rest of', { hostnames: [HOST], rules: prefix('/api') }, undefined],
    [
      'control: a match narrowed by a header',
      { hostnames: [HOST], rules: prefix('/', { headers: [{ name: 'x', value: 'y' }] }) },
      undefined,
    ],
    ['control: an Exact path', { hostnames: [HOST], rules: [{ matches: [{ path: { type: 'Exact', value: '/' } }] }] }, undefined],
  ])('%s', (_, route, expected) => {
    const errors = errorsOf(extra(httpRoute(route)), { gateway: {} });
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });

  it("the Gateway's route namespaces decide whether a route elsewhere attaches", () => {
    const route = extra(httpRoute({ namespace: 'apps', hostnames: [HOST], parentRef: { name: 'traefik', namespace: 'kube-system' } }));
    expect(errorsOf(route, { gateway: {} })).toBe('');
    expect(errorsOf(route, { gateway: { routeNamespaces: ['apps'] } })).toContain(refused);
    expect(errorsOf(route, { gateway: { routeNamespaces: 'All' } })).toContain(refused);
  });

  it("the Gateway's own name counts", () => {
    const route = (name: string) => extra(httpRoute({ hostnames: [HOST], parentRef: { name, namespace: 'kube-system' } }));
    expect(errorsOf(route('gw'), { gateway: { name: 'gw' } })).toContain(`${sameRoute(HOST)}; this HTTPRoute on Gateway "gw"`);
    expect(errorsOf(route('traefik'), { gateway: { name: 'gw' } })).toBe('');
  });

  it('a prefix over a second Ingress on a longer path names it', () => {
    const base = devConfig();
    base.ingresses[0].host = 'www.example.com';
    base.ingresses.push({ ...base.ingresses[0], name: 'api', host: HOST, path: '/api/' });
    expect(errorsOf(extra(httpRoute({ hostnames: [HOST] })), { gateway: {} }, base)).toContain(
      `${at}: ${sameRoute(HOST, '/api/', 'ingresses[1]')} (path prefix "/" of this HTTPRoute covers it)`,
    );
  });

  // config/examples/gateway.yaml: Ingress shop.example.com; listeners http (8000) and https.blog.example.com (8443).
  it.each([
    ['the HTTP listener, no hostnames', { sectionName: 'http' }, 'monitoring', 'shop.example.com'],
    ['a namespace the Gateway admits', {}, 'monitoring', 'shop.example.com'],
    ['control: the HTTPS listener of another host', { sectionName: 'https.blog.example.com' }, 'kube-system', undefined],
    ['control: the HTTPS port, whose one listener is for another host', { port: 8443 }, 'kube-system', undefined],
    ['control: a namespace the Gateway does not admit', {}, 'apps', undefined],
  ])('the example Gateway: %s', (_, ref, namespace, host) => {
    const config = parse(readFileSync('config/examples/gateway.yaml', 'utf8'));
    const route = httpRoute({ namespace, parentRef: { name: 'traefik', namespace: 'kube-system', ...ref } });
    const errors = configErrors(withTraefikValues(extra(route), {}, config)).join('\n');
    if (host) expect(errors).toContain(`${at}: ${sameRoute(host)}; this HTTPRoute on Gateway "traefik"`);
    else expect(errors).toBe('');
  });

  it('control: without traefik.gateway there is no Gateway of the tool to attach to', () => {
    expect(errorsOf(extra(httpRoute({ hostnames: [HOST] })))).toBe('');
  });
});
