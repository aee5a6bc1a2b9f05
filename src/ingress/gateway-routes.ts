import { Path, Problem } from '../core/problem';
import type { ClusterConfig } from '../config/schema';
import { alsoIngressMessage, GATEWAY_NAMESPACE, HTTP_LISTENER, httpsListenerName } from '../gateway/model';
import type { GatewayRouter, RouteGateway, RouteListener as Listener } from '../gateway/route-gateways';
import { renderedObjects } from '../traefik/extra-objects';
import { apiGroup } from '../validate/kinds';
import { routeKey, sameRouteMessage } from './extra-routes';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
const GROUP = 'gateway.networking.k8s.io';

/** Gateway API hostname matching: `*.d` matches any host under d (one label or more), never d itself (apis/v1/httproute_types.go Hostnames). */
function hostMatches(pattern: string, host: string): boolean {
  const [p, h] = [pattern.toLowerCase(), host.toLowerCase()];
  return p === h || (p.startsWith('*.') && !h.startsWith('*.') && h.endsWith(p.slice(1)));
}

/**
 * The listeners of `gateway` an HTTPRoute in `namespace` attaches to, by Gateway API's ParentReference
 * (gateway-api apis/v1/shared_types.go, v1.2): group and kind default to the Gateway, namespace to the route's own;
 * `sectionName` narrows to the listener of that name, `port` to the listeners of that port (both: both must hold);
 * a listener takes only routes of the namespaces its allowedRoutes admit (Same: the Gateway's; the tool's list
 * always holds kube-system, gateway/gateway.ts routeSelection).
 */
function attachedListeners(parentRefs: unknown, namespace: string, gateway: RouteGateway, admission = true): Listener[] {
  if (!Array.isArray(parentRefs)) return [];
  return parentRefs.flatMap((ref: unknown) => {
    if (!isMap(ref) || (ref.group ?? GROUP) !== GROUP || (ref.kind ?? 'Gateway') !== 'Gateway') return [];
    if (ref.name !== gateway.name || (ref.namespace ?? namespace) !== gateway.namespace) return [];
    return gateway.listeners.filter(
      (listener) =>
        (!admission || admits(listener, namespace, gateway)) &&
        (ref.sectionName ?? listener.name) === listener.name &&
        (ref.port ?? listener.port) === listener.port,
    );
  });
}

/** Whether `listener` of `gateway` takes routes of `namespace` (allowedRoutes: All, Same or the listed namespaces). */
const admits = ({ admits: from }: Listener, namespace: string, gateway: RouteGateway): boolean =>
  from === 'All' || namespace === gateway.namespace || (Array.isArray(from) && from.includes(namespace));

/** The namespaces a listener admits, as messages say them. */
const admitted = ({ admits: from }: Listener, gateway: RouteGateway): string =>
  from === 'Same'
    ? `its own namespace, ${gateway.namespace}`
    : `namespaces ${[...new Set([gateway.namespace, ...(from === 'All' ? [] : from)])].sort().join(', ')}`;

/**
 * 72a-4: an `extraObjects` HTTPRoute whose parentRefs name `gateway` from a namespace none of the listeners it names
 * admits: the Gateway refuses it (NotAllowedByListeners, gateway-api apis/v1/shared_types.go RouteConditionReason), so
 * its hosts answer 404, as `httpRoutes[].namespace` outside `traefik.gateway.routeNamespaces` is refused (gateway/rules.ts).
 */
function unadmittedRouteProblems(values: Values, gateway: RouteGateway, key: string): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  return items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object): Problem[] => {
      const { apiVersion, kind } = object;
      if (kind !== 'HTTPRoute' || typeof apiVersion !== 'string' || apiGroup(apiVersion) !== GROUP) return [];
      const spec = isMap(object.spec) ? object.spec : {};
      const metadata = isMap(object.metadata) ? object.metadata : {};
      const namespace = String(metadata.namespace ?? GATEWAY_NAMESPACE);
      const named = attachedListeners(spec.parentRefs, namespace, gateway, false);
      if (!named.length || attachedListeners(spec.parentRefs, namespace, gateway).length) return [];
      const listens = [...new Set(named.map((listener) => admitted(listener, gateway)))].join('; ');
      return [
        {
          path: ['traefik', 'values', 'extraObjects', i, ...(metadata.namespace === undefined ? [] : ['metadata', 'namespace'])],
          message:
            `puts the HTTPRoute in namespace "${namespace}", but Gateway ${gateway.namespace}/${gateway.name} admits only routes of ` +
            `${listens}, so the Gateway would refuse the route: add the namespace to ${key}, or move the route`,
        },
      ];
    }),
  );
}

/** A path of an HTTPRoute match, with its key path; `narrowed`: the match also names a method, headers or query parameters. */
interface MatchPath {
  readonly prefix: string;
  readonly at: Path;
  readonly narrowed: boolean;
  /** An Exact path (85a-3): it takes only its own path, but that one from a PathPrefix of the same value. */
  readonly exact?: boolean;
}

/**
 * The paths of type `type` of an HTTPRoute's matches, with their key path. The CRD's defaults count: no rules, no
 * matches or no path is PathPrefix `/`. Other path types are left alone, as the IngressRoute rule leaves other forms.
 */
function pathsOf(spec: Values, type: 'PathPrefix' | 'Exact' | 'RegularExpression'): MatchPath[] {
  const rules = Array.isArray(spec.rules) ? spec.rules : [{}];
  return rules.flatMap((rule: unknown, j: number) => {
    const matches = isMap(rule) && Array.isArray(rule.matches) && rule.matches.length ? rule.matches : [{}];
    return matches.flatMap((match: unknown, k: number) => {
      if (!isMap(match)) return [];
      const path = isMap(match.path) ? match.path : {};
      const prefix = path.value ?? '/';
      if ((path.type ?? 'PathPrefix') !== type || typeof prefix !== 'string') return [];
      const exact = type === 'Exact';
      const narrowed = exact || ['headers', 'queryParams', 'method'].some((key) => match[key] !== undefined);
      const at: Path = isMap(rule) && Array.isArray(rule.matches) ? ['rules', j, 'matches', k] : ['rules', j];
      return [{ prefix, at, narrowed, ...(exact && { exact }) }];
    });
  });
}

/** The matches of a path alone: the routers the HTTP-01 and Ingress rules read (a narrowed one may miss their requests). */
const simple = (paths: readonly MatchPath[]): MatchPath[] => paths.filter(({ narrowed }) => !narrowed);

/** An `extraObjects` HTTPRoute attached to a judged Gateway: its item, listeners, hostnames and path prefixes and regexps. */
interface ExtraRoute {
  readonly item: number;
  readonly listeners: readonly Listener[];
  readonly hostnames: readonly string[];
  readonly prefixes: readonly MatchPath[];
  readonly regexps: readonly MatchPath[];
}

/**
 * 83a-18: a match that adds a method, headers or query parameters to another route's host and path does not step aside:
 * among equal paths Gateway API gives precedence to a method match, then the most header matches, then the most query
 * matches (gateway-api apis/v1/httproute_types.go, HTTPRouteRule `matches`), so it takes every request it matches.
 */
const narrowedRouteMessage = (host: string, path: string, owner: string): string =>
  `host "${host}" with path "${path}" is already routed by ${owner}, and a method, header or query match does not step aside: ` +
  `Gateway API precedence gives the requests it matches to it, not to ${owner} (HTTPRouteRule matches), so only one of ` +
  'the two would get them: change the host or the path';

/**
 * 85a-3: an Exact path outranks every PathPrefix (Gateway API precedence, HTTPRouteRule `matches`: "Exact path match"
 * first; Traefik ranks it from 100000, gateway/model.ts), so an Exact match of another route's prefix takes that path.
 */
const exactRouteMessage = (host: string, path: string, owner: string): string =>
  `host "${host}" with path "${path}" is already routed by ${owner}, and an Exact match of that path outranks its PathPrefix ` +
  `(Gateway API precedence: an Exact path first), so requests for "${path}" itself would go here, not to ${owner}: ` +
  'change the host or the path';

function extraRoutes(values: Values, gateway: RouteGateway): ExtraRoute[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  return items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object) => {
      const { apiVersion, kind } = object;
      if (kind !== 'HTTPRoute' || typeof apiVersion !== 'string' || apiGroup(apiVersion) !== GROUP) return [];
      const spec = isMap(object.spec) ? object.spec : {};
      const metadata = isMap(object.metadata) ? object.metadata : {};
      const listeners = attachedListeners(spec.parentRefs, String(metadata.namespace ?? GATEWAY_NAMESPACE), gateway);
      const hostnames = Array.isArray(spec.hostnames) ? spec.hostnames.filter((name) => typeof name === 'string') : [];
      const paths = {
        prefixes: [...pathsOf(spec, 'PathPrefix'), ...pathsOf(spec, 'Exact')],
        regexps: pathsOf(spec, 'RegularExpression'),
      };
      return listeners.length ? [{ item: i, listeners, hostnames, ...paths }] : [];
    }),
  );
}

/** Whether a listener takes requests for `host` (one without a hostname takes every host). */
const listens = (listener: Listener, host: string) => !listener.hostname || hostMatches(listener.hostname, host);

/**
 * The Gateway routes' checks on `extraObjects` HTTPRoutes attached to `gateway`, the tool's or the chart's own
 * (gateway/route-gateways.ts), the same as on `httpRoutes` (gateway/rules.ts), as both deploy the same HTTPRoute:
 * - errors: one on a listener, hostname and path prefix another route of the Gateway (an earlier one of
 *   `httpRoutes` or of `extraObjects`) already has, so only one of the two gets the traffic;
 * - errors (72a-4): one from a namespace the listeners it names do not admit, which the Gateway refuses;
 * - warnings: one taking a host an Ingress routes, fine while the host moves (model.ts alsoIngressMessage).
 * HTTPRoutes attached to other Gateways are left alone.
 */
export function gatewayRouteProblems(config: ClusterConfig, gateway: RouteGateway): { errors: Problem[]; warnings: Problem[] } {
  const at = (item: number, ...keys: Path): Path => ['traefik', 'values', 'extraObjects', item, 'spec', ...keys];
  const routes = extraRoutes(config.traefik.values ?? {}, gateway);
  // The tool's Gateway admits the namespaces of traefik.gateway.routeNamespaces (else of httpRoutes); the chart's, its listeners' namespacePolicy.
  const key =
    gateway.admissionKey ??
    (config.traefik.gateway ? 'traefik.gateway.routeNamespaces' : 'traefik.values.gateway.listeners.<name>.namespacePolicy');
  // Listener name and routeKey -> the route already there. A TLS route sits on its host's HTTPS listener alone
  // (parentRefs sectionName, gateway/http-route.ts); a plain one on every listener that takes its host.
  const owners = new Map<string, string>();
  const place = (listener: string, host: string, path: string) => `${listener} ${routeKey(host, path)}`;
  gateway.routes.forEach((route, n) => {
    const listeners = route.tls
      ? [httpsListenerName(route.host)]
      : gateway.listeners.filter((l) => listens(l, route.host)).map((l) => l.name);
    for (const listener of listeners) {
      const key = place(listener, route.host, route.path);
      if (!owners.has(key)) owners.set(key, `httpRoutes[${n}]`);
    }
  });
  // 70b-21: a TLS host's redirect route holds `/` of the HTTP listener (https-redirect.ts), as gateway/rules.ts tells httpRoutes.
  for (const host of gateway.redirects) {
    const key = place(HTTP_LISTENER, host, '/');
    if (!owners.has(key)) owners.set(key, `the Gateway's HTTPS redirect of "${host}" (its httpRoutes have tls)`);
  }
  // Plain matches take their place in order, the earlier one holding it; a narrowed match meets any plain route on its
  // place, earlier or later (two narrowed ones may split the requests, by method for instance).
  const found = new Map<string, Problem>();
  for (const narrowed of [false, true])
    for (const { item, listeners, hostnames, prefixes } of routes) {
      const owner = `traefik.values.extraObjects[${item}]`;
      for (const host of hostnames)
        for (const { prefix, at: keys, exact } of prefixes.filter((p) => p.narrowed === narrowed))
          for (const listener of listeners.filter((l) => listens(l, host))) {
            const key = place(listener.name, host, prefix);
            const first = owners.get(key);
            if (!narrowed && first === undefined) owners.set(key, owner);
            if (first === undefined || first === owner) continue;
            const path = at(item, ...keys);
            const message = exact ? exactRouteMessage : narrowed ? narrowedRouteMessage : sameRouteMessage;
            found.set(path.join('.'), { path, message: message(host, prefix, first) });
          }
    }
  // 84b-7: a RegularExpression path on a host an httpRoutes entry routes: Traefik ranks a route by the length of its rule
  // (traefik/traefik pkg/provider/kubernetes/gateway, the router priority of a match), so a regexp such as `/.*` may outrank the
  // entry's prefix for every request of the host; Gateway API leaves the regexp's precedence to the implementation.
  const hostOwners = new Map<string, string>();
  gateway.routes.forEach((route, n) => {
    for (const listener of gateway.listeners.filter((l) => listens(l, route.host))) {
      const key = `${listener.name} ${routeKey(route.host, '')}`;
      if (!hostOwners.has(key)) hostOwners.set(key, `httpRoutes[${n}]`);
    }
  });
  for (const { item, listeners, hostnames, regexps } of routes)
    for (const host of hostnames)
      for (const { prefix, at: keys } of regexps)
        for (const listener of listeners.filter((l) => listens(l, host))) {
          const owner = hostOwners.get(`${listener.name} ${routeKey(host, '')}`);
          const path = at(item, ...keys);
          if (owner !== undefined && !found.has(path.join('.')))
            found.set(path.join('.'), {
              path,
              message:
                `host "${host}" is routed by ${owner}, and a RegularExpression path (${JSON.stringify(prefix)}) on it may outrank ` +
                "the entry's path for all of the host's requests (Traefik ranks routes by the length of their rule): change the host, " +
                'or use a PathPrefix path',
            });
        }
  const errors = [...found.values()];
  // The first Ingress of each host, as gateway/rules.ts names it. A host whose Ingresses all have a certResolver has
  // TLS routers only (RouteOwner.tls, extra-routes.ts): plain HTTP on an HTTP listener never meets them.
  const ingressHosts = new Map<string, number>();
  config.ingresses.forEach(({ host }, n) => ingressHosts.set(host, ingressHosts.get(host) ?? n));
  const tlsOnly = (host: string) => config.ingresses.every((ingress) => ingress.host !== host || !!ingress.tls?.certResolver);
  const warnings = routes.flatMap(({ item, listeners, hostnames, prefixes }) =>
    [...ingressHosts].flatMap(([host, n]): Problem[] => {
      if (!listeners.some((listener) => listens(listener, host) && (listener.tls || !tlsOnly(host)))) return [];
      // Only PathPrefix `/` matches: Traefik ranks the route below the Ingress (gateway/model.ts GATEWAY_CATCH_ALL_LOSES).
      const plain = simple(prefixes);
      const also = alsoIngressMessage(`ingresses[${n}]`, plain.length > 0 && plain.every(({ prefix }) => prefix === '/'));
      if (!hostnames.length) {
        return [
          {
            path: at(item, 'hostnames'),
            message: `are none, so the route takes every host of its listeners, "${host}" too, which ${also}`,
          },
        ];
      }
      const k = hostnames.findIndex((name) => hostMatches(name, host));
      if (k < 0) return [];
      const name = hostnames[k];
      return [
        { path: at(item, 'hostnames', k), message: name === host ? `"${host}" ${also}` : `"${name}" takes "${host}", which ${also}` },
      ];
    }),
  );
  return { errors: [...unadmittedRouteProblems(config.traefik.values ?? {}, gateway, key), ...errors], warnings };
}

/**
 * The routers Traefik builds from the `extraObjects` HTTPRoutes on `gateway`, for the HTTP-01 challenge rule of
 * gateway/rules.ts (69b-11): one per listener, host and simple path prefix or regexp (70b-3); a listener on TLS serves
 * websecure. A route without hostnames takes its listener's, or every host (`*`).
 */
export function extraGatewayRouters(config: ClusterConfig, gateway: RouteGateway): GatewayRouter[] {
  return extraRoutes(config.traefik.values ?? {}, gateway).flatMap(({ item, listeners, hostnames, prefixes, regexps }) =>
    listeners.flatMap((listener) => {
      const hosts = hostnames.length ? hostnames.filter((host) => listens(listener, host)) : [listener.hostname ?? '*'];
      const paths = [...simple(prefixes).map((p) => ({ ...p, regexp: false })), ...simple(regexps).map((p) => ({ ...p, regexp: true }))];
      return hosts.flatMap((host) =>
        paths.map(({ prefix, at, regexp }) => ({
          entryPoint: listener.tls ? ('websecure' as const) : ('web' as const),
          host,
          path: prefix,
          regexp,
          at: ['traefik', 'values', 'extraObjects', item, 'spec', ...at],
          what: `its route on Gateway ${gateway.namespace}/${gateway.name}`,
        })),
      );
    }),
  );
}
