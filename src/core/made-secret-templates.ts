import { isSealedSecretKind } from './sealed-secrets';

/**
 * 81a-7: the template of the Secret a controller makes, whose `data` and `stringData` it copies into that Secret as
 * written: a SealedSecret's `spec.template` (bitnami-labs/sealed-secrets pkg/apis/sealedsecrets/v1alpha1
 * sealedsecret_types.go SecretTemplateSpec, v0.27: the unencrypted part) and an ExternalSecret's `spec.target.template`
 * (external-secrets/external-secrets apis/externalsecrets/v1beta1 externalsecret_types.go ExternalSecretTemplate,
 * v0.10). Their data is a Secret's data in the clear, judged as a `kind: Secret`'s is; a SealedSecret's
 * `encryptedData` is ciphertext and stays out of this.
 */

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** An ExternalSecret (external-secrets.io): its `spec.data[].secretKey` names a key of the Secret it makes. */
export const isExternalSecret = (record: Record<string, unknown>): boolean =>
  record.kind === 'ExternalSecret' && typeof record.apiVersion === 'string' && record.apiVersion.startsWith('external-secrets.io/');

/** The template mapping of the Secret the object `record` makes, or undefined when it makes none. */
function madeSecretTemplate(record: Record<string, unknown>): Record<string, unknown> | undefined {
  const spec = asRecord(record.spec);
  if (isSealedSecretKind(record.kind, record.apiVersion)) return asRecord(spec?.template);
  return isExternalSecret(record) ? asRecord(asRecord(spec?.target)?.template) : undefined;
}

/** The `data` and `stringData` maps of the Secret the object `record` makes (none where it makes none). */
export function madeSecretData(record: Record<string, unknown>): object[] {
  const template = madeSecretTemplate(record);
  return [template?.data, template?.stringData].flatMap((data) => {
    const map = asRecord(data);
    return map ? [map] : [];
  });
}

/**
 * Whether a member of such data is a literal: not a Go template filled from the fetched or decrypted keys (both
 * controllers render each value as one: `{{ .password }}`, a config file with `{{ .username }}` in it), which is read
 * as any text is.
 */
export const isLiteralData = (value: unknown): boolean => !(typeof value === 'string' && value.includes('{{'));
