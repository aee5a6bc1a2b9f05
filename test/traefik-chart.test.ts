import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { VOLUME_PERMISSIONS_IMAGE } from '../src/pins';
import { traefikValues, traefikValuesContent, TraefikValuesSettings } from '../src/traefik/values';

/** Upstream `traefik/values.schema.json` per chart version, vendored (see vendor/traefik-values-schema/README.md). */
const SCHEMA_DIR = join(__dirname, '..', 'vendor', 'traefik-values-schema');
const STAGING = 'https://acme-staging-v02.api.letsencrypt.org/directory';

/** Every feature on: dual-stack VIPs, the redirect, one TLS-ALPN and one HTTP-01 resolver. */
const everything = (chartVersion: string): TraefikValuesSettings => ({
  chartVersion,
  kubeVipVersion: 'v1.2.3',
  loadBalancerIPs: ['192.168.0.41', 'fd00::41'],
  redirectToHttps: true,
  certResolvers: {
    le: { email: 'ops@example.com', challenge: 'tls' },
    staging: { email: 'ops@example.com', challenge: 'http', caServer: STAGING },
  },
});

const ANNOTATIONS = { 'kube-vip.io/loadbalancerIPs': '192.168.0.41,fd00::41' };
const SERVICE_FIELDS = { type: 'LoadBalancer', ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] };
// Service fields at the top of `service` up to v39, inside `service.spec` from v40 (traefik/templates/_service.tpl).
// The traffic policy goes to `service.spec` in every chart (the pass-through block of _service.tpl, v20 to v41).
const POLICY = { externalTrafficPolicy: 'Cluster' };
const TOP_LEVEL = { enabled: true, annotations: ANNOTATIONS, ...SERVICE_FIELDS, spec: POLICY };
const IN_SPEC = { enabled: true, annotations: ANNOTATIONS, spec: { ...POLICY, ...SERVICE_FIELDS } };

const ENTRY_POINT = { to: 'websecure', scheme: 'https', permanent: true };
const STRING = { redirectTo: 'websecure' };
const OBJECT = { redirectTo: { port: 'websecure' } };
const REDIRECTIONS = { redirections: { entryPoint: ENTRY_POINT } };
const HTTP_REDIRECTIONS = { http: { redirections: { entryPoint: ENTRY_POINT } } };

const TLS_ACME = { email: 'ops@example.com', tlsChallenge: true, storage: '/data/acme.json' };
const HTTP_ACME = { email: 'ops@example.com', httpChallenge: { entryPoint: 'web' }, storage: '/data/acme.json', caServer: STAGING };
const CERT_RESOLVERS = { certResolvers: { le: TLS_ACME, staging: HTTP_ACME } };
const CERTIFICATES_RESOLVERS = { certificatesResolvers: { le: { acme: TLS_ACME }, staging: { acme: HTTP_ACME } } };

const ACME_STORAGE = {
  persistence: { enabled: true, name: 'data', path: '/data' },
  deployment: {
    initContainers: [
      {
        name: 'volume-permissions',
        image: VOLUME_PERMISSIONS_IMAGE,
        command: ['sh', '-c', 'touch /data/acme.json; chmod -v 600 /data/acme.json'],
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      },
    ],
  },
  podSecurityContext: { fsGroup: 65532, fsGroupChangePolicy: 'OnRootMismatch' },
};

describe.each([
  // upstream chart, service, ports.web, resolvers; boundaries from traefik-helm-chart templates at each tag
  ['21.2.0', TOP_LEVEL, STRING, CERT_RESOLVERS],
  ['24.0.0', TOP_LEVEL, STRING, CERT_RESOLVERS],
  ['25.0.0', TOP_LEVEL, OBJECT, CERT_RESOLVERS], // PR #934: string form fails from v25.0.0
  ['27.0.2', TOP_LEVEL, OBJECT, CERT_RESOLVERS],
  ['32.1.1', TOP_LEVEL, OBJECT, CERT_RESOLVERS],
  ['33.0.0', TOP_LEVEL, OBJECT, CERTIFICATES_RESOLVERS], // commit 016822d8
  ['33.2.1', TOP_LEVEL, OBJECT, CERTIFICATES_RESOLVERS],
  ['34.0.0', TOP_LEVEL, REDIRECTIONS, CERTIFICATES_RESOLVERS], // commit 30977046
  ['34.2.0', TOP_LEVEL, REDIRECTIONS, CERTIFICATES_RESOLVERS],
  ['37.1.0', TOP_LEVEL, REDIRECTIONS, CERTIFICATES_RESOLVERS],
  ['38.0.2', TOP_LEVEL, REDIRECTIONS, CERTIFICATES_RESOLVERS],
  ['39.0.0', TOP_LEVEL, HTTP_REDIRECTIONS, CERTIFICATES_RESOLVERS], // commit 266ff0e4
  ['39.0.7', TOP_LEVEL, HTTP_REDIRECTIONS, CERTIFICATES_RESOLVERS],
  ['39.0.701+up39.0.7', TOP_LEVEL, HTTP_REDIRECTIONS, CERTIFICATES_RESOLVERS],
  ['40.0.0', IN_SPEC, HTTP_REDIRECTIONS, CERTIFICATES_RESOLVERS], // commit b9f3ed34
  ['40.3.0', IN_SPEC, HTTP_REDIRECTIONS, CERTIFICATES_RESOLVERS],
  ['41.3.0', IN_SPEC, HTTP_REDIRECTIONS, CERTIFICATES_RESOLVERS],
])('chart %s', (chart, service, web, resolvers) => {
  test('every feature on: exactly the keys this chart version reads', () => {
    // Recreate for the ReadWriteOnce volume; its per-version shape is tested in test/ha.test.ts.
    const updateStrategy = expect.objectContaining({ type: 'Recreate' });
    expect(traefikValues(everything(chart))).toEqual({ service, ports: { web }, ...resolvers, ...ACME_STORAGE, updateStrategy });
  });

  test('every feature off: only the Service', () => {
    const values = traefikValues({ chartVersion: chart, kubeVipVersion: 'v1.2.3', loadBalancerIPs: ['192.168.0.41'] });
    expect(Object.keys(values)).toEqual(['service']);
  });
});

describe('Service', () => {
  const service = (chartVersion: string, loadBalancerIPs?: string[], kubeVipVersion = 'v1.2.3') =>
    traefikValues({ chartVersion, kubeVipVersion, loadBalancerIPs }).service;

  test.each([
    ['39.0.7', undefined, { enabled: true, type: 'LoadBalancer', spec: POLICY }],
    ['39.0.7', [], { enabled: true, type: 'LoadBalancer', spec: POLICY }],
    ['40.3.0', undefined, { enabled: true, spec: { ...POLICY, type: 'LoadBalancer' } }],
  ])('chart %s without fixed VIPs (%p): no VIP key at all', (chart, ips, expected) => {
    expect(service(chart, ips)).toEqual(expected);
    expect(service(chart, ips, 'v0.5.11')).toEqual(expected);
  });

  test.each([
    [
      '39.0.7',
      {
        enabled: true,
        type: 'LoadBalancer',
        ipFamilyPolicy: 'RequireDualStack',
        ipFamilies: ['IPv6', 'IPv4'],
        annotations: { 'kube-vip.io/loadbalancerIPs': 'fd00::41,192.168.0.41' },
        spec: POLICY,
      },
    ],
    [
      '40.3.0',
      {
        enabled: true,
        spec: { ...POLICY, type: 'LoadBalancer', ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv6', 'IPv4'] },
        annotations: { 'kube-vip.io/loadbalancerIPs': 'fd00::41,192.168.0.41' },
      },
    ],
  ])('chart %s, dual-stack with IPv6 first: ipFamilies keep the given order', (chart, expected) => {
    expect(service(chart, ['fd00::41', '192.168.0.41'])).toEqual(expected);
  });

  test.each([
    ['39.0.7', ['192.168.0.41']],
    ['40.3.0', ['192.168.0.41']],
  ])('chart %s, an IPv4 VIP %p: no ipFamilyPolicy or ipFamilies (IPv4 is the family K3s gives a Service)', (chart, ips) => {
    const text = JSON.stringify(service(chart, ips));
    expect(text).not.toMatch(/ipFamil/);
  });

  // Attack 13 D8: without ipFamilies the Service got only the cluster's first family, IPv4, and its IPv6 VIP no traffic.
  test.each([
    ['39.0.7', 'v1.2.3', (s: Record<string, unknown>) => s],
    ['40.3.0', 'v1.2.3', (s: Record<string, unknown>) => s.spec as Record<string, unknown>],
    ['39.0.7', 'v0.5.11', (s: Record<string, unknown>) => s],
  ])('chart %s, kube-vip %s, an IPv6 VIP alone: SingleStack IPv6', (chart, kubeVip, fields) => {
    const written = fields(service(chart, ['fd00::41'], kubeVip) as Record<string, unknown>);
    expect([written.ipFamilyPolicy, written.ipFamilies]).toEqual(['SingleStack', ['IPv6']]);
  });
});

describe('cert resolvers', () => {
  const values = (certResolvers: TraefikValuesSettings['certResolvers'], chartVersion = '39.0.7') =>
    traefikValues({ chartVersion, kubeVipVersion: 'v1.2.3', certResolvers });

  test.each([[undefined], [{}]])('none (%p): no resolver, persistence, initContainer or podSecurityContext', (resolvers) => {
    expect(values(resolvers)).toEqual({ service: { enabled: true, type: 'LoadBalancer', spec: POLICY } });
  });

  test('tlsChallenge is `true`, not `{}`: the chart renders flags from scalars and drops empty maps', () => {
    const acme = (values({ le: { email: 'a@example.com', challenge: 'tls' } }) as any).certificatesResolvers.le.acme;
    expect(acme).toEqual({ email: 'a@example.com', tlsChallenge: true, storage: '/data/acme.json' });
  });

  test('caServer only when given', () => {
    const acme = (values({ le: { email: 'a@example.com', challenge: 'http' } }, '27.0.2') as any).certResolvers.le;
    expect(acme).toEqual({ email: 'a@example.com', httpChallenge: { entryPoint: 'web' }, storage: '/data/acme.json' });
  });

  test('the initContainer image is pinned to a release, never latest', () => {
    expect(VOLUME_PERMISSIONS_IMAGE).toMatch(/^busybox:\d+\.\d+\.\d+$/);
  });

  test('initContainer, volume and ACME storage agree on the file and its mount', () => {
    const all = traefikValues(everything('41.3.0')) as any;
    const [init] = all.deployment.initContainers;
    const storage = all.certificatesResolvers.le.acme.storage;
    expect(init.volumeMounts).toEqual([{ name: all.persistence.name, mountPath: all.persistence.path }]);
    expect(storage.startsWith(`${all.persistence.path}/`)).toBe(true);
    expect(init.command[2]).toBe(`touch ${storage}; chmod -v 600 ${storage}`);
  });
});

describe('traefikValues is pure', () => {
  test('same input, equal output; input untouched; results share no objects', () => {
    const settings = everything('39.0.7');
    const before = structuredClone(settings);
    const first = traefikValues(settings) as any;
    first.ports.web.http.redirections.entryPoint.to = 'changed';
    first.deployment.initContainers.push('changed');
    expect(traefikValues(settings)).toEqual(traefikValues(everything('39.0.7')));
    expect((traefikValues(settings) as any).ports.web.http.redirections.entryPoint.to).toBe('websecure');
    expect(settings).toEqual(before);
  });

  test('valuesContent is plain YAML (no anchors or aliases) that reads back to the values', () => {
    const values = traefikValues(everything('39.0.7'));
    const text = traefikValuesContent(values);
    expect(text).not.toMatch(/[&*]a\d/);
    expect(parse(text)).toEqual(values);
  });
});

describe('upstream values.schema.json', () => {
  const versions = readdirSync(SCHEMA_DIR)
    .map((file) => /^v(\d+\.\d+\.\d+)\.json$/.exec(file)?.[1])
    .filter((v): v is string => !!v);
  const validator = (version: string) => {
    const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, `v${version}.json`), 'utf8'));
    // Upstream schemas use union types and keywords ajv's strict mode flags (helm-schema output).
    return new Ajv2020({ strict: false, allowUnionTypes: true, allErrors: true }).compile(schema);
  };

  test('schemas for the K3s-relevant charts are present', () => {
    expect(versions).toEqual(
      expect.arrayContaining(['34.2.0', '37.1.0', '38.0.2', '39.0.2', '39.0.5', '39.0.7', '40.1.0', '40.3.0', '41.3.0']),
    );
  });

  test.each(versions)('chart %s accepts the values with every feature on', (version) => {
    const validate = validator(version);
    validate(traefikValues(everything(version)));
    expect(validate.errors ?? []).toEqual([]);
  });

  test.each([
    // chart, values of an older chart it must reject: proves the check is live where the schema is closed
    ['38.0.2', '33.2.1'], // ports.web.redirectTo is not a port key any more
    ['39.0.7', '38.0.2'], // ports.web.redirections moved under http
    ['40.3.0', '32.1.1'], // certResolvers is not a root key
  ])('chart %s rejects the values of chart %s', (version, older) => {
    const validate = validator(version);
    expect(validate(traefikValues(everything(older)))).toBe(false);
  });
});
