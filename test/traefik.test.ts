import { parse } from 'yaml';
import { devConfig, DUAL_STACK_NETWORKS, find, synth, withChanges } from './helpers';
import { renderClusters } from '../src/synth';
import { parseConfigText } from '../src/config/load';
import { wiring } from '../src/main';

const helmChartConfig = (config: unknown) => find(synth(config).get('traefik-config.yaml')!, 'HelmChartConfig', 'traefik');
const values = (config: unknown) => parse(helmChartConfig(config).spec.valuesContent);
const config = (kubeVip: string, chart: string, ips = ['192.168.0.41']) =>
  withChanges(devConfig(), {
    kubeVip: { version: kubeVip },
    traefik: { chartVersion: chart, loadBalancerIPs: ips },
    ...(ips.length > 1 ? { k3s: DUAL_STACK_NETWORKS } : {}),
  });

describe('Traefik HelmChartConfig', () => {
  test('named traefik in kube-system, the only name K3s matches to its Traefik HelmChart', () => {
    const hcc = helmChartConfig(devConfig());
    expect(hcc.apiVersion).toBe('helm.cattle.io/v1');
    expect(hcc.metadata).toEqual({ name: 'traefik', namespace: 'kube-system' });
    expect(Object.keys(hcc.spec)).toEqual(['valuesContent']);
  });

  test('valuesContent is a string rendered as a `|` block scalar', () => {
    const loaded = parseConfigText('config/dev.yaml', JSON.stringify(devConfig()));
    const text = renderClusters([{ name: 'dev', file: 'config/dev.yaml', config: loaded.config! }], wiring).get('dev/traefik-config.yaml')!;
    expect(text).toContain('  valuesContent: |\n    service:\n');
    expect(typeof helmChartConfig(devConfig()).spec.valuesContent).toBe('string');
  });

  const ANNOTATION = { 'kube-vip.io/loadbalancerIPs': '192.168.0.41' };
  // The policy always goes to `service.spec` (every chart passes it through, traefik/templates/_service.tpl v20 to v41).
  const CLUSTER = { externalTrafficPolicy: 'Cluster' };
  test.each([
    // kube-vip, chart, expected service values
    ['v1.2.3', '39.0.7', { enabled: true, type: 'LoadBalancer', annotations: ANNOTATION, spec: CLUSTER }],
    ['v1.2.3', '34.2.0', { enabled: true, type: 'LoadBalancer', annotations: ANNOTATION, spec: CLUSTER }],
    ['v1.2.3', '27.0.2', { enabled: true, type: 'LoadBalancer', annotations: ANNOTATION, spec: CLUSTER }],
    ['v1.2.3', '40.3.0', { enabled: true, spec: { ...CLUSTER, type: 'LoadBalancer' }, annotations: ANNOTATION }],
    ['v1.2.3', '41.3.0', { enabled: true, spec: { ...CLUSTER, type: 'LoadBalancer' }, annotations: ANNOTATION }],
    ['v1.2.3', '39.0.701+up39.0.7', { enabled: true, type: 'LoadBalancer', annotations: ANNOTATION, spec: CLUSTER }],
    ['v0.5.12', '39.0.7', { enabled: true, type: 'LoadBalancer', annotations: ANNOTATION, spec: CLUSTER }],
    ['v0.5.11', '39.0.7', { enabled: true, type: 'LoadBalancer', spec: { ...CLUSTER, loadBalancerIP: '192.168.0.41' } }],
    ['v0.5.11', '40.3.0', { enabled: true, spec: { ...CLUSTER, type: 'LoadBalancer', loadBalancerIP: '192.168.0.41' } }],
  ])('kube-vip %s, chart %s -> service values', (kubeVip, chart, service) => {
    expect(values(config(kubeVip, chart))).toEqual({ service });
  });

  test('dual-stack VIPs are comma-joined in one annotation', () => {
    const service = values(config('v1.2.3', '39.0.7', ['192.168.0.41', 'fd00::41'])).service;
    expect(service.annotations).toEqual({ 'kube-vip.io/loadbalancerIPs': '192.168.0.41,fd00::41' });
  });

  test.each([
    // chart, top-level ipFamilyPolicy/ipFamilies, service.spec
    ['39.0.7', ['RequireDualStack', ['IPv4', 'IPv6']], { externalTrafficPolicy: 'Cluster' }],
    [
      '40.3.0',
      [undefined, undefined],
      { externalTrafficPolicy: 'Cluster', type: 'LoadBalancer', ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] },
    ],
  ])('chart %s: dual-stack VIPs make the Service RequireDualStack where the chart reads it', (chart, [policy, families], spec) => {
    const service = values(config('v1.2.3', chart, ['192.168.0.41', 'fd00::41'])).service;
    expect([service.ipFamilyPolicy, service.ipFamilies]).toEqual([policy, families]);
    expect(service.spec).toEqual(spec);
  });

  test.each([
    // chart, ports.web, resolvers key and the resolver's values
    [
      '27.0.2',
      { redirectTo: { port: 'websecure' } },
      'certResolvers',
      { email: 'ops@example.com', tlsChallenge: true, storage: '/data/acme.json' },
    ],
    [
      '39.0.7',
      { http: { redirections: { entryPoint: { to: 'websecure', scheme: 'https', permanent: true } } } },
      'certificatesResolvers',
      { acme: { email: 'ops@example.com', tlsChallenge: true, storage: '/data/acme.json' } },
    ],
  ])('chart %s: traefik.redirectToHttps and traefik.certResolvers reach the values', (chart, web, key, resolver) => {
    const withAcme = withChanges(config('v1.2.3', chart), {
      traefik: { redirectToHttps: true, certResolvers: { default: { email: 'ops@example.com' } }, externalCertResolvers: [] },
    });
    const all = values(withAcme);
    expect(Object.keys(all).sort()).toEqual(
      ['deployment', key, 'persistence', 'podSecurityContext', 'ports', 'service', 'updateStrategy'].sort(),
    );
    expect(all.ports).toEqual({ web });
    expect(all[key]).toEqual({ default: resolver });
    expect(all.persistence).toEqual({ enabled: true, name: 'data', path: '/data' });
  });

  test('the annotation is spelled exactly as kube-vip reads it', () => {
    expect(helmChartConfig(devConfig()).spec.valuesContent).toContain('kube-vip.io/loadbalancerIPs: 192.168.0.41');
    expect(helmChartConfig(devConfig()).spec.valuesContent).not.toMatch(/loadBalancerIPs|service\.loadBalancerIP/);
  });
});
