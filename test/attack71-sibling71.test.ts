import { ApiObject, App, Chart } from 'cdk8s';
import { K3sVipCluster } from '../src/index';
import { refusalOf } from './helpers';

/**
 * Round 71 (sibling71): objects beside a K3sVipCluster, in sibling charts of its App, meet more of the rules the config
 * door applies to the same objects (round 70's leftovers): the class rules of `ingresses[]` (an Ingress of class traefik
 * that Traefik's provider class, missing IngressClass, class lookup, label selector or RBAC keep it from reading, 70b-7),
 * a host port K3s holds on every node (the kubelet's 10250, as in `extraObjects`), and the write gate (a secret in a
 * sibling object, named by file and construct path, never shown). Each refused row has a nearby row that must pass.
 */
type Props = Record<string, any>;
const base = (values?: object): Props => ({
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
  traefik: { loadBalancerIPs: ['192.168.0.41'], ...(values && { values }) },
});
const TOKEN = 'K10abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789::server:0123456789abcdef0123456789abcdef';
const put = (object: object) => (chart: Chart) => void new ApiObject(chart, 'o', object as never);
const ingress = (className?: string, labels?: Record<string, string>, annotations?: Record<string, string>) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'blog', namespace: 'default', ...(labels && { labels }), ...(annotations && { annotations }) },
  spec: {
    ...(className && { ingressClassName: className }),
    rules: [
      {
        host: 'blog.example.com',
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'x', port: { number: 80 } } } }] },
      },
    ],
  },
});
const deployment = (pod: object) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', namespace: 'default' },
  spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: pod } },
});
const port = (containerPort: number, hostPort?: number, protocol?: string) => ({
  containers: [
    { name: 'c', image: 'nginx:1.27', ports: [{ containerPort, ...(hostPort && { hostPort }), ...(protocol && { protocol }) }] },
  ],
});
const configMap = (data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cm', namespace: 'default' },
  data,
});
const providerClass = () => base({ providers: { kubernetesIngress: { ingressClass: 'other' } } });
const noIngressClass = () => base({ ingressClass: { enabled: false } });
const selector = () => base({ providers: { kubernetesIngress: { labelSelector: 'team=web' } } });
const noLookup = () => base({ additionalArguments: ['--providers.kubernetesingress.disableIngressClassLookup=true'] });

// [case, cluster props, sibling chart's contents, refusal expected (undefined: accepted)]
const ROWS: Array<[string, () => Props, (chart: Chart) => void, RegExp | undefined]> = [
  // 2: the class rules (70b-7)
  [
    '2 class traefik, provider reads class other',
    providerClass,
    put(ingress('traefik')),
    /read only IngressClass "other", not traefik, the class this Ingress names/,
  ],
  ['2 no class, provider reads class other', providerClass, put(ingress()), /read only IngressClass "other"/],
  ['2 neighbour: class nginx, provider reads class other', providerClass, put(ingress('nginx')), undefined],
  [
    '2 class traefik, chart creates no IngressClass',
    noIngressClass,
    put(ingress('traefik')),
    /creates no IngressClass traefik, the class this Ingress names/,
  ],
  ['2 neighbour: no class, chart creates no IngressClass', noIngressClass, put(ingress()), undefined],
  [
    '2 unlabelled Ingress, label selector',
    selector,
    put(ingress('traefik')),
    /read only Ingresses with matching labels, and the labels of this Ingress do not meet them/,
  ],
  ['2 wrong label, label selector', selector, put(ingress(undefined, { team: 'db' })), /matching labels/],
  ['2 neighbour: labelled Ingress, label selector', selector, put(ingress('traefik', { team: 'web' })), undefined],
  [
    '2 class traefik, class lookup off',
    noLookup,
    put(ingress('traefik')),
    /stops Traefik looking IngressClasses up, .* as this Ingress names traefik/,
  ],
  ['2 neighbour: no class, class lookup off', noLookup, put(ingress()), undefined],
  ['2 class traefik, no ClusterRole', () => base({ rbac: { enabled: false } }), put(ingress('traefik')), /gives Traefik no ClusterRole/],
  ['2 neighbour: class nginx, no ClusterRole', () => base({ rbac: { enabled: false } }), put(ingress('nginx')), undefined],
  ['2 neighbour: class traefik, plain Traefik', () => base(), put(ingress('traefik')), undefined],
  // 3: host ports K3s holds on every node
  [
    '3 hostPort 10250 (kubelet)',
    () => base(),
    put(deployment(port(80, 10250))),
    /ports\[0\] opens host port 10250, which is the kubelet's port on every K3s node/,
  ],
  [
    '3 hostNetwork container port 10250',
    () => base(),
    put(deployment({ hostNetwork: true, ...port(10250) })),
    /opens port 10250 on the node's network \(hostNetwork\)/,
  ],
  [
    '3 init container hostPort 6443',
    () => base(),
    put(deployment({ ...port(80), initContainers: [{ name: 'i', image: 'busybox:1.36', ports: [{ containerPort: 1, hostPort: 6443 }] }] })),
    /initContainers\[0\]\.ports\[0\] opens host port 6443/,
  ],
  ['3 hostPort 8472/UDP (flannel)', () => base(), put(deployment(port(80, 8472, 'UDP'))), /flannel VXLAN's port/],
  ['3 neighbour: hostPort 10251', () => base(), put(deployment(port(80, 10251))), undefined],
  ['3 neighbour: hostPort 10250/UDP', () => base(), put(deployment(port(80, 10250, 'UDP'))), undefined],
  ['3 neighbour: container port 10250, no hostNetwork', () => base(), put(deployment(port(10250))), undefined],
  // 4: the write gate over sibling objects
  [
    '4 K3s token in a sibling ConfigMap',
    () => base(),
    put(configMap({ K3S_TOKEN: TOKEN })),
    /mine\.yaml \(construct mine\/o\): data\.K3S_TOKEN holds a K3s token/,
  ],
  [
    '4 K3s token in a sibling Ingress annotation',
    () => base(),
    put(ingress('traefik', undefined, { 'example.com/join': TOKEN })),
    /mine\.yaml \(construct mine\/o\): metadata\.annotations/,
  ],
  ['4 neighbour: a plain ConfigMap', () => base(), put(configMap({ GREETING: 'hello' })), undefined],
];

describe('round 71: objects beside a K3sVipCluster meet the config door rules (sibling71)', () => {
  test.each(ROWS)('%s', (_name, props, siblings, expected) => {
    const message = refusalOf(() => {
      const app = new App();
      new K3sVipCluster(app, 'dev', props() as never);
      siblings(new Chart(app, 'mine'));
      app.synthYaml();
    });
    if (expected) expect(message).toMatch(expected);
    else expect(message).toBe('');
    expect(message).not.toContain(TOKEN.slice(4, 20));
  });
});

// 1: the warnings ingresses[] gets, in cluster.warnings: [case, cluster props, host, annotations, tls hosts, warning expected]
const le = () => ({
  ...base(),
  traefik: { ...base().traefik, certResolvers: { le: { email: 'ops@example.com' } }, redirectToHttps: true },
});
const privateCa = () => ({
  ...base(),
  traefik: { ...base().traefik, certResolvers: { le: { email: 'ops@example.com', caServer: 'https://ca.example.com/acme/directory' } } },
});
const issuer = () => ({ ...base(), certManager: { issuers: { le: { email: 'ops@example.com', solver: 'http01' } } } });
const RESOLVER = { 'traefik.ingress.kubernetes.io/router.tls.certresolver': 'le' };
const ISSUER = { 'cert-manager.io/cluster-issuer': 'le' };
const WARNINGS: Array<[string, () => Props, string, Record<string, string>, RegExp | undefined]> = [
  [
    "1 reserved .local host on a Let's Encrypt resolver",
    le,
    'nas.local',
    RESOLVER,
    /Ingress\/default\/blog \(construct mine\/o\): spec\.rules\[0\]\.host asks resolver "le" \(Let's Encrypt\) for "nas\.local", but "\.local" is not a public domain/,
  ],
  ['1 single-label host on a resolver', le, 'nas', RESOLVER, /spec\.rules\[0\]\.host "nas" is a single DNS label/],
  ['1 single-label host on a private CA resolver', privateCa, 'nas', RESOLVER, /is a single DNS label/],
  ['1 neighbour: .local on a private CA resolver', privateCa, 'nas.local', RESOLVER, undefined],
  ['1 neighbour: a public host on the resolver', le, 'blog.example.org', RESOLVER, undefined],
  ['1 neighbour: .local without a certificate source', le, 'nas.local', {}, undefined],
  [
    "1 reserved .local TLS host on a Let's Encrypt issuer",
    issuer,
    'nas.local',
    ISSUER,
    /spec\.tls\[0\]\.hosts\[0\] asks issuer "le" \(Let's Encrypt\) for "nas\.local"/,
  ],
  ['1 single-label TLS host on an issuer', issuer, 'nas', ISSUER, /spec\.tls\[0\]\.hosts\[0\] "nas" is a single DNS label/],
  ['1 neighbour: a public TLS host on the issuer', issuer, 'blog.example.org', ISSUER, undefined],
];

describe('round 71: cluster.warnings says what ingresses[] would be warned of, for Ingresses beside it (sibling71)', () => {
  test.each(WARNINGS)('%s', (_name, props, host, annotations, expected) => {
    const app = new App();
    const cluster = new K3sVipCluster(app, 'dev', props() as never);
    const object = ingress('traefik', undefined, annotations) as any;
    object.spec.rules[0].host = host;
    object.spec.tls = [{ hosts: [host], secretName: 'blog-tls' }];
    put(object)(new Chart(app, 'mine'));
    const said = cluster.warnings.map((w) => w.message).join('\n');
    if (expected) expect(said).toMatch(expected);
    else expect(said).toBe('');
    expect(refusalOf(() => app.synthYaml())).toBe('');
  });
});
