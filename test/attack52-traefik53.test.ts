import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { TraefikIngress } from '../src/index';
import { celHolds, celReadable } from '../src/validate/cel-subset';
import { checkGatewayApiRules } from '../src/validate/gateway-api-rules';
import { formatField } from '../src/validate/paths';
import { gatewayApiBundles, gatewayApiCrd } from '../src/validate/gateway-api';
import { clusterRefusal, devConfig, helmChartConfigRefusal, judgedValues, refusalOf, withChanges } from './helpers';

/**
 * Round-51 findings 51b-1 (a healthCheckNodePort takes a node port), 51b-9 (both problems of a healthCheckNodePort in
 * one run), 51b-3 (`syntax` is v2 only when exactly `v2`), 51b-4 (the CEL rules of the vendored HTTPRoute and GRPCRoute
 * CRDs), 51b-6 (TraefikHelmChartConfig's v3 rule syntax; TraefikIngress twins in one chart) and 51b-10 (a bare known
 * option before another flag). One config per door holds each group's rows.
 */

/** The errors of the reference config with `traefik` patched, each `key.path: message`. */
const errorsOf = (traefik: object) =>
  parseConfigText('config/t.yaml', stringify(withChanges(devConfig(), { traefik })))
    .errors.map((d) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, ''))
    .join('\n');
const lineAt = (errors: string, key: string) => errors.split('\n').find((l) => l.startsWith(`${key}: `)) ?? `(nothing at ${key})`;
const lb = (name: string, spec: object) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { type: 'LoadBalancer', loadBalancerClass: 'example.com/other', externalTrafficPolicy: 'Local', ...spec },
});

describe('51b-1: a healthCheckNodePort takes its node port from the same allocator as nodePorts', () => {
  const own = {
    ports: { web: { nodePort: 31000 }, websecure: { expose: { internal: true } } },
    service: {
      spec: { healthCheckNodePort: 31000 },
      additionalServices: { internal: { type: 'LoadBalancer', spec: { externalTrafficPolicy: 'Local', healthCheckNodePort: 31000 } } },
    },
  };
  const extra = {
    service: { spec: { healthCheckNodePort: 31005 } },
    extraObjects: [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'np', namespace: 'default' },
        spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 31005 }] },
      },
      lb('self', { healthCheckNodePort: 31007, ports: [{ port: 80, nodePort: 31007 }] }),
      lb('twin', { healthCheckNodePort: 31005, ports: [{ port: 80 }] }),
      lb('good', { healthCheckNodePort: 31010, ports: [{ port: 80, nodePort: 31011 }] }),
    ],
  };
  const rows: ReadonlyArray<[object, string, string]> = [
    [own, 'service.spec.healthCheckNodePort', "is 31000, the healthCheckNodePort of Traefik's Service, but ports.web.nodePort"],
    [own, 'service.additionalServices.internal.spec.healthCheckNodePort', 'already takes node port 31000'],
    [
      extra,
      'extraObjects[0].spec.ports[0].nodePort',
      "but service.spec.healthCheckNodePort (Traefik's Service) already takes node port 31005",
    ],
    [
      extra,
      'extraObjects[1].spec.healthCheckNodePort',
      'is 31007, the healthCheckNodePort of Service "self", but extraObjects[1].spec.ports[0].nodePort',
    ],
    [
      extra,
      'extraObjects[2].spec.healthCheckNodePort',
      "but service.spec.healthCheckNodePort (Traefik's Service) already takes node port 31005",
    ],
  ];
  const doors = new Map<object, { config: string; cluster: string; chart: string }>(
    [own, extra].map((values) => {
      const traefik = { loadBalancerIPs: ['192.168.0.41'], externalTrafficPolicy: 'Local', values };
      return [values as object, { config: errorsOf(traefik), cluster: clusterRefusal(traefik), chart: helmChartConfigRefusal(traefik) }];
    }),
  );
  test.each(rows.map(([values, key, said]) => [key, values, said] as const))('%s', (key, values, said) => {
    const { config, cluster, chart } = doors.get(values)!;
    expect(lineAt(config, `traefik.values.${key}`)).toContain(said);
    expect(cluster).toContain(`traefik.values.${key}: `);
    expect(cluster).toContain(said);
    expect(chart).toContain(`values.${key}`);
  });
  test('distinct ports beside them are accepted', () => {
    expect(doors.get(extra)!.config).not.toContain('extraObjects[3]');
  });
});

test('51b-9: a healthCheckNodePort outside the range and off Local is told both in one run', () => {
  const values = { service: { spec: { healthCheckNodePort: 20000 } } };
  const said =
    'accepts it only on a LoadBalancer with externalTrafficPolicy Local, and 20000 is also outside the node-port range 30000 to 32767';
  expect(lineAt(judgedValues(values, '39.0.7').errors.join('\n'), 'traefik.values.service.spec.healthCheckNodePort')).toContain(said);
  expect(helmChartConfigRefusal({ values })).toContain(said);
});

describe('51b-3: a route is read as v2 only for syntax exactly v2', () => {
  const route = (syntax: unknown, kind = 'IngressRoute', match = 'Host(`a.example.com`, `b.example.com`)') => ({
    apiVersion: 'traefik.io/v1alpha1',
    kind,
    metadata: { name: `r${String(syntax).trim() || 'e'}`.toLowerCase().replace(/[^a-z0-9]/g, 'x'), namespace: 'default' },
    // A HostSNI naming hosts serves only with tls (68b-15): the TCP rows have it, so only the syntax is judged; and no
    // `kind`, which an IngressRouteTCP's route lacks (77a-17: the API server prunes it).
    spec: {
      routes: [{ match, syntax, ...(kind === 'IngressRoute' && { kind: 'Rule' }), services: [{ name: 's', port: 80 }] }],
      ...(kind === 'IngressRouteTCP' && { tls: {} }),
    },
  });
  const extraObjects = [
    route('V2'),
    route('v2 '),
    route(''),
    route('V2', 'IngressRouteTCP', 'HostSNI(`a.example.com`, `b.example.com`)'),
    route('v2'),
    route('v2', 'IngressRouteTCP', 'HostSNI(`a.example.com`, `b.example.com`)'),
    // One name per item: two objects of one identity in a release are refused (63b-5).
  ].map((object, i) => ({ ...object, metadata: { ...object.metadata, name: `${object.metadata.name}-${i}` } }));
  const errors = judgedValues({ extraObjects }, '39.0.7').errors.join('\n');
  test.each([0, 1, 2, 3])('extraObjects[%i] is judged as v3', (i) => {
    expect(lineAt(errors, `traefik.values.extraObjects[${i}].spec.routes[0].match`)).toMatch(
      /value\(s\), where Traefik v3's rule syntax takes 1/,
    );
  });
  test('a written syntax other than v2 or v3 is named', () => {
    expect(lineAt(errors, 'traefik.values.extraObjects[0].spec.routes[0].match')).toContain('its syntax "V2" is not v2');
  });
  test('exactly v2 is left alone', () => {
    expect(errors).not.toContain('extraObjects[4]');
    expect(errors).not.toContain('extraObjects[5]');
  });
});

describe('51b-4: the CEL rules of the vendored HTTPRoute and GRPCRoute CRDs', () => {
  const parentRefs = [{ name: 'traefik', namespace: 'kube-system' }];
  const grpc = (rule: object) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GRPCRoute',
    metadata: { name: 'g', namespace: 'default' },
    spec: { parentRefs, rules: [rule] },
  });
  const http = (rule: object) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'h', namespace: 'default' },
    spec: { parentRefs, rules: [rule] },
  });
  const backendRefs = [{ name: 's', port: 80 }];
  const rows: ReadonlyArray<[string, object, string, string]> = [
    [
      'GRPCRoute match without service or method',
      grpc({ matches: [{ method: { type: 'Exact' } }], backendRefs }),
      'rules[0].matches[0].method',
      "One or both of 'service' or 'method' must be specified",
    ],
    [
      'GRPCRoute method name',
      grpc({ matches: [{ method: { service: 'foo.Bar', method: 'a/b' } }], backendRefs }),
      'rules[0].matches[0].method',
      'method must only contain valid characters',
    ],
    [
      'GRPCRoute service name',
      grpc({ matches: [{ method: { service: 'foo..Bar' } }], backendRefs }),
      'rules[0].matches[0].method',
      'service must only contain valid characters',
    ],
    [
      'GRPCRoute backend without port',
      grpc({ backendRefs: [{ name: 's' }] }),
      'rules[0].backendRefs[0].port',
      'is missing: Must have port for Service reference',
    ],
    [
      'GRPCRoute RequestMirror without requestMirror',
      grpc({ filters: [{ type: 'RequestMirror' }], backendRefs }),
      'rules[0].filters[0]',
      'filter.requestMirror must be specified for RequestMirror filter.type',
    ],
    [
      'HTTPRoute RequestRedirect without requestRedirect',
      http({ filters: [{ type: 'RequestRedirect' }] }),
      'rules[0].filters[0]',
      'filter.requestRedirect must be specified for RequestRedirect filter.type',
    ],
    [
      'HTTPRoute a field of another filter type',
      http({
        filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'a', value: 'b' }] }, urlRewrite: {} }],
        backendRefs,
      }),
      'rules[0].filters[0]',
      'filter.urlRewrite must be nil if the filter.type is not URLRewrite',
    ],
    [
      'HTTPRoute a filter twice',
      http({
        filters: [
          { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'a', value: 'b' }] } },
          { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'c', value: 'd' }] } },
        ],
        backendRefs,
      }),
      'rules[0].filters',
      'RequestHeaderModifier filter cannot be repeated',
    ],
    [
      'HTTPRoute a redirect beside backends',
      http({ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }], backendRefs }),
      'rules[0]',
      'RequestRedirect filter must not be used together with backendRefs',
    ],
    [
      'HTTPRoute a mirror backend without port',
      http({ filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'm' } } }], backendRefs }),
      'rules[0].filters[0].requestMirror.backendRef.port',
      'is missing: Must have port for Service reference',
    ],
    [
      'HTTPRoute a backend timeout over the request timeout',
      http({ timeouts: { request: '5s', backendRequest: '10s' }, backendRefs }),
      'rules[0].timeouts',
      'backendRequest timeout cannot be longer than request timeout',
    ],
  ];
  const good = [
    grpc({
      matches: [{ method: { service: 'foo.Bar', method: 'Get' } }, { method: { type: 'RegularExpression', service: 'foo\\..*' } }],
      backendRefs: [{ name: 's', port: 50051 }],
    }),
    http({
      matches: [{ path: { type: 'PathPrefix', value: '/api' }, headers: [{ name: 'x', value: 'y' }] }],
      filters: [
        { type: 'RequestHeaderModifier', requestHeaderModifier: { add: [{ name: 'a', value: 'b' }] } },
        { type: 'RequestMirror', requestMirror: { backendRef: { name: 'm', port: 80 }, percent: 10 } },
      ],
      backendRefs: [{ name: 's', port: 80, weight: 1 }],
      timeouts: { request: '10s', backendRequest: '5s' },
    }),
    http({
      matches: [{ path: { type: 'PathPrefix', value: '/old' } }],
      filters: [
        {
          type: 'RequestRedirect',
          requestRedirect: { scheme: 'https', statusCode: 301, path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/x' } },
        },
      ],
    }),
  ];
  // Judged as the API server rules judge every extraObjects item and written manifest (validate/rules.ts
  // API_SERVER_RULES): without the schema check, whose GRPCRoute compile alone takes seconds.
  const findings = (object: object) =>
    checkGatewayApiRules(object as Record<string, unknown>).map((f) => `${formatField(f.path)}: ${f.message}`);
  test.each(rows)('%s', (_, object, key, said) => {
    expect(lineAt(findings(object).join('\n'), `spec.${key}`)).toContain(said);
  });
  test('valid routes beside them are accepted', () => {
    for (const object of good) expect(findings(object)).toEqual([]);
  });
  test('every rule of the vendored route CRDs is read by the CEL subset', () => {
    const unread: string[] = [];
    const walk = (schema: unknown): void => {
      if (!schema || typeof schema !== 'object') return;
      const node = schema as Record<string, unknown>;
      for (const rule of (node['x-kubernetes-validations'] ?? []) as Array<{ rule: string }>)
        if (!celReadable(rule.rule)) unread.push(rule.rule);
      for (const child of Object.values((node.properties ?? {}) as object)) walk(child);
      walk(node.items);
    };
    for (const bundle of gatewayApiBundles())
      for (const kind of ['HTTPRoute', 'GRPCRoute'])
        for (const schema of gatewayApiCrd(bundle, kind)?.versions.values() ?? []) walk(schema);
    expect(unread).toEqual([]);
  });
  test.each<[string, unknown, boolean | undefined]>([
    ["!(has(self.a) && self.type != 'A')", { a: 1, type: 'B' }, false],
    ['self.x == 1 || self.y == 2', { y: 2 }, true],
    ['self.x == 1 && self.y == 2', { y: 3 }, false],
    ['self.x == 1', {}, undefined],
    ['self.all(p, p > 0) && self.exists_one(p, p == 2)', [1, 2, 3], true],
    ["duration(self.a) > duration('1m')", { a: '1h' }, true],
    ['self.matches(r"""^(?i)[a-z]+$""")', 'ABC', true],
    ['unknown(self)', {}, undefined],
  ])('the CEL subset: %s', (rule, self, holds) => {
    expect(celHolds(rule, self)).toBe(holds);
  });
});

describe('51b-6: TraefikHelmChartConfig applies the v3 rule syntax; two TraefikIngress of one name or route in one chart are refused', () => {
  test('a v2 rule in the values and in extraObjects', () => {
    const refusal = helmChartConfigRefusal({
      chartVersion: '39.0.7',
      values: {
        ingressRoute: { dashboard: { enabled: true, matchRule: 'Host(`a`, `b`)' } },
        extraObjects: [
          {
            apiVersion: 'traefik.io/v1alpha1',
            kind: 'IngressRoute',
            metadata: { name: 'r', namespace: 'default' },
            spec: {
              routes: [
                { match: 'Host(`a.example.com`, `b.example.com`) || Headers(`a`,`b`)', kind: 'Rule', services: [{ name: 's', port: 80 }] },
              ],
            },
          },
        ],
      },
    });
    expect(refusal).toContain('values.ingressRoute.dashboard.matchRule gives Host 2 value(s)');
    expect(refusal).toContain('values.extraObjects[0].spec.routes[0].match');
    expect(helmChartConfigRefusal({ values: { ingressRoute: { dashboard: { enabled: true, matchRule: 'Host(`a.example.com`)' } } } })).toBe(
      '',
    );
  });
  const ingress = (chart: Chart, id: string, props: object) =>
    refusalOf(() => new TraefikIngress(chart, id, { name: 'x', host: 'a.example.com', path: '/api', service: 's', port: 80, ...props }));
  test('twins by name and by route, and what differs', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    expect(ingress(chart, 'a', {})).toBe('');
    expect(ingress(chart, 'b', { host: 'b.example.com' })).toContain(
      'name "x" in namespace "default" is already used by the TraefikIngress at c/a',
    );
    expect(ingress(chart, 'c', { name: 'y', path: '/api/' })).toContain(
      'path "/api/" on host "a.example.com" is already routed by the TraefikIngress at c/a',
    );
    expect(ingress(chart, 'd', { namespace: 'other', host: 'c.example.com' })).toBe('');
    // Another chart of the App reaches the same Traefik: refused too since 52b-14 (test/attack54-routes54.test.ts).
    expect(ingress(new Chart(app, 'c2'), 'a', {})).toContain('already routed by the TraefikIngress at c/a in another chart of the App');
  });
});

test('51b-10: a bare known option before another flag is said to take that flag as its value', () => {
  const errors = judgedValues({ additionalArguments: ['--log.level', '--log.format=json'] }, '39.0.7').errors.join('\n');
  const line = lineAt(errors, 'traefik.values.additionalArguments[0]');
  expect(line).toContain(
    'is --log.level without a value, and it is an option that takes one, not a switch: Traefik takes the flag after it as its value',
  );
  expect(line).not.toContain('cannot be told');
});
