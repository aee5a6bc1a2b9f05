import { at, HOST, judged as judgedRoutes, route } from './ingress-route-doors';

/**
 * Attack round 51b (51b-2, 51b-8, 51b-7, 51b-5): IngressRoutes whose rule holds a negation or a HostRegexp and outranks
 * an Ingress router, IngressRoute priority and kind typed as the CRD types them, IngressRouteTCP catch-alls, v3-only
 * matchers on a Traefik v2, and extraObjects Gateway listeners on no entrypoint port.
 */

const ROUTE = 'traefik.values.extraObjects[0].spec.routes[0]';
const MATCH = `${ROUTE}.match: `;
/** This file's Ingress is at '/api'. */
const judged = (values: object, ingressPath = '/api', chartVersion?: string) => judgedRoutes(values, ingressPath, chartVersion);

describe('51b-2: negations and HostRegexp do not bound a route outranking an Ingress router', () => {
  const high = { priority: 100000 };
  test.each<[string, string]>([
    ['HostRegexp .+ with PathPrefix /', 'HostRegexp(`.+`) && PathPrefix(`/`)'],
    ['HostRegexp .+ alone', 'HostRegexp(`.+`)'],
    ['HostRegexp of the Ingress host, any case', 'HostRegexp(`^K3S\\.code-place-dev\\.site$`)'],
    ['a v2 template HostRegexp (syntax v2)', 'HostRegexp(`{sub:[a-z0-9]+}.code-place-dev.site`)'],
  ])('refused: %s', (_name, match) => {
    const { errors } = judged({ extraObjects: [route(match, { ...high, ...(_name.includes('syntax v2') && { syntax: 'v2' }) })] });
    expect(at(errors, MATCH)).toEqual([expect.stringContaining(`has a HostRegexp that may match host "${HOST}", with PathPrefix "/"`)]);
  });

  test.each<[string, string]>([
    ['PathPrefix / and !Path', 'PathPrefix(`/`) && !Path(`/x`)'],
    ['a double negation', '!(!PathPrefix(`/`))'],
    ['a negated Host alone', '!Host(`b.example.com`)'],
    ['PathPrefix / and a negated Host', 'PathPrefix(`/`) && !Host(`b.example.com`)'],
    ['HostRegexp .+ with a Method', 'HostRegexp(`.+`) && Method(`GET`)'],
    ['a HostRegexp of a quantified group (not run)', 'HostRegexp(`(a+)+x`)'],
  ])('the "cannot judge" warning: %s', (_name, match) => {
    const { errors, warnings } = judged({ extraObjects: [route(match, high)] });
    expect(at(errors, MATCH)).toEqual([]);
    expect(at(warnings, MATCH)).toEqual([expect.stringContaining('has an alternative whose hosts this tool cannot bound')]);
  });

  test.each<[string, object]>([
    ['a HostRegexp of another domain', route('HostRegexp(`^.+\\.other\\.org$`) && PathPrefix(`/`)', high)],
    ['a negation below the Ingress priority', route('PathPrefix(`/`) && !Path(`/x`)')],
    ['a Host beside a negation', route('Host(`b.example.com`) && !Path(`/x`)', high)],
    ['a v2 template of another domain', route('HostRegexp(`{sub:[a-z]+}.other.org`)', { ...high, syntax: 'v2' })],
  ])('control: %s', (_name, object) => {
    const { errors, warnings } = judged({ extraObjects: [object] });
    expect([...at(errors, MATCH), ...at(warnings, MATCH)]).toEqual([]);
  });

  test.each<[string, object, string]>([
    [
      'priority as a string',
      { priority: '100000' },
      `${ROUTE}.priority: is "100000" (a string); Traefik's IngressRoute CRD takes an integer`,
    ],
    ['priority 1.5', { priority: 1.5 }, `${ROUTE}.priority: is 1.5 (a number); Traefik's IngressRoute CRD takes an integer`],
    ['kind rule', { kind: 'rule' }, `${ROUTE}.kind: is "rule"; Traefik's IngressRoute CRD takes only Rule`],
    ['priority as a string on another entrypoint', { priority: '5', entryPoints: ['traefik'] }, `${ROUTE}.priority: is "5" (a string)`],
  ])('refused: %s', (_name, more, expected) => {
    const { entryPoints, ...fields } = more as { entryPoints?: string[] };
    const { errors } = judged({ extraObjects: [route(`Host(\`b.example.com\`)`, fields, entryPoints && { entryPoints })] });
    expect(at(errors, ROUTE)).toEqual([expect.stringContaining(expected)]);
  });

  test('control: priority 5, kind Rule, no kind', () => {
    const object = route('Host(`b.example.com`)', { priority: 5 });
    const bare = route('Host(`c.example.com`)', { kind: undefined });
    // Two names: two objects of one identity in a release are refused (63b-5).
    const renamed = { ...JSON.parse(JSON.stringify(bare)), metadata: { name: 'ir2', namespace: 'default' } };
    const { errors } = judged({ extraObjects: [object, renamed] });
    expect(errors.filter((line) => line.startsWith('traefik.values.extraObjects'))).toEqual([]);
  });
});

describe('51b-8: IngressRouteTCP routes served before the Ingress routers', () => {
  const tcp = (match: string, spec: object = {}) => ({
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRouteTCP',
    metadata: { name: 't', namespace: 'default' },
    spec: { routes: [{ match, services: [{ name: 's', port: 80 }] }], ...spec },
  });
  test.each<[string, object, string]>([
    ['HostSNI * on no entrypoint', tcp('HostSNI(`*`)'), 'HostSNI(`*`) on every entrypoint (no entryPoints) takes every connection there'],
    ['HostSNI * on websecure', tcp('HostSNI(`*`)', { entryPoints: ['websecure'] }), 'HostSNI(`*`) on entrypoint(s) websecure'],
    ['HostSNI * beside a ClientIP', tcp('ClientIP(`10.0.0.0/8`) && HostSNI(`*`)', { entryPoints: ['websecure'] }), 'HostSNI(`*`)'],
    [
      'the Ingress host with passthrough on websecure',
      tcp(`HostSNI(\`${HOST.toUpperCase()}\`)`, { entryPoints: ['websecure'], tls: { passthrough: true } }),
      `its HostSNI names host "${HOST}" on websecure`,
    ],
    [
      'the Ingress host by HostSNIRegexp',
      tcp('HostSNIRegexp(`^k3s\\..+$`)', { tls: {} }),
      `has a HostSNIRegexp that may match host "${HOST}"`,
    ],
  ])('refused: %s', (_name, object, expected) => {
    const { errors } = judged({ extraObjects: [object] });
    expect(at(errors, MATCH)).toEqual([expect.stringContaining(expected)]);
    expect(at(errors, MATCH)[0]).toContain('ingresses[0] on host "k3s.code-place-dev.site" gets none of its traffic');
  });

  test.each<[string, object]>([
    ['HostSNI * on an entrypoint of its own', tcp('HostSNI(`*`)', { entryPoints: ['db'] })],
    ['another host with passthrough', tcp('HostSNI(`db.example.com`)', { entryPoints: ['websecure'], tls: { passthrough: true } })],
    ['a negated HostSNI *', tcp('!HostSNI(`*`) && HostSNI(`db.example.com`)', { entryPoints: ['websecure'], tls: {} })],
    ['an IngressRoute with a HostSNI-looking service name', route('Host(`b.example.com`)')],
  ])('control: %s', (_name, object) => {
    const { errors } = judged({ extraObjects: [object] });
    expect(at(errors, MATCH)).toEqual([]);
  });
});

describe('51b-7: v3-only matchers on a chart whose Traefik is v2', () => {
  const V2 = '27.0.2';
  test.each<[string, string, string]>([
    [
      'PathRegexp',
      'Host(`a.com`) && PathRegexp(`^/u/[0-9]+$`)',
      "uses matcher PathRegexp, which Traefik v2's rule syntax does not have, so Traefik refuses the router",
    ],
    ['Header', 'Host(`a.com`) && Header(`X-A`, `b`)', 'write Headers(`name`, `value`)'],
    ['HeaderRegexp, lower case', 'Host(`a.com`) && headerregexp(`X-A`, `b.*`)', 'write HeadersRegexp(`name`, `regexp`)'],
    ['QueryRegexp under a negation', 'Host(`a.com`) && !QueryRegexp(`a`, `b.*`)', 'v2 has no query regexp'],
    ['a plain HostRegexp', 'HostRegexp(`^.+\\.a\\.com$`)', 'gives HostRegexp a plain regexp, which Traefik v2 reads as a template'],
  ])('refused: %s', (_name, match, expected) => {
    const errors = at(judged({ extraObjects: [route(match)] }, '/api', V2).errors, MATCH);
    expect(errors).toEqual([expect.stringContaining(expected)]);
    expect(errors[0]).toContain("on this chart's Traefik v2: ");
  });

  test.each<[string, object, string | undefined]>([
    ['v2 matchers', { extraObjects: [route('Host(`a.com`) && Headers(`X-A`, `b`) && Query(`a=b`)')] }, V2],
    ['a v2 HostRegexp template', { extraObjects: [route('HostRegexp(`{sub:[a-z]+}.a.com`)')] }, V2],
    ['syntax: v3 on the route', { extraObjects: [route('Host(`a.com`) && PathRegexp(`^/u$`)', { syntax: 'v3' })] }, V2],
    ['core.defaultRuleSyntax v3', { core: { defaultRuleSyntax: 'v3' }, extraObjects: [route('Host(`a.com`) && Header(`X-A`, `b`)')] }, V2],
    [
      'the --core.defaultRuleSyntax=v3 flag (read as the v3 check reads it)',
      { additionalArguments: ['--core.defaultRuleSyntax=v3'], extraObjects: [route('Host(`a.com`) && Header(`X-A`, `b`)')] },
      V2,
    ],
    ['image.tag v3 on chart 27', { image: { tag: 'v3.1.0' }, extraObjects: [route('Host(`a.com`) && Header(`X-A`, `b`)')] }, V2],
    ['the default chart (v3)', { extraObjects: [route('Host(`a.com`) && PathRegexp(`^/u$`)')] }, undefined],
  ])('control: %s', (_name, values, chartVersion) => {
    const { errors } = judged(values, '/api', chartVersion);
    expect(at(errors, MATCH)).toEqual([]);
  });
});

describe('51b-5: an extraObjects Gateway listener on no entrypoint port', () => {
  const gateway = (port: number, gatewayClassName = 'traefik') => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'g', namespace: 'kube-system' },
    spec: { gatewayClassName, listeners: [{ name: 'http', port, protocol: 'HTTP' }] },
  });
  const PORT = 'traefik.values.extraObjects[0].spec.listeners[0].port: ';
  test.each<[string, number, object]>([
    ['the Service port 80', 80, {}],
    ['9999', 9999, {}],
    ['8000 when web listens on 9000', 8000, { ports: { web: { port: 9000 } } }],
  ])('refused: %s', (_name, port, more) => {
    const errors = at(judged({ ...more, extraObjects: [gateway(port)] }).errors, PORT);
    expect(errors).toEqual([expect.stringContaining(`is ${port}, which is no Traefik entrypoint's container port`)]);
  });

  test.each<[string, number, object]>([
    ['8000', 8000, {}],
    ['8443', 8443, {}],
    ['a ports.<name>.port', 5432, { ports: { db: { port: 5432 } } }],
  ])('control: %s', (_name, port, more) => {
    expect(at(judged({ ...more, extraObjects: [gateway(port)] }).errors, PORT)).toEqual([]);
  });

  test("another controller's Gateway (another class) is not Traefik's to serve; the chart's own class name counts", () => {
    expect(at(judged({ extraObjects: [gateway(80, 'cilium')] }).errors, PORT)).toEqual([]);
    const renamed = { gatewayClass: { name: 'edge' }, extraObjects: [gateway(80, 'edge')] };
    expect(at(judged(renamed).errors, PORT)).toEqual([expect.stringContaining('is 80, which is no Traefik entrypoint')]);
  });
});
