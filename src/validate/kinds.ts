/** Facts about built-in Kubernetes 1.27 kinds that the OpenAPI schemas do not carry. */

/** `apps/v1` -> `apps`; the core group (`v1`) is ''. */
export function apiGroup(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/** `rbac.authorization.k8s.io/ClusterRole`, or just `Namespace` for the core group. */
export function groupKind(apiVersion: string, kind: string): string {
  const group = apiGroup(apiVersion);
  return group ? `${group}/${kind}` : kind;
}

/**
 * A table's entry for an object's group/kind: own entries only, since a kind may be any text, and a plain object's
 * inherited members (`constructor`, `toString`, `__proto__`) are no kind's entry (71d-3).
 */
export function kindEntry<T>(table: Readonly<Record<string, T>>, apiVersion: string, kind: string): T | undefined {
  const key = groupKind(apiVersion, kind);
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * API versions that kubernetes-models still ships (it merges older specs to keep removed APIs)
 * but that Kubernetes 1.27 no longer serves, with the release that removed them
 * (kubernetes.io/docs/reference/using-api/deprecation-guide).
 */
export const REMOVED_API_VERSIONS: ReadonlyMap<string, string> = new Map([
  ['extensions/v1beta1', '1.22'],
  ['apps/v1beta1', '1.16'],
  ['apps/v1beta2', '1.16'],
  ['admissionregistration.k8s.io/v1beta1', '1.22'],
  ['apiextensions.k8s.io/v1beta1', '1.22'],
  ['apiregistration.k8s.io/v1beta1', '1.22'],
  ['authentication.k8s.io/v1beta1', '1.22'],
  ['authorization.k8s.io/v1beta1', '1.22'],
  ['certificates.k8s.io/v1beta1', '1.22'],
  ['coordination.k8s.io/v1beta1', '1.22'],
  ['networking.k8s.io/v1beta1', '1.22'],
  ['rbac.authorization.k8s.io/v1beta1', '1.22'],
  ['scheduling.k8s.io/v1beta1', '1.22'],
  ['batch/v1beta1', '1.25'],
  ['discovery.k8s.io/v1beta1', '1.25'],
  ['events.k8s.io/v1beta1', '1.25'],
  ['autoscaling/v2beta1', '1.25'],
  ['policy/v1beta1', '1.25'],
  ['node.k8s.io/v1beta1', '1.25'],
  ['autoscaling/v2beta2', '1.26'],
  ['flowcontrol.apiserver.k8s.io/v1beta1', '1.26'],
  ['storage.k8s.io/v1beta1', '1.27'],
]);

/**
 * 86a-10: what to write instead of a removed API version (kubernetes.io/docs/reference/using-api/deprecation-guide): the
 * group's v1, but autoscaling/v2 (whose v1 lacks metrics and behavior), the kinds extensions/v1beta1 served in their own
 * groups, and flowcontrol's v1beta3 (served 1.26 to 1.31; v1 from 1.29). PodSecurityPolicy has no successor.
 */
export function currentApiVersion(apiVersion: string, kind: string): string | undefined {
  if (kind === 'PodSecurityPolicy') return undefined;
  const group = apiGroup(apiVersion);
  if (group === 'autoscaling') return 'autoscaling/v2';
  if (group === 'flowcontrol.apiserver.k8s.io') return 'flowcontrol.apiserver.k8s.io/v1beta3';
  if (group === 'extensions')
    return ['Ingress', 'NetworkPolicy'].includes(kind)
      ? 'networking.k8s.io/v1'
      : ['Deployment', 'DaemonSet', 'ReplicaSet'].includes(kind)
        ? 'apps/v1'
        : undefined;
  return `${group}/v1`;
}

/** Built-in kinds without a namespace (`kubectl api-resources --namespaced=false` on 1.27), by group/kind. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'ComponentStatus',
  'Namespace',
  'Node',
  'PersistentVolume',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'authentication.k8s.io/TokenReview',
  'authentication.k8s.io/SelfSubjectReview',
  'authorization.k8s.io/SelfSubjectAccessReview',
  'authorization.k8s.io/SelfSubjectRulesReview',
  'authorization.k8s.io/SubjectAccessReview',
  'certificates.k8s.io/CertificateSigningRequest',
  'certificates.k8s.io/ClusterTrustBundle',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'networking.k8s.io/IngressClass',
  'networking.k8s.io/IPAddress',
  'node.k8s.io/RuntimeClass',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'resource.k8s.io/ResourceClass',
  'scheduling.k8s.io/PriorityClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/VolumeAttachment',
]);

/** Where each workload kind (by group/kind) keeps its pod template; a Pod is its own template (''). */
export const POD_TEMPLATES: Readonly<Record<string, string>> = {
  Pod: '',
  PodTemplate: 'template',
  ReplicationController: 'spec.template',
  'apps/ReplicaSet': 'spec.template',
  'apps/Deployment': 'spec.template',
  'apps/DaemonSet': 'spec.template',
  'apps/StatefulSet': 'spec.template',
  'batch/Job': 'spec.template',
  'batch/CronJob': 'spec.jobTemplate.spec.template',
};

interface WorkloadSelector {
  readonly selector: string;
  readonly template: string;
  /** apps/v1 rejects an empty selector; a Job's is optional (generated). */
  readonly required: boolean;
}

/** Workloads (by group/kind) whose label selector must select their own pod template. */
export const WORKLOAD_SELECTORS: Readonly<Record<string, WorkloadSelector>> = {
  'apps/ReplicaSet': { selector: 'spec.selector', template: 'spec.template', required: true },
  'apps/Deployment': { selector: 'spec.selector', template: 'spec.template', required: true },
  'apps/DaemonSet': { selector: 'spec.selector', template: 'spec.template', required: true },
  'apps/StatefulSet': { selector: 'spec.selector', template: 'spec.template', required: true },
  'batch/Job': { selector: 'spec.selector', template: 'spec.template', required: false },
  'batch/CronJob': { selector: 'spec.jobTemplate.spec.selector', template: 'spec.jobTemplate.spec.template', required: false },
};

/**
 * HelmCharts that K3s itself deploys (manifests/traefik.yaml) and a HelmChartConfig may therefore
 * target without the output defining them, as `namespace/name`.
 */
export const K3S_PACKAGED_HELM_CHARTS: readonly string[] = ['kube-system/traefik', 'kube-system/traefik-crd'];
