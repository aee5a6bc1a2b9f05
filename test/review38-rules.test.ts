import { configErrors, devConfig, withChanges } from './helpers';

/** Review 37, F3: the probe port's name refusal reads its versions from the chart table, so the message names none. */
test('a port name at deployment.healthchecksPort (chart 39.0.7): refused without version numbers in the text', () => {
  const errors = configErrors(
    withChanges(devConfig(), { traefik: { chartVersion: '39.0.7', values: { deployment: { healthchecksPort: 'traefik' } } } }),
  );
  const lines = errors.filter((line) => line.includes('deployment.healthchecksPort'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(
    'is "traefik", a text (the port name of port 8080), but Traefik chart 39.0.7\'s values schema takes only a number here, so Helm refuses the values',
  );
  expect(lines[0]).not.toMatch(/from v31|v41\.0/);
});

/**
 * Review 37, F5: the challenge a config resolver chooses is looked up by its folded name. With `LE` written first (a
 * globalArguments flag, before the chart's own) and the config's resolver `le` choosing TLS, a later flag turning the TLS challenge off is one
 * conflict (resolver-arguments.ts), not a second "turns off the challenge" message.
 */
test('a config resolver le beside a flag resolver LE: the TLS challenge turned off is reported once', () => {
  const errors = configErrors(
    withChanges(devConfig(), {
      traefik: {
        // Charts before v36 render globalArguments.
        chartVersion: '34.2.0',
        certResolvers: { le: { email: 'a@b.org', challenge: 'tls' } },
        values: {
          globalArguments: ['--certificatesresolvers.LE.tailscale=false'],
          additionalArguments: ['--certificatesresolvers.le.acme.tlschallenge=false'],
        },
      },
    }),
  );
  const lines = errors.filter((line) => line.includes('additionalArguments[0]'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    /sets --certificatesresolvers\.le\.acme\.tlschallenge .*traefik\.certResolvers\.le makes this tool write as true/,
  );
});
