import { ruleDoors as doors } from './rule-doors';

/**
 * Round-53b findings 2, 3 and the low note (src/traefik/rule-syntax.ts canonicalMatcher, src/ingress/rule-hosts.ts,
 * rule-values.ts): a matcher's name is read in the four spellings Traefik's parser takes (pkg/rules/parser.go), so the
 * Ingress conflict verdict does not hang on its case, and another spelling is refused; a host with non-ASCII letters in
 * Host, HostHeader, HostRegexp, HostSNI or HostSNIRegexp is refused with the punycode form `ingresses[].host` gets; a
 * Host or HostSNI with a port never matches and is refused, at the config, K3sVipCluster and TraefikHelmChartConfig.
 */
const HOST = 'k3s.code-place-dev.site';
const ROUTE = 'extraObjects[0].spec.routes[0]';
const route = (match: string, more: object = {}, kind = 'IngressRoute', entryPoints = ['websecure']) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind,
  metadata: { name: 'ir', namespace: 'default' },
  spec: {
    entryPoints,
    routes: [{ match, ...(kind === 'IngressRoute' && { kind: 'Rule' }), services: [{ name: 'other', port: 80 }], ...more }],
  },
});
const tcp = (match: string, more: object = {}, entryPoints = ['websecure']) => route(match, more, 'IngressRouteTCP', entryPoints);
const withTls = (object: ReturnType<typeof route>) => ({ ...object, spec: { ...object.spec, tls: { passthrough: true } } });
/** The items, one name each: two objects of one identity in a release are refused (63b-5). */
const items = (...list: object[]) => ({
  extraObjects: list.map((o, i) => {
    const metadata = (o as { metadata?: { name?: string } }).metadata;
    return i && metadata?.name === 'ir' ? { ...o, metadata: { ...metadata, name: `ir-${i}` } } : o;
  }),
});

describe('53b-2: the Ingress conflict verdict is the same in every spelling Traefik reads', () => {
  const onHost = (host: string, prefix: string) => `${host}(\`${HOST}\`) && ${prefix}(\`/\`)`;
  const conflict = doors(items(route(onHost('Host', 'PathPrefix'), { priority: 100000 }))).errors;
  const anyHost = doors(items(route('PathPrefix(`/`)', { priority: 100000 }))).errors;
  test('the canonical spellings are errors', () => {
    expect(conflict).toEqual([
      expect.stringMatching(/^traefik\.values\.extraObjects\[0\]\.spec\.routes\[0\]\.match: .*already routed by ingresses\[0\]/),
    ]);
    expect(anyHost).toEqual([expect.stringMatching(/match: matches every host with PathPrefix "\/".*ingresses\[0\]/)]);
  });
  test.each([
    ['lower case', 'host', 'pathprefix'],
    ['upper case', 'HOST', 'PATHPREFIX'],
    ['title case', 'Host', 'Pathprefix'],
    ['mixed', 'HOST', 'pathprefix'],
  ])('%s: the same error, no warning', (_, host, prefix) => {
    const said = doors(items(route(onHost(host, prefix), { priority: 100000 })));
    expect(said.errors).toEqual(conflict);
    expect(said.warnings.filter((l) => l.includes('extraObjects'))).toEqual([]);
    expect(said.cluster).toContain('already routed by ingresses[0]');
    const alone = doors(items(route(`${prefix}(\`/\`)`, { priority: 100000 })));
    expect(alone.errors).toEqual(anyHost);
    expect(alone.warnings.filter((l) => l.includes('extraObjects'))).toEqual([]);
  });
  test.each([['host'], ['HOST'], ['hostregexp'], ['HOSTREGEXP']])(
    '%s(`other host`) alone at priority 100000: no "no Host matcher" warning',
    (name) => {
      const value = name.toLowerCase() === 'host' ? 'other.example.com' : '^other\\.example\\.com$';
      const said = doors(items(route(`${name}(\`${value}\`)`, { priority: 100000 })));
      expect([...said.errors, ...said.warnings].filter((l) => l.includes('extraObjects'))).toEqual([]);
      expect(said.cluster).toBe('');
      expect(said.chart).toBe('');
    },
  );
});

type Row = readonly [name: string, values: object, chart: string, message: RegExp];

const REFUSED: readonly Row[] = [
  // 53b-2: a spelling Traefik's parser does not take is no matcher of its.
  [
    'pAthPrefix',
    items(route(`Host(\`a.example.com\`) && pAthPrefix(\`/\`)`)),
    '39.0.7',
    /matcher pAthPrefix, a spelling Traefik's parser does not take \(only PathPrefix, pathprefix, PATHPREFIX or Pathprefix\).*write PathPrefix/,
  ],
  ['hostSni (TCP)', items(tcp('hostSni(`db.example.com`)')), '39.0.7', /matcher hostSni, a spelling.*write HostSNI/],
  [
    'HostRegExp on chart 27',
    items(route('HostRegExp(`{a:[a-z]+}.example.com`)')),
    '27.0.2',
    /matcher HostRegExp, a spelling.*write HostRegexp/,
  ],
  // 53b-3: non-ASCII hosts, as ingresses[].host is refused.
  [
    'Host',
    items(route('Host(`bü.example.com`)')),
    '39.0.7',
    /gives Host a value with non-ASCII letters.*refuses the router.*punycode: write "xn--b-eha\.example\.com"/,
  ],
  [
    'host (lower case)',
    items(route('host(`bü.example.com`) && pathprefix(`/`)')),
    '39.0.7',
    /gives Host a value with non-ASCII letters.*write "xn--b-eha\.example\.com"/,
  ],
  [
    'Host, syntax v2 on v3',
    items(route('Host(`a.example.com`, `bü.example.com`)', { syntax: 'v2' })),
    '39.0.7',
    /Host a value with non-ASCII.*xn--b-eha/,
  ],
  ['Host on Traefik v2', items(route('Host(`bü.example.com`)')), '27.0.2', /Host a value with non-ASCII.*xn--b-eha/],
  ['HostHeader on Traefik v2', items(route('HostHeader(`bü.example.com`)')), '27.0.2', /HostHeader a value with non-ASCII.*xn--b-eha/],
  ['HostRegexp', items(route('HostRegexp(`^bü\\.example\\.com$`)')), '39.0.7', /HostRegexp a value with non-ASCII letters.*punycode/],
  ['Host in a negation', items(route('Host(`a.example.com`) && !Host(`bü.example.com`)')), '39.0.7', /Host a value with non-ASCII/],
  [
    'HostSNI',
    items(tcp('HostSNI(`dbü.example.com`)', { syntax: 'v3' })),
    '39.0.7',
    /HostSNI a value with non-ASCII.*write "xn--db-yka\.example\.com"/,
  ],
  ['HostSNI on Traefik v2', items(tcp('HostSNI(`dbü.example.com`)')), '27.0.2', /HostSNI a value with non-ASCII.*xn--db-yka/],
  ['HostSNIRegexp', items(tcp('HostSNIRegexp(`^dbü\\.example\\.com$`)')), '39.0.7', /HostSNIRegexp a value with non-ASCII/],
  ['Cyrillic look-alike', items(route('Host(`еxample.com`)')), '39.0.7', /non-ASCII letters.*write "xn--xample-2of\.com"/],
  [
    "the chart's dashboard",
    { ingressRoute: { dashboard: { enabled: true, matchRule: 'Host(`dü.example.com`)' } } },
    '39.0.7',
    /non-ASCII.*xn--d-eha/,
  ],
  // HostSNI takes a host name or IP only (`hostOrIP`).
  [
    'HostSNI wildcard',
    items(tcp('HostSNI(`*.example.com`)')),
    '39.0.7',
    /HostSNI "\*\.example\.com", which is no host name.*HostSNIRegexp\(`\^\[a-z0-9-\]\+\\\.example/,
  ],
  ['HostSNI wildcard on v2', items(tcp('HostSNI(`*.example.com`)')), '27.0.2', /no host name.*HostSNIRegexp\(`\{name:/],
  // 53b low: a port never matches.
  [
    'Host with a port',
    items(route('Host(`a.example.com:80`)')),
    '39.0.7',
    /Host "a\.example\.com:80", a host with a port, so Traefik compares it with the request's host stripped of its port.*never matches: write Host\(`a\.example\.com`\)/,
  ],
  ['Host with a port (v2)', items(route('Host(`a.example.com:8443`)')), '27.0.2', /never matches: write Host\(`a\.example\.com`\)/],
  ['bracketed IPv6 with a port', items(route('Host(`[::1]:8080`)')), '39.0.7', /brackets or a port.*write Host\(`::1`\)/],
  [
    'HostSNI with a port',
    items(tcp('HostSNI(`db.example.com:5432`)')),
    '39.0.7',
    /SNI carries no port.*write HostSNI\(`db\.example\.com`\)/,
  ],
];

describe('53b-3 and low: host values Traefik refuses or never matches, at every door', () => {
  test.each(REFUSED)('%s', (_, values, chart, message) => {
    const said = doors(values, chart);
    const key = 'ingressRoute' in values ? 'ingressRoute.dashboard.matchRule' : `${ROUTE}.match`;
    expect(said.errors.filter((l) => l.startsWith(`traefik.values.${key}: `))).toEqual([expect.stringMatching(message)]);
    expect(said.cluster).toContain(`traefik.values.${key}: `);
    expect(said.cluster).toMatch(message);
    expect(said.chart).toContain(`values.${key} `);
    expect(said.chart).toMatch(message);
  });
});

const ACCEPTED: ReadonlyArray<readonly [string, object, string]> = [
  ['punycode', items(route('Host(`xn--b-eha.example.com`)')), '39.0.7'],
  ['upper-case letters', items(route('Host(`A.Example.COM`)')), '39.0.7'],
  ['IP addresses', items(route('Host(`192.168.0.5`) || Host(`::1`) || Host(`2001:db8::7`)')), '39.0.7'],
  ['a trailing dot', items(route('Host(`a.example.com.`)')), '39.0.7'],
  ['HostRegexp with a colon', items(route('HostRegexp(`^a\\.example\\.com(:[0-9]+)?$`)')), '39.0.7'],
  ['v2 template', items(route('HostRegexp(`{sub:[a-z]+}.example.com`)')), '27.0.2'],
  [
    'HostSNI forms',
    // A HostSNI naming a host needs tls on the route (68b-15).
    items(tcp('HostSNI(`*`)', {}, ['web']), ...['db_1.example.com', '10.0.0.1', '::1'].map((host) => withTls(tcp(`HostSNI(\`${host}\`)`)))),
    '39.0.7',
  ],
  ['HostSNIRegexp ASCII', items(tcp('HostSNIRegexp(`^[a-z]+\\.example\\.com$`)')), '39.0.7'],
  ['every spelling', items(route('HOST(`a.example.com`) && Pathprefix(`/a`) && method(`GET`) && CLIENTIP(`10.0.0.0/8`)')), '39.0.7'],
  ['non-ASCII path', items(route('Host(`a.example.com`) && PathPrefix(`/ü`)')), '39.0.7'],
];

describe('53b: the neighbours stay accepted at every door', () => {
  test.each(ACCEPTED)('%s', (_, values, chart) => {
    const said = doors(values, chart);
    expect(said.errors).toEqual([]);
    expect(said.warnings.filter((l) => l.includes('extraObjects'))).toEqual([]);
    expect(said.cluster).toBe('');
    expect(said.chart).toBe('');
  });
});

describe('53b-3: the Gateway API doors give the punycode form too', () => {
  const gateway = { gateway: { enabled: true }, providers: { kubernetesGateway: { enabled: true } } };
  const httpRoute = (hostname: string) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    // The Gateway admits routes of its own namespace only (72a-4).
    metadata: { name: 'h', namespace: 'kube-system' },
    spec: {
      parentRefs: [{ name: 'traefik-gateway', namespace: 'kube-system' }],
      hostnames: [hostname],
      rules: [{ backendRefs: [{ name: 'frontend', port: 80 }] }],
    },
  });
  test.each([
    ['an extraObjects HTTPRoute hostname', { ...gateway, ...items(httpRoute('bü.example.com')) }, 'extraObjects[0].spec.hostnames[0]'],
    [
      "the chart's Gateway listener hostname",
      { ...gateway, gateway: { enabled: true, listeners: { web: { port: 8000, protocol: 'HTTP', hostname: 'bü.example.com' } } } },
      'gateway.listeners.web.hostname',
    ],
  ])('%s', (_, values, key) => {
    const said = doors(values);
    const hint = /non-ASCII letters, which a host name carries as punycode: write "xn--b-eha\.example\.com"/;
    expect(said.errors.filter((l) => l.startsWith(`traefik.values.${key}: `))).toEqual([expect.stringMatching(hint)]);
    expect(said.cluster).toMatch(hint);
    expect(said.chart).toMatch(hint);
  });
  test('an ASCII hostname stays accepted', () => {
    const said = doors({ ...gateway, ...items(httpRoute('b.example.com')) });
    expect(said.errors).toEqual([]);
    expect(said.chart).toBe('');
  });
});

describe('53b: a host value shaped like credentials is never shown', () => {
  test.each([
    ['Host', items(route('Host(`admin:S3cr3tP4ssw0rd@a.example.com`)'))],
    ['HostSNI', items(tcp('HostSNI(`admin:S3cr3tP4ssw0rd@db.example.com`)'))],
    ['non-ASCII Host', items(route('Host(`admin:S3cr3tP4ssw0rd@bü.example.com`)'))],
  ])('%s', (_, values) => {
    const said = doors(values);
    for (const text of [...said.errors, ...said.warnings, said.cluster, said.chart]) expect(text).not.toContain('S3cr3tP4ssw0rd');
  });
});
