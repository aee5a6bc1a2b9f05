import { configErrors, devConfig, withChanges } from './helpers';

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
