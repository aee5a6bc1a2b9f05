import { readFileSync } from 'node:fs';
import { App } from 'cdk8s';
import { parse } from 'yaml';
import { chart, configErrors, devConfig, find, synth, synthFiles, thrown, withChanges } from './helpers';
import { K3sVipCluster, TraefikHelmChartConfig, TraefikHelmChartConfigProps } from '../src/index';

/**
 * Attack round 3, F7-F14 and F21: what a first-class key refuses is refused whichever way the
 * `traefik.values` escape hatch (a values key or a Traefik CLI flag) asks for it, through the config
 * and the constructs, and the message points at the key that did.
 */
const args = (...list: string[]) => withChanges(devConfig(), { traefik: { values: { additionalArguments: list } } });
const values = (v: unknown, base = devConfig()) => withChanges(base, { traefik: { values: v } });
/** cert-manager instead of ACME, so several Traefik pods are fine. */
const ha = () =>
  withChanges(devConfig(), {
    traefik: { externalCertResolvers: [] },
    certManager: { issuers: { le: { email: 'ops@example.com' } } },
    ingresses: [{ name: 'web', host: 'web.example.com', service: 'web', port: 80, tls: { issuer: 'le' } }],
  });
const servers = { servers: ['11', '12', '13'].map((n, i) => ({ name: `k3s-${i + 1}`, address: `192.168.0.${n}` })) };
const pool = () =>
  withChanges(devConfig(), {
    traefik: { loadBalancerIPs: undefined },
    kubeVip: { services: { ipPool: { global: { range: '192.168.0.200-192.168.0.210' } } } },
  });
const traefikValuesOf = (config: unknown) =>
  parse(find(synth(config).get('traefik-config.yaml')!, 'HelmChartConfig', 'traefik').spec.valuesContent);
const kubeVipEnv = (config: unknown) => {
  const daemonSet = find(synth(config).get('kube-vip.yaml')!, 'DaemonSet', 'kube-vip-ds');
  const env: Array<{ name: string; value?: string }> = daemonSet.spec.template.spec.containers[0].env;
  return Object.fromEntries(env.map((e) => [e.name, e.value]));
};

describe('F7: ACME resolvers given as Traefik flags count as resolvers', () => {
  test.each<[string, unknown, string]>([
    [
      'two replicas next to --certificatesresolvers flags',
      withChanges(args('--certificatesresolvers.le.acme.email=ops@example.com', '--certificatesresolvers.le.acme.tlschallenge=true'), {
        traefik: { replicas: 2 },
      }),
      't.yaml: traefik.replicas: is 2, but the ACME resolvers (le at traefik.values.additionalArguments[0]) keep ACME certificates in one acme.json',
    ],
    [
      'autoscaling next to a flag in mixed case',
      values({
        autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 4 },
        additionalArguments: ['--certificatesResolvers.LE.acme.email=a@b.example'],
      }),
      // Traefik keeps a resolver's name as written (paerser parser/labels_decode.go)
      't.yaml: traefik.values.autoscaling.enabled: scales Traefik to 4 pods, but the ACME resolvers (LE at traefik.values.additionalArguments[0])',
    ],
    [
      'a DaemonSet next to a flag in globalArguments',
      withChanges(
        values({ deployment: { kind: 'DaemonSet' }, globalArguments: ['--certificatesresolvers.le.acme.storage=/data/acme.json'] }),
        {
          traefik: { chartVersion: '34.2.0' },
        },
      ),
      't.yaml: traefik.values.deployment.kind: is DaemonSet, one Traefik pod per node, but the ACME resolvers (le at traefik.values.globalArguments[0])',
    ],
  ])('refused: %s', (_, config, expected) => {
    expect(configErrors(config).join('\n')).toContain(expected);
  });

  test.each<[string, unknown]>([
    [
      'one replica next to the flags',
      args('--certificatesresolvers.le.acme.email=ops@example.com', '--certificatesresolvers.le.acme.tlschallenge=true'),
    ],
    [
      'two replicas next to a resolver that is not ACME',
      withChanges(ha(), { traefik: { replicas: 2, values: { additionalArguments: ['--certificatesresolvers.ts.tailscale=true'] } } }),
    ],
    [
      'two replicas next to other flags',
      withChanges(ha(), {
        traefik: { replicas: 2, values: { additionalArguments: ['--log.level=DEBUG', '--log.filePath=/data/acme.json'] } },
      }),
    ],
  ])('accepted: %s', (_, config) => {
    expect(configErrors(config)).toEqual([]);
  });
});

describe('F8: forwarded-header and PROXY-protocol trust given as flags is judged like values.ports', () => {
  test.each<[string, unknown, string]>([
    [
      'trustedIPs of every address',
      args('--entrypoints.web.forwardedHeaders.trustedIPs=0.0.0.0/0'),
      't.yaml: traefik.values.additionalArguments[0]: "0.0.0.0/0" trusts every address',
    ],
    [
      'insecure=true in camel case',
      args('--log.level=INFO', '--entryPoints.websecure.forwardedHeaders.insecure=true'),
      't.yaml: traefik.values.additionalArguments[1]: turns on entrypoints.websecure.forwardedheaders.insecure: Traefik then believes X-Forwarded-* headers from every client',
    ],
    [
      'the bare insecure flag',
      args('--entrypoints.web.forwardedheaders.insecure'),
      't.yaml: traefik.values.additionalArguments[0]: turns on entrypoints.web.forwardedheaders.insecure',
    ],
    [
      'PROXY protocol trusted from everyone',
      args('--entrypoints.web.proxyProtocol.trustedIPs=10.0.0.1, ::/0'),
      't.yaml: traefik.values.additionalArguments[0]: "::/0" trusts every address',
    ],
    [
      'PROXY protocol insecure',
      args('--entrypoints.websecure.proxyprotocol.insecure=TRUE'),
      'believes PROXY protocol headers from every client',
    ],
    [
      // a value as the next item is refused whatever it holds (traefik/arguments.ts)
      'trustedIPs of every address as the next argument',
      args('--entrypoints.web.forwardedHeaders.trustedIPs', '0.0.0.0/0'),
      // 79b-9: one line at the flag, and the value judged as meant (0.0.0.0/0 trusts every address).
      't.yaml: traefik.values.additionalArguments[0]: is a flag whose value is written as the next item',
    ],
    ['one network twice', args('--entrypoints.web.forwardedheaders.trustedips=10.0.0.1,10.0.0.1/32'), '"10.0.0.1/32" is listed twice'],
    [
      'not a network',
      args('--entrypoints.web.forwardedheaders.trustedips=10.0.0.300'),
      't.yaml: traefik.values.additionalArguments[0]: "10.0.0.300"',
    ],
  ])('refused: %s', (_, config, expected) => {
    expect(configErrors(config).join('\n')).toContain(expected);
  });

  test.each<[string, unknown]>([
    ['insecure=false', args('--entrypoints.web.forwardedHeaders.insecure=false')],
    ['a proxy network', args('--entrypoints.web.forwardedHeaders.trustedIPs=172.16.0.0/24,192.168.10.5')],
    ['another option of the entrypoint', args('--entrypoints.web.forwardedHeaders.connection=foo')],
  ])('accepted: %s', (_, config) => {
    expect(configErrors(config)).toEqual([]);
  });
});

describe('F9: TraefikHelmChartConfig holds the client-IP rules its props can express', () => {
  const construct = (props: TraefikHelmChartConfigProps) => () => new TraefikHelmChartConfig(chart(), 't', props);
  const udp = { service: { single: false }, ports: { dns: { port: 5353, protocol: 'UDP', expose: { default: true } } } };
  test.each<[string, TraefikHelmChartConfigProps, string]>([
    [
      'insecure forwarded headers',
      { values: { ports: { web: { forwardedHeaders: { insecure: true } } } } },
      'values.ports.web.forwardedHeaders.insecure is true',
    ],
    [
      'trustedIPs of every address',
      { values: { ports: { web: { forwardedHeaders: { trustedIPs: ['0.0.0.0/0'] } } } } },
      'values.ports.web.forwardedHeaders.trustedIPs[0] "0.0.0.0/0" trusts every address',
    ],
    [
      'the insecure flag',
      { values: { additionalArguments: ['--entrypoints.web.forwardedheaders.insecure'] } },
      'values.additionalArguments[0] turns on entrypoints.web.forwardedheaders.insecure',
    ],
    ['a proxy listed twice', { trustedProxies: ['10.0.0.1', '10.0.0.1'] }, 'trustedProxies[1] "10.0.0.1" is listed twice'],
    ['UDP in its own Service under Local', { externalTrafficPolicy: 'Local', values: udp }, 'values.service.single is false'],
    [
      'an ACME flag with two replicas',
      { replicas: 2, values: { additionalArguments: ['--certificatesresolvers.le.acme.email=a@b.example'] } },
      'replicas is 2, but the ACME resolvers (le at values.additionalArguments[0])',
    ],
    [
      'the Gateway provider on a chart without one',
      { chartVersion: '27.0.2', values: { providers: { kubernetesGateway: { enabled: true } } } },
      'values.providers.kubernetesGateway.enabled is true, but Traefik chart 27.0.2 deploys Traefik v2',
    ],
    [
      'kube-vip told to ignore the Service',
      { values: { service: { annotations: { 'kube-vip.io/ignore': 'true' } } } },
      'values.service.annotations["kube-vip.io/ignore"] is "true", so kube-vip skips',
    ],
  ])('refused: %s', (_, props, expected) => {
    expect(thrown(construct(props)).message).toContain(expected);
  });

  test.each<[string, TraefikHelmChartConfigProps]>([
    ['UDP in its own Service under Cluster', { values: udp }],
    // 10.0.0.0/8 would cover the pod network, refused under policy Cluster at every door (71b-3).
    ['a proxy network', { values: { ports: { web: { forwardedHeaders: { trustedIPs: ['172.16.0.0/24'] } } } } }],
    ['the Gateway provider on a chart with one', { values: { providers: { kubernetesGateway: { enabled: true } } } }],
  ])('accepted: %s', (_, props) => {
    expect(construct(props)).not.toThrow();
  });
});

describe("F10: kube-vip's election and leases follow the Services the values make", () => {
  const annotated = (ip: string) => values({ service: { annotations: { 'kube-vip.io/loadbalancerIPs': ip } } }, pool());
  test.each<[string, unknown, string]>([
    ["Traefik's VIP annotation is the API server's VIP", annotated('192.168.0.40'), 'plndr-cp-lock'],
    ["Traefik's VIP annotation is another address", annotated('192.168.0.45'), 'plndr-svcs-lock'],
  ])('%s: svc_leasename %s', (_, config, lease) => {
    expect(configErrors(config)).toEqual([]);
    expect(kubeVipEnv(config).svc_leasename).toBe(lease);
  });

  const extra = (policy: string) =>
    values({
      ports: { web: { expose: { default: true, internal: true } } },
      service: {
        additionalServices: {
          internal: { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.42' }, spec: { externalTrafficPolicy: policy } },
        },
      },
    });
  test.each([
    ['Local', 'true'],
    ['Cluster', undefined],
  ])('an additional Service with policy %s: svc_election %s', (policy, election) => {
    expect(configErrors(extra(policy))).toEqual([]);
    expect(kubeVipEnv(extra(policy)).svc_election).toBe(election);
  });

  const sharing = (lease?: string) =>
    withChanges(extra('Cluster'), {
      traefik: {
        externalTrafficPolicy: 'Local',
        values: {
          service: {
            additionalServices: {
              internal: {
                annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.42', ...(lease && { 'kube-vip.io/leaseName': lease }) },
              },
            },
          },
        },
      },
      k3s: servers,
      loadBalancers: [{ name: 'db', namespace: 'kube-system', ips: ['192.168.0.42'], ports: [{ port: 5432 }], selector: { app: 'db' } }],
    });
  test('an additional Service sharing a VIP under per-Service election without the common lease is refused', () => {
    expect(configErrors(sharing()).join('\n')).toContain(
      't.yaml: traefik.values.service.additionalServices.internal.annotations["kube-vip.io/loadbalancerIPs"]: "192.168.0.42" is also the VIP of Service kube-system/db: ' +
        'with per-Service election (on because traefik.externalTrafficPolicy is Local) Services on one VIP must share one lease, which this tool writes on its own ' +
        'Services but not into traefik.values: add "kube-vip.io/leaseName: kubevip-shared-192-168-0-42"',
    );
  });

  test('with the common lease written by hand it is accepted, and the loadBalancers entry gets the same lease', () => {
    const config = sharing('kubevip-shared-192-168-0-42');
    expect(configErrors(config)).toEqual([]);
    const lb = find(synth(config).get('load-balancers.yaml')!, 'Service', 'db');
    expect(lb.metadata.annotations['kube-vip.io/leaseName']).toBe('kubevip-shared-192-168-0-42');
  });

  test('a Local additional Service on a VIP another Service uses is refused at the annotation', () => {
    const config = withChanges(extra('Local'), {
      loadBalancers: [{ name: 'db', namespace: 'default', ips: ['192.168.0.42'], ports: [{ port: 5432 }], selector: { app: 'db' } }],
    });
    expect(configErrors(config).join('\n')).toContain(
      't.yaml: loadBalancers[0].ips[0]: "192.168.0.42" is also the VIP of Traefik\'s additional Service internal (traefik.values.service.additionalServices.internal.annotations["kube-vip.io/loadbalancerIPs"]), and Traefik\'s additional Service internal is Local',
    );
  });
});

describe('F11: pods asked for through values.deployment.replicas are treated like traefik.replicas', () => {
  const local = (replicas: number) =>
    withChanges(ha(), { traefik: { externalTrafficPolicy: 'Local', values: { deployment: { replicas } } }, k3s: servers });
  test.each([
    [
      4,
      't.yaml: traefik.values.deployment.replicas: is 4, but with externalTrafficPolicy Local Traefik runs only on the 3 control-plane node(s)',
    ],
    [3, undefined],
  ])('Local with 3 servers and %s replicas through values', (replicas, expected) => {
    const errors = configErrors(local(replicas)).join('\n');
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });

  test('three pods through values get the spread, budget and one-per-node rollout of traefik.replicas: 3', () => {
    const fromValues = traefikValuesOf(local(3));
    const firstClass = traefikValuesOf(withChanges(ha(), { traefik: { externalTrafficPolicy: 'Local', replicas: 3 }, k3s: servers }));
    expect(fromValues.deployment.replicas).toBe(3);
    expect(fromValues.podDisruptionBudget).toEqual({ enabled: true, maxUnavailable: 1 });
    expect(fromValues.affinity.podAntiAffinity).toBeDefined();
    expect(fromValues.updateStrategy.rollingUpdate).toEqual({ maxUnavailable: 1, maxSurge: 0 });
    expect(fromValues).toEqual(firstClass);
  });

  test.each([
    [3, false],
    [1, true],
  ])("the README's failure table counts %s pod(s) through values under Local (one-pod VIP row: %s)", (replicas, onePod) => {
    const readme = new K3sVipCluster(new App(), 'lab', local(replicas)).documents().find((d) => d.path === 'README.md')!.content;
    expect(readme.includes('only the server running the one Traefik pod may announce it')).toBe(onePod);
  });

  test('one pod through values gets no HA values', () => {
    const one = traefikValuesOf(withChanges(ha(), { traefik: { values: { deployment: { replicas: 1 } } } }));
    expect(one.podDisruptionBudget).toBeUndefined();
    expect(one.topologySpreadConstraints).toBeUndefined();
  });

  test("a budget count of the user's own replaces the one the HA values write (attack 23b-2)", () => {
    const config = withChanges(ha(), { traefik: { values: { deployment: { replicas: 3 }, podDisruptionBudget: { maxUnavailable: 2 } } } });
    expect(configErrors(config)).toEqual([]);
    expect(traefikValuesOf(config).podDisruptionBudget).toEqual({ enabled: true, maxUnavailable: 2 });
  });

  test('values replicas next to a different traefik.replicas stays a conflict', () => {
    expect(configErrors(withChanges(ha(), { traefik: { replicas: 2, values: { deployment: { replicas: 3 } } } })).join('\n')).toContain(
      't.yaml: traefik.values.deployment.replicas: is 3, but traefik.replicas makes this tool write 2 there',
    );
  });
});

describe('F12: the Gateway provider turned on through values meets the chart and K3s gate', () => {
  const gateway = (traefik: unknown, k3s?: unknown) => withChanges(devConfig(), { traefik, ...(k3s ? { k3s } : {}) });
  const on = { providers: { kubernetesGateway: { enabled: true } }, gateway: { enabled: true } };
  test.each<[string, unknown, string[]]>([
    [
      'chart 33.2.1 (no Gateway from this tool)',
      gateway({ chartVersion: '33.2.1', values: on }),
      ['traefik.values.providers.kubernetesGateway.enabled: is true, but this tool knows', 'traefik.values.gateway.enabled: is true'],
    ],
    [
      'chart 29.0.1 (Traefik v2)',
      gateway({ chartVersion: '29.0.1', values: { providers: on.providers } }),
      ['deploys Traefik v2, which has no Gateway API provider'],
    ],
    [
      'K3s v1.30.5+k3s1 (Traefik v2)',
      gateway({ values: { providers: on.providers } }, { version: 'v1.30.5+k3s1' }),
      ['traefik.values.providers.kubernetesGateway.enabled: is true, but K3s v1.30.5+k3s1 bundles Traefik v2'],
    ],
  ])('refused: %s', (_, config, expected) => {
    const errors = configErrors(config).join('\n');
    for (const text of expected) expect(errors).toContain(text);
  });

  test.each<[string, unknown]>([
    ['chart 34.2.0', gateway({ chartVersion: '34.2.0', values: { providers: on.providers } })],
    ['K3s v1.32.2+k3s1', gateway({ values: { providers: on.providers } }, { version: 'v1.32.2+k3s1' })],
    [
      "the chart's Gateway alone, which needs the provider too",
      gateway({ chartVersion: '33.2.1', values: { gateway: { enabled: false } } }),
    ],
  ])('no gate error: %s', (_, config) => {
    expect(configErrors(config).join('\n')).not.toContain('Gateway API provider');
  });
});

describe('F13: kube-vip told to ignore a Service that carries a VIP', () => {
  test.each<[string, unknown, string]>([
    [
      "Traefik's Service",
      values({ service: { annotations: { 'kube-vip.io/ignore': 'true' } } }),
      'traefik.values.service.annotations["kube-vip.io/ignore"]: is "true", so kube-vip skips Traefik\'s Service',
    ],
    [
      "Traefik's TCP annotations",
      values({ service: { annotationsTCP: { 'kube-vip.io/ignore': 'true' } } }),
      'traefik.values.service.annotationsTCP["kube-vip.io/ignore"]: is "true"',
    ],
    [
      'an additional Service',
      values({
        ports: { web: { expose: { default: true, internal: true } } },
        service: {
          additionalServices: {
            internal: { annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.42', 'kube-vip.io/ignore': 'true' } },
          },
        },
      }),
      'traefik.values.service.additionalServices.internal.annotations["kube-vip.io/ignore"]: is "true", so kube-vip skips Traefik\'s additional Service internal and never announces its VIP',
    ],
  ])('refused: %s', (_, config, expected) => {
    expect(configErrors(config).join('\n')).toContain(expected);
  });

  test('"false" is accepted', () => {
    expect(configErrors(values({ service: { annotations: { 'kube-vip.io/ignore': 'false' } } }))).toEqual([]);
  });
});

describe('F14: values that make Traefik ignore the generated Ingresses are refused while there are Ingresses', () => {
  test.each<[string, unknown, string]>([
    [
      'the provider off',
      { providers: { kubernetesIngress: { enabled: false } } },
      "traefik.values.providers.kubernetesIngress.enabled: turns Traefik's Ingress provider off (the chart renders it only when enabled)",
    ],
    [
      // The pod template reads `.Values.providers.kubernetesIngress.enabled` bare, so Helm fails first (deleted-maps.ts).
      'the provider removed by null (Helm drops the default)',
      { providers: { kubernetesIngress: null } },
      "traefik.values.providers.kubernetesIngress: is null, which deletes the chart's providers.kubernetesIngress map",
    ],
    [
      'the IngressClass switch removed by null',
      { ingressClass: { enabled: null } },
      'traefik.values.ingressClass.enabled: is null, so the chart creates no IngressClass traefik',
    ],
    [
      'the provider off by flag',
      { additionalArguments: ['--providers.kubernetesingress=false'] },
      "traefik.values.additionalArguments[0]: turns Traefik's Ingress provider off",
    ],
    [
      'another provider class',
      { providers: { kubernetesIngress: { ingressClass: 'nginx' } } },
      'traefik.values.providers.kubernetesIngress.ingressClass: is "nginx", which makes Traefik read only IngressClass "nginx"',
    ],
    [
      'another provider class by flag',
      { additionalArguments: ['--providers.kubernetesIngress.ingressClass=nginx'] },
      'traefik.values.additionalArguments[0]: makes Traefik read only IngressClass "nginx"',
    ],
    [
      'another provider class as the next argument',
      { additionalArguments: ['--providers.kubernetesingress.ingressclass', 'nginx'] },
      // 79b-9: one line for the pair, with the joined fix.
      'write "--providers.kubernetesingress.ingressclass=nginx" as one item',
    ],
    [
      'the chart IngressClass renamed',
      { ingressClass: { name: 'other' } },
      'traefik.values.ingressClass.name: is "other", so the chart names its IngressClass that instead of traefik',
    ],
    [
      'the chart IngressClass off',
      { ingressClass: { enabled: false } },
      'traefik.values.ingressClass.enabled: is false, so the chart creates no IngressClass traefik',
    ],
    [
      'watched namespaces without the Ingress',
      { providers: { kubernetesIngress: { namespaces: ['kube-system'] } } },
      'traefik.values.providers.kubernetesIngress.namespaces: makes Traefik watch only namespace(s) kube-system, so it ignores the Ingresses in default (ingresses[0])',
    ],
    [
      'watched namespaces by flag',
      { additionalArguments: ['--providers.kubernetesingress.namespaces=kube-system,apps'] },
      'traefik.values.additionalArguments[0]: makes Traefik watch only namespace(s) kube-system, apps',
    ],
    [
      // From chart v30.1.0 it also stops the IngressClass lookup (attack round 5 N6), the message kept on the key.
      'namespaced RBAC',
      { rbac: { namespaced: true } },
      'traefik.values.rbac.namespaced: makes the chart pass --providers.kubernetesingress.disableClusterScopeResources',
    ],
  ])('refused: %s', (_, v, expected) => {
    expect(configErrors(values(v)).join('\n')).toContain(expected);
  });

  test('refused: namespaced RBAC on a chart before v30.1.0 (namespaces only)', () => {
    const config = withChanges(devConfig(), { traefik: { chartVersion: '30.0.2', values: { rbac: { namespaced: true } } } });
    expect(configErrors(config).join('\n')).toContain('traefik.values.rbac.namespaced: makes Traefik watch only namespace(s) kube-system');
  });

  test.each<[string, unknown, unknown]>([
    ['the class traefik', { providers: { kubernetesIngress: { ingressClass: 'traefik' } }, ingressClass: { name: 'traefik' } }, null],
    ['namespaces with the Ingress', { providers: { kubernetesIngress: { namespaces: ['default', 'kube-system'] } } }, null],
    // A list flag given again adds to the chart's own (traefik/paerser flag/flagparser.go setValue).
    [
      'a namespaces flag adding to the values',
      {
        providers: { kubernetesIngress: { namespaces: ['kube-system'] } },
        additionalArguments: ['--providers.kubernetesingress.namespaces=default'],
      },
      null,
    ],
    [
      'the provider off by flag, then on again',
      { additionalArguments: ['--providers.kubernetesingress=false', '--providers.kubernetesingress=true'] },
      null,
    ],
    ['the provider off without Ingresses', { providers: { kubernetesIngress: { enabled: false } } }, []],
    // ingressClass.name names the IngressClass from chart v24.0.0 (templates/ingressclass.yaml); before, it is always `traefik`.
    ['ingressClass.name on chart 23.1.0', { ingressClass: { name: 'other' } }, null],
  ])('accepted: %s', (name, v, ingresses) => {
    const base = withChanges(devConfig(), {
      ...(ingresses ? { ingresses } : {}),
      ...(name.includes('23.1.0') ? { traefik: { chartVersion: '23.1.0' } } : {}),
    });
    expect(configErrors(values(v, base))).toEqual([]);
  });

  describe("cert-manager's HTTP-01 solver Ingresses for httpRoutes count too (class traefik, in the Gateway's namespace kube-system)", () => {
    const gatewayExample = () =>
      withChanges(parse(readFileSync('config/examples/gateway.yaml', 'utf8')), {
        ingresses: [],
        certManager: { issuers: { letsencrypt: { email: 'ops@example.com', solver: 'http01' } } },
      });
    test.each<[string, unknown, string | null]>([
      [
        'the provider off',
        { providers: { kubernetesIngress: { enabled: false } } },
        "t.yaml: traefik.values.providers.kubernetesIngress.enabled: turns Traefik's Ingress provider off (the chart renders it only when enabled), so Traefik ignores cert-manager's HTTP-01 solver Ingresses",
      ],
      [
        'namespaces without kube-system',
        { providers: { kubernetesIngress: { namespaces: ['blog'] } } },
        'so it ignores the Ingresses in kube-system (the HTTP-01 solver of httpRoutes[0])',
      ],
      ['namespaces with kube-system', { providers: { kubernetesIngress: { namespaces: ['kube-system'] } } }, null],
    ])('%s', (_, v, expected) => {
      const errors = configErrors(values(v, gatewayExample())).join('\n');
      if (expected) expect(errors).toContain(expected);
      else expect(errors).toBe('');
    });

    test('a DNS-01 issuer needs no solver Ingress', () => {
      const dns01 = withChanges(gatewayExample(), { certManager: parse(readFileSync('config/examples/gateway.yaml', 'utf8')).certManager });
      expect(configErrors(values({ providers: { kubernetesIngress: { enabled: false } } }, dns01))).toEqual([]);
    });
  });

  test('ingressClass.name on chart 24.0.0 is refused (the other side of the boundary)', () => {
    const config = values({ ingressClass: { name: 'other' } }, withChanges(devConfig(), { traefik: { chartVersion: '24.0.0' } }));
    expect(configErrors(config).join('\n')).toContain('traefik.values.ingressClass.name: is "other"');
  });
});

describe('F21: additionalServices that are not maps are named, every one', () => {
  test('a number, and annotations that are a number', () => {
    const errors = configErrors(
      values({
        service: { additionalServices: { x: null, y: 5, z: { annotations: 5 } } },
        ports: { web: { expose: { default: true, z: true } } },
      }),
    );
    expect(errors).toEqual([
      "config/t.yaml: traefik.values.service.additionalServices.y: 5 is a number: expected a map of the Service's settings",
      'config/t.yaml: traefik.values.service.additionalServices.z.annotations: 5 is a number: expected a map of annotation names to texts',
    ]);
  });

  test('additionalServices itself a list: one message, the schema of the chart', () => {
    const errors = configErrors(values({ service: { additionalServices: ['a'] } }));
    expect(errors).toEqual([
      'config/t.yaml: traefik.values.service.additionalServices: is a list, but the values schema of Traefik chart v39.0.7 expects object',
    ]);
  });

  test('null entries remove a Service and are accepted', () => {
    expect(configErrors(values({ service: { additionalServices: { x: null } } }))).toEqual([]);
  });
});

test('the reference config synthesizes as before (no escape hatch in use)', () => {
  expect(synthFiles(devConfig()).get('traefik-config.yaml')).toContain('kube-vip.io/loadbalancerIPs: 192.168.0.41');
});
