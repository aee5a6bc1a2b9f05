import { formatPath, type Path, type Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { apiGroup } from '../validate/kinds';
import { traefikFlags } from '../traefik/arguments';
import { readChartVersion } from '../traefik/chart-versions';
import { renderedChartIngressRoutes } from '../traefik/chart-ingress-routes';
import { CHART_ENTRYPOINTS } from '../traefik/entrypoints';
import { renderedObjects } from '../traefik/extra-objects';

type Values = Readonly<Record<string, unknown>>;

/** An entrypoint's protocol as Traefik will have it, and what makes it so (for a message). */
export interface EntrypointLayer {
  readonly protocol: 'TCP' | 'UDP';
  readonly said: string;
}

/** Traefik's reading of an address' protocol (pkg/config/static entrypoints.go `GetProtocol`, v2.11.0 and v3.6.0). */
function addressProtocol(address: string): 'TCP' | 'UDP' | undefined {
  const slash = address.indexOf('/');
  const protocol = slash < 0 ? 'tcp' : address.slice(slash + 1).toLowerCase();
  return protocol === 'tcp' ? 'TCP' : protocol === 'udp' ? 'UDP' : undefined;
}

/**
 * The protocol of each entrypoint (68b-8): the chart writes `ports.<name>` as
 * `--entryPoints.<name>.address=<hostIP>:<port>/<protocol, lower-cased, tcp by default>` (traefik/traefik-helm-chart
 * templates/_podtemplate.tpl, v20.1.1 to v41.3.0), and Traefik takes the protocol from that address alone; an
 * `--entrypoints.<name>.address` flag in the values' arguments replaces it (Traefik reads them after the chart's, the last
 * wins; the name in any case, as this tool reads entrypoint flags). No other flag of the entrypoint (timeouts,
 * forwarded headers, HTTP options) changes what it is. Undefined where this tool cannot tell: no such entrypoint (the
 * entrypoint-name rules judge it) or a protocol Traefik refuses (it then does not start).
 */
export function entrypointLayers(values: Values, prefix: Path, chartVersion: string): (name: string) => EntrypointLayer | undefined {
  const addresses = new Map<string, { address: string; path: Path }>();
  for (const flag of traefikFlags(values, prefix, chartVersion)) {
    const name = /^entrypoints\.([^.]+)\.address$/.exec(flag.name)?.[1];
    if (name !== undefined && flag.value !== undefined) addresses.set(name, { address: flag.value, path: flag.path });
  }
  const ports = isMap(values.ports) ? values.ports : {};
  return (name) => {
    const flag = addresses.get(name.toLowerCase());
    if (flag) {
      const protocol = addressProtocol(flag.address);
      return protocol && { protocol, said: `(the --entrypoints.${name}.address flag at ${formatPath(flag.path)})` };
    }
    const own = Object.hasOwn(ports, name) ? ports[name] : undefined;
    // `ports: null` or `ports.<name>: null` drops the entrypoint; a name the chart does not have is not one.
    if (own === null || values.ports === null || (own === undefined && !CHART_ENTRYPOINTS.includes(name))) return undefined;
    // `default "tcp" $config.protocol`: an empty text is the default too.
    const written = isMap(own) && typeof own.protocol === 'string' && own.protocol !== '' ? own.protocol : undefined;
    if (written === undefined) return { protocol: 'TCP', said: "(the chart's default)" };
    const protocol = addressProtocol(`/${written}`);
    return protocol && { protocol, said: `(ports.${name}.protocol)` };
  };
}

/** A router that names entrypoints: what it is, for a message, and the protocol of the entrypoints Traefik builds it on. */
export interface LayeredRouter {
  readonly what: string;
  readonly protocol: 'TCP' | 'UDP';
}

/**
 * 68b-9, 67b-3: Traefik sorts its entrypoints by protocol and builds its HTTP and TCP routers on the TCP ones only, its
 * UDP routers on the UDP ones only (traefik/traefik pkg/server/routerfactory.go `NewRouterFactory` and `CreateRouters`,
 * v2.11.0 and v3.6.0); a router naming an entrypoint of the other kind gets "entryPoint ... doesn't exist" there
 * (pkg/config/runtime runtime_http.go, runtime_tcp.go, runtime_udp.go `Get*RoutersByEntryPoints`) and never serves on it.
 */
export function wrongLayerProblems(
  entryPoints: unknown,
  at: Path,
  layerOf: (name: string) => EntrypointLayer | undefined,
  router: LayeredRouter,
): Problem[] {
  if (!Array.isArray(entryPoints)) return [];
  const fix =
    router.protocol === 'UDP'
      ? 'name a UDP entrypoint (ports.<name>.protocol: UDP)'
      : 'name a TCP entrypoint (such as websecure, or one whose ports.<name>.protocol is TCP)';
  return entryPoints.flatMap((name, i): Problem[] => {
    const layer = typeof name === 'string' ? layerOf(name) : undefined;
    if (!layer || layer.protocol === router.protocol) return [];
    return [
      {
        path: [...at, i],
        message:
          `names entrypoint ${String(name)}, which is ${layer.protocol} ${layer.said}, and Traefik builds ${router.what} on ` +
          `${router.protocol} entrypoints only, so the route never serves: ${fix}`,
      },
    ];
  });
}

const CRD_ROUTERS: Readonly<Record<string, LayeredRouter>> = {
  IngressRoute: { what: "an IngressRoute's router", protocol: 'TCP' },
  IngressRouteTCP: { what: "an IngressRouteTCP's router", protocol: 'TCP' },
  IngressRouteUDP: { what: "an IngressRouteUDP's router", protocol: 'UDP' },
};

/** The Traefik route objects (extraObjects, the chart's `ingressRoute.<name>` as rendered) naming an entrypoint of the other protocol. */
export function routeObjectLayerProblems(
  values: Values,
  prefix: Path,
  chartVersion: string,
  layerOf: (name: string) => EntrypointLayer | undefined,
): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const fromItems = items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object): Problem[] => {
      const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
      const router = typeof object.kind === 'string' && Object.hasOwn(CRD_ROUTERS, object.kind) ? CRD_ROUTERS[object.kind] : undefined;
      if (!router || (group !== 'traefik.io' && group !== 'traefik.containo.us') || !isMap(object.spec)) return [];
      return wrongLayerProblems(object.spec.entryPoints, [...prefix, 'values', 'extraObjects', i, 'spec', 'entryPoints'], layerOf, router);
    }),
  );
  const fromChart = renderedChartIngressRoutes(values, readChartVersion(chartVersion)).flatMap((route) =>
    wrongLayerProblems(
      route.entryPoints,
      [...prefix, 'values', 'ingressRoute', route.name, 'entryPoints'],
      layerOf,
      CRD_ROUTERS.IngressRoute,
    ),
  );
  return [...fromItems, ...fromChart];
}
