import { secretName } from '../config/secret-ref-formats';
import { podSpecsOf } from './container-rules';
import { groupKind } from './kinds';
import { FieldPath, Finding, isRecord, select } from './paths';
import { generatedReferenceProblems, isSecretNameParameter, unshownReference } from './secret-refs';

/**
 * Every place where the Kubernetes API takes a Secret's name that no other rule judges (47a-3, 47a-4): one rule for them
 * all, the rule of `kubeVip.bgp.passwordSecret.name` (config/secret-ref-formats.ts secretName): a Secret's name is a
 * DNS-1123 subdomain of at most 253 characters that does not look generated. A password pasted there (`P@ssw0rd!2024`,
 * a passphrase with spaces, `Zq9xW3vLp7Rt`) is refused, and no message shows the value. `env[].valueFrom.secretKeyRef`,
 * `envFrom[].secretRef` (env-sources.ts) and the `secret` and projected volumes (volume-sources.ts) are judged where
 * their other fields are.
 *
 * | kind                                 | path (`[*]`: each item)                                                      |
 * |--------------------------------------|------------------------------------------------------------------------------|
 * | any pod spec (Traefik's own too)     | imagePullSecrets[*].name                                                     |
 * | any pod spec                         | volumes[*].{cephfs,rbd,iscsi,flexVolume,scaleIO,storageos}.secretRef.name, |
 * |                                      | volumes[*].csi.nodePublishSecretRef.name, volumes[*].azureFile.secretName    |
 * | ServiceAccount                       | imagePullSecrets[*].name, secrets[*].name                                    |
 * | PersistentVolume                     | spec.csi.{node,controller}{Publish,Stage,Expand}SecretRef.name, spec.{cephfs,|
 * |                                      | rbd,iscsi,flexVolume,scaleIO,storageos}.secretRef.name, spec.azureFile.secretName |
 * | cert-manager.io Certificate         | spec.secretName; Issuer, ClusterIssuer: spec.ca.secretName                  |
 * | any custom resource (a dotted group) | spec…<x>SecretRef.name, spec…secretRef.name (cert-manager's solvers)         |
 * | gateway.networking.k8s.io Gateway    | spec.listeners[*].tls.certificateRefs[*].name (kind Secret, core group)      |
 * | storage.k8s.io StorageClass,         | parameters["csi.storage.k8s.io/…secret-name"] (a `${pvc.name}`-style        |
 * | snapshot.storage.k8s.io VolumeSnapshotClass | template in it is the external-provisioner's, taken as a name part)   |
 *
 * Sources: kubernetes/api core/v1/types.go (LocalObjectReference, SecretReference, CSIVolumeSource,
 * CSIPersistentVolumeSource, CephFSVolumeSource, RBDVolumeSource, ISCSIVolumeSource, FlexVolumeSource,
 * ScaleIOVolumeSource, StorageOSVolumeSource, AzureFileVolumeSource); kubernetes-csi/external-provisioner README
 * ("csi.storage.k8s.io/provisioner-secret-name" and the other secret parameters, with `${pvc.name}` templates);
 * cert-manager pkg/apis/certmanager/v1 types; gateway-api apis/v1 GatewayTLSConfig.CertificateRefs.
 */

/** Volume sources whose `secretRef` is a reference to a Secret by name. */
const SECRET_REF_SOURCES = ['cephfs', 'rbd', 'iscsi', 'flexVolume', 'scaleIO', 'storageos'];
const CSI_PV_REFS = [
  'nodePublishSecretRef',
  'controllerPublishSecretRef',
  'nodeStageSecretRef',
  'controllerExpandSecretRef',
  'nodeExpandSecretRef',
];

/** Patterns below a volume (a pod's `volumes[*]`, a PersistentVolume's `spec`). */
const volumePlaces = (at: string, csiRefs: readonly string[]): string[] => [
  ...SECRET_REF_SOURCES.map((source) => `${at}.${source}.secretRef.name`),
  ...csiRefs.map((ref) => `${at}.csi.${ref}.name`),
  `${at}.azureFile.secretName`,
];

/** Patterns below a pod spec. */
const POD_SPEC_PLACES: readonly string[] = ['imagePullSecrets[*].name', ...volumePlaces('volumes[*]', ['nodePublishSecretRef'])];

/** Patterns below an object of a kind (by group/kind, kinds.ts groupKind). */
const OBJECT_PLACES: Readonly<Record<string, readonly string[]>> = {
  ServiceAccount: ['imagePullSecrets[*].name', 'secrets[*].name'],
  PersistentVolume: volumePlaces('spec', CSI_PV_REFS),
  // cert-manager (cert-manager.io/v1 CertificateSpec.secretName, CAIssuer.secretName); its `…SecretRef`s: customRefProblems.
  'cert-manager.io/Certificate': ['spec.secretName'],
  'cert-manager.io/Issuer': ['spec.ca.secretName'],
  'cert-manager.io/ClusterIssuer': ['spec.ca.secretName'],
};

/** A custom resource's reference to a Secret by a key named so (cert-manager's `apiTokenSecretRef`, `privateKeySecretRef`). */
const CUSTOM_REF = /(?:^s|S)ecret(?:Key)?Ref$/;
const MAX_DEPTH = 16;

/** `name` under every CUSTOM_REF key of a custom resource (a kind of a group with a dot: `cert-manager.io`). */
function customRefProblems(node: unknown, path: FieldPath): Finding[] {
  if (path.length > MAX_DEPTH) return [];
  if (Array.isArray(node)) return node.flatMap((item, i) => customRefProblems(item, [...path, i]));
  if (!isRecord(node)) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    CUSTOM_REF.test(key) && isRecord(value)
      ? nameProblems(value.name, [...path, key, 'name'], false)
      : customRefProblems(value, [...path, key]),
  );
}

/** A Gateway listener's `certificateRefs`: a Secret's name where the kind is Secret (the default) in the core group. */
function certificateRefProblems(object: Record<string, unknown>): Finding[] {
  return select(object, 'spec.listeners[*].tls.certificateRefs[*]').flatMap(({ path, value }) =>
    isRecord(value) && (value.kind ?? 'Secret') === 'Secret' && (value.group ?? '') === ''
      ? nameProblems(value.name, [...path, 'name'], false)
      : [],
  );
}

/** Kinds whose `parameters` map names Secrets under `csi.storage.k8s.io/…-secret-name` keys. */
const PARAMETER_KINDS: ReadonlySet<string> = new Set(['storage.k8s.io/StorageClass', 'snapshot.storage.k8s.io/VolumeSnapshotClass']);

/** A value at a place that takes a Secret's name: a text that secretName takes; never shown. */
function nameProblems(value: unknown, path: FieldPath, template: boolean): Finding[] {
  if (value === undefined || value === null || value === '') return [];
  const expected = "write the Secret's name (e.g. regcred), never the password itself";
  if (typeof value !== 'string') return [{ path, message: `is ${unshownReference(value)}, not a Secret's name (a text): ${expected}` }];
  // One that looks generated is the password itself, said so first (secret-refs.ts), whatever else it breaks.
  const generated = template ? [] : generatedReferenceProblems(value, path, 'name');
  if (generated.length) return generated;
  // The external-provisioner's `${pvc.name}`, `${pvc.annotations['…']}`: each stands for a name part.
  const judged = template ? value.replace(/\$\{[^}]{1,300}\}/g, 'a') : value;
  const problem = secretName(judged);
  if (!problem) return [];
  // One that looks generated: said as at every Secret reference (secret-refs.ts).
  if (problem.startsWith('looks generated')) return generatedReferenceProblems(judged, path, 'name');
  return [{ path, message: `${problem}, so no Secret has it: ${expected}` }];
}

/** Secret names at the places of `patterns` below `root`, with `at` (the root's path) before each finding's. */
const placeProblems = (root: unknown, patterns: readonly string[], at: FieldPath = []): Finding[] =>
  patterns.flatMap((pattern) => select(root, pattern).flatMap(({ path, value }) => nameProblems(value, [...at, ...path], false)));

/**
 * Secret names at an object's places: each pod spec's (POD_SPEC_PLACES; Traefik's own pod's too, which pod-containers.ts
 * judges as a Pod), OBJECT_PLACES and PARAMETER_KINDS: the rule 'secret-names' (rules.ts).
 */
export function checkSecretNames(object: Record<string, unknown>): Finding[] {
  const kind = groupKind(
    typeof object.apiVersion === 'string' ? object.apiVersion : '',
    typeof object.kind === 'string' ? object.kind : '',
  );
  const findings = [
    ...podSpecsOf(object).flatMap(({ path, spec }) => placeProblems(spec, POD_SPEC_PLACES, path)),
    ...placeProblems(object, OBJECT_PLACES[kind] ?? []),
    ...(kind === 'gateway.networking.k8s.io/Gateway' ? certificateRefProblems(object) : []),
    ...(/^[^/]*\.[^/]*\//.test(kind) && !PARAMETER_KINDS.has(kind) ? customRefProblems(object.spec, ['spec']) : []),
  ];
  if (PARAMETER_KINDS.has(kind) && isRecord(object.parameters))
    for (const [key, value] of Object.entries(object.parameters))
      if (isSecretNameParameter(['parameters', key])) findings.push(...nameProblems(value, ['parameters', key], true));
  return findings;
}
