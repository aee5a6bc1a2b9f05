import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { deployingCommand } from '../src/traefik/extra-workload-programs';
import { devConfig, refusalOf, withChanges } from './helpers';

// Round 81b findings 2, 3, 6, 9, 10, 11, 12, 13, 14, 17, 22 and 25: extraObjects items that take over what this tool
// manages and judges (extra-object-takeovers.ts), one table, at every door; and the ordinary items that still pass.

const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');
function configDoors(config: object) {
  const parsed = parseConfigText('config/t.yaml', stringify(config));
  const cluster = refusalOf(() => new K3sVipCluster(new App(), 'c', config as never));
  return { errors: parsed.errors.map(line).join('\n'), cluster };
}
const chartDoor = (values: object) =>
  refusalOf(
    () =>
      new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', {
        loadBalancerIPs: ['192.168.0.41'],
        values: values as Record<string, unknown>,
      }),
  );
const withItems = (...extraObjects: unknown[]) =>
  withChanges(devConfig(), { traefik: { ...devConfig().traefik, values: { extraObjects } } });

const workload = (kind: string, container: object, meta: object = {}, labels: object = { app: 'x' }) => {
  const pod = {
    metadata: { labels },
    spec: { restartPolicy: kind === 'Job' || kind === 'CronJob' ? 'Never' : 'Always', containers: [{ name: 'c', ...container }] },
  };
  const spec =
    kind === 'CronJob'
      ? { schedule: '0 3 * * *', jobTemplate: { spec: { template: pod } } }
      : kind === 'Job'
        ? { template: pod }
        : { selector: { matchLabels: labels }, template: pod };
  return {
    apiVersion: kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1',
    kind,
    metadata: { name: 'w', namespace: 'kube-system', ...meta },
    spec,
  };
};
const object = (apiVersion: string, kind: string, metadata: object, rest: object = {}) => ({ apiVersion, kind, metadata, ...rest });

const CANNOT = 'which this tool cannot judge';

describe('81b: extraObjects items that take over what this tool manages are refused, with one line naming what to do', () => {
  it.each<[string, object | string, string[]]>([
    // 81b-2: other announcers, by kind and by image.
    [
      '81b-2 MetalLB IPAddressPool',
      object(
        'metallb.io/v1beta1',
        'IPAddressPool',
        { name: 'p', namespace: 'metallb-system' },
        { spec: { addresses: ['192.168.0.40-192.168.0.41'] } },
      ),
      ['is an IPAddressPool that announces or hands out load-balancer addresses', 'kubeVip and loadBalancers[]'],
    ],
    [
      '81b-2 MetalLB L2Advertisement',
      object('metallb.io/v1beta1', 'L2Advertisement', { name: 'l2', namespace: 'metallb-system' }),
      ['is an L2Advertisement that'],
    ],
    [
      '81b-2 Cilium LB IPAM pool',
      object('cilium.io/v2alpha1', 'CiliumLoadBalancerIPPool', { name: 'p' }, { spec: { blocks: [{ cidr: '192.168.0.41/32' }] } }),
      ['is a CiliumLoadBalancerIPPool that'],
    ],
    [
      '81b-2 Cilium L2 announcement policy',
      object('cilium.io/v2alpha1', 'CiliumL2AnnouncementPolicy', { name: 'p' }),
      ['that announces or hands out load-balancer addresses'],
    ],
    [
      '81b-2 OpenELB Eip',
      object('network.kubesphere.io/v1alpha2', 'Eip', { name: 'e' }, { spec: { address: '192.168.0.41' } }),
      ['is an Eip that'],
    ],
    ['81b-2 PureLB ServiceGroup', object('purelb.io/v1', 'ServiceGroup', { name: 'g', namespace: 'purelb' }), ['is a ServiceGroup that']],
    [
      '81b-2 keepalived DaemonSet',
      workload('DaemonSet', { image: 'osixia/keepalived:2.0.20' }),
      [
        'is a DaemonSet (whose spec.template.spec.containers[0] runs image "osixia/keepalived:2.0.20") that announces addresses beside kube-vip',
      ],
    ],
    [
      '81b-2 MetalLB speaker',
      workload('DaemonSet', { image: 'quay.io/metallb/speaker:v0.14.8' }),
      ['quay.io/metallb/speaker:v0.14.8', 'beside kube-vip'],
    ],
    ['81b-2 ServiceLB klipper-lb', workload('DaemonSet', { image: 'rancher/klipper-lb:v0.4.9' }), ['rancher/klipper-lb:v0.4.9']],
    ['81b-2 PureLB allocator', workload('Deployment', { image: 'registry.gitlab.com/purelb/purelb/allocator:v0.11.0' }), ['allocator']],
    [
      '81b-2 OpenELB VIP mode',
      workload('DaemonSet', { image: 'kubesphere/kube-keepalived-vip:0.35' }),
      ['kube-keepalived-vip:0.35', 'beside kube-vip'],
    ],
    // 81b-3: a second Traefik, by image (any registry, tag or digest).
    [
      '81b-3 docker.io/traefik',
      workload('Deployment', { image: 'docker.io/traefik:v3.3.2', args: ['--providers.kubernetesingress'] }),
      ['runs a second Traefik', 'through the traefik keys'],
    ],
    [
      '81b-3 Rancher mirror by digest',
      workload('Deployment', { image: `rancher/mirrored-library-traefik@sha256:${'a'.repeat(64)}` }),
      ['runs a second Traefik'],
    ],
    [
      '81b-3 traefik in an init container',
      {
        ...workload('Deployment', { image: 'nginx:1.27' }),
        spec: {
          ...workload('Deployment', { image: 'nginx:1.27' }).spec,
          template: {
            metadata: { labels: { app: 'x' } },
            spec: {
              initContainers: [{ name: 'i', image: 'ghcr.io/mirror/traefik:v3.3' }],
              containers: [{ name: 'c', image: 'nginx:1.27' }],
            },
          },
        },
      },
      ['initContainers[0]', 'second Traefik'],
    ],
    // 81b-6: deployers, by image and by command words.
    [
      '81b-6 alpine/helm upgrade --install',
      workload('Job', { image: 'alpine/helm:3.16.2', args: ['upgrade', '--install', 'kube-vip', 'kube-vip/kube-vip'] }),
      [
        'is a Job (whose spec.template.spec.containers[0] runs `helm upgrade`) that installs manifests or a Helm release',
        'kube-vip in kubeVip',
      ],
    ],
    [
      '81b-6 alpine with sh -c helm template | kubectl apply',
      workload('CronJob', {
        image: 'alpine:3.20',
        command: ['sh', '-c'],
        args: ['helm template x ./c | kubectl -n kube-system apply -f -'],
      }),
      ['`kubectl apply`'],
    ],
    [
      '81b-6 bitnami/kubectl create (entrypoint kubectl)',
      workload('Job', { image: 'bitnami/kubectl:1.31', args: ['create', '-f', '/m/x.yaml'] }),
      ['`kubectl create`'],
    ],
    ['81b-6 klipper-helm job image', workload('Job', { image: 'rancher/klipper-helm:v0.9.3-build20241008' }), ['rancher/klipper-helm']],
    // 81b-9: CRDs, any.
    [
      '81b-9 cert-manager CRD',
      object('apiextensions.k8s.io/v1', 'CustomResourceDefinition', { name: 'certificates.cert-manager.io' }),
      ['is a CustomResourceDefinition that defines a kind for the whole cluster', 'CRDs belong to the release of their controller'],
    ],
    [
      '81b-9 any other CRD',
      object('apiextensions.k8s.io/v1', 'CustomResourceDefinition', { name: 'widgets.example.com' }),
      ['is a CustomResourceDefinition that'],
    ],
    // 81b-10: admission mutation and policy.
    [
      '81b-10 Kyverno ClusterPolicy',
      object('kyverno.io/v1', 'ClusterPolicy', { name: 'set-vip' }, { spec: { rules: [] } }),
      ['is a ClusterPolicy that mutates or refuses objects'],
    ],
    [
      '81b-10 MutatingWebhookConfiguration',
      object('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', { name: 'm' }),
      ['is a MutatingWebhookConfiguration that'],
    ],
    [
      '81b-10 ValidatingAdmissionPolicyBinding',
      object('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicyBinding', { name: 'b' }),
      ['is a ValidatingAdmissionPolicyBinding that'],
    ],
    ['81b-10 Gatekeeper Assign', object('mutations.gatekeeper.sh/v1', 'Assign', { name: 'a' }), ['is an Assign that']],
    // 81b-11: a NetworkPolicy over Traefik's pods (or every pod of its namespace).
    [
      '81b-11 NetworkPolicy selecting Traefik',
      object(
        'networking.k8s.io/v1',
        'NetworkPolicy',
        { name: 'deny', namespace: 'kube-system' },
        { spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } }, policyTypes: ['Ingress', 'Egress'] } },
      ),
      ["is a NetworkPolicy (of Traefik's pods) that restricts the traffic"],
    ],
    [
      '81b-11 empty podSelector, no namespace',
      object('networking.k8s.io/v1', 'NetworkPolicy', { name: 'deny' }, { spec: { podSelector: {} } }),
      ['is a NetworkPolicy (of Traefik'],
    ],
    [
      '81b-11 NetworkPolicy selecting kube-vip-cloud-provider',
      object(
        'networking.k8s.io/v1',
        'NetworkPolicy',
        { name: 'kv', namespace: 'kube-system' },
        { spec: { podSelector: { matchLabels: { app: 'kube-vip' } } } },
      ),
      ["(of kube-vip's pods)"],
    ],
    // 81b-12: quotas and limits where Traefik and kube-vip run.
    [
      '81b-12 ResourceQuota in kube-system',
      object('v1', 'ResourceQuota', { name: 'q', namespace: 'kube-system' }, { spec: { hard: { pods: '0' } } }),
      ['is a ResourceQuota (in kube-system) that limits the pods'],
    ],
    ['81b-12 LimitRange without a namespace', object('v1', 'LimitRange', { name: 'l' }), ['is a LimitRange (in kube-system)']],
    // 81b-13: endpoints of the chart's Services, and pods that join Traefik's Service.
    [
      '81b-13 EndpointSlice of traefik',
      object(
        'discovery.k8s.io/v1',
        'EndpointSlice',
        { name: 'traefik-extra', namespace: 'kube-system', labels: { 'kubernetes.io/service-name': 'traefik' } },
        { addressType: 'IPv4', endpoints: [{ addresses: ['203.0.113.10'] }] },
      ),
      ['is an EndpointSlice (of Service kube-system/traefik) that adds backends'],
    ],
    [
      '81b-13 Endpoints of default/kubernetes',
      object('v1', 'Endpoints', { name: 'kubernetes', namespace: 'default' }),
      ['(of Service default/kubernetes)'],
    ],
    [
      "81b-13 a Deployment with Traefik's pod labels",
      workload(
        'Deployment',
        { image: 'nginx:1.27' },
        {},
        { 'app.kubernetes.io/name': 'traefik', 'app.kubernetes.io/instance': 'traefik-kube-system' },
      ),
      ['(whose pods Service kube-system/traefik selects) that makes its pods backends'],
    ],
    // 81b-14, 81b-17: leases and namespaces, any.
    [
      '81b-14 kube-vip election lease',
      object(
        'coordination.k8s.io/v1',
        'Lease',
        { name: 'plndr-svcs-lock', namespace: 'kube-system' },
        { spec: { holderIdentity: 'nobody' } },
      ),
      ["is a Lease that holds a controller's election state"],
    ],
    [
      '81b-17 Namespace kube-system',
      object('v1', 'Namespace', { name: 'kube-system', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } }),
      ["is a Namespace that is the cluster's", 'create namespaces beside'],
    ],
    ['81b-17 any Namespace', object('v1', 'Namespace', { name: 'shop' }), ['is a Namespace that']],
    // 81b-22: another implementation's Gateway.
    [
      '81b-22 Gateway of class eg',
      object(
        'gateway.networking.k8s.io/v1',
        'Gateway',
        { name: 'eg', namespace: 'default' },
        {
          spec: {
            gatewayClassName: 'eg',
            addresses: [{ type: 'IPAddress', value: '192.168.0.12' }],
            listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }],
          },
        },
      ),
      ['is a Gateway (of class "eg") that belongs to another Gateway controller'],
    ],
    // Items of a List, and text items, are judged alike.
    [
      'a Lease in a List',
      object('v1', 'List', {}, { items: [object('coordination.k8s.io/v1', 'Lease', { name: 'l', namespace: 'kube-system' })] }),
      ['extraObjects[0].items[0]: is a Lease that'],
    ],
    [
      'a CRD as text',
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\n',
      ['extraObjects[0]: is a CustomResourceDefinition that'],
    ],
  ])('%s', (_, item, expected) => {
    const { errors, cluster } = configDoors(withItems(item));
    for (const text of [...expected, CANNOT]) {
      expect(errors).toContain(text);
      expect(cluster).toContain(text);
    }
    expect(errors.split('\n').filter((l) => l.includes(CANNOT))).toHaveLength(1);
    expect(errors).toMatch(/traefik\.values\.extraObjects\[0\]/);
    // Beside the constructs the same item is refused, with the constructs' advice.
    expect(chartDoor({ extraObjects: [item] })).toContain(CANNOT);
  });

  it('a command line in a message is named by its two words, never shown (it may carry a secret)', () => {
    const item = workload('Job', {
      image: 'alpine:3.20',
      command: ['sh', '-c', 'helm upgrade --install x c --set password=hunter2-s3cret'],
    });
    const { errors } = configDoors(withItems(item));
    expect(errors).toContain('`helm upgrade`');
    expect(errors).not.toContain('hunter2');
  });
});

describe('81b: ordinary extraObjects still pass', () => {
  const app = { 'app.kubernetes.io/name': 'shop' };
  it.each<[string, object]>([
    [
      'a Traefik Middleware',
      object(
        'traefik.io/v1alpha1',
        'Middleware',
        { name: 'm', namespace: 'default' },
        { spec: { headers: { customRequestHeaders: { X: 'y' } } } },
      ),
    ],
    ['a ConfigMap in kube-system', object('v1', 'ConfigMap', { name: 'c', namespace: 'kube-system' }, { data: { a: 'b' } })],
    [
      'a ClusterIP Service',
      object('v1', 'Service', { name: 's', namespace: 'default' }, { spec: { selector: app, ports: [{ port: 80 }] } }),
    ],
    ['an nginx Deployment', workload('Deployment', { image: 'nginx:1.27' }, { namespace: 'default' })],
    ['a postgres StatefulSet-like Deployment', workload('Deployment', { image: 'postgres:16' }, { namespace: 'db' })],
    [
      'an alpine CronJob without helm or kubectl',
      workload('CronJob', { image: 'alpine:3.20', command: ['sh', '-c', 'echo hello && wget -q -O- http://x/'] }),
    ],
    ['a busybox Job', workload('Job', { image: 'busybox:1.36', args: ['sleep', '1'] })],
    [
      'a kubectl CronJob that restarts an app',
      workload('CronJob', { image: 'bitnami/kubectl:1.31', args: ['rollout', 'restart', 'deployment/shop', '-n', 'shop'] }),
    ],
    ['traefik/whoami (not Traefik)', workload('Deployment', { image: 'traefik/whoami:v1.10' }, { namespace: 'default' })],
    [
      'a PodDisruptionBudget of an app',
      object(
        'policy/v1',
        'PodDisruptionBudget',
        { name: 'p', namespace: 'default' },
        { spec: { minAvailable: 1, selector: { matchLabels: app } } },
      ),
    ],
    [
      'a HorizontalPodAutoscaler of an app',
      object(
        'autoscaling/v2',
        'HorizontalPodAutoscaler',
        { name: 'h', namespace: 'default' },
        { spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop' }, minReplicas: 1, maxReplicas: 3 } },
      ),
    ],
    [
      'a ServiceMonitor',
      object(
        'monitoring.coreos.com/v1',
        'ServiceMonitor',
        { name: 's', namespace: 'default' },
        { spec: { selector: { matchLabels: app }, endpoints: [{ port: 'web' }] } },
      ),
    ],
    [
      'a cert-manager Certificate',
      object(
        'cert-manager.io/v1',
        'Certificate',
        { name: 'c', namespace: 'default' },
        { spec: { secretName: 'c-tls', dnsNames: ['a.example.com'], issuerRef: { name: 'i', kind: 'ClusterIssuer' } } },
      ),
    ],
    [
      "a NetworkPolicy of an app's pods in its namespace",
      object('networking.k8s.io/v1', 'NetworkPolicy', { name: 'n', namespace: 'shop' }, { spec: { podSelector: {} } }),
    ],
    [
      'a NetworkPolicy in kube-system for CoreDNS only',
      object(
        'networking.k8s.io/v1',
        'NetworkPolicy',
        { name: 'n', namespace: 'kube-system' },
        { spec: { podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } } },
      ),
    ],
    [
      'a ResourceQuota in an app namespace',
      object('v1', 'ResourceQuota', { name: 'q', namespace: 'shop' }, { spec: { hard: { pods: '10' } } }),
    ],
    [
      'an EndpointSlice of an app Service',
      object(
        'discovery.k8s.io/v1',
        'EndpointSlice',
        { name: 'ext', namespace: 'default', labels: { 'kubernetes.io/service-name': 'ext' } },
        { addressType: 'IPv4', endpoints: [{ addresses: ['203.0.113.10'] }], ports: [{ port: 80 }] },
      ),
    ],
    [
      "a Gateway of Traefik's class",
      object(
        'gateway.networking.k8s.io/v1',
        'Gateway',
        { name: 'g', namespace: 'default' },
        { spec: { gatewayClassName: 'traefik', listeners: [{ name: 'web', protocol: 'HTTP', port: 8000 }] } },
      ),
    ],
  ])('%s', (_, item) => {
    const { errors, cluster } = configDoors(withItems(item));
    expect(errors).not.toContain(CANNOT);
    expect(cluster).not.toContain(CANNOT);
    expect(chartDoor({ extraObjects: [item] })).not.toContain(CANNOT);
  });
});

describe('81b-6: the command-word check', () => {
  it.each<[string, string | undefined]>([
    ['helm upgrade --install a b', 'helm upgrade'],
    ['/usr/local/bin/helm install a b', 'helm install'],
    ['helm --kube-context x install a b', 'helm install'],
    ['helm template a b | kubectl apply -f -', 'kubectl apply'],
    ['kubectl --namespace kube-system patch svc traefik -p {}', 'kubectl patch'],
    ['set -e; kubectl replace -f x', 'kubectl replace'],
    ['helm template a b > out.yaml', undefined],
    ['kubectl get pods -n kube-system', undefined],
    ['kubectl rollout restart deployment/x', undefined],
    ['echo helmet install', undefined],
  ])('%s', (text, expected) => expect(deployingCommand(text)).toBe(expected));
});

describe('81b-25: a route backend in another namespace needs a ReferenceGrant among the extraObjects', () => {
  const route = object(
    'gateway.networking.k8s.io/v1',
    'HTTPRoute',
    { name: 'x', namespace: 'blog' },
    {
      spec: {
        parentRefs: [{ name: 'g', namespace: 'default' }],
        hostnames: ['x.example.com'],
        rules: [{ backendRefs: [{ name: 'other', namespace: 'monitoring', port: 80 }] }],
      },
    },
  );
  const grant = (to: object) =>
    object(
      'gateway.networking.k8s.io/v1beta1',
      'ReferenceGrant',
      { name: 'g', namespace: 'monitoring' },
      {
        spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'blog' }], to: [to] },
      },
    );
  it.each<[string, object[], boolean]>([
    ['no ReferenceGrant', [route], true],
    ['a grant for another Service name', [route, grant({ group: '', kind: 'Service', name: 'else' })], true],
    ['a grant for that Service', [route, grant({ group: '', kind: 'Service', name: 'other' })], false],
    ['a grant for every Service of the namespace', [route, grant({ group: '', kind: 'Service' })], false],
    [
      'a backend in the route namespace',
      [{ ...route, spec: { ...(route as any).spec, rules: [{ backendRefs: [{ name: 'other', namespace: 'blog', port: 80 }] }] } }],
      false,
    ],
  ])('%s', (_, items, refused) => {
    const { errors } = configDoors(withItems(...items));
    const chart = chartDoor({ extraObjects: items });
    const message =
      'extraObjects[0].spec.rules[0].backendRefs[0].namespace: is "monitoring", another namespace than the HTTPRoute\'s (blog)';
    if (refused) {
      expect(errors).toContain(message);
      expect(errors).toContain('add a ReferenceGrant in monitoring');
      expect(chart).toContain('RefNotPermitted');
    } else {
      expect(errors).not.toContain('RefNotPermitted');
      expect(chart).not.toContain('RefNotPermitted');
    }
  });
});
