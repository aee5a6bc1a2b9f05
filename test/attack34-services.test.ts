import { clusterRefusal, configErrors, devConfig, withChanges, withTraefikValues } from './helpers';

/**
 * Attack round 33b: every Service that carries a VIP, per chart version. From chart v40 an additional Service's type is
 * its `spec.type`, unset a ClusterIP (33b-4), the v39 key `type` is not read there (33b-4), nor `spec.type` before v40
 * (33b-3); another `loadBalancerClass` (33b-10) and `spec.loadBalancerIP` next to the VIP annotation (33b-11) are refused
 * on an additional LoadBalancer Service as on Traefik's own.
 */
const VIP = { 'kube-vip.io/loadbalancerIPs': '192.168.0.42' };
const INTERNAL = 'traefik.values.service.additionalServices.internal';
const PLAIN = { name: 'site', namespace: 'default', host: 'a.example.com', path: '/', service: 'frontend', port: 80 };
const V39 = '39.0.7';
const V40 = '40.1.0';

/** `traefik` on `chartVersion` with Service `internal` as given, web exposed on it (and on Traefik's own unless `onlyThere`). */
const traefikWith = (chartVersion: string, internal: object, onlyThere = false) => ({
  chartVersion,
  values: {
    service: { additionalServices: { internal } },
    ports: { web: { expose: { default: !onlyThere, internal: true } } },
  },
});
/** The YAML door's errors and the K3sVipCluster's refusal, for `traefik` (and other top-level keys). */
function doors(traefik: object, extra: object = {}) {
  return {
    errors: configErrors(withChanges(devConfig(), { traefik, ...extra })).join('\n'),
    refusal: clusterRefusal(traefik, extra),
  };
}
function expectRefused(traefik: object, expected: string, extra: object = {}) {
  const { errors, refusal } = doors(traefik, extra);
  expect(errors).toContain(expected);
  expect(refusal).toContain(expected.slice(expected.indexOf(': ') + 2));
}
function expectAccepted(traefik: object, extra: object = {}) {
  const { errors, refusal } = doors(traefik, extra);
  expect(errors).toBe('');
  expect(refusal).toBe('');
}

describe('33b-4: from chart v40 an additional Service without spec.type is a ClusterIP, which carries no VIP', () => {
  const typePath = `${INTERNAL}.spec.type`;
  test('its VIP annotation is refused on 40.1.0, with what to write', () => {
    expectRefused(
      traefikWith(V40, { annotations: VIP }),
      `${INTERNAL}.annotations["kube-vip.io/loadbalancerIPs"]: asks a VIP for Traefik's additional Service internal, whose type is ` +
        `ClusterIP (${typePath}), and kube-vip serves only LoadBalancer Services, so the VIP is never announced: remove the VIP, ` +
        `or write LoadBalancer in ${typePath} (unset, the chart renders a ClusterIP)`,
    );
  });
  test('an entrypoint an Ingress needs, exposed only there, is refused on 40.1.0', () => {
    expectRefused(
      traefikWith(V40, { annotations: VIP }, true),
      "traefik.values.ports.web.expose: exposes entrypoint web only on Traefik's additional Service internal, whose type is " +
        `ClusterIP (${typePath})`,
      { ingresses: [PLAIN] },
    );
  });
  test('spec.type: ExternalName on 40.1.0 is told to write LoadBalancer, not to remove the key', () => {
    expectRefused(
      traefikWith(V40, { spec: { type: 'ExternalName' }, annotations: VIP }),
      `${typePath}: "ExternalName" makes Traefik's additional Service internal an ExternalName, which kube-vip never ` +
        `gives a VIP, so nothing outside the cluster reaches it: write LoadBalancer in ${typePath} (unset, the chart renders a ClusterIP)`,
    );
  });
  test.each<[string, object]>([
    ['type: NodePort', { type: 'NodePort' }],
    ['type: LoadBalancer', { type: 'LoadBalancer' }],
  ])('the v39 key %s is not read on 40.1.0: refused, naming spec.type', (_, block) => {
    expectRefused(
      traefikWith(V40, { ...block, spec: { type: 'LoadBalancer' }, annotations: VIP }),
      `${INTERNAL}.type: is not where Traefik chart 40.1.0 reads the type of an additional Service, which is ${typePath} ` +
        '(unset, the Service is a ClusterIP, which kube-vip never gives a VIP): move the value there, e.g. LoadBalancer',
    );
  });
  test.each<[string, string, object]>([
    ['40.1.0, spec.type: LoadBalancer', V40, { spec: { type: 'LoadBalancer' }, annotations: VIP }],
    ['39.0.7, no type (the v39 chart default is LoadBalancer)', V39, { annotations: VIP }],
    ['39.0.7, type: LoadBalancer', V39, { type: 'LoadBalancer', annotations: VIP }],
    ['40.1.0, a ClusterIP with no VIP (in-cluster clients only)', V40, {}],
  ])('control: %s is accepted', (_, chartVersion, block) => {
    expectAccepted(traefikWith(chartVersion, block));
  });
  test('control: on 40.1.0 web exposed on a spec.type LoadBalancer Service only serves the Ingress', () => {
    expectAccepted(traefikWith(V40, { spec: { type: 'LoadBalancer' }, annotations: VIP }, true), { ingresses: [PLAIN] });
  });
});

describe('33b-3: before v40 an additional Service spec.type is not read, like the main Service one', () => {
  test.each([['ClusterIP'], ['LoadBalancer']])('spec.type: %s on 39.0.7 is refused', (type) => {
    expectRefused(
      traefikWith(V39, { spec: { type }, annotations: VIP }),
      `${INTERNAL}.spec.type: is not where Traefik chart 39.0.7 reads the type of an additional Service, which is ${INTERNAL}.type ` +
        '(unset, LoadBalancer): remove the key',
    );
  });
  test("control: the main Service's service.spec.type keeps its own message on 39.0.7", () => {
    const { errors } = doors({ chartVersion: V39, values: { service: { spec: { type: 'LoadBalancer' } } } });
    expect(errors).toContain(
      'traefik.values.service.spec.type: is not where Traefik chart 39.0.7 reads the Service type (this tool writes the type itself',
    );
  });
});

describe('33b-10: another loadBalancerClass on an additional LoadBalancer Service is refused, as on Traefik own', () => {
  const refusal = (key: string) =>
    `${INTERNAL}.${key}: is "other", not kube-vip's class (kube-vip.io/kube-vip-class), so kube-vip never gives ` +
    "Traefik's additional Service internal its VIP: remove the key";
  test.each<[string, string, object, string]>([
    ['39.0.7, loadBalancerClass', V39, { loadBalancerClass: 'other' }, 'loadBalancerClass'],
    ['39.0.7, spec.loadBalancerClass', V39, { spec: { loadBalancerClass: 'other' } }, 'spec.loadBalancerClass'],
    ['40.1.0, spec.loadBalancerClass', V40, { spec: { type: 'LoadBalancer', loadBalancerClass: 'other' } }, 'spec.loadBalancerClass'],
  ])('%s: refused', (_, chartVersion, block, key) => {
    expectRefused(traefikWith(chartVersion, { ...block, annotations: VIP }), refusal(key));
  });
  test.each<[string, string, object]>([
    ["39.0.7, kube-vip's own class", V39, { loadBalancerClass: 'kube-vip.io/kube-vip-class', annotations: VIP }],
    [
      "40.1.0, kube-vip's own class",
      V40,
      { spec: { type: 'LoadBalancer', loadBalancerClass: 'kube-vip.io/kube-vip-class' }, annotations: VIP },
    ],
  ])('control: %s is accepted', (_, chartVersion, block) => {
    expectAccepted(traefikWith(chartVersion, block));
  });
});

describe('33b-11: spec.loadBalancerIP next to the VIP annotation of an additional Service is a second VIP source', () => {
  const refusal =
    `${INTERNAL}.spec.loadBalancerIP: is a second VIP source next to ${INTERNAL}.annotations["kube-vip.io/loadbalancerIPs"], and ` +
    `kube-vip reads only one of them: remove the key and list the VIPs in ${INTERNAL}.annotations["kube-vip.io/loadbalancerIPs"]`;
  test.each<[string, string, object]>([
    [V39, V39, {}],
    [V40, V40, { type: 'LoadBalancer' }],
  ])('chart %s: refused', (_, chartVersion, spec) => {
    expectRefused(traefikWith(chartVersion, { annotations: VIP, spec: { ...spec, loadBalancerIP: '192.168.0.43' } }), refusal);
  });
  test('control: spec.loadBalancerIP alone on 40.1.0 is the VIP source and is accepted', () => {
    expectAccepted(traefikWith(V40, { spec: { type: 'LoadBalancer', loadBalancerIP: '192.168.0.43' } }));
  });
});

// Round 33b-13: up to v39 the chart's `default "LoadBalancer"` turns an empty type into LoadBalancer; from v40 an empty
// `spec.type` is no LoadBalancer (the API server defaults it to ClusterIP), and the message names it.
describe('33b-13: an empty additional Service type, per chart version', () => {
  const internal = (chartVersion: string, service: object) =>
    withTraefikValues(
      {
        ports: { websecure: { expose: { default: true, internal: true } } },
        service: { additionalServices: { internal: { ...service, annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.42' } } } },
      },
      { chartVersion },
    );
  test('39.0.7, type "": LoadBalancer, accepted', () => {
    expect(configErrors(internal('39.0.7', { type: '' }))).toEqual([]);
  });
  test('40.1.0, spec.type "": no VIP, refused, the type named', () => {
    expect(configErrors(internal('40.1.0', { spec: { type: '' } })).join('\n')).toContain(
      'a ClusterIP (an empty type), which kube-vip never gives a VIP',
    );
  });
});
