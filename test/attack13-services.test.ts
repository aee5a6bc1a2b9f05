import { App } from 'cdk8s';
import { chart, configErrors, DUAL_STACK_NETWORKS, find, refusalOf, synth } from './helpers';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';

/**
 * Attack round 13 (D7, D8): a Service's VIPs judged by what kube-vip and kube-proxy will do with them,
 * whichever key gave them (a first-class key, or an annotation under `traefik.values`).
 */

/** A cluster with no ingresses, so only the Services are judged. */
const cluster = (kubeVipVersion: string, traefik: object, k3s?: object) => ({
  kubeVip: { version: kubeVipVersion, interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
  traefik,
  ...(k3s && { k3s }),
});

/** The errors through the YAML front door and through K3sVipCluster; both must agree. */
function refusals(config: unknown): string {
  const fromFile = configErrors(config).join('\n');
  const fromConstruct = refusalOf(() => new K3sVipCluster(new App(), 'c', config as never));
  expect(!!fromConstruct).toBe(!!fromFile);
  return fromFile;
}

/** An additional Service `internal` of the chart, on the metrics port, with `block` as its settings. */
const internal = (block: object) => ({
  ports: { metrics: { expose: { internal: true }, exposedPort: 9100 } },
  service: { additionalServices: { internal: block } },
});
const vipAnnotation = (ips: string) => ({ annotations: { 'kube-vip.io/loadbalancerIPs': ips } });
const INTERNAL = 'traefik.values.service.additionalServices.internal';

describe('Attack 13 D8: a VIP of a family the Service will not have is refused', () => {
  const dual = DUAL_STACK_NETWORKS;
  const ipv4Only = 'but k3s.serviceCidr "10.43.0.0/16" is IPv4 only, so no Service has an IPv6 address';
  test.each<[string, object, object | undefined, string | undefined]>([
    // A first-class IPv6 VIP alone on an IPv4-only cluster (s10b, s10ctl).
    [
      'loadBalancers IPv6 alone, IPv4 cluster',
      { loadBalancers: [{ name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }], ips: ['fd00::45'] }] },
      undefined,
      `loadBalancers[0].ips[0]: "fd00::45" is IPv6, ${ipv4Only}`,
    ],
    [
      'loadBalancers IPv6 alone, dual-stack',
      { loadBalancers: [{ name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }], ips: ['fd00::45'] }] },
      dual,
      undefined,
    ],
    [
      'traefik.loadBalancerIPs IPv6 alone, IPv4 cluster',
      { traefik: { loadBalancerIPs: ['fd00::41'] } },
      undefined,
      `traefik.loadBalancerIPs[0]: "fd00::41" is IPv6, ${ipv4Only}`,
    ],
    ['traefik.loadBalancerIPs IPv6 alone, dual-stack', { traefik: { loadBalancerIPs: ['fd00::41'] } }, dual, undefined],
    // VIPs in the annotation on an IPv4-only cluster (s7, s7c).
    [
      'additional Service, both families, IPv4 cluster',
      { traefik: { loadBalancerIPs: ['192.168.0.41'], values: internal(vipAnnotation('192.168.0.45,fd00::45')) } },
      undefined,
      `${INTERNAL}.annotations["kube-vip.io/loadbalancerIPs"]: "fd00::45" is IPv6, ${ipv4Only}`,
    ],
    [
      "Traefik's own Service, both families, IPv4 cluster",
      { traefik: { values: { service: vipAnnotation('192.168.0.41,fd00::41') } } },
      undefined,
      `traefik.values.service.annotations["kube-vip.io/loadbalancerIPs"]: "fd00::41" is IPv6, ${ipv4Only}`,
    ],
    // On a dual-stack cluster the chart gives an additional Service only the family its own block asks for (f2).
    [
      'additional Service, both families, no policy',
      { traefik: { loadBalancerIPs: ['192.168.0.41'], values: internal(vipAnnotation('192.168.0.45,fd00::45')) } },
      dual,
      `"fd00::45" is IPv6, but Traefik's additional Service internal has no ipFamilyPolicy (SingleStack) and no ipFamilies, so it gets only the cluster's first family, IPv4, and kube-proxy forwards no traffic to this VIP: set the Service's ipFamilyPolicy "RequireDualStack" and ipFamilies ["IPv4","IPv6"]`,
    ],
    [
      'additional Service, both families, RequireDualStack',
      {
        traefik: {
          loadBalancerIPs: ['192.168.0.41'],
          values: internal({ ...vipAnnotation('192.168.0.45,fd00::45'), spec: { ipFamilyPolicy: 'RequireDualStack' } }),
        },
      },
      dual,
      undefined,
    ],
    [
      'additional Service, both families, PreferDualStack',
      {
        traefik: {
          loadBalancerIPs: ['192.168.0.41'],
          values: internal({ ...vipAnnotation('192.168.0.45,fd00::45'), spec: { ipFamilyPolicy: 'PreferDualStack' } }),
        },
      },
      dual,
      undefined,
    ],
    [
      'additional Service, IPv6 alone, no policy',
      { traefik: { loadBalancerIPs: ['192.168.0.41'], values: internal(vipAnnotation('fd00::45')) } },
      dual,
      `set the Service's ipFamilyPolicy "SingleStack" and ipFamilies ["IPv6"]`,
    ],
    [
      'additional Service, IPv6 alone, SingleStack IPv6',
      {
        traefik: {
          loadBalancerIPs: ['192.168.0.41'],
          values: internal({ ...vipAnnotation('fd00::45'), spec: { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'] } }),
        },
      },
      dual,
      undefined,
    ],
    [
      'additional Service, IPv4 alone, no policy',
      { traefik: { loadBalancerIPs: ['192.168.0.41'], values: internal(vipAnnotation('192.168.0.45')) } },
      dual,
      undefined,
    ],
    // K3s' bundled values give Traefik's own Service PreferDualStack (s8, s9ctl); a SingleStack override loses the IPv6 VIP.
    [
      "Traefik's own Service, IPv6 alone, K3s' PreferDualStack",
      { traefik: { values: { service: vipAnnotation('fd00::41') } } },
      dual,
      undefined,
    ],
    [
      "Traefik's own Service, both families, K3s' PreferDualStack",
      { traefik: { values: { service: vipAnnotation('192.168.0.41,fd00::41') } } },
      dual,
      undefined,
    ],
    [
      "Traefik's own Service, IPv6 alone, SingleStack",
      { traefik: { values: { service: { ...vipAnnotation('fd00::41'), spec: { ipFamilyPolicy: 'SingleStack' } } } } },
      dual,
      `traefik.values.service.annotations["kube-vip.io/loadbalancerIPs"]: "fd00::41" is IPv6, but Traefik's Service has its ipFamilyPolicy "SingleStack" and no ipFamilies, so it gets only the cluster's first family, IPv4`,
    ],
  ])('%s', (_name, patch, k3s, expected) => {
    const config = { ...cluster('v1.2.3', { loadBalancerIPs: ['192.168.0.41'] }, k3s), ...patch };
    const errors = refusals(config);
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });

  test('an IPv4 VIP alone on a Service network listed IPv6 first is refused, naming the order', () => {
    const k3s = { clusterCidr: 'fd00:42::/56,10.42.0.0/16', serviceCidr: 'fd00:43::/112,10.43.0.0/16' };
    const errors = refusals({
      ...cluster('v1.2.3', { loadBalancerIPs: ['fd00::41'] }, k3s),
      loadBalancers: [{ name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }], ips: ['192.168.0.45'] }],
    });
    expect(errors).toContain(
      'loadBalancers[0].ips[0]: "192.168.0.45" is IPv4, but k3s.serviceCidr "fd00:43::/112,10.43.0.0/16" is IPv6 and IPv4, IPv6 first, so a Service',
    );
    expect(errors).toContain('list k3s.serviceCidr and k3s.clusterCidr IPv4 first, or use an IPv6 VIP');
    expect(errors.split('\n')).toHaveLength(1);
  });

  test('s9b: a lone IPv6 VIP of a loadBalancers entry is written as an IPv6 Service (was: no ipFamilies, so IPv4 only)', () => {
    const config = {
      ...cluster('v1.2.3', { loadBalancerIPs: ['192.168.0.41'] }, DUAL_STACK_NETWORKS),
      loadBalancers: [{ name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }], ips: ['fd00::45'] }],
    };
    const service = find(synth(config).get('load-balancers.yaml')!, 'Service', 'db');
    expect([service.spec.ipFamilyPolicy, service.spec.ipFamilies]).toEqual(['SingleStack', ['IPv6']]);
  });
});

describe('Attack 13 D7: the kube-vip.io/loadbalancerIPs annotation counts only from kube-vip v0.5.12', () => {
  const unread = (version: string) =>
    `["kube-vip.io/loadbalancerIPs"]: kube-vip ${version} does not read this annotation (kube-vip reads it from v0.5.12; before, only spec.loadBalancerIP)`;
  test.each([
    ['v0.5.11', true],
    ['v0.5.0', true],
    ['v0.5.12', false],
    ['v1.2.3', false],
  ])("kube-vip %s, Traefik's own Service (s5b)", (version, refused) => {
    const errors = refusals(cluster(version, { values: { service: vipAnnotation('192.168.0.41') } }));
    if (refused) {
      expect(errors).toContain(
        `traefik.values.service.annotations${unread(version)}, so the Service would get no VIP from it: give the VIP in traefik.loadBalancerIPs`,
      );
      // Not counted, and said once (79b-6): the line above already says to give traefik.loadBalancerIPs, so no second
      // "is missing" line.
      expect(errors).not.toContain('is missing and no IP pool serves namespace kube-system');
    } else expect(errors).toBe('');
  });

  test.each([
    ['v0.5.11', true],
    ['v0.5.12', false],
  ])('kube-vip %s, an additional Service (s5)', (version, refused) => {
    const errors = refusals(cluster(version, { loadBalancerIPs: ['192.168.0.41'], values: internal(vipAnnotation('192.168.0.45')) }));
    if (refused)
      expect(errors).toContain(
        `${INTERNAL}.annotations${unread(version)}, so the Service would get no VIP from it: write one address as the same Service's spec.loadBalancerIP`,
      );
    else expect(errors).toBe('');
  });

  test('kube-vip v0.5.11, an additional Service with spec.loadBalancerIP: accepted (the field that release reads)', () => {
    expect(
      refusals(cluster('v0.5.11', { loadBalancerIPs: ['192.168.0.41'], values: internal({ spec: { loadBalancerIP: '192.168.0.45' } }) })),
    ).toBe('');
  });

  test.each([
    ['v0.5.11', true],
    ['v0.5.12', false],
  ])('TraefikHelmChartConfig, kube-vip %s', (kubeVipVersion, refused) => {
    let message = '';
    try {
      new TraefikHelmChartConfig(chart(), 't', {
        kubeVipVersion,
        loadBalancerIPs: ['192.168.0.41'],
        values: internal(vipAnnotation('192.168.0.45')),
      });
    } catch (error) {
      message = (error as Error).message;
    }
    if (refused)
      expect(message).toContain(`values.service.additionalServices.internal.annotations${unread(kubeVipVersion).replace(':', '')}`);
    else expect(message).toBe('');
  });
});
