import type { ClusterConfig } from '../config/schema';
import { Report } from '../core/problem';
import { k3sInventory } from '../k3s/inventory';
import { KUBE_VIP_NODE_ROLES } from '../kube-vip/model';
import type { EffectiveTraefik } from './effective';
import { renderedInteger } from './yaml-number';

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const HOSTNAME = 'kubernetes.io/hostname';

/**
 * The labels this tool knows a node carries: `kubernetes.io/hostname` is the K3s `node-name` (K3s passes it to the
 * kubelet as --hostname-override), and a server carries the control-plane roles as "true" (k3s-io/k3s
 * pkg/server/server.go setNodeLabelsAndAnnotations). Other labels may be added by hand, so a selector on them is not judged.
 */
function knownLabel(node: { name: string; role: 'server' | 'agent' }, key: string): string | undefined {
  if (key === HOSTNAME) return node.name;
  if ((KUBE_VIP_NODE_ROLES as readonly string[]).includes(key)) return node.role === 'server' ? 'true' : undefined;
  return undefined;
}
const judged = (key: string) => key === HOSTNAME || (KUBE_VIP_NODE_ROLES as readonly string[]).includes(key);

/**
 * `nodeSelector` (the chart renders it beside `affinity` in the pod template, traefik/traefik-helm-chart
 * traefik/templates/_podtemplate.tpl, v20 to v41) judged with the placement this tool writes (placement-values.ts):
 * with `Local`, the control-plane nodes only and, for several pods, one pod per node; with `Cluster`, a spread.
 * A selector that leaves pods no node is refused as the same `affinity` is.
 */
export function checkTraefikNodeSelector(config: ClusterConfig, traefik: EffectiveTraefik, error: Report, warn: Report): void {
  const selector = traefik.values.nodeSelector;
  const inventory = k3sInventory(config);
  if (!isMap(selector) || !inventory || traefik.kind.value === 'DaemonSet') return;
  const terms = Object.entries(selector).filter(([key]) => judged(key));
  if (!terms.length) return;
  const local = config.traefik.externalTrafficPolicy === 'Local';
  const eligible = inventory.nodes
    .filter((node) => !local || node.role === 'server')
    .filter((node) => terms.every(([key, value]) => knownLabel(node, key) === String(value)));
  const pods = (traefik.autoscaling ? renderedInteger(traefik.autoscaling.maxReplicas) : undefined) ?? traefik.replicas.value;
  const path = ['traefik', 'values', 'nodeSelector'];
  const shown = JSON.stringify(Object.fromEntries(terms));
  const names = eligible.map((node) => node.name).join(', ');
  if (!eligible.length) {
    const held = local ? ' (with traefik.externalTrafficPolicy Local this tool holds Traefik to the control-plane nodes)' : '';
    const candidates = (local ? inventory.servers : inventory.nodes).map((node) => node.name).join(', ');
    error(
      path,
      `selects ${shown}, which no node Traefik may run on carries${held}, so every Traefik pod stays Pending and nothing ` +
        `serves ingress: select among ${candidates}, or remove the key`,
    );
  } else if (local && pods > eligible.length) {
    error(
      path,
      `selects ${shown}, which leaves ${eligible.length} control-plane node(s) (${names}), but with traefik.externalTrafficPolicy Local this tool ` +
        `places one Traefik pod per node, so ${pods - eligible.length} of the ${pods} pods stay Pending and every node drain hangs: ` +
        `select at least ${pods} servers, or remove the key`,
    );
  } else if (!local && pods > eligible.length) {
    warn(
      path,
      `selects ${shown}, which leaves ${eligible.length} node(s) (${names}) for ${pods} Traefik pods, so some nodes run two and losing ` +
        'one of them loses both: select at least one node per pod, or remove the key',
    );
  }
}
