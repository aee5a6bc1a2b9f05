// Round 69 (attack69b 17, 11, 15, 6, 7): a Gateway route with Traefik's Gateway provider off is refused in
// extraObjects and in the App as in httpRoutes; a Gateway route that catches cert-manager's HTTP-01 challenge likewise;
// a v3 traefik.chartVersion beside a K3s release that bundles Traefik v2 is refused with what to write; a KEDA
// ScaledObject over Traefik is judged as the HorizontalPodAutoscaler it makes; Traefik on the node's network may not
// take embedded etcd's metrics port 2381 or the K3s cloud-controller-manager's 10258.
import { ApiObject, App, Chart } from 'cdk8s';
import { K3sVipCluster, TraefikGateway, TraefikHttpRoute } from '../src/index';
import { configErrors, devConfig, refusalOf, withChanges } from './helpers';

const UNSERVED = "which nothing serves while Traefik's Gateway API provider is off";
const CATCHES = "catches cert-manager's HTTP-01 challenge";
const V3_ON_V2 = 'is a Traefik v3 chart, but K3s';
const KEDA = "is a KEDA ScaledObject of Traefik's Deployment traefik";

const route = (parent: object, namespace = 'blog', kind = 'HTTPRoute', extra: object = {}) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind,
  metadata: { name: 'blog', namespace },
  spec: { parentRefs: [parent], hostnames: ['blog.example.com'], rules: [{ backendRefs: [{ name: 'blog', port: 80 }] }], ...extra },
});
const gatewayOf = (className: string, name = 'mine') => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name, namespace: 'kube-system' },
  spec: { gatewayClassName: className, listeners: [{ name: 'http', port: 8000, protocol: 'HTTP' }] },
});
const TOOL = { name: 'traefik', namespace: 'kube-system' };
const errorsOf = (traefik: object, extra: object = {}) => configErrors(withChanges(devConfig(), { traefik, ...extra })).join('\n');
const appRefusal = (props: object, siblings: (chart: Chart) => void) =>
  refusalOf(() => {
    const app = new App();
    new K3sVipCluster(app, 'dev', props as never);
    siblings(new Chart(app, 'm'));
    app.synthYaml();
  });

// 69b-17, YAML door: [case, traefik keys, refused]
const PROVIDER_OFF: Array<[string, object, boolean]> = [
  ["an HTTPRoute on the tool's Gateway", { values: { extraObjects: [route(TOOL)] } }, true],
  ['a GRPCRoute on it', { values: { extraObjects: [route(TOOL, 'blog', 'GRPCRoute')] } }, true],
  [
    "an HTTPRoute on the chart's own Gateway (traefik-gateway, namespace defaulted)",
    { values: { extraObjects: [route({ name: 'traefik-gateway' }, 'kube-system')] } },
    true,
  ],
  [
    "an HTTPRoute on an extraObjects Gateway of Traefik's class",
    { values: { extraObjects: [gatewayOf('traefik'), route({ name: 'mine', namespace: 'kube-system' })] } },
    true,
  ],
  [
    "an HTTPRoute on another controller's Gateway",
    { values: { extraObjects: [gatewayOf('cilium'), route({ name: 'mine', namespace: 'kube-system' })] } },
    false,
  ],
  ['the same route with traefik.gateway', { gateway: {}, values: { extraObjects: [route(TOOL, 'kube-system')] } }, false],
  [
    'the same route with the provider on in the values',
    { values: { providers: { kubernetesGateway: { enabled: true } }, extraObjects: [route(TOOL, 'kube-system')] } },
    false,
  ],
  ['a route on a Gateway of another name', { values: { extraObjects: [route({ name: 'other', namespace: 'kube-system' })] } }, false],
];

describe('69b-17: a Gateway route with the provider off, in extraObjects', () => {
  test.each(PROVIDER_OFF)('%s', (_, traefik, refused) => {
    const errors = errorsOf(traefik);
    if (refused) expect(errors).toContain(`traefik.values.extraObjects[`);
    if (refused) expect(errors).toContain(UNSERVED);
    else expect(errors).not.toContain(UNSERVED);
  });
  test('httpRoutes keeps its refusal, with the same way out', () => {
    const errors = errorsOf({}, { httpRoutes: [{ name: 'b', namespace: 'b', host: 'b.example.com', service: 'b', port: 80 }] });
    expect(errors).toContain("httpRoutes: need a Gateway to attach to: add `gateway: {}` under traefik, which turns on Traefik's");
  });
});

const httpRoute = (namespace: string, path = '/') => ({
  name: 'b',
  namespace,
  host: 'b.example.com',
  path,
  service: 'b',
  port: 80,
});

// 69b-17, App door: [case, K3sVipCluster traefik keys, siblings, refused]
const APP_PROVIDER_OFF: Array<[string, object, (chart: Chart) => void, boolean]> = [
  ['a TraefikHttpRoute', {}, (c) => new TraefikHttpRoute(c, 'r', httpRoute('b')), true],
  [
    'a TraefikGateway and a TraefikHttpRoute',
    {},
    (c) => {
      new TraefikGateway(c, 'g', {});
      new TraefikHttpRoute(c, 'r', httpRoute('b'));
    },
    true,
  ],
  [
    "a plain HTTPRoute on a Gateway of Traefik's class",
    {},
    (c) => {
      new ApiObject(c, 'g', gatewayOf('traefik'));
      new ApiObject(c, 'r', route({ name: 'mine', namespace: 'kube-system' }));
    },
    true,
  ],
  [
    "a plain HTTPRoute on another controller's Gateway",
    {},
    (c) => {
      new ApiObject(c, 'g', gatewayOf('cilium'));
      new ApiObject(c, 'r', route({ name: 'mine', namespace: 'kube-system' }));
    },
    false,
  ],
  ['a TraefikHttpRoute beside traefik.gateway', { gateway: {} }, (c) => new TraefikHttpRoute(c, 'r', httpRoute('kube-system')), false],
];

describe('69b-17: a Gateway route with the provider off, in the App', () => {
  test.each(APP_PROVIDER_OFF)('%s', (_, traefik, siblings, refused) => {
    const props = withChanges(devConfig(), { traefik });
    const refusal = appRefusal(props, siblings);
    if (refused) expect(refusal).toContain(UNSERVED);
    else expect(refusal).not.toContain(UNSERVED);
  });
});

// 69b-11: a Gateway, an HTTP-01 issuer, an Ingress of shop.example.com with it.
const http01 = () =>
  withChanges(devConfig(), {
    traefik: { loadBalancerIPs: ['192.168.0.41'], gateway: {}, externalCertResolvers: undefined },
    certManager: { issuers: { le: { email: 'a@example.com' } } },
    ingresses: [
      { name: 'shop', namespace: 'default', host: 'shop.example.com', path: '/', service: 'shop', port: 80, tls: { issuer: 'le' } },
    ],
  });
const catcher = (path: string, hostnames = ['shop.example.com'], namespace = 'kube-system') => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'catch', namespace },
  spec: {
    parentRefs: [{ name: 'traefik', namespace: 'kube-system', sectionName: 'http' }],
    hostnames,
    rules: [{ matches: [{ path: { type: 'PathPrefix', value: path } }], backendRefs: [{ name: 'x', port: 80 }] }],
  },
});

// [case, extraObjects route, refused]
const CHALLENGE_EXTRA: Array<[string, object, boolean]> = [
  ['/.well-known/acme-challenge on the host', catcher('/.well-known/acme-challenge'), true],
  ['/.well-known on the host', catcher('/.well-known'), true],
  ['no hostnames: every host', catcher('/.well-known/acme-challenge', []), true],
  ['/shop on the host', catcher('/shop'), false],
  ['/.well-known on another host', catcher('/.well-known', ['other.example.com']), false],
];

describe('69b-11: a Gateway route that catches the HTTP-01 challenge, in extraObjects', () => {
  test.each(CHALLENGE_EXTRA)('%s', (_, item, refused) => {
    const config = withChanges(http01(), { traefik: { values: { extraObjects: [item] } } });
    const errors = configErrors(config).join('\n');
    if (refused) expect(errors).toContain(`traefik.values.extraObjects[0].spec.rules[0]`);
    if (refused) expect(errors).toContain(CATCHES);
    else expect(errors).not.toContain(CATCHES);
  });
});

// [case, siblings, refused]
const CHALLENGE_APP: Array<[string, (chart: Chart) => void, boolean]> = [
  ['a plain HTTPRoute at the challenge', (c) => new ApiObject(c, 'r', catcher('/.well-known/acme-challenge')), true],
  [
    'a TraefikHttpRoute at the challenge',
    (c) => new TraefikHttpRoute(c, 'r', { ...httpRoute('kube-system', '/.well-known'), host: 'shop.example.com' }),
    true,
  ],
  ['a plain HTTPRoute at /shop', (c) => new ApiObject(c, 'r', catcher('/shop')), false],
  [
    'a plain HTTPRoute in a namespace the Gateway does not admit',
    (c) => new ApiObject(c, 'r', catcher('/.well-known/acme-challenge', ['shop.example.com'], 'other')),
    false,
  ],
];

describe('69b-11: a Gateway route that catches the HTTP-01 challenge, in the App', () => {
  test.each(CHALLENGE_APP)('%s', (_, siblings, refused) => {
    const refusal = appRefusal(http01(), siblings);
    if (refused) expect(refusal).toContain(CATCHES);
    else expect(refusal).not.toContain(CATCHES);
  });
});

// 69b-15: [k3s.version, traefik.chartVersion, refused, what the refusal says to write ('' none)]
const MAJORS: Array<[string, string, boolean, string]> = [
  ['v1.30.0+k3s1', '39.0.7', true, 'write chartVersion: 27.0.2'],
  ['v1.32.0+k3s1', '34.2.0', true, 'write chartVersion: 27.0.2'],
  ['v1.31.4+k3s1', '28.0.0', true, 'or use K3s v1.32.2+k3s1 or newer'],
  ['v1.31.4+k3s1', '27.0.2', false, ''],
  ['v1.30.0+k3s1', '26.1.0', false, ''],
  ['v1.32.2+k3s1', '39.0.7', false, ''],
  ['v1.35.2+k3s1', '39.0.2', false, ''],
];

describe('69b-15: a v3 chartVersion beside a K3s that bundles Traefik v2', () => {
  test.each(MAJORS)('K3s %s, chart %s', (k3s, chartVersion, refused, write) => {
    const config = withChanges(devConfig(), { k3s: { version: k3s }, traefik: { chartVersion } });
    const errors = configErrors(config).join('\n');
    if (refused) expect(errors).toContain(`traefik.chartVersion: "${chartVersion}" ${V3_ON_V2} ${k3s} bundles Traefik v2`);
    if (write) expect(errors).toContain(write);
    if (!refused) expect(errors).not.toContain(V3_ON_V2);
  });
  test('the construct door refuses it too, and no warning repeats it', () => {
    const props = withChanges(devConfig(), { k3s: { version: 'v1.32.0+k3s1' }, traefik: { chartVersion: '34.2.0' } });
    const refusal = refusalOf(() => new K3sVipCluster(new App(), 'c', props));
    expect(refusal).toContain(V3_ON_V2);
    expect(refusal).not.toContain('is not the Traefik chart K3s');
  });
});

// 69b-6: [case, item, refused]
const scaled = (target: object, namespace = 'kube-system') => ({
  apiVersion: 'keda.sh/v1alpha1',
  kind: 'ScaledObject',
  metadata: { name: 'traefik', namespace },
  spec: {
    scaleTargetRef: target,
    minReplicaCount: 1,
    maxReplicaCount: 3,
    triggers: [{ type: 'cpu', metricType: 'Utilization', metadata: { value: '60' } }],
  },
});
const KEDA_ROWS: Array<[string, object, boolean]> = [
  ['ScaledObject of traefik (kind defaulted)', scaled({ name: 'traefik' }), true],
  ['ScaledObject of Deployment traefik', scaled({ kind: 'Deployment', name: 'traefik' }), true],
  ['ScaledObject of another Deployment', scaled({ name: 'frontend' }), false],
  ['ScaledObject of traefik in another namespace', scaled({ name: 'traefik' }, 'default'), false],
  ['ScaledObject of a StatefulSet traefik', scaled({ kind: 'StatefulSet', name: 'traefik' }), false],
];

describe('69b-6: a KEDA ScaledObject over Traefik', () => {
  test.each(KEDA_ROWS)('extraObjects: %s', (_, item, refused) => {
    const errors = errorsOf({ certResolvers: { le: { email: 'a@example.com' } }, values: { extraObjects: [item] } });
    if (refused) expect(errors).toContain(`traefik.values.extraObjects[0]: ${KEDA}`);
    else expect(errors).not.toContain('KEDA ScaledObject');
  });
  test('in the App', () => {
    const props = withChanges(devConfig(), { traefik: { certResolvers: { le: { email: 'a@example.com' } } } });
    expect(appRefusal(props, (c) => new ApiObject(c, 'k', scaled({ name: 'traefik' })))).toContain(KEDA);
  });
});

// 69b-7: [case, values, the port's owner named in the refusal ('' passes)]
const PORTS: Array<[string, object, string]> = [
  [
    'hostNetwork on 2381',
    { hostNetwork: true, ports: { foo: { port: 2381, expose: { default: false } } } },
    "embedded etcd's metrics port",
  ],
  [
    'hostNetwork on 10258',
    { hostNetwork: true, ports: { foo: { port: 10258, expose: { default: false } } } },
    "the K3s cloud-controller-manager's port",
  ],
  ['hostPort 2381', { ports: { web: { hostPort: 2381 } } }, "embedded etcd's metrics port"],
  ['hostNetwork on 2382', { hostNetwork: true, ports: { foo: { port: 2382, expose: { default: false } } } }, ''],
  ['hostNetwork on 10260', { hostNetwork: true, ports: { foo: { port: 10260, expose: { default: false } } } }, ''],
];

describe("69b-7: Traefik on the node's network on K3s' loopback ports", () => {
  test.each(PORTS)('%s', (_, values, owner) => {
    const errors = errorsOf({ values });
    if (owner) expect(errors).toContain(`${owner}, on 127.0.0.1 of every K3s server: pick another port`);
    else expect(errors).not.toMatch(/metrics port|cloud-controller/);
  });
});
