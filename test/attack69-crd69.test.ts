// Round 69 (attack69b 8, 9, 24): a TLSOption, a ServersTransport and a Middleware's options in extraObjects are held to
// their CRDs' types (and TLSOption's required spec and clientAuthType enum) as an IngressRouteUDP is; the file provider's
// typed values are judged by what paerser decodes, as a router's priority is; a problem inside providers.file.content
// points at its own line of the text.
import { parseDocument, stringify } from 'yaml';
import { parseConfigText } from '../src/config/load';
import { textPathOffset } from '../src/config/text-item-offset';
import { chartVersionDoors } from './helpers';

const CHART = '39.0.7';
const object = (kind: string, spec: unknown) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind,
  metadata: { name: 'o', namespace: 'default' },
  ...(spec !== undefined && { spec }),
});
const extra = (kind: string, spec: unknown) => ({ extraObjects: [object(kind, spec)] });
const SPEC = 'values.extraObjects[0].spec';

// 69b-8: [case, values, what every door says ('' : accepted)]
const CRD_ROWS: Array<[string, Record<string, unknown>, string]> = [
  ['TLSOption sniStrict "yes"', extra('TLSOption', { sniStrict: 'yes' }), `${SPEC}.sniStrict: is "yes"; the TLSOption CRD takes a boolean`],
  ['TLSOption sniStrict true', extra('TLSOption', { sniStrict: true }), ''],
  [
    'TLSOption preferServerCipherSuites 1',
    extra('TLSOption', { preferServerCipherSuites: 1 }),
    'preferServerCipherSuites: is 1; the TLSOption CRD takes a boolean',
  ],
  [
    'TLSOption clientAuthType RequireAnyCert',
    extra('TLSOption', { clientAuth: { clientAuthType: 'RequireAnyCert' } }),
    'clientAuth.clientAuthType: is "RequireAnyCert", not one of NoClientCert',
  ],
  [
    'TLSOption clientAuthType in the wrong case',
    extra('TLSOption', { clientAuth: { clientAuthType: 'requireandverifyclientcert' } }),
    'did you mean RequireAndVerifyClientCert?',
  ],
  [
    'TLSOption clientAuthType RequireAndVerifyClientCert',
    extra('TLSOption', { clientAuth: { clientAuthType: 'RequireAndVerifyClientCert' } }),
    '',
  ],
  ['TLSOption clientAuthType a number', extra('TLSOption', { clientAuth: { clientAuthType: 3 } }), 'the TLSOption CRD takes a string here'],
  ['TLSOption without spec', extra('TLSOption', undefined), `${SPEC}: is missing; the TLSOption CRD requires it`],
  ['TLSOption with an empty spec', extra('TLSOption', {}), ''],
  [
    'ServersTransport insecureSkipVerify "no"',
    extra('ServersTransport', { insecureSkipVerify: 'no' }),
    'insecureSkipVerify: is "no"; the ServersTransport CRD takes a boolean',
  ],
  [
    'ServersTransport maxIdleConnsPerHost "5"',
    extra('ServersTransport', { maxIdleConnsPerHost: '5' }),
    'maxIdleConnsPerHost: is "5"; the ServersTransport CRD takes an integer',
  ],
  ['ServersTransport typed right', extra('ServersTransport', { insecureSkipVerify: false, maxIdleConnsPerHost: 5 }), ''],
  [
    'Middleware redirectScheme permanent "yes"',
    extra('Middleware', { redirectScheme: { scheme: 'https', permanent: 'yes' } }),
    'redirectScheme.permanent: is "yes"; the Middleware CRD takes a boolean',
  ],
  ['Middleware redirectScheme permanent true', extra('Middleware', { redirectScheme: { scheme: 'https', permanent: true } }), ''],
  [
    'Middleware rateLimit average 1.5',
    extra('Middleware', { rateLimit: { average: 1.5 } }),
    'rateLimit.average: is 1.5; the Middleware CRD takes an integer',
  ],
  ['Middleware rateLimit average 100', extra('Middleware', { rateLimit: { average: 100, burst: 50 } }), ''],
  [
    'Middleware retry attempts "3"',
    extra('Middleware', { retry: { attempts: '3' } }),
    'retry.attempts: is "3"; the Middleware CRD takes an integer',
  ],
];

describe('69b-8: TLSOption, ServersTransport and Middleware options against their CRDs, at every door', () => {
  test.each(CRD_ROWS)('%s', (_name, values, expected) => {
    const d = chartVersionDoors(values, CHART);
    if (!expected) {
      expect(d.errors).toEqual([]);
      expect(d.cluster).toBe('');
      expect(d.chart).toBe('');
      return;
    }
    // The construct doors print `path is …`, a config `path: is …`.
    for (const said of [d.errors.join('\n'), d.cluster, d.chart])
      expect(said.replace(/: is /g, ' is ')).toContain(expected.replace(/: is /g, ' is '));
  });
});

const routers = { r: { rule: 'Host(`b.example.com`)', service: 's', entryPoints: ['websecure'] } };
const servers = [{ url: 'http://10.0.0.5:80' }];
const fileOf = (dynamic: Record<string, unknown>) => ({
  providers: {
    file: {
      enabled: true,
      content: stringify({ ...dynamic, http: { routers, services: { s: { loadBalancer: { servers } } }, ...(dynamic.http as object) } }),
    },
  },
});
const FAILS = "so Traefik's file provider cannot read the file and serves none of its routers";

// 69b-9: [case, dynamic configuration, what is said ('' : accepted)]
const FILE_ROWS: Array<[string, Record<string, unknown>, string]> = [
  [
    'passHostHeader maybe',
    { http: { services: { s: { loadBalancer: { servers, passHostHeader: 'maybe' } } } } },
    `http.services.s.loadBalancer.passHostHeader is "maybe", not true or false, ${FAILS}`,
  ],
  [
    'passHostHeader "true" (paerser reads the text)',
    { http: { services: { s: { loadBalancer: { servers, passHostHeader: 'true' } } } } },
    '',
  ],
  ['passHostHeader T (strconv.ParseBool)', { http: { services: { s: { loadBalancer: { servers, passHostHeader: 'T' } } } } }, ''],
  [
    'PassHostHeader in another case',
    { http: { services: { s: { LoadBalancer: { servers, PassHostHeader: 'nope' } } } } },
    'PassHostHeader is "nope"',
  ],
  [
    'weighted weight heavy',
    { http: { services: { w: { weighted: { services: [{ name: 's', weight: 'heavy' }] } } } } },
    'http.services.w.weighted.services[0].weight is "heavy", not a whole number',
  ],
  ['weighted weight 3', { http: { services: { w: { weighted: { services: [{ name: 's', weight: 3 }] } } } } }, ''],
  [
    'observability accessLogs maybe',
    { http: { routers: { r: { ...routers.r, observability: { accessLogs: 'maybe' } } } } },
    'http.routers.r.observability.accessLogs is "maybe", not true or false',
  ],
  ['observability accessLogs false', { http: { routers: { r: { ...routers.r, observability: { accessLogs: false } } } } }, ''],
  [
    'redirectScheme permanent maybe',
    { http: { middlewares: { m: { redirectScheme: { scheme: 'https', permanent: 'maybe' } } } } },
    'http.middlewares.m.redirectScheme.permanent is "maybe", not true or false',
  ],
  ['redirectScheme permanent true', { http: { middlewares: { m: { redirectScheme: { scheme: 'https', permanent: true } } } } }, ''],
  [
    'rateLimit average lots',
    { http: { middlewares: { m: { rateLimit: { average: 'lots' } } } } },
    'http.middlewares.m.rateLimit.average is "lots", not a whole number',
  ],
  [
    'rateLimit average 2.5',
    { http: { middlewares: { m: { rateLimit: { average: 2.5 } } } } },
    'rateLimit.average is "2.5", not a whole number',
  ],
  ['rateLimit average "100"', { http: { middlewares: { m: { rateLimit: { average: '100' } } } } }, ''],
  [
    'serversTransports insecureSkipVerify maybe',
    { http: { serversTransports: { st: { insecureSkipVerify: 'maybe' } } } },
    'http.serversTransports.st.insecureSkipVerify is "maybe", not true or false',
  ],
  ['serversTransports insecureSkipVerify true', { http: { serversTransports: { st: { insecureSkipVerify: true } } } }, ''],
  [
    'tls.options sniStrict maybe',
    { tls: { options: { default: { sniStrict: 'maybe' } } } },
    'tls.options.default.sniStrict is "maybe", not true or false',
  ],
  [
    'tls.options sniStrict a map',
    { tls: { options: { default: { sniStrict: { on: true } } } } },
    'tls.options.default.sniStrict is a map, not true or false',
  ],
  ['tls.options sniStrict true', { tls: { options: { default: { sniStrict: true } } } }, ''],
];

describe('69b-9: the file provider values paerser cannot decode, at every door', () => {
  test.each(FILE_ROWS)('%s', (_name, dynamic, expected) => {
    const d = chartVersionDoors(fileOf(dynamic), CHART);
    if (!expected) {
      expect(d.errors).toEqual([]);
      expect(d.cluster).toBe('');
      expect(d.chart).toBe('');
      return;
    }
    for (const said of [d.errors.join('\n'), d.cluster, d.chart]) expect(said).toContain(expected);
  });
});

const HEAD = [
  'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}',
  'traefik:',
  '  loadBalancerIPs: [192.168.0.41]',
  '  values:',
  '    providers:',
  '      file:',
  '        enabled: true',
];
const text = (header: string, lines: string[]) =>
  [...HEAD, `        content: ${header}`, ...lines.map((l) => `          ${l}`), ''].join('\n');
const router = (rule: string, priority: string) => [
  'http:',
  '  routers:',
  '    r:',
  `      rule: "${rule}"`,
  '      service: s',
  `      priority: ${priority}`,
];
const lineOf = (config: string, wanted: string) => {
  const found = parseConfigText('config/t.yaml', config).errors.filter((e) => e.message.includes(wanted));
  return found.map((e) => e.line);
};

// 69b-24: [case, config text, what the problem says, the line it must stand at]
const LINE_ROWS: Array<[string, string, string, number]> = [
  ['a broken rule in a folded block', text('>-', router('Host(`b.example.com`', '5')), 'http.routers.r.rule is no rule', 12],
  ['a broken rule in a literal block', text('|', router('Host(`b.example.com`', '5')), 'http.routers.r.rule is no rule', 12],
  ['priority high in a literal block', text('|', router('Host(`b.example.com`)', 'high')), 'http.routers.r.priority is "high"', 14],
  ['priority high in a folded block', text('>', router('Host(`b.example.com`)', 'high')), 'http.routers.r.priority is "high"', 14],
  [
    'a value paerser cannot decode, literal block',
    text('|', [
      'http:',
      '  services:',
      '    s:',
      '      loadBalancer:',
      '        servers: [{url: "http://x"}]',
      '        passHostHeader: maybe',
    ]),
    'passHostHeader is "maybe"',
    14,
  ],
  [
    'a router whose name is no plain word stands at the text',
    text('|', ['http:', '  routers:', '    "r r":', '      rule: "Host(`b.example.com`"', '      service: s']),
    'is no rule',
    8,
  ],
];

describe('69b-24: a problem inside providers.file.content stands at its own line', () => {
  test.each(LINE_ROWS)('%s', (_name, config, wanted, line) => {
    expect(lineOf(config, wanted)).toEqual([line]);
  });

  test('a router in a 100 kB text is located in linear time', () => {
    const many = Array.from({ length: 2500 }, (_, i) => `    r${i}: {rule: "Host(\`h${i}.example.com\`)", service: s}`);
    const config = text('|', ['http:', '  routers:', ...many, '    bad: {rule: "Host(`b.example.com`", service: s}']);
    expect(config.length).toBeGreaterThan(100_000);
    const doc = parseDocument(config);
    const start = process.cpuUsage();
    const offset = textPathOffset(doc, ['traefik', 'values', 'providers', 'file', 'content'], ['http', 'routers', 'bad', 'rule'], config);
    const used = process.cpuUsage(start);
    expect(config.slice(0, offset).split('\n').length).toBe(8 + 3 + many.length);
    expect((used.user + used.system) / 1000).toBeLessThan(2000);
  });
});
