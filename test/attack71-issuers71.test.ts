import { ApiObject, App, Chart } from 'cdk8s';
import { CertManagerIssuersChart, IngressChart, K3sVipCluster, TraefikIngress } from '../src/index';
import { configErrors, devConfig, refusalOf, withChanges } from './helpers';

/**
 * Round 71 (issuers71): cert-manager objects meet the same issuer rules at every door. A Certificate or namespaced
 * Issuer beside a K3sVipCluster is a real kind (71b-7); a Certificate naming a ClusterIssuer nothing defines, or an
 * HTTP-01 one for a wildcard, is refused in extraObjects as beside and as an Ingress's issuer is (71b-8); an Ingress
 * beside a cluster without certManager may not name an undefined ClusterIssuer (71b-9, 71d-2); an ACME ClusterIssuer
 * beside the cluster gets certManager.issuers' e-mail and server checks (71b-16). Each refused row has a passing neighbour.
 */
type Props = Record<string, any>;
const LE = { le: { email: 'ops@example.com', solver: 'http01' } };
const DNS = { dns: { email: 'ops@example.com', solver: { dns01: { provider: 'cloudflare', tokenSecret: { name: 'cf', key: 'token' } } } } };
const withIssuers = (issuers?: object): Props => {
  const base = withChanges(devConfig(), { certManager: undefined });
  return issuers ? withChanges(base, { certManager: { issuers } }) : base;
};
const certificate = (issuer: string, dnsNames: string[], kind = 'ClusterIssuer') => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'c', namespace: 'default' },
  spec: { secretName: 'c-tls', dnsNames, issuerRef: { name: issuer, kind } },
});
const selfSignedIssuer = {
  apiVersion: 'cert-manager.io/v1',
  kind: 'Issuer',
  metadata: { name: 'selfsigned', namespace: 'default' },
  spec: { selfSigned: {} },
};
const acmeIssuer = (name: string, acme: object = {}, solvers: object[] = [{ http01: { ingress: { ingressClassName: 'traefik' } } }]) => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'ClusterIssuer',
  metadata: { name },
  spec: {
    acme: {
      server: 'https://acme-v02.api.letsencrypt.org/directory',
      email: 'ops@example.com',
      privateKeySecretRef: { name: `${name}-key` },
      solvers,
      ...acme,
    },
  },
});
const DNS_SOLVER = [{ dns01: { cloudflare: { apiTokenSecretRef: { name: 'cf', key: 'token' } } } }];
const ingress = (issuer: string, host = 'blog.example.com') => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'blog', namespace: 'default', annotations: { 'cert-manager.io/cluster-issuer': issuer } },
  spec: {
    ingressClassName: 'traefik',
    rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'x', port: { number: 80 } } } }] } }],
    tls: [{ hosts: [host], secretName: 'blog-tls' }],
  },
});
const put =
  (...objects: object[]) =>
  (chart: Chart) =>
    objects.forEach((o, i) => new ApiObject(chart, `o${i}`, o as never));

const NOT_DEFINED = /"nosuch" is not defined/;
const WILDCARD = /"\*\.example\.com" is a wildcard, but issuer "le" uses HTTP-01/;

// Beside a K3sVipCluster: [case, cluster props, sibling chart's contents, refusal expected (undefined: accepted)]
const BESIDE: Array<[string, () => Props, (chart: Chart) => void, RegExp | undefined]> = [
  // 71b-7: real cert-manager kinds
  ['7 Certificate naming a defined issuer', () => withIssuers(LE), put(certificate('le', ['b.example.com'])), undefined],
  ['7 namespaced Issuer (selfSigned)', () => withIssuers(LE), put(selfSignedIssuer), undefined],
  [
    '7 Certificate of a namespaced Issuer beside it',
    () => withIssuers(LE),
    put(selfSignedIssuer, certificate('selfsigned', ['b.example.com'], 'Issuer')),
    undefined,
  ],
  [
    '7 CertificateRequest',
    () => withIssuers(LE),
    put({
      apiVersion: 'cert-manager.io/v1',
      kind: 'CertificateRequest',
      metadata: { name: 'r', namespace: 'default' },
      spec: { request: 'AAAA', issuerRef: { name: 'le', kind: 'ClusterIssuer' } },
    }),
    undefined,
  ],
  [
    '7 misspelt kind of cert-manager.io',
    () => withIssuers(LE),
    put({ ...certificate('le', ['b.example.com']), kind: 'Certifcate' }),
    /kind is "Certifcate", which "cert-manager\.io\/v1" does not have/,
  ],
  // 71b-8: a Certificate beside
  [
    '8 Certificate naming an undefined ClusterIssuer',
    () => withIssuers(LE),
    put(certificate('nosuch', ['b.example.com'])),
    /spec\.issuerRef\.name "nosuch" is not defined: certManager\.issuers has "le"/,
  ],
  ['8 Certificate asking HTTP-01 for a wildcard', () => withIssuers(LE), put(certificate('le', ['*.example.com'])), WILDCARD],
  [
    '8 neighbour: Certificate asking DNS-01 for a wildcard',
    () => withIssuers({ ...LE, ...DNS }),
    put(certificate('dns', ['*.example.com'])),
    undefined,
  ],
  [
    '8 Certificate naming an app ClusterIssuer',
    () => withIssuers(LE),
    put(acmeIssuer('mine'), certificate('mine', ['b.example.com'])),
    undefined,
  ],
  [
    '8 Certificate asking an app HTTP-01 ClusterIssuer for a wildcard',
    () => withIssuers(),
    put(acmeIssuer('mine'), certificate('mine', ['*.example.com'])),
    /issuer "mine" uses HTTP-01/,
  ],
  [
    '8 neighbour: wildcard of an app DNS-01 ClusterIssuer',
    () => withIssuers(),
    put(acmeIssuer('mine', {}, DNS_SOLVER), certificate('mine', ['*.example.com'])),
    undefined,
  ],
  [
    '8 Ingress wildcard on an app HTTP-01 ClusterIssuer',
    () => withIssuers(),
    put(acmeIssuer('mine'), ingress('mine', '*.example.com')),
    /issuer "mine" uses HTTP-01/,
  ],
  [
    '8 neighbour: Certificate of an undefined namespaced Issuer (not judged)',
    () => withIssuers(LE),
    put(certificate('nosuch', ['b.example.com'], 'Issuer')),
    undefined,
  ],
  // 71b-9, 71d-2: no certManager
  [
    '9 Ingress naming an undefined ClusterIssuer, no certManager',
    () => withIssuers(),
    put(ingress('nosuch')),
    /cert-manager\.io\/cluster-issuer"\] "nosuch" is not defined: there is no certManager\.issuers/,
  ],
  [
    '9 Certificate naming an undefined ClusterIssuer, no certManager',
    () => withIssuers(),
    put(certificate('nosuch', ['b.example.com'])),
    NOT_DEFINED,
  ],
  [
    '9 neighbour: Ingress naming an app ClusterIssuer, no certManager',
    () => withIssuers(),
    put(acmeIssuer('mine'), ingress('mine')),
    undefined,
  ],
  ['9 neighbour: Ingress naming a certManager issuer', () => withIssuers(LE), put(ingress('le')), undefined],
  [
    '9 neighbour: Ingress without an issuer, no certManager',
    () => withIssuers(),
    put({ ...ingress('x'), metadata: { name: 'blog', namespace: 'default' } }),
    undefined,
  ],
  // 71b-16: an ACME ClusterIssuer beside
  [
    '16 ClusterIssuer with a bad e-mail',
    () => withIssuers(LE),
    put(acmeIssuer('mine', { email: 'not-an-email' })),
    /ClusterIssuer\/mine \(construct mine\/o0\): spec\.acme\.email "not-an-email" is not a plain e-mail address/,
  ],
  [
    '16 ClusterIssuer on an http:// server',
    () => withIssuers(LE),
    put(acmeIssuer('mine', { server: 'http://acme.example.org/directory' })),
    /spec\.acme\.server "http:\/\/acme\.example\.org\/directory" is not an https:\/\/ URL/,
  ],
  [
    '16 namespaced ACME Issuer with a bad e-mail',
    () => withIssuers(),
    put({ ...acmeIssuer('mine', { email: 'x' }), kind: 'Issuer', metadata: { name: 'mine', namespace: 'default' } }),
    /spec\.acme\.email "x" is not a plain e-mail address/,
  ],
  ['16 neighbour: a valid ACME ClusterIssuer', () => withIssuers(LE), put(acmeIssuer('mine')), undefined],
  [
    '16 neighbour: a valid ACME ClusterIssuer on a private CA',
    () => withIssuers(),
    put(acmeIssuer('mine', { server: 'https://ca.example.org/acme/directory' })),
    undefined,
  ],
];

describe('round 71: cert-manager objects beside a K3sVipCluster meet the issuer rules (issuers71)', () => {
  test.each(BESIDE)('%s', (_name, props, siblings, expected) => {
    const message = refusalOf(() => {
      const app = new App();
      new K3sVipCluster(app, 'dev', props() as never);
      siblings(new Chart(app, 'mine'));
      app.synthYaml();
    });
    if (expected) expect(message).toMatch(expected);
    else expect(message).toBe('');
  });
});

describe('round 71: a TraefikIngress beside a K3sVipCluster without certManager names a defined ClusterIssuer (71b-9)', () => {
  test.each([
    ['nosuch', NOT_DEFINED],
    ['le', undefined],
  ] as const)('clusterIssuer %s', (issuer, expected) => {
    const message = refusalOf(() => {
      const app = new App();
      new K3sVipCluster(app, 'dev', withIssuers(issuer === 'le' ? LE : undefined) as never);
      new TraefikIngress(new Chart(app, 'mine'), 'i', { name: 'i2', host: 'b.example.com', service: 'x', port: 80, clusterIssuer: issuer });
      app.synthYaml();
    });
    if (expected) expect(message).toMatch(expected);
    else expect(message).toBe('');
  });
});

describe('round 71: the lower-level constructs beside a CertManagerIssuersChart (71d-2)', () => {
  test.each([
    ['undefined issuer', 'a.example.com', 'nope', /"nope" is not defined/],
    ['wildcard on HTTP-01', '*.example.com', 'le', /"\*\.example\.com" is a wildcard, but issuer "le" uses HTTP-01/],
    ['neighbour: defined issuer', 'a.example.com', 'le', undefined],
  ] as const)('%s', (_name, host, clusterIssuer, expected) => {
    const message = refusalOf(() => {
      const app = new App();
      new IngressChart(app, 'ing', { ingresses: [{ name: 'a', host, service: 's', port: 80, clusterIssuer }] });
      new CertManagerIssuersChart(app, 'cmi', { issuers: [{ name: 'le', email: 'a@example.com', solver: 'http01' }] });
      app.synthYaml();
    });
    if (expected) expect(message).toMatch(expected);
    else expect(message).toBe('');
  });
});

// The config and construct-props doors: a Certificate in traefik.values.extraObjects, [case, issuers, certificate, refusal]
const EXTRA: Array<[string, object | undefined, object, RegExp | undefined]> = [
  [
    '8 extraObjects Certificate naming an undefined ClusterIssuer',
    LE,
    certificate('nosuch', ['b.example.com']),
    /extraObjects\[0\]\.spec\.issuerRef\.name: "nosuch" is not defined: certManager\.issuers has "le"/,
  ],
  [
    '8 extraObjects Certificate, no certManager',
    undefined,
    certificate('nosuch', ['b.example.com']),
    /"nosuch" is not defined: there is no certManager\.issuers/,
  ],
  [
    '8 extraObjects Certificate asking HTTP-01 for a wildcard',
    LE,
    certificate('le', ['*.example.com']),
    /extraObjects\[0\]\.spec\.dnsNames\[0\]: "\*\.example\.com" is a wildcard, but issuer "le" uses HTTP-01/,
  ],
  ['8 neighbour: extraObjects Certificate of a defined issuer', LE, certificate('le', ['b.example.com']), undefined],
  [
    '8 neighbour: extraObjects wildcard Certificate of a DNS-01 issuer',
    { ...LE, ...DNS },
    certificate('dns', ['*.example.com']),
    undefined,
  ],
  ['8 neighbour: extraObjects Certificate of a namespaced Issuer', LE, certificate('nosuch', ['b.example.com'], 'Issuer'), undefined],
];

describe('round 71: a Certificate in extraObjects is judged as an Ingress issuer (71b-8)', () => {
  test.each(EXTRA)('config door: %s', (_name, issuers, object, expected) => {
    const config = withChanges(withIssuers(issuers), { traefik: { values: { extraObjects: [object] } } });
    const errors = configErrors(config).join('\n');
    if (expected) expect(errors).toMatch(expected);
    else expect(errors).toBe('');
  });
  test.each(EXTRA)('construct props: %s', (_name, issuers, object, expected) => {
    const props = withChanges(withIssuers(issuers), { traefik: { values: { extraObjects: [object] } } });
    const message = refusalOf(() => {
      const app = new App();
      new K3sVipCluster(app, 'dev', props as never);
      app.synthYaml();
    });
    if (expected) expect(message).toMatch(expected);
    else expect(message).toBe('');
  });
});

describe('round 71: an Ingress a user adds under a K3sVipCluster names a defined ClusterIssuer (71d-2)', () => {
  test.each([
    ['undefined issuer, no certManager', undefined, 'nosuch', /"nosuch" is not defined: there is no certManager\.issuers/],
    ['undefined issuer, certManager', LE, 'nosuch', /"nosuch" is not defined: certManager\.issuers has "le"/],
    ['neighbour: the certManager issuer', LE, 'le', undefined],
  ] as const)('%s', (_name, issuers, issuer, expected) => {
    const message = refusalOf(() => {
      const app = new App();
      const cluster = new K3sVipCluster(app, 'dev', withIssuers(issuers) as never);
      put(ingress(issuer))(new Chart(cluster, 'mine'));
      app.synthYaml();
    });
    if (expected) expect(message).toMatch(expected);
    else expect(message).toBe('');
  });
});
