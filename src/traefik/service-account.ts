import type { Path, Problem } from '../core/problem';
import { shownValue } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';
import { goTruthy } from './go-truth';
import { renderedObjects } from './extra-objects';
import { isMap } from '../core/is-map';
import { traefikNamespace } from './extra-object-rules';
import { kubeSystemAccount } from './extra-accounts';
import { dns1123Subdomain } from '../config/formats';

type Values = Readonly<Record<string, unknown>>;

/**
 * `serviceAccount.name`: set (Go truth), the chart creates no ServiceAccount (`if not .Values.serviceAccount.name`,
 * templates/rbac/serviceaccount.yaml) but its pods and ClusterRoleBinding name it (`traefik.serviceAccountName`,
 * templates/_helpers.tpl), at every tag v20.1.1 to v41.3.0. Unless an `extraObjects` ServiceAccount of that name (in the
 * release's namespace, kube-system) is shipped with it, it must exist already, or the ReplicaSet creates no pod.
 */
function serviceAccountWarnings(
  values: Values,
  sourced: <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>,
): Problem[] {
  const name = isMap(values.serviceAccount) ? values.serviceAccount.name : undefined;
  if (!goTruthy(name)) return [];
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const shipped = items.some((item) =>
    renderedObjects(item).some((object) => {
      const metadata = isMap(object.metadata) ? object.metadata : {};
      return (
        object.kind === 'ServiceAccount' &&
        metadata.name === name &&
        (metadata.namespace === undefined || metadata.namespace === 'kube-system')
      );
    }),
  );
  if (shipped) return [];
  // 83a-23: every namespace has its default account; naming it gives Traefik's ClusterRole to every pod there.
  if (name === 'default')
    return [
      {
        path: sourced(['serviceAccount', 'name'], name).path,
        message:
          'is "default", so the chart binds Traefik\'s ClusterRole (which reads every Secret) to kube-system\'s default account, ' +
          "which every pod there without an account of its own runs as: remove the key to keep the chart's own account",
      },
    ];
  return [
    {
      path: sourced(['serviceAccount', 'name'], name).path,
      message:
        `is ${shownValue(name)}, so the chart creates no ServiceAccount, and Traefik's pods and ClusterRoleBinding use ServiceAccount ` +
        `${String(name)} in kube-system, which this tool does not write: until it exists there the ReplicaSet creates no Traefik pod and ` +
        "nothing answers on the VIP: create it (or add it to extraObjects), or remove the key to keep the chart's own",
    },
  ];
}

/**
 * 84a-21, 84b-5: `serviceAccount.name` naming an account kube-system already holds with rights (extra-accounts.ts:
 * K3s' helm-* accounts are cluster-admin, the controllers' hold their controller roles), so Traefik's pods and whatever
 * runs in them (plugins included) act with them: refused, as an extraObjects pod naming one is.
 */
function serviceAccountErrors(
  values: Values,
  sourced: <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>,
): Problem[] {
  const name = isMap(values.serviceAccount) ? values.serviceAccount.name : undefined;
  if (typeof name !== 'string' || !kubeSystemAccount(name) || traefikNamespace(values) !== 'kube-system') return [];
  return [
    {
      path: sourced(['serviceAccount', 'name'], name).path,
      message:
        `is ${shownValue(name)}, an account kube-system already holds with rights of its own (K3s' helm-* accounts are ` +
        "cluster-admin, the controllers' may escalate roles or delete anything), which Traefik's pods would act with: " +
        "remove the key to keep the chart's own account, which holds only Traefik's rights",
    },
  ];
}

/**
 * 86b-5: the chart writes the name as the Deployment's `serviceAccountName` and the ClusterRoleBinding's subject, which
 * the API server holds to a DNS-1123 subdomain (kubernetes pkg/apis/core/validation/validation.go ValidatePodSpec:
 * ValidateServiceAccountName, apimachinery's NameIsDNSSubdomain, v1.32.0), so another name fails the whole release.
 * A username (`system:serviceaccount:<namespace>:<name>`) is refused with the account's own name to write.
 */
function serviceAccountNameErrors(
  values: Values,
  sourced: <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>,
): Problem[] {
  const name = isMap(values.serviceAccount) ? values.serviceAccount.name : undefined;
  if (typeof name !== 'string' || !goTruthy(name)) return [];
  const wrong = dns1123Subdomain(name);
  if (!wrong) return [];
  const bare = /^system:serviceaccount:[^:]+:([^:]+)$/.exec(name)?.[1];
  const write =
    bare !== undefined && !dns1123Subdomain(bare)
      ? `write the account's own name, ${shownValue(bare)} (a username such as system:serviceaccount:<namespace>:<name> is no account's name)`
      : "write the account's name as Kubernetes has it";
  return [
    {
      path: sourced(['serviceAccount', 'name'], name).path,
      message:
        `${wrong}, and the API server refuses it as the serviceAccountName of Traefik's pods (a ServiceAccount's name is a ` +
        `DNS-1123 subdomain), so the whole Traefik release fails to install: ${write}, or remove the key to keep the chart's own account`,
    },
  ];
}

/** The rules on `serviceAccount.name`: an error for a name no ServiceAccount has and for K3s' helm-* accounts, a warning for an account not shipped. */
export function serviceAccountRules(
  values: Values,
  sourced: <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>,
): { errors: Problem[]; warnings: Problem[] } {
  const named = serviceAccountNameErrors(values, sourced);
  const errors = named.length ? named : serviceAccountErrors(values, sourced);
  return { errors, warnings: errors.length ? [] : serviceAccountWarnings(values, sourced) };
}
