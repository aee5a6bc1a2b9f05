import { App } from 'cdk8s';
import { chart, configErrors, devConfig, DUAL_STACK_NETWORKS, judgeConfig, thrown, withChanges, withTraefikValues } from './helpers';
import { K3sVipCluster, TraefikHelmChartConfig, TraefikHelmChartConfigProps } from '../src/index';

/**
 * Attack round 4, A11-A17: values of `traefik.values` (and flags) judged on what the chart deploys, the same
 * way through a config file, K3sVipCluster and TraefikHelmChartConfig, each message naming the key that did it.
 */
const construct = (props: TraefikHelmChartConfigProps) => () => new TraefikHelmChartConfig(chart(), 't', props);
/** `expected` undefined: no error at all. */
/** The cluster without a node inventory, so the networks alone settle the families. */
const networksOnly = (networks: object = {}) =>
  withChanges(devConfig(), { k3s: { servers: undefined, tokenFile: undefined, ...networks } });
const pool = () =>
  withChanges(devConfig(), {
    traefik: { loadBalancerIPs: undefined },
    kubeVip: { services: { ipPool: { global: { range: '192.168.0.200-192.168.0.210' } } } },
  });

describe('A11: deployment.kind other than exactly Deployment or DaemonSet deploys no Traefik', () => {
  const refusal = (kind: string) =>
    `t.yaml: traefik.values.deployment.kind: is ${JSON.stringify(kind)}, but the chart renders Traefik only`;
  test.each<[string, string | undefined]>([
    ['daemonset', refusal('daemonset')],
    ['deployment', refusal('deployment')],
    ['StatefulSet', refusal('StatefulSet')],
    ['Deployment ', refusal('Deployment ')],
    ['Deployment', undefined],
    ['DaemonSet', undefined],
  ])('%j', (kind, expected) => judgeConfig(withTraefikValues({ deployment: { kind } }), expected));

  test('TraefikHelmChartConfig and K3sVipCluster refuse it too', () => {
    expect(thrown(construct({ values: { deployment: { kind: 'daemonset' } } })).message).toContain(
      'values.deployment.kind is "daemonset", but the chart renders Traefik only',
    );
    expect(thrown(() => new K3sVipCluster(new App(), 'lab', withTraefikValues({ deployment: { kind: 'daemonset' } }))).message).toContain(
      'traefik.values.deployment.kind: is "daemonset"',
    );
  });
});

describe("A12: values the chart's own templates fail on, per chart version", () => {
  const latest = 't.yaml: traefik.values.image.tag: is "latest", which Traefik chart';
  const tooOld = (tag: string, chartVersion: string, minimum: string) =>
    `t.yaml: traefik.values.image.tag: is "${tag}", but Traefik chart ${chartVersion} renders only Traefik v${minimum} or newer`;
  test.each<[string, string, string | undefined]>([
    ['latest', '27.0.2', latest],
    ['latest', '41.3.0', latest],
    ['v2.11.0', '27.0.2', undefined],
    ['v2.11.0', '28.0.0', tooOld('v2.11.0', '28.0.0', '3.0.0')],
    ['v2.11.0', '37.1.0', tooOld('v2.11.0', '37.1.0', '3.0.0')],
    ['v2.11.0@sha256:0123', '37.1.0', tooOld('v2.11.0@sha256:0123', '37.1.0', '3.0.0')],
    ['v3.0.0', '39.0.7', undefined],
    ['v3.5.9', '39.0.7', undefined],
    ['v3.5.9', '40.0.0', tooOld('v3.5.9', '40.0.0', '3.6.0')],
    ['v3.6.0', '40.0.0', undefined],
    ['3.6.2', '41.3.0', undefined],
    ['v2.11', '28.0.0', tooOld('v2.11', '28.0.0', '3.0.0')],
    ['latest-v2.11.0', '39.0.7', tooOld('latest-v2.11.0', '39.0.7', '3.0.0')],
    ['v02.011.00000000000', '39.0.7', tooOld('v02.011.00000000000', '39.0.7', '3.0.0')],
    ['latest@sha256:0123', '27.0.2', undefined],
    ['latest@sha256:0123', '39.0.7', 'is "latest@sha256:0123", which names no Traefik release'],
    ['nightly', '27.0.2', undefined],
    ['nightly', '28.0.0', 't.yaml: traefik.values.image.tag: is "nightly", which names no Traefik release, and Traefik chart 28.0.0'],
    ['experimental-v3.0', '39.0.7', undefined],
  ])('image.tag %s on chart %s', (tag, chartVersion, expected) =>
    judgeConfig(withTraefikValues({ image: { tag } }, { chartVersion }), expected),
  );

  // 81b-4: versionOverride changes only what the chart's templates believe; the pod still runs image.tag (attack80-pv81).
  test.each<[string, object]>([['a Traefik Hub image', { hub: { enabled: true } }]])(
    'the chart reads the version from %s, not the tag',
    (_, v) => {
      expect(configErrors(withTraefikValues({ image: { tag: 'v2.11.0' }, ...v }, { chartVersion: '39.0.7' })).join('\n')).not.toContain(
        'renders only Traefik',
      );
    },
  );

  const removed = 't.yaml: traefik.values.ports.web.redirectTo: is set, but Traefik chart';
  test.each<[string, string | undefined]>([
    ['33.2.1', undefined],
    ['34.0.0', `${removed} 34.0.0 fails on it`],
    ['37.4.0', `${removed} 37.4.0 fails on it`],
  ])('ports.web.redirectTo on chart %s', (chartVersion, expected) =>
    judgeConfig(withTraefikValues({ ports: { web: { redirectTo: { port: 'websecure' } } } }, { chartVersion }), expected),
  );

  const hostNetwork = 'but a DaemonSet with hostNetwork cannot start a new pod before the old one frees its ports';
  test.each<[string, unknown, string | undefined]>([
    [
      'a DaemonSet on the chart default',
      { deployment: { kind: 'DaemonSet' }, hostNetwork: true },
      "t.yaml: traefik.values.hostNetwork: is true, and the chart's default updateStrategy.rollingUpdate.maxUnavailable is 0, " +
        hostNetwork,
    ],
    [
      'a DaemonSet with maxUnavailable 0 written',
      { deployment: { kind: 'DaemonSet' }, hostNetwork: true, updateStrategy: { rollingUpdate: { maxUnavailable: 0 } } },
      `t.yaml: traefik.values.updateStrategy.rollingUpdate.maxUnavailable: is 0, ${hostNetwork}`,
    ],
    [
      'a DaemonSet with maxUnavailable 1',
      { deployment: { kind: 'DaemonSet' }, hostNetwork: true, updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } },
      undefined,
    ],
    [
      'a DaemonSet with a percentage (not judged by the chart)',
      { deployment: { kind: 'DaemonSet' }, hostNetwork: true, updateStrategy: { rollingUpdate: { maxUnavailable: '50%', maxSurge: 0 } } },
      undefined,
    ],
    ['a Deployment with hostNetwork', { hostNetwork: true }, undefined],
    ['a DaemonSet without hostNetwork', { deployment: { kind: 'DaemonSet' } }, undefined],
  ])('%s', (_, v, expected) => judgeConfig(withTraefikValues(v), expected));

  test('TraefikHelmChartConfig refuses them too', () => {
    expect(thrown(construct({ values: { image: { tag: 'latest' } } })).message).toContain('values.image.tag is "latest"');
    expect(thrown(construct({ chartVersion: '37.1.0', values: { image: { tag: 'v2.11.0' } } })).message).toContain(
      'values.image.tag is "v2.11.0", but Traefik chart 37.1.0 renders only Traefik v3.0.0 or newer',
    );
  });
});

describe('A13: IP families written in values meet the same family rule as the VIPs', () => {
  const require = 'is RequireDualStack, so Traefik\'s Service requires both families, but k3s.serviceCidr "10.43.0.0/16" is IPv4 only';
  test.each<[string, unknown, string | undefined]>([
    [
      'service.ipFamilyPolicy on an IPv4 cluster',
      withTraefikValues({ service: { ipFamilyPolicy: 'RequireDualStack' } }),
      `traefik.values.service.ipFamilyPolicy: ${require}`,
    ],
    [
      'service.spec.ipFamilyPolicy on chart 40',
      withTraefikValues({ service: { spec: { ipFamilyPolicy: 'RequireDualStack' } } }, { chartVersion: '40.3.0' }),
      `traefik.values.service.spec.ipFamilyPolicy: ${require}`,
    ],
    [
      'RequireDualStack on a dual-stack cluster',
      withTraefikValues({ service: { ipFamilyPolicy: 'RequireDualStack' } }, {}, networksOnly(DUAL_STACK_NETWORKS)),
      undefined,
    ],
    ['PreferDualStack on an IPv4 cluster', withTraefikValues({ service: { ipFamilyPolicy: 'PreferDualStack' } }), undefined],
    [
      'a policy the API server does not know',
      withTraefikValues({ service: { spec: { ipFamilyPolicy: 'DualStack' } } }),
      'traefik.values.service.spec.ipFamilyPolicy: is "DualStack": expected SingleStack',
    ],
    [
      'ipFamilies [IPv6] on an IPv4 cluster',
      withTraefikValues({ service: { ipFamilies: ['IPv6'] } }),
      'traefik.values.service.ipFamilies: lists IPv6, but k3s.serviceCidr "10.43.0.0/16" is IPv4 only',
    ],
    ['ipFamilies [IPv4] on an IPv4 cluster', withTraefikValues({ service: { ipFamilies: ['IPv4'] } }), undefined],
    [
      'ipFamilies [IPv6] with an IPv4 VIP on a dual-stack cluster',
      withTraefikValues({ service: { ipFamilies: ['IPv6'] } }, {}, networksOnly(DUAL_STACK_NETWORKS)),
      'traefik.values.service.ipFamilies: is ["IPv6"], but Traefik\'s VIP "192.168.0.41" (traefik.loadBalancerIPs[0]) is IPv4',
    ],
    [
      'both families on a dual-stack cluster',
      withTraefikValues(
        { service: { ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv6'] } },
        {},
        networksOnly(DUAL_STACK_NETWORKS),
      ),
      undefined,
    ],
    [
      'ipFamilies not a family list',
      withTraefikValues({ service: { ipFamilies: ['IPv5'] } }),
      'traefik.values.service.ipFamilies: is ["IPv5"]: expected a list of one or two of IPv4, IPv6',
    ],
    [
      "an additional Service's policy",
      withTraefikValues({
        ports: { web: { expose: { default: true, internal: true } } },
        service: { additionalServices: { internal: { spec: { ipFamilyPolicy: 'RequireDualStack' } } } },
      }),
      "traefik.values.service.additionalServices.internal.spec.ipFamilyPolicy: is RequireDualStack, so Traefik's additional Service internal",
    ],
  ])('%s', (_, config, expected) => judgeConfig(config, expected));
});

describe("A13 through TraefikHelmChartConfig, on K3s' default Service network unless networks gives one (61b-1)", () => {
  const dualStack = { clusterCidr: '10.42.0.0/16,fd00:42::/56', serviceCidr: '10.43.0.0/16,fd00:43::/112' };
  test.each<[string, TraefikHelmChartConfigProps, string | undefined]>([
    [
      'an unknown policy',
      { values: { service: { ipFamilyPolicy: 'Dual' } } },
      'values.service.ipFamilyPolicy is "Dual": expected SingleStack',
    ],
    [
      'ipFamilies without the VIP family, on a dual-stack network',
      { loadBalancerIPs: ['192.168.0.41'], networks: dualStack, values: { service: { ipFamilies: ['IPv6'] } } },
      'values.service.ipFamilies is ["IPv6"], but Traefik\'s VIP "192.168.0.41" (loadBalancerIPs[0]) is IPv4',
    ],
    [
      'an IPv6 family on the default IPv4-only network',
      { loadBalancerIPs: ['192.168.0.41'], values: { service: { ipFamilies: ['IPv6'] } } },
      'values.service.ipFamilies lists IPv6, but networks.serviceCidr "10.43.0.0/16" is IPv4 only',
    ],
    [
      'RequireDualStack on the default IPv4-only network',
      { values: { service: { ipFamilyPolicy: 'RequireDualStack' } } },
      'values.service.ipFamilyPolicy is RequireDualStack, so Traefik\'s Service requires both families, but networks.serviceCidr "10.43.0.0/16" is IPv4 only',
    ],
    [
      'RequireDualStack on a dual-stack network',
      { networks: dualStack, values: { service: { ipFamilyPolicy: 'RequireDualStack' } } },
      undefined,
    ],
    ['ipFamilies with the VIP family', { loadBalancerIPs: ['192.168.0.41'], values: { service: { ipFamilies: ['IPv4'] } } }, undefined],
  ])('%s', (_, props, expected) => {
    if (expected) expect(thrown(construct(props)).message).toContain(expected);
    else expect(construct(props)).not.toThrow();
  });
});

describe('A14: LoadBalancer Services in extraObjects are refused, pointing at the key that declares Services', () => {
  const service = (spec: object, kind = 'Service') => ({ apiVersion: 'v1', kind, metadata: { name: 'evil', namespace: 'default' }, spec });
  const refused = 't.yaml: traefik.values.extraObjects[0]: is LoadBalancer Service default/evil, which kube-vip would serve';
  test.each<[string, unknown, string | undefined]>([
    ['a LoadBalancer Service', service({ type: 'LoadBalancer', ports: [{ port: 80 }] }), refused],
    ["one with kube-vip's class", service({ type: 'LoadBalancer', loadBalancerClass: 'kube-vip.io/kube-vip-class' }), refused],
    [
      'a template text',
      '{apiVersion: v1, kind: Service, metadata: {name: x}, spec: {type: LoadBalancer}}',
      // Read as the object it renders to, so the message names the Service (attack 14).
      'traefik.values.extraObjects[0]: is LoadBalancer Service x,',
    ],
    [
      'one for another controller',
      service({ type: 'LoadBalancer', loadBalancerClass: 'example.com/other', ports: [{ port: 80 }] }),
      undefined,
    ],
    [
      'a template text of a ServiceAccount',
      '{apiVersion: v1, kind: ServiceAccount, metadata: {name: x, labels: {type: LoadBalancer}}}',
      undefined,
    ],
    ['a ClusterIP Service', service({ type: 'ClusterIP', ports: [{ port: 80 }] }), undefined],
    ['a ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'b' } }, undefined],
  ])('%s', (_, item, expected) => judgeConfig(withTraefikValues({ extraObjects: [item] }), expected));

  test('the message ends with loadBalancers[] in a config, a LoadBalancerService construct for TraefikHelmChartConfig', () => {
    expect(configErrors(withTraefikValues({ extraObjects: [service({ type: 'LoadBalancer' })] })).join()).toContain(
      'declare it in loadBalancers[] instead',
    );
    expect(thrown(construct({ values: { extraObjects: [service({ type: 'LoadBalancer' })] } })).message).toContain(
      'declare it in a LoadBalancerService construct instead',
    );
  });
});

describe('A15: an Ingress may name a resolver Traefik defines, whichever key defines it', () => {
  const ingress = (certResolver: string, v: unknown) =>
    withChanges(devConfig(), {
      traefik: { externalCertResolvers: [], values: v },
      ingresses: [{ name: 'web', host: 'web.example.com', service: 'web', port: 80, tls: { certResolver } }],
    });
  const acme = { acme: { email: 'ops@example.com', storage: '/data/acme.json', tlsChallenge: true } };
  const undefinedResolver = (name: string) => `t.yaml: ingresses[0].tls.certResolver: "${name}" is not defined`;
  test.each<[string, string, unknown, string | undefined]>([
    ['values.certificatesResolvers', 'myres', { certificatesResolvers: { myres: acme }, persistence: { enabled: true } }, undefined],
    [
      'another name than the values define',
      'other',
      { certificatesResolvers: { myres: acme }, persistence: { enabled: true } },
      undefinedResolver('other'),
    ],
    [
      'an ACME flag',
      'flagres',
      {
        additionalArguments: [
          '--certificatesresolvers.flagres.acme.email=ops@example.com',
          '--certificatesresolvers.flagres.acme.tlschallenge',
        ],
      },
      undefined,
    ],
    ['a flag of a resolver that is not ACME', 'ts', { additionalArguments: ['--certificatesresolvers.ts.tailscale=true'] }, undefined],
    ['no resolver at all', 'myres', {}, undefinedResolver('myres')],
  ])('%s', (_, name, v, expected) => judgeConfig(ingress(name, v), expected));
});

describe('A16: trusted networks that together cover every address are refused like /0', () => {
  const local = (trustedProxies: string[]) => withChanges(devConfig(), { traefik: { externalTrafficPolicy: 'Local', trustedProxies } });
  test.each<[string[], string | undefined]>([
    [['0.0.0.0/1', '128.0.0.0/1'], 't.yaml: traefik.trustedProxies: together (0.0.0.0/1, 128.0.0.0/1) trust every IPv4 address'],
    [['0.0.0.0/2', '128.0.0.0/1', '64.0.0.0/2'], 'together (0.0.0.0/2, 64.0.0.0/2, 128.0.0.0/1) trust every IPv4 address'],
    [['0.0.0.0/1', '64.0.0.0/2', '128.0.0.0/1'], 'trust every IPv4 address'],
    [['::/1', '8000::/1'], 'together (::/1, 8000::/1) trust every IPv6 address'],
    [['0.0.0.0/1', '128.0.0.0/2'], undefined],
    [['0.0.0.0/1', '192.0.0.0/2', '128.0.0.1'], undefined],
    [['::/1', '8000::/2'], undefined],
  ])('%j', (list, expected) => judgeConfig(local(list), expected));

  test('values trustedIPs and TraefikHelmChartConfig are judged the same way', () => {
    judgeConfig(
      withTraefikValues(
        { ports: { web: { forwardedHeaders: { trustedIPs: ['0.0.0.0/1', '128.0.0.0/1'] } } } },
        { externalTrafficPolicy: 'Local' },
      ),
      'traefik.values.ports.web.forwardedHeaders.trustedIPs: together (0.0.0.0/1, 128.0.0.0/1) trust every IPv4 address',
    );
    judgeConfig(
      withTraefikValues(
        { additionalArguments: ['--entrypoints.websecure.forwardedheaders.trustedips=::/1,8000::/1'] },
        { externalTrafficPolicy: 'Local' },
      ),
      'traefik.values.additionalArguments[0]: together (::/1, 8000::/1) trust every IPv6 address',
    );
    expect(thrown(construct({ externalTrafficPolicy: 'Local', trustedProxies: ['0.0.0.0/1', '128.0.0.0/1'] })).message).toContain(
      'trustedProxies together (0.0.0.0/1, 128.0.0.0/1) trust every IPv4 address',
    );
  });

  test('the IPv4-mapped every-address block is refused without suggesting 0.0.0.0/0; a smaller one still gets its IPv4 spelling', () => {
    const mapped = configErrors(local(['::ffff:0.0.0.0/96'])).join('\n');
    expect(mapped).toContain('traefik.trustedProxies[0]: "::ffff:0.0.0.0/96" holds every IPv4 address');
    expect(mapped).not.toContain('write "0.0.0.0/0"');
    expect(configErrors(local(['::ffff:10.0.0.0/104'])).join('\n')).toContain('write "10.0.0.0/8"');
  });
});

describe("A17: Traefik's listeners taken off its Services while Ingresses need them; a misspelt VIP annotation", () => {
  const plain = { name: 'plain', host: 'plain.example.com', service: 'web', port: 80 };
  const withPlain = (v: unknown, traefik: object = {}) => withChanges(withTraefikValues(v, traefik), { ingresses: [plain] });
  test.each<[string, unknown, string | undefined]>([
    [
      'websecure off the Service with a TLS Ingress',
      withTraefikValues({ ports: { websecure: { expose: { default: false } } } }),
      't.yaml: traefik.values.ports.websecure.expose: takes entrypoint websecure off every Service, so ingresses[0] (https://k3s.code-place-dev.site)',
    ],
    ['web off the Service with TLS Ingresses only', withTraefikValues({ ports: { web: { expose: { default: false } } } }), undefined],
    [
      'web off the Service with a plain-HTTP Ingress',
      withPlain({ ports: { web: { expose: { default: false } } } }),
      't.yaml: traefik.values.ports.web.expose: takes entrypoint web off every Service, so ingresses[0] (http://plain.example.com)',
    ],
    [
      'web off the Service on chart 27 (a boolean)',
      withPlain({ ports: { web: { expose: false } } }, { chartVersion: '27.0.2' }),
      'traefik.values.ports.web.expose: takes entrypoint web off every Service',
    ],
    [
      'websecure on an additional Service only',
      withTraefikValues({
        ports: { websecure: { expose: { default: false, internal: true } } },
        service: { additionalServices: { internal: { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.42' } } } },
      }),
      undefined,
    ],
  ])('%s', (_, config, expected) => judgeConfig(config, expected));

  const annotated = (key: string) => withChanges(pool(), { traefik: { values: { service: { annotations: { [key]: '192.168.0.45' } } } } });
  test.each<[string, boolean]>([
    ['kube-vip.io/loadBalancerIPs', true],
    ['kube-vip.io/LoadBalancerIPs', true],
    ['kube-vip.io/loadbalancerips', true],
    ['kube-vip.io/loadbalancerIP', true],
    ['kube_vip.io/loadbalancerIPs', true],
    ['kube-vip.io/loadbalancerIPs', false],
    ['kube-vip.io/loadbalancerHostname', false],
    ['example.com/loadbalancerIPs', false],
  ])('%s on a Service: refused %s', (key, refused) => {
    const errors = configErrors(annotated(key)).join('\n');
    if (refused) {
      expect(errors).toContain(
        `traefik.values.service.annotations["${key}"]: is not an annotation kube-vip reads (it matches the name exactly), ` +
          "so Traefik's Service gets no VIP from it: did you mean kube-vip.io/loadbalancerIPs?",
      );
    } else expect(errors).not.toContain('did you mean kube-vip.io/loadbalancerIPs');
  });

  test('TraefikHelmChartConfig refuses a misspelt annotation too', () => {
    expect(
      thrown(construct({ values: { service: { annotations: { 'kube-vip.io/loadBalancerIPs': '192.168.0.45' } } } })).message,
    ).toContain('did you mean kube-vip.io/loadbalancerIPs?');
  });
});
