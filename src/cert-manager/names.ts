/** The Secret (namespace cert-manager) holding an ACME ClusterIssuer's account key, created by cert-manager itself. */
export function accountKeySecretName(issuerName: string): string {
  return `${issuerName}-account-key`;
}
