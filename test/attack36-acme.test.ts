import { clusterRefusal, configErrors, helmChartConfigRefusal, withTraefikValues } from './helpers';

/**
 * Attack round 35 (35b-5, 35b-6). Traefik fails to start on a resolver option it does not know (traefik/paerser v0.2.0
 * parser/nodes_metadata.go "field not found"; the names in traefik/traefik pkg/provider/acme/provider.go `Configuration`
 * and pkg/config/static/static_config.go `CertificateResolver`, per release), and an ACME resolver without a challenge,
 * or whose HTTP challenge names no entrypoint on port 80, never gets a certificate. And the chart writes many values
 * unescaped inside a double-quoted args item (`- "--x={{ . }}"`, traefik/templates/_podtemplate.tpl), where a `"`, a `\`
 * or a line break breaks the rendered YAML. Each case in three doors: `traefik.values` of a config file, the
 * K3sVipCluster construct and TraefikHelmChartConfig props.
 */

const MAIL = 'a@example.com';
const STORAGE = '/data/acme.json';
const ACME = { email: MAIL, storage: STORAGE };

/** The errors of each door for `values` on `chartVersion` (no Ingress names a resolver: `externalCertResolvers` is not needed). */
const doors = (chartVersion: string, values: object) => {
  const v = { persistence: { enabled: true }, ...values };
  return {
    yaml: configErrors(withTraefikValues(v, { chartVersion })).join('\n'),
    cluster: clusterRefusal({ chartVersion, values: v }),
    chart: helmChartConfigRefusal({ chartVersion, values: v }),
  };
};

/** How a door names a key path: the YAML and cluster doors under `traefik.` and a colon, the construct door from its props. */
const located = (door: string, path: string) => (door === 'chart' ? `${path} ` : `traefik.${path}: `);

/** Each door names `path` with `message`. */
const expectInAll = (all: Record<string, string>, path: string, message: string) => {
  for (const [door, text] of Object.entries(all)) {
    const line = text.split('\n').find((l) => l.includes(located(door, path))) ?? `${door}: ${text}`;
    expect(line).toContain(message);
  }
};

/** Label, chart, values, key path named, message part. */
const REFUSED: Array<[string, string, object, string, string]> = [
  [
    'misspelt e-mail (nested)',
    '34.2.0',
    { certificatesResolvers: { le: { acme: { emial: MAIL, storage: STORAGE, tlsChallenge: true } } } },
    'values.certificatesResolvers.le.acme.emial',
    'has no option "emial" under acme, so it fails to start ("field not found"): write email',
  ],
  [
    'misspelt e-mail (dotted keys)',
    '39.0.7',
    { certificatesResolvers: { le: { 'acme.emial': MAIL, 'acme.storage': STORAGE, 'acme.tlsChallenge': true } } },
    'values.certificatesResolvers.le.acme.emial',
    'has no option "emial" under acme',
  ],
  [
    'unknown option in another case is still unknown',
    '41.3.0',
    { certificatesResolvers: { le: { acme: { ...ACME, TLSChallenge: true, KeyTyp: 'EC256' } } } },
    'values.certificatesResolvers.le.acme.KeyTyp',
    'has no option "keytyp" under acme',
  ],
  [
    'unknown nested path',
    '41.3.0',
    { certificatesResolvers: { le: { acme: { ...ACME, dnsChallenge: { provider: 'cloudflare', resolver: '1.1.1.1:53' } } } } },
    'values.certificatesResolvers.le.acme.dnsChallenge.resolver',
    'has no option "resolver" under acme.dnsChallenge',
  ],
  [
    'an option below a leaf',
    '41.3.0',
    { certificatesResolvers: { le: { acme: { ...ACME, tlsChallenge: true, storage: { path: STORAGE } } } } },
    'values.certificatesResolvers.le.acme.storage.path',
    'has no option "path" under acme.storage',
  ],
  [
    'tailscale under certResolvers (chart v32 writes acme.tailscale)',
    '32.1.1',
    { certResolvers: { le: { ...ACME, tlsChallenge: true, tailscale: true } } },
    'values.certResolvers.le.tailscale',
    'has no option "tailscale" under acme',
  ],
  [
    'tailscale on Traefik v2 (chart 27.0.2, by flag)',
    '27.0.2',
    { additionalArguments: ['--certificatesresolvers.ts.tailscale=true'] },
    'values.additionalArguments[0]',
    'Traefik v2 has no option "tailscale" for a certificate resolver, so it fails to start ("field not found"): remove it, or deploy Traefik v3.0.0',
  ],
  [
    'an option newer than the image tag',
    '34.2.0',
    { image: { tag: 'v3.3.6' }, certificatesResolvers: { le: { acme: { ...ACME, profile: 'shortlived', tlsChallenge: true } } } },
    'values.certificatesResolvers.le.acme.profile',
    'Traefik v3.3.6 has no option "profile" under acme, so it fails to start ("field not found"): remove it, or deploy Traefik v3.4.0',
  ],
  [
    'misspelt flag',
    '41.3.0',
    {
      additionalArguments: [
        '--certificatesresolvers.le.acme.emial=a@example.com',
        '--certificatesresolvers.le.acme.storage=/data/acme.json',
        '--certificatesresolvers.le.acme.tlschallenge=true',
      ],
    },
    'values.additionalArguments[0]',
    'is the flag --certificatesresolvers.le.acme.emial: Traefik v3 has no option "emial" under acme',
  ],
  [
    'no challenge',
    '41.3.0',
    { certificatesResolvers: { le: { acme: ACME } } },
    'values.certificatesResolvers.le',
    'gives the ACME resolver le no challenge, so Traefik never gets it a certificate ("ACME challenge not specified")',
  ],
  [
    'no challenge (tlsChallenge: {} writes no flag)',
    '39.0.7',
    { certificatesResolvers: { le: { acme: { ...ACME, tlsChallenge: {} } } } },
    'values.certificatesResolvers.le',
    'gives the ACME resolver le no challenge, so Traefik never gets it a certificate ("ACME challenge not specified") and its routers serve the default self-signed one: add tlsChallenge: true, httpChallenge.entryPoint: web or dnsChallenge.provider (the chart writes no flag for an empty map such as tlsChallenge: {})',
  ],
  [
    'no challenge (tlsChallenge false, chart 27.0.2)',
    '27.0.2',
    { certResolvers: { le: { ...ACME, tlsChallenge: false } } },
    'values.certResolvers.le',
    'gives the ACME resolver le no challenge',
  ],
  [
    'no challenge (a DNS challenge without provider)',
    '34.2.0',
    { certificatesResolvers: { le: { acme: { ...ACME, dnsChallenge: { resolvers: ['1.1.1.1:53'] } } } } },
    'values.certificatesResolvers.le',
    'gives the ACME resolver le no challenge',
  ],
  [
    'HTTP challenge on no entrypoint',
    '41.3.0',
    { certificatesResolvers: { le: { acme: { ...ACME, httpChallenge: { entryPoint: 'nope' } } } } },
    'values.certificatesResolvers.le',
    'sends the HTTP challenge of the ACME resolver le to "nope", which names no entrypoint',
  ],
  [
    'HTTP challenge on an entrypoint not on port 80',
    '34.2.0',
    { certificatesResolvers: { le: { acme: { ...ACME, httpChallenge: { entryPoint: 'websecure' } } } } },
    'values.certificatesResolvers.le',
    'to entrypoint websecure, which is not exposed on port 80 (Service port 443)',
  ],
  [
    'HTTP challenge by flag on no entrypoint (case differs)',
    '27.0.2',
    {
      additionalArguments: [
        '--certificatesresolvers.le.acme.storage=/data/acme.json',
        '--certificatesresolvers.le.acme.httpchallenge.entrypoint=Web',
      ],
    },
    'values.additionalArguments[1]',
    'to "Web", which names no entrypoint',
  ],
  // 35b-6: the chart writes these inside "--...={{ . }}".
  ...(
    [
      [
        '34.2.0',
        { certificatesResolvers: { le: { acme: { ...ACME, tlsChallenge: true, preferredChain: 'ISRG "Root" X1' } } } },
        'certificatesResolvers.le.acme.preferredChain',
        'a quote (")',
      ],
      [
        '41.3.0',
        { certificatesResolvers: { le: { acme: { ...ACME, tlsChallenge: true, preferredChain: 'a\\q' } } } },
        'certificatesResolvers.le.acme.preferredChain',
        'a backslash (\\)',
      ],
      [
        '27.0.2',
        { certResolvers: { le: { ...ACME, tlsChallenge: true, preferredChain: 'a"b' } } },
        'certResolvers.le.preferredChain',
        'a quote',
      ],
      [
        '41.3.0',
        { certificatesResolvers: { le: { acme: { ...ACME, dnsChallenge: { provider: 'cloudflare', resolvers: ['1.1.1.1:53"'] } } } } },
        'certificatesResolvers.le.acme.dnsChallenge.resolvers[0]',
        'a quote',
      ],
      ['41.3.0', { api: { basePath: '/a"b' } }, 'api.basePath', 'a quote'],
      ['34.2.0', { providers: { kubernetesCRD: { labelSelector: 'app="x"' } } }, 'providers.kubernetesCRD.labelSelector', 'a quote'],
      [
        '27.0.2',
        { providers: { kubernetesIngress: { labelSelector: 'a\\b' } } },
        'providers.kubernetesIngress.labelSelector',
        'a backslash',
      ],
      ['41.3.0', { tracing: { serviceName: 'my "svc"', otlp: { enabled: true } } }, 'tracing.serviceName', 'a quote'],
      [
        '41.3.0',
        { ports: { websecure: { http: { middlewares: ['a"b@kubernetescrd'] } } } },
        'ports.websecure.http.middlewares[0]',
        'a quote',
      ],
      ['34.2.0', { ports: { websecure: { tls: { options: 'x"y' } } } }, 'ports.websecure.tls.options', 'a quote'],
      [
        '41.3.0',
        { ports: { websecure: { http: { tls: { domains: [{ main: 'a"b.example.com' }] } } } } },
        'ports.websecure.http.tls.domains[0].main',
        'a quote',
      ],
      [
        '27.0.2',
        { experimental: { plugins: { demo: { moduleName: 'github.com/a/"b', version: 'v1.0.0' } } } },
        'experimental.plugins.demo.moduleName',
        'a quote',
      ],
      ['41.3.0', { metrics: { datadog: { address: '127.0.0.1:8125"' } } }, 'metrics.datadog.address', 'a quote'],
      ['41.3.0', { ocsp: { enabled: true, responderOverrides: { a: 'http://x/"' } } }, 'ocsp.responderOverrides.a', 'a quote'],
      [
        '27.0.2',
        { metrics: { influxdb2: { address: 'http://i:8086', additionalLabels: { 'a"b': 'c' } } } },
        'metrics.influxdb2.additionalLabels.a"b',
        'a quote (")',
      ],
      [
        '41.3.0',
        { logs: { access: { enabled: true, fields: { headers: { names: { 'User-Agent': 'a\\b' } } } } } },
        'logs.access.fields.headers.names.User-Agent',
        'a backslash',
      ],
    ] as Array<[string, object, string, string]>
  ).map(([chart, values, path, character]): [string, string, object, string, string] => [
    `${path} on ${chart}`,
    chart,
    values,
    `values.${path}`,
    `with ${character}`,
  ]),
];

describe('resolver options Traefik does not know, resolvers without a working challenge, and values the chart writes inside "..." are refused (35b-5, 35b-6)', () => {
  test.each(REFUSED)('%s (chart %s)', (_label, chartVersion, values, path, message) => {
    expectInAll(doors(chartVersion, values), path, message);
  });
});

/** Label, chart, values: Traefik starts with them and gets its certificates, or the chart renders them. */
const ACCEPTED: Array<[string, string, object]> = [
  [
    'every challenge, in another case',
    '41.3.0',
    { certificatesResolvers: { le: { acme: { ...ACME, TLSChallenge: true, keytype: 'EC256' } } } },
  ],
  ['HTTP challenge on web', '34.2.0', { certificatesResolvers: { le: { acme: { ...ACME, httpChallenge: { entryPoint: 'web' } } } } }],
  [
    'DNS propagation options of v3.3+ on the chart default (v3, K3s may pin a newer minor)',
    '34.2.0',
    {
      certificatesResolvers: {
        le: { acme: { ...ACME, dnsChallenge: { provider: 'cloudflare', propagation: { delayBeforeChecks: '10s' } } } },
      },
    },
  ],
  ['Tailscale on Traefik v3', '41.3.0', { additionalArguments: ['--certificatesresolvers.ts.tailscale=true'] }],
  [
    'chart v32 certResolvers with a v2 option set',
    '27.0.2',
    { certResolvers: { le: { ...ACME, tlsChallenge: true, keyType: 'RSA4096' } } },
  ],
  [
    'an HTTP challenge on an entrypoint a flag defines',
    '41.3.0',
    {
      additionalArguments: [
        '--entrypoints.acme.address=:8081',
        '--certificatesresolvers.le.acme.storage=/data/acme.json',
        '--certificatesresolvers.le.acme.httpchallenge.entrypoint=acme',
      ],
    },
  ],
  [
    'quotes through additionalArguments (the chart quotes them)',
    '41.3.0',
    { additionalArguments: ['--providers.kubernetescrd.labelselector=app="x"'] },
  ],
  ['quotes in a value the chart writes through toYaml', '41.3.0', { deployment: { podAnnotations: { a: 'x"y\\z' } } }],
];

describe('resolvers and values Traefik and the chart take are still accepted', () => {
  test.each(ACCEPTED)('%s (chart %s)', (_label, chartVersion, values) => {
    for (const [door, text] of Object.entries(doors(chartVersion, values))) {
      expect(`${door}: ${text}`).not.toMatch(/has no option|no challenge|HTTP challenge|double-quoted item/);
    }
  });
});
