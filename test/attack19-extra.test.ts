import { App } from 'cdk8s';
import { chart, configErrors, devConfig, refusalOf, withTraefikValues } from './helpers';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';

/**
 * Attack round 19b, D6 to D10: escape hatches of Traefik's values held to the rules of the first-class keys. An
 * `extraObjects` item is judged by what it points at (Traefik's pods, kube-vip, helm-controller, a resolver), and
 * the Ingress provider is judged on the API server it reads and the rights it has.
 */

const extra = (...items: unknown[]) => ({ extraObjects: items });
const errorsOf = (values: unknown, traefik: object = {}) => configErrors(withTraefikValues(values, traefik)).join('\n');

const pdb = (spec: object, metadata: object = { name: 'traefik-extra', namespace: 'kube-system' }, apiVersion = 'policy/v1') => ({
  apiVersion,
  kind: 'PodDisruptionBudget',
  metadata,
  spec,
});
const hpa = (target: object, apiVersion = 'autoscaling/v2', namespace = 'kube-system') => ({
  apiVersion,
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'traefik-extra', namespace },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', ...target }, minReplicas: 3, maxReplicas: 3 },
});
const daemonSet = (image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'kube-vip-extra', namespace: 'kube-system' },
  spec: {
    selector: { matchLabels: { app: 'kv2' } },
    template: {
      metadata: { labels: { app: 'kv2' } },
      spec: {
        hostNetwork: true,
        containers: [{ name: 'kube-vip', image, args: ['manager'], env: [{ name: 'address', value: '192.168.0.41' }] }],
      },
    },
  },
});
const route = (certResolver: string, apiVersion = 'traefik.io/v1alpha1', kind = 'IngressRoute') => ({
  apiVersion,
  kind,
  metadata: { name: 'r', namespace: 'default' },
  spec: {
    entryPoints: ['websecure'],
    routes: [
      kind === 'IngressRoute'
        ? { match: 'Host(`k3s.code-place-dev.site`)', kind: 'Rule', services: [{ name: 'other', port: 80 }] }
        : { match: 'HostSNI(`k3s.code-place-dev.site`)', services: [{ name: 'other', port: 80 }] },
    ],
    tls: { certResolver },
  },
});
const tlsStore = (resolver: string) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'TLSStore',
  metadata: { name: 'default', namespace: 'default' },
  spec: { defaultGeneratedCert: { resolver, domain: { main: 'k3s.code-place-dev.site' } } },
});

const PDB = "is a PodDisruptionBudget whose selector matches Traefik's pods";
const HPA = "is a HorizontalPodAutoscaler of Traefik's";
const KUBE_VIP = 'runs kube-vip, but a copy written in extraObjects escapes';
const HELM = 'is a helm-controller';
const NOSUCH = '"nosuch" is not defined: Traefik would serve its self-signed default certificate';
const ENDPOINT = "makes Traefik's Ingress provider read Ingresses from the API server at that address";
const RBAC = 'so the chart gives Traefik no ClusterRole and it may not list Ingresses';

describe('D6: an extraObjects budget or autoscaler over Traefik pods is held to the rules of values.podDisruptionBudget and values.autoscaling', () => {
  const name = { 'app.kubernetes.io/name': 'traefik' };
  const instance = { 'app.kubernetes.io/instance': 'traefik-kube-system' };
  it.each([
    ['x11: minAvailable 1 over app.kubernetes.io/name', extra(pdb({ minAvailable: 1, selector: { matchLabels: name } })), PDB],
    ['x11b: maxUnavailable 0', extra(pdb({ maxUnavailable: 0, selector: { matchLabels: name } })), PDB],
    ['no namespace (lands in kube-system)', extra(pdb({ maxUnavailable: 1, selector: { matchLabels: instance } }, { name: 'b' })), PDB],
    [
      'an empty namespace (lands in kube-system too)',
      extra(pdb({ maxUnavailable: 1, selector: { matchLabels: instance } }, { name: 'b', namespace: '' })),
      PDB,
    ],
    ['a null namespace', extra(pdb({ maxUnavailable: 1, selector: { matchLabels: instance } }, { name: 'b', namespace: null })), PDB],
    ['name and instance together', extra(pdb({ maxUnavailable: 1, selector: { matchLabels: { ...name, ...instance } } })), PDB],
    [
      'matchExpressions In',
      extra(
        pdb({
          maxUnavailable: 1,
          selector: { matchExpressions: [{ key: 'app.kubernetes.io/instance', operator: 'In', values: ['traefik-kube-system'] }] },
        }),
      ),
      PDB,
    ],
    [
      'matchExpressions Exists',
      extra(pdb({ maxUnavailable: 1, selector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'Exists' }] } })),
      PDB,
    ],
    ['an empty policy/v1 selector (every pod of kube-system)', extra(pdb({ maxUnavailable: 1, selector: {} })), PDB],
    [
      'helm.sh/chart of any Traefik version',
      extra(pdb({ maxUnavailable: 1, selector: { matchLabels: { 'helm.sh/chart': 'traefik-39.0.7' } } })),
      PDB,
    ],
    [
      'a deployment.podLabels label',
      { deployment: { podLabels: { tier: 'edge' } }, ...extra(pdb({ maxUnavailable: 1, selector: { matchLabels: { tier: 'edge' } } })) },
      PDB,
    ],
    [
      'written as one line of text',
      extra(
        '{apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: {name: b}, spec: {minAvailable: 1, selector: {matchLabels: {app.kubernetes.io/name: traefik}}}}',
      ),
      PDB,
    ],
    ['x15: autoscaling/v2 of Deployment traefik', extra(hpa({ kind: 'Deployment', name: 'traefik' })), HPA],
    [
      'autoscaling/v1 of Deployment traefik',
      extra({
        ...hpa({ kind: 'Deployment', name: 'traefik' }, 'autoscaling/v1'),
        spec: { scaleTargetRef: { kind: 'Deployment', name: 'traefik' }, maxReplicas: 3 },
      }),
      HPA,
    ],
    // Controls: what does not select Traefik's pods (another namespace, another app, an instance of another release, NotIn) stays accepted.
    [
      'control: the same budget in another namespace',
      extra(pdb({ maxUnavailable: 0, selector: { matchLabels: name } }, { name: 'b', namespace: 'default' })),
      undefined,
    ],
    ['control: a budget over another app', extra(pdb({ maxUnavailable: 0, selector: { matchLabels: { app: 'frontend' } } })), undefined],
    [
      'control: another instance',
      extra(pdb({ maxUnavailable: 0, selector: { matchLabels: { ...name, 'app.kubernetes.io/instance': 'traefik' } } })),
      undefined,
    ],
    [
      'control: matchExpressions NotIn traefik',
      extra(
        pdb({
          maxUnavailable: 0,
          selector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'NotIn', values: ['traefik'] }] },
        }),
      ),
      undefined,
    ],
    ['control: an autoscaler of another Deployment', extra(hpa({ kind: 'Deployment', name: 'frontend' })), undefined],
    [
      'control: an autoscaler in another namespace',
      extra(hpa({ kind: 'Deployment', name: 'traefik' }, 'autoscaling/v2', 'default')),
      undefined,
    ],
  ])('%s', (_, values, expected) => {
    const errors = errorsOf(values, { certResolvers: { le: { email: 'a@b.io' } } });
    if (expected) expect(errors).toContain(`traefik.values.extraObjects[0]: ${expected}`);
    else expect(errors).toBe('');
  });

  it('the messages name the first-class key', () => {
    expect(errorsOf(extra(pdb({ minAvailable: 1, selector: { matchLabels: name } })))).toContain(
      'set traefik.values.podDisruptionBudget instead',
    );
    expect(errorsOf(extra(hpa({ kind: 'Deployment', name: 'traefik' })))).toContain('set traefik.values.autoscaling instead');
  });

  it('through the constructs: K3sVipCluster and TraefikHelmChartConfig refuse both', () => {
    const budget = extra(pdb({ minAvailable: 1, selector: { matchLabels: name } }));
    const scaler = extra(hpa({ kind: 'Deployment', name: 'traefik' }));
    expect(refusalOf(() => new K3sVipCluster(new App(), 'c', withTraefikValues(budget)))).toContain(PDB);
    expect(refusalOf(() => new K3sVipCluster(new App(), 'c', withTraefikValues(scaler)))).toContain(HPA);
    const construct = (values: Record<string, unknown>) =>
      refusalOf(() => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41'], values }));
    expect(construct(budget)).toContain(`values.extraObjects[0] ${PDB}`);
    expect(construct(budget)).toContain('set values.podDisruptionBudget instead');
    expect(construct(scaler)).toContain(HPA);
    expect(construct(extra(pdb({ minAvailable: 1, selector: { matchLabels: { app: 'frontend' } } })))).toBe('');
  });
});

describe('D7: extraObjects may not run a second kube-vip or a helm-controller release', () => {
  const cronJob = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'kv', namespace: 'kube-system' },
    spec: {
      schedule: '* * * * *',
      jobTemplate: {
        spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'kv', image: 'docker.io/plndr/kube-vip:v0.3.7' }] } } },
      },
    },
  };
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'kv' },
    spec: { containers: [{ name: 'kv', image: 'ghcr.io/kube-vip/kube-vip@sha256:' + 'a'.repeat(64) }] },
  };
  const cloudProvider = {
    ...daemonSet('ghcr.io/kube-vip/kube-vip-cloud-provider:v0.0.12'),
    kind: 'Deployment',
  };
  const helmChart = {
    apiVersion: 'helm.cattle.io/v1',
    kind: 'HelmChart',
    metadata: { name: 'cm-old', namespace: 'kube-system' },
    spec: {
      chart: 'cert-manager',
      repo: 'https://charts.jetstack.io',
      version: 'v1.10.0',
      targetNamespace: 'cert-manager',
      createNamespace: true,
    },
  };
  const helmChartConfig = {
    apiVersion: 'helm.cattle.io/v1',
    kind: 'HelmChartConfig',
    metadata: { name: 'cert-manager', namespace: 'kube-system' },
    spec: { valuesContent: 'a: 1' },
  };
  it.each([
    [
      'x10: a kube-vip DaemonSet from ghcr.io',
      extra(daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3')),
      'traefik.values.extraObjects[0].spec.template.spec.containers[0].image',
      KUBE_VIP,
    ],
    [
      'a CronJob of plndr/kube-vip',
      extra(cronJob),
      'traefik.values.extraObjects[0].spec.jobTemplate.spec.template.spec.containers[0].image',
      KUBE_VIP,
    ],
    ['a Pod of kube-vip by digest', extra(pod), 'traefik.values.extraObjects[0].spec.containers[0].image', KUBE_VIP],
    [
      'a kube-vip-cloud-provider Deployment',
      extra(cloudProvider),
      'traefik.values.extraObjects[0].spec.template.spec.containers[0].image',
      'runs kube-vip-cloud-provider',
    ],
    ['x40: a cert-manager HelmChart', extra(helmChart), 'traefik.values.extraObjects[0]', `${HELM} HelmChart`],
    [
      'a helm.cattle.io/v2 HelmChart',
      extra({ ...helmChart, apiVersion: 'helm.cattle.io/v2' }),
      'traefik.values.extraObjects[0]',
      `${HELM} HelmChart`,
    ],
    ['a HelmChartConfig', extra(helmChartConfig), 'traefik.values.extraObjects[0]', `${HELM} HelmChartConfig`],
    [
      "a mirror's kube-vip under another owner",
      extra(daemonSet('registry.example.com/mirror/kube-vip:v0.8.2')),
      'traefik.values.extraObjects[0].spec.template.spec.containers[0].image',
      KUBE_VIP,
    ],
    [
      'kube-vip from a registry root',
      extra(daemonSet('registry.example.com:5000/kube-vip-iptables:v0.8.2')),
      'traefik.values.extraObjects[0].spec.template.spec.containers[0].image',
      KUBE_VIP,
    ],
    // Wave 83: only as a hostNetwork pod (extra-workload-powers.ts), not as a second kube-vip.
    ['control: a DaemonSet of another image', extra(daemonSet('ghcr.io/example/kube-vip-exporter:1.0')), '', undefined],
    ['control: an image named kube-vip of another owner', extra(daemonSet('example.com/tools/kube-vip-docs:1.0')), '', undefined],
  ])('%s', (_, values, path, expected) => {
    const errors = errorsOf(values);
    if (expected) expect(errors).toContain(`${path}: ${expected}`);
    else
      expect(errors.split('\n')).toEqual([
        expect.stringContaining("spec.template.spec.hostNetwork: is true, which runs the pod on the node's own network"),
      ]);
  });

  it('the HelmChartConfig of Traefik itself keeps the claim message', () => {
    const own = { ...helmChartConfig, metadata: { name: 'traefik', namespace: 'kube-system' } };
    expect(errorsOf(extra(own))).toContain('an object this tool writes itself');
  });

  it('through K3sVipCluster', () => {
    expect(refusalOf(() => new K3sVipCluster(new App(), 'c', withTraefikValues(extra(helmChart))))).toContain(HELM);
    expect(refusalOf(() => new K3sVipCluster(new App(), 'c', withTraefikValues(extra(daemonSet('plndr/kube-vip:v0.4.0')))))).toContain(
      KUBE_VIP,
    );
  });
});

describe('D8: a Traefik IngressRoute or TLSStore in extraObjects may name only a resolver Traefik defines', () => {
  it.each([
    ['x30: IngressRoute traefik.io', extra(route('nosuch')), 'traefik.values.extraObjects[0].spec.tls.certResolver', NOSUCH],
    [
      'IngressRoute traefik.containo.us',
      extra(route('nosuch', 'traefik.containo.us/v1alpha1')),
      'traefik.values.extraObjects[0].spec.tls.certResolver',
      NOSUCH,
    ],
    [
      'IngressRouteTCP',
      extra(route('nosuch', 'traefik.io/v1alpha1', 'IngressRouteTCP')),
      'traefik.values.extraObjects[0].spec.tls.certResolver',
      NOSUCH,
    ],
    ['x34: TLSStore', extra(tlsStore('nosuch')), 'traefik.values.extraObjects[0].spec.defaultGeneratedCert.resolver', NOSUCH],
    [
      'a spelling that differs in case alone',
      extra(route('Default')),
      'traefik.values.extraObjects[0].spec.tls.certResolver',
      '"Default" is not defined, only "default", which differs in case alone',
    ],
    ['control: a resolver listed in externalCertResolvers', extra(route('default'), tlsStore('default')), '', undefined],
    ['control: a resolver defined in certResolvers', extra(route('le')), '', undefined],
    [
      'control: a resolver defined by a flag',
      { additionalArguments: ['--certificatesresolvers.flagged.acme.tlschallenge=true'], ...extra(route('flagged')) },
      '',
      undefined,
    ],
  ])('%s', (_, values, path, expected) => {
    const errors = configErrors(
      withTraefikValues(values, { certResolvers: { le: { email: 'a@b.io' } } }, { ...devConfig(), ingresses: [] }),
    ).join('\n');
    if (expected) expect(errors).toContain(`${path}: ${expected}`);
    else expect(errors).toBe('');
  });

  it('through the constructs', () => {
    expect(refusalOf(() => new K3sVipCluster(new App(), 'c', withTraefikValues(extra(route('nosuch')))))).toContain(NOSUCH);
    const construct = (values: Record<string, unknown>) =>
      refusalOf(() => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41'], values }));
    expect(construct(extra(route('nosuch')))).toContain(
      `values.extraObjects[0].spec.tls.certResolver ${NOSUCH}. Define it under certResolvers`,
    );
    expect(
      refusalOf(
        () =>
          new TraefikHelmChartConfig(chart(), 't', {
            loadBalancerIPs: ['192.168.0.41'],
            certResolvers: { le: { email: 'a@b.io' } },
            values: extra(route('le')),
          }),
      ),
    ).toBe('');
  });
});

describe('D9: --providers.kubernetesingress.endpoint sends Traefik to another API server', () => {
  const url = 'https://10.9.9.9:6443';
  it.each([
    ['p01', [`--providers.kubernetesingress.endpoint=${url}`], 0],
    ['any letter case', [`--Providers.KubernetesIngress.Endpoint=${url}`], 0],
    ['one dash', [`-providers.kubernetesingress.endpoint=${url}`], 0],
    ['the last of two wins', ['--providers.kubernetesingress.endpoint=', `--providers.kubernetesingress.endpoint=${url}`], 1],
    ['control: empty (the in-cluster address)', ['--providers.kubernetesingress.endpoint='], undefined],
    [
      'control: cleared by a later empty flag',
      [`--providers.kubernetesingress.endpoint=${url}`, '--providers.kubernetesingress.endpoint='],
      undefined,
    ],
  ])('%s', (_, args, at) => {
    const errors = errorsOf({ additionalArguments: args });
    if (at !== undefined) expect(errors).toContain(`traefik.values.additionalArguments[${at}]: ${ENDPOINT}`);
    else expect(errors).toBe('');
  });

  it('does not echo the address, and needs an Ingress to refuse', () => {
    expect(errorsOf({ additionalArguments: [`--providers.kubernetesingress.endpoint=${url}`] })).not.toContain('10.9.9.9');
    const none = withTraefikValues(
      { additionalArguments: [`--providers.kubernetesingress.endpoint=${url}`] },
      {},
      { ...devConfig(), ingresses: [] },
    );
    expect(configErrors(none)).toEqual([]);
  });

  it('through K3sVipCluster', () => {
    const config = withTraefikValues({ additionalArguments: [`--providers.kubernetesingress.endpoint=${url}`] });
    expect(refusalOf(() => new K3sVipCluster(new App(), 'c', config))).toContain(ENDPOINT);
  });
});

describe('D10: rbac.enabled Go-false leaves Traefik unable to read Ingresses', () => {
  it.each([
    ['rb01: false', { rbac: { enabled: false } }, {}, 'traefik.values.rbac.enabled'],
    ['rb02: false on chart 25.0.0', { rbac: { enabled: false } }, { chartVersion: '25.0.0' }, 'traefik.values.rbac.enabled'],
    ['rb03: 0 on chart 25.0.0', { rbac: { enabled: 0 } }, { chartVersion: '25.0.0' }, 'traefik.values.rbac.enabled'],
    ['"" on chart 25.0.0', { rbac: { enabled: '' } }, { chartVersion: '25.0.0' }, 'traefik.values.rbac.enabled'],
    ['control: true', { rbac: { enabled: true } }, {}, undefined],
    ['control: rbac left to the chart', { rbac: {} }, {}, undefined],
  ])('%s', (_, values, traefik, path) => {
    const errors = errorsOf(values, traefik);
    if (path) expect(errors).toContain(`${path}: turns the chart's RBAC off, ${RBAC}`);
    else expect(errors).toBe('');
  });

  it('without an Ingress to read it stays accepted', () => {
    expect(configErrors(withTraefikValues({ rbac: { enabled: false } }, {}, { ...devConfig(), ingresses: [] }))).toEqual([]);
  });

  it('through K3sVipCluster', () => {
    expect(refusalOf(() => new K3sVipCluster(new App(), 'c', withTraefikValues({ rbac: { enabled: false } })))).toContain(RBAC);
  });
});

describe('D10: rbac: null drops the chart defaults, and Helm fails on the bare `.Values.rbac.namespaced` (round 29)', () => {
  it('is refused at traefik.values.rbac', () => {
    expect(errorsOf({ rbac: null })).toContain("traefik.values.rbac: is null, which deletes the chart's rbac map");
  });
});
