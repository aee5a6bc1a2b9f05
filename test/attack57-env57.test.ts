/**
 * Attack round 57b-7: TRAEFIK_* variables in the chart's `env` set static options Traefik never reads (its static
 * configuration comes from one source, and the chart always passes flags): warned, naming the variable and its flag.
 */
import { judgedValues } from './helpers';

describe('57b-7: a Traefik static option as an environment variable', () => {
  test.each([
    ['TRAEFIK_ENTRYPOINTS_WEBSECURE_ADDRESS', '--entrypoints.websecure.address='],
    ['TRAEFIK_CERTIFICATESRESOLVERS_LE_ACME_EMAIL', '--certificatesresolvers.le.acme.email='],
    // 58a-21: no flag Traefik lacks is suggested; the name is said to be no static option.
    ['TRAEFIK_NOSUCHOPTION', 'Traefik has no static option --nosuchoption (no flag'],
  ])('%s is warned, with its flag', (name, flag) => {
    for (const chartVersion of ['27.0.2', '39.0.7']) {
      const { errors, warnings } = judgedValues(
        {
          env: [
            { name: 'TZ', value: 'UTC' },
            { name, value: 'x' },
          ],
        },
        chartVersion,
      );
      expect(errors).toEqual([]);
      const warning = warnings.find((w) => w.includes(name));
      expect(warning).toBeDefined();
      expect(warning).toContain('traefik.values.env[1].name:');
      expect(warning).toContain('never reads');
      expect(warning).toContain(flag);
    }
  });

  test.each(['TZ', 'GOMAXPROCS', 'MY_TRAEFIK_X', 'traefik_lower'])('control: %s gets no such warning', (name) => {
    const { warnings } = judgedValues({ env: [{ name, value: 'x' }] }, '39.0.7');
    expect(warnings.filter((w) => w.includes('never reads'))).toEqual([]);
  });
});
