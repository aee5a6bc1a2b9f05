import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { loadConfigDir } from '../src/config/load';
import { wiring } from '../src/main';
import { listFiles } from '../src/output/publish';
import { renderClusters, runSynth } from '../src/synth';
import { formatViolation, validateManifests, Violation } from '../src/validate/conformance';
import { API_SERVER_RULES, DOMAIN_RULES } from '../src/validate/rules';
import { EXAMPLES_DIR, FIXTURE_CONFIG_DIR, synthesizedReference } from './helpers';

type Obj = Record<string, any>;

const FILE = 'dev/manifests.yaml';

const daemonSet = (): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'kube-vip-ds', namespace: 'kube-system', labels: { 'app.kubernetes.io/name': 'kube-vip-ds' } },
  spec: {
    selector: { matchLabels: { 'app.kubernetes.io/name': 'kube-vip-ds' } },
    template: {
      metadata: { labels: { 'app.kubernetes.io/name': 'kube-vip-ds', 'app.kubernetes.io/version': 'v1.2.3' } },
      spec: {
        containers: [
          {
            name: 'kube-vip',
            image: 'ghcr.io/kube-vip/kube-vip:v1.2.3',
            imagePullPolicy: 'IfNotPresent',
            env: [
              { name: 'vip_arp', value: 'true' },
              { name: 'port', value: '6443' },
              { name: 'address', value: '192.168.0.40' },
            ],
            ports: [{ name: 'metrics', containerPort: 2112 }],
            securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] } },
          },
        ],
        hostNetwork: true,
        serviceAccountName: 'kube-vip',
      },
    },
  },
});

const clusterRole = (): Obj => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'system:kube-vip-role' },
  rules: [{ apiGroups: [''], resources: ['services'], verbs: ['get', 'list', 'watch'] }],
});

const helmChartConfig = (): Obj => ({
  apiVersion: 'helm.cattle.io/v1',
  kind: 'HelmChartConfig',
  metadata: { name: 'traefik', namespace: 'kube-system' },
  spec: { valuesContent: 'service:\n  annotations:\n    kube-vip.io/loadbalancerIPs: 192.168.0.41\n' },
});

const ingress = (): Obj => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: {
    name: 'frontend-ingress',
    namespace: 'default',
    annotations: { 'traefik.ingress.kubernetes.io/router.tls.certresolver': 'default' },
  },
  spec: {
    ingressClassName: 'traefik',
    rules: [
      {
        host: 'k3s.example.com',
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'frontend', port: { number: 80 } } } }] },
      },
    ],
  },
});

const gateway = (): Obj => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'traefik', namespace: 'kube-system' },
  spec: {
    gatewayClassName: 'traefik',
    listeners: [
      { name: 'http', port: 8000, protocol: 'HTTP' },
      {
        name: 'https.a.example.com',
        hostname: 'a.example.com',
        port: 8443,
        protocol: 'HTTPS',
        tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'tls.a.example.com' }] },
      },
    ],
  },
});

const service = (): Obj => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'frontend', namespace: 'default' },
  spec: { type: 'LoadBalancer', selector: { app: 'frontend' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
});

const configMap = (): Obj => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'default' },
  data: { 'app.conf': 'level = info' },
});

const FIXTURES = { daemonSet, clusterRole, helmChartConfig, ingress, gateway, service, configMap };

const yamlOf = (objects: Obj[]): string => `# Generated for a test.\n${objects.map((o) => stringify(o)).join('---\n')}`;
const validate = (objects: Obj[], file = FILE): Violation[] => validateManifests(new Map([[file, yamlOf(objects)]]));
const container = (o: Obj): Obj => o.spec.template.spec.containers[0];

describe('validateManifests', () => {
  test('the unbroken fixtures conform', () => {
    expect(validate(Object.values(FIXTURES).map((make) => make()))).toEqual([]);
  });

  // Seeded breaks, at least one per rule class; each must give exactly one violation, on the seeded field.
  const DS = 'DaemonSet/kube-system/kube-vip-ds';
  const CR = 'ClusterRole/system:kube-vip-role';
  const HCC = 'HelmChartConfig/kube-system/traefik';
  const ING = 'Ingress/default/frontend-ingress';
  const seeds: Array<
    [rule: string, what: string, fixture: keyof typeof FIXTURES, object: string, seed: (o: Obj) => void, field: string, message: RegExp]
  > = [
    // Kubernetes 1.27 OpenAPI schema (kubernetes-models), strict
    [
      'schema',
      'type',
      'daemonSet',
      DS,
      (o) => {
        container(o).ports[0].containerPort = '2112';
      },
      'spec.template.spec.containers[0].ports[0].containerPort',
      /^is "2112"; the Kubernetes 1\.27 schema of DaemonSet expects integer$/,
    ],
    [
      'schema',
      'type in a list',
      'clusterRole',
      CR,
      (o) => {
        o.rules[0].verbs = 'get';
      },
      'rules[0].verbs',
      /^is "get"; the Kubernetes 1\.27 schema of ClusterRole expects array$/,
    ],
    [
      'schema',
      'enum',
      'daemonSet',
      DS,
      (o) => {
        container(o).imagePullPolicy = 'Sometimes';
      },
      'spec.template.spec.containers[0].imagePullPolicy',
      /^is "Sometimes"; .* allows only "Always", "IfNotPresent", "Never"$/,
    ],
    [
      'schema',
      'required',
      'daemonSet',
      DS,
      (o) => {
        delete o.spec.selector;
      },
      'spec.selector',
      /^is missing; the Kubernetes 1\.27 schema of DaemonSet requires it$/,
    ],
    [
      'schema',
      'unknown field',
      'daemonSet',
      DS,
      (o) => {
        container(o).securityContext = { capabilties: { add: ['NET_ADMIN'] } };
      },
      'spec.template.spec.containers[0].securityContext.capabilties',
      /^is not a field of the Kubernetes 1\.27 schema of DaemonSet: the API server drops/,
    ],
    [
      'schema',
      'unknown metadata field',
      'ingress',
      ING,
      (o) => {
        o.metadata.label = { app: 'frontend' };
      },
      'metadata.label',
      /^is not a field of the Kubernetes 1\.27 schema of Ingress/,
    ],
    [
      'schema',
      'API version not served by 1.27',
      'ingress',
      ING,
      (o) => {
        o.apiVersion = 'networking.k8s.io/v1beta1';
      },
      'apiVersion',
      /^is "networking\.k8s\.io\/v1beta1", which Kubernetes 1\.27 no longer serves \(removed in 1\.22\)/,
    ],
    [
      'schema',
      'unknown kind',
      'daemonSet',
      'Daemonset/kube-system/kube-vip-ds',
      (o) => {
        o.kind = 'Daemonset';
      },
      'kind',
      /^is "Daemonset", which "apps\/v1" does not have in Kubernetes 1\.27/,
    ],
    // The CRD schema of crds/helmchartconfig.yaml, strict
    [
      'crd-schema',
      'unknown field',
      'helmChartConfig',
      HCC,
      (o) => {
        o.spec.chart = 'traefik';
      },
      'spec.chart',
      /^is not a field of the HelmChartConfig schema of crds\/helmchartconfig\.yaml/,
    ],
    [
      'crd-schema',
      'type',
      'helmChartConfig',
      HCC,
      (o) => {
        o.spec.valuesContent = { service: {} };
      },
      'spec.valuesContent',
      /^is \{"service":\{\}\}; the HelmChartConfig schema of crds\/helmchartconfig\.yaml expects string$/,
    ],
    [
      'crd-schema',
      'version not served',
      'helmChartConfig',
      HCC,
      (o) => {
        o.apiVersion = 'helm.cattle.io/v2';
      },
      'apiVersion',
      /serves HelmChartConfig only as helm\.cattle\.io\/v1$/,
    ],
    [
      'crd-schema',
      'metadata as ObjectMeta',
      'helmChartConfig',
      HCC,
      (o) => {
        o.metadata.annotation = {};
      },
      'metadata.annotation',
      /^is not a field of the Kubernetes 1\.27 schema of ObjectMeta/,
    ],
    // API server rules beyond the schema
    [
      'names',
      'object name',
      'daemonSet',
      'DaemonSet/kube-system/Kube_VIP',
      (o) => {
        o.metadata.name = 'Kube_VIP';
      },
      'metadata.name',
      /^"Kube_VIP" is not a valid name: .*\(DaemonSet names are DNS-1123 subdomains\)$/,
    ],
    [
      'names',
      'container name',
      'daemonSet',
      DS,
      (o) => {
        container(o).name = 'kube.vip';
      },
      'spec.template.spec.containers[0].name',
      /^"kube\.vip" is not a valid name: .*\(a container name is a DNS-1123 label\)$/,
    ],
    [
      'labels',
      'key',
      'daemonSet',
      DS,
      (o) => {
        o.metadata.labels['example.com/role/vip'] = 'yes';
      },
      'metadata.labels["example.com/role/vip"]',
      /^is not a valid label: "example\.com\/role\/vip" is not a valid key: expected an optional DNS prefix and one "\/"/,
    ],
    [
      'labels',
      'value',
      'daemonSet',
      DS,
      (o) => {
        o.spec.template.metadata.labels['app.kubernetes.io/version'] = 'v1.2.3 (beta)';
      },
      'spec.template.metadata.labels["app.kubernetes.io/version"]',
      /^is not a valid label: "v1\.2\.3 \(beta\)" is not a valid label value: at most 63/,
    ],
    [
      'labels',
      'annotations over 256 KiB on the pod template',
      'daemonSet',
      DS,
      (o) => {
        o.spec.template.metadata.annotations = { a: 'x'.repeat(200 * 1024), b: 'y'.repeat(56 * 1024) };
      },
      'spec.template.metadata.annotations',
      /^the annotations are 262146 bytes \(keys and values\), at most 262144 \(256 KiB\) .*refuses the DaemonSet/,
    ],
    [
      'labels',
      'annotations over 256 KiB on the object, counted in bytes',
      'ingress',
      ING,
      (o) => {
        o.metadata.annotations = { note: 'ü'.repeat(128 * 1024) };
      },
      'metadata.annotations',
      /^the annotations are 262148 bytes .*refuses the Ingress/,
    ],
    [
      'selector-matches-template',
      'other labels',
      'daemonSet',
      DS,
      (o) => {
        o.spec.selector.matchLabels = { 'app.kubernetes.io/name': 'kube-vip' };
      },
      'spec.selector',
      /does not select the pod template's labels .*"selector does not match template labels"/,
    ],
    [
      'ingress-class-set-once',
      'annotation and field',
      'ingress',
      ING,
      (o) => {
        o.metadata.annotations['kubernetes.io/ingress.class'] = 'traefik';
      },
      'metadata.annotations["kubernetes.io/ingress.class"]',
      /^is "traefik" while spec\.ingressClassName is "traefik"; .*keep only spec\.ingressClassName$/,
    ],
    [
      'ingress-host',
      'an IP address',
      'ingress',
      ING,
      (o) => {
        o.spec.rules[0].host = '192.168.0.41';
      },
      'spec.rules[0].host',
      /^is "192\.168\.0\.41", an IP address; the API server accepts only DNS names/,
    ],
    [
      'ingress-path',
      'a "//" in a Prefix path (69b-4)',
      'ingress',
      ING,
      (o) => {
        o.spec.rules[0].http.paths[0].path = '/a//b';
      },
      'spec.rules[0].http.paths[0].path',
      /^"\/a\/\/b" contains "\/\/", which the API server refuses in a Prefix path/,
    ],
    [
      'ingress-class-name',
      'an upper-case class (72a-2)',
      'ingress',
      ING,
      (o) => {
        o.spec.ingressClassName = 'Traefik';
      },
      'spec.ingressClassName',
      /^"Traefik" is not a valid name: .*\(an IngressClass name is a DNS-1123 subdomain\)$/,
    ],
    [
      'ingress-backend-port',
      'a port name with "_" (72a-2)',
      'ingress',
      ING,
      (o) => {
        o.spec.rules[0].http.paths[0].backend.service.port = { name: 'HTTP_X' };
      },
      'spec.rules[0].http.paths[0].backend.service.port.name',
      /^is "HTTP_X", which is not a port name .*IsValidPortName/,
    ],
    [
      'unique-env-names',
      'duplicate',
      'daemonSet',
      DS,
      (o) => {
        container(o).env.push({ name: 'port', value: '443' });
      },
      'spec.template.spec.containers[0].env[3].name',
      /^is "port", already the name of env\[1\]; a container's env names must be unique/,
    ],
    [
      'disruption-budget-counts',
      'a percentage over 100%',
      'daemonSet',
      'PodDisruptionBudget/kube-system/kube-vip-ds',
      (o) => {
        // No fixture is a budget: the DaemonSet is replaced by one over its pods.
        for (const key of Object.keys(o)) delete o[key];
        Object.assign(o, {
          apiVersion: 'policy/v1',
          kind: 'PodDisruptionBudget',
          metadata: { name: 'kube-vip-ds', namespace: 'kube-system' },
          spec: { maxUnavailable: '150%', selector: { matchLabels: { app: 'kube-vip' } } },
        });
      },
      'spec.maxUnavailable',
      /^is "150%", a percentage over 100%, which the API server refuses in a PodDisruptionBudget/,
    ],
    [
      'rollout-counts',
      'a DaemonSet with both counts 0',
      'daemonSet',
      DS,
      (o) => {
        o.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '0%' } };
      },
      'spec.updateStrategy.rollingUpdate',
      /^has maxUnavailable and maxSurge both 0, which the API server refuses \(no rollout could progress\)/,
    ],
    [
      'gateway-api-cel',
      'two listeners on one port, protocol and hostname',
      'gateway',
      'Gateway/kube-system/traefik',
      (o) => {
        o.spec.listeners[1] = { name: 'http-again', port: 8000, protocol: 'HTTP' };
      },
      'spec.listeners[1]',
      /^has the port, protocol and hostname of listeners\[0\]: Combination of port, protocol and hostname must be unique for each listener$/,
    ],
    [
      'schema',
      'a Gateway API CRD (every vendored bundle when the file names none)',
      'gateway',
      'Gateway/kube-system/traefik',
      (o) => {
        o.spec.listeners[0].port = '8000';
      },
      'spec.listeners[0].port',
      /^is "8000"; the Gateway schema of crds\/gateway-api\/v1\.2\.1\/gateway\.networking\.k8s\.io_gateways\.yaml expects integer$/,
    ],
    // Domain rules
    [
      'helmchartconfig-target',
      'name',
      'helmChartConfig',
      'HelmChartConfig/kube-system/traefik-config',
      (o) => {
        o.metadata.name = 'traefik-config';
      },
      'metadata.name',
      /^makes this HelmChartConfig "kube-system\/traefik-config", which matches no HelmChart; .*K3s' Traefik: kube-system\/traefik\)$/,
    ],
    [
      'helmchartconfig-target',
      'namespace',
      'helmChartConfig',
      'HelmChartConfig/default/traefik',
      (o) => {
        o.metadata.namespace = 'default';
      },
      'metadata.namespace',
      /^makes this HelmChartConfig "default\/traefik", which matches no HelmChart/,
    ],
    [
      'cluster-scoped-namespace',
      'ClusterRole with a namespace',
      'clusterRole',
      'ClusterRole/kube-system/system:kube-vip-role',
      (o) => {
        o.metadata.namespace = 'kube-system';
      },
      'metadata.namespace',
      /^is "kube-system", but ClusterRole is cluster-scoped: remove metadata\.namespace/,
    ],
    [
      'capability-names',
      'CAP_ prefix',
      'daemonSet',
      DS,
      (o) => {
        container(o).securityContext.capabilities.add = ['CAP_NET_ADMIN', 'NET_RAW'];
      },
      'spec.template.spec.containers[0].securityContext.capabilities.add[0]',
      /^is "CAP_NET_ADMIN"; Kubernetes capability names have no CAP_ prefix .*write "NET_ADMIN"$/,
    ],
    [
      'volume-mounts',
      'one mountPath twice in a container',
      'daemonSet',
      DS,
      (o) => {
        const c = container(o);
        c.volumeMounts = [...(c.volumeMounts ?? []), { name: 'tmp', mountPath: '/tmp' }, { name: 'tmp', mountPath: '/tmp' }];
        o.spec.template.spec.volumes = [...(o.spec.template.spec.volumes ?? []), { name: 'tmp', emptyDir: {} }];
      },
      'spec.template.spec.containers[0].volumeMounts[1].mountPath',
      /the same as volumeMounts\[\d+\]\.mountPath of this container.*refuses one mountPath twice/,
    ],
    [
      'unique-container-names',
      'an init container named like a container',
      'daemonSet',
      DS,
      (o) => {
        o.spec.template.spec.initContainers = [{ name: container(o).name, image: 'busybox:1.36' }];
      },
      'spec.template.spec.initContainers[0].name',
      /^is "kube-vip", the name of containers\[0\] too, and the API server refuses one container name twice in a pod .*"Duplicate value"/,
    ],
    [
      'mount-propagation',
      'Bidirectional in a container that is not privileged',
      'daemonSet',
      DS,
      (o) => {
        const c = container(o);
        c.volumeMounts = [...(c.volumeMounts ?? []), { name: 'prop', mountPath: '/prop', mountPropagation: 'Bidirectional' }];
        o.spec.template.spec.volumes = [...(o.spec.template.spec.volumes ?? []), { name: 'prop', emptyDir: {} }];
      },
      'spec.template.spec.containers[0].volumeMounts[0].mountPropagation',
      /^is "Bidirectional", which the API server allows only in a privileged container/,
    ],
    [
      'workload-spec',
      'a DaemonSet pod template that runs to an end',
      'daemonSet',
      DS,
      (o) => {
        o.spec.template.spec.restartPolicy = 'Never';
      },
      'spec.template.spec.restartPolicy',
      /^is "Never", which the API server refuses in a DaemonSet \(supported values: "Always"/,
    ],
    [
      'container-fields',
      'requests above limits',
      'daemonSet',
      DS,
      (o) => {
        container(o).resources = { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } };
      },
      'spec.template.spec.containers[0].resources.requests.memory',
      /^is "2Gi", above limits\.memory \("1Gi"\), which the API server refuses \("must be less than or equal to memory limit"/,
    ],
    [
      'container-fields',
      'a probe with two handlers',
      'daemonSet',
      DS,
      (o) => {
        container(o).livenessProbe = { exec: { command: ['true'] }, tcpSocket: { port: 2112 } };
      },
      'spec.template.spec.containers[0].livenessProbe',
      /^names 2 handlers \(exec, tcpSocket\), which the API server refuses/,
    ],
    [
      'secret-names',
      'a password pasted as an image pull Secret',
      'daemonSet',
      DS,
      (o) => {
        o.spec.template.spec.imagePullSecrets = [{ name: 'P@ssw0rd!2024' }];
      },
      'spec.template.spec.imagePullSecrets[0].name',
      /^is not a valid Secret name \(the value is not shown: a password may have been pasted here\)/,
    ],
    [
      'service-spec',
      'a headless LoadBalancer Service',
      'service',
      'Service/default/frontend',
      (o) => {
        o.spec.clusterIP = 'None';
      },
      'spec.clusterIP',
      /^is None, which the API server refuses on a Service of type LoadBalancer/,
    ],
    [
      'service-ports',
      "a Service port's targetPort that is no port name",
      'service',
      'Service/default/frontend',
      (o) => {
        o.spec.ports[0].targetPort = 'Bad_Name';
      },
      'spec.ports[0].targetPort',
      /^"Bad_Name" is not a port name/,
    ],
    [
      'data-objects',
      'a ConfigMap key in both data and binaryData',
      'configMap',
      'ConfigMap/default/settings',
      (o) => {
        o.binaryData = { 'app.conf': 'eA==' };
      },
      'binaryData["app.conf"]',
      /^is also a key of data; the API server refuses/,
    ],
    [
      'autoscaler-metrics',
      'a Resource metric whose Utilization target has no averageUtilization (82a-17)',
      'configMap',
      'HorizontalPodAutoscaler/default/settings',
      (o) => {
        Object.assign(o, { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', data: undefined });
        o.spec = {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
          maxReplicas: 3,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }],
        };
      },
      'spec.metrics[0].resource.target.averageUtilization',
      /^is missing, which the API server refuses \("must set either a target raw value or a target utilization"\)/,
    ],
    [
      'network-policy-ports',
      'a NetworkPolicy port range that ends below its first port',
      'configMap',
      'NetworkPolicy/default/settings',
      (o) => {
        Object.assign(o, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', data: undefined });
        o.spec = { podSelector: {}, egress: [{ ports: [{ port: 8000, endPort: 7000 }] }] };
      },
      'spec.egress[0].ports[0].endPort',
      /^is 7000, which the API server refuses \("must be greater than or equal to `port`"/,
    ],
    [
      'network-policy-peers',
      'a NetworkPolicy ipBlock whose except is not inside its cidr (86a-7)',
      'configMap',
      'NetworkPolicy/default/settings',
      (o) => {
        Object.assign(o, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', data: undefined });
        o.spec = { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.42.0.0/16', except: ['10.43.0.0/24'] } }] }] };
      },
      'spec.egress[0].to[0].ipBlock.except[0]',
      /^is "10.43.0.0\/24", which the API server refuses \("must be a strict subset of `cidr`"/,
    ],
    [
      'job-spec',
      'a CronJob schedule with CRON_TZ= (86a-4)',
      'configMap',
      'CronJob/default/settings',
      (o) => {
        Object.assign(o, { apiVersion: 'batch/v1', kind: 'CronJob', data: undefined });
        o.spec = {
          schedule: 'CRON_TZ=UTC 0 3 * * *',
          jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'm', image: 'busybox:1.36' }] } } } },
        };
      },
      'spec.schedule',
      /^is "CRON_TZ=UTC 0 3 \* \* \*", which the API server refuses on create \("cannot use TZ or CRON_TZ in schedule/,
    ],
    [
      'host-port-surge',
      'a DaemonSet on the node network that surges',
      'daemonSet',
      DS,
      (o) => {
        o.spec.updateStrategy = { rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } };
      },
      'spec.template.spec.containers[0].ports[0].containerPort',
      /^is 2112 on the node \(hostNetwork\) in a DaemonSet whose update surges .*every rollout hangs/,
    ],
    [
      'helm-release-size',
      'extraObjects Helm keeps twice, over the 1 MiB of its release Secret',
      'helmChartConfig',
      HCC,
      (o) => {
        // Letters and digits from xorshift32: a text deflate cannot shrink much, the same every run.
        let state = 7;
        const data = Array.from({ length: 600_000 }, () => {
          state ^= state << 13;
          state ^= state >>> 17;
          state ^= state << 5;
          return 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[(state >>> 0) % 62];
        }).join('');
        o.spec.valuesContent = stringify({
          extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { blob: data } }],
        });
      },
      'spec.valuesContent',
      /^makes a Helm release of at least \d+ bytes .*caps at 1 MiB/,
    ],
  ];

  test.each(seeds)('%s: %s', (_rule, _what, fixture, object, seed, field, message) => {
    const broken = FIXTURES[fixture]();
    seed(broken);
    const others = Object.entries(FIXTURES)
      .filter(([name]) => name !== fixture)
      .map(([, make]) => make());
    expect(validate([broken, ...others])).toEqual([{ file: FILE, object, field, message: expect.stringMatching(message) }]);
  });

  test('every rule has a seeded break', () => {
    const seeded = new Set(seeds.map(([rule]) => rule));
    expect([...API_SERVER_RULES, ...DOMAIN_RULES].map((r) => r.id).filter((id) => !seeded.has(id))).toEqual([]);
  });

  test('names file, object and field in one line', () => {
    const object = daemonSet();
    container(object).securityContext.capabilities.add = ['CAP_NET_RAW'];
    expect(validate([object]).map(formatViolation)).toEqual([
      `${FILE}: DaemonSet/kube-system/kube-vip-ds: spec.template.spec.containers[0].securityContext.capabilities.add[0] is "CAP_NET_RAW"; Kubernetes capability names have no CAP_ prefix (the container runtime adds one, making "CAP_CAP_NET_RAW", which does not exist): write "NET_RAW"`,
    ]);
  });

  test.each([
    ['a broken flow sequence', 'kind: [ClusterRole\n', /^is not valid YAML: .* at line \d+, column \d+$/],
    ['a duplicate key', 'kind: ClusterRole\nkind: Role\n', /^is not valid YAML: Map keys must be unique at line \d+, column 1$/],
  ])('reports YAML that does not parse (%s), with its document', (_what, broken, message) => {
    const text = `${yamlOf([clusterRole()])}---\n${broken}---\n${stringify(ingress())}`;
    expect(validateManifests(new Map([[FILE, text]]))).toEqual([
      { file: FILE, object: 'document 2', field: '', message: expect.stringMatching(message), line: 17, column: 1 },
    ]);
  });

  // Attack 8 D3: the object reference of a line is hidden as the field's value is; 71a-24: a name holding a run that
  // looks generated is not shown at all, as synth says it.
  const UNSHOWN = '(an object whose name looks generated, not shown: a password or token may have been pasted there)';
  test.each([
    ['name=value', 'Password=Zq7Hunter2SecretXy81', UNSHOWN],
    ['a glued key', 'password:Zq7Hunter2SecretXy81', UNSHOWN],
    ['a URL with credentials', 'https://u:Zq7Hunter2SecretXy81@h', UNSHOWN],
    ['name=value, a plain word', 'Password=swordfish', 'ConfigMap/default/Password=<redacted>'],
  ])('an object named with a secret (%s) is referred to without it', (_what, name, ref) => {
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { a: 1 } };
    const lines = validateManifests(new Map([[FILE, yamlOf([object])]])).map(formatViolation);
    expect(lines.length).toBeGreaterThan(0);
    lines.forEach((line) => expect(line).toContain(`${FILE}: ${ref}: `));
    expect(lines.join('\n')).not.toMatch(/zq7hunter2/i);
  });

  // Attack 9 V1: so is a key on a field's path.
  test.each([
    ['a header key', 'Authorization: Bearer Qx5Hunter2SecretWm47'],
    ['a URL key', 'https://u:Qx5Hunter2SecretWm47@h/x'],
  ])('a field whose path holds a secret (%s) is named without it', (_what, key) => {
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default', labels: { [key]: 'v' } } };
    const lines = validateManifests(new Map([[FILE, yamlOf([object])]])).map(formatViolation);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).toContain('metadata.labels');
    expect(lines.join('\n')).not.toMatch(/qx5hunter2/i);
  });

  test('reports a document that is no object', () => {
    expect(validateManifests(new Map([[FILE, `${yamlOf([clusterRole()])}---\n- apiVersion: v1\n`]]))).toEqual([
      {
        file: FILE,
        object: 'document 2',
        field: '',
        message: 'is [{"apiVersion":"v1"}], not a Kubernetes object (a mapping with apiVersion, kind and metadata)',
      },
    ]);
  });

  test('leaves free-form fields, other YAML and non-manifest files alone', () => {
    const structured = helmChartConfig();
    structured.spec.values = { service: { spec: { anything: true } } };
    const files = new Map([
      [FILE, yamlOf([structured])],
      [
        'dev/kustomization.yaml',
        stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['manifests.yaml'] }),
      ],
      ['dev/k3s/config.yaml', stringify({ disable: ['servicelb'], 'tls-san': ['192.168.0.40'] })],
      ['dev/README.md', '# Not YAML: | at all\n```\n'],
    ]);
    expect(validateManifests(files)).toEqual([]);
  });

  test('checks a CRD against the schema of CustomResourceDefinition without false unknown fields', () => {
    const crd = readFileSync('crds/helmchartconfig.yaml', 'utf8');
    expect(validateManifests(new Map([['crds/helmchartconfig.yaml', crd]]))).toEqual([]);
    expect(
      validateManifests(
        new Map([
          [
            'crds/helmchartconfig.yaml',
            crd.replace('  scope: Namespaced', '  scope: Namespaced\n  preserveUnknownFields: false\n  scop: Cluster'),
          ],
        ]),
      ),
    ).toEqual([
      {
        file: 'crds/helmchartconfig.yaml',
        object: 'CustomResourceDefinition/helmchartconfigs.helm.cattle.io',
        field: 'spec.scop',
        message: expect.stringMatching(/^is not a field of the Kubernetes 1\.27 schema of CustomResourceDefinition/),
      },
    ]);
  });

  test('accepts a HelmChartConfig for a HelmChart of the output', () => {
    const chart = { apiVersion: 'helm.cattle.io/v1', kind: 'HelmChart', metadata: { name: 'grafana', namespace: 'monitoring' }, spec: {} };
    const config = helmChartConfig();
    config.metadata = { name: 'grafana', namespace: 'monitoring' };
    // Both kinds are defined in crds/ (helmchart.yaml, helmchartconfig.yaml).
    expect(validate([chart, config])).toEqual([]);
  });

  test('checks the metadata of third-party objects whose CRD is not in crds/', () => {
    const application = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'k3s-vip-dev', namespace: 'argocd' },
      spec: { project: 'default' },
    };
    expect(validate([application])).toEqual([]);
    expect(validate([{ ...application, metadata: { ...application.metadata, nmae: 'x' } }])).toEqual([
      {
        file: FILE,
        object: 'Application/argocd/k3s-vip-dev',
        field: 'metadata.nmae',
        message: expect.stringMatching(/^is not a field of the Kubernetes 1\.27 schema of ObjectMeta/),
      },
    ]);
  });
});

describe('conformance of the real output', () => {
  test.each([FIXTURE_CONFIG_DIR, EXAMPLES_DIR])('every config in %s/ synthesizes conforming manifests', (dir) => {
    const loaded = loadConfigDir(dir);
    expect(loaded.errors).toEqual([]);
    expect(validateManifests(renderClusters(loaded.clusters, wiring))).toEqual([]);
  });

  test('a synthesized dist/ conforms, read back from disk', () => {
    const dist = synthesizedReference();
    const files = new Map(listFiles(dist).map((path) => [`dist/${path}`, readFileSync(join(dist, path), 'utf8')]));
    expect(files.size).toBeGreaterThan(0);
    expect(validateManifests(files)).toEqual([]);
  });

  test('synth fails on a violation and leaves dist/ unchanged', () => {
    const work = mkdtempSync(join(tmpdir(), 'k3s-vip-conformance-'));
    try {
      const configDir = join(work, 'config');
      const distDir = join(work, 'dist');
      mkdirSync(configDir);
      copyFileSync(join(FIXTURE_CONFIG_DIR, 'dev.yaml'), join(configDir, 'dev.yaml'));
      mkdirSync(join(distDir, 'dev'), { recursive: true });
      writeFileSync(join(distDir, 'dev', 'kube-vip.yaml'), '# published earlier\n');
      const lines: string[] = [];
      const code = runSynth({
        configDir,
        distDir,
        log: (line) => lines.push(line),
        wiring: {
          ...wiring,
          addClusterCharts: (app, cluster) => {
            wiring.addClusterCharts(app, cluster);
            new ApiObject(new Chart(app, 'extra'), 'role', {
              apiVersion: 'rbac.authorization.k8s.io/v1',
              kind: 'ClusterRole',
              metadata: { name: 'extra', namespace: 'kube-system' },
            });
          },
        },
      });
      expect(code).toBe(1);
      expect(lines).toEqual([
        `error: ${distDir}/dev/extra.yaml: ClusterRole/kube-system/extra: metadata.namespace is "kube-system", but ClusterRole is cluster-scoped: remove metadata.namespace (the API server drops it silently; a namespace here usually means a namespaced kind was meant, e.g. Role instead of ClusterRole)`,
        '1 conformance violation(s).',
        `synth failed: ${distDir}/ was left unchanged.`,
      ]);
      expect(listFiles(distDir)).toEqual(['dev/kube-vip.yaml']);
      expect(readFileSync(join(distDir, 'dev', 'kube-vip.yaml'), 'utf8')).toBe('# published earlier\n');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
