import { App } from 'cdk8s';
import { chart, configErrors, devConfig, refusalOf, withTraefikValues } from './helpers';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';

/**
 * Attack round 20b, D2 and D6 to D10: escape hatches of Traefik's values held to the rules of the first-class keys.
 * A budget selecting Traefik's pods by a label their controller adds, an entrypoint's default resolver, a resolver of
 * traefik.externalCertResolvers through the constructs, kube-vip as a Traefik sidecar, a Flux or Argo CD release, and
 * an IngressRoute on a first-class Ingress' host and path.
 */

const extra = (...items: unknown[]) => ({ extraObjects: items });
const errorsOf = (values: unknown, traefik: object = {}, base = devConfig()) =>
  configErrors(withTraefikValues(values, traefik, base)).join('\n');
const construct = (props: Record<string, unknown>) =>
  refusalOf(() => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41'], ...props }));

const PDB = "is a PodDisruptionBudget whose selector matches Traefik's pods";
const NOPE = '"nope" is not defined: Traefik would serve its self-signed default certificate';
const NOPE_CONFIG = `${NOPE}. Define it under traefik.certResolvers, or list it in traefik.externalCertResolvers if it is configured elsewhere`;
const KUBE_VIP = "runs kube-vip, but a copy written in Traefik's own pods";
const SAME_ROUTE =
  'host "k3s.code-place-dev.site" with path "/" is already routed by ingresses[0]; only one of the two would get the traffic';

const pdb = (selector: object, metadata: object = { name: 'pdb1' }) => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata,
  spec: { maxUnavailable: 0, selector },
});
const exists = (key: string) => ({ matchExpressions: [{ key, operator: 'Exists' }] });

describe('D2: a budget selecting Traefik pods by a label their controller adds', () => {
  it.each([
    ['P03: pod-template-hash Exists (Deployment)', {}, pdb(exists('pod-template-hash')), PDB],
    [
      'pod-template-hash In an unknown value',
      {},
      pdb({ matchExpressions: [{ key: 'pod-template-hash', operator: 'In', values: ['abc'] }] }),
      PDB,
    ],
    ['pod-template-hash by matchLabels', {}, pdb({ matchLabels: { 'pod-template-hash': '5d8f' } }), PDB],
    ['pod-template-hash NotIn', {}, pdb({ matchExpressions: [{ key: 'pod-template-hash', operator: 'NotIn', values: ['x'] }] }), PDB],
    [
      'P06: controller-revision-hash Exists (DaemonSet)',
      { deployment: { kind: 'DaemonSet' } },
      pdb(exists('controller-revision-hash')),
      PDB,
    ],
    ['pod-template-generation Exists (DaemonSet)', { deployment: { kind: 'DaemonSet' } }, pdb(exists('pod-template-generation')), PDB],
    [
      'the chart name and pod-template-hash',
      {},
      pdb({ matchLabels: { 'app.kubernetes.io/name': 'traefik' }, ...exists('pod-template-hash') }),
      PDB,
    ],
    [
      'control: pod-template-hash DoesNotExist',
      {},
      pdb({ matchExpressions: [{ key: 'pod-template-hash', operator: 'DoesNotExist' }] }),
      undefined,
    ],
    ['control: controller-revision-hash of a Deployment', {}, pdb(exists('controller-revision-hash')), undefined],
    ['control: pod-template-hash of a DaemonSet', { deployment: { kind: 'DaemonSet' } }, pdb(exists('pod-template-hash')), undefined],
    ['control: pod-template-hash with another app', {}, pdb({ matchLabels: { app: 'frontend', 'pod-template-hash': 'x' } }), undefined],
    [
      'control: pod-template-hash in another namespace',
      {},
      pdb(exists('pod-template-hash'), { name: 'pdb1', namespace: 'default' }),
      undefined,
    ],
  ])('%s', (_, values, item, expected) => {
    const errors = errorsOf({ ...values, ...extra(item) });
    if (expected) expect(errors).toContain(`traefik.values.extraObjects[0]: ${expected}`);
    else expect(errors).toBe('');
  });

  it('through TraefikHelmChartConfig', () => {
    expect(construct({ values: extra(pdb(exists('pod-template-hash'))) })).toContain(PDB);
    expect(construct({ values: extra(pdb(exists('controller-revision-hash'))) })).toBe('');
  });
});

describe("D6: an entrypoint's default resolver must be defined", () => {
  const le = { certResolvers: { le: { email: 'a@b.io' } } };
  it.each([
    [
      'T02: ports.websecure.http.tls.certResolver (v39)',
      { ports: { websecure: { http: { tls: { enabled: true, certResolver: 'nope' } } } } },
      {},
      'traefik.values.ports.websecure.http.tls.certResolver',
      NOPE_CONFIG,
    ],
    [
      'websecure enabled by the chart default',
      { ports: { websecure: { http: { tls: { certResolver: 'nope' } } } } },
      {},
      'traefik.values.ports.websecure.http.tls.certResolver',
      NOPE_CONFIG,
    ],
    [
      'ports.websecure.tls.certResolver (v38)',
      { ports: { websecure: { tls: { enabled: true, certResolver: 'nope' } } } },
      { chartVersion: '38.0.2' },
      'traefik.values.ports.websecure.tls.certResolver',
      NOPE_CONFIG,
    ],
    [
      'T03: the flag',
      { additionalArguments: ['--entrypoints.websecure.http.tls.certresolver=nope'] },
      {},
      'traefik.values.additionalArguments[0]',
      NOPE_CONFIG,
    ],
    [
      'the flag in another case',
      { additionalArguments: ['--entryPoints.websecure.http.tls.certResolver=nope'] },
      {},
      'traefik.values.additionalArguments[0]',
      NOPE_CONFIG,
    ],
    [
      'a spelling that differs in case alone',
      { ports: { websecure: { http: { tls: { certResolver: 'Default' } } } } },
      {},
      'traefik.values.ports.websecure.http.tls.certResolver',
      '"Default" is not defined, only "default", which differs in case alone',
    ],
    ['control: an external resolver', { ports: { websecure: { http: { tls: { certResolver: 'default' } } } } }, {}, '', undefined],
    [
      'control: a resolver of certResolvers, by flag',
      { additionalArguments: ['--entrypoints.websecure.http.tls.certresolver=le'] },
      le,
      '',
      undefined,
    ],
    [
      'control: a defined resolver (v38)',
      { ports: { websecure: { tls: { certResolver: 'le' } } } },
      { ...le, chartVersion: '38.0.2' },
      '',
      undefined,
    ],
    [
      'control: TLS off on the entrypoint',
      { ports: { websecure: { http: { tls: { enabled: false, certResolver: 'nope' } } } } },
      {},
      '',
      undefined,
    ],
    [
      'control: enabled null deletes the chart default, so TLS is off (the values schema refuses the null itself)',
      { ports: { websecure: { http: { tls: { enabled: null, certResolver: 'nope' } } } } },
      {},
      '',
      'skip',
    ],
    [
      'control: the old key under v39, which the chart ignores',
      { ports: { websecure: { tls: { certResolver: 'nope' } } } },
      {},
      '',
      'skip',
    ],
  ])('%s', (_, values, traefik, path, expected) => {
    const errors = errorsOf(values, traefik);
    if (expected === 'skip') expect(errors).not.toContain(NOPE);
    else if (expected) expect(errors).toContain(`${path}: ${expected}`);
    else expect(errors).toBe('');
  });

  it('through the constructs', () => {
    const values = { ports: { websecure: { http: { tls: { certResolver: 'nope' } } } } };
    expect(refusalOf(() => new K3sVipCluster(new App(), 'c', withTraefikValues(values)))).toContain(NOPE);
    expect(construct({ values })).toContain(
      `values.ports.websecure.http.tls.certResolver ${NOPE}. Define it under certResolvers, or list it in externalCertResolvers`,
    );
    expect(construct({ values, externalCertResolvers: ['nope'] })).toBe('');
    expect(
      construct({
        values: { additionalArguments: ['--entrypoints.websecure.http.tls.certresolver=le'] },
        certResolvers: { le: { email: 'a@b.io' } },
      }),
    ).toBe('');
  });
});

describe('D7: the constructs know traefik.externalCertResolvers', () => {
  const route = (host: string, certResolver: string) => ({
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRoute',
    metadata: { name: 'r1', namespace: 'default' },
    spec: {
      entryPoints: ['websecure'],
      routes: [{ match: `Host(\`${host}\`)`, kind: 'Rule', services: [{ name: 'other', port: 80 }] }],
      tls: { certResolver },
    },
  });
  const store = {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'TLSStore',
    metadata: { name: 'default', namespace: 'default' },
    spec: { defaultGeneratedCert: { resolver: 'default' } },
  };

  it('J03: K3sVipCluster accepts an IngressRoute and a TLSStore naming an external resolver', () => {
    expect(refusalOf(() => new K3sVipCluster(new App(), 'c', withTraefikValues(extra(route('other.example.com', 'default'), store))))).toBe(
      '',
    );
    expect(errorsOf(extra(route('other.example.com', 'default'), store))).toBe('');
  });

  it('control: K3sVipCluster still refuses an undefined one', () => {
    expect(refusalOf(() => new K3sVipCluster(new App(), 'c', withTraefikValues(extra(route('other.example.com', 'nope')))))).toContain(
      NOPE,
    );
  });

  it('TraefikHelmChartConfig takes externalCertResolvers, and its message names its own props', () => {
    expect(construct({ values: extra(route('other.example.com', 'default')) })).toContain(
      'values.extraObjects[0].spec.tls.certResolver "default" is not defined: Traefik would serve its self-signed default certificate. Define it under certResolvers, or list it in externalCertResolvers if it is configured elsewhere',
    );
    expect(construct({ values: extra(route('other.example.com', 'default')), externalCertResolvers: ['default'] })).toBe('');
    expect(construct({ externalCertResolvers: ['not.a.name'] })).toContain('externalCertResolvers[0]');
  });
});

describe("D8: kube-vip among the user's containers in Traefik's pods", () => {
  const sidecar = (image: string) => ({ name: 'vip', image, args: ['manager'] });
  it.each([
    [
      'P05: additionalContainers',
      { deployment: { additionalContainers: [sidecar('ghcr.io/kube-vip/kube-vip:v0.8.0')] } },
      'traefik.values.deployment.additionalContainers[0].image',
      KUBE_VIP,
    ],
    [
      'P07: hostNetwork announcer',
      {
        hostNetwork: true,
        deployment: {
          additionalContainers: [{ ...sidecar('ghcr.io/kube-vip/kube-vip:v0.8.0'), env: [{ name: 'vip_arp', value: 'true' }] }],
        },
      },
      'traefik.values.deployment.additionalContainers[0].image',
      KUBE_VIP,
    ],
    [
      'initContainers',
      { deployment: { initContainers: [sidecar('plndr/kube-vip:v0.3.7')] } },
      'traefik.values.deployment.initContainers[0].image',
      KUBE_VIP,
    ],
    [
      'a mirror of the cloud provider',
      { deployment: { additionalContainers: [sidecar('harbor.example.com/library/kube-vip-cloud-provider:v0.0.12')] } },
      'traefik.values.deployment.additionalContainers[0].image',
      'runs kube-vip-cloud-provider',
    ],
    ['control: another sidecar', { deployment: { additionalContainers: [sidecar('busybox:1.36')] } }, '', undefined],
  ])('%s', (_, values, path, expected) => {
    const errors = errorsOf(values);
    if (expected) expect(errors).toContain(`${path}: ${expected}`);
    else expect(errors).toBe('');
  });

  it('through TraefikHelmChartConfig', () => {
    expect(construct({ values: { deployment: { additionalContainers: [sidecar('ghcr.io/kube-vip/kube-vip:v0.8.0')] } } })).toContain(
      'declare it in a KubeVipChart construct instead',
    );
  });
});

describe('D9: a Flux HelmRelease or an Argo CD Application in extraObjects', () => {
  const helmRelease = {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'kube-vip', namespace: 'kube-system' },
    spec: {
      chart: { spec: { chart: 'kube-vip', sourceRef: { kind: 'HelmRepository', name: 'kube-vip' } } },
      values: { config: { address: '192.168.0.40' } },
    },
  };
  const application = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'cm', namespace: 'argocd' },
    spec: {
      project: 'default',
      source: { repoURL: 'https://charts.jetstack.io', chart: 'cert-manager', targetRevision: 'v1.5.0' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'cert-manager' },
    },
  };
  const applicationSet = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'set', namespace: 'argocd' },
    spec: { generators: [], template: {} },
  };
  it.each([
    ['F01: Flux HelmRelease v2', helmRelease, 'is a Flux HelmRelease, which Flux installs outside'],
    ['Flux HelmRelease v2beta1', { ...helmRelease, apiVersion: 'helm.toolkit.fluxcd.io/v2beta1' }, 'is a Flux HelmRelease'],
    ['F02: Argo CD Application', application, 'is an Argo CD Application, which Argo CD installs outside'],
    ['Argo CD ApplicationSet', applicationSet, 'is an Argo CD ApplicationSet'],
    [
      // Wave 83: not a deployer, but no kind extraObjects carry either (extra-object-kinds.ts).
      'control: a Flux HelmRepository (refused as a kind extraObjects do not carry)',
      {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'HelmRepository',
        metadata: { name: 'r', namespace: 'default' },
        spec: { url: 'https://charts.example.com', interval: '1h' },
      },
      undefined,
    ],
  ])('%s', (_, item, expected) => {
    const errors = errorsOf(extra(item));
    if (expected) {
      expect(errors).toContain(`traefik.values.extraObjects[0]: ${expected}`);
      expect(errors).toContain("belongs beside this tool's manifests (which the gitops key has Flux or Argo CD deploy as well)");
    } else {
      expect(errors).toContain(
        "traefik.values.extraObjects[0]: is a HelmRepository of API group source.toolkit.fluxcd.io, which Traefik's extraObjects do not carry",
      );
      expect(errors).not.toContain('installs outside');
    }
  });

  it('through the constructs', () => {
    expect(refusalOf(() => new K3sVipCluster(new App(), 'c', withTraefikValues(extra(helmRelease))))).toContain('is a Flux HelmRelease');
    expect(construct({ values: extra(application) })).toContain('is an Argo CD Application');
  });
});

describe("D10: an IngressRoute on a first-class Ingress' host and path", () => {
  const ingressRoute = (match: string, entryPoints: string[] | undefined = ['websecure'], apiVersion = 'traefik.io/v1alpha1') => ({
    apiVersion,
    kind: 'IngressRoute',
    metadata: { name: 'r1', namespace: 'default' },
    spec: { ...(entryPoints && { entryPoints }), routes: [{ match, kind: 'Rule', services: [{ name: 'other', port: 80 }] }] },
  });
  const at = 'traefik.values.extraObjects[0].spec.routes[0].match';
  it.each([
    ['J04: Host && PathPrefix(/)', ingressRoute('Host(`k3s.code-place-dev.site`) && PathPrefix(`/`)'), SAME_ROUTE],
    ['Host alone (every path)', ingressRoute('Host(`k3s.code-place-dev.site`)'), SAME_ROUTE],
    [
      'traefik.containo.us, no entrypoints',
      ingressRoute('Host(`K3S.code-place-dev.site`)', undefined, 'traefik.containo.us/v1alpha1'),
      'host "K3S.code-place-dev.site" with path "/" is already routed by ingresses[0]',
    ],
    ['control: another path', ingressRoute('Host(`k3s.code-place-dev.site`) && PathPrefix(`/api`)'), undefined],
    ['control: another host', ingressRoute('Host(`other.example.com`)'), undefined],
    ['control: a rule in another form', ingressRoute('Host(`k3s.code-place-dev.site`) && Path(`/`)'), undefined],
    ['control: another entrypoint', ingressRoute('Host(`k3s.code-place-dev.site`)', ['admin']), undefined],
  ])('%s', (_, item, expected) => {
    const errors = errorsOf(extra(item));
    if (expected) expect(errors).toContain(`${at}: ${expected}`);
    else expect(errors).toBe('');
  });

  it('matches a second Ingress on a longer path', () => {
    const base = devConfig();
    base.ingresses.push({ ...base.ingresses[0], name: 'api', path: '/api/' });
    expect(errorsOf(extra(ingressRoute('Host(`k3s.code-place-dev.site`) && PathPrefix(`/api`)')), {}, base)).toContain(
      `${at}: host "k3s.code-place-dev.site" with path "/api" is already routed by ingresses[1]`,
    );
  });

  it('through K3sVipCluster', () => {
    expect(
      refusalOf(() => new K3sVipCluster(new App(), 'c', withTraefikValues(extra(ingressRoute('Host(`k3s.code-place-dev.site`)'))))),
    ).toContain(SAME_ROUTE);
  });
});
