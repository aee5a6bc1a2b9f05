import { App } from 'cdk8s';
import { K3sVipCluster } from '../src/api/cluster';
import { effectiveTraefik } from '../src/traefik/effective';
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
    ['minAvailable 1 with one pod', { podDisruptionBudget: { enabled: true, minAvailable: 1 } }, `is 1 with 1 Traefik pod(s), ${drain}`],
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
    // A DaemonSet has no scale for a percentage to count against (attack29-budget-redirect.test.ts, 28b-6).
    ['"50%", a percentage', '50%', 'is "50%", but Traefik runs as a DaemonSet'],
    ['"100%"', '100%', 'is "100%", but Traefik runs as a DaemonSet'],
    ['"01", left as written', '01', undefined],
  ])('a DaemonSet on three servers with minAvailable %s', (_, minAvailable, expected) => {
    const errors = onThreeServers({ values: { deployment: { kind: 'DaemonSet' }, podDisruptionBudget: { enabled: true, minAvailable } } });
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });
});

/** The errors of the reference config with `traefik.chartVersion` and `traefik.values`. */
const atChart = (chartVersion: string, values: unknown) =>
  configErrors(withChanges(devConfig(), { traefik: { chartVersion, values } })).join('\n');

describe("values the chart's templates fail on are refused (D4)", () => {
  const hpa = '("maxReplicas is required on HPA")';
  test.each([
    [
      'maxReplicas unset',
      { enabled: true },
      `autoscaling.enabled: is true, but autoscaling.maxReplicas is not set, and Traefik chart 39.0.7 fails on it ${hpa}`,
    ],
    ['maxReplicas 0', { enabled: true, maxReplicas: 0 }, `autoscaling.maxReplicas: is 0, and Traefik chart 39.0.7 fails on it ${hpa}`],
    [
      'maxReplicas null',
      { enabled: true, maxReplicas: null },
      `autoscaling.maxReplicas: is null, and Traefik chart 39.0.7 fails on it ${hpa}`,
    ],
    ['maxReplicas 1', { enabled: true, maxReplicas: 1 }, undefined],
    ['autoscaling off, maxReplicas unset', { enabled: false }, undefined],
  ])('autoscaling with %s', (_, autoscaling, expected) => {
    const [config, ...constructs] = doors({ autoscaling });
    if (expected) expect(config).toContain(`traefik.values.${expected}`);
    for (const refusal of [config, ...constructs]) {
      if (expected) expect(refusal).toContain(expected.replace(/^[^:]*: /, ''));
      else expect(refusal).toBe('');
    }
  });

  const http3 = '("You cannot enable http3 without enabling tls")';
  test.each([
    [
      '39.0.7',
      'websecure',
      { http: { tls: { enabled: false } } },
      `ports.websecure.http3.enabled: is true, but ports.websecure.http.tls.enabled is false, and Traefik chart 39.0.7 fails on it ${http3}: set ports.websecure.http.tls.enabled: true, or turn http3 off`,
    ],
    ['39.0.0', 'websecure', { http: { tls: { enabled: false } } }, 'ports.websecure.http.tls.enabled is false'],
    ['41.3.0', 'websecure', { http: { tls: { enabled: false } } }, 'ports.websecure.http.tls.enabled is false'],
    ['39.0.7', 'websecure', {}, undefined],
    ['39.0.7', 'websecure', { http: { tls: { enabled: true } } }, undefined],
    [
      '39.0.7',
      'web',
      {},
      `ports.web.http3.enabled: is true, but ports.web.http.tls.enabled is not set, and Traefik chart 39.0.7 fails on it ${http3}`,
    ],
    ['38.0.2', 'websecure', { tls: { enabled: false } }, 'ports.websecure.tls.enabled is false'],
    ['34.2.0', 'websecure', { tls: { enabled: false } }, 'ports.websecure.tls.enabled is false'],
    ['38.0.2', 'websecure', {}, undefined],
    ['38.0.2', 'web', {}, 'ports.web.tls.enabled is not set'],
  ])('chart %s, http3 on %s with %j', (chartVersion, name, port, expected) => {
    const errors = atChart(chartVersion, { ports: { [name]: { http3: { enabled: true }, ...port } } });
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });
  test('http3 without TLS, at the construct doors', () => {
    const values = { ports: { websecure: { http3: { enabled: true }, http: { tls: { enabled: false } } } } };
    for (const refusal of doors(values)) expect(refusal).toContain(http3);
  });

  const noPorts = { web: { expose: { default: false } }, websecure: { expose: { default: false } } };
  test.each([
    [
      '39.0.7',
      noPorts,
      'traefik.values.ports: leaves Traefik\'s own Service with no port (no entrypoint has expose.default: true), and Traefik chart 39.0.7 fails on it ("Cannot create Service traefik without ports")',
    ],
    ['29.0.0', noPorts, '("Cannot create Service traefik without ports")'],
    [
      '28.3.0',
      noPorts,
      '("You need to expose at least one port or set enabled=false to service"): set ports.<entrypoint>.expose.default: true',
    ],
    ['27.0.0', noPorts, 'no entrypoint has expose.default: true'],
    ['26.1.0', { web: { expose: false }, websecure: { expose: false } }, 'no entrypoint has expose: true'],
    ['39.0.7', { web: { expose: { default: false } } }, undefined],
    ['26.1.0', { web: { expose: false } }, undefined],
  ])("chart %s, Traefik's own Service with ports %j", (chartVersion, ports, expected) => {
    const errors = atChart(chartVersion, { ports });
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });

  const additional = (name: string, expose: boolean) => ({
    service: { additionalServices: { [name]: { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.45' } } } },
    ports: { web: { expose: { default: true, [name]: expose } } },
  });
  test.each([
    [
      'internal',
      false,
      'service.additionalServices.internal: leaves Service traefik-internal with no port (no entrypoint has expose.internal: true)',
    ],
    ['internal', true, undefined],
    ['n'.repeat(51), true, undefined],
    [
      'n'.repeat(52),
      true,
      `service.additionalServices.${'n'.repeat(52)}: makes a Service named traefik-${'n'.repeat(52)}, 60 characters, and Traefik chart 39.0.7 fails on it ("Cannot create a service whose full name contains more than 60 characters"): use a name of at most 51 characters`,
    ],
  ])('an additional Service %s, exposed: %s', (name, expose, expected) => {
    const values = additional(name, expose);
    const [config, ...constructs] = doors(values);
    if (expected) expect(config).toContain(`traefik.values.${expected}`);
    for (const refusal of [config, ...constructs]) {
      if (expected) expect(refusal).toContain(expected.replace(/^[^:]*: /, ''));
      else expect(refusal).toBe('');
    }
  });
  test('a Service without a port holds no VIP', () => {
    const settings = { chartVersion: '39.0.7', kubeVipVersion: 'v1.2.3', loadBalancerIPs: ['192.168.0.41'] };
    const names = (values: Record<string, unknown>) => effectiveTraefik({ ...settings, values }).services.map((s) => s.name);
    expect(names(additional('internal', false))).toEqual(['traefik']);
    expect(names(additional('internal', true))).toEqual(['traefik', 'traefik-internal']);
    expect(names({ ports: noPorts })).toEqual([]);
  });
});

describe("autoscaling's maxReplicas is the pod count (D5)", () => {
  const cap = 'more Traefik pods than traefik.replicas allows (100): use 100 or fewer';
  test.each([
    [1000, `is 1000, ${cap}`],
    [101, `is 101, ${cap}`],
    [100, undefined],
  ])('maxReplicas %s', (maxReplicas, expected) => {
    const values = { autoscaling: { enabled: true, minReplicas: 1, maxReplicas } };
    const [config, ...constructs] = doors(values);
    if (expected) expect(config).toContain(`traefik.values.autoscaling.maxReplicas: ${expected}`);
    for (const refusal of [config, ...constructs]) {
      if (expected) expect(refusal).toContain(expected);
      else expect(refusal).toBe('');
    }
  });

  const servers = [
    { name: 'k3s-1', address: '192.168.0.11', interface: 'eth0' },
    { name: 'k3s-2', address: '192.168.0.12' },
    { name: 'k3s-3', address: '192.168.0.13' },
  ];
  const warnings = (maxReplicas: number) =>
    new K3sVipCluster(
      new App(),
      'c',
      withChanges(devConfig(), {
        traefik: { values: { autoscaling: { enabled: true, maxReplicas } } },
        k3s: { tokenFile: '/etc/rancher/k3s/cluster-token', servers },
      }),
    ).warnings.filter((w) => w.path.includes('autoscaling'));
  test('more autoscaled pods than nodes: the HA warning at maxReplicas', () => {
    expect(warnings(4)).toEqual([
      {
        path: ['traefik', 'values', 'autoscaling', 'maxReplicas'],
        message: expect.stringMatching(/^is 4, but only 3 node\(s\) can run Traefik, so some nodes run two pods/),
      },
    ]);
    expect(warnings(3)).toEqual([]);
  });

  test('autoscaled pods next to an ACME resolver: one refusal, at autoscaling.enabled', () => {
    const errors = valuesDoors.config({
      autoscaling: { enabled: true, maxReplicas: 3 },
      certificatesResolvers: { le: { acme: { email: 'ops@example.com', storage: '/data/acme.json', tlsChallenge: true } } },
    });
    expect(errors).toContain('traefik.values.autoscaling.enabled: scales Traefik to 3 pods, but the ACME resolvers');
    expect(errors).not.toContain('autoscaling.maxReplicas:');
  });
});

describe('a conflict names the first-class key that writes the value (D13)', () => {
  const conflict = (traefik: object) => configErrors(withChanges(devConfig(), { traefik })).join('\n');
  test.each([
    [
      'deployment: null next to traefik.replicas',
      { replicas: 2, values: { deployment: null } },
      'traefik.values.deployment: is null, but traefik.replicas makes this tool write {"replicas":2} there: change traefik.replicas instead',
    ],
    [
      'ports.web: null next to trustedProxies',
      { externalTrafficPolicy: 'Local', trustedProxies: ['192.168.0.5'], values: { ports: { web: null } } },
      'traefik.values.ports.web: is null, but traefik.trustedProxies makes this tool write',
    ],
    [
      'ports.web: null next to redirectToHttps and trustedProxies',
      { redirectToHttps: true, trustedProxies: ['192.168.0.5'], values: { ports: { web: null } } },
      'traefik.values.ports.web: is null, but traefik.redirectToHttps and traefik.trustedProxies make this tool write',
    ],
    [
      'ports.web: null next to redirectToHttps',
      { redirectToHttps: true, values: { ports: { web: null } } },
      'but traefik.redirectToHttps makes this tool write',
    ],
    [
      'service.spec: null',
      { externalTrafficPolicy: 'Cluster', values: { service: { spec: null } } },
      'traefik.values.service.spec: is null, but traefik.externalTrafficPolicy makes this tool write {"externalTrafficPolicy":"Cluster"} there: change traefik.externalTrafficPolicy instead',
    ],
    [
      'service.spec.externalTrafficPolicy, a leaf',
      { values: { service: { spec: { externalTrafficPolicy: 'Local' } } } },
      'but traefik.externalTrafficPolicy makes this tool write "Cluster" there',
    ],
    [
      'service.annotations: null',
      { values: { service: { annotations: null } } },
      'traefik.values.service.annotations: is null, but traefik.loadBalancerIPs makes this tool write',
    ],
  ])('%s', (_, traefik, expected) => expect(conflict(traefik)).toContain(expected));

  test('deployment: null next to certResolvers names certResolvers', () => {
    const errors = conflict({
      externalCertResolvers: undefined,
      certResolvers: { le: { email: 'ops@example.com', challenge: 'tls' } },
      values: { deployment: null },
    });
    expect(errors).toContain('traefik.values.deployment: is null, but traefik.certResolvers makes this tool write');
  });
});

describe("a Traefik listener on the node may not take kube-vip's metrics port (D12)", () => {
  const kubeVip =
    "which is kube-vip's metrics port (prometheus_server) on every control-plane node, where kube-vip runs with hostNetwork: pick another port";
  const hostNetwork = (ports: object) => ({
    hostNetwork: true,
    deployment: { kind: 'DaemonSet' },
    updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    ports,
  });
  test.each([
    [
      'hostNetwork, metrics on 2112',
      hostNetwork({ metrics: { port: 2112 } }),
      `opens port 2112 on the node's network (hostNetwork), ${kubeVip}`,
    ],
    ['hostNetwork, metrics on 2111', hostNetwork({ metrics: { port: 2111 } }), undefined],
    ['hostNetwork, metrics on 2113', hostNetwork({ metrics: { port: 2113 } }), undefined],
    ['a host port 2112', { ports: { metrics: { port: 9100, hostPort: 2112 } } }, `opens host port 2112, ${kubeVip}`],
    ['a UDP host port 2112', { ports: { dns: { port: 2112, hostPort: 2112, protocol: 'UDP' } } }, undefined],
    ['container port 2112 off the node', { ports: { metrics: { port: 2112 } } }, undefined],
    [
      'hostNetwork, a K3s port still',
      hostNetwork({ metrics: { port: 10250 } }),
      "which is the kubelet's port on every K3s node: pick another port",
    ],
  ])('%s', (_, values, expected) => judgedAtEveryDoor(values, expected));
});
