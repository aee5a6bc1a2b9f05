// Round 28 review: a rule the TraefikHelmChartConfig construct applies on its own assumptions fired on the YAML door
// too, unlocated, and wrongly in BGP mode (no per-Service election there).
import { App } from 'cdk8s';
import { K3sVipCluster } from '../src';
import { devConfig, helmChartConfigRefusal, judgeConfig, refusalOf, withChanges } from './helpers';

const udpSplit = { service: { single: false }, ports: { dns: { port: 5353, exposedPort: 53, protocol: 'UDP' } } };
const bgp = { mode: 'bgp', bgp: { as: 65000, peers: [{ address: '192.168.0.1', as: 65001 }] } };
const config = (kubeVip: object) => withChanges(devConfig(), { kubeVip, traefik: { externalTrafficPolicy: 'Local', values: udpSplit } });

describe('a separate UDP Service under externalTrafficPolicy Local', () => {
  test.each([
    ['ARP mode: per-Service election, refused at the key', {}, 'traefik.values.service.single: is false'],
    ['BGP mode: no per-Service election, accepted', bgp, undefined],
  ])('config, %s', (_name, kubeVip, expected) => {
    judgeConfig(config(kubeVip), expected);
  });

  test('K3sVipCluster in BGP mode is accepted (the construct knows the mode)', () => {
    expect(refusalOf(() => new K3sVipCluster(new App(), 'c', config(bgp)))).toBe('');
  });

  test.each([
    ['Local, election by default', { externalTrafficPolicy: 'Local' }, 'values.service.single is false'],
    ['Local, servicesElection false (BGP)', { externalTrafficPolicy: 'Local', servicesElection: false }, ''],
    ['Cluster, servicesElection true', { servicesElection: true }, 'values.service.single is false'],
    ['Cluster, no election', {}, ''],
  ])('TraefikHelmChartConfig: %s', (_name, props, expected) => {
    const refusal = helmChartConfigRefusal({ ...props, values: udpSplit });
    if (expected) expect(refusal).toContain(expected);
    else expect(refusal).toBe('');
  });

  test('servicesElection must be a boolean', () => {
    expect(helmChartConfigRefusal({ servicesElection: 'yes' })).toContain('servicesElection "yes" is a string: expected true or false');
  });
});

describe('a construct refusal on the YAML door', () => {
  test('is located at the config file, one line per problem, and says it is a gap of this tool', () => {
    const { addClusterCharts } = require('../src/main');
    const config = withChanges(devConfig(), { traefik: { loadBalancerIPs: ['not-an-ip'], replicas: -1 } });
    const message = refusalOf(() => addClusterCharts(new App(), { name: 'c', file: '/srv/config/c.yaml', config }));
    const lines = message.split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(line).toMatch(/^\/srv\/config\/c\.yaml: \S/);
      expect(line).toContain('the constructs refuse what the config check missed: please report it');
    }
  });
});
