import { labelKey } from '../config/formats';
import { portNameProblem } from '../core/port-name';
import { podSpecsOf } from './container-rules';
import { FieldPath, Finding, isRecord, show } from './paths';
import { compareQuantities, parseQuantity, Quantity } from './quantity';
import { envSourceProblems } from './env-sources';
import { podSpecProblems } from './pod-spec-rules';
import { podAdmissionProblems } from './pod-admission-rules';
import { httpHeaderProblems } from './http-headers';

type Node = Record<string, unknown>;
const REFUSED = 'which the API server refuses';
const has = (node: Node, key: string): boolean => node[key] !== undefined && node[key] !== null;
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const portNumber = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;

/**
 * The API server's rules for the fields of every container and init container of a pod spec, beyond the schema's types
 * (kubernetes/kubernetes pkg/apis/core/validation/validation.go, v1.27 to v1.35: validateContainers, validateInitContainers,
 * validateContainerCommon, validateContainerOnlyForPod, validateContainerPorts, ValidateContainerResourceRequirements,
 * validateProbe/validateLivenessProbe/validateStartupProbe/validateReadinessProbe, validateHandler, validateLifecycle,
 * ValidateEnv, validateEnvVarValueFrom, validateObjectFieldSelector, validateContainerResourceFieldSelector), and a
 * terminationGracePeriodSeconds that survives the trip through YAML and Helm. One rule set for extraObjects workloads,
 * Traefik's own pod (pod-containers.ts) and `npm run validate`. Values of the wrong type are the schema's to refuse and
 * are skipped here. Paths lie below the pod spec.
 */
export function containerFieldProblems(spec: Node): Finding[] {
  const findings: Finding[] = [
    ...gracePeriodProblems(spec.terminationGracePeriodSeconds, ['terminationGracePeriodSeconds']),
    ...podSpecProblems(spec),
    ...podAdmissionProblems(spec),
  ];
  for (const list of ['containers', 'initContainers'] as const)
    items(spec[list]).forEach((container, i) => {
      if (!isRecord(container)) return;
      const at: FieldPath = [list, i];
      const init = list === 'initContainers' && container.restartPolicy !== 'Always';
      findings.push(
        ...imageProblems(container, at),
        ...portProblems(container.ports, [...at, 'ports']),
        ...resourceProblems(container.resources, [...at, 'resources']),
        ...(init ? initOnlyProblems(container, at) : handlerProblems(container, at)),
        ...envProblems(container.env, [...at, 'env']),
        ...envSourceProblems(container, at),
      );
    });
  return findings;
}

/** containerFieldProblems in each pod spec of a workload (API_SERVER_RULES 'container-fields'). */
export function checkContainerFields(object: Node): Finding[] {
  return podSpecsOf(object).flatMap(({ path, spec }) =>
    containerFieldProblems(spec).map((finding) => ({ ...finding, path: [...path, ...finding.path] })),
  );
}

/**
 * A grace period beyond 2^53-1: YAML readers in JavaScript and Helm (which reads values as float64) keep a whole number
 * exactly only up to 9007199254740991, so a larger one may be written as another number (2^63 as 9223372036854776000), and
 * one beyond int64 (1e20) cannot be decoded by the API server at all. Also the values' deployment.terminationGracePeriodSeconds
 * (pod-value-types.ts). A number the schema's int64 format refuses (above 2^63) is left to it.
 */
export function gracePeriodProblems(value: unknown, path: FieldPath, beyondInt64 = false, written = ''): Finding[] {
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) <= Number.MAX_SAFE_INTEGER) return [];
  if (!beyondInt64 && Math.abs(value) > 2 ** 63) return [];
  return [
    {
      path,
      message:
        `is ${show(value)}${written}, beyond 9007199254740991 (2^53-1), the largest whole number YAML and Helm carry exactly, so it may be written as ` +
        `another number${Math.abs(value) >= 2 ** 63 ? ' outside int64, which the API server cannot decode' : ''}, while the API server wants an ` +
        'int64 of seconds: write a number of seconds such as 30 (or at most 9007199254740991)',
    },
  ];
}

function imageProblems(container: Node, at: FieldPath): Finding[] {
  const { image } = container;
  if (image === undefined || image === null || image === '')
    return [
      {
        path: [...at, 'image'],
        message: `is ${image === undefined ? 'missing' : show(image)}, ${REFUSED} in every container and init container ("Required value", validateContainerCommon): name an image such as busybox:1.36`,
      },
    ];
  if (typeof image === 'string' && image.trim() !== image)
    return [
      {
        path: [...at, 'image'],
        message: `is ${show(image)}, with spaces around it, ${REFUSED} in a pod ("must not have leading or trailing whitespace", validateContainerOnlyForPod), so no pod of it is created: write ${show(image.trim())}`,
      },
    ];
  return [];
}

function portProblems(ports: unknown, at: FieldPath): Finding[] {
  const findings: Finding[] = [];
  const names = new Map<string, number>();
  items(ports).forEach((port, i) => {
    if (!isRecord(port)) return;
    const { name, containerPort, hostPort } = port;
    if (typeof name === 'string' && name !== '') {
      const why = portNameProblem(name);
      if (why)
        findings.push({
          path: [...at, i, 'name'],
          message: `is ${show(name)}, ${REFUSED} as a port name (an IANA_SVC_NAME: at most 15 lower-case letters, digits and '-', with a letter; ${why}): write a name such as metrics`,
        });
      else if (names.has(name))
        findings.push({
          path: [...at, i, 'name'],
          message: `is ${show(name)}, the name of ports[${names.get(name)}] too, and the API server refuses one port name twice in a container ("Duplicate value"): give it another name`,
        });
      else names.set(name, i);
    }
    for (const [key, value] of [
      ['containerPort', containerPort],
      ['hostPort', hostPort],
    ] as const)
      if (typeof value === 'number' && !portNumber(value) && !(key === 'hostPort' && value === 0))
        findings.push({
          path: [...at, i, key],
          message: `is ${show(value)}, ${REFUSED} (a port number is a whole number from 1 to 65535${key === 'hostPort' ? ', or 0 for none' : ''}, validateContainerPorts): write a port such as 8080`,
        });
  });
  return findings;
}

function resourceProblems(resources: unknown, at: FieldPath): Finding[] {
  if (!isRecord(resources)) return [];
  const findings: Finding[] = [];
  const read = (group: 'limits' | 'requests'): Map<string, Quantity> => {
    const found = new Map<string, Quantity>();
    const map = resources[group];
    if (!isRecord(map)) return found;
    for (const [name, value] of Object.entries(map)) {
      const quantity = parseQuantity(value);
      if (!quantity) continue;
      if (quantity.num < 0n)
        findings.push({
          path: [...at, group, name],
          message: `is ${show(value)}, a negative quantity, ${REFUSED} ("must be greater than or equal to 0", ValidateResourceQuantityValue): write a quantity such as ${name === 'cpu' ? '100m' : '128Mi'}`,
        });
      else found.set(name, quantity);
    }
    return found;
  };
  const limits = read('limits');
  const requests = read('requests');
  for (const name of new Set([...limits.keys(), ...requests.keys()])) {
    const group = limits.has(name) ? 'limits' : 'requests';
    const message = resourceNameProblem(name, (limits.get(name) ?? requests.get(name))!, (resources[group] as Node)[name]);
    if (message) findings.push({ path: [...at, group, name], message });
  }
  // validateContainerResourceRequirements: "HugePages require cpu or memory" (in limits or requests).
  const names = [...limits.keys(), ...requests.keys()];
  if (names.some((name) => name.startsWith('hugepages-')) && !names.some((name) => name === 'cpu' || name === 'memory'))
    findings.push({
      path: at,
      message: `names hugepages but neither cpu nor memory, ${REFUSED} ("HugePages require cpu or memory", ValidateContainerResourceRequirements): set a memory limit too, such as limits.memory: 128Mi`,
    });
  for (const [name, request] of requests) {
    const limit = limits.get(name);
    // Extended resources (a domain prefix outside kubernetes.io) and hugepages cannot be overcommitted.
    if (isExtended(name) || name.startsWith('hugepages-')) {
      if (!limit || compareQuantities(request, limit) !== 0)
        findings.push({
          path: [...at, 'requests', name],
          message: `is ${show((resources.requests as Node)[name])}, ${limit ? `not equal to limits.${name} (${show((resources.limits as Node)[name])})` : `with no limits.${name}`}, ${REFUSED} for a resource that cannot be overcommitted (${limit ? `"must be equal to ${name} limit"` : '"Limit must be set for non overcommitable resources"'}, ValidateContainerResourceRequirements): set limits.${name} to the same quantity (or only the limit: the request defaults to it)`,
        });
    } else if (limit && compareQuantities(request, limit) > 0) {
      const [asked, most] = [(resources.requests as Node)[name], (resources.limits as Node)[name]];
      findings.push({
        path: [...at, 'requests', name],
        message: `is ${show(asked)}, above limits.${name} (${show(most)}), ${REFUSED} ("must be less than or equal to ${name} limit", ValidateContainerResourceRequirements): request at most ${show(most)}, or raise the limit`,
      });
    }
  }
  return findings;
}

const STANDARD_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
const isExtended = (name: string): boolean => name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');

/**
 * validateContainerResourceName and ValidateResourceQuantityValue: a name without a prefix is cpu, memory,
 * ephemeral-storage or hugepages-<size> ("must be a standard resource for containers"); an extended resource is a whole
 * number ("must be an integer").
 */
function resourceNameProblem(name: string, quantity: Quantity, value: unknown): string | undefined {
  if (!name.includes('/') && !STANDARD_RESOURCES.includes(name) && !name.startsWith('hugepages-'))
    return `names ${show(name)}, ${REFUSED} ("must be a standard resource for containers", validateContainerResourceName): write cpu, memory, ephemeral-storage, hugepages-<size>, or an extended resource with a domain such as nvidia.com/gpu`;
  if (isExtended(name) && quantity.num % quantity.den !== 0n)
    return `is ${show(value)}, a fraction of ${show(name)}, an extended resource, which is counted in whole units, ${REFUSED} ("must be an integer", ValidateResourceQuantityValue): write a whole number such as 1`;
  return undefined;
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
// LifecycleHandler: the Kubernetes 1.27 schema's, and `sleep`, which later-fields.ts serves by the cluster's release.
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];
/** Traefik's ping endpoint on the chart's `traefik` port is what the chart's own probes ask (templates/_podtemplate.tpl). */
const NO_PROBE_HANDLER =
  "add one, such as httpGet: {path: /ping, port: 9000} (Traefik's ping on the chart's traefik port) or tcpSocket: {port: 8080}";
const PROBE_COUNTS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'];

/** An init container without restartPolicy Always may have no probe and no lifecycle (validateInitContainers). */
function initOnlyProblems(container: Node, at: FieldPath): Finding[] {
  return [...PROBES, 'lifecycle' as const]
    .filter((key) => has(container, key))
    .map((key) => ({
      path: [...at, key],
      message: `is set on an init container, ${REFUSED} ("may not be set for init containers without restartPolicy=Always", validateInitContainers): remove it (an init container runs to completion before the pod's containers start)`,
    }));
}

function handlerProblems(container: Node, at: FieldPath): Finding[] {
  const findings: Finding[] = [];
  for (const key of PROBES) {
    const probe = container[key];
    if (!isRecord(probe)) continue;
    findings.push(...oneHandler(probe, PROBE_HANDLERS, [...at, key], 'probe'));
    for (const count of PROBE_COUNTS)
      if (typeof probe[count] === 'number' && (probe[count] as number) < 0)
        findings.push({
          path: [...at, key, count],
          message: `is ${show(probe[count])}, a negative count, ${REFUSED} (validateProbe): write 0 or more`,
        });
    const grace = probe.terminationGracePeriodSeconds;
    if (has(probe, 'terminationGracePeriodSeconds') && (key === 'readinessProbe' || (typeof grace === 'number' && grace <= 0)))
      findings.push({
        path: [...at, key, 'terminationGracePeriodSeconds'],
        message:
          key === 'readinessProbe'
            ? `is set on a readinessProbe, ${REFUSED} ("must not be set for readinessProbes", validateReadinessProbe): remove it`
            : `is ${show(grace)}, ${REFUSED} ("must be greater than 0", validateProbe): write a number of seconds such as 30, or remove it`,
      });
    if (key !== 'readinessProbe' && typeof probe.successThreshold === 'number' && probe.successThreshold !== 1)
      findings.push({
        path: [...at, key, 'successThreshold'],
        message: `is ${show(probe.successThreshold)}, but a ${key}'s successThreshold must be 1 (validate${key === 'livenessProbe' ? 'Liveness' : 'Startup'}Probe), ${REFUSED}: write 1 or remove the key`,
      });
  }
  const lifecycle = container.lifecycle;
  if (isRecord(lifecycle))
    for (const key of ['postStart', 'preStop'])
      if (isRecord(lifecycle[key]))
        findings.push(...oneHandler(lifecycle[key] as Node, LIFECYCLE_HANDLERS, [...at, 'lifecycle', key], 'handler'));
  return findings;
}

/** Exactly one handler, an exec with a command, and a port a port (validateHandler, validateExecAction, ValidatePortNumOrName). */
function oneHandler(node: Node, handlers: readonly string[], at: FieldPath, what: string): Finding[] {
  const set = handlers.filter((key) => has(node, key));
  if (set.length !== 1)
    return [
      {
        path: at,
        message:
          `${set.length ? `names ${set.length} handlers (${set.join(', ')})` : 'names no handler'}, ${REFUSED} (a ${what} has exactly one of ` +
          `${handlers.join(', ')}: ${set.length ? '"may not specify more than 1 handler type"' : '"must specify a handler type"'}, validateHandler): ` +
          (set.length
            ? `keep one of ${set.join(', ')}`
            : what === 'probe'
              ? NO_PROBE_HANDLER
              : 'add one, such as exec: {command: [sleep, "5"]}'),
      },
    ];
  const handler = node[set[0]];
  if (!isRecord(handler)) return [];
  if (set[0] === 'exec' && items(handler.command).length === 0)
    return [
      {
        path: [...at, 'exec', 'command'],
        message: `is ${has(handler, 'command') ? 'empty' : 'missing'}, ${REFUSED} in an exec handler (validateExecAction): name the command to run, such as [cat, /tmp/ready]`,
      },
    ];
  const headers = set[0] === 'httpGet' ? httpHeaderProblems(handler, [...at, 'httpGet']) : [];
  const port = handler.port;
  const bad =
    typeof port === 'number'
      ? !portNumber(port)
      : typeof port === 'string' && set[0] !== 'grpc'
        ? portNameProblem(port) !== undefined
        : false;
  return bad
    ? [
        {
          path: [...at, set[0], 'port'],
          message: `is ${show(port)}, ${REFUSED} (a port number from 1 to 65535 or a container port's name, ValidatePortNumOrName): write the port the container listens on, such as 8080`,
        },
        ...headers,
      ]
    : headers;
}

/** An env var name as the API server takes it in every supported release: apimachinery IsEnvVarName (as values-kubernetes.ts). */
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const VALUE_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'];
/** validEnvDownwardAPIFieldPathExpressions (status.hostIPs from v1.28). */
const FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
/** validContainerResourceFieldPathExpressions, and the hugepages prefixes. */
const RESOURCE_FIELDS = [
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
];

function envProblems(env: unknown, at: FieldPath): Finding[] {
  const findings: Finding[] = [];
  items(env).forEach((item, i) => {
    if (!isRecord(item)) return;
    const { name, value, valueFrom } = item;
    if (name === '' || (typeof name === 'string' && !ENV_VAR_NAME.test(name)))
      findings.push({
        path: [...at, i, 'name'],
        message: `is ${show(name)}, not an env var name, ${REFUSED} (IsEnvVarName: letters, digits, '_', '-' and '.', not starting with a digit, no '='; ValidateEnv): write a name such as MY_VAR`,
      });
    if (!isRecord(valueFrom)) return;
    const sources = VALUE_SOURCES.filter((key) => has(valueFrom, key));
    if (sources.length !== 1)
      findings.push({
        path: [...at, i, 'valueFrom'],
        message: `names ${sources.length} sources, ${REFUSED} (exactly one of ${VALUE_SOURCES.join(', ')}, validateEnvVarValueFrom): keep one`,
      });
    else if (typeof value === 'string' && value !== '')
      findings.push({
        path: [...at, i, 'value'],
        message: `is set next to valueFrom, ${REFUSED} ("may not be specified when \`value\` is not empty", validateEnvVarValueFrom): keep one of the two`,
      });
    findings.push(...fieldRefProblems(valueFrom.fieldRef, [...at, i, 'valueFrom', 'fieldRef']));
    const resource = isRecord(valueFrom.resourceFieldRef) ? valueFrom.resourceFieldRef.resource : undefined;
    if (typeof resource === 'string' && !RESOURCE_FIELDS.includes(resource) && !/^(limits|requests)\.hugepages-/.test(resource))
      findings.push({
        path: [...at, i, 'valueFrom', 'resourceFieldRef', 'resource'],
        message: `is ${show(resource)}, ${REFUSED} (validateContainerResourceFieldSelector: one of ${RESOURCE_FIELDS.join(', ')} or a hugepages one): write one of those, such as limits.memory`,
      });
  });
  return findings;
}

/** validateObjectFieldSelector with the env paths: apiVersion v1 (the default), a listed path, or a label or annotation by key. */
function fieldRefProblems(ref: unknown, at: FieldPath): Finding[] {
  if (!isRecord(ref)) return [];
  const { apiVersion, fieldPath } = ref;
  if (typeof apiVersion === 'string' && apiVersion !== 'v1')
    return [
      {
        path: [...at, 'apiVersion'],
        message: `is ${show(apiVersion)}, ${REFUSED} (the downward API reads fields of v1 pods, ConvertDownwardAPIFieldLabel): write v1 or remove the key`,
      },
    ];
  if (typeof fieldPath !== 'string') return [];
  const subscript = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fieldPath);
  const keyProblem = subscript ? labelKey(subscript[1] === 'annotations' ? subscript[2].toLowerCase() : subscript[2]) : undefined;
  if ((subscript && !keyProblem) || FIELD_PATHS.includes(fieldPath)) return [];
  return [
    {
      path: [...at, 'fieldPath'],
      message:
        `is ${show(fieldPath)}, ${REFUSED} in an env var (validateObjectFieldSelector: one of ${FIELD_PATHS.join(', ')}, ` +
        "or metadata.labels['<key>'] / metadata.annotations['<key>']): write one of those, such as metadata.name",
    },
  ];
}
