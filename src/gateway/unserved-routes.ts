import { isMap } from '../core/is-map';
import { goTruthy } from '../traefik/go-truth';
import { traefikNamespace } from '../traefik/extra-object-rules';
import { apiGroup } from '../validate/kinds';
import { GATEWAY_NAMESPACE } from './model';

type Values = Readonly<Record<string, unknown>>;
const GROUP = 'gateway.networking.k8s.io';
const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** What turns the provider on, as `httpRoutes` is told when it is off (gateway/rules.ts); the other doors say the same. */
export const TURN_ON_GATEWAY = "add `gateway: {}` under traefik, which turns on Traefik's Gateway API provider";

/** The route kinds Traefik's Gateway provider serves from the standard channel K3s installs (traefik v3 pkg/provider/kubernetes/gateway). */
const ROUTE_KINDS: ReadonlySet<unknown> = new Set(['HTTPRoute', 'GRPCRoute']);

/**
 * Whether Traefik's Gateway API provider runs: `traefik.gateway` (the construct's gateway prop), or
 * `providers.kubernetesGateway.enabled` in the values (the chart's `if`, Go truth; a flag alone is refused
 * elsewhere, provider-rules.ts). Without it no Traefik Gateway is ever programmed.
 */
export function gatewayProviderOn(gateway: boolean, values: Values): boolean {
  const providers = isMap(values.providers) ? values.providers : {};
  return gateway || (isMap(providers.kubernetesGateway) && goTruthy(providers.kubernetesGateway.enabled));
}

/**
 * 69b-17: a judge of the Gateway routes among `objects` that only Traefik would serve, while its provider is off: a parentRef (group
 * and kind default to Gateway, namespace to the route's) naming the Gateway this tool writes (kube-system/`traefik`, the
 * default of traefik.gateway.name and of TraefikHttpRoute's gatewayName), the chart's own (`gateway.name`, else
 * traefik-gateway, in Traefik's namespace: traefik-helm-chart templates/gateway.yaml), or a Gateway among `objects`
 * of Traefik's class. A route attached to another controller's Gateway is that controller's. An object without a
 * namespace lands in `landing` (an extraObjects item in the release's, an app object in `default`). The judge gives the
 * Gateway a route names, or undefined.
 */
export function unservedTraefikRoutes(objects: readonly Values[], values: Values, landing: string): (route: Values) => string | undefined {
  // The Gateways are read once for every route: linear in the objects.
  const traefik = traefikGateways(objects, values, landing);
  return (route) => {
    const group = typeof route.apiVersion === 'string' ? apiGroup(route.apiVersion) : '';
    if (!ROUTE_KINDS.has(route.kind) || group !== GROUP) return undefined;
    const spec = isMap(route.spec) ? route.spec : {};
    const metadata = isMap(route.metadata) ? route.metadata : {};
    const own = text(metadata.namespace) ?? landing;
    const refs = Array.isArray(spec.parentRefs) ? spec.parentRefs : [];
    for (const ref of refs) {
      if (!isMap(ref) || (ref.group ?? GROUP) !== GROUP || (ref.kind ?? 'Gateway') !== 'Gateway') continue;
      const name = `${text(ref.namespace) ?? own}/${text(ref.name)}`;
      if (text(ref.name) !== undefined && traefik.has(name)) return name;
    }
    return undefined;
  };
}

/** `namespace/name` of the Gateways Traefik would serve (unservedTraefikRoutes). */
function traefikGateways(objects: readonly Values[], values: Values, landing: string): Set<string> {
  const chart = isMap(values.gateway) ? values.gateway : {};
  const names = new Set([
    `${GATEWAY_NAMESPACE}/traefik`,
    `${text(chart.namespace) ?? traefikNamespace(values)}/${text(chart.name) ?? 'traefik-gateway'}`,
  ]);
  // The chart's `gatewayClass.name`, "traefik" when empty (extra-gateway-ports.ts).
  const className = (isMap(values.gatewayClass) && text(values.gatewayClass.name)) || 'traefik';
  for (const object of objects) {
    const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
    const spec = isMap(object.spec) ? object.spec : {};
    const metadata = isMap(object.metadata) ? object.metadata : {};
    const name = text(metadata.name);
    if (object.kind !== 'Gateway' || group !== GROUP || spec.gatewayClassName !== className || name === undefined) continue;
    names.add(`${text(metadata.namespace) ?? landing}/${name}`);
  }
  return names;
}
