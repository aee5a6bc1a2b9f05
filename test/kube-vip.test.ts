import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { devConfig, DUAL_STACK_NETWORKS, find, KubeObject, objects, synth, withChanges } from './helpers';
import { KUBE_VIP_RULES } from '../src/kube-vip/rbac';

const kubeVipObjects = (config: unknown) => synth(config).get('kube-vip.yaml')!;
const daemonSet = (config: unknown) => find(kubeVipObjects(config), 'DaemonSet', 'kube-vip-ds');
const container = (ds: KubeObject) => ds.spec.template.spec.containers[0];
const envOf = (ds: KubeObject): Record<string, unknown> =>
  Object.fromEntries(container(ds).env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
const version = (v: string) => withChanges(devConfig(), { kubeVip: { version: v } });

// Env var names in the order upstream's generator prints them for
// `--interface eth0 --address 192.168.0.40 --controlplane --services --arp --leaderElection`
// (kube-vip/kube-vip pkg/kubevip/config_generator.go, read at each tag).
const V05 = [
  'vip_arp',
  'port',
  'vip_interface',
  'vip_cidr',
  'cp_enable',
  'cp_namespace',
  'vip_ddns',
  'svc_enable',
  'vip_leaderelection',
  'vip_leaseduration',
  'vip_renewdeadline',
  'vip_retryperiod',
  'address',
  'prometheus_server',
];
const V061 = [
  'vip_arp',
  'port',
  'vip_interface',
  'vip_cidr',
  'cp_enable',
  'cp_namespace',
  'vip_ddns',
  'svc_enable',
  'vip_leaderelection',
  'vip_leasename',
  'vip_leaseduration',
  'vip_renewdeadline',
  'vip_retryperiod',
  'address',
  'prometheus_server',
];
const V063 = [
  'vip_arp',
  'port',
  'vip_interface',
  'vip_cidr',
  'cp_enable',
  'cp_namespace',
  'vip_ddns',
  'svc_enable',
  'svc_leasename',
  'vip_leaderelection',
  'vip_leasename',
  'vip_leaseduration',
  'vip_renewdeadline',
  'vip_retryperiod',
  'address',
  'prometheus_server',
];
const V07 = [
  'vip_arp',
  'port',
  'vip_interface',
  'vip_cidr',
  'dns_mode',
  'cp_enable',
  'cp_namespace',
  'svc_enable',
  'svc_leasename',
  'vip_leaderelection',
  'vip_leasename',
  'vip_leaseduration',
  'vip_renewdeadline',
  'vip_retryperiod',
  'address',
  'prometheus_server',
];
const V08 = [
  'vip_arp',
  'port',
  'vip_nodename',
  'vip_interface',
  'vip_cidr',
  'dns_mode',
  'cp_enable',
  'cp_namespace',
  'svc_enable',
  'svc_leasename',
  'vip_leaderelection',
  'vip_leasename',
  'vip_leaseduration',
  'vip_renewdeadline',
  'vip_retryperiod',
  'address',
  'prometheus_server',
];
const V09 = V08.map((name) => (name === 'vip_cidr' ? 'vip_subnet' : name));

describe.each([
  // version, env names, pull policy, drop, lease duration/renew/retry
  ['v0.5.0', V05, 'Always', undefined, ['5', '3', '1']],
  ['v0.5.11', V05, 'Always', undefined, ['5', '3', '1']],
  ['v0.5.12', V05, 'Always', undefined, ['5', '3', '1']],
  ['v0.6.1', V061, 'Always', undefined, ['5', '3', '1']],
  ['v0.6.4', V063, 'Always', undefined, ['5', '3', '1']],
  ['v0.7.2', V07, 'Always', undefined, ['5', '3', '1']],
  ['v0.8.0', V08, 'IfNotPresent', undefined, ['5', '3', '1']],
  ['v0.8.9', V08, 'IfNotPresent', undefined, ['5', '3', '1']],
  ['v0.8.10', V08, 'IfNotPresent', ['ALL'], ['5', '3', '1']],
  ['v0.9.2', V09, 'IfNotPresent', ['ALL'], ['5', '3', '1']],
  ['v1.0.3', V09, 'IfNotPresent', ['ALL'], ['5', '3', '1']],
  ['v1.1.0', V09, 'IfNotPresent', ['ALL'], ['15', '10', '2']],
  ['v1.2.3', V09, 'IfNotPresent', ['ALL'], ['15', '10', '2']],
  ['v1.3.0', V09, 'IfNotPresent', ['ALL'], ['15', '10', '2']], // newer than known: newest rules
])('kube-vip %s DaemonSet', (tag, envNames, pullPolicy, drop, lease) => {
  const ds = daemonSet(version(tag));
  const env = envOf(ds);

  test('env vars: upstream names, order and values', () => {
    expect(container(ds).env.map((e: any) => e.name)).toEqual(envNames);
    expect(env).toMatchObject({
      vip_arp: 'true',
      port: '6443',
      vip_interface: 'eth0',
      cp_enable: 'true',
      cp_namespace: 'kube-system',
      svc_enable: 'true',
      vip_leaderelection: 'true',
      address: '192.168.0.40',
      prometheus_server: ':2112',
    });
    expect(env.vip_cidr ?? env.vip_subnet).toBe('32');
    expect([env.vip_leaseduration, env.vip_renewdeadline, env.vip_retryperiod]).toEqual(lease);
    if ('vip_nodename' in env) expect(env.vip_nodename).toEqual({ fieldRef: { fieldPath: 'spec.nodeName' } });
    if ('vip_leasename' in env) expect(env.vip_leasename).toBe('plndr-cp-lock');
    if ('svc_leasename' in env) expect(env.svc_leasename).toBe('plndr-svcs-lock');
    if ('vip_ddns' in env) expect(env.vip_ddns).toBe('false');
    if ('dns_mode' in env) expect(env.dns_mode).toBe('first');
  });

  test('image, pull policy, labels and capabilities', () => {
    expect(container(ds).image).toBe(`ghcr.io/kube-vip/kube-vip:${tag}`);
    expect(container(ds).imagePullPolicy).toBe(pullPolicy);
    expect(ds.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'kube-vip-ds', 'app.kubernetes.io/version': tag });
    expect(ds.spec.template.metadata.labels).toEqual(ds.metadata.labels);
    expect(container(ds).securityContext).toEqual({ capabilities: { add: ['NET_ADMIN', 'NET_RAW'], ...(drop ? { drop } : {}) } });
  });
});

describe('kube-vip DaemonSet shape', () => {
  const ds = daemonSet(devConfig());
  const pod = ds.spec.template.spec;

  test('equals upstream generator output for v0.8.10, but for fields that carry no meaning', () => {
    const upstream = parse(readFileSync(join(__dirname, 'fixtures/kube-vip-ds-v0.8.10.yaml'), 'utf8'));
    // creationTimestamp: null, resources: {} and updateStrategy: {} are the API defaults (empty).
    delete upstream.metadata.creationTimestamp;
    delete upstream.spec.template.metadata.creationTimestamp;
    delete upstream.spec.template.spec.containers[0].resources;
    delete upstream.spec.updateStrategy;
    expect(daemonSet(version('v0.8.10'))).toEqual(upstream);
  });

  test('runs on control-plane nodes only, tolerating their taints, on the host network', () => {
    expect(ds.metadata).toMatchObject({ name: 'kube-vip-ds', namespace: 'kube-system' });
    expect(ds.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'kube-vip-ds' } });
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'node-role.kubernetes.io/master', operator: 'Exists' }] },
      { matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }] },
    ]);
    expect(pod.tolerations).toEqual([
      { effect: 'NoSchedule', operator: 'Exists' },
      { effect: 'NoExecute', operator: 'Exists' },
    ]);
    expect(pod.hostNetwork).toBe(true);
    expect(pod.serviceAccountName).toBe('kube-vip');
    expect(container(ds).args).toEqual(['manager']);
  });

  test('runs as upstream does: no cdk8s-plus defaults (non-root, token off, resources, CAP_ prefix)', () => {
    expect(pod.securityContext).toBeUndefined();
    expect(pod.automountServiceAccountToken).toBeUndefined();
    expect(container(ds).resources).toBeUndefined();
    expect(container(ds).securityContext.runAsNonRoot).toBeUndefined();
    expect(JSON.stringify(ds)).not.toContain('CAP_');
    expect(JSON.stringify(ds)).not.toContain('cdk8s.io');
  });

  test('interface omitted -> no vip_interface (kube-vip detects the default-route NIC)', () => {
    const env = envOf(daemonSet(withChanges(devConfig(), { kubeVip: { interface: undefined } })));
    expect(env).not.toHaveProperty('vip_interface');
  });

  test('no control-plane block -> Services only: no cp_enable, address or mask', () => {
    const env = envOf(daemonSet(withChanges(devConfig(), { kubeVip: { controlPlane: undefined } })));
    expect(env).toMatchObject({ svc_enable: 'true', svc_leasename: 'plndr-svcs-lock', vip_leaderelection: 'true' });
    for (const name of ['cp_enable', 'cp_namespace', 'address', 'vip_subnet', 'vip_cidr']) expect(env).not.toHaveProperty(name);
  });

  test('IPv6 control-plane VIP -> mask 128', () => {
    const env = envOf(daemonSet(withChanges(devConfig(), { kubeVip: { controlPlane: { address: 'fd00::40' } } })));
    expect(env).toMatchObject({ address: 'fd00::40', vip_subnet: '128' });
  });

  test.each([
    ['v1.1.0', '192.168.0.40', '192.168.0.40', 'plndr-cp-lock'],
    ['v1.2.3', '192.168.0.40', '192.168.0.40', 'plndr-cp-lock'],
    ['v1.2.3', 'fd00::40', 'fd00:0:0::40', 'plndr-cp-lock'], // one address, written two ways
  ])('control-plane VIP shared with Traefik on %s (%s / %s) -> common lease %s for Services', (tag, cp, vip, lease) => {
    const config = withChanges(devConfig(), {
      kubeVip: { version: tag, controlPlane: { address: cp } },
      traefik: { loadBalancerIPs: [vip] },
      // An IPv6 Service VIP needs a Service network with IPv6.
      ...(vip.includes(':') && { k3s: DUAL_STACK_NETWORKS }),
    });
    const env = envOf(daemonSet(config));
    expect(env.svc_leasename).toBe(lease);
    expect(env.vip_leasename).toBe(lease);
  });
});

describe('kube-vip RBAC', () => {
  const all = kubeVipObjects(devConfig());

  test('ServiceAccount kube-vip in kube-system', () => {
    expect(find(all, 'ServiceAccount', 'kube-vip').metadata).toEqual({ name: 'kube-vip', namespace: 'kube-system' });
  });

  test('ClusterRole system:kube-vip-role has exactly the six upstream rules and no namespace', () => {
    const role = find(all, 'ClusterRole', 'system:kube-vip-role');
    expect(role.metadata).toEqual({ name: 'system:kube-vip-role', annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } });
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['services/status'], verbs: ['update'] },
      { apiGroups: [''], resources: ['services', 'endpoints'], verbs: ['list', 'get', 'watch', 'update'] },
      { apiGroups: [''], resources: ['nodes'], verbs: ['list', 'get', 'watch', 'update', 'patch'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['list', 'get', 'watch', 'update', 'create'] },
      { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'get', 'watch', 'update'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
    ]);
    expect(JSON.stringify(KUBE_VIP_RULES)).not.toContain('*');
  });

  test('ClusterRoleBinding system:kube-vip-binding binds the role to the account, no namespace', () => {
    const binding = find(all, 'ClusterRoleBinding', 'system:kube-vip-binding');
    expect(binding.metadata).toEqual({ name: 'system:kube-vip-binding' });
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:kube-vip-role' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'kube-vip', namespace: 'kube-system' }]);
  });

  test('the same RBAC on every version', () => {
    const old = objects(version('v0.5.0')).filter((o) => o.kind !== 'DaemonSet' && o.metadata.name.includes('kube-vip'));
    expect(old).toEqual(all.filter((o) => o.kind !== 'DaemonSet'));
  });
});
