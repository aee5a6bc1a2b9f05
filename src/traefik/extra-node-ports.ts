import { keyText, Path, Problem, quotedText } from '../core/problem';
import type { Entrypoint } from './entrypoints';
import { renderedObjects } from './extra-objects';
import { goTruthy } from './go-truth';
import { NODE_PORTS } from './port-ranges';
import { renderedInteger } from './yaml-number';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
const FAILS = 'so the whole Traefik release (its objects and extraObjects together) fails to install';

/**
 * The nodePorts of Services in `extraObjects` (type NodePort or LoadBalancer), held to the rules of Traefik's own
 * (port-ranges.ts): inside K3s' default service-node-port-range, and no number taken twice. The chart writes the items
 * as they are into the same release (templates/extra-objects.yaml), so the API server's refusal of one fails it all. The
 * node-port allocator is cluster-wide and by number (kubernetes pkg/registry/core/service/portallocator): another
 * Service's port of either protocol holds the number ("provided port is already allocated"); only the ports of one
 * Service may share a number over TCP and UDP. Traefik's own nodePorts (`ports.<name>.nodePort` of an exposed
 * entrypoint) count as taken; a text item is judged by the objects it reads as, at the item.
 */
export function extraNodePortProblems(values: Values, entrypoints: readonly Entrypoint[], prefix: Path): Problem[] {
  const problems: Problem[] = [];
  /** By nodePort: who holds it, its Service and its protocols. */
  const taken = new Map<number, { label: string; service: string; protocols: Set<string> }>();
  const ports = isMap(values.ports) ? values.ports : {};
  for (const entry of entrypoints) {
    const port = isMap(ports[entry.name]) ? (ports[entry.name] as Values) : {};
    const node = entry.services.length && goTruthy(port.nodePort) ? renderedInteger(port.nodePort) : undefined;
    if (node !== undefined && !taken.has(node))
      taken.set(node, { label: `ports.${keyText(entry.name)}.nodePort`, service: "Traefik's", protocols: new Set([entry.protocol]) });
  }
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  items.forEach((item, i) => {
    const itemPath = [...prefix, 'values', 'extraObjects', i];
    for (const object of renderedObjects(item)) {
      const spec = isMap(object.spec) ? object.spec : {};
      if (object.kind !== 'Service' || (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer')) continue;
      const metadata = isMap(object.metadata) ? object.metadata : {};
      const service = `Service ${typeof metadata.name === 'string' ? quotedText(metadata.name, () => false, '') : `extraObjects[${i}]`}`;
      (Array.isArray(spec.ports) ? spec.ports : []).forEach((port: unknown, j: number) => {
        if (!isMap(port) || typeof port.nodePort !== 'number' || port.nodePort === 0) return;
        const node = port.nodePort;
        const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
        const path = typeof item === 'string' ? itemPath : [...itemPath, 'spec', 'ports', j, 'nodePort'];
        if (!Number.isInteger(node) || node < NODE_PORTS.min || node > NODE_PORTS.max) {
          problems.push({
            path,
            message:
              `is ${node}, the nodePort of ${service}, where the API server takes only ${NODE_PORTS.min} to ${NODE_PORTS.max} ` +
              `(K3s' default service-node-port-range), ${FAILS}: write a port from ${NODE_PORTS.min} to ${NODE_PORTS.max}, or remove the key (Kubernetes then picks one)`,
          });
          return;
        }
        const other = taken.get(node);
        if (!other) {
          taken.set(node, { label: `extraObjects[${i}].spec.ports[${j}].nodePort`, service, protocols: new Set([protocol]) });
          return;
        }
        if (other.service === service && !other.protocols.has(protocol)) {
          other.protocols.add(protocol);
          return;
        }
        problems.push({
          path,
          message:
            `is ${node}/${protocol}, the nodePort of ${service}, but ${other.label} (${other.service === "Traefik's" ? "Traefik's Service" : other.service}) ` +
            `already takes node port ${node}, and the API server gives a node port to one Service only, ${FAILS}: give each its own port`,
        });
      });
    }
  });
  return problems;
}
