/** K3s' Traefik chart creates IngressClass `traefik` (traefik/traefik-helm-chart traefik/values.yaml `ingressClass`). */
export const INGRESS_CLASS = 'traefik';

/** The Secret cert-manager writes an Ingress's certificate to: one per Ingress, unique in its namespace. */
export function tlsSecretName(ingressName: string): string {
  return `${ingressName}-tls`;
}

/**
 * The door for a route served with an existing `kubernetes.io/tls` Secret (a bought or corporate certificate), which
 * `ingresses[].tls` does not take (its certificate comes from a resolver or an issuer): an IngressRoute in extraObjects
 * with `tls.secretName`, which gets the route checks (79b-17). `values` is where the chart values are written.
 */
export function existingTlsSecretDoor(values: string): string {
  return (
    `to serve an existing TLS Secret (kubernetes.io/tls, made out of band), declare an IngressRoute in ${values}.extraObjects ` +
    "with tls.secretName (apiVersion traefik.io/v1alpha1, entryPoints [websecure], a Host(`...`) route to the Service, tls: {secretName: <name>}), in the Secret's namespace"
  );
}

/** Keys of `ingresses[].tls` written for an existing Secret (the Kubernetes Ingress's own word, and near forms). */
export const TLS_SECRET_KEYS: ReadonlySet<string> = new Set(['secretName', 'secret', 'secretname', 'tlsSecret', 'tlsSecretName']);
