import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster } from '../src/index';
import { devConfig, judgedValues, refusalOf, valuesDoors, withChanges } from './helpers';

/**
 * Round-50 findings 50b-3, 50a-10, 50a-11 (Traefik's own Service, its additionalServices and extraObjects Services held
 * to the API server's Service rules), 50b-6 (a too-old chartVersion hides nothing that does not depend on the chart)
 * and 50b-8 (messages). Each refused row names the key and what is said there; one config per door holds them all.
 */
const refused: ReadonlyArray<[string, string]> = [
  ['service.annotations["bad key"]', 'is not a valid annotation key: "bad key" is not a valid key'],
  ['service.annotations["a/b/c"]', 'is not a valid annotation key'],
  ['service.annotations["UPPER.COM/x"]', 'is not a valid annotation key'],
  ['service.spec.ipFamilies', 'is ["IPv4","IPv4"], and the API server refuses a family listed twice'],
  ['service.spec.sessionAffinityConfig.clientIP.timeoutSeconds', 'is 0; the API server expects a whole number of seconds from 1 to 86400'],
  ['service.additionalServices.internal.annotations["bad key!"]', 'is not a valid annotation key'],
  ['service.additionalServices.internal.spec.sessionAffinityConfig', 'is set, but sessionAffinity is None'],
  ['service.additionalServices.internal.spec.ipFamilies', 'refuses a family listed twice'],
  ['service.additionalServices.internal.spec.externalTrafficPolicy', 'is set on a Service of type ClusterIP without externalIPs'],
];
const bad = {
  ports: { web: { expose: { internal: true } } },
  service: {
    annotations: { 'bad key': 'y', 'a/b/c': 'z', 'UPPER.COM/x': 'z', 'example.com/fine': 'z' },
    spec: { ipFamilies: ['IPv4', 'IPv4'], sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } },
    additionalServices: {
      internal: {
        type: 'ClusterIP',
        annotations: { 'bad key!': 'x' },
        spec: {
          type: 'ClusterIP',
          sessionAffinityConfig: { clientIP: { timeoutSeconds: 100 } },
          ipFamilies: ['IPv4', 'IPv4'],
          externalTrafficPolicy: 'Local',
        },
      },
    },
  },
};

/** The errors of the reference config with `traefik` patched, each `key.path: message`. */
const errorsOf = (traefik: object) =>
  parseConfigText('config/t.yaml', stringify(withChanges(devConfig(), { traefik })))
    .errors.map((d) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, ''))
    .join('\n');
const lineAt = (errors: string, key: string) => errors.split('\n').find((l) => l.startsWith(`${key}: `)) ?? `(nothing at ${key})`;

describe("50b-3, 50a-10, 50a-11: Traefik's Service values are held to the API server's Service rules", () => {
  const byVersion = new Map(['39.0.7', '41.3.0'].map((version) => [version, judgedValues(bad, version).errors.join('\n')]));
  const chartProps = valuesDoors.chart(bad);
  test.each(refused)('%s: %s', (key, said) => {
    for (const errors of byVersion.values()) expect(lineAt(errors, `traefik.values.${key}`)).toContain(said);
    expect(chartProps).toContain(`values.${key}`);
  });
  test('a valid annotation key beside them is not refused', () => {
    for (const errors of byVersion.values()) expect(errors).not.toContain('example.com/fine');
  });
  test('up to chart v39: two families in the top-level service.ipFamilies under ipFamilyPolicy SingleStack', () => {
    const errors = judgedValues({ service: { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4', 'IPv6'] } }, '39.0.7').errors.join('\n');
    expect(lineAt(errors, 'traefik.values.service.ipFamilies')).toContain('lists two families, but ipFamilyPolicy is SingleStack');
  });
  test('healthCheckNodePort outside the node-port range, with externalTrafficPolicy Local', () => {
    const errors = errorsOf({
      loadBalancerIPs: ['192.168.0.41'],
      externalTrafficPolicy: 'Local',
      values: { service: { spec: { healthCheckNodePort: 80 } } },
    });
    expect(lineAt(errors, 'traefik.values.service.spec.healthCheckNodePort')).toContain(
      'is 80, outside the node-port range 30000 to 32767',
    );
  });
  test('an extraObjects Service gets the same rules', () => {
    const item = (name: string, spec: object) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'default' },
      spec: { ports: [{ port: 80 }], ...spec },
    });
    const extraObjects = [
      item('dup', { ipFamilies: ['IPv4', 'IPv4'] }),
      item('single', { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4', 'IPv6'] }),
      item('long', { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 999999 } } }),
      item('none', { sessionAffinityConfig: { clientIP: { timeoutSeconds: 100 } } }),
      item('health', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 80 }),
      item('policy', { externalTrafficPolicy: 'Cluster' }),
      item('class', { loadBalancerClass: 'kube-vip.io/kube-vip-class' }),
      item('no-name', { type: 'ExternalName' }),
      item('cname', { type: 'ExternalName', externalName: 'Bad_Name', clusterIP: '10.43.0.9' }),
      item('good', {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 30123,
        ipFamilyPolicy: 'PreferDualStack',
        // IPv4 only: the test cluster's Service network has no IPv6 block, which the API server refuses (62b-5).
        ipFamilies: ['IPv4'],
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 86400 } },
      }),
      item('fqdn', { type: 'ExternalName', externalName: 'db.example.com.' }),
    ];
    const errors = judgedValues({ extraObjects }, '41.3.0').errors.join('\n');
    expect(errors).toContain('traefik.values.extraObjects[0].spec.ipFamilies[1]: is "IPv4" a second time');
    expect(errors).toContain('traefik.values.extraObjects[1].spec.ipFamilies: lists two families, but ipFamilyPolicy is SingleStack');
    expect(errors).toContain('traefik.values.extraObjects[2].spec.sessionAffinityConfig.clientIP.timeoutSeconds: is 999999');
    expect(errors).toContain('traefik.values.extraObjects[3].spec.sessionAffinityConfig: is set, but sessionAffinity is None');
    expect(errors).toContain('traefik.values.extraObjects[4].spec.healthCheckNodePort: is 80, outside the node-port range');
    expect(errors).toContain('traefik.values.extraObjects[5].spec.externalTrafficPolicy: is set on a Service of type ClusterIP');
    expect(errors).toContain('traefik.values.extraObjects[6].spec.loadBalancerClass: is set on a Service of type ClusterIP');
    expect(errors).toContain('traefik.values.extraObjects[7].spec: is an ExternalName Service without externalName');
    expect(errors).toContain('traefik.values.extraObjects[8].spec.externalName: is not a DNS name');
    expect(errors).toContain('traefik.values.extraObjects[8].spec.clusterIP: is set, but the API server requires it empty');
    expect(errors).not.toContain('traefik.values.extraObjects[9].spec');
    expect(errors).not.toContain('traefik.values.extraObjects[10].spec');
  });
  test('valid Service values are accepted', () => {
    const good = {
      service: {
        annotations: { 'example.com/a': 'x', plain: 'y' },
        spec: { ipFamilies: ['IPv4'], sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } },
      },
    };
    const errors = judgedValues(good, '41.3.0').errors.filter((line) => line.startsWith('traefik.values.service.'));
    expect(errors).toEqual([]);
  });
});

describe('50b-6: a too-old chartVersion does not hide problems that do not depend on the chart', () => {
  const errors = errorsOf({
    chartVersion: '19.0.0',
    loadBalancerIPs: ['192.168.0.41'],
    values: {
      ports: { web: { nodePort: 80 } },
      service: { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.99', 'bad key': 'x' } },
      notAChartValue: 1,
    },
  });
  test.each<[string, string]>([
    ['traefik.chartVersion', 'is older than the oldest supported Traefik chart'],
    ['traefik.values.ports.web.nodePort', "is 80, which the Traefik chart writes as the Service port's nodePort"],
    [
      'traefik.values.service.annotations["kube-vip.io/loadbalancerIPs"]',
      'but traefik.loadBalancerIPs makes this tool write "192.168.0.41" there',
    ],
    ['traefik.values.service.annotations["bad key"]', 'is not a valid annotation key'],
  ])('%s', (key, said) => expect(lineAt(errors, key)).toContain(said));
  test("a key of the chart's values schema waits for a supported chart", () => {
    expect(errors).not.toContain('notAChartValue');
  });
});

describe('50b-8: messages say what is there', () => {
  const ACME = { email: 'a@example.com', storage: '/data/acme.json' };
  const resolver = { persistence: { enabled: true }, certificatesResolvers: { le: { acme: { ...ACME, tlsChallenge: true } } } };
  test('an entrypoint on port 443 over UDP is named as such for the TLS challenge', () => {
    const errors = judgedValues(
      {
        ...resolver,
        ports: {
          websecure: { exposedPort: 8443 },
          alt: { port: 9443, exposedPort: 443, protocol: 'UDP', expose: { default: true } },
        },
      },
      '41.3.0',
    ).errors.join('\n');
    expect(lineAt(errors, 'traefik.values.certificatesResolvers.le')).toContain(
      'which the CA sends over TCP to port 443, where entrypoint alt is exposed over UDP, not TCP',
    );
  });
  test('the TLS challenge asks for a TCP entrypoint on 443 (TLS on or off), as the accepted websecure with TLS off has', () => {
    const tlsOff = judgedValues({ ...resolver, ports: { websecure: { exposedPort: 443, http: { tls: { enabled: false } } } } }, '41.3.0');
    expect(tlsOff.errors.join('\n')).not.toContain('TLS challenge');
    const off443 = judgedValues({ ...resolver, ports: { websecure: { exposedPort: 8443 } } }, '41.3.0').errors.join('\n');
    expect(lineAt(off443, 'traefik.values.certificatesResolvers.le')).toContain('expose a TCP entrypoint on port 443');
  });
  test('an additional Service with annotations but no VIP annotation: the annotation is named as missing', () => {
    const errors = judgedValues(
      {
        ports: { web: { expose: { internal: true } } },
        service: { additionalServices: { internal: { annotations: { 'example.com/a': 'x' } } } },
      },
      '39.0.7',
    ).errors.join('\n');
    expect(lineAt(errors, 'traefik.values.service.additionalServices.internal.annotations')).toContain(
      'has no kube-vip.io/loadbalancerIPs annotation and no IP pool serves namespace kube-system',
    );
  });
  test('a symbol key at the top level of construct props says where it is', () => {
    const props: Record<string | symbol, unknown> = devConfig();
    props[Symbol('s')] = 1;
    expect(refusalOf(() => new K3sVipCluster(new App(), 'c', props as never))).toContain(
      'props have symbol keys at their top level, which YAML cannot hold',
    );
  });
});
