import { readFileSync } from 'node:fs';
import { App } from 'cdk8s';
import { parse } from 'yaml';
import { chart, configErrors, devConfig, refusalOf, withChanges } from './helpers';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { effectiveTraefik } from '../src/traefik/effective';
import { writtenObjects } from '../src/cluster/written-objects';
import { validateClusterConfig } from '../src/cluster/validate';
import { FIXED_OBJECTS } from '../src/traefik/extra-objects';
import { GitOpsChart } from '../src/gitops/chart';
import { gitOpsName } from '../src/gitops/names';
import { deferredManifests } from '../src/cert-manager/wiring';
import { identityText } from '../src/core/object-identity';

/**
 * Attack 16b F1: an `extraObjects` item may not take the identity (API group, kind, namespace, name) of an object
 * this tool writes for the config, whose presence or name depends on it. configErrors reads the config as
 * config/t.yaml: cluster `t`, GitOps objects `k3s-vip-t[-deferred]`.
 */

/** config/examples/gateway.yaml: Gateway `traefik`, routes blog/blog (TLS, DNS-01 issuer letsencrypt) and monitoring/status. */
const GATEWAY = parse(readFileSync('config/examples/gateway.yaml', 'utf8'));
const CERT_MANAGER = withChanges(devConfig(), { certManager: { issuers: { le: { email: 'ops@example.com' } } } });
const ARGO = withChanges(devConfig(), { gitops: { engine: 'argocd', repoURL: 'https://github.com/example/infra.git' } });
const FLUX = withChanges(devConfig(), { gitops: { engine: 'flux', repoURL: 'https://github.com/example/infra.git' } });
const FLUX_DEFERRED = withChanges(CERT_MANAGER, { gitops: { engine: 'flux', repoURL: 'https://github.com/example/infra.git' } });
const DB = { name: 'postgres', namespace: 'data', selector: { app: 'postgres' }, ports: [{ port: 5432 }], ips: ['192.168.0.42'] };
const LOAD_BALANCED = withChanges(devConfig(), { loadBalancers: [DB] });

const object = (apiVersion: string, kind: string, name: string, namespace?: string, spec: object = {}) => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace !== undefined && { namespace }) },
  spec,
});
const HELM_CHART = (name: string, namespace?: string) =>
  object('helm.cattle.io/v1', 'HelmChart', name, namespace, {
    chart: 'oci://quay.io/jetstack/charts/cert-manager',
    version: 'v1.11.0',
    targetNamespace: 'cert-manager',
  });
const APPLICATION = (name: string) =>
  object('argoproj.io/v1alpha1', 'Application', name, 'argocd', {
    project: 'default',
    source: { repoURL: 'https://github.com/evil/x.git', path: '.' },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'kube-system' },
  });
const KUSTOMIZATION = (name: string) =>
  object('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', name, 'flux-system', {
    interval: '10m',
    path: './evil',
    prune: true,
    sourceRef: { kind: 'GitRepository', name },
  });
const GIT_REPOSITORY = (name: string) =>
  object('source.toolkit.fluxcd.io/v1', 'GitRepository', name, 'flux-system', { interval: '1m', url: 'https://github.com/evil/x.git' });
const GATEWAY_OBJECT = (name: string) =>
  object('gateway.networking.k8s.io/v1', 'Gateway', name, 'kube-system', {
    gatewayClassName: 'traefik',
    listeners: [{ name: 'web', port: 8000, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }],
  });
const ROUTE = (name: string, namespace: string) =>
  object('gateway.networking.k8s.io/v1', 'HTTPRoute', name, namespace, {
    parentRefs: [{ name: 'traefik', namespace: 'kube-system' }],
    rules: [{ backendRefs: [{ name: 'evil', port: 80 }] }],
  });
const SERVICE = (name: string, namespace: string) =>
  object('v1', 'Service', name, namespace, { type: 'ClusterIP', selector: { app: 'evil' }, ports: [{ port: 5432 }] });

const withExtra = (base: object, item: unknown) => withChanges(base, { traefik: { values: { extraObjects: [item] } } });
const errorsOf = (base: object, item: unknown) => configErrors(withExtra(base, item)).join('\n');
const owned = (identity: string, key: string) =>
  `traefik.values.extraObjects[0]: is ${identity}, an object this tool writes itself: two owners overwrite each other (and Helm ` +
  `refuses to adopt an object it did not create), so give the item another name, or change the object through its first-class keys (${key})`;

type Case = [label: string, base: object, item: object, identity: string, key: string];
const TAKEN: Case[] = [
  [
    'c37: the cert-manager HelmChart',
    CERT_MANAGER,
    HELM_CHART('cert-manager', 'kube-system'),
    'HelmChart kube-system/cert-manager',
    'certManager',
  ],
  [
    'the cert-manager HelmChart without a namespace',
    CERT_MANAGER,
    HELM_CHART('cert-manager'),
    'HelmChart kube-system/cert-manager',
    'certManager',
  ],
  [
    'the cert-manager HelmChart under another version of its group',
    CERT_MANAGER,
    { ...HELM_CHART('cert-manager', 'kube-system'), apiVersion: 'helm.cattle.io/v2' },
    'HelmChart kube-system/cert-manager',
    'certManager',
  ],
  ['c35: the Argo CD Application', ARGO, APPLICATION('k3s-vip-t'), 'Application argocd/k3s-vip-t', 'gitops'],
  ['c38: the Flux Kustomization', FLUX, KUSTOMIZATION('k3s-vip-t'), 'Kustomization flux-system/k3s-vip-t', 'gitops'],
  ['the Flux GitRepository', FLUX, GIT_REPOSITORY('k3s-vip-t'), 'GitRepository flux-system/k3s-vip-t', 'gitops'],
  [
    'the deferred Flux Kustomization',
    FLUX_DEFERRED,
    KUSTOMIZATION('k3s-vip-t-deferred'),
    'Kustomization flux-system/k3s-vip-t-deferred',
    'gitops',
  ],
  ['c40: the Gateway', GATEWAY, GATEWAY_OBJECT('traefik'), 'Gateway kube-system/traefik', 'traefik.gateway'],
  [
    'a renamed Gateway',
    withChanges(GATEWAY, { traefik: { gateway: { name: 'edge' } } }),
    GATEWAY_OBJECT('edge'),
    'Gateway kube-system/edge',
    'traefik.gateway',
  ],
  ['an HTTPRoute of httpRoutes', GATEWAY, ROUTE('status', 'monitoring'), 'HTTPRoute monitoring/status', 'httpRoutes[1]'],
  [
    'the HTTPS redirect route',
    GATEWAY,
    ROUTE('redirect.blog.example.com', 'kube-system'),
    'HTTPRoute kube-system/redirect.blog.example.com',
    'httpRoutes (the HTTPS redirect of blog.example.com)',
  ],
  ['a loadBalancers Service', LOAD_BALANCED, SERVICE('postgres', 'data'), 'Service data/postgres', 'loadBalancers[0]'],
];

describe('F1: an extraObjects item taking the identity of an object the config makes is refused, naming the key', () => {
  test.each(TAKEN)('%s, as a map', (_, base, item, identity, key) => {
    expect(errorsOf(base, item)).toContain(owned(identity, key));
  });
  test.each(TAKEN)('%s, as JSON text', (_, base, item, identity, key) => {
    expect(errorsOf(base, JSON.stringify(item))).toContain(owned(identity, key));
  });
  test('the bases are valid without the item (the refusals are the items)', () => {
    for (const base of [CERT_MANAGER, ARGO, FLUX, FLUX_DEFERRED, GATEWAY, LOAD_BALANCED]) expect(configErrors(base)).toEqual([]);
  });
});

// Attack 19b D7: any other helm-controller HelmChart is refused too, as a release outside this tool's rules (test/attack19-extra.test.ts).
describe('a helm-controller HelmChart the config does not make is refused as such, not as a claim', () => {
  test.each<[string, object, object]>([
    ['a HelmChart of another name', CERT_MANAGER, HELM_CHART('other', 'kube-system')],
    ['a HelmChart cert-manager in another namespace', CERT_MANAGER, HELM_CHART('cert-manager', 'tools')],
    ['the HelmChart cert-manager without certManager', devConfig(), HELM_CHART('cert-manager', 'kube-system')],
  ])('%s', (_, base, item) => {
    for (const written of [item, JSON.stringify(item)]) {
      const errors = errorsOf(base, written);
      expect(errors).toContain('traefik.values.extraObjects[0]: is a helm-controller HelmChart');
      expect(errors).not.toContain('an object this tool writes itself');
    }
  });
});

describe('controls: the same kinds stay accepted where the config makes no such object', () => {
  test.each<[string, object, object]>([
    ['a Gateway of another name', GATEWAY, GATEWAY_OBJECT('other')],
    // Of another namespace the Gateway admits (one it does not is refused as such: 72a-4).
    ['an HTTPRoute of another namespace', GATEWAY, ROUTE('status', 'blog')],
    ['a Service of another name', LOAD_BALANCED, SERVICE('cache', 'data')],
    ['the Service without loadBalancers', devConfig(), SERVICE('postgres', 'data')],
  ])('%s', (_, base, item) => {
    expect(errorsOf(base, item)).toBe('');
    expect(errorsOf(base, JSON.stringify(item))).toBe('');
  });
  // Wave 83: of another group it is no kind extraObjects carry (extra-object-kinds.ts), and no claim.
  test('a kind HelmChart of another group is refused only as a kind extraObjects do not carry', () => {
    const item = { ...HELM_CHART('cert-manager', 'kube-system'), apiVersion: 'example.com/v1' };
    const errors = errorsOf(CERT_MANAGER, item);
    expect(errors).toContain("is a HelmChart of API group example.com, which Traefik's extraObjects do not carry");
    expect(errors).not.toContain('an object this tool writes itself');
  });
});

// Attack 20b D9: an Argo CD Application this tool does not write is no claim, but a release outside this tool's rules
// (test/attack20-extra.test.ts), refused as such.
describe('an Argo CD Application the config does not make is refused as a release, not as a claim', () => {
  test.each<[string, object, object]>([
    ["another cluster's Application", ARGO, APPLICATION('k3s-vip-other')],
    ['the Application without gitops', devConfig(), APPLICATION('k3s-vip-t')],
    ['the Application under flux', FLUX, APPLICATION('k3s-vip-t')],
  ])('%s', (_, base, item) => {
    for (const written of [item, JSON.stringify(item)]) {
      const errors = errorsOf(base, written);
      expect(errors).toContain('traefik.values.extraObjects[0]: is an Argo CD Application');
      expect(errors).not.toContain('an object this tool writes itself');
    }
  });
});

// Attack 21b D4: a Flux Kustomization does the Application's job, and is refused the same way where the config makes none.
describe('a Flux Kustomization the config does not make is refused as a release, not as a claim', () => {
  test.each<[string, object, object]>([
    ['the deferred Kustomization without deferred manifests', FLUX, KUSTOMIZATION('k3s-vip-t-deferred')],
    ['a Kustomization without gitops', devConfig(), KUSTOMIZATION('kube-vip')],
  ])('%s', (_, base, item) => {
    for (const written of [item, JSON.stringify(item)]) {
      const errors = errorsOf(base, written);
      expect(errors).toContain('traefik.values.extraObjects[0]: is a Flux Kustomization, which Flux applies outside');
      expect(errors).not.toContain('an object this tool writes itself');
    }
  });
});

describe('the construct API runs the same rule', () => {
  const cluster = (props: object) => refusalOf(() => new K3sVipCluster(new App(), 'c', props));
  test.each<[string, object, object, string, string]>([
    ['the cert-manager HelmChart', CERT_MANAGER, HELM_CHART('cert-manager'), 'HelmChart kube-system/cert-manager', 'certManager'],
    ['the Gateway', GATEWAY, GATEWAY_OBJECT('traefik'), 'Gateway kube-system/traefik', 'traefik.gateway'],
    ['a loadBalancers Service', LOAD_BALANCED, SERVICE('postgres', 'data'), 'Service data/postgres', 'loadBalancers[0]'],
  ])('K3sVipCluster refuses %s', (_, base, item, identity, key) => {
    expect(cluster(withExtra(base, item))).toContain(owned(identity, key));
    expect(cluster(withExtra(base, JSON.stringify(item)))).toContain(owned(identity, key));
    // Renamed, the item is no claim; a HelmChart is then refused as a helm-controller release (attack 19b D7).
    const renamed = cluster(withExtra(base, { ...item, metadata: { ...(item as any).metadata, name: 'other' } }));
    if ((item as any).kind === 'HelmChart') expect(renamed).toContain('is a helm-controller HelmChart');
    else expect(renamed).toBe('');
  });
  test('a TraefikHelmChartConfig alone cannot know the cluster-level objects (documented), but refuses any helm-controller HelmChart', () => {
    const alone = (item: object) =>
      refusalOf(() => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41'], values: { extraObjects: [item] } }));
    expect(alone(HELM_CHART('cert-manager', 'kube-system'))).toContain('is a helm-controller HelmChart');
    expect(alone(GATEWAY_OBJECT('traefik'))).toBe('');
    expect(alone(object('helm.cattle.io/v1', 'HelmChartConfig', 'traefik', 'kube-system'))).toContain('an object this tool writes itself');
  });
});

/** Every object the charts write is known to the rule: writtenObjects, FIXED_OBJECTS, or a kind a first-class key declares. */
describe('writtenObjects names every object the cluster writes (no second list to drift)', () => {
  const FIRST_CLASS = new Set(['Ingress', 'ConfigMap kube-system/kubevip']);
  test.each<[string, object]>([
    [
      'gateway, cert-manager, argocd',
      withChanges(GATEWAY, { gitops: { engine: 'argocd', repoURL: 'https://github.com/example/infra.git' } }),
    ],
    ['cert-manager issuers, flux (deferred), loadBalancers', withChanges(FLUX_DEFERRED, { loadBalancers: [DB] })],
    ['an IP pool', withChanges(devConfig(), { kubeVip: { services: { ipPool: { global: { range: '192.168.0.200-192.168.0.210' } } } } })],
  ])('%s', (_, config: any) => {
    const app = new App();
    // As synth builds it: from the config the pipeline gave (K3sVipCluster refuses a gitops prop of its own: 61b-9).
    const made = new K3sVipCluster(app, 't', validateClusterConfig(config).config!);
    const { engine, repoURL } = config.gitops ?? {};
    if (engine) {
      new GitOpsChart(app, 'gitops', {
        engine,
        repoURL,
        revision: 'main',
        path: 'dist/t',
        name: gitOpsName('t'),
        deferredManifests: deferredManifests(made.config),
      });
    }
    const known = new Set([...FIXED_OBJECTS, ...writtenObjects(made.config, engine && 't').map(identityText)]);
    const written = app.charts
      .flatMap((c) => c.toJson())
      .map((o: any) => identityText({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name }));
    expect(written.length).toBeGreaterThan(4);
    expect(written.filter((w) => !known.has(w) && !FIRST_CLASS.has(w) && !FIRST_CLASS.has(w.split(' ')[0]))).toEqual([]);
  });
});

describe('c10: an entrypoint is exposed on a Service when its expose value is true as Go templates read it', () => {
  // traefik/traefik-helm-chart traefik/templates/_service.tpl (v27.0.0 to v41.3.0): `if (index (default dict $config.expose) $.serviceName)`.
  const settings = { chartVersion: '39.0.7', kubeVipVersion: 'v1.2.3', loadBalancerIPs: ['192.168.0.41'] };
  const services = (internal: unknown) =>
    effectiveTraefik({
      ...settings,
      values: {
        service: { additionalServices: { internal: { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.45' } } } },
        ports: { web: { expose: { default: true, internal } } },
      },
    }).services.map((s) => s.name);
  test.each([[true], [1], [0.5], ['yes'], ['false'], [{ a: 1 }], [[1]]])('expose.internal: %j renders the port', (value) => {
    expect(services(value)).toEqual(['traefik', 'traefik-internal']);
  });
  test.each([[false], [0], [''], [null], [[]], [{}]])('expose.internal: %j renders none', (value) => {
    expect(services(value)).toEqual(['traefik']);
  });
  test('the config file: a truthy value is accepted, a falsy one refused for its missing port', () => {
    const config = (internal: unknown) =>
      configErrors(
        withChanges(devConfig(), {
          traefik: {
            values: {
              service: { additionalServices: { internal: { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.45' } } } },
              ports: { web: { expose: { default: true, internal } } },
            },
          },
        }),
      ).join('\n');
    expect(config(1)).toBe('');
    expect(config('yes')).toBe('');
    expect(config(0)).toContain('leaves Service traefik-internal with no port');
    expect(config('')).toContain('leaves Service traefik-internal with no port');
  });
});
