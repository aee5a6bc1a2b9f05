/** A Bitnami SealedSecret's ciphertext, judged by its shape alone (moved from secrets.ts, which is at its size limit). */

/** kubeseal's output: base64 of an RSA-encrypted session key (256 bytes or more) and the AES-GCM payload. */
export function isCiphertextShaped(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 344 && /^[A-Za-z0-9+/]+={0,2}$/.test(value);
}

/** Whether `kind` and `apiVersion` are a Bitnami SealedSecret's (the group bitnami.com). */
export const isSealedSecretKind = (kind: unknown, apiVersion: unknown): boolean =>
  kind === 'SealedSecret' && typeof apiVersion === 'string' && apiVersion.startsWith('bitnami.com/');

/**
 * A Bitnami SealedSecret's `spec.encryptedData`: ciphertext only its cluster's controller can decrypt, made to be
 * committed to Git (github.com/bitnami-labs/sealed-secrets README). Its `spec.template` is plain and judged as any data.
 */
export function sealedCiphertext(record: Record<string, unknown>): object | undefined {
  if (!isSealedSecretKind(record.kind, record.apiVersion)) return undefined;
  const encrypted = (record.spec as Record<string, unknown> | undefined)?.encryptedData;
  return encrypted && typeof encrypted === 'object' && !Array.isArray(encrypted) ? encrypted : undefined;
}
