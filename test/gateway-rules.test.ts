import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { withChanges } from './helpers';
import { parseConfigText } from '../src/config/load';
import { formatPath } from '../src/core/problem';

const FILE = 'config/t.yaml';
/** config/examples/gateway.yaml: routes blog (TLS, DNS-01 issuer letsencrypt) and status (plain), Ingress shop (plain). */
const EXAMPLE = parse(readFileSync('config/examples/gateway.yaml', 'utf8'));
const example = (patch: any) => withChanges(EXAMPLE, patch);
const [BLOG, STATUS] = EXAMPLE.httpRoutes;
const SHOP = EXAMPLE.ingresses[0];
const HTTP01 = { email: 'ops@example.com', solver: 'http01' };

type Found = Array<[path: string, part: string]>;
const found = (problems: ReadonlyArray<{ path: ReadonlyArray<string | number>; message: string }>) =>
  problems.map((p) => [formatPath(p.path), p.message] as const);
const result = (config: unknown) => parseConfigText(FILE, stringify(config));

/** Exactly these findings, each at its key path and with its message containing `part`. */
function expectFindings(actual: ReadonlyArray<readonly [string, string]>, expected: Found) {
  expect(actual.map(([path]) => path)).toEqual(expected.map(([path]) => path));
  actual.forEach(([, message], i) => expect(message).toContain(expected[i][1]));
}

test('the example is valid, without warnings', () => {
  const { errors, warnings } = result(EXAMPLE);
  expect(found(errors)).toEqual([]);
  expect(found(warnings)).toEqual([]);
});

describe('refusals', () => {
  test.each<[string, any, Found]>([
    [
      'httpRoutes without traefik.gateway',
      example({ traefik: { gateway: undefined } }),
      [['httpRoutes', "need a Gateway to attach to: add `gateway: {}` under traefik, which turns on Traefik's Gateway API provider"]],
    ],
    [
      'a Traefik ACME resolver: it cannot serve a Gateway listener',
      example({ httpRoutes: [{ ...BLOG, tls: { certResolver: 'le' } }, STATUS] }),
      [
        [
          'httpRoutes[0].tls.certResolver',
          `"le": Traefik's ACME resolvers cannot issue certificates for Gateway listeners (traefik/traefik-helm-chart#1467), so the host would get none: use tls.issuer`,
        ],
      ],
    ],
    [
      'tls without a source',
      example({ httpRoutes: [{ ...BLOG, tls: {} }, STATUS] }),
      [['httpRoutes[0].tls', 'names no certificate source: give issuer']],
    ],
    [
      'an undefined issuer',
      example({ httpRoutes: [{ ...BLOG, tls: { issuer: 'nope' } }, STATUS] }),
      [['httpRoutes[0].tls.issuer', '"nope" is not defined: certManager.issuers has "letsencrypt"; add it under certManager.issuers']],
    ],
    [
      'an issuer named like an Object member',
      example({ httpRoutes: [{ ...BLOG, tls: { issuer: 'constructor' } }, STATUS] }),
      [
        [
          'httpRoutes[0].tls.issuer',
          '"constructor" is not defined: certManager.issuers has "letsencrypt"; add it under certManager.issuers',
        ],
      ],
    ],
    [
      'an issuer without certManager',
      example({ certManager: undefined }),
      [['httpRoutes[0].tls.issuer', '"letsencrypt" is not defined: there is no certManager.issuers']],
    ],
    [
      'a named Service port: backendRefs[].port is a number',
      example({ httpRoutes: [BLOG, { ...STATUS, port: 'http' }] }),
      [
        [
          'httpRoutes[1].port',
          `"http" is a Service port name, but an HTTPRoute's backendRefs[].port is a port number (Gateway API PortNumber)`,
        ],
      ],
    ],
    [
      'K3s v1.32.0+k3s1: Traefik v2, no Gateway provider',
      example({ k3s: { version: 'v1.32.0+k3s1' } }),
      [
        [
          'traefik.gateway',
          "needs Traefik's Gateway API provider, but K3s v1.32.0+k3s1 bundles Traefik v2, which has none: use K3s v1.32.2+k3s1 or newer",
        ],
      ],
    ],
    [
      'K3s v1.31.6+k3s1 (a line the table does not list): Traefik v2',
      example({ k3s: { version: 'v1.31.6+k3s1' } }),
      [['traefik.gateway', 'but K3s v1.31.6+k3s1 bundles Traefik v2']],
    ],
    [
      'chart 27.0.2 given by hand: Traefik v2',
      example({ k3s: { version: undefined, servers: undefined }, traefik: { chartVersion: '27.0.201+up27.0.2' } }),
      [['traefik.gateway', "needs Traefik's Gateway API provider, but Traefik chart 27.0.201+up27.0.2 deploys Traefik v2, which has none"]],
    ],
    [
      'chart 33.2.1: a Traefik v3 chart no K3s release bundles',
      example({ k3s: { version: undefined, servers: undefined }, traefik: { chartVersion: '33.2.1' } }),
      [['traefik.gateway', "is not written for Traefik chart 33.2.1: this tool's Gateway starts with chart 34.0.0"]],
    ],
    [
      'two issuers: one cert-manager.io/cluster-issuer per Gateway',
      example({
        certManager: { issuers: { staging: { ...EXAMPLE.certManager.issuers.letsencrypt, server: 'staging' } } },
        httpRoutes: [BLOG, { ...STATUS, tls: { issuer: 'staging' } }],
      }),
      [['httpRoutes[1].tls.issuer', '"staging" is not "letsencrypt" of httpRoutes[0]: cert-manager takes the issuer of every listener']],
    ],
    [
      'a plain route behind traefik.redirectToHttps: HTTPS has no listener for its host',
      example({ traefik: { redirectToHttps: true } }),
      [
        [
          'httpRoutes[1]',
          'has no tls, but traefik.redirectToHttps sends every http:// request to HTTPS, where the Gateway has no listener for "status.example.com"',
        ],
      ],
    ],
    [
      'a plain route at / of a TLS host competes with its redirect',
      example({
        httpRoutes: [
          { ...BLOG, path: '/admin' },
          { ...STATUS, host: 'blog.example.com', namespace: 'blog', name: 'blog-plain' },
        ],
      }),
      [['httpRoutes[1].path', 'is "/" on "blog.example.com", whose plain HTTP requests the Gateway redirects to HTTPS']],
    ],
    [
      'a namespace the Gateway does not let in',
      example({ traefik: { gateway: { routeNamespaces: ['blog'] } } }),
      [['httpRoutes[1].namespace', '"monitoring" is not in traefik.gateway.routeNamespaces (blog), so the Gateway would refuse the route']],
    ],
    [
      'routeNamespaces Same: kube-system only',
      example({ traefik: { gateway: { routeNamespaces: 'Same' } } }),
      [
        ['httpRoutes[0].namespace', '"blog" is not kube-system, but traefik.gateway.routeNamespaces is Same'],
        ['httpRoutes[1].namespace', '"monitoring" is not kube-system'],
      ],
    ],
    [
      'the same name twice in a namespace, and one host and path twice',
      example({ httpRoutes: [BLOG, { ...BLOG, path: '/api' }, { ...STATUS, name: 'other' }, { ...STATUS, name: 'again', path: '/' }] }),
      [
        ['httpRoutes[1].name', '"blog" in namespace "blog" is already used by httpRoutes[0]'],
        ['httpRoutes[3].path', 'host "status.example.com" with path "/" is already routed by httpRoutes[2]'],
      ],
    ],
    [
      "the name of the Gateway's redirect route",
      example({ httpRoutes: [BLOG, { ...STATUS, namespace: 'kube-system', name: 'redirect.blog.example.com' }] }),
      [
        [
          'httpRoutes[1].name',
          `"redirect.blog.example.com" in kube-system is the name of the Gateway's redirect route for "blog.example.com"`,
        ],
      ],
    ],
    [
      'a wildcard host with an HTTP-01 issuer',
      example({ certManager: { issuers: { letsencrypt: HTTP01 } }, httpRoutes: [{ ...BLOG, host: '*.example.com' }, STATUS] }),
      [['httpRoutes[0].host', '"*.example.com" is a wildcard, but issuer "letsencrypt" uses HTTP-01']],
    ],
  ])('%s', (_name, config, expected) => {
    expectFindings(found(result(config).errors), expected);
  });

  test('more TLS hosts than a Gateway has listeners', () => {
    const routes = Array.from({ length: 64 }, (_, i) => ({ ...BLOG, name: `site-${i}`, host: `site-${i}.example.com` }));
    expectFindings(found(result(example({ httpRoutes: routes })).errors), [
      [
        'httpRoutes',
        'have 64 TLS hosts, each an HTTPS listener of the Gateway, which with the HTTP listener holds at most 64 (Gateway API)',
      ],
    ]);
    expect(found(result(example({ httpRoutes: routes.slice(0, 63) })).errors)).toEqual([]);
  });

  test("a host too long for the Gateway's names of it", () => {
    // 239 characters: its redirect route's name ("redirect." + host) would be 248, its listener 245 (fine); 245 tips the redirect.
    const host = (length: number) => `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(length - 60 * 3 - 3 - 4)}.com`;
    expect(host(245)).toHaveLength(245);
    expect(found(result(example({ httpRoutes: [{ ...BLOG, host: host(244) }, STATUS] })).errors)).toEqual([]);
    expectFindings(found(result(example({ httpRoutes: [{ ...BLOG, host: host(245) }, STATUS] })).errors), [
      ['httpRoutes[0].host', "is 245 characters long, and the Gateway's names for it reach 254 characters"],
    ]);
  });
});

describe('the Traefik values escape hatch cannot bypass or shadow traefik.gateway', () => {
  test.each([['--providers.kubernetesgateway'], ['--providers.kubernetesGateway=true'], ['-PROVIDERS.KUBERNETESGATEWAY=TRUE']])(
    'additionalArguments %p: refused, with or without traefik.gateway',
    (flag) => {
      for (const gateway of [{}, undefined]) {
        const config = example({
          traefik: { gateway, values: { additionalArguments: ['--log.level=DEBUG', flag] } },
          httpRoutes: gateway ? EXAMPLE.httpRoutes : [],
        });
        expectFindings(found(result(config).errors), [
          [
            'traefik.values.additionalArguments[1]',
            "turns on Traefik's Gateway API provider without its RBAC: the chart renders the Gateway API rules of its ClusterRole only with providers.kubernetesGateway.enabled",
          ],
        ]);
      }
    },
  );

  test('--providers.kubernetesgateway.experimentalchannel=true is not the switch: allowed', () => {
    const config = example({ traefik: { values: { additionalArguments: ['--providers.kubernetesgateway.experimentalchannel=true'] } } });
    expect(found(result(config).errors)).toEqual([]);
  });

  test('gateway.* keys have no effect once the chart Gateway is off; a conflicting switch names traefik.gateway', () => {
    const config = example({
      traefik: { values: { gateway: { enabled: true, listeners: { web: { port: 8000 } } }, gatewayClass: { name: 'other' } } },
    });
    expect(found(result(config).errors)).toEqual([
      [
        'traefik.values.gateway.enabled',
        'is true, but traefik.gateway makes this tool write false there: change traefik.gateway instead, or drop the key from traefik.values',
      ],
      [
        'traefik.values.gateway.listeners',
        "has no effect: traefik.gateway turns the chart's own Gateway off (gateway.enabled: false) and writes the Gateway as a manifest, gateway-api.yaml: set its options under traefik.gateway, or drop the key",
      ],
      [
        'traefik.values.gatewayClass.name',
        'is "other", but traefik.gateway makes this tool write "traefik" there: change traefik.gateway instead, or drop the key from traefik.values',
      ],
    ]);
  });

  test("without traefik.gateway, gateway.* values are the chart's own business (checked by its schema only)", () => {
    const config = example({
      traefik: { gateway: undefined, values: { gateway: { listeners: { web: { namespacePolicy: { from: 'All' } } } } } },
      httpRoutes: [],
    });
    expect(found(result(config).errors)).toEqual([]);
  });
});

describe('warnings', () => {
  test.each<[string, any, Found]>([
    [
      'the same host as an Ingress: allowed while it moves; on path "/" the Ingress wins (55a-2)',
      example({ httpRoutes: [BLOG, { ...STATUS, host: SHOP.host }] }),
      [
        [
          'httpRoutes[1].host',
          '"shop.example.com" is also routed by ingresses[0]: fine while the host moves, but Traefik ranks a Gateway route of path "/" at 1 plus the length of its host, below every Ingress route of the host',
        ],
      ],
    ],
    [
      "the provider's experimental channel: K3s installs the standard one",
      example({ traefik: { values: { providers: { kubernetesGateway: { experimentalChannel: true } } } } }),
      [
        [
          'traefik.values.providers.kubernetesGateway.experimentalChannel',
          "is on, but K3s installs the Gateway API's standard channel only",
        ],
      ],
    ],
    [
      'an HTTP-01 issuer: no redirect for its host, so http:// answers 404',
      example({ certManager: { issuers: { letsencrypt: HTTP01 } } }),
      [['httpRoutes[0].tls', 'serves "blog.example.com" on HTTPS only, and http://blog.example.com/ answers 404: its issuer uses HTTP-01']],
    ],
  ])('%s', (_name, config, expected) => {
    const { errors, warnings } = result(config);
    expect(found(errors)).toEqual([]);
    expectFindings(found(warnings), expected);
  });
});

describe("HTTP-01 meets the Gateway: a Gateway route that covers the challenge outranks cert-manager's solver Ingress", () => {
  const http01 = (patch: any) => example(withChanges({ certManager: { issuers: { letsencrypt: HTTP01 } } }, patch));
  test.each<[string, any, Found]>([
    [
      'a TLS route covering the challenge behind traefik.redirectToHttps: the challenge is sent to HTTPS, where the route takes it',
      http01({ traefik: { redirectToHttps: true }, httpRoutes: [{ ...BLOG, path: '/.well-known' }] }),
      [
        [
          'httpRoutes[0]',
          `its route to Service blog/blog catches cert-manager's HTTP-01 challenge for "blog.example.com" (issuer "letsencrypt" of httpRoutes[0]) once traefik.redirectToHttps has sent it to HTTPS`,
        ],
      ],
    ],
    [
      'an Ingress certificate and a plain route of its host covering the challenge: the route takes it on HTTP',
      http01({
        ingresses: [{ ...SHOP, tls: { issuer: 'letsencrypt' } }],
        httpRoutes: [{ ...STATUS, host: SHOP.host, path: '/.well-known/' }],
      }),
      [
        [
          'httpRoutes[0]',
          `its route to Service monitoring/uptime catches cert-manager's HTTP-01 challenge for "shop.example.com" (issuer "letsencrypt" of ingresses[0]): `,
        ],
      ],
    ],
    [
      'a wildcard plain route covers an Ingress host',
      http01({
        ingresses: [{ ...SHOP, tls: { issuer: 'letsencrypt' } }],
        httpRoutes: [{ ...STATUS, host: '*.example.com', path: '/.well-known' }],
      }),
      [['httpRoutes[0]', 'catches cert-manager\'s HTTP-01 challenge for "shop.example.com"']],
    ],
  ])('%s', (_name, config, expected) => {
    expectFindings(found(result(config).errors), expected);
  });

  test('a plain route under a wildcard TLS host is served on its HTTPS listener, redirect or not', () => {
    const wildcard = example({ traefik: { redirectToHttps: true }, httpRoutes: [{ ...BLOG, host: '*.example.com' }, STATUS] });
    expect(found(result(wildcard).errors)).toEqual([]);
  });

  test.each<[string, any]>([
    ['a TLS route without the redirect: HTTP stays free for the solver', http01({ httpRoutes: [BLOG] })],
    // 69b-12: Traefik ranks a Gateway route of path / below every Ingress router of its host, the solver's included.
    [
      'a TLS route at / behind traefik.redirectToHttps: it ranks below the solver',
      http01({ traefik: { redirectToHttps: true }, httpRoutes: [BLOG] }),
    ],
    [
      'a plain route of an HTTP-01 Ingress host at /: it ranks below the solver',
      http01({ ingresses: [{ ...SHOP, tls: { issuer: 'letsencrypt' } }], httpRoutes: [{ ...STATUS, host: SHOP.host }] }),
    ],
    [
      "a DNS-01 TLS route's redirect (path /) beside an HTTP-01 Ingress of the same host: it ranks below the solver",
      example({
        certManager: { issuers: { http: HTTP01 } },
        ingresses: [{ ...SHOP, host: BLOG.host, tls: { issuer: 'http' } }],
        traefik: { redirectToHttps: false },
      }),
    ],
    [
      'a plain route of the host whose path misses the challenge',
      http01({ ingresses: [{ ...SHOP, tls: { issuer: 'letsencrypt' } }], httpRoutes: [{ ...STATUS, host: SHOP.host, path: '/api' }] }),
    ],
    [
      'a path element that only starts like it (/.well) does not cover it',
      http01({ ingresses: [{ ...SHOP, tls: { issuer: 'letsencrypt' } }], httpRoutes: [{ ...STATUS, host: SHOP.host, path: '/.well' }] }),
    ],
  ])('allowed: %s', (_name, config) => {
    expect(found(result(config).errors)).toEqual([]);
  });
});
