import { checkServiceSpec } from '../src/validate/service-rules';
import { helmChartConfigRefusal, judgedValues, valuesDoors } from './helpers';

/**
 * Round-49 finding 49b-1: Traefik's own Service (`service.spec`, up to chart v39 also `service.loadBalancerSourceRanges`)
 * and each `service.additionalServices.<name>.spec` are judged as the chart renders them, against the Kubernetes 1.27
 * Service schema and the API server's Service rules the schema lacks (validate/service-rules.ts), as an `extraObjects`
 * Service is. One config per chart version holds every refused value; each row names the key and what is said there.
 */
const refused: ReadonlyArray<[string, string]> = [
  ['service.spec.clusterIP', 'is None, which the API server refuses on a Service of type LoadBalancer'],
  ['service.spec.sessionAffinity', 'allows only "ClientIP", "None"'],
  ['service.spec.internalTrafficPolicy', 'allows only "Cluster", "Local"'],
  ['service.spec.allocateLoadBalancerNodePorts', 'expects boolean'],
  ['service.spec.healthCheckNodePort', 'is 99999; the API server expects a port number from 1 to 65535'],
  ['service.spec.clusterIPs[1]', 'at most one cluster IP of each family'],
  ['service.spec.loadBalancerSourceRanges[0]', 'is "bad-range"; the API server expects a CIDR block'],
  ['service.additionalServices.internal.spec.sessionAffinity', 'allows only "ClientIP", "None"'],
  ['service.additionalServices.internal.spec.clusterIP', 'is "not-an-ip"; the API server expects an IP address'],
];
const bad = {
  ports: { web: { expose: { internal: true } } },
  service: {
    spec: {
      clusterIP: 'None',
      sessionAffinity: 'Sticky',
      internalTrafficPolicy: 'Bogus',
      allocateLoadBalancerNodePorts: 'no',
      healthCheckNodePort: 99999,
      clusterIPs: ['10.43.0.99', '10.43.0.98'],
      loadBalancerSourceRanges: ['bad-range'],
    },
    additionalServices: { internal: { type: 'ClusterIP', spec: { type: 'ClusterIP', sessionAffinity: 'Sticky', clusterIP: 'not-an-ip' } } },
  },
};

describe('49b-1: API-invalid values of the Services the chart renders are refused at their traefik.values key', () => {
  const byVersion = new Map(['39.0.7', '41.3.0'].map((version) => [version, judgedValues(bad, version).errors.join('\n')]));
  const chartProps = valuesDoors.chart(bad);
  test.each(refused)('%s: %s', (key, said) => {
    for (const [version, errors] of byVersion) {
      const line = errors.split('\n').find((l) => l.startsWith(`traefik.values.${key}: `)) ?? `(none at ${version})`;
      expect(line).toContain(said);
      expect(line).toContain('the whole Traefik release fails to install');
    }
    expect(chartProps).toContain(`values.${key} `);
  });
  test('up to chart v39 the top-level service.loadBalancerSourceRanges is rendered and judged', () => {
    const errors = judgedValues({ service: { loadBalancerSourceRanges: ['10.0.0.0/8', 'bad-range'] } }, '39.0.7').errors.join('\n');
    expect(errors).toContain('traefik.values.service.loadBalancerSourceRanges[1]: is "bad-range"');
  });
  test('valid Service values are accepted', () => {
    const good = {
      ports: { web: { expose: { internal: true } } },
      service: {
        spec: {
          clusterIP: '10.43.0.99',
          clusterIPs: ['10.43.0.99', 'fd00:43::99'],
          sessionAffinity: 'ClientIP',
          internalTrafficPolicy: 'Local',
          allocateLoadBalancerNodePorts: false,
          loadBalancerSourceRanges: ['10.0.0.0/8', ' 192.168.0.0/24', 'fd00::/8'],
        },
        additionalServices: { internal: { type: 'ClusterIP', spec: { type: 'ClusterIP', clusterIP: 'None' } } },
      },
    };
    const errors = judgedValues(good, '41.3.0').errors.filter((line) => line.startsWith('traefik.values.service.'));
    expect(errors.filter((line) => /API server|1\.27 schema/.test(line) && !line.includes('clusterIPs[1]'))).toEqual([]);
    // The IPv6 cluster IP needs a dual-stack k3s.serviceCidr, which this config does not give (61b-5, cluster-ip-range.ts).
    expect(errors.filter((line) => line.includes('clusterIPs[1]'))).toEqual([expect.stringContaining('has no IPv6 block')]);
  });
});

describe('49b-1: the API server Service rules apply to any Service (extraObjects and the written manifests too)', () => {
  const service = (spec: object) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's' },
    spec: { ports: [{ port: 80 }], ...spec },
  });
  test.each<[string, object, string | undefined]>([
    ['None on a NodePort', { type: 'NodePort', clusterIP: 'None' }, 'spec.clusterIP'],
    ['None headless ClusterIP', { clusterIP: 'None' }, undefined],
    ['None as one of two clusterIPs', { clusterIPs: ['None', '10.43.0.1'] }, 'spec.clusterIPs.0'],
    ['three clusterIPs', { clusterIPs: ['10.43.0.1', 'fd00::1', '10.43.0.2'] }, 'spec.clusterIPs'],
    ['clusterIPs[0] differs from clusterIP', { clusterIP: '10.43.0.1', clusterIPs: ['10.43.0.2'] }, 'spec.clusterIPs.0'],
    ['source ranges on a ClusterIP', { loadBalancerSourceRanges: ['10.0.0.0/8'] }, 'spec.loadBalancerSourceRanges'],
    [
      'allocateLoadBalancerNodePorts on a NodePort',
      { type: 'NodePort', allocateLoadBalancerNodePorts: true },
      'spec.allocateLoadBalancerNodePorts',
    ],
    ['healthCheckNodePort without Local', { type: 'LoadBalancer', healthCheckNodePort: 30000 }, 'spec.healthCheckNodePort'],
    ['healthCheckNodePort with Local', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30000 }, undefined],
    ['an IPv6 cluster IP', { clusterIP: 'fd00:43::1', clusterIPs: ['fd00:43::1'] }, undefined],
  ])('%s', (_, spec, at) => {
    const paths = checkServiceSpec(service(spec)).map((f) => f.path.join('.'));
    expect(paths).toEqual(at ? [at] : []);
  });
  test("an extraObjects Service gets the same rules (parity with the chart's own Services)", () => {
    const item = (name: string, spec: object) => ({ ...service(spec), metadata: { name, namespace: 'default' } });
    const extraObjects = [
      item('two-v4', { clusterIPs: ['10.43.0.1', '10.43.0.2'] }),
      item('not-ip', { clusterIP: 'not-an-ip' }),
      item('headless', { clusterIP: 'None' }),
    ];
    const errors = judgedValues({ extraObjects }, '39.0.7').errors.join('\n');
    expect(errors).toContain('traefik.values.extraObjects[0].spec.clusterIPs[1]: is a second IPv4 address');
    expect(errors).toContain('traefik.values.extraObjects[1].spec.clusterIP: is "not-an-ip"');
    expect(errors).not.toContain('traefik.values.extraObjects[2]');
  });
});

/**
 * Round-49 finding 49b-5: a Gateway API object in extraObjects is judged against the CRD bundle the chart version
 * installs (chart-versions.ts `gatewayApi`), as gateway-api.yaml is: the CORS filter is in the v1.6.1 standard
 * channel (chart 40.2.0 and newer), not in v1.2.1 (charts 34 to 36).
 */
describe('49b-5: extraObjects Gateway API objects are judged against the chart version’s CRD bundle', () => {
  const corsRoute = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'cors-route', namespace: 'default' },
    spec: {
      parentRefs: [{ name: 'other-gw', namespace: 'default' }],
      hostnames: ['cors.example.com'],
      rules: [
        { filters: [{ type: 'CORS', cors: { allowOrigins: ['https://a.example.com'] } }], backendRefs: [{ name: 'frontend', port: 80 }] },
      ],
    },
  };
  const routeErrors = (version: string) =>
    judgedValues({ extraObjects: [corsRoute] }, version).errors.filter((line) => line.startsWith('traefik.values.extraObjects[0]'));
  test.each<[string, string | undefined]>([
    ['41.3.0', undefined],
    ['40.2.0', undefined],
    ['34.0.0', 'crds/gateway-api/v1.2.1/'],
  ])('chart %s', (version, named) => {
    const errors = routeErrors(version).join('\n');
    if (named) expect(errors).toContain(named);
    else expect(errors).toBe('');
  });
  test('the construct door judges with its chart version too', () => {
    expect(helmChartConfigRefusal({ chartVersion: '41.3.0', values: { extraObjects: [corsRoute] } })).toBe('');
    expect(helmChartConfigRefusal({ chartVersion: '34.0.0', values: { extraObjects: [corsRoute] } })).toContain('v1.2.1');
  });
});

/**
 * Round-49 finding 49b-6: with a chartVersion older than the table, the deployment problems that do not depend on the
 * chart (found as both the oldest and the newest known chart would deploy the values) are said in the same run.
 */
describe('49b-6: a too-old chartVersion hides no chart-independent problem', () => {
  const values = {
    deployment: { replicas: -1 },
    additionalArguments: ['--ping=false'],
    extraObjects: [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'x1', namespace: 'default' },
        spec: { sessionAffinity: 'Sticky', ports: [{ port: 80 }] },
      },
    ],
  };
  const errors = judgedValues(values, '12.0.0').errors;
  test.each([
    ['traefik.chartVersion: "12.0.0" is older than the oldest supported Traefik chart'],
    ['traefik.values.deployment.replicas: is -1'],
    ["traefik.values.additionalArguments[0]: turns Traefik's ping off"],
    ['traefik.values.extraObjects[0].spec.sessionAffinity: is "Sticky"'],
  ])('%s', (line) => {
    expect(errors).toContainEqual(expect.stringContaining(line));
  });
  test('control: a too-old chart with ordinary values is refused for its version alone', () => {
    expect(judgedValues({ deployment: { replicas: 2 } }, '12.0.0').errors).toEqual([
      expect.stringContaining('traefik.chartVersion: "12.0.0" is older'),
    ]);
  });
});
