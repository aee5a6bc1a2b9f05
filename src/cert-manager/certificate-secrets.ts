import { isMap } from '../core/is-map';
import type { Path, Problem } from '../core/problem';
import { tlsSecretName } from '../ingress/tls';
import { renderedObjectsAt } from '../traefik/extra-objects';
import { show } from '../validate/paths';
import { isCertManagerKind } from './issuer-objects';

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

/** An Ingress this tool writes with a certificate from cert-manager (`tls.issuer`). */
export interface IssuedIngress {
  readonly name: string;
  readonly namespace: string;
}

/**
 * The Secret an item makes a controller write, and the controller: a cert-manager Certificate its `spec.secretName`
 * (83a-14), an External Secrets ExternalSecret its `spec.target.name`, else its own name (84a-23: `creationPolicy: Merge`
 * writes keys into an existing Secret, Owner takes one over: external-secrets apis/externalsecrets/v1beta1).
 */
function writtenSecret(object: Values): { secret: unknown; at: Path; writer: string } | undefined {
  const spec = isMap(object.spec) ? object.spec : {};
  if (isCertManagerKind(object, 'Certificate')) return { secret: spec.secretName, at: ['spec', 'secretName'], writer: 'cert-manager' };
  const group = typeof object.apiVersion === 'string' ? object.apiVersion.split('/')[0] : '';
  if (group !== 'external-secrets.io' || object.kind !== 'ExternalSecret') return undefined;
  const target = isMap(spec.target) ? spec.target : {};
  if (target.name !== undefined) return { secret: target.name, at: ['spec', 'target', 'name'], writer: 'External Secrets' };
  return { secret: isMap(object.metadata) ? object.metadata.name : undefined, at: ['metadata', 'name'], writer: 'External Secrets' };
}

/**
 * A Certificate or ExternalSecret in extraObjects writes a Secret of its namespace, and takes over one of that name if it
 * exists. So it may not name the Secret of an Ingress this tool writes with `tls.issuer` (whose Certificate cert-manager's
 * ingress-shim makes: two writers on one Secret overwrite each other), nor one K3s keeps in kube-system. `prefix` is where
 * `extraObjects` stands.
 */
export function certificateSecretProblems(values: Values, prefix: Path, ingresses: readonly IssuedIngress[]): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const taken = new Map(ingresses.map(({ name, namespace }) => [`${namespace}/${tlsSecretName(name)}`, name]));
  return items.flatMap((item, i) =>
    renderedObjectsAt(item).flatMap(({ object, at }): Problem[] => {
      const written = writtenSecret(object);
      if (!written || typeof written.secret !== 'string') return [];
      const { secret, writer } = written;
      const metadata = isMap(object.metadata) ? object.metadata : {};
      const namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : 'kube-system';
      const path: Path = [...prefix, 'extraObjects', i, ...at, ...written.at];
      const ingress = taken.get(`${namespace}/${secret}`);
      if (ingress !== undefined)
        return [
          {
            path,
            message: `is ${show(secret)}, the Secret the Ingress ${namespace}/${ingress}'s certificate is kept in (tls.issuer): two writers on one Secret overwrite each other: give it another name`,
          },
        ];
      if (namespace === 'kube-system' && K3S_SECRETS.some((pattern) => pattern.test(secret)))
        return [
          { path, message: `is ${show(secret)}, a Secret K3s keeps in kube-system, which ${writer} would overwrite: give it another name` },
        ];
      return [];
    }),
  );
}
