import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { parseConfigText } from '../src/config/load';
import { formatPath } from '../src/core/problem';
import { withChanges } from './helpers';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 69 (acme69): ACME rules judged alike at every door. 69b-18 HTTP-01 with nothing on port 80 for a cert-manager
 * issuer; 69b-19 a wildcard asked of an HTTP-01/TLS-ALPN resolver through `tls.domains`; 69b-21 the ACME e-mail's local
 * part; 69b-12 an HTTPRoute at `/` ranks below cert-manager's solver; 69b-1 a wildcard Ingress outranking a sibling host;
 * 69b-20 names Let's Encrypt never issues for.
 */
const BASE = {
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
  traefik: { loadBalancerIPs: ['192.168.0.41'], redirectToHttps: true },
};
const GATEWAY = parse(readFileSync('config/examples/gateway.yaml', 'utf8'));
const [, STATUS] = GATEWAY.httpRoutes;
const SHOP = GATEWAY.ingresses[0];

const ingress = (name: string, host: string, tls?: object, path = '/') => ({
  name,
  namespace: 'default',
  host,
  path,
  service: name,
  port: 80,
  ...(tls && { tls }),
});
const issuer = (patch: object = {}) => ({ certManager: { issuers: { le: { email: 'ops@example.net', ...patch } } } });
const resolver = (challenge: string, patch: object = {}) => ({ le: { email: 'ops@example.net', challenge, ...patch } });
const web = (exposedPort: number) => ({ values: { ports: { web: { exposedPort } } } });
const route = (domains: unknown, kind = 'IngressRoute') => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind,
  metadata: { name: 'wild', namespace: 'default' },
  spec: {
    entryPoints: ['websecure'],
    routes: [{ kind: 'Rule', match: 'HostRegexp(`^.+\\.example\\.com$`)', services: [{ name: 'wild', port: 80 }] }],
    tls: { certResolver: 'le', domains },
  },
});
const file = (domains: string) =>
  [
    'http:',
    '  routers:',
    '    wild2:',
    '      rule: "Host(`x.example.org`)"',
    '      service: s',
    '      tls:',
    '        certResolver: le',
    `        domains: ${domains}`,
    '  services:',
    '    s:',
    '      loadBalancer:',
    '        servers: [{url: "http://x"}]',
    '',
  ].join('\n');

const errorsOf = (config: object) =>
  parseConfigText('config/t.yaml', stringify(config)).errors.map((p) => `${formatPath(p.path)}: ${p.message}`);
/** 69b-20's names are warned of, not refused: a private ACME CA may issue them, and the runbook's home.arpa example renders. */
const warningsOf = (config: object) =>
  parseConfigText('config/t.yaml', stringify(config)).warnings.map((p) => `${formatPath(p.path)}: ${p.message}`);

type Row = [name: string, config: object, expected: string | undefined];

const rows: Row[] = [
  // 69b-18: cert-manager HTTP-01 needs a TCP entrypoint on port 80, as a Traefik resolver's HTTP challenge does.
  [
    '18 issuer, web on 8080',
    withChanges(BASE, { ...issuer(), traefik: web(8080), ingresses: [ingress('a', 'k3s.example.com', { issuer: 'le' })] }),
    'certManager.issuers.le.solver: issuer le uses HTTP-01, which the CA sends over TCP to port 80',
  ],
  [
    '18 issuer, unused, web on 8080',
    withChanges(BASE, { ...issuer(), traefik: web(8080) }),
    'certManager.issuers.le.solver: issuer le uses HTTP-01',
  ],
  [
    '18 issuer, web on 80 (default)',
    withChanges(BASE, { ...issuer(), ingresses: [ingress('a', 'k3s.example.com', { issuer: 'le' })] }),
    undefined,
  ],
  [
    '18 issuer, web on 8080, hostPort 80',
    withChanges(BASE, { ...issuer(), traefik: { values: { ports: { web: { exposedPort: 8080, hostPort: 80 } } } } }),
    undefined,
  ],
  [
    '18 dns01 issuer, web on 8080',
    withChanges(BASE, {
      ...issuer({ solver: { dns01: { provider: 'cloudflare', tokenSecret: { name: 'cf', key: 'token' } } } }),
      traefik: web(8080),
    }),
    undefined,
  ],
  [
    '18 resolver http, web on 8080 (refused before too)',
    withChanges(BASE, { traefik: { certResolvers: resolver('http'), ...web(8080) } }),
    'not exposed on port 80',
  ],
  // 69b-19: a wildcard through tls.domains of an IngressRoute, the chart's ingressRoute or a file router.
  [
    '19 IngressRoute main *.',
    withChanges(BASE, { traefik: { certResolvers: resolver('tls'), values: { extraObjects: [route([{ main: '*.example.com' }])] } } }),
    'extraObjects[0].spec.tls.domains[0].main: asks resolver "le" for the wildcard "*.example.com"',
  ],
  [
    '19 IngressRoute sans *., http',
    withChanges(BASE, {
      traefik: { certResolvers: resolver('http'), values: { extraObjects: [route([{ main: 'a.example.com', sans: ['*.example.com'] }])] } },
    }),
    'uses the HTTP challenge, which cannot issue wildcard',
  ],
  [
    '19 IngressRouteTCP main *.',
    withChanges(BASE, {
      traefik: { certResolvers: resolver('tls'), values: { extraObjects: [route([{ main: '*.example.com' }], 'IngressRouteTCP')] } },
    }),
    'for the wildcard "*.example.com"',
  ],
  [
    '19 IngressRoute plain domains',
    withChanges(BASE, {
      traefik: { certResolvers: resolver('tls'), values: { extraObjects: [route([{ main: 'a.example.com', sans: ['b.example.com'] }])] } },
    }),
    undefined,
  ],
  [
    '19 IngressRoute *. of an external resolver',
    withChanges(BASE, { traefik: { externalCertResolvers: ['le'], values: { extraObjects: [route([{ main: '*.example.com' }])] } } }),
    undefined,
  ],
  [
    '19 file router sans *.',
    withChanges(BASE, {
      traefik: {
        certResolvers: resolver('tls'),
        values: { providers: { file: { enabled: true, content: file('[{main: "x.example.org", sans: ["*.example.org"]}]') } } },
      },
    }),
    'http.routers.wild2.tls.domains[0].sans[0] asks resolver "le" for the wildcard "*.example.org"',
  ],
  [
    '19 file router plain',
    withChanges(BASE, {
      traefik: {
        certResolvers: resolver('tls'),
        values: { providers: { file: { enabled: true, content: file('[{main: "x.example.org"}]') } } },
      },
    }),
    undefined,
  ],
  [
    '19 chart ingressRoute *.',
    withChanges(BASE, {
      traefik: {
        certResolvers: resolver('tls'),
        values: {
          ingressRoute: {
            wild: {
              enabled: true,
              matchRule: 'Host(`a.example.com`)',
              entryPoints: ['websecure'],
              tls: { certResolver: 'le', domains: [{ main: '*.example.com' }] },
            },
          },
        },
      },
    }),
    'ingressRoute.wild.tls.domains[0].main: asks resolver "le"',
  ],
  // 69b-21: RFC 5322 atext in the local part; quotes, backslashes and stray dots still refused.
  ["21 resolver o'brien", withChanges(BASE, { traefik: { certResolvers: { le: { email: "sean.o'brien@gmail.com" } } } }), undefined],
  ["21 issuer o'brien", withChanges(BASE, issuer({ email: "o'brien@gmail.com" })), undefined],
  ['21 atext symbols', withChanges(BASE, issuer({ email: 'a!#$%&*+/=?^_`{|}~-z@gmail.com' })), undefined],
  [
    "21 additionalArguments o'brien",
    withChanges(BASE, {
      traefik: {
        values: {
          additionalArguments: [
            "--certificatesresolvers.x.acme.email=o'brien@gmail.com",
            '--certificatesresolvers.x.acme.tlschallenge=true',
          ],
        },
      },
    }),
    undefined,
  ],
  ['21 double quote refused', withChanges(BASE, issuer({ email: '"a"@gmail.com' })), 'is not a plain e-mail address'],
  ['21 backslash refused', withChanges(BASE, issuer({ email: 'a\\b@gmail.com' })), 'is not a plain e-mail address'],
  ['21 leading dot refused', withChanges(BASE, issuer({ email: '.a@gmail.com' })), 'is not a plain e-mail address'],
  ['21 double dot refused', withChanges(BASE, issuer({ email: 'a..b@gmail.com' })), 'is not a plain e-mail address'],
  ['21 no domain dot refused', withChanges(BASE, issuer({ email: 'a@localhost' })), 'is not a plain e-mail address'],
  // 69b-12: an HTTPRoute at / ranks below the solver Ingress; one covering the challenge path still outranks it.
  [
    '12 plain route at / on an HTTP-01 Ingress host',
    withChanges(GATEWAY, {
      ...issuer(),
      ingresses: [{ ...SHOP, tls: { issuer: 'le' } }],
      httpRoutes: [GATEWAY.httpRoutes[0], { ...STATUS, host: SHOP.host }],
    }),
    undefined,
  ],
  [
    '12 plain route at /.well-known on an HTTP-01 Ingress host',
    withChanges(GATEWAY, {
      ...issuer(),
      ingresses: [{ ...SHOP, tls: { issuer: 'le' } }],
      httpRoutes: [GATEWAY.httpRoutes[0], { ...STATUS, host: SHOP.host, path: '/.well-known' }],
    }),
    "catches cert-manager's HTTP-01 challenge",
  ],
  // 69b-1: a wildcard Ingress whose rule outranks a sibling host's and whose path covers it.
  [
    '1 wildcard / over sibling /',
    withChanges(BASE, { ingresses: [ingress('a', 'k3s.example.com'), ingress('b', '*.example.com')] }),
    'ingresses[1].host: "*.example.com" becomes the rule',
  ],
  [
    '1 wildcard / over sibling /api',
    withChanges(BASE, { ingresses: [ingress('a', 'k3s.example.com', undefined, '/api'), ingress('b', '*.example.com')] }),
    'gives it host "k3s.example.com" with path "/api"',
  ],
  [
    '1 wildcard /api, sibling / (wildcard takes /api only)',
    withChanges(BASE, { ingresses: [ingress('a', 'k3s.example.com'), ingress('b', '*.example.com', undefined, '/api')] }),
    undefined,
  ],
  [
    '1 wildcard of another domain',
    withChanges(BASE, { ingresses: [ingress('a', 'k3s.example.com'), ingress('b', '*.example.org')] }),
    undefined,
  ],
  [
    '1 wildcard one label only (a.b.example.com not matched)',
    withChanges(BASE, { ingresses: [ingress('a', 'a.b.example.com'), ingress('b', '*.example.com')] }),
    undefined,
  ],
  [
    '1 sibling with a much longer path outranks it',
    withChanges(BASE, {
      ingresses: [ingress('a', 'k3s.example.com', undefined, '/a-very-long-path-indeed'), ingress('b', '*.example.com')],
    }),
    undefined,
  ],
  // 69b-20: names Let's Encrypt never issues for.
  ...['nas.local', 'wiki.internal', 'app.test', 'x.localhost', 'a.example', 'a.invalid', 'x.onion', 'nas.lan', 'nas.home.arpa'].map(
    (host): Row => [
      `20 resolver, ${host}`,
      withChanges(BASE, { traefik: { certResolvers: resolver('tls') }, ingresses: [ingress('a', host, { certResolver: 'le' })] }),
      `asks resolver "le" (Let's Encrypt) for "${host}"`,
    ],
  ),
  [
    '20 issuer staging, nas.local',
    withChanges(BASE, { ...issuer({ server: 'staging' }), ingresses: [ingress('a', 'nas.local', { issuer: 'le' })] }),
    'asks issuer "le" (Let\'s Encrypt) for "nas.local"',
  ],
  [
    '20 IngressRoute domains nas.internal',
    withChanges(BASE, { traefik: { certResolvers: resolver('tls'), values: { extraObjects: [route([{ main: 'nas.internal' }])] } } }),
    'extraObjects[0].spec.tls.domains[0].main: asks resolver "le"',
  ],
  ...['localhost', 'nas'].map((host): Row => [
    `20 IngressRoute domains, single label ${host}`,
    withChanges(BASE, { traefik: { certResolvers: resolver('tls'), values: { extraObjects: [route([{ main: host }])] } } }),
    host === 'nas' ? '"nas" is a single DNS label' : `for "${host}"`,
  ]),
  [
    '20 public names pass',
    withChanges(BASE, {
      traefik: { certResolvers: resolver('tls') },
      ingresses: [
        ingress('a', 'nas.example.com', { certResolver: 'le' }),
        ingress('b', 'local.example.org', { certResolver: 'le' }),
        ingress('c', 'test.dev', { certResolver: 'le' }),
      ],
    }),
    undefined,
  ],
  [
    '20 private caServer, nas.local',
    withChanges(BASE, {
      traefik: { certResolvers: resolver('tls', { caServer: 'https://ca.example.com/acme/acme/directory' }) },
      ingresses: [ingress('a', 'nas.local', { certResolver: 'le' })],
    }),
    undefined,
  ],
  [
    '20 private issuer server, nas.local',
    withChanges(BASE, {
      ...issuer({ server: 'https://ca.example.com/acme/acme/directory' }),
      ingresses: [ingress('a', 'nas.local', { issuer: 'le' })],
    }),
    undefined,
  ],
  ['20 plain HTTP, nas.local', withChanges(BASE, { ingresses: [ingress('a', 'nas.local')] }), undefined],
];

describe('69 acme: ACME rules alike at every door', () => {
  test.each(rows)('%s', (name, config, expected) => {
    const errors = name.startsWith('20 ') && expected !== undefined ? warningsOf(config) : errorsOf(config);
    if (expected === undefined) expect(errors).toEqual([]);
    else expect(errors.some((e) => e.includes(expected))).toBe(true);
  });

  test('a 100 kB e-mail is judged in linear time', () => {
    const start = process.cpuUsage();
    errorsOf(withChanges(BASE, issuer({ email: `${'a.'.repeat(50_000)}@gmail.com` })));
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
