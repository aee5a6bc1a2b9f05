import { Path, Problem } from '../core/problem';
import { chartIngressRoutes, renderedObjects } from '../traefik/extra-objects';
import { apiGroup } from '../validate/kinds';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;

/**
 * A route as the duplicate-route rule compares them: host in lower case without one trailing dot (Traefik's Host
 * matcher takes `a.b.` for `a.b`: traefik/traefik pkg/muxer/http/matcher.go `host`, v3), path with one trailing
 * slash (pathType Prefix).
 */
export const routeKey = (host: string, path: string): string => `${host.toLowerCase().replace(/\.$/, '')}${path.replace(/\/+$/, '')}/`;

/** An Ingress holding a route: `ingresses[0]`, and whether its routers are TLS routers (they then match HTTPS only). */
export interface RouteOwner {
  readonly owner: string;
  readonly tls: boolean;
}

/**
 * Whether an IngressRoute on `entryPoints` (none: every entrypoint) with `tls` meets a route of `owner`. An Ingress'
 * routers are TLS routers only through a `router.tls*` annotation (traefik/traefik pkg/provider/kubernetes/ingress
 * kubernetes.go loadRouter, v3.6: `rt.TLS = rtConfig.Router.TLS`; `spec.tls` only loads certificates), which this tool
 * writes for a certResolver (router.tls.certresolver); plain HTTP never matches them, so only an IngressRoute serving
 * HTTPS meets them: one with `tls` (the CRD provider makes TLS routers of a non-nil `spec.tls`), or on websecure, which
 * the chart makes TLS (`ports.websecure.tls.enabled`). Other Ingresses' routers are on every entrypoint, plain or TLS.
 */
function meets(owner: RouteOwner, entryPoints: readonly unknown[], tls: unknown): boolean {
  if (!owner.tls) return true;
  return (tls !== undefined && tls !== null) || !entryPoints.length || entryPoints.includes('websecure');
}

/** The duplicate-route rule's message, for the route of `host` and `path` already routed by `owner` (`ingresses[0]`). */
export const sameRouteMessage = (host: string, path: string, owner: string): string =>
  `host "${host}" with path "${path}" is already routed by ${owner}; only one of the two would get the traffic: change the host or the path`;

/**
 * The host and path of a router rule in the two simple forms, ``Host(`a`)`` (every path: `/`) and
 * ``Host(`a`) && PathPrefix(`/p`)``, with backquotes or double quotes; any other rule is left alone.
 */
function simpleRoute(match: unknown): { host: string; path: string } | undefined {
  if (typeof match !== 'string') return undefined;
  const quoted = '(?:`([^`]+)`|"([^"]+)")';
  const found = new RegExp(`^\\s*Host\\(\\s*${quoted}\\s*\\)(?:\\s*&&\\s*PathPrefix\\(\\s*${quoted}\\s*\\))?\\s*$`).exec(match);
  if (!found) return undefined;
  const host = found[1] ?? found[2];
  const path = found[3] ?? found[4] ?? '/';
  return path.startsWith('/') ? { host, path } : undefined;
}

/**
 * `extraObjects` IngressRoutes (traefik.io, or the older traefik.containo.us) whose route has the host and path of
 * one of `routes` (the first-class Ingresses, by routeKey): two routers on one host and path, as two Ingresses would
 * be, so only one gets the traffic. A route on entrypoints that are neither web nor websecure does not meet them, nor
 * a plain-HTTP one a TLS Ingress' (meets).
 */
export function extraRouteProblems(values: Values, prefix: Path, routes: ReadonlyMap<string, RouteOwner>): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  // The chart's own IngressRoutes are judged as an extraObjects one is.
  const fromChart = chartIngressRoutes(values).flatMap(([name, config]) => {
    const entryPoints = Array.isArray(config.entryPoints) ? config.entryPoints : [];
    if (entryPoints.length && !entryPoints.some((entry) => entry === 'web' || entry === 'websecure')) return [];
    const simple = simpleRoute(config.matchRule);
    const owner = simple && routes.get(routeKey(simple.host, simple.path));
    // The chart renders `tls: {{ toYaml $config.tls }}` (templates/ingressroute.yaml): unset is null, no TLS.
    return owner && meets(owner, entryPoints, config.tls)
      ? [
          {
            path: [...prefix, 'values', 'ingressRoute', name, 'matchRule'],
            message: sameRouteMessage(simple.host, simple.path, owner.owner),
          },
        ]
      : [];
  });
  return [...fromChart, ...extraItemRouteProblems(items, prefix, routes)];
}

/** The routes of `extraObjects` IngressRoutes that an Ingress already routes. */
function extraItemRouteProblems(items: readonly unknown[], prefix: Path, routes: ReadonlyMap<string, RouteOwner>): Problem[] {
  return items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object) => {
      const { apiVersion, kind } = object;
      const group = typeof apiVersion === 'string' ? apiGroup(apiVersion) : '';
      if (kind !== 'IngressRoute' || (group !== 'traefik.io' && group !== 'traefik.containo.us')) return [];
      const spec = isMap(object.spec) ? object.spec : {};
      const entryPoints = Array.isArray(spec.entryPoints) ? spec.entryPoints : [];
      if (entryPoints.length && !entryPoints.some((name) => name === 'web' || name === 'websecure')) return [];
      const list = Array.isArray(spec.routes) ? spec.routes : [];
      return list.flatMap((route: unknown, j: number) => {
        const simple = isMap(route) ? simpleRoute(route.match) : undefined;
        const owner = simple && routes.get(routeKey(simple.host, simple.path));
        return owner && meets(owner, entryPoints, spec.tls)
          ? [
              {
                path: [...prefix, 'values', 'extraObjects', i, 'spec', 'routes', j, 'match'],
                message: sameRouteMessage(simple.host, simple.path, owner.owner),
              },
            ]
          : [];
      });
    }),
  );
}
