import { clusterRefusal, configErrors, devConfig, helmChartConfigRefusal, judgeConfig, withChanges, withTraefikValues } from './helpers';

/**
 * Attack round 20b: escape-hatch values the Traefik model read otherwise than the chart renders them: counts written
 * as texts YAML reads as numbers (D1), the HTTP/3 UDP container port on the node (D3), the chart's Gateway with its
 * RBAC off or namespaced (D4), and port numbers written as texts on charts without a values schema (D5).
 */
const errorsOf = (config: unknown) => configErrors(config).join('\n');

describe('D1: a count written as a text YAML reads as a number is judged as that number (the chart prints it unquoted)', () => {
  const BLOCKS = 'so no drain may evict a Traefik pod';
  test.each([['01'], ['1.0'], ['+1'], ['0x1'], ['0o1'], [' 1'], ['1_0'], ['1e0']])(
    'podDisruptionBudget.minAvailable %j with 1 pod is refused',
    (minAvailable) => {
      judgeConfig(
        withTraefikValues({ podDisruptionBudget: { enabled: true, minAvailable } }),
        `traefik.values.podDisruptionBudget.minAvailable: is ${JSON.stringify(minAvailable)} with 1 Traefik pod(s), ${BLOCKS}`,
      );
    },
  );
  test.each([
    ['00', '39.0.7'],
    ['0_0', '41.3.0'],
    ['0x0', '39.0.7'],
    ['0b0', '39.0.7'],
    ['+0', '39.0.7'],
    ['0.0', '39.0.7'],
    ['00', '27.0.0'],
  ])('podDisruptionBudget.maxUnavailable %j on chart %s is refused', (maxUnavailable, chartVersion) => {
    judgeConfig(
      withTraefikValues({ podDisruptionBudget: { enabled: true, maxUnavailable } }, { chartVersion }),
      `traefik.values.podDisruptionBudget.maxUnavailable: is ${JSON.stringify(maxUnavailable)}, ${BLOCKS}`,
    );
  });
  test.each([
    [{ maxUnavailable: '01' }],
    [{ maxUnavailable: '1.0' }],
    [{ maxUnavailable: '0x1' }],
    [{ maxUnavailable: '100%' }],
    [{ minAvailable: '0' }],
    [{ minAvailable: '00' }],
  ])('control: podDisruptionBudget %j with 1 pod is accepted', (budget) => {
    judgeConfig(withTraefikValues({ podDisruptionBudget: { enabled: true, ...budget } }), undefined);
  });
  const STUCK = 'traefik.values.updateStrategy.rollingUpdate: has maxUnavailable and maxSurge both 0';
  test.each([
    ['00', '00'],
    ['0_0', 0],
    [0, '0x0'],
    ['+0', '0.0'],
  ])('updateStrategy.rollingUpdate maxUnavailable %j, maxSurge %j is refused', (maxUnavailable, maxSurge) => {
    judgeConfig(withTraefikValues({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge } } }), STUCK);
  });
  test.each([
    ['00', '01'],
    ['0x1', '00'],
    ['00', '25%'],
  ])('control: updateStrategy.rollingUpdate maxUnavailable %j, maxSurge %j is accepted', (maxUnavailable, maxSurge) => {
    judgeConfig(withTraefikValues({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge } } }), undefined);
  });
  test('constructs: K3sVipCluster and TraefikHelmChartConfig refuse minAvailable "01" and accept maxUnavailable "01"', () => {
    const budget = (value: object) => ({ podDisruptionBudget: { enabled: true, ...value } });
    expect(clusterRefusal({ loadBalancerIPs: ['192.168.0.41'], values: budget({ minAvailable: '01' }) })).toContain(
      `traefik.values.podDisruptionBudget.minAvailable: is "01" with 1 Traefik pod(s), ${BLOCKS}`,
    );
    expect(helmChartConfigRefusal({ values: budget({ maxUnavailable: '00' }) })).toContain(`is "00", ${BLOCKS}`);
    expect(helmChartConfigRefusal({ values: budget({ maxUnavailable: '01' }) })).toBe('');
    expect(clusterRefusal({ loadBalancerIPs: ['192.168.0.41'], values: budget({ maxUnavailable: '01' }) })).toBe('');
  });
});

describe('D3: the HTTP/3 UDP container port the chart adds (<name>-http3) is held to the node-port rule', () => {
  const FLANNEL = "which is flannel VXLAN's port on every K3s node";
  test('advertisedPort 8472 with a host port opens 8472/UDP on the node (default $config.hostPort $config.http3.advertisedPort)', () => {
    judgeConfig(
      withTraefikValues({ ports: { websecure: { hostPort: 8443, http3: { enabled: true, advertisedPort: 8472 } } } }),
      `traefik.values.ports.websecure.http3.advertisedPort: opens host port 8472 for HTTP/3 (UDP, the chart's websecure-http3 port), ${FLANNEL}`,
    );
  });
  test('a TCP host port 8472 with HTTP/3 on opens 8472/UDP too', () => {
    judgeConfig(
      withTraefikValues({ ports: { websecure: { hostPort: 8472, http3: { enabled: true } } } }),
      `traefik.values.ports.websecure: opens host port 8472 for HTTP/3 (UDP, the chart's websecure-http3 port), ${FLANNEL}`,
    );
  });
  test('hostNetwork with port 8472 and HTTP/3 on listens on 8472/UDP on the node', () => {
    judgeConfig(
      withTraefikValues({ hostNetwork: true, ports: { websecure: { port: 8472, http3: { enabled: true } } } }),
      `traefik.values.ports.websecure: opens port 8472 on the node's network (hostNetwork) for HTTP/3 (UDP, the chart's websecure-http3 port), ${FLANNEL}`,
    );
  });
  test.each([
    [
      'advertisedPort 8472 without a host port (a Service port only)',
      { ports: { websecure: { http3: { enabled: true, advertisedPort: 8472 } } } },
    ],
    ['HTTP/3 off', { ports: { websecure: { hostPort: 8443, http3: { enabled: false, advertisedPort: 8472 } } } }],
    ['a host port 8443 and HTTP/3 on', { ports: { websecure: { hostPort: 8443, http3: { enabled: true } } } }],
    ['hostNetwork, port 8472, HTTP/3 off', { hostNetwork: true, ports: { websecure: { port: 8472 } } }],
  ])('control: %s is accepted', (_, values) => {
    judgeConfig(withTraefikValues(values), undefined);
  });
  test('constructs: K3sVipCluster and TraefikHelmChartConfig refuse advertisedPort 8472 with a host port', () => {
    const values = { ports: { websecure: { hostPort: 8443, http3: { enabled: true, advertisedPort: 8472 } } } };
    expect(clusterRefusal({ loadBalancerIPs: ['192.168.0.41'], values })).toContain(`opens host port 8472 for HTTP/3`);
    expect(helmChartConfigRefusal({ values })).toContain(`opens host port 8472 for HTTP/3`);
    expect(helmChartConfigRefusal({ values: { ports: { websecure: { hostPort: 8443, http3: { enabled: true } } } } })).toBe('');
  });
});

describe("D4: traefik.gateway needs the chart's ClusterRole, the only holder of its Gateway API rules", () => {
  const gatewayConfig = (values: object, chartVersion?: string) =>
    withChanges(devConfig(), {
      traefik: { gateway: {}, values, ...(chartVersion && { chartVersion }) },
      httpRoutes: [{ name: 'blog', namespace: 'blog', host: 'blog.example.com', service: 'blog', port: 8080 }],
      ingresses: [],
    });
  const CANNOT = 'may not read GatewayClasses, Gateways nor HTTPRoutes anywhere';
  test.each([
    [{ rbac: { enabled: false } }, undefined, "traefik.values.rbac.enabled: turns the chart's RBAC off"],
    [{ rbac: { enabled: false } }, '41.3.0', "traefik.values.rbac.enabled: turns the chart's RBAC off"],
    [{ rbac: { enabled: 0 } }, undefined, "traefik.values.rbac.enabled: turns the chart's RBAC off"],
    [{ rbac: { enabled: '' } }, undefined, "traefik.values.rbac.enabled: turns the chart's RBAC off"],
    [{ rbac: { namespaced: true } }, undefined, 'traefik.values.rbac.namespaced: makes the chart give Traefik a namespaced Role'],
    [{ rbac: { namespaced: 1 } }, '41.3.0', 'traefik.values.rbac.namespaced: makes the chart give Traefik a namespaced Role'],
  ])('%j on chart %s is refused', (values, chartVersion, what) => {
    const errors = errorsOf(gatewayConfig(values, chartVersion));
    expect(errors).toContain(what);
    expect(errors).toContain(CANNOT);
    expect(errors).toContain('so Traefik ignores the Gateway (traefik.gateway, in kube-system) and its 1 HTTPRoute(s): remove it');
  });
  // Round 29: requirements.yaml reads `.Values.rbac.namespaced` bare, so Helm fails before any ClusterRole question.
  test('{"rbac":null} is refused as the nil pointer Helm fails on', () => {
    expect(errorsOf(gatewayConfig({ rbac: null }))).toContain("traefik.values.rbac: is null, which deletes the chart's rbac map");
  });
  test.each([[{ rbac: { enabled: true } }], [{ rbac: { namespaced: false } }], [{}]])('control: %j is accepted', (values) => {
    judgeConfig(gatewayConfig(values), undefined);
  });
  test('constructs: TraefikHelmChartConfig with the gateway prop refuses rbac.enabled false and rbac.namespaced, accepts rbac.enabled true', () => {
    expect(helmChartConfigRefusal({ gateway: true, values: { rbac: { enabled: false } } })).toContain(CANNOT);
    expect(helmChartConfigRefusal({ gateway: true, values: { rbac: { namespaced: true } } })).toContain('namespaced Role');
    expect(helmChartConfigRefusal({ gateway: true, values: { rbac: { enabled: true } } })).toBe('');
    expect(helmChartConfigRefusal({ values: { rbac: { namespaced: true } } })).toBe('');
  });
});

describe('D5: a port written as a text on a chart without a values schema is read as the number the chart renders', () => {
  const quic = (port: number, protocol: string) => ({
    loadBalancers: [{ name: 'quic', namespace: 'games', selector: { app: 'quic' }, ports: [{ port, protocol }], ips: ['192.168.0.41'] }],
  });
  const on27 = (values: object, extra: object = {}) => withChanges(withTraefikValues(values, { chartVersion: '27.0.0' }), extra);
  test.each([
    ['exposedPort "8443"', { ports: { websecure: { exposedPort: '8443' } } }, quic(8443, 'TCP'), 'both use port 8443/TCP'],
    [
      'http3.advertisedPort "4443"',
      { ports: { websecure: { http3: { enabled: true, advertisedPort: '4443' } } } },
      quic(4443, 'UDP'),
      'both use port 4443/UDP',
    ],
    [
      'hostPort "6443"',
      { ports: { web: { hostPort: '6443' } } },
      {},
      "traefik.values.ports.web: opens host port 6443, which is the K3s API server's port",
    ],
    [
      'hostNetwork with port "6443"',
      { hostNetwork: true, ports: { web: { port: '6443' } } },
      {},
      "opens port 6443 on the node's network (hostNetwork), which is the K3s API server's port",
    ],
    [
      'hostPort "0x2118" (8472) with HTTP/3',
      { ports: { websecure: { hostPort: '0x2118', http3: { enabled: true } } } },
      {},
      'opens host port 8472 for HTTP/3',
    ],
  ])('%s is refused', (_, values, extra, expected) => {
    judgeConfig(on27(values, extra), expected);
  });
  test.each([
    ['exposedPort "8444" next to a Service on 8443/TCP', { ports: { websecure: { exposedPort: '8444' } } }, quic(8443, 'TCP')],
    ['hostPort "8081"', { ports: { web: { hostPort: '8081' } } }, {}],
    ['hostNetwork with port "8001"', { hostNetwork: true, ports: { web: { port: '8001' } } }, {}],
  ])('control: %s is accepted', (_, values, extra) => {
    judgeConfig(on27(values, extra), undefined);
  });
  test('construct: K3sVipCluster refuses hostPort "6443" on chart 27.0.0', () => {
    expect(
      clusterRefusal({ loadBalancerIPs: ['192.168.0.41'], chartVersion: '27.0.0', values: { ports: { web: { hostPort: '6443' } } } }),
    ).toContain("opens host port 6443, which is the K3s API server's port");
  });
});

describe("D1: the chart's own DaemonSet guard reads maxUnavailable with sprig's float64, before it is rendered", () => {
  const GUARD = 'maxUnavailable should be greater than';
  const daemonSet = (maxUnavailable: unknown) =>
    errorsOf(
      withTraefikValues({
        deployment: { kind: 'DaemonSet' },
        hostNetwork: true,
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge: 0 } },
      }),
    );
  test.each([['00'], ['0x1'], ['0.5']])('%j is below 1 for the guard, which refuses it', (value) => {
    expect(daemonSet(value)).toContain(GUARD);
  });
  test.each([['01'], ['1.0'], ['1'], ['50%']])('control: %j passes the guard', (value) => {
    expect(daemonSet(value)).not.toContain(GUARD);
  });
});
