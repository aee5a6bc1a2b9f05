import { countProblem, CountRule } from '../src/core/int-or-string';
import { RENDERED_BUDGET, renderedRollout } from '../src/traefik/rendered-count';
import { configErrors, devConfig, REFERENCE_K3S, withChanges, withTraefikValues } from './helpers';

/**
 * Attack round 27b-4, 27b-6 and 27b-8: one judge of IntOrString counts (core/int-or-string.ts), extraObjects
 * Deployment and DaemonSet rollouts held to the API server's rules and to the host-port surge rule, and a rollout count
 * the chart renders as null judged as the Kubernetes default.
 */

const APPLIED = '(extraObjects items are applied as written, in the Traefik release, which fails whole if the API server refuses one)';
const workload = (kind: 'Deployment' | 'DaemonSet', strategy: object, pod: object = {}) => ({
  extraObjects: [
    {
      apiVersion: 'apps/v1',
      kind,
      metadata: { name: 'foo', namespace: 'default' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        [kind === 'Deployment' ? 'strategy' : 'updateStrategy']: strategy,
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', ...pod }] } },
      },
    },
  ],
});
const rolling = (rollingUpdate: object) => ({ type: 'RollingUpdate', rollingUpdate });
const errorsOf = (values: object, traefik: object = {}) => configErrors(withTraefikValues(values, traefik));

describe('one judge of an IntOrString count, as written or as the chart renders it', () => {
  const WRITTEN: CountRule = { reading: 'as written', atMost100: true, example: '50%' };
  test.each([
    ['1', WRITTEN, 'a text that is not a percentage (a count is written without quotes)'],
    ['1', RENDERED_BUDGET, undefined],
    [-1, WRITTEN, 'a negative number of pods'],
    [-1, RENDERED_BUDGET, 'neither a whole number of pods (0 or more) nor a percentage such as "50%"'],
    ['101%', WRITTEN, 'a percentage over 100%'],
    ['100%', WRITTEN, undefined],
    [2 ** 31, WRITTEN, `more pods than a count holds (${2 ** 31 - 1})`],
    [2 ** 31 - 1, RENDERED_BUDGET, undefined],
    ['101%', renderedRollout(false), undefined],
    ['', renderedRollout(true), undefined],
    ['', RENDERED_BUDGET, 'neither a whole number of pods (0 or more) nor a percentage such as "50%"'],
  ])('%p read %p: %p', (value, rule, expected) => {
    expect(countProblem(value, rule as CountRule)).toBe(expected);
  });
});

describe('27b-4: an extraObjects Deployment or DaemonSet rollout the API server refuses', () => {
  const at = (kind: string, key: string) =>
    `config/t.yaml: traefik.values.extraObjects[0].spec.${kind === 'Deployment' ? 'strategy' : 'updateStrategy'}.rollingUpdate${key}`;
  const count = (kind: 'Deployment' | 'DaemonSet', key: string, shown: string, what: string) =>
    `${at(kind, `.${key}`)}: is ${shown}, ${what}, which the API server refuses in a ${kind}: ` +
    `write a number of pods, such as 1, or a percentage, such as "25%" ${APPLIED}`;
  const BOTH_ZERO =
    'has maxUnavailable and maxSurge both 0, which the API server refuses (no rollout could progress): allow one of the two';
  const NOT_PERCENT = 'a text that is not a percentage (a count is written without quotes)';
  test.each([
    [
      'Deployment both 0',
      workload('Deployment', rolling({ maxSurge: 0, maxUnavailable: 0 })),
      [`${at('Deployment', '')}: ${BOTH_ZERO} ${APPLIED}`],
    ],
    [
      'Deployment "0%" and 0',
      workload('Deployment', rolling({ maxSurge: '0%', maxUnavailable: 0 })),
      [`${at('Deployment', '')}: ${BOTH_ZERO} ${APPLIED}`],
    ],
    [
      'Deployment "150" and "101%"',
      workload('Deployment', rolling({ maxSurge: '150', maxUnavailable: '101%' })),
      [count('Deployment', 'maxSurge', '"150"', NOT_PERCENT), count('Deployment', 'maxUnavailable', '"101%"', 'a percentage over 100%')],
    ],
    [
      'Deployment maxUnavailable -1',
      workload('Deployment', rolling({ maxUnavailable: -1 })),
      [count('Deployment', 'maxUnavailable', '-1', 'a negative number of pods')],
    ],
    [
      'DaemonSet both 0',
      workload('DaemonSet', rolling({ maxSurge: 0, maxUnavailable: 0 })),
      [`${at('DaemonSet', '')}: ${BOTH_ZERO} ${APPLIED}`],
    ],
    [
      'DaemonSet maxSurge "101%"',
      workload('DaemonSet', rolling({ maxSurge: '101%', maxUnavailable: 0 })),
      [count('DaemonSet', 'maxSurge', '"101%"', 'a percentage over 100%')],
    ],
    [
      'DaemonSet maxSurge 1 with maxUnavailable not given (defaults to 1)',
      workload('DaemonSet', rolling({ maxSurge: 1 })),
      [
        `${at('DaemonSet', '.maxSurge')}: is 1 with maxUnavailable 1 (its default when not given), but the API server refuses a ` +
          'DaemonSet rollout with both non-zero ("may not be set when maxUnavailable is non-zero"): set maxSurge to 0, or maxUnavailable to 0 ' +
          APPLIED,
      ],
    ],
  ])('%s is refused', (_, values, expected) => {
    expect(errorsOf(values)).toEqual(expected);
  });

  test.each([
    ['Deployment maxSurge 0, maxUnavailable 1', workload('Deployment', rolling({ maxSurge: 0, maxUnavailable: 1 }))],
    ['Deployment maxSurge 0 alone (maxUnavailable defaults to 25%)', workload('Deployment', rolling({ maxSurge: 0 }))],
    [
      'Deployment maxSurge "150%" (no cap on a Deployment surge)',
      workload('Deployment', rolling({ maxSurge: '150%', maxUnavailable: '100%' })),
    ],
    ['Deployment Recreate', workload('Deployment', { type: 'Recreate' })],
    ['Deployment without a strategy', workload('Deployment', {})],
    ['DaemonSet maxSurge "100%", maxUnavailable 0', workload('DaemonSet', rolling({ maxSurge: '100%', maxUnavailable: 0 }))],
    ['DaemonSet maxUnavailable 1 alone', workload('DaemonSet', rolling({ maxUnavailable: 1 }))],
    ['DaemonSet OnDelete with both 0', workload('DaemonSet', { type: 'OnDelete', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } })],
  ])('control: %s is accepted', (_, values) => {
    expect(errorsOf(values)).toEqual([]);
  });
});

describe('27b-8: an extraObjects DaemonSet whose pods hold a host port, on a surging update, hangs every rollout', () => {
  // Wave 84 (83a-3): an extraObjects pod holds no port of its node (extra-workload-powers.ts), so the host port is the one
  // problem said; the surge rule stays for `npm run validate` (test/validate.test.ts).
  const port = { ports: [{ containerPort: 81, hostPort: 81 }] };
  test.each([
    ['maxSurge 1', rolling({ maxSurge: 1, maxUnavailable: 0 })],
    ['maxSurge "10%"', rolling({ maxSurge: '10%', maxUnavailable: 0 })],
    ['maxSurge 0', rolling({ maxSurge: 0, maxUnavailable: 1 })],
    ['the default strategy', {}],
  ])('hostPort 81, %s: refused for the host port alone', (_, strategy) => {
    expect(errorsOf(workload('DaemonSet', strategy, port))).toEqual([
      expect.stringContaining(
        'traefik.values.extraObjects[0].spec.template.spec.containers[0].ports[0].hostPort: is 81, a port of every node the pod runs on',
      ),
    ]);
  });

  test('hostNetwork: refused as such, once', () => {
    const values = workload('DaemonSet', rolling({ maxSurge: 1, maxUnavailable: 0 }), { ports: [{ containerPort: 8081 }] });
    (values.extraObjects[0].spec.template.spec as Record<string, unknown>).hostNetwork = true;
    expect(errorsOf(values)).toEqual([
      expect.stringContaining("spec.template.spec.hostNetwork: is true, which runs the pod on the node's own network"),
    ]);
  });

  test('control: no host port on a surging update is accepted', () => {
    expect(errorsOf(workload('DaemonSet', rolling({ maxSurge: 1, maxUnavailable: 0 }), { ports: [{ containerPort: 81 }] }))).toEqual([]);
  });
});

describe("27b-6: a rollout count the chart renders as null is Kubernetes' default, not refused", () => {
  const KEY = 'traefik.values.updateStrategy.rollingUpdate';
  test.each(['', 'null', '~', ' NULL '])('maxUnavailable %p with maxSurge 0 is accepted (the default 25%)', (empty) => {
    expect(errorsOf({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: empty, maxSurge: 0 } } })).toEqual([]);
  });
  test('a DaemonSet maxSurge "" is its default 0: neither both non-zero nor surging over its host port', () => {
    const values = {
      deployment: { kind: 'DaemonSet' },
      ports: { web: { hostPort: 80 } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '' } },
    };
    expect(errorsOf(values)).toEqual([]);
  });
  test('a DaemonSet maxSurge null is its default 0, not a 25% surge over its host port', () => {
    const values = {
      deployment: { kind: 'DaemonSet' },
      ports: { web: { hostPort: 80 } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: null } },
    };
    expect(errorsOf(values)).toEqual([]);
  });
  test('the rollout-hang rule reads "" as the default 25% (of 3 pods, 0)', () => {
    const values = { hostNetwork: true, deployment: { replicas: 3 }, updateStrategy: { rollingUpdate: { maxUnavailable: '' } } };
    const onServers = withChanges(devConfig(), { traefik: { values }, k3s: REFERENCE_K3S });
    expect(configErrors(onServers).join('\n')).toContain(
      `maxUnavailable "" at ${KEY}.maxUnavailable, so Kubernetes' default 25%, of 3 pod(s) rounded down to 0) finds no free node`,
    );
  });
  test.each([
    ['"true"', 'true', '"true", neither a whole number of pods (0 or more) nor a percentage such as "25%"'],
    ['"101%"', '101%', '"101%", a percentage over 100%'],
  ])('control: maxUnavailable %s is still refused', (_, value, expected) => {
    expect(errorsOf({ updateStrategy: { rollingUpdate: { maxUnavailable: value, maxSurge: 1 } } }).join('\n')).toContain(
      `${KEY}.maxUnavailable: is ${expected}, which the API server refuses in Traefik's workload`,
    );
  });
  test("Traefik's own DaemonSet maxSurge over 100% is refused (the API server caps a DaemonSet's surge too)", () => {
    const values = { deployment: { kind: 'DaemonSet' }, updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: '101%' } } };
    expect(errorsOf(values).join('\n')).toContain(
      `${KEY}.maxSurge: is "101%", a percentage over 100%, which the API server refuses in Traefik's workload`,
    );
  });
  test("control: Traefik's own Deployment maxSurge over 100% is accepted", () => {
    expect(errorsOf({ updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: '150%' } } })).toEqual([]);
  });
});
