import { judgedValues } from './helpers';
import { at, HOST, judged as judgedRoutes, route } from './ingress-route-doors';

/**
 * Attack round 50b (50b-4, 50b-5, 50b-7): IngressRoutes that take an Ingress' traffic by priority, Traefik v2 rules on a
 * Traefik v3, and a GRPCRoute called undefined by the Gateway API CRDs.
 */

const MATCH = 'traefik.values.extraObjects[0].spec.routes[0].match: ';
/** This file's Ingress is at '/'. */
const judged = (values: object, ingressPath = '/', chartVersion?: string) => judgedRoutes(values, ingressPath, chartVersion);

describe('50b-4: a route with no Host matcher whose priority outranks an Ingress router takes its traffic', () => {
  // The Ingress' router: Host(`k3s.code-place-dev.site`) && PathPrefix(`/`), priority 50 (its length).
  const LONG = `PathPrefix(\`/\`) || PathPrefix(\`/${'a'.repeat(40)}\`)`;
  test.each<[string, object, string, string]>([
    ['priority 100000, PathPrefix /', route('PathPrefix(`/`)', { priority: 100000 }), '/', 'its priority 100000 is not below 50'],
    ['no priority, a rule longer than the Ingress router', route(LONG), '/', `the rule's length, ${LONG.length}) is not below 50`],
    [
      'priority 100000, PathPrefix /ap over the Ingress path /api',
      route('PathPrefix(`/ap`)', { priority: 100000 }),
      '/api',
      'PathPrefix "/ap"',
    ],
    [
      'the Ingress host and PathPrefix / over /api, priority 1000',
      route(`Host(\`${HOST}\`) && PathPrefix(\`/\`)`, { priority: 1000 }),
      '/api',
      `matches host "${HOST}"`,
    ],
  ])('%s', (_name, object, ingressPath, expected) => {
    const { errors } = judged({ extraObjects: [object] }, ingressPath);
    expect(at(errors, MATCH)).toEqual([expect.stringContaining(expected)]);
    expect(at(errors, MATCH)[0]).toContain('only one of the two gets the traffic: add a Host matcher');
  });

  test('the chart ingressRoute is judged the same (its priority: the matchRule length)', () => {
    const values = { ingressRoute: { dashboard: { enabled: true, entryPoints: ['websecure'], matchRule: LONG } } };
    expect(at(judged(values).errors, 'traefik.values.ingressRoute.dashboard.matchRule: ')).toEqual([
      expect.stringContaining('matches every host with PathPrefix "/"'),
    ]);
  });

  test.each([
    ['Method, priority 1000', route('Method(`GET`)', { priority: 1000 })],
    // `&&` binds tighter than `||`: the Header alternative has no host, and the rule (60) is longer than the Ingress' (50).
    ['a Header alternative beside a host', route('Host(`x.example.com`) && Method(`GET`) || Header(`X-A`, `b`)')],
  ])('a hostless alternative in a form not read here that outranks the Ingress router: a warning (%s)', (_name, object) => {
    const { errors, warnings } = judged({ extraObjects: [object] });
    expect(at(errors, MATCH)).toEqual([]);
    expect(at(warnings, MATCH)).toEqual([expect.stringContaining('has an alternative whose hosts this tool cannot bound')]);
  });

  test.each<[string, object, string]>([
    ['PathPrefix / at its default priority (15, below 50)', route('PathPrefix(`/`)'), '/'],
    ['priority 1', route('PathPrefix(`/`)', { priority: 1 }), '/'],
    ['a path the Ingress path does not start with', route('PathPrefix(`/other`)', { priority: 100000 }), '/'],
    ['a deeper path than the Ingress (a sub-route, as with its host)', route('PathPrefix(`/api/v2`)', { priority: 100000 }), '/api'],
    ['the Ingress host with / over /api at its default priority (below)', route(`Host(\`${HOST}\`) && PathPrefix(\`/\`)`), '/api'],
    [
      'plain HTTP on web, the Ingress routers are TLS',
      route('PathPrefix(`/`)', { priority: 100000 }, { entryPoints: ['web'], tls: undefined }),
      '/',
    ],
    ['another entrypoint', route('PathPrefix(`/`)', { priority: 100000 }, { entryPoints: ['traefik'] }), '/'],
    ['Method at its default priority (13)', route('Method(`GET`)'), '/'],
  ])('control: %s', (_name, object, ingressPath) => {
    const { errors, warnings } = judged({ extraObjects: [JSON.parse(JSON.stringify(object))] }, ingressPath);
    expect([...at(errors, MATCH), ...at(warnings, MATCH)]).toEqual([]);
  });
});

describe('50b-5: Traefik v2 rule syntax on a Traefik v3', () => {
  const TCP = {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRouteTCP',
    metadata: { name: 't', namespace: 'default' },
    spec: { entryPoints: ['websecure'], routes: [{ match: 'HostSNI(`a.com`, `b.com`)', services: [{ name: 's', port: 1 }] }] },
  };
  test.each<[string, object, string]>([
    [
      'Host with two values',
      route('Host(`a.com`, `b.com`)'),
      "gives Host 2 value(s), where Traefik v3's rule syntax takes 1, so Traefik refuses the router",
    ],
    [
      'Headers, v2 name of Header',
      route('Host(`a.com`) && Headers(`X-A`, `b`)'),
      "uses matcher Headers, which Traefik v3's rule syntax does not have",
    ],
    ['HostHeader', route('HostHeader(`a.com`)'), 'write Host, its v3 name'],
    ['Header with one value', route('Host(`a.com`) && Header(`X-A`)'), "gives Header 1 value(s), where Traefik v3's rule syntax takes 2"],
    ['Method with two values', route('Host(`a.com`) && Method(`GET`, `POST`)'), 'write one Method(`...`) per value, joined by ||'],
    [
      'a v2 HostRegexp template',
      route('HostRegexp(`{sub:[a-z]+}.a.com`)'),
      "a v2 {name:regexp} template, which Traefik v3's rule syntax reads as a plain Go regexp",
    ],
    ['a v2 Path template', route('Host(`a.com`) && Path(`/u/{id:[0-9]+}`)'), 'reads literally, so the route never matches what it meant'],
    ['IngressRouteTCP HostSNI with two values', TCP, 'gives HostSNI 2 value(s)'],
    ['syntax: v3 under core.defaultRuleSyntax v2', route('Host(`a.com`, `b.com`)', { syntax: 'v3' }), 'gives Host 2 value(s)'],
  ])('%s', (_name, object, expected) => {
    const values = { extraObjects: [object], ...(_name.includes('under core') && { core: { defaultRuleSyntax: 'v2' } }) };
    const errors = at(judged(values).errors, MATCH);
    expect(errors).toEqual([expect.stringContaining(expected)]);
    expect(errors[0]).toContain('or keep the v2 form and set syntax: v2 on the route (or core.defaultRuleSyntax: v2 in the values)');
  });

  test('the chart ingressRoute matchRule too', () => {
    const values = { ingressRoute: { dashboard: { enabled: true, entryPoints: ['traefik'], matchRule: 'Host(`a.com`, `b.com`)' } } };
    expect(at(judged(values).errors, 'traefik.values.ingressRoute.dashboard.matchRule: ')).toEqual([
      expect.stringContaining('gives Host 2 value(s)'),
    ]);
  });

  test.each<[string, object, string | undefined]>([
    ['syntax: v2 on the route', { extraObjects: [route('Host(`a.com`, `b.com`)', { syntax: 'v2' })] }, undefined],
    ['core.defaultRuleSyntax v2', { core: { defaultRuleSyntax: 'v2' }, extraObjects: [route('Host(`a.com`, `b.com`)')] }, undefined],
    [
      'the flag --core.defaultRuleSyntax=v2',
      { additionalArguments: ['--core.defaultRuleSyntax=v2'], extraObjects: [route('Headers(`a`, `b`)')] },
      undefined,
    ],
    ['a chart of Traefik v2 (27.0.2)', { extraObjects: [route('Host(`a.com`, `b.com`)')] }, '27.0.2'],
    [
      'v3 forms',
      { extraObjects: [route('(Host(`a.com`) || host(`b.com`)) && Header(`X`, `y`) && Query(`q`) && !ClientIP(`10.0.0.0/8`)')] },
      undefined,
    ],
    ['a Go regexp with a repeat count', { extraObjects: [route('HostRegexp(`^[a-z]{2,5}\\.a\\.com$`)')] }, undefined],
  ])('control: %s', (_name, values, chartVersion) => {
    expect(at(judged(values, '/', chartVersion).errors, MATCH).filter((e) => e.includes('rule syntax'))).toEqual([]);
  });
});

describe('50b-7: Gateway API kinds in extraObjects', () => {
  const object = (kind: string, apiVersion = 'gateway.networking.k8s.io/v1') => ({
    apiVersion,
    kind,
    metadata: { name: 'r', namespace: 'default' },
    spec: { parentRefs: [{ name: 'g' }], rules: [{ backendRefs: [{ name: 's', port: 80 }] }] },
  });
  test('a GRPCRoute is judged against its vendored CRD', () => {
    expect(judgedValues({ extraObjects: [object('GRPCRoute')] }, '39.0.7').errors).toEqual([]);
    const bad = { ...object('GRPCRoute'), spec: { parentRefs: [{ name: 'g' }], rules: [{ backendRefss: [] }] } };
    expect(judgedValues({ extraObjects: [bad] }, '39.0.7').errors).toEqual([
      expect.stringContaining(
        'backendRefss: is not a field of the GRPCRoute schema of crds/gateway-api/v1.4.0/gateway.networking.k8s.io_grpcroutes.yaml',
      ),
    ]);
  });
  test('a kind not vendored: this tool cannot judge it, not "the CRDs do not define it"', () => {
    const errors = judgedValues({ extraObjects: [object('TLSRoute', 'gateway.networking.k8s.io/v1alpha2')] }, '39.0.7').errors;
    expect(errors).toEqual([
      expect.stringContaining(
        'kind: is "TLSRoute", which this tool cannot judge: crds/gateway-api/v1.4.0/ holds the CRDs of GRPCRoute, Gateway and HTTPRoute only',
      ),
    ]);
    expect(errors[0]).not.toContain('do not define');
  });
});
