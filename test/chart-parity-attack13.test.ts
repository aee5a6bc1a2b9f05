import { configErrors, devConfig, valuesDoors, withChanges } from './helpers';

// Attack round 13 (D3-D5, D12, D13): what the chart renders, and fails on, is judged whichever way a value is written.

/** Every front door's refusal of `values` (config, K3sVipCluster, TraefikHelmChartConfig), '' where one accepts. */
const doors = (values: unknown) => [valuesDoors.config(values), valuesDoors.cluster(values), valuesDoors.chart(values)];

/** Asserts every front door refuses `values` with `expected`, or accepts them when it is undefined. */
function judgedAtEveryDoor(values: unknown, expected: string | undefined): void {
  for (const refusal of doors(values)) {
    if (expected) expect(refusal).toContain(expected);
    else expect(refusal).toBe('');
  }
}

/** The errors of the reference config on three servers, with `traefik` patched. */
const onThreeServers = (traefik: object) =>
  configErrors(
    withChanges(devConfig(), {
      traefik,
      k3s: {
        tokenFile: '/etc/rancher/k3s/cluster-token',
        servers: [
          { name: 'k3s-1', address: '192.168.0.11', interface: 'eth0' },
          { name: 'k3s-2', address: '192.168.0.12' },
          { name: 'k3s-3', address: '192.168.0.13' },
        ],
      },
    }),
  ).join('\n');

describe('a count written in quotes is the number the chart renders (D3)', () => {
  const drain = 'so no drain may evict a Traefik pod';
  test.each([
    [
      'minAvailable "1" with one pod',
      { podDisruptionBudget: { enabled: true, minAvailable: '1' } },
      `is "1" with 1 Traefik pod(s), ${drain}`,
    ],
    [
      'minAvailable 1 with one pod',
      { podDisruptionBudget: { enabled: true, minAvailable: 1 } },
      `is 1 with 1 Traefik pod(s), ${drain}`,
    ],
    ['minAvailable "0"', { podDisruptionBudget: { enabled: true, minAvailable: '0' } }, undefined],
    ['maxUnavailable "0"', { podDisruptionBudget: { enabled: true, maxUnavailable: '0' } }, `is "0", ${drain}`],
    ['maxUnavailable 0', { podDisruptionBudget: { enabled: true, maxUnavailable: 0 } }, `is 0, ${drain}`],
    ['maxUnavailable "1"', { podDisruptionBudget: { enabled: true, maxUnavailable: '1' } }, undefined],
    ['maxUnavailable "0%"', { podDisruptionBudget: { enabled: true, maxUnavailable: '0%' } }, `is "0%", ${drain}`],
  ])('%s', (_, values, expected) => judgedAtEveryDoor(values, expected));

  test.each([
    ['"0" and "0"', { maxUnavailable: '0', maxSurge: '0' }, 'has maxUnavailable and maxSurge both 0'],
    ['"0" and 0', { maxUnavailable: '0', maxSurge: 0 }, 'has maxUnavailable and maxSurge both 0'],
    ['0 and 0', { maxUnavailable: 0, maxSurge: 0 }, 'has maxUnavailable and maxSurge both 0'],
    ['"0%" and "0"', { maxUnavailable: '0%', maxSurge: '0' }, 'has maxUnavailable and maxSurge both 0'],
    ['"0" and "1"', { maxUnavailable: '0', maxSurge: '1' }, undefined],
    ['"1" and "0"', { maxUnavailable: '1', maxSurge: '0' }, undefined],
  ])('a rolling update of %s', (_, rollingUpdate, expected) =>
    judgedAtEveryDoor({ updateStrategy: { type: 'RollingUpdate', rollingUpdate } }, expected),
  );

  const hostNetwork = (maxUnavailable: unknown) => ({
    hostNetwork: true,
    deployment: { kind: 'DaemonSet' },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge: 0 } },
  });
  test.each([
    ['"0"', '0', 'is "0", but a DaemonSet with hostNetwork'],
    ['0', 0, 'is 0, but a DaemonSet with hostNetwork'],
    ['"1"', '1', undefined],
    ['1', 1, undefined],
    ['"50%"', '50%', undefined],
  ])('a hostNetwork DaemonSet with maxUnavailable %s', (_, maxUnavailable, expected) =>
    judgedAtEveryDoor(hostNetwork(maxUnavailable), expected),
  );

  test.each([
    ['"3"', '3', 'is "3" with 3 Traefik pod(s)'],
    ['3', 3, 'is 3 with 3 Traefik pod(s)'],
    ['"2"', '2', undefined],
    ['"50%", a percentage', '50%', undefined],
    ['"100%"', '100%', 'is "100%" with 3 Traefik pod(s)'],
    ['"01", left as written', '01', undefined],
  ])('a DaemonSet on three servers with minAvailable %s', (_, minAvailable, expected) => {
    const errors = onThreeServers({ values: { deployment: { kind: 'DaemonSet' }, podDisruptionBudget: { enabled: true, minAvailable } } });
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });
});
