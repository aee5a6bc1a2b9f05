import type { ClusterConfig } from '../config/schema';
import { traefikNamespace } from '../traefik/extra-object-rules';
import { traefikEntryPointPorts } from '../traefik/gateway-values';
import { goTruthy } from '../traefik/go-truth';
import { GATEWAY_NAMESPACE, HTTP_LISTENER, httpsListenerName, routeNamespaces, usesHttp01 } from './model';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** A listener as an HTTPRoute attaches to it: the namespaces it admits (Same: the Gateway's own). */
export interface RouteListener {
  readonly name: string;
  readonly port: number;
  readonly hostname?: string;
  readonly admits: 'All' | 'Same' | readonly string[];
  /** An HTTPS listener: it alone meets an Ingress whose routers are TLS only (a certResolver, ingress/extra-routes.ts). */
  readonly tls: boolean;
}

/** A Gateway on Traefik's web and websecure entrypoints whose HTTPRoutes the route rules judge. */
export interface RouteGateway {
  readonly name: string;
  readonly namespace: string;
  readonly listeners: readonly RouteListener[];
  /** The `httpRoutes` entries on it (the tool's Gateway only). */
  readonly routes: ClusterConfig['httpRoutes'];
  /** The hosts whose HTTPS redirect route is on its HTTP listener at path `/` (the tool's Gateway only). */
  readonly redirects: readonly string[];
  /** Where the namespaces its listeners admit are set, for a Gateway in extraObjects (extra-traefik-gateways.ts). */
  readonly admissionKey?: string;
}

/** The TLS hosts of `httpRoutes` the tool's Gateway redirects to HTTPS: not those of an HTTP-01 issuer, whose solver needs the HTTP listener. */
export function httpsRedirectHosts(config: ClusterConfig): string[] {
  const tls = config.httpRoutes.filter((route) => route.tls?.issuer && !usesHttp01(config.certManager?.issuers, route.tls.issuer));
  return [...new Set(tls.map((route) => route.host))];
}

/** A router Traefik builds from a Gateway route: where it listens, what it matches, and which config entry made it. */
export interface GatewayRouter {
  readonly entryPoint: 'web' | 'websecure';
  readonly host: string;
  /** A path prefix, or with `regexp` a RegularExpression path (Traefik's PathRegexp). */
  readonly path: string;
  readonly regexp?: boolean;
  readonly at: ReadonlyArray<string | number>;
  readonly what: string;
}

/** The Gateway the config writes (wiring.ts, gateway.ts), or undefined without `traefik.gateway`. */
export function toolGateway(config: ClusterConfig): RouteGateway | undefined {
  const { gateway, values = {} } = config.traefik;
  if (!gateway) return undefined;
  const ports = traefikEntryPointPorts(values);
  const admits = routeNamespaces(gateway.routeNamespaces, config.httpRoutes);
  const httpsHosts = new Set(config.httpRoutes.filter((route) => route.tls?.issuer).map((route) => route.host));
  return {
    name: gateway.name,
    namespace: GATEWAY_NAMESPACE,
    routes: config.httpRoutes,
    redirects: httpsRedirectHosts(config),
    listeners: [
      { name: HTTP_LISTENER, port: ports.http, admits, tls: false },
      ...[...httpsHosts].map((host) => ({ name: httpsListenerName(host), port: ports.https, hostname: host, admits, tls: true })),
    ],
  };
}

/** The chart's default listener (traefik/values.yaml `gateway.listeners.web`, v34.2.0 to v41.3.0). */
const CHART_LISTENER: Values = { port: 8000, protocol: 'HTTP' };

/**
 * The chart's own Gateway (traefik-helm-chart templates/gateway.yaml, v34.2.0 to v41.3.0), rendered while
 * `providers.kubernetesGateway.enabled` and `gateway.enabled` (default true) are Go-true: `gateway.name`, else
 * `traefik-gateway`, in `gateway.namespace` (read from v34.5.0), else Traefik's; one listener per
 * `gateway.listeners` entry, merged over the chart's `web`, its `namespacePolicy` the allowedRoutes (a `from`
 * string before v37.0.0, the namespaces object from then). Kept: the HTTP and HTTPS listeners on the ports of
 * web and websecure, where the Ingresses are served; a Selector policy cannot be judged here, so its listener
 * is left out.
 */
export function chartGateway(values: Values): RouteGateway | undefined {
  const provider = isMap(values.providers) && isMap(values.providers.kubernetesGateway) ? values.providers.kubernetesGateway : {};
  const gateway = values.gateway === undefined ? {} : values.gateway;
  if (!goTruthy(provider.enabled) || !isMap(gateway) || !goTruthy('enabled' in gateway ? gateway.enabled : true)) return undefined;
  // Helm merges the values over the chart's: a map key by key, a null removes the default.
  const given = gateway.listeners === undefined ? {} : gateway.listeners;
  if (!isMap(given)) return undefined;
  const entries: Array<[string, unknown]> = Object.entries({ web: CHART_LISTENER, ...given });
  const ports = traefikEntryPointPorts(values);
  const listeners = entries.flatMap(([name, value]): RouteListener[] => {
    if (!isMap(value)) return [];
    const listener = name === 'web' ? { ...CHART_LISTENER, ...value } : value;
    const policy = listener.namespacePolicy;
    const from = isMap(policy) ? (policy.from ?? 'Same') : (policy ?? 'Same');
    const { port, protocol } = listener;
    if ((from !== 'All' && from !== 'Same') || (protocol !== 'HTTP' && protocol !== 'HTTPS')) return [];
    if (port !== ports.http && port !== ports.https) return [];
    return [{ name, port, admits: from, tls: protocol === 'HTTPS', ...(text(listener.hostname) && { hostname: text(listener.hostname) }) }];
  });
  return {
    name: text(gateway.name) ?? 'traefik-gateway',
    namespace: text(gateway.namespace) ?? traefikNamespace(values),
    listeners,
    routes: [],
    redirects: [],
  };
}
