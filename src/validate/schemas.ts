import type { ErrorObject } from 'ajv';
import { referenceGrantProblems } from './reference-grant';
import { Crd, crdGroups, crdValidator, findCrd } from './crds';
import { GATEWAY_API_GROUP, gatewayApiBundles, gatewayApiCrd, gatewayApiKinds } from './gateway-api';
import { requireModel } from './model-cache';
import { laterChartField, traefikGroupCrd } from './traefik-crds';
import { apiGroup, currentApiVersion, groupKind, kindEntry, REMOVED_API_VERSIONS } from './kinds';
import { FieldPath, Finding, isRecord, show } from './paths';
import { atSecretReference, unshownReference } from './secret-refs';
import { declaredFields, unknownField } from './unknown-field';
import { enumByRelease, kubernetesMinor, laterFieldVerdict, requiredByRelease } from './later-fields';
import { patternMeaning } from './linear-patterns';
import { quantityFix } from './quantity';
import { hiddenKeyUnder } from '../core/reference-keys';
import { nonAsciiHost } from '../config/formats';

/** A Traefik CRD's verdict, which yields to the Traefik rules' own on the key: a type's, or an unknown field's (not a chart value's). */
const traefikVerdict = (error: ErrorObject) =>
  error.keyword === 'type'
    ? { traefikCrdType: true }
    : error.keyword === 'pattern'
      ? { traefikCrdPattern: true }
      : { traefikCrdField: true };

/**
 * Schema checks of one manifest object: built-in kinds against the Kubernetes 1.27 OpenAPI schemas
 * of kubernetes-models 4.4 (generated from Kubernetes v1.27.1, the newest major that is; 4.5 moved
 * to 1.33), custom resources against their CRD in crds/, Gateway API kinds against the bundle of
 * `gatewayApiBundle` (crds/gateway-api/<bundle>/), or against every vendored bundle when no bundle
 * is named. All are strict: a field the schema does not declare is reported, because the API server
 * would drop it without a word, but for a field a later release serves (later-fields.ts), judged by the Kubernetes
 * release of `k3sVersion` (`k3s.version`; none: refused, naming the release that serves it).
 */
export function checkSchema(object: Record<string, unknown>, gatewayApiBundle?: string, k3sVersion?: string): Finding[] {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return (['apiVersion', 'kind'] as const)
      .filter((key) => typeof object[key] !== 'string')
      .map((key) => ({ path: [key], message: `is ${show(object[key])}; every Kubernetes object needs a string ${key}` }));
  }
  const removedIn = REMOVED_API_VERSIONS.get(apiVersion);
  if (removedIn) {
    const current = currentApiVersion(apiVersion, kind);
    const release = `1.${kubernetesMinor(k3sVersion) ?? 27}`;
    return [
      {
        path: ['apiVersion'],
        message: `is ${show(apiVersion)}, which Kubernetes ${release} no longer serves (removed in ${removedIn}): ${current ? `write apiVersion: ${current}` : `use the current API version of ${kind}`}`,
      },
    ];
  }

  const misspelt = groupSpellingFinding(apiVersion);
  if (misspelt) return [misspelt];
  if (apiGroup(apiVersion) === GATEWAY_API_GROUP) return checkGatewayApi(object, apiVersion, kind, gatewayApiBundle);
  // 72a-9: Traefik's kinds (of v3's group and v2's, 74a-19) by the types of the pinned chart's CRDs (crds/traefik/), which the API server refuses a value
  // against: every chart from v28.0.0 to v41.3.0 gives each field the same type, while fields, minimums and enums change
  // by chart version, which the Traefik rules judge (ingress/route-fields.ts, option-value-types.ts). 77a-17: and by
  // their fields, as the API server prunes an unknown one, but for those a later chart brings (laterChartField).
  const traefik = traefikGroupCrd(apiGroup(apiVersion), kind);
  if (traefik) {
    const judged = (error: ErrorObject) =>
      error.keyword === 'type' ||
      // 79c-6: a duration or status list the API server refuses by pattern (charts from v35.3.0: extra-objects.ts).
      error.keyword === 'pattern' ||
      // Traefik v2's group only by types: fields of its CRDs that v3's lack are not unknown (TRAEFIK_V2_GROUP).
      (error.keyword === 'additionalProperties' &&
        apiGroup(apiVersion) === 'traefik.io' &&
        !laterChartField(kind, pointerToPath(error.instancePath, object), String(error.params.additionalProperty)));
    return checkCustomResource(object, traefik, apiVersion, kind, judged, true);
  }
  const crd = findCrd(apiVersion, kind);
  if (crd) return checkCustomResource(object, crd, apiVersion, kind);

  const validator = builtInValidator(apiVersion, kind);
  if (validator)
    return runStrict(validator, object, `the Kubernetes 1.27 schema of ${kind}`, kindEntry(SCHEMA_GAPS, apiVersion, kind), k3sVersion);
  const group = apiGroup(apiVersion);
  if (isKubernetesGroup(group) || (crdGroups().has(group) && !UNVENDORED_KINDS.get(group)?.has(kind))) {
    return [
      {
        path: ['kind'],
        message: `is ${show(kind)}, which ${show(apiVersion)} does not have in Kubernetes 1.27${isKubernetesGroup(group) ? '' : ' nor in crds/'}: check the spelling and the API version`,
      },
    ];
  }
  // A third-party kind (Argo CD, Flux) whose CRD is not in crds/: only its metadata can be checked.
  return isRecord(object.metadata) ? checkObjectMeta(object.metadata) : [];
}

/**
 * 71b-7: the kinds of a vendored CRD's group whose own CRD crds/ does not hold (docs/development.md vendors only the
 * ClusterIssuer of cert-manager): real kinds, judged like a third-party kind, by their metadata. cert-manager v1.21.1
 * deploy/crds/ (https://github.com/cert-manager/cert-manager/tree/v1.21.1/deploy/crds): cert-manager.io has
 * Certificate, CertificateRequest, Issuer and ClusterIssuer.
 */
const UNVENDORED_KINDS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['cert-manager.io', new Set(['Certificate', 'CertificateRequest', 'Issuer'])],
]);

function checkCustomResource(
  object: Record<string, unknown>,
  crd: Crd,
  apiVersion: string,
  kind: string,
  judged: (error: ErrorObject) => boolean = () => true,
  traefikCrdType = false,
): Finding[] {
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  if (!crd.versions.has(version)) {
    return [
      {
        path: ['apiVersion'],
        message: `is ${show(apiVersion)}, but ${crd.file} serves ${kind} only as ${[...crd.versions.keys()].map((v) => `${crd.group}/${v}`).join(', ')}`,
      },
    ];
  }
  const schemaName = `the ${kind} schema of ${crd.file}`;
  const validate = crdValidator(crd, version);
  const findings = validate(object)
    ? []
    : anyOfMerged(validate.errors ?? [])
        // A bounded pattern's `if` (crds.ts boundedPattern) only says its `then` failed: the pattern's own error says what.
        .filter((e) => e.keyword !== 'if' && judged(e))
        .map((e) => ({ ...fromAjvError(e, object, schemaName, crd.versions.get(version)), ...(traefikCrdType && traefikVerdict(e)) }));
  // A CRD schema says only `metadata: object`; the API server checks it as ObjectMeta.
  return isRecord(object.metadata) ? [...findings, ...checkObjectMeta(object.metadata)] : findings;
}

/**
 * A Gateway API object against the CRDs of its target's bundle; without one, against every vendored
 * bundle (a finding that several bundles share is reported once, naming the first).
 */
function checkGatewayApi(object: Record<string, unknown>, apiVersion: string, kind: string, bundle: string | undefined): Finding[] {
  const vendored = gatewayApiBundles();
  if (bundle !== undefined && !vendored.includes(bundle)) {
    return [
      {
        path: [],
        message: `is marked for the Gateway API CRDs ${bundle}, which crds/gateway-api/ does not hold (it has ${vendored.join(', ') || 'none'}): vendor them (crds/gateway-api/README.md)`,
      },
    ];
  }
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const each of bundle === undefined ? vendored : [bundle]) {
    const crd = gatewayApiCrd(each, kind);
    const found = crd
      ? checkCustomResource(object, crd, apiVersion, kind)
      : kind === 'ReferenceGrant'
        ? referenceGrantProblems(object)
        : [{ path: ['kind'], message: unvendoredKindMessage(kind, each) }];
    for (const finding of found) {
      const key = `${finding.path.join('.')}\n${finding.message.replace(/crds\/gateway-api\/v[\d.]+\//g, '')}`;
      if (!seen.has(key)) findings.push(finding);
      seen.add(key);
    }
  }
  return findings;
}

/**
 * A Gateway API kind whose CRD the bundle's folder does not hold: only some kinds of a release are vendored
 * (crds/gateway-api/README.md), so its absence says nothing of the release's CRDs (50b-7: a GRPCRoute had been called
 * undefined while it was not vendored). The folder alone names the bundle, so the unmarked check reports it once.
 */
function unvendoredKindMessage(kind: string, bundle: string): string {
  const held = gatewayApiKinds(bundle);
  const list = held.length > 1 ? `${held.slice(0, -1).join(', ')} and ${held[held.length - 1]}` : held.join('') || 'none';
  return (
    `is ${show(kind)}, which this tool cannot judge: crds/gateway-api/${bundle}/ holds the CRDs of ${list} only, not every kind of ` +
    'the Gateway API: check the spelling and the kind, or vendor its CRD from the same release (crds/gateway-api/README.md)'
  );
}

/** A DNS-1123 subdomain in lower case: what an API group must be (a CRD's spec.group is validated so), 253 at most. */
const API_GROUP = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)*$/;

/**
 * An apiVersion whose group no API server serves as written: groups are lower-case DNS names matched exactly, so
 * `Gateway.Networking.K8s.io/v1` or `gateway.networking.k8s.io./v1` maps to no resource, and Helm fails the whole
 * release (52b-3: such an item had skipped every schema as a third-party kind). Any group, not only known ones.
 */
function groupSpellingFinding(apiVersion: string): Finding | undefined {
  const group = apiGroup(apiVersion);
  if (group === '' || (group.length <= 253 && API_GROUP.test(group))) return undefined;
  const likely = group.toLowerCase().replace(/^[\s.]+|[\s.]+$/g, '');
  const instead = API_GROUP.test(likely) ? `: write ${likely}${apiVersion.slice(group.length)}` : '';
  return {
    path: ['apiVersion'],
    message: `is ${show(apiVersion)}, but an API group is a lower-case DNS name (letters, digits, '-' and '.') matched exactly, so no API server serves this spelling${instead}`,
  };
}

/**
 * Kubernetes' own API groups: the core group, the unqualified ones (apps, batch, ...) and the *.k8s.io groups the
 * API server of 1.27 serves itself, those of kubernetes-models 4.4 (Kubernetes v1.27.1's api/openapi-spec/swagger.json).
 * Other *.k8s.io groups are CRDs or aggregated APIs of add-ons (73a-12: kubernetes/autoscaler's autoscaling.k8s.io
 * VerticalPodAutoscaler), judged like any third-party kind.
 */
export function isKubernetesGroup(group: string): boolean {
  return !group.includes('.') || KUBERNETES_K8S_IO_GROUPS.has(group);
}

const KUBERNETES_K8S_IO_GROUPS: ReadonlySet<string> = new Set([
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'rbac.authorization.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
]);

function checkObjectMeta(metadata: Record<string, unknown>): Finding[] {
  return runStrict(objectMetaValidator(), metadata, 'the Kubernetes 1.27 schema of ObjectMeta').map((f) => ({
    ...f,
    path: ['metadata', ...f.path],
  }));
}

/**
 * Fields kubernetes-models' schemas lack although Kubernetes declares them: its generator strips
 * every `description` and `x-kubernetes-*` key from the OpenAPI spec, and with them the JSON
 * Schema properties of those names in a CRD's openAPIV3Schema (JSONSchemaProps).
 */
const SCHEMA_GAPS: Readonly<Record<string, (key: string) => boolean>> = {
  'apiextensions.k8s.io/CustomResourceDefinition': (key) => key === 'description' || key.startsWith('x-kubernetes-'),
};

/** What kubernetes-models puts on each model's prototype: its precompiled ajv validator, run on `this`. */
type ModelValidator = (this: unknown) => void;

const builtIns = new Map<string, ModelValidator | undefined>();

/** Requires only the model of this kind (and the schemas it refers to), once per process, through its cache file (model-cache.ts). */
function builtInValidator(apiVersion: string, kind: string): ModelValidator | undefined {
  const id = `${apiVersion}/${kind}`;
  if (!builtIns.has(id)) {
    // The pattern keeps odd values (`..`, paths) out of the module name.
    const model = /^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?\/[A-Z][A-Za-z0-9]*$/.test(id)
      ? loadModel(`kubernetes-models/${id}`, kind)
      : undefined;
    // Type names (DaemonSetSpec) are models too; only top-level kinds carry apiVersion and kind.
    builtIns.set(id, model?.apiVersion === apiVersion && model.kind === kind ? model.prototype.validate : undefined);
  }
  return builtIns.get(id);
}

let objectMeta: ModelValidator | undefined;

function objectMetaValidator(): ModelValidator {
  objectMeta ??= loadModel('@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta', 'ObjectMeta')!.prototype.validate;
  return objectMeta;
}

interface Model {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly prototype: { readonly validate: ModelValidator };
}

function loadModel(module: string, name: string): Model | undefined {
  try {
    return (requireModel(module) as Record<string, Model | undefined>)[name];
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return undefined;
    throw e;
  }
}

/**
 * Runs a kubernetes-models validator, and also reports fields its schema does not declare, which
 * the OpenAPI schemas (and so those validators) allow. An ajv validator reads every declared
 * property of each object it checks, and every key of a map, so a key it never read is unknown; an
 * object it read nothing from has a free-form schema (RawExtension, preserve-unknown-fields) and
 * is skipped with all below it.
 */
function runStrict(
  validate: ModelValidator,
  object: object,
  schemaName: string,
  declared?: (key: string) => boolean,
  k3sVersion?: string,
): Finding[] {
  const reads = new WeakMap<object, Set<string>>();
  const proxies = new WeakMap<object, object>();
  const track = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    let proxy = proxies.get(value);
    if (!proxy) {
      const keys = new Set<string>();
      reads.set(value, keys);
      proxy = new Proxy(value, {
        get(target, key, receiver) {
          if (typeof key === 'string') keys.add(key);
          return track(Reflect.get(target, key, receiver));
        },
      });
      proxies.set(value, proxy);
    }
    return proxy;
  };

  let errors: ErrorObject[] = [];
  try {
    validate.call(track(object));
  } catch (e) {
    const thrown = (e as { errors?: unknown }).errors;
    if (!Array.isArray(thrown)) throw e;
    errors = thrown as ErrorObject[];
  }
  const { apiVersion, kind } = object as { apiVersion?: unknown; kind?: unknown };
  const kindName = typeof apiVersion === 'string' && typeof kind === 'string' ? groupKind(apiVersion, kind) : undefined;
  const findings = quantityErrors(errors).flatMap((e) => {
    const finding = fromAjvError(e, object, schemaName);
    if (e.keyword === 'enum') return enumByRelease(finding, valueAt(object, finding.path), kindName, k3sVersion);
    return e.keyword === 'required' ? requiredByRelease(finding, kindName, k3sVersion) : [finding];
  });

  const visit = (value: unknown, path: FieldPath): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
    } else if (isRecord(value)) {
      const read = reads.get(value);
      if (!read?.size) return;
      for (const [key, child] of Object.entries(value)) {
        if (read.has(key) || declared?.(key)) {
          if (read.has(key)) visit(child, [...path, key]);
          continue;
        }
        // A field of a later release (later-fields.ts): served by the cluster's, or refused with what it needs.
        const later = laterFieldVerdict(path, key, child, k3sVersion, kindName, object);
        if (later !== 'served')
          findings.push(later ?? { path: [...path, key], message: unknownField(schemaName, key, read, hiddenKeyUnder(path, key)) });
      }
    }
  };
  visit(object, []);
  return findings;
}

/**
 * One error per `anyOf` a value fails (72a-9): ajv reports each branch and then the anyOf itself, three messages for an
 * int-or-string field (`x-kubernetes-int-or-string`: anyOf integer, string). When every branch failed on its type,
 * the anyOf becomes one type error naming them all (`integer or string`); else the anyOf's own message stands alone.
 */
function anyOfMerged(errors: readonly ErrorObject[]): ErrorObject[] {
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf');
  const branchOf = (e: ErrorObject) =>
    anyOfs.find((a) => a !== e && e.instancePath === a.instancePath && e.schemaPath.startsWith(`${a.schemaPath}/`));
  return errors.flatMap((e) => {
    if (branchOf(e)) return [];
    if (e.keyword !== 'anyOf') return [e];
    const branches = errors.filter((b) => branchOf(b) === e);
    if (!branches.length || branches.some((b) => b.keyword !== 'type')) return [e];
    return [{ ...e, keyword: 'type', params: { type: branches.map((b) => (b.params as { type: string }).type).join(' or ') } }];
  });
}

/**
 * A resource quantity is `oneOf` a number and a text in the quantity format (kubernetes-models' Quantity schema): a text
 * that is no quantity fails both, and "expects number" would send the user to write 50 (bytes) for "50MB" (80a-20).
 * Only the format error is kept: it says what the text should be.
 */
function quantityErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const texts = new Set(errors.filter((e) => e.keyword === 'format' && e.params.format === 'quantity').map((e) => e.instancePath));
  return errors.filter((e) => !texts.has(e.instancePath) || (e.keyword === 'format' && e.params.format === 'quantity'));
}

/** Turns an ajv error into a finding on the field it is about, with the bad value and what the schema expects. */
function fromAjvError(error: ErrorObject, root: unknown, schemaName: string, schema?: unknown): Finding {
  const path = pointerToPath(error.instancePath, root);
  const value = valueAt(root, path);
  const params = error.params as Record<string, unknown>;
  // A Secret reference's name or key may be the pasted password, whatever its type: not shown (secret-refs.ts).
  const given = atSecretReference(path) ? unshownReference(value) : show(value);
  const meaning = error.keyword === 'pattern' ? patternMeaning(String(params.pattern)) : undefined;
  if (meaning) return { path, message: `is ${given}, not ${meaning} (the pattern of ${schemaName})` };
  switch (error.keyword) {
    case 'required':
      return { path: [...path, String(params.missingProperty)], message: `is missing; ${schemaName} requires it` };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return { path: [...path, key], message: unknownField(schemaName, key, declaredFields(schema, path)) };
    }
    case 'type': {
      // A number or boolean where text goes (ConfigMap `data: {n: 5}`, 76b-7): the same value as text, which reads alike in YAML and TypeScript.
      const asText =
        params.type === 'string' && (typeof value === 'number' || typeof value === 'boolean') && !atSecretReference(path)
          ? `: write it as text, in quotes: ${JSON.stringify(String(value))}`
          : '';
      return { path, message: `is ${given}; ${schemaName} expects ${params.type}${asText}` };
    }
    case 'enum':
      return { path, message: `is ${given}; ${schemaName} allows only ${(params.allowedValues as unknown[]).map(show).join(', ')}` };
    case 'format': {
      const fix = params.format === 'quantity' && typeof value === 'string' ? quantityFix(value, String(path.at(-1))) : undefined;
      if (params.format === 'quantity')
        return {
          path,
          message: `is ${given}, not a quantity (${schemaName}): ${fix ?? 'write a number with a unit such as 128Mi or 100m'}`,
        };
      return { path, message: `is ${given}; ${schemaName} expects the format ${show(params.format)}` };
    }
    default: {
      // A host name field (Gateway API `hostnames`, `hostname`) with non-ASCII letters: the punycode form, as ingresses[].host gets (53b-3).
      const host =
        error.keyword === 'pattern' &&
        /host/i.test(String(path.filter((step) => typeof step === 'string').at(-1))) &&
        typeof value === 'string';
      const punycode = host ? nonAsciiHost(value) : undefined;
      return {
        path,
        message: `is ${given}; ${schemaName} says it ${error.message ?? `fails ${error.keyword} ${show(params)}`}${punycode ? `: ${punycode}` : ''}`,
      };
    }
  }
}

/** `/spec/containers/0/name` -> ['spec', 'containers', 0, 'name'], numbers where the data holds an array. */
function pointerToPath(pointer: string, root: unknown): FieldPath {
  const path: Array<string | number> = [];
  let value = root;
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    const step = Array.isArray(value) ? Number(key) : key;
    path.push(step);
    value = (value as Record<string | number, unknown> | undefined)?.[step];
  }
  return path;
}

function valueAt(root: unknown, path: FieldPath): unknown {
  return path.reduce<unknown>((value, step) => (value as Record<string | number, unknown> | undefined)?.[step], root);
}
