import { App, Testing } from 'cdk8s';
import { snapshot } from '../src/core/snapshot';

const dataProblems = (value: unknown, path: Array<string | number> = []) => snapshot(value, path).problems;
import { httpsUrl } from '../src/config/formats';
import {
  AcmeClusterIssuer,
  CertManagerChart,
  CertManagerHelmChart,
  CertManagerIssuersChart,
  IngressChart,
  K3sVipCluster,
  K3sVipClusterProps,
  KubeVipChart,
  KubeVipCloudProvider,
  KubeVipCloudProviderChart,
  KubeVipDaemonSet,
  LoadBalancerChart,
  LoadBalancerService,
  TraefikChart,
  TraefikHelmChartConfig,
  TraefikIngress,
} from '../src/index';
import { chart, devConfig, thrown } from './helpers';

/** Anything, as plain JavaScript callers (or `as any`) can pass it. */
const any = (value: unknown) => value as never;
const deep = (levels: number): Record<string, unknown> => (levels === 0 ? {} : { a: deep(levels - 1) });
const cyclic = () => {
  const values: Record<string, unknown> = { deployment: {} };
  (values.deployment as Record<string, unknown>).self = values;
  return values;
};
const ingress = { name: 'web', host: 'app.example.com', serviceName: 'web', servicePort: 80 };
const service = { name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }] };
// VIPs of both families need dual-stack networks (61b-1: the constructs judge them as the config path does).
const dualStack = { clusterCidr: '10.42.0.0/16,fd00:42::/56', serviceCidr: '10.43.0.0/16,fd00:43::/112' };

/** The secret's own line beside a rule's message about a URL's credentials (51a-13: both said in one run). */
const URL_SECRET_LINE =
  'holds a URL with credentials, and dist/ is committed to Git, so no secret may be written there: keep it in a Kubernetes Secret and reference it (e.g. env valueFrom.secretKeyRef)';

const refusals: Array<[string, () => void, string]> = [
  [
    'TraefikHelmChartConfig: replicas 2 with certResolvers (the config rule)',
    () => new TraefikHelmChartConfig(chart(), 't', { replicas: 2, certResolvers: { le: { email: 'a@example.com' } } }),
    'TraefikHelmChartConfig: replicas is 2, but certResolvers (le) keep ACME certificates in one acme.json that Traefik OSS cannot share between replicas (https://doc.traefik.io/traefik/https/acme/): issue the certificates with cert-manager instead (an AcmeClusterIssuer, and clusterIssuer on each TraefikIngress) and remove certResolvers, or keep replicas: 1',
  ],
  [
    'TraefikIngress: certResolver and clusterIssuer together',
    () => new TraefikIngress(chart(), 'i', { ...ingress, certResolver: 'le', clusterIssuer: 'prod' }),
    'TraefikIngress: clusterIssuer "prod" and certResolver "le" are both set, but one certificate source serves a host: keep clusterIssuer (cert-manager, for several Traefik replicas) or certResolver (Traefik ACME, one replica)',
  ],
  [
    'TraefikHelmChartConfig: two IPv4 addresses and one IPv6',
    () => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41', '192.168.0.42', 'fd00::41'] }),
    'TraefikHelmChartConfig: loadBalancerIPs has two addresses of the same IP family; a Service gets at most one IPv4 and one IPv6 VIP: keep one per family',
  ],
  [
    'TraefikHelmChartConfig: two addresses before kube-vip v0.7.0',
    () =>
      new TraefikHelmChartConfig(chart(), 't', {
        kubeVipVersion: 'v0.6.4',
        loadBalancerIPs: ['192.168.0.41', 'fd00::41'],
        networks: dualStack,
      }),
    'TraefikHelmChartConfig: loadBalancerIPs has 2 addresses, but kube-vip v0.6.4 reads one Service VIP (several, and dual-stack, need v0.7.0 or newer): keep one address or upgrade kube-vip',
  ],
  [
    'LoadBalancerService: two IPv4 addresses',
    () => new LoadBalancerService(chart(), 's', { ...service, ips: ['192.168.0.41', '192.168.0.42'] }),
    'LoadBalancerService: ips has two addresses of the same IP family; a Service gets at most one IPv4 and one IPv6 VIP: keep one per family',
  ],
  [
    'LoadBalancerService: two addresses before kube-vip v0.7.0',
    () =>
      new LoadBalancerService(chart(), 's', {
        ...service,
        kubeVipVersion: 'v0.6.4',
        ips: ['192.168.0.41', 'fd00::41'],
        networks: dualStack,
      }),
    'LoadBalancerService: ips has 2 addresses, but kube-vip v0.6.4 reads one Service VIP (several, and dual-stack, need v0.7.0 or newer): keep one address or upgrade kube-vip',
  ],
  [
    'TraefikHelmChartConfig: cyclic values',
    () => new TraefikHelmChartConfig(chart(), 't', { values: cyclic() }),
    'TraefikHelmChartConfig: values.deployment.self refers back to values (a cycle): YAML cannot hold it',
  ],
  [
    'TraefikHelmChartConfig: values nested 40 levels',
    () => new TraefikHelmChartConfig(chart(), 't', { values: deep(40) }),
    // The rest is still judged with the deep value left out: `a` is no chart value either.
    'TraefikHelmChartConfig: values.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a nests deeper than 32 levels: flatten it\n' +
      'TraefikHelmChartConfig: values.a is not a value of Traefik chart v39.0.7: did you mean "api"?',
  ],
  [
    'TraefikHelmChartConfig: a BigInt in values',
    () => new TraefikHelmChartConfig(chart(), 't', { values: { deployment: { replicas: 2n } } }),
    'TraefikHelmChartConfig: values.deployment.replicas 2n is a BigInt, which YAML cannot hold: write a number',
  ],
  [
    'TraefikHelmChartConfig: NaN in values',
    () => new TraefikHelmChartConfig(chart(), 't', { values: { deployment: { replicas: NaN } } }),
    'TraefikHelmChartConfig: values.deployment.replicas NaN is not a finite number',
  ],
  [
    'TraefikHelmChartConfig: replicas 2n',
    () => new TraefikHelmChartConfig(chart(), 't', { replicas: any(2n) }),
    'TraefikHelmChartConfig: replicas 2n is a BigInt, which YAML cannot hold: write a number',
  ],
  [
    'K3sVipCluster: cyclic traefik.values',
    () => new K3sVipCluster(new App(), 'dev', { ...devConfig(), traefik: { ...devConfig().traefik, values: cyclic() } }),
    'traefik.values.deployment.self: refers back to traefik.values (a cycle): YAML cannot hold it',
  ],
  [
    'K3sVipCluster: traefik.values nested 40 levels',
    () => new K3sVipCluster(new App(), 'dev', { ...devConfig(), traefik: { ...devConfig().traefik, values: deep(40) } }),
    'traefik.values.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a: nests deeper than 32 levels: flatten it\n' +
      'traefik.values.a: is not a value of Traefik chart v39.0.7: did you mean "api"?',
  ],
  [
    'K3sVipCluster: traefik.replicas 2n',
    () => new K3sVipCluster(new App(), 'dev', { ...devConfig(), traefik: { ...devConfig().traefik, replicas: any(2n) } }),
    'traefik.replicas: 2n is a BigInt, which YAML cannot hold: write a number',
  ],
  [
    'K3sVipCluster: traefik.replicas Infinity',
    () => new K3sVipCluster(new App(), 'dev', { ...devConfig(), traefik: { ...devConfig().traefik, replicas: Infinity } }),
    'traefik.replicas: Infinity is not a finite number',
  ],
  [
    'K3sVipCluster: a Date in traefik.values',
    () => new K3sVipCluster(new App(), 'dev', { ...devConfig(), traefik: { ...devConfig().traefik, values: { a: new Date(0) } } }),
    'traefik.values.a: is a Date object: expected plain data (e.g. a string)',
  ],
  [
    'TraefikHelmChartConfig: null props',
    () => new TraefikHelmChartConfig(chart(), 't', any(null)),
    'TraefikHelmChartConfig: props are null: expected an object of props',
  ],
  [
    'TraefikHelmChartConfig: loadBalancerIPs a string',
    () => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: any('192.168.0.41') }),
    'TraefikHelmChartConfig: loadBalancerIPs "192.168.0.41" is a string: expected a list',
  ],
  [
    'TraefikHelmChartConfig: a null cert resolver',
    () => new TraefikHelmChartConfig(chart(), 't', { certResolvers: { le: any(null) } }),
    'TraefikHelmChartConfig: certResolvers.le is null: expected { email, challenge?, caServer? }',
  ],
  [
    'AcmeClusterIssuer: undefined props',
    () => new AcmeClusterIssuer(chart(), 'a', any(undefined)),
    'AcmeClusterIssuer: props are undefined: expected an object of props',
  ],
  [
    'AcmeClusterIssuer: dns01 without tokenSecret',
    () => new AcmeClusterIssuer(chart(), 'a', { name: 'dns', email: 'a@example.com', solver: any({ dns01: { provider: 'cloudflare' } }) }),
    'AcmeClusterIssuer: solver.dns01.tokenSecret is required: expected { name, key }',
  ],
  [
    'AcmeClusterIssuer: no solver',
    () => new AcmeClusterIssuer(chart(), 'a', any({ name: 'dns', email: 'a@example.com' })),
    'AcmeClusterIssuer: solver is required: expected "http01" or { dns01: { provider, tokenSecret } }',
  ],
  [
    'AcmeClusterIssuer: an empty solver object',
    () => new AcmeClusterIssuer(chart(), 'a', any({ name: 'dns', email: 'a@example.com', solver: {} })),
    'AcmeClusterIssuer: solver is an object, not a solver: expected "http01" or { dns01: { provider, tokenSecret } }',
  ],
  [
    'CertManagerHelmChart: no version',
    () => new CertManagerHelmChart(chart(), 'c', any({})),
    'CertManagerHelmChart: version is required: expected a string',
  ],
  [
    'CertManagerHelmChart: null props',
    () => new CertManagerHelmChart(chart(), 'c', any(null)),
    'CertManagerHelmChart: props are null: expected an object of props',
  ],
  [
    'TraefikIngress: null props',
    () => new TraefikIngress(chart(), 'i', any(null)),
    'TraefikIngress: props are null: expected an object of props',
  ],
  [
    'TraefikIngress: no props given: every required one is named',
    () => new TraefikIngress(chart(), 'i', any({})),
    'TraefikIngress: name is required: expected a string\nTraefikIngress: host is required: expected a string\n' +
      'TraefikIngress: service is required: expected a string\nTraefikIngress: port is required',
  ],
  [
    'LoadBalancerService: no props given',
    () => new LoadBalancerService(chart(), 's', any({})),
    'LoadBalancerService: name is required: expected a string\nLoadBalancerService: selector is required: expected an object\n' +
      'LoadBalancerService: ports is required: expected a list',
  ],
  [
    'LoadBalancerService: a null port',
    () => new LoadBalancerService(chart(), 's', { ...service, ports: [any(null)] }),
    'LoadBalancerService: ports[0] is null: expected { port, name?, targetPort?, protocol? }',
  ],
  [
    'LoadBalancerService: ips a string',
    () => new LoadBalancerService(chart(), 's', { ...service, ips: any('192.168.0.41') }),
    'LoadBalancerService: ips "192.168.0.41" is a string: expected a list',
  ],
  [
    'KubeVipDaemonSet: null props',
    () => new KubeVipDaemonSet(chart(), 'd', any(null)),
    'KubeVipDaemonSet: props are null: expected an object of props',
  ],
  [
    'KubeVipDaemonSet: no serviceAccountName',
    () => new KubeVipDaemonSet(chart(), 'd', any({ version: 'v0.8.2' })),
    'KubeVipDaemonSet: serviceAccountName is required: expected a string',
  ],
  [
    'KubeVipDaemonSet: bgp without peers',
    () => new KubeVipDaemonSet(chart(), 'd', any({ version: 'v0.8.2', serviceAccountName: 'kv', bgp: { as: 65000 } })),
    'KubeVipDaemonSet: bgp.peers is required: expected a list',
  ],
  [
    'KubeVipDaemonSet: a null BGP peer',
    () => new KubeVipDaemonSet(chart(), 'd', any({ version: 'v0.8.2', serviceAccountName: 'kv', bgp: { as: 65000, peers: [null] } })),
    'KubeVipDaemonSet: bgp.peers[0] is null: expected { address, as }',
  ],
  [
    'KubeVipChart: null props',
    () => new KubeVipChart(new App(), 'k', any(null)),
    'KubeVipChart: props are null: expected an object of props',
  ],
  [
    'TraefikChart: null props',
    () => new TraefikChart(new App(), 'k', any(null)),
    'TraefikChart: props are null: expected an object of props',
  ],
  [
    'IngressChart: null props',
    () => new IngressChart(new App(), 'k', any(null)),
    'IngressChart: props are null: expected an object of props',
  ],
  ['IngressChart: no ingresses', () => new IngressChart(new App(), 'k', any({})), 'IngressChart: ingresses is required: expected a list'],
  [
    'IngressChart: a null Ingress',
    () => new IngressChart(new App(), 'k', any({ ingresses: [null] })),
    'TraefikIngress: props are null: expected an object of props',
  ],
  [
    'LoadBalancerChart: services a string',
    () => new LoadBalancerChart(new App(), 'k', any({ services: 'db' })),
    'LoadBalancerChart: services "db" is a string: expected a list',
  ],
  [
    'KubeVipCloudProvider: null props',
    () => new KubeVipCloudProvider(chart(), 'k', any(null)),
    'KubeVipCloudProvider: props are null: expected an object of props',
  ],
  [
    'KubeVipCloudProvider: no pool',
    () => new KubeVipCloudProvider(chart(), 'k', any({})),
    'KubeVipCloudProvider: pool is required: expected { global?, namespaces? }',
  ],
  [
    'KubeVipCloudProvider: a null namespace pool',
    () => new KubeVipCloudProvider(chart(), 'k', any({ pool: { namespaces: { web: null } } })),
    'KubeVipCloudProvider: pool.namespaces.web is null: expected { cidr?, range? }',
  ],
  [
    'KubeVipCloudProvider: cidr a number',
    () => new KubeVipCloudProvider(chart(), 'k', any({ pool: { global: { cidr: 5 } } })),
    'KubeVipCloudProvider: pool.global.cidr 5 is a number: expected a CIDR block (e.g. "192.168.0.64/27") or a list of them',
  ],
  [
    'KubeVipCloudProviderChart: null props',
    () => new KubeVipCloudProviderChart(new App(), 'k', any(null)),
    'KubeVipCloudProviderChart: props are null: expected an object of props',
  ],
  [
    'CertManagerIssuersChart: null props',
    () => new CertManagerIssuersChart(new App(), 'k', any(null)),
    'CertManagerIssuersChart: props are null: expected an object of props',
  ],
  [
    'CertManagerIssuersChart: no issuers',
    () => new CertManagerIssuersChart(new App(), 'k', any({})),
    'CertManagerIssuersChart: issuers is required: expected a list',
  ],
  [
    'CertManagerIssuersChart: one name twice',
    () =>
      new CertManagerIssuersChart(new App(), 'k', {
        issuers: [
          { name: 'le', email: 'a@example.com', solver: 'http01' },
          { name: 'le', email: 'b@example.com', solver: 'http01' },
        ],
      }),
    'CertManagerIssuersChart: issuers[1].name "le" is also the name of issuers[0]: name each ClusterIssuer once',
  ],
  [
    'CertManagerChart: null props',
    () => new CertManagerChart(new App(), 'k', any(null)),
    'CertManagerChart: props are null: expected an object of props',
  ],
  [
    'K3sVipCluster: null props',
    () => new K3sVipCluster(new App(), 'dev', any(null)),
    "props are null: expected an object with the config file's keys (kubeVip, traefik, ...), or none at all",
  ],
  [
    'K3sVipCluster: a list as props',
    () => new K3sVipCluster(new App(), 'dev', any([])),
    "props are a list: expected an object with the config file's keys (kubeVip, traefik, ...), or none at all",
  ],
  [
    'K3sVipCluster: an id that is not a DNS label',
    () => new K3sVipCluster(new App(), 'Dev_1', devConfig()),
    'K3sVipCluster: id: it starts the name of every chart and of its file in cdk8s synth (Dev_1-kube-vip-...), but "Dev_1" is not a valid name: use lower-case letters, digits and \'-\', starting and ending with a letter or digit (upper-case letters are not allowed: "dev-1")',
  ],
  [
    'TraefikHelmChartConfig: two in one app',
    () => {
      const app = new App();
      new TraefikChart(app, 'a', {});
      new TraefikChart(app, 'b', {});
    },
    'TraefikHelmChartConfig: is defined twice for one cluster (also at a/HelmChartConfig): K3s reads the one HelmChartConfig kube-system/traefik, so give all settings to one',
  ],
  [
    'AcmeClusterIssuer: credentials in server',
    () =>
      new AcmeClusterIssuer(chart(), 'a', {
        name: 'x',
        email: 'a@example.com',
        server: 'https://user:pw@acme.example.com/dir',
        solver: 'http01',
      }),
    // The rule's message, then the secret's (51a-13: a secret is said beside any other problem at its place).
    'AcmeClusterIssuer: server "https://\u2026@acme.example.com\u2026" holds credentials before "@", which would be written to the manifests: give the URL without them\n' +
      `AcmeClusterIssuer: server ${URL_SECRET_LINE}`,
  ],
  [
    'K3sVipCluster: credentials in certManager.issuers.<name>.server',
    () =>
      new K3sVipCluster(new App(), 'dev', {
        ...devConfig(),
        certManager: { issuers: { x: { email: 'a@example.com', server: 'https://user:pw@acme.example.com/dir' } } },
      }),
    // One problem, one line (63a-7/8: the URL rule and the secret reader no longer both report it).
    'certManager.issuers.x.server: "https://\u2026@acme.example.com\u2026" holds credentials before "@", which would be written to the manifests: give the URL without them',
  ],
  [
    'K3sVipCluster: dns01 with an unknown provider (the object branch of solver is described)',
    () =>
      new K3sVipCluster(new App(), 'dev', {
        ...devConfig(),
        certManager: {
          issuers: { x: { email: 'a@example.com', solver: any({ dns01: { provider: 'route53', tokenSecret: { name: 'a', key: 'b' } } }) } },
        },
      }),
    'certManager.issuers.x.solver.dns01.provider: "route53" is not allowed: expected "cloudflare"',
  ],
];
describe('props the constructs refuse, with a K3sVipValidationError naming the construct and the prop (never a TypeError)', () => {
  it.each(refusals)('%s', (_, build, message) => {
    expect(thrown(build).message).toBe(message);
  });
});

describe('what the refusals still accept', () => {
  const helmChartConfig = (app: App) => Testing.synth(new TraefikChart(app, 'traefik', {}))[0];

  it("AcmeClusterIssuer without server uses Let's Encrypt production, as the config does", () => {
    const c = chart();
    new AcmeClusterIssuer(c, 'a', { name: 'le', email: 'a@example.com', solver: 'http01' });
    expect(Testing.synth(c)[0].spec.acme.server).toBe('https://acme-v02.api.letsencrypt.org/directory');
  });

  it.each([
    ['v0.7.0', ['192.168.0.41', 'fd00::41']],
    ['v0.6.4', ['192.168.0.41']],
  ])('kube-vip %s with %j: accepted by TraefikHelmChartConfig and LoadBalancerService', (kubeVipVersion, ips) => {
    new TraefikHelmChartConfig(chart(), 't', { kubeVipVersion, loadBalancerIPs: ips, networks: dualStack });
    new LoadBalancerService(chart(), 's', { ...service, kubeVipVersion, ips, networks: dualStack });
  });

  it('one TraefikHelmChartConfig per app, also beside a K3sVipCluster in another app', () => {
    expect(helmChartConfig(new App()).metadata.name).toBe('traefik');
    new K3sVipCluster(new App(), 'dev-1', devConfig());
  });

  it('K3sVipCluster with traefik.values 29 levels deep below traefik.values (32 from the props) reaches the chart values check', () => {
    const props: K3sVipClusterProps = { ...devConfig(), traefik: { ...devConfig().traefik, values: { a: deep(29) } } };
    expect(thrown(() => new K3sVipCluster(new App(), 'dev', props)).message).not.toMatch(/nests deeper/);
  });
});

describe('dataProblems (the data guard)', () => {
  it.each([
    [32, []],
    [33, [{ path: Array(33).fill('a'), message: 'nests deeper than 32 levels: flatten it' }]],
  ])('%d levels below the root', (levels, problems) => {
    expect(dataProblems(deep(levels as number))).toEqual(problems);
  });

  it('a value shared by two keys is no cycle', () => {
    const shared = { port: 80 };
    expect(dataProblems({ web: shared, websecure: shared, list: [shared, shared] })).toEqual([]);
  });

  it.each([
    [-Infinity, '-Infinity is not a finite number'],
    [() => 1, 'is a function: expected a string, number, boolean, null, list or object'],
    [new Map(), 'is a Map: expected plain data (a string, number, boolean, list or plain object)'],
  ])('refuses %p', (value, message) => {
    expect(dataProblems({ key: value }, ['values'])).toEqual([{ path: ['values', 'key'], message }]);
  });

  it('accepts JSON-like values, undefined as an omitted key, and objects without a prototype', () => {
    expect(dataProblems({ s: 'a', n: -1.5, b: false, z: null, u: undefined, l: [1, [2]], o: Object.create(null) })).toEqual([]);
  });
});

describe('httpsUrl and credentials', () => {
  it.each([
    [
      'https://user:pw@acme.example.com/dir',
      '"https://…@acme.example.com…" holds credentials before "@", which would be written to the manifests: give the URL without them',
    ],
    [
      'https://a@b@acme.example.com',
      '"https://…@acme.example.com…" holds credentials before "@", which would be written to the manifests: give the URL without them',
    ],
    ['https://acme.example.com/dir@x', undefined],
    ['https://acme.example.com/dir?user=a@b', undefined],
  ])('%s', (url, problem) => {
    expect(httpsUrl(url)).toBe(problem);
  });
});
