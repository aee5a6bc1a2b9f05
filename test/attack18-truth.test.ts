import { configErrors, devConfig } from './helpers';

/**
 * Attack round 18b, D1 to D5: the chart tests its switches with Go's `if` (text/template truth: false, 0, nil and
 * "" are false, every other value true), so every value Go takes as true or false is judged as the chart reads it,
 * not only `true` / `false` (on chart versions with no values schema: v20 to v31.0, which K3s bundles as 25.x and 27.x).
 */
/** The reference config (with its HTTP->HTTPS redirect) with these `traefik` keys, with or without its Ingress. */
const base = (traefik: object, ingresses = true): any => {
  const { ingresses: sites, ...config } = devConfig();
  return { ...config, traefik: { ...config.traefik, redirectToHttps: true, ...traefik }, ...(ingresses && { ingresses: sites }) };
};
const errorsAt = (config: unknown, key: string) => configErrors(config).filter((line) => line.includes(`: ${key}:`));

type Case = [string, unknown, string];
const refused = (cases: Case[]) => test.each(cases)('%s is refused', (_name, config, key) => expect(errorsAt(config, key)).not.toEqual([]));
const accepted = (cases: Case[]) => test.each(cases)('%s is accepted', (_name, config, key) => expect(errorsAt(config, key)).toEqual([]));

describe('D1: persistence.path is mounted whatever persistence.enabled holds', () => {
  const at = 'traefik.values.persistence.path';
  const persistence = (value: object, chartVersion?: string) =>
    base({ ...(chartVersion && { chartVersion }), values: { persistence: { ...value, path: '/etc/traefik' } } }, false);
  refused([
    ['b02 enabled "true" (25.0.0)', persistence({ enabled: 'true' }, '25.0.0'), at],
    ['b03 enabled 1 (25.0.0)', persistence({ enabled: 1 }, '25.0.0'), at],
    ['b06 enabled false (an emptyDir)', persistence({ enabled: false }), at],
    ['b07 no enabled', persistence({}), at],
    ['b01 enabled true (25.0.0)', persistence({ enabled: true }, '25.0.0'), at],
  ]);
  accepted([['persistence.path /data, enabled false', base({ values: { persistence: { enabled: false, path: '/data' } } }, false), at]]);
});

describe('D2: the Ingress provider switches', () => {
  const v25 = (values: object) => base({ chartVersion: '25.0.0', values });
  const v30 = (values: object) => base({ chartVersion: '30.1.0', values });
  refused([
    [
      'q06 kubernetesIngress.enabled 0',
      v25({ providers: { kubernetesIngress: { enabled: 0 } } }),
      'traefik.values.providers.kubernetesIngress.enabled',
    ],
    [
      'q07 kubernetesIngress.enabled ""',
      v25({ providers: { kubernetesIngress: { enabled: '' } } }),
      'traefik.values.providers.kubernetesIngress.enabled',
    ],
    [
      'r04 kubernetesIngress.enabled false',
      v25({ providers: { kubernetesIngress: { enabled: false } } }),
      'traefik.values.providers.kubernetesIngress.enabled',
    ],
    [
      'q09 kubernetesIngress.enabled null',
      v25({ providers: { kubernetesIngress: { enabled: null } } }),
      'traefik.values.providers.kubernetesIngress.enabled',
    ],
    ['q08 ingressClass.enabled 0', v25({ ingressClass: { enabled: 0 } }), 'traefik.values.ingressClass.enabled'],
    ['ingressClass.enabled false', v25({ ingressClass: { enabled: false } }), 'traefik.values.ingressClass.enabled'],
    ['r02 rbac.namespaced "yes" (30.1.0)', v30({ rbac: { namespaced: 'yes' } }), 'traefik.values.rbac.namespaced'],
    ['r03 rbac.namespaced 1 (30.1.0)', v30({ rbac: { namespaced: 1 } }), 'traefik.values.rbac.namespaced'],
    ['r01 rbac.namespaced true (30.1.0)', v30({ rbac: { namespaced: true } }), 'traefik.values.rbac.namespaced'],
  ]);
  accepted([
    [
      'kubernetesIngress.enabled true',
      v25({ providers: { kubernetesIngress: { enabled: true } } }),
      'traefik.values.providers.kubernetesIngress.enabled',
    ],
    [
      'kubernetesIngress.enabled "yes"',
      v25({ providers: { kubernetesIngress: { enabled: 'yes' } } }),
      'traefik.values.providers.kubernetesIngress.enabled',
    ],
    ['ingressClass.enabled true', v25({ ingressClass: { enabled: true } }), 'traefik.values.ingressClass.enabled'],
    ['rbac.namespaced false (30.1.0)', v30({ rbac: { namespaced: false } }), 'traefik.values.rbac.namespaced'],
    ['rbac.namespaced 0 (30.1.0)', v30({ rbac: { namespaced: 0 } }), 'traefik.values.rbac.namespaced'],
  ]);
});

describe('D3: autoscaling.enabled with ACME resolvers', () => {
  const at = 'traefik.values.autoscaling.enabled';
  const scaled = (enabled: unknown) =>
    base({ chartVersion: '25.0.0', certResolvers: { le: { email: 'a@b.io' } }, values: { autoscaling: { enabled, maxReplicas: 3 } } });
  refused([
    ['s02 enabled 1', scaled(1), at],
    ['enabled "true"', scaled('true'), at],
    ['enabled "false" (a non-empty text)', scaled('false'), at],
    ['enabled 1.5', scaled(1.5), at],
    ['enabled [x]', scaled(['x']), at],
    ['s01 enabled true', scaled(true), at],
  ]);
  accepted([
    ['enabled false', scaled(false), at],
    ['enabled 0', scaled(0), at],
    ['enabled ""', scaled(''), at],
  ]);
});

describe('D4: service.single and http3.enabled', () => {
  const at = 'traefik.values.service.single';
  const udp = (service: object, ports?: object) =>
    base(
      {
        chartVersion: '27.0.2',
        externalTrafficPolicy: 'Local',
        externalCertResolvers: undefined,
        values: { service, ports: ports ?? { dns: { port: 5353, protocol: 'UDP', expose: true, exposedPort: 53 } } },
      },
      false,
    );
  const http3 = (enabled: unknown) => ({ websecure: { http3: { enabled } } });
  refused([
    ['wa22 single ""', udp({ single: '' }), at],
    ['w897 single 0', udp({ single: 0 }), at],
    ['w674 single null', udp({ single: null }), at],
    ['wd42 single false', udp({ single: false }), at],
    ['single false with http3.enabled 1', udp({ single: false }, http3(1)), at],
    ['single false with http3.enabled true', udp({ single: false }, http3(true)), at],
  ]);
  accepted([
    ['single true', udp({ single: true }), at],
    ['single 1', udp({ single: 1 }), at],
    ['no single key', udp({}), at],
    ['single false with http3.enabled 0', udp({ single: false }, http3(0)), at],
  ]);
});

describe('D5: a DaemonSet with hostNetwork Go-true and maxUnavailable 0 fails in the chart', () => {
  const at = 'traefik.values.hostNetwork';
  const daemonSet = (hostNetwork: unknown) => base({ chartVersion: '25.0.0', values: { deployment: { kind: 'DaemonSet' }, hostNetwork } });
  refused([
    ['h02 hostNetwork 1', daemonSet(1), at],
    ['hostNetwork "yes"', daemonSet('yes'), at],
    ['h01 hostNetwork true', daemonSet(true), at],
  ]);
  accepted([
    ['hostNetwork false', daemonSet(false), at],
    ['hostNetwork "" (written as null)', daemonSet(''), at],
  ]);
  // Go-false, so no DaemonSet rollout problem; but written `hostNetwork: 0`, a number the API server refuses (attack 40b-2).
  test('hostNetwork 0 is refused for its type only', () => {
    expect(errorsAt(daemonSet(0), at)).toEqual([expect.stringMatching(/: is 0, not a boolean, .*takes only true or false/)]);
  });
});
