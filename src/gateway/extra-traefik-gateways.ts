import { isMap } from '../core/is-map';
import { renderedObjects } from '../traefik/extra-objects';
import { traefikNamespace } from '../traefik/extra-object-rules';
import { traefikEntryPointPorts } from '../traefik/gateway-values';
import { apiGroup } from '../validate/kinds';
import type { RouteGateway, RouteListener } from './route-gateways';

type Values = Readonly<Record<string, unknown>>;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * 82a-26: the Gateways among `extraObjects` of Traefik's class (the chart's `gatewayClass.name`, "traefik" when empty), as
 * the route rules judge the tool's and the chart's own (route-gateways.ts): Traefik serves each listener on the entrypoint
 * of its port (extra-gateway-ports.ts), so a route there meets the Ingresses and the other routes of web and websecure.
 * Kept: HTTP and HTTPS listeners on web's or websecure's container port whose `allowedRoutes.namespaces.from` is Same (the
 * Gateway API default) or All; a Selector cannot be judged here, so its listener is left out. An item without a namespace
 * lands in Traefik's. Only while Traefik's Gateway provider is on (the caller's to know).
 */
export function extraTraefikGateways(values: Values): RouteGateway[] {
  const className = (isMap(values.gatewayClass) && text(values.gatewayClass.name)) || 'traefik';
  const ports = traefikEntryPointPorts(values);
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  return items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object): RouteGateway[] => {
      const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
      const spec = isMap(object.spec) ? object.spec : {};
      const metadata = isMap(object.metadata) ? object.metadata : {};
      const name = text(metadata.name);
      if (object.kind !== 'Gateway' || group !== 'gateway.networking.k8s.io' || spec.gatewayClassName !== className || !name) return [];
      const given = Array.isArray(spec.listeners) ? spec.listeners : [];
      const listeners = given.flatMap((listener: unknown): RouteListener[] => {
        if (!isMap(listener) || typeof listener.name !== 'string' || typeof listener.port !== 'number') return [];
        const allowed = isMap(listener.allowedRoutes) && isMap(listener.allowedRoutes.namespaces) ? listener.allowedRoutes.namespaces : {};
        const from = allowed.from ?? 'Same';
        const { port, protocol } = listener;
        if ((from !== 'All' && from !== 'Same') || (protocol !== 'HTTP' && protocol !== 'HTTPS')) return [];
        if (port !== ports.http && port !== ports.https) return [];
        const hostname = text(listener.hostname);
        return [{ name: listener.name, port, admits: from, tls: protocol === 'HTTPS', ...(hostname && { hostname }) }];
      });
      return [
        {
          name,
          namespace: text(metadata.namespace) ?? traefikNamespace(values),
          listeners,
          routes: [],
          redirects: [],
          admissionKey: `traefik.values.extraObjects[${i}].spec.listeners[].allowedRoutes.namespaces`,
        },
      ];
    }),
  );
}
