/** K3s' Traefik chart creates IngressClass `traefik` (traefik/traefik-helm-chart traefik/values.yaml `ingressClass`). */
export const INGRESS_CLASS = 'traefik';

/** The Secret cert-manager writes an Ingress's certificate to: one per Ingress, unique in its namespace. */
export function tlsSecretName(ingressName: string): string {
  return `${ingressName}-tls`;
}
