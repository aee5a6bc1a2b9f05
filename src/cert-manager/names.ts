/** The Secret (namespace cert-manager) holding an ACME ClusterIssuer's account key, created by cert-manager itself. */
export function accountKeySecretName(issuerName: string): string {
  return `${issuerName}-account-key`;
}

/** The HelmChart (helm.cattle.io/v1) that installs cert-manager: K3s' helm-controller runs it in kube-system. */
export const CERT_MANAGER_HELM_CHART = {
  apiVersion: 'helm.cattle.io/v1',
  kind: 'HelmChart',
  namespace: 'kube-system',
  name: 'cert-manager',
} as const;

/** The API version and kind of the ClusterIssuers this tool writes (cluster-scoped). */
export const CLUSTER_ISSUER = { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer' } as const;

/**
 * The ClusterIssuer name an issuer key refused for its spelling was likely meant as (`LetsEncrypt-Prod`,
 * `letsencrypt prod`: letsencrypt-prod), as the refusal's own hint writes it: an Ingress naming that follows from it (79b-14).
 */
export const issuerNameAsMeant = (key: string): string =>
  key
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
