// Round 70 (attack70b 9, 17, 11, 13, 14, 16): a shared VIP is judged by the lease the app's kube-vip reads, in a config
// and beside a K3sVipCluster alike; Traefik's split TCP/UDP Services with one readable lease pass; a host port an
// extraObjects workload shares with Traefik is refused; Traefik v3 by image.tag on a K3s bundling Traefik v2 is refused;
// a file provider's problems stand at their own lines; an app object's refusal names no Traefik release.
// Refused rows name the finding's words; must-pass rows are the nearby valid inputs.
import { ApiObject, App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { K3sVipCluster, KubeVipDaemonSet, KubeVipRbac, LoadBalancerService } from '../src';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { cpuMillisSince } from './cpu-time';

type Values = Record<string, unknown>;
const HEAD = 'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\n';
const SHOP = 'ingresses:\n  - {name: shop, host: shop.example.com, service: shop, port: 80}\n';

/** The errors of a config text, each `line:col: key.path: message`. */
const errorsOf = (text: string): string[] =>
  parseConfigText('t.yaml', text).errors.map((d) => formatDiagnostic({ ...d, file: '' }).replace(/^(?:error: )?:/, ''));

/** What building `make` in an App refuses, or '' when it synthesizes. */
function refusal(make: (app: App) => void): string {
  const app = new App();
  try {
    make(app);
    app.synthYaml();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

// 70b-9: two LoadBalancerServices on one VIP beside a bare KubeVipDaemonSet with per-Service election.
interface Shared {
  version: string;
  lease?: string;
  ns2?: string;
}
const sharedVip = ({ version, lease, ns2 }: Shared) =>
  refusal((app) => {
    const kv = new Chart(app, 'kv');
    new KubeVipRbac(kv, 'rbac');
    new KubeVipDaemonSet(kv, 'ds', { version, interface: 'eth0', serviceAccountName: 'kube-vip', servicesElection: true });
    const lb = new Chart(app, 'lb');
    const svc = (name: string, namespace: string, port: number) =>
      new LoadBalancerService(lb, name, {
        name,
        namespace,
        selector: { app: name },
        ports: [{ port }],
        ips: ['192.168.0.45'],
        ...(lease && { leaseName: lease }),
      });
    svc('db', 'default', 5432);
    svc('mq', ns2 ?? 'default', 1883);
  });

const LEASE_ROWS: Array<[string, Shared, string | undefined]> = [
  ['v0.9.0, no lease: refused for the version, no lease advice', { version: 'v0.9.0' }, 'kube-vip v0.9.0 elects each Service'],
  ['v0.9.0, the advised lease: still refused', { version: 'v0.9.0', lease: 'kube-system/shared' }, 'kube-vip.io/leaseName came in v1.0.1'],
  ['v0.9.0, a bare lease: still refused', { version: 'v0.9.0', lease: 'shared' }, 'use kube-vip v1.0.1 or newer'],
  ['v1.0.0, a bare lease: refused', { version: 'v1.0.0', lease: 'shared' }, 'kube-vip v1.0.0 elects each Service'],
  ['v1.0.1, a bare lease in one namespace: passes', { version: 'v1.0.1', lease: 'shared' }, undefined],
  ['v1.0.4, a bare lease in one namespace: passes', { version: 'v1.0.4', lease: 'shared' }, undefined],
  [
    'v1.0.4, namespace/name in one namespace: refused',
    { version: 'v1.0.4', lease: 'kube-system/shared' },
    'names none this kube-vip reads',
  ],
  [
    'v1.0.4, two namespaces: refused (c37)',
    { version: 'v1.0.4', lease: 'kube-system/shared', ns2: 'mq' },
    'looks kube-vip.io/leaseName up in each',
  ],
  ['v1.1.0, two namespaces with namespace/name: passes', { version: 'v1.1.0', lease: 'kube-system/shared', ns2: 'mq' }, undefined],
  ['v1.2.3, two namespaces with namespace/name: passes', { version: 'v1.2.3', lease: 'kube-system/shared', ns2: 'mq' }, undefined],
  ['v1.2.3, no lease: refused with the lease advice', { version: 'v1.2.3' }, 'or give both the same kube-vip.io/leaseName annotation'],
];

// 70b-17: Traefik's UDP Service split off on the VIP under per-Service election (a Local loadBalancers[] turns it on).
const udpConfig = (version: string, service: string) =>
  `kubeVip: {version: ${version}, interface: eth0, controlPlane: {address: 192.168.0.40}}\n` +
  'traefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n' +
  `    service: ${service}\n    ports:\n      websecure: {http3: {enabled: true}}\n` +
  'loadBalancers:\n  - {name: game, selector: {app: game}, ports: [{port: 7777}], ips: [192.168.0.46], externalTrafficPolicy: Local}\n' +
  SHOP;
const SPLIT = 'traefik-udp) on the same VIP';
const UDP_ROWS: Array<[string, string, string, string | undefined]> = [
  [
    'v1.2.3, one namespace/name lease (ud3): passes',
    'v1.2.3',
    '{single: false, annotations: {kube-vip.io/leaseName: kube-system/traefik-shared}}',
    undefined,
  ],
  ['v1.2.3, one bare lease: passes', 'v1.2.3', '{single: false, annotations: {kube-vip.io/leaseName: traefik-shared}}', undefined],
  ['v1.0.4, one bare lease: passes', 'v1.0.4', '{single: false, annotations: {kube-vip.io/leaseName: traefik-shared}}', undefined],
  [
    'v1.2.3, no lease (ud2): refused, with the lease advice',
    'v1.2.3',
    '{single: false}',
    'or give both one lease with service.annotations',
  ],
  ['v0.9.0 (ud1): refused, without lease advice', 'v0.9.0', '{single: false}', 'keep service.single: true (one Service for TCP and UDP)\n'],
  ['v0.9.0, a lease it does not read: refused', 'v0.9.0', '{single: false, annotations: {kube-vip.io/leaseName: traefik-shared}}', SPLIT],
  [
    'v1.2.3, another lease on the UDP Service: refused',
    'v1.2.3',
    '{single: false, annotations: {kube-vip.io/leaseName: a}, annotationsUDP: {kube-vip.io/leaseName: b}}',
    SPLIT,
  ],
  ['v1.0.4, a namespace/name lease: refused', 'v1.0.4', '{single: false, annotations: {kube-vip.io/leaseName: kube-system/x}}', SPLIT],
  ['single: true: passes', 'v1.2.3', '{single: true}', undefined],
];

// 70b-11: Traefik's host port (or hostNetwork port) and an extraObjects workload's.
const workload = (kind: string, spec: Values) => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name: 'other', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'other' } }, template: { metadata: { labels: { app: 'other' } }, spec } },
});
const nginx = (port: Values) => ({ containers: [{ name: 'c', image: 'nginx:1.27', ports: [port] }] });
const hostConfig = (values: Values) => HEAD + stringify({ traefik: { loadBalancerIPs: ['192.168.0.41'], values } }) + SHOP;
// Wave 84 (83a-3): an extraObjects pod opens no port of its node at all (extra-workload-powers.ts), so no clash with
// Traefik's ports or another item's is left to judge; a hostNetwork pod is refused as such.
const TAKEN = 'hostPort: is 8080, a port of every node the pod runs on';
const HOST_ROWS: Array<[string, Values, string | undefined]> = [
  [
    'DaemonSet hostPort = web hostPort (n3): refused',
    { ports: { web: { hostPort: 8080 } }, extraObjects: [workload('DaemonSet', nginx({ containerPort: 80, hostPort: 8080 }))] },
    TAKEN,
  ],
  [
    'Deployment hostPort = web hostPort: refused',
    { ports: { web: { hostPort: 8080 } }, extraObjects: [workload('Deployment', nginx({ containerPort: 80, hostPort: 8080 }))] },
    TAKEN,
  ],
  [
    'hostNetwork DaemonSet on Traefik hostNetwork port (n5): refused',
    { hostNetwork: true, extraObjects: [workload('DaemonSet', { hostNetwork: true, ...nginx({ containerPort: 8000 }) })] },
    "spec.template.spec.hostNetwork: is true, which runs the pod on the node's own network",
  ],
  [
    'two extraObjects workloads on one host port: refused',
    {
      extraObjects: [
        workload('DaemonSet', nginx({ containerPort: 80, hostPort: 9999 })),
        { ...workload('Deployment', nginx({ containerPort: 81, hostPort: 9999 })), metadata: { name: 'two', namespace: 'default' } },
      ],
    },
    'extraObjects[1].spec.template.spec.containers[0].ports[0].hostPort: is 9999, a port of every node',
  ],
  [
    'another host port: refused',
    { ports: { web: { hostPort: 8080 } }, extraObjects: [workload('DaemonSet', nginx({ containerPort: 80, hostPort: 8081 }))] },
    'hostPort: is 8081, a port of every node',
  ],
  [
    'same number, UDP: refused',
    {
      ports: { web: { hostPort: 8080 } },
      extraObjects: [workload('DaemonSet', nginx({ containerPort: 80, hostPort: 8080, protocol: 'UDP' }))],
    },
    TAKEN,
  ],
  [
    // Wave 83: no host-port refusal, but hostNetwork itself is refused in extraObjects (extra-workload-powers.ts).
    'hostNetwork workload on a port Traefik does not open on the node: refused as hostNetwork only',
    { extraObjects: [workload('DaemonSet', { hostNetwork: true, ...nginx({ containerPort: 8000 }) })] },
    "spec.template.spec.hostNetwork: is true, which runs the pod on the node's own network",
  ],
];

// 70b-13: Traefik v3 on a K3s line bundling the Traefik v2 chart, by image.tag.
const imageConfig = (k3s: string, tag: string) =>
  HEAD + `k3s: {version: ${k3s}}\ntraefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n    image: {tag: "${tag}"}\n` + SHOP;
const V3_ON_V2 = 'bundles Traefik v2, and a HelmChartConfig sets the values of the bundled chart';
const IMAGE_ROWS: Array<[string, string, string, string | undefined]> = [
  [
    'v3.3.0 on v1.31.4 (kv1): refused',
    'v1.31.4+k3s1',
    'v3.3.0',
    `6:18: traefik.values.image.tag: names Traefik v3.3.0, but K3s v1.31.4+k3s1 ${V3_ON_V2}`,
  ],
  ['3.3.0 on v1.31.4 (kv2): refused', 'v1.31.4+k3s1', '3.3.0', V3_ON_V2],
  ['v3.0.0 on v1.32.1 (last v2 line): refused', 'v1.32.1+k3s1', 'v3.0.0', V3_ON_V2],
  ['v2.11.10 on v1.31.4: passes', 'v1.31.4+k3s1', 'v2.11.10', undefined],
  ['v3.3.2 on v1.32.2 (first v3 K3s): passes', 'v1.32.2+k3s1', 'v3.3.2', undefined],
];

// 70b-14: fp1.yaml, each problem at its own line of the block.
const FILE_PROVIDER =
  HEAD +
  `traefik:
  loadBalancerIPs: [192.168.0.41]
  values:
    providers:
      file:
        enabled: true
        content: |
          http:
            routers:
              r:
                rule: Host(\`a.example.com\`)
                service: noop@internal
                tls: {certResolver: nope3}
              s:
                rule: Hots(\`b.example.com\`)
                service: noop@internal
                entryPoints: [Web]
` +
  SHOP;

describe('70b-9: a shared VIP beside a bare KubeVipDaemonSet is judged by the lease its kube-vip reads', () => {
  test.each(LEASE_ROWS)('%s', (_name, row, expected) => {
    const said = sharedVip(row);
    if (expected) expect(said).toContain(expected);
    else expect(said).toBe('');
  });
  test('the config door says the same of v0.9.0 (v1.yaml)', () => {
    const text =
      'kubeVip: {version: v0.9.0, interface: eth0, controlPlane: {address: 192.168.0.40}}\ntraefik: {loadBalancerIPs: [192.168.0.41]}\n' +
      'loadBalancers:\n  - {name: db, selector: {app: db}, ports: [{port: 5432}], ips: [192.168.0.45]}\n' +
      '  - {name: mq, selector: {app: mq}, ports: [{port: 1883}], ips: [192.168.0.45]}\n' +
      '  - {name: game, selector: {app: game}, ports: [{port: 7777}], ips: [192.168.0.46], externalTrafficPolicy: Local}\n' +
      SHOP;
    expect(errorsOf(text).join('\n')).toContain('kube-vip v0.9.0 elects each Service');
  });
});

describe("70b-17: Traefik's split TCP/UDP Services pass with one lease the kube-vip reads", () => {
  test.each(UDP_ROWS)('%s', (_name, version, service, expected) => {
    const errors = errorsOf(udpConfig(version, service));
    if (expected) expect(`${errors.join('\n')}\n`).toContain(expected);
    else expect(errors).toEqual([]);
  });
});

describe("70b-11: a host port of an extraObjects workload that Traefik's pods open too is refused", () => {
  test.each(HOST_ROWS)('%s', (_name, values, expected) => {
    const errors = errorsOf(hostConfig(values)).join('\n');
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });
});

describe('70b-13: Traefik v3 by image.tag on a K3s that bundles Traefik v2 is refused', () => {
  test.each(IMAGE_ROWS)('%s', (_name, k3s, tag, expected) => {
    const errors = errorsOf(imageConfig(k3s, tag)).join('\n');
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });
});

describe('70b-14: problems inside providers.file.content stand at their own lines', () => {
  const errors = errorsOf(FILE_PROVIDER);
  test.each([
    [
      'the undefined resolver at line 14',
      /^14:\d+: traefik\.values\.providers\.file\.content: http\.routers\.r\.tls\.certResolver "nope3" is not defined/,
    ],
    ['the bad rule at line 16', /^16:\d+: traefik\.values\.providers\.file\.content: http\.routers\.s\.rule uses matcher Hots/],
    ['the entrypoint at line 18', /^18:\d+: traefik\.values\.providers\.file\.content: http\.routers\.s\.entryPoints\[0\] is "Web"/],
  ])('%s', (_name, line) => {
    expect(errors.filter((e) => line.test(e))).toHaveLength(1);
  });
  test('three errors, none joined into another', () => {
    expect(errors).toHaveLength(3);
    expect(errors.join('\n')).not.toContain('; and ');
  });
});

describe("70b-16: an app object's refusal tells its own effect, not the Traefik release's", () => {
  const crd = (id: string, apiVersion: string, kind: string, spec: Values) => (chart: Chart) =>
    new ApiObject(chart, id, { apiVersion, kind, metadata: { name: id, namespace: 'default' }, spec });
  const ROWS: Array<[string, (chart: Chart) => unknown, string]> = [
    [
      'an IngressRoute of traefik.containo.us',
      crd('r2', 'traefik.containo.us/v1alpha1', 'IngressRoute', {
        entryPoints: ['web'],
        routes: [{ match: 'Host(`c.example.com`)', kind: 'Rule', services: [{ name: 'x', port: 80 }] }],
      }),
      'so the API server finds no such resource and refuses the object: write traefik.io/v1alpha1',
    ],
    [
      'a Middleware with permanent "yes"',
      crd('m', 'traefik.io/v1alpha1', 'Middleware', { redirectScheme: { scheme: 'https', permanent: 'yes' } }),
      'takes a boolean here, so the API server refuses the object: write true or false',
    ],
    [
      'a ServersTransport with a quoted boolean',
      crd('s', 'traefik.io/v1alpha1', 'ServersTransport', { insecureSkipVerify: 'true' }),
      'so the API server refuses the object: write true or false',
    ],
    [
      'a misspelt Traefik kind',
      crd('k', 'traefik.io/v1alpha1', 'IngresRoute', {}),
      'the API server maps group, version and kind exactly (or refuses the object)',
    ],
  ];
  test.each(ROWS)('%s', (_name, make, expected) => {
    const said = refusal((app) => {
      new K3sVipCluster(app, 'dev', {
        kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
        traefik: { loadBalancerIPs: ['192.168.0.41'] },
        ingresses: [{ name: 'shop', host: 'shop.example.com', service: 'shop', port: 80 }],
      } as never);
      make(new Chart(app, 'mine'));
    });
    expect(said).toContain(expected);
    expect(said).not.toContain('Traefik release');
  });
  test('the same item in extraObjects still names the release', () => {
    const text =
      HEAD +
      stringify({
        traefik: {
          loadBalancerIPs: ['192.168.0.41'],
          values: {
            extraObjects: [
              {
                apiVersion: 'traefik.io/v1alpha1',
                kind: 'Middleware',
                metadata: { name: 'm', namespace: 'default' },
                spec: { redirectScheme: { scheme: 'https', permanent: 'yes' } },
              },
            ],
          },
        },
      }) +
      SHOP;
    expect(errorsOf(text).join('\n')).toContain('the whole Traefik release fails');
  });
});

describe('speed: the texts these rules read stay linear', () => {
  const routers = Array.from(
    { length: 600 },
    (_, i) => `    r${i}:\n      rule: Host(\`h${i}.example.com\`)\n      service: noop@internal\n`,
  ).join('');
  const content = `http:\n  routers:\n${routers.replace(/^/gm, '  ')}`;
  const many = (i: number) => ({
    ...workload('DaemonSet', nginx({ containerPort: 80, hostPort: 20000 + i })),
    metadata: { name: `w${i}`, namespace: 'default' },
  });
  test.each([
    ['600 file-provider routers', hostConfig({ providers: { file: { enabled: true, content } } })],
    ['40 extraObjects workloads with host ports', hostConfig({ extraObjects: Array.from({ length: 40 }, (_, i) => many(i)) })],
  ])('%s is judged within 2 s', (_name, text) => {
    expect(text.length).toBeLessThanOrEqual(100_000);
    errorsOf(text); // warm the rules' caches
    const start = process.cpuUsage();
    errorsOf(text);
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
