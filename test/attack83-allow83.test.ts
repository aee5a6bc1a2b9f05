import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { devConfig, refusalOf, withChanges } from './helpers';

// Wave 83: extraObjects carry only the kinds that serve Traefik's routes (src/traefik/extra-object-kinds.ts), and their
// pods hold nothing of the node or of an account's API rights (src/traefik/extra-workload-powers.ts). Round 82's
// findings 3, 4, 12, 14, 21, 24 and 25, and the classes behind 1 and 2 (a deployer needs API rights it cannot get here).

const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');
function doors(item: unknown, values: object = {}) {
  const config = withChanges(devConfig(), { traefik: { ...devConfig().traefik, values: { ...values, extraObjects: [item] } } });
  const parsed = parseConfigText('config/t.yaml', stringify(config));
  return {
    file: parsed.errors.map(line).join('\n'),
    cluster: refusalOf(() => new K3sVipCluster(new App(), 'c', config as never)),
    chart: refusalOf(
      () =>
        new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', {
          loadBalancerIPs: ['192.168.0.41'],
          values: { ...values, extraObjects: [item] } as Record<string, unknown>,
        }),
    ),
  };
}
const object = (apiVersion: string, kind: string, metadata: object, rest: object = {}) => ({ apiVersion, kind, metadata, ...rest });
const pod = (spec: object, namespace = 'default') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace },
  spec: { containers: [{ name: 'c', image: 'alpine:3.20' }], ...spec },
});
const deployment = (podSpec: object, namespace = 'default') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', namespace },
  spec: {
    selector: { matchLabels: { app: 'd' } },
    template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...podSpec } },
  },
});
const cronJob = (podSpec: object) => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'j', namespace: 'default' },
  spec: {
    schedule: '0 3 * * *',
    jobTemplate: {
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'alpine:3.20' }], ...podSpec } } },
    },
  },
});
const list = (...items: object[]) => object('v1', 'List', {}, { items });

const NOT_CARRIED = "which Traefik's extraObjects do not carry";
const OUTSIDE = 'outside every rule of this tool';
const RIGHTS = 'which this tool cannot see';

describe('wave 83: extraObjects carry only the kinds that serve Traefik, at every door', () => {
  it.each<[string, object, string, string[]]>([
    [
      '82a-3 an APIService for traefik.io',
      object(
        'apiregistration.k8s.io/v1',
        'APIService',
        { name: 'v1alpha1.traefik.io' },
        { spec: { group: 'traefik.io', version: 'v1alpha1', service: { name: 'evil', namespace: 'default' } } },
      ),
      '',
      ['is an APIService of API group apiregistration.k8s.io', NOT_CARRIED],
    ],
    [
      '82a-4 a CiliumNetworkPolicy',
      object('cilium.io/v2', 'CiliumNetworkPolicy', { name: 'deny', namespace: 'kube-system' }, { spec: { endpointSelector: {} } }),
      '',
      ['is a CiliumNetworkPolicy of API group cilium.io'],
    ],
    [
      '82a-4 a Calico GlobalNetworkPolicy',
      object('projectcalico.org/v3', 'GlobalNetworkPolicy', { name: 'deny' }, { spec: { selector: 'all()' } }),
      '',
      ['is a GlobalNetworkPolicy of API group projectcalico.org'],
    ],
    [
      '82a-4 an AdminNetworkPolicy',
      object('policy.networking.k8s.io/v1alpha1', 'AdminNetworkPolicy', { name: 'a' }, { spec: { priority: 1, subject: {} } }),
      '',
      ['is an AdminNetworkPolicy of API group policy.networking.k8s.io'],
    ],
    [
      '82a-21 a Kubewarden ClusterAdmissionPolicy',
      object('policies.kubewarden.io/v1', 'ClusterAdmissionPolicy', { name: 'k' }, { spec: { mutating: true } }),
      '',
      ['is a ClusterAdmissionPolicy of API group policies.kubewarden.io'],
    ],
    ['82a-21 a jsPolicy', object('policy.jspolicy.com/v1beta1', 'JsPolicy', { name: 'j.example.com' }), '', ['is a JsPolicy']],
    [
      '82a-24 a VerticalPodAutoscaler of Traefik',
      object(
        'autoscaling.k8s.io/v1',
        'VerticalPodAutoscaler',
        { name: 'v', namespace: 'kube-system' },
        { spec: { targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'traefik' } } },
      ),
      '',
      ['is a VerticalPodAutoscaler of API group autoscaling.k8s.io'],
    ],
    [
      '82a-14 an Argo Rollout',
      object('argoproj.io/v1alpha1', 'Rollout', { name: 'r', namespace: 'default' }, { spec: { template: { spec: {} } } }),
      '',
      ['is a Rollout of API group argoproj.io'],
    ],
    [
      '82a-12 a ClusterRoleBinding (RBAC grants rights)',
      object(
        'rbac.authorization.k8s.io/v1',
        'ClusterRoleBinding',
        { name: 'b' },
        {
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
          subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }],
        },
      ),
      '',
      ['is a ClusterRoleBinding of API group rbac.authorization.k8s.io'],
    ],
    ['a Role', object('rbac.authorization.k8s.io/v1', 'Role', { name: 'r', namespace: 'default' }, { rules: [] }), '', ['is a Role of']],
    [
      'a PersistentVolume (cluster-scoped)',
      object('v1', 'PersistentVolume', { name: 'pv' }),
      '',
      ['is a PersistentVolume of the core group (v1)'],
    ],
    ['a ResourceQuota in an app namespace', object('v1', 'ResourceQuota', { name: 'q', namespace: 'shop' }), '', ['is a ResourceQuota of']],
    [
      'a GatewayClass (the chart key gatewayClass makes Traefik its own)',
      object('gateway.networking.k8s.io/v1', 'GatewayClass', { name: 'c' }, { spec: { controllerName: 'example.com/x' } }),
      '',
      ['is a GatewayClass of API group gateway.networking.k8s.io'],
    ],
    [
      'an IngressClass',
      object('networking.k8s.io/v1', 'IngressClass', { name: 'c' }, { spec: { controller: 'example.com/x' } }),
      '',
      ['is an IngressClass of'],
    ],
    [
      'a third-party kind',
      object('example.com/v1', 'Widget', { name: 'w', namespace: 'default' }, { spec: { anything: 1 } }),
      '',
      ['is a Widget of API group example.com', "install it beside this tool's manifests"],
    ],
    [
      'a misspelt carried kind is told the nearest',
      object('monitoring.coreos.com/v1', 'ServiceMonitr', { name: 'd', namespace: 'default' }),
      '',
      ['is a ServiceMonitr of API group monitoring.coreos.com', 'if you meant ServiceMonitor, write that'],
    ],
    ['an item of a List', list(object('v1', 'LimitRange', { name: 'l', namespace: 'shop' })), '.items[0]', ['is a LimitRange of']],
  ])('%s is refused', (_, item, below, expected) => {
    const { file, cluster, chart } = doors(item);
    for (const text of [...expected, NOT_CARRIED]) {
      expect(file).toContain(text);
      expect(cluster).toContain(text);
      expect(chart).toContain(text);
    }
    expect(file).toContain(`traefik.values.extraObjects[0]${below}: is a`);
    expect(file.split('\n').filter((l) => l.includes(NOT_CARRIED))).toHaveLength(1);
  });
});

test("a misspelt built-in kind is told by the schema's spelling rule alone", () => {
  const { file } = doors(object('apps/v1', 'Deploymnet', { name: 'd', namespace: 'default' }));
  expect(file).toContain('traefik.values.extraObjects[0].kind: is "Deploymnet", which "apps/v1" does not have in Kubernetes 1.27');
  expect(file).not.toContain(NOT_CARRIED);
});

test("83a-8 a kind the core group does not have is one problem, the schema's", () => {
  const { file } = doors(object('v1', 'Namespaces', { name: 'c' }));
  expect(file).toContain('traefik.values.extraObjects[0].kind: is "Namespaces", which "v1" does not have in Kubernetes 1.27');
  expect(file).not.toContain(NOT_CARRIED);
});

describe("wave 83: extraObjects pods hold nothing of the node or of another account's rights", () => {
  it.each<[string, object, string, string]>([
    ['82a-25 a hostNetwork pod', pod({ hostNetwork: true }), 'spec.hostNetwork', "on the node's own network"],
    ['a hostPID Deployment', deployment({ hostPID: true }), 'spec.template.spec.hostPID', "shares the node's processes"],
    ['a hostIPC pod', pod({ hostIPC: true }), 'spec.hostIPC', 'inter-process memory'],
    [
      'a privileged init container',
      pod({ initContainers: [{ name: 'i', image: 'alpine:3.20', securityContext: { privileged: true } }] }),
      'spec.initContainers[0].securityContext.privileged',
      "the node's devices and every capability",
    ],
    [
      "a hostPath onto K3s' manifests folder (82a-1's deployer by file)",
      deployment({ volumes: [{ name: 'm', hostPath: { path: '/var/lib/rancher/k3s/server/manifests' } }] }),
      'spec.template.spec.volumes[0]: is a hostPath volume',
      "mounts the node's files",
    ],
    [
      "a CronJob with Traefik's ServiceAccount",
      cronJob({ serviceAccountName: 'traefik' }),
      'spec.jobTemplate.spec.template.spec.serviceAccountName',
      RIGHTS,
    ],
    [
      'the deprecated serviceAccount naming helm-traefik',
      pod({ serviceAccount: 'helm-traefik' }, 'kube-system'),
      'spec.serviceAccount',
      RIGHTS,
    ],
    [
      'an account declared in another namespace',
      list(object('v1', 'ServiceAccount', { name: 'shop', namespace: 'shop' }), pod({ serviceAccountName: 'shop' })),
      'items[1].spec.serviceAccountName',
      RIGHTS,
    ],
    [
      "a token Secret of Traefik's account",
      object(
        'v1',
        'Secret',
        { name: 't', namespace: 'kube-system', annotations: { 'kubernetes.io/service-account.name': 'traefik' } },
        { type: 'kubernetes.io/service-account-token' },
      ),
      'metadata.annotations["kubernetes.io/service-account.name"]',
      RIGHTS,
    ],
  ])('%s is refused', (_, item, at, expected) => {
    const { file, cluster, chart } = doors(item);
    expect(file).toContain(expected);
    expect(cluster).toContain(expected);
    expect(chart).toContain(expected);
    expect(file).toContain(`traefik.values.extraObjects[0].${at}`);
  });

  it('every power of one pod is named at once', () => {
    const { file } = doors(pod({ hostNetwork: true, hostPID: true, volumes: [{ name: 'h', hostPath: { path: '/' } }] }));
    expect(file.split('\n').filter((l) => l.includes(OUTSIDE))).toHaveLength(3);
  });
});

describe('wave 83: what serves Traefik still passes', () => {
  const app = { app: 'shop' };
  it.each<[string, object]>([
    ['a ConfigMap', object('v1', 'ConfigMap', { name: 'c', namespace: 'default' }, { data: { a: 'b' } })],
    [
      'a ClusterIP Service',
      object('v1', 'Service', { name: 's', namespace: 'default' }, { spec: { selector: app, ports: [{ port: 80 }] } }),
    ],
    [
      'a PersistentVolumeClaim',
      object(
        'v1',
        'PersistentVolumeClaim',
        { name: 'c', namespace: 'default' },
        { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
      ),
    ],
    [
      'a Traefik Middleware',
      object(
        'traefik.io/v1alpha1',
        'Middleware',
        { name: 'm', namespace: 'default' },
        { spec: { headers: { customRequestHeaders: { X: 'y' } } } },
      ),
    ],
    [
      'a ReferenceGrant',
      object(
        'gateway.networking.k8s.io/v1beta1',
        'ReferenceGrant',
        { name: 'g', namespace: 'shop' },
        {
          spec: {
            from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'default' }],
            to: [{ group: '', kind: 'Service' }],
          },
        },
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
      'an ExternalSecret',
      object(
        'external-secrets.io/v1beta1',
        'ExternalSecret',
        { name: 'e', namespace: 'default' },
        { spec: { secretStoreRef: { name: 's', kind: 'SecretStore' }, target: { name: 'basic-auth' } } },
      ),
    ],
    ['a Deployment with hostNetwork: false and the default account', deployment({ hostNetwork: false, serviceAccountName: 'default' })],
    [
      'a ServiceAccount and the Deployment that uses it, in one namespace',
      list(object('v1', 'ServiceAccount', { name: 'shop', namespace: 'default' }), deployment({ serviceAccountName: 'shop' })),
    ],
    [
      'a token Secret of an account the release declares',
      list(
        object('v1', 'ServiceAccount', { name: 'shop' }),
        object(
          'v1',
          'Secret',
          { name: 't', annotations: { 'kubernetes.io/service-account.name': 'shop' } },
          { type: 'kubernetes.io/service-account-token' },
        ),
      ),
    ],
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
      'an emptyDir and a ConfigMap volume',
      deployment({
        volumes: [
          { name: 'e', emptyDir: {} },
          { name: 'c', configMap: { name: 'c' } },
        ],
      }),
    ],
  ])('%s', (_, item) => {
    expect(doors(item)).toEqual({ file: '', cluster: '', chart: '' });
  });
});

describe('round 83a: the accounts, marks and capabilities that still reach past an extraObjects pod', () => {
  const job = (spec: object) => cronJob({ containers: [{ name: 'c', image: 'bitnami/kubectl:1.31' }], ...spec });
  it.each<[string, object, object, string, string]>([
    [
      "83a-2 K3s' helm-traefik account declared by an item",
      list(
        object('v1', 'ServiceAccount', { name: 'helm-traefik', namespace: 'kube-system' }),
        pod({ serviceAccountName: 'helm-traefik' }, 'kube-system'),
      ),
      {},
      'items[1].spec.serviceAccountName',
      RIGHTS,
    ],
    [
      "83a-22 an item account that serviceAccount.name makes Traefik's",
      list(object('v1', 'ServiceAccount', { name: 'traefik-sa' }), job({ serviceAccountName: 'traefik-sa' })),
      { serviceAccount: { name: 'traefik-sa' } },
      'items[1].spec.jobTemplate.spec.template.spec.serviceAccountName',
      RIGHTS,
    ],
    [
      '83a-15 SYS_MODULE added',
      pod({
        containers: [{ name: 'c', image: 'alpine:3.20', securityContext: { capabilities: { add: ['NET_BIND_SERVICE', 'SYS_MODULE'] } } }],
      }),
      {},
      'spec.containers[0].securityContext.capabilities.add[1]',
      'a capability that reaches past the container',
    ],
    [
      '83a-15 seccomp Unconfined for the pod',
      pod({ securityContext: { seccompProfile: { type: 'Unconfined' } } }),
      {},
      'spec.securityContext.seccompProfile.type',
      'is "Unconfined"',
    ],
    [
      '83a-23 serviceAccount.name default makes an item pod without an account Traefik-strong',
      pod({}, 'kube-system'),
      { serviceAccount: { name: 'default' } },
      'spec.serviceAccountName',
      "is unset: the pod runs as its namespace's default account, which serviceAccount.name makes Traefik's",
    ],
    [
      '83a-1 a SealedSecret whose template is a token Secret of Traefik',
      object(
        'bitnami.com/v1alpha1',
        'SealedSecret',
        { name: 'tok' },
        {
          spec: {
            encryptedData: {},
            template: {
              type: 'kubernetes.io/service-account-token',
              metadata: { annotations: { 'kubernetes.io/service-account.name': 'traefik' } },
            },
          },
        },
      ),
      {},
      'spec.template.metadata.annotations["kubernetes.io/service-account.name"]',
      RIGHTS,
    ],
    [
      '83a-1 an ExternalSecret whose target template is a token Secret of helm-traefik',
      object(
        'external-secrets.io/v1beta1',
        'ExternalSecret',
        { name: 'tok' },
        {
          spec: {
            secretStoreRef: { name: 's', kind: 'SecretStore' },
            target: {
              name: 't',
              template: {
                type: 'kubernetes.io/service-account-token',
                metadata: { annotations: { 'kubernetes.io/service-account.name': 'helm-traefik' } },
              },
            },
          },
        },
      ),
      {},
      'spec.target.template.metadata.annotations["kubernetes.io/service-account.name"]',
      RIGHTS,
    ],
    [
      '83a-4 a SecretStore that reads as an account of its namespace the items do not declare',
      object(
        'external-secrets.io/v1beta1',
        'SecretStore',
        { name: 'all', namespace: 'apps' },
        { spec: { provider: { kubernetes: { remoteNamespace: 'default', auth: { serviceAccount: { name: 'reader' } } } } } },
      ),
      {},
      'spec.provider.kubernetes.auth.serviceAccount.name',
      RIGHTS,
    ],
    [
      "83a-16 a kube-system pod mounting K3s' serving key",
      pod({ volumes: [{ name: 's', secret: { secretName: 'k3s-serving' } }] }, 'kube-system'),
      {},
      'spec.volumes[0].secret.secretName',
      'a Secret of kube-system that no extraObjects item makes',
    ],
    [
      '83a-16 a kube-system pod reading a Helm release record through env',
      pod(
        {
          containers: [
            {
              name: 'c',
              image: 'alpine:3.20',
              env: [{ name: 'R', valueFrom: { secretKeyRef: { name: 'sh.helm.release.v1.traefik.v1', key: 'release' } } }],
            },
          ],
        },
        'kube-system',
      ),
      {},
      'spec.containers[0].env[0].valueFrom.secretKeyRef.name',
      'a Secret of kube-system that no extraObjects item makes',
    ],
    [
      "review 83: a Vault SecretStore sending Traefik's token (any provider's serviceAccountRef)",
      object(
        'external-secrets.io/v1beta1',
        'SecretStore',
        { name: 'v', namespace: 'apps' },
        {
          spec: {
            provider: {
              vault: {
                server: 'https://vault.example.com',
                auth: { kubernetes: { mountPath: 'k', role: 'r', serviceAccountRef: { name: 'vault-auth' } } },
              },
            },
          },
        },
      ),
      {},
      'spec.provider.vault.auth.kubernetes.serviceAccountRef.name',
      RIGHTS,
    ],
    [
      'review 83: a SecretStore in kube-system',
      object(
        'external-secrets.io/v1beta1',
        'SecretStore',
        { name: 's' },
        { spec: { provider: { kubernetes: { auth: { token: { bearerToken: { name: 'k3s-serving', key: 'tls.key' } } } } } } },
      ),
      {},
      'metadata.namespace',
      "a SecretStore can read K3s' own Secrets",
    ],
    [
      "review 83: a SealedSecret named after K3s' serving key does not make it readable",
      list(
        object('bitnami.com/v1alpha1', 'SealedSecret', { name: 'k3s-serving' }, { spec: { encryptedData: {} } }),
        pod({ volumes: [{ name: 's', secret: { secretName: 'k3s-serving' } }] }, 'kube-system'),
      ),
      {},
      'items[1].spec.volumes[0].secret.secretName',
      'a Secret of kube-system that no extraObjects item makes',
    ],
    [
      'review 83: AppArmor unconfined by annotation',
      {
        ...deployment({}),
        spec: {
          ...deployment({}).spec,
          template: {
            metadata: { labels: { app: 'd' }, annotations: { 'container.apparmor.security.beta.kubernetes.io/c': 'unconfined' } },
            spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
          },
        },
      },
      {},
      'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/c"]',
      'lifts the mandatory access control AppArmor puts on the container',
    ],
    [
      "review 83: an EndpointSlice joining CoreDNS's Service",
      object(
        'discovery.k8s.io/v1',
        'EndpointSlice',
        { name: 'x', labels: { 'kubernetes.io/service-name': 'kube-dns' } },
        { addressType: 'IPv4', endpoints: [{ addresses: ['10.42.0.99'] }] },
      ),
      {},
      'metadata.labels["kubernetes.io/service-name"]',
      'a Service of kube-system that no extraObjects item makes',
    ],
    [
      'review 83: SELinux type spc_t',
      pod({ securityContext: { seLinuxOptions: { type: 'spc_t' } } }),
      {},
      'spec.securityContext.seLinuxOptions.type',
      "an SELinux type outside the container's",
    ],
  ])('%s is refused', (_, item, values, at, expected) => {
    const { file, cluster, chart } = doors(item, values);
    expect(file).toContain(`traefik.values.extraObjects[0].${at}: ${expected}`.replace(`: ${expected}`, ''));
    for (const said of [file, cluster, chart]) expect(said).toContain(expected);
  });

  it.each<[string, object]>([
    ['83a-11 an image-pull account without its token', pod({ serviceAccountName: 'registry-puller', automountServiceAccountToken: false })],
    [
      '83a-17 a Probe',
      object(
        'monitoring.coreos.com/v1',
        'Probe',
        { name: 'p', namespace: 'default' },
        { spec: { targets: { staticConfig: { static: ['a.example.com'] } } } },
      ),
    ],
    [
      '83a-17 a VMServiceScrape',
      object(
        'operator.victoriametrics.com/v1beta1',
        'VMServiceScrape',
        { name: 'v', namespace: 'default' },
        { spec: { endpoints: [{ port: 'metrics' }] } },
      ),
    ],
    [
      '83a-17 a GrafanaDashboard',
      object(
        'grafana.integreatly.org/v1beta1',
        'GrafanaDashboard',
        { name: 'g', namespace: 'default' },
        { spec: { url: 'https://grafana.com/api/dashboards/17346/revisions/9/download' } },
      ),
    ],
    [
      'a baseline capability, any spelling',
      pod({
        containers: [{ name: 'c', image: 'alpine:3.20', securityContext: { capabilities: { add: ['net_bind_service', 'CHOWN'] } } }],
      }),
    ],
    ['seccomp RuntimeDefault', pod({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } } })],
    [
      'review 83: serviceAccountName wins over the deprecated serviceAccount',
      list(object('v1', 'ServiceAccount', { name: 'app' }), pod({ serviceAccountName: 'app', serviceAccount: 'traefik' }, 'kube-system')),
    ],
    [
      "review 83: Helm's annotations on an item (Helm judges the existing object's, not the item's)",
      object(
        'v1',
        'ConfigMap',
        { name: 'c', namespace: 'default', annotations: { 'meta.helm.sh/release-name': 'traefik' } },
        { data: { a: 'b' } },
      ),
    ],
    [
      'review 83: an EndpointSlice of a Service the items make in kube-system',
      list(
        object('v1', 'Service', { name: 'ext', namespace: 'kube-system' }, { spec: { ports: [{ port: 80 }] } }),
        object(
          'discovery.k8s.io/v1',
          'EndpointSlice',
          { name: 'ext-1', namespace: 'kube-system', labels: { 'kubernetes.io/service-name': 'ext' } },
          { addressType: 'IPv4', endpoints: [{ addresses: ['203.0.113.10'] }], ports: [{ port: 80 }] },
        ),
      ),
    ],
    ['review 83: SELinux container_t', pod({ securityContext: { seLinuxOptions: { type: 'container_t' } } })],
    [
      'a pod in its own namespace reading a Secret made out of band',
      pod({ volumes: [{ name: 's', secret: { secretName: 'app-creds' } }] }),
    ],
    [
      'a kube-system pod reading the Secret the items make',
      list(
        object('v1', 'Secret', { name: 'auth', namespace: 'kube-system' }, { type: 'Opaque' }),
        pod({ volumes: [{ name: 's', secret: { secretName: 'auth' } }] }, 'kube-system'),
      ),
    ],
    [
      'a SealedSecret of an ordinary Secret',
      object(
        'bitnami.com/v1alpha1',
        'SealedSecret',
        { name: 'basic-auth', namespace: 'default' },
        { spec: { encryptedData: {}, template: { type: 'Opaque' } } },
      ),
    ],
  ])('%s passes', (_, item) => {
    expect(doors(item)).toEqual({ file: '', cluster: '', chart: '' });
  });

  it.each<[string, string, string]>([
    ['83a-24 Node', 'v1', 'Node'],
    ['83a-24 PersistentVolume', 'v1', 'PersistentVolume'],
    ['83a-24 ClusterExternalSecret', 'external-secrets.io/v1beta1', 'ClusterExternalSecret'],
  ])('%s is told no near miss', (_, apiVersion, kind) => {
    const { file } = doors(object(apiVersion, kind, { name: 'x' }));
    expect(file).toContain(NOT_CARRIED);
    expect(file).not.toContain('if you meant');
  });

  it('83a-7 a misspelt ClusterIssuer is not told to write ClusterIssuer, which is first-class', () => {
    expect(doors(object('cert-manager.io/v1', 'ClusterIsuer', { name: 'x' })).file).not.toContain('if you meant ClusterIssuer');
  });
});
