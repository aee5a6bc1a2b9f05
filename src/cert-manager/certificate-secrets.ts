import type { Path, Problem } from '../core/problem';
import { tlsSecretName } from '../ingress/tls';
import { renderedObjectsAt } from '../traefik/extra-objects';
import { show } from '../validate/paths';
import { writtenSecret } from '../traefik/written-secrets';
import { namespaceOf } from '../traefik/extra-accounts';

type Values = Readonly<Record<string, unknown>>;

/** An Ingress this tool writes with a certificate from cert-manager (`tls.issuer`). */
export interface IssuedIngress {
  readonly name: string;
  readonly namespace: string;
}

/**
 * A Certificate, ExternalSecret or SealedSecret in extraObjects writes a Secret of its namespace, and takes over one of
 * that name if it exists. So it may not name the Secret of an Ingress this tool writes with `tls.issuer` (whose
 * Certificate cert-manager's ingress-shim makes: two writers on one Secret overwrite each other). One K3s keeps in
 * kube-system is the item's own rule, at every door (traefik/written-secrets.ts). `prefix` is where `extraObjects` stands.
 */
export function certificateSecretProblems(values: Values, prefix: Path, ingresses: readonly IssuedIngress[]): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const taken = new Map(ingresses.map(({ name, namespace }) => [`${namespace}/${tlsSecretName(name)}`, name]));
  return items.flatMap((item, i) =>
    renderedObjectsAt(item).flatMap(({ object, at }): Problem[] => {
      const written = writtenSecret(object);
      if (!written || typeof written.secret !== 'string') return [];
      const namespace = namespaceOf(object);
      const ingress = taken.get(`${namespace}/${written.secret}`);
      if (ingress === undefined) return [];
      return [
        {
          path: [...prefix, 'extraObjects', i, ...at, ...written.at],
          message: `is ${show(written.secret)}, the Secret the Ingress ${namespace}/${ingress}'s certificate is kept in (tls.issuer): two writers on one Secret overwrite each other: give it another name`,
        },
      ];
    }),
  );
}
