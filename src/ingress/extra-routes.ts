import { Path, Problem } from '../core/problem';
import { chartIngressRoutes, renderedObjects } from '../traefik/extra-objects';
import { apiGroup } from '../validate/kinds';

type Values = Readonly<Record<string, unknown>>;
const isMap = (value: unknown): value is Values => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A route as the duplicate-route rule compares them: host in lower case without one trailing dot (Traefik's Host
 * matcher takes `a.b.` for `a.b`: traefik/traefik pkg/muxer/http/matcher.go `host`, v3), path with one trailing
 * slash (pathType Prefix).
 */
export const routeKey = (host: string, path: string): string => `${host.toLowerCase().replace(/\.$/, '')}${path.replace(/\/+$/, '')}/`;

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
 * be, so only one gets the traffic. A route on entrypoints that are neither web nor websecure does not meet them.
 */
export function extraRouteProblems(values: Values, prefix: Path, routes: ReadonlyMap<string, string>): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  // The chart's own IngressRoutes are judged as an extraObjects one is.
  const fromChart = chartIngressRoutes(values).flatMap(([name, config]) => {
    const entryPoints = Array.isArray(config.entryPoints) ? config.entryPoints : [];
    if (entryPoints.length && !entryPoints.some((entry) => entry === 'web' || entry === 'websecure')) return [];
    const simple = simpleRoute(config.matchRule);
    const owner = simple && routes.get(routeKey(simple.host, simple.path));
    return owner
      ? [{ path: [...prefix, 'values', 'ingressRoute', name, 'matchRule'], message: sameRouteMessage(simple.host, simple.path, owner) }]
      : [];
  });
  return [...fromChart, ...extraItemRouteProblems(items, prefix, routes)];
}

/** The routes of `extraObjects` IngressRoutes that an Ingress already routes. */
function extraItemRouteProblems(items: readonly unknown[], prefix: Path, routes: ReadonlyMap<string, string>): Problem[] {
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
        return owner
          ? [
              {
                path: [...prefix, 'values', 'extraObjects', i, 'spec', 'routes', j, 'match'],
                message: sameRouteMessage(simple.host, simple.path, owner),
              },
            ]
          : [];
      });
    }),
  );
}
