import { readFileSync } from 'node:fs';
import { App, Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { chart, find, objects, synthFiles, thrown, withChanges } from './helpers';
import { GatewayApiChart } from '../src/gateway/chart';
import { TraefikGateway } from '../src/gateway/gateway';
import { TraefikHttpRoute } from '../src/gateway/http-route';
import { TraefikHttpsRedirect } from '../src/gateway/https-redirect';
import { K3sVipCluster } from '../src/index';
import { TraefikHelmChartConfig } from '../src/traefik/helm-chart-config';

const EXAMPLE = parse(readFileSync('config/examples/gateway.yaml', 'utf8'));
const example = (patch: any) => withChanges(EXAMPLE, patch);
const valuesOf = (all: ReturnType<typeof objects>, kind: string, name: string) => parse(find(all, kind, name).spec.valuesContent);
const SELECTED = (values: string[]) => ({
  namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values }] } },
});

describe('config/examples/gateway.yaml', () => {
  const all = objects(EXAMPLE);

  test('the Gateway: kube-system, class traefik, the issuer annotation, an HTTP listener and one HTTPS listener per TLS host', () => {
    const gateway = find(all, 'Gateway', 'traefik');
    expect(gateway.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(gateway.metadata).toEqual({
      name: 'traefik',
      namespace: 'kube-system',
      annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
    });
    const allowedRoutes = SELECTED(['blog', 'kube-system', 'monitoring']);
    expect(gateway.spec).toEqual({
      gatewayClassName: 'traefik',
      listeners: [
        // Traefik's entrypoint container ports (8000/8443), not the Service's 80/443.
        { name: 'http', port: 8000, protocol: 'HTTP', allowedRoutes },
        {
          name: 'https.blog.example.com',
          hostname: 'blog.example.com',
          port: 8443,
          protocol: 'HTTPS',
          // cert-manager's gateway-shim needs hostname, mode Terminate and a Secret in the Gateway's namespace.
          tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'tls.blog.example.com' }] },
          allowedRoutes,
        },
      ],
    });
  });

  test('one HTTPRoute per entry: a TLS route on its HTTPS listener only, a plain one on every listener', () => {
    const route = (name: string) => all.find((o) => o.kind === 'HTTPRoute' && o.metadata.name === name)!;
    expect(route('blog').metadata).toEqual({ name: 'blog', namespace: 'blog' });
    expect(route('blog').spec).toEqual({
      parentRefs: [{ name: 'traefik', namespace: 'kube-system', sectionName: 'https.blog.example.com' }],
      hostnames: ['blog.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'blog', port: 8080 }] }],
    });
    expect(route('status').metadata).toEqual({ name: 'status', namespace: 'monitoring' });
    expect(route('status').spec.parentRefs).toEqual([{ name: 'traefik', namespace: 'kube-system' }]);
    expect(route('status').spec.rules[0].backendRefs).toEqual([{ name: 'uptime', port: 3001 }]);
  });

  test("the TLS host's plain HTTP is redirected to HTTPS by a route in kube-system on the HTTP listener", () => {
    const redirect = all.find((o) => o.kind === 'HTTPRoute' && o.metadata.name === 'redirect.blog.example.com')!;
    expect(redirect.metadata.namespace).toBe('kube-system');
    expect(redirect.spec).toEqual({
      parentRefs: [{ name: 'traefik', namespace: 'kube-system', sectionName: 'http' }],
      hostnames: ['blog.example.com'],
      rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
    });
  });

  test('gateway-api.yaml is in the kustomization and names the CRDs it is validated against', () => {
    const files = synthFiles(EXAMPLE);
    expect(parse(files.get('kustomization.yaml')!).resources).toContain('gateway-api.yaml');
    expect(files.get('gateway-api.yaml')!.split('\n').slice(0, 2)).toEqual([
      '# Generated from config/test.yaml by `npm run synth`. Edit the config, not this file.',
      // k3s.version v1.35.3+k3s1 bundles Traefik chart 39.0.5, whose traefik-crd carries Gateway API v1.4.0.
      '# Gateway API CRDs: v1.4.0 (standard channel), as K3s installs them for Traefik chart 39.0.5.',
    ]);
  });

  test("Traefik's values: the provider (and so its RBAC) on, the chart's own Gateway off, its GatewayClass named", () => {
    const values = valuesOf(all, 'HelmChartConfig', 'traefik');
    expect(values.providers).toEqual({ kubernetesGateway: { enabled: true } });
    expect(values.gateway).toEqual({ enabled: false });
    expect(values.gatewayClass).toEqual({ enabled: true, name: 'traefik' });
  });

  test("cert-manager's gateway-shim is on (v1.21 key)", () => {
    expect(valuesOf(all, 'HelmChart', 'cert-manager').config).toEqual({
      apiVersion: 'controller.config.cert-manager.io/v1alpha1',
      kind: 'ControllerConfiguration',
      gatewayAPI: { enabled: true },
    });
  });
});

describe('what the config changes', () => {
  test('without traefik.gateway: no gateway-api.yaml, no Gateway values, no gateway-shim', () => {
    const files = synthFiles(example({ traefik: { gateway: undefined }, httpRoutes: [] }));
    expect(files.has('gateway-api.yaml')).toBe(false);
    expect(files.get('traefik-config.yaml')).not.toMatch(/gateway/i);
    expect(files.get('cert-manager.yaml')).not.toMatch(/gateway/i);
  });

  test('traefik.gateway without routes: the HTTP listener alone, kube-system only, no issuer annotation', () => {
    const gateway = find(objects(example({ httpRoutes: [] })), 'Gateway', 'traefik');
    expect(gateway.metadata.annotations).toBeUndefined();
    expect(gateway.spec.listeners).toEqual([
      { name: 'http', port: 8000, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } },
    ]);
  });

  test.each<[string, unknown, unknown]>([
    ['All', 'All', { namespaces: { from: 'All' } }],
    ['a list (kube-system added for the redirect routes)', ['blog', 'monitoring', 'blog'], SELECTED(['blog', 'kube-system', 'monitoring'])],
  ])('routeNamespaces %s', (_name, routeNamespaces, expected) => {
    const gateway = find(objects(example({ traefik: { gateway: { routeNamespaces } } })), 'Gateway', 'traefik');
    expect(gateway.spec.listeners.map((l: any) => l.allowedRoutes)).toEqual([expected, expected]);
  });

  test('the name of the Gateway reaches its routes', () => {
    const all = objects(example({ traefik: { gateway: { name: 'public' } } }));
    expect(find(all, 'Gateway', 'public').metadata.namespace).toBe('kube-system');
    expect(all.filter((o) => o.kind === 'HTTPRoute').map((o) => o.spec.parentRefs[0].name)).toEqual(['public', 'public', 'public']);
  });

  test("listener ports follow Traefik's entrypoint ports when traefik.values moves them", () => {
    const all = objects(example({ traefik: { values: { ports: { web: { port: 8081 }, websecure: { port: 8444 } } } } }));
    expect(find(all, 'Gateway', 'traefik').spec.listeners.map((l: any) => l.port)).toEqual([8081, 8444]);
  });

  test('a wildcard host gets collision-free names', () => {
    const config = example({
      httpRoutes: [
        { ...EXAMPLE.httpRoutes[0], host: '*.example.com' },
        { ...EXAMPLE.httpRoutes[0], name: 'w', host: 'wildcard.example.com' },
      ],
    });
    const all = objects(config);
    const listeners = find(all, 'Gateway', 'traefik').spec.listeners.slice(1);
    expect(listeners.map((l: any) => [l.name, l.hostname, l.tls.certificateRefs[0].name])).toEqual([
      ['https-wildcard.example.com', '*.example.com', 'tls-wildcard.example.com'],
      ['https.wildcard.example.com', 'wildcard.example.com', 'tls.wildcard.example.com'],
    ]);
    expect(all.filter((o) => o.metadata.name.startsWith('redirect')).map((o) => o.metadata.name)).toEqual([
      'redirect-wildcard.example.com',
      'redirect.wildcard.example.com',
    ]);
  });

  test('an HTTP-01 issuer: no redirect route for its host, which keeps the HTTP listener free for the solver', () => {
    const config = example({ certManager: { issuers: { letsencrypt: { email: 'ops@example.com', solver: 'http01' } } } });
    expect(objects(config).filter((o) => o.metadata.name.startsWith('redirect.'))).toEqual([]);
  });

  test('K3sVipCluster takes the same keys and writes the same objects', () => {
    const app = Testing.app();
    new K3sVipCluster(app, 'test', EXAMPLE);
    const fromApi = app.charts.flatMap((c) => c.toJson()).filter((o) => o.apiVersion.startsWith('gateway.networking.k8s.io/'));
    expect(fromApi).toEqual(objects(EXAMPLE).filter((o) => o.apiVersion.startsWith('gateway.networking.k8s.io/')));
  });
});

describe('constructs refuse what the Gateway API or Traefik would not take', () => {
  test.each<[string, () => void, string[]]>([
    [
      'TraefikGateway: names, ports and namespaces',
      () => new TraefikGateway(chart(), 'g', { name: 'Public', httpPort: 0, httpsPort: 70000, routeNamespaces: [], clusterIssuer: 'Le' }),
      [
        'TraefikGateway: name "Public" is not a valid name',
        'TraefikGateway: clusterIssuer "Le" is not a valid name',
        'TraefikGateway: httpPort',
        'TraefikGateway: httpsPort',
        'TraefikGateway: routeNamespaces is empty: list at least one namespace, or write "Same" or "All"',
      ],
    ],
    [
      'TraefikGateway: one port for both entrypoints, an unknown routeNamespaces',
      () => new TraefikGateway(chart(), 'g', { httpPort: 8000, httpsPort: 8000, routeNamespaces: 'Some' as any }),
      [
        'TraefikGateway: httpsPort is 8000, as httpPort is: give each entrypoint its own port',
        'TraefikGateway: routeNamespaces "Some" is a string: expected "All", "Same" or a list of namespaces',
      ],
    ],
    [
      'TraefikGateway: hosts',
      () => new TraefikGateway(chart(), 'g', { httpsHosts: ['a.example.com', 'a.example.com', '10.0.0.1'] }),
      [
        'TraefikGateway: httpsHosts[1] "a.example.com" is listed twice: list each host once',
        'TraefikGateway: httpsHosts[2] "10.0.0.1" is an IP address',
      ],
    ],
    [
      'TraefikHttpRoute: a port name, a bad path, a non-boolean httpsOnly',
      () =>
        new TraefikHttpRoute(chart(), 'r', {
          name: 'r',
          host: 'a.example.com',
          serviceName: 's',
          servicePort: 'http' as any,
          path: '/a//b',
          httpsOnly: 'yes' as any,
        }),
      [
        'TraefikHttpRoute: path "/a//b" contains "//"',
        `TraefikHttpRoute: servicePort "http" is a port name, but an HTTPRoute's backendRefs[].port is a port number: give the Service port's number`,
        'TraefikHttpRoute: httpsOnly "yes" is a string: expected true or false',
      ],
    ],
    [
      'TraefikHttpsRedirect: not a host',
      () => new TraefikHttpsRedirect(chart(), 'x', { host: 'https://a.example.com/' }),
      ['TraefikHttpsRedirect: host "https://a.example.com/" is a URL: write only the host name, "a.example.com"'],
    ],
    [
      'GatewayApiChart: a route twice, HTTPS without a listener, a redirect without one',
      () =>
        new GatewayApiChart(new App(), 'gateway-api', {
          gateway: { httpsHosts: ['a.example.com'] },
          routes: [
            { name: 'r', host: 'a.example.com', serviceName: 's', servicePort: 80 },
            { name: 'r', host: 'b.example.com', serviceName: 's', servicePort: 80, httpsOnly: true },
          ],
          httpsRedirects: ['b.example.com'],
        }),
      [
        'GatewayApiChart: routes[1].name "r" is also the name of routes[0] in its namespace: name each HTTPRoute once',
        'GatewayApiChart: routes[1].httpsOnly is true, but the Gateway has no HTTPS listener for "b.example.com": add the host to gateway.httpsHosts',
        'GatewayApiChart: httpsRedirects[0] "b.example.com" has no HTTPS listener to redirect to: add it to gateway.httpsHosts',
      ],
    ],
    [
      'GatewayApiChart: no gateway props',
      () => new GatewayApiChart(new App(), 'gateway-api', { gateway: null as any }),
      ["GatewayApiChart: gateway is null: expected the Gateway's props, an object ({} for the defaults)"],
    ],
    [
      'TraefikHelmChartConfig: the Gateway on a Traefik v2 chart',
      () => new TraefikHelmChartConfig(chart(), 'h', { chartVersion: '27.0.2', gateway: true }),
      ["TraefikHelmChartConfig: gateway needs Traefik's Gateway API provider, but Traefik chart 27.0.2 deploys Traefik v2"],
    ],
  ])('%s', (_name, build, expected) => {
    const lines = thrown(build).message.split('\n');
    expect(lines).toHaveLength(expected.length);
    lines.forEach((line, i) => expect(line.startsWith(expected[i])).toBe(true));
  });

  test('GatewayApiChart records the target CRDs for the validator', () => {
    const app = new App();
    const gatewayApi = { bundle: 'v1.2.1', source: 'as K3s installs them for Traefik chart 34.2.0' };
    expect(new GatewayApiChart(app, 'gateway-api', { gateway: {}, gatewayApi }).fileNote).toBe(
      '# Gateway API CRDs: v1.2.1 (standard channel), as K3s installs them for Traefik chart 34.2.0.\n',
    );
    expect(new GatewayApiChart(new App(), 'gateway-api', { gateway: {} }).fileNote).toBe('');
    expect(Chart.isChart(app.node.findChild('gateway-api'))).toBe(true);
  });
});

describe('TraefikHttpRoute takes service and port, as the config and TraefikIngress do', () => {
  const backend = (props: Record<string, unknown>) => {
    const c = chart();
    new TraefikHttpRoute(c, 'r', { name: 'r', host: 'a.example.com', ...props } as never);
    return Testing.synth(c)[0].spec.rules[0].backendRefs;
  };
  test.each([
    ['service/port', { service: 'web', port: 8080 }],
    ['the deprecated serviceName/servicePort', { serviceName: 'web', servicePort: 8080 }],
    ['both, equal', { service: 'web', serviceName: 'web', port: 8080, servicePort: 8080 }],
  ])('%s', (_, props) => {
    expect(backend(props)).toEqual([{ name: 'web', port: 8080 }]);
  });
  test('both, different: refused under the deprecated key', () => {
    expect(() => backend({ service: 'web', serviceName: 'api', port: 80 })).toThrow(
      'TraefikHttpRoute: serviceName "api" differs from service "web": serviceName is the deprecated name of service; give only service',
    );
  });
  test('neither: the new key is required', () => {
    expect(() => backend({})).toThrow(/TraefikHttpRoute: service is required/);
  });
});
