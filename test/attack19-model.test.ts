import { App } from 'cdk8s';
import { K3sVipCluster } from '../src/index';
import {
  clusterRefusal,
  configErrors,
  devConfig,
  helmChartConfigRefusal,
  judgeConfig,
  refusalOf,
  synthFiles,
  withChanges,
  withTraefikValues,
} from './helpers';

/**
 * Attack round 19b: chart values the Traefik model read otherwise than the chart's Go templates do
 * (D1-D4: switches read with Go truth), Traefik's own Services' externalIPs (D5), HTTP/3's UDP port (D11)
 * and host ports of the user's own containers in Traefik's pods (D12).
 */
const errorsOf = (config: unknown) => configErrors(config).join('\n');

describe('D1: deployment.enabled is read with Go truth (templates/deployment.yaml `if and .Values.deployment.enabled ...`)', () => {
  const NOTHING = 'so K3s deploys no Traefik and nothing answers on its VIP: remove the key';
  test.each([
    [0, "is 0, which the chart's template reads as false (Go's if)"],
    ['', `is "", which the chart's template reads as false (Go's if)`],
    [false, 'is false'],
    // Helm's coalesce deletes a key set to null, the chart's default with it: the template reads nil.
    [null, "is null, which deletes the chart's default (true), so the chart's template reads it as false"],
  ])('%j on chart 25.0.0 (no values schema) is refused', (enabled, what) => {
    judgeConfig(
      withTraefikValues({ deployment: { enabled } }, { chartVersion: '25.0.0' }),
      `traefik.values.deployment.enabled: ${what}, ${NOTHING}`,
    );
  });
  test.each([[true], [1], ['yes']])('control: %j is accepted', (enabled) => {
    judgeConfig(withTraefikValues({ deployment: { enabled } }, { chartVersion: '25.0.0' }), undefined);
  });
  test('constructs: K3sVipCluster and TraefikHelmChartConfig refuse 0 and accept 1', () => {
    expect(clusterRefusal({ loadBalancerIPs: ['192.168.0.41'], chartVersion: '25.0.0', values: { deployment: { enabled: 0 } } })).toContain(
      `traefik.values.deployment.enabled: is 0, which the chart's template reads as false`,
    );
    expect(helmChartConfigRefusal({ chartVersion: '25.0.0', values: { deployment: { enabled: 0 } } })).toContain(
      `values.deployment.enabled is 0, which the chart's template reads as false`,
    );
    expect(helmChartConfigRefusal({ chartVersion: '25.0.0', values: { deployment: { enabled: 1 } } })).toBe('');
  });
});

describe('D2: podDisruptionBudget.enabled is read with Go truth (templates/poddisruptionbudget.yaml)', () => {
  const BLOCKS = 'traefik.values.podDisruptionBudget.minAvailable: is 1 with 1 Traefik pod(s), so no drain may evict a Traefik pod';
  const ZERO = 'traefik.values.podDisruptionBudget.maxUnavailable';
  test.each([[true], [1], ['yes']])('enabled: %j with minAvailable: 1 is refused', (enabled) => {
    judgeConfig(withTraefikValues({ podDisruptionBudget: { enabled, minAvailable: 1 } }, { chartVersion: '25.0.0' }), BLOCKS);
  });
  test('enabled: "yes" with maxUnavailable: 0 is refused', () => {
    judgeConfig(withTraefikValues({ podDisruptionBudget: { enabled: 'yes', maxUnavailable: 0 } }, { chartVersion: '25.0.0' }), ZERO);
  });
  test.each([[false], [0], ['']])('control: enabled %j (no budget rendered) is accepted', (enabled) => {
    judgeConfig(withTraefikValues({ podDisruptionBudget: { enabled, minAvailable: 1 } }, { chartVersion: '25.0.0' }), undefined);
  });
  test('construct: K3sVipCluster refuses enabled: 1 and accepts enabled: 0', () => {
    const traefik = (enabled: unknown) => ({
      loadBalancerIPs: ['192.168.0.41'],
      chartVersion: '25.0.0',
      values: { podDisruptionBudget: { enabled, minAvailable: 1 } },
    });
    expect(clusterRefusal(traefik(1))).toContain(BLOCKS);
    expect(clusterRefusal(traefik(0))).toBe('');
  });
});

describe("D3: the Gateway provider's switches are read with Go truth (`if .enabled`, `if and (.Values.gateway).enabled ...`)", () => {
  const OLD_CHART = "is true, but this tool knows Traefik's Gateway API provider only from chart 34.0.0";
  test.each([
    [{ providers: { kubernetesGateway: { enabled: 1 } } }, 'traefik.values.providers.kubernetesGateway.enabled'],
    [{ providers: { kubernetesGateway: { enabled: 'true' } } }, 'traefik.values.providers.kubernetesGateway.enabled'],
    [{ gateway: { enabled: 'true' } }, 'traefik.values.gateway.enabled'],
    [{ gateway: { enabled: 1 } }, 'traefik.values.gateway.enabled'],
  ])('%j on chart 30.1.0 is refused', (values, at) => {
    judgeConfig(withTraefikValues(values, { chartVersion: '30.1.0' }), `${at}: ${OLD_CHART}`);
  });
  test.each([
    [{ providers: { kubernetesGateway: { enabled: 0 } } }],
    [{ providers: { kubernetesGateway: { enabled: '' } } }],
    [{ gateway: { enabled: false } }],
  ])('control: %j on chart 30.1.0 is accepted', (values) => {
    judgeConfig(withTraefikValues(values, { chartVersion: '30.1.0' }), undefined);
  });
  test("a provider option flag is allowed once enabled: 1 renders the provider's RBAC (chart 34.0.0)", () => {
    const flag = '--providers.kubernetesgateway.statusaddress.ip=192.168.0.41';
    const RBAC = "sets an option of Traefik's Gateway API provider, which creates the provider without its RBAC";
    const values = (enabled: unknown) => ({ providers: { kubernetesGateway: { enabled } }, additionalArguments: [flag] });
    expect(errorsOf(withTraefikValues(values(1), { chartVersion: '34.0.0' }))).not.toContain(RBAC);
    judgeConfig(withTraefikValues(values(0), { chartVersion: '34.0.0' }), RBAC);
  });
  test('constructs: K3sVipCluster and TraefikHelmChartConfig refuse enabled: 1 on chart 30.1.0, and accept 0', () => {
    const values = (enabled: unknown) => ({ providers: { kubernetesGateway: { enabled } } });
    expect(clusterRefusal({ loadBalancerIPs: ['192.168.0.41'], chartVersion: '30.1.0', values: values(1) })).toContain(OLD_CHART);
    expect(helmChartConfigRefusal({ chartVersion: '30.1.0', values: values(1) })).toContain(OLD_CHART);
    expect(helmChartConfigRefusal({ chartVersion: '30.1.0', values: values(0) })).toBe('');
  });
});

describe('D4: service.single and additionalServices.<name>.single are read with Go truth where the Services are modelled', () => {
  const UDP = 'UDP';
  const pool = { kubeVip: { ...devConfig().kubeVip, services: { ipPool: { global: { range: '192.168.0.100-192.168.0.110' } } } } };
  const dns = (ip: string) => ({
    loadBalancers: [{ name: 'dns', namespace: 'default', selector: { app: 'dns' }, ports: [{ port: 53, protocol: UDP }], ips: [ip] }],
  });
  const udpService = (single: unknown) =>
    withChanges(
      withTraefikValues(
        {
          service: { single, annotationsUDP: { 'kube-vip.io/loadbalancerIPs': '192.168.0.50' } },
          ports: { dns: { port: 5353, protocol: UDP, expose: true, exposedPort: 53 } },
        },
        { chartVersion: '27.0.2', loadBalancerIPs: undefined },
        withChanges(devConfig(), pool),
      ),
      dns('192.168.0.50'),
    );
  const UDP_CLASH = `loadBalancers[0].ips[0]: "192.168.0.50" is also the VIP of Traefik's UDP`;
  test.each([[false], [0], [''], [null]])(
    "service.single: %j splits UDP off onto annotationsUDP's VIP, which the entry shares: refused",
    (single) => {
      judgeConfig(udpService(single), UDP_CLASH);
    },
  );
  test.each([[true], [1]])('control: service.single: %j keeps UDP on the pool VIP, and is accepted', (single) => {
    expect(errorsOf(udpService(single))).not.toContain('is also the VIP');
  });

  const additional = (single: unknown) =>
    withChanges(
      withTraefikValues({
        service: {
          additionalServices: {
            internal: {
              single,
              annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.60' },
              annotationsUDP: { 'kube-vip.io/loadbalancerIPs': '192.168.0.61' },
            },
          },
        },
        ports: { dns: { port: 5353, protocol: UDP, expose: { internal: true }, exposedPort: 53 } },
      }),
      dns('192.168.0.60'),
    );
  const ADDITIONAL_CLASH = `loadBalancers[0].ips[0]: "192.168.0.60" is also the VIP of Traefik's additional Service internal`;
  test.each([[true], [1], ['yes']])("additionalServices.internal.single: %j keeps 53/UDP on .60, the entry's VIP: refused", (single) => {
    judgeConfig(additional(single), ADDITIONAL_CLASH);
  });
  test.each([[false], [0]])('control: additionalServices.internal.single: %j moves 53/UDP to .61, and is accepted', (single) => {
    judgeConfig(additional(single), undefined);
  });
  test('construct: K3sVipCluster refuses single: 1 on the additional Service and accepts single: 0', () => {
    const props = (single: unknown) => {
      const config = additional(single);
      return () => new K3sVipCluster(new App(), 'c', config);
    };
    expect(refusalOf(props(1))).toContain(ADDITIONAL_CLASH);
    expect(refusalOf(props(0))).toBe('');
  });
});

describe("D5: externalIPs on Traefik's own Services are refused, as on an extraObjects Service (CVE-2020-8554)", () => {
  const TAKEOVER = "is set: kube-proxy then answers for those addresses on every node, whatever owns them (this cluster's VIPs too)";
  const int = (block: object) => ({
    service: { additionalServices: { int: { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.60' }, ...block } } },
    ports: { websecure: { expose: { default: true, int: true } } },
  });
  test.each([
    ['service.externalIPs', { service: { externalIPs: ['192.168.0.40'] } }, {}],
    ['service.spec.externalIPs', { service: { spec: { externalIPs: ['192.168.0.50'] } } }, {}],
    ['service.externalIPs', { service: { externalIPs: ['10.0.0.9'] } }, { chartVersion: '25.0.0' }],
    ['service.additionalServices.int.externalIPs', int({ externalIPs: ['192.168.0.40'] }), {}],
    ['service.additionalServices.int.spec.externalIPs', int({ spec: { externalIPs: ['192.168.0.40'] } }), {}],
  ])('%s is refused', (key, values, traefik) => {
    judgeConfig(withTraefikValues(values, traefik), `traefik.values.${key}: ${TAKEOVER}`);
  });
  test.each([
    ['an empty list', { service: { externalIPs: [] } }],
    ['an empty list under spec', { service: { spec: { externalIPs: [] } } }],
    ['an additional Service without them', int({})],
  ])('control: %s is accepted', (_, values) => {
    judgeConfig(withTraefikValues(values), undefined);
  });
  test('constructs: K3sVipCluster and TraefikHelmChartConfig refuse service.externalIPs, naming where a VIP goes instead', () => {
    const values = { service: { externalIPs: ['192.168.0.40'] } };
    expect(clusterRefusal({ loadBalancerIPs: ['192.168.0.41'], values })).toContain(
      `traefik.values.service.externalIPs: ${TAKEOVER}; give the Service a VIP through traefik.loadBalancerIPs instead`,
    );
    expect(helmChartConfigRefusal({ values })).toContain(
      `values.service.externalIPs ${TAKEOVER}; give the Service a VIP through loadBalancerIPs instead`,
    );
    expect(helmChartConfigRefusal({ values: { service: { externalIPs: [] } } })).toBe('');
  });
});

describe("D11: HTTP/3's UDP port is on Traefik's Service (templates/service.yaml, _service.tpl)", () => {
  const quic = (ip: string) => ({
    loadBalancers: [{ name: 'quic', namespace: 'default', selector: { a: 'b' }, ports: [{ port: 443, protocol: 'UDP' }], ips: [ip] }],
  });
  const h3 = (http3: object, traefik: object = {}, extra: object = {}, ip = '192.168.0.41') =>
    withChanges(withTraefikValues({ ports: { websecure: { http3 } }, ...extra }, traefik), quic(ip));
  const ON_TRAEFIK = `loadBalancers[0].ips[0]: "192.168.0.41" is also the VIP of Traefik (traefik.loadBalancerIPs[0]) and both use port 443/UDP`;
  test.each([
    ['http3 on', { enabled: true }, {}],
    ['http3 on (Go truth: 1, chart 30.1.0 without a values schema)', { enabled: 1 }, { chartVersion: '30.1.0' }],
    ['advertisedPort 443', { enabled: true, advertisedPort: 443 }, {}],
    ['chart 34.2.0', { enabled: true }, { chartVersion: '34.2.0' }],
    ['chart 30.1.0 (the port follows its TCP one)', { enabled: true }, { chartVersion: '30.1.0' }],
    ['chart 25.0.0', { enabled: true }, { chartVersion: '25.0.0' }],
  ])('%s clashes with a loadBalancers entry on 443/UDP of the same VIP', (_, http3, traefik) => {
    judgeConfig(h3(http3, traefik), ON_TRAEFIK);
  });
  test('advertisedPort moves the port: 8443/UDP is refused against an entry on 8443/UDP', () => {
    const config = withChanges(withTraefikValues({ ports: { websecure: { http3: { enabled: true, advertisedPort: 8443 } } } }), {
      loadBalancers: [
        { name: 'quic', namespace: 'default', selector: { a: 'b' }, ports: [{ port: 8443, protocol: 'UDP' }], ips: ['192.168.0.41'] },
      ],
    });
    judgeConfig(config, 'both use port 8443/UDP');
  });
  test.each([
    ['http3 off', { enabled: false }, {}, '192.168.0.41'],
    ['http3 0 (Go truth, chart 30.1.0)', { enabled: 0 }, { chartVersion: '30.1.0' }, '192.168.0.41'],
    ['advertisedPort 8443 (443/UDP left free)', { enabled: true, advertisedPort: 8443 }, {}, '192.168.0.41'],
    ['the entry on another VIP', { enabled: true }, {}, '192.168.0.42'],
  ])('control: %s is accepted', (_, http3, traefik, ip) => {
    judgeConfig(h3(http3, traefik, {}, ip), undefined);
  });
  // With single off and a VIP of its own in annotationsUDP, the -udp Service takes the HTTP/3 port from chart v31.0.0 on;
  // before, the chart lists it right after the TCP port, on the TCP Service.
  const split = { service: { single: false, annotationsUDP: { 'kube-vip.io/loadbalancerIPs': '192.168.0.50' } } };
  test.each([
    ['34.2.0', '192.168.0.50', `"192.168.0.50" is also the VIP of Traefik's UDP`],
    ['34.2.0', '192.168.0.41', undefined],
    ['30.1.0', '192.168.0.41', ON_TRAEFIK],
    ['30.1.0', '192.168.0.50', undefined],
  ])('single: false on chart %s, entry on %s', (chartVersion, ip, expected) => {
    const errors = errorsOf(h3({ enabled: true }, { chartVersion }, split, ip));
    if (expected) expect(errors).toContain(expected);
    else expect(errors).not.toContain('is also the VIP');
  });
  test('construct: K3sVipCluster refuses the clash and accepts HTTP/3 alone', () => {
    const traefik = { loadBalancerIPs: ['192.168.0.41'], values: { ports: { websecure: { http3: { enabled: true } } } } };
    expect(clusterRefusal(traefik, quic('192.168.0.41'))).toContain('both use port 443/UDP');
    expect(clusterRefusal(traefik)).toBe('');
  });
});

describe("D12: a host port of the user's own containers in Traefik's pods is held to the node-port rule", () => {
  const container = (ports: object[]) => ({ name: 'x', image: 'busybox:1.36', ports });
  test.each([
    ['additionalContainers', 6443, "opens host port 6443, which is the K3s API server's port on every K3s node"],
    ['additionalContainers', 10250, "opens host port 10250, which is the kubelet's port on every K3s node"],
    ['initContainers', 2379, "opens host port 2379, which is etcd's client port on every K3s node"],
  ])('deployment.%s[0] with hostPort %d is refused', (list, port, message) => {
    const values = { deployment: { [list]: [container([{ containerPort: port, hostPort: port }])] } };
    judgeConfig(withTraefikValues(values), `traefik.values.deployment.${list}[0].ports[0]: ${message}`);
  });
  test('a UDP host port is judged by its protocol: 8472/UDP (flannel VXLAN) is refused, 8472/TCP is not', () => {
    const values = (protocol: string) => ({
      deployment: { additionalContainers: [container([{ containerPort: 8472, hostPort: 8472, protocol }])] },
    });
    judgeConfig(withTraefikValues(values('UDP')), "flannel VXLAN's port");
    judgeConfig(withTraefikValues(values('TCP')), undefined);
  });
  test.each([
    ['another host port', [{ containerPort: 6443, hostPort: 16443 }]],
    ['no host port', [{ containerPort: 6443 }]],
  ])('control: %s is accepted', (_, ports) => {
    judgeConfig(withTraefikValues({ deployment: { additionalContainers: [container(ports)] } }), undefined);
  });
  test('construct: TraefikHelmChartConfig refuses the host port, and accepts another', () => {
    const values = (hostPort: number) => ({ deployment: { additionalContainers: [container([{ containerPort: 80, hostPort }])] } });
    expect(helmChartConfigRefusal({ values: values(6443) })).toContain(
      "values.deployment.additionalContainers[0].ports[0] opens host port 6443, which is the K3s API server's port",
    );
    expect(helmChartConfigRefusal({ values: values(8081) })).toBe('');
  });
});

describe('autoscaling.enabled and experimentalChannel are read with Go truth where they only warn', () => {
  const servers = [
    { name: 'k3s-1', address: '192.168.0.11', interface: 'eth0' },
    { name: 'k3s-2', address: '192.168.0.12' },
    { name: 'k3s-3', address: '192.168.0.13' },
  ];
  const warnings = (values: object, chartVersion = '25.0.0') =>
    new K3sVipCluster(
      new App(),
      'c',
      withChanges(devConfig(), { traefik: { chartVersion, values }, k3s: { tokenFile: '/etc/rancher/k3s/cluster-token', servers } }),
    ).warnings.map((w) => `${w.path.join('.')}: ${w.message}`);

  test.each([[true], [1], ['yes']])('autoscaling.enabled %j with 4 pods on 3 nodes: the HA warning', (enabled) => {
    expect(warnings({ autoscaling: { enabled, maxReplicas: 4 } })).toContainEqual(
      expect.stringMatching(/^traefik\.values\.autoscaling\.maxReplicas: is 4, but only 3 node\(s\) can run Traefik/),
    );
  });

  test.each([[false], [0], ['']])('control: autoscaling.enabled %j: no autoscaling warning', (enabled) => {
    expect(warnings({ autoscaling: { enabled, maxReplicas: 4 } }).filter((w) => w.includes('autoscaling'))).toEqual([]);
  });

  // Several pods get the spread and disruption budget the tool writes for them, whichever key asked for them.
  const written = (enabled: unknown) =>
    synthFiles(withTraefikValues({ autoscaling: { enabled, maxReplicas: 3 } }, { chartVersion: '25.0.0' })).get('traefik-config.yaml') ??
    '';
  test.each([[true], [1], ['yes']])('autoscaling.enabled %j: the autoscaled pods get the disruption budget', (enabled) => {
    expect(written(enabled)).toMatch(/podDisruptionBudget:/);
  });
  test.each([[false], [0]])('control: autoscaling.enabled %j: one pod, no budget', (enabled) => {
    expect(written(enabled)).not.toMatch(/podDisruptionBudget:/);
  });

  test.each([[true], [1], ['yes']])('providers.kubernetesGateway.experimentalChannel %j: warned', (experimentalChannel) => {
    expect(warnings({ providers: { kubernetesGateway: { experimentalChannel } } }, '30.1.0').join('\n')).toContain(
      "experimentalChannel: is on, but K3s installs the Gateway API's standard channel only",
    );
  });
});
