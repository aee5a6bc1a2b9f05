import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster } from '../src/index';
import { devConfig, refusalOf, withChanges } from './helpers';

// Round 83a, 10 and 14: a non-ACME issuer in extraObjects is not sent to certManager.issuers; a Certificate may not
// write into the Secret of a generated Ingress or one K3s keeps in kube-system (src/cert-manager/certificate-secrets.ts).

const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');
function doors(items: unknown[], changes: object = {}) {
  const base = withChanges(devConfig(), changes);
  const config = withChanges(base, { traefik: { ...base.traefik, values: { extraObjects: items } } });
  return {
    file: parseConfigText('config/t.yaml', stringify(config)).errors.map(line).join('\n'),
    cluster: refusalOf(() => new K3sVipCluster(new App(), 'c', config as never)),
  };
}
const certificate = (namespace: string, secretName: string) => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'c', namespace },
  spec: { secretName, dnsNames: ['other.example.com'], issuerRef: { name: 'le', kind: 'ClusterIssuer' } },
});
const withIssuer = {
  certManager: { issuers: { le: { email: 'ops@example.com' } } },
  ingresses: [{ ...devConfig().ingresses[0], tls: { issuer: 'le' } }],
};

describe('83a-10: a cert-manager issuer that is not ACME', () => {
  it.each([
    ['a CA Issuer', { kind: 'Issuer', metadata: { name: 'ca', namespace: 'apps' }, spec: { ca: { secretName: 'ca' } } }],
    ['a selfSigned ClusterIssuer', { kind: 'ClusterIssuer', metadata: { name: 'self' }, spec: { selfSigned: {} } }],
  ])('%s is not told to use certManager.issuers', (_, issuer) => {
    const { file, cluster } = doors([{ apiVersion: 'cert-manager.io/v1', ...issuer }]);
    for (const said of [file, cluster]) {
      expect(said).toContain('is a cert-manager issuer that is not ACME, which certManager.issuers cannot declare');
      expect(said).not.toContain('declare it in certManager.issuers');
    }
  });
  it('an ACME ClusterIssuer still is', () => {
    const acme = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'le2' },
      spec: { acme: { server: 'https://acme-v02.api.letsencrypt.org/directory' } },
    };
    expect(doors([acme]).file).toContain('declare it in certManager.issuers instead');
  });
});

describe('83a-14: a Certificate may not write into a Secret this tool or K3s keeps', () => {
  const ingress = devConfig().ingresses[0];
  it.each<[string, object, string]>([
    [
      "the generated Ingress's Secret",
      certificate(ingress.namespace ?? 'default', `${ingress.name}-tls`),
      `the Secret the Ingress ${ingress.namespace ?? 'default'}/${ingress.name}'s certificate is kept in`,
    ],
    ["K3s' serving key", certificate('kube-system', 'k3s-serving'), 'a name K3s keeps for its own Secrets in kube-system'],
    [
      "a node's password, no namespace written",
      { ...certificate('kube-system', 'k3s-1.node-password.k3s'), metadata: { name: 'c' } },
      'a name K3s keeps for its own Secrets in kube-system',
    ],
  ])('%s is refused', (_, item, expected) => {
    const { file, cluster } = doors([item], withIssuer);
    expect(file).toContain(`traefik.values.extraObjects[0].spec.secretName: is`);
    expect(file).toContain(expected);
    expect(cluster).toContain(expected);
  });
  it.each<[string, object]>([
    ['a Secret of its own', certificate('default', 'other-tls')],
    ["Traefik's default certificate in kube-system", certificate('kube-system', 'traefik-default-cert')],
    ["the Ingress's Secret name in another namespace", certificate('shop', `${ingress.name}-tls`)],
  ])('%s passes', (_, item) => {
    expect(doors([item], withIssuer)).toEqual({ file: '', cluster: '' });
  });
});

describe('83a-20: an entrypoint middleware of the CRD provider that the provider does not read', () => {
  const onWebsecure = (providers: object) => ({
    providers,
    ports: { websecure: { http: { middlewares: ['kube-system-headers@kubernetescrd'] } } },
  });
  const said = (values: object) => {
    const base = devConfig();
    const config = withChanges(base, { traefik: { ...base.traefik, values } });
    return parseConfigText('config/t.yaml', stringify(config)).errors.map(line).join('\n');
  };
  it.each<[string, object, string]>([
    ['the provider off', { kubernetesCRD: { enabled: false } }, 'as the Kubernetes CRD provider is off'],
    [
      'the provider watching default only',
      { kubernetesCRD: { enabled: true, namespaces: ['default'] } },
      'as the Kubernetes CRD provider watches only default',
    ],
  ])('%s is refused', (_, providers, expected) => {
    const errors = said(onWebsecure(providers));
    expect(errors).toContain(
      'traefik.values.ports.websecure.http.middlewares: item 1 "kube-system-headers@kubernetescrd" names a Middleware the CRD provider does not read',
    );
    expect(errors).toContain(expected);
  });
  it.each<[string, object]>([
    ['the provider on (the chart default)', {}],
    ['the provider watching kube-system', { kubernetesCRD: { enabled: true, namespaces: ['apps', 'kube-system'] } }],
  ])('%s passes', (_, providers) => {
    expect(said(onWebsecure(providers))).not.toContain('@kubernetescrd');
  });
});
