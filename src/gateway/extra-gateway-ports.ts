import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { renderedObjects } from '../traefik/extra-objects';
import { traefikEntryPointPorts } from '../traefik/gateway-values';
import { apiGroup } from '../validate/kinds';

type Values = Readonly<Record<string, unknown>>;

/** The chart's own entrypoints' container ports besides web and websecure (traefik/values.yaml `ports.traefik`, `ports.metrics`). */
const OTHER_CHART_PORTS: Readonly<Record<string, number>> = { traefik: 8080, metrics: 9100 };

/**
 * `extraObjects` Gateways whose listener port is no entrypoint's container port (51b-5): Traefik's Gateway provider
 * binds a listener to the entrypoint of that port (traefik/traefik pkg/provider/kubernetes/gateway, v3: "no matching
 * entryPoint for port and protocol", the listener is not served), so a listener on the Service's 80/443 or any other
 * port serves nothing, as docs/gateway-api.md says of the first-class `traefik.gateway` (which writes 8000/8443).
 * Ports: web's and websecure's (8000, 8443 unless `ports.<name>.port`), and every `ports.<name>.port` set. A Gateway of
 * another class is another controller's.
 */
export function extraGatewayPortProblems(values: Values, prefix: Path): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const { http, https } = traefikEntryPointPorts(values);
  const ports = new Set<number>([http, https]);
  const given = isMap(values.ports) ? values.ports : {};
  for (const [name, port] of Object.entries(OTHER_CHART_PORTS)) if (!(name in given) || isMap(given[name])) ports.add(port);
  for (const entry of Object.values(given)) if (isMap(entry) && typeof entry.port === 'number') ports.add(entry.port);
  const known = [...ports].sort((a, b) => a - b).join(', ');
  // Only a Gateway of Traefik's class is Traefik's to serve (the chart's `gatewayClass.name`, "traefik" when empty).
  const className = isMap(values.gatewayClass) && typeof values.gatewayClass.name === 'string' && values.gatewayClass.name;
  const traefikClass = className || 'traefik';
  return items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object): Problem[] => {
      const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
      if (object.kind !== 'Gateway' || group !== 'gateway.networking.k8s.io') return [];
      const spec = isMap(object.spec) ? object.spec : {};
      if (typeof spec.gatewayClassName === 'string' && spec.gatewayClassName !== traefikClass) return [];
      const listeners = Array.isArray(spec.listeners) ? spec.listeners : [];
      return listeners.flatMap((listener: unknown, j: number): Problem[] => {
        if (!isMap(listener) || typeof listener.port !== 'number' || ports.has(listener.port)) return [];
        return [
          {
            path: [...prefix, 'values', 'extraObjects', i, 'spec', 'listeners', j, 'port'],
            message:
              `is ${listener.port}, which is no Traefik entrypoint's container port (${known}), so Traefik finds no entrypoint for ` +
              `the listener and it serves nothing: use the entrypoint's container port (web ${http}, websecure ${https}), not the Service's port`,
          },
        ];
      });
    }),
  );
}
