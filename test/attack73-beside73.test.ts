import { readFileSync } from 'node:fs';
import { ApiObject, App, Chart } from 'cdk8s';
import { parse } from 'yaml';
import { AcmeClusterIssuer, K3sVipCluster } from '../src/index';
import { configErrors, devConfig, refusalOf, withChanges } from './helpers';

/**
 * Round 73 (beside73): objects beside a K3sVipCluster meet the rules the config door applies to the same kind.
 * 72a-2: an Ingress's ingressClassName and backend port name are held to the API server's rules (validate/, so every
 * door). 72a-3: an HTTPRoute beside the cluster is judged as an item of its traefik.values.extraObjects, with the very
 * function the config door uses (a listener, host and path another route holds; an Ingress's host, a warning).
 * 72a-4: an HTTPRoute from a namespace the Gateway does not admit is refused in extraObjects and beside, as
 * httpRoutes[] is. 72a-8: a ClusterIssuer the app defines satisfies the cluster's own tls.issuer. Each refused row
 * has a passing neighbour.
 */
type Props = Record<string, any>;
type Put = (chart: Chart) => void;
const gatewayProps = (): Props => parse(readFileSync('config/examples/gateway.yaml', 'utf8'));
const put =
  (...objects: object[]): Put =>
  (chart) =>
    objects.forEach((o, i) => new ApiObject(chart, `o${i}`, o as never));

/** Builds the cluster and a sibling chart `mine`, synthesizes, and says the refusal ('' if none) and the warnings. */
function beside(props: Props, contents: Put): { refusal: string; warnings: string } {
  let warnings = '';
  const refusal = refusalOf(() => {
    const app = new App();
    const cluster = new K3sVipCluster(app, 'dev', props as never);
    contents(new Chart(app, 'mine'));
    app.synthYaml();
    warnings = cluster.warnings.map((w) => w.message).join('\n');
  });
  return { refusal, warnings };
}

const ingress = (change: (spec: any) => void = () => undefined) => {
  const spec: any = {
    ingressClassName: 'traefik',
    rules: [
      {
        host: 'q.example.com',
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'y', port: { number: 80 } } } }] },
      },
    ],
  };
  change(spec);
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'q', namespace: 'default' }, spec };
};
const port = (value: object) => (spec: any) => (spec.rules[0].http.paths[0].backend.service.port = value);

const httpRoute = (namespace: string | undefined, host: string, path = '/', name = 'r', gateway = 'traefik') => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name, ...(namespace && { namespace }) },
  spec: {
    parentRefs: [{ name: gateway, namespace: 'kube-system' }],
    hostnames: [host],
    rules: [{ matches: [{ path: { type: 'PathPrefix', value: path } }], backendRefs: [{ name: 'svc', port: 80 }] }],
  },
});

const clusterIssuer = (name: string, solvers: object[] = [{ http01: { ingress: { ingressClassName: 'traefik' } } }]) => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'ClusterIssuer',
  metadata: { name },
  spec: {
    acme: {
      server: 'https://acme-v02.api.letsencrypt.org/directory',
      email: 'ops@example.org',
      privateKeySecretRef: { name: `${name}-key` },
      solvers,
    },
  },
});
const DNS01 = [{ dns01: { cloudflare: { apiTokenSecretRef: { name: 'cf', key: 'token' } } } }];
const withIssuerIngress = (host = 'q.example.com', issuer = 'mine'): Props =>
  withChanges(devConfig(), {
    certManager: {},
    ingresses: [{ name: 'q', host, service: 'y', port: 80, tls: { issuer } }],
  });

// [finding and case, cluster props, sibling chart's contents, refusal expected (undefined: accepted), warning expected]
const ROWS: Array<[string, () => Props, Put, RegExp | undefined, RegExp | undefined]> = [
  // 72a-2: API server rules on an Ingress beside the cluster
  [
    '72a-2 ingressClassName "Traefik"',
    devConfig,
    put(ingress((s) => (s.ingressClassName = 'Traefik'))),
    /mine\.yaml: Ingress\/default\/q \(construct mine\/o0\): spec\.ingressClassName "Traefik" is not a valid name: .*IngressClass name is a DNS-1123 subdomain/,
    undefined,
  ],
  [
    '72a-2 ingressClassName "my_class"',
    devConfig,
    put(ingress((s) => (s.ingressClassName = 'my_class'))),
    /spec\.ingressClassName "my_class" is not a valid name/,
    undefined,
  ],
  [
    '72a-2 neighbour: ingressClassName "nginx-internal"',
    devConfig,
    put(ingress((s) => (s.ingressClassName = 'nginx-internal'))),
    undefined,
    undefined,
  ],
  [
    '72a-2 backend port name "HTTP_X"',
    devConfig,
    put(ingress(port({ name: 'HTTP_X' }))),
    /spec\.rules\[0\]\.http\.paths\[0\]\.backend\.service\.port\.name is "HTTP_X", which is not a port name/,
    undefined,
  ],
  [
    '72a-2 backend port name of 16 characters',
    devConfig,
    put(ingress(port({ name: 'abcdefghijklmnop' }))),
    /port\.name is "abcdefghijklmnop", which is not a port name \(it has 16 characters\)/,
    undefined,
  ],
  ['72a-2 neighbour: backend port name "http"', devConfig, put(ingress(port({ name: 'http' }))), undefined, undefined],
  ['72a-2 neighbour: backend port name of 15 characters', devConfig, put(ingress(port({ name: 'abcdefghijklmno' }))), undefined, undefined],
  [
    '72a-2 backend port with both name and number',
    devConfig,
    put(ingress(port({ name: 'http', number: 80 }))),
    /backend\.service\.port sets both name and number/,
    undefined,
  ],
  [
    '72a-2 default backend port name "Web"',
    devConfig,
    put(
      ingress((s) => {
        delete s.rules;
        s.defaultBackend = { service: { name: 'y', port: { name: 'Web' } } };
      }),
    ),
    /spec\.defaultBackend\.service\.port\.name is "Web", which is not a port name/,
    undefined,
  ],
  // 72a-3: an HTTPRoute beside the cluster against its own routes
  [
    "72a-3 HTTPRoute on an httpRoutes entry's host and path",
    gatewayProps,
    put(httpRoute('blog', 'blog.example.com')),
    /mine\.yaml: HTTPRoute\/blog\/r \(construct mine\/o0\): spec\.rules\[0\]\.matches\[0\] host "blog\.example\.com" with path "\/" is already routed by httpRoutes\[0\]/,
    undefined,
  ],
  [
    '72a-3 neighbour: the same host on another path',
    gatewayProps,
    put(httpRoute('blog', 'blog.example.com', '/api')),
    undefined,
    undefined,
  ],
  [
    '72a-3 two HTTPRoutes beside on one host and path: the second names the first',
    gatewayProps,
    put(httpRoute('blog', 'new.example.com', '/', 'a'), httpRoute('blog', 'new.example.com', '/', 'b')),
    /HTTPRoute\/blog\/b \(construct mine\/o1\): .*is already routed by HTTPRoute\/blog\/a in mine\.yaml/,
    undefined,
  ],
  [
    "72a-3 HTTPRoute on an Ingress's host: the warning",
    gatewayProps,
    put(httpRoute('blog', 'shop.example.com')),
    undefined,
    /mine\.yaml: HTTPRoute\/blog\/r \(construct mine\/o0\): spec\.hostnames\[0\] "shop\.example\.com" is also routed by ingresses\[0\]/,
  ],
  ['72a-3 neighbour: a host no Ingress routes, no warning', gatewayProps, put(httpRoute('blog', 'new.example.com')), undefined, undefined],
  // 72a-4: a namespace the Gateway does not admit
  [
    '72a-4 HTTPRoute from a namespace the Gateway does not admit',
    gatewayProps,
    put(httpRoute('other', 'other.example.com')),
    /HTTPRoute\/other\/r \(construct mine\/o0\): metadata\.namespace puts the HTTPRoute in namespace "other", but Gateway kube-system\/traefik admits only routes of namespaces blog, kube-system, monitoring/,
    undefined,
  ],
  [
    '72a-4 HTTPRoute without a namespace lands in default, which the Gateway does not admit',
    gatewayProps,
    put(httpRoute(undefined, 'other.example.com')),
    /namespace "default", but Gateway kube-system\/traefik admits only routes/,
    undefined,
  ],
  [
    '72a-4 neighbour: a namespace the Gateway admits',
    gatewayProps,
    put(httpRoute('monitoring', 'other.example.com')),
    undefined,
    undefined,
  ],
  [
    '72a-4 neighbour: routeNamespaces All',
    () => withChanges(gatewayProps(), { traefik: { gateway: { routeNamespaces: 'All' } } }),
    put(httpRoute('other', 'other.example.com')),
    undefined,
    undefined,
  ],
  [
    '72a-4 neighbour: a route on another Gateway',
    gatewayProps,
    put(httpRoute('other', 'other.example.com', '/', 'r', 'elsewhere')),
    undefined,
    undefined,
  ],
  // 72a-8: a ClusterIssuer the app defines satisfies the cluster's own tls.issuer
  [
    '72a-8 app ClusterIssuer object for ingresses[].tls.issuer',
    () => withIssuerIngress(),
    put(clusterIssuer('mine')),
    undefined,
    undefined,
  ],
  [
    '72a-8 the library AcmeClusterIssuer for ingresses[].tls.issuer',
    () => withIssuerIngress(),
    (chart) => new AcmeClusterIssuer(chart, 'mine', { name: 'mine', email: 'ops@example.org', solver: 'http01' }),
    undefined,
    undefined,
  ],
  [
    '72a-8 neighbour: no ClusterIssuer of that name in the app',
    () => withIssuerIngress(),
    put(clusterIssuer('other')),
    /ingresses\[0\]\.tls\.issuer: "mine" is not defined: there is no certManager\.issuers/,
    undefined,
  ],
  ['72a-8 neighbour: nothing beside', () => withIssuerIngress(), put(), /ingresses\[0\]\.tls\.issuer: "mine" is not defined/, undefined],
  [
    "72a-8 an app HTTP-01 ClusterIssuer for a wildcard host: the issuer's rule",
    () => withIssuerIngress('*.example.com'),
    put(clusterIssuer('mine')),
    /ingresses\[0\]\.host: "\*\.example\.com" is a wildcard, but issuer "mine" uses HTTP-01/,
    undefined,
  ],
  [
    '72a-8 neighbour: an app DNS-01 ClusterIssuer for a wildcard host',
    () => withIssuerIngress('*.example.com'),
    put(clusterIssuer('mine', DNS01)),
    undefined,
    undefined,
  ],
  [
    '72a-8 an app ClusterIssuer for httpRoutes[].tls.issuer',
    () =>
      withChanges(gatewayProps(), {
        httpRoutes: [{ name: 'blog', namespace: 'blog', host: 'blog.example.com', service: 'blog', port: 8080, tls: { issuer: 'mine' } }],
      }),
    put(clusterIssuer('mine', DNS01)),
    undefined,
    undefined,
  ],
];

describe('round 73: objects beside a K3sVipCluster meet the config door rules of their kind', () => {
  test.each(ROWS)('%s', (_name, props, contents, refused, warned) => {
    const { refusal, warnings } = beside(props(), contents);
    if (refused) expect(refusal).toMatch(refused);
    else expect(refusal).toBe('');
    if (warned) expect(warnings).toMatch(warned);
    else if (!refused) expect(warnings).not.toMatch(/HTTPRoute|Ingress\/default\/q/);
  });
});

// 72a-4 at the config door: an extraObjects HTTPRoute, [case, route, refusal expected]
const EXTRA: Array<[string, object, RegExp | undefined]> = [
  [
    'a namespace the Gateway does not admit',
    httpRoute('other', 'other.example.com'),
    /traefik\.values\.extraObjects\[0\]\.metadata\.namespace: puts the HTTPRoute in namespace "other", but Gateway kube-system\/traefik admits only routes of namespaces blog, kube-system, monitoring, so the Gateway would refuse the route/,
  ],
  ['neighbour: a namespace it admits', httpRoute('blog', 'other.example.com'), undefined],
  ['neighbour: no namespace (the release namespace, kube-system)', httpRoute(undefined, 'other.example.com'), undefined],
  ['neighbour: a route on another Gateway', httpRoute('other', 'other.example.com', '/', 'r', 'elsewhere'), undefined],
];

describe('round 73: an extraObjects HTTPRoute from a namespace the Gateway does not admit (72a-4)', () => {
  test.each(EXTRA)('config door: %s', (_name, route, expected) => {
    const errors = configErrors(withChanges(gatewayProps(), { traefik: { values: { extraObjects: [route] } } })).join('\n');
    if (expected) expect(errors).toMatch(expected);
    else expect(errors).toBe('');
  });
  test('construct props: a namespace the Gateway does not admit', () => {
    const props = withChanges(gatewayProps(), { traefik: { values: { extraObjects: [httpRoute('other', 'other.example.com')] } } });
    expect(beside(props, put()).refusal).toMatch(/extraObjects\[0\]\.metadata\.namespace: puts the HTTPRoute in namespace "other"/);
  });
});
