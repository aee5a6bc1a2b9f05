import { stringify } from 'yaml';
import { parseConfigText } from '../src/config/load';
import { formatPath } from '../src/core/problem';
import { withChanges } from './helpers';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 70 (resolver70): the certificate rules judge the resolvers Traefik will run, whichever key or flag defines them
 * and whichever key asks them for a wildcard. 70b-1 the Let's Encrypt reserved-name warning and the wildcard rule see
 * resolvers of the chart key and of flags; 70b-2 a wildcard asked at the entrypoint (values or flags); 70b-12 a DNS
 * challenge added by flag issues wildcards; 70b-23 an HPA of at most one pod beside ACME; 70b-4 a budget that blocks
 * every drain at the HPA's minimum; 70b-8 the Recreate that `traefik.certResolvers` writes is said at that key.
 */
const BASE = {
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
  traefik: { loadBalancerIPs: ['192.168.0.41'], redirectToHttps: true },
};
const ingress = (host: string, tls?: object) => ({ name: 'shop', host, service: 'shop', port: 80, ...(tls && { tls }) });
const FIRST = { le: { email: 'ops@example.com' } };
const CHART_KEY = (acme: object) => ({
  persistence: { enabled: true },
  certificatesResolvers: { le: { acme: { email: 'ops@example.com', storage: '/data/acme.json', ...acme } } },
});
const FLAGS = (...challenge: string[]) => ({
  persistence: { enabled: true },
  additionalArguments: [
    '--certificatesresolvers.le.acme.email=ops@example.com',
    '--certificatesresolvers.le.acme.storage=/data/acme.json',
    ...challenge,
  ],
});
const CLOUDFLARE = {
  env: [{ name: 'CF_DNS_API_TOKEN', valueFrom: { secretKeyRef: { name: 'cloudflare', key: 'token' } } }],
};
const withIngress = (traefik: object, host: string) =>
  withChanges(BASE, { traefik, ingresses: [ingress(host, { certResolver: 'le' })] } as object);

const report = (config: object) => parseConfigText('config/t.yaml', stringify(config));
const errorsOf = (config: object) => report(config).errors.map((p) => `${formatPath(p.path)}: ${p.message}`);
const warningsOf = (config: object) => report(config).warnings.map((p) => `${formatPath(p.path)}: ${p.message}`);

const WILD = 'cannot issue wildcard certificates';
const RESERVED = 'is not a public domain';

/** `expected` undefined: no error at all (and, for `warn` rows, no reserved-name warning); `absent`: a text no error may hold. */
type Row = [name: string, config: object, expected: string | undefined, kind?: 'warn' | { absent: string }];

const rows: Row[] = [
  // 70b-1: the wildcard rule on a resolver of the chart key or of flags, with its challenge as Traefik reads it.
  ['1 first-class tls, wildcard Ingress', withIngress({ certResolvers: FIRST }, '*.example.com'), `uses the TLS challenge, which ${WILD}`],
  [
    '1 chart key tlsChallenge, wildcard Ingress',
    withIngress({ values: CHART_KEY({ tlsChallenge: true }) }, '*.example.com'),
    `ingresses[0].host: "*.example.com" is a wildcard, but resolver "le" uses the TLS challenge, which ${WILD}`,
  ],
  [
    '1 chart key httpChallenge, wildcard Ingress',
    withIngress({ values: CHART_KEY({ httpChallenge: { entryPoint: 'web' } }) }, '*.example.com'),
    'uses the HTTP challenge',
  ],
  [
    '1 chart key dnsChallenge, wildcard Ingress',
    withIngress({ values: { ...CHART_KEY({ dnsChallenge: { provider: 'cloudflare' } }), ...CLOUDFLARE } }, '*.example.com'),
    undefined,
  ],
  [
    '1 flags httpchallenge, wildcard Ingress',
    withIngress({ values: FLAGS('--certificatesresolvers.le.acme.httpchallenge.entrypoint=web') }, '*.example.com'),
    'uses the HTTP challenge',
  ],
  [
    '1 flags tlschallenge, wildcard Ingress',
    withIngress({ values: FLAGS('--certificatesresolvers.le.acme.tlschallenge=true') }, '*.example.com'),
    'uses the TLS challenge',
  ],
  [
    '1 flags dnschallenge, wildcard Ingress',
    withIngress(
      { values: { ...FLAGS('--certificatesresolvers.le.acme.dnschallenge.provider=cloudflare'), ...CLOUDFLARE } },
      '*.example.com',
    ),
    undefined,
  ],
  [
    '1 flags tlschallenge, plain host',
    withIngress({ values: FLAGS('--certificatesresolvers.le.acme.tlschallenge=true') }, 'shop.example.com'),
    undefined,
  ],
  // 70b-1: the reserved-name warning on a resolver of the chart key or of flags; a private CA is not judged.
  ['1 first-class .local warned', withIngress({ certResolvers: FIRST }, 'shop.local'), RESERVED, 'warn'],
  [
    '1 chart key .local warned',
    withIngress({ values: CHART_KEY({ tlsChallenge: true }) }, 'shop.local'),
    'asks resolver "le" (Let\'s Encrypt) for "shop.local"',
    'warn',
  ],
  [
    '1 flags .local warned',
    withIngress({ values: FLAGS('--certificatesresolvers.le.acme.tlschallenge=true') }, 'shop.local'),
    RESERVED,
    'warn',
  ],
  [
    '1 chart key staging URL .internal warned',
    withIngress(
      { values: CHART_KEY({ tlsChallenge: true, caServer: 'https://acme-staging-v02.api.letsencrypt.org/directory' }) },
      'shop.internal',
    ),
    RESERVED,
    'warn',
  ],
  [
    '1 chart key private CA .local not warned',
    withIngress({ values: CHART_KEY({ tlsChallenge: true, caServer: 'https://ca.home.example.com/acme/directory' }) }, 'shop.local'),
    undefined,
    'warn',
  ],
  [
    '1 flags private CA .local not warned',
    withIngress(
      {
        values: FLAGS(
          '--certificatesresolvers.le.acme.tlschallenge=true',
          '--certificatesresolvers.le.acme.caserver=https://ca.example.com/dir',
        ),
      },
      'shop.local',
    ),
    undefined,
    'warn',
  ],
  ['1 chart key public host not warned', withIngress({ values: CHART_KEY({ tlsChallenge: true }) }, 'shop.example.com'), undefined, 'warn'],
  // 70b-2: a wildcard at the entrypoint, by the chart key or by flags.
  [
    '2 entrypoint key, tls resolver',
    withIngress(
      {
        certResolvers: FIRST,
        values: { ports: { websecure: { http: { tls: { certResolver: 'le', domains: [{ main: '*.example.com' }] } } } } },
      },
      'shop.example.com',
    ),
    `traefik.values.ports.websecure.http.tls.domains[0].main: asks resolver "le" for the wildcard "*.example.com", but it uses the TLS challenge, which ${WILD}`,
  ],
  [
    '2 entrypoint key sans, tls resolver',
    withIngress(
      {
        certResolvers: FIRST,
        values: {
          ports: { websecure: { http: { tls: { certResolver: 'le', domains: [{ main: 'example.com', sans: ['*.example.com'] }] } } } },
        },
      },
      'shop.example.com',
    ),
    'domains[0].sans[0]: asks resolver "le" for the wildcard',
  ],
  [
    '2 entrypoint key, plain domain',
    withIngress(
      {
        certResolvers: FIRST,
        values: { ports: { websecure: { http: { tls: { certResolver: 'le', domains: [{ main: 'example.com' }] } } } } },
      },
      'shop.example.com',
    ),
    undefined,
  ],
  [
    '2 entrypoint key, tls off: not rendered',
    withIngress(
      {
        certResolvers: FIRST,
        values: { ports: { websecure: { http: { tls: { enabled: false, certResolver: 'le', domains: [{ main: '*.example.com' }] } } } } },
      },
      'shop.example.com',
    ),
    WILD,
    { absent: WILD },
  ],
  [
    '2 entrypoint key, dns resolver by flag',
    withIngress(
      {
        certResolvers: FIRST,
        values: {
          ...CLOUDFLARE,
          additionalArguments: ['--certificatesresolvers.le.acme.dnschallenge.provider=cloudflare'],
          ports: { websecure: { http: { tls: { certResolver: 'le', domains: [{ main: '*.example.com' }] } } } },
        },
      },
      'shop.example.com',
    ),
    undefined,
  ],
  [
    '2 entrypoint flags main, tls resolver',
    withIngress(
      {
        certResolvers: FIRST,
        values: {
          additionalArguments: [
            '--entrypoints.websecure.http.tls.domains[0].main=*.example.net',
            '--entrypoints.websecure.http.tls.certresolver=le',
          ],
        },
      },
      'shop.example.com',
    ),
    `traefik.values.additionalArguments[0]: asks resolver "le" for the wildcard "*.example.net", but it uses the TLS challenge`,
  ],
  [
    '2 entrypoint flags sans list, http resolver',
    withIngress(
      {
        certResolvers: { le: { email: 'ops@example.com', challenge: 'http' } },
        values: {
          additionalArguments: [
            '--entrypoints.websecure.http.tls.certresolver=le',
            '--entrypoints.websecure.http.tls.domains[0].main=example.net',
            '--entrypoints.websecure.http.tls.domains[0].sans=a.example.net,*.example.net',
          ],
        },
      },
      'shop.example.com',
    ),
    'additionalArguments[2]: asks resolver "le" for the wildcard "*.example.net", but it uses the HTTP challenge',
  ],
  [
    '2 entrypoint flags, plain domains',
    withIngress(
      {
        certResolvers: FIRST,
        values: {
          additionalArguments: [
            '--entrypoints.websecure.http.tls.certresolver=le',
            '--entrypoints.websecure.http.tls.domains[0].main=example.net',
          ],
        },
      },
      'shop.example.com',
    ),
    undefined,
  ],
  [
    '2 entrypoint flags .local warned',
    withIngress(
      {
        certResolvers: FIRST,
        values: {
          additionalArguments: [
            '--entrypoints.websecure.http.tls.certresolver=le',
            '--entrypoints.websecure.http.tls.domains[0].main=corp.local',
          ],
        },
      },
      'shop.example.com',
    ),
    'additionalArguments[1]: asks resolver "le" (Let\'s Encrypt) for "corp.local"',
    'warn',
  ],
  // 70b-12: the DNS challenge a flag adds to a first-class resolver issues wildcards; an empty provider does not.
  [
    '12 first-class + dns flag, wildcard Ingress',
    withIngress(
      {
        certResolvers: FIRST,
        values: { ...CLOUDFLARE, additionalArguments: ['--certificatesresolvers.le.acme.dnschallenge.provider=cloudflare'] },
      },
      '*.example.com',
    ),
    undefined,
  ],
  [
    '12 first-class + dns chart key, wildcard Ingress',
    withIngress(
      {
        certResolvers: FIRST,
        values: { ...CLOUDFLARE, certificatesResolvers: { le: { acme: { dnsChallenge: { provider: 'cloudflare' } } } } },
      },
      '*.example.com',
    ),
    WILD,
    { absent: WILD },
  ],
  [
    '12 first-class + dns flag, wildcard IngressRoute',
    withChanges(BASE, {
      traefik: {
        certResolvers: FIRST,
        values: {
          ...CLOUDFLARE,
          additionalArguments: ['--certificatesresolvers.le.acme.dnschallenge.provider=cloudflare'],
          extraObjects: [
            {
              apiVersion: 'traefik.io/v1alpha1',
              kind: 'IngressRoute',
              metadata: { name: 'wild', namespace: 'default' },
              spec: {
                entryPoints: ['websecure'],
                routes: [{ match: 'Host(`a.example.org`)', kind: 'Rule', services: [{ name: 'shop', port: 80 }] }],
                tls: { certResolver: 'le', domains: [{ main: '*.example.org' }] },
              },
            },
          ],
        },
      },
    }),
    undefined,
  ],
  [
    '12 first-class + empty dns provider, wildcard Ingress',
    withIngress(
      { certResolvers: FIRST, values: { additionalArguments: ['--certificatesresolvers.le.acme.dnschallenge.provider='] } },
      '*.example.com',
    ),
    'uses the TLS challenge',
  ],
  // 70b-23: an HPA that runs at most one pod is one acme.json; two pods are refused.
  [
    '23 autoscaling max 1 + ACME',
    withIngress({ certResolvers: FIRST, values: { autoscaling: { enabled: true, minReplicas: 1, maxReplicas: 1 } } }, 'shop.example.com'),
    undefined,
  ],
  [
    '23 autoscaling max "1" (text) + ACME',
    withIngress({ certResolvers: FIRST, values: { autoscaling: { enabled: true, maxReplicas: '1' } } }, 'shop.example.com'),
    'pods cannot share',
    { absent: 'pods cannot share' },
  ],
  [
    '23 autoscaling max 2 + ACME',
    withIngress({ certResolvers: FIRST, values: { autoscaling: { enabled: true, minReplicas: 1, maxReplicas: 2 } } }, 'shop.example.com'),
    'traefik.values.autoscaling.enabled: scales Traefik to 2 pods, but the ACME resolvers (le)',
  ],
  [
    '23 autoscaling max 1 + ACME by flags',
    withIngress(
      { values: { ...FLAGS('--certificatesresolvers.le.acme.tlschallenge=true'), autoscaling: { enabled: true, maxReplicas: 1 } } },
      'shop.example.com',
    ),
    undefined,
  ],
  // 70b-4: a budget that allows no eviction at the HPA's minimum is refused as for a fixed count.
  [
    '4 fixed 1 pod, minAvailable 1 (refused before too)',
    withChanges(BASE, { traefik: { values: { podDisruptionBudget: { enabled: true, minAvailable: 1 } } } }),
    'podDisruptionBudget.minAvailable: is 1 with 1 Traefik pod(s)',
  ],
  [
    '4 HPA min 1 max 3, minAvailable 1',
    withChanges(BASE, {
      traefik: {
        values: { autoscaling: { enabled: true, minReplicas: 1, maxReplicas: 3 }, podDisruptionBudget: { enabled: true, minAvailable: 1 } },
      },
    }),
    'podDisruptionBudget.minAvailable: is 1 with as few as 1 Traefik pod(s) (autoscaling.minReplicas), so no drain may evict',
  ],
  [
    '4 HPA no min (HPA default 1) max 3, minAvailable 1',
    withChanges(BASE, {
      traefik: { values: { autoscaling: { enabled: true, maxReplicas: 3 }, podDisruptionBudget: { enabled: true, minAvailable: 1 } } },
    }),
    'with as few as 1 Traefik pod(s)',
  ],
  [
    '4 HPA min 2 max 3, minAvailable 2',
    withChanges(BASE, {
      traefik: {
        values: { autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 3 }, podDisruptionBudget: { enabled: true, minAvailable: 2 } },
      },
    }),
    'with as few as 2 Traefik pod(s)',
  ],
  [
    '4 HPA min 2 max 3, minAvailable 1',
    withChanges(BASE, {
      traefik: {
        values: { autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 3 }, podDisruptionBudget: { enabled: true, minAvailable: 1 } },
      },
    }),
    undefined,
  ],
  [
    '4 HPA min 2 max 4, minAvailable 100%',
    withChanges(BASE, {
      traefik: {
        values: {
          autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 4 },
          podDisruptionBudget: { enabled: true, minAvailable: '100%' },
        },
      },
    }),
    'minAvailable: is "100%"',
  ],
  [
    '4 HPA min 2 max 4, minAvailable 50%',
    withChanges(BASE, {
      traefik: {
        values: {
          autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 4 },
          podDisruptionBudget: { enabled: true, minAvailable: '50%' },
        },
      },
    }),
    undefined,
  ],
  // 70b-8: the Recreate that traefik.certResolvers writes is said at that key; the user's RollingUpdate at theirs names both.
  [
    '8 DaemonSet + user RollingUpdate + ACME: the resolver key',
    withChanges(BASE, {
      traefik: {
        certResolvers: FIRST,
        values: {
          deployment: { kind: 'DaemonSet' },
          updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
        },
      },
      ingresses: [ingress('shop.example.com', { certResolver: 'le' })],
    }),
    // 79b-7: the one line of the DaemonSet/ACME conflict stands at deployment.kind, with both ways out.
    'traefik.values.deployment.kind: is DaemonSet, one Traefik pod per node',
  ],
  [
    '8 DaemonSet + user RollingUpdate + ACME: the clash names both',
    withChanges(BASE, {
      traefik: {
        certResolvers: FIRST,
        values: {
          deployment: { kind: 'DaemonSet' },
          updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
        },
      },
      ingresses: [ingress('shop.example.com', { certResolver: 'le' })],
    }),
    'traefik.values.updateStrategy.type: is "RollingUpdate", but traefik.certResolvers makes this tool write "Recreate"',
  ],
  [
    '8 DaemonSet + user RollingUpdate + ACME: no "write RollingUpdate" at the user key',
    withChanges(BASE, {
      traefik: {
        certResolvers: FIRST,
        values: {
          deployment: { kind: 'DaemonSet' },
          updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
        },
      },
      ingresses: [ingress('shop.example.com', { certResolver: 'le' })],
    }),
    'DaemonSet',
    { absent: 'write RollingUpdate or OnDelete' },
  ],
  [
    '8 DaemonSet + ACME, no strategy key: the resolver key',
    withChanges(BASE, {
      traefik: { certResolvers: FIRST, values: { deployment: { kind: 'DaemonSet' } } },
      ingresses: [ingress('shop.example.com', { certResolver: 'le' })],
    }),
    // 79b-7: one line for the conflict, at deployment.kind (no second "Recreate" line at the resolver key).
    'or write Deployment here, with one replica',
  ],
  [
    '8 DaemonSet, user Recreate, no ACME (refused at the user key)',
    withChanges(BASE, { traefik: { values: { deployment: { kind: 'DaemonSet' }, updateStrategy: { type: 'Recreate' } } } }),
    'traefik.values.updateStrategy.type: is "Recreate", which the API server refuses for Traefik\'s DaemonSet',
  ],
];

describe('attack70 resolver70: certificate rules on the resolvers Traefik runs', () => {
  // Each row as one argument: rows of three items would leave a fourth parameter for Jest's `done` callback.
  test.each(rows.map((row): [string, Row] => [row[0], row]))('%s', (_name, [, config, expected, kind]) => {
    if (kind === 'warn') {
      const warnings = warningsOf(config).filter((w) => w.includes("(Let's Encrypt)"));
      if (expected === undefined) expect(warnings).toEqual([]);
      else expect(warnings.some((w) => w.includes(expected))).toBe(true);
      return;
    }
    const errors = errorsOf(config);
    if (typeof kind === 'object') expect(errors.filter((e) => e.includes(kind.absent))).toEqual([]);
    else if (expected === undefined) expect(errors).toEqual([]);
    else expect(errors.some((e) => e.includes(expected))).toBe(true);
  });

  test('100 kB of entrypoint domain flags is judged in linear time', () => {
    const flags = Array.from({ length: 1400 }, (_, i) => `--entrypoints.websecure.http.tls.domains[${i}].main=h${i}.example.com`);
    const start = process.cpuUsage();
    report(
      withIngress(
        { certResolvers: FIRST, values: { additionalArguments: ['--entrypoints.websecure.http.tls.certresolver=le', ...flags] } },
        'shop.example.com',
      ),
    );
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
