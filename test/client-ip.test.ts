import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { chart, find, synth, synthFiles, thrown, withChanges } from './helpers';
import { parseConfigText } from '../src/config/load';
import { formatPath } from '../src/core/problem';
import { ClusterConfig } from '../src/config/schema';
import { failureRows } from '../src/docs/failure-table';
import { KubeVipDaemonSet, LoadBalancerService, TraefikHelmChartConfig } from '../src/index';
import { sharedLeaseNames, sharedVipGroups } from '../src/kube-vip/shared-lease';
import { kubeVipRules } from '../src/kube-vip/versions';
import { parseVersion } from '../src/semver';

const FILE = 'config/t.yaml';
const EXAMPLE = parse(readFileSync('config/examples/client-ip.yaml', 'utf8'));
const example = (patch: any) => withChanges(EXAMPLE, patch);
const lines = (problems: ReadonlyArray<{ path: ReadonlyArray<string | number>; message: string }>) =>
  problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
const result = (config: unknown) => parseConfigText(FILE, stringify(config));
const errorsOf = (config: unknown) => lines(result(config).errors);
const warningsOf = (config: unknown) => lines(result(config).warnings);
const configOf = (config: unknown): ClusterConfig => {
  const loaded = result(config);
  if (!loaded.config) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return loaded.config;
};
const envOf = (config: unknown) => {
  const ds = find(synth(config).get('kube-vip.yaml')!, 'DaemonSet', 'kube-vip-ds');
  return ds.spec.template.spec.containers[0].env as Array<{ name: string; value?: string }>;
};
const traefikValuesOf = (config: unknown) =>
  parse(find(synth(config).get('traefik-config.yaml')!, 'HelmChartConfig', 'traefik').spec.valuesContent);

/** Two Services of one namespace on one VIP, next to Traefik. */
const DATABASES = EXAMPLE.loadBalancers;
const db = (patch: any = {}) => ({ ...DATABASES[0], ...patch });
const redis = (patch: any = {}) => ({ ...DATABASES[1], ...patch });
const BGP = { mode: 'bgp', leaderElection: undefined, bgp: { as: 65010, peers: [{ address: '192.168.0.1', as: 65000 }] } };
const LOCAL_MSG = {
  nodeName: (v: string) =>
    `is Local, and kube-vip ${v} matches pods to its node by host name, not by Kubernetes node name (vip_nodename came in v0.8.0): ` +
    'on a node whose host name differs from its node name it finds no local pod and never announces the VIP from there: ' +
    'keep host names equal to node names, or use kube-vip v0.8.0 or newer',
};

describe('config/examples/client-ip.yaml: every point of the client IP, end to end', () => {
  const objects = synth(EXAMPLE);
  const env = envOf(EXAMPLE);
  const values = traefikValuesOf(EXAMPLE);

  test('valid, without a warning', () => {
    expect(errorsOf(EXAMPLE)).toEqual([]);
    expect(warningsOf(EXAMPLE)).toEqual([]);
  });

  test('kube-vip elects a leader per Service, after svc_leasename as its generator writes it, on the tuned timings', () => {
    const names = env.map((e) => e.name);
    expect(names.slice(names.indexOf('svc_enable'), names.indexOf('svc_enable') + 3)).toEqual([
      'svc_enable',
      'svc_leasename',
      'svc_election',
    ]);
    const value = Object.fromEntries(env.map((e) => [e.name, e.value]));
    expect(value).toMatchObject({ svc_election: 'true', vip_leaseduration: '5', vip_renewdeadline: '3', vip_retryperiod: '1' });
    // Its identity is the node name, as the EndpointSlices name a pod's node (v0.8.0+).
    expect(env.find((e) => e.name === 'vip_nodename')).toEqual({
      name: 'vip_nodename',
      valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } },
    });
  });

  test('the Traefik Service is Local and keeps its VIP annotation', () => {
    expect(values.service.spec).toEqual({ externalTrafficPolicy: 'Local' });
    expect(values.service.annotations).toEqual({ 'kube-vip.io/loadbalancerIPs': '192.168.0.41' });
  });

  test("Traefik runs only where kube-vip runs: its required node terms are the DaemonSet's, one pod per node", () => {
    const ds = find(objects.get('kube-vip.yaml')!, 'DaemonSet', 'kube-vip-ds');
    const kubeVipTerms = ds.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    expect(values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual(kubeVipTerms);
    expect(values.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
      {
        labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik', 'app.kubernetes.io/instance': 'traefik-kube-system' } },
        topologyKey: 'kubernetes.io/hostname',
      },
    ]);
    expect(values.deployment).toEqual({ replicas: 2 });
    expect(values.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  });

  test('the trusted proxy on both entrypoints, next to the redirect', () => {
    expect(values.ports.web.forwardedHeaders).toEqual({ trustedIPs: ['192.168.0.5'] });
    expect(values.ports.websecure).toEqual({ forwardedHeaders: { trustedIPs: ['192.168.0.5'] } });
    expect(values.ports.web.http.redirections.entryPoint.to).toBe('websecure');
  });

  test('the two databases on one VIP share one lease and stay Cluster', () => {
    const services = objects.get('load-balancers.yaml')!;
    expect(services.map((s) => [s.metadata.name, s.metadata.annotations, s.spec.externalTrafficPolicy])).toEqual([
      ['postgres', { 'kube-vip.io/loadbalancerIPs': '192.168.0.42', 'kube-vip.io/leaseName': 'kubevip-shared-192-168-0-42' }, undefined],
      ['redis', { 'kube-vip.io/loadbalancerIPs': '192.168.0.42', 'kube-vip.io/leaseName': 'kubevip-shared-192-168-0-42' }, undefined],
    ]);
  });

  test('the cluster README: the client IP path in the diagram, the settings, the checks, failover from the tuned election', () => {
    const readme = synthFiles(EXAMPLE).get('README.md')!;
    expect(readme).toContain('  proxy(["Trusted proxy 192.168.0.5"]) -->|"X-Forwarded-For believed"| vip\n');
    expect(readme).toContain('  vip --> leader["kube-vip leader: a control-plane node running a Traefik pod (failover up to 6 s)"]\n');
    expect(readme).toContain('  leader -->|"same node: client IP kept (Local)"| traefik[');
    expect(readme).toContain("| Traefik sees | the client's own address (externalTrafficPolicy: Local) |");
    expect(readme).toContain(
      '| Shared leases (kube-vip.io/leaseName) | databases/postgres: kubevip-shared-192-168-0-42; databases/redis: kubevip-shared-192-168-0-42 |',
    );
    expect(readme).toContain('`kubectl -n kube-system get lease kubevip-traefik -o jsonpath=\'{.spec.holderIdentity}{"\\n"}\'`');
    expect(readme).toContain(
      '| Traefik VIP 192.168.0.41 | another server running a Traefik pod takes the kube-vip lease and answers ARP for it; meanwhile new connections time out and open ones break; clients keep their own IP in Traefik (Local) | up to 6 s (kube-vip v1.2.3: lease 5 s, retry every 1 s) |',
    );
  });
});

describe('without Local nothing changes for kube-vip; Cluster is written explicitly', () => {
  const cluster = example({ traefik: { externalTrafficPolicy: 'Cluster', trustedProxies: [] } });

  test('no svc_election, no shared lease: one services leader announces the shared VIP', () => {
    expect(envOf(cluster).map((e) => e.name)).not.toContain('svc_election');
    const services = synth(cluster).get('load-balancers.yaml')!;
    expect(services.map((s) => s.metadata.annotations)).toEqual([
      { 'kube-vip.io/loadbalancerIPs': '192.168.0.42' },
      { 'kube-vip.io/loadbalancerIPs': '192.168.0.42' },
    ]);
  });

  test('Traefik: the policy Cluster, no placement', () => {
    const values = traefikValuesOf(cluster);
    expect(values.service.spec).toEqual({ externalTrafficPolicy: 'Cluster' });
    expect(values.affinity).toBeUndefined();
    expect(values.updateStrategy).toBeUndefined();
  });

  test('BGP with Local: every node with a pod announces it, so no svc_election (nor lease timings)', () => {
    const bgp = example({ kubeVip: BGP, loadBalancers: [] });
    expect(errorsOf(bgp)).toEqual([]);
    const names = envOf(bgp).map((e) => e.name);
    expect(names).not.toContain('svc_election');
    expect(names).not.toContain('vip_leaseduration');
    expect(traefikValuesOf(bgp).service.spec).toEqual({ externalTrafficPolicy: 'Local' });
  });
});

/** Each refused with exactly one line: `key.path: message`. */
const REFUSED: Array<[string, any, string]> = [
  [
    'renewDeadline not below leaseDuration',
    example({ kubeVip: { leaderElection: { leaseDuration: 5, renewDeadline: 5, retryPeriod: 1 } } }),
    'kubeVip.leaderElection.renewDeadline: is 5 s, not shorter than leaseDuration (5 s): a leader must give its VIPs up before its lease runs out, or two nodes hold them (client-go refuses it and kube-vip crashes at start): e.g. 5/3/1 or 15/10/2',
  ],
  [
    'renewDeadline not above 1.2 x retryPeriod',
    example({ kubeVip: { leaderElection: { leaseDuration: 10, renewDeadline: 6, retryPeriod: 5 } } }),
    "kubeVip.leaderElection.renewDeadline: is 6 s, not longer than 1.2 x retryPeriod (6 s): client-go's leader election refuses it and kube-vip crashes at start: e.g. 5/3/1 or 15/10/2",
  ],
  [
    'retryPeriod 0',
    example({ kubeVip: { leaderElection: { leaseDuration: 5, renewDeadline: 3, retryPeriod: 0 } } }),
    'kubeVip.leaderElection.retryPeriod: 0 is too small: expected at least 1',
  ],
  [
    'leaderElection in BGP mode',
    example({ kubeVip: { ...BGP, leaderElection: { leaseDuration: 5, renewDeadline: 3, retryPeriod: 1 } }, loadBalancers: [] }),
    'kubeVip.leaderElection: is set, but in BGP mode kube-vip elects no leader (every control-plane node announces the VIPs), so it would be ignored: remove it',
  ],
  [
    'Local on a kube-vip older than supported: the version line only',
    example({ kubeVip: { version: 'v0.4.9999', leaderElection: undefined }, loadBalancers: [] }),
    'kubeVip.version: "v0.4.9999" is older than the oldest supported kube-vip v0.5.0: use v0.5.0 or newer (newest known: v1.2.3)',
  ],
  [
    'Local before kube-vip follows the endpoints (ARP)',
    example({ kubeVip: { version: 'v0.5.0', leaderElection: undefined }, loadBalancers: [] }),
    'traefik.externalTrafficPolicy: is Local, but kube-vip v0.5.0 looks for a local pod only when the Service itself changes, not when its pods move, so the VIP can stay on a node without one (per-Service election follows the endpoints from v0.5.5): use kube-vip v0.5.5 or newer',
  ],
  [
    'Local before kube-vip follows the endpoints (BGP)',
    example({ kubeVip: { ...BGP, version: 'v0.6.4' }, loadBalancers: [] }),
    'traefik.externalTrafficPolicy: is Local, but in BGP mode kube-vip v0.6.4 keeps announcing the VIP from the nodes that ran a pod when the Service appeared, and never from nodes that get one later (v0.7.0 follows the pods, commit fa1b2c9): use kube-vip v0.7.0 or newer',
  ],
  [
    "a Service on Traefik's VIP while Traefik is Local",
    example({ loadBalancers: [db({ ips: ['192.168.0.41'] })] }),
    'loadBalancers[0].ips[0]: "192.168.0.41" is also the VIP of Traefik (traefik.loadBalancerIPs[0]), and Traefik is Local: kube-vip then elects a leader per Service and refuses a shared lease (kube-vip.io/leaseName) unless the policy is Cluster, so two nodes could announce the address: give Traefik a VIP of its own, or make it Cluster',
  ],
  [
    'a shared VIP with one Local Service (ARP)',
    example({ loadBalancers: [db(), redis({ externalTrafficPolicy: 'Local' })] }),
    'loadBalancers[1].ips[0]: "192.168.0.42" is also the VIP of Service databases/postgres (loadBalancers[0].ips[0]), and Service databases/redis is Local: kube-vip then elects a leader per Service and refuses a shared lease (kube-vip.io/leaseName) unless the policy is Cluster, so two nodes could announce the address: give Service databases/redis a VIP of its own, or make it Cluster',
  ],
  [
    'a shared VIP with one Local Service (BGP)',
    example({ kubeVip: BGP, loadBalancers: [db({ externalTrafficPolicy: 'Local' }), redis()] }),
    'loadBalancers[1].ips[0]: "192.168.0.42" is also the VIP of Service databases/postgres (loadBalancers[0].ips[0]), and Service databases/postgres is Local: in BGP mode nodes without its pod still announce the address for the other Service, and drop this one\'s traffic there: give Service databases/postgres a VIP of its own, or make it Cluster',
  ],
  [
    'a shared VIP under per-Service election before kube-vip shares a lease',
    example({ kubeVip: { version: 'v1.0.0' } }),
    'loadBalancers[1].ips[0]: "192.168.0.42" is also the VIP of Service databases/postgres (loadBalancers[0].ips[0]): with per-Service election (on because traefik.externalTrafficPolicy is Local) kube-vip v1.0.0 elects each Service\'s leader apart and cannot make them share one (kube-vip.io/leaseName came in v1.0.1), so two nodes could announce it: give each Service its own VIP, or use kube-vip v1.0.1 or newer',
  ],
  [
    'a VIP shared across namespaces before the namespace/name form',
    example({ kubeVip: { version: 'v1.0.4' }, loadBalancers: [db(), redis({ namespace: 'cache' })] }),
    'loadBalancers[1].ips[0]: "192.168.0.42" is also the VIP of Service databases/postgres (loadBalancers[0].ips[0]): with per-Service election (on because traefik.externalTrafficPolicy is Local) they must share one lease, but kube-vip v1.0.4 looks kube-vip.io/leaseName up in each Service\'s own namespace (databases, cache), so they would elect apart (the namespace/name form came in v1.1.0): put them in one namespace, give each its own VIP, or use kube-vip v1.1.0 or newer',
  ],
  [
    'the control-plane VIP on a Service under per-Service election',
    example({ loadBalancers: [db({ ips: ['192.168.0.40'] })] }),
    'loadBalancers[0].ips[0]: "192.168.0.40" is also the control-plane VIP; with per-Service election (on because traefik.externalTrafficPolicy is Local) each Service elects its own leader apart from the API server\'s, so two nodes could announce it: use another address',
  ],
  [
    'a pool that shares addresses under per-Service election',
    example({ kubeVip: { services: { ipPool: { global: { range: '192.168.0.200-192.168.0.210', allowShare: true } } } } }),
    'kubeVip.services.ipPool.global.allowShare: is true, but with per-Service election (on because traefik.externalTrafficPolicy is Local) Services handed one address elect their leaders apart, and this tool cannot give them a common lease, so two nodes could announce it: set allowShare: false',
  ],
  [
    "Traefik's UDP Service split off under per-Service election",
    example({ traefik: { values: { service: { single: false }, ports: { websecure: { http3: { enabled: true } } } } } }),
    "traefik.values.service.single: is false, so Traefik's UDP ports get a Service of their own (traefik-udp) on the same VIP; with per-Service election (on because traefik.externalTrafficPolicy is Local) the two elect their leaders apart, so two nodes could announce it: keep service.single: true (one Service for TCP and UDP)",
  ],
  [
    'more Local Traefik pods than servers',
    example({ traefik: { replicas: 4 } }),
    'traefik.replicas: is 4, but with externalTrafficPolicy Local Traefik runs only on the 3 control-plane node(s), where kube-vip runs, one pod each, so 1 would stay Pending: use at most 3',
  ],
  [
    'a trusted proxy that is no address',
    example({ traefik: { trustedProxies: ['proxy.lan'] } }),
    'traefik.trustedProxies[0]: "proxy.lan" is not an IP address or CIDR block: expected e.g. "192.168.0.5" or "192.168.0.0/24"',
  ],
  [
    'a trusted block with host bits',
    example({ traefik: { trustedProxies: ['192.168.0.1/24'] } }),
    'traefik.trustedProxies[0]: "192.168.0.1/24" has host bits set: the block starts at "192.168.0.0/24"',
  ],
  [
    'a trusted prefix too long',
    example({ traefik: { trustedProxies: ['192.168.0.0/33'] } }),
    'traefik.trustedProxies[0]: "192.168.0.0/33" is not an IP address or CIDR block: expected e.g. "192.168.0.5" or "192.168.0.0/24"',
  ],
  [
    'a trusted address with leading zeros',
    example({ traefik: { trustedProxies: ['192.168.000.5'] } }),
    'traefik.trustedProxies[0]: "192.168.000.5" has leading zeros: write "192.168.0.5"',
  ],
  [
    'trusting every IPv4 address',
    example({ traefik: { trustedProxies: ['0.0.0.0/0'] } }),
    'traefik.trustedProxies[0]: "0.0.0.0/0" trusts every address, so any client could forge its forwarded address and pose as anyone: list only your proxies\' addresses',
  ],
  [
    'trusting every IPv6 address',
    example({ traefik: { trustedProxies: ['::/0'] } }),
    'traefik.trustedProxies[0]: "::/0" trusts every address, so any client could forge its forwarded address and pose as anyone: list only your proxies\' addresses',
  ],
  [
    'a trusted network listed twice',
    example({ traefik: { trustedProxies: ['192.168.0.5', '192.168.0.5/32'] } }),
    'traefik.trustedProxies[1]: "192.168.0.5/32" is listed twice (first at index 0): list each network once',
  ],
  [
    'with Cluster, trusting the pod network trusts every client',
    example({ traefik: { externalTrafficPolicy: 'Cluster', trustedProxies: ['10.42.0.0/16'] } }),
    'traefik.trustedProxies[0]: "10.42.0.0/16" covers the K3s pod network 10.42.0.0/16; with traefik.externalTrafficPolicy Cluster every request reaches Traefik from there after source NAT, so Traefik would believe every client\'s X-Forwarded-* headers: set traefik.externalTrafficPolicy: Local',
  ],
  [
    'with Cluster, trusting the nodes trusts every client',
    example({ traefik: { externalTrafficPolicy: 'Cluster', trustedProxies: ['192.168.0.0/24'] } }),
    'traefik.trustedProxies[0]: "192.168.0.0/24" covers node k3s-1 (192.168.0.11); with traefik.externalTrafficPolicy Cluster every request reaches Traefik from there after source NAT, so Traefik would believe every client\'s X-Forwarded-* headers: set traefik.externalTrafficPolicy: Local',
  ],
  [
    'forwarded headers from everyone, through traefik.values',
    example({ traefik: { values: { ports: { web: { forwardedHeaders: { insecure: true } } } } } }),
    'traefik.values.ports.web.forwardedHeaders.insecure: is true: Traefik then believes X-Forwarded-* headers from every client, so anyone can pose as any address: list your proxies in traefik.trustedProxies instead',
  ],
  [
    'a PROXY protocol network that is every address, through traefik.values',
    example({ traefik: { values: { ports: { websecure: { proxyProtocol: { trustedIPs: ['0.0.0.0/0'] } } } } } }),
    'traefik.values.ports.websecure.proxyProtocol.trustedIPs[0]: "0.0.0.0/0" trusts every address, so any client could forge its forwarded address and pose as anyone: list only your proxies\' addresses',
  ],
  [
    'another trusted list for web through traefik.values',
    example({ traefik: { values: { ports: { web: { forwardedHeaders: { trustedIPs: ['192.168.0.6'] } } } } } }),
    'traefik.values.ports.web.forwardedHeaders.trustedIPs: is ["192.168.0.6"], but traefik.trustedProxies makes this tool write ["192.168.0.5"] there: change traefik.trustedProxies instead, or drop the key from traefik.values',
  ],
  [
    'the policy through traefik.values',
    example({ traefik: { values: { service: { spec: { externalTrafficPolicy: 'Cluster' } } } } }),
    'traefik.values.service.spec.externalTrafficPolicy: is "Cluster", but traefik.externalTrafficPolicy makes this tool write "Local" there: change traefik.externalTrafficPolicy instead, or drop the key from traefik.values',
  ],
  [
    "Traefik's node affinity through traefik.values",
    example({
      traefik: { values: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } } },
    }),
    'traefik.values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: is [], but traefik.externalTrafficPolicy makes this tool write [{"matchExpressions":[{"key":"node-role.kubernetes.io/master","operator":"Exists"}]},{"matchExpressions":[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists"}]}] there: change traefik.externalTrafficPolicy instead, or drop the key from traefik.values',
  ],
  [
    'a surging rollout through traefik.values',
    example({ traefik: { values: { updateStrategy: { rollingUpdate: { maxSurge: 1 } } } } }),
    'traefik.values.updateStrategy.rollingUpdate.maxSurge: is 1, but traefik.externalTrafficPolicy makes this tool write 0 there: change traefik.externalTrafficPolicy instead, or drop the key from traefik.values',
  ],
];

describe('refused, with one line each', () => {
  test.each(REFUSED)('%s', (_, config, line) => {
    expect(errorsOf(config)).toEqual([line]);
  });

  test('a Recreate rollout for an ACME volume still names traefik.certResolvers', () => {
    const acme = example({
      certManager: undefined,
      ingresses: [],
      traefik: { replicas: 1, certResolvers: { le: { email: 'ops@example.com' } }, values: { updateStrategy: { type: 'RollingUpdate' } } },
    });
    expect(errorsOf(acme)).toEqual([
      'traefik.values.updateStrategy.type: is "RollingUpdate", but traefik.certResolvers makes this tool write "Recreate" there: change traefik.certResolvers instead, or drop the key from traefik.values',
    ]);
  });
});

describe('warnings: what stays true of the old Local warning, and Cluster behind a proxy', () => {
  const localDb = (k3s: any) => example({ loadBalancers: [db({ ips: ['192.168.0.43'], externalTrafficPolicy: 'Local' })], k3s });
  const PLACEMENT =
    'loadBalancers[0].externalTrafficPolicy: is Local: kube-vip runs on control-plane nodes only and announces this VIP only from one running a ready pod of the Service, so pods on other nodes get no traffic through it: pin the pods to control-plane nodes (required node affinity on node-role.kubernetes.io/control-plane)';

  test.each([
    ['with agents', { agents: [{ name: 'w-1', address: '192.168.0.21' }] }, [PLACEMENT]],
    ['without an inventory', { servers: undefined }, [PLACEMENT]],
    ['on servers only (every node runs kube-vip)', {}, []],
  ])('a Local Service %s', (_, k3s, expected) => {
    expect(errorsOf(localDb(k3s))).toEqual([]);
    expect(warningsOf(localDb(k3s))).toEqual(expected);
  });

  test('trusted proxies while Traefik is Cluster are never matched', () => {
    const config = example({ traefik: { externalTrafficPolicy: 'Cluster' } });
    expect(errorsOf(config)).toEqual([]);
    expect(warningsOf(config)).toEqual([
      'traefik.trustedProxies: is set while traefik.externalTrafficPolicy is Cluster: requests reach Traefik from a node after source NAT, never from your proxy, so Traefik ignores its X-Forwarded-* headers: set traefik.externalTrafficPolicy: Local',
    ]);
  });

  test('more Local Traefik pods than servers: the error only, not the HA warning about nodes with two pods', () => {
    expect(warningsOf(example({ traefik: { replicas: 4 } }))).toEqual([]);
  });
});

/**
 * Every kube-vip boundary this feature uses, on both sides: [boundary, config just before, its errors
 * and warnings, config at the boundary, its errors and warnings].
 */
const BOUNDARIES: Array<[string, any, string[], any, string[]]> = [
  [
    'v0.5.5: per-Service election follows the endpoints',
    example({ kubeVip: { version: 'v0.5.0', leaderElection: undefined }, loadBalancers: [] }),
    [
      'E traefik.externalTrafficPolicy: is Local, but kube-vip v0.5.0 looks for a local pod only when the Service itself changes, not when its pods move, so the VIP can stay on a node without one (per-Service election follows the endpoints from v0.5.5): use kube-vip v0.5.5 or newer',
    ],
    example({ kubeVip: { version: 'v0.5.5', leaderElection: undefined }, loadBalancers: [] }),
    [`W traefik.externalTrafficPolicy: ${LOCAL_MSG.nodeName('v0.5.5')}`],
  ],
  [
    'v0.5.6: Service elections follow the timings',
    example({ kubeVip: { version: 'v0.5.5' }, loadBalancers: [] }),
    [
      'W kubeVip.leaderElection: applies only to the control-plane VIP on kube-vip v0.5.5, which elects Service leaders on fixed timings (10/5/1 s, per Service 60/15/5 s; v0.5.6 and newer follow these settings): upgrade kube-vip to tune Service failover',
      `W traefik.externalTrafficPolicy: ${LOCAL_MSG.nodeName('v0.5.5')}`,
    ],
    example({ kubeVip: { version: 'v0.5.6' }, loadBalancers: [] }),
    [`W traefik.externalTrafficPolicy: ${LOCAL_MSG.nodeName('v0.5.6')}`],
  ],
  [
    "v0.7.0: BGP follows a Local Service's pods",
    example({ kubeVip: { ...BGP, version: 'v0.6.4' }, loadBalancers: [] }),
    [
      'E traefik.externalTrafficPolicy: is Local, but in BGP mode kube-vip v0.6.4 keeps announcing the VIP from the nodes that ran a pod when the Service appeared, and never from nodes that get one later (v0.7.0 follows the pods, commit fa1b2c9): use kube-vip v0.7.0 or newer',
    ],
    example({ kubeVip: { ...BGP, version: 'v0.7.0' }, loadBalancers: [] }),
    [`W traefik.externalTrafficPolicy: ${LOCAL_MSG.nodeName('v0.7.0')}`],
  ],
  [
    'v0.8.0: kube-vip knows its node by name',
    example({ kubeVip: { version: 'v0.7.2' }, loadBalancers: [] }),
    [`W traefik.externalTrafficPolicy: ${LOCAL_MSG.nodeName('v0.7.2')}`],
    example({ kubeVip: { version: 'v0.8.0' }, loadBalancers: [] }),
    [],
  ],
  [
    'v1.0.1: Services share a lease',
    example({ kubeVip: { version: 'v1.0.0' } }),
    [
      'E loadBalancers[1].ips[0]: "192.168.0.42" is also the VIP of Service databases/postgres (loadBalancers[0].ips[0]): with per-Service election (on because traefik.externalTrafficPolicy is Local) kube-vip v1.0.0 elects each Service\'s leader apart and cannot make them share one (kube-vip.io/leaseName came in v1.0.1), so two nodes could announce it: give each Service its own VIP, or use kube-vip v1.0.1 or newer',
    ],
    example({ kubeVip: { version: 'v1.0.1' } }),
    [],
  ],
  [
    'v1.1.0: a shared lease across namespaces',
    example({ kubeVip: { version: 'v1.0.4' }, loadBalancers: [db(), redis({ namespace: 'cache' })] }),
    [
      'E loadBalancers[1].ips[0]: "192.168.0.42" is also the VIP of Service databases/postgres (loadBalancers[0].ips[0]): with per-Service election (on because traefik.externalTrafficPolicy is Local) they must share one lease, but kube-vip v1.0.4 looks kube-vip.io/leaseName up in each Service\'s own namespace (databases, cache), so they would elect apart (the namespace/name form came in v1.1.0): put them in one namespace, give each its own VIP, or use kube-vip v1.1.0 or newer',
    ],
    example({ kubeVip: { version: 'v1.1.0' }, loadBalancers: [db(), redis({ namespace: 'cache' })] }),
    [],
  ],
];

describe('every kube-vip boundary of the client IP, on both sides', () => {
  const outcome = (config: any) => [...errorsOf(config).map((l) => `E ${l}`), ...warningsOf(config).map((l) => `W ${l}`)];
  test.each(BOUNDARIES)('%s', (_, before, beforeOutcome, at, atOutcome) => {
    expect(outcome(before)).toEqual(beforeOutcome);
    expect(outcome(at)).toEqual(atOutcome);
  });

  test('v1.0.1 writes a bare lease name on Services of one namespace; v1.1.0 `kube-system/<name>` across namespaces', () => {
    const annotations = (config: any) =>
      synth(config)
        .get('load-balancers.yaml')!
        .map((s) => s.metadata.annotations['kube-vip.io/leaseName']);
    expect(annotations(example({ kubeVip: { version: 'v1.0.1' } }))).toEqual([
      'kubevip-shared-192-168-0-42',
      'kubevip-shared-192-168-0-42',
    ]);
    const across = example({ kubeVip: { version: 'v1.1.0' }, loadBalancers: [db(), redis({ namespace: 'cache' })] });
    expect(annotations(across)).toEqual(['kube-system/kubevip-shared-192-168-0-42', 'kube-system/kubevip-shared-192-168-0-42']);
  });

  test.each<[string, number, number, number]>([
    // leaseDuration, renewDeadline, retryPeriod: accepted just above 1.2 x retryPeriod and just below leaseDuration
    ['renewDeadline 4 > 1.2 x 3', 5, 4, 3],
    ['renewDeadline 7 > 1.2 x 5', 8, 7, 5],
    ['the homelab 5/3/1', 5, 3, 1],
    ["kube-vip's 15/10/2", 15, 10, 2],
  ])('leader election accepted: %s', (_, leaseDuration, renewDeadline, retryPeriod) => {
    expect(errorsOf(example({ kubeVip: { leaderElection: { leaseDuration, renewDeadline, retryPeriod } } }))).toEqual([]);
  });
});

describe('failover time: computed from the election kube-vip really runs', () => {
  const rows = (config: any) => failureRows(configOf(config)).map((r) => `${r.part} | ${r.duration}`);

  test.each([
    // kube-vip, Traefik policy, timings set?, API VIP row, Traefik VIP row
    [
      'v0.5.5',
      'Local',
      false,
      'up to 6 s (kube-vip v0.5.5: lease 5 s, retry every 1 s)',
      'up to 65 s (kube-vip v0.5.5: lease 60 s, retry every 5 s, fixed for Services before v0.5.6)',
    ],
    [
      'v0.5.5',
      'Cluster',
      false,
      'up to 6 s (kube-vip v0.5.5: lease 5 s, retry every 1 s)',
      'up to 11 s (kube-vip v0.5.5: lease 10 s, retry every 1 s, fixed for Services before v0.5.6)',
    ],
    [
      'v0.5.6',
      'Local',
      false,
      'up to 6 s (kube-vip v0.5.6: lease 5 s, retry every 1 s)',
      'up to 6 s (kube-vip v0.5.6: lease 5 s, retry every 1 s)',
    ],
    [
      'v1.2.3',
      'Local',
      false,
      'up to 17 s (kube-vip v1.2.3: lease 15 s, retry every 2 s)',
      'up to 17 s (kube-vip v1.2.3: lease 15 s, retry every 2 s)',
    ],
    [
      'v1.2.3',
      'Local',
      true,
      'up to 6 s (kube-vip v1.2.3: lease 5 s, retry every 1 s)',
      'up to 6 s (kube-vip v1.2.3: lease 5 s, retry every 1 s)',
    ],
  ])('kube-vip %s, Traefik %s, timings set: %s', (version, policy, tuned, api, traefik) => {
    const config = example({
      kubeVip: { version, leaderElection: tuned ? EXAMPLE.kubeVip.leaderElection : undefined },
      traefik: { externalTrafficPolicy: policy, trustedProxies: [] },
      loadBalancers: [],
    });
    expect(rows(config).slice(0, 3)).toEqual([
      `API VIP 192.168.0.40 | ${api}`,
      'etcd quorum (K3s servers) | n/a',
      `Traefik VIP 192.168.0.41 | ${traefik}`,
    ]);
  });

  test('one Local Traefik pod: the VIP waits for it', () => {
    const one = failureRows(configOf(example({ traefik: { replicas: 1 } })));
    expect(one[2].effect).toBe(
      'only the server running the one Traefik pod may announce it (Local): if that server fails, the VIP returns with the pod on another server',
    );
    expect([one[3].part, one[3].singlePoint]).toEqual(['Traefik pods (1)', true]);
  });
});

describe('shared leases: the groups and their names', () => {
  const rules = (v: string) => kubeVipRules(parseVersion(v));
  const svc = (id: string, ips: string[]) => ({ id, namespace: id.split('/')[0], ips });

  test('Services joined through a third one share one lease; the name follows the first shared address', () => {
    const services = [
      svc('a/x', ['192.168.0.50']),
      svc('a/y', ['192.168.0.51', 'fd00::50']),
      svc('a/z', ['192.168.0.50', '192.168.0.51']),
      svc('a/w', ['192.168.0.52']),
    ];
    expect(sharedVipGroups(services).map((g) => [g.services.map((s) => s.id), g.ip])).toEqual([[['a/x', 'a/y', 'a/z'], '192.168.0.50']]);
    expect([...sharedLeaseNames(services, rules('v1.2.3'))]).toEqual([
      ['a/x', 'kubevip-shared-192-168-0-50'],
      ['a/y', 'kubevip-shared-192-168-0-50'],
      ['a/z', 'kubevip-shared-192-168-0-50'],
    ]);
  });

  test('an IPv6 address is written as its eight full groups (a valid name, whatever its zeros), one spelling for both forms', () => {
    const services = [svc('a/x', ['fd00::']), svc('a/y', ['fd00:0::0'])];
    expect([...sharedLeaseNames(services, rules('v1.2.3')).values()]).toEqual([
      'kubevip-shared-fd00-0000-0000-0000-0000-0000-0000-0000',
      'kubevip-shared-fd00-0000-0000-0000-0000-0000-0000-0000',
    ]);
  });

  test('no lease where kube-vip cannot share one', () => {
    const services = [svc('a/x', ['192.168.0.50']), svc('b/y', ['192.168.0.50'])];
    expect(sharedLeaseNames(services, rules('v1.0.0')).size).toBe(0);
    expect(sharedLeaseNames(services, rules('v1.0.4')).size).toBe(0);
    expect(sharedLeaseNames(services, rules('v1.1.0')).get('b/y')).toBe('kube-system/kubevip-shared-192-168-0-50');
  });
});

describe('the constructs refuse what kube-vip or the chart would not do', () => {
  const base = { version: 'v1.2.3', serviceAccountName: 'kube-vip' };

  test.each<[string, any, string[]]>([
    [
      'timings in the wrong order',
      { leaderElection: { leaseDuration: 3, renewDeadline: 3, retryPeriod: 1 } },
      [
        'KubeVipDaemonSet: leaderElection.renewDeadline is 3 s, not shorter than leaseDuration (3 s): a leader must give its VIPs up before its lease runs out, or two nodes hold them (client-go refuses it and kube-vip crashes at start): e.g. 5/3/1 or 15/10/2',
      ],
    ],
    [
      'a timing that is no whole number',
      { leaderElection: { leaseDuration: 5, renewDeadline: 3, retryPeriod: 0.5 } },
      // In words, with what the key is (56b-13).
      [
        'KubeVipDaemonSet: leaderElection.retryPeriod is 0.5: expected a whole number (Seconds between attempts to take or renew a lease; renewDeadline must exceed 1.2 times it)',
      ],
    ],
    [
      'servicesElection as text',
      { servicesElection: 'yes' },
      ['KubeVipDaemonSet: servicesElection "yes" is a string: expected true or false'],
    ],
    [
      'per-Service election in BGP mode',
      { servicesElection: true, bgp: { as: 65010, peers: [{ address: '192.168.0.1', as: 65000 }] } },
      [
        'KubeVipDaemonSet: servicesElection is true, but in BGP mode kube-vip elects no leaders: every node with a local endpoint announces a Local Service',
      ],
    ],
  ])('KubeVipDaemonSet: %s', (_, props, expected) => {
    expect(thrown(() => new KubeVipDaemonSet(chart(), 'ds', { ...base, ...props })).message.split('\n')).toEqual(expected);
  });

  test('KubeVipDaemonSet: svc_election from the oldest supported kube-vip, v0.5.0; v0.4.x is refused', () => {
    const c = chart();
    new KubeVipDaemonSet(c, 'ds', { ...base, version: 'v0.5.0', servicesElection: true });
    const names = c.toJson()[0].spec.template.spec.containers[0].env.map((e: any) => e.name);
    // v0.5.0 has no svc_leasename yet: svc_election follows svc_enable (pkg/kubevip/config_generator.go at v0.5.0).
    expect(names.slice(names.indexOf('svc_enable'), names.indexOf('svc_enable') + 2)).toEqual(['svc_enable', 'svc_election']);
    expect(thrown(() => new KubeVipDaemonSet(chart(), 'ds', { ...base, version: 'v0.4.9999', servicesElection: true })).message).toBe(
      'KubeVipDaemonSet: version "v0.4.9999" is older than the oldest supported kube-vip v0.5.0: use v0.5.0 or newer (newest known: v1.2.3)',
    );
  });

  test('KubeVipDaemonSet: svc_election and the timings reach the env', () => {
    const c = chart();
    new KubeVipDaemonSet(c, 'ds', {
      ...base,
      servicesElection: true,
      leaderElection: { leaseDuration: 8, renewDeadline: 6, retryPeriod: 2 },
    });
    const env = c.toJson()[0].spec.template.spec.containers[0].env;
    expect(env.filter((e: any) => /^(svc_election|vip_leaseduration|vip_renewdeadline|vip_retryperiod)$/.test(e.name))).toEqual([
      { name: 'svc_election', value: 'true' },
      { name: 'vip_leaseduration', value: '8' },
      { name: 'vip_renewdeadline', value: '6' },
      { name: 'vip_retryperiod', value: '2' },
    ]);
  });

  test.each<[string, any, string[]]>([
    [
      'a policy kube-proxy does not know',
      { externalTrafficPolicy: 'local' },
      ['TraefikHelmChartConfig: externalTrafficPolicy "local" is a string: expected "Cluster" or "Local"'],
    ],
    [
      'a trusted proxy that is every address',
      { trustedProxies: ['0.0.0.0/0'] },
      [
        'TraefikHelmChartConfig: trustedProxies[0] "0.0.0.0/0" trusts every address, so any client could forge its forwarded address and pose as anyone: list only your proxies\' addresses',
      ],
    ],
    [
      'a lease name kube-vip does not read yet',
      { kubeVipVersion: 'v1.0.0', leaseName: 'shared' },
      [
        'TraefikHelmChartConfig: leaseName is set, but kube-vip v1.0.0 does not read kube-vip.io/leaseName (v1.0.1 or newer does): remove it, or upgrade kube-vip',
      ],
    ],
    [
      'a lease name with a namespace before v1.1.0',
      { kubeVipVersion: 'v1.0.4', leaseName: 'kube-system/shared' },
      [
        'TraefikHelmChartConfig: leaseName "kube-system/shared" names a namespace, but kube-vip v1.0.4 looks a lease name up in the Service\'s own namespace (the namespace/name form needs v1.1.0 or newer): give a bare name, or upgrade kube-vip',
      ],
    ],
    [
      'a lease name on a Local Service',
      { externalTrafficPolicy: 'Local', leaseName: 'shared' },
      [
        'TraefikHelmChartConfig: leaseName is set on a Service with externalTrafficPolicy Local, which kube-vip refuses (a shared lease needs Cluster): remove it, or use Cluster',
      ],
    ],
  ])('TraefikHelmChartConfig: %s', (_, props, expected) => {
    expect(
      thrown(() => new TraefikHelmChartConfig(chart(), 'hcc', { loadBalancerIPs: ['192.168.0.41'], ...props })).message.split('\n'),
    ).toEqual(expected);
  });

  test('LoadBalancerService: the lease name is written as kube-vip reads it, and refused where it would not be', () => {
    const c = chart();
    const props = { name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }], ips: ['192.168.0.42'] };
    new LoadBalancerService(c, 'db', { ...props, leaseName: 'kube-system/shared-db' });
    expect(c.toJson()[0].metadata.annotations).toEqual({
      'kube-vip.io/loadbalancerIPs': '192.168.0.42',
      'kube-vip.io/leaseName': 'kube-system/shared-db',
    });
    expect(thrown(() => new LoadBalancerService(chart(), 'db', { ...props, leaseName: 'a/b/c' })).message).toBe(
      'LoadBalancerService: leaseName "a/b/c" is not a lease name: expected "name" or "namespace/name"',
    );
    expect(thrown(() => new LoadBalancerService(chart(), 'db', { ...props, leaseName: 'Shared' })).message).toMatch(
      /^LoadBalancerService: leaseName "Shared" is not a valid name/,
    );
  });
});
