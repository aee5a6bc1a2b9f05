import { devConfig, find, synth, withChanges, DUAL_STACK_NETWORKS } from './helpers';
import { parseConfigText } from '../src/config/load';
import { stringify } from 'yaml';

const poolConfig = (pool: unknown, extra: object = {}) =>
  withChanges(devConfig(), {
    kubeVip: { services: { ipPool: pool } },
    traefik: { loadBalancerIPs: undefined },
    ...extra,
  });
const db = (extra: object = {}) => ({
  name: 'postgres',
  namespace: 'data',
  selector: { app: 'postgres' },
  ports: [{ port: 5432 }],
  ...extra,
});

describe('IP pool mode: kube-vip-cloud-provider and its ConfigMap', () => {
  const files = synth(
    poolConfig({
      global: { range: '192.168.0.200-192.168.0.219' },
      namespaces: { iot: { cidr: ['192.168.0.224/28', 'fd00::/120'], allowShare: true } },
    }),
  );
  const objects = files.get('kube-vip-cloud-provider.yaml')!;

  test('ConfigMap kube-system/kubevip with the exact keys upstream reads, every value a string', () => {
    const configMap = find(objects, 'ConfigMap', 'kubevip');
    expect(configMap.metadata).toEqual({ name: 'kubevip', namespace: 'kube-system' });
    expect(configMap.data).toEqual({
      'range-global': '192.168.0.200-192.168.0.219',
      'allow-share-global': 'false',
      'cidr-iot': '192.168.0.224/28,fd00::/120',
      'allow-share-iot': 'true',
      'skip-end-ips-in-cidr': 'true',
    });
    for (const value of Object.values(configMap.data)) expect(typeof value).toBe('string');
  });

  test('controller Deployment, pinned image, named RBAC as upstream v0.0.12', () => {
    const deployment = find(objects, 'Deployment', 'kube-vip-cloud-provider');
    expect(deployment.metadata.namespace).toBe('kube-system');
    const pod = deployment.spec.template.spec;
    expect(pod.containers).toEqual([
      {
        name: 'kube-vip-cloud-provider',
        image: 'ghcr.io/kube-vip/kube-vip-cloud-provider:v0.0.12',
        imagePullPolicy: 'Always',
        command: ['/kube-vip-cloud-provider', '--leader-elect-resource-name=kube-vip-cloud-controller'],
      },
    ]);
    expect(pod.serviceAccountName).toBe('kube-vip-cloud-controller');
    expect(deployment.spec.selector.matchLabels).toEqual({ app: 'kube-vip', component: 'kube-vip-cloud-provider' });
    expect(deployment.spec.template.metadata.labels).toEqual(deployment.spec.selector.matchLabels);
    expect(pod.tolerations).toEqual([
      { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' },
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ]);
    expect(find(objects, 'ServiceAccount', 'kube-vip-cloud-controller').metadata.namespace).toBe('kube-system');
    const role = find(objects, 'ClusterRole', 'system:kube-vip-cloud-controller-role');
    expect(role.metadata.namespace).toBeUndefined();
    expect(role.rules).toEqual([
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update', 'list', 'put'] },
      { apiGroups: [''], resources: ['configmaps', 'endpoints', 'events', 'services/status', 'leases'], verbs: ['*'] },
      { apiGroups: [''], resources: ['nodes', 'services'], verbs: ['list', 'get', 'watch', 'update'] },
    ]);
    const binding = find(objects, 'ClusterRoleBinding', 'system:kube-vip-cloud-controller-binding');
    expect(binding.roleRef.name).toBe('system:kube-vip-cloud-controller-role');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'kube-vip-cloud-controller', namespace: 'kube-system' }]);
  });

  test('Traefik without fixed VIP: no VIP key, the pool decides', () => {
    const hcc = find(files.get('traefik-config.yaml')!, 'HelmChartConfig', 'traefik');
    expect(hcc.spec.valuesContent).not.toContain('loadbalancerIPs');
    expect(hcc.spec.valuesContent).not.toContain('loadBalancerIP');
  });

  test('no pool -> no cloud provider file', () => {
    expect(synth(devConfig()).has('kube-vip-cloud-provider.yaml')).toBe(false);
  });
});

describe('more LoadBalancer Services', () => {
  const services = (config: unknown) => synth(config).get('load-balancers.yaml')!;

  test.each([
    // kube-vip, ips, expected annotations, expected spec fields
    ['v1.2.3', ['192.168.0.42'], { 'kube-vip.io/loadbalancerIPs': '192.168.0.42' }, {}],
    ['v0.5.12', ['192.168.0.42'], { 'kube-vip.io/loadbalancerIPs': '192.168.0.42' }, {}],
    ['v0.5.11', ['192.168.0.42'], undefined, { loadBalancerIP: '192.168.0.42' }],
    [
      'v1.2.3',
      ['192.168.0.42', 'fd00::42'],
      { 'kube-vip.io/loadbalancerIPs': '192.168.0.42,fd00::42' },
      { ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] },
    ],
    [
      'v0.7.0',
      ['fd00::42', '192.168.0.42'],
      { 'kube-vip.io/loadbalancerIPs': 'fd00::42,192.168.0.42' },
      { ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv6', 'IPv4'] },
    ],
    // Attack 13 D8: an IPv6 VIP alone on an IPv4-first cluster needs an IPv6 Service.
    ['v1.2.3', ['fd00::42'], { 'kube-vip.io/loadbalancerIPs': 'fd00::42' }, { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'] }],
    ['v0.5.11', ['fd00::42'], undefined, { loadBalancerIP: 'fd00::42', ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'] }],
  ])('kube-vip %s, ips %j', (version, ips, annotations, spec) => {
    const k3s = ips.some((ip) => ip.includes(':')) ? { k3s: DUAL_STACK_NETWORKS } : {};
    const config = withChanges(devConfig(), { kubeVip: { version }, loadBalancers: [db({ ips })], ...k3s });
    const service = find(services(config), 'Service', 'postgres');
    expect(service.metadata).toEqual({ name: 'postgres', namespace: 'data', ...(annotations ? { annotations } : {}) });
    expect(service.spec).toEqual({
      type: 'LoadBalancer',
      selector: { app: 'postgres' },
      ports: [{ port: 5432, protocol: 'TCP' }],
      ...spec,
    });
  });

  test('named ports, target ports, UDP, class and traffic policy', () => {
    const config = withChanges(devConfig(), {
      loadBalancers: [
        db({
          ports: [
            { name: 'java', port: 25565, targetPort: 'game' },
            { name: 'bedrock', port: 19132, targetPort: 19133, protocol: 'UDP' },
          ],
          ips: ['192.168.0.43'],
          loadBalancerClass: 'kube-vip.io/kube-vip-class',
          externalTrafficPolicy: 'Local',
        }),
      ],
    });
    const service = find(services(config), 'Service', 'postgres');
    expect(service.spec).toMatchObject({
      ports: [
        { name: 'java', port: 25565, targetPort: 'game', protocol: 'TCP' },
        { name: 'bedrock', port: 19132, targetPort: 19133, protocol: 'UDP' },
      ],
      loadBalancerClass: 'kube-vip.io/kube-vip-class',
      externalTrafficPolicy: 'Local',
    });
  });

  test('a class kube-vip does not own, with ips: refused, as kube-vip ignores the Service (73a-6)', () => {
    const config = withChanges(devConfig(), {
      loadBalancers: [db({ ips: ['192.168.0.42'], loadBalancerClass: 'example.com/other' })],
    });
    expect(parseConfigText('config/t.yaml', stringify(config)).errors.map((e) => e.message)).toEqual([
      'is "example.com/other", not kube-vip\'s class (kube-vip.io/kube-vip-class), so kube-vip never gives Service data/postgres its VIP: ' +
        "remove the key, or the VIPs if that class's controller gives the address",
    ]);
  });

  test('warnings: a class kube-vip does not own (no ips), and Local pods that may run where kube-vip does not', () => {
    const config = withChanges(devConfig(), {
      traefik: { redirectToHttps: true },
      loadBalancers: [db({ loadBalancerClass: 'example.com/other', externalTrafficPolicy: 'Local' })],
    });
    const result = parseConfigText('config/t.yaml', stringify(config));
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      '"example.com/other" is not kube-vip\'s class (kube-vip.io/kube-vip-class), so kube-vip leaves this Service to another controller',
      'is Local: kube-vip runs on control-plane nodes only and announces this VIP only from one running a ready pod of the Service, so pods on other nodes get no traffic through it: pin the pods to control-plane nodes (required node affinity on node-role.kubernetes.io/control-plane)',
    ]);
  });

  test('a Service may share the control-plane VIP on v1.1.0+, then kube-vip uses one lease', () => {
    const config = withChanges(devConfig(), { loadBalancers: [db({ ips: ['192.168.0.40'] })] });
    const ds = find(synth(config).get('kube-vip.yaml')!, 'DaemonSet', 'kube-vip-ds');
    const env = Object.fromEntries(ds.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
    expect(env.svc_leasename).toBe('plndr-cp-lock');
  });
});

describe('BGP mode', () => {
  const bgp = (version: string, passwordSecret?: object) =>
    withChanges(devConfig(), {
      kubeVip: {
        version,
        mode: 'bgp',
        bgp: {
          as: 65010,
          peers: [
            { address: '192.168.0.1', as: 65000 },
            { address: 'fd00::1', as: 65001, multihop: true },
          ],
          passwordSecret,
        },
      },
    });
  const container = (config: unknown) =>
    find(synth(config).get('kube-vip.yaml')!, 'DaemonSet', 'kube-vip-ds').spec.template.spec.containers[0];

  test.each(['v0.8.10', 'v1.0.3', 'v1.2.3'])('%s: BGP env, router id per node, no leader election', (version) => {
    const env = container(bgp(version)).env;
    const byName = Object.fromEntries(env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    expect(byName).toMatchObject({
      vip_arp: 'false',
      bgp_enable: 'true',
      bgp_as: '65010',
      bgp_routerid: { fieldRef: { fieldPath: 'status.podIP' } },
      bgp_peers: '192.168.0.1:65000::false,[fd00::1]:65001::true',
      address: '192.168.0.40',
    });
    for (const name of ['vip_leaderelection', 'vip_leaseduration', 'vip_leasename']) expect(byName).not.toHaveProperty(name);
    const names = env.map((e: any) => e.name);
    expect(names.indexOf('bgp_enable')).toBeGreaterThan(names.indexOf('svc_leasename'));
    expect(names.indexOf('bgp_peers')).toBeLessThan(names.indexOf('address'));
  });

  test('the peer password comes from the Secret, never in plain text', () => {
    const env = container(bgp('v1.2.3', { name: 'bgp-auth', key: 'password' })).env;
    const names = env.map((e: any) => e.name);
    expect(env[names.indexOf('BGP_PEER_PASSWORD')]).toEqual({
      name: 'BGP_PEER_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'bgp-auth', key: 'password' } },
    });
    // Defined before bgp_peers, so Kubernetes expands $(BGP_PEER_PASSWORD) in it.
    expect(names.indexOf('BGP_PEER_PASSWORD')).toBeLessThan(names.indexOf('bgp_peers'));
    expect(env[names.indexOf('bgp_peers')].value).toBe(
      '192.168.0.1:65000:$(BGP_PEER_PASSWORD):false,[fd00::1]:65001:$(BGP_PEER_PASSWORD):true',
    );
  });
});
