import { App } from 'cdk8s';
import { K3sVipCluster } from '../src/index';
import { devConfig, helmChartConfigRefusal, judgeConfig, withChanges, withTraefikValues, REFERENCE_K3S } from './helpers';

/**
 * Attack round 24b: multi-line scripts of the user's own containers (24b-10), an in-cluster additional Service (24b-9),
 * a rollout percentage of 0 (24b-4), an ACME store past `..` (24b-1), and the construct's messages naming its own
 * props (24b-5, 24b-6).
 */
const warningsOf = (config: unknown) =>
  new K3sVipCluster(new App(), 'c', config as never).warnings.map((w) => `${w.path.join('.')}: ${w.message}`).join('\n');

describe("24b-10: args and command of the user's own containers may span lines (the chart renders them with toYaml)", () => {
  const SCRIPT = 'echo start\nsleep 1\n';
  const container = (field: 'args' | 'command', text: string) => ({
    name: 'wait',
    image: 'busybox:1.36',
    ...(field === 'args' ? { command: ['sh', '-c'], args: [text] } : { command: ['sh', '-c', text] }),
  });
  test.each([
    ['initContainers', 'args'],
    ['initContainers', 'command'],
    ['additionalContainers', 'args'],
    ['additionalContainers', 'command'],
  ] as const)('a multi-line script in deployment.%s[0].%s is accepted', (list, field) => {
    judgeConfig(withTraefikValues({ deployment: { [list]: [container(field, SCRIPT)] } }), undefined);
  });
  test.each([
    ['a bell character in args', { initContainers: [container('args', 'echo\u0007')] }, 'initContainers[0].args[0]'],
    ["a line break in a container's name", { initContainers: [{ name: 'wait\nx', image: 'busybox:1.36' }] }, 'initContainers[0].name'],
    [
      "a line break in a container's image",
      { additionalContainers: [{ name: 'w', image: 'busybox\n:1.36' }] },
      'additionalContainers[0].image',
    ],
  ])('control: %s stays refused', (_name, deployment, at) => {
    judgeConfig(withTraefikValues({ deployment }), `traefik.values.deployment.${at}:`);
    judgeConfig(withTraefikValues({ deployment }), 'holds a control character');
  });
});

describe("24b-9: an additional Service may be a ClusterIP, in-cluster only; Traefik's own Service may not", () => {
  const internal = (service: object) => ({
    service: { additionalServices: { internal: service } },
    ports: { metrics: { expose: { internal: true } } },
  });
  test('an additional ClusterIP Service is accepted, with no VIP rule on it', () => {
    judgeConfig(withTraefikValues(internal({ type: 'ClusterIP' })), undefined);
  });
  test('a VIP asked for an additional ClusterIP Service is refused, as never announced', () => {
    judgeConfig(
      withTraefikValues(internal({ type: 'ClusterIP', annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.42' } })),
      'traefik.values.service.additionalServices.internal.annotations["kube-vip.io/loadbalancerIPs"]: asks a VIP for Traefik\'s additional Service internal, whose type is ClusterIP',
    );
  });
  // 79b-11: a NodePort additional Service is accepted, as one in extraObjects is (reached at each node's address).
  test('an additional NodePort Service is accepted too', () => {
    judgeConfig(withTraefikValues(internal({ type: 'NodePort' })), undefined);
  });
  test.each([
    [
      "Traefik's own Service as ClusterIP",
      { service: { type: 'ClusterIP' } },
      'traefik.values.service.type: is "ClusterIP", but traefik.loadBalancerIPs makes this tool write "LoadBalancer"',
    ],
  ])('control: %s stays refused', (_name, values, expected) => {
    judgeConfig(withTraefikValues(values), expected);
  });
});

describe('24b-4: a hostNetwork DaemonSet rollout of "0%" unavailable is refused as 0 is', () => {
  const daemonSet = (rollingUpdate: object) => ({
    deployment: { kind: 'DaemonSet' },
    hostNetwork: true,
    updateStrategy: { type: 'RollingUpdate', rollingUpdate },
  });
  const AT = 'traefik.values.updateStrategy.rollingUpdate.maxUnavailable';
  test.each([
    ['"0%"', '0%', 'so every rollout hangs with the new pod Pending'],
    ['"00%"', '00%', 'so every rollout hangs with the new pod Pending'],
    ['0', 0, 'refuses it'],
  ])('maxUnavailable %s is refused', (_name, maxUnavailable, why) => {
    const config = withTraefikValues(daemonSet({ maxUnavailable }));
    judgeConfig(config, `${AT}: is ${JSON.stringify(maxUnavailable)}, but a DaemonSet with hostNetwork cannot start a new pod`);
    judgeConfig(config, why);
  });
  test.each([
    ['"1%" (rounds up to one pod)', { maxUnavailable: '1%', maxSurge: 0 }],
    ['1', { maxUnavailable: 1, maxSurge: 0 }],
  ])('control: maxUnavailable %s with maxSurge 0 is accepted', (_name, rollingUpdate) => {
    judgeConfig(withTraefikValues(daemonSet(rollingUpdate)), undefined);
  });
  test('"00%" counts as 0 for the both-non-zero rule too: with maxSurge 1 it is no surging DaemonSet', () => {
    const values = { deployment: { kind: 'DaemonSet' }, updateStrategy: { rollingUpdate: { maxUnavailable: '00%', maxSurge: 1 } } };
    judgeConfig(withTraefikValues(values), undefined);
  });
});

describe('24b-1: an ACME storage path is compared with persistence.path after resolving ..', () => {
  const LOST = 'keeps its ACME certificates in';
  const K3S = REFERENCE_K3S;
  const withStorage = (storage: string) =>
    withChanges(devConfig(), {
      k3s: K3S,
      traefik: {
        values: {
          persistence: { enabled: true, path: '/data' },
          additionalArguments: [
            '--certificatesresolvers.le.acme.email=a@example.com',
            `--certificatesresolvers.le.acme.storage=${storage}`,
            '--certificatesresolvers.le.acme.tlschallenge=true',
          ],
        },
      },
    });
  test.each(['/data/../tmp/acme.json', '/data/x/../../tmp/acme.json'])('%s is off the volume: warned as lost', (storage) => {
    expect(warningsOf(withStorage(storage))).toContain(`${LOST} ${JSON.stringify(storage)}, on no persistent volume`);
  });
  test.each(['/data/acme.json', '/data/x/../acme.json', '//data//acme.json'])('control: %s is on the volume: not warned', (storage) => {
    expect(warningsOf(withStorage(storage))).not.toContain(LOST);
  });
});

describe("24b-5, 24b-6: the construct's messages name its own props", () => {
  test('a lease annotation clashing with the leaseName prop names leaseName', () => {
    const message = helmChartConfigRefusal({
      leaseName: 'a',
      values: { service: { annotations: { 'kube-vip.io/leaseName': 'b' } } },
    });
    expect(message).toContain(
      'values.service.annotations["kube-vip.io/leaseName"] is "b", but leaseName makes this tool write "a" there: change leaseName instead',
    );
  });
  test('control: a VIP annotation clashing with the loadBalancerIPs prop still names loadBalancerIPs', () => {
    const message = helmChartConfigRefusal({ values: { service: { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.42' } } } });
    expect(message).toContain('loadBalancerIPs');
    expect(message).not.toContain('leaseName');
  });
  test('the hostNetwork DaemonSet hint names values.updateStrategy, not traefik.values', () => {
    const message = helmChartConfigRefusal({ values: { deployment: { kind: 'DaemonSet' }, hostNetwork: true } });
    expect(message).toContain('set values.updateStrategy.rollingUpdate.maxUnavailable: 1 and maxSurge: 0');
    expect(message).not.toContain('traefik.values');
  });
  test('control: in a config the hint names traefik.values.updateStrategy', () => {
    judgeConfig(
      withTraefikValues({ deployment: { kind: 'DaemonSet' }, hostNetwork: true }),
      'set traefik.values.updateStrategy.rollingUpdate.maxUnavailable: 1 and maxSurge: 0',
    );
  });
});
