import { FieldPath, Finding, isRecord, select } from './paths';

/**
 * What Kubernetes 1.27 requires of a Secret reference besides its name's shape (48b-1), and cert-manager of a
 * Certificate's `spec.secretName` (48b-3). secret-name-places.ts judges a name that is given; here a reference with no
 * name, or a PersistentVolume's with no namespace or one that is no DNS-1123 label, is refused at its key path. An empty
 * name is no secret: it is said as empty; a namespace is not shown (a password may have been pasted there too).
 *
 * Sources: kubernetes pkg/apis/core/validation/validation.go (v1.27): validatePVSecretReference (name Required, else
 * DNS-1123 subdomain since kubernetes/kubernetes#114776; namespace Required, else DNS-1123 label), used by
 * validateCSIPersistentVolumeSource for controllerPublish, controllerExpand, nodePublish and nodeExpand; validateCSIVolumeSource
 * (an inline CSI volume's nodePublishSecretRef.name Required); validateStorageOSPersistentVolumeSource (secretRef name
 * and namespace Required). nodeStageSecretRef is not checked by the API server since the refactor of
 * kubernetes/kubernetes#108420, but the kubelet looks its Secret up by that namespace and name at NodeStageVolume
 * (pkg/volume/csi/csi_attacher.go), so it is judged alike. cert-manager: the Certificate CRD's spec `required:
 * [issuerRef, secretName]` (deploy/crds/crd-certificates.yaml).
 */

const REFUSED = 'which the API server refuses';
const NOT_SHOWN = '(the value is not shown: a password may have been pasted here)';
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Whether `value` is a namespace's name (a DNS-1123 label of at most 63 characters). */
export const isNamespaceName = (value: unknown): boolean => typeof value === 'string' && value.length <= 63 && DNS1123_LABEL.test(value);

/** A PersistentVolume's CSI references to Secrets: the API server checks all but nodeStageSecretRef (see above). */
export const CSI_PV_REFS = [
  'nodePublishSecretRef',
  'controllerPublishSecretRef',
  'nodeStageSecretRef',
  'controllerExpandSecretRef',
  'nodeExpandSecretRef',
];

const absent = (value: unknown): boolean => value === undefined || value === null || value === '';
const said = (value: unknown): string => (value === '' ? 'empty' : 'missing');

/** Who refuses a reference at `ref` that lacks a field. */
const refuser = (ref: string): string =>
  ref === 'nodeStageSecretRef'
    ? 'which the kubelet cannot look up, so the volume is never staged (the API server lets it through)'
    : `${REFUSED} ("Required value")`;

function nameRequired(ref: Record<string, unknown>, path: FieldPath, refName: string): Finding[] {
  return absent(ref.name)
    ? [{ path: [...path, 'name'], message: `is ${said(ref.name)}, ${refuser(refName)}: write the Secret's name, such as csi-creds` }]
    : [];
}

function namespaceProblems(ref: Record<string, unknown>, path: FieldPath, refName: string, shape: boolean): Finding[] {
  const at = [...path, 'namespace'];
  const namespace = ref.namespace;
  if (absent(namespace))
    return [{ path: at, message: `is ${said(namespace)}, ${refuser(refName)}: write the Secret's namespace, such as kube-system` }];
  if (!shape || isNamespaceName(namespace)) return [];
  return [
    {
      path: at,
      message:
        `is not a namespace's name ${NOT_SHOWN}, ${refName === 'nodeStageSecretRef' ? 'so no Secret is found there' : REFUSED} ` +
        `(a namespace is a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters): ` +
        `write the Secret's namespace, such as kube-system`,
    },
  ];
}

/** Required names and namespaces of an object's Secret references (the rule 'secret-names', secret-name-places.ts). */
export function requiredSecretRefProblems(
  object: Record<string, unknown>,
  kind: string,
  podSpecs: ReadonlyArray<{ path: FieldPath; spec: unknown }>,
): Finding[] {
  const findings: Finding[] = [];
  if (kind === 'PersistentVolume') {
    for (const ref of CSI_PV_REFS)
      for (const { path, value } of select(object, `spec.csi.${ref}`))
        if (isRecord(value)) findings.push(...nameRequired(value, path, ref), ...namespaceProblems(value, path, ref, true));
    for (const { path, value } of select(object, 'spec.storageos.secretRef'))
      if (isRecord(value)) findings.push(...nameRequired(value, path, 'secretRef'), ...namespaceProblems(value, path, 'secretRef', false));
  }
  for (const { path: at, spec } of podSpecs)
    for (const { path, value } of select(spec, 'volumes[*].csi.nodePublishSecretRef'))
      if (isRecord(value)) findings.push(...nameRequired(value, [...at, ...path], 'nodePublishSecretRef'));
  if (kind === 'cert-manager.io/Certificate' && isRecord(object.spec) && absent(object.spec.secretName))
    findings.push({
      path: ['spec', 'secretName'],
      message: `is ${said(object.spec.secretName)}, which cert-manager's Certificate schema refuses ("Required value"): name the Secret the certificate is written to, such as app-tls`,
    });
  return findings;
}
