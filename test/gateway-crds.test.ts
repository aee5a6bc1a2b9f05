import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { stringify } from 'yaml';
import { TRAEFIK_CHART_TABLE } from '../src/traefik/chart-versions';
import { validateManifests } from '../src/validate/conformance';
import { gatewayApiBundles, gatewayApiMarker, markedGatewayApiBundle } from '../src/validate/gateway-api';

const DIR = join(__dirname, '..', 'crds', 'gateway-api');
const FILE = 'dev/gateway-api.yaml';

const gateway = (listeners: unknown[], spec: Record<string, unknown> = {}) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'traefik', namespace: 'kube-system' },
  spec: { gatewayClassName: 'traefik', listeners, ...spec },
});
const HTTP = { name: 'http', port: 8000, protocol: 'HTTP' };
const HTTPS = {
  name: 'https.a.example.com',
  hostname: 'a.example.com',
  port: 8443,
  protocol: 'HTTPS',
  tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'tls.a.example.com' }] },
};
const route = (rule: Record<string, unknown>) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'a', namespace: 'default' },
  spec: {
    parentRefs: [{ name: 'traefik', namespace: 'kube-system' }],
    hostnames: ['a.example.com'],
    rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'a', port: 80 }], ...rule }],
  },
});
/** One file of objects, marked for `bundle` (or not marked). */
const validate = (objects: unknown[], bundle?: string) =>
  validateManifests(
    new Map([[FILE, `${bundle ? gatewayApiMarker(bundle, 'for the test') : ''}${objects.map((o) => stringify(o)).join('---\n')}`]]),
  ).map((v) => `${v.object}: ${v.field} ${v.message}`);

describe('the vendored CRDs (crds/gateway-api/README.md)', () => {
  const bundles = gatewayApiBundles();

  test('one folder per bundle K3s ships, oldest first, each named in the README', () => {
    expect(bundles).toEqual(['v1.2.1', 'v1.3.0', 'v1.4.0', 'v1.5.1', 'v1.6.1']);
    const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
    for (const bundle of bundles) expect(readme).toContain(`| \`${bundle}/\` |`);
  });

  test('every bundle a Traefik chart row names is vendored', () => {
    const named = TRAEFIK_CHART_TABLE.map((row) => row.gatewayApi).filter((b) => !!b?.startsWith('v'));
    expect([...new Set(named)].sort()).toEqual(bundles);
  });

  test.each(gatewayApiBundles())(
    '%s: Gateway, GRPCRoute and HTTPRoute only, standard channel, of that bundle, with their source',
    (bundle) => {
      const files = readdirSync(join(DIR, bundle)).sort();
      expect(files).toEqual([
        'gateway.networking.k8s.io_gateways.yaml',
        'gateway.networking.k8s.io_grpcroutes.yaml',
        'gateway.networking.k8s.io_httproutes.yaml',
      ]);
      for (const file of files) {
        const text = readFileSync(join(DIR, bundle, file), 'utf8');
        expect(text).toContain(
          `# Source: https://github.com/kubernetes-sigs/gateway-api, path config/crd/standard/${file}, tag ${bundle}.`,
        );
        const [crd] = loadAll(text) as any[];
        expect(crd.metadata.annotations).toMatchObject({
          'gateway.networking.k8s.io/bundle-version': bundle,
          'gateway.networking.k8s.io/channel': 'standard',
        });
        expect(crd.spec.versions.find((v: any) => v.name === 'v1')).toMatchObject({ served: true, storage: true });
      }
    },
  );
});

describe('validation against the CRDs of the target', () => {
  test('the marker line names the bundle', () => {
    const marker = gatewayApiMarker('v1.4.0', 'as K3s installs them for Traefik chart 39.0.7');
    expect(marker).toBe('# Gateway API CRDs: v1.4.0 (standard channel), as K3s installs them for Traefik chart 39.0.7.\n');
    expect(markedGatewayApiBundle(`# Generated from x\n${marker}kind: Gateway\n`)).toBe('v1.4.0');
    expect(markedGatewayApiBundle('# Gateway API CRDs are nice\n')).toBeUndefined();
  });

  test('valid objects pass against every bundle', () => {
    for (const bundle of gatewayApiBundles()) expect(validate([gateway([HTTP, HTTPS]), route({})], bundle)).toEqual([]);
  });

  test('a field of a newer bundle is refused against an older target (HTTPRoute rules[].name: v1.4.0+)', () => {
    const named = route({ name: 'main' });
    expect(validate([named], 'v1.4.0')).toEqual([]);
    expect(validate([named], 'v1.3.0')).toEqual([
      'HTTPRoute/default/a: spec.rules[0].name is not a field of the HTTPRoute schema of crds/gateway-api/v1.3.0/gateway.networking.k8s.io_httproutes.yaml: the API server drops unknown fields silently (or rejects the object under strict field validation); check the spelling and nesting',
    ]);
  });

  test('unmarked: checked against every vendored bundle, one finding per problem (the oldest bundle named)', () => {
    expect(validate([route({ name: 'main' })])).toEqual([
      expect.stringContaining('spec.rules[0].name is not a field of the HTTPRoute schema of crds/gateway-api/v1.2.1/'),
    ]);
    expect(validate([gateway([{ ...HTTP, bogus: 1 }])])).toEqual([
      expect.stringContaining('spec.listeners[0].bogus is not a field of the Gateway schema of crds/gateway-api/v1.2.1/'),
    ]);
  });

  test('a bundle that is not vendored, and a kind no bundle has', () => {
    expect(validate([route({})], 'v1.9.9')).toEqual([
      'HTTPRoute/default/a:  is marked for the Gateway API CRDs v1.9.9, which crds/gateway-api/ does not hold (it has v1.2.1, v1.3.0, v1.4.0, v1.5.1, v1.6.1): vendor them (crds/gateway-api/README.md)',
    ]);
    const tcp = {
      apiVersion: 'gateway.networking.k8s.io/v1alpha2',
      kind: 'TCPRoute',
      metadata: { name: 't', namespace: 'default' },
      spec: {},
    };
    expect(validate([tcp], 'v1.4.0')).toEqual([
      'TCPRoute/default/t: kind is "TCPRoute", which this tool cannot judge: crds/gateway-api/v1.4.0/ holds the CRDs of GRPCRoute, Gateway and HTTPRoute only, not every kind of the Gateway API: check the spelling and the kind, or vendor its CRD from the same release (crds/gateway-api/README.md)',
    ]);
  });

  test.each<[string, unknown, string[]]>([
    [
      'two listeners of one name, and of one port, protocol and hostname',
      gateway([HTTP, { ...HTTP }]),
      [
        'Gateway/kube-system/traefik: spec.listeners[1].name is "http", as listeners[0] is: Listener name must be unique within the Gateway',
        'Gateway/kube-system/traefik: spec.listeners[1] has the port, protocol and hostname of listeners[0]: Combination of port, protocol and hostname must be unique for each listener',
      ],
    ],
    [
      'tls on an HTTP listener',
      gateway([{ ...HTTP, tls: HTTPS.tls }]),
      [
        "Gateway/kube-system/traefik: spec.listeners[0].tls is set on a \"HTTP\" listener: tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
      ],
    ],
    [
      'HTTPS without a certificate, and in Passthrough',
      gateway([
        { ...HTTPS, tls: { mode: 'Terminate' } },
        { ...HTTPS, name: 'p', hostname: 'b.example.com', tls: { mode: 'Passthrough' } },
      ]),
      [
        'Gateway/kube-system/traefik: spec.listeners[0].tls has no certificateRefs: certificateRefs or options must be specified when mode is Terminate',
        'Gateway/kube-system/traefik: spec.listeners[1].tls.mode is "Passthrough": tls mode must be Terminate for protocol HTTPS',
      ],
    ],
    [
      'a path the HTTPRoute CRD refuses, and a Service backend without port',
      route({ matches: [{ path: { type: 'PathPrefix', value: '/a//b' } }], backendRefs: [{ name: 'a' }] }),
      [
        'HTTPRoute/default/a: spec.rules[0].matches[0].path.value "/a//b" contains "//", which the API server refuses in a Prefix path: remove it (an HTTPRoute path, checked by the HTTPRoute CRD\'s rules)',
        'HTTPRoute/default/a: spec.rules[0].backendRefs[0].port is missing: Must have port for Service reference',
      ],
    ],
  ])("the CRDs' CEL rules, which JSON Schema cannot check: %s", (_name, object, expected) => {
    expect(validate([object], 'v1.4.0')).toEqual(expected);
  });
});
