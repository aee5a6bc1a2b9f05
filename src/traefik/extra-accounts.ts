import { isMap } from '../core/is-map';
import { traefikNamespace, workloadName } from './extra-object-rules';

type Values = Readonly<Record<string, unknown>>;

/**
 * Wave 83: the ServiceAccounts an `extraObjects` item may act as. extraObjects carry no RBAC (extra-object-kinds.ts),
 * so an account the items declare has no rights, nor has a namespace's default account; any other holds rights this
 * tool cannot see.
 */

/** Why an account's rights matter. */
export const ACCOUNT_RIGHTS = "which this tool cannot see (Traefik's account reads every Secret, K3s' helm-* accounts are cluster-admin)";
/** What to name instead. */
export const OWN_ACCOUNT = 'a ServiceAccount declared in extraObjects, which grant no rights';

/** The namespace an item lands in: its own, else the release's (kube-system). */
export const namespaceOf = (object: Values): string =>
  isMap(object.metadata) && typeof object.metadata.namespace === 'string' && object.metadata.namespace !== ''
    ? object.metadata.namespace
    : 'kube-system';

/**
 * The accounts kube-system holds on every K3s server, each bound to rights by K3s or Kubernetes: the controllers'
 * (K3s runs kube-controller-manager with `use-service-account-credentials`, k3s-io/k3s pkg/daemons/control/server.go;
 * their roles: kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy/controller_policy.go, v1.33 to v1.35, with
 * those behind feature gates, as a gate on by default in a later release creates its account there), K3s' packaged
 * components (k3s-io/k3s manifests/: coredns, local-storage, metrics-server), helm-controller's `helm-<chart>` (bound to
 * cluster-admin: k3s-io/helm-controller pkg/controllers/chart/chart.go) and this tool's kube-vip ones.
 */
const KUBE_SYSTEM_ACCOUNTS: ReadonlySet<string> = new Set([
  'attachdetach-controller',
  'bootstrap-signer',
  'certificate-controller',
  'clusterrole-aggregation-controller',
  'cronjob-controller',
  'daemon-set-controller',
  'deployment-controller',
  'device-taint-eviction-controller',
  'disruption-controller',
  'endpoint-controller',
  'endpointslice-controller',
  'endpointslicemirroring-controller',
  'ephemeral-volume-controller',
  'expand-controller',
  'generic-garbage-collector',
  'horizontal-pod-autoscaler',
  'job-controller',
  'kube-apiserver-serving-clustertrustbundle-publisher',
  'legacy-service-account-token-cleaner',
  'namespace-controller',
  'node-controller',
  'persistent-volume-binder',
  'pod-garbage-collector',
  'podcertificaterequestcleaner',
  'pv-protection-controller',
  'pvc-protection-controller',
  'replicaset-controller',
  'replication-controller',
  'resource-claim-controller',
  'resourcequota-controller',
  'root-ca-cert-publisher',
  'route-controller',
  'selinux-warning-controller',
  'service-account-controller',
  'service-cidrs-controller',
  'service-controller',
  'statefulset-controller',
  'storage-version-garbage-collector',
  'storage-version-migrator-controller',
  'token-cleaner',
  'ttl-after-finished-controller',
  'ttl-controller',
  'validatingadmissionpolicy-status-controller',
  'volumeattributesclass-protection-controller',
  'coredns',
  'local-path-provisioner-service-account',
  'metrics-server',
  'kube-vip',
  'kube-vip-cloud-controller',
]);

/** Whether `name` is an account kube-system already holds with rights of its own (KUBE_SYSTEM_ACCOUNTS, `helm-*`). */
export const kubeSystemAccount = (name: string): boolean => KUBE_SYSTEM_ACCOUNTS.has(name) || name.startsWith('helm-');

/**
 * Accounts with rights whatever the items say: Traefik's own (`serviceAccount.name`, else traefik.fullname, which the
 * chart's ClusterRoleBinding names: templates/rbac/clusterrolebinding.yaml v39.0.7), and those kube-system holds.
 */
export function privilegedAccount(account: string, values: Values): boolean {
  const named = isMap(values.serviceAccount) ? values.serviceAccount.name : undefined;
  const traefik = typeof named === 'string' && named !== '' ? named : workloadName(values);
  const [namespace, name] = account.split('/');
  return account === `${traefikNamespace(values)}/${traefik}` || (namespace === 'kube-system' && kubeSystemAccount(name));
}

/** Whether the items declare a core (`v1`) object of `kind` named `name` in `namespace`. */
export const declares = (objects: readonly Values[], kind: string, name: unknown, namespace: string): boolean =>
  objects.some(
    (object) =>
      object.kind === kind &&
      object.apiVersion === 'v1' &&
      isMap(object.metadata) &&
      object.metadata.name === name &&
      namespaceOf(object) === namespace,
  );

/** Whether `name` in `namespace` holds no rights: the default account (unless it is Traefik's), or one the items declare. */
export function rightless(name: string, namespace: string, objects: readonly Values[], values: Values): boolean {
  const account = `${namespace}/${name}`;
  if (privilegedAccount(account, values)) return false;
  return name === 'default' || declares(objects, 'ServiceAccount', name, namespace);
}

/**
 * The audiences K3s' API server takes a token for (k3s-io/k3s pkg/daemons/control/server.go: `api-audiences`
 * `https://kubernetes.default.svc.cluster.local,k3s`); a token projected for another (`audience: vault`) reaches no API
 * right (84a-19). No audience means the API server's.
 */
const API_AUDIENCES: ReadonlySet<unknown> = new Set([undefined, null, '', 'https://kubernetes.default.svc.cluster.local', 'k3s']);

/** Whether a pod volume projects a ServiceAccount token the API server takes: the pod's account's, with its rights. */
export const projectsApiToken = (volume: unknown): boolean =>
  isMap(volume) &&
  isMap(volume.projected) &&
  Array.isArray(volume.projected.sources) &&
  volume.projected.sources.some(
    (source) => isMap(source) && isMap(source.serviceAccountToken) && API_AUDIENCES.has(source.serviceAccountToken.audience),
  );
