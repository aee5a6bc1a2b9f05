import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { parse } from 'yaml';
import { chart, configErrors, devConfig, EXAMPLES_DIR, objects, refusalOf, withChanges } from './helpers';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { FIXED_OBJECTS } from '../src/traefik/extra-objects';

/**
 * Attack 13 D6: an `extraObjects` item is held to the rules of the object it stands for. The chart renders
 * each item as it is (traefik/traefik-helm-chart traefik/templates/extra-objects.yaml), in the Traefik release.
 */

const withExtra = (item: object, base = devConfig()) => withChanges(base, { traefik: { values: { extraObjects: [item] } } });

/** The refusal through the config file, K3sVipCluster and TraefikHelmChartConfig. */
function refusals(item: object): { file: string; cluster: string; construct: string } {
  return {
    file: configErrors(withExtra(item)).join('\n'),
    cluster: refusalOf(() => new K3sVipCluster(new App(), 'c', withExtra(item))),
    construct: refusalOf(
      () => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41'], values: { extraObjects: [item] } }),
    ),
  };
}

const ingress = (name: string, namespace = 'default') => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, namespace },
  spec: {
    rules: [
      {
        host: '10.1.2.3',
        http: { paths: [{ path: '/a//b', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] },
      },
    ],
  },
});
const issuer = {
  apiVersion: 'cert-manager.io/v1',
  kind: 'ClusterIssuer',
  metadata: { name: 'le' },
  spec: { acme: { email: 'not-an-email', server: 'http://acme.example/directory', privateKeySecretRef: { name: 'le' }, solvers: [] } },
};
const pool = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'kubevip', namespace: 'kube-system' },
  data: { 'cidr-global': '10.43.0.0/24' },
};

describe('Attack 13 D6: extraObjects that a first-class key declares are refused, naming the key', () => {
  test.each<[string, object, string, string]>([
    ['an Ingress (e1, e3)', ingress('frontend-ingress'), 'is an Ingress', 'declare it in ingresses instead'],
    ['an Ingress in another namespace', ingress('other', 'shop'), 'is an Ingress', 'declare it in ingresses instead'],
    ['a ClusterIssuer (e4)', issuer, 'is a cert-manager issuer', 'declare it in certManager.issuers instead'],
    [
      'an Issuer',
      { ...issuer, kind: 'Issuer', metadata: { name: 'le', namespace: 'default' } },
      'is a cert-manager issuer',
      'certManager.issuers',
    ],
    ["kube-vip-cloud-provider's pool (e2)", pool, "is kube-vip-cloud-provider's IP pool", 'declare it in kubeVip.services.ipPool instead'],
    [
      'the pool without a namespace (the release namespace, kube-system)',
      { ...pool, metadata: { name: 'kubevip' } },
      "is kube-vip-cloud-provider's IP pool",
      'kubeVip.services.ipPool',
    ],
  ])('%s', (_name, item, what, key) => {
    const { file, cluster, construct } = refusals(item);
    expect(file).toContain(`traefik.values.extraObjects[0]: ${what}`);
    expect(file).toContain(key);
    expect(cluster).toContain(`traefik.values.extraObjects[0]`);
    expect(cluster).toContain(key);
    // The construct names the construct that declares it.
    expect(construct).toContain('values.extraObjects[0]');
    expect(construct).toMatch(/construct instead/);
  });

  test.each<[string, object]>([
    ['a ConfigMap of another name', { ...pool, metadata: { name: 'settings', namespace: 'kube-system' } }],
    ['a ConfigMap kubevip in another namespace', { ...pool, metadata: { name: 'kubevip', namespace: 'default' } }],
    [
      'a Traefik IngressRoute',
      { apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'r', namespace: 'default' }, spec: { routes: [] } },
    ],
    [
      'a Middleware',
      { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'm', namespace: 'default' }, spec: { headers: {} } },
    ],
    [
      'a Certificate',
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name: 'c', namespace: 'default' },
        // A namespaced Issuer: a ClusterIssuer must be one certManager.issuers defines (round 71, 71b-8).
        spec: { secretName: 'c', dnsNames: ['a.example.com'], issuerRef: { name: 'le', kind: 'Issuer' } },
      },
    ],
  ])('control: %s stays accepted', (_name, item) => {
    const { file, cluster, construct } = refusals(item);
    expect([file, cluster, construct]).toEqual(['', '', '']);
  });
});

describe('Attack 13 D6: an extraObjects item with the identity of an object this tool writes is refused', () => {
  test.each<[string, object, string]>([
    [
      'the kube-vip DaemonSet',
      { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'kube-vip-ds', namespace: 'kube-system' } },
      'DaemonSet kube-system/kube-vip-ds',
    ],
    [
      'kube-vip ClusterRole',
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:kube-vip-role' }, rules: [] },
      'ClusterRole system:kube-vip-role',
    ],
    [
      'the HelmChartConfig, namespace left to the release',
      { apiVersion: 'helm.cattle.io/v1', kind: 'HelmChartConfig', metadata: { name: 'traefik' } },
      'HelmChartConfig kube-system/traefik',
    ],
  ])('%s', (_name, item, identity) => {
    const { file, cluster, construct } = refusals(item);
    for (const text of [file, cluster, construct]) expect(text).toContain(`is ${identity}, an object this tool writes itself`);
  });

  test('control: the same names in another namespace stay accepted', () => {
    const item = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'kube-vip-ds', namespace: 'default' } };
    expect(refusals(item).file).toBe('');
  });

  test('the list of fixed objects is what the tool writes (ip-pool example: kube-vip, its cloud provider, Traefik)', () => {
    const config = parse(readFileSync(join(EXAMPLES_DIR, 'ip-pool.yaml'), 'utf8'));
    const written = objects(config)
      .filter((o) => !['Ingress', 'Service', 'ConfigMap'].includes(o.kind))
      .map((o) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`);
    expect([...written].sort()).toEqual([...FIXED_OBJECTS].sort());
  });
});

describe('Attack 13 D6 (e5): an extraObjects item is checked against the schema npm run validate uses', () => {
  const configMap = (patch: object) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: 'default' },
    ...patch,
  });
  test.each<[string, object, string]>([
    [
      'a name the API server refuses',
      configMap({ metadata: { name: 'Bad_Name', namespace: 'default' } }),
      'traefik.values.extraObjects[0].metadata.name: "Bad_Name" is not a valid name',
    ],
    [
      'an integer in ConfigMap data',
      configMap({ data: { a: 1 } }),
      'traefik.values.extraObjects[0].data.a: is 1; the Kubernetes 1.27 schema of ConfigMap expects string',
    ],
    [
      'an unknown field',
      configMap({ bogusField: true }),
      'traefik.values.extraObjects[0].bogusField: is not a field of the Kubernetes 1.27 schema of ConfigMap',
    ],
    [
      'no apiVersion',
      { kind: 'ConfigMap', metadata: { name: 'x' } },
      'traefik.values.extraObjects[0].apiVersion: is undefined; every Kubernetes object needs a string apiVersion',
    ],
  ])('%s', (_name, item, expected) => {
    const { file, cluster, construct } = refusals(item);
    expect(file).toContain(expected);
    expect(file).toContain('extraObjects items are applied as written, in the Traefik release');
    expect(cluster).toContain(expected);
    expect(construct).toContain(expected.replace('traefik.values', 'values').replace(': ', ' '));
  });

  test.each<[string, object]>([
    ['a valid ConfigMap', configMap({ data: { a: '1' } })],
    [
      'a Certificate (a cert-manager kind whose CRD is not vendored: only its names are judged)',
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name: 'c', namespace: 'default' },
        // secretName is required (names49); the rest of the spec is not judged.
        spec: { secretName: 'c-tls', anything: 1 },
      },
    ],
  ])('control: %s stays accepted', (_name, item) => {
    expect(refusals(item)).toEqual({ file: '', cluster: '', construct: '' });
  });
  // Wave 83: a kind extraObjects do not carry is refused as such (extra-object-kinds.ts), not as what a first-class key declares.
  test.each<[string, object]>([
    ['a third-party kind', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { anything: 1 } }],
    ['an Ingress-named kind of another group', { apiVersion: 'example.com/v1', kind: 'Ingress', metadata: { name: 'x' } }],
  ])('control: %s is refused only as a kind extraObjects do not carry', (_name, item) => {
    for (const message of Object.values(refusals(item))) {
      expect(message).toContain("which Traefik's extraObjects do not carry");
      expect(message).not.toContain('escapes this tool');
    }
  });
});

// Attack 14 D1, D2: an item written as one line of text (a flow mapping, JSON, tags on its words) renders to the
// same object through the chart's `tpl`, so it meets the same refusals as the map.
describe('an extraObjects item written as one line of text is judged as the object it reads as', () => {
  const ingressText =
    '{apiVersion: networking.k8s.io/v1, kind: Ingress, metadata: {name: sneaky, namespace: default}, spec: {rules: [{host: evil.example.com}]}}';
  const lbJson = JSON.stringify({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'lb2', namespace: 'default', annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.40' } },
    spec: { type: 'LoadBalancer', ports: [{ port: 6443 }], selector: { app: 'x' } },
  });
  const taggedLb =
    '{apiVersion: v1, kind: !!str Service, metadata: {name: lb3, namespace: default}, spec: {type: !!str LoadBalancer, ports: [{port: 80}], selector: {app: x}}}';
  test.each([
    ['an Ingress in flow style', ingressText, 'is an Ingress, but an object written in extraObjects escapes'],
    [
      'the kube-vip pool ConfigMap',
      '{apiVersion: v1, kind: ConfigMap, metadata: {name: kubevip, namespace: kube-system}, data: {range-global: 10.43.0.5-10.43.0.9}}',
      "is kube-vip-cloud-provider's IP pool",
    ],
    [
      "this tool's own binding",
      "{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata: {name: 'system:kube-vip-binding'}, roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}, subjects: [{kind: ServiceAccount, name: kube-vip, namespace: kube-system}]}",
      'is ClusterRoleBinding system:kube-vip-binding, an object this tool writes itself',
    ],
    ['a LoadBalancer Service as JSON', lbJson, 'is LoadBalancer Service default/lb2'],
    ['a LoadBalancer Service with !!str tags', taggedLb, 'is LoadBalancer Service default/lb3'],
  ])('%s', (_, text, expected) => {
    const { file, cluster, construct } = refusals(text as unknown as object);
    expect(file).toContain(`traefik.values.extraObjects[0]: ${expected}`);
    expect(cluster).toContain(expected);
    expect(construct).toContain(expected);
  });

  test('control: a one-line text ConfigMap of its own is accepted', () => {
    const text = '{apiVersion: v1, kind: ConfigMap, metadata: {name: notes, namespace: default}, data: {a: b}}';
    expect(refusals(text as unknown as object)).toEqual({ file: '', cluster: '', construct: '' });
  });
});
