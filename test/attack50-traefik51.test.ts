import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { configErrors, devConfig, judgedValues, withChanges, withTraefikValues } from './helpers';

/**
 * Attack round 49b (49b-3, 49b-4, 49b-2): Traefik setups that start but never work, or do not start at all, and that
 * the tool wrote without a word.
 */

const ACME = { email: 'a@example.com', storage: '/data/acme.json' };
const LE_INGRESS = [
  {
    name: 'frontend-ingress',
    namespace: 'default',
    host: 'k3s.example.com',
    path: '/',
    service: 'frontend',
    port: 80,
    tls: { certResolver: 'le' },
  },
];

/** The reference config with `traefik` patched (values replaced) and the Ingress using resolver `le`. */
const config = (traefik: object, ingresses: unknown = LE_INGRESS) => {
  const base = devConfig();
  delete base.traefik.externalCertResolvers;
  return withChanges(base, { traefik, ingresses });
};
const errorsOf = (traefik: object, ingresses?: unknown) => configErrors(config(traefik, ingresses)).join('\n');

/** The reference config's errors and warnings for `values`, each `traefik.key.path: message`. */
const judged = (values: object) => {
  const { errors, warnings } = parseConfigText('config/t.yaml', stringify(withTraefikValues(values)));
  const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');
  return { errors: errors.map(line), warnings: warnings.map(line) };
};

describe('49b-3: a TLS-ALPN-01 resolver with no TCP entrypoint on port 443 never gets a certificate', () => {
  const TLS_ALPN =
    'gives the ACME resolver le only the TLS challenge, which the CA sends over TCP to port 443, where no entrypoint is exposed (entrypoint websecure is exposed on Service port 8443), so it never gets a certificate';
  const off443 = { ports: { websecure: { exposedPort: 8443 } } };
  test.each<[string, object, string | undefined]>([
    ['config resolver, websecure on 8443', { certResolvers: { le: { email: ACME.email, challenge: 'tls' } }, values: off443 }, TLS_ALPN],
    [
      'values resolver, tlsChallenge: true, websecure on 8443',
      { values: { ...off443, persistence: { enabled: true }, certificatesResolvers: { le: { acme: { ...ACME, tlsChallenge: true } } } } },
      TLS_ALPN,
    ],
    [
      'flag resolver, websecure on 8443',
      {
        values: {
          ...off443,
          persistence: { enabled: true },
          additionalArguments: [
            '--certificatesresolvers.le.acme.email=a@example.com',
            '--certificatesresolvers.le.acme.storage=/data/acme.json',
            '--certificatesresolvers.le.acme.tlschallenge=true',
          ],
        },
      },
      TLS_ALPN,
    ],
    ['control: config resolver, websecure on 443', { certResolvers: { le: { email: ACME.email, challenge: 'tls' } } }, undefined],
    [
      'control: websecure on 8443 but another TCP entrypoint on 443',
      {
        certResolvers: { le: { email: ACME.email, challenge: 'tls' } },
        values: { ports: { websecure: { exposedPort: 8443 }, alt: { port: 9443, exposedPort: 443, expose: { default: true } } } },
      },
      undefined,
    ],
    [
      'control: websecure on 8443 with an HTTP challenge as well (lego may use it)',
      {
        values: {
          ...off443,
          persistence: { enabled: true },
          certificatesResolvers: { le: { acme: { ...ACME, tlsChallenge: true, httpChallenge: { entryPoint: 'web' } } } },
        },
      },
      undefined,
    ],
  ])('%s', (_, traefik, expected) => {
    const errors = errorsOf(traefik);
    if (expected) expect(errors).toContain(expected);
    else expect(errors).not.toMatch(/challenge/);
  });
});

describe('49b-4: an extraObjects IngressRoute taking an Ingress host through || is refused; a rule not read is warned', () => {
  const ingressRoute = (match: string) => ({
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRoute',
    metadata: { name: 'ir', namespace: 'default' },
    spec: {
      entryPoints: ['websecure'],
      routes: [{ match, kind: 'Rule', services: [{ name: 'other', port: 80 }] }],
      tls: { certResolver: 'default' },
    },
  });
  const SAME =
    'traefik.values.extraObjects[0].spec.routes[0].match: host "k3s.code-place-dev.site" with path "/" is already routed by ingresses[0]';
  const UNJUDGED =
    'traefik.values.extraObjects[0].spec.routes[0].match: names host "k3s.code-place-dev.site", which ingresses[0] routes, in a rule this tool cannot judge';
  const H = 'Host(`k3s.code-place-dev.site`)';
  test.each<[string, string, 'error' | 'warning' | 'outranks' | 'none']>([
    ['|| after', `${H} || Host(\`x.example.com\`)`, 'error'],
    ['|| before, double quotes', 'Host("x.example.com") || Host("K3S.code-place-dev.site.")', 'error'],
    ['|| inside parentheses with PathPrefix', `(Host(\`x.example.com\`) || ${H}) && PathPrefix(\`/\`)`, 'error'],
    ['v2 Host with two values', 'Host(`x.example.com`, `k3s.code-place-dev.site`)', 'error'],
    ['PathPrefix first', `PathPrefix(\`/\`) && ${H}`, 'error'],
    ['another matcher on the host', `${H} && Method(\`GET\`)`, 'warning'],
    ['a negation', `${H} && !PathPrefix(\`/api\`)`, 'warning'],
    // Its rule (66) is longer than the Ingress router's (50) and the regexp matches the host: refused by priority (51b-2).
    ['HostRegexp naming the host', 'HostRegexp(`^k3s\\.code-place-dev\\.site$`) || Host(`x.example.com`)', 'outranks'],
    ['control: || of other hosts', 'Host(`x.example.com`) || Host(`y.example.com`)', 'none'],
    ['control: another path on the host', `${H} && PathPrefix(\`/api\`) || Host(\`x.example.com\`)`, 'none'],
    // `&&` binds tighter: without the parentheses the Header alternative takes every host's requests (50b-4,
    // attack51-routes52.test.ts).
    ['control: a complex rule on other hosts', 'Host(`x.example.com`) && (Method(`GET`) || Header(`X-A`, `b`))', 'none'],
  ])('%s: %s', (_, match, expected) => {
    const { errors, warnings } = judged({ extraObjects: [ingressRoute(match)] });
    expect(
      errors
        .filter((e) => e.includes('already routed'))
        .join('\n')
        .toLowerCase()
        .replace('site."', 'site"'),
    ).toEqual(expected === 'error' ? expect.stringContaining(SAME.toLowerCase()) : '');
    expect(warnings.filter((w) => w.includes('cannot judge')).join('\n')).toEqual(
      expected === 'warning' ? expect.stringContaining(UNJUDGED) : '',
    );
    expect(errors.some((e) => e.includes('has a HostRegexp that may match host "k3s.code-place-dev.site"'))).toBe(expected === 'outranks');
  });
});

describe('49b-2: flags Traefik does not know or cannot read are refused, naming the nearest option', () => {
  const ARGS = [
    '--pilot.dashboard=false',
    '--foo.bar=1',
    '--serverstransport.insecureskipverify=yes',
    '--accesslog.bufferingsize=lots',
    '--entrypoints.websecure.transport.respondingtimeouts.readtimeout=30x',
    '--entrypoints.websecure.http.tls.certresolvr=default',
    '--entrypoints.web.http.redirections.entrypoint.permanent=maybe',
    '--providers.kubernetesingress.throttleDuration=abc',
    '--providers.kubernetescrd.trace=true',
    // Controls: flags Traefik reads.
    '--serverstransport.insecureskipverify=true',
    '--accesslog.bufferingsize=100',
    '--entrypoints.websecure.transport.respondingtimeouts.readtimeout=1m30s',
    '--entrypoints.websecure.transport.respondingtimeouts.idletimeout=180',
    '--entrypoints.websecure.http.tls.certresolver=default',
    '--entrypoints.websecure.http.tls.domains[0].main=example.com',
    '--entryPoints.web.forwardedHeaders.trustedIPs=203.0.113.0/24',
    '--providers.kubernetesingress.ingressclass=traefik',
    '--accesslog.fields.headers.names.User-Agent=keep',
    '--metrics.prometheus=true',
    '--providers.kubernetescrd',
    '--log.level=DEBUG',
    '--global.checknewversion=false',
  ];
  const at = (i: number) => `traefik.values.additionalArguments[${i}]: `;
  test('each bad flag once, at its item, and none of the controls', () => {
    const { errors } = judged({ additionalArguments: ARGS });
    const mine = (i: number) => errors.filter((e) => e.startsWith(at(i)));
    const expected: Array<[number, string]> = [
      [0, 'names option "pilot" at the top level, which Traefik v3 does not have, so it fails to start ("field not found"): remove it'],
      [1, 'names option "foo" at the top level, which Traefik v3 does not have'],
      [
        2,
        'sets --serverstransport.insecureskipverify, a switch, to a value Traefik cannot read as a boolean, so it fails to start: write true or false',
      ],
      [3, 'sets --accesslog.bufferingsize to a value Traefik cannot read as a whole number (a Go int, from'],
      [4, 'sets --entrypoints.websecure.transport.respondingtimeouts.readtimeout to a value Traefik cannot read as its number or duration'],
      [
        5,
        'names option "certresolvr" under --entrypoints.websecure.http.tls, which Traefik v3 does not have, so it fails to start ("field not found"): write certresolver, the nearest option Traefik knows there',
      ],
      [6, 'sets --entrypoints.web.http.redirections.entrypoint.permanent, a switch, to a value Traefik cannot read as a boolean'],
      [7, 'sets --providers.kubernetesingress.throttleDuration to a value Traefik cannot read as its number or duration'],
      [8, 'names option "trace" under --providers.kubernetescrd, which Traefik v3 does not have'],
    ];
    for (const [i, message] of expected) {
      expect(mine(i).length).toBe(1);
      expect(mine(i)[0]).toContain(message);
    }
    for (let i = expected.length; i < ARGS.length; i++) expect([i, mine(i)]).toEqual([i, []]);
  });
  test('a Traefik v2 image (chart 27.0.2): --pilot is gone from v2.11 too, a v3-only option is refused', () => {
    const { errors } = judgedValues(
      {
        additionalArguments: [
          '--pilot.dashboard=false',
          '--entrypoints.web.http.sanitizepath=false',
          '--providers.kubernetesgateway.experimentalchannel=true',
        ],
      },
      '27.0.2',
    );
    expect(errors.join('\n')).toContain('additionalArguments[0]: names option "pilot" at the top level, which Traefik v2 does not have');
    expect(errors.join('\n')).toContain(
      'additionalArguments[2]: names option "experimentalchannel" under --providers.kubernetesgateway, which Traefik v2 does not have, so it fails to start ("field not found"): remove it (Traefik has it in v3.',
    );
    expect(errors.join('\n')).not.toContain('additionalArguments[1]');
  });
});
