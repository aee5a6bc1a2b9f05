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
 * Accounts with rights whatever the items say: Traefik's own (`serviceAccount.name`, else traefik.fullname, which the
 * chart's ClusterRoleBinding names: templates/rbac/clusterrolebinding.yaml v39.0.7), and K3s' helm-controller accounts
 * in kube-system (`helm-<chart>`, bound to cluster-admin: k3s-io/helm-controller pkg/controllers/chart/chart.go).
 */
export function privilegedAccount(account: string, values: Values): boolean {
  const named = isMap(values.serviceAccount) ? values.serviceAccount.name : undefined;
  const traefik = typeof named === 'string' && named !== '' ? named : workloadName(values);
  return account === `${traefikNamespace(values)}/${traefik}` || account.startsWith('kube-system/helm-');
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
