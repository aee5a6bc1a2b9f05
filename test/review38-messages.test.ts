import { configErrors, devConfig, withChanges } from './helpers';

/**
 * Review 37, F2: the 36a-11 rule names a user text over 80 characters by its size (keyText, shownValue). These
 * messages printed one whole: the flag and value of a --certificatesresolvers.* conflict, the resolver named by an
 * ACME challenge message, the entrypoint in a hostIP's flag, the entrypoint in a port-less expose's chart error, and
 * an additional Service's type. Each row: the config, a fragment of the message's line, and the long text it must
 * name by its size.
 */
const LONG = `r${'x'.repeat(89)}`;
const LONG_EMAIL = `a@${'b'.repeat(60)}.${'c'.repeat(60)}.io`;
const SIZE = `a text of ${LONG.length} characters`;

const traefik = (more: object) => withChanges(devConfig(), { traefik: { chartVersion: '39.0.7', ...more } });

test.each<[string, unknown, string, string]>([
  [
    'a conflict with the resolver key: the generated (long) e-mail',
    traefik({
      certResolvers: { le: { email: LONG_EMAIL, challenge: 'tls' } },
      values: { additionalArguments: ['--certificatesresolvers.le.acme.email=c@d.io'] },
    }),
    `makes this tool write as a text of ${LONG_EMAIL.length} characters`,
    LONG_EMAIL,
  ],
  [
    'an ACME resolver without a challenge, named by a flag',
    traefik({
      values: {
        additionalArguments: [
          `--certificatesresolvers.${LONG}.acme.email=a@b.io`,
          `--certificatesresolvers.${LONG}.acme.storage=/data/acme.json`,
        ],
      },
    }),
    `gives the ACME resolver (${SIZE}) no challenge`,
    LONG,
  ],
  [
    "a hostIP: the entrypoint in Traefik's listen flag",
    traefik({ values: { ports: { [LONG]: { port: 8000, hostIP: '10.0.0.1' } } } }),
    `(--entryPoints.(${SIZE}).address=10.0.0.1:8000)`,
    LONG,
  ],
  [
    "an exposed entrypoint without a port: the chart's own error",
    traefik({ values: { ports: { [LONG]: { expose: { default: true } } } } }),
    `"Cannot create (${SIZE}) port on Service without .port or .exposedPort"`,
    LONG,
  ],
  [
    "an additional Service's type",
    traefik({
      values: {
        ports: { websecure: { expose: { default: true, internal: true } } },
        service: { additionalServices: { internal: { type: LONG, annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.42' } } } },
      },
    }),
    `${SIZE} makes`,
    LONG,
  ],
])('%s: named by its size', (_, config, fragment, long) => {
  const lines = configErrors(config).filter((line) => line.includes(fragment));
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toContain(long);
});
