// Round 69 (69b-3, 69b-4, 69b-10, 69b-13): an App's Ingress is held to the resolver and path rules of `ingresses[]`;
// a single-label host is a host at every door (a warning where an ACME certificate is asked for it); several
// K3sVipClusters in one App are several clusters, each judged with its own objects.
import { ApiObject, App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster, TraefikHelmChartConfig, TraefikHttpRoute, TraefikIngress } from '../src';

/** The README's reference props: VIPs .40/.41, resolver `default` configured elsewhere, one TLS Ingress. */
const base = (net = '192.168.0'): any => ({
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: `${net}.40` } },
  traefik: { loadBalancerIPs: [`${net}.41`], redirectToHttps: true, externalCertResolvers: ['default'] },
  ingresses: [
    {
      name: 'frontend',
      namespace: 'default',
      host: 'k3s.example.com',
      path: '/',
      service: 'frontend',
      port: 80,
      tls: { certResolver: 'default' },
    },
  ],
  k3s: { servers: [1, 2, 3].map((n) => ({ name: `${net.replace(/\D/g, '')}-${n}`, address: `${net}.1${n}` })) },
});

/** The App's synth: "OK" or the error's message. */
function synth(build: (app: App) => void): string {
  const app = new App({ outdir: '/nonexistent-ing69' });
  try {
    build(app);
    app.synthYaml();
    return 'OK';
  } catch (e) {
    return (e as Error).message;
  }
}

/** A plain Ingress object (class traefik) under `scope`. */
function ingress(
  scope: Construct,
  id: string,
  opts: { host?: string; path?: string; pathType?: string; resolver?: string; className?: string },
) {
  const { host = 'b.example.com', path = '/', pathType = 'Prefix', resolver, className = 'traefik' } = opts;
  new ApiObject(scope, id, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: id,
      namespace: 'other',
      ...(resolver ? { annotations: { 'traefik.ingress.kubernetes.io/router.tls.certresolver': resolver } } : {}),
    },
    spec: {
      ingressClassName: className,
      rules: [{ host, http: { paths: [{ path, pathType, backend: { service: { name: 'x', port: { number: 80 } } } }] } }],
    },
  });
}

const NOT_DEFINED = '"nope" is not defined: Traefik would serve its self-signed default certificate';

describe('69b-3: an App Ingress naming a resolver Traefik does not have is refused as ingresses[] refuses it', () => {
  test.each<[string, (app: App) => void, string | undefined]>([
    [
      'TraefikIngress in a sibling chart, undefined resolver',
      (app) => {
        new K3sVipCluster(app, 'dev', base());
        new TraefikIngress(new Chart(app, 'mine'), 'ing', {
          name: 'o',
          namespace: 'o',
          host: 'b.example.com',
          service: 'x',
          port: 80,
          certResolver: 'nope',
        });
      },
      NOT_DEFINED,
    ],
    [
      'TraefikIngress in a sibling chart, resolver listed as external',
      (app) => {
        new K3sVipCluster(app, 'dev', base());
        new TraefikIngress(new Chart(app, 'mine'), 'ing', {
          name: 'o',
          namespace: 'o',
          host: 'b.example.com',
          service: 'x',
          port: 80,
          certResolver: 'default',
        });
      },
      undefined,
    ],
    [
      'plain Ingress with the annotation in a sibling chart',
      (app) => {
        new K3sVipCluster(app, 'dev', base());
        ingress(new Chart(app, 'mine'), 'raw', { resolver: 'nope' });
      },
      `metadata.annotations["traefik.ingress.kubernetes.io/router.tls.certresolver"] ${NOT_DEFINED}`,
    ],
    [
      "plain Ingress under the cluster's ingresses chart",
      (app) => {
        const c = new K3sVipCluster(app, 'dev', base());
        ingress(c.node.findChild('ingresses'), 'under', { resolver: 'nope' });
      },
      NOT_DEFINED,
    ],
    [
      'a resolver differing in case alone',
      (app) => {
        new K3sVipCluster(app, 'dev', base());
        ingress(new Chart(app, 'mine'), 'raw', { resolver: 'Default' });
      },
      'differs in case alone',
    ],
    [
      "an Ingress of another class is not Traefik's",
      (app) => {
        new K3sVipCluster(app, 'dev', base());
        ingress(new Chart(app, 'mine'), 'raw', { resolver: 'nope', className: 'nginx' });
      },
      undefined,
    ],
    [
      'a resolver defined in certResolvers',
      (app) => {
        const p = base();
        p.traefik.certResolvers = { le: { email: 'ops@example.com' } };
        new K3sVipCluster(app, 'dev', p);
        ingress(new Chart(app, 'mine'), 'raw', { resolver: 'le' });
      },
      undefined,
    ],
  ])('%s', (_, build, expected) => {
    const said = synth(build);
    if (expected === undefined) expect(said).toBe('OK');
    else expect(said).toContain(expected);
  });
});

describe('69b-4: an App Ingress path is held to the ingresses[].path rule', () => {
  const under =
    (path: string, pathType = 'Prefix') =>
    (app: App) => {
      const c = new K3sVipCluster(app, 'dev', base());
      ingress(c.node.findChild('ingresses'), 'under', { path, pathType });
    };
  const sibling =
    (path: string, pathType = 'Prefix') =>
    (app: App) => {
      new K3sVipCluster(app, 'dev', base());
      ingress(new Chart(app, 'mine'), 'sib', { path, pathType });
    };
  test.each<[string, (app: App) => void, string | undefined]>([
    ['under: "//"', under('/a//b'), 'spec.rules[0].http.paths[0].path "/a//b" contains "//", which the API server refuses'],
    ['under: "/./"', under('/a/./b'), 'contains "/./"'],
    ['under: "%2F"', under('/a%2Fb'), 'contains "%2F"'],
    ['under: ends "/.."', under('/a/..'), 'ends with "/.."'],
    ['under: "?"', under('/a?b'), 'contains "?"'],
    ['sibling: a space', sibling('/a b'), 'contains " "'],
    ['sibling: bad escape', sibling('/%zz'), 'contains "%zz", which is not a percent-escape'],
    ['sibling: "{"', sibling('/a{x}'), 'contains "{"'],
    ['sibling: Exact "//"', sibling('/a//b', 'Exact'), '(an Ingress path of pathType Exact)'],
    ['sibling: a good escape', sibling('/a%20b'), undefined],
    [
      'sibling: a host the API server refuses',
      (app: App) => {
        new K3sVipCluster(app, 'dev', base());
        ingress(new Chart(app, 'mine'), 'sib', { host: 'bü.example.com' });
      },
      'spec.rules[0].host "bü.example.com" is not a valid name',
    ],
    ['sibling: a deep path', sibling('/a/b.c/d-e_f~g'), undefined],
    ['under: "/a/.b" (a dot file, not a dot segment)', under('/a/.b'), undefined],
    ["sibling: ImplementationSpecific is the controller's", sibling('/a//b', 'ImplementationSpecific'), undefined],
  ])('%s', (_, build, expected) => {
    const said = synth(build);
    if (expected === undefined) expect(said).toBe('OK');
    else expect(said).toContain(expected);
  });
});

describe('69b-10: a single-label host is a host at every door', () => {
  const TRAEFIK =
    'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\ntraefik: {loadBalancerIPs: [192.168.0.41]';
  const yaml = (traefik: string, rest: string) => parseConfigText('c.yaml', `${TRAEFIK}${traefik}}\n${rest}`);
  const CERT = "is a single DNS label, for which public ACME CAs such as Let's Encrypt issue no certificate";
  test.each<[string, string, string, number]>([
    ['ingresses[] without tls', '', 'ingresses: [{name: nas, namespace: default, host: nas, service: nas, port: 80}]', 0],
    ['ingresses[] wildcard of one label', '', 'ingresses: [{name: nas, host: "*.lan", service: nas, port: 80}]', 0],
    [
      'httpRoutes[] without tls',
      ', gateway: {}',
      'httpRoutes: [{name: nas, namespace: default, host: intranet, service: nas, port: 80}]',
      0,
    ],
    [
      'ingresses[] with an ACME resolver',
      ', certResolvers: {le: {email: ops@example.com}}',
      'ingresses: [{name: nas, host: nas, service: nas, port: 80, tls: {certResolver: le}}]',
      1,
    ],
    [
      'ingresses[] with a cert-manager issuer',
      '',
      'certManager: {issuers: {le: {email: ops@example.com}}}\ningresses: [{name: nas, host: nas, service: nas, port: 80, tls: {issuer: le}}]',
      1,
    ],
    [
      'a dotted host with a resolver',
      ', certResolvers: {le: {email: ops@example.com}}',
      'ingresses: [{name: nas, host: nas.example.com, service: nas, port: 80, tls: {certResolver: le}}]',
      0,
    ],
  ])('%s', (_, traefik, rest, warnings) => {
    const { errors, warnings: warned } = yaml(traefik, rest);
    expect(errors.map(formatDiagnostic)).toEqual([]);
    const mine = warned.map(formatDiagnostic).filter((w) => w.includes(CERT));
    expect(mine).toHaveLength(warnings);
    if (warnings) expect(mine[0]).toMatch(/ingresses\[0\]\.host: "nas" is a single DNS label/);
  });
  test.each([
    ['nas_1', 'is not a valid DNS host name'],
    ['-nas', 'is not a valid DNS host name'],
    ['192.168.0.9', 'is an IP address'],
    ['a'.repeat(64), 'of 64 characters'],
  ])('still refused: %s', (host, expected) => {
    const { errors } = yaml('', `ingresses: [{name: nas, host: "${host}", service: nas, port: 80}]`);
    expect(errors.map(formatDiagnostic).join('\n')).toContain(expected);
  });
  test('TraefikIngress and TraefikHttpRoute take one', () => {
    expect(synth((app) => new TraefikIngress(new Chart(app, 'c'), 'i', { name: 'nas', host: 'nas', service: 'nas', port: 80 }))).toBe('OK');
    expect(
      synth((app) => new TraefikHttpRoute(new Chart(app, 'c'), 'r', { name: 'nas', host: 'intranet', service: 'nas', port: 80 })),
    ).toBe('OK');
  });
  test('K3sVipCluster warns of an ACME certificate for one', () => {
    const p = base();
    p.ingresses[0].host = 'nas';
    const c = new K3sVipCluster(new App({ outdir: '/nonexistent-ing69' }), 'dev', p);
    expect(c.warnings.map((w) => w.message).join('\n')).toContain(CERT);
  });
});

describe('69b-13: several K3sVipClusters in one App are several clusters', () => {
  const prod = () => base('10.0.0');
  test.each<[string, (app: App) => void, string | undefined]>([
    [
      'two clusters on their own networks',
      (app) => {
        new K3sVipCluster(app, 'dev', base());
        new K3sVipCluster(app, 'prod', prod());
      },
      undefined,
    ],
    [
      'two clusters with the same VIPs (two LANs)',
      (app) => {
        new K3sVipCluster(app, 'dev', base());
        new K3sVipCluster(app, 'prod', base());
      },
      undefined,
    ],
    [
      'a second TraefikHelmChartConfig under one cluster is still refused',
      (app) => {
        const c = new K3sVipCluster(app, 'dev', base());
        new K3sVipCluster(app, 'prod', prod());
        new TraefikHelmChartConfig(new Chart(c, 'more'), 't', { loadBalancerIPs: ['192.168.0.51'] });
      },
      'is defined twice for one cluster (also at dev/traefik-config/HelmChartConfig)',
    ],
    [
      'one cluster and a sibling TraefikHelmChartConfig is still refused',
      (app) => {
        new K3sVipCluster(app, 'dev', base());
        new TraefikHelmChartConfig(new Chart(app, 'more'), 't', { loadBalancerIPs: ['192.168.0.51'] });
      },
      'is defined twice for one cluster',
    ],
    [
      'an Ingress twin under one cluster is still refused',
      (app) => {
        const c = new K3sVipCluster(app, 'dev', base());
        new K3sVipCluster(app, 'prod', prod());
        new TraefikIngress(new Chart(c, 'more'), 'i', { name: 'x', host: 'k3s.example.com', path: '/', service: 'y', port: 80 });
      },
      'is already routed by',
    ],
    [
      'the same Ingress in each cluster is no twin',
      (app) => {
        const a = new K3sVipCluster(app, 'dev', base());
        const b = new K3sVipCluster(app, 'prod', prod());
        for (const c of [a, b]) new TraefikIngress(new Chart(c, 'more'), 'i', { name: 'x', host: 'x.example.com', service: 'y', port: 80 });
      },
      undefined,
    ],
    [
      "a sibling Service on one cluster's Traefik VIP and port is still refused",
      (app) => {
        new K3sVipCluster(app, 'dev', base());
        new K3sVipCluster(app, 'prod', prod());
        new ApiObject(new Chart(app, 'mine'), 'svc', {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'svc', namespace: 'other', annotations: { 'kube-vip.io/loadbalancerIPs': '10.0.0.41' } },
          spec: { type: 'LoadBalancer', selector: { app: 'x' }, ports: [{ name: 'web', port: 80, targetPort: 8080 }] },
        });
      },
      '10.0.0.41',
    ],
    [
      'a sibling object undefined resolver is judged with each cluster',
      (app) => {
        new K3sVipCluster(app, 'dev', base());
        new K3sVipCluster(app, 'prod', prod());
        ingress(new Chart(app, 'mine'), 'raw', { resolver: 'nope' });
      },
      NOT_DEFINED,
    ],
  ])('%s', (_, build, expected) => {
    const said = synth(build);
    if (expected === undefined) expect(said).toBe('OK');
    else expect(said).toContain(expected);
  });
});
