import type { Path } from '../core/problem';
import { isMap } from '../core/is-map';
import { isSealedSecretKind } from '../core/sealed-secrets';
import { apiGroup } from '../validate/kinds';
import { show } from '../validate/paths';
import { namespaceOf } from './extra-accounts';

type Values = Readonly<Record<string, unknown>>;

/**
 * Secrets of kube-system that K3s itself keeps: the API server's serving certificate and key (`k3s-serving`,
 * k3s-io/k3s pkg/server/cert.go), each node's password (`<node>.node-password.k3s`, pkg/nodepassword), Helm's release
 * records (`sh.helm.release.v1.<release>.v<n>`, helm/helm pkg/storage/driver/secrets.go), helm-controller's values of
 * each chart (`chart-values-<chart>`, k3s-io/helm-controller pkg/controllers/chart/chart.go, which its install Job runs
 * with) and the join tokens `k3s token create` makes (`bootstrap-token-<id>`, Kubernetes' bootstrap token Secrets).
 */
const K3S_SECRETS: readonly RegExp[] = [
  /^k3s-serving$/,
  /\.node-password\.k3s$/,
  /^sh\.helm\.release\.v1\./,
  /^chart-values-/,
  /^bootstrap-token-/,
];

/** The Secret an item makes a controller write: its name, where the item says it, and the writer. */
export interface WrittenSecret {
  readonly secret: unknown;
  readonly at: Path;
  readonly writer: string;
}

/**
 * The Secret an item makes a controller write: a cert-manager Certificate its `spec.secretName` (83a-14), an External
 * Secrets ExternalSecret its `spec.target.name`, else its own name (84a-23: `creationPolicy: Merge` writes keys into an
 * existing Secret, Owner takes one over: external-secrets apis/externalsecrets/v1beta1), a Bitnami SealedSecret its own
 * name (85a-4: the controller gives the unsealed Secret the SealedSecret's name and namespace, bitnami-labs/sealed-secrets
 * pkg/apis/sealedsecrets/v1alpha1/sealedsecret_expansion.go Unseal).
 */
export function writtenSecret(object: Values): WrittenSecret | undefined {
  const spec = isMap(object.spec) ? object.spec : {};
  const ownName = isMap(object.metadata) ? object.metadata.name : undefined;
  const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
  if (group === 'cert-manager.io' && object.kind === 'Certificate')
    return { secret: spec.secretName, at: ['spec', 'secretName'], writer: 'cert-manager' };
  if (isSealedSecretKind(object.kind, object.apiVersion))
    return { secret: ownName, at: ['metadata', 'name'], writer: 'the sealed-secrets controller' };
  if (group !== 'external-secrets.io' || object.kind !== 'ExternalSecret') return undefined;
  const target = isMap(spec.target) ? spec.target : {};
  if (target.name !== undefined) return { secret: target.name, at: ['spec', 'target', 'name'], writer: 'External Secrets' };
  return { secret: ownName, at: ['metadata', 'name'], writer: 'External Secrets' };
}

/**
 * A Certificate, ExternalSecret or SealedSecret may not write a Secret K3s keeps in kube-system: it would overwrite one
 * (the serving key, a node's password, Helm's records), or make one K3s reads (a join token). Judged per item, so the
 * same at every door; `at` is below the item.
 */
export function keptSecretProblems(object: Values): Array<{ at: Path; message: string }> {
  const written = writtenSecret(object);
  if (!written || typeof written.secret !== 'string' || namespaceOf(object) !== 'kube-system') return [];
  const { secret, writer } = written;
  if (!K3S_SECRETS.some((pattern) => pattern.test(secret))) return [];
  return [
    {
      at: written.at,
      message:
        `is ${show(secret)}, a name K3s keeps for its own Secrets in kube-system (its serving certificate, node passwords, ` +
        `Helm's records, join tokens), which ${writer} would write: give it another name`,
    },
  ];
}
