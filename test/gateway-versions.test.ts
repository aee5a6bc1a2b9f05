import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { synthFiles, withChanges } from './helpers';
import { certManagerValues } from '../src/cert-manager/values';
import { gatewayApiChartProps } from '../src/gateway/wiring';
import { parseConfigText } from '../src/config/load';
import { bundledTraefikChart } from '../src/k3s/bundled-traefik';
import { parseVersion } from '../src/semver';
import { gatewayChartProblem, traefikChartRules, upstreamChartVersion } from '../src/traefik/chart-versions';
import { traefikValues } from '../src/traefik/values';
import { validateManifests } from '../src/validate/conformance';

const SCHEMA_DIR = join(__dirname, '..', 'vendor', 'traefik-values-schema');
const EXAMPLE = parse(readFileSync('config/examples/gateway.yaml', 'utf8'));
/** The example on one chart version, without k3s.version (which would pick the chart itself). */
const onChart = (chartVersion: string) => withChanges(EXAMPLE, { k3s: { version: undefined }, traefik: { chartVersion } });

/**
 * Every supported chart version with a Gateway provider whose values schema is vendored, with what its
 * templates do with the values this tool relies on (traefik/traefik-helm-chart at the tag):
 * - templates/rbac/clusterrole.yaml renders the gateway.networking.k8s.io rules only
 *   `if (.Values.providers.kubernetesGateway).enabled` (the RBAC switch);
 * - templates/gateway.yaml renders a Gateway only `if and (.Values.gateway).enabled
 *   (.Values.providers.kubernetesGateway).enabled`; templates/gatewayclass.yaml the GatewayClass
 *   `if and (.Values.gatewayClass).enabled (.Values.providers.kubernetesGateway).enabled`;
 * - values.yaml: `ports.web.port: 8000`, `ports.websecure.port: 8443`, the ports Traefik's entrypoints listen on;
 * - namespacePolicy: templates/gateway.yaml renders `namespaces: from: {{ . }}` up to v36 and
 *   `namespaces: {{ toYaml . }}` from v37.0.0, so the value is a string, then an object (values.schema.json).
 */
const CHARTS: ReadonlyArray<[chart: string, namespacePolicy: string[], gatewayApi: string]> = [
  ['34.2.0', ['string', 'null'], 'v1.2.1'],
  ['37.1.0', ['object', 'null'], 'v1.3.0'],
  ['38.0.2', ['object', 'null'], 'v1.4.0'],
  ['39.0.2', ['object', 'null'], 'v1.4.0'],
  ['39.0.5', ['object', 'null'], 'v1.4.0'],
  ['39.0.7', ['object', 'null'], 'v1.4.0'],
  ['40.1.0', ['object', 'null'], 'v1.5.1'],
  ['40.3.0', ['object', 'null'], 'v1.6.1'],
  ['41.3.0', ['object', 'null'], 'v1.6.1'],
];

describe.each(CHARTS)('Traefik chart %s', (chart, namespacePolicy, gatewayApi) => {
  const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, `v${chart}.json`), 'utf8'));
  const values = traefikValues({
    chartVersion: chart,
    kubeVipVersion: 'v1.2.3',
    loadBalancerIPs: ['192.168.0.41'],
    replicas: 2,
    gateway: true,
  });

  test(`the values pass traefik/values.schema.json@v${chart}`, () => {
    const validate = new Ajv2020({ strict: false, allowUnionTypes: true, allErrors: true }).compile(schema);
    validate(values);
    expect(validate.errors ?? []).toEqual([]);
  });

  test(`templates/rbac/clusterrole.yaml@v${chart} (RBAC switch), templates/gateway.yaml and gatewayclass.yaml@v${chart}: provider on, chart Gateway off, GatewayClass named`, () => {
    expect(values).toMatchObject({
      providers: { kubernetesGateway: { enabled: true } },
      gateway: { enabled: false },
      gatewayClass: { enabled: true, name: 'traefik' },
    });
  });

  test(`namespacePolicy is ${namespacePolicy.join('|')} at v${chart} (templates/gateway.yaml): never written, so its shape never matters`, () => {
    expect(schema.properties.gateway.properties.listeners.properties.web.properties.namespacePolicy.type).toEqual(namespacePolicy);
    expect(JSON.stringify(values)).not.toMatch(/listeners|namespacePolicy/);
  });

  test(`listener ports 8000/8443 (traefik/values.yaml@v${chart} ports.web.port, ports.websecure.port), validated against Gateway API ${gatewayApi}`, () => {
    expect(traefikChartRules(parseVersion(chart)).gatewayApi).toBe(gatewayApi);
    const files = synthFiles(onChart(chart));
    const text = files.get('gateway-api.yaml')!;
    expect(text.split('\n')[1]).toBe(
      `# Gateway API CRDs: ${gatewayApi} (standard channel), as K3s installs them for Traefik chart ${chart}.`,
    );
    const gateway = parse(text.split('\n---\n')[0].replace(/^#.*\n/gm, ''));
    expect(gateway.spec.listeners.map((l: any) => [l.protocol, l.port])).toEqual([
      ['HTTP', 8000],
      ['HTTPS', 8443],
    ]);
    expect(validateManifests(new Map([...files].map(([path, content]) => [`t/${path}`, content])))).toEqual([]);
  });
});

describe('the Gateway API CRDs a chart brings, on both sides of every boundary (bundle-version of traefik/crds/gateway-standard-install.yaml)', () => {
  test.each([
    ['27.0.2', 'no-provider'],
    ['29.0.1', 'no-provider'],
    ['30.0.0', 'unverified'],
    ['33.2.1', 'unverified'],
    ['34.0.0', 'v1.2.1'],
    ['36.3.0', 'v1.2.1'],
    ['37.0.0', 'v1.3.0'],
    ['37.2.0', 'v1.3.0'],
    ['37.3.0', 'v1.4.0'],
    ['39.0.9', 'v1.4.0'],
    ['40.0.0', 'v1.5.1'],
    ['40.1.0', 'v1.5.1'],
    ['40.2.0', 'v1.6.1'], // PR #1850: the first chart without them; K3s v1.37's gateway-api-crd brings v1.6.1
    ['41.3.0', 'v1.6.1'],
  ])('chart %s: %s', (chart, expected) => {
    expect(traefikChartRules(parseVersion(chart)).gatewayApi).toBe(expected);
    expect(gatewayChartProblem(chart) === undefined).toBe(expected.startsWith('v'));
  });
});

describe('K3s release -> bundled chart -> Gateway API CRDs', () => {
  test.each([
    ['v1.32.2+k3s1', '34.2.0', 'v1.2.1'],
    ['v1.33.4+k3s1', '34.2.0', 'v1.2.1'],
    ['v1.32.10+k3s1', '37.1.0', 'v1.3.0'],
    ['v1.35.0+k3s1', '37.1.0', 'v1.3.0'],
    ['v1.35.2+k3s1', '39.0.2', 'v1.4.0'],
    ['v1.35.3+k3s1', '39.0.5', 'v1.4.0'],
    ['v1.35.7+k3s1', '40.1.0', 'v1.5.1'],
    ['v1.36.4+k3s1', '40.1.0', 'v1.5.1'],
  ])('K3s %s bundles chart %s: %s', (k3s, chart, bundle) => {
    expect(bundledTraefikChart(k3s)).toBe(chart);
    const loaded = parseConfigText('config/t.yaml', JSON.stringify(withChanges(EXAMPLE, { k3s: { version: k3s } })));
    expect(loaded.errors).toEqual([]);
    expect(upstreamChartVersion(loaded.config!.traefik.chartVersion)).toBe(chart);
    expect(gatewayApiChartProps(loaded.config!)!.gatewayApi!.bundle).toBe(bundle);
  });

  test.each([['v1.32.0+k3s1'], ['v1.32.1+k3s1'], ['v1.30.4+k3s1']])('K3s %s bundles Traefik v2: the Gateway is refused', (k3s) => {
    const loaded = parseConfigText('config/t.yaml', JSON.stringify(withChanges(EXAMPLE, { k3s: { version: k3s } })));
    expect(loaded.errors.map((e) => e.path.join('.'))).toEqual(['traefik.gateway']);
  });
});

describe("cert-manager's gateway-shim, per release (pkg/apis/config/controller/v1alpha1/types.go at each tag)", () => {
  const config = { apiVersion: 'controller.config.cert-manager.io/v1alpha1', kind: 'ControllerConfiguration' };
  test.each<[string, unknown]>([
    ['v1.15.0', { ...config, enableGatewayAPI: true }],
    ['v1.20.3', { ...config, enableGatewayAPI: true }],
    ['v1.21.0', { ...config, gatewayAPI: { enabled: true } }],
    ['v1.21.1', { ...config, gatewayAPI: { enabled: true } }],
  ])('%s', (version, expected) => {
    expect(certManagerValues(version, { gatewayApi: true }).config).toEqual(expected);
    expect(certManagerValues(version).config).toBeUndefined();
  });
});
