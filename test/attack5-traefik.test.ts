import { App, Testing } from 'cdk8s';
import { chart, devConfig, judgeConfig, synthFiles, thrown, withChanges, withTraefikValues } from './helpers';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { needsLabel } from '../src/traefik/ingress-provider';

/**
 * Attack round 5, N1, N2 (r5), N5-N8, N14: Traefik's values judged on the effective model, the same way through a
 * config file, K3sVipCluster and TraefikHelmChartConfig, each message naming the key that supplied the value.
 */
/** VIPs from kube-vip-cloud-provider's pool: Traefik's VIP comes from its annotations alone. */
const pool = () =>
  withChanges(devConfig(), {
    traefik: { loadBalancerIPs: undefined },
    kubeVip: { services: { ipPool: { global: { range: '192.168.0.200-192.168.0.210' } } } },
  });
const servers = (count: number) => ({
  tokenFile: '/etc/rancher/k3s/cluster-token',
  servers: Array.from({ length: count }, (_, i) => ({ name: `k${i + 1}`, address: `192.168.0.${11 + i}` })),
});
const leaseOf = (config: unknown) => /name: svc_leasename\n\s+value: (\S+)/.exec(synthFiles(config).get('kube-vip.yaml')!)?.[1];
const hcc = (v: Record<string, unknown>) => () => new TraefikHelmChartConfig(chart(), 't', { values: v });
const cluster = (config: unknown) => () => new K3sVipCluster(new App(), 'lab', config as object);

describe('N1: annotationsTCP/annotationsUDP are VIP sources of the Service the chart joins them into', () => {
  const vip = (key: string, ip: string, extra: object = {}) => ({ service: { [key]: { 'kube-vip.io/loadbalancerIPs': ip }, ...extra } });
  const podNetwork = (key: string) =>
    `traefik.values.service.${key}["kube-vip.io/loadbalancerIPs"]: "10.42.0.5" lies inside the K3s pod network`;
  test.each<[string, string, object, string | undefined]>([
    ['annotations', '10.42.0.5', {}, podNetwork('annotations')],
    ['annotationsTCP', '10.42.0.5', {}, podNetwork('annotationsTCP')],
    ['annotationsTCP', '192.168.0.150', {}, undefined],
    ['annotationsTCP', 'banana', {}, 'traefik.values.service.annotationsTCP["kube-vip.io/loadbalancerIPs"]'],
    // The -udp Service exists only with single: false and a UDP port; then its VIP is judged too.
    ['annotationsUDP', '10.42.0.5', { single: false }, undefined],
    ['annotationsUDP', '10.42.0.5', {}, undefined],
  ])('%s: %s %j', (key, ip, extra, expected) => judgeConfig(withTraefikValues(vip(key, ip, extra), {}, pool()), expected));

  test('annotationsUDP on the -udp Service that a UDP entrypoint creates', () => {
    const udp = { ports: { dns: { port: 5353, expose: { default: true }, exposedPort: 53, protocol: 'UDP' } } };
    judgeConfig(
      withTraefikValues({ ...vip('annotationsUDP', '10.42.0.5', { single: false }), ...udp }, {}, pool()),
      podNetwork('annotationsUDP'),
    );
    judgeConfig(withTraefikValues({ ...vip('annotationsUDP', '192.168.0.150', { single: false }), ...udp }, {}, pool()), undefined);
  });

  test.each<[string, string]>([
    ['annotations', 'plndr-cp-lock'],
    ['annotationsTCP', 'plndr-cp-lock'],
  ])('the control-plane VIP through %s shares the control-plane lease (%s)', (key, lease) => {
    expect(leaseOf(withTraefikValues(vip(key, '192.168.0.40'), {}, pool()))).toBe(lease);
  });

  test('a pool VIP through annotationsTCP keeps the Services lease', () => {
    expect(leaseOf(withTraefikValues(vip('annotationsTCP', '192.168.0.150'), {}, pool()))).toBe('plndr-svcs-lock');
  });

  test('next to traefik.loadBalancerIPs the annotation is a second VIP source', () => {
    judgeConfig(
      withTraefikValues(vip('annotationsTCP', '192.168.0.42')),
      'traefik.values.service.annotationsTCP["kube-vip.io/loadbalancerIPs"]: is a second VIP source next to traefik.loadBalancerIPs',
    );
  });

  test('K3sVipCluster takes the control-plane lease too', () => {
    const app = Testing.app();
    new K3sVipCluster(app, 'lab', withTraefikValues(vip('annotationsTCP', '192.168.0.40'), {}, pool()));
    const text = Testing.synth(app.charts[0])
      .map((o) => JSON.stringify(o))
      .join('\n');
    expect(text).toContain('"name":"svc_leasename","value":"plndr-cp-lock"');
  });
});

describe('N2 (r5): a Helm template in a kube-vip annotation cannot be judged', () => {
  const refusal = 'holds a Helm template ({{ ... }}), which the chart renders at install time';
  test.each<[object, string | undefined]>([
    [
      { service: { annotations: { 'kube-vip.io/ignore': '{{ "true" }}' } } },
      `traefik.values.service.annotations["kube-vip.io/ignore"]: ${refusal}`,
    ],
    [
      { service: { annotationsTCP: { 'kube-vip.io/loadbalancerIPs': '{{ .Values.vip }}' } } },
      'annotationsTCP["kube-vip.io/loadbalancerIPs"]: holds',
    ],
    [
      { service: { annotations: { 'kube-vip.io/leaseName': '{{ .Release.Name }}' } } },
      'annotations["kube-vip.io/leaseName"]: holds a Helm',
    ],
    [
      { service: { additionalServices: { x: { annotations: { 'kube-vip.io/loadbalancerIPs': '{{ x }}' } } } } },
      'additionalServices.x.annotations',
    ],
    [{ service: { annotations: { 'kube-vip.io/ignore': 'false' } } }, undefined],
    // Attack 10 D1, D2: a template anywhere in the chart values is refused; its output may be a kube-vip annotation.
    [{ service: { annotations: { 'example.com/owner': '{{ .Release.Name }}' } } }, `annotations["example.com/owner"]: ${refusal}`],
    [
      { service: { annotations: { '{{ print "kube-vip.io/ignore" }}': 'true' } } },
      'traefik.values.service.annotations: has a key that holds a Helm template',
    ],
    [
      { additionalVolumeMounts: [{ name: 'cfg', mountPath: '{{ print "/etc/traefik" }}' }] },
      `traefik.values.additionalVolumeMounts[0].mountPath: ${refusal}`,
    ],
    [{ deployment: { podAnnotations: { a: '{{ printf "x%cb" 39 }}' } } }, `deployment.podAnnotations.a: ${refusal}`],
  ])('%j', (v, expected) => judgeConfig(withTraefikValues(v, { chartVersion: '40.3.0' }, pool()), expected));

  test('TraefikHelmChartConfig refuses it too', () => {
    expect(thrown(hcc({ service: { annotations: { 'kube-vip.io/ignore': '{{ "true" }}' } } })).message).toContain(refusal);
  });

  test.each<[object, object, string | undefined]>([
    [{ deployment: { kind: '{{ "Deployment" }}' } }, {}, 'traefik.values.deployment.kind: holds a Helm template'],
    [
      { service: { additionalServices: { x: { spec: { type: '{{ "LoadBalancer" }}' } } } } },
      { chartVersion: '40.3.0' },
      'traefik.values.service.additionalServices.x.spec.type: holds a Helm template',
    ],
    [
      { service: { additionalServices: { x: { type: '{{ "LoadBalancer" }}' } } } },
      { chartVersion: '39.0.7' },
      'additionalServices.x.type: holds a Helm',
    ],
    [{ deployment: { kind: 'Deployment' } }, {}, undefined],
  ])('a template where a rule reads the value: %j', (v, traefik, expected) => judgeConfig(withTraefikValues(v, traefik), expected));
});

describe('N5: only resolvers with an acme block keep acme.json', () => {
  const acmeRefusal = 'traefik.replicas: is 2, but the ACME resolvers';
  test.each<[object, string | undefined]>([
    [{ ts: { tailscale: {} } }, undefined],
    [{ ts: { tailscale: {} }, le: { acme: { email: 'a@example.com', storage: '/data/acme.json', tlsChallenge: true } } }, acmeRefusal],
    [{ le: { acme: { email: 'a@example.com', storage: '/data/acme.json', tlsChallenge: true } } }, acmeRefusal],
  ])('%j with replicas 2', (resolvers, expected) =>
    judgeConfig(withTraefikValues({ certificatesResolvers: resolvers }, { replicas: 2 }), expected),
  );

  // `tailscale: {}` renders no flag, so it defines nothing (attack33-resolvers.test.ts); `true` renders `--...tailscale=true`.
  test('a non-ACME resolver is still a name an Ingress may use', () => {
    const config = withChanges(withTraefikValues({ certificatesResolvers: { ts: { tailscale: true } } }, { externalCertResolvers: [] }), {
      ingresses: [{ ...devConfig().ingresses[0], tls: { certResolver: 'ts' } }],
    });
    judgeConfig(config, undefined);
  });

  test('K3sVipCluster accepts tailscale with two replicas', () => {
    expect(cluster(withTraefikValues({ certificatesResolvers: { ts: { tailscale: {} } } }, { replicas: 2 }))).not.toThrow();
  });
});

describe('N6: settings that make Traefik ignore the generated Ingresses', () => {
  const ignored = 'so Traefik ignores the 1 Ingress(es) of ingresses[]';
  test.each<[string, object, object, string | undefined]>([
    [
      'flag disableingressclasslookup',
      { additionalArguments: ['--providers.kubernetesingress.disableingressclasslookup=true'] },
      {},
      ignored,
    ],
    ['bare flag, other case', { additionalArguments: ['--providers.kubernetesIngress.disableIngressClassLookup'] }, {}, ignored],
    ['flag =false', { additionalArguments: ['--providers.kubernetesingress.disableingressclasslookup=false'] }, {}, undefined],
    [
      'flag disableclusterscoperesources (globalArguments, rendered up to chart 35.4.0)',
      { globalArguments: ['--providers.kubernetesingress.disableclusterscoperesources=true'] },
      { chartVersion: '35.4.0' },
      ignored,
    ],
    [
      'values key, chart 28.0.0',
      { providers: { kubernetesIngress: { disableIngressClassLookup: true } } },
      { chartVersion: '28.0.0' },
      ignored,
    ],
    [
      'values key, chart 27.0.2 (Traefik v2)',
      { providers: { kubernetesIngress: { disableIngressClassLookup: true } } },
      { chartVersion: '27.0.2' },
      undefined,
    ],
    [
      'values key, chart 39.0.7 (inert)',
      { providers: { kubernetesIngress: { disableIngressClassLookup: true } } },
      {},
      'it was dropped in chart v30.1.0',
    ],
    ['values key false', { providers: { kubernetesIngress: { disableIngressClassLookup: false } } }, {}, undefined],
    [
      'labelSelector value',
      { providers: { kubernetesIngress: { labelSelector: 'team=blue' } } },
      {},
      'is "team=blue", which makes Traefik read only',
    ],
    ['labelSelector flag', { additionalArguments: ['--providers.kubernetesingress.labelselector=team=blue'] }, {}, ignored],
    // A value as the next item is refused, whatever it holds (attack 13b D1), in one line at the flag (79b-9).
    [
      'labelSelector flag, value apart',
      { additionalArguments: ['--providers.kubernetesingress.labelselector', 'team'] },
      {},
      'traefik.values.additionalArguments[0]: is a flag whose value is written as the next item',
    ],
    [
      'labelSelector that label-less Ingresses match',
      { providers: { kubernetesIngress: { labelSelector: '!team,tier!=db' } } },
      {},
      undefined,
    ],
    ['empty labelSelector', { providers: { kubernetesIngress: { labelSelector: '' } } }, {}, undefined],
  ])('%s', (_, v, traefik, expected) => judgeConfig(withTraefikValues(v, traefik), expected));

  test('rbac.namespaced from chart 30.1.0 passes the switch; in kube-system too', () => {
    const inKubeSystem = (chartVersion: string) =>
      withChanges(withTraefikValues({ rbac: { namespaced: true } }, { chartVersion }), {
        ingresses: [{ ...devConfig().ingresses[0], namespace: 'kube-system' }],
      });
    judgeConfig(inKubeSystem('30.1.0'), 'traefik.values.rbac.namespaced: makes the chart pass');
    judgeConfig(inKubeSystem('30.0.2'), undefined);
  });

  test('without Ingresses nothing is hidden', () => {
    judgeConfig(
      withChanges(withTraefikValues({ providers: { kubernetesIngress: { labelSelector: 'team=blue' } } }), { ingresses: [] }),
      undefined,
    );
  });

  test('K3sVipCluster refuses a label selector', () => {
    expect(thrown(cluster(withTraefikValues({ providers: { kubernetesIngress: { labelSelector: 'team=blue' } } }))).message).toContain(
      'traefik.values.providers.kubernetesIngress.labelSelector',
    );
  });

  test.each<[string, boolean]>([
    ['team=blue', true],
    ['team==blue', true],
    ['team', true],
    ['team in (a,b)', true],
    ['!team', false],
    ['team!=blue', false],
    ['team notin (a, b)', false],
    ['!team,tier', true],
    ['tier notin (a,b),!team', false],
    ['', false],
  ])('selector %j needs a label: %s', (selector, expected) => expect(needsLabel(selector)).toBe(expected));
});

describe('N7: --configfile makes Traefik ignore every flag', () => {
  const refusal = 'points Traefik at a static configuration file, and with one Traefik ignores every command-line flag';
  test.each<[string[], string | undefined]>([
    [['--configfile=/cfg/traefik.yaml'], `traefik.values.additionalArguments[0]: ${refusal}`],
    [['--log.level=DEBUG', '--configFile=/cfg/traefik.yaml'], `traefik.values.additionalArguments[1]: ${refusal}`],
    [['-CONFIGFILE', '/cfg/traefik.toml'], refusal],
    [['--log.level=DEBUG'], undefined],
    // Not --configfile, and no option of Traefik's either (49b-2).
    [['--configfilex=1'], 'names option "configfilex" at the top level, which Traefik v3 does not have'],
  ])('%j', (args, expected) => judgeConfig(withTraefikValues({ additionalArguments: args }), expected));

  test('globalArguments and TraefikHelmChartConfig', () => {
    // Rendered up to chart 35.4.0 (attack33-resolvers.test.ts: refused as a key from 36.0.0).
    judgeConfig(
      withTraefikValues({ globalArguments: ['--configfile=/x.yaml'] }, { chartVersion: '35.4.0' }),
      `traefik.values.globalArguments[0]: ${refusal}`,
    );
    expect(thrown(hcc({ additionalArguments: ['--configFile=/x.yaml'] })).message).toContain(refusal);
  });
});

describe('N8: autoscaling with Local is judged like the replica count', () => {
  const local = (autoscaling: object, count = 3) =>
    withChanges(withTraefikValues({ autoscaling }, { externalTrafficPolicy: 'Local' }), { k3s: servers(count) });
  const pending = (max: number, count: number) =>
    `traefik.values.autoscaling.maxReplicas: is ${max}, but with externalTrafficPolicy Local Traefik runs only on the ${count} control-plane node(s), ` +
    `where kube-vip runs, one pod each, so ${max - count} would stay Pending: use at most ${count}`;
  test.each<[object, string | undefined]>([
    [{ enabled: true, minReplicas: 2, maxReplicas: 6 }, pending(6, 3)],
    [{ enabled: true, minReplicas: 2, maxReplicas: 4 }, pending(4, 3)],
    [{ enabled: true, minReplicas: 2, maxReplicas: 3 }, undefined],
    [{ enabled: false, maxReplicas: 6 }, undefined],
  ])('%j on 3 servers', (autoscaling, expected) => judgeConfig(local(autoscaling), expected));

  test('the HPA gets the HA extras of its maximum, without a Deployment replica count', () => {
    const text = synthFiles(local({ enabled: true, minReplicas: 2, maxReplicas: 3 })).get('traefik-config.yaml')!;
    expect(text).toContain('podAntiAffinity');
    expect(text).toMatch(/podDisruptionBudget:\n\s+enabled: true\n\s+maxUnavailable: 1/);
    expect(text).toMatch(/maxSurge: 0\n\s+maxUnavailable: 1/);
    expect(text).not.toMatch(/\n\s+replicas: \d/);
    const one = synthFiles(local({ enabled: true, minReplicas: 1, maxReplicas: 1 })).get('traefik-config.yaml')!;
    expect(one).not.toContain('podAntiAffinity');
  });
});

describe('N14: label values are Kubernetes label values', () => {
  const long = (n: number) => 'a'.repeat(n);
  test.each<[object, string | undefined]>([
    [{ deployment: { podLabels: { team: long(64) } } }, 'traefik.values.deployment.podLabels.team: is 64 characters long'],
    [{ deployment: { podLabels: { team: long(63) } } }, undefined],
    [{ commonLabels: { owner: long(70) } }, 'traefik.values.commonLabels.owner: is 70 characters long, but a label value has at most 63'],
    [{ service: { labels: { tier: '-edge' } } }, 'traefik.values.service.labels.tier: is not a label value'],
    [{ service: { labels: { tier: 'edge_1.x-y' } } }, undefined],
    [{ commonLabels: { team: '' } }, undefined],
    [{ commonLabels: { port: 8080 } }, 'traefik.values.commonLabels.port: is 8080, a number, but a label value is text'],
  ])('%j', (v, expected) => judgeConfig(withTraefikValues(v), expected));

  test('TraefikHelmChartConfig refuses it too', () => {
    expect(thrown(hcc({ commonLabels: { owner: long(64) } })).message).toContain('commonLabels.owner');
  });
});
