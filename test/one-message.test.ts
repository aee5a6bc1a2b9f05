import { FILE } from './bad-configs';
import { chart, thrown } from './helpers';
import { K3sVipCluster } from '../src/api/cluster';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { TraefikHelmChartConfig } from '../src/traefik/helm-chart-config';
import { Testing } from 'cdk8s';

/**
 * One problem, one line (attack round 3, F20): a value that several rules refuse gets one message, the
 * most specific one, and a key with an error gets no warning besides.
 */
const HDR = 'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\n';
const diagnostics = (text: string) => {
  const { errors, warnings } = parseConfigText(FILE, text);
  return { errors: errors.map(formatDiagnostic), warnings: warnings.map(formatDiagnostic) };
};

describe('a value several rules refuse is reported once, with the most specific message', () => {
  test.each<[string, string, string[]]>([
    [
      'replicas above both the safe-integer range and the replica bound: the tighter bound',
      `${HDR}traefik: {loadBalancerIPs: [192.168.0.41], replicas: 1e21}\n`,
      [`${FILE}:2:54: traefik.replicas: 1e+21 is too big: expected at most 100`],
    ],
    [
      'values replicas null: the rule that explains it, not also the chart schema',
      `${HDR}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n    deployment: {replicas: null}\n`,
      [
        `${FILE}:5:28: traefik.values.deployment.replicas: is null, which leaves the count unset: give the number of Traefik pods, 1 or more, or remove the key`,
      ],
    ],
    [
      'two different keys keep one message each',
      `${HDR}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n    deployment: {kind: null, replicas: null}\n`,
      [
        `${FILE}:5:24: traefik.values.deployment.kind: is null, which deletes the chart's default (Deployment), so the chart renders neither a Deployment nor a DaemonSet and no Traefik pod runs and nothing answers on its VIP: write Deployment or DaemonSet, or remove the key`,
        `${FILE}:5:40: traefik.values.deployment.replicas: is null, which leaves the count unset: give the number of Traefik pods, 1 or more, or remove the key`,
      ],
    ],
  ])('%s', (_, text, errors) => {
    expect(diagnostics(text).errors).toEqual(errors);
  });

  test('a negative number far below the bound gets the bound of the key, not the safe-integer range', () => {
    expect(diagnostics(`${HDR}traefik: {loadBalancerIPs: [192.168.0.41], replicas: -1e21}\n`).errors).toEqual([
      `${FILE}:2:54: traefik.replicas: -1e+21 is too small: expected at least 1`,
    ]);
  });

  test('the constructs get the same single message', () => {
    const props = {
      kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
      traefik: { loadBalancerIPs: ['192.168.0.41'], replicas: 1e21 },
    };
    expect(thrown(() => new K3sVipCluster(Testing.app(), 'dev', props)).problems).toEqual([
      { path: ['traefik', 'replicas'], message: '1e+21 is too big: expected at most 100' },
    ]);
  });
});

describe('the lower-level constructs print one message per key too', () => {
  test.each<[string, Record<string, unknown>, Array<{ path: Array<string | number>; message: string }>]>([
    [
      'values replicas null: the rule that explains it',
      { deployment: { replicas: null } },
      [
        {
          path: ['values', 'deployment', 'replicas'],
          message: 'is null, which leaves the count unset: give the number of Traefik pods, 1 or more, or remove the key',
        },
      ],
    ],
    [
      'a flag that is not a string, on a chart whose schema types it too (34.2.0): one message',
      { globalArguments: [5] },
      [
        {
          path: ['values', 'globalArguments', 0],
          message: 'is 5, a number: each item is one Traefik flag, a string such as "--log.level=DEBUG"',
        },
      ],
    ],
  ])('%s', (_, values, problems) => {
    const error = thrown(
      () => new TraefikHelmChartConfig(chart(), 'traefik', { loadBalancerIPs: ['192.168.0.41'], chartVersion: '34.2.0', values }),
    );
    expect(error.problems).toEqual(problems);
  });
});

describe('a key with an error gets no warning besides', () => {
  test.each<[string, string, string[], string[]]>([
    [
      'a K3s release too old to support, whose Traefik chart the table does not know',
      `${HDR}traefik: {loadBalancerIPs: [192.168.0.41]}\nk3s: {version: v1.26.15+k3s1}\n`,
      [
        `${FILE}:3:16: k3s.version: "v1.26.15+k3s1" is older than the oldest supported K3s v1.27.0+k3s1 (every generated object is checked against the Kubernetes 1.27 API): use v1.27.0+k3s1 or newer`,
      ],
      [],
    ],
  ])('%s', (_, text, errors, warnings) => {
    expect(diagnostics(text)).toEqual({ errors, warnings });
  });

  test('a warning on a key without an error stays', () => {
    const { errors, warnings } = diagnostics(`${HDR}traefik: {loadBalancerIPs: [192.168.0.41]}\nk3s: {version: v1.99.0+k3s1}\n`);
    expect(errors).toEqual([]);
    expect(warnings.filter((w) => w.includes('k3s.version'))).toHaveLength(1);
  });
});
