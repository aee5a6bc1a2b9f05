import { Path, Problem } from '../core/problem';
import type { ClusterConfig } from '../config/schema';
import { GATEWAY_NAMESPACE, GATEWAY_OUTRANKS_INGRESS, HTTP_LISTENER, httpsListenerName, routeNamespaces } from '../gateway/model';
import { renderedObjects } from '../traefik/extra-objects';
import { traefikEntryPointPorts } from '../traefik/gateway-values';
import { apiGroup } from '../validate/kinds';
import { routeKey } from './extra-routes';

type Values = Readonly<Record<string, unknown>>;
const isMap = (value: unknown): value is Values => typeof value === 'object' && value !== null && !Array.isArray(value);
const GROUP = 'gateway.networking.k8s.io';

interface Listener {
  readonly name: string;
  readonly port: number;
  readonly hostname?: string;
}

/** The tool's Gateway (traefik.gateway), as an HTTPRoute attaches to it: kube-system/<name>, its listeners, the namespaces it admits. */
export interface ToolGateway {
  readonly name: string;
  readonly admits: 'All' | 'Same' | readonly string[];
  readonly listeners: readonly Listener[];
}

/** The Gateway the config writes (gateway/wiring.ts, gateway/gateway.ts), or undefined without `traefik.gateway`. */
export function toolGateway(config: ClusterConfig): ToolGateway | undefined {
  const { gateway, values = {} } = config.traefik;
  if (!gateway) return undefined;
  const ports = traefikEntryPointPorts(values);
  const httpsHosts = new Set(config.httpRoutes.filter((route) => route.tls?.issuer).map((route) => route.host));
  return {
    name: gateway.name,
    admits: routeNamespaces(gateway.routeNamespaces, config.httpRoutes),
    listeners: [
      { name: HTTP_LISTENER, port: ports.http },
      ...[...httpsHosts].map((host) => ({ name: httpsListenerName(host), port: ports.https, hostname: host })),
    ],
  };
}

/** Gateway API hostname matching: `*.d` matches any host under d (one label or more), never d itself (apis/v1/httproute_types.go Hostnames). */
function hostMatches(pattern: string, host: string): boolean {
  const [p, h] = [pattern.toLowerCase(), host.toLowerCase()];
  return p === h || (p.startsWith('*.') && !h.startsWith('*.') && h.endsWith(p.slice(1)));
}

/**
 * The listeners of the tool's Gateway an HTTPRoute in `namespace` attaches to, by Gateway API's ParentReference
 * (gateway-api apis/v1/shared_types.go, v1.2): group and kind default to the Gateway, namespace to the route's own;
 * `sectionName` narrows to the listener of that name, `port` to the listeners of that port (both: both must hold);
 * a listener takes only routes of the namespaces its allowedRoutes admit (ours: Same is kube-system alone, a list
 * always holds kube-system, gateway/gateway.ts routeSelection).
 */
function attachedListeners(parentRefs: unknown, namespace: string, gateway: ToolGateway): Listener[] {
  const { admits } = gateway;
  const admitted = admits === 'All' || namespace === GATEWAY_NAMESPACE || (Array.isArray(admits) && admits.includes(namespace));
  if (!admitted || !Array.isArray(parentRefs)) return [];
  return parentRefs.flatMap((ref: unknown) => {
    if (!isMap(ref) || (ref.group ?? GROUP) !== GROUP || (ref.kind ?? 'Gateway') !== 'Gateway') return [];
    if (ref.name !== gateway.name || (ref.namespace ?? namespace) !== GATEWAY_NAMESPACE) return [];
    return gateway.listeners.filter(
      (listener) => (ref.sectionName ?? listener.name) === listener.name && (ref.port ?? listener.port) === listener.port,
    );
  });
}

/**
 * The path prefixes of an HTTPRoute's simple matches (a PathPrefix and nothing else), with their key path. The
 * CRD's defaults count: no rules, no matches or no path is PathPrefix `/`. Exact and RegularExpression paths, and
 * matches narrowed by headers, query parameters or method, are left alone, as the IngressRoute rule leaves other forms.
 */
function prefixesOf(spec: Values): Array<{ prefix: string; at: Path }> {
  const rules = Array.isArray(spec.rules) ? spec.rules : [{}];
  return rules.flatMap((rule: unknown, j: number) => {
    const matches = isMap(rule) && Array.isArray(rule.matches) && rule.matches.length ? rule.matches : [{}];
    return matches.flatMap((match: unknown, k: number) => {
      if (!isMap(match) || ['headers', 'queryParams', 'method'].some((key) => match[key] !== undefined)) return [];
      const path = isMap(match.path) ? match.path : {};
      const prefix = path.value ?? '/';
      if ((path.type ?? 'PathPrefix') !== 'PathPrefix' || typeof prefix !== 'string') return [];
      return [{ prefix, at: isMap(rule) && Array.isArray(rule.matches) ? ['rules', j, 'matches', k] : ['rules', j] }];
    });
  });
}

/**
 * `extraObjects` HTTPRoutes attached to the tool's Gateway that take an Ingress' requests: a listener and one of
 * the route's hostnames (none: every host) accept the Ingress' host, and a path prefix covers its path. Traefik
 * ranks Gateway routes above Ingress routes, so the Ingress gets none of them: refused as an IngressRoute on
 * the Ingress' host and path is (extra-routes.ts). HTTPRoutes attached to other Gateways are left alone.
 */
export function gatewayRouteProblems(
  values: Values,
  prefix: Path,
  ingresses: ReadonlyArray<{ readonly host: string; readonly path: string }>,
  gateway: ToolGateway,
): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  return items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object) => {
      const { apiVersion, kind } = object;
      if (kind !== 'HTTPRoute' || typeof apiVersion !== 'string' || apiGroup(apiVersion) !== GROUP) return [];
      const spec = isMap(object.spec) ? object.spec : {};
      const metadata = isMap(object.metadata) ? object.metadata : {};
      const listeners = attachedListeners(spec.parentRefs, String(metadata.namespace ?? GATEWAY_NAMESPACE), gateway);
      const hostnames = Array.isArray(spec.hostnames) ? spec.hostnames.filter((name) => typeof name === 'string') : [];
      const takes = (host: string) =>
        listeners.some((listener) => !listener.hostname || hostMatches(listener.hostname, host)) &&
        (!hostnames.length || hostnames.some((name) => hostMatches(name, host)));
      const prefixes = prefixesOf(spec);
      const seen = new Set<string>();
      return ingresses.flatMap(({ host, path }, n) => {
        // A second Ingress on the same route is refused already (rules.ts).
        const key = routeKey(host, path);
        const first = !seen.has(key);
        seen.add(key);
        if (!first || !takes(host)) return [];
        const covering = prefixes.find(({ prefix: p }) => key.startsWith(routeKey(host, p)));
        if (!covering) return [];
        const also = covering.prefix === path ? '' : ` (path prefix "${covering.prefix}" of this HTTPRoute covers it)`;
        return [
          {
            path: [...prefix, 'values', 'extraObjects', i, 'spec', ...covering.at],
            message:
              `host "${host}" with path "${path}" is already routed by ingresses[${n}]${also}; this HTTPRoute on Gateway ` +
              `"${gateway.name}" would get all its traffic (${GATEWAY_OUTRANKS_INGRESS}): change the host or the path, ` +
              'or remove the Ingress',
          },
        ];
      });
    }),
  );
}
