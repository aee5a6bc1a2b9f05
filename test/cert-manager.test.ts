import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { find, objects, synth, synthFiles, withChanges } from './helpers';
import { certManagerValues } from '../src/cert-manager/values';
import { parseConfigText } from '../src/config/load';
import { formatPath } from '../src/core/problem';
import { checkSchema } from '../src/validate/schemas';
import { validateManifests } from '../src/validate/conformance';

const HA_EXAMPLE = parse(readFileSync('config/examples/ha.yaml', 'utf8'));
const ha = (patch: any) => withChanges(HA_EXAMPLE, patch);
const problems = (config: unknown, kind: 'errors' | 'warnings') =>
  parseConfigText('config/t.yaml', stringify(config))[kind].map((p) => `${formatPath(p.path)}: ${p.message}`);
const DNS01 = { dns01: { provider: 'cloudflare', tokenSecret: { name: 'cloudflare-token', key: 'api-token' } } };

describe('cert-manager chart values per version (deploy/charts/cert-manager/values.yaml)', () => {
  const HA = {
    replicaCount: 2,
    podDisruptionBudget: { enabled: true, minAvailable: 1 },
    webhook: { replicaCount: 3, podDisruptionBudget: { enabled: true, minAvailable: 1 } },
    cainjector: { replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 } },
  };
  test.each<[string, object]>([
    ['v1.15.0', { crds: { enabled: true, keep: true } }], // crds.enabled / crds.keep from v1.15.0, the oldest supported
    ['v1.19.1', { crds: { enabled: true, keep: true } }],
    ['v1.21.1', { crds: { enabled: true, keep: true } }],
  ])('%s: CRD values %j and the HA values', (version, crds) => {
    expect(certManagerValues(version)).toEqual({ ...crds, ...HA });
  });
});

describe('cert-manager objects', () => {
  const all = objects(HA_EXAMPLE);

  test('HelmChart: the pinned chart in kube-system, installed into namespace cert-manager, applied first by Argo CD', () => {
    const chart = find(all, 'HelmChart', 'cert-manager');
    expect(chart.apiVersion).toBe('helm.cattle.io/v1');
    expect(chart.metadata).toEqual({
      name: 'cert-manager',
      namespace: 'kube-system',
      annotations: { 'argocd.argoproj.io/sync-wave': '-1' },
    });
    const { valuesContent, ...spec } = chart.spec;
    expect(spec).toEqual({
      chart: 'oci://quay.io/jetstack/charts/cert-manager',
      version: 'v1.19.1',
      targetNamespace: 'cert-manager',
      createNamespace: true,
    });
    expect(parse(valuesContent)).toEqual(certManagerValues('v1.19.1'));
  });

  test('version "1.15.0" is read as the tag v1.15.0 and picks the crds.* keys', () => {
    const chart = find(objects(ha({ certManager: { version: '1.15.0' } })), 'HelmChart', 'cert-manager');
    expect(chart.spec.version).toBe('v1.15.0');
    expect(parse(chart.spec.valuesContent).crds).toEqual({ enabled: true, keep: true });
  });

  const issuerOf = (issuer: any) =>
    find(objects(ha({ certManager: { issuers: { letsencrypt: issuer } } })), 'ClusterIssuer', 'letsencrypt');
  test('ClusterIssuer: ACME production, HTTP-01 through IngressClass traefik, applied after the chart by Argo CD', () => {
    const issuer = find(all, 'ClusterIssuer', 'letsencrypt');
    expect(issuer.apiVersion).toBe('cert-manager.io/v1');
    expect(issuer.metadata).toEqual({
      name: 'letsencrypt',
      annotations: { 'argocd.argoproj.io/sync-wave': '1', 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' },
    });
    expect(issuer.spec).toEqual({
      acme: {
        server: 'https://acme-v02.api.letsencrypt.org/directory',
        email: 'ops@example.com',
        privateKeySecretRef: { name: 'letsencrypt-account-key' },
        solvers: [{ http01: { ingress: { ingressClassName: 'traefik' } } }],
      },
    });
  });

  test.each([
    ['staging', 'https://acme-staging-v02.api.letsencrypt.org/directory'],
    ['https://acme.example.com/directory', 'https://acme.example.com/directory'],
  ])('server %s: %s', (server, url) => {
    expect(issuerOf({ email: 'ops@example.com', server }).spec.acme.server).toBe(url);
  });

  test('DNS-01: the token Secret is referenced by name and key, no secret value is written', () => {
    expect(issuerOf({ email: 'ops@example.com', solver: DNS01 }).spec.acme.solvers).toEqual([
      { dns01: { cloudflare: { apiTokenSecretRef: { name: 'cloudflare-token', key: 'api-token' } } } },
    ]);
  });

  test('Ingress with tls.issuer: the ingress-shim annotation and a secretName per Ingress', () => {
    const ingress = find(all, 'Ingress', 'shop');
    expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
    expect(ingress.spec.tls).toEqual([{ hosts: ['shop.example.com'], secretName: 'shop-tls' }]);
  });

  test('both files are in the kustomization, the issuers in their own file; AddOn names are no K3s component', () => {
    expect([...synth(HA_EXAMPLE).keys()]).toEqual([
      'kube-vip.yaml',
      'traefik-config.yaml',
      'cert-manager.yaml',
      'cert-manager-issuers.yaml',
      'ingresses.yaml',
    ]);
    expect(
      synth(HA_EXAMPLE)
        .get('cert-manager.yaml')!
        .map((o) => o.kind),
    ).toEqual(['HelmChart']);
    expect(
      synth(HA_EXAMPLE)
        .get('cert-manager-issuers.yaml')!
        .map((o) => o.kind),
    ).toEqual(['ClusterIssuer']);
  });

  test('certManager without issuers: the chart only; no certManager: neither file', () => {
    expect([...synth(ha({ certManager: { issuers: undefined }, ingresses: [] })).keys()]).toEqual([
      'kube-vip.yaml',
      'traefik-config.yaml',
      'cert-manager.yaml',
    ]);
    expect([...synth(ha({ certManager: undefined, ingresses: [] })).keys()]).toEqual(['kube-vip.yaml', 'traefik-config.yaml']);
  });
});

describe('conformance against the vendored CRDs', () => {
  test('the HA example, HTTP-01 and DNS-01, conforms to crds/helmchart.yaml and crds/clusterissuer.yaml', () => {
    const config = ha({ certManager: { issuers: { dns: { email: 'ops@example.com', solver: DNS01 } } } });
    const files = synthFiles(config);
    expect(validateManifests(new Map([...files].map(([path, text]) => [`t/${path}`, text])))).toEqual([]);
  });

  test.each([
    [
      'HelmChart',
      {
        apiVersion: 'helm.cattle.io/v1',
        kind: 'HelmChart',
        metadata: { name: 'x', namespace: 'kube-system' },
        spec: { chart: 'x', valuesContnet: '' },
      },
      'spec.valuesContnet: is not a field of the HelmChart schema of crds/helmchart.yaml',
    ],
    [
      'ClusterIssuer',
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'ClusterIssuer',
        metadata: { name: 'x' },
        spec: {
          acme: {
            server: 'https://a.example',
            privateKeySecretRef: { name: 'k' },
            solvers: [{ http01: { ingress: { ingresClassName: 'traefik' } } }],
          },
        },
      },
      'spec.acme.solvers[0].http01.ingress.ingresClassName: is not a field of the ClusterIssuer schema of crds/clusterissuer.yaml',
    ],
  ])('a misspelt %s field is reported', (_, object, expected) => {
    expect(checkSchema(object).map((f) => `${formatPath(f.path)}: ${f.message}`)).toEqual([expect.stringContaining(expected)]);
  });
});

describe('cert-manager version', () => {
  test.each<[string, string[], string[]]>([
    [
      'v1.14.5',
      [
        'certManager.version: "v1.14.5" is older than the oldest supported cert-manager v1.15.0: older charts install their CRDs ' +
          "without helm.sh/resource-policy: keep (crds.keep), and K3s' helm-controller uninstalls a release after a failed " +
          'upgrade (failurePolicy reinstall) or when the HelmChart is deleted, which would delete every Certificate and Issuer ' +
          'with the CRDs: use v1.15.0 or newer (newest known: v1.21.1)',
      ],
      [],
    ],
    ['v1.15.0', [], []],
    ['v1.21.1', [], []],
    [
      'v1.21.2',
      [],
      [
        'certManager.version: "v1.21.2" is newer than the newest cert-manager this tool knows (v1.21.1); its chart values and ClusterIssuer fields follow that release: check the release notes',
      ],
    ],
  ])('%s', (version, errors, warnings) => {
    const config = ha({ certManager: { version } });
    expect(problems(config, 'errors')).toEqual(errors);
    expect(problems(config, 'warnings')).toEqual(warnings);
  });

  test('default: the newest known release', () => {
    expect(find(objects(ha({ certManager: { version: undefined } })), 'HelmChart', 'cert-manager').spec.version).toBe('v1.21.1');
  });
});

describe('GitOps delivery waits for the ClusterIssuer kind', () => {
  const gitops = (engine: string, config = HA_EXAMPLE) =>
    synthFiles({ ...config, gitops: { engine, repoURL: 'https://github.com/example/k3s-vip.git', path: 'dist/ha' } });
  const docs = (text: string) => text.split('\n---\n').map((d) => parse(d));

  test('Argo CD: the Application retries without end (every 5 min at most, on the newest revision) until the CRDs exist', () => {
    const [app] = docs(gitops('argocd').get('gitops/argocd.yaml')!);
    expect(app.spec.syncPolicy).toEqual({
      automated: { prune: true, selfHeal: true },
      retry: { limit: -1, backoff: { duration: '30s', factor: 2, maxDuration: '5m' }, refresh: true },
    });
    const [plain] = docs(gitops('argocd', ha({ certManager: undefined, ingresses: [] })).get('gitops/argocd.yaml')!);
    expect(plain.spec.syncPolicy).toEqual({ automated: { prune: true, selfHeal: true } });
  });

  test('Flux: the folder without ClusterIssuers, then a dependent Kustomization with only the issuers file', () => {
    const [repo, main, deferredRepo, deferred] = docs(gitops('flux').get('gitops/flux.yaml')!);
    expect(repo.metadata.name).toBe('k3s-vip-test');
    expect(main.spec.patches).toEqual([
      {
        patch: '$patch: delete\napiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: any\n',
        target: { group: 'cert-manager.io', version: 'v1', kind: 'ClusterIssuer' },
      },
    ]);
    expect(deferredRepo.spec.ignore).toBe('/*\n!/dist/\n/dist/*\n!/dist/ha/\n/dist/ha/*\n!/dist/ha/cert-manager-issuers.yaml\n');
    expect(deferred.metadata.name).toBe('k3s-vip-test-deferred');
    expect(deferred.spec).toEqual({
      dependsOn: [{ name: 'k3s-vip-test' }],
      interval: '10m',
      retryInterval: '1m',
      path: './dist/ha',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'k3s-vip-test-deferred' },
    });
  });
});
