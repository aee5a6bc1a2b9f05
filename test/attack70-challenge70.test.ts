// Round 70 (attack70b 3, 10, 21, 22, 19, 20): a rule that holds for one kind of route holds for every kind that means
// the same to Traefik. A route catching cert-manager's HTTP-01 challenge is refused as a RegularExpression HTTPRoute, an
// IngressRoute or a file-provider router as it is as a PathPrefix HTTPRoute; an extraObjects HTTPRoute at `/` of a
// redirected TLS host, and a wildcard listener asking an HTTP-01 issuer, as in httpRoutes; a TCP route negating HostSNI
// as HostSNI(`*`); Traefik told to ignore the deployed IngressRoutes as it is for Ingresses.
import { ApiObject, App, Chart } from 'cdk8s';
import { K3sVipCluster } from '../src/index';
import { configErrors, devConfig, refusalOf, withChanges } from './helpers';
import { cpuMillisSince } from './cpu-time';

const CATCHES = "catches cert-manager's HTTP-01 challenge";
const errorsOf = (config: object) => configErrors(config).join('\n');
const appRefusal = (props: object, siblings: (chart: Chart) => void) =>
  refusalOf(() => {
    const app = new App();
    new K3sVipCluster(app, 'dev', props as never);
    siblings(new Chart(app, 'm'));
    app.synthYaml();
  });

// An HTTP-01 issuer `le` and an Ingress of shop.example.com with it; `gateway` adds the tool's Gateway.
const http01 = (gateway: boolean, ingressPath = '/') =>
  withChanges(devConfig(), {
    traefik: {
      loadBalancerIPs: ['192.168.0.41'],
      ...(gateway && { gateway: { routeNamespaces: 'All' } }),
      externalCertResolvers: undefined,
    },
    certManager: { issuers: { le: { email: 'a@example.com', solver: 'http01' } } },
    ingresses: [
      { name: 'shop', namespace: 'default', host: 'shop.example.com', path: ingressPath, service: 'shop', port: 80, tls: { issuer: 'le' } },
    ],
  });
const withExtra = (config: object, ...extraObjects: object[]) => withChanges(config, { traefik: { values: { extraObjects } } });

const gatewayRoute = (path: object, hostnames = ['shop.example.com']) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'r', namespace: 'default' },
  spec: {
    parentRefs: [{ name: 'traefik', namespace: 'kube-system' }],
    hostnames,
    rules: [{ matches: [{ path }], backendRefs: [{ name: 'x', port: 80 }] }],
  },
});

// 70b-3: [case, HTTPRoute path match, refused]
const REGEXP_PATHS: Array<[string, object, boolean]> = [
  ['PathPrefix /.well-known/acme-challenge (as before)', { type: 'PathPrefix', value: '/.well-known/acme-challenge' }, true],
  ['RegularExpression of the challenge path', { type: 'RegularExpression', value: '/\\.well-known/acme-challenge/.+' }, true],
  ['RegularExpression /.*', { type: 'RegularExpression', value: '/.*' }, true],
  ['RegularExpression anchored ^/\\.well-known/', { type: 'RegularExpression', value: '^/\\.well-known/' }, true],
  ['RegularExpression (?i) in capitals', { type: 'RegularExpression', value: '(?i)^/\\.WELL-KNOWN/' }, true],
  ['RegularExpression in capitals without (?i): paths are case-sensitive', { type: 'RegularExpression', value: '^/\\.WELL-KNOWN/' }, false],
  ['RegularExpression ^/shop', { type: 'RegularExpression', value: '^/shop' }, false],
  ['RegularExpression ^/api/.*$', { type: 'RegularExpression', value: '^/api/.*$' }, false],
  ['RegularExpression that cannot be judged (Go-only \\z)', { type: 'RegularExpression', value: '^/x\\z' }, false],
  ['RegularExpression that may backtrack long is not run', { type: 'RegularExpression', value: '(a+)+(b+)+/.*' }, false],
  ['Exact of the bare challenge folder: no token', { type: 'Exact', value: '/.well-known/acme-challenge/' }, false],
  ['PathPrefix /shop', { type: 'PathPrefix', value: '/shop' }, false],
];

describe('70b-3: an HTTPRoute that catches the HTTP-01 challenge, whatever its path type', () => {
  test.each(REGEXP_PATHS)('%s', (_, path, refused) => {
    const errors = errorsOf(withExtra(http01(true), gatewayRoute(path)));
    if (refused) expect(errors).toContain('traefik.values.extraObjects[0].spec.rules[0].matches[0]');
    if (refused) expect(errors).toContain(CATCHES);
    else expect(errors).not.toContain(CATCHES);
  });
  test('a RegularExpression route on another host is left alone', () => {
    const errors = errorsOf(withExtra(http01(true), gatewayRoute({ type: 'RegularExpression', value: '/.*' }, ['other.example.com'])));
    expect(errors).not.toContain(CATCHES);
  });
  test('a RegularExpression route beside a DNS-01 issuer is left alone', () => {
    const config = withChanges(withExtra(http01(true), gatewayRoute({ type: 'RegularExpression', value: '/.*' })), {
      certManager: { issuers: { le: { solver: { dns01: { provider: 'cloudflare', tokenSecret: { name: 'cf', key: 'token' } } } } } },
    });
    expect(errorsOf(config)).not.toContain(CATCHES);
  });
});

// 70b-10: an IngressRoute or a file-provider router on the HTTP-01 challenge of an Ingress' host.
const CHALLENGE_TAKEN = 'cert-manager\'s HTTP-01 challenge for "shop.example.com"';
const ingressRoute = (match: string, priority?: number, entryPoints = ['web'], extra: object = {}) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRoute',
  metadata: { name: 'r', namespace: 'default' },
  spec: {
    entryPoints,
    routes: [{ match, kind: 'Rule', ...(priority !== undefined && { priority }), services: [{ name: 'x', port: 80 }] }],
    ...extra,
  },
});
const fileRouter = (rule: string, priority: number) => ({
  providers: {
    file: {
      enabled: true,
      content: `http:\n  routers:\n    thief:\n      entryPoints: [web]\n      rule: ${rule}\n      priority: ${priority}\n      service: noop@internal\n`,
    },
  },
});
const SHOP_WELL_KNOWN = 'Host(`shop.example.com`) && PathPrefix(`/.well-known`)';

// [case, traefik.values, Ingress path, refused]
const ROUTERS: Array<[string, object, string, boolean]> = [
  ['IngressRoute at /.well-known, priority 100000', { extraObjects: [ingressRoute(SHOP_WELL_KNOWN, 100000)] }, '/app', true],
  [
    'IngressRoute at the challenge path, priority 1000',
    { extraObjects: [ingressRoute('Host(`shop.example.com`) && PathPrefix(`/.well-known/acme-challenge/`)', 1000)] },
    '/app',
    true,
  ],
  [
    'IngressRoute at every host, PathPrefix /.well-known, priority 100000',
    { extraObjects: [ingressRoute('PathPrefix(`/.well-known`)', 100000)] },
    '/app',
    true,
  ],
  [
    'IngressRoute at /.well-known with its default priority (shorter than the solver rule)',
    { extraObjects: [ingressRoute(SHOP_WELL_KNOWN)] },
    '/app',
    false,
  ],
  ['IngressRoute at /.well-known, priority 100 (below the solver)', { extraObjects: [ingressRoute(SHOP_WELL_KNOWN, 100)] }, '/app', false],
  [
    'IngressRoute at /app, priority 100000',
    { extraObjects: [ingressRoute('Host(`shop.example.com`) && PathPrefix(`/api`)', 100000)] },
    '/app',
    false,
  ],
  [
    'IngressRoute at /.well-known of another host',
    { extraObjects: [ingressRoute('Host(`other.example.com`) && PathPrefix(`/.well-known`)', 100000)] },
    '/app',
    false,
  ],
  ['IngressRoute on another entrypoint', { extraObjects: [ingressRoute(SHOP_WELL_KNOWN, 100000, ['metrics'])] }, '/app', false],
  [
    'file router at the challenge path, priority 100000',
    fileRouter('Host(`shop.example.com`) && PathPrefix(`/.well-known/acme-challenge/`)', 100000),
    '/app',
    true,
  ],
  ['file router at /api, priority 100000', fileRouter('Host(`shop.example.com`) && PathPrefix(`/api`)', 100000), '/app', false],
];

describe('70b-10: a Traefik router that catches the HTTP-01 challenge', () => {
  test.each(ROUTERS)('%s', (_, values, path, refused) => {
    const errors = errorsOf(withChanges(http01(false, path), { traefik: { values } }));
    if (refused) expect(errors).toContain(CHALLENGE_TAKEN);
    else expect(errors).not.toContain(CHALLENGE_TAKEN);
  });
  test('a DNS-01 issuer has no solver Ingress to catch', () => {
    const config = withChanges(http01(false, '/app'), {
      certManager: { issuers: { le: { solver: { dns01: { provider: 'cloudflare', tokenSecret: { name: 'cf', key: 'token' } } } } } },
      traefik: { values: { extraObjects: [ingressRoute(SHOP_WELL_KNOWN, 100000)] } },
    });
    expect(errorsOf(config)).not.toContain(CHALLENGE_TAKEN);
  });
  test('behind the redirect to HTTPS, a router on web alone no longer meets the challenge; one on websecure does', () => {
    const redirected = (entryPoints: string[]) =>
      withChanges(http01(false, '/app'), {
        traefik: { redirectToHttps: true, values: { extraObjects: [ingressRoute(SHOP_WELL_KNOWN, 100000, entryPoints)] } },
      });
    expect(errorsOf(redirected(['web']))).not.toContain(CHALLENGE_TAKEN);
    expect(errorsOf(redirected(['websecure']))).toContain(CHALLENGE_TAKEN);
  });
  test('an IngressRoute of the App beside a K3sVipCluster is refused the same', () => {
    const refusal = appRefusal(http01(false, '/app'), (c) => new ApiObject(c, 'ir', ingressRoute(SHOP_WELL_KNOWN, 100000)));
    expect(refusal).toContain(CHALLENGE_TAKEN);
    const fine = appRefusal(http01(false, '/app'), (c) => new ApiObject(c, 'ir', ingressRoute(SHOP_WELL_KNOWN)));
    expect(fine).not.toContain(CHALLENGE_TAKEN);
  });
});

// 70b-21: a plain extraObjects HTTPRoute at `/` of a TLS host of httpRoutes, whose plain HTTP the Gateway redirects.
const dns01 = { le: { email: 'a@example.com', solver: { dns01: { provider: 'cloudflare', tokenSecret: { name: 'cf', key: 'token' } } } } };
const blogRoute = (
  sectionName: string | undefined,
  rules: object[] = [{ backendRefs: [{ name: 'blog', port: 8080 }] }],
  host = 'blog.example.com',
) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'plain', namespace: 'blog' },
  spec: { parentRefs: [{ name: 'traefik', namespace: 'kube-system', ...(sectionName && { sectionName }) }], hostnames: [host], rules },
});
const REDIRECTED = 'is already routed by the Gateway\'s HTTPS redirect of "blog.example.com"';
const tlsBlog = (issuers: object, ...extraObjects: object[]) =>
  withChanges(devConfig(), {
    k3s: { version: 'v1.35.3+k3s1' },
    certManager: { issuers },
    traefik: {
      loadBalancerIPs: ['192.168.0.41'],
      gateway: { routeNamespaces: 'All' },
      externalCertResolvers: undefined,
      values: { extraObjects },
    },
    ingresses: [],
    httpRoutes: [{ name: 'blog', namespace: 'blog', host: 'blog.example.com', service: 'blog', port: 8080, tls: { issuer: 'le' } }],
  });

// [case, issuers, route, what the refusal says ('' none)]
const REDIRECT_ROWS: Array<[string, object, object, string]> = [
  ['on the HTTP listener at /', dns01, blogRoute('http'), REDIRECTED],
  // On its HTTPS listener too, where httpRoutes[0] is said first.
  ['on every listener of its host (no sectionName) at /', dns01, blogRoute(undefined), 'is already routed by'],
  [
    'on the HTTP listener at /api',
    dns01,
    blogRoute('http', [{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [{ name: 'b', port: 1 }] }]),
    '',
  ],
  ['on the HTTP listener at / of another host', dns01, blogRoute('http', undefined, 'other.example.com'), ''],
  ['on the HTTPS listener of the host only', dns01, blogRoute('https-blog.example.com'), ''],
];

describe('70b-21: a plain HTTPRoute at / of a redirected TLS host, in extraObjects', () => {
  test.each(REDIRECT_ROWS)('%s', (_, issuers, route, says) => {
    const errors = errorsOf(tlsBlog(issuers, route));
    if (says) expect(errors).toContain(says);
    else expect(errors).not.toContain('is already routed by');
  });
  test('an HTTP-01 issuer gets no redirect route: nothing to compete with', () => {
    expect(errorsOf(tlsBlog({ le: { email: 'a@example.com', solver: 'http01' } }, blogRoute('http')))).not.toContain(REDIRECTED);
  });
});

// 70b-22: an extraObjects Gateway asking an HTTP-01 issuer for a wildcard (cert-manager's gateway-shim).
const WILDCARD = 'is a wildcard, but issuer "le" uses HTTP-01';
const annotatedGateway = (hostname: string, issuer = 'le', tls: object = { mode: 'Terminate', certificateRefs: [{ name: 'w-tls' }] }) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'gw2', namespace: 'default', annotations: { 'cert-manager.io/cluster-issuer': issuer } },
  spec: { gatewayClassName: 'traefik', listeners: [{ name: 'https', port: 8443, protocol: 'HTTPS', hostname, tls }] },
});
const gatewayIssuerConfig = (issuers: object, gateway: object) =>
  withExtra(
    withChanges(devConfig(), {
      k3s: { version: 'v1.35.3+k3s1' },
      certManager: { issuers },
      traefik: { loadBalancerIPs: ['192.168.0.41'], gateway: { routeNamespaces: 'All' }, externalCertResolvers: undefined },
    }),
    gateway,
  );
const HTTP01 = { le: { email: 'a@example.com', solver: 'http01' } };

// [case, issuers, Gateway, refused]
const GATEWAY_ISSUERS: Array<[string, object, object, boolean]> = [
  ['a wildcard listener of an HTTP-01 issuer', HTTP01, annotatedGateway('*.example.org'), true],
  ['a named listener of an HTTP-01 issuer', HTTP01, annotatedGateway('www.example.org'), false],
  ['a wildcard listener of a DNS-01 issuer', dns01, annotatedGateway('*.example.org'), false],
  [
    'a wildcard listener passing TLS through (no certificate)',
    HTTP01,
    annotatedGateway('*.example.org', 'le', { mode: 'Passthrough' }),
    false,
  ],
  ['a wildcard listener of an issuer defined elsewhere', HTTP01, annotatedGateway('*.example.org', 'other'), false],
];

describe('70b-22: a wildcard certificate of an HTTP-01 issuer on an extraObjects Gateway', () => {
  test.each(GATEWAY_ISSUERS)('%s', (_, issuers, gateway, refused) => {
    const errors = errorsOf(gatewayIssuerConfig(issuers, gateway));
    if (refused) expect(errors).toContain('traefik.values.extraObjects[0].spec.listeners[0].hostname');
    if (refused) expect(errors).toContain(WILDCARD);
    else expect(errors).not.toContain(WILDCARD);
  });
});

// 70b-19: a TCP route negating HostSNI on websecure beside an Ingress of shop.example.com.
const TAKES = 'takes every TLS connection of host "shop.example.com"';
const tcpRoute = (match: string, entryPoints = ['websecure']) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRouteTCP',
  metadata: { name: 't', namespace: 'default' },
  spec: { entryPoints, routes: [{ match, services: [{ name: 'x', port: 9000 }] }], tls: { passthrough: true } },
});
const tlsShop = (...extraObjects: object[]) =>
  withChanges(devConfig(), {
    traefik: { redirectToHttps: true, externalCertResolvers: ['le'], values: { extraObjects } },
    ingresses: [{ name: 'shop', namespace: 'default', host: 'shop.example.com', service: 'shop', port: 80, tls: { certResolver: 'le' } }],
  });

// [case, match, entryPoints, refused]
const NEGATED_SNI: Array<[string, string, string[], boolean]> = [
  ['!HostSNI of another host', '!HostSNI(`nothing.example.com`)', ['websecure'], true],
  ['a HostSNI or a negated one', 'HostSNI(`a.example.com`) || !HostSNI(`b.example.com`)', ['websecure'], true],
  ['!HostSNI with ClientIP', '!HostSNI(`b.example.com`) && ClientIP(`10.0.0.0/8`)', ['websecure'], true],
  ['!HostSNIRegexp of other hosts', '!HostSNIRegexp(`^b\\.example\\.com$`)', ['websecure'], true],
  ['!HostSNI of the Ingress host itself', '!HostSNI(`shop.example.com`)', ['websecure'], false],
  ['!HostSNIRegexp that matches the Ingress host', '!HostSNIRegexp(`^.+\\.example\\.com$`)', ['websecure'], false],
  ['HostSNI of another host and a negated one', 'HostSNI(`a.example.com`) && !HostSNI(`b.example.com`)', ['websecure'], false],
  ['a negated compound form (not judged)', '!(HostSNI(`a.example.com`) || ClientIP(`10.0.0.0/8`))', ['websecure'], false],
  ['!HostSNI on another entrypoint', '!HostSNI(`nothing.example.com`)', ['mqtt'], false],
];

describe('70b-19: a TCP route that negates HostSNI', () => {
  test.each(NEGATED_SNI)('%s', (_, match, entryPoints, refused) => {
    const errors = errorsOf(tlsShop(tcpRoute(match, entryPoints)));
    if (refused) expect(errors).toContain('traefik.values.extraObjects[0].spec.routes[0].match');
    if (refused) expect(errors).toContain(TAKES);
    else expect(errors).not.toContain(TAKES);
  });
  test('a long rule of many negations is read in bounded time', () => {
    const match = Array.from({ length: 1500 }, (_, i) => `!HostSNI(\`h${i}.example.com\`)`).join(' && ');
    expect(match.length).toBeLessThan(100_000);
    const started = process.cpuUsage();
    errorsOf(tlsShop(tcpRoute(match)));
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});

// 70b-20: Traefik told to ignore the IngressRoutes it is given.
const IGNORES = 'Traefik ignores IngressRoute default/r (traefik.values.extraObjects[0])';
const IGNORED_NS = "makes Traefik's CRD provider watch only namespace(s)";
const IGNORED_LABELS = "makes Traefik's CRD provider read only objects whose labels match it";
const IGNORED_CLASS = "makes Traefik's CRD provider read only objects annotated kubernetes.io/ingress.class";
const crdRoute = (metadata: object = {}) => ({
  ...ingressRoute('Host(`b.example.com`)'),
  metadata: { name: 'r', namespace: 'default', ...metadata },
});
const withCrdValues = (values: object, route: object = crdRoute()) =>
  withChanges(devConfig(), { traefik: { values: { ...values, extraObjects: [route] } } });

// [case, values (extraObjects aside), route, what the refusal says ('' none)]
const CRD_PROVIDER: Array<[string, object, object, string]> = [
  ['provider off in the values', { providers: { kubernetesCRD: { enabled: false } } }, crdRoute(), IGNORES],
  ['provider off by flag', { additionalArguments: ['--providers.kubernetescrd=false'] }, crdRoute(), IGNORES],
  [
    'provider off, then on again by flag',
    { providers: { kubernetesCRD: { enabled: false } }, additionalArguments: ['--providers.kubernetescrd=true'] },
    crdRoute(),
    '',
  ],
  ['namespaces without the route', { providers: { kubernetesCRD: { namespaces: ['kube-system'] } } }, crdRoute(), IGNORED_NS],
  ['namespaces with the route', { providers: { kubernetesCRD: { namespaces: ['default'] } } }, crdRoute(), ''],
  [
    'namespaces by flag without the route',
    { additionalArguments: ['--providers.kubernetescrd.namespaces=kube-system'] },
    crdRoute(),
    IGNORED_NS,
  ],
  [
    'label selector by flag, route unlabelled',
    { additionalArguments: ['--providers.kubernetescrd.labelselector=team=a'] },
    crdRoute(),
    IGNORED_LABELS,
  ],
  [
    'label selector in the values, route labelled',
    { providers: { kubernetesCRD: { labelSelector: 'team=a' } } },
    crdRoute({ labels: { team: 'a' } }),
    '',
  ],
  [
    'label selector in (a, b), route of team c',
    { providers: { kubernetesCRD: { labelSelector: 'team in (a, b)' } } },
    crdRoute({ labels: { team: 'c' } }),
    IGNORED_LABELS,
  ],
  ['label selector !team, route unlabelled', { providers: { kubernetesCRD: { labelSelector: '!team' } } }, crdRoute(), ''],
  ['ingressClass, route not annotated', { providers: { kubernetesCRD: { ingressClass: 'mine' } } }, crdRoute(), IGNORED_CLASS],
  [
    'ingressClass, route annotated so',
    { providers: { kubernetesCRD: { ingressClass: 'mine' } } },
    crdRoute({ annotations: { 'kubernetes.io/ingress.class': 'mine' } }),
    '',
  ],
  [
    'provider off with no IngressRoute (a Middleware only)',
    { providers: { kubernetesCRD: { enabled: false } } },
    { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'm' }, spec: {} },
    '',
  ],
];

describe('70b-20: Traefik told to ignore the IngressRoutes it is given', () => {
  test.each(CRD_PROVIDER)('%s', (_, values, route, says) => {
    const errors = errorsOf(withCrdValues(values, route));
    for (const text of [IGNORES, IGNORED_NS, IGNORED_LABELS, IGNORED_CLASS]) {
      if (text === says) expect(errors).toContain(text);
      else if (says === '' || text !== IGNORES) expect(errors).not.toContain(text);
    }
  });
});
