import type { ClusterConfig } from '../config/schema';
import { Path, Report, shownValue } from '../core/problem';
import { K3sNode, k3sInventory } from '../k3s/inventory';
import { KUBE_VIP_NODE_ROLES } from '../kube-vip/model';
import type { EffectiveTraefik } from './effective';
import { emptyTerm, valuesAffinityProblems } from './node-affinity';
import { renderedInteger } from './yaml-number';
import { checkDaemonSetHostPortRollout, checkHostPortRollout } from './host-port-rollout';
import { isMap } from '../core/is-map';

type Values = Record<string, unknown>;
const HOSTNAME = 'kubernetes.io/hostname';
/** The one field `matchFields` may select on, the node's name (k8s.io/api core/v1 NodeSelectorTerm), judged as the hostname is (81b-19). */
const NODE_NAME_FIELD = 'metadata.name';

/**
 * The labels this tool knows a node carries: `kubernetes.io/hostname` is the K3s `node-name` (K3s passes it to the
 * kubelet as --hostname-override), and a server carries the control-plane roles as "true" (k3s-io/k3s
 * pkg/server/server.go setNodeLabelsAndAnnotations). Other labels may be added by hand, so a selector on them is not judged.
 */
function knownLabel(node: { name: string; role: 'server' | 'agent' }, key: string): string | undefined {
  if (key === HOSTNAME || key === NODE_NAME_FIELD) return node.name;
  if ((KUBE_VIP_NODE_ROLES as readonly string[]).includes(key)) return node.role === 'server' ? 'true' : undefined;
  return undefined;
}
const judged = (key: unknown): key is string =>
  typeof key === 'string' && (key === HOSTNAME || (KUBE_VIP_NODE_ROLES as readonly string[]).includes(key));

/** The operators judged here (k8s.io/api core/v1 NodeSelectorOperator); Gt and Lt on these labels are left alone. */
const OPERATORS: Readonly<Record<string, (label: string | undefined, values: readonly unknown[]) => boolean>> = {
  In: (label, values) => label !== undefined && values.includes(label),
  NotIn: (label, values) => label === undefined || !values.includes(label),
  Exists: (label) => label !== undefined,
  DoesNotExist: (label) => label === undefined,
};

/** A narrowing of the nodes: where it is written, how it reads, and whether a node passes it. */
interface Narrowing {
  readonly path: Path;
  readonly shown: string;
  readonly admits: (node: K3sNode) => boolean;
}

/** `nodeSelector`: every judged label must equal. */
function selectorNarrowing(values: Values, prefix: Path): Narrowing | undefined {
  const selector = values.nodeSelector;
  // A value that is no text is refused on its own (chart-pod-failures.ts): the API server takes none.
  const terms = isMap(selector) ? Object.entries(selector).filter(([key, value]) => judged(key) && typeof value === 'string') : [];
  if (!terms.length) return undefined;
  return {
    path: [...prefix, 'values', 'nodeSelector'],
    shown: `selects ${shownValue(Object.fromEntries(terms))}`,
    admits: (node) => terms.every(([key, value]) => knownLabel(node, key) === value),
  };
}

/**
 * `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`: the terms are ORed, the
 * expressions of a term ANDed (k8s.io/component-helpers scheduling/corev1/nodeaffinity), and an empty term matches no
 * node. Only expressions on the labels this tool knows, and matchFields on the node's name, are judged; one it cannot
 * judge (another label, Gt, Lt) may hold, so it counts as holding. Read only once the API server's rules pass (node-affinity.ts).
 */
function affinityNarrowing(values: Values, prefix: Path): Narrowing | undefined {
  const required = [values.affinity, 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'].reduce((node, key) =>
    isMap(node) ? node[key as string] : undefined,
  );
  const written: unknown[] = isMap(required) && Array.isArray(required.nodeSelectorTerms) ? required.nodeSelectorTerms : [];
  // An empty term is left out: it matches no node, and the other terms are ORed.
  const terms = written
    .filter((term) => !emptyTerm(term))
    .map((term) =>
      [
        ...(isMap(term) && Array.isArray(term.matchExpressions) ? term.matchExpressions : []).filter(
          (e): e is Values => isMap(e) && judged(e.key),
        ),
        ...(isMap(term) && Array.isArray(term.matchFields) ? term.matchFields : []).filter(
          (e): e is Values => isMap(e) && e.key === NODE_NAME_FIELD,
        ),
      ].filter((e) => typeof e.operator === 'string' && Object.hasOwn(OPERATORS, e.operator)),
    );
  if (!terms.some((term) => term.length)) return undefined;
  const listed = (e: Values) => (Array.isArray(e.values) ? e.values : []);
  const shown = terms
    .map((term) =>
      term.length
        ? term.map((e) => `${e.key as string} ${e.operator as string}${listed(e).length ? ` ${shownValue(listed(e))}` : ''}`).join(' and ')
        : 'any node',
    )
    .join(' or ');
  return {
    path: [...prefix, 'values', 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'],
    shown: `requires ${shown}`,
    admits: (node) =>
      terms.some((term) => term.every((e) => OPERATORS[e.operator as string](knownLabel(node, e.key as string), listed(e)))),
  };
}

/**
 * How many nodes a Traefik DaemonSet runs on: one pod on each node of `k3s.servers`/`agents` its `nodeSelector` and
 * required node affinity admit (K3s taints no node by default, so tolerations widen nothing), or undefined without
 * `k3s.servers`. A selector on a label this tool cannot know counts as holding.
 */
export function daemonSetNodeCount(config: ClusterConfig, traefik: EffectiveTraefik): number | undefined {
  const inventory = k3sInventory(config);
  if (!inventory) return undefined;
  const byAffinity = valuesAffinityProblems(traefik.values, ['traefik']).length
    ? undefined
    : affinityNarrowing(traefik.values, ['traefik']);
  const narrowings = [selectorNarrowing(traefik.values, ['traefik']), byAffinity].filter((n): n is Narrowing => !!n);
  return inventory.nodes.filter((node) => narrowings.every((n) => n.admits(node))).length;
}

/**
 * `nodeSelector` and required node `affinity` (the chart renders both in the pod template, traefik/traefik-helm-chart
 * traefik/templates/_podtemplate.tpl, v20 to v41), judged with the placement this tool writes (placement-values.ts):
 * with `Local`, the control-plane nodes only and, for several pods, one pod per node; with `Cluster`, a spread. A
 * placement that leaves pods no node is refused.
 */
export function checkTraefikNodeSelector(config: ClusterConfig, traefik: EffectiveTraefik, error: Report, warn: Report): void {
  if (traefik.kind.value === 'DaemonSet') return checkDaemonSetHostPortRollout(traefik, error);
  const inventory = k3sInventory(config);
  if (!inventory) return;
  const local = config.traefik.externalTrafficPolicy === 'Local';
  // With `Local` the node affinity is this tool's (a different one of the user's is refused as a conflict): `candidates`.
  // An affinity the API server refuses (reported by checkTraefikDeployment) is judged no further.
  const byAffinity =
    local || valuesAffinityProblems(traefik.values, ['traefik']).length ? undefined : affinityNarrowing(traefik.values, ['traefik']);
  const narrowings = [selectorNarrowing(traefik.values, ['traefik']), byAffinity];
  const judgedNarrowings = narrowings.filter((n): n is Narrowing => !!n);
  const candidates = inventory.nodes.filter((node) => !local || node.role === 'server');
  const eligible = candidates.filter((node) => judgedNarrowings.every((n) => n.admits(node)));
  const count: unknown = (traefik.autoscaling ? renderedInteger(traefik.autoscaling.maxReplicas) : undefined) ?? traefik.replicas.value;
  // A count that is no whole number is refused on its own (pod-rules.ts), and judged no further here.
  const pods = typeof count === 'number' && Number.isInteger(count) ? count : 0;
  checkHostPortRollout(traefik, pods, eligible, error);
  // The key to name: the last one that narrows the nodes, with the other beside it.
  const blamed = [...judgedNarrowings].reverse().find((n) => candidates.some((node) => !n.admits(node)));
  if (!blamed) return;
  const path = blamed.path;
  const shown = judgedNarrowings.length > 1 ? judgedNarrowings.map((n) => n.shown).join(', and ') : blamed.shown;
  const remove = judgedNarrowings.length > 1 ? 'or remove one of the keys' : 'or remove the key';
  const names = eligible.map((node) => node.name).join(', ');
  if (!eligible.length) {
    const held = local ? ' (with traefik.externalTrafficPolicy Local this tool holds Traefik to the control-plane nodes)' : '';
    error(
      path,
      `${shown}, which no node Traefik may run on carries${held}, so every Traefik pod stays Pending and nothing ` +
        `serves ingress: select among ${candidates.map((node) => node.name).join(', ')}, ${remove}`,
    );
  } else if (local && pods > eligible.length) {
    error(
      path,
      `${shown}, which leaves ${eligible.length} control-plane node(s) (${names}), but with traefik.externalTrafficPolicy Local this tool ` +
        `places one Traefik pod per node, so ${pods - eligible.length} of the ${pods} pods stay Pending and every node drain hangs: ` +
        `select at least ${pods} servers, ${remove}`,
    );
  } else if (!local && pods > eligible.length) {
    warn(
      path,
      `${shown}, which leaves ${eligible.length} node(s) (${names}) for ${pods} Traefik pods, so some nodes run two and losing ` +
        `one of them loses both: select at least one node per pod, ${remove}`,
    );
  }
}
