import { isMap } from '../core/is-map';
import type { Path, Problem } from '../core/problem';
import { tlsSecretName } from '../ingress/tls';
import { renderedObjectsAt } from '../traefik/extra-objects';
import { show } from '../validate/paths';
import { isCertManagerKind } from './issuer-objects';

type Values = Readonly<Record<string, unknown>>;

/**
 * Secrets of kube-system that K3s itself keeps: the API server's serving certificate and key (`k3s-serving`,
 * k3s-io/k3s pkg/server/cert.go), each node's password (`<node>.node-password.k3s`, pkg/nodepassword) and Helm's release
 * records (`sh.helm.release.v1.<release>.v<n>`, helm/helm pkg/storage/driver/secrets.go).
 */
const K3S_SECRETS: readonly RegExp[] = [/^k3s-serving$/, /\.node-password\.k3s$/, /^sh\.helm\.release\.v1\./];

/** An Ingress this tool writes with a certificate from cert-manager (`tls.issuer`). */
export interface IssuedIngress {
  readonly name: string;
  readonly namespace: string;
}

/**
 * 83a-14: a Certificate in extraObjects writes its certificate into `spec.secretName` of its namespace, and cert-manager
 * takes over a Secret of that name if one exists. So it may not name the Secret of an Ingress this tool writes with
 * `tls.issuer` (whose Certificate cert-manager's ingress-shim makes: two Certificates on one Secret overwrite each other),
 * nor one K3s keeps in kube-system. `prefix` is where `extraObjects` stands.
 */
export function certificateSecretProblems(values: Values, prefix: Path, ingresses: readonly IssuedIngress[]): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const taken = new Map(ingresses.map(({ name, namespace }) => [`${namespace}/${tlsSecretName(name)}`, name]));
  return items.flatMap((item, i) =>
    renderedObjectsAt(item).flatMap(({ object, at }): Problem[] => {
      if (!isCertManagerKind(object, 'Certificate')) return [];
      const secret = isMap(object.spec) ? object.spec.secretName : undefined;
      if (typeof secret !== 'string') return [];
      const metadata = isMap(object.metadata) ? object.metadata : {};
      const namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : 'kube-system';
      const path: Path = [...prefix, 'extraObjects', i, ...at, 'spec', 'secretName'];
      const ingress = taken.get(`${namespace}/${secret}`);
      if (ingress !== undefined)
        return [
          {
            path,
            message: `is ${show(secret)}, the Secret the Ingress ${namespace}/${ingress}'s certificate is kept in (tls.issuer): two Certificates on one Secret overwrite each other: give it another name`,
          },
        ];
      if (namespace === 'kube-system' && K3S_SECRETS.some((pattern) => pattern.test(secret)))
        return [
          {
            path,
            message: `is ${show(secret)}, a Secret K3s keeps in kube-system, which cert-manager would overwrite: give it another name`,
          },
        ];
      return [];
    }),
  );
}
