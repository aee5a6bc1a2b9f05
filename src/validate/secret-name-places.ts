import { secretName } from '../config/secret-ref-formats';
import { podSpecsOf } from './container-rules';
import { groupKind } from './kinds';
import { FieldPath, Finding, isRecord, select } from './paths';
import { generatedReferenceProblems, isSecretNameParameter, unshownReference } from './secret-refs';
import { CSI_PV_REFS, isNamespaceName, requiredSecretRefProblems } from './secret-ref-required';

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
 * | traefik.io (v3), traefik.containo.us | IngressRoute, IngressRouteTCP: spec.tls.secretName; TLSOption:              |
 * | (v2): Traefik's CRDs (48b-3)         | spec.clientAuth.secretNames[*]; TLSStore: spec.defaultCertificate.secretName,|
 * |                                      | spec.certificates[*].secretName; ServersTransport: spec.rootCAsSecrets[*],   |
 * |                                      | spec.certificatesSecrets[*], spec.rootCAs[*].secret (v3); ServersTransportTCP:|
 * |                                      | the same under spec.tls; Middleware: spec.basicAuth.secret,                  |
 * |                                      | spec.digestAuth.secret, spec.forwardAuth.tls.{caSecret,certSecret}           |
 *
 * A reference without a name, a PersistentVolume's without a namespace or with one that is no DNS-1123 label, and a
 * Certificate without `spec.secretName`: secret-ref-required.ts (48b-1).
 *
 * Sources: kubernetes/api core/v1/types.go (LocalObjectReference, SecretReference, CSIVolumeSource,
 * CSIPersistentVolumeSource, CephFSVolumeSource, RBDVolumeSource, ISCSIVolumeSource, FlexVolumeSource,
 * ScaleIOVolumeSource, StorageOSVolumeSource, AzureFileVolumeSource); kubernetes-csi/external-provisioner README
 * ("csi.storage.k8s.io/provisioner-secret-name" and the other secret parameters, with `${pvc.name}` templates);
 * cert-manager pkg/apis/certmanager/v1 types; gateway-api apis/v1 GatewayTLSConfig.CertificateRefs; traefik/traefik
 * pkg/provider/kubernetes/crd/traefikio/v1alpha1 (ingressroute.go TLS.SecretName, tlsoption.go ClientAuth.SecretNames,
 * tlsstore.go DefaultCertificate/Certificate.SecretName, serverstransport.go RootCAsSecrets, CertificatesSecrets and
 * (v3.2) RootCAs[].Secret, middleware.go BasicAuth/DigestAuth.Secret): each a Secret in the object's namespace.
 */

/** Volume sources whose `secretRef` is a reference to a Secret by name. */
const SECRET_REF_SOURCES = ['cephfs', 'rbd', 'iscsi', 'flexVolume', 'scaleIO', 'storageos'];

/** Patterns below a volume (a pod's `volumes[*]`, a PersistentVolume's `spec`). */
const volumePlaces = (at: string, csiRefs: readonly string[]): string[] => [
  ...SECRET_REF_SOURCES.map((source) => `${at}.${source}.secretRef.name`),
  ...csiRefs.map((ref) => `${at}.csi.${ref}.name`),
  `${at}.azureFile.secretName`,
];

/** Patterns below a pod spec. */
const POD_SPEC_PLACES: readonly string[] = ['imagePullSecrets[*].name', ...volumePlaces('volumes[*]', ['nodePublishSecretRef'])];

/** Traefik's CRDs' Secret names, by the group of Traefik v3 (traefik.io) or v2 (traefik.containo.us as well). */
function traefikPlaces(group: string): Record<string, readonly string[]> {
  const transport = (at: string): string[] => [`${at}.rootCAsSecrets[*]`, `${at}.certificatesSecrets[*]`, `${at}.rootCAs[*].secret`];
  return {
    [`${group}/IngressRoute`]: ['spec.tls.secretName'],
    [`${group}/IngressRouteTCP`]: ['spec.tls.secretName'],
    [`${group}/TLSOption`]: ['spec.clientAuth.secretNames[*]'],
    [`${group}/TLSStore`]: ['spec.defaultCertificate.secretName', 'spec.certificates[*].secretName'],
    [`${group}/ServersTransport`]: transport('spec'),
    [`${group}/ServersTransportTCP`]: transport('spec.tls'),
    // 79a-14: forwardAuth's client certificate and CA Secrets (middleware.go ForwardAuth.TLS: ClientTLS CASecret, CertSecret).
    [`${group}/Middleware`]: [
      'spec.basicAuth.secret',
      'spec.digestAuth.secret',
      'spec.forwardAuth.tls.caSecret',
      'spec.forwardAuth.tls.certSecret',
    ],
  };
}

/** Patterns below an object of a kind (by group/kind, kinds.ts groupKind). */
const OBJECT_PLACES: Readonly<Record<string, readonly string[]>> = {
  ServiceAccount: ['imagePullSecrets[*].name', 'secrets[*].name'],
  PersistentVolume: volumePlaces('spec', CSI_PV_REFS),
  // cert-manager (cert-manager.io/v1 CertificateSpec.secretName, CAIssuer.secretName); its `…SecretRef`s: customRefProblems.
  'cert-manager.io/Certificate': ['spec.secretName'],
  'cert-manager.io/Issuer': ['spec.ca.secretName'],
  'cert-manager.io/ClusterIssuer': ['spec.ca.secretName'],
  ...traefikPlaces('traefik.io'),
  ...traefikPlaces('traefik.containo.us'),
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

/** The external-provisioner's `${pvc.name}`, `${pvc.namespace}`, `${pvc.annotations['…']}`: each stands for a name part. */
const templatesFilled = (value: string): string => value.replace(/\$\{[^}]{1,300}\}/g, 'a');

/** A value at a place that takes a Secret's name: a text that secretName takes; never shown. */
function nameProblems(value: unknown, path: FieldPath, template: boolean): Finding[] {
  if (value === undefined || value === null || value === '') return [];
  const expected = "write the Secret's name (e.g. regcred), never the password itself";
  if (typeof value !== 'string') return [{ path, message: `is ${unshownReference(value)}, not a Secret's name (a text): ${expected}` }];
  // One that looks generated is the password itself, said so first (secret-refs.ts), whatever else it breaks.
  const generated = template ? [] : generatedReferenceProblems(value, path, 'name');
  if (generated.length) return generated;
  const judged = template ? templatesFilled(value) : value;
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
  const podSpecs = podSpecsOf(object);
  const findings = [
    ...podSpecs.flatMap(({ path, spec }) => placeProblems(spec, POD_SPEC_PLACES, path)),
    ...requiredSecretRefProblems(object, kind, podSpecs),
    ...placeProblems(object, Object.hasOwn(OBJECT_PLACES, kind) ? OBJECT_PLACES[kind] : []),
    ...(kind === 'gateway.networking.k8s.io/Gateway' ? certificateRefProblems(object) : []),
    ...(/^[^/]*\.[^/]*\//.test(kind) && !PARAMETER_KINDS.has(kind) ? customRefProblems(object.spec, ['spec']) : []),
  ];
  if (PARAMETER_KINDS.has(kind) && isRecord(object.parameters))
    for (const [key, value] of Object.entries(object.parameters))
      if (isSecretNameParameter(['parameters', key])) findings.push(...nameProblems(value, ['parameters', key], true));
      else if (SECRET_NAMESPACE_PARAMETER.test(key)) findings.push(...namespaceParameterProblems(value, ['parameters', key]));
  return findings;
}

/** A CSI StorageClass's or VolumeSnapshotClass's `csi.storage.k8s.io/…-secret-namespace` parameter (48a-12). */
const SECRET_NAMESPACE_PARAMETER = /^csi\.storage\.k8s\.io\/[\w-]*secret-namespace$/;

/**
 * The namespace of a Secret the CSI external-provisioner or snapshotter looks up: a namespace name (a DNS-1123 label)
 * once its `${pvc.namespace}`-style templates are filled; the API server takes any text there, and the volumes never
 * provision. Never shown: it sits beside a Secret's name.
 */
function namespaceParameterProblems(value: unknown, path: FieldPath): Finding[] {
  if (isNamespaceName(typeof value === 'string' ? templatesFilled(value) : value)) return [];
  return [
    {
      path,
      message:
        'is not a namespace name (the value is not shown; a DNS-1123 label: lower-case letters, digits and -, at most 63), ' +
        "so the CSI driver's provisioner cannot find the Secret and no volume of this class is ever made: write the " +
        "Secret's namespace, such as kube-system, or ${pvc.namespace}",
    },
  ];
}

/**
 * Secret names in the Traefik chart's values that it renders into its own CRD objects (48b-3): `tlsStore.<name>` is
 * written as a TLSStore's spec and `ingressRoute.<name>.tls` as an IngressRoute's (traefik-helm-chart
 * traefik/templates/tlsstore.yaml, templates/ingressroute.yaml, `toYaml`), judged as extraObjects' are (traefikPlaces).
 * Paths lie below the values.
 */
export function chartValueSecretNames(values: Readonly<Record<string, unknown>>): Finding[] {
  const under = (key: string, patterns: readonly string[]): Finding[] =>
    isRecord(values[key]) ? Object.entries(values[key]).flatMap(([name, spec]) => placeProblems(spec, patterns, [key, name])) : [];
  return [
    ...under('tlsStore', ['defaultCertificate.secretName', 'certificates[*].secretName']),
    ...under('ingressRoute', ['tls.secretName']),
  ];
}
