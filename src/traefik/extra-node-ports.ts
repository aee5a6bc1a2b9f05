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
 * entrypoint) count as taken; a text item is judged by the objects it reads as, at the item. A `healthCheckNodePort`
 * (of Traefik's Service, its additionalServices (from chart v27, `servicesByName`) or an extraObjects LoadBalancer) comes
 * from the same allocator (pkg/registry/core/service/storage/alloc.go allocHealthCheckNodePort), so it takes its number
 * from every other port, its own Service's nodePorts included.
 */
export function extraNodePortProblems(values: Values, entrypoints: readonly Entrypoint[], prefix: Path, servicesByName = true): Problem[] {
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
  const holder = (label: string, service: string) => (service === "Traefik's" ? `${label} (Traefik's Service)` : `${label} (${service})`);
  for (const { health, path, label, service } of chartHealthPorts(values, prefix, servicesByName)) {
    const other = taken.get(health);
    if (other) problems.push({ path, message: healthTaken(health, service, holder(other.label, other.service)) });
    else taken.set(health, { label, service, protocols: new Set([HEALTH]) });
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
        const outside = nodePortRangeProblem(node, service, FAILS);
        if (outside) {
          problems.push({ path, message: outside });
          return;
        }
        const other = taken.get(node);
        if (!other) {
          taken.set(node, { label: `extraObjects[${i}].spec.ports[${j}].nodePort`, service, protocols: new Set([protocol]) });
          return;
        }
        if (other.service === service && !other.protocols.has(protocol) && !other.protocols.has(HEALTH)) {
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
      const health = spec.type === 'LoadBalancer' ? healthPort(spec.healthCheckNodePort) : undefined;
      if (health === undefined) continue;
      const path = typeof item === 'string' ? itemPath : [...itemPath, 'spec', 'healthCheckNodePort'];
      const other = taken.get(health);
      if (other) problems.push({ path, message: healthTaken(health, service, holder(other.label, other.service)) });
      else taken.set(health, { label: `extraObjects[${i}].spec.healthCheckNodePort`, service, protocols: new Set([HEALTH]) });
    }
  });
  return problems;
}

/** The protocol mark of a healthCheckNodePort: it shares its number with no port, not even its own Service's. */
const HEALTH = 'health';

/** A healthCheckNodePort the allocator would be asked for: a whole number in the node-port range (others are service-rules.ts'). */
const healthPort = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= NODE_PORTS.min && value <= NODE_PORTS.max ? value : undefined;

const healthTaken = (port: number, service: string, other: string) =>
  `is ${port}, the healthCheckNodePort of ${service === "Traefik's" ? "Traefik's Service" : service}, but ${other} already takes node port ${port}; ` +
  `the API server takes a healthCheckNodePort from the same node-port allocator as nodePorts and gives a port to one use only ` +
  `("provided port is already allocated"), ${FAILS}: give each its own port, or remove the key (Kubernetes then picks one)`;

/**
 * The healthCheckNodePorts the chart writes with `spec` (templates/_service.tpl: `toYaml .spec`): Traefik's own Service's
 * and each enabled `service.additionalServices.<name>`'s. A Service other than LoadBalancer with Local is refused at the key
 * by service-rules.ts; its number is still asked of the allocator here, as the user means it to be.
 */
function chartHealthPorts(values: Values, prefix: Path, servicesByName: boolean) {
  const service = isMap(values.service) ? values.service : {};
  if (service.enabled === false) return [];
  const blocks: Array<[Values, string[], string]> = [[service, ['service'], "Traefik's"]];
  const additional = servicesByName && isMap(service.additionalServices) ? service.additionalServices : {};
  for (const [name, extra] of Object.entries(additional))
    if (isMap(extra) && extra.enabled !== false)
      blocks.push([extra, ['service', 'additionalServices', name], `additional Service ${quotedText(name, () => false, '')}`]);
  return blocks.flatMap(([block, at, owner]) => {
    const health = healthPort(isMap(block.spec) ? block.spec.healthCheckNodePort : undefined);
    if (health === undefined) return [];
    const key = [...at, 'spec', 'healthCheckNodePort'];
    return [{ health, path: [...prefix, 'values', ...key], label: key.map((k) => keyText(k)).join('.'), service: owner }];
  });
}

/**
 * A nodePort (not 0) of `service` outside K3s' default service-node-port-range, which the API server refuses; `fails`
 * says what that refusal takes down. Also said of a Service beside a K3sVipCluster (output/construct-sibling-services.ts).
 */
export function nodePortRangeProblem(node: number, service: string, fails: string): string | undefined {
  if (Number.isInteger(node) && node >= NODE_PORTS.min && node <= NODE_PORTS.max) return undefined;
  return (
    `is ${node}, the nodePort of ${service}, where the API server takes only ${NODE_PORTS.min} to ${NODE_PORTS.max} ` +
    `(K3s' default service-node-port-range), ${fails}: write a port from ${NODE_PORTS.min} to ${NODE_PORTS.max}, or remove the key (Kubernetes then picks one)`
  );
}
