import { stringify } from 'yaml';
import { parseConfigText } from '../src/config/load';
import { devConfig, withChanges } from './helpers';
import { allRefusals, refusedAtEveryDoor } from './rule-doors';

// Round 62 (62b-1 to 62b-6): Service values the API server refuses, at every door (config, K3sVipCluster, TraefikHelmChartConfig).
const svc = (spec: object) => ({
  extraObjects: [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { selector: { a: 'b' }, ...spec } },
  ],
});
const web = (port: object, additional: object = {}) => ({
  ports: { web: { ...port, expose: { default: true, internal: true } } },
  service: { additionalServices: { internal: additional } },
});
const VIP = { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.42' } };

describe('62b: Service values the API server refuses', () => {
  test.each([
    [
      'appProtocol with a blank',
      svc({ ports: [{ port: 80, appProtocol: 'bad proto' }] }),
      'extraObjects[0].spec.ports[0].appProtocol',
      'qualified name',
    ],
    [
      'appProtocol with two slashes',
      svc({ ports: [{ port: 80, appProtocol: 'foo/bar/baz' }] }),
      'spec.ports[0].appProtocol',
      'qualified name',
    ],
    ['entrypoint appProtocol', web({ appProtocol: 'not a/valid/protocol' }, VIP), 'ports.web.appProtocol', 'qualified name'],
    ['targetPort 70000', svc({ ports: [{ port: 80, targetPort: 70000 }] }), 'extraObjects[0].spec.ports[0].targetPort', 'from 1 to 65535'],
    ['targetPort -1', svc({ ports: [{ port: 80, targetPort: -1 }] }), 'spec.ports[0].targetPort', 'from 1 to 65535'],
    ['nodePort on a ClusterIP additional Service', web({ nodePort: 30080 }, { type: 'ClusterIP' }), 'ports.web.nodePort', 'ClusterIP'],
    ['nodePort on two Services', web({ nodePort: 30080 }, VIP), 'ports.web.nodePort', 'one Service only'],
    [
      'RequireDualStack on IPv4 only',
      svc({ ipFamilyPolicy: 'RequireDualStack', ports: [{ port: 80 }] }),
      'extraObjects[0].spec.ipFamilyPolicy',
      'IPv4 only',
    ],
    [
      'ipFamilies IPv6 on IPv4 only',
      svc({ ipFamilies: ['IPv6'], ports: [{ port: 80 }] }),
      'extraObjects[0].spec.ipFamilies[0]',
      'IPv4 only',
    ],
    [
      'loadBalancerClass on a ClusterIP additional Service',
      web({}, { type: 'ClusterIP', loadBalancerClass: 'kube-vip.io/kube-vip-class' }),
      'service.additionalServices.internal.loadBalancerClass',
      'LoadBalancer only',
    ],
  ])('%s is refused by the config, K3sVipCluster and TraefikHelmChartConfig', (_name, values, key, what) =>
    refusedAtEveryDoor(values, key, what),
  );

  test.each([
    ['appProtocol kubernetes.io/h2c', svc({ ports: [{ port: 80, appProtocol: 'kubernetes.io/h2c' }] })],
    ['appProtocol http', svc({ ports: [{ port: 80, appProtocol: 'http' }] })],
    ['entrypoint appProtocol example.com/custom', web({ appProtocol: 'example.com/custom' }, VIP)],
    ['targetPort http', svc({ ports: [{ port: 80, targetPort: 'http' }] })],
    // targetPort 0 is refused since round 63 (63b-11: one verdict with loadBalancers[]), test/attack63-services63.test.ts.
    ['a NodePort Service with its own nodePort', svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })],
    ['nodePort on one Service', { ports: { web: { nodePort: 30080 } } }],
    [
      "nodePort on Traefik's Service, a ClusterIP additional Service it is not exposed on",
      {
        ports: { web: { nodePort: 30080 }, websecure: { expose: { internal: true } } },
        service: { additionalServices: { internal: { type: 'ClusterIP' } } },
      },
    ],
    ['an additional ClusterIP Service without nodePort', web({}, { type: 'ClusterIP' })],
    ['loadBalancerClass on a LoadBalancer additional Service', web({}, { ...VIP, loadBalancerClass: 'kube-vip.io/kube-vip-class' })],
    ['PreferDualStack on IPv4 only', svc({ ipFamilyPolicy: 'PreferDualStack', ports: [{ port: 80 }] })],
    ['ipFamilies IPv4', svc({ ipFamilies: ['IPv4'], ports: [{ port: 80 }] })],
  ])('%s passes every door', (_name, values) => {
    expect(allRefusals(values)).toBe('');
  });

  test('a dual-stack Service on a dual-stack Service network passes', () => {
    const config = withChanges(devConfig(), {
      k3s: { clusterCidr: '10.42.0.0/16,fd00:42::/56', serviceCidr: '10.43.0.0/16,fd00:43::/112' },
      traefik: { values: svc({ ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'], ports: [{ port: 80 }] }) },
    });
    const parsed = parseConfigText('config/t.yaml', stringify(config));
    expect(parsed.errors.map((e) => e.message)).toEqual([]);
  });
});
