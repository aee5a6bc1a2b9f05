import {
  dns1035Label,
  dns1123Label,
  dns1123Subdomain,
  FormatCheck,
  labelKey,
  labelProblem,
  labelValue as labelValueCheck,
  secretKey,
} from '../config/formats';
import { annotationSizeProblem } from '../config/annotations';
import { countFix, countProblem, CountRule } from '../core/int-or-string';
import { capabilityPrefixProblem } from '../core/capability-name';
import { checkHostPortSurge, checkRollout } from './rollout-rules';
import { checkVolumeMounts } from './volume-mount-rules';
import { checkIngressBackendPorts, checkIngressClassName, checkIngressHosts, checkIngressPaths } from './ingress-rules';
import { checkContainerNames, checkMountPropagation } from './container-rules';
import { checkContainerFields } from './container-fields';
import { findCrd } from './crds';
import { looksGenerated } from '../core/secrets-keys';
import { secretShape } from '../core/secret-shapes';
import { checkGatewayApiRules } from './gateway-api-rules';
import { checkSecretNames } from './secret-name-places';
import { checkServiceSpec } from './service-rules';
import { checkServicePorts } from './service-port-rules';
import { checkDataObject } from './data-object-rules';
import type * as AutoscalerRules from './autoscaler-rules';
import type * as NetworkPolicyRules from './network-policy-rules';
import type * as JobRules from './job-rules';
import { checkHelmReleaseSize } from './helm-release-size';
import { checkWorkloadSpec } from './workload-spec-rules';
import { CLUSTER_SCOPED_KINDS, groupKind, K3S_PACKAGED_HELM_CHARTS, kindEntry, POD_TEMPLATES, WORKLOAD_SELECTORS } from './kinds';
import { Finding, isRecord, joinPattern, select, Selected, show } from './paths';

/** A manifest object as parsed from YAML. */
export type KubeObject = Record<string, unknown>;

export interface RuleContext {
  /** Every object of the output, for rules that relate objects to each other. */
  readonly objects: readonly KubeObject[];
}

export interface Rule {
  readonly id: string;
  readonly check: (object: KubeObject, context: RuleContext) => Finding[];
}

/**
 * A rule of kinds this tool never writes itself (only an `extraObjects` item can be one), loaded at the first object of
 * those kinds: a config without one does not pay its load (`npm run bench`, the app alone).
 */
const ofKinds =
  (kinds: readonly string[], load: () => (object: KubeObject) => Finding[]): Rule['check'] =>
  (object) =>
    typeof object.kind === 'string' && kinds.includes(object.kind) ? load()(object) : [];

/** Rules the API server enforces beyond the OpenAPI schema (k8s.io/kubernetes pkg/apis/<group>/validation). */
export const API_SERVER_RULES: readonly Rule[] = [
  { id: 'names', check: checkNames },
  { id: 'labels', check: checkLabels },
  { id: 'selector-matches-template', check: checkSelector },
  { id: 'ingress-class-set-once', check: checkIngressClass },
  { id: 'ingress-host', check: checkIngressHosts },
  { id: 'ingress-path', check: checkIngressPaths },
  { id: 'ingress-class-name', check: checkIngressClassName },
  { id: 'ingress-backend-port', check: checkIngressBackendPorts },
  { id: 'unique-env-names', check: checkEnvNames },
  { id: 'disruption-budget-counts', check: checkDisruptionBudget },
  { id: 'rollout-counts', check: checkRollout },
  { id: 'volume-mounts', check: checkVolumeMounts },
  { id: 'unique-container-names', check: checkContainerNames },
  { id: 'mount-propagation', check: checkMountPropagation },
  { id: 'container-fields', check: checkContainerFields },
  { id: 'gateway-api-cel', check: checkGatewayApiRules },
  // A Secret's name no Secret can have, or the password itself, wherever the API takes one (secret-name-places.ts, 47a-3).
  { id: 'secret-names', check: checkSecretNames },
  { id: 'service-spec', check: checkServiceSpec },
  { id: 'service-ports', check: checkServicePorts },
  { id: 'data-objects', check: checkDataObject },
  {
    id: 'autoscaler-metrics',
    check: ofKinds(['HorizontalPodAutoscaler'], () => (require('./autoscaler-rules') as typeof AutoscalerRules).checkAutoscalerMetrics),
  },
  {
    id: 'network-policy-ports',
    check: ofKinds(['NetworkPolicy'], () => (require('./network-policy-rules') as typeof NetworkPolicyRules).checkNetworkPolicyPorts),
  },
  {
    id: 'network-policy-peers',
    check: ofKinds(['NetworkPolicy'], () => (require('./network-policy-rules') as typeof NetworkPolicyRules).checkNetworkPolicyPeers),
  },
  { id: 'job-spec', check: ofKinds(['Job', 'CronJob'], () => (require('./job-rules') as typeof JobRules).checkJobRules) },
  { id: 'workload-spec', check: checkWorkloadSpec },
];

/** Rules of K3s and of this project's domain: mistakes that no API server reports. */
export const DOMAIN_RULES: readonly Rule[] = [
  { id: 'helmchartconfig-target', check: checkHelmChartConfigTarget },
  { id: 'cluster-scoped-namespace', check: checkClusterScopedNamespace },
  { id: 'capability-names', check: checkCapabilities },
  { id: 'host-port-surge', check: checkHostPortSurge },
  { id: 'helm-release-size', check: checkHelmReleaseSize },
];

const kindOf = (object: KubeObject): string => (typeof object.kind === 'string' ? object.kind : '');
const apiVersionOf = (object: KubeObject): string => (typeof object.apiVersion === 'string' ? object.apiVersion : '');
const groupKindOf = (object: KubeObject): string => groupKind(apiVersionOf(object), kindOf(object));
const entryOf = <T>(table: Readonly<Record<string, T>>, object: KubeObject): T | undefined =>
  kindEntry(table, apiVersionOf(object), kindOf(object));
const strings = (found: Selected[]): Array<Selected & { value: string }> =>
  found.filter((s): s is Selected & { value: string } => typeof s.value === 'string');

/** Pod template metadata and every container (containers, initContainers, ephemeralContainers) of a workload. */
function podTemplate(object: KubeObject): { metadata: string; containers: Selected[] } | undefined {
  const template = entryOf(POD_TEMPLATES, object);
  if (template === undefined) return undefined;
  const containers = ['containers', 'initContainers', 'ephemeralContainers'].flatMap((list) =>
    select(object, joinPattern(template, `spec.${list}[*]`)),
  );
  return { metadata: joinPattern(template, 'metadata'), containers };
}

// --- names ---------------------------------------------------------------------------------------

/** RBAC names only have to be a valid path segment (`system:kube-vip-role` is fine). */
const pathSegmentName: FormatCheck = (value) =>
  value === '.' || value === '..' || /[/%]/.test(value)
    ? `${show(value)} is not a valid name: no '/' or '%', and not "." or ".."`
    : undefined;

const RBAC_KINDS = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];

/** The name rule of each kind (apimachinery ValidateObjectMeta with the kind's NameFn); default DNS-1123 subdomain. */
function nameFormat(object: KubeObject): [FormatCheck, string] {
  const kind = kindOf(object);
  if (apiVersionOf(object).startsWith('rbac.authorization.k8s.io/') && RBAC_KINDS.includes(kind)) return [pathSegmentName, 'path segment'];
  if (kind === 'Namespace' && apiVersionOf(object) === 'v1') return [dns1123Label, 'DNS-1123 label'];
  if (kind === 'Service' && apiVersionOf(object) === 'v1') return [dns1035Label, 'DNS-1035 label'];
  return [dns1123Subdomain, 'DNS-1123 subdomain'];
}

/** Other name fields, by pattern below the pod template ('$' = the template) or the object. */
const NAME_FIELDS: ReadonlyArray<readonly [pattern: string, check: FormatCheck, rule: string]> = [
  ['metadata.namespace', dns1123Label, 'a namespace name is a DNS-1123 label'],
  ['$.spec.containers[*].name', dns1123Label, 'a container name is a DNS-1123 label'],
  ['$.spec.initContainers[*].name', dns1123Label, 'a container name is a DNS-1123 label'],
  ['$.spec.ephemeralContainers[*].name', dns1123Label, 'a container name is a DNS-1123 label'],
  ['$.spec.serviceAccountName', dns1123Subdomain, 'a ServiceAccount name is a DNS-1123 subdomain'],
  // ValidatePodSpec (kubernetes pkg/apis/core/validation): a non-empty priorityClassName by ValidatePriorityClassName, a set
  // runtimeClassName (even "") by ValidateRuntimeClassName, both NameIsDNSSubdomain.
  [
    '$.spec.priorityClassName',
    (name) => (name === '' ? undefined : dns1123Subdomain(name)),
    'a PriorityClass name is a DNS-1123 subdomain',
  ],
  ['$.spec.runtimeClassName', dns1123Subdomain, 'a RuntimeClass name is a DNS-1123 subdomain'],
  // A non-empty hostname and subdomain by ValidateDNS1123Label (ValidatePodSpec). No rule holds a schedulerName to a format.
  ['$.spec.hostname', (name) => (name === '' ? undefined : dns1123Label(name)), 'a pod hostname is a DNS-1123 label'],
  ['$.spec.subdomain', (name) => (name === '' ? undefined : dns1123Label(name)), 'a pod subdomain is a DNS-1123 label'],
  ['spec.rules[*].http.paths[*].backend.service.name', dns1035Label, 'a Service name is a DNS-1035 label'],
  ['spec.defaultBackend.service.name', dns1035Label, 'a Service name is a DNS-1035 label'],
];

function checkNames(object: KubeObject): Finding[] {
  const findings: Finding[] = [];
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  if (metadata.name === undefined && metadata.generateName === undefined) {
    findings.push({ path: ['metadata', 'name'], message: 'is missing; the API server needs a name to create or update the object' });
  } else if (typeof metadata.name === 'string') {
    const [check, format] = nameFormat(object);
    const problem = check(metadata.name);
    if (problem) findings.push({ path: ['metadata', 'name'], message: `${problem} (${kindOf(object)} names are ${format}s)` });
  }
  // The keys of a ConfigMap's or Secret's data are file names (IsConfigMapKey, k8s.io/apimachinery validation): a
  // key the API server refuses fails the whole object (and the Traefik release that carries it in extraObjects).
  if ((object.kind === 'ConfigMap' || object.kind === 'Secret') && object.apiVersion === 'v1') {
    for (const field of ['data', 'binaryData', 'stringData']) {
      const map = object[field];
      if (!isRecord(map)) continue;
      for (const key of Object.keys(map)) {
        // A key shaped like a secret (a K3s token) is refused as one, at its own path: one message for it (48a-18).
        const problem = secretShape(key) === undefined ? secretKey(key) : undefined;
        // A key that looks generated may be the pasted password: not shown, not even in the path, and said as a
        // file name of this kind, not as "a Secret's key" (43a-17).
        if (problem && looksGenerated(key))
          findings.push({
            path: [field],
            message: `holds a key that looks generated (12 or more letters and digits mixed), as a password does, not chosen as a file name is (the key is not shown: a password may have been pasted here): name the ${object.kind}'s file (e.g. "config.yaml"), never the password itself`,
          });
        else if (problem)
          findings.push({
            path: [field, key],
            message: `${problem.replace('Secret key', `${object.kind} key`)} (a data key is a file name)`,
          });
      }
    }
  }
  const template = entryOf(POD_TEMPLATES, object);
  for (const [pattern, check, rule] of NAME_FIELDS) {
    const inTemplate = pattern.startsWith('$.');
    if (inTemplate && template === undefined) continue;
    for (const { path, value } of strings(select(object, inTemplate ? joinPattern(template!, pattern.slice(2)) : pattern))) {
      const problem = check(value);
      if (problem) findings.push({ path, message: `${problem} (${rule})` });
    }
  }
  return findings;
}

// --- labels and annotations ----------------------------------------------------------------------

function checkLabels(object: KubeObject): Finding[] {
  const template = podTemplate(object);
  const selector = entryOf(WORKLOAD_SELECTORS, object)?.selector;
  const metadatas = ['metadata', ...(template && template.metadata !== 'metadata' ? [template.metadata] : [])];
  // Maps the API server validates as labels too (kubernetes/kubernetes pkg/apis/core/validation/validation.go, v1.27 to
  // v1.33: ValidateService runs ValidateLabels on `spec.selector`, ValidatePodSpec on `nodeSelector`).
  const podPattern = entryOf(POD_TEMPLATES, object);
  const plainSelectors = [
    ...(groupKindOf(object) === 'Service' ? ['spec.selector'] : []),
    ...(podPattern === undefined ? [] : [joinPattern(podPattern, 'spec.nodeSelector')]),
  ];
  const labelMaps = [...metadatas.map((m) => `${m}.labels`), ...(selector ? [`${selector}.matchLabels`] : []), ...plainSelectors].flatMap(
    (pattern) => select(object, pattern),
  );
  const findings: Finding[] = [];
  for (const { path, value } of labelMaps) {
    if (!isRecord(value)) continue;
    for (const [key, labelValue] of Object.entries(value)) {
      const problem = labelProblem(key, labelValue, labelValueCheck);
      if (problem) findings.push({ path: [...path, key], message: `is not a valid label: ${problem}` });
    }
  }
  const expressions = selector ? select(object, `${selector}.matchExpressions[*].key`) : [];
  for (const { path, value } of strings(expressions)) {
    const problem = labelKey(value);
    if (problem) findings.push({ path, message: `is not a valid label key: ${problem}` });
  }
  for (const { path, value } of metadatas.flatMap((m) => select(object, `${m}.annotations`))) {
    if (!isRecord(value)) continue;
    for (const key of Object.keys(value)) {
      const problem = labelKey(key);
      if (problem) findings.push({ path: [...path, key], message: `is not a valid annotation key: ${problem}` });
    }
    const tooBig = annotationSizeProblem(value, `the ${kindOf(object)}`);
    if (tooBig) findings.push({ path, message: tooBig });
  }
  return findings;
}

// --- selector ------------------------------------------------------------------------------------

function selects(selector: Record<string, unknown>, labels: Record<string, unknown>): boolean {
  const matchLabels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.filter(isRecord) : [];
  return (
    Object.entries(matchLabels).every(([key, value]) => Object.hasOwn(labels, key) && labels[key] === value) &&
    expressions.every((e) => {
      const has = typeof e.key === 'string' && Object.hasOwn(labels, e.key);
      const values = Array.isArray(e.values) ? e.values : [];
      const value = has ? labels[e.key as string] : undefined;
      switch (e.operator) {
        case 'In':
          return has && values.includes(value);
        case 'NotIn':
          return !has || !values.includes(value);
        case 'Exists':
          return has;
        case 'DoesNotExist':
          return !has;
        default:
          return false;
      }
    })
  );
}

function checkSelector(object: KubeObject): Finding[] {
  const spec = entryOf(WORKLOAD_SELECTORS, object);
  const [selector] = spec ? select(object, spec.selector) : [];
  if (!spec || !selector || !isRecord(selector.value)) return [];
  const { matchLabels, matchExpressions } = selector.value;
  const isEmpty =
    !(isRecord(matchLabels) && Object.keys(matchLabels).length) && !(Array.isArray(matchExpressions) && matchExpressions.length);
  if (isEmpty && spec.required) {
    return [
      {
        path: selector.path,
        message: `is empty; the API server rejects an empty selector for a ${kindOf(object)}: select the pod template's labels`,
      },
    ];
  }
  const labelsAt = `${spec.template}.metadata.labels`;
  const [labels] = select(object, labelsAt);
  const templateLabels = labels && isRecord(labels.value) ? labels.value : {};
  if (selects(selector.value, templateLabels)) return [];
  return [
    {
      path: selector.path,
      message: `is ${show(selector.value)}, which does not select the pod template's labels ${show(templateLabels)} (${labelsAt}); the API server rejects this ("selector does not match template labels")`,
    },
  ];
}

// --- Ingress -------------------------------------------------------------------------------------

const isIngress = (object: KubeObject): boolean => kindOf(object) === 'Ingress' && apiVersionOf(object) === 'networking.k8s.io/v1';
const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

function checkIngressClass(object: KubeObject): Finding[] {
  if (!isIngress(object)) return [];
  const [className] = select(object, 'spec.ingressClassName');
  const annotations = select(object, 'metadata.annotations')[0]?.value;
  if (!className || !isRecord(annotations) || annotations[LEGACY_CLASS_ANNOTATION] === undefined) return [];
  return [
    {
      path: ['metadata', 'annotations', LEGACY_CLASS_ANNOTATION],
      message: `is ${show(annotations[LEGACY_CLASS_ANNOTATION])} while spec.ingressClassName is ${show(className.value)}; the API server rejects both together ("can not be set when the class field is also set"): keep only spec.ingressClassName`,
    },
  ];
}

// --- containers ----------------------------------------------------------------------------------

function checkEnvNames(object: KubeObject): Finding[] {
  const findings: Finding[] = [];
  for (const container of podTemplate(object)?.containers ?? []) {
    const first = new Map<string, number>();
    for (const { path, value } of strings(select(container.value, 'env[*].name'))) {
      const index = path[1] as number;
      const earlier = first.get(value);
      if (earlier === undefined) first.set(value, index);
      else
        findings.push({
          path: [...container.path, ...path],
          message: `is ${show(value)}, already the name of env[${earlier}]; a container's env names must be unique (the later entry silently overrides the earlier one, and server-side apply rejects the duplicate key)`,
        });
    }
  }
  return findings;
}

export function checkCapabilities(object: KubeObject): Finding[] {
  return (podTemplate(object)?.containers ?? []).flatMap((container) =>
    strings(['add', 'drop'].flatMap((list) => select(container.value, `securityContext.capabilities.${list}[*]`))).flatMap(
      ({ path, value }) => {
        const message = capabilityPrefixProblem(value, show);
        return message ? [{ path: [...container.path, ...path], message }] : [];
      },
    ),
  );
}

// --- disruption budgets --------------------------------------------------------------------------

const BUDGET_COUNTS = ['minAvailable', 'maxUnavailable'] as const;
const WRITTEN_BUDGET: CountRule = { reading: 'as written', atMost100: true, example: '50%' };

/**
 * A PodDisruptionBudget's counts, as k8s.io/kubernetes pkg/apis/policy/validation/validation.go
 * (ValidatePodDisruptionBudgetSpec, v1.27 to v1.35) judges them: not both set; each a count by the API server's rule
 * (core/int-or-string.ts) as written, so a quoted "2" is no count, at most 100%. The same rule as the chart's
 * `podDisruptionBudget` (traefik/ha-values.ts budgetCountProblem), which the chart renders unquoted.
 */
function checkDisruptionBudget(object: KubeObject): Finding[] {
  if (kindOf(object) !== 'PodDisruptionBudget' || !apiVersionOf(object).startsWith('policy/') || !isRecord(object.spec)) return [];
  const spec = object.spec;
  const set = BUDGET_COUNTS.filter((key) => spec[key] !== undefined && spec[key] !== null);
  const findings: Finding[] = set.flatMap((key) => {
    const what = countProblem(spec[key], WRITTEN_BUDGET);
    return what
      ? [
          {
            path: ['spec', key],
            message: `is ${show(spec[key])}, ${what}, which the API server refuses in a PodDisruptionBudget: ${countFix('50%')}`,
          },
        ]
      : [];
  });
  if (set.length === 2)
    findings.push({
      path: ['spec', 'minAvailable'],
      message: 'is set together with maxUnavailable, and the API server accepts only one of the two: remove one of them',
    });
  return findings;
}

// --- scope and K3s -------------------------------------------------------------------------------

function checkClusterScopedNamespace(object: KubeObject): Finding[] {
  const [namespace] = select(object, 'metadata.namespace');
  const kind = kindOf(object);
  if (!namespace || !kind) return [];
  const clusterScoped = CLUSTER_SCOPED_KINDS.has(groupKindOf(object)) || findCrd(apiVersionOf(object), kind)?.scope === 'Cluster';
  if (!clusterScoped) return [];
  return [
    {
      path: namespace.path,
      message: `is ${show(namespace.value)}, but ${kind} is cluster-scoped: remove metadata.namespace (the API server drops it silently; a namespace here usually means a namespaced kind was meant, e.g. Role instead of ClusterRole)`,
    },
  ];
}

function checkHelmChartConfigTarget(object: KubeObject, { objects }: RuleContext): Finding[] {
  if (kindOf(object) !== 'HelmChartConfig' || !apiVersionOf(object).startsWith('helm.cattle.io/')) return [];
  const ref = (o: KubeObject): string => `${select(o, 'metadata.namespace')[0]?.value ?? ''}/${select(o, 'metadata.name')[0]?.value ?? ''}`;
  const charts = [
    ...K3S_PACKAGED_HELM_CHARTS,
    ...objects.filter((o) => kindOf(o) === 'HelmChart' && apiVersionOf(o).startsWith('helm.cattle.io/')).map(ref),
  ];
  const target = ref(object);
  if (charts.includes(target)) return [];
  const name = target.slice(target.indexOf('/') + 1);
  // Right name, wrong (or no) namespace: point at the namespace; otherwise at the name.
  const field = charts.some((chart) => chart.endsWith(`/${name}`)) ? 'namespace' : 'name';
  return [
    {
      path: ['metadata', field],
      message: `makes this HelmChartConfig ${show(target)}, which matches no HelmChart; helm-controller applies a HelmChartConfig only to the HelmChart of the same namespace and name, and ignores it silently otherwise: use one of ${charts.map(show).join(', ')} (K3s' Traefik: kube-system/traefik)`,
    },
  ];
}
