import type { Path } from '../core/problem';
import { isMap } from '../core/is-map';
import { KUBE_SYSTEM_SECRETS_REASON } from '../core/secret-advice';
import { show } from '../validate/paths';
import { apiGroup } from '../validate/kinds';
import { ACCOUNT_RIGHTS, declares, namespaceOf, OWN_ACCOUNT } from './extra-accounts';

type Values = Readonly<Record<string, unknown>>;

interface Finding {
  readonly at: Path;
  readonly message: string;
}

const SERVICE_ACCOUNT_TOKEN = 'kubernetes.io/service-account-token';
const SERVICE_ACCOUNT_NAME = 'kubernetes.io/service-account.name';

const mapAt = (value: unknown, path: readonly string[]): Values => {
  let here: unknown = value;
  for (const key of path) here = isMap(here) ? here[key] : undefined;
  return isMap(here) ? here : {};
};

/**
 * Where a kind makes a Secret from a template: a Secret itself, a SealedSecret's `spec.template`
 * (bitnami-labs/sealed-secrets pkg/apis/sealedsecrets/v1alpha1 SecretTemplateSpec) and an ExternalSecret's
 * `spec.target.template` (external-secrets/external-secrets apis/externalsecrets/v1beta1 ExternalSecretTemplate).
 */
const SECRET_TEMPLATES: ReadonlyArray<{ group: string; kind: string; template: readonly string[] }> = [
  { group: '', kind: 'Secret', template: [] },
  { group: 'bitnami.com', kind: 'SealedSecret', template: ['spec', 'template'] },
  { group: 'external-secrets.io', kind: 'ExternalSecret', template: ['spec', 'target', 'template'] },
];

/**
 * Where an External Secrets store's provider names a ServiceAccount whose token it sends to authenticate: `serviceAccount`
 * (the Kubernetes provider's auth) and `serviceAccountRef` (Vault's, AWS', Google's and Azure's), at any depth of
 * `spec.provider` (external-secrets/external-secrets apis/externalsecrets/v1beta1, v0.10).
 */
const ACCOUNT_KEYS = new Set(['serviceAccount', 'serviceAccountRef']);

function accountRefs(value: unknown, at: Path): Array<{ at: Path; name: unknown }> {
  if (Array.isArray(value)) return value.flatMap((item, i) => accountRefs(item, [...at, i]));
  if (!isMap(value)) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    ACCOUNT_KEYS.has(key) && isMap(child) ? [{ at: [...at, key, 'name'], name: child.name }] : accountRefs(child, [...at, key]),
  );
}

/**
 * 83a-1, 83a-4: the Secret objects that act as a ServiceAccount: a token Secret (written, sealed or external) whose
 * token controller fills it with an account's token, and a SecretStore that authenticates as one. Undefined for other
 * kinds. `isRightless` says whether an account of the item's namespace holds no rights (extra-accounts.ts).
 */
export function secretPowerProblems(object: Values, isRightless: (name: string) => boolean): Finding[] | undefined {
  const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : undefined;
  const made = SECRET_TEMPLATES.find((entry) => entry.group === group && entry.kind === object.kind);
  if (made) {
    const template = made.template.length ? mapAt(object, made.template) : object;
    if (template.type !== SERVICE_ACCOUNT_TOKEN) return [];
    const name = mapAt(template, ['metadata', 'annotations'])[SERVICE_ACCOUNT_NAME];
    if (typeof name !== 'string' || name === '' || isRightless(name)) return [];
    return [
      {
        at: [...made.template, 'metadata', 'annotations', SERVICE_ACCOUNT_NAME],
        message: `is ${show(name)}: the token controller fills this Secret with that ServiceAccount's token, and so its API rights, ${ACCOUNT_RIGHTS}: remove the Secret, or name ${OWN_ACCOUNT}`,
      },
    ];
  }
  if (group !== 'external-secrets.io' || object.kind !== 'SecretStore') return undefined;
  // In kube-system a store reads K3s' own Secrets by name (a token or credentials selector) and sends them to its server.
  if (namespaceOf(object) === 'kube-system')
    return [
      {
        at: ['metadata', 'namespace'],
        message:
          "is kube-system (or unset, the release's), where a SecretStore can read K3s' own Secrets (its serving key, the nodes' " +
          "passwords) as its credentials and send them to its provider: put the store in its application's namespace",
      },
    ];
  return accountRefs(mapAt(object, ['spec']).provider, ['spec', 'provider'])
    .filter(({ name }) => typeof name === 'string' && name !== '' && !isRightless(name))
    .map(({ at, name }) => ({
      at,
      message: `is ${show(name)}: External Secrets would authenticate with a token of that ServiceAccount, and so its API rights, ${ACCOUNT_RIGHTS}: name ${OWN_ACCOUNT} and grant it rights beside this tool's manifests`,
    }));
}

/** Every Secret a pod spec reads, with where: volumes, projected sources, env and envFrom of every container. */
function secretReads(spec: Values): Array<{ at: Path; name: unknown }> {
  const reads: Array<{ at: Path; name: unknown }> = [];
  const volumes: unknown[] = Array.isArray(spec.volumes) ? spec.volumes : [];
  volumes.forEach((volume, i) => {
    if (!isMap(volume)) return;
    if (isMap(volume.secret)) reads.push({ at: ['volumes', i, 'secret', 'secretName'], name: volume.secret.secretName });
    const sources: unknown[] = isMap(volume.projected) && Array.isArray(volume.projected.sources) ? volume.projected.sources : [];
    sources.forEach((source, j) => {
      if (isMap(source) && isMap(source.secret))
        reads.push({ at: ['volumes', i, 'projected', 'sources', j, 'secret', 'name'], name: source.secret.name });
    });
  });
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
    const containers: unknown[] = Array.isArray(spec[list]) ? spec[list] : [];
    containers.forEach((container, i) => {
      if (!isMap(container)) return;
      const env: unknown[] = Array.isArray(container.env) ? container.env : [];
      env.forEach((entry, j) => {
        const ref = mapAt(entry, ['valueFrom', 'secretKeyRef']);
        if (Object.keys(ref).length) reads.push({ at: [list, i, 'env', j, 'valueFrom', 'secretKeyRef', 'name'], name: ref.name });
      });
      const from: unknown[] = Array.isArray(container.envFrom) ? container.envFrom : [];
      from.forEach((entry, j) => {
        if (isMap(entry) && isMap(entry.secretRef))
          reads.push({ at: [list, i, 'envFrom', j, 'secretRef', 'name'], name: entry.secretRef.name });
      });
    });
  }
  return reads;
}

/**
 * 83a-16: a pod in kube-system may read only the Secrets the items make there. kube-system holds K3s' own Secrets
 * (the API server's serving key `k3s-serving`, the nodes' `<node>.node-password.k3s`, Helm's release records), and any
 * pod of a namespace can mount any Secret of it without API rights. `at` is the pod spec's path below the item; `instead`
 * what to do with the pod.
 */
export function podSecretProblems(
  spec: Values,
  at: Path,
  namespace: string,
  objects: readonly Values[],
  instead = "run the pod in its application's namespace",
): Finding[] {
  if (namespace !== 'kube-system') return [];
  return (
    secretReads(spec)
      // Only a Secret item counts: Helm refuses to create one over an existing Secret, whereas the Sealed Secrets and
      // External Secrets controllers leave a Secret of the same name alone, so naming K3s' own would let a pod read it.
      .filter(({ name }) => typeof name === 'string' && name !== '' && !declares(objects, 'Secret', name, namespace))
      .map(({ at: where, name }) => ({
        at: [...at, ...where],
        message:
          `is ${show(name)}, a Secret of kube-system that no extraObjects item makes: ${KUBE_SYSTEM_SECRETS_REASON}: ${instead}, ` +
          'or declare the Secret in extraObjects',
      }))
  );
}
